//! The numbered schema migrations. The schema version lives in SQLite's `user_version`.
//!
//! Append new migrations at the end; never edit one that has shipped.

use rusqlite_migration::{HookError, HookResult, Migrations, M};

/// 1: the tables.
const TABLES: &str = r#"
CREATE TABLE formats (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,            -- FormatOrigin as JSON
    archived INTEGER NOT NULL DEFAULT 0,
    draft TEXT NOT NULL,             -- FormatDraft as JSON
    created_at INTEGER NOT NULL
);
-- Built-in formats live in the code; only whether the user archived one is stored.
CREATE TABLE archived_builtins (
    format_id TEXT PRIMARY KEY
) WITHOUT ROWID;
-- The format as it was when a session started; identical snapshots are stored once.
CREATE TABLE format_snapshots (
    id INTEGER PRIMARY KEY,
    draft TEXT NOT NULL UNIQUE
);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    format_id TEXT NOT NULL,
    format_name TEXT NOT NULL,
    snapshot_id INTEGER NOT NULL REFERENCES format_snapshots(id),
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    status TEXT NOT NULL CHECK (status IN ('active', 'finished')),
    -- Kept up to date as phases are recorded, so history does not rescan phases:
    focus_seconds INTEGER NOT NULL DEFAULT 0,
    focus_first_start INTEGER,
    focus_last_end INTEGER
);
CREATE TABLE session_events (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pause', 'resume', 'skip', 'extend', 'stop')),
    seconds INTEGER
);
CREATE INDEX session_events_by_session ON session_events(session_id, id);
-- What actually happened, one row per finished phase.
CREATE TABLE phases (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    planned_seconds INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    actual_seconds INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (session_id, idx)
) WITHOUT ROWID;
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'done', 'partial', 'not_done', 'dropped')),
    note TEXT,
    carried_from INTEGER REFERENCES commitments(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    resolved_at INTEGER
);
CREATE INDEX commitments_by_session ON commitments(session_id, status);
CREATE INDEX commitments_by_carried_from ON commitments(carried_from);
"#;

/// 2: indexes for the history views (each query must stay fast on ten years of use).
const HISTORY_INDEXES: &str = r#"
CREATE INDEX sessions_active ON sessions(id) WHERE status = 'active';
CREATE INDEX sessions_by_format ON sessions(format_id, focus_seconds);
CREATE INDEX sessions_focus_span ON sessions(focus_first_start, focus_last_end) WHERE focus_seconds > 0;
-- kind and outcome are repeated as columns so that the index covers the query (SQLite does not
-- count a partial index's WHERE terms as covered).
CREATE INDEX phases_counted_focus ON phases(ended_at, started_at, actual_seconds, kind, outcome)
    WHERE kind = 'focus' AND outcome <> 'slept';
CREATE INDEX commitments_by_created ON commitments(created_at, status);
"#;

/// 3: community packs, calls and accountability series; sessions remember the call they joined.
///
/// Removing a community removes its calls and formats (cascade) but never history: sessions keep a
/// snapshot of their format and only the call's id, commitments only lose their series link.
const CALLS: &str = r#"
CREATE TABLE communities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    accent TEXT,
    logo_type TEXT CHECK (logo_type IN ('png', 'svg')),
    logo BLOB,
    links TEXT NOT NULL,             -- PackLinks as JSON
    imported_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((logo_type IS NULL) = (logo IS NULL))
);
-- Set for the formats a community's pack brought; they go with the pack.
ALTER TABLE formats ADD COLUMN community_id TEXT REFERENCES communities(id) ON DELETE CASCADE;
CREATE INDEX formats_by_community ON formats(community_id) WHERE community_id IS NOT NULL;
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    -- The community whose pack brought the call; NULL for the user's own calls and series calls.
    community_id TEXT REFERENCES communities(id) ON DELETE CASCADE,
    call TEXT NOT NULL,              -- Call as JSON
    reminders_enabled INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
