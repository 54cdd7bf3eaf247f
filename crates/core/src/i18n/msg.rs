//! A message of the catalogues kept as its key and arguments, not yet as text: core decides what to
//! say where no language is at hand (a validation error), and whoever knows the user's language (the
//! shell, when it builds an error's payload) says it in that language.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};

use super::dates::{date_text, date_time_text};
use super::{tr, Arg, Lang, Speech};

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
    /// A day, said in the language's own form ("Jan 5, 2027", "05.01.2027").
    Date(NaiveDate),
    /// A wall-clock date and time, said in the language's form and the locale's clock style.
    DateTime(NaiveDateTime),
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

    /// The message with `{name}` filled by `date`, in the language's own form.
    pub fn date(mut self, name: &'static str, date: NaiveDate) -> Self {
        self.args.push((Cow::Borrowed(name), MsgArg::Date(date)));
        self
    }

    /// The message with `{name}` filled by a wall-clock date and time, in the language's own form.
    pub fn date_time(mut self, name: &'static str, at: NaiveDateTime) -> Self {
        self.args.push((Cow::Borrowed(name), MsgArg::DateTime(at)));
        self
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The message in `lang` (English where `lang` lacks the key), its dates and times as the
    /// language alone writes them (`Intl` for the tag "en", "de", "es": 12 hours in English).
    pub fn render(&self, lang: Lang) -> String {
        self.render_in(Speech::of(lang, lang.code()))
    }

    /// The message in the speech's language, its dates and times in the speech's clock style.
    pub fn render_in(&self, speech: Speech) -> String {
        let lang = speech.lang;
        let said: Vec<(usize, String)> = self
            .args
            .iter()
            .enumerate()
            .filter_map(|(i, (_, arg))| match arg {
                MsgArg::Said(inner) => Some((i, inner.render_in(speech))),
                MsgArg::List(items) => {
                    Some((i, items.iter().map(|m| m.render_in(speech)).collect::<Vec<_>>().join(", ")))
                }
                MsgArg::Length(seconds) => Some((i, crate::announce::duration_text(*seconds, lang))),
                MsgArg::Date(date) => Some((i, date_text(*date, speech))),
                MsgArg::DateTime(at) => Some((i, date_time_text(*at, speech))),
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
                    MsgArg::Said(_) | MsgArg::List(_) | MsgArg::Length(_) | MsgArg::Date(_) | MsgArg::DateTime(_) => {
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
    fn dates_and_times_are_said_in_each_languages_own_form() {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let msg = Msg::new("error_call_never_happens").date("first", day);
        assert_eq!(
            msg.render(Lang::En),
            "No month or week from Jan 5, 2027 on has this day, so the call would never happen. Choose another day."
        );
        assert!(msg.render(Lang::De).contains("05.01.2027"), "{}", msg.render(Lang::De));
        assert!(msg.render(Lang::Es).contains("5 ene 2027"), "{}", msg.render(Lang::Es));
        let skipped = Msg::new("error_call_time_skipped")
            .date_time("time", day.and_hms_opt(14, 5, 0).unwrap())
            .text("zone", "Europe/London");
        assert!(skipped.render(Lang::En).starts_with("The time Jan 5, 2027, 2:05 PM does not exist"));
        let gb = Speech { lang: Lang::En, clock: super::super::ClockStyle::H24 };
        assert!(skipped.render_in(gb).starts_with("The time 5 Jan 2027, 14:05 does not exist"));
        assert!(skipped.render(Lang::De).contains("05.01.2027, 14:05"), "{}", skipped.render(Lang::De));
    }

    #[test]
    fn an_inner_message_is_said_in_the_outer_ones_language() {
        let inner = Msg::new("notify_next").text("label", "Pause");
        let outer = Msg::new("notify_prompt").said("prompt", inner.clone());
        assert_eq!(outer.render(Lang::De), format!("{}.", inner.render(Lang::De)));
    }
}
