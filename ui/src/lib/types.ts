// TEMPORARY: twins of the shell's types (src-tauri/src/settings.rs, effects.rs) until their ts-rs
// bindings reach main. Then import `Settings`, `SleepPolicy`, `Theme` and `NotificationFailure` from
// ./bindings and delete this file.

export type SleepPolicy = 'pause' | 'wall_clock';
export type Theme = 'system' | 'light' | 'dark';

export type Settings = {
  focus_minutes: number;
  short_break_minutes: number;
  long_break_minutes: number;
  long_break_every: number;
  auto_start_next: boolean;
  sound: boolean;
  sleep_policy: SleepPolicy;
  theme: Theme;
};

/** Payload of the `notification-failed` event. */
export type NotificationFailure = { message: string };
