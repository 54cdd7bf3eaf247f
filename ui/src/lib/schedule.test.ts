import { afterEach, describe, expect, it } from 'vitest';
import { describeSchedule, describeWallTime, weekdayName } from './schedule';
import { useLocale } from './i18n.svelte';
import { call } from '../test/callFixtures';

afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

const weekly = (weekdays: string[], interval = 1) =>
  call({ recurrence: { ...call().recurrence, frequency: 'weekly', interval, weekdays: weekdays as never } });
const monthly = (monthly_weekdays: { nth: number; weekday: string }[], first_start = '2025-03-05T15:00:00') =>
  call({ first_start, recurrence: { ...call().recurrence, frequency: 'monthly', monthly_weekdays: monthly_weekdays as never } });

describe('describeSchedule', () => {
  it('says how a call repeats, at its wall time in its zone', () => {
    expect(describeSchedule(weekly(['mon', 'tue', 'wed', 'thu', 'fri']), 'en-GB')).toBe(
      'Every week on Mon, Tue, Wed, Thu and Fri at 11:00 (Europe/London)',
    );
    expect(describeSchedule(monthly([{ nth: 1, weekday: 'wed' }, { nth: 3, weekday: 'wed' }]), 'en-GB')).toBe(
      'Every month on the first and third Wednesday at 15:00 (Europe/London)',
    );
    expect(describeSchedule(monthly([{ nth: 1, weekday: 'mon' }, { nth: -2, weekday: 'fri' }]), 'en-GB')).toBe(
      'Every month on the first Monday and second to last Friday at 15:00 (Europe/London)',
    );
    expect(describeSchedule(weekly([], 2), 'en-GB')).toBe('Every 2 weeks at 11:00 (Europe/London)');
    expect(describeSchedule(monthly([{ nth: -1, weekday: 'fri' }], '2025-03-03T11:00:00'), 'en-GB')).toBe(
      'Every month on the last Friday at 11:00 (Europe/London)',
    );
    expect(describeSchedule(monthly([], '2025-03-14T11:00:00'), 'en-GB')).toBe('Every month on day 14 at 11:00 (Europe/London)');
    expect(describeSchedule(call({ recurrence: { ...call().recurrence, frequency: 'once' } }), 'en-GB')).toBe(
      'Once, on 3 Mar 2025 at 11:00 (Europe/London)',
    );
    expect(describeSchedule(call({ recurrence: { ...call().recurrence, frequency: 'daily' } }), 'en-GB')).toBe('Every day at 11:00 (Europe/London)');
  });

  it('writes the time in the locale’s 12 or 24 hours, never shifted out of the call’s zone', () => {
    const daily = call({ first_start: '2025-03-03T18:30:00', recurrence: { ...call().recurrence, frequency: 'daily' } });
    expect(describeSchedule(daily, 'en-US')).toBe('Every day at 6:30 PM (Europe/London)');
    expect(describeSchedule(daily, 'en-GB')).toBe('Every day at 18:30 (Europe/London)');
  });

  it('speaks the chosen language, plural and ordinals included', () => {
    useLocale({ lang: 'de', tag: 'de-DE' });
    expect(describeSchedule(weekly(['mon', 'wed', 'fri'], 2))).toBe('Alle 2 Wochen am Mo, Mi und Fr um 11:00 (Europe/London)');
    expect(describeSchedule(weekly(['mon']))).toBe('Jede Woche am Mo um 11:00 (Europe/London)');
    expect(describeSchedule(monthly([{ nth: 1, weekday: 'wed' }, { nth: 3, weekday: 'wed' }]))).toBe(
      'Jeden Monat am ersten und dritten Mittwoch um 15:00 (Europe/London)',
    );
    useLocale({ lang: 'es', tag: 'es-ES' });
    expect(describeSchedule(monthly([{ nth: -1, weekday: 'fri' }]))).toBe('Cada mes el último viernes a las 15:00 (Europe/London)');
    expect(weekdayName('sun')).toBe('domingo');
  });
});

describe('describeWallTime', () => {
  it('gives the day and the wall time in the call zone', () => {
    expect(describeWallTime(call({ first_start: '2025-03-03T18:00:00' }), 'en-GB')).toBe('Mon 3 Mar, 18:00 (Europe/London)');
  });
});
