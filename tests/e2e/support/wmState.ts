/**
 * What the app asks the window manager about its windows' state (above, sticky…): the
 * _NET_WM_STATE requests it sends to the root window, heard by wm_state_requests.py (python3-xlib).
 * Under Xvfb no window manager applies them, so the request is what there is to check.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentEnvironment } from './environment.ts';
import { pollUntil, startProcess, stopProcess } from './processes.ts';

export interface WmStateRequest {
  window: number;
  title: string | null;
  action: 'add' | 'remove' | 'toggle';
  states: string[];
}

const LISTENER = join(dirname(fileURLToPath(import.meta.url)), 'wm_state_requests.py');
/** Debian's python3, which has python3-xlib (not whatever python3 comes first on PATH). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export class WmStateRequests {
  private constructor(private readonly listener: ChildProcess, private readonly log: string) {}

  /** Starts listening; resolves once the listener hears the root window. */
  static async listen(): Promise<WmStateRequests> {
    const log = join(dirname(currentEnvironment().dataDir), 'wm-state-requests.log');
    const listener = startProcess(PYTHON, [LISTENER], { logFile: log });
    const requests = new WmStateRequests(listener, log);
    await pollUntil(() => {
      if (listener.exitCode !== null) throw new Error(`wm_state_requests.py exited early; see ${log}`);
      return requests.lines().some((line) => line.includes('"listening"'));
    }, `wm_state_requests.py did not start listening; see ${log}`);
    return requests;
  }

  /** Every request heard so far. */
  heard(): WmStateRequest[] {
    return this.lines().filter((line) => line.startsWith('{"window"')).map((line) => JSON.parse(line) as WmStateRequest);
  }

  /** Waits until a request for the window titled `title` adds `state`. */
  async waitForAdded(title: string, state: string): Promise<void> {
    await pollUntil(
      () => this.heard().some((r) => r.title === title && r.action === 'add' && r.states.includes(state)),
      `no request to add ${state} to "${title}"; heard: ${JSON.stringify(this.heard())}`,
    );
  }

  async stop(): Promise<void> {
    await stopProcess(this.listener);
  }

  private lines(): string[] {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').split('\n') : [];
  }
}
