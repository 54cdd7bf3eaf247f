/**
 * What the app stored, read straight from stint.db (schema: crates/core/src/store/migrations.rs).
 * Every query the specs make about the schema lives here, so a schema change touches one file.
 */
import { instantMs, query } from './db.ts';

export interface StoredSession {
  id: number;
  formatName: string;
  startedAtMs: number;
  endedAtMs: number | null;
  status: string;
}

export interface StoredPhase {
  index: number;
  label: string;
  startedAtMs: number;
  endedAtMs: number;
  outcome: string;
}

export interface StoredCommitment {
  id: number;
  sessionId: number | null;
  text: string;
  status: string;
}

export function sessions(dataDir: string): StoredSession[] {
  return query(dataDir, 'SELECT id, format_name, started_at, ended_at, status FROM sessions ORDER BY id').map(
    (row) => ({
      id: Number(row.id),
      formatName: String(row.format_name),
      startedAtMs: instantMs(row.started_at),
      endedAtMs: row.ended_at === null ? null : instantMs(row.ended_at),
      status: String(row.status),
    }),
  );
}

/** The one session of `formatName`; fails if there is none or several. */
export function sessionOf(dataDir: string, formatName: string): StoredSession {
  const found = sessions(dataDir).filter((session) => session.formatName === formatName);
  if (found.length !== 1) {
    throw new Error(`expected one stored session of "${formatName}", found ${found.length}`);
  }
  return found[0];
}

/** The finished phases of a session, in order. */
export function phases(dataDir: string, sessionId: number): StoredPhase[] {
  return query(
    dataDir,
    `SELECT idx, label, started_at, ended_at, outcome FROM phases WHERE session_id = ${Math.trunc(sessionId)} ORDER BY idx`,
  ).map((row) => ({
    index: Number(row.idx),
    label: String(row.label),
    startedAtMs: instantMs(row.started_at),
    endedAtMs: instantMs(row.ended_at),
    outcome: String(row.outcome),
  }));
}

export function commitments(dataDir: string, sessionId: number): StoredCommitment[] {
  return query(
    dataDir,
    `SELECT id, session_id, text, status FROM commitments WHERE session_id = ${Math.trunc(sessionId)} ORDER BY id`,
  ).map((row) => ({
    id: Number(row.id),
    sessionId: row.session_id === null ? null : Number(row.session_id),
    text: String(row.text),
    status: String(row.status),
  }));
}
