// Preferences of this desktop only, kept in the webview's localStorage.
//
// LOCAL UNTIL THE RUST SETTINGS HAS THEM: the in-app chime (on/off, volume), the focus ambience and
// the accent colour are not fields of the shell's `Settings` yet, so they live here. When they move
// there, this module shrinks to a one-time migration. The main window and the mini timer share the
// same origin, so both read the same values; a change in one reaches the other by the `storage` event.

export type AmbienceColour = 'brown' | 'pink';

export type LocalPrefs = {
  /** Play a short chime at each phase change while Stint runs. */
  chime: boolean;
  /** 0–1. */
  chimeVolume: number;
  /** Noise played during focus phases; null = off (the default). */
  ambience: AmbienceColour | null;
  /** 0–1. */
  ambienceVolume: number;
  /** `#rrggbb`, or null for the theme's own accent. A community pack may set it later. */
  accent: string | null;
};

export const DEFAULT_PREFS: Readonly<LocalPrefs> = {
  chime: true,
  chimeVolume: 0.6,
  ambience: null,
  ambienceVolume: 0.3,
  accent: null,
};

export const PREFS_KEY = 'stint.prefs';

const HEX = /^#[0-9a-f]{6}$/i;

export function isHexColour(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

function unit(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
}

/** Reads stored JSON into prefs: each field that is missing or odd takes its default, never throws. */
export function parsePrefs(raw: string | null): LocalPrefs {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // A damaged value: defaults.
  }
  return {
    chime: typeof data.chime === 'boolean' ? data.chime : DEFAULT_PREFS.chime,
    chimeVolume: unit(data.chimeVolume, DEFAULT_PREFS.chimeVolume),
    ambience: data.ambience === 'brown' || data.ambience === 'pink' ? data.ambience : null,
    ambienceVolume: unit(data.ambienceVolume, DEFAULT_PREFS.ambienceVolume),
    accent: isHexColour(data.accent) ? data.accent.toLowerCase() : null,
  };
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadPrefs(): LocalPrefs {
  return parsePrefs(storage()?.getItem(PREFS_KEY) ?? null);
}

const listeners = new Set<(prefs: LocalPrefs) => void>();

/** Stores the prefs (normalised) and tells this window's listeners; other windows get a `storage` event. */
export function savePrefs(prefs: LocalPrefs): LocalPrefs {
  const clean = parsePrefs(JSON.stringify(prefs));
  storage()?.setItem(PREFS_KEY, JSON.stringify(clean));
  listeners.forEach((l) => l(clean));
  return clean;
}

/** Calls `listener` whenever the prefs change, in this window or another; returns the unsubscribe. */
export function onPrefsChanged(listener: (prefs: LocalPrefs) => void): () => void {
  const fromOtherWindow = (e: StorageEvent) => {
    if (e.key === PREFS_KEY) listener(parsePrefs(e.newValue));
  };
  listeners.add(listener);
  window.addEventListener('storage', fromOtherWindow);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', fromOtherWindow);
  };
}
