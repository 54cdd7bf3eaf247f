//! Where a pack came from, and what identifies its content — the two things Stint remembers about
//! an installed community so that a pack claiming the same id can be told apart.
//!
//! Packs carry no signature, so nothing in a file proves who wrote it. What Stint can know is how a
//! pack arrived (the installer, a file the user chose or dropped, a `stint://` link naming a file)
//! and, for files, the file's name: a community publishes its pack under one name
//! (`turing-way.stint.json`), so an update from the same name is the same source. The content
//! identity is the SHA-256 of the checked pack (not of the file's bytes, so spacing and key order do
//! not count): the same content id means nothing changed. Neither is proof; the user's confirmation
//! of what will change is the safeguard, and these make a takeover visible instead of silent.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::Pack;

/// Longest file name kept as a source.
const MAX_SOURCE_NAME_CHARS: usize = 255;

/// How a pack arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum PackSource {
    /// Baked into the installer the user ran.
    Bundled,
    /// A file chosen in the Calls view or dropped on the window (its file name).
    File { name: String },
    /// A `stint://import` link naming a file (its file name).
    Link { name: String },
    /// Installed by a Stint that did not record sources yet.
    Unknown,
}

impl PackSource {
    /// A file source named by the last part of `name` (a path or a file name).
    pub fn file(name: &str) -> Self {
        PackSource::File { name: file_name(name) }
    }

    /// A link source naming the file at `name`.
    pub fn link(name: &str) -> Self {
        PackSource::Link { name: file_name(name) }
    }

    /// Whether two sources are the same publisher's channel: the installer, or files of the same
    /// name (however they were opened: a link names a local file, as a drop does). An unknown source
    /// is the same as nothing, so its community's next pack is a conflict the user resolves once.
    pub fn same_as(&self, other: &PackSource) -> bool {
        match (self, other) {
            (PackSource::Bundled, PackSource::Bundled) => true,
            (PackSource::File { name: a } | PackSource::Link { name: a }, PackSource::File { name: b })
            | (PackSource::File { name: a } | PackSource::Link { name: a }, PackSource::Link { name: b }) => a == b,
            _ => false,
        }
    }

    /// The source in words, for a sentence: "the file cafe.stint.json".
    pub fn describe(&self) -> String {
        match self {
            PackSource::Bundled => "the installer".to_string(),
            PackSource::File { name } => format!("the file {name}"),
            PackSource::Link { name } => format!("a stint:// link to the file {name}"),
            PackSource::Unknown => "an earlier Stint, which did not record where it came from".to_string(),
        }
    }
}

/// The last part of a path, control characters dropped, at most 255 characters.
fn file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    last.chars().filter(|c| !c.is_control()).take(MAX_SOURCE_NAME_CHARS).collect()
}

/// The pack's content identity: the SHA-256 (hex) of the checked pack as JSON.
pub fn content_id(pack: &Pack) -> String {
    let json = serde_json::to_vec(pack).expect("a checked pack serialises");
    let digest = Sha256::digest(&json);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_the_same_name_are_one_source_however_they_were_opened() {
        assert!(PackSource::file("/home/a/cafe.stint.json").same_as(&PackSource::link("/tmp/cafe.stint.json")));
        assert!(!PackSource::file("cafe.stint.json").same_as(&PackSource::file("evil.stint.json")));
        assert!(!PackSource::Bundled.same_as(&PackSource::file("cafe.stint.json")));
        assert!(PackSource::Bundled.same_as(&PackSource::Bundled));
        assert!(!PackSource::Unknown.same_as(&PackSource::Unknown));
        assert_eq!(PackSource::file("C:\\Users\\a\\x.stint.json"), PackSource::File { name: "x.stint.json".into() });
    }
}
