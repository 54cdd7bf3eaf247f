import { locale as ui } from '../i18n.svelte';
// Local days for History, in the zone the UI shows times in: which day it is, the periods the view
// steps through (a day, a week, the last year of weeks), and their labels. Days are `YYYY-MM-DD`
// strings, whose arithmetic is done in UTC, where every day has 24 hours.

export type Day = string;
export type PeriodKind = 'day' | 'week' | 'year';
export interface Period {
  kind: PeriodKind;
  from: Day;
  to: Day;
}

/** The local date of an instant in an IANA zone. */
export function dayIn(instantMs: number, zone: string): Day {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instantMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '01';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const asDate = (day: Day) => new Date(`${day}T00:00:00Z`);

export function addDays(day: Day, n: number): Day {
  const d = asDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((asDate(b).getTime() - asDate(a).getTime()) / 86_400_000);
}

/** The first day of the week in the locale: 1 = Monday … 7 = Sunday (Monday when it cannot be told). */
export function firstDayOfWeek(locale?: string): number {
  try {
    const loc = new Intl.Locale(locale ?? ui.tag) as Intl.Locale & {
      weekInfo?: { firstDay: number };
      getWeekInfo?: () => { firstDay: number };
    };
    return loc.getWeekInfo?.().firstDay ?? loc.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

/** The first day of the week `day` is in, weeks starting on `firstDay` (1 = Monday … 7 = Sunday). */
export function weekStart(day: Day, firstDay = 1): Day {
  const weekday = asDate(day).getUTCDay() || 7; // 1 = Monday … 7 = Sunday
  return addDays(day, -((weekday - firstDay + 7) % 7));
}

/** Weeks in the year view: a year of whole weeks ending with the current one. */
export const YEAR_WEEKS = 53;

/** The period of `kind` that contains `anchor`. */
export function periodOf(kind: PeriodKind, anchor: Day, firstDay = 1): Period {
  switch (kind) {
    case 'day':
      return { kind, from: anchor, to: anchor };
    case 'week': {
      const from = weekStart(anchor, firstDay);
      return { kind, from, to: addDays(from, 6) };
    }
    case 'year': {
      const last = weekStart(anchor, firstDay);
      return { kind, from: addDays(last, -7 * (YEAR_WEEKS - 1)), to: addDays(last, 6) };
    }
  }
}

/** The period before (−1) or after (+1) `period`. */
export function shiftPeriod(period: Period, steps: number, firstDay = 1): Period {
  const length = period.kind === 'day' ? 1 : period.kind === 'week' ? 7 : 7 * YEAR_WEEKS;
  return periodOf(period.kind, addDays(period.to, steps * length), firstDay);
}

const format = (options: Intl.DateTimeFormatOptions, locale?: string) =>
  new Intl.DateTimeFormat(locale ?? ui.tag, { ...options, timeZone: 'UTC' });

/** "Monday, 3 March 2025". */
export function longDay(day: Day, locale?: string): string {
  return format({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, locale).format(asDate(day));
}

/** "Mon 3": a bar's label in the week. */
export function shortDay(day: Day, locale?: string): string {
  return format({ weekday: 'short', day: 'numeric' }, locale).format(asDate(day));
}

/** "Mon": a row's label beside the year's heat map. */
export function weekdayName(day: Day, locale?: string): string {
  return format({ weekday: 'short' }, locale).format(asDate(day));
}

/** "Mar": a month's label above the year's heat map. */
export function monthName(day: Day, locale?: string): string {
  return format({ month: 'short' }, locale).format(asDate(day));
}

/** "March 2025". */
export function monthAndYear(day: Day, locale?: string): string {
  return format({ month: 'long', year: 'numeric' }, locale).format(asDate(day));
}

/** The period as a heading: a day, "3 – 9 March 2025", "March 2024 – March 2025". */
export function periodLabel(period: Period, locale?: string): string {
  if (period.kind === 'day') return longDay(period.from, locale);
  const options: Intl.DateTimeFormatOptions =
    period.kind === 'week' ? { day: 'numeric', month: 'long', year: 'numeric' } : { month: 'long', year: 'numeric' };
  return format(options, locale).formatRange(asDate(period.from), asDate(period.to));
}
