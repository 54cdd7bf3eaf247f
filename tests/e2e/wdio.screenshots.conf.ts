/**
 * The README's screenshots: the same harness as the end-to-end suite (wdio.conf.ts), running only
 * screenshots/*.shot.ts. Run it through scripts/screenshots.sh (make screenshots), never by make test.
 */
import { config as e2eConfig } from './wdio.conf.ts';

export const config: WebdriverIO.Config = {
  ...e2eConfig,
  specs: ['./screenshots/**/*.shot.ts'],
};
