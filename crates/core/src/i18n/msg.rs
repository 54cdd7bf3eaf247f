//! A message of the catalogues kept as its key and arguments, not yet as text: core decides what to
//! say where no language is at hand (a validation error), and whoever knows the user's language (the
//! shell, when it builds an error's payload) says it in that language.

use std::borrow::Cow;

use super::{tr, Arg, Lang};

/// A catalogue key and its arguments, rendered in any language with [`Msg::render`]. Written in the
/// code, key and names are static; read back from storage (`Msg::from_json`), they are owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub(super) key: Cow<'static, str>,
    pub(super) args: Vec<(Cow<'static, str>, MsgArg)>,
}

/// One argument: text as written (a user's title), a count (which also picks a plural), or another
/// message said in the same language (a refusal around the rule that broke).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgArg {
    Text(String),
    Count(u64),
    Said(Box<Msg>),
    /// Messages said in the same language and joined by ", " ("format 2, phase 3").
    List(Vec<Msg>),
    /// A length in seconds, said as "1 h 30 min" in the language.
    Length(u64),
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Msg { key: Cow::Borrowed(key), args: Vec::new() }
    }

    /// The message with `{name}` filled by `text`.
    pub fn text(mut self, name: &'static str, text: impl Into<String>) -> Self {
        self.args.push((Cow::Borrowed(name), MsgArg::Text(text.into())));
        self
    }

    /// The message with `{name}` filled by the number `n`.
    pub fn count(mut self, name: &'static str, n: u64) -> Self {
        self.args.push((Cow::Borrowed(name), MsgArg::Count(n)));
        self
    }

    /// The message with `{name}` filled by `inner`, said in the same language.
    pub fn said(mut self, name: &'static str, inner: Msg) -> Self {
        self.args.push((Cow::Borrowed(name), MsgArg::Said(Box::new(inner))));
        self
    }

    /// The message with `{name}` filled by `items`, each said in the same language, joined by ", ".
    pub fn list(mut self, name: &'static str, items: Vec<Msg>) -> Self {
        self.args.push((Cow::Borrowed(name), MsgArg::List(items)));
        self
    }

    /// The message with `{name}` filled by a length of `seconds`, in the language's units.
    pub fn length(mut self, name: &'static str, seconds: u64) -> Self {
        self.args.push((Cow::Borrowed(name), MsgArg::Length(seconds)));
        self
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The message in `lang` (English where `lang` lacks the key).
    pub fn render(&self, lang: Lang) -> String {
        let said: Vec<(usize, String)> = self
            .args
            .iter()
            .enumerate()
            .filter_map(|(i, (_, arg))| match arg {
                MsgArg::Said(inner) => Some((i, inner.render(lang))),
                MsgArg::List(items) => Some((i, items.iter().map(|m| m.render(lang)).collect::<Vec<_>>().join(", "))),
                MsgArg::Length(seconds) => Some((i, crate::announce::duration_text(*seconds, lang))),
                MsgArg::Text(_) | MsgArg::Count(_) => None,
            })
            .collect();
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .enumerate()
            .map(|(i, (name, arg))| {
                let value = match arg {
                    MsgArg::Text(text) => Arg::Text(text),
                    MsgArg::Count(n) => Arg::Count(*n),
                    MsgArg::Said(_) | MsgArg::List(_) | MsgArg::Length(_) => {
                        Arg::Text(said.iter().find(|(j, _)| *j == i).map_or("", |(_, s)| s))
                    }
                };
                (name.as_ref(), value)
            })
            .collect();
        tr(lang, &self.key, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_said_in_each_language_with_its_arguments() {
        let msg = Msg::new("notify_next_at").text("label", "Break").text("time", "14:05");
        assert_eq!(msg.render(Lang::En), "Next: Break at 14:05.");
        assert_ne!(msg.render(Lang::De), msg.render(Lang::En));
        assert!(msg.render(Lang::De).contains("Break") && msg.render(Lang::De).contains("14:05"));
    }

    #[test]
    fn an_inner_message_is_said_in_the_outer_ones_language() {
        let inner = Msg::new("notify_next").text("label", "Pause");
        let outer = Msg::new("notify_prompt").said("prompt", inner.clone());
        assert_eq!(outer.render(Lang::De), format!("{}.", inner.render(Lang::De)));
    }
}
