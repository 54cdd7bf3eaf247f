//! What installing a pack would do, shown to the user before anything is stored: the community,
//! its calls with their schedules and join links, and — when a community with that id is installed —
//! how the two relate (same source or not, newer or older) and which calls are added, removed or
//! changed, join-link and live-room changes first: a join link decides where the user goes, a room
//! decides who drives the user's timer (docs/room.md). Pure: the store reads what is installed and
//! asks here.
//!
//! The rules (docs/packs.md, "Installing"):
//! - a pack whose community is not installed can be installed;
//! - from the installed community's source, a newer version updates it; the same content is
//!   already installed; the same version with other content, or an older version, can replace it
//!   only when the user chooses "replace" — so a bogus version such as 999999.0.0 never locks the
//!   genuine pack out;
//! - from another source, the pack is a conflict: install it as a separate community (under a free
//!   id) or replace the installed one after a warning; versions of different sources are never
//!   compared;
//! - an update more than `MAX_MAJOR_JUMP` major versions ahead carries a warning.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::source::{content_id, PackSource};
use super::version::{compare_versions, implausible_jump, MAX_MAJOR_JUMP};
use super::Pack;
use crate::calls::Call;

/// The longest community id (as `check_slug` allows).
const MAX_ID_CHARS: usize = 64;
/// How many separate copies of one community id are tried.
const MAX_SEPARATE_COPIES: u32 = 99;

/// The installed community a pack claims the id of, as the preview compares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InstalledPack {
    pub name: String,
    pub version: String,
    pub source: PackSource,
    /// `None` when installed by a Stint that did not record it.
    pub content_id: Option<String>,
    /// When it was last installed or replaced: confirming checks it is unchanged.
    pub updated_at: DateTime<Utc>,
}

/// How the pack relates to the installed community of the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PackRelation {
    /// No community has this id.
    New,
    /// Same source, newer version: an update.
    Newer,
    /// Same source, same version (with the same content or not).
    Same,
    /// Same source, older version.
    Older,
    /// Another source claims this id.
    OtherSource,
}

/// What the user may choose to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PackChoice {
    /// Install the new community, or update it from its own source.
    Install,
    /// Replace the installed community's formats and calls (and its source) with this pack's.
    Replace,
    /// Install beside the installed one, under `PackPreview::separate_id`.
    Separate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CallChangeKind {
    Changed,
    Added,
    Removed,
}

/// A part of a call that changed, besides its join link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CallField {
    Title,
    /// First start, time zone, length or repetition.
    Schedule,
    Format,
    NotesLink,
    Reminder,
    SkipRule,
}

/// One call added, removed or changed by installing the pack over the installed community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CallChange {
    pub kind: CallChangeKind,
    /// The call's id in the pack.
    pub call_id: String,
    /// The new title (the old one for a removed call).
    pub title: String,
    /// Whether the join link is new or different: an added call's link, or a changed one.
    pub join_link_changed: bool,
    pub join_link_before: Option<String>,
    pub join_link_after: Option<String>,
    /// Whether the live room is new, gone or another: an added call's room, a removed call's, or a
    /// changed one.
    pub room_changed: bool,
    /// The room (alias or id) the call's live timer runs in now, and after installing.
    pub room_before: Option<String>,
    pub room_after: Option<String>,
    /// What else changed (empty for added and removed calls).
    pub fields: Vec<CallField>,
}

/// What installing a pack would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackPreview {
    pub community_id: String,
    pub name: String,
    pub version: String,
    pub source: PackSource,
    /// `source::content_id` of the pack.
    pub content_id: String,
    pub installed: Option<InstalledPack>,
    pub relation: PackRelation,
    /// What the user may do; empty when this exact pack is installed already.
    pub choices: Vec<PackChoice>,
    /// The id a separate install would take (when `Separate` is a choice).
    pub separate_id: Option<String>,
    /// A sentence to show before a replace or an implausible update.
    pub warning: Option<String>,
    /// The names of the pack's formats.
    pub formats: Vec<String>,
    /// The pack's calls, with the ids they have in the pack.
    pub calls: Vec<Call>,
    /// The live room of each of the pack's calls that names one: its id in the pack → the room.
    #[ts(type = "Record<string, string>")]
    pub rooms: BTreeMap<String, String>,
    /// Against the installed community (empty when there is none): join-link and room changes first.
    pub changes: Vec<CallChange>,
}

