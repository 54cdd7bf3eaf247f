/**
 * The WebKit tuning (src-tauri/src/webview_env.rs) is in force from the first instruction of the app's
 * own process, not only in the web processes it starts: WebKit's allocator reads `Malloc` while the
 * libraries load, before `main`. /proc/<pid>/environ holds the environment a process image started
 * with, so it shows whether the app restarted itself with the tuning. Launched as the tests launch it
 * (tauri-driver), with none of the variables set.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appPid, waitForAppReady } from '../support/app.ts';
import { findDescendantsNamed } from '../support/processes.ts';

const TUNING = {
  WEBKIT_DISABLE_COMPOSITING_MODE: '1',
  WEBKIT_DISABLE_MEMORY_PRESSURE_MONITOR: '1',
  JSC_useJIT: '0',
  Malloc: '1',
};

/** The environment `pid`'s program image started with. */
function startingEnvironment(pid: number): Record<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

function assertTuned(pid: number, what: string): void {
  const environment = startingEnvironment(pid);
  for (const [name, value] of Object.entries(TUNING)) {
    assert.equal(environment[name], value, `${what} (pid ${pid}) started without ${name}=${value}`);
  }
}

describe('the WebKit tuning', () => {
  before(async () => {
    for (const name of Object.keys(TUNING)) {
      assert.equal(process.env[name], undefined, `the test runner itself has ${name} set, so this spec proves nothing`);
    }
    await waitForAppReady();
  });

  it('is in the app process from its start (it restarted itself with it)', () => {
    assertTuned(appPid(), 'the app');
  });

  it('reaches the web process', () => {
    const webProcesses = findDescendantsNamed(appPid(), 'WebKitWebProces');
    assert.ok(webProcesses.length > 0, 'no WebKitWebProcess below the app');
    for (const pid of webProcesses) assertTuned(pid, 'a web process');
  });
});
