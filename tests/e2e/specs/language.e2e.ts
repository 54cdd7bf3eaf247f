/**
 * Stint in the user's language, must show: with the language set to German in Settings, a session's
 * phase changes send German notifications and the window shows German — both sides switched by the
 * one choice, while the session runs. (The harness runs in English: scripts set LC_ALL=C.UTF-8.)
 */
import assert from 'node:assert/strict';
import { browser } from '@wdio/globals';
import { currentEnvironment } from '../support/environment.ts';
import { waitForAppReady, windowTitles } from '../support/app.ts';
import { createFormat, goTo, startSession, type PhaseInput } from '../support/flows.ts';
import { readNotifications } from '../support/notifications.ts';
import { sessionOf } from '../support/store.ts';
import { pollUntil } from '../support/processes.ts';
import { byRole, namesByRole } from '../support/roles.ts';

const FORMAT = 'E2E Sprache';
/** The first phase leaves time to change the language before the first phase change. */
const phases: PhaseInput[] = [
  { label: 'Ankommen', kind: /^welcome$/i, seconds: 20 },
  { label: 'Arbeit', kind: /^focus$/i, seconds: 5 },
  { label: 'Dehnen', kind: /^break$/i, seconds: 5 },
];

describe('a session in German', () => {
  const { dataDir, notificationLog } = currentEnvironment();
  let switchedAtMs = 0;

  before(async () => {
    await waitForAppReady();
    await createFormat(FORMAT, phases);
    await startSession(FORMAT);
    await goTo('Settings');
    const language = await byRole('combobox', 'Language of Stint');
    const names = await namesByRole('option', language);
    await language.selectByIndex(names.indexOf('Deutsch'));
    switchedAtMs = Date.now();
  });

  it('shows the window in German at once', async () => {
    const nav = await byRole('navigation', 'Ansichten');
    assert.deepEqual(await namesByRole('button', nav), ['Jetzt', 'Termine', 'Formate', 'Verlauf', 'Einstellungen']);
    assert.equal(await browser.execute(() => document.documentElement.lang), 'de');
  });

  it('names the window in German while a phase runs', async () => {
    // The title follows the runner's next wake: the end of the first phase.
    await pollUntil(() => windowTitles().some((t) => /^noch \d+ Min\. — Stint$/.test(t)), 'no German window title', 30_000)
      .catch(() => assert.fail(`the window titles are ${JSON.stringify(windowTitles())}`));
  });

  it('sends the phase changes as German notifications', async () => {
    assert.ok(notificationLog, 'this spec runs with a notification daemon');
    assert.ok(sessionOf(dataDir, FORMAT).startedAtMs + 20_000 > switchedAtMs, 'the language changed in the first phase');
    const german = () => readNotifications(notificationLog).filter((n) => n.atMs >= switchedAtMs);
    await pollUntil(
      () => german().some((n) => n.details.includes('"Sitzung abgeschlossen"')),
      'no German notification for the end of the session',
      60_000,
    );
    const details = german().map((n) => n.details);
    const report = details.join('\n  ');
    assert.ok(details.some((d) => d.includes('"Begrüßung beendet"') && d.includes('Als Nächstes: Dehnen um')), report);
    assert.ok(details.some((d) => d.includes('"Fokus beendet"') && d.includes('Letzter Schritt; endet um')), report);
    assert.ok(details.some((d) => d.includes('E2E Sprache: 3 Phasen, 5 Sek. Fokus.')), report);
    assert.ok(!details.some((d) => /\bdone\b|Next:/.test(d)), `no English after the switch:\n  ${report}`);
  });
});
