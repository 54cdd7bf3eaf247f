/**
 * The live room, must show (issue 10): three real Stints on one real Synapse, each with its own data
 * directory, D-Bus session, notification daemon and WebDriver (support/instances.ts).
 *
 * - the host (wdio's own app, a room moderator) goes live from its window; its pause, skip and +5 min,
 *   clicked there, appear in the member's window and as the member's notifications;
 * - the member (ada) cannot drive the session from its own controls;
 * - the homeserver stops mid-session: the member says it is offline, the host skips meanwhile, and
 *   once the server is back the member follows again, the skip included;
 * - a third user (bob, no moderator level, his clock 3 s ahead through STINT_TEST_CLOCK_SHIFT_MS)
 *   cannot go live in the room (a sentence; nothing changes for the others) nor write its session
 *   over the client API; he then joins late, lands in the current phase, is told his clock is off,
 *   and his timeline is corrected by the 3 s;
 * - a stale revision written into the room by a hand-made client drives nobody's timer.
 */
import assert from 'node:assert/strict';
import { currentEnvironment } from '../support/environment.ts';
import { waitForAppReady } from '../support/app.ts';
import { query, instantMs } from '../support/db.ts';
import { createFormat, startSession, waitForCurrentStep, currentStep } from '../support/flows.ts';
import { launchInstance, on, type Instance } from '../support/instances.ts';
import { readNotifications } from '../support/notifications.ts';
import { pollUntil } from '../support/processes.ts';
import { byRole } from '../support/roles.ts';
import { roomSays, signInToRoom } from '../support/room.ts';
import {
  ScriptedHost, registerAsync, restartSynapse, startSynapseAsync, stopSynapse, type Homeserver,
} from '../support/matrix.ts';

const ROOM = '#cafe:localhost';
const SHIFT_MS = 3000;

