//! Export of all history: one JSON document, or one CSV file per table.
//!
//! Both are written from the same rows: each table is read once into JSON values (instants as
//! RFC 3339, stored JSON as objects), then written as objects or as CSV fields. Days are the user's:
//! each session carries the local date History files it under, and `time_per_day` sums the time of
//! each phase kind per local day, in the zone the caller passes in (named in the JSON document).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use rusqlite::types::ValueRef;
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::codec::{enum_name, instant};
use super::history::rollup;
use super::migrations::SCHEMA_VERSION;
use super::{csv, Store};
use crate::format::PhaseKind;
use crate::i18n::Msg;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportKind {
    Json,
    Csv,
}

/// How a stored column is shown in an export.
#[derive(Clone, Copy)]
enum Column {
    Plain(&'static str),
    /// Integer nanoseconds → RFC 3339.
    Instant(&'static str),
    /// JSON text → the JSON value itself.
    Json(&'static str),
    /// Integer nanoseconds → the local date (YYYY-MM-DD) in the export's zone.
    LocalDate(&'static str),
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Plain(n) | Column::Instant(n) | Column::Json(n) | Column::LocalDate(n) => n,
        }
    }
}

struct Table {
    name: &'static str,
    /// Selects exactly `columns`, in order.
    sql: &'static str,
    columns: &'static [Column],
}

use Column::{Instant, Json, LocalDate, Plain};

const TABLES: &[Table] = &[
    Table {
        name: "formats",
        sql: "SELECT id, origin, archived, draft, created_at FROM formats ORDER BY created_at, id",
        columns: &[Plain("id"), Json("origin"), Plain("archived"), Json("format"), Instant("created_at")],
    },
    Table {
        name: "sessions",
        sql: "SELECT s.id, s.format_id, s.format_name, f.draft, s.started_at, s.started_at, s.ended_at, s.status,
                     s.focus_seconds, s.call_id, s.title, s.notes
              FROM sessions s JOIN format_snapshots f ON f.id = s.snapshot_id ORDER BY s.id",
        columns: &[
            Plain("id"),
            Plain("format_id"),
            Plain("format_name"),
            Json("format"),
            Instant("started_at"),
            LocalDate("local_date"),
            Instant("ended_at"),
            Plain("status"),
            Plain("focus_seconds"),
            Plain("call_id"),
            Plain("title"),
            Plain("notes"),
        ],
    },
    Table {
        name: "session_events",
        sql: "SELECT id, session_id, at, kind, seconds FROM session_events ORDER BY session_id, id",
        columns: &[Plain("id"), Plain("session_id"), Instant("at"), Plain("kind"), Plain("seconds")],
    },
    Table {
        name: "phases",
        sql: "SELECT session_id, idx, label, kind, planned_seconds, started_at, ended_at, actual_seconds, outcome
              FROM phases ORDER BY session_id, idx",
        columns: &[
            Plain("session_id"),
            Plain("index"),
            Plain("label"),
            Plain("kind"),
            Plain("planned_seconds"),
            Instant("started_at"),
            Instant("ended_at"),
            Plain("actual_seconds"),
            Plain("outcome"),
        ],
    },
    Table {
        name: "commitments",
        sql: "SELECT id, session_id, text, status, note, carried_from, created_at, resolved_at, series_id
              FROM commitments ORDER BY id",
        columns: &[
            Plain("id"),
            Plain("session_id"),
            Plain("text"),
            Plain("status"),
            Plain("note"),
            Plain("carried_from"),
            Instant("created_at"),
            Instant("resolved_at"),
            Plain("series_id"),
        ],
    },
];

fn cell(column: Column, raw: ValueRef, tz: &Tz) -> Result<Value> {
    Ok(match (column, raw) {
        (_, ValueRef::Null) => Value::Null,
        (LocalDate(_), ValueRef::Integer(n)) => Value::String(instant(n).with_timezone(tz).date_naive().to_string()),
        (Instant(_), ValueRef::Integer(n)) => Value::String(instant(n).to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        (Json(_), ValueRef::Text(t)) => {
            serde_json::from_slice(t).map_err(|e| Error::Storage(format!("unreadable JSON, {e}")))?
        }
        (_, ValueRef::Integer(n)) => Value::from(n),
        (_, ValueRef::Real(x)) => Value::from(x),
        (_, ValueRef::Text(t)) => Value::String(String::from_utf8_lossy(t).into_owned()),
        (_, ValueRef::Blob(_)) => {
            return Err(Error::Storage(format!("unexpected binary data in the column “{}”", column.name())))
        }
    })
}

fn rows(tx: &Transaction, table: &Table, tz: &Tz) -> Result<Vec<Vec<Value>>> {
    let mut stmt = tx.prepare(table.sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let row = table.columns.iter().enumerate().map(|(i, &c)| cell(c, r.get_ref(i)?, tz)).collect::<Result<_>>()?;
        out.push(row);
    }
    Ok(out)
}

/// The computed table: seconds per local day and phase kind (counted time only), by date then kind.
const TIME_PER_DAY: &str = "time_per_day";
const TIME_PER_DAY_COLUMNS: [&str; 3] = ["date", "kind", "seconds"];

fn time_per_day(tx: &Transaction, tz: &Tz) -> Result<Vec<Vec<Value>>> {
    let mut out = Vec::new();
    for kind in PhaseKind::ALL {
        for (date, seconds) in rollup::all_days(tx, kind, tz)? {
            if seconds > 0 {
                out.push((date, kind, seconds));
            }
        }
    }
    out.sort_by_key(|&(date, kind, _)| (date, PhaseKind::ALL.iter().position(|k| *k == kind)));
    Ok(out
        .into_iter()
        .map(|(date, kind, seconds)| {
            vec![Value::String(date.to_string()), Value::String(enum_name(&kind)), Value::from(seconds)]
        })
        .collect())
}

/// A table as exported: its name, its columns, its rows.
type Exported = (&'static str, Vec<&'static str>, Vec<Vec<Value>>);

/// Every table of the export with its column names and rows.
fn tables(tx: &Transaction, tz: &Tz) -> Result<Vec<Exported>> {
    let mut out = Vec::new();
    for table in TABLES {
        out.push((table.name, table.columns.iter().map(|c| c.name()).collect(), rows(tx, table, tz)?));
    }
    out.push((TIME_PER_DAY, TIME_PER_DAY_COLUMNS.to_vec(), time_per_day(tx, tz)?));
    Ok(out)
}

fn csv_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => csv::text_cell(s).into_owned(),
        other => other.to_string(),
    }
}

fn write_csv(tx: &Transaction, dir: &Path, tz: &Tz) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for (name, columns, rows) in tables(tx, tz)? {
        let path = dir.join(format!("{name}.csv"));
        let mut out = BufWriter::new(create_new(&path)?);
        csv::write_row(&mut out, columns.iter().copied())?;
        for row in rows {
            let texts: Vec<String> = row.iter().map(csv_text).collect();
            csv::write_row(&mut out, texts.iter().map(String::as_str))?;
        }
        out.flush()?;
        paths.push(path);
    }
    Ok(paths)
}

