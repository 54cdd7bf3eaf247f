/**
 * More than one Stint in one spec (the live room: a host, a member, a third user). The spec's first
 * app is wdio's own `browser`, in the environment of environment.ts; each further instance gets a world
 * of its own, as a second computer would have:
 *
 * - its own data directory (STINT_DATA_DIR), so its own database, settings and single-instance socket;
 * - its own D-Bus session (a private dbus-daemon), with its own notification daemon and call log, so
 *   its notifications are told apart from the others' and no keyring is shared;
 * - its own tauri-driver and WebKitWebDriver on free ports, driven through its own WebDriver session
 *   (webdriverio's `remote`, the same capabilities as wdio.conf.ts).
 *
 * The helpers (roles.ts, flows.ts) act on wdio's global `browser`; `on(instance, work)` points those
 * globals at another instance while `work` runs. Calls to `on` must not overlap (await each).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { startMockService } from './dbusmock.ts';
import { appBinary, outputDir } from './paths.ts';
import { pollUntil, startProcess, stopProcess, waitForPort } from './processes.ts';

export interface Instance {
  name: string;
  browser: WebdriverIO.Browser;
  runDir: string;
  dataDir: string;
  notificationLog: string;
  /** Ends the WebDriver session (so the app), then tauri-driver, the notification daemon and the bus. */
  stop(): Promise<void>;
}

/**
 * Starts one more Stint named `name` (for its files: tests/out/e2e/<name>-…), with `env` added to the
 * app's environment. Several can start side by side; then wait for each window with
 * `on(instance, waitForAppReady)`, one after the other.
 */
export async function launchInstance(name: string, env: Record<string, string> = {}): Promise<Instance> {
  const runDir = mkdtempSync(join(outputDir, `${name}-`));
  const dataDir = join(runDir, 'data');
  mkdirSync(dataDir);
  const helpers: ChildProcess[] = [];
  const stopHelpers = async () => {
    for (const helper of helpers.reverse()) await stopProcess(helper);
  };
  try {
    const socket = join(runDir, 'bus');
    const address = `unix:path=${socket}`;
    helpers.push(startProcess('dbus-daemon', ['--session', '--nofork', '--nopidfile', `--address=${address}`], {
      logFile: join(runDir, 'dbus-daemon.log'),
    }));
    await pollUntil(() => existsSync(socket), `${name}: the private D-Bus session did not start`);
    const busEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };

    const notificationLog = join(runDir, 'notifications.log');
    helpers.push(await startMockService({
      busName: 'org.freedesktop.Notifications',
      objectPath: '/org/freedesktop/Notifications',
      template: 'notification_daemon',
      callLog: notificationLog,
      outputFile: join(runDir, 'dbusmock.out'),
      env: busEnv,
    }));

    const port = await freePort();
    let nativePort = await freePort();
    while (nativePort === port) nativePort = await freePort();
    const driver = startProcess('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
      env: {
        STINT_UPDATE_URL: 'http://127.0.0.1:9/latest.json',
        ...busEnv,
        STINT_DATA_DIR: dataDir,
        STINT_TEST_DIALOG_PATH: join(runDir, 'dialog-answer'),
        LC_ALL: 'C.UTF-8',
        ...env,
      },
      logFile: join(runDir, 'tauri-driver.log'),
    });
    helpers.push(driver);
    await waitForPort(port, driver, `${name}'s tauri-driver`);
    // tauri-driver starts WebKitWebDriver and forwards to it without waiting for it to listen: a
    // session asked for before then is refused (seen on a loaded machine: "UND_ERR_SOCKET").
    await waitForPort(nativePort, driver, `${name}'s WebKitWebDriver`);

    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      connectionRetryTimeout: 30_000,
      connectionRetryCount: 0,
      waitforTimeout: 10_000,
      capabilities: {
        'wdio:enforceWebDriverClassic': true,
        'tauri:options': { application: appBinary() },
      } as WebdriverIO.Capabilities,
    });
    const instance: Instance = {
      name,
      browser,
      runDir,
      dataDir,
      notificationLog,
      stop: async () => {
        await browser.deleteSession().catch(() => undefined);
        await stopHelpers();
      },
    };
    console.log(`[e2e] ${name}: files in ${runDir}`);
    return instance;
  } catch (error) {
    await stopHelpers();
    throw error;
  }
}

type Globals = Map<string, unknown>;
const GLOBAL_NAMES = ['browser', 'driver', '$', '$$'] as const;
/** The instance the globals point at now, if not wdio's own. */
let switched: string | undefined;

/** Runs `work` with wdio's globals (`browser`, `$`, …) pointing at `instance`'s window. */
export async function on<T>(instance: Instance, work: () => Promise<T>): Promise<T> {
  if (switched) throw new Error(`on(${instance.name}): already acting on ${switched}; await each on() in turn`);
  switched = instance.name;
  const scope = globalThis as unknown as Record<string, unknown> & { _wdioGlobals: Globals };
  const registry = scope._wdioGlobals;
  const saved = GLOBAL_NAMES.map((key) => [key, registry.get(key), scope[key]] as const);
  const target = instance.browser;
  const replacements: Record<(typeof GLOBAL_NAMES)[number], unknown> = {
    browser: target,
    driver: target,
    $: target.$.bind(target),
    $$: target.$$.bind(target),
  };
  for (const key of GLOBAL_NAMES) {
    registry.set(key, replacements[key]);
    scope[key] = replacements[key];
  }
  try {
    return await work();
  } finally {
    switched = undefined;
    for (const [key, registered, global] of saved) {
      registry.set(key, registered);
      scope[key] = global;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
