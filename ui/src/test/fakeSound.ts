// A SoundEngine stand-in that records what the window asked it to play.
import { SoundEngine } from '../lib/audio/engine';
import type { ChimeName } from '../lib/audio/chimes';
import type { AmbienceColour } from '../lib/prefs';

export class FakeSound extends SoundEngine {
  chimes: Array<[ChimeName, number]> = [];
  ambiences: Array<AmbienceColour | null> = [];

  constructor() {
    super(() => null);
  }
  override chime(name: ChimeName, volume: number) {
    this.chimes.push([name, volume]);
  }
  override setAmbience(colour: AmbienceColour | null) {
    if (this.ambiences[this.ambiences.length - 1] !== colour) this.ambiences.push(colour);
  }
}
