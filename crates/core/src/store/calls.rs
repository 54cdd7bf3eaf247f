//! Stored calls: the user's own, a community pack's and a series'; their upcoming occurrences and
//! reminders; joining an occurrence; calendar files.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codec::{from_json, nanos, to_json};
use super::sessions::{self, NewSession, SessionRecord};
use super::{formats, ids, Store};
use crate::calls::{self, validate_call, Call, Occurrence};
use crate::i18n::Msg;
use crate::ics::{self, IcsImport, IcsImportOptions};
use crate::timeline::{state_at, Event, EventKind};
use crate::{Error, Result, Thing};

/// Where a stored call comes from, which decides who may change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
#[ts(export)]
pub enum CallOrigin {
    /// Made by the user (or imported from a calendar file): editable and deletable.
    Personal,
    /// From a community pack (the community's id): replaced by the pack, removed with it.
    Community(String),
    /// One of the three calls of an accountability series (the series' id): editable, not deletable.
    Series(String),
    /// From a calendar subscription (its id): replaced at each refresh, removed with it.
    Subscription(#[ts(type = "number")] i64),
}

/// A call as stored, with what the user decided about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoredCall {
    pub call: Call,
    pub origin: CallOrigin,
    /// Whether Stint reminds of this call's occurrences (the call's `reminder_minutes` before).
    pub reminders_enabled: bool,
}

/// The next reminder to show, and what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reminder {
    /// When to show it.
    pub at: DateTime<Utc>,
    pub call: Call,
    pub occurrence: Occurrence,
}

const SELECT: &str = "SELECT c.id, c.community_id, c.call, c.reminders_enabled, s.series_id, c.subscription_id
     FROM calls c LEFT JOIN series_calls s ON s.call_id = c.id";

type CallRow = (String, Option<String>, String, bool, Option<String>, Option<i64>);

fn call_from_row(r: &rusqlite::Row) -> rusqlite::Result<CallRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

fn decode((id, community, json, reminders_enabled, series, subscription): CallRow) -> Result<StoredCall> {
    let mut call: Call = from_json(&json, "call")?;
    call.id = id;
    let origin = match (community, series, subscription) {
        (Some(community), _, _) => CallOrigin::Community(community),
        (None, Some(series), _) => CallOrigin::Series(series),
        (None, None, Some(subscription)) => CallOrigin::Subscription(subscription),
        (None, None, None) => CallOrigin::Personal,
    };
    Ok(StoredCall { call, origin, reminders_enabled })
}

/// Why a subscription's call cannot be edited or deleted by itself.
const FROM_SUBSCRIPTION: &str = "error_call_from_subscription";

fn not_found(_id: &str) -> Error {
    Error::NotFound(Thing::Call)
}

pub(super) fn load(tx: &Transaction, id: &str) -> Result<StoredCall> {
    let row = tx.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], call_from_row).optional()?;
    row.map(decode).transpose()?.ok_or_else(|| not_found(id))
}

/// Every stored call, by title.
pub(super) fn load_all(tx: &Transaction) -> Result<Vec<StoredCall>> {
    let mut stmt =
        tx.prepare_cached(&format!("{SELECT} ORDER BY json_extract(c.call, '$.title') COLLATE NOCASE, c.id"))?;
    let rows = stmt.query_map([], call_from_row)?;
    rows.map(|row| decode(row?)).collect()
}

fn exists(tx: &Transaction, id: &str) -> Result<bool> {
    Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM calls WHERE id = ?1)", [id], |r| r.get(0))?)
}

/// A free id for a personal call, made from `base` (a title or a calendar UID): never namespaced
/// like a community's calls, unique among stored calls and `also_taken`.
fn new_id(tx: &Transaction, base: &str, also_taken: &[String]) -> Result<String> {
    ids::unique(&ids::slug(base, "call"), |id| Ok(also_taken.iter().any(|t| t == id) || exists(tx, id)?))
}

