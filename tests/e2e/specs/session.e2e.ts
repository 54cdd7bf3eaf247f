/**
 * Desktop app, must show: a session of 5-second phases, seen in the UI, in the database and as
 * native notifications; and a session that survives the app being killed.
 */
import assert from 'node:assert/strict';
import { currentEnvironment } from '../support/environment.ts';
import { killApp, relaunchApp, waitForAppReady, windowTitles } from '../support/app.ts';
import {
  addCommitment, commitmentCheckbox, createFormat, readTimer, startSession, waitForCurrentStep,
  type PhaseInput,
} from '../support/flows.ts';
import { readNotifications } from '../support/notifications.ts';
import { commitments, phases, sessionOf } from '../support/store.ts';
import { pollUntil } from '../support/processes.ts';

const PHASE_SECONDS = 5;
/** How far from its deadline a phase change may reach the notification service (DESIGN.md, Budgets). */
const NOTIFICATION_TOLERANCE_MS = 1000;

const THREE_FIVES = 'E2E three fives';
const threeFives: PhaseInput[] = [
  { label: 'Warm up', kind: /^welcome$/i, seconds: PHASE_SECONDS },
  { label: 'Deep work', kind: /^focus$/i, seconds: PHASE_SECONDS },
  { label: 'Stretch', kind: /^break$/i, seconds: PHASE_SECONDS },
];

/** A format whose middle phase is long enough to kill and relaunch the app inside it. */
const RESUMABLE = 'E2E resumable';
const LONG_PHASE_SECONDS = 120;
const resumable: PhaseInput[] = [
  { label: 'Settle in', kind: /^welcome$/i, seconds: PHASE_SECONDS },
  { label: 'Long focus', kind: /^focus$/i, seconds: LONG_PHASE_SECONDS },
  { label: 'Wind down', kind: /^break$/i, seconds: PHASE_SECONDS },
];

describe('a session of three 5-second phases', () => {
  const { dataDir, notificationLog } = currentEnvironment();
  const commitment = 'Write the release notes';

  before(async () => {
    await waitForAppReady();
    await createFormat(THREE_FIVES, threeFives);
    await startSession(THREE_FIVES);
    await addCommitment(commitment);
  });

  it('marks each phase as the agenda\'s current step in turn', async () => {
    await waitForCurrentStep('Warm up', 5_000);
    await waitForCurrentStep('Deep work');
    await waitForCurrentStep('Stretch');
  });

  it('records the session, its three phases and the commitment in the database', async () => {
    const session = await waitForFinishedSession(dataDir, THREE_FIVES, threeFives.length);
    const stored = phases(dataDir, session.id);
    assert.deepEqual(stored.map((p) => p.label), threeFives.map((p) => p.label));
    stored.forEach((phase, i) => {
      assert.equal(phase.endedAtMs - phase.startedAtMs, PHASE_SECONDS * 1000, `phase ${i + 1} lasted its planned time`);
    });
    assert.deepEqual(commitments(dataDir, session.id).map((c) => c.text), [commitment]);
  });

  it('sends one notification per phase change, each within a second of its deadline', async () => {
    assert.ok(notificationLog, 'this spec runs with a notification daemon');
    const session = sessionOf(dataDir, THREE_FIVES);
    const deadlines = threeFives.map((_, i) => session.startedAtMs + PHASE_SECONDS * 1000 * (i + 1));
    await pollUntil(
      () => readNotifications(notificationLog).some((n) => n.atMs >= deadlines.at(-1)! - NOTIFICATION_TOLERANCE_MS),
      'no notification for the end of the last phase',
    );
    const sent = readNotifications(notificationLog).filter((n) => n.atMs >= session.startedAtMs);
    const report = sent.map((n) => `${n.atMs - session.startedAtMs} ms after start: ${n.details}`).join('\n  ');
    for (const [i, deadline] of deadlines.entries()) {
      const near = sent.filter((n) => Math.abs(n.atMs - deadline) <= NOTIFICATION_TOLERANCE_MS);
      assert.equal(near.length, 1,
        `one notification within ${NOTIFICATION_TOLERANCE_MS} ms of the end of phase ${i + 1} ` +
        `(${deadline - session.startedAtMs} ms after start); the daemon got:\n  ${report}`);
    }
  });
});

describe('a session when the app is killed mid-phase', () => {
  const { dataDir } = currentEnvironment();
  const commitment = 'Answer the grant reviewers';

  /** The session's commitments before the kill: its own, and any the last session carried over. */
  let beforeKill: string[] = [];

  before(async () => {
    await createFormat(RESUMABLE, resumable);
    await startSession(RESUMABLE);
    await addCommitment(commitment);
    await waitForCurrentStep('Long focus');
    beforeKill = commitments(dataDir, sessionOf(dataDir, RESUMABLE).id).map((c) => c.text);
    assert.ok(beforeKill.includes(commitment), `stored before the kill: ${JSON.stringify(beforeKill)}`);
  });

  it('resumes in the same phase with the same remaining time after SIGKILL and a relaunch', async () => {
    await killApp();
    await relaunchApp();

    await waitForCurrentStep('Long focus', 10_000);
    const session = sessionOf(dataDir, RESUMABLE);
    const { seconds, readAtMs } = await readTimer();
    const phaseEndsAtMs = session.startedAtMs + (PHASE_SECONDS + LONG_PHASE_SECONDS) * 1000;
    const expected = (phaseEndsAtMs - readAtMs) / 1000;
    assert.ok(Math.abs(seconds - expected) <= 1,
      `the timer shows ${seconds} s remaining; the stored session says ${expected.toFixed(2)} s`);
    assert.equal(session.status, 'active');
  });

  it('shows the time left in the window title', async () => {
    // The long phase has at most two minutes left: the title counts whole minutes, rounded up.
    await pollUntil(
      () => windowTitles().some((title) => /^[12] min left \u2014 Stint$/.test(title)),
      `no window title shows the time left; titles: ${JSON.stringify(windowTitles())}`,
    );
  });

  it('still has every commitment', async () => {
    await commitmentCheckbox(commitment);
    assert.deepEqual(commitments(dataDir, sessionOf(dataDir, RESUMABLE).id).map((c) => c.text), beforeKill);
  });
});

/** Waits (the runner records a phase at its deadline) until the session has all its phases. */
async function waitForFinishedSession(dataDir: string, formatName: string, phaseCount: number) {
  await pollUntil(
    () => phases(dataDir, sessionOf(dataDir, formatName).id).length === phaseCount,
    `the session of "${formatName}" did not record ${phaseCount} phases`,
    15_000,
  );
  return sessionOf(dataDir, formatName);
}
