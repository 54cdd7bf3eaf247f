// Pure display helpers for time. The UI never counts time: it derives what to show from instants the
// backend sends (`ends_at`) and the wall clock. Units are in the user's language (lib/i18n.svelte).
import { locale as ui, m } from './i18n.svelte';

/** Milliseconds left until `endsAt` (an ISO instant) at `nowMs`; never negative. */
export function remainingUntil(endsAt: string, nowMs: number): number {
  return Math.max(0, Date.parse(endsAt) - nowMs);
}

/**
 * `mm:ss` of a remaining duration, rounded up to the whole second so that a fresh 25-minute phase
 * shows 25:00 and 00:00 appears only when the phase is over. Minutes are not wrapped into hours.
 */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Milliseconds until the `mm:ss` of `remainingMs` changes: the next whole second of the countdown. */
export function msUntilNextSecond(remainingMs: number): number {
  const rest = remainingMs % 1000;
  return rest > 0 ? rest : 1000;
}

/**
 * Wall-clock time of an ISO instant in the locale's own time style (10:35, or 3:00 PM where the locale
 * counts 12 hours, never a padded "03:00 PM"): local, or in `timeZone` (IANA).
 */
export function formatClock(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale ?? ui.tag, { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Date and time of an ISO instant, for lists (e.g. 3 Mar 2025, 10:35): local, or in `timeZone` (IANA). */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale ?? ui.tag, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/**
 * Time spent, honestly: exact to the second under an hour (`45 s`, `4 min 30 s`, `25 min`), where
 * rounding to minutes would show "0 min" beside a full bar; whole minutes from an hour on, never
 * rounded up (`1 h 05 min`).
 */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  if (total < 3600) return formatLength(total);
  return hoursAndMinutes(Math.floor(total / 60));
}

/** A phase's planned length, exact to the second: `25 min`, `4 min 30 s`, `5 s`, `0 min`, `1 h 30 min`. */
export function formatLength(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (rest === 0) return minutes >= 60 ? hoursAndMinutes(minutes) : m.duration_minutes({ n: minutes });
  return minutes > 0 ? m.duration_minutes_seconds({ minutes, seconds: rest }) : m.duration_seconds({ n: rest });
}

/** `1 h 05 min`. */
function hoursAndMinutes(minutes: number): string {
  return m.duration_hours_minutes({ hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}
