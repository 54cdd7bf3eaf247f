/**
 * Single instance: a second `stint` on the same data directory hands its command line to the running
 * one over the socket stint.sock and exits with status 0 before opening any window; the first keeps
 * running and keeps answering.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { currentEnvironment } from '../support/environment.ts';
import { appPid, secondLaunch, waitForAppReady } from '../support/app.ts';
import { isAlive } from '../support/processes.ts';
import { byRole } from '../support/roles.ts';
import { goTo } from '../support/flows.ts';

describe('a second launch while Stint runs', () => {
  const { dataDir } = currentEnvironment();

  before(async () => {
    await waitForAppReady();
  });

  it('exits with status 0 and leaves the first instance running and answering', async () => {
    assert.ok(existsSync(join(dataDir, 'stint.sock')), 'the first instance holds stint.sock in its data dir');
    const first = appPid();
    assert.equal(await secondLaunch(), 0);
    assert.ok(isAlive(first), 'the first instance is still running');
    // It still answers: WebDriver reaches its window and its views still switch.
    await goTo('Formats');
    await byRole('button', 'New format');
    await goTo('Now');
    await byRole('button', 'Start');
  });
});
