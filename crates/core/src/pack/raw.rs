//! The pack as written in the file, before its values are checked.

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::logo::Logo;
use super::version::RawVersion;
use super::PackLinks;
use crate::calls::Recurrence;
use crate::format::{CommitmentPolicy, Phase, Repeat};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPack {
    /// Editors' schema hint; ignored.
    #[serde(rename = "$schema", default)]
    pub _schema: Option<String>,
    #[serde(rename = "stint_pack")]
    pub _format_version: u64,
    pub id: String,
    pub name: String,
    pub version: RawVersion,
    #[serde(default)]
    pub accent: Option<String>,
    #[serde(default)]
    pub logo: Option<Logo>,
    #[serde(default)]
    pub links: PackLinks,
    #[serde(default)]
    pub formats: Vec<RawFormat>,
    #[serde(default)]
    pub calls: Vec<RawCall>,
}

/// A `FormatDraft` with an id; `commitments` and `repeat` may be left out.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFormat {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub attribution: Option<String>,
    pub phases: Vec<Phase>,
    #[serde(default)]
    pub commitments: CommitmentPolicy,
    #[serde(default)]
    pub repeat: Option<Repeat>,
}

/// A `Call` without its community (the pack's id); the zone is checked by name; the duration may be
/// left out for a format that does not repeat (it is then the format's length).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCall {
    pub id: String,
    pub title: String,
    pub format_id: String,
    pub first_start: NaiveDateTime,
    pub time_zone: String,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    pub recurrence: Recurrence,
    #[serde(default)]
    pub join_link: Option<String>,
    #[serde(default)]
    pub notes_link: Option<String>,
    #[serde(default)]
    pub reminder_minutes: Option<u32>,
    #[serde(default)]
    pub skip_on_days_of: Vec<String>,
    /// The Matrix room the call's live timer runs in (an alias or a room id).
    #[serde(default)]
    pub room: Option<String>,
}