describe('a live room with a host, a member and a late joiner', () => {
  const host = currentEnvironment();
  let server: Homeserver;
  let admin: ScriptedHost;
  let ada: Instance;
  let bob: Instance;
  let bobsClient: ScriptedHost;

  /** Waits for a notification whose summary or body contains `text` in `log`; when it came. */
  const notified = async (log: string, text: string, count = 1): Promise<number> => {
    let at = 0;
    await pollUntil(() => {
      const found = readNotifications(log).filter((n) => n.details.includes(text));
      at = found[count - 1]?.atMs ?? 0;
      return found.length >= count;
    }, `no notification "${text}" (${count}) in ${log}`, 10_000);
    return at;
  };

  before(async () => {
    // The homeserver and the two other Stints start side by side: each takes seconds.
    const starting = startSynapseAsync().then(async (started) => {
      server = started;
      await Promise.all([
        registerAsync(server, 'host', 'host-pw'),
        registerAsync(server, 'ada', 'ada-pw'),
        registerAsync(server, 'bob', 'bob-pw'),
      ]);
      // The room, made as a community's admin would: moderators (50) host, everyone (0) announces.
      admin = await ScriptedHost.signIn(server, 'host', 'host-pw');
      await admin.createRoom('cafe');
    });
    // All settle before any failure is thrown, so that `after` stops whatever did start (a failed
    // start otherwise left the other Stint's helpers and a daemonized Synapse running).
    const started = await Promise.allSettled([
      launchInstance('room-ada'),
      launchInstance('room-bob', { STINT_TEST_CLOCK_SHIFT_MS: String(SHIFT_MS) }),
      starting,
    ]);
    const [adaStarted, bobStarted] = started;
    if (adaStarted.status === 'fulfilled') ada = adaStarted.value;
    if (bobStarted.status === 'fulfilled') bob = bobStarted.value;
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    await waitForAppReady();
    await on(ada, waitForAppReady);
    await on(bob, waitForAppReady);
  });

  after(async () => {
    await Promise.all([ada?.stop(), bob?.stop()]);
    if (server) stopSynapse(server);
  });

  it('the host goes live in the room from its own window', async () => {
    await signInToRoom(server, 'host', 'host-pw');
    await createFormat('E2E live cafe', [
      { label: 'Arrive', kind: /welcome/i, seconds: 600 },
      { label: 'Deep work', kind: /focus/i, seconds: 600 },
      { label: 'Stretch', kind: /break/i, seconds: 600 },
      { label: 'Second sprint', kind: /focus/i, seconds: 600 },
    ]);
    await startSession('E2E live cafe');
    await (await byRole('textbox', 'Room address')).setValue(ROOM);
    await (await byRole('button', 'Go live in this room')).click();
    await roomSays(/You run this session live in .*Connected\./);
  });

  it('a member follows and lands in the current phase; the host sees them', async () => {
    await on(ada, async () => {
      await signInToRoom(server, 'ada', 'ada-pw');
      await (await byRole('textbox', 'Room address')).setValue(ROOM);
      await (await byRole('button', 'Follow this room’s host')).click();
      await waitForCurrentStep('Arrive');
      await roomSays(/You follow the host of .*Connected\./);
    });
    await notified(ada.notificationLog, 'You follow the host');
    await byRole('listitem', /^@ada:localhost, /, { timeoutMs: 10_000 });
  });

  it('the host\'s pause, skip and +5 min reach the member\'s window and notifications', async () => {
    const latencies: number[] = [];
    const act = async (button: string, notice: string) => {
      const clicked = Date.now();
      await (await byRole('button', button)).click();
      latencies.push((await notified(ada.notificationLog, notice)) - clicked);
    };

    await act('Pause', 'The host paused the timer');
    await on(ada, () => byRole('button', 'Resume', { timeoutMs: 5_000 }));

    await (await byRole('button', 'Resume')).click();
    await act('Skip', 'The host moved on to the next phase');
    await on(ada, () => waitForCurrentStep('Deep work', 5_000));

    await act('Add 5 minutes', 'The host added 5 min');
    console.log(`[e2e] host click → member notification (pause, skip, +5 min): ${latencies.join(', ')} ms`);
  });

  it('the member\'s own controls are refused in a sentence', async () => {
    await on(ada, async () => {
      await (await byRole('button', 'Skip')).click();
      const error = await $('p.field-error[role="status"]');
      await error.waitForDisplayed({ timeout: 5_000 });
      assert.match(await error.getText(), /only they can pause, skip or extend/);
      await waitForCurrentStep('Deep work');
    });
    await waitForCurrentStep('Deep work');
  });

  it('a homeserver restart loses nothing: the member says it is offline, then follows again', async () => {
    stopSynapse(server);
    await on(ada, () => roomSays(/Offline: following the last known state/));
    // The host goes on while the server is down; what it did reaches the room once it is back.
    await (await byRole('button', 'Skip')).click();
    await waitForCurrentStep('Stretch', 5_000);
    await on(ada, () => waitForCurrentStep('Deep work', 1_000));

    await restartSynapse(server);
    // The reconnection backs off (1, 2, 4, 8 s…): allow for a slow restart on a loaded machine.
    await on(ada, async () => {
      await waitForCurrentStep('Stretch', 40_000);
      await roomSays(/You follow the host of .*Connected\./);
    });
    await notified(ada.notificationLog, 'The host moved on to the next phase', 2);
  });

  it('a user without the moderator level cannot drive the session', async () => {
    const before = await admin.readSession();
    await on(bob, async () => {
      await signInToRoom(server, 'bob', 'bob-pw');
      await startSession('Pomodoro');
      await (await byRole('textbox', 'Room address')).setValue(ROOM);
      await (await byRole('button', 'Go live in this room')).click();
      const refusal = await byRole('alert', /does not let @bob:localhost run its timer/);
      assert.match(await refusal.getText(), /Ask a room moderator/);
    });
    // A hand-made client of bob's fares no better: the server refuses the write.
    bobsClient = await ScriptedHost.signIn(server, 'bob', 'bob-pw');
    await bobsClient.joinRoom(ROOM);
    assert.equal(await bobsClient.writeRaw({ ...before, host: '@bob:localhost', rev: Number(before.rev) + 1 }), 403);

    assert.deepEqual(await admin.readSession(), before);
    await waitForCurrentStep('Stretch');
    await on(ada, async () => assert.match((await currentStep()) ?? '', /Stretch/));
  });

  it('a late joiner with a clock 3 s ahead lands in the current phase, corrected and warned', async () => {
    await on(bob, async () => {
      await (await byRole('button', 'Follow this room’s host')).click();
      await waitForCurrentStep('Stretch');
      const panel = await byRole('region', 'Live room');
      await browser.waitUntil(async () => /clock is about 3 seconds ahead of the room's server/.test(await panel.getText()), {
        timeout: 10_000,
        interval: 100,
        timeoutMsg: 'bob was not told that his clock is 3 s ahead',
      });
    });
    // Corrected: bob's Stint keeps the followed session in his own clock's time, 3 s after the host's.
    const started = (dataDir: string) =>
      instantMs(query(dataDir, "SELECT started_at FROM sessions WHERE status = 'active'")[0]?.started_at);
    const shift = started(bob.dataDir) - started(host.dataDir);
    assert.ok(Math.abs(shift - SHIFT_MS) < 600, `bob's session starts ${shift} ms after the host's, not about ${SHIFT_MS}`);
  });

  it('a stale revision written into the room drives nobody\'s timer', async () => {
    const current = await admin.readSession();
    assert.equal(await admin.writeRaw({ ...current, events: [], rev: 1 }), 200);
    // Written after it, so once ada shows it, she has read the stale revision too.
    const away = { v: 1, session_id: current.session_id, status: 'away', expires_ts: Date.now() + 120_000 };
    assert.equal(await bobsClient.writeRaw(away, 'app.stint.member', '@bob:localhost'), 200);
    await on(ada, async () => {
      await byRole('listitem', '@bob:localhost, away', { timeoutMs: 10_000 });
      assert.match((await currentStep()) ?? '', /Stretch/);
    });
    // The host's next action is a newer revision: every member follows it.
    await (await byRole('button', 'Skip')).click();
    await waitForCurrentStep('Second sprint', 5_000);
    for (const member of [ada, bob]) {
      await on(member, async () => {
        await waitForCurrentStep('Second sprint', 10_000).catch(async (error: Error) => {
          const shown = (await $('body').getText()).replace(/\s+/g, ' ').slice(0, 600);
          throw new Error(`${member.name}: ${error.message}; the window shows: ${shown}`);
        });
      });
    }
  });
});
