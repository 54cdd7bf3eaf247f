//! Installing a pack the user opened, in two steps: `preview_pack` says what would happen
//! (`pack::preview_pack` over what is installed), and `install_pack` does the choice the user
//! confirmed — only if what is installed is still what the preview showed.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;

use super::codec::nanos;
use super::communities::{community_item_id, load_one, replace_contents, upsert_community, PackAction, PackImport};
use super::{call_rooms, calls, Store};
use crate::calls::Call;
use crate::i18n::Msg;
use crate::pack::{parse_pack, preview_pack, Installed, InstalledPack, Pack, PackChoice, PackPreview, PackSource};
use crate::{Error, Result};

/// The installed community's calls with the ids, format ids and skip rules they have in its pack.
fn pack_calls_of(tx: &Transaction, community_id: &str) -> Result<Vec<Call>> {
    let prefix = community_item_id(community_id, "");
    let local = |id: &str| id.strip_prefix(&prefix).unwrap_or(id).to_string();
    let mut stored: Vec<Call> = calls::load_all(tx)?
        .into_iter()
        .filter(|s| matches!(&s.origin, super::CallOrigin::Community(c) if c == community_id))
        .map(|s| s.call)
        .collect();
    for call in &mut stored {
        call.id = local(&call.id);
        call.format_id = local(&call.format_id);
        call.skip_on_days_of = call.skip_on_days_of.iter().map(|other| local(other)).collect();
    }
    Ok(stored)
}

fn preview_in(tx: &Transaction, pack: &Pack, source: &PackSource) -> Result<PackPreview> {
    let installed = load_one(tx, &pack.id)?.map(|c| InstalledPack {
        name: c.name,
        version: c.version,
        source: c.source,
        content_id: c.content_id,
        updated_at: c.updated_at,
    });
    let (installed_calls, installed_rooms) = match &installed {
        Some(_) => (pack_calls_of(tx, &pack.id)?, call_rooms::of_community(tx, &pack.id)?),
        None => Default::default(),
    };
    let taken = |id: &str| load_one(tx, id).map_or(true, |c| c.is_some());
    let installed = installed.as_ref().map(|pack| Installed { pack, calls: &installed_calls, rooms: &installed_rooms });
    Ok(preview_pack(pack, source, installed, &taken))
}

/// The pack under another community id: its calls belong to that community.
fn renamed(pack: &Pack, id: &str) -> Pack {
    let mut copy = pack.clone();
    copy.id = id.to_string();
    for call in &mut copy.calls {
        call.community_id = Some(id.to_string());
    }
    copy
}

impl Store {
    /// What installing the pack file `bytes` from `source` would do; nothing is stored. A file
    /// that `parse_pack` refuses is refused with its error.
    pub fn preview_pack(&mut self, bytes: &[u8], source: &PackSource) -> Result<PackPreview> {
        let pack = parse_pack(bytes)?;
        self.read(|tx| preview_in(tx, &pack, source))
    }

    /// Does `choice` for the pack file `bytes` from `source`, which the user confirmed after seeing
    /// `seen` (from `preview_pack`), in one transaction. Refused, storing nothing: a `conflict` when
    /// the installed communities changed since `seen` (or the bytes are not the pack `seen` showed),
    /// `invalid_input` (field `choice`) when the preview did not offer `choice`.
    pub fn install_pack(
        &mut self,
        bytes: &[u8],
        source: &PackSource,
        choice: PackChoice,
        seen: &PackPreview,
        now: DateTime<Utc>,
    ) -> Result<PackImport> {
        let pack = parse_pack(bytes)?;
        let at = nanos(now, "now")?;
        self.write(|tx| {
            let fresh = preview_in(tx, &pack, source)?;
            let unchanged = fresh.content_id == seen.content_id
                && fresh.installed == seen.installed
                && fresh.separate_id == seen.separate_id;
            if !unchanged {
                return Err(Error::Conflict(
                    Msg::new("error_pack_changed_since_shown").text("name", pack.name.as_str()),
                ));
            }
            if !fresh.choices.contains(&choice) {
                return Err(Error::told("choice", Msg::new("error_pack_choice_not_offered")));
            }
            let (target, action) = match (choice, &fresh.separate_id) {
                (PackChoice::Separate, Some(id)) => (renamed(&pack, id), PackAction::Installed),
                (PackChoice::Separate, None) => {
                    return Err(Error::told("choice", Msg::new("error_pack_choice_no_separate")))
                }
                (PackChoice::Install, _) if fresh.installed.is_some() => (pack.clone(), PackAction::Updated),
                (PackChoice::Install, _) => (pack.clone(), PackAction::Installed),
                (PackChoice::Replace, _) => (pack.clone(), PackAction::Replaced),
            };
            upsert_community(tx, &target, source, at)?;
            let (formats, calls) = replace_contents(tx, &target, at)?;
            Ok(PackImport {
                community_id: target.id.clone(),
                name: target.name.clone(),
                action,
                version: target.version.clone(),
                installed_version: fresh.installed.map(|i| i.version).filter(|_| choice != PackChoice::Separate),
                formats,
                calls,
            })
        })
    }
}
