// Builders of backend payloads in the shapes the Rust side sends (snake_case fields, ISO instants).
import type { AgendaStep } from '../lib/bindings/AgendaStep';
import type { Format } from '../lib/bindings/Format';
import type { Phase } from '../lib/bindings/Phase';
import type { Commitment } from '../lib/bindings/Commitment';
import type { HistoryOverview } from '../lib/bindings/HistoryOverview';
import type { HistoryPeriod } from '../lib/bindings/HistoryPeriod';
import type { PhaseDetail } from '../lib/bindings/PhaseDetail';
import type { RoomStatus } from '../lib/bindings/RoomStatus';
import type { SessionDetail } from '../lib/bindings/SessionDetail';
import type { SessionSummary } from '../lib/bindings/SessionSummary';
import type { SessionView } from '../lib/bindings/SessionView';
import type { Settings } from '../lib/bindings/Settings';

export const T0 = Date.parse('2025-03-03T10:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export const focus = (label = 'Focus', seconds = 1500): Phase => ({ label, kind: 'focus', seconds, prompt: null });
export const rest = (label = 'Break', seconds = 300): Phase => ({ label, kind: 'break', seconds, prompt: null });

export function format(over: Partial<Format> = {}): Format {
  return {
    id: 'pomodoro',
    origin: { type: 'builtin' },
    archived: false,
    name: 'Pomodoro',
    attribution: 'The pomodoro technique (Francesco Cirillo)',
    phases: [focus('Pomodoro {n}'), rest()],
    commitments: { ask_at_start: false, resolve_at_end: false },
    repeat: { rounds: null, long_break_every: 4, long_break: { label: 'Long break', kind: 'long_break', seconds: 900, prompt: null } },
    ...over,
  };
}

/** Agenda steps laid end to end from `start`. */
export function agenda(phases: Phase[], start = T0): AgendaStep[] {
  let at = start;
  return phases.map((phase, index) => {
    const step = { index, phase, starts_at: iso(at), ends_at: iso(at + phase.seconds * 1000) };
    at += phase.seconds * 1000;
    return step;
  });
}

export function commitment(over: Partial<Commitment> = {}): Commitment {
  return { id: 1, session_id: 7, text: 'Write the intro', status: 'open', note: null, carried_from: null, created_at: iso(T0), resolved_at: null, ...over };
}

/** A running session at phase `phaseIndex` of `phases`, whose current phase ends at `endsAt`. */
export function sessionView(
  opts: { phases?: Phase[]; phaseIndex?: number; endsAt?: number | null; paused?: boolean; done?: boolean; remainingMs?: number; commitments?: Commitment[]; resolveAtEnd?: boolean } = {},
): SessionView {
  const phases = opts.phases ?? [focus('Pomodoro 1'), rest(), focus('Pomodoro 2')];
  const phaseIndex = opts.phaseIndex ?? 0;
  const steps = agenda(phases);
  const endsAt = opts.endsAt === undefined ? Date.parse(steps[phaseIndex].ends_at) : opts.endsAt;
  return {
    id: 7,
    format_id: 'pomodoro',
    format_name: 'Pomodoro',
    started_at: iso(T0),
    state: {
      phase_index: phaseIndex,
      phase: phases[phaseIndex],
      round: 1,
      phase_started_at: steps[phaseIndex].starts_at,
      ends_at: endsAt === null ? null : iso(endsAt),
      remaining_ms: opts.remainingMs ?? 0,
      paused: opts.paused ?? false,
      done: opts.done ?? false,
      ended_at: opts.done ? iso(T0 + 3600_000) : null,
    },
    agenda: steps,
    commitments: opts.commitments ?? [],
    commitment_policy: { ask_at_start: false, resolve_at_end: opts.resolveAtEnd ?? false },
  };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return {
    focus_minutes: 25,
    short_break_minutes: 5,
    long_break_minutes: 15,
    long_break_every: 4,
    auto_start_next: true,
    sound: true,
    language: null,
    sleep_policy: 'pause',
    theme: 'system',
    start_at_login: false,
    global_shortcut: null,
    check_for_updates: true,
    ...over,
  };
}

export function summaryRow(id: number, over: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id,
    format_id: 'pomodoro',
    format_name: `Session ${id}`,
    title: null,
    started_at: iso(T0 - id * 86_400_000),
    ended_at: iso(T0 - id * 86_400_000 + 3_600_000),
    status: 'finished',
    focus_seconds: 3000,
    commitments_total: 2,
    commitments_done: 1,
    ...over,
  };
}

