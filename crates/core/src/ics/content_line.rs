//! Unfolding and splitting content lines (`NAME;PARAM=value:VALUE`), keeping the line number each
//! starts on so that errors can name it.

use crate::i18n::Msg;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ContentLine {
    /// 1-based line of the file where this (possibly folded) line starts.
    pub line: usize,
    /// Upper-cased.
    pub name: String,
    /// Parameter names upper-cased; values with their quotes removed.
    pub params: Vec<(String, String)>,
    pub value: String,
}

impl ContentLine {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// An error about line `line`: its field is `line N`, its message "Line N: why." (the field only
/// places it; the message must carry the line itself). `why` is one of the `error_ics_why_…` parts,
/// which name the file's own properties (DTSTART, RRULE) as written.
pub(super) fn at_line(line: usize, why: Msg) -> Error {
    Error::told(format!("line {line}"), line_words(line, why))
}

/// The line an error made by `at_line` is about, read back from its field.
pub(super) fn line_of(e: &Error) -> Option<u64> {
    e.field()?.strip_prefix("line ")?.parse().ok()
}

/// "Line N: why." as a message.
pub(super) fn line_words(line: usize, why: Msg) -> Msg {
    Msg::new("error_ics_line").count("line", line as u64).said("reason", why)
}

/// The reason `key` about the property `name` ("DTSTART").
pub(super) fn about(key: &'static str, name: &str) -> Msg {
    Msg::new(key).text("property", name)
}

/// A line error that stops the whole import, with what was kept and what to do.
pub(super) fn nothing_imported(e: Error) -> Error {
    match e {
        Error::InvalidInput { field, words, .. } => {
            Error::told(field, Msg::new("error_ics_nothing_imported").said("problem", words))
        }

        other => other,
    }
}

/// The file's content lines, unfolded (a line starting with a space or tab continues the previous),
/// each read or the error naming its line: one unreadable line costs only its event.
pub(super) fn content_lines(text: &str) -> Result<Vec<Result<ContentLine>>> {
    let mut logical: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            match logical.last_mut() {
                Some((_, text)) => text.push_str(rest),
                None => return Err(at_line(i + 1, Msg::new("error_ics_why_continuation_first"))),
            }
        } else if !raw.is_empty() {
            logical.push((i + 1, raw.to_string()));
        }
    }
    Ok(logical.into_iter().map(|(line, text)| split_line(line, &text)).collect())
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

fn split_line(line: usize, text: &str) -> Result<ContentLine> {
    let name_end = text.find(|c: char| !is_name_char(c)).unwrap_or(text.len());
    if name_end == 0 {
        return Err(at_line(line, Msg::new("error_ics_why_no_name")));
    }
    let name = text[..name_end].to_ascii_uppercase();
    let mut rest = &text[name_end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let key_end = after.find(|c: char| !is_name_char(c)).unwrap_or(after.len());
        let key = &after[..key_end];
        let Some(after_eq) = after[key_end..].strip_prefix('=').filter(|_| !key.is_empty()) else {
            return Err(at_line(line, about("error_ics_why_bad_parameter", &name)));
        };
        let (value, remaining) =
            param_values(after_eq).ok_or_else(|| at_line(line, about("error_ics_why_unclosed_quote", &name)))?;
        params.push((key.to_ascii_uppercase(), value));
        rest = remaining;
    }
    let Some(value) = rest.strip_prefix(':') else {
        return Err(at_line(line, about("error_ics_why_no_colon", &name)));
    };
    Ok(ContentLine { line, name, params, value: value.to_string() })
}

/// A parameter's comma-separated values (each possibly "quoted"), joined with ','; and what follows.
fn param_values(mut input: &str) -> Option<(String, &str)> {
    let mut values = Vec::new();
    loop {
        if let Some(quoted) = input.strip_prefix('"') {
            let end = quoted.find('"')?;
            values.push(quoted[..end].to_string());
            input = &quoted[end + 1..];
        } else {
            let end = input.find([',', ';', ':']).unwrap_or(input.len());
            values.push(input[..end].to_string());
            input = &input[end..];
        }
        match input.strip_prefix(',') {
            Some(after) => input = after,
            None => return Some((values.join(","), input)),
        }
    }
}
