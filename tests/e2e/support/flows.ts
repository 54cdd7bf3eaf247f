/**
 * What a user does in the app, step by step, through roles and accessible names only
 * (ARCHITECTURE.md, "Accessible names").
 */
import { browser } from '@wdio/globals';
import { allByRole, byRole, namesByRole } from './roles.ts';

export interface PhaseInput {
  label: string;
  /** Matched against the option names of "Phase N kind", e.g. /^focus$/i. */
  kind: RegExp;
  seconds: number;
}

export async function goTo(view: 'Now' | 'Calls' | 'Formats' | 'History' | 'Settings'): Promise<void> {
  const nav = await byRole('navigation', 'Views');
  await (await byRole('button', view, { within: nav })).click();
}

/** Replaces a field's content with `value`, the way typing would. */
async function fill(field: WebdriverIO.Element, value: string | number): Promise<void> {
  await field.clearValue();
  await field.setValue(String(value));
}

/**
 * Picks the first option of a <select> combobox whose accessible name matches, waiting for it to be
 * offered (a format saved a moment ago may still be on its way to the list).
 */
async function choose(combobox: WebdriverIO.Element, option: RegExp): Promise<void> {
  let names: string[] = [];
  let index = -1;
  await browser.waitUntil(async () => {
    names = await namesByRole('option', combobox);
    index = names.findIndex((name) => option.test(name));
    return index >= 0;
  }, { timeout: 10_000, interval: 100 }).catch(() => {
    throw new Error(`no option matching ${option} among ${JSON.stringify(names)}`);
  });
  await combobox.selectByIndex(index);
}

/**
 * Creates a custom format in the Formats view and saves it; `resolveAtEnd` ticks "Offer to resolve
 * commitments at the end".
 */
export async function createFormat(name: string, phases: PhaseInput[], options: { resolveAtEnd?: boolean } = {}): Promise<void> {
  await goTo('Formats');
  await (await byRole('button', 'New format')).click();
  await fill(await byRole('textbox', 'Format name'), name);

  // A new format may start with some phases already: add or remove until there are as many as wanted.
  const phaseCount = async () => (await allByRole('textbox', /^Phase \d+ label$/)).length;
  while ((await phaseCount()) < phases.length) await (await byRole('button', 'Add phase')).click();
  while ((await phaseCount()) > phases.length) {
    await (await byRole('button', `Remove phase ${await phaseCount()}`)).click();
  }

  for (const [i, phase] of phases.entries()) {
    const n = i + 1;
    await fill(await byRole('textbox', `Phase ${n} label`), phase.label);
    await choose(await byRole('combobox', `Phase ${n} kind`), phase.kind);
    await fill(await byRole('spinbutton', `Phase ${n} minutes`), Math.floor(phase.seconds / 60));
    await fill(await byRole('spinbutton', `Phase ${n} seconds`), phase.seconds % 60);
  }
  if (options.resolveAtEnd) {
    const resolve = await byRole('checkbox', 'Offer to resolve commitments at the end');
    if (!(await resolve.isSelected())) await resolve.click();
  }
  await (await byRole('button', 'Save format')).click();
}

/**
 * On Now: picks the format and presses Start. A format that asks for commitments at the start opens
 * a step for them first; it is confirmed with its own Start, with none written.
 */
export async function startSession(formatName: string): Promise<void> {
  await goTo('Now');
  await choose(await byRole('combobox', 'Format'), new RegExp(`^${escapeRegExp(formatName)}$`));
  await (await byRole('button', 'Start')).click();
  const askingStep = await allByRole('group', 'What will you get done?');
  if (askingStep.length > 0) await (await byRole('button', 'Start', { within: askingStep[0] })).click();
  await byRole('button', 'Stop');
}

export async function addCommitment(text: string): Promise<void> {
  await fill(await byRole('textbox', 'New commitment'), text);
  await (await byRole('button', 'Add commitment')).click();
  await commitmentCheckbox(text);
}

/** The checkbox of a commitment in the list "Commitments" (it is named by the commitment's text). */
export async function commitmentCheckbox(text: string, timeoutMs?: number): Promise<WebdriverIO.Element> {
  const list = await byRole('list', 'Commitments', { timeoutMs });
  return byRole('checkbox', text, { within: list, timeoutMs });
}

/** The text of the agenda's current step (aria-current="step"), or null when no step is current. */
export async function currentStep(): Promise<string | null> {
  const agenda = await byRole('list', 'Agenda');
  const current = await agenda.$$('[aria-current="step"]').getElements();
  if (current.length === 0) return null;
  if (current.length > 1) throw new Error(`${current.length} agenda steps are marked current`);
  return (await current[0].getText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the agenda's current step contains `label`. */
export async function waitForCurrentStep(label: string, timeoutMs = 15_000): Promise<void> {
  const seen: (string | null)[] = []; // each distinct step seen while waiting, for the failure message
  await browser.waitUntil(async () => {
    const step = await currentStep();
    if (seen.at(-1) !== step) seen.push(step);
    return step !== null && step.includes(label);
  }, {
    timeout: timeoutMs,
    interval: 100,
    timeoutMsg: `the agenda's current step did not become "${label}" within ${timeoutMs} ms; ` +
      `it was, in turn: ${JSON.stringify(seen)}`,
  });
}

/**
 * The remaining seconds the timer shows (its text, mm:ss or h:mm:ss), read right after it
 * repaints, so the reading is not up to a second stale. `readAtMs` is when it was read.
 */
export async function readTimer(): Promise<{ seconds: number; readAtMs: number }> {
  const timer = await byRole('timer', 'Time remaining');
  const first = await timerText(timer);
  let text = first;
  await browser.waitUntil(async () => (text = await timerText(timer)) !== first, {
    timeout: 3_000,
    interval: 20,
    timeoutMsg: `the timer did not change from "${first}" within 3 s`,
  });
  return { seconds: parseClock(text), readAtMs: Date.now() };
}

async function timerText(timer: WebdriverIO.Element): Promise<string> {
  return (await timer.getText()).trim();
}

/** "4:05" → 245, "1:02:03" → 3723; fails on anything else. */
export function parseClock(text: string): number {
  const match = /(\d+):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!match) throw new Error(`the timer shows "${text}", not a clock`);
  const [, a, b, c] = match;
  return c === undefined ? Number(a) * 60 + Number(b) : Number(a) * 3600 + Number(b) * 60 + Number(c);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