/// What is installed under the pack's id: the community and its calls (ids as in the pack).
pub struct Installed<'a> {
    pub pack: &'a InstalledPack,
    pub calls: &'a [Call],
    /// The live room each installed call is tied to now (by its id in the pack).
    pub rooms: &'a BTreeMap<String, String>,
}

/// Previews installing `pack` from `source`. `installed` is the community with the pack's id, if
/// any; `taken` says whether a community id is in use (for the separate id).
pub fn preview_pack(
    pack: &Pack,
    source: &PackSource,
    installed: Option<Installed>,
    taken: &dyn Fn(&str) -> bool,
) -> PackPreview {
    let content = content_id(pack);
    let (relation, choices, separate_id, warning, changes) = match &installed {
        None => (PackRelation::New, vec![PackChoice::Install], None, None, Vec::new()),
        Some(inst) => {
            let changes = call_changes(
                Side { calls: inst.calls, rooms: inst.rooms },
                Side { calls: &pack.calls, rooms: &pack.rooms },
            );
            let relation = relation_to(pack, source, inst.pack);
            let same_content = inst.pack.content_id.as_deref() == Some(content.as_str());
            let (choices, separate_id) = match relation {
                PackRelation::Newer => (vec![PackChoice::Install], None),
                PackRelation::Same if same_content => (Vec::new(), None),
                PackRelation::Same | PackRelation::Older => (vec![PackChoice::Replace], None),
                PackRelation::OtherSource => match free_separate_id(&pack.id, taken) {
                    Some(id) => (vec![PackChoice::Separate, PackChoice::Replace], Some(id)),
                    None => (vec![PackChoice::Replace], None),
                },
                PackRelation::New => (vec![PackChoice::Install], None),
            };
            let warning = warning_for(relation, pack, source, inst.pack, same_content);
            (relation, choices, separate_id, warning, changes)
        }
    };
    PackPreview {
        community_id: pack.id.clone(),
        name: pack.name.clone(),
        version: pack.version.clone(),
        source: source.clone(),
        content_id: content,
        installed: installed.map(|i| i.pack.clone()),
        relation,
        choices,
        separate_id,
        warning,
        formats: pack.formats.iter().map(|f| f.draft.name.clone()).collect(),
        calls: pack.calls.clone(),
        rooms: pack.rooms.clone(),
        changes,
    }
}

fn relation_to(pack: &Pack, source: &PackSource, installed: &InstalledPack) -> PackRelation {
    if !installed.source.same_as(source) {
        return PackRelation::OtherSource;
    }
    match compare_versions(&pack.version, &installed.version) {
        std::cmp::Ordering::Greater => PackRelation::Newer,
        std::cmp::Ordering::Equal => PackRelation::Same,
        std::cmp::Ordering::Less => PackRelation::Older,
    }
}

fn warning_for(
    relation: PackRelation,
    pack: &Pack,
    source: &PackSource,
    installed: &InstalledPack,
    same_content: bool,
) -> Option<String> {
    let (name, old, new) = (&installed.name, &installed.version, &pack.version);
    match relation {
        PackRelation::OtherSource => Some(format!(
            "{name} was installed from {}, but this pack comes from {}. Replace it only if you trust this \
             file to speak for {name}; otherwise install it as a separate community.",
            installed.source.describe(),
            source.describe()
        )),
        PackRelation::Older => Some(format!(
            "{name} {old} is installed and this pack is the older version {new}. Replace it only if your \
             community asked you to go back to this version."
        )),
        PackRelation::Same if !same_content => Some(format!(
            "This pack has the installed version number {new} of {name} but different contents. Replace \
             it only if your community told you the pack was corrected."
        )),
        PackRelation::Newer if implausible_jump(new, old) => Some(format!(
            "This pack jumps from version {old} to {new}, more than {MAX_MAJOR_JUMP} major versions at once. \
             A real update rarely does; install it only if your community announced it."
        )),
        _ => None,
    }
}

