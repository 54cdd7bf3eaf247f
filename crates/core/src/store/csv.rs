//! Just enough CSV (RFC 4180) for the export: CRLF line ends; a field with a comma, a quote, CR or LF
//! is quoted, its quotes doubled. Text that a spreadsheet would run as a formula is neutralised.

use std::borrow::Cow;
use std::io::{self, Write};

/// First characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that
/// hide one after them): OWASP's list for CSV injection.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell of user text (a commitment, a note, a format name): if it starts like a formula, a single
/// quote is put before it, which spreadsheets show as text and do not run. Numbers are not text
/// cells and keep their sign.
pub fn text_cell(value: &str) -> Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

pub fn field(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}

pub fn write_row<'a>(out: &mut impl Write, fields: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
    for (i, value) in fields.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(field(value).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_starts_like_a_formula_is_shown_as_text() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(text_cell(formula), format!("'{formula}"));
        }
        assert_eq!(text_cell("Write the report = done"), "Write the report = done");
        assert_eq!(text_cell(""), "");
    }

    #[test]
    fn quotes_only_what_needs_quoting() {
        assert_eq!(field("plain text"), "plain text");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\r\nbreak"), "\"line\r\nbreak\"");
        assert_eq!(field(""), "");
        let mut out = Vec::new();
        write_row(&mut out, ["1", "x,y", ""]).unwrap();
        assert_eq!(out, b"1,\"x,y\",\r\n");
    }
}
