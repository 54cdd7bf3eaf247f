// Runs axe-core over the rendered page and returns its serious and critical violations, readable.
import axe from 'axe-core';

// axe measures icon fonts on a canvas; jsdom has none and would log an error for every check.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

export async function seriousViolations(root: Element = document.body): Promise<string[]> {
  const results = await axe.run(root, {
    resultTypes: ['violations'],
    rules: {
      // jsdom does no layout and computes no colours, so axe cannot judge contrast here (it reports
      // every text as "needs review" or guesses wrong). Contrast is the only rule switched off.
      'color-contrast': { enabled: false },
    },
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}
