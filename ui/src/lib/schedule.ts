// A call's schedule in words, for the list of calls: "Every week on Mon, Wed at 11:00 (Europe/London)".
import { locale as ui } from './i18n.svelte';
import type { Call } from './bindings/Call';
import type { NthWeekday } from './bindings/NthWeekday';
import type { Weekday } from './bindings/Weekday';

const DAY: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const DAY_LONG: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
export const WEEKDAYS = Object.keys(DAY) as Weekday[];
export const weekdayName = (d: Weekday) => DAY_LONG[d];

function ordinal(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)} to last`;
  return `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
}

function nthWeekdays(list: NthWeekday[]): string {
  const sameDay = list.every((n) => n.weekday === list[0].weekday);
  if (sameDay) return `${list.map((n) => ordinal(n.nth)).join(' and ')} ${DAY_LONG[list[0].weekday]}`;
  return list.map((n) => `${ordinal(n.nth)} ${DAY_LONG[n.weekday]}`).join(' and ');
}

const every = (interval: number, unit: string) => (interval === 1 ? `Every ${unit}` : `Every ${interval} ${unit}s`);

/** The schedule of a call in words, its wall time in its own zone. */
export function describeSchedule(call: Call): string {
  const [date, time] = call.first_start.split('T');
  const at = `at ${time.slice(0, 5)} (${call.time_zone})`;
  const r = call.recurrence;
  switch (r.frequency) {
    case 'once':
      return `Once, on ${date} ${at}`;
    case 'daily':
      return `${every(r.interval, 'day')} ${at}`;
    case 'weekly': {
      const days = r.weekdays.length > 0 ? ` on ${r.weekdays.map((d) => DAY[d]).join(', ')}` : '';
      return `${every(r.interval, 'week')}${days} ${at}`;
    }
    case 'monthly': {
      const on = r.monthly_weekdays.length > 0 ? ` on the ${nthWeekdays(r.monthly_weekdays)}` : ` on day ${Number(date.slice(8))}`;
      return `${every(r.interval, 'month')}${on} ${at}`;
    }
  }
}

/** A one-off call's day and wall time in its zone: `Mon 3 Mar, 18:00 (Europe/London)`. */
export function describeWallTime(call: Call, locale?: string): string {
  const [date, time] = call.first_start.split('T');
  const day = new Intl.DateTimeFormat(locale ?? ui.tag, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
  return `${day}, ${time.slice(0, 5)} (${call.time_zone})`;
}
