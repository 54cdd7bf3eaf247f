/**
 * The live room, must show: a member's Stint follows a host's session in a Matrix room on a real
 * Synapse. It joins late and lands in the current phase; the host's pause, skip and +5 min appear in
 * its window and as its notifications; its own controls cannot drive the session.
 *
 * The host here is scripted over the Matrix client API (support/matrix.ts), writing the documents a
 * host's Stint writes; the host's own Stint publishing them is tested against Synapse in
 * src-tauri/src/room/service_tests.rs.
 */
import assert from 'node:assert/strict';
import { currentEnvironment } from '../support/environment.ts';
import { waitForAppReady } from '../support/app.ts';
import { goTo, waitForCurrentStep } from '../support/flows.ts';
import { readNotifications } from '../support/notifications.ts';
import { pollUntil } from '../support/processes.ts';
import { byRole } from '../support/roles.ts';
import { ScriptedHost, register, startSynapse, stopSynapse, type Homeserver } from '../support/matrix.ts';

describe('a member follows the host of a live room', () => {
  const { notificationLog } = currentEnvironment();
  let server: Homeserver;
  let host: ScriptedHost;

  const notified = (title: string) =>
    pollUntil(
      () => readNotifications(notificationLog!).some((n) => n.details.includes(title)),
      `no notification "${title}"`,
      10_000,
    );

  before(async () => {
    server = startSynapse();
    register(server, 'host', 'host-pw', true);
    register(server, 'ada', 'ada-pw');
    host = await ScriptedHost.signIn(server, 'host', 'host-pw');
    await host.createRoom('cafe');
    // Started 30 s ago: the 20 s welcome is over, so a member joining now is in "Deep work".
    await host.start('E2E live cafe', [
      { label: 'Arrive', kind: 'welcome', seconds: 20 },
      { label: 'Deep work', kind: 'focus', seconds: 600 },
      { label: 'Stretch', kind: 'break', seconds: 300 },
      { label: 'Second sprint', kind: 'focus', seconds: 600 },
    ], new Date(Date.now() - 30_000));
    await waitForAppReady();
  });

  after(() => {
    if (server) stopSynapse(server);
  });

  it('signs in under Settings → Live rooms', async () => {
    await goTo('Settings');
    await (await byRole('textbox', 'Homeserver')).setValue(server.baseUrl);
    await (await byRole('textbox', 'User name')).setValue('ada');
    await (await $('input[type="password"]')).setValue('ada-pw');
    await (await byRole('button', 'Sign in')).click();
    await byRole('button', 'Sign out', { timeoutMs: 15_000 });
  });

  it('joins late and lands in the current phase', async () => {
    await goTo('Now');
    await (await byRole('textbox', 'Room address')).setValue('#cafe:localhost');
    await (await byRole('button', 'Follow this room’s host')).click();
    await waitForCurrentStep('Deep work');
    await notified('You follow the host');
  });

  it('shows the host\'s pause, skip and +5 min, and notifies each', async () => {
    await host.act('pause');
    await byRole('button', 'Resume', { timeoutMs: 5_000 });
    await notified('The host paused the timer');

    await host.act('resume');
    await host.act('skip');
    await waitForCurrentStep('Stretch', 5_000);
    await notified('The host moved on to the next phase');

    await host.act('extend', 300);
    await notified('The host added 5 min');
  });

  it('refuses the member\'s own controls, in a sentence', async () => {
    await (await byRole('button', 'Skip')).click();
    const error = await $('p.field-error[role="status"]');
    await error.waitForDisplayed({ timeout: 5_000 });
    assert.match(await error.getText(), /only they can pause, skip or extend/);
    await waitForCurrentStep('Stretch');
  });
});
