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

/** The date and time of day an instant reads on a clock in `zone`, to compare two zones' clocks. */
function wallClock(iso: string, zone: string): string {
  const parts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  return new Intl.DateTimeFormat('en-US', { ...parts, timeZone: zone }).format(new Date(iso));
}

/**
 * The start of an occurrence in local time, and in the call's own zone only when a clock there reads
 * differently at that moment (`16:00 (15:00 Europe/London)`); a call kept in London by a user in UTC
 * in winter shows `15:00` alone. Both times in the locale's time style.
 */
export function occurrenceTime(startsAt: string, callZone: string, userZone = userTimeZone(), locale?: string): string {
  const local = formatClock(startsAt, locale, userZone);
  if (callZone === userZone || wallClock(startsAt, callZone) === wallClock(startsAt, userZone)) return local;
  return `${local} (${formatClock(startsAt, locale, callZone)} ${callZone})`;
}

/** Every IANA zone this webview knows (for suggestions); empty where the engine cannot list them. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}
