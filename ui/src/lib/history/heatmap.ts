// The year's heat map: one cell per day, a column per week, five shades from none to the most.
import type { DayFocus } from '../bindings/DayFocus';
import { monthName, type Day } from './days';

export interface HeatCell {
  date: Day;
  seconds: number;
  /** 0 = no focus; 1–4 = up to a quarter, half, three quarters, all of the period's busiest day. */
  level: number;
  week: number;
  weekday: number;
}

/** Lays out days that begin on a week's first day: column = week, row = day of the week. */
export function heatCells(days: DayFocus[]): HeatCell[] {
  const most = Math.max(1, ...days.map((d) => d.focus_seconds));
  return days.map((d, i) => ({
    date: d.date,
    seconds: d.focus_seconds,
    level: d.focus_seconds === 0 ? 0 : Math.min(4, Math.max(1, Math.ceil((4 * d.focus_seconds) / most))),
    week: Math.floor(i / 7),
    weekday: i % 7,
  }));
}

/** The weeks in which a month begins, with the month's short name: the labels above the columns. */
export function monthLabels(cells: HeatCell[], locale?: string): { week: number; label: string }[] {
  const labels: { week: number; label: string }[] = [];
  let month = '';
  for (const cell of cells) {
    const m = cell.date.slice(0, 7);
    if (m !== month) {
      month = m;
      // A month whose first day falls mid-week is labelled from the next column on.
      const week = cell.weekday === 0 ? cell.week : cell.week + 1;
      if (labels[labels.length - 1]?.week !== week) labels.push({ week, label: monthName(cell.date, locale) });
    }
  }
  return labels.filter((l) => l.week < Math.ceil(cells.length / 7));
}

/** Focus per month over the cells: the heat map's numbers for assistive technology. */
export function monthTotals(days: DayFocus[]): { month: Day; seconds: number }[] {
  const totals = new Map<string, number>();
  for (const d of days) totals.set(d.date.slice(0, 7), (totals.get(d.date.slice(0, 7)) ?? 0) + d.focus_seconds);
  return [...totals].map(([m, seconds]) => ({ month: `${m}-01`, seconds }));
}
