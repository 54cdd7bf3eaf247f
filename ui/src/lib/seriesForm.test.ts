import { describe, expect, it } from 'vitest';
import { emptySeriesForm, nextSeriesForm, seriesDraft } from './seriesForm';
import { series } from '../test/callFixtures';

describe('series form', () => {
  it('starts with Mon/Wed/Fri of next week at 18:00', () => {
    const f = emptySeriesForm('2025-03-05');
    expect(seriesDraft({ ...f, title: 'Goals', timeZone: 'Europe/London' })).toEqual({
      title: 'Goals',
      community_id: null,
      pattern: { type: 'days_of_week', week_of: '2025-03-12', days: ['mon', 'wed', 'fri'] },
      time: '18:00:00',
      time_zone: 'Europe/London',
      duration_minutes: 30,
      join_link: null,
      notes_link: null,
      reminder_minutes: 10,
    });
  });

  it('sends only the chosen pattern, days in week order', () => {
    const f = { ...emptySeriesForm('2025-03-05'), days: ['fri', 'mon', 'tue'] as const };
    expect(seriesDraft({ ...f, days: [...f.days] }).pattern).toEqual({ type: 'days_of_week', week_of: '2025-03-12', days: ['mon', 'tue', 'fri'] });
    expect(seriesDraft({ ...f, days: [...f.days], pattern: 'weekly' }).pattern).toEqual({ type: 'weekly', weekday: 'wed', from: '2025-03-06' });
  });

  it('continues a Mon/Wed/Fri series the week after, with the same time, zone and link', () => {
    const s = series();
    s.calls = s.calls.map((c) => ({ ...c, join_link: 'https://meet.example.org/goals' }));
    const draft = seriesDraft(nextSeriesForm(s));
    expect(draft).toMatchObject({
      title: 'Spring goals',
      pattern: { type: 'days_of_week', week_of: '2025-03-10', days: ['mon', 'wed', 'fri'] },
      time: '18:00:00',
      time_zone: 'Europe/London',
      duration_minutes: 30,
      join_link: 'https://meet.example.org/goals',
    });
  });

  it('continues a weekly series on the same weekday after its last call', () => {
    const s = series();
    s.calls = ['2025-03-05', '2025-03-12', '2025-03-19'].map((d, i) => ({ ...s.calls[i], first_start: `${d}T18:00:00` }));
    expect(seriesDraft(nextSeriesForm(s)).pattern).toEqual({ type: 'weekly', weekday: 'wed', from: '2025-03-20' });
  });
});
