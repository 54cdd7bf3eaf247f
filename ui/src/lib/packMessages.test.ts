import { afterEach, describe, expect, it } from 'vitest';
import { useLocale } from './i18n.svelte';
import { describePackImport, describePackSource } from './packMessages';
import { packImport } from '../test/callFixtures';

describe('describePackImport', () => {
  it('says what an import did', () => {
    expect(describePackImport(packImport())).toBe('Installed Turing Way-like v1.2.0: 2 formats and 2 calls.');
    expect(describePackImport(packImport({ action: 'updated', version: '1.3.0', installed_version: '1.2.0' }))).toBe(
      'Updated Turing Way-like to v1.3.0 (was v1.2.0). Your history is unchanged.',
    );
    expect(describePackImport(packImport({ action: 'already_current', formats: [], calls: [] }))).toBe(
      'Turing Way-like v1.2.0 is already current: nothing changed.',
    );
    expect(describePackImport(packImport({ action: 'older', version: '1.0.0', installed_version: '1.2.0' }))).toBe(
      'Older version ignored: the file has Turing Way-like v1.0.0, you have v1.2.0. Nothing changed.',
    );
    expect(describePackImport(packImport({ action: 'replaced', version: '1.0.0', installed_version: '1.2.0' }))).toBe(
      'Replaced Turing Way-like with v1.0.0 from the pack you confirmed. Your history is unchanged.',
    );
  });
});

describe('in another language', () => {
  afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

  it('says what an import did with the language’s plurals', () => {
    useLocale({ lang: 'es', tag: 'es-ES' });
    expect(describePackImport(packImport({ formats: ['a'] }))).toBe('Turing Way-like v1.2.0 está instalado: 1 formato y 2 llamadas.');
    expect(describePackSource({ kind: 'link', name: 'tw.stint.json' })).toBe('un enlace stint:// al archivo tw.stint.json');
    useLocale({ lang: 'de', tag: 'de-DE' });
    expect(describePackImport(packImport({ action: 'older', version: '1.0.0', installed_version: null }))).toBe(
      'Ältere Version ignoriert: Die Datei enthält Turing Way-like v1.0.0, älter als deine. Nichts hat sich geändert.',
    );
  });
});

describe('describePackSource', () => {
  it('names where a pack came from', () => {
    expect(describePackSource({ kind: 'bundled' })).toBe('the installer');
    expect(describePackSource({ kind: 'file', name: 'tw.stint.json' })).toBe('the file tw.stint.json');
    expect(describePackSource({ kind: 'link', name: 'tw.stint.json' })).toBe('a stint:// link to the file tw.stint.json');
    expect(describePackSource({ kind: 'unknown' })).toBe('an earlier Stint, which did not record it');
  });
});
