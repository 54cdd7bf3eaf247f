// Plays the chimes and the focus ambience through the Web Audio API. No JS runs while sound plays:
// a chime is a few oscillators scheduled ahead with their envelopes, the ambience is a looped buffer.
// When nothing plays, the AudioContext is closed (and made again for the next sound), so no audio
// thread or sound-server stream is kept alive between phase changes.
import type { AmbienceColour } from '../prefs';
import { PARTIALS, chimeFor, chimeLength, type ChimeName } from './chimes';
import { brownNoise, pinkNoise } from './noise';

/** Seconds of noise in the loop: long enough that no pattern is heard. */
const LOOP_SECONDS = 10;
/** Chime and ambience loudness at volume 1, kept well below clipping. */
const CHIME_LEVEL = 0.25;
const AMBIENCE_LEVEL = 0.5;
const FADE = 0.4;

type Playing = { colour: AmbienceColour; source: AudioBufferSourceNode; gain: GainNode };

function systemContext(): AudioContext | null {
  const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  return Ctor ? new Ctor() : null;
}

export class SoundEngine {
  private ctx: AudioContext | null = null;
  private playing: Playing | null = null;
  /** The noise loop, kept across contexts (an AudioBuffer belongs to no context) at its sample rate. */
  private buffer: { colour: AmbienceColour; data: AudioBuffer } | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When (Date.now() ms) the pending idle timer fires: a later sound only ever pushes it later. */
  private idleAt = 0;

  constructor(private readonly makeContext: () => AudioContext | null = systemContext) {}

  /** Plays a chime at `volume` (0–1); nothing when sound is unavailable or the volume is 0. */
  chime(name: ChimeName, volume: number): void {
    if (volume <= 0) return;
    const ctx = this.wake();
    if (!ctx) return;
    const chime = chimeFor(name);
    const master = ctx.createGain();
    master.gain.value = volume * CHIME_LEVEL;
    master.connect(ctx.destination);
    const t0 = ctx.currentTime + 0.02;
    for (const note of chime.notes) {
      const start = t0 + note.at;
      const end = start + chime.ring;
      for (const partial of PARTIALS) {
        const osc = ctx.createOscillator();
        osc.type = partial.type;
        osc.frequency.value = note.freq * partial.ratio;
        const envelope = ctx.createGain();
        envelope.gain.setValueAtTime(0, start);
        envelope.gain.linearRampToValueAtTime(partial.gain, start + 0.012);
        envelope.gain.exponentialRampToValueAtTime(0.0001, end);
        osc.connect(envelope).connect(master);
        osc.start(start);
        osc.stop(end + 0.05);
      }
    }
    this.sleepAfter(chimeLength(chime) + 0.2);
  }

  /** Plays `colour` noise looped at `volume`, or fades it out for null. Same colour: only the volume changes. */
  setAmbience(colour: AmbienceColour | null, volume: number): void {
    if (this.playing && this.playing.colour === colour && this.ctx) {
      this.playing.gain.gain.setTargetAtTime(volume * AMBIENCE_LEVEL, this.ctx.currentTime, 0.1);
      return;
    }
    this.stopAmbience();
    if (!colour || volume <= 0) return;
    const ctx = this.wake();
    if (!ctx) return;
    const source = ctx.createBufferSource();
    source.buffer = this.noise(ctx, colour);
    source.loop = true;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, ctx.currentTime);
    gain.gain.linearRampToValueAtTime(volume * AMBIENCE_LEVEL, ctx.currentTime + FADE * 3);
    source.connect(gain).connect(ctx.destination);
    source.start();
    this.playing = { colour, source, gain };
  }

  /** The colour of the ambience playing now, if any. */
  get ambience(): AmbienceColour | null {
    return this.playing?.colour ?? null;
  }

  close(): void {
    this.playing?.source.stop();
    this.playing = null;
    this.cancelIdle();
    this.release();
  }

  private release(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }

  private stopAmbience(): void {
    const playing = this.playing;
    if (!playing || !this.ctx) return;
    this.playing = null;
    const now = this.ctx.currentTime;
    playing.gain.gain.cancelScheduledValues(now);
    playing.gain.gain.setValueAtTime(playing.gain.gain.value, now);
    playing.gain.gain.linearRampToValueAtTime(0, now + FADE);
    playing.source.stop(now + FADE);
    this.sleepAfter(FADE + 0.1);
  }

  private noise(ctx: AudioContext, colour: AmbienceColour): AudioBuffer {
    if (this.buffer?.colour !== colour || this.buffer.data.sampleRate !== ctx.sampleRate) {
      const length = Math.round(ctx.sampleRate * LOOP_SECONDS);
      const data = ctx.createBuffer(1, length, ctx.sampleRate);
      data.copyToChannel(colour === 'brown' ? brownNoise(length) : pinkNoise(length), 0);
      this.buffer = { colour, data };
    }
    return this.buffer.data;
  }

  /** The running context, created on first use; null when the webview has no Web Audio. */
  private wake(): AudioContext | null {
    this.cancelIdle();
    this.ctx ??= this.makeContext();
    if (this.ctx && this.ctx.state !== 'running') void this.ctx.resume().catch(() => undefined);
    return this.ctx;
  }

  /** Closes the context once the last sound has faded (never cutting one short), unless the ambience plays. */
  private sleepAfter(seconds: number): void {
    const at = Date.now() + seconds * 1000;
    if (this.idleTimer !== undefined && at <= this.idleAt) return;
    this.cancelIdle();
    this.idleAt = at;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.playing) this.release();
    }, seconds * 1000);
  }

  private cancelIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
