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
  createBuffer(_channels: number, length: number, sampleRate: number) {
    this.buffers++;
    return { length, sampleRate, copyToChannel: vi.fn() };
  }
}

describe('SoundEngine', () => {
  let ctx: FakeContext;
  let made: FakeContext[];
  let engine: SoundEngine;
  beforeEach(() => {
    vi.useFakeTimers();
    made = [];
    engine = new SoundEngine(() => {
      ctx = new FakeContext();
      made.push(ctx);
      return ctx as unknown as AudioContext;
    });
  });
  afterEach(() => vi.useRealTimers());

  it('plays a chime as scheduled oscillators, then closes the context until the next sound', async () => {
    engine.chime('focus', 0.5);
    expect(ctx.resume).toHaveBeenCalled();
    // Two notes of two partials each, every one started ahead of time.
    expect(ctx.oscillators).toHaveLength(4);
    expect(ctx.oscillators.map((o) => o.type)).toEqual(['sine', 'triangle', 'sine', 'triangle']);
    expect(ctx.oscillators.every((o) => o.start.mock.calls.length === 1)).toBe(true);
    await vi.runAllTimersAsync();
    expect(ctx.close).toHaveBeenCalled();
    engine.chime('break', 0.5);
    expect(made).toHaveLength(2);
  });

  it('stays silent at volume 0, without even making a context', () => {
    engine.chime('break', 0);
    engine.setAmbience('pink', 0);
    expect(made).toEqual([]);
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
    expect(ctx.close).not.toHaveBeenCalled();

    engine.setAmbience(null, 0.8);
    expect(ctx.sources[0].stop).toHaveBeenCalled();
    expect(engine.ambience).toBeNull();
    await vi.runAllTimersAsync();
    expect(ctx.close).toHaveBeenCalled();

    engine.setAmbience('brown', 0.3);
    expect(made).toHaveLength(2);
    expect(ctx.buffers).toBe(0); // the loop is generated once per colour, kept across contexts
    engine.setAmbience('pink', 0.3);
    expect(ctx.sources).toHaveLength(2);
    expect(ctx.buffers).toBe(1);
    expect(engine.ambience).toBe('pink');
  });

  it('lets a chime ring out when the ambience stops at the same phase change', async () => {
    engine.setAmbience('brown', 0.3);
    engine.chime('break', 0.5);
    engine.setAmbience(null, 0.3);
    await vi.advanceTimersByTimeAsync(600);
    expect(ctx.close).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(ctx.close).toHaveBeenCalled();
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
