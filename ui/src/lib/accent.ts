// The accent colour: one CSS variable (`--accent`) on the root, with a text colour that stays readable on it.
import { isHexColour } from './prefs';

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever contrasts more with the accent (for text on accent buttons). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const l = luminance(hex);
  // Contrast with white (1.05 / (l + .05)) against contrast with black ((l + .05) / .05).
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/** Sets the accent; null (or anything that is not `#rrggbb`) goes back to the theme's own. */
export function applyAccent(hex: string | null, root: HTMLElement = document.documentElement): void {
  if (isHexColour(hex)) {
    root.style.setProperty('--accent', hex);
    root.style.setProperty('--accent-text', textOn(hex));
  } else {
    root.style.removeProperty('--accent');
    root.style.removeProperty('--accent-text');
  }
}
