//! Communities: installing, updating and removing community packs, with their formats and calls.
//!
//! A pack's formats and calls are stored under ids namespaced by the community (`{community}/{id}`),
//! so that two packs, or a pack and the user's own things, never collide. Removing a community removes
//! its formats and calls (the schema cascades) but never history: sessions keep their format snapshot.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::app_state::{self, BundledPackMark};
use super::codec::{enum_name, from_json, instant, nanos, parse_enum, to_json};
use super::Store;
use crate::calls::Call;
use crate::format::{FormatDraft, FormatOrigin};
use crate::pack::{compare_versions, content_id, parse_pack, LogoType, Pack, PackLinks, PackSource};
use crate::{Error, Result, Thing};

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PackAction {
    /// The community was new: its pack is installed.
    Installed,
    /// A newer version replaced the installed one's formats and calls.
    Updated,
    /// This version is already installed; nothing changed.
    AlreadyCurrent,
    /// The installed version is newer than the file; nothing changed.
    Older,
    /// The user chose to replace the installed community (an older version, other contents of the
    /// same version, or a pack from another source) with this pack.
    Replaced,
}

/// The result of `Store::install_pack` (and `import_pack`, `import_bundled_pack`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackImport {
    pub community_id: String,
    pub name: String,
    pub action: PackAction,
    /// The version in the file.
    pub version: String,
    /// The version that was installed before this import, if any.
    pub installed_version: Option<String>,
    /// The (namespaced) ids of the formats this import stored; empty when nothing changed.
    pub formats: Vec<String>,
    /// The (namespaced) ids of the calls this import stored; empty when nothing changed.
    pub calls: Vec<String>,
}

/// An installed community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Community {
    pub id: String,
    pub name: String,
    pub version: String,
    /// `#rrggbb`.
    pub accent: Option<String>,
    pub links: PackLinks,
    pub logo_type: Option<LogoType>,
    /// The logo's image bytes: filled by `Store::community`, left out (`None`) by `Store::communities`.
    #[ts(type = "Array<number> | null")]
    pub logo: Option<Vec<u8>>,
    pub imported_at: DateTime<Utc>,
    /// When the last newer version was imported (the first import's time until then).
    pub updated_at: DateTime<Utc>,
    /// Where the installed pack came from.
    pub source: PackSource,
    /// `pack::content_id` of the installed pack; `None` if installed before Stint recorded it.
    pub content_id: Option<String>,
}

/// The id under which a community's format or call is stored: `{community}/{id}`.
pub fn community_item_id(community_id: &str, id: &str) -> String {
    format!("{community_id}/{id}")
}

/// The pack's formats and calls with namespaced ids. A call's `format_id` and `skip_on_days_of` that
/// point into the pack are rewritten the same way; built-in format ids stay as they are.
fn namespaced(pack: &Pack) -> (Vec<(String, FormatDraft)>, Vec<Call>) {
    let ns = |id: &str| community_item_id(&pack.id, id);
    let formats = pack.formats.iter().map(|f| (ns(&f.id), f.draft.clone())).collect();
    let calls = pack
        .calls
        .iter()
        .map(|c| {
            let mut call = c.clone();
            call.id = ns(&c.id);
            if pack.formats.iter().any(|f| f.id == c.format_id) {
                call.format_id = ns(&c.format_id);
            }
            call.skip_on_days_of = c.skip_on_days_of.iter().map(|other| ns(other)).collect();
            call
        })
        .collect();
    (formats, calls)
}

fn not_found(_id: &str) -> Error {
    Error::NotFound(Thing::Community)
}

