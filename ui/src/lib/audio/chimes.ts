// The chimes Stint plays at a phase change: our own synthesis, described here as data (pure) and
// rendered by the engine. Each phase kind has its own notes, so the kind can be told by ear: phases
// that start work rise, breaks fall, the end of a session falls to a low C.
import type { PhaseKind } from '../bindings/PhaseKind';
import type { SessionView } from '../bindings/SessionView';

export type ChimeName = PhaseKind | 'end';

/** One note: its pitch and when it starts after the chime begins, in seconds. */
export type ChimeNote = { freq: number; at: number };

export type Chime = { notes: ChimeNote[]; /** Seconds each note rings before fading out. */ ring: number };

/** The partials every note is made of: a sine at the pitch and a soft triangle an octave up. */
export const PARTIALS: ReadonlyArray<{ type: 'sine' | 'triangle'; ratio: number; gain: number }> = [
  { type: 'sine', ratio: 1, gain: 1 },
  { type: 'triangle', ratio: 2, gain: 0.18 },
];

/** Equal-tempered pitch, `semitones` away from A4 (440 Hz). */
export const pitch = (semitones: number) => 440 * 2 ** (semitones / 12);

const STEP = 0.16;
// Semitones from A4 of each chime's notes, played STEP seconds apart.
const MELODIES: Record<ChimeName, number[]> = {
  focus: [0, 7], // A4 → E5, a rising fifth: off you go
  break: [7, 3], // E5 → C5, a falling third: ease off
  long_break: [7, 3, -2], // E5 → C5 → G4: a longer fall
  welcome: [3, 7, 10], // C5 E5 G5, a rising triad
  check_in: [5, 10], // D5 → G5, a rising fourth
  talk: [-4, 0], // F4 → A4, a low rising third
  discussion: [5, 8], // D5 → F5, a rising minor third
  review: [2, 5, 2], // B4 D5 B4, a turn
  close: [10, 3], // G5 → C5, a falling fifth
  end: [3, -2, -9], // C5 → G4 → C4: the session is over
};

export function chimeFor(name: ChimeName): Chime {
  const notes = MELODIES[name].map((semitones, i) => ({ freq: pitch(semitones), at: i * STEP }));
  return { notes, ring: name === 'end' || name === 'long_break' ? 1.4 : 1.0 };
}

/** Seconds from the start of a chime until its last note has faded. */
export const chimeLength = (chime: Chime) => Math.max(...chime.notes.map((n) => n.at)) + chime.ring;

const phaseKey = (v: SessionView) => `${v.id}:${v.state.phase_index}:${v.state.done}`;

/**
 * Which chime a new snapshot calls for: the new phase's kind when the live session moved to another
 * phase, `end` when it ended; nothing for the first snapshot, a newly started session, a pause or +5 min.
 */
export function chimeForChange(prev: SessionView | null, next: SessionView | null): ChimeName | null {
  if (!prev || prev.state.done) return null;
  if (!next) return 'end';
  if (next.id !== prev.id || phaseKey(next) === phaseKey(prev)) return null;
  return next.state.done ? 'end' : next.state.phase.kind;
}
