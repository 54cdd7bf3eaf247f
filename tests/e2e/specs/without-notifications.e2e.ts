// e2e-environment: no-notification-daemon
/**
 * With no notification service on the session bus, time goes on: the session completes and the
 * app tells the user, in the window, that notifications are not working.
 */
import assert from 'node:assert/strict';
import { currentEnvironment } from '../support/environment.ts';
import { waitForAppReady } from '../support/app.ts';
import { createFormat, startSession, waitForCurrentStep } from '../support/flows.ts';
import { byRole } from '../support/roles.ts';
import { phases, sessionOf } from '../support/store.ts';
import { pollUntil } from '../support/processes.ts';

const FORMAT = 'E2E unannounced';
const twoFives = [
  { label: 'Sprint', kind: /^focus$/i, seconds: 5 },
  { label: 'Breather', kind: /^break$/i, seconds: 5 },
];

describe('a session with no notification service', () => {
  const { dataDir } = currentEnvironment();

  before(async () => {
    await waitForAppReady();
    await createFormat(FORMAT, twoFives);
    await startSession(FORMAT);
  });

  it('moves on to the next phase', async () => {
    await waitForCurrentStep('Breather');
  });

  it('shows a banner saying notifications are not working', async () => {
    const banner = await byRole('alert', undefined, { timeoutMs: 10_000 });
    assert.match(await banner.getText(), /notification/i);
  });

  it('completes the session and records every phase', async () => {
    await pollUntil(
      () => sessionOf(dataDir, FORMAT).status === 'finished',
      `the session of "${FORMAT}" did not finish`,
      15_000,
    );
    assert.deepEqual(phases(dataDir, sessionOf(dataDir, FORMAT).id).map((p) => p.label), twoFives.map((p) => p.label));
  });
});
