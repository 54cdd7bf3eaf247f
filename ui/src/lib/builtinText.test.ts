import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_IDS, aboutOf, sourceOf } from './builtinText';
import { useLocale } from './i18n.svelte';
import { format } from '../test/fixtures';

afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

// The core's built-in ids (crates/core/src/builtins.rs, `the_expected_formats_are_shipped`).
const CORE_IDS = [
  'pomodoro', 'work-sprint', 'check-in', 'accountability-1', 'accountability-2', 'accountability-3', 'knowledge-led',
  'coordinated-action', 'mastermind', 'turing-collaboration-cafe', 'turing-daily-coworking', 'focusmate-25',
  'focusmate-50', 'focusmate-75', 'flow-club', 'caveday', 'long-block',
];

describe('built-in words', () => {
  it('has a description and a short source for every built-in, in every language', () => {
    expect([...BUILTIN_IDS].sort()).toEqual([...CORE_IDS].sort());
    for (const lang of ['en', 'de', 'es'] as const) {
      useLocale({ lang, tag: lang });
      for (const id of CORE_IDS) {
        const f = format({ id, attribution: null });
        const about = aboutOf(f) ?? '';
        const source = sourceOf(f) ?? '';
        expect(about, `${lang} ${id}`).toMatch(/^\p{Lu}.{20,200}\.$/u);
        expect(source.length, `${lang} ${id}`).toBeLessThanOrEqual(160);
        expect(source, `${lang} ${id}`).not.toMatch(/Call kind|\[/);
      }
    }
  });

  it('keeps a custom format’s own attribution and gives it no description', () => {
    const own = format({ id: 'pomodoro', origin: { type: 'custom' }, attribution: 'From my team wiki.' });
    expect(aboutOf(own)).toBeNull();
    expect(sourceOf(own)).toBe('From my team wiki.');
    expect(sourceOf({ ...own, attribution: null })).toBeNull();
  });
});