CREATE INDEX calls_by_community ON calls(community_id) WHERE community_id IS NOT NULL;
CREATE TABLE series (
    id TEXT PRIMARY KEY,
    previous_series_id TEXT REFERENCES series(id) ON DELETE SET NULL,
    pattern TEXT NOT NULL,           -- SeriesDraft as JSON
    created_at INTEGER NOT NULL
);
CREATE TABLE series_calls (
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    call_id TEXT NOT NULL UNIQUE REFERENCES calls(id) ON DELETE CASCADE,
    PRIMARY KEY (series_id, position)
) WITHOUT ROWID;
ALTER TABLE commitments ADD COLUMN series_id TEXT REFERENCES series(id) ON DELETE SET NULL;
CREATE INDEX commitments_by_series ON commitments(series_id, id) WHERE series_id IS NOT NULL;
-- The call a session joined. No foreign key: history outlives the call.
ALTER TABLE sessions ADD COLUMN call_id TEXT;
"#;

/// 4: the app's own small state, which used to be files beside the database (`reminders.json`,
/// `bundled-pack.json`): one row of named values, so the user's data is one file.
const APP_STATE: &str = r#"
CREATE TABLE app_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL              -- JSON
) WITHOUT ROWID;
"#;

/// 5: honest history. `time_by_hour` holds the seconds that count per phase kind and UTC hour, one
/// column per quarter hour (see `history::rollup`): every zone's days begin on a quarter hour, so it
/// serves any zone, and History reads it instead of every phase. It is filled from the phases by
/// `fill_rollup` in the same migration. Sessions get a title and notes the user can correct.
const HONEST_HISTORY: &str = r#"
CREATE TABLE time_by_hour (
    kind TEXT NOT NULL,
    hour INTEGER NOT NULL,           -- whole hours since the Unix epoch, UTC
    q0 INTEGER NOT NULL DEFAULT 0,   -- seconds in minutes 0–14 of the hour
    q1 INTEGER NOT NULL DEFAULT 0,   -- 15–29
    q2 INTEGER NOT NULL DEFAULT 0,   -- 30–44
    q3 INTEGER NOT NULL DEFAULT 0,   -- 45–59
    PRIMARY KEY (kind, hour)
) WITHOUT ROWID;
ALTER TABLE sessions ADD COLUMN title TEXT;
ALTER TABLE sessions ADD COLUMN notes TEXT;
-- The sessions list goes by start, newest first; the totals per format read the sessions of a period
-- in format order (no sort), whichever of the two the planner finds cheaper for the period.
CREATE INDEX sessions_by_start ON sessions(started_at, format_id, focus_seconds);
CREATE INDEX sessions_by_format_start ON sessions(format_id, started_at, focus_seconds);
DROP INDEX sessions_by_format;
-- Commitments kept: one counted range per status instead of testing every row's status.
CREATE INDEX commitments_by_status_created ON commitments(status, created_at);
-- Replaced by time_by_hour.
DROP INDEX phases_counted_focus;
DROP INDEX sessions_focus_span;
"#;

/// 6: calendar subscriptions. A subscription's calls carry its id and go with it; the validators of
/// the last good answer (`etag`, `last_modified`) make a refresh of an unchanged calendar a 304.
const SUBSCRIPTIONS: &str = r#"
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    added_at INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    refreshed_at INTEGER,            -- the last good refresh (a 304 included)
    attempted_at INTEGER,            -- the last attempt, good or not
    error TEXT,                      -- the last attempt's failure, a sentence; NULL after a good one
    skipped TEXT NOT NULL DEFAULT '[]'  -- the last good refresh's skipped events, JSON
);
ALTER TABLE calls ADD COLUMN subscription_id INTEGER REFERENCES subscriptions(id) ON DELETE CASCADE;
CREATE INDEX calls_by_subscription ON calls(subscription_id) WHERE subscription_id IS NOT NULL;
"#;

