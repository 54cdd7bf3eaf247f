//! Community packs (`*.stint.json`): a community's formats, calls, links and look in one versioned
//! file. See docs/packs.md and packs/stint-pack.schema.json.
//!
//! `parse_pack` refuses anything it cannot fully check, naming the place: the line and column of
//! malformed JSON, or the JSON path (`calls[1].time_zone`) of a wrong value. Parsing is pure: nothing
//! is stored here.

mod check;
mod logo;
mod preview;
mod raw;
mod refusal;
mod source;
mod version;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calls::Call;
use crate::format::FormatDraft;
use crate::i18n::Msg;
use crate::{Error, Result};

pub use logo::{validate_logo, Logo, LogoType, MAX_LOGO_BYTES};
pub use preview::{
    preview_pack, CallChange, CallChangeKind, CallField, Installed, InstalledPack, PackChoice, PackPreview,
    PackRelation,
};
pub use source::{content_id, PackSource};
pub use version::{compare_versions, implausible_jump, MAX_MAJOR_JUMP};

/// The pack format this Stint reads (`"stint_pack": 1`).
pub const PACK_FORMAT_VERSION: u64 = 1;
/// Largest pack file accepted: 1 MiB.
pub const MAX_PACK_BYTES: usize = 1024 * 1024;

/// A community's links, each https or http.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PackLinks {
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub code_of_conduct: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A format of the pack, with the id the pack's calls refer to it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackFormat {
    pub id: String,
    pub draft: FormatDraft,
}

/// A parsed and fully checked pack. Its calls belong to the community `id` (`community_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Pack {
    /// The community's id: a slug such as `turing-way-like`.
    pub id: String,
    pub name: String,
    /// The pack's own version (a re-import with a newer one replaces formats and calls).
    pub version: String,
    /// `#rrggbb`.
    pub accent: Option<String>,
    pub logo: Option<Logo>,
    pub links: PackLinks,
    pub formats: Vec<PackFormat>,
    pub calls: Vec<Call>,
    /// The live room of each call that names one: the call's id in this pack → its room's alias or id.
    #[serde(default)]
    pub rooms: BTreeMap<String, String>,
}

/// Parses and checks a pack file. Refused, with an error naming the place: more than 1 MiB, not
/// UTF-8, malformed JSON (line and column), a missing or newer `stint_pack` version, and any value
/// that breaks a rule (its JSON path).
pub fn parse_pack(bytes: &[u8]) -> Result<Pack> {
    if bytes.len() > MAX_PACK_BYTES {
        return Err(Error::told(
            "pack",
            Msg::new("error_pack_file_too_large").count("max", (MAX_PACK_BYTES / 1024) as u64),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::told(format!("line {line}"), Msg::new("error_pack_not_text").count("line", line as u64))
    })?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::told(
            format!("line {}, column {}", e.line(), e.column()),
            Msg::new("error_pack_damaged").count("line", e.line() as u64).count("column", e.column() as u64),
        )
    })?;
    check_format_version(&value)?;
    let raw: raw::RawPack = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "pack".to_string() } else { path };
        let detail = e.into_inner().to_string().replace(['`', '_'], " ");
        refusal::refused(Error::told(field, Msg::new("error_pack_unreadable_value").text("detail", detail.trim())))
    })?;
    check::check_pack(raw).map_err(refusal::refused)
}

/// `stint_pack` must be present and not newer than what this Stint reads.
fn check_format_version(value: &serde_json::Value) -> Result<()> {
    let Some(object) = value.as_object() else {
        return Err(Error::told("pack", Msg::new("error_pack_not_a_pack")));
    };
    match object.get("stint_pack").map(|v| v.as_u64()) {
        None => Err(Error::told("stint_pack", Msg::new("error_pack_not_a_community_pack"))),
        Some(Some(v)) if v == PACK_FORMAT_VERSION => Ok(()),
        Some(Some(v)) if v > PACK_FORMAT_VERSION => Err(Error::told(
            "stint_pack",
            Msg::new("error_pack_format_newer").count("version", v).count("supported", PACK_FORMAT_VERSION),
        )),
        Some(_) => Err(Error::told(
            "stint_pack",
            Msg::new("error_pack_format_not_number").count("supported", PACK_FORMAT_VERSION),
        )),
    }
}