fn write_json(tx: &Transaction, dir: &Path, tz: &Tz, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let mut doc = Map::new();
    doc.insert("exported_at".into(), Value::String(now.to_rfc3339_opts(SecondsFormat::Secs, true)));
    doc.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    doc.insert("time_zone".into(), Value::String(tz.name().to_string()));
    for (name, columns, rows) in tables(tx, tz)? {
        let objects = rows
            .into_iter()
            .map(|row| Value::Object(columns.iter().map(|c| c.to_string()).zip(row).collect()))
            .collect();
        doc.insert(name.into(), Value::Array(objects));
    }
    let path = dir.join("stint-history.json");
    let mut out = BufWriter::new(create_new(&path)?);
    serde_json::to_writer_pretty(&mut out, &Value::Object(doc)).map_err(|e| Error::Storage(e.to_string()))?;
    out.flush()?;
    Ok(vec![path])
}

/// Creates `path` for the export; a file already there is never replaced.
fn create_new(path: &Path) -> Result<File> {
    File::create_new(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::told(
            "path",
            Msg::new("error_export_file_exists").text(
                "file",
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
            ),
        ),
        _ => Error::from(e),
    })
}

impl Store {
    /// Writes all history into `dir` (created if missing): `stint-history.json`, or one CSV file per
    /// table (`formats`, `sessions`, `session_events`, `phases`, `commitments`, `time_per_day`); a file of that name already in `dir` is
    /// `invalid_input` (field `path`) and is never replaced.
    /// Local dates are those of `tz`; `now` is the export's time. Returns the files.
    pub fn export(&mut self, kind: ExportKind, dir: &Path, tz: Tz, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
        fs::create_dir_all(dir).map_err(|e| {
            Error::told(
                "path",
                Msg::new("error_export_folder")
                    .text("folder", dir.display().to_string())
                    .text("detail", e.to_string().trim_end_matches('.')),
            )
        })?;
        self.read(|tx| match kind {
            ExportKind::Json => write_json(tx, dir, &tz, now),
            ExportKind::Csv => write_csv(tx, dir, &tz),
        })
    }
}
