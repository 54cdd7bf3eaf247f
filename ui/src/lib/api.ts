// The only module that talks to the backend: typed wrappers over the IPC commands and events. Their
// names are generated from the backend's one list (bindings/ipc.ts, from src-tauri/src/ipc/surface.rs);
// a backend test checks that every command has exactly one wrapper here. Every failure is turned
// into an ApiError.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { Format } from './bindings/Format';
import type { FormatDraft } from './bindings/FormatDraft';
import type { Commitment } from './bindings/Commitment';
import type { CommitmentStatus } from './bindings/CommitmentStatus';
import type { ExportKind } from './bindings/ExportKind';
import type { HistoryOverview } from './bindings/HistoryOverview';
import type { HistoryPeriod } from './bindings/HistoryPeriod';
import type { SessionDetail } from './bindings/SessionDetail';
import type { SessionEdit } from './bindings/SessionEdit';
import type { SessionSummary } from './bindings/SessionSummary';
import type { SessionView } from './bindings/SessionView';
import type { NotificationFailure } from './bindings/NotificationFailure';
import type { Call } from './bindings/Call';
import type { StoredCall } from './bindings/StoredCall';
import type { CallRoom } from './bindings/CallRoom';
import type { Community } from './bindings/Community';
import type { PackChoice } from './bindings/PackChoice';
import type { PackImport } from './bindings/PackImport';
import type { PendingPackImport } from './bindings/PendingPackImport';
import type { IcsImport } from './bindings/IcsImport';
import type { Subscription } from './bindings/Subscription';
import type { Series } from './bindings/Series';
import type { SeriesDraft } from './bindings/SeriesDraft';
import type { UiNotice } from './bindings/UiNotice';
import type { UpcomingOccurrence } from './bindings/UpcomingOccurrence';
import type { About } from './bindings/About';
import type { DesktopCapabilities } from './bindings/DesktopCapabilities';
import type { Settings } from './bindings/Settings';
import type { UiLocale } from './bindings/UiLocale';
import type { RoomStatus } from './bindings/RoomStatus';
import type { SignInWays } from './bindings/SignInWays';
import type { UpdateStatus } from './bindings/UpdateStatus';
import type { Command, EventName } from './bindings/ipc';

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

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
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

// History: days are those of the zone the UI shows times in, sent with every query.
/** The IANA time zone the UI shows times in; History's days are counted in it. */
export const userZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
/** Sessions newest first; with a range of days (`YYYY-MM-DD`), those started on those days. */
export const historySessions = (
  limit: number,
  beforeId?: number,
  range?: { from: string; to: string },
  zone: string = userZone(),
) =>
  call<SessionSummary[]>('history_sessions', {
    beforeId: beforeId ?? null,
    limit,
    from: range?.from ?? null,
    to: range?.to ?? null,
    zone,
  });
export const historyPeriod = (from: string, to: string, zone: string = userZone()) =>
  call<HistoryPeriod>('history_period', { from, to, zone });
export const historyOverview = (days: number) => call<HistoryOverview>('history_overview', { days, zone: userZone() });
export const sessionDetail = (id: number) => call<SessionDetail>('session_detail', { id });
export const editSession = (id: number, edit: SessionEdit) => call<SessionDetail>('edit_session', { id, edit });
export const deleteSession = (id: number) => call<void>('delete_session', { id });
/**
 * The backend asks the user where to save (its own dialog: no path comes from the page) and writes
 * the export into a new folder of that name; returns the files, `null` when the user cancels.
 */
export const exportHistory = (kind: ExportKind, zone: string = userZone()) =>
  call<string[] | null>('export_history', { kind, zone });

// Community calls
export const upcomingCalls = (days: number) => call<UpcomingOccurrence[]>('upcoming_calls', { days });
export const listCalls = () => call<StoredCall[]>('list_calls');
export const createCall = (draft: Call) => call<StoredCall>('create_call', { call: draft });
export const updateCall = (id: string, draft: Call) => call<StoredCall>('update_call', { id, call: draft });
export const deleteCall = (id: string) => call<void>('delete_call', { id });
export const setCallReminders = (id: string, enabled: boolean) =>
  call<StoredCall>('set_call_reminders', { id, enabled });
