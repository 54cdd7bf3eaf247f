import { describe, expect, it } from 'vitest';
import type { PhaseOutcome } from './bindings/PhaseOutcome';
import { outcomeCount, outcomeName } from './outcomes';

describe('phase outcomes in words', () => {
  it('names every outcome the backend knows', () => {
    expect(outcomeName('completed')).toBe('Completed');
    expect(outcomeName('slept')).toBe('Slept through');
    expect(outcomeName('not_running')).toBe('Stint was not running');
    expect(outcomeCount('not_running', 2)).toBe('2 while Stint was not running');
    expect(outcomeCount('completed', 4)).toBe('4 done');
    expect(outcomeCount('skipped', 1)).toBe('1 skipped');
  });

  it('reads an outcome added later from its name, with no change here', () => {
    const later = 'left_early' as PhaseOutcome;
    expect(outcomeName(later)).toBe('Left early');
    expect(outcomeCount(later, 2)).toBe('2 left early');
  });
});
