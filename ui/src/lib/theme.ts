import type { Theme } from './bindings/Theme';

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
/** The last theme chosen, remembered in this webview so that start-up and the mini timer need no IPC. */
export const THEME_KEY = 'stint.theme';

let systemQuery: MediaQueryList | null = null;
let chosen: Theme = 'system';

function paint() {
  const dark = chosen === 'dark' || (chosen === 'system' && (systemQuery?.matches ?? false));
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

function remember(theme: Theme) {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // No storage: the saved setting still arrives from the backend.
  }
}

/**
 * Sets `data-theme` on the root element to `light` or `dark`. For `system` it follows
 * prefers-color-scheme, listening for changes (an event, not a poll).
 */
export function applyTheme(theme: Theme): void {
  chosen = theme;
  remember(theme);
  if (!systemQuery && typeof window.matchMedia === 'function') {
    systemQuery = window.matchMedia('(prefers-color-scheme: dark)');
    systemQuery.addEventListener('change', paint);
  }
  paint();
}

/** The theme remembered from the last run, `system` if none. */
export function rememberedTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_KEY) as Theme | null;
    return stored && THEMES.includes(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Follows theme changes made in another window of the app (the main window, seen from the mini timer). */
export function followOtherWindows(): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === THEME_KEY) applyTheme(rememberedTheme());
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}
