import { describe, expect, it } from 'vitest';
import { PHASE_KINDS } from '../phaseKinds';
import { chimeFor, chimeForChange, chimeLength, type ChimeName } from './chimes';
import { brownNoise, pinkNoise, seeded } from './noise';
import { ambienceFor } from './ambience';
import { focus, rest, sessionView } from '../../test/fixtures';

const NAMES: ChimeName[] = [...PHASE_KINDS.map((k) => k.kind), 'end'];

describe('chimes', () => {
  it('give each phase kind, and the end, a melody of its own', () => {
    const melodies = NAMES.map((n) => chimeFor(n).notes.map((note) => note.freq.toFixed(2)).join(' '));
    expect(new Set(melodies).size).toBe(NAMES.length);
  });

  it('rise into work and fall into breaks and the end', () => {
    const freqs = (n: ChimeName) => chimeFor(n).notes.map((x) => x.freq);
    const [a, b] = freqs('focus');
    expect(b).toBeGreaterThan(a);
    for (const n of ['break', 'long_break', 'end'] as const) {
      const f = freqs(n);
      expect(f[f.length - 1]).toBeLessThan(f[0]);
    }
    expect(freqs('focus')[0]).toBeCloseTo(440);
  });

  it('stay short and in a comfortable range', () => {
    for (const n of NAMES) {
      const chime = chimeFor(n);
      expect(chime.notes.length).toBeGreaterThanOrEqual(2);
      expect(chime.notes.length).toBeLessThanOrEqual(3);
      expect(chimeLength(chime)).toBeLessThanOrEqual(2);
      for (const note of chime.notes) {
        expect(note.freq).toBeGreaterThan(200);
        expect(note.freq).toBeLessThan(1000);
      }
    }
  });

  it('play when the live session moves to another phase or ends, not otherwise', () => {
    const phases = [focus('Pomodoro 1'), rest(), focus('Pomodoro 2')];
    const first = sessionView({ phases, phaseIndex: 0 });
    const second = sessionView({ phases, phaseIndex: 1 });
    const paused = sessionView({ phases, phaseIndex: 0, paused: true, endsAt: null });
    const ended = sessionView({ phases, phaseIndex: 1, done: true, endsAt: null });
    expect(chimeForChange(null, first)).toBeNull();
    expect(chimeForChange(first, second)).toBe('break');
    expect(chimeForChange(second, sessionView({ phases, phaseIndex: 2 }))).toBe('focus');
    expect(chimeForChange(first, paused)).toBeNull();
    expect(chimeForChange(first, first)).toBeNull();
    expect(chimeForChange(second, ended)).toBe('end');
    expect(chimeForChange(first, null)).toBe('end');
    expect(chimeForChange(ended, null)).toBeNull();
    expect(chimeForChange(first, { ...second, id: 8 })).toBeNull();
  });
});

/** Correlation of the samples with themselves `lag` samples later. */
function autocorrelation(x: Float32Array, lag: number): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    den += x[i] * x[i];
    if (i + lag < x.length) num += x[i] * x[i + lag];
  }
  return num / den;
}

const mean = (x: Float32Array) => x.reduce((a, b) => a + b, 0) / x.length;

describe('noise', () => {
  const N = 1 << 16;
  const brown = brownNoise(N, seeded(1));
  const pink = pinkNoise(N, seeded(2));
  const white = Float32Array.from({ length: N }, seeded(3)).map((v) => v * 2 - 1);

  it('is centred, bounded and the requested length', () => {
    for (const x of [brown, pink]) {
      expect(x).toHaveLength(N);
      expect(Math.abs(mean(x))).toBeLessThan(1e-3);
      expect(Math.max(...x.map(Math.abs))).toBeCloseTo(0.9, 5);
    }
  });

  it('is redder for brown than for pink, and pinker than white', () => {
    const [b, p, w] = [brown, pink, white].map((x) => autocorrelation(x, 1));
    expect(b).toBeGreaterThan(0.99);
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(b);
    expect(Math.abs(w)).toBeLessThan(0.05);
    // Pink keeps memory over longer spans than white does.
    expect(autocorrelation(pink, 64)).toBeGreaterThan(0.2);
  });

  it('loops without a click: the end meets the start', () => {
    for (const x of [brown, pink]) {
      let largestStep = 0;
      for (let i = 1; i < x.length; i++) largestStep = Math.max(largestStep, Math.abs(x[i] - x[i - 1]));
      expect(Math.abs(x[x.length - 1] - x[0])).toBeLessThanOrEqual(largestStep);
    }
    expect(Math.abs(brown[N - 1] - brown[0])).toBeLessThan(1e-6);
  });

  it('is the same for the same seed', () => {
    expect(brownNoise(64, seeded(9))).toEqual(brownNoise(64, seeded(9)));
    expect(pinkNoise(64, seeded(9))).not.toEqual(pinkNoise(64, seeded(10)));
  });
});

describe('ambienceFor', () => {
  const on = { ambience: 'brown' as const };
  it('plays the chosen noise only during a running focus phase', () => {
    expect(ambienceFor(sessionView({ phaseIndex: 0 }), on)).toBe('brown');
    expect(ambienceFor(sessionView({ phaseIndex: 0 }), { ambience: 'pink' })).toBe('pink');
    expect(ambienceFor(sessionView({ phaseIndex: 0 }), { ambience: null })).toBeNull();
    expect(ambienceFor(sessionView({ phaseIndex: 1 }), on)).toBeNull();
    expect(ambienceFor(sessionView({ phaseIndex: 0, paused: true, endsAt: null }), on)).toBeNull();
    expect(ambienceFor(sessionView({ phaseIndex: 0, done: true, endsAt: null }), on)).toBeNull();
    expect(ambienceFor(null, on)).toBeNull();
  });
});
