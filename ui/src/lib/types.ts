// TEMPORARY: local twins of Rust types that ts-rs has not generated yet (they land with the store and
// shell branches). Once `src/lib/bindings/<Name>.ts` exists on main, import from there and delete the
// matching type here. Shapes follow ARCHITECTURE.md; see the UI report for the assumptions.
import type { AgendaStep } from './bindings/AgendaStep';
import type { CommitmentPolicy } from './bindings/CommitmentPolicy';
import type { SessionState } from './bindings/SessionState';

export type CommitmentStatus = 'open' | 'done' | 'partial' | 'not_done' | 'dropped';

export type Commitment = {
  id: number;
  session_id: number;
  text: string;
  status: CommitmentStatus;
  note: string | null;
  created_at: string;
  resolved_at: string | null;
};

/** A snapshot of the live (or just ended) session, as sent by commands and `session-changed`. */
export type SessionView = {
  id: number;
  format_id: string;
  format_name: string;
  started_at: string;
  state: SessionState;
  agenda: Array<AgendaStep>;
  commitments: Array<Commitment>;
  commitment_policy: CommitmentPolicy;
};

export type SessionSummary = {
  id: number;
  format_name: string;
  started_at: string;
  ended_at: string | null;
  focus_seconds: number;
  commitments_total: number;
  commitments_done: number;
};

export type DayFocus = {
  /** Local calendar day, `YYYY-MM-DD`. */
  date: string;
  focus_seconds: number;
};

export type HistoryOverview = {
  days: Array<DayFocus>;
  current_streak: number;
  longest_streak: number;
  commitments_kept: number;
  commitments_total: number;
  total_focus_seconds: number;
  total_sessions: number;
};

export type SleepPolicy = 'pause' | 'wall_clock';
export type Theme = 'system' | 'light' | 'dark';

export type Settings = {
  focus_minutes: number;
  short_break_minutes: number;
  long_break_minutes: number;
  long_break_every: number;
  auto_start_next: boolean;
  sound: boolean;
  sleep_policy: SleepPolicy;
  theme: Theme;
};

/** Payload of the `notification-failed` event. */
export type NotificationFailure = { message: string };
