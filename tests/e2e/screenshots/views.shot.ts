/**
 * Saves a PNG of every view, in the light and the dark theme, to docs/screenshots/<view>-<theme>.png,
 * from the real app with seeded data: a sample community pack, custom formats, a finished session
 * (History, with two weeks more seeded before launch: wdio.screenshots.conf.ts) and a running one
 * (Now, also at 360 px wide, and the mini timer window: docs/screenshots/mini-<theme>.png), at the
 * default window size of 900×680.
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
  // The banner saying so has been read: the pictures show the views.
  await (await byRole('button', 'Dismiss')).click();
}

async function setTheme(theme: (typeof THEMES)[number]): Promise<void> {
  await goTo('Settings');
  const combobox = await byRole('combobox', 'Theme');
  await combobox.selectByAttribute('value', theme);
  await (await byRole('button', 'Save settings')).click();
}

/** Pictures that could not be taken; the run fails at the end, after taking every other one. */
const missed: string[] = [];

async function shoot(view: string, theme: string): Promise<void> {
  // Let the view settle (fonts, the list's first load) before the picture.
  await browser.pause(400);
  const file = `${view}-${theme}.png`;
  // WebKit answers a screenshot at its next paint, and a still page (any view but a running Now)
  // never paints again: the request would time out. A 1-pixel element that changes every 50 ms
  // (invisible in the picture) keeps paints coming while the picture is taken.
  await browser.execute(() => {
    const tick = document.createElement('div');
    tick.id = 'screenshot-paint-tick';
    tick.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;pointer-events:none;background:var(--bg)';
    document.body.append(tick);
    const timer = setInterval(() => {
      if (!tick.isConnected) clearInterval(timer);
      tick.style.opacity = tick.style.opacity === '0.99' ? '1' : '0.99';
    }, 50);
  });
  try {
    await browser.saveScreenshot(resolve(OUT_DIR, file));
  } catch (error) {
    missed.push(`${file}: ${error instanceof Error ? error.message : error}`);
  } finally {
    await browser.execute(() => document.getElementById('screenshot-paint-tick')?.remove());
  }
}

/** The Now view at the smallest window width (360 px), where the layout stacks. */
async function shootNarrow(theme: string): Promise<void> {
  await browser.setWindowSize(360, 680).catch(() => undefined);
  await goTo('Now');
  await shoot('now-narrow', theme);
  await browser.setWindowSize(900, 680).catch(() => undefined);
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
      await goTo('Formats');
      await shoot('formats', theme);
      await (await byRole('button', 'Edit Writing morning')).click();
      await browser.execute(() => window.scrollTo(0, 0));
      await shoot('format-editor', theme);
      await (await byRole('button', 'Cancel')).click();
      await goTo('History');
      await shoot('history', theme);
      await goTo('Settings');
      await shoot('settings', theme);
      await shootNarrow(theme);
      await shootMiniTimer(theme);
      await goTo('Calls');
      await shoot('calls', theme);
    });
  }

  after(() => {
    if (missed.length > 0) throw new Error(`screenshots not taken:\n${missed.join('\n')}`);
  });
});
