/**
 * The README's screenshots: the same harness as the end-to-end suite (wdio.conf.ts), running only
 * screenshots/*.shot.ts. Run it through scripts/screenshots.sh (make screenshots), never by make test.
 *
 * Before the app's first launch, the data directory gets two weeks of finished sessions from
 * $STINT_SEED (crates/core/examples/screenshot_seed.rs, built by screenshots.sh), so History shows
 * real focus time in its bars, heat map and totals.
 */
import { execFileSync } from 'node:child_process';
import { config as e2eConfig } from './wdio.conf.ts';
import { databasePath } from './support/db.ts';
import { currentEnvironment } from './support/environment.ts';

export const config: WebdriverIO.Config = {
  ...e2eConfig,
  specs: ['./screenshots/**/*.shot.ts'],
  beforeSession: async (config, capabilities, specs, cid) => {
    await e2eConfig.beforeSession?.(config, capabilities, specs, cid);
    const seed = process.env.STINT_SEED;
    if (!seed) throw new Error('STINT_SEED is not set: run the screenshots through scripts/screenshots.sh.');
    execFileSync(seed, [databasePath(currentEnvironment().dataDir)], { stdio: 'inherit' });
  },
};
