//! The languages Stint speaks, and which one a locale tag ("de-AT", "es_ES.UTF-8", "C") means.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language with a complete catalogue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Lang {
    #[default]
    En,
    De,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::Es];

    /// The language's code, as the catalogue's file name and the UI's locale: "en", "de", "es".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
        }
    }

    /// The language of a locale tag in BCP 47 ("de-AT") or POSIX ("de_AT.UTF-8@euro") form; `None`
    /// for a language Stint does not speak ("fr-FR", "C", "").
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let language = tag.split(['-', '_', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == language)
    }

    /// The language to speak: the user's choice if it is one Stint speaks, else the system's locale,
    /// else English.
    pub fn resolve(choice: Option<&str>, system: Option<&str>) -> Lang {
        choice.and_then(Lang::of_tag).or_else(|| system.and_then(Lang::of_tag)).unwrap_or_default()
    }

    /// The plural category of `n` ("one" or "other"): for English, German and Spanish whole numbers,
    /// one is 1 and everything else is other (CLDR).
    pub fn plural_category(self, n: u64) -> &'static str {
        if n == 1 {
            "one"
        } else {
            "other"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags_of_either_form_name_their_language() {
        assert_eq!(Lang::of_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::of_tag("es_ES.UTF-8"), Some(Lang::Es));
        assert_eq!(Lang::of_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::of_tag("fr-FR"), None);
        assert_eq!(Lang::of_tag("C"), None);
        assert_eq!(Lang::of_tag(""), None);
    }

    #[test]
    fn the_choice_wins_then_the_system_then_english() {
        assert_eq!(Lang::resolve(Some("es"), Some("de-DE")), Lang::Es);
        assert_eq!(Lang::resolve(None, Some("de-DE")), Lang::De);
        assert_eq!(Lang::resolve(Some("fr"), Some("de_DE.UTF-8")), Lang::De);
        assert_eq!(Lang::resolve(None, Some("ja-JP")), Lang::En);
        assert_eq!(Lang::resolve(None, None), Lang::En);
    }
}