/// Checks what `validate_call` cannot: the format exists, and the calls it skips for are stored.
fn check_references(tx: &Transaction, call: &Call) -> Result<()> {
    match formats::load(tx, &call.format_id) {
        Err(Error::NotFound(_)) => return Err(Error::told("format_id", Msg::new("error_call_format_gone"))),
        other => other.map(drop)?,
    }
    for (i, other) in call.skip_on_days_of.iter().enumerate() {
        if !exists(tx, other)? {
            return Err(Error::told(format!("skip_on_days_of[{i}]"), Msg::new("error_call_skipped_call_gone")));
        }
    }
    Ok(())
}

/// Stores a new personal call or series call (already validated, with a free id).
pub(super) fn insert(tx: &Transaction, call: &Call, at: DateTime<Utc>) -> Result<()> {
    insert_from(tx, call, at, None, true)
}

/// Stores a new call of a calendar subscription, or a personal one when `subscription` is `None`.
fn insert_from(
    tx: &Transaction,
    call: &Call,
    at: DateTime<Utc>,
    subscription: Option<i64>,
    reminders_enabled: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO calls (id, community_id, call, reminders_enabled, created_at, subscription_id)
         VALUES (?1, NULL, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![call.id, to_json(call)?, reminders_enabled, nanos(at, "now")?, subscription])?;
    Ok(())
}

/// The stored calls as the pure functions see them: calls whose reminders are off have none.
fn with_reminder_choice(stored: Vec<StoredCall>) -> Vec<Call> {
    stored
        .into_iter()
        .map(|s| {
            let mut call = s.call;
            if !s.reminders_enabled {
                call.reminder_minutes = None;
            }
            call
        })
        .collect()
}

fn plain(stored: Vec<StoredCall>) -> Vec<Call> {
    stored.into_iter().map(|s| s.call).collect()
}

/// The occurrence of `call_id` that starts exactly at `start`, skip rules applied.
fn occurrence_at(all: &[Call], call_id: &str, start: DateTime<Utc>) -> Option<Occurrence> {
    let to = start.checked_add_signed(Duration::nanoseconds(1))?;
    calls::occurrences_between(all, start, to).into_iter().find(|o| o.call_id == call_id && o.starts_at == start)
}

impl Store {
    /// Every stored call (personal, community and series), by title.
    pub fn calls(&mut self) -> Result<Vec<StoredCall>> {
        self.read(load_all)
    }

    pub fn call(&mut self, id: &str) -> Result<StoredCall> {
        self.read(|tx| load(tx, id))
    }

    /// Stores a personal call. Its id is made by the store from the title (`call.id` is ignored);
    /// the call must pass `validate_call`, use an existing format, and skip only for stored calls.
    pub fn create_call(&mut self, mut call: Call, now: DateTime<Utc>) -> Result<StoredCall> {
        nanos(now, "now")?;
        self.write(|tx| {
            call.id = new_id(tx, &call.title, &[])?;
            validate_call(&call)?;
            check_references(tx, &call)?;
            insert(tx, &call, now)?;
            load(tx, &call.id)
        })
    }

    /// Replaces a personal or series call (keeping its id and reminder choice). A community's calls
    /// are the pack's: `Conflict`.
    pub fn update_call(&mut self, id: &str, mut call: Call) -> Result<StoredCall> {
        self.write(|tx| {
            match load(tx, id)?.origin {
                CallOrigin::Community(_) => return Err(Error::conflict("error_call_from_pack_edit")),
                CallOrigin::Subscription(_) => return Err(Error::conflict(FROM_SUBSCRIPTION)),
                CallOrigin::Personal | CallOrigin::Series(_) => {}
            }
            call.id = id.to_string();
            validate_call(&call)?;
            check_references(tx, &call)?;
            tx.execute("UPDATE calls SET call = ?2 WHERE id = ?1", params![id, to_json(&call)?])?;
            load(tx, id)
        })
    }