/**
 * Starts the session of one occurrence (synced to its scheduled start); the shell opens its join link.
 * Another session running is a `conflict`, unless `replaceRunning`, which stops it first.
 */
export const joinCall = (callId: string, occurrenceStart: string, replaceRunning = false) =>
  call<SessionView>('join_call', { callId, occurrenceStart, replaceRunning });
/** Opens a link in the system's browser or meeting app; the shell refuses anything but known schemes. */
export const openLink = (url: string) => call<void>('open_link', { url });

// Community packs
/**
 * The backend asks the user for a pack file, holds it for confirmation and previews it (the main
 * window's dialog shows it); `null` when the user cancels.
 */
export const openPackFile = () => call<PendingPackImport | null>('open_pack_file');
/** Every pack waiting for confirmation (from a link, a drop or `openPackFile`), each with its preview. */
export const pendingPackImports = () => call<PendingPackImport[]>('pending_pack_imports');
/** Installs a waiting pack as the user chose; `conflict` when what is installed changed since it was shown. */
export const confirmPackImport = (id: number, choice: PackChoice) =>
  call<PackImport>('confirm_pack_import', { id, choice });
/** Lets a waiting pack go, installing nothing. */
export const cancelPackImport = (id: number) => call<void>('cancel_pack_import', { id });
export const listCommunities = () => call<Community[]>('list_communities');
export const removeCommunity = (id: string) => call<void>('remove_community', { id });

// Calendar files: the backend opens the dialogs; `null` when the user cancels.
export const importIcs = () => call<IcsImport | null>('import_ics');
/** Writes every call to an .ics file the user chooses; returns the path written. */
export const exportIcs = () => call<string | null>('export_ics');

// Calendar subscriptions
export const listSubscriptions = () => call<Subscription[]>('list_subscriptions');
/** Subscribes and reads the calendar once; a failed read is in the subscription's `error`. */
export const addSubscription = (url: string) => call<Subscription>('add_subscription', { url });
export const refreshSubscription = (id: number) => call<Subscription>('refresh_subscription', { id });
/** Removes the subscription and its calls. */
export const removeSubscription = (id: number) => call<void>('remove_subscription', { id });

// Accountability series
export const createSeries = (draft: SeriesDraft) => call<Series>('create_series', { draft });
export const listSeries = () => call<Series[]>('list_series');
export const seriesCommitments = (seriesId: string) => call<Commitment[]>('series_commitments', { seriesId });
export const addSeriesCommitment = (seriesId: string, text: string) =>
  call<Commitment>('add_series_commitment', { seriesId, text });
/** Sets (or, with null, clears) a commitment's progress note, keeping its status. */
export const noteCommitment = (id: number, note: string | null) => call<Commitment>('note_commitment', { id, note });
/** The series after `seriesId`, carrying over its commitments that are left. */
export const startNextSeries = (seriesId: string, draft: SeriesDraft) =>
  call<Series>('start_next_series', { seriesId, draft });

// Settings and start-up
export const getSettings = () => call<Settings>('get_settings');
export const setSettings = (settings: Settings) =>
  call<Settings>('set_settings', { settings });
export const startupReport = () => call<string[]>('startup_report');
/** The language the UI speaks and the locale tag of its dates and times (decided by the backend). */
export const uiLocale = () => call<UiLocale>('ui_locale');

// The live room (Matrix)
/** The Matrix account, the room the session is live in, who is present, and the connection. */
export const roomStatus = () => call<RoomStatus>('room_status');
/** Signs in with a password; the token goes to the system keyring (or this run only, if none). */
export const roomSignIn = (homeserver: string, user: string, password: string) =>
  call<RoomStatus>('room_sign_in', { homeserver, user, password });
export const roomSignOut = () => call<RoomStatus>('room_sign_out');
/** How the homeserver lets Stint sign in: a password, the browser (SSO) and its identity providers. */
export const roomSignInWays = (homeserver: string) => call<SignInWays>('room_sign_in_ways', { homeserver });
/** Signs in through the browser (with `provider` when picked); resolves once the browser came back. */
export const roomSignInBrowser = (homeserver: string, provider: string | null) =>
  call<RoomStatus>('room_sign_in_browser', { homeserver, provider });
