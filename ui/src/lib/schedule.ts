// A call's schedule in words, for the list of calls: "Every week on Mon, Wed and Fri at 11:00
// (Europe/London)". The sentence comes from the catalogue (plural by interval); weekday names,
// dates, lists and the time of day are the locale's own (Intl), the time in its 12 or 24 hours.
import { locale as ui, m } from './i18n.svelte';
import type { Call } from './bindings/Call';
import type { NthWeekday } from './bindings/NthWeekday';
import type { Weekday } from './bindings/Weekday';
import { formatClock } from './time';
import { formatList } from './wording';

export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A day of the week's name in the locale (Intl): `long` "Monday" / "Montag", `short` "Mon" / "Mo.". */
function dayName(d: Weekday, width: 'long' | 'short', locale?: string): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d)));
  return new Intl.DateTimeFormat(locale ?? ui.tag, { weekday: width, timeZone: 'UTC' }).format(date);
}

export const weekdayName = (d: Weekday, locale?: string) => dayName(d, 'long', locale);

const ORDINALS: Record<number, () => string> = {
  1: m.schedule_nth_1,
  2: m.schedule_nth_2,
  3: m.schedule_nth_3,
  4: m.schedule_nth_4,
  5: m.schedule_nth_5,
  [-1]: m.schedule_nth_last_1,
  [-2]: m.schedule_nth_last_2,
  [-3]: m.schedule_nth_last_3,
  [-4]: m.schedule_nth_last_4,
  [-5]: m.schedule_nth_last_5,
};

/** "first", "last", "second to last" (the core allows 1 to 5 and -1 to -5; anything else as a number). */
const ordinal = (n: number) => ORDINALS[n]?.() ?? String(n);

/** "first and third Wednesday", or "first Monday and last Friday" when the days differ. */
function nthWeekdays(list: NthWeekday[], locale?: string): string {
  const sameDay = list.every((n) => n.weekday === list[0].weekday);
  if (sameDay) return m.schedule_nth_weekday({ nth: formatList(list.map((n) => ordinal(n.nth)), locale), weekday: weekdayName(list[0].weekday, locale) });
  return formatList(
    list.map((n) => m.schedule_nth_weekday({ nth: ordinal(n.nth), weekday: weekdayName(n.weekday, locale) })),
    locale,
  );
}

/** A wall time `HH:MM[:SS]` in the locale's own form (11:00 or 11:00 AM), read as written (no zone shift). */
export function wallClock(time: string, locale?: string): string {
  return formatClock(`1970-01-01T${time.slice(0, 5)}:00Z`, locale, 'UTC');
}

/** A calendar date `YYYY-MM-DD` as the locale writes it: `{weekday, day, month}` options of Intl. */
export function wallDate(date: string, options: Intl.DateTimeFormatOptions, locale?: string): string {
  return new Intl.DateTimeFormat(locale ?? ui.tag, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The schedule of a call in words, its wall time in its own zone. */
export function describeSchedule(call: Call, locale?: string): string {
  const [date, wall] = call.first_start.split('T');
  const at = { time: wallClock(wall, locale), zone: call.time_zone };
  const r = call.recurrence;
  const count = r.interval;
  switch (r.frequency) {
    case 'once':
      return m.schedule_once({ date: wallDate(date, { dateStyle: 'medium' }, locale), ...at });
    case 'daily':
      return m.schedule_daily({ count, ...at });
    case 'weekly':
      if (r.weekdays.length === 0) return m.schedule_weekly({ count, ...at });
      return m.schedule_weekly_on({ count, days: formatList(r.weekdays.map((d) => dayName(d, 'short', locale)), locale), ...at });
    case 'monthly':
      if (r.monthly_weekdays.length > 0) return m.schedule_monthly_nth({ count, nth: nthWeekdays(r.monthly_weekdays, locale), ...at });
      return m.schedule_monthly_day({ count, day: Number(date.slice(8)), ...at });
  }
}

/** A one-off call's day and wall time in its zone: `Mon 3 Mar, 18:00 (Europe/London)`. */
export function describeWallTime(call: Call, locale?: string): string {
  const [date, wall] = call.first_start.split('T');
  const day = wallDate(date, { weekday: 'short', day: 'numeric', month: 'short' }, locale);
  return m.schedule_wall_time({ day, time: wallClock(wall, locale), zone: call.time_zone });
}
