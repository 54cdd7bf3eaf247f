import { describe, expect, it, vi } from 'vitest';

describe('applyTheme', () => {
  it('follows the system for "system", and the choice otherwise', async () => {
    let listener: (() => void) | null = null;
    const query = { matches: true, addEventListener: (_: string, l: () => void) => (listener = l) };
    vi.stubGlobal('matchMedia', () => query);
    vi.resetModules();
    const { applyTheme } = await import('./theme');

    applyTheme('system');
    expect(document.documentElement.dataset.theme).toBe('dark');
    query.matches = false;
    listener!();
    expect(document.documentElement.dataset.theme).toBe('light');
    applyTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    query.matches = true;
    applyTheme('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    vi.unstubAllGlobals();
  });
});

describe('rememberedTheme', () => {
  it('remembers the last theme applied, and falls back to system', async () => {
    vi.resetModules();
    const { applyTheme, rememberedTheme, THEME_KEY } = await import('./theme');
    localStorage.setItem(THEME_KEY, 'purple');
    expect(rememberedTheme()).toBe('system');
    applyTheme('dark');
    expect(rememberedTheme()).toBe('dark');
    localStorage.clear();
  });
});
