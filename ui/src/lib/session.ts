import type { SessionView } from './bindings/SessionView';

/**
 * The snapshot to keep when `session-changed` says there is no live session any more: the last one,
 * marked as ended, so the user can still see and resolve its commitments.
 */
export function markEnded(view: SessionView): SessionView {
  if (view.state.done) return view;
  return { ...view, state: { ...view.state, done: true, paused: false, ends_at: null } };
}

/** True while the session runs or is paused. */
export function isLive(view: SessionView | null): view is SessionView {
  return view !== null && !view.state.done;
}
