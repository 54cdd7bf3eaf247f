import { describe, expect, it } from 'vitest';
import { describeSchedule, describeWallTime } from './schedule';
import { call } from '../test/callFixtures';

describe('describeSchedule', () => {
  it('says how a call repeats, at its wall time in its zone', () => {
    expect(describeSchedule(call({ recurrence: { ...call().recurrence, frequency: 'weekly', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] } }))).toBe(
      'Every week on Mon, Tue, Wed, Thu, Fri at 11:00 (Europe/London)',
    );
    expect(
      describeSchedule(
        call({
          first_start: '2025-03-05T15:00:00',
          recurrence: { ...call().recurrence, frequency: 'monthly', monthly_weekdays: [{ nth: 1, weekday: 'wed' }, { nth: 3, weekday: 'wed' }] },
        }),
      ),
    ).toBe('Every month on the 1st and 3rd Wednesday at 15:00 (Europe/London)');
    expect(describeSchedule(call({ recurrence: { ...call().recurrence, frequency: 'weekly', interval: 2 } }))).toBe('Every 2 weeks at 11:00 (Europe/London)');
    expect(describeSchedule(call({ recurrence: { ...call().recurrence, frequency: 'monthly', monthly_weekdays: [{ nth: -1, weekday: 'fri' }] } }))).toBe(
      'Every month on the last Friday at 11:00 (Europe/London)',
    );
    expect(describeSchedule(call({ recurrence: { ...call().recurrence, frequency: 'once' } }))).toBe('Once, on 2025-03-03 at 11:00 (Europe/London)');
    expect(describeSchedule(call({ recurrence: { ...call().recurrence, frequency: 'daily' } }))).toBe('Every day at 11:00 (Europe/London)');
  });
});

describe('describeWallTime', () => {
  it('gives the day and the wall time in the call zone', () => {
    expect(describeWallTime(call({ first_start: '2025-03-03T18:00:00' }), 'en-GB')).toBe('Mon 3 Mar, 18:00 (Europe/London)');
  });
});
