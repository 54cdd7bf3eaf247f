//! A pack's own version: a semver-like string ("1.2.0") or an integer, compared to decide whether a
//! re-imported pack is newer.

use std::cmp::Ordering;

use serde::Deserialize;

use crate::i18n::Msg;
use crate::{Error, Result};

const MAX_VERSION_CHARS: usize = 32;

/// As written in the file: `"1.2.0"` or `3`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum RawVersion {
    Number(u64),
    Text(String),
}

impl RawVersion {
    pub(super) fn normalise(self) -> Result<String> {
        let text = match self {
            RawVersion::Number(n) => n.to_string(),
            RawVersion::Text(t) => t.trim().to_string(),
        };
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+');
        if text.is_empty() || text.len() > MAX_VERSION_CHARS || !text.chars().all(allowed) {
            return Err(Error::told("version", Msg::new("error_pack_version").count("max", MAX_VERSION_CHARS as u64)));
        }
        Ok(text)
    }
}

/// Orders two pack versions: dot-separated numeric parts compare as numbers ("1.10" > "1.9"), a
/// pre-release suffix after '-' sorts before the release ("1.0-beta" < "1.0"), anything else as text.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let split = |v: &str| {
        let v = v.split('+').next().unwrap_or(v);
        let (core, pre) = v.split_once('-').map_or((v, None), |(c, p)| (c, Some(p.to_string())));
        let parts: Vec<String> = core.split('.').map(str::to_string).collect();
        (parts, pre)
    };
    let (pa, pre_a) = split(a);
    let (pb, pre_b) = split(b);
    for i in 0..pa.len().max(pb.len()) {
        let x = pa.get(i).map_or("0", String::as_str);
        let y = pb.get(i).map_or("0", String::as_str);
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    match (pre_a, pre_b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => x.cmp(&y),
    }
}

/// How many major versions an update may jump before the preview calls it implausible: a pack
/// numbered 999999.0.0 (or 12.0 over an installed 1.4) is flagged, not trusted to order updates.
pub const MAX_MAJOR_JUMP: u64 = 10;

/// Whether `new` is more than `MAX_MAJOR_JUMP` major versions ahead of `installed` (the first
/// dot-separated part of each, when both are numbers).
pub fn implausible_jump(new: &str, installed: &str) -> bool {
    let major = |v: &str| v.split(['.', '-', '+']).next().and_then(|m| m.parse::<u64>().ok());
    match (major(new), major(installed)) {
        (Some(new), Some(installed)) => new > installed.saturating_add(MAX_MAJOR_JUMP),
        _ => false,
    }
}
