// The live session as reactive state, shared by the Now view, the window's keyboard shortcuts and
// its sounds (and used on its own by the mini timer). The backend owns the session: this only keeps
// the latest snapshot it sent, from a command's answer or the `session-changed` event.
import * as api from './api';
import type { SessionView } from './bindings/SessionView';
import { isLive, markEnded } from './session';

export type SessionChange = (prev: SessionView | null, next: SessionView | null) => void;

export class LiveSession {
  view = $state<SessionView | null>(null);
  error = $state<string | null>(null);
  /** Set by the start panel while it is shown: starts the chosen format (Space with no live session). */
  startChosen: (() => void) | null = null;
  private readonly listeners = new Set<SessionChange>();

  /** Loads the current session and follows `session-changed`; returns the disconnect. */
  connect(): () => void {
    api.currentSession().then((v) => v && this.show(v), (e) => this.report(e));
    const unlisten = api.onSessionChanged((v) => this.show(v ?? (this.view ? markEnded(this.view) : null)));
    return () => {
      unlisten.then((stop) => stop());
    };
  }

  /** Calls `listener` with the previous and the new snapshot at every change; returns the unsubscribe. */
  onChange(listener: SessionChange): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get live(): boolean {
    return isLive(this.view);
  }

  show(next: SessionView | null): void {
    const prev = this.view;
    this.view = next;
    this.listeners.forEach((l) => l(prev, next));
  }

  report(e: unknown): void {
    this.error = api.ApiError.from(e).message;
  }

  /** Runs a session command and shows the snapshot it returns; false when the backend refused. */
  async act(command: () => Promise<SessionView>): Promise<boolean> {
    try {
      this.show(await command());
      this.error = null;
      return true;
    } catch (e) {
      this.report(e);
      return false;
    }
  }

  start = (formatId: string, commitments: string[]) => this.act(() => api.startSession(formatId, commitments));

  /** Pause or resume a live session; with none, start the chosen format if the start panel is shown. */
  toggle = async (): Promise<boolean> => {
    if (this.view && this.live) return this.act(this.view.state.paused ? api.resumeSession : api.pauseSession);
    if (this.startChosen) this.startChosen();
    return false;
  };

  skip = () => this.whileLive(api.skipPhase);
  extend = (seconds = 300) => this.whileLive(() => api.extendPhase(seconds));
  stop = () => this.whileLive(api.stopSession);

  private async whileLive(command: () => Promise<SessionView>): Promise<boolean> {
    return this.live ? this.act(command) : false;
  }
}
