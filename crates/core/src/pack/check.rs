//! The rules of a pack's values; every error's field is its JSON path (`refusal` puts the place in words).

use std::collections::{BTreeMap, HashSet};

use super::logo::validate_logo;
use super::raw::{RawCall, RawFormat, RawPack};
use super::{Pack, PackFormat, PackLinks};
use crate::calls::{parse_time_zone, validate_call, validate_join_link, validate_web_link, Call};
use crate::format::FormatDraft;
use crate::i18n::Msg;
use crate::room::room_address;
use crate::{Error, Result};

const MAX_FORMATS: usize = 100;
const MAX_CALLS: usize = 100;
const MAX_NAME_CHARS: usize = 120;
const MAX_SLUG_CHARS: usize = 64;

pub(super) fn check_pack(raw: RawPack) -> Result<Pack> {
    check_slug(&raw.id, "id")?;
    let name = raw.name.trim().to_string();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(Error::told(
            "name",
            Msg::new("error_pack_name").count("max", MAX_NAME_CHARS as u64).count("count", name.chars().count() as u64),
        ));
    }
    let version = raw.version.normalise()?;
    if let Some(accent) = &raw.accent {
        check_accent(accent)?;
    }
    if let Some(logo) = &raw.logo {
        validate_logo(logo, "logo")?;
    }
    let links = check_links(raw.links)?;
    if raw.formats.len() > MAX_FORMATS {
        return Err(Error::told(
            "formats",
            Msg::new("error_pack_too_many_formats")
                .count("max", MAX_FORMATS as u64)
                .count("count", raw.formats.len() as u64),
        ));
    }
    if raw.calls.len() > MAX_CALLS {
        return Err(Error::told(
            "calls",
            Msg::new("error_pack_too_many_calls").count("max", MAX_CALLS as u64).count("count", raw.calls.len() as u64),
        ));
    }
    let formats = check_formats(raw.formats)?;
    let calls = check_calls(&raw.calls, &raw.id, &formats)?;
    let rooms = check_rooms(&raw.calls)?;
    Ok(Pack { id: raw.id, name, version, accent: raw.accent, logo: raw.logo, links, formats, calls, rooms })
}

/// Lower-case letters, digits and '-', starting with a letter or digit.
fn check_slug(id: &str, field: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= MAX_SLUG_CHARS
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::told(
            field,
            Msg::new("error_pack_id")
                .count("max", MAX_SLUG_CHARS as u64)
                .text("id", id.chars().take(80).collect::<String>()),
        ))
    }
}

fn check_accent(accent: &str) -> Result<()> {
    let hex = accent.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(Error::told(
            "accent",
            Msg::new("error_pack_accent").text("accent", accent.chars().take(80).collect::<String>()),
        ))
    }
}

fn check_links(links: PackLinks) -> Result<PackLinks> {
    let check = |link: Option<String>, field: &str| link.map(|l| validate_web_link(&l, field)).transpose();
    Ok(PackLinks {
        website: check(links.website, "links.website")?,
        code_of_conduct: check(links.code_of_conduct, "links.code_of_conduct")?,
        notes: check(links.notes, "links.notes")?,
    })
}

fn check_formats(raw: Vec<RawFormat>) -> Result<Vec<PackFormat>> {
    let mut seen = HashSet::new();
    raw.into_iter()
        .enumerate()
        .map(|(i, f)| {
            let at = format!("formats[{i}]");
            check_slug(&f.id, &format!("{at}.id"))?;
            if !seen.insert(f.id.clone()) {
                return Err(Error::told(
                    format!("{at}.id"),
                    Msg::new("error_pack_format_id_twice").text("id", f.id.as_str()),
                ));
            }
            let draft = FormatDraft {
                name: f.name,
                attribution: f.attribution,
                phases: f.phases,
                commitments: f.commitments,
                repeat: f.repeat,
            }
            .validated()
            .map_err(|e| under(&at, e))?;
            Ok(PackFormat { id: f.id, draft })
        })
        .collect()
}

