//! A pack's logo: a small PNG or SVG, checked to be what it says it is.

use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Msg;
use crate::{Error, Result};

/// Largest logo accepted, decoded.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LogoType {
    Png,
    Svg,
}

/// The logo as stored in a pack: its type and its bytes in standard base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Logo {
    #[serde(rename = "type")]
    pub kind: LogoType,
    pub data: String,
}

impl Logo {
    /// The decoded image bytes (the logo was validated when the pack was parsed).
    pub fn bytes(&self) -> Result<Vec<u8>> {
        decode(&self.data, "logo.data")
    }

    /// The MIME type, for showing it as an image (never as a document).
    pub fn mime_type(&self) -> &'static str {
        match self.kind {
            LogoType::Png => "image/png",
            LogoType::Svg => "image/svg+xml",
        }
    }
}

/// Checks the logo: valid base64, at most 256 KiB decoded, and really a PNG (magic bytes) or an SVG
/// (an `<svg>` root element, no scripts). `field` is the logo's JSON path.
pub fn validate_logo(logo: &Logo, field: &str) -> Result<()> {
    let data_field = format!("{field}.data");
    if logo.data.len() > MAX_LOGO_BYTES * 4 / 3 + 4 {
        return Err(Error::told(data_field, too_large()));
    }
    let bytes = decode(&logo.data, &data_field)?;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(Error::told(data_field, too_large()));
    }
    match logo.kind {
        LogoType::Png if !bytes.starts_with(PNG_MAGIC) => {
            Err(Error::told(data_field, Msg::new("error_pack_logo_not_png")))
        }
        LogoType::Svg => check_svg(&bytes).map_err(|key| Error::told(data_field, Msg::new(key))),
        LogoType::Png => Ok(()),
    }
}

fn too_large() -> Msg {
    Msg::new("error_pack_logo_too_large").count("max", (MAX_LOGO_BYTES / 1024) as u64)
}

fn decode(data: &str, field: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|_| Error::told(field, Msg::new("error_pack_logo_not_base64")))
}

/// An SVG's root element must be `<svg>`, after an optional XML declaration, comments and doctype.
/// Scripts and embedded foreign content are refused even though the UI shows logos as images.
/// The error is the catalogue key of the reason.
fn check_svg(bytes: &[u8]) -> std::result::Result<(), &'static str> {
    let text = std::str::from_utf8(bytes).map_err(|_| "error_pack_logo_svg_not_text")?;
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map(|(_, r)| r.trim_start()).ok_or("error_pack_logo_svg_unclosed")?;
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map(|(_, r)| r.trim_start()).ok_or("error_pack_logo_svg_unclosed")?;
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>').map(|(_, r)| r.trim_start()).ok_or("error_pack_logo_svg_unclosed")?;
        } else {
            break;
        }
    }
    let is_svg_root = rest
        .strip_prefix("<svg")
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/');
    if !is_svg_root {
        return Err("error_pack_logo_svg_no_root");
    }
    let lower = text.to_ascii_lowercase();
    if ["<script", "<foreignobject", "javascript:"].iter().any(|bad| lower.contains(bad)) {
        return Err("error_pack_logo_svg_script");
    }
    Ok(())
}
