// The only module that talks to the backend: typed wrappers over the IPC commands and events listed in
// ARCHITECTURE.md. Every failure is turned into an ApiError.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { save } from '@tauri-apps/plugin-dialog';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { Format } from './bindings/Format';
import type { FormatDraft } from './bindings/FormatDraft';
import type { Commitment } from './bindings/Commitment';
import type { CommitmentStatus } from './bindings/CommitmentStatus';
import type { ExportKind } from './bindings/ExportKind';
import type { HistoryOverview } from './bindings/HistoryOverview';
import type { SessionSummary } from './bindings/SessionSummary';
import type { SessionView } from './bindings/SessionView';
import type { NotificationFailure } from './bindings/NotificationFailure';
import type { Settings } from './bindings/Settings';

/** An error from the backend, with its stable code and, for `invalid_input`, the field it names. */
export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;

  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }

  /** The message without the `field: ` prefix the core puts in front, for showing beside the field. */
  get detail(): string {
    const prefix = this.field ? `${this.field}: ` : '';
    return prefix && this.message.startsWith(prefix) ? this.message.slice(prefix.length) : this.message;
  }

  /** Maps whatever `invoke` rejected with (an ErrorPayload, a string, an Error) to an ApiError. */
  static from(raw: unknown): ApiError {
    if (raw instanceof ApiError) return raw;
    if (isErrorPayload(raw)) return new ApiError(raw.code, raw.message, raw.field ?? null);
    if (typeof raw === 'string') return new ApiError('unknown', raw);
    if (raw instanceof Error) return new ApiError('unknown', raw.message);
    return new ApiError('unknown', String(raw));
  }
}

function isErrorPayload(raw: unknown): raw is ErrorPayload {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return typeof r.code === 'string' && typeof r.message === 'string';
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw ApiError.from(raw);
  }
}

// Formats
export const listFormats = (includeArchived = false) => call<Format[]>('list_formats', { includeArchived });
export const createFormat = (draft: FormatDraft) => call<Format>('create_format', { draft });
export const updateFormat = (id: string, draft: FormatDraft) => call<Format>('update_format', { id, draft });
export const duplicateFormat = (id: string) => call<Format>('duplicate_format', { id });
export const archiveFormat = (id: string, archived: boolean) => call<Format>('archive_format', { id, archived });

// The live session
export const currentSession = () => call<SessionView | null>('current_session');
export const startSession = (formatId: string, commitments: string[]) =>
  call<SessionView>('start_session', { formatId, commitments });
export const pauseSession = () => call<SessionView>('pause_session');
export const resumeSession = () => call<SessionView>('resume_session');
export const skipPhase = () => call<SessionView>('skip_phase');
export const stopSession = () => call<SessionView>('stop_session');
export const extendPhase = (seconds: number) => call<SessionView>('extend_phase', { seconds });

// Commitments
export const addCommitment = (sessionId: number, text: string) =>
  call<Commitment>('add_commitment', { sessionId, text });
export const editCommitment = (id: number, text: string) => call<Commitment>('edit_commitment', { id, text });
export const resolveCommitment = (id: number, status: CommitmentStatus, note: string | null = null) =>
  call<Commitment>('resolve_commitment', { id, status, note });
export const reopenCommitment = (id: number) => call<Commitment>('reopen_commitment', { id });

// History
export const historySessions = (limit: number, beforeId?: number) =>
  call<SessionSummary[]>('history_sessions', { beforeId: beforeId ?? null, limit });
export const historyOverview = (days: number) => call<HistoryOverview>('history_overview', { days });
export const deleteSession = (id: number) => call<void>('delete_session', { id });
export const exportHistory = (kind: ExportKind, path: string) =>
  call<string[]>('export_history', { kind, path });

/** Asks the user where to save an export; `null` when they cancel. */
export async function chooseExportPath(kind: ExportKind): Promise<string | null> {
  try {
    return await save({
      defaultPath: `stint-history.${kind}`,
      filters: [{ name: kind.toUpperCase(), extensions: [kind] }],
    });
  } catch (raw) {
    throw ApiError.from(raw);
  }
}

// Settings and start-up
export const getSettings = () => call<Settings>('get_settings');
export const setSettings = (settings: Settings) => call<Settings>('set_settings', { settings });
export const startupReport = () => call<string[]>('startup_report');

// Events
export const onSessionChanged = (handler: (view: SessionView | null) => void): Promise<UnlistenFn> =>
  listen<SessionView | null>('session-changed', (e) => handler(e.payload));
export const onNotificationFailed = (handler: (failure: NotificationFailure) => void): Promise<UnlistenFn> =>
  listen<NotificationFailure>('notification-failed', (e) => handler(e.payload));

export type { ExportKind, UnlistenFn };
