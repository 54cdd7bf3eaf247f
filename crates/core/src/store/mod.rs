//! `Store`: everything Stint keeps lives in one SQLite file.
//!
//! Opening checks, migrates and if need be recovers the file (`open`); the other submodules add the
//! operations of one area each. Every user action is one transaction (`Store::write`).

mod app_state;
mod call_rooms;
mod calls;
mod codec;
mod commitments;
mod communities;
mod csv;
mod export;
mod files;
mod formats;
mod history;
mod ids;
mod integrity;
pub mod migrations;
mod open;
mod pack_install;
mod room_link;
mod series;
mod sessions;
mod subscriptions;
mod upcoming;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::Result;

pub use app_state::BundledPackMark;
pub use call_rooms::CallRoom;
pub use calls::{CallOrigin, Reminder, StoredCall};
pub use communities::{community_item_id, Community, PackAction, PackImport};
pub use export::ExportKind;
pub use history::{
    parse_day, parse_zone, CommitmentsKept, DayFocus, FormatTotal, HistoryOverview, HistoryPeriod, HourFocus,
    KindTotal, OutcomeCount, PhaseDetail, PhaseEdit, SessionDetail, SessionEdit, SessionSummary, Streaks,
    MAX_NOTES_CHARS, MAX_PAGE, MAX_RANGE_DAYS, MAX_TITLE_CHARS,
};
pub use integrity::IntegrityReport;
pub use open::{OpenCheck, OpenReport};
pub use room_link::{Mirror, RoomLink, RoomRole, ROOM_FORMAT_ID};
pub use sessions::{Away, SessionRecord, SessionStatus};
pub use subscriptions::MAX_SUBSCRIPTIONS;
pub use upcoming::MAX_UPCOMING_DAYS;

/// The open database. Not `Sync`: the shell keeps it behind a mutex.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Declared after `conn`, so that the connection is closed before the marker is removed.
    in_use: integrity::InUseMarker,
}

impl Store {
    /// The file this store writes to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `action` in one immediate (write-locking) transaction: committed if it returns `Ok`,
    /// rolled back — nothing stored — if it returns an error.
    fn write<T>(&mut self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.in_use.arm()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = action(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `query` in one read transaction, so that it sees one consistent state of the file.
    fn read<T>(&mut self, query: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = query(&tx)?;
        tx.finish()?;
        Ok(value)
    }
}
