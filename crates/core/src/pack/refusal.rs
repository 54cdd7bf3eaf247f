//! A refused pack's message: the rule it breaks, where in the file (in words, not a JSON path),
//! and that nothing was installed. The JSON path stays in the error's `field` for the pack's author.

use crate::i18n::Msg;
use crate::Error;

/// `e` as the refusal of a whole pack file: an `InvalidInput` gains the place and the way out;
/// other errors pass unchanged.
pub(super) fn refused(e: Error) -> Error {
    match e {
        Error::InvalidInput { field, words, .. } => {
            let place = place(&field);
            let key = if place.is_empty() { "error_pack_refused" } else { "error_pack_refused_at" };
            let mut refusal = Msg::new(key).said("problem", words);

            if !place.is_empty() {
                refusal = refusal.list("place", place);
            }
            Error::told(field, refusal)
        }
        other => other,
    }
}

/// A JSON path in words: `formats[1].phases[2].seconds` → "format 2, phase 3"; `line 4, column 2`
/// names its line. Named fields are left out: the message already says which rule broke.
fn place(path: &str) -> Vec<Msg> {
    if let Some(line) = path.strip_prefix("line ").and_then(|rest| rest.split(',').next()) {
        return line
            .trim()
            .parse::<u64>()
            .map(|n| vec![Msg::new("error_place_line").count("n", n)])
            .unwrap_or_default();
    }
    path.split('.')
        .filter_map(|segment| {
            let (name, index) = segment.split_once('[')?;
            let n = index.trim_end_matches(']').parse::<u64>().ok()? + 1;
            let key = match name {
                "formats" => "error_place_format",
                "calls" => "error_place_call",
                "phases" => "error_place_phase",
                "skip_on_days_of" => "error_place_skipped_call",
                "events" => "error_place_event",
                _ => "error_place_item",
            };
            Some(Msg::new(key).count("n", n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_json_path_reads_as_words() {
        let said = |path: &str| place(path).iter().map(|m| m.render(Lang::En)).collect::<Vec<_>>().join(", ");
        assert_eq!(said("formats[1].phases[2].seconds"), "format 2, phase 3");
        assert_eq!(said("calls[0].skip_on_days_of[4]"), "call 1, skipped call 5");
        assert_eq!(said("line 4, column 2"), "line 4");
        assert_eq!(said("name"), "");
        assert_eq!(
            place("formats[1].phases[2]").iter().map(|m| m.render(Lang::De)).collect::<Vec<_>>().join(", "),
            "Format 2, Phase 3"
        );
    }

    #[test]
    fn the_refusal_says_where_and_that_nothing_changed() {
        let e = refused(Error::told("calls[2].id", Msg::new("error_pack_call_id_twice").text("id", "standup")));
        assert_eq!(
            e.to_string(),
            "Two of the pack's calls have the id “standup”. In the pack file, this is call 3. Nothing was \
             installed; ask the pack's author for a corrected file."
        );
        assert_eq!(e.field(), Some("calls[2].id"));
        assert_eq!(
            e.say(Lang::De),
            "Zwei Termine des Pakets haben die Kennung „standup“. In der Paketdatei betrifft das Termin 3. Es wurde \
             nichts installiert; bitte den Autor des Pakets um eine korrigierte Datei."
        );
    }
}
