/**
 * Starting, finding and stopping the processes around the app under test
 * (tauri-driver, the notification daemon, the app itself).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr go here (appended), so a failing run can be read afterwards. */
  logFile: string;
}

/** Spawns a long-running helper; fails loudly if it exits before `stopProcess`. */
export function startProcess(command: string, args: string[], options: StartOptions): ChildProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.on('error', (error) => {
    console.error(`could not start ${command}: ${error.message} (log: ${options.logFile})`);
  });
  return child;
}

/** Stops a child: SIGTERM, then SIGKILL if it lingers. Resolves once it has exited. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 3000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Waits until something accepts TCP connections on localhost:port, or the child dies. */
export async function waitForPort(port: number, child: ChildProcess, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before listening on port ${port}`);
    }
    if (await portAccepts(port)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs} ms`);
}

/** Whether something accepts TCP connections on localhost:port right now. */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until `condition` holds, polling; throws `message` on timeout. */
export async function pollUntil(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error(message);
}

/** Direct children of `pid` (from /proc, so it works for processes we did not spawn). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}

/** All descendants of `pid`, depth first. */
export function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined; // the process ended while we looked
  }
}

/** The pids of processes named exactly `name` below `ancestor` (pgrep by name, filtered by ancestry). */
export function findDescendantsNamed(ancestor: number, name: string): number[] {
  let pids: number[];
  try {
    pids = execFileSync('pgrep', ['-x', name], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
  const below = new Set(descendantsOf(ancestor));
  return pids.filter((pid) => below.has(pid));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return parentOf(pid) !== undefined && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}