fn check_calls(raw: &[RawCall], community: &str, formats: &[PackFormat]) -> Result<Vec<Call>> {
    let ids: Vec<&str> = raw.iter().map(|c| c.id.as_str()).collect();
    let mut seen = HashSet::new();
    let mut calls = Vec::with_capacity(raw.len());
    for (i, c) in raw.iter().enumerate() {
        let at = format!("calls[{i}]");
        check_slug(&c.id, &format!("{at}.id"))?;
        if !seen.insert(c.id.as_str()) {
            return Err(Error::told(
                format!("{at}.id"),
                Msg::new("error_pack_call_id_twice").text("id", c.id.as_str()),
            ));
        }
        let format =
            formats.iter().find(|f| f.id == c.format_id).map(|f| f.draft.clone()).or_else(|| builtin(&c.format_id));
        if format.is_none() {
            return Err(Error::told(
                format!("{at}.format_id"),
                Msg::new("error_pack_call_format_unknown")
                    .text("title", c.title.trim())
                    .text("format", c.format_id.as_str()),
            ));
        }
        for (j, other) in c.skip_on_days_of.iter().enumerate() {
            if !ids.contains(&other.as_str()) {
                return Err(Error::told(
                    format!("{at}.skip_on_days_of[{j}]"),
                    Msg::new("error_pack_call_skip_unknown")
                        .text("title", c.title.trim())
                        .text("other", other.as_str()),
                ));
            }
        }
        let duration_minutes = match (c.duration_minutes, format.as_ref().and_then(length_minutes)) {
            (Some(m), _) | (None, Some(m)) => m,
            (None, None) => {
                return Err(Error::told(
                    format!("{at}.duration_minutes"),
                    Msg::new("error_pack_call_needs_length").text("title", c.title.trim()),
                ))
            }
        };
        let call = Call {
            id: c.id.clone(),
            title: c.title.trim().to_string(),
            community_id: Some(community.to_string()),
            format_id: c.format_id.clone(),
            first_start: c.first_start,
            time_zone: parse_time_zone(&c.time_zone, &format!("{at}.time_zone"))?,
            duration_minutes,
            recurrence: c.recurrence.clone(),
            join_link: c.join_link.as_deref().map(validate_join_link).transpose().map_err(|e| under(&at, e))?,
            notes_link: c
                .notes_link
                .as_deref()
                .map(|l| validate_web_link(l, "notes_link"))
                .transpose()
                .map_err(|e| under(&at, e))?,
            reminder_minutes: c.reminder_minutes,
            skip_on_days_of: c.skip_on_days_of.clone(),
        };
        validate_call(&call).map_err(|e| under(&at, e))?;
        calls.push(call);
    }
    Ok(calls)
}

/// Each call's optional live room, which must be a room alias or id; the error names the call.
fn check_rooms(raw: &[RawCall]) -> Result<BTreeMap<String, String>> {
    let mut rooms = BTreeMap::new();
    for (i, c) in raw.iter().enumerate() {
        let Some(room) = &c.room else { continue };
        let Some(address) = room_address(room) else {
            return Err(Error::told(
                format!("calls[{i}].room"),
                Msg::new("error_pack_call_room")
                    .text("title", c.title.trim())
                    .text("room", room.chars().take(80).collect::<String>()),
            ));
        };
        rooms.insert(c.id.clone(), address);
    }
    Ok(rooms)
}

/// The draft of the built-in format `id`.
fn builtin(id: &str) -> Option<FormatDraft> {
    crate::builtins::all().into_iter().find(|f| f.id == id).map(|f| f.draft)
}

/// The length of a format that does not repeat, rounded up to whole minutes.
fn length_minutes(draft: &FormatDraft) -> Option<u32> {
    if draft.repeat.is_some() {
        return None;
    }
    let seconds: u64 = draft.phases.iter().map(|p| u64::from(p.seconds)).sum();
    u32::try_from(seconds.div_ceil(60)).ok()
}

/// Puts an error's field under a JSON path: `title` under `calls[1]` is `calls[1].title`.
fn under(path: &str, e: Error) -> Error {
    match e {
        Error::InvalidInput { field, message, words } => {
            Error::InvalidInput { field: format!("{path}.{field}"), message, words }
        }
        other => other,
    }
}
