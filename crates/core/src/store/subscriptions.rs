//! Stored calendar subscriptions (table `subscriptions`) and their calls. A fetch's outcome is
//! recorded in one transaction: a good calendar replaces exactly the subscription's own calls (moved,
//! added and removed events alike) and never touches another call; a failure, or a body that is not
//! a calendar, changes only the subscription's error and keeps the calls of the last good refresh.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::calls::store_imported;
use super::codec::{from_json, instant, nanos, opt_instant};
use super::Store;
use crate::i18n::{Lang, Msg};
use crate::ics::IcsImportOptions;
use crate::subscription::{
    read_fetch, refresh_due, subscription_url, FetchOutcome, FetchRead, FetchRequest, Subscription,
};
use crate::{Error, Result, Thing};

/// How many subscriptions one user may have: each is a fetch every few hours.
pub const MAX_SUBSCRIPTIONS: usize = 50;

const SELECT: &str = "SELECT s.id, s.url, s.added_at, s.refreshed_at, s.error, s.skipped,
        (SELECT COUNT(*) FROM calls c WHERE c.subscription_id = s.id), s.error_words, s.skipped_words
     FROM subscriptions s";

/// The most skipped events read back: an import reads at most this many events.
const MAX_SKIPPED: usize = crate::ics::MAX_EVENTS;

fn subscription_from_row(r: &rusqlite::Row) -> rusqlite::Result<(Subscription, String)> {
    let words: Option<String> = r.get(7)?;
    // A message that does not read back (written by a later Stint) is shown as no message rather
    // than failing the whole list; the next refresh writes a new one.
    let error_words = words.and_then(|w| serde_json::from_str(&w).ok()).and_then(|v| Msg::from_json(&v));
    let subscription = Subscription {
        id: r.get(0)?,
        url: r.get(1)?,
        added_at: instant(r.get(2)?),
        refreshed_at: opt_instant(r.get(3)?),
        error: r.get(4)?,
        error_words,
        calls: r.get(6)?,
        skipped: Vec::new(),
        skipped_words: skipped_words(&r.get::<_, String>(8)?),
    };
    Ok((subscription, r.get(5)?))
}

/// The skipped events kept as messages, at most `MAX_SKIPPED`; one that does not read back (written
/// by a later Stint) is left out rather than failing the list, and the next refresh writes them anew.
fn skipped_words(json: &str) -> Vec<Msg> {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(json) else { return Vec::new() };
    items.iter().take(MAX_SKIPPED).filter_map(Msg::from_json).collect()
}

/// The subscription with its skipped events as sentences: English, until the shell says them in
/// the language in effect (`Subscription::said_in`).
fn decode((mut subscription, skipped): (Subscription, String)) -> Result<Subscription> {
    subscription.skipped = match subscription.skipped_words.as_slice() {
        [] => from_json(&skipped, "skipped")?,
        words => words.iter().map(|m| m.render(Lang::En)).collect(),
    };
    Ok(subscription)
}

fn load(tx: &Transaction, id: i64) -> Result<Subscription> {
    let row = tx.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], subscription_from_row).optional()?;
    row.map(decode).transpose()?.ok_or(Error::NotFound(Thing::Subscription))
}

fn load_all(tx: &Transaction) -> Result<Vec<Subscription>> {
    let mut stmt = tx.prepare_cached(&format!("{SELECT} ORDER BY s.url"))?;
    let rows = stmt.query_map([], subscription_from_row)?;
    rows.map(|row| decode(row?)).collect()
}

/// Skipped events as stored in `skipped_words`.
fn skipped_json(words: &[Msg]) -> String {
    serde_json::Value::Array(words.iter().map(Msg::to_json).collect()).to_string()
}

