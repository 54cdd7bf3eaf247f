// The message catalogues (../locales/<lang>.json, shared with the backend): every language has every
// key, with the same placeholders, and every message the UI names exists. A gap fails here, not in
// front of a user.
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

const CATALOGUES = import.meta.glob<Record<string, Entry>>('../../../locales/*.json', { eager: true, import: 'default' });
/** The UI's sources (not the tests, not the compiled messages), as text. */
const SOURCES = import.meta.glob<string>(['../**/*.{svelte,ts}', '!../**/*.test.ts', '!./paraglide/**'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

type Entry = string | { match: Record<string, string> }[];
const catalogue = (lang: string): Record<string, Entry> => CATALOGUES[`../../../locales/${lang}.json`];

/** Every pattern of a message: itself, or each variant of a plural. */
const patterns = (entry: Entry): string[] => (typeof entry === 'string' ? [entry] : Object.values(entry[0].match));

/** The `{name}` placeholders of a message, all variants together (`\{` is a literal brace). */
export function placeholders(entry: Entry): string[] {
  const names = new Set<string>();
  for (const p of patterns(entry)) for (const [, name] of p.matchAll(/(?<!\\)\{\s*([^}\s]+)\s*\}/g)) names.add(name);
  return [...names].sort();
}

/** What is wrong with `other` against the English catalogue: missing and extra keys, placeholders. */
export function problems(english: Record<string, Entry>, other: Record<string, Entry>): string[] {
  const found: string[] = [];
  for (const key of Object.keys(english)) {
    if (!(key in other)) found.push(`missing ${key}`);
    else if (placeholders(english[key]).join() !== placeholders(other[key]).join())
      found.push(`${key}: placeholders ${placeholders(other[key])} instead of ${placeholders(english[key])}`);
  }
  for (const key of Object.keys(other)) if (!(key in english)) found.push(`extra ${key}`);
  return found;
}

describe('message catalogues', () => {
  const languages = Object.keys(CATALOGUES).map((path) => path.replace(/^.*\/|\.json$/g, ''));
  const english = catalogue('en');

  it('are English, German and Spanish', () => {
    expect(languages.sort()).toEqual(['de', 'en', 'es']);
  });

  it.each(['de', 'es'])('%s has every key with the same placeholders', (lang) => {
    expect(problems(english, catalogue(lang))).toEqual([]);
  });

  it('gives every plural a "one" and an "other"', () => {
    for (const lang of languages)
      for (const [key, entry] of Object.entries(catalogue(lang)))
        if (typeof entry !== 'string') {
          const cases = Object.keys(entry[0].match).map((k) => k.split('=')[1]);
          expect(cases, `${lang} ${key}`).toEqual(expect.arrayContaining(['one', 'other']));
        }
  });

  it('has every message the UI names', () => {
    const texts = Object.values(SOURCES).filter((t) => /import \{[^}]*\bm\b[^}]*\} from '[./]*(lib\/)?i18n\.svelte'/.test(t));
    const used = new Set(texts.flatMap((t) => [...t.matchAll(/\bm\.([a-z0-9_]+)\b/g)].map((x) => x[1])));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !(key in english))).toEqual([]);
  });

  it('catches a missing key and a changed placeholder', () => {
    expect(problems({ a: 'A {n}', b: 'B' }, { a: 'A {count}' })).toEqual([
      'a: placeholders count instead of n',
      'missing b',
    ]);
    expect(placeholders('\\{literal\\} {x}')).toEqual(['x']);
  });
});