fn installed_version(tx: &Transaction, id: &str) -> Result<Option<String>> {
    Ok(tx.query_row("SELECT version FROM communities WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Ids of the rows of `table` that belong to `community_id`.
fn owned_ids(tx: &Transaction, table: &str, community_id: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(&format!("SELECT id FROM {table} WHERE community_id = ?1"))?;
    let ids = stmt.query_map([community_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Writes the community row, inserting or updating it (an update keeps `imported_at`).
pub(super) fn upsert_community(tx: &Transaction, pack: &Pack, source: &PackSource, at: i64) -> Result<()> {
    let logo_bytes = pack.logo.as_ref().map(|l| l.bytes()).transpose()?;
    let logo_type = pack.logo.as_ref().map(|l| enum_name(&l.kind));
    tx.execute(
        "INSERT INTO communities (id, name, version, accent, logo_type, logo, links, imported_at, updated_at,
             source, content_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version,
             accent = excluded.accent, logo_type = excluded.logo_type, logo = excluded.logo,
             links = excluded.links, updated_at = excluded.updated_at, source = excluded.source,
             content_id = excluded.content_id",
        params![
            pack.id,
            pack.name,
            pack.version,
            pack.accent,
            logo_type,
            logo_bytes,
            to_json(&pack.links)?,
            at,
            to_json(source)?,
            content_id(pack)
        ],
    )?;
    Ok(())
}

/// Stores the pack's formats and calls, replacing what an earlier version stored: gone ones are
/// deleted, kept ones updated in place (a format keeps whether it is archived, a call whether its
/// reminders are on).
pub(super) fn replace_contents(tx: &Transaction, pack: &Pack, at: i64) -> Result<(Vec<String>, Vec<String>)> {
    let (formats, calls) = namespaced(pack);
    for old in owned_ids(tx, "formats", &pack.id)? {
        if !formats.iter().any(|(id, _)| *id == old) {
            tx.execute("DELETE FROM formats WHERE id = ?1", [&old])?;
        }
    }
    for old in owned_ids(tx, "calls", &pack.id)? {
        if !calls.iter().any(|c| c.id == old) {
            tx.execute("DELETE FROM calls WHERE id = ?1", [&old])?;
        }
    }
    let origin = to_json(&FormatOrigin::Community(pack.id.clone()))?;
    let mut put_format = tx.prepare(
        "INSERT INTO formats (id, origin, archived, draft, created_at, community_id) VALUES (?1, ?2, 0, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, draft = excluded.draft",
    )?;
    for (id, draft) in &formats {
        put_format.execute(params![id, origin, to_json(draft)?, at, pack.id])?;
    }
    let mut put_call = tx.prepare(
        "INSERT INTO calls (id, community_id, call, reminders_enabled, created_at) VALUES (?1, ?2, ?3, 1, ?4)
         ON CONFLICT (id) DO UPDATE SET call = excluded.call",
    )?;
    for call in &calls {
        put_call.execute(params![call.id, pack.id, to_json(call)?, at])?;
    }
    super::call_rooms::replace_for_pack(tx, pack)?;
    Ok((formats.into_iter().map(|(id, _)| id).collect(), calls.into_iter().map(|c| c.id).collect()))
}

type CommunityRow = (String, String, String, Option<String>, Option<String>, String, i64, i64, String, Option<String>);

fn community_from_row(r: &rusqlite::Row) -> rusqlite::Result<CommunityRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?))
}

fn decode(
    (id, name, version, accent, logo_type, links, imported, updated, source, content_id): CommunityRow,
) -> Result<Community> {
    Ok(Community {
        id,
        name,
        version,
        accent,
        links: from_json(&links, "community links")?,
        logo_type: logo_type.map(|t| parse_enum(&t, "logo type")).transpose()?,
        logo: None,
        imported_at: instant(imported),
        updated_at: instant(updated),
        source: from_json(&source, "community source")?,
        content_id,
    })
}

const COLUMNS: &str = "id, name, version, accent, logo_type, links, imported_at, updated_at, source, content_id";

/// The installed communities by name, without their logo bytes.
pub(super) fn load_all(tx: &Transaction) -> Result<Vec<Community>> {
    let mut stmt = tx.prepare(&format!("SELECT {COLUMNS} FROM communities ORDER BY name COLLATE NOCASE, id"))?;
    let rows = stmt.query_map([], community_from_row)?;
    rows.map(|row| decode(row?)).collect()
}

/// One installed community (without its logo bytes), if any.
pub(super) fn load_one(tx: &Transaction, id: &str) -> Result<Option<Community>> {
    let row = tx
        .query_row(&format!("SELECT {COLUMNS} FROM communities WHERE id = ?1"), [id], community_from_row)
        .optional()?;
    row.map(decode).transpose()
}

/// Installs, updates or leaves alone the community of `pack` (see `Store::import_pack`).
fn import_in(tx: &Transaction, pack: &Pack, source: &PackSource, at: i64) -> Result<PackImport> {
    let installed = installed_version(tx, &pack.id)?;
    let action = match &installed {
        None => PackAction::Installed,
        Some(old) => match compare_versions(&pack.version, old) {
            Ordering::Greater => PackAction::Updated,
            Ordering::Equal => PackAction::AlreadyCurrent,
            Ordering::Less => PackAction::Older,
        },
    };
    let (formats, calls) = match action {
        PackAction::Installed | PackAction::Updated => {
            upsert_community(tx, pack, source, at)?;
            replace_contents(tx, pack, at)?
        }
        PackAction::AlreadyCurrent | PackAction::Older | PackAction::Replaced => (Vec::new(), Vec::new()),
    };
    Ok(PackImport {
        community_id: pack.id.clone(),
        name: pack.name.clone(),
        action,
        version: pack.version.clone(),
        installed_version: installed,
        formats,
        calls,
    })
}

impl Store {
    /// Imports a community pack file in one transaction, without asking and by version alone, as
    /// from `source`: a new community is installed; a newer version of an installed one (by
    /// `compare_versions`) replaces its formats and calls, keeping history; the same or an older
    /// version changes nothing (`AlreadyCurrent` / `Older`). A file that `parse_pack` refuses is
    /// refused with its error unchanged, and nothing is stored. The app installs what a user opens
    /// through `preview_pack` and `install_pack` instead, which ask first.
    pub fn import_pack(&mut self, bytes: &[u8], source: &PackSource, now: DateTime<Utc>) -> Result<PackImport> {
        let pack = parse_pack(bytes)?;
        let at = nanos(now, "now")?;
        self.write(|tx| import_in(tx, &pack, source, at))
    }

    /// Imports the pack baked into the installer (`STINT_BUNDLED_PACK`), in one transaction, unless
    /// this version or a newer one of the same community was imported before — so a member who
    /// removed the community does not get it back at every start, and a newer installer brings the
    /// newer version. `None` when nothing was done.
    pub fn import_bundled_pack(&mut self, bytes: &[u8], now: DateTime<Utc>) -> Result<Option<PackImport>> {
        let pack = parse_pack(bytes)?;
        let at = nanos(now, "now")?;
        self.write(|tx| {
            let before = app_state::bundled_pack_mark(tx)?;
            let imported_before = before.is_some_and(|mark| {
                mark.community_id == pack.id && compare_versions(&pack.version, &mark.version) != Ordering::Greater
            });
            if imported_before {
                return Ok(None);
            }
            let import = import_in(tx, &pack, &PackSource::Bundled, at)?;
            let mark = BundledPackMark { community_id: pack.id.clone(), version: pack.version.clone() };
            app_state::set_bundled_pack_mark(tx, &mark)?;
            Ok(Some(import))
        })
    }

    /// Keeps `mark` as the bundled pack imported last (carried over from an older Stint's marker file).
    pub fn set_bundled_pack_mark(&mut self, mark: &BundledPackMark) -> Result<()> {
        self.write(|tx| app_state::set_bundled_pack_mark(tx, mark))
    }

    /// Removes a community with its formats and calls. Sessions, their phases and commitments stay.
    pub fn remove_community(&mut self, id: &str) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM communities WHERE id = ?1", [id])? == 0 {
                return Err(not_found(id));
            }
            Ok(())
        })
    }

    /// The installed communities by name, without their logo bytes.
    pub fn communities(&mut self) -> Result<Vec<Community>> {
        self.read(load_all)
    }

    /// One installed community, with its logo bytes.
    pub fn community(&mut self, id: &str) -> Result<Community> {
        self.read(|tx| {
            let mut community = load_one(tx, id)?.ok_or_else(|| not_found(id))?;
            community.logo = tx.query_row("SELECT logo FROM communities WHERE id = ?1", [id], |r| r.get(0))?;
            Ok(community)
        })
    }
}
