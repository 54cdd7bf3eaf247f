/**
 * Desktop app, must show: a finished session's summary — focus time, phases, commitments — with the
 * resolve step ("How did it go?") in view at the default window size, without scrolling; and what is
 * left over carried into the next session.
 */
import assert from 'node:assert/strict';
import { browser } from '@wdio/globals';
import { waitForAppReady } from '../support/app.ts';
import { addCommitment, commitmentCheckbox, createFormat, startSession, type PhaseInput } from '../support/flows.ts';
import { allByRole, byRole } from '../support/roles.ts';

const FORMAT = 'E2E short ending';
const phases: PhaseInput[] = [
  { label: 'Quick focus', kind: /^focus$/i, seconds: 5 },
  { label: 'Quick break', kind: /^break$/i, seconds: 5 },
];
/** The main window's size in tauri.conf.json. */
const DEFAULT_SIZE = { width: 900, height: 680 };

/** Where an element is on screen, and how far the page is scrolled. */
async function placement(el: WebdriverIO.Element) {
  return browser.execute((node: HTMLElement) => {
    const r = node.getBoundingClientRect();
    const scroller = document.scrollingElement ?? document.documentElement;
    return { top: r.top, bottom: r.bottom, innerHeight: window.innerHeight, innerWidth: window.innerWidth, scrolled: scroller.scrollTop };
  }, el as unknown as HTMLElement);
}

describe('the end of a session', () => {
  before(async () => {
    await waitForAppReady();
    await createFormat(FORMAT, phases, { resolveAtEnd: true });
    await startSession(FORMAT);
    await addCommitment('Send the invoice');
    await addCommitment('Call the bank');
  });

  it('sums up the session with the resolve step in view at the default window size', async () => {
    await byRole('heading', 'Session complete', { timeoutMs: 20_000 });
    const resolve = await byRole('group', 'Send the invoice');
    const done = await byRole('button', 'Done', { within: resolve });
    const where = await placement(done);
    assert.ok(where.innerWidth <= DEFAULT_SIZE.width && where.innerHeight <= DEFAULT_SIZE.height,
      `the window is at its default size, not ${where.innerWidth}×${where.innerHeight}`);
    assert.equal(where.scrolled, 0, 'nothing had to scroll');
    assert.ok(where.top >= 0 && where.bottom <= where.innerHeight,
      `"Done" for the first commitment is in view (${where.top}–${where.bottom} of ${where.innerHeight} px)`);
    await byRole('heading', 'How did it go?');
    await byRole('group', 'Call the bank');
    const summary = await byRole('region', 'Session complete');
    const text = (await summary.getText()).replace(/\s+/g, ' ');
    assert.match(text, /Focus ?5 s/, `focus to the second: ${text}`);
    assert.match(text, /Phases ?2 done/, text);
  });

  it('resolves one commitment and carries the other into the next session', async () => {
    await (await byRole('button', 'Done', { within: await byRole('group', 'Send the invoice') })).click();
    const carry = await byRole('group', 'Carry over to the next session');
    await byRole('checkbox', 'Call the bank', { within: carry });
    await (await byRole('button', 'Start')).click();
    const asking = await allByRole('group', 'What will you get done?');
    if (asking.length > 0) await (await byRole('button', 'Start', { within: asking[0] })).click();
    await byRole('button', 'Stop');
    await commitmentCheckbox('Call the bank');
    await (await byRole('button', 'Stop')).click();
  });
});
