import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SoundEngine } from './engine';

/** Just enough of an AudioContext to see what the engine builds and starts. */
class FakeParam {
  value = 0;
  setValueAtTime = vi.fn();
  linearRampToValueAtTime = vi.fn();
  exponentialRampToValueAtTime = vi.fn();
  setTargetAtTime = vi.fn();
  cancelScheduledValues = vi.fn();
}
class FakeNode {
  connect = vi.fn((next: FakeNode) => next);
}
class FakeContext {
  state: AudioContextState = 'suspended';
  currentTime = 0;
  sampleRate = 8000;
  destination = new FakeNode();
  oscillators: { type: string; frequency: FakeParam; start: ReturnType<typeof vi.fn> }[] = [];
  sources: { loop: boolean; buffer: unknown; start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> }[] = [];
  buffers = 0;
  resume = vi.fn(async () => void (this.state = 'running'));
  suspend = vi.fn(async () => void (this.state = 'suspended'));
  close = vi.fn(async () => undefined);
  createGain() {
    return Object.assign(new FakeNode(), { gain: new FakeParam() });
  }
  createOscillator() {
    const osc = Object.assign(new FakeNode(), { type: 'sine', frequency: new FakeParam(), start: vi.fn(), stop: vi.fn() });
    this.oscillators.push(osc);
    return osc;
  }
  createBufferSource() {
    const src = Object.assign(new FakeNode(), { loop: false, buffer: null, start: vi.fn(), stop: vi.fn() });
    this.sources.push(src);
    return src;
  }
  createBuffer(_channels: number, length: number) {
    this.buffers++;
    return { length, copyToChannel: vi.fn() };
  }
}

describe('SoundEngine', () => {
  let ctx: FakeContext;
  let engine: SoundEngine;
  beforeEach(() => {
    vi.useFakeTimers();
    ctx = new FakeContext();
    engine = new SoundEngine(() => ctx as unknown as AudioContext);
  });
  afterEach(() => vi.useRealTimers());

  it('plays a chime as scheduled oscillators, then lets the context sleep', async () => {
    engine.chime('focus', 0.5);
    expect(ctx.resume).toHaveBeenCalled();
    // Two notes of two partials each, every one started ahead of time.
    expect(ctx.oscillators).toHaveLength(4);
    expect(ctx.oscillators.map((o) => o.type)).toEqual(['sine', 'triangle', 'sine', 'triangle']);
    expect(ctx.oscillators.every((o) => o.start.mock.calls.length === 1)).toBe(true);
    await vi.runAllTimersAsync();
    expect(ctx.suspend).toHaveBeenCalled();
  });

  it('stays silent at volume 0', () => {
    engine.chime('break', 0);
    expect(ctx.oscillators).toHaveLength(0);
    expect(ctx.resume).not.toHaveBeenCalled();
  });

  it('loops the ambience, keeps it through volume changes and stops it with a fade', async () => {
    engine.setAmbience('brown', 0.3);
    expect(ctx.sources).toHaveLength(1);
    expect(ctx.sources[0].loop).toBe(true);
    expect(ctx.sources[0].start).toHaveBeenCalled();
    expect(ctx.buffers).toBe(1);
    engine.setAmbience('brown', 0.8);
    expect(ctx.sources).toHaveLength(1);
    await vi.runAllTimersAsync();
    expect(ctx.suspend).not.toHaveBeenCalled();

    engine.setAmbience(null, 0.8);
    expect(ctx.sources[0].stop).toHaveBeenCalled();
    expect(engine.ambience).toBeNull();
    await vi.runAllTimersAsync();
    expect(ctx.suspend).toHaveBeenCalled();

    engine.setAmbience('brown', 0.3);
    expect(ctx.buffers).toBe(1); // the loop is generated once per colour
    engine.setAmbience('pink', 0.3);
    expect(ctx.sources).toHaveLength(3);
    expect(engine.ambience).toBe('pink');
  });

  it('does nothing where the webview has no Web Audio', () => {
    const none = new SoundEngine(() => null);
    expect(() => {
      none.chime('end', 1);
      none.setAmbience('pink', 1);
    }).not.toThrow();
    expect(none.ambience).toBeNull();
  });
});