/// 7: where each community came from and what content it installed last (see `pack::source`), so
/// that a pack claiming an installed community's id from elsewhere is a conflict, not a takeover.
/// Communities installed before are of unknown source, except the installer's own pack.
const PACK_SOURCES: &str = r#"
ALTER TABLE communities ADD COLUMN source TEXT NOT NULL DEFAULT '{"kind":"unknown"}'; -- PackSource as JSON
ALTER TABLE communities ADD COLUMN content_id TEXT;  -- SHA-256 of the checked pack; NULL if unknown
UPDATE communities SET source = '{"kind":"bundled"}'
    WHERE id = (SELECT json_extract(value, '$.community_id') FROM app_state WHERE key = 'bundled_pack');
"#;

/// 8: the history rollup's whole UTC days. Summing ten years of a kind's hours for a period's time
/// per kind took about 8 ms of the full range's 28; `time_by_day` has one row per kind and UTC day
/// (about 3,650 per kind for ten years), kept beside `time_by_hour` in the same transactions and
/// filled from it by `fill_rollup_days`. Periods read whole days from it and only their edges from hours.
const ROLLUP_DAYS: &str = r#"
CREATE TABLE time_by_day (
    kind TEXT NOT NULL,
    day INTEGER NOT NULL,            -- whole UTC days since the Unix epoch
    seconds INTEGER NOT NULL,
    PRIMARY KEY (kind, day)
) WITHOUT ROWID;
"#;

fn fill_rollup_days(tx: &rusqlite::Transaction) -> HookResult {
    super::history::rollup::fill_days(tx).map_err(|e| HookError::Hook(e.to_string()))
}

/// 9: the live room each call is tied to (a pack's `room`, or the user's choice); it goes with the call.
const CALL_ROOMS: &str = r#"
CREATE TABLE call_rooms (
    call_id TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    room TEXT NOT NULL               -- a room alias or id, checked by room::room_address
);
"#;

/// 10: a subscription's last failure as a catalogue message (`Msg::to_json`), said in the language
/// in effect when it is read. A failure stored before stays in `error` as the sentence it was.
const SUBSCRIPTION_ERROR_WORDS: &str = r#"
ALTER TABLE subscriptions ADD COLUMN error_words TEXT;  -- the last failure as a message, JSON; NULL after a good one
"#;

/// 11: a subscription's skipped events as catalogue messages (a JSON array of `Msg::to_json`), said
/// in the language in effect when they are read. Events skipped before stay in `skipped` as the
/// sentences they were; a refresh empties that column.
const SUBSCRIPTION_SKIPPED_WORDS: &str = r#"
ALTER TABLE subscriptions ADD COLUMN skipped_words TEXT NOT NULL DEFAULT '[]';  -- skipped events as messages, JSON
"#;

fn fill_rollup(tx: &rusqlite::Transaction) -> HookResult {
    super::history::rollup::rebuild(tx).map_err(|e| HookError::Hook(e.to_string()))
}

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(TABLES),
        M::up(HISTORY_INDEXES),
        M::up(CALLS),
        M::up(APP_STATE),
        M::up_with_hook(HONEST_HISTORY, fill_rollup),
        M::up(SUBSCRIPTIONS),
        M::up(PACK_SOURCES),
        M::up_with_hook(ROLLUP_DAYS, fill_rollup_days),
        M::up(CALL_ROOMS),
        M::up(SUBSCRIPTION_ERROR_WORDS),
        M::up(SUBSCRIPTION_SKIPPED_WORDS),
    ])
}

/// The schema version this build writes (the number of migrations).
pub const SCHEMA_VERSION: u32 = 11;

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid_and_counted() {
        super::migrations().validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrations().to_latest(&mut conn).unwrap();
        let v: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, super::SCHEMA_VERSION);
    }
}
