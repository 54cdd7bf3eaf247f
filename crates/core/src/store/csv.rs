//! Just enough CSV (RFC 4180) for the export: CRLF line ends; a field with a comma, a quote, CR or LF
//! is quoted, its quotes doubled.

use std::borrow::Cow;
use std::io::{self, Write};

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
