/**
 * WebdriverIO, classic WebDriver, against tauri-driver (which drives WebKitWebDriver, which launches
 * the app). Run it through scripts/e2e.sh, which provides the X display and the D-Bus session.
 *
 * Each spec file runs in its own worker with its own environment (support/environment.ts):
 * a fresh data directory, its own notification daemon and its own tauri-driver.
 */
import { fileURLToPath } from 'node:url';
import { appBinary } from './support/paths.ts';
import { dirname, join } from 'node:path';
import { DRIVER_PORT, currentEnvironment, setUpSpecEnvironment, tearDownEnvironment } from './support/environment.ts';
import { dumpAppThreads } from './support/app.ts';

const application = appBinary();
if (!process.env.DISPLAY || !process.env.DBUS_SESSION_BUS_ADDRESS) {
  throw new Error('no X display or D-Bus session: run the suite through scripts/e2e.sh');
}

export const config: WebdriverIO.Config = {
  runner: 'local',
  hostname: '127.0.0.1',
  port: DRIVER_PORT,
  specs: ['./specs/**/*.e2e.ts'],
  // One app at a time: tauri-driver's port and the X display are shared.
  maxInstances: 1,
  capabilities: [
    {
      // No browserName: tauri-driver launches the app named below, not a browser.
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application },
    } as WebdriverIO.Capabilities,
  ],
  logLevel: 'warn',
  bail: 0,
  waitforTimeout: 10_000,
  // An app that cannot start makes session creation hang: give up after 30 s, without retrying.
  connectionRetryTimeout: 30_000,
  connectionRetryCount: 0,
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: {
    ui: 'bdd',
    // The scenarios wait through real 5-second phases.
    timeout: 180_000,
  },

  beforeSession: async (_config, _capabilities, specs) => {
    try {
      await setUpSpecEnvironment(fileURLToPath(specs[0]));
    } catch (error) {
      // wdio only logs a failing hook and would go on to wait for an app that cannot come:
      // end the worker instead, which fails the spec at once.
      console.error(`[e2e] could not set up the environment: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    }
  },
  afterTest: async (test, _context, { passed }) => {
    if (passed) return;
    const runDir = dirname(currentEnvironment().dataDir);
    const file = join(runDir, `threads-${test.title.replace(/\W+/g, '-')}.txt`);
    dumpAppThreads(file);
  },
  afterSession: async () => {
    await tearDownEnvironment();
  },
};
