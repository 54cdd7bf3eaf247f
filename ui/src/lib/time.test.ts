import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatLength, formatRemaining, msUntilNextSecond, remainingUntil } from './time';

describe('formatRemaining', () => {
  it('shows mm:ss, rounding up to the whole second', () => {
    expect(formatRemaining(25 * 60_000)).toBe('25:00');
    expect(formatRemaining(25 * 60_000 - 1)).toBe('25:00');
    expect(formatRemaining(59_001)).toBe('01:00');
    expect(formatRemaining(59_000)).toBe('00:59');
    expect(formatRemaining(1)).toBe('00:01');
  });

  it('shows 00:00 for nothing or less', () => {
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(-5000)).toBe('00:00');
  });

  it('does not wrap long phases into hours', () => {
    expect(formatRemaining(90 * 60_000)).toBe('90:00');
  });
});

describe('remainingUntil', () => {
  it('is ends_at minus now, never negative', () => {
    const endsAt = '2025-03-03T10:25:00.000Z';
    expect(remainingUntil(endsAt, Date.parse('2025-03-03T10:24:00.500Z'))).toBe(59_500);
    expect(remainingUntil(endsAt, Date.parse('2025-03-03T10:26:00Z'))).toBe(0);
  });
});

describe('msUntilNextSecond', () => {
  it('aims at the instant the displayed second changes', () => {
    expect(msUntilNextSecond(59_500)).toBe(500);
    expect(msUntilNextSecond(60_000)).toBe(1000);
    expect(msUntilNextSecond(1)).toBe(1);
  });
});

describe('formatClock', () => {
  it('shows the local clock time of a UTC instant (tests run in UTC)', () => {
    expect(formatClock('2025-03-03T10:35:00Z', 'en-GB')).toBe('10:35');
    expect(formatClock('2025-03-03T09:05:59Z', 'en-GB')).toBe('09:05');
  });
});

describe('formatDuration', () => {
  it('shows minutes, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(25 * 60)).toBe('25 min');
    expect(formatDuration(65 * 60)).toBe('1 h 05 min');
  });

  it('is exact to the second where minutes would lie, and never rounds focus up', () => {
    expect(formatDuration(20)).toBe('20 s');
    expect(formatDuration(90)).toBe('1 min 30 s');
    expect(formatDuration(59 * 60 + 59)).toBe('59 min 59 s');
    expect(formatDuration(2 * 3600 + 59 * 60 + 59)).toBe('2 h 59 min');
  });
});

describe('formatLength', () => {
  it('is exact to the second for short or uneven phases', () => {
    expect(formatLength(5)).toBe('5 s');
    expect(formatLength(270)).toBe('4 min 30 s');
    expect(formatLength(1500)).toBe('25 min');
    expect(formatLength(5400)).toBe('1 h 30 min');
  });
});