    /// Deletes a personal call. Sessions that joined it keep their history (and its id).
    pub fn delete_call(&mut self, id: &str) -> Result<()> {
        self.write(|tx| {
            match load(tx, id)?.origin {
                CallOrigin::Personal => {}
                CallOrigin::Community(_) => return Err(Error::conflict("error_call_from_pack_delete")),
                CallOrigin::Series(_) => return Err(Error::conflict("error_call_in_series")),
                CallOrigin::Subscription(_) => return Err(Error::conflict(FROM_SUBSCRIPTION)),
            }
            tx.execute("DELETE FROM calls WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Turns a call's reminders on or off (kept when its pack updates).
    pub fn set_call_reminders(&mut self, id: &str, enabled: bool) -> Result<StoredCall> {
        self.write(|tx| {
            if tx.execute("UPDATE calls SET reminders_enabled = ?2 WHERE id = ?1", params![id, enabled])? == 0 {
                return Err(not_found(id));
            }
            load(tx, id)
        })
    }

    /// The occurrences of all stored calls from `from` for `days` days (one in progress at `from`
    /// included), skip rules applied, in time order.
    pub fn upcoming(&mut self, from: DateTime<Utc>, days: u32) -> Result<Vec<Occurrence>> {
        Ok(calls::upcoming(&plain(self.read(load_all)?), from, days))
    }

    /// The first reminder strictly after `now` among the calls whose reminders are on.
    pub fn next_reminder(&mut self, now: DateTime<Utc>) -> Result<Option<Reminder>> {
        let all = with_reminder_choice(self.read(load_all)?);
        Ok(calls::next_reminder(&all, now).and_then(|(at, occurrence)| {
            let call = all.iter().find(|c| c.id == occurrence.call_id)?.clone();
            Some(Reminder { at, call, occurrence })
        }))
    }

    /// Every reminder with its instant in `(after, until]` among the calls whose reminders are on, in
    /// time order (`calls::reminders_due`).
    pub fn reminders_due(&mut self, after: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Reminder>> {
        let all = with_reminder_choice(self.read(load_all)?);
        Ok(calls::reminders_due(&all, after, until)
            .into_iter()
            .filter_map(|(at, occurrence)| {
                let call = all.iter().find(|c| c.id == occurrence.call_id)?.clone();
                Some(Reminder { at, call, occurrence })
            })
            .collect())
    }

    /// Joins the occurrence of `call_id` scheduled to start at `occurrence_start`: starts a session of
    /// the call's format whose `started_at` is that scheduled start (`calls::join`), so a late joiner
    /// is in the phase the call is in. Refused: an instant that is not an occurrence of the call
    /// (error field `occurrence_start`), an occurrence that is over by `now`, another session still
    /// running (`Conflict`). Joining the same occurrence again returns the session already running.
    pub fn join_call(
        &mut self,
        call_id: &str,
        occurrence_start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<SessionRecord> {
        self.join_call_replacing(call_id, occurrence_start, now, false)
    }

    /// `join_call`, and with `replace_running` another session still running is stopped at `now`
    /// in the same transaction instead of being a `Conflict`. Nothing else being wrong is checked
    /// first, so a refused join never leaves the user with neither session.
    pub fn join_call_replacing(
        &mut self,
        call_id: &str,
        occurrence_start: DateTime<Utc>,
        now: DateTime<Utc>,
        replace_running: bool,
    ) -> Result<SessionRecord> {
        nanos(occurrence_start, "occurrence_start")?;
        nanos(now, "now")?;
        self.write(|tx| {
            let all = plain(load_all(tx)?);
            let call = all.iter().find(|c| c.id == call_id).ok_or_else(|| not_found(call_id))?;
            let occurrence = occurrence_at(&all, call_id, occurrence_start).ok_or_else(|| {
                Error::told("occurrence_start", Msg::new("error_call_date_gone").text("title", call.title.as_str()))
            })?;
            if occurrence.ends_at <= now {
                return Err(Error::told(
                    "occurrence_start",
                    Msg::new("error_call_date_ended").text("title", call.title.as_str()),
                ));
            }
            if let Some(running) = sessions::active_id(tx)? {
                let record = sessions::load(tx, running)?;
                if record.call_id.as_deref() == Some(call_id) && record.timeline.started_at == occurrence.starts_at {
                    return Ok(record);
                }
                if replace_running && !state_at(&record.timeline, now).done {
                    sessions::append(tx, running, Event { at: now, kind: EventKind::Stop })?;
                }
            }
            let format = formats::load(tx, &call.format_id)?;
            let timeline = calls::join(call, &occurrence, &format.draft)?;
            let new = NewSession {
                format_id: &format.id,
                started_at: timeline.started_at,
                commitments: &[],
                call_id: Some(call_id),
            };
            sessions::insert(tx, &new, now)
        })
    }

    /// Reads a calendar file and stores its events as personal calls, all in one transaction (a
    /// malformed file stores nothing). Ids are made from the events' UIDs (unique among stored
    /// calls); skip rules between the file's events follow the renaming; an event naming a format
    /// this Stint does not have uses `options.default_format_id` (listed in `ignored`). Returns the
    /// calls as stored.
    pub fn import_ics(&mut self, text: &str, options: &IcsImportOptions, now: DateTime<Utc>) -> Result<IcsImport> {
        let mut import = ics::import_ics(text, options)?;
        nanos(now, "now")?;
        self.write(|tx| {
            store_imported(tx, &mut import, options, now, None)?;
            Ok(import)
        })
    }

    /// All stored calls (series included) as an iCalendar file; `now` is its DTSTAMP.
    pub fn export_ics(&mut self, now: DateTime<Utc>) -> Result<String> {
        Ok(ics::export_ics(&plain(self.read(load_all)?), now))
    }
}

/// Stores the calls of a read calendar (`Store::import_ics`), as personal calls or as the calls of
/// `subscription`. A subscription's call whose id was stored before with reminders off keeps them off.
pub(super) fn store_imported(
    tx: &Transaction,
    import: &mut IcsImport,
    options: &IcsImportOptions,
    now: DateTime<Utc>,
    subscription: Option<(i64, &[String])>,
) -> Result<()> {
    if formats::load(tx, &options.default_format_id).is_err() {
        return Err(Error::told("default_format_id", Msg::new("error_ics_format_gone")));
    }
    let mut renamed: Vec<(String, String)> = Vec::new();
    for call in &mut import.calls {
        let taken: Vec<String> = renamed.iter().map(|(_, new)| new.clone()).collect();
        let id = new_id(tx, &call.id, &taken)?;
        renamed.push((std::mem::replace(&mut call.id, id), call.id.clone()));
    }
    let mut notes = Vec::new();
    for call in &mut import.calls {
        if formats::load(tx, &call.format_id).is_err() {
            let why = Msg::new("ics_ignored_why_no_format").text("format", options.default_format_id.as_str());
            notes.push(ics::ignored_because(&format!("X-STINT-FORMAT {}", call.format_id), why));
            call.format_id = options.default_format_id.clone();
        }
        let mut kept = Vec::new();
        for old in std::mem::take(&mut call.skip_on_days_of) {
            match renamed.iter().find(|(from, _)| *from == old) {
                Some((_, to)) => kept.push(to.clone()),
                None if exists(tx, &old)? => kept.push(old),
                None => notes.push(ics::ignored_because(
                    &format!("X-STINT-SKIP-ON-DAYS-OF {old}"),
                    Msg::new("ics_ignored_why_no_call"),
                )),
            }
        }
        call.skip_on_days_of = kept;
        validate_call(call)?;
        match subscription {
            None => insert(tx, call, now)?,
            Some((id, muted)) => insert_from(tx, call, now, Some(id), !muted.contains(&call.id))?,
        }
    }
    for note in notes {
        import.ignore(note);
    }
    Ok(())
}
