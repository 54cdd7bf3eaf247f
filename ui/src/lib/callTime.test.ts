import { describe, expect, it } from 'vitest';
import { dayLabel, groupByLocalDay, localDateKey, occurrenceTime } from './callTime';

// Tests run with TZ=UTC (vite.config.ts), so the local day is the UTC day.
describe('occurrenceTime', () => {
  it('shows local time and, when the call keeps another zone, the time there', () => {
    expect(occurrenceTime('2025-06-04T14:00:00Z', 'Europe/London', 'Europe/Berlin', 'en-GB')).toBe('16:00 (15:00 Europe/London)');
    expect(occurrenceTime('2025-01-08T15:00:00Z', 'Europe/London', 'Europe/Berlin', 'en-GB')).toBe('16:00 (15:00 Europe/London)');
  });

  it('shows local time alone when the call is in the user zone', () => {
    expect(occurrenceTime('2025-06-04T14:00:00Z', 'Europe/London', 'Europe/London', 'en-GB')).toBe('15:00');
  });

  it('shows local time alone when the call zone’s clock reads the same at that moment', () => {
    // London keeps UTC in winter: no "3:00 PM (3:00 PM Europe/London)".
    expect(occurrenceTime('2025-01-08T15:00:00Z', 'Europe/London', 'UTC', 'en-US')).toBe('3:00 PM');
    // In summer London is an hour ahead of UTC, so its clock is shown.
    expect(occurrenceTime('2025-06-04T14:00:00Z', 'Europe/London', 'UTC', 'en-US')).toBe('2:00 PM (3:00 PM Europe/London)');
    // The same clock time on another day is another time: Kiritimati (+14) and Etc/GMT+10 (-10).
    expect(occurrenceTime('2025-06-04T14:00:00Z', 'Pacific/Kiritimati', 'Etc/GMT+10', 'en-GB')).toBe('04:00 (04:00 Pacific/Kiritimati)');
  });

  it('writes both times in the locale’s own style, 12 or 24 hours', () => {
    expect(occurrenceTime('2025-06-04T14:00:00Z', 'Europe/London', 'Europe/Berlin', 'en-US')).toBe('4:00 PM (3:00 PM Europe/London)');
    expect(occurrenceTime('2025-06-04T14:00:00Z', 'Europe/London', 'Europe/Berlin', 'de')).toBe('16:00 (15:00 Europe/London)');
  });
});

describe('grouping by local day', () => {
  it('keeps order and starts a group at each new local date', () => {
    const items = ['2025-03-03T09:00:00Z', '2025-03-03T23:30:00Z', '2025-03-04T00:10:00Z', '2025-03-06T11:00:00Z'].map((starts_at) => ({ starts_at }));
    expect(groupByLocalDay(items).map((g) => [g.date, g.items.length])).toEqual([
      ['2025-03-03', 2],
      ['2025-03-04', 1],
      ['2025-03-06', 1],
    ]);
    expect(groupByLocalDay([])).toEqual([]);
    expect(localDateKey('2025-12-31T23:59:00Z')).toBe('2025-12-31');
  });

  it('names today and tomorrow, and other days by weekday and date', () => {
    const now = new Date('2025-03-03T22:00:00Z');
    expect(dayLabel('2025-03-03', now)).toBe('Today');
    expect(dayLabel('2025-03-04', now)).toBe('Tomorrow');
    expect(dayLabel('2025-03-05', now, 'en-GB')).toBe('Wednesday 5 March');
  });
});