/** Cancels the browser sign-in under way; its `roomSignInBrowser` rejects with a sentence. */
export const roomCancelBrowserSignIn = () => call<void>('room_cancel_browser_sign_in');
/** Hosts the running session in the room at `address` (`#cafe:example.org` or a room id). */
export const roomGoLive = (address: string) => call<RoomStatus>('room_go_live', { address });
/** Follows the host of the room at `address`. */
export const roomJoin = (address: string) => call<RoomStatus>('room_join', { address });
/** The room a `stint://room` link named, waiting for the user's answer (joins nothing by itself). */
export const pendingRoomLink = () => call<string | null>('pending_room_link');
export const forgetRoomLink = (address: string) => call<void>('forget_room_link', { address });
/** Leaves the room: a followed session goes on as the user's own. */
export const roomLeave = () => call<RoomStatus>('room_leave');
/** Shares this user's commitments (and which are done) with the room's session, or stops sharing them. */
export const roomShare = (on: boolean) => call<RoomStatus>('room_share', { on });
/** Every call's live room. */
export const listCallRooms = () => call<CallRoom[]>('list_call_rooms');
/** Ties a call to a room (an alias or a room id), or unties it with `null`. */
export const setCallRoom = (callId: string, room: string | null) =>
  call<CallRoom | null>('set_call_room', { callId, room });

// The desktop shell
/** Shows the always-on-top mini timer window, or hides it when it is shown. */
export const toggleMiniTimer = () => call<void>('toggle_mini_timer');
/** Version and where the data lives, for the About box. */
export const about = () => call<About>('about');
/** What this desktop lets Stint do (a global shortcut, keeping the mini timer on top), each with why not. */
export const desktopCapabilities = () => call<DesktopCapabilities>('desktop_capabilities');

// Updates (signed, installed only when the user says so)
/** The running version, the last check and an update that can be installed. */
export const updateStatus = () => call<UpdateStatus>('update_status');
/** Asks the release server now; the status says what it found. */
export const checkForUpdate = () => call<UpdateStatus>('check_for_update');
/** Installs the update that was found and restarts Stint into it; on failure the status says why. */
export const installUpdate = () => call<UpdateStatus>('install_update');

// Events
const on = <T>(event: EventName, handler: (payload: T) => void): Promise<UnlistenFn> =>
  listen<T>(event, (e) => handler(e.payload));

export const onSessionChanged = (handler: (view: SessionView | null) => void) =>
  on<SessionView | null>('session-changed', handler);
export const onNotificationFailed = (handler: (failure: NotificationFailure) => void) =>
  on<NotificationFailure>('notification-failed', handler);
/** Calls were added, changed or removed (a pack import, a reminder toggle, a file dropped on the window). */
export const onCallsChanged = (handler: () => void) => on<null>('calls-changed', () => handler());
/** Community packs were installed, updated or removed (also by a file dropped on the window). */
export const onPacksChanged = (handler: () => void) => on<null>('packs-changed', () => handler());
/** A community pack waits for the user's confirmation (`pendingPackImports`). */
export const onPackImportPending = (handler: () => void) => on<null>('pack-import-pending', () => handler());
/** Something no command returned: a dropped pack's import, a join link that would not open. */
export const onNotice = (handler: (notice: UiNotice) => void) => on<UiNotice>('notice', handler);

/** The live room's status changed: signed in or out, connected, offline, who is present. */
export const onRoomStatus = (handler: (status: RoomStatus) => void) => on<RoomStatus>('room-status', handler);
/** A `stint://room` link named a room that waits for the user's answer (`pendingRoomLink`). */
export const onRoomLinkPending = (handler: () => void) => on<null>('room-link-pending', () => handler());

export type { About, ExportKind, DesktopCapabilities, RoomStatus, Settings, SignInWays, Subscription, UnlistenFn, UpdateStatus };
