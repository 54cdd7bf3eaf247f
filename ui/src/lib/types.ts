// TEMPORARY: local twins of Rust types whose ts-rs bindings are not on main yet. They copy the
// shapes on the `store` branch (crates/core: Commitment, SessionView, SessionSummary,
// HistoryOverview, …) and the `shell` branch (Settings, SleepPolicy, Theme, NotificationFailure).
// Once `src/lib/bindings/<Name>.ts` exists on main, re-export it here instead and, when all have
// landed, import from the bindings directly and delete this file.
import type { AgendaStep } from './bindings/AgendaStep';
import type { CommitmentPolicy } from './bindings/CommitmentPolicy';
import type { SessionState } from './bindings/SessionState';

export type CommitmentStatus = 'open' | 'done' | 'partial' | 'not_done' | 'dropped';

export type Commitment = {
  id: number;
  session_id: number | null;
  text: string;
  status: CommitmentStatus;
  note: string | null;
  /** The commitment this one was carried over from (an earlier session's unfinished goal). */
  carried_from: number | null;
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

export type SessionStatus = 'active' | 'finished';

export type SessionSummary = {
  id: number;
  format_id: string;
  format_name: string;
  started_at: string;
  ended_at: string | null;
  status: SessionStatus;
  focus_seconds: number;
  commitments_done: number;
  commitments_total: number;
};

export type DayFocus = {
  /** Local calendar day, `YYYY-MM-DD`. */
  date: string;
  focus_seconds: number;
};

export type Streaks = { current_days: number; longest_days: number };

export type CommitmentsKept = {
  total: number;
  open: number;
  done: number;
  partial: number;
  not_done: number;
  dropped: number;
  /** done ÷ (done + partial + not done); null when none of those exist yet. */
  kept_ratio: number | null;
};

export type FormatTotal = { format_id: string; format_name: string; sessions: number; focus_seconds: number };

export type HistoryOverview = {
  from: string;
  to: string;
  /** Every day from `from` to `to`, days without focus included. */
  focus_per_day: Array<DayFocus>;
  streaks: Streaks;
  commitments_kept: CommitmentsKept;
  format_totals: Array<FormatTotal>;
};

export type ExportKind = 'json' | 'csv';

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
