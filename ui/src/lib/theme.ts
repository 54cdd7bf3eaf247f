import type { Theme } from './bindings/Theme';

let systemQuery: MediaQueryList | null = null;
let chosen: Theme = 'system';

function paint() {
  const dark = chosen === 'dark' || (chosen === 'system' && (systemQuery?.matches ?? false));
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/**
 * Sets `data-theme` on the root element to `light` or `dark`. For `system` it follows
 * prefers-color-scheme, listening for changes (an event, not a poll).
 */
export function applyTheme(theme: Theme): void {
  chosen = theme;
  if (!systemQuery && typeof window.matchMedia === 'function') {
    systemQuery = window.matchMedia('(prefers-color-scheme: dark)');
    systemQuery.addEventListener('change', paint);
  }
  paint();
}
