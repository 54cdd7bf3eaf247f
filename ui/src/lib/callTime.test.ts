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
