import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, PREFS_KEY, loadPrefs, onPrefsChanged, parsePrefs, savePrefs } from './prefs';
import { applyAccent, textOn } from './accent';

afterEach(() => localStorage.clear());

describe('local prefs', () => {
  it('default when nothing, or something damaged, is stored', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('[1,2]')).toEqual(DEFAULT_PREFS);
    expect(DEFAULT_PREFS.ambience).toBeNull();
  });

  it('keep good fields and replace odd ones field by field', () => {
    const stored = JSON.stringify({ chime: false, chimeVolume: 7, ambience: 'violet', ambienceVolume: 0.5, accent: '#AA3300' });
    expect(parsePrefs(stored)).toEqual({ chime: false, chimeVolume: 1, ambience: null, ambienceVolume: 0.5, accent: '#aa3300' });
    expect(parsePrefs(JSON.stringify({ accent: 'red', chimeVolume: '0.2' }))).toMatchObject({ accent: null, chimeVolume: DEFAULT_PREFS.chimeVolume });
  });

  it('round-trip through localStorage and tell listeners', () => {
    const seen: unknown[] = [];
    const stop = onPrefsChanged((p) => seen.push(p.ambience));
    savePrefs({ ...DEFAULT_PREFS, ambience: 'pink' });
    expect(loadPrefs().ambience).toBe('pink');
    window.dispatchEvent(new StorageEvent('storage', { key: PREFS_KEY, newValue: JSON.stringify({ ambience: 'brown' }) }));
    stop();
    savePrefs(DEFAULT_PREFS);
    expect(seen).toEqual(['pink', 'brown']);
  });
});

describe('accent', () => {
  it('picks readable text on light and dark accents', () => {
    expect(textOn('#ffd400')).toBe('#000000');
    expect(textOn('#1e2a78')).toBe('#ffffff');
  });

  it('sets and clears the CSS variables', () => {
    const root = document.createElement('div');
    applyAccent('#1e2a78', root);
    expect(root.style.getPropertyValue('--accent')).toBe('#1e2a78');
    expect(root.style.getPropertyValue('--accent-text')).toBe('#ffffff');
    applyAccent('javascript:alert(1)', root);
    expect(root.style.getPropertyValue('--accent')).toBe('');
  });
});
