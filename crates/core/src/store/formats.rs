//! Formats: the built-ins (from code) merged with the user's own (from the database).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::codec::{from_json, nanos, to_json};
use super::{ids, Store};
use crate::builtins;
use crate::format::{Format, FormatDraft, FormatOrigin, MAX_NAME_CHARS};
use crate::{Error, Result, Thing};

const COLUMNS: &str = "id, origin, archived, draft";

fn format_from_row(row: &rusqlite::Row) -> rusqlite::Result<(String, String, bool, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

fn decode((id, origin, archived, draft): (String, String, bool, String)) -> Result<Format> {
    Ok(Format { id, origin: from_json(&origin, "format origin")?, archived, draft: from_json(&draft, "format")? })
}

fn not_found(_id: &str) -> Error {
    Error::NotFound(Thing::Format)
}

fn archived_builtin(tx: &Transaction, id: &str) -> Result<bool> {
    Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM archived_builtins WHERE format_id = ?1)", [id], |r| r.get(0))?)
}

/// A built-in or stored format, or `NotFound`.
pub(super) fn load(tx: &Transaction, id: &str) -> Result<Format> {
    if let Some(mut builtin) = builtins::all().into_iter().find(|f| f.id == id) {
        builtin.archived = archived_builtin(tx, id)?;
        return Ok(builtin);
    }
    let row =
        tx.query_row(&format!("SELECT {COLUMNS} FROM formats WHERE id = ?1"), [id], format_from_row).optional()?;
    row.map(decode).transpose()?.ok_or_else(|| not_found(id))
}

/// A readable id for a new format, unique among built-ins and stored formats: `my-sprint`, `my-sprint-2` …
fn new_id(tx: &Transaction, name: &str) -> Result<String> {
    let builtin_ids: Vec<String> = builtins::all().into_iter().map(|f| f.id).collect();
    ids::unique(&ids::slug(name, "format"), |id| {
        Ok(builtin_ids.iter().any(|b| b == id)
            || tx.query_row("SELECT EXISTS (SELECT 1 FROM formats WHERE id = ?1)", [id], |r| r.get(0))?)
    })
}

fn insert_custom(tx: &Transaction, draft: FormatDraft, now: DateTime<Utc>) -> Result<Format> {
    let draft = draft.validated()?;
    let id = new_id(tx, &draft.name)?;
    let format = Format { id, origin: FormatOrigin::Custom, archived: false, draft };
    tx.execute(
        "INSERT INTO formats (id, origin, archived, draft, created_at) VALUES (?1, ?2, 0, ?3, ?4)",
        params![format.id, to_json(&format.origin)?, to_json(&format.draft)?, nanos(now, "now")?],
    )?;
    Ok(format)
}

/// Replaces a custom format's draft; built-in and community formats are read-only.
fn replace_draft(tx: &Transaction, id: &str, draft: FormatDraft) -> Result<Format> {
    let mut format = load(tx, id)?;
    match format.origin {
        FormatOrigin::Builtin => return Err(Error::conflict("error_format_builtin")),
        FormatOrigin::Community(_) => return Err(Error::conflict("error_format_from_pack")),
        FormatOrigin::Custom => {}
    }
    let draft = draft.validated()?;
    tx.execute("UPDATE formats SET draft = ?2 WHERE id = ?1", params![id, to_json(&draft)?])?;
    format.draft = draft;
    Ok(format)
}

/// "<name> (copy)", the name shortened if need be so that the copy's name is still valid.
fn copy_name(name: &str) -> String {
    const SUFFIX: &str = " (copy)";
    let room = MAX_NAME_CHARS - SUFFIX.chars().count();
    let base: String = name.trim().chars().take(room).collect();
    format!("{}{SUFFIX}", base.trim_end())
}

impl Store {
    /// The built-in formats (in their shipped order), then the stored ones by name.
    pub fn list_formats(&mut self, include_archived: bool) -> Result<Vec<Format>> {
        self.read(|tx| {
            let archived: Vec<String> = tx
                .prepare("SELECT format_id FROM archived_builtins")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut formats: Vec<Format> = builtins::all()
                .into_iter()
                .map(|mut f| {
                    f.archived = archived.contains(&f.id);
                    f
                })
                .collect();
            let mut stmt = tx.prepare(&format!(
                "SELECT {COLUMNS} FROM formats ORDER BY json_extract(draft, '$.name') COLLATE NOCASE, id"
            ))?;
            for row in stmt.query_map([], format_from_row)? {
                formats.push(decode(row?)?);
            }
            formats.retain(|f| include_archived || !f.archived);
            Ok(formats)
        })
    }

    pub fn format(&mut self, id: &str) -> Result<Format> {
        self.read(|tx| load(tx, id))
    }

    /// Stores a new custom format after validating it.
    pub fn create_format(&mut self, draft: FormatDraft, now: DateTime<Utc>) -> Result<Format> {
        self.write(|tx| insert_custom(tx, draft, now))
    }

    /// Replaces a custom format's phases, name and policy. Built-ins: `Error::Conflict`.
    pub fn update_format(&mut self, id: &str, draft: FormatDraft) -> Result<Format> {
        self.write(|tx| replace_draft(tx, id, draft))
    }

    pub fn rename_format(&mut self, id: &str, name: &str) -> Result<Format> {
        self.write(|tx| {
            let mut draft = load(tx, id)?.draft;
            draft.name = name.to_string();
            replace_draft(tx, id, draft)
        })
    }

    /// A custom copy of any format, named "<name> (copy)".
    pub fn duplicate_format(&mut self, id: &str, now: DateTime<Utc>) -> Result<Format> {
        self.write(|tx| {
            let mut draft = load(tx, id)?.draft;
            draft.name = copy_name(&draft.name);
            insert_custom(tx, draft, now)
        })
    }

    /// Hides (or shows again) a format in the list; sessions that used it are unaffected.
    pub fn archive_format(&mut self, id: &str, archived: bool) -> Result<Format> {
        self.write(|tx| {
            let mut format = load(tx, id)?;
            if format.origin == FormatOrigin::Builtin {
                if archived {
                    tx.execute("INSERT OR IGNORE INTO archived_builtins (format_id) VALUES (?1)", [id])?;
                } else {
                    tx.execute("DELETE FROM archived_builtins WHERE format_id = ?1", [id])?;
                }
            } else {
                tx.execute("UPDATE formats SET archived = ?2 WHERE id = ?1", params![id, archived])?;
            }
            format.archived = archived;
            Ok(format)
        })
    }
}
