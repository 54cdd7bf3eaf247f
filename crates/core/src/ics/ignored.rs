//! What an import read past, listed for the user: the file's own property and component names
//! ("ATTENDEE", "VTODO") as written, each once, and where it is not plain why, the reason as a
//! catalogue message ("LOCATION (not a link Stint opens)"), said in the user's language where that
//! is known (`IcsImport::said_in`).

use std::collections::BTreeMap;

use crate::i18n::{Lang, Msg};

/// The list being gathered, in the order of its English text (each entry once).
#[derive(Debug, Default)]
pub(super) struct Ignored(BTreeMap<String, Msg>);

impl Ignored {
    /// A property or component Stint does not use.
    pub fn name(&mut self, name: &str) {
        self.add(Msg::new("ics_ignored_property").text("property", name));
    }

    /// A property Stint read past for the reason `why` (an `ics_ignored_why_…` part).
    pub fn because(&mut self, name: &str, why: Msg) {
        self.add(because(name, why));
    }

    /// A line outside any event that could not be read.
    pub fn unreadable_line(&mut self, line: u64) {
        self.add(Msg::new("ics_ignored_line").count("line", line));
    }

    fn add(&mut self, words: Msg) {
        self.0.entry(words.render(Lang::En)).or_insert(words);
    }

    pub fn into_words(self) -> Vec<Msg> {
        self.0.into_values().collect()
    }
}

/// "`name` (why)".
pub(crate) fn because(name: &str, why: Msg) -> Msg {
    Msg::new("ics_ignored_because").text("property", name).said("why", why)
}
