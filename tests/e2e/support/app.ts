/** The app process under test: finding it, killing it hard, launching it again. */
import { browser } from '@wdio/globals';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appBinary } from './paths.ts';
import { currentEnvironment } from './environment.ts';
import { findDescendantsNamed, isAlive, pollUntil } from './processes.ts';
import { byRole } from './roles.ts';

/** The app's process name as the kernel keeps it: its file name, cut to 15 characters. */
const appProcessName = () => basename(appBinary()).slice(0, 15);

/** The pid of the running app: the `stint` process below this spec's tauri-driver. */
export function appPid(): number {
  const pids = findDescendantsNamed(currentEnvironment().driverPid, appProcessName());
  if (pids.length !== 1) {
    throw new Error(`expected one ${appProcessName()} process below tauri-driver, found ${JSON.stringify(pids)}`);
  }
  return pids[0];
}

/**
 * Starts a second `stint` on this spec's data directory with `args` (as the desktop does for a
 * `stint://` link) and waits up to 10 s for it to exit; returns its exit status, or the name of the
 * signal that ended it (a crash: 'SIGSEGV').
 */
export async function secondLaunch(args: string[] = []): Promise<number | NodeJS.Signals> {
  const { dataDir } = currentEnvironment();
  const second = spawn(appBinary(), args, { env: { ...process.env, STINT_DATA_DIR: dataDir }, stdio: 'ignore' });
  let ending: number | NodeJS.Signals | undefined;
  second.once('exit', (code, signal) => {
    ending = code ?? signal ?? undefined;
  });
  try {
    await pollUntil(() => ending !== undefined, 'the second launch is still running after 10 s');
  } finally {
    if (ending === undefined) second.kill('SIGKILL');
  }
  return ending!;
}

/** Kills the app with SIGKILL — no chance to clean up, like a crash or a power cut — and waits for it to be gone. */
export async function killApp(): Promise<void> {
  const pid = appPid();
  process.kill(pid, 'SIGKILL');
  await pollUntil(() => !isAlive(pid), `the app (pid ${pid}) survived SIGKILL`);
}

/** Starts a fresh app on the same data directory (a new WebDriver session) and waits for its UI. */
export async function relaunchApp(): Promise<void> {
  await browser.reloadSession();
  await waitForAppReady();
}

const X11_WINDOW = fileURLToPath(new URL('../footprint/x11_window.py', import.meta.url));

/** The titles of the app's top-level X11 windows (the native titles, not the page's). */
export function windowTitles(): string[] {
  const out = execFileSync('/usr/bin/python3', [X11_WINDOW, 'titles', String(appPid())], { encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

/** The UI is up once its navigation is there. */
export async function waitForAppReady(): Promise<void> {
  await byRole('navigation', 'Views', { timeoutMs: 30_000 });
}

/**
 * After a failure: writes every thread's stack of the app to `file` (with gdb, when installed), so a
 * stalled runner or a blocked main thread can be seen in the run's files. Never throws.
 */
export function dumpAppThreads(file: string): void {
  try {
    const stacks = execFileSync('gdb', ['-batch', '-p', String(appPid()), '-ex', 'thread apply all bt'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    writeFileSync(file, stacks);
  } catch (error) {
    console.error(`[e2e] no thread dump of the app: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
}
