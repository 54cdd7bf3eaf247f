// The "New accountability series" form's state, and the SeriesDraft it sends. The form keeps both
// patterns' fields so switching between them loses nothing; only the chosen one is sent.
import type { Series } from './bindings/Series';
import type { SeriesDraft } from './bindings/SeriesDraft';
import type { Weekday } from './bindings/Weekday';
import { userTimeZone } from './callTime';
import { WEEKDAYS } from './schedule';

export type SeriesForm = {
  title: string;
  pattern: 'days_of_week' | 'weekly';
  /** Days of one week: a date in that week (YYYY-MM-DD) and three days. */
  weekOf: string;
  days: Weekday[];
  /** Weekly: the weekday, and the date on or after which the first call falls. */
  weekday: Weekday;
  from: string;
  /** HH:MM, wall time in `timeZone`. */
  time: string;
  timeZone: string;
  durationMinutes: number;
  joinLink: string;
  notesLink: string;
  /** Empty = no reminder. */
  reminderMinutes: number | null;
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));
const dayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
const weekdayOf = (date: string): Weekday => WEEKDAYS[dayIndex(date)];
const mondayOf = (date: string) => addDays(date, -dayIndex(date));

/** A new series: Mon/Wed/Fri of next week at 18:00 in the user's zone. */
export function emptySeriesForm(today: string): SeriesForm {
  const nextWeek = addDays(today, 7);
  return {
    title: '',
    pattern: 'days_of_week',
    weekOf: nextWeek,
    days: ['mon', 'wed', 'fri'],
    weekday: weekdayOf(today),
    from: addDays(today, 1),
    time: '18:00',
    timeZone: userTimeZone(),
    durationMinutes: 30,
    joinLink: '',
    notesLink: '',
    reminderMinutes: 10,
  };
}

/**
 * The form for the series after `s`: same title, time, zone, length, links and reminder; the same
 * weekdays one week later when its calls fell in one week, else the same weekday three weeks running
 * from the day after its last call.
 */
export function nextSeriesForm(s: Series): SeriesForm {
  const [first] = s.calls;
  const dates = s.calls.map((c) => c.first_start.slice(0, 10));
  const last = dates[dates.length - 1];
  const oneWeek = mondayOf(dates[0]) === mondayOf(last);
  return {
    title: s.title,
    pattern: oneWeek ? 'days_of_week' : 'weekly',
    weekOf: addDays(dates[0], 7),
    days: dates.map(weekdayOf),
    weekday: weekdayOf(dates[0]),
    from: addDays(last, 1),
    time: first.first_start.slice(11, 16),
    timeZone: first.time_zone,
    durationMinutes: first.duration_minutes,
    joinLink: first.join_link ?? '',
    notesLink: first.notes_link ?? '',
    reminderMinutes: first.reminder_minutes,
  };
}

/** The draft the backend validates (it names the field of anything wrong). */
export function seriesDraft(f: SeriesForm, communityId: string | null = null): SeriesDraft {
  return {
    title: f.title,
    community_id: communityId,
    pattern:
      f.pattern === 'days_of_week'
        ? { type: 'days_of_week', week_of: f.weekOf, days: WEEKDAYS.filter((d) => f.days.includes(d)) }
        : { type: 'weekly', weekday: f.weekday, from: f.from },
    time: f.time.length === 5 ? `${f.time}:00` : f.time,
    time_zone: f.timeZone.trim(),
    duration_minutes: f.durationMinutes,
    join_link: f.joinLink.trim() || null,
    notes_link: f.notesLink.trim() || null,
    reminder_minutes: f.reminderMinutes,
  };
}
