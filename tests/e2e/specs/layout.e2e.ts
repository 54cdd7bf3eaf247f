/**
 * The layout fits the window, measured in the real WebKit: at the default size (900×680) the header —
 * brand, the five views and the three tools — is one line; at the narrowest window (360 px wide)
 * no view is wider than the window (nothing to scroll sideways), and the running Now view stacks.
 */
import assert from 'node:assert/strict';
import { browser } from '@wdio/globals';
import { waitForAppReady } from '../support/app.ts';
import { createFormat, goTo, startSession } from '../support/flows.ts';

const VIEWS = ['Now', 'Calls', 'Formats', 'History', 'Settings'] as const;

/** The vertical middle of every button in the header, and the header's own height. */
async function headerLine() {
  return browser.execute(() => {
    const header = document.querySelector('header')!;
    const middles = Array.from(header.querySelectorAll('button')).map((b) => {
      const r = b.getBoundingClientRect();
      return Math.round((r.top + r.bottom) / 2);
    });
    return { middles, height: header.getBoundingClientRect().height, width: window.innerWidth };
  });
}

/**
 * How far the page reaches beyond the window's width, in pixels (0 when it fits), and the outermost
 * element that sticks out (tag and class), to say where to look.
 */
async function overflowX(): Promise<{ beyond: number; culprit: string }> {
  return browser.execute(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const width = root.clientWidth;
    const out = Array.from(document.querySelectorAll('main *')).find((el) => el.getBoundingClientRect().right > width + 0.5);
    const culprit = out ? `<${out.tagName.toLowerCase()} class="${out.getAttribute('class') ?? ''}">` : 'none';
    return { beyond: root.scrollWidth - width, culprit };
  });
}

describe('the layout', () => {
  before(async () => {
    await waitForAppReady();
    await createFormat('E2E layout', [
      { label: 'Long focus', kind: /^focus$/i, seconds: 600 },
      { label: 'Then a break', kind: /^break$/i, seconds: 300 },
    ]);
    await startSession('E2E layout');
  });

  it('keeps the header on one line at the default window size', async () => {
    const line = await headerLine();
    assert.ok(line.width <= 900, `the window is at its default size, not ${line.width} px wide`);
    assert.equal(line.middles.length, VIEWS.length + 3, 'five views and three tools in the header');
    const spread = Math.max(...line.middles) - Math.min(...line.middles);
    assert.ok(spread <= 2, `every header button on one line (their middles differ by ${spread} px)`);
  });

  it('fits every view into a 360 px wide window', async () => {
    await browser.setWindowSize(360, 680);
    try {
      for (const view of VIEWS) {
        await goTo(view);
        await browser.pause(200);
        const { beyond, culprit } = await overflowX();
        assert.ok(beyond <= 0, `${view} reaches ${beyond} px beyond a 360 px window (first: ${culprit})`);
      }
    } finally {
      await browser.setWindowSize(900, 680);
    }
  });
});
