// TEMPORARY — the one place the UI declares shell types by hand (issue 5).
// The shell adds `start_at_login` and `global_shortcut` to its Settings and an `about` command. Until
// their generated bindings are on main, they are declared here. After `git merge main`: import
// Settings and the about payload from ./bindings, drop `withDesktopDefaults`, delete this file.
import type { Settings as GeneratedSettings } from './bindings/Settings';

export type Settings = GeneratedSettings & {
  /** Launch Stint when the user logs in (tauri-plugin-autostart). */
  start_at_login: boolean;
  /** The accelerator that starts/pauses from anywhere, e.g. `CommandOrControl+Alt+Space`; null = none. */
  global_shortcut: string | null;
};

/** What the `about` command returns. */
export type About = { version: string; data_dir: string; db_path: string };

/** Settings from a backend that may not send the new fields yet, with their defaults filled in. */
export function withDesktopDefaults(s: GeneratedSettings & Partial<Settings>): Settings {
  return { ...s, start_at_login: s.start_at_login ?? false, global_shortcut: s.global_shortcut ?? null };
}
