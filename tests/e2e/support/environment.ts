/**
 * The world one spec file runs in: a fresh data directory for the app, a notification daemon
 * (python3-dbusmock's notification_daemon template, logging every Notify call with a timestamp)
 * and a tauri-driver whose environment carries STINT_DATA_DIR to every app it launches.
 *
 * Set up in the wdio worker's beforeSession hook (before the first app launch) and torn down in
 * afterSession; the spec reads where things are through `currentEnvironment()`.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startProcess, stopProcess, waitForPort, portAccepts } from './processes.ts';
import { startMockService, busNameOwned } from './dbusmock.ts';
import { outputDir } from './paths.ts';

/**
 * tauri-driver's port, and that of the WebKitWebDriver behind it: 4444 and 4445 unless the runner
 * picked free ones (scripts/e2e.sh does, so that two runs on one machine do not collide).
 */
export const DRIVER_PORT = Number(process.env.STINT_E2E_DRIVER_PORT ?? 4444);
const NATIVE_DRIVER_PORT = Number(process.env.STINT_E2E_NATIVE_PORT ?? DRIVER_PORT + 1);

/** A spec declares that it must run with no notification service by containing this line. */
export const NO_NOTIFICATION_DAEMON_MARK = '// e2e-environment: no-notification-daemon';

export interface Environment {
  /** This spec's own directory of files (logs, the data directory). */
  runDir: string;
  /** The app's data directory (STINT_DATA_DIR): stint.db and settings.json live here. */
  dataDir: string;
  /**
   * The file every file dialog of the app answers (STINT_TEST_DIALOG_PATH, a test-only switch: a
   * native GTK dialog cannot be driven). Put a file here before pressing an import button.
   */
  dialogPath: string;
  /** dbusmock's log of the notification daemon, or undefined when the spec runs without one. */
  notificationLog: string | undefined;
  /** tauri-driver's pid: the app under test is one of its descendants. */
  driverPid: number;
}

let driver: ChildProcess | undefined;
let notificationDaemon: ChildProcess | undefined;

// If the worker ends without afterSession (a session that could not be created, a crash),
// its helpers must not outlive it: a stale tauri-driver would hold the port for the next spec.
process.once('exit', () => {
  driver?.kill('SIGKILL');
  notificationDaemon?.kill('SIGKILL');
});

/** Prepares the environment for a spec file (its mark decides whether a notification daemon runs). */
export function setUpSpecEnvironment(specFile: string): Promise<Environment> {
  return setUpEnvironment({
    name: basename(specFile).replace(/\.e2e\.ts$/, ''),
    notificationDaemon: !readFileSync(specFile, 'utf8').includes(NO_NOTIFICATION_DAEMON_MARK),
  });
}

/** Prepares a fresh environment; the first app launch happens after this. */
export async function setUpEnvironment(options: { name: string; notificationDaemon: boolean }): Promise<Environment> {
  mkdirSync(outputDir, { recursive: true });
  const runDir = mkdtempSync(join(outputDir, `${options.name}-`));
  const dataDir = join(runDir, 'data');
  mkdirSync(dataDir);
  const dialogPath = join(runDir, 'dialog-answer');

  const notificationLog = options.notificationDaemon ? join(runDir, 'notifications.log') : undefined;
  if (notificationLog) {
    notificationDaemon = await startNotificationDaemon(notificationLog, join(runDir, 'dbusmock.out'));
  } else {
    assertNoNotificationService();
  }

  for (const port of [DRIVER_PORT, NATIVE_DRIVER_PORT]) {
    if (await portAccepts(port)) {
      throw new Error(`port ${port} is taken: is another tauri-driver (another e2e run) still running?`);
    }
  }
  driver = startProcess('tauri-driver', ['--port', String(DRIVER_PORT), '--native-port', String(NATIVE_DRIVER_PORT)], {
    // English whatever the machine's locale (specs find elements by English names); language.e2e.ts
    // switches to German through Settings. The app's daily update check asks the loopback's closed
    // port 9 instead of the release server, unless the spec serves updates itself (tests/update/).
    env: {
      STINT_UPDATE_URL: 'http://127.0.0.1:9/latest.json',
      ...process.env,
      STINT_DATA_DIR: dataDir,
      STINT_TEST_DIALOG_PATH: dialogPath,
      LC_ALL: 'C.UTF-8',
    },
    logFile: join(runDir, 'tauri-driver.log'),
  });
  await waitForPort(DRIVER_PORT, driver, 'tauri-driver');
  // tauri-driver starts WebKitWebDriver and forwards to it without waiting for it to listen.
  await waitForPort(NATIVE_DRIVER_PORT, driver, 'WebKitWebDriver');

  const environment: Environment = { runDir, dataDir, dialogPath, notificationLog, driverPid: driver.pid! };
  process.env.STINT_E2E_ENVIRONMENT = JSON.stringify(environment);
  console.log(`[e2e] ${options.name}: files in ${runDir}`);
  return environment;
}

export async function tearDownEnvironment(): Promise<void> {
  await stopProcess(driver);
  await stopProcess(notificationDaemon);
  driver = undefined;
  notificationDaemon = undefined;
}

/** Where the current spec's app keeps its data and what it logs. */
export function currentEnvironment(): Environment {
  const json = process.env.STINT_E2E_ENVIRONMENT;
  if (!json) throw new Error('the e2e environment is not set up (run through scripts/e2e.sh)');
  return JSON.parse(json) as Environment;
}

const NOTIFICATIONS = 'org.freedesktop.Notifications';

function startNotificationDaemon(callLog: string, outputFile: string): Promise<ChildProcess> {
  return startMockService({
    busName: NOTIFICATIONS,
    objectPath: '/org/freedesktop/Notifications',
    template: 'notification_daemon',
    callLog,
    outputFile,
  });
}

function assertNoNotificationService(): void {
  if (busNameOwned(NOTIFICATIONS)) {
    throw new Error('a notification service is running on this session bus, but the spec needs none');
  }
}