export function overview(): HistoryOverview {
  const focus_per_day = Array.from({ length: 30 }, (_, i) => ({
    date: new Date(T0 - (29 - i) * 86_400_000).toISOString().slice(0, 10),
    focus_seconds: i % 3 === 0 ? 0 : 1500 * (i % 4),
  }));
  return {
    from: focus_per_day[0].date,
    to: focus_per_day[29].date,
    focus_per_day,
    streaks: { current_days: 3, longest_days: 12 },
    commitments_kept: { total: 12, open: 2, done: 8, partial: 1, not_done: 1, dropped: 0, kept_ratio: 0.8 },
    format_totals: [
      { format_id: 'pomodoro', format_name: 'Pomodoro', sessions: 30, focus_seconds: 45_000 },
      { format_id: 'cafe', format_name: 'Collaboration Cafe', sessions: 2, focus_seconds: 7_200 },
    ],
  };
}

/** A week of History, 3–9 March 2025 (Monday to Sunday). */
export function period(over: Partial<HistoryPeriod> = {}): HistoryPeriod {
  const focus_per_day = Array.from({ length: 7 }, (_, i) => ({
    date: `2025-03-0${3 + i}`,
    focus_seconds: [1500, 0, 3000, 20, 0, 5400, 0][i],
  }));
  return {
    zone: 'UTC',
    from: '2025-03-03',
    to: '2025-03-09',
    focus_seconds: 9920,
    focus_per_day,
    focus_per_hour: [],
    kind_totals: [
      { kind: 'focus', seconds: 9920 },
      { kind: 'break', seconds: 1200 },
    ],
    format_totals: [
      { format_id: 'pomodoro', format_name: 'Pomodoro', sessions: 3, focus_seconds: 4520 },
      { format_id: 'cafe', format_name: 'Collaboration Cafe', sessions: 1, focus_seconds: 5400 },
    ],
    sessions: 4,
    commitments_kept: { total: 12, open: 2, done: 8, partial: 1, not_done: 1, dropped: 0, kept_ratio: 0.8 },
    streaks: { current_days: 3, longest_days: 12 },
    first_day: '2024-11-02',
    ...over,
  };
}

export function phaseDetail(index: number, over: Partial<PhaseDetail> = {}): PhaseDetail {
  const start = T0 + index * 1500_000;
  return {
    index,
    label: index % 2 === 0 ? `Pomodoro ${index / 2 + 1}` : 'Break',
    kind: index % 2 === 0 ? 'focus' : 'break',
    planned_seconds: 1500,
    started_at: iso(start),
    ended_at: iso(start + 1500_000),
    actual_seconds: 1500,
    paused_seconds: 0,
    outcome: 'completed',
    counts: true,
    ...over,
  };
}

/** The record of session 7 (the one `sessionView` builds), ended. */
export function sessionDetail(over: Partial<SessionDetail> = {}): SessionDetail {
  const phases = [phaseDetail(0), phaseDetail(1, { outcome: 'skipped', actual_seconds: 40 }), phaseDetail(2)];
  return {
    session: summaryRow(7, { started_at: iso(T0), ended_at: iso(T0 + 3600_000), focus_seconds: 3000, commitments_done: 0, commitments_total: 0 }),
    notes: null,
    phases,
    outcome_counts: [
      { outcome: 'completed', phases: 2 },
      { outcome: 'skipped', phases: 1 },
    ],
    commitments: [],
    left_over: [],
    outcome_choices: ['completed', 'skipped', 'stopped', 'slept'],
    ...over,
  };
}

/** The live room's status: signed out, in no room, unless `over` says otherwise. */
export function roomStatus(over: Partial<RoomStatus> = {}): RoomStatus {
  return {
    seq: 1,
    user: null,
    homeserver: null,
    token_kept: null,
    room: null,
    role: null,
    connection: null,
    message: null,
    present: [],
    clock_warning: null,
    sharing: false,
    can_share: false,
    ...over,
  };
}
