/**
 * Reading the app's database the way a user could: the sqlite3 command-line tool, read-only,
 * with JSON output. The app keeps WAL mode, so reading while it runs is safe.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type Row = Record<string, unknown>;

export function databasePath(dataDir: string): string {
  return join(dataDir, 'stint.db');
}

/** Runs one read-only query; rows as objects keyed by column name. */
export function query(dataDir: string, sql: string): Row[] {
  const path = databasePath(dataDir);
  if (!existsSync(path)) throw new Error(`no database at ${path}`);
  const out = execFileSync('sqlite3', ['-readonly', '-json', '-cmd', '.timeout 5000', path, sql], {
    encoding: 'utf8',
  });
  return out.trim() === '' ? [] : (JSON.parse(out) as Row[]);
}

/**
 * A stored instant as epoch milliseconds, whether stored as RFC 3339 text or as a number since the
 * epoch in seconds, milliseconds, microseconds or nanoseconds (told apart by magnitude).
 */
export function instantMs(value: unknown): number {
  if (typeof value === 'number') {
    if (value < 1e11) return value * 1000;
    if (value < 1e14) return value;
    if (value < 1e17) return value / 1e3;
    return value / 1e6;
  }
  if (typeof value === 'string') {
    if (/^\d+(\.\d+)?$/.test(value)) return instantMs(Number(value));
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new Error(`not an instant: ${JSON.stringify(value)}`);
}
