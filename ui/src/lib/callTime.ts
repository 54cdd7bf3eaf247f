// Pure display helpers for call occurrences: grouping by the user's local day, and a start time in
// local time with the call's own zone beside it when the call is kept in another zone.
import { locale as ui, m } from './i18n.svelte';
import { formatClock } from './time';

/** The user's own IANA time zone (e.g. `Europe/Berlin`). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The local calendar date of an ISO instant, as `YYYY-MM-DD`. */
export function localDateKey(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

export type DayGroup<T> = { date: string; items: T[] };

/** Items (in time order) grouped by the local day they start on, days in order. */
export function groupByLocalDay<T extends { starts_at: string }>(items: T[]): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const date = localDateKey(item.starts_at);
    const last = groups[groups.length - 1];
    if (last?.date === date) last.items.push(item);
    else groups.push({ date, items: [item] });
  }
  return groups;
}

/** `Today`, `Tomorrow` (in the user's language), or the weekday and date of a `YYYY-MM-DD` local date (e.g. Wednesday 5 March). */
export function dayLabel(date: string, now: Date, locale?: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const day = new Date(y, mo - 1, d);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const diff = Math.round((day.getTime() - today.getTime()) / 86_400_000);
  if (diff === 0) return m.calls_today();
  if (diff === 1) return m.calls_tomorrow();
  return new Intl.DateTimeFormat(locale ?? ui.tag, { weekday: 'long', day: 'numeric', month: 'long' }).format(day);
}

/**
 * The start of an occurrence in local time, and in the call's own zone when that is not the user's:
 * `16:00 (15:00 Europe/London)`.
 */
export function occurrenceTime(startsAt: string, callZone: string, userZone = userTimeZone(), locale?: string): string {
  const local = formatClock(startsAt, locale, userZone);
  if (callZone === userZone) return local;
  return `${local} (${formatClock(startsAt, locale, callZone)} ${callZone})`;
}

/** Every IANA zone this webview knows (for suggestions); empty where the engine cannot list them. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}
