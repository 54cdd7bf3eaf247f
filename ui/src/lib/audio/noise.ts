// Noise for the focus ambience, generated here (no recordings): brown and pink noise as a buffer of
// samples that loops without a click. Pure; the engine copies the samples into an AudioBuffer.

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** A small seeded generator (xorshift32), so tests get the same noise every run. */
export function seeded(seed: number): Random {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

const white = (random: Random) => random() * 2 - 1;

/** Brown (red) noise: a leaky random walk, −6 dB per octave. */
export function brownNoise(length: number, random: Random = Math.random): Float32Array<ArrayBuffer> {
  const out = new Float32Array(length);
  let level = 0;
  for (let i = 0; i < length; i++) {
    level = level * 0.998 + white(random) * 0.05;
    out[i] = level;
  }
  return loopable(out);
}

const PINK_ROWS = 12;

/**
 * Pink noise, −3 dB per octave, by summing rows of white noise where row k is redrawn every 2^k
 * samples (the Voss–McCartney scheme), plus one fresh white value per sample.
 */
export function pinkNoise(length: number, random: Random = Math.random): Float32Array<ArrayBuffer> {
  const out = new Float32Array(length);
  const rows = Array.from({ length: PINK_ROWS }, () => white(random));
  let sum = rows.reduce((a, b) => a + b, 0);
  for (let i = 0; i < length; i++) {
    if (i > 0) {
      const row = 31 - Math.clz32(i & -i); // trailing zeros of i: row 0 every other sample, …
      if (row < PINK_ROWS) {
        sum -= rows[row];
        rows[row] = white(random);
        sum += rows[row];
      }
    }
    out[i] = sum + white(random);
  }
  return loopable(out);
}

/**
 * Makes a buffer loop seamlessly and sit in [−0.9, 0.9]: removes the drift between its first and last
 * sample (so the end meets the start), then its mean, then scales the peak.
 */
function loopable(samples: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> {
  const n = samples.length;
  if (n === 0) return samples;
  const first = samples[0];
  const drift = n > 1 ? (samples[n - 1] - first) / (n - 1) : 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    samples[i] -= first + drift * i;
    mean += samples[i] / n;
  }
  let peak = 0;
  for (let i = 0; i < n; i++) {
    samples[i] -= mean;
    peak = Math.max(peak, Math.abs(samples[i]));
  }
  const scale = peak > 0 ? 0.9 / peak : 0;
  for (let i = 0; i < n; i++) samples[i] *= scale;
  return samples;
}
