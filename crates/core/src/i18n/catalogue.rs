//! The catalogues, parsed once from the JSON built into the binary, and the rendering of a message.
//!
//! The files are the inlang message format: `"key": "pattern"`, or for a plural `"key": [{
//! "declarations": ["input count", "local countPlural = count: plural"], "selectors":
//! ["countPlural"], "match": {"countPlural=one": "…", "countPlural=other": "…"} }]`.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde_json::Value;

use super::{Arg, Lang};

const SOURCES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../../../../locales/en.json")),
    (Lang::De, include_str!("../../../../locales/de.json")),
    (Lang::Es, include_str!("../../../../locales/es.json")),
];

#[derive(Debug)]
enum Message {
    Simple(String),
    /// The variants by plural category of the numeric input `input`.
    Plural {
        input: String,
        variants: HashMap<String, String>,
    },
}

type Catalogue = HashMap<String, Message>;

fn catalogues() -> &'static HashMap<Lang, Catalogue> {
    static CATALOGUES: OnceLock<HashMap<Lang, Catalogue>> = OnceLock::new();
    CATALOGUES.get_or_init(|| SOURCES.iter().map(|(lang, json)| (*lang, parse(json))).collect())
}

/// A catalogue; an entry this reader does not understand is left out (a test fails on it).
fn parse(json: &str) -> Catalogue {
    let Ok(Value::Object(entries)) = serde_json::from_str::<Value>(json) else { return Catalogue::new() };
    entries.into_iter().filter_map(|(key, value)| Some((key, message(&value)?))).collect()
}

fn message(value: &Value) -> Option<Message> {
    match value {
        Value::String(pattern) => Some(Message::Simple(pattern.clone())),
        Value::Array(items) => {
            let item = items.first()?;
            // "local countPlural = count: plural" names the input the selector reads.
            let input = item.get("declarations")?.as_array()?.iter().find_map(|d| {
                let (_, rhs) = d.as_str()?.strip_prefix("local ")?.split_once('=')?;
                Some(rhs.trim().strip_suffix(": plural")?.trim().to_string())
            })?;
            let variants = item
                .get("match")?
                .as_object()?
                .iter()
                .filter_map(|(k, v)| Some((k.split_once('=')?.1.to_string(), v.as_str()?.to_string())))
                .collect();
            Some(Message::Plural { input, variants })
        }
        _ => None,
    }
}

pub(super) fn render(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let all = catalogues();
    let found = all.get(&lang).and_then(|c| c.get(key)).or_else(|| all.get(&Lang::En).and_then(|c| c.get(key)));
    let pattern = match found {
        None => return key.to_string(),
        Some(Message::Simple(pattern)) => pattern.as_str(),
        Some(Message::Plural { input, variants }) => {
            let n = args.iter().find_map(|(name, arg)| match arg {
                Arg::Count(n) if name == input => Some(*n),
                _ => None,
            });
            let category = n.map_or("other", |n| lang.plural_category(n));
            match variants.get(category).or_else(|| variants.get("other")).or_else(|| variants.get("*")) {
                Some(pattern) => pattern.as_str(),
                None => return key.to_string(),
            }
        }
    };
    fill(pattern, args)
}

/// `pattern` with each `{name}` replaced by its argument; `\{` and `\}` are literal braces.
fn fill(pattern: &str, args: &[(&str, Arg)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(i) = rest.find(['{', '\\']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(escaped) = tail.strip_prefix('\\') {
            let mut chars = escaped.chars();
            if let Some(c) = chars.next() {
                out.push(c);
            }
            rest = chars.as_str();
            continue;
        }
        let Some(end) = tail.find('}') else {
            out.push_str(tail);
            return out;
        };
        let name = tail[1..end].trim();
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, Arg::Text(text))) => out.push_str(text),
            Some((_, Arg::Count(n))) => out.push_str(&n.to_string()),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Every key of `lang`'s catalogue.
pub fn keys(lang: Lang) -> BTreeSet<String> {
    catalogues().get(&lang).map(|c| c.keys().cloned().collect()).unwrap_or_default()
}

/// The placeholders of `key` in `lang` (of every variant, for a plural), or `None` without the key.
pub fn placeholders(lang: Lang, key: &str) -> Option<BTreeSet<String>> {
    let patterns: Vec<&str> = match catalogues().get(&lang)?.get(key)? {
        Message::Simple(p) => vec![p.as_str()],
        Message::Plural { variants, .. } => variants.values().map(String::as_str).collect(),
    };
    let mut names = BTreeSet::new();
    for pattern in patterns {
        let mut rest = pattern;
        while let Some(i) = rest.find('{') {
            if rest[..i].ends_with('\\') {
                rest = &rest[i + 1..];
                continue;
            }
            let Some(end) = rest[i..].find('}') else { break };
            names.insert(rest[i + 1..i + end].trim().to_string());
            rest = &rest[i + end + 1..];
        }
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        let english = keys(Lang::En);
        assert!(english.len() > 20, "the English catalogue was not read");
        for lang in Lang::ALL {
            let raw: serde_json::Map<String, Value> =
                serde_json::from_str(SOURCES.iter().find(|s| s.0 == lang).unwrap().1)
                    .unwrap_or_else(|e| panic!("{} is not a JSON object: {e}", lang.code()));
            let raw_keys: BTreeSet<String> = raw.keys().filter(|k| !k.starts_with('$')).cloned().collect();
            assert_eq!(keys(lang), raw_keys, "{}: an entry this reader does not understand", lang.code());
            let theirs = keys(lang);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, extra {extra:?}", lang.code());
            for key in &english {
                assert_eq!(placeholders(lang, key), placeholders(Lang::En, key), "{}: {key}", lang.code());
            }
        }
    }

    #[test]
    fn placeholders_are_filled_and_plurals_pick_their_variant() {
        assert_eq!(
            render(Lang::En, "notify_next_at", &[("label", "Break".into()), ("time", "10:30".into())]),
            "Next: Break at 10:30."
        );
        assert_eq!(render(Lang::De, "notify_phase_count", &[("count", 1u64.into())]), "1 Phase");
        assert_eq!(render(Lang::De, "notify_phase_count", &[("count", 9u64.into())]), "9 Phasen");
        assert_eq!(render(Lang::Es, "notify_phase_count", &[("count", 0u64.into())]), "0 fases");
    }

    #[test]
    fn user_text_is_never_read_as_a_placeholder_and_unknown_keys_show_as_themselves() {
        let label = "{time} \\{x}";
        assert_eq!(render(Lang::En, "notify_next", &[("label", label.into())]), "Next: {time} \\{x}.");
        assert_eq!(fill("a \\{b\\} {c}", &[("c", "d".into())]), "a {b} d");
        assert_eq!(render(Lang::De, "no_such_key", &[]), "no_such_key");
    }
}
