import type { SessionView } from '../bindings/SessionView';
import type { AmbienceColour, LocalPrefs } from '../prefs';

/** The ambience to play for a snapshot: the chosen noise during a running (not paused) focus phase only. */
export function ambienceFor(view: SessionView | null, prefs: Pick<LocalPrefs, 'ambience'>): AmbienceColour | null {
  if (!prefs.ambience || !view) return null;
  const { done, paused, phase } = view.state;
  return !done && !paused && phase.kind === 'focus' ? prefs.ambience : null;
}
