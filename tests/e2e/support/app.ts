/** The app process under test: finding it, killing it hard, launching it again. */
import { browser } from '@wdio/globals';
import { currentEnvironment } from './environment.ts';
import { findDescendantsNamed, isAlive, pollUntil } from './processes.ts';
import { byRole } from './roles.ts';

const APP_PROCESS_NAME = 'stint';

/** The pid of the running app: the `stint` process below this spec's tauri-driver. */
export function appPid(): number {
  const pids = findDescendantsNamed(currentEnvironment().driverPid, APP_PROCESS_NAME);
  if (pids.length !== 1) {
    throw new Error(`expected one ${APP_PROCESS_NAME} process below tauri-driver, found ${JSON.stringify(pids)}`);
  }
  return pids[0];
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

/** The UI is up once its navigation is there. */
export async function waitForAppReady(): Promise<void> {
  await byRole('navigation', 'Views', { timeoutMs: 30_000 });
}