/// `{id}-2`, `{id}-3`, … (shortened to fit): the first id not taken.
fn free_separate_id(id: &str, taken: &dyn Fn(&str) -> bool) -> Option<String> {
    (2..=MAX_SEPARATE_COPIES).find_map(|n| {
        let suffix = format!("-{n}");
        let base: String = id.chars().take(MAX_ID_CHARS - suffix.len()).collect();
        let candidate = format!("{}{suffix}", base.trim_end_matches('-'));
        (!taken(&candidate)).then_some(candidate)
    })
}

/// One side of the comparison: calls and their rooms, by the calls' ids in the pack.
#[derive(Clone, Copy)]
struct Side<'a> {
    calls: &'a [Call],
    rooms: &'a BTreeMap<String, String>,
}

impl Side<'_> {
    fn room(&self, call_id: &str) -> Option<String> {
        self.rooms.get(call_id).cloned()
    }
}

/// Changed, added and removed calls (by their ids in the pack): join-link and room changes first,
/// then by kind (changed, added, removed) and title.
fn call_changes(before: Side, after: Side) -> Vec<CallChange> {
    let mut changes = Vec::new();
    for new in after.calls {
        let room_after = after.room(&new.id);
        match before.calls.iter().find(|old| old.id == new.id) {
            None => changes.push(CallChange {
                kind: CallChangeKind::Added,
                call_id: new.id.clone(),
                title: new.title.clone(),
                join_link_changed: new.join_link.is_some(),
                join_link_before: None,
                join_link_after: new.join_link.clone(),
                room_changed: room_after.is_some(),
                room_before: None,
                room_after,
                fields: Vec::new(),
            }),
            Some(old) => {
                let fields = changed_fields(old, new);
                let link_changed = old.join_link != new.join_link;
                let room_before = before.room(&old.id);
                let room_changed = room_before != room_after;
                if link_changed || room_changed || !fields.is_empty() {
                    changes.push(CallChange {
                        kind: CallChangeKind::Changed,
                        call_id: new.id.clone(),
                        title: new.title.clone(),
                        join_link_changed: link_changed,
                        join_link_before: old.join_link.clone(),
                        join_link_after: new.join_link.clone(),
                        room_changed,
                        room_before,
                        room_after,
                        fields,
                    });
                }
            }
        }
    }
    for old in before.calls.iter().filter(|old| !after.calls.iter().any(|new| new.id == old.id)) {
        let room_before = before.room(&old.id);
        changes.push(CallChange {
            kind: CallChangeKind::Removed,
            call_id: old.id.clone(),
            title: old.title.clone(),
            join_link_changed: false,
            join_link_before: old.join_link.clone(),
            join_link_after: None,
            room_changed: room_before.is_some(),
            room_before,
            room_after: None,
            fields: Vec::new(),
        });
    }
    let first = |c: &CallChange| !(c.join_link_changed || c.room_changed);
    changes.sort_by(|a, b| (first(a), a.kind, &a.title, &a.call_id).cmp(&(first(b), b.kind, &b.title, &b.call_id)));
    changes
}

fn changed_fields(old: &Call, new: &Call) -> Vec<CallField> {
    let schedule = old.first_start != new.first_start
        || old.time_zone != new.time_zone
        || old.duration_minutes != new.duration_minutes
        || old.recurrence != new.recurrence;
    [
        (old.title != new.title, CallField::Title),
        (schedule, CallField::Schedule),
        (old.format_id != new.format_id, CallField::Format),
        (old.notes_link != new.notes_link, CallField::NotesLink),
        (old.reminder_minutes != new.reminder_minutes, CallField::Reminder),
        (old.skip_on_days_of != new.skip_on_days_of, CallField::SkipRule),
    ]
    .into_iter()
    .filter_map(|(changed, field)| changed.then_some(field))
    .collect()
}
