/**
 * Saves a PNG of every view, in the light and the dark theme, to docs/screenshots/<view>-<theme>.png,
 * from the real app with seeded data: a sample community pack, custom formats, a finished session
 * (History) and a running one (Now, and the mini timer window: docs/screenshots/mini-<theme>.png).
 */
import { browser } from '@wdio/globals';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { waitForAppReady } from '../support/app.ts';
import { createFormat, goTo, startSession, waitForCurrentStep, addCommitment } from '../support/flows.ts';
import { repoRoot } from '../support/paths.ts';
import { samplePack } from '../support/packs.ts';
import { answerFileDialogWith } from '../support/dialog.ts';
import { allByRole, byRole } from '../support/roles.ts';

const OUT_DIR = resolve(repoRoot, 'docs/screenshots');
const THEMES = ['light', 'dark'] as const;

async function importPack(path: string): Promise<void> {
  await goTo('Calls');
  answerFileDialogWith(path);
  await (await byRole('button', 'Import community pack…')).click();
  await (await byRole('button', 'Install', { within: await byRole('dialog', /^Install /) })).click();
  await byRole('button', 'Turing Way-like community website');
}

async function setTheme(theme: (typeof THEMES)[number]): Promise<void> {
  await goTo('Settings');
  const combobox = await byRole('combobox', 'Theme');
  await combobox.selectByAttribute('value', theme);
  await (await byRole('button', 'Save settings')).click();
}

async function shoot(view: string, theme: string): Promise<void> {
  // Let the view settle (fonts, the list's first load) before the picture.
  await browser.pause(400);
  await browser.saveScreenshot(resolve(OUT_DIR, `${view}-${theme}.png`));
}

/**
 * Shoots the mini timer window (opened by the header's "Mini timer" the first time; it stays open
 * after that, since the button toggles it) and comes back to the main window.
 */
async function shootMiniTimer(theme: string): Promise<void> {
  const main = await browser.getWindowHandle();
  if ((await browser.getWindowHandles()).length === 1) await (await byRole('button', 'Mini timer')).click();
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, {
    timeout: 10_000,
    timeoutMsg: 'the mini timer window did not open',
  });
  await browser.switchToWindow((await browser.getWindowHandles()).find((handle) => handle !== main)!);
  await byRole('timer', 'Time remaining', { within: await byRole('main', 'Mini timer') });
  await shoot('mini', theme);
  await browser.switchToWindow(main);
}

describe('screenshots', () => {
  before(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    await waitForAppReady();
    await browser.setWindowSize(900, 680).catch(() => undefined);
    await importPack(samplePack('turing-way-like.stint.json'));
    await createFormat('Quick check-in', [
      { label: 'Hello', kind: /^welcome$/i, seconds: 5 },
      { label: 'Plan', kind: /^check.?in$/i, seconds: 5 },
    ]);
    await startSession('Quick check-in');
    await addCommitment('Reply to the reviewers');
    await byRole('button', 'Start', { timeoutMs: 20_000 });
    await createFormat('Writing morning', [
      { label: 'Settle in', kind: /^welcome$/i, seconds: 120 },
      { label: 'Write the methods section', kind: /^focus$/i, seconds: 1500 },
      { label: 'Stretch', kind: /^break$/i, seconds: 300 },
      { label: 'Write the results', kind: /^focus$/i, seconds: 1500 },
    ]);
    await startSession('Writing morning');
    await addCommitment('Draft the methods section');
    await addCommitment('Send figures to Sam');
    await waitForCurrentStep('Settle in');
  });

  for (const theme of THEMES) {
    it(`shows every view in the ${theme} theme`, async () => {
      await setTheme(theme);
      await goTo('Now');
      await shoot('now-running', theme);
      await goTo('Calls');
      await shoot('calls', theme);
      await goTo('Formats');
      await shoot('formats', theme);
      await (await byRole('button', 'New format')).click();
      await shoot('format-editor', theme);
      await goTo('History');
      await shoot('history', theme);
      await goTo('Settings');
      await shoot('settings', theme);
      await shootMiniTimer(theme);
    });
  }
});