impl Store {
    /// Subscribes to the calendar at `url` (see `subscription_url`); its calls arrive with the first
    /// refresh. The same address twice is a `Conflict`.
    pub fn add_subscription(&mut self, url: &str, now: DateTime<Utc>) -> Result<Subscription> {
        let url = subscription_url(url)?;
        let at = nanos(now, "now")?;
        self.write(|tx| {
            let count: usize = tx.query_row("SELECT COUNT(*) FROM subscriptions", [], |r| r.get(0))?;
            if count >= MAX_SUBSCRIPTIONS {
                return Err(Error::Conflict(
                    Msg::new("error_subscription_too_many").count("max", MAX_SUBSCRIPTIONS as u64),
                ));
            }
            let taken: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM subscriptions WHERE url = ?1)", [&url], |r| r.get(0))?;
            if taken {
                return Err(Error::conflict("error_subscription_exists"));
            }
            tx.execute("INSERT INTO subscriptions (url, added_at) VALUES (?1, ?2)", params![url, at])?;
            load(tx, tx.last_insert_rowid())
        })
    }

    /// Every subscription, by address.
    pub fn subscriptions(&mut self) -> Result<Vec<Subscription>> {
        self.read(load_all)
    }

    /// What to send to fetch subscription `id` now (the user asked for a refresh).
    pub fn fetch_request(&mut self, id: i64) -> Result<FetchRequest> {
        self.read(|tx| {
            tx.query_row("SELECT id, url, etag, last_modified FROM subscriptions WHERE id = ?1", [id], |r| {
                Ok(FetchRequest { id: r.get(0)?, url: r.get(1)?, etag: r.get(2)?, last_modified: r.get(3)? })
            })
            .optional()?
            .ok_or(Error::NotFound(Thing::Subscription))
        })
    }

    /// The subscriptions whose refresh is due at `now` (`subscription::refresh_due`).
    pub fn due_fetches(&mut self, now: DateTime<Utc>) -> Result<Vec<FetchRequest>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT id, url, etag, last_modified, refreshed_at, attempted_at FROM subscriptions ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                let request = FetchRequest { id: r.get(0)?, url: r.get(1)?, etag: r.get(2)?, last_modified: r.get(3)? };
                Ok((request, opt_instant(r.get(4)?), opt_instant(r.get(5)?)))
            })?;
            let mut due = Vec::new();
            for row in rows {
                let (request, refreshed_at, attempted_at) = row?;
                if refresh_due(refreshed_at, attempted_at, now) {
                    due.push(request);
                }
            }
            Ok(due)
        })
    }

    /// Records what a fetch of subscription `id` brought (`record_read` after `read_fetch`).
    pub fn record_fetch(
        &mut self,
        id: i64,
        outcome: FetchOutcome,
        options: &IcsImportOptions,
        now: DateTime<Utc>,
    ) -> Result<Subscription> {
        self.record_read(id, read_fetch(outcome, options), options, now)
    }

    /// Records a read fetch of subscription `id`, in one transaction. A calendar replaces the
    /// subscription's calls (ids from the events' UIDs, a call's reminders kept off if the user turned
    /// them off) and its skip report; a 304 only marks it fresh; a failure only sets its `error`. A
    /// subscription removed meanwhile is `NotFound`.
    pub fn record_read(
        &mut self,
        id: i64,
        read: FetchRead,
        options: &IcsImportOptions,
        now: DateTime<Utc>,
    ) -> Result<Subscription> {
        let at = nanos(now, "now")?;
        self.write(|tx| {
            load(tx, id)?;
            match read {
                FetchRead::NotModified => {
                    tx.execute(
                        "UPDATE subscriptions SET refreshed_at = ?2, attempted_at = ?2, error = NULL, error_words = NULL
                         WHERE id = ?1",
                        params![id, at],
                    )?;
                }
                FetchRead::Failed(words) => {
                    tx.execute(
                        "UPDATE subscriptions SET attempted_at = ?2, error = NULL, error_words = ?3 WHERE id = ?1",
                        params![id, at, words.to_json().to_string()],
                    )?;
                }
                FetchRead::Calendar { mut import, etag, last_modified } => {
                    let muted: Vec<String> = {
                        let mut stmt = tx.prepare_cached(
                            "SELECT id FROM calls WHERE subscription_id = ?1 AND reminders_enabled = 0",
                        )?;
                        let rows = stmt.query_map([id], |r| r.get(0))?;
                        rows.collect::<rusqlite::Result<_>>()?
                    };
                    tx.execute("DELETE FROM calls WHERE subscription_id = ?1", [id])?;
                    store_imported(tx, &mut import, options, now, Some((id, &muted)))?;
                    tx.execute(
                        "UPDATE subscriptions SET etag = ?2, last_modified = ?3, refreshed_at = ?4, attempted_at = ?4,
                             error = NULL, error_words = NULL, skipped = '[]', skipped_words = ?5 WHERE id = ?1",
                        params![id, etag, last_modified, at, skipped_json(&import.skipped_words)],
                    )?;
                }
            }
            load(tx, id)
        })
    }

    /// Removes subscription `id` and its calls. Sessions that joined them keep their history.
    pub fn remove_subscription(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            load(tx, id)?;
            tx.execute("DELETE FROM calls WHERE subscription_id = ?1", [id])?;
            tx.execute("DELETE FROM subscriptions WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
