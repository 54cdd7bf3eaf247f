import { describe, expect, it } from 'vitest';
import { addDays, dayIn, periodLabel, periodOf, shiftPeriod, weekStart, YEAR_WEEKS } from './days';
import { heatCells, monthLabels, monthTotals } from './heatmap';

describe('the user’s days', () => {
  it('buckets an instant into the day of the zone the UI shows times in, not of UTC', () => {
    const lateEvening = Date.parse('2025-01-14T22:30:00Z');
    expect(dayIn(lateEvening, 'UTC')).toBe('2025-01-14');
    expect(dayIn(lateEvening, 'Europe/Berlin')).toBe('2025-01-14'); // 23:30
    expect(dayIn(lateEvening, 'Asia/Tokyo')).toBe('2025-01-15'); // 07:30 the next day
    expect(dayIn(lateEvening, 'America/Los_Angeles')).toBe('2025-01-14');
    expect(dayIn(Date.parse('2025-01-14T23:45:00Z'), 'Asia/Kolkata')).toBe('2025-01-15'); // 05:15, a half-hour zone
  });

  it('keeps days whole across a change of the clocks', () => {
    // Berlin springs forward on 30 March 2025: 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST — one day.
    expect(dayIn(Date.parse('2025-03-30T00:30:00Z'), 'Europe/Berlin')).toBe('2025-03-30');
    expect(dayIn(Date.parse('2025-03-30T21:59:00Z'), 'Europe/Berlin')).toBe('2025-03-30');
    expect(dayIn(Date.parse('2025-03-30T22:00:00Z'), 'Europe/Berlin')).toBe('2025-03-31');
    // Day arithmetic is calendar arithmetic: the day after is the next date, whatever its length.
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('steps through days, weeks from the locale’s first day, and a year of whole weeks', () => {
    expect(weekStart('2025-03-06')).toBe('2025-03-03'); // Thursday → Monday
    expect(weekStart('2025-03-09')).toBe('2025-03-03'); // Sunday belongs to the week before
    expect(weekStart('2025-03-09', 7)).toBe('2025-03-09'); // weeks that begin on Sunday
    expect(periodOf('week', '2025-03-06')).toEqual({ kind: 'week', from: '2025-03-03', to: '2025-03-09' });
    expect(shiftPeriod(periodOf('week', '2025-03-06'), -1)).toEqual({ kind: 'week', from: '2025-02-24', to: '2025-03-02' });
    expect(shiftPeriod(periodOf('day', '2025-03-01'), -1)).toEqual({ kind: 'day', from: '2025-02-28', to: '2025-02-28' });
    const year = periodOf('year', '2025-03-06');
    expect(year.to).toBe('2025-03-09');
    expect(addDays(year.from, 7 * YEAR_WEEKS - 1)).toBe(year.to);
    expect(weekStart(year.from)).toBe(year.from);
  });

  it('labels periods in words', () => {
    expect(periodLabel(periodOf('day', '2025-03-06'), 'en-GB')).toBe('Thursday, 6 March 2025');
    expect(periodLabel(periodOf('week', '2025-03-06'), 'en-GB')).toMatch(/^3\s*–\s*9 March 2025$/);
  });
});

describe('the year’s heat map', () => {
  const days = Array.from({ length: 14 }, (_, i) => ({ date: addDays('2025-02-24', i), focus_seconds: [0, 100, 400, 200, 300][i % 5] }));

  it('lays days out by week and weekday, shaded against the busiest day', () => {
    const cells = heatCells(days);
    expect(cells[0]).toMatchObject({ date: '2025-02-24', week: 0, weekday: 0, level: 0 });
    expect(cells[7]).toMatchObject({ date: '2025-03-03', week: 1, weekday: 0, level: 4 });
    expect(cells.map((c) => c.level).slice(0, 5)).toEqual([0, 1, 4, 2, 3]);
  });

  it('labels the weeks in which a month begins, and totals each month', () => {
    expect(monthLabels(heatCells(days), 'en-GB')).toEqual([
      { week: 0, label: 'Feb' },
      { week: 1, label: 'Mar' },
    ]);
    expect(monthTotals(days)).toEqual([
      { month: '2025-02-01', seconds: 1000 },
      { month: '2025-03-01', seconds: 1700 },
    ]);
  });
});
