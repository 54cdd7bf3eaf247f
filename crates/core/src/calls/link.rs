//! Which links Stint will open: web pages and the meeting apps' own schemes, nothing else.

use url::Url;

use crate::i18n::Msg;
use crate::{Error, Result};

/// Schemes a join link may use: the web, and the desktop meeting apps' documented schemes
/// (Zoom: `zoommtg:`, `zoomus:`; Microsoft Teams: `msteams:`).
pub const JOIN_LINK_SCHEMES: &[&str] = &["https", "http", "zoommtg", "zoomus", "msteams"];

const WEB_SCHEMES: &[&str] = &["https", "http"];

/// Longest link accepted (browsers handle far more; meeting links are short).
const MAX_LINK_CHARS: usize = 2048;

/// Checks a call's join link and returns it normalised. Refused: any other scheme (`javascript:`,
/// `file:`, `data:`, `ftp:` …), a web link without a host, credentials in the link, whitespace or
/// control characters, more than 2048 characters.
pub fn validate_join_link(link: &str) -> Result<String> {
    validate_link(link, JOIN_LINK_SCHEMES, "join_link")
}

/// Checks a link to a web page (notes document, website, code of conduct): https or http only.
pub fn validate_web_link(link: &str, field: &str) -> Result<String> {
    validate_link(link, WEB_SCHEMES, field)
}

fn validate_link(link: &str, schemes: &[&str], field: &str) -> Result<String> {
    let name = link_name(field);
    let refuse = |key: &'static str| Err(Error::told(field, Msg::new(key).said("name", name.clone())));
    let link = link.trim();
    if link.is_empty() {
        return refuse("error_link_empty");
    }
    if link.chars().count() > MAX_LINK_CHARS {
        return Err(Error::told(
            field,
            Msg::new("error_link_too_long").said("name", name).count("max", MAX_LINK_CHARS as u64),
        ));
    }
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("error_link_spaces");
    }
    let url = match Url::parse(link) {
        Ok(url) => url,
        Err(_) => return refuse("error_link_not_whole"),
    };
    if !schemes.contains(&url.scheme()) {
        let key = if schemes == WEB_SCHEMES { "error_link_scheme_web" } else { "error_link_scheme_join" };
        return Err(Error::told(field, Msg::new(key).text("scheme", url.scheme())));
    }
    if WEB_SCHEMES.contains(&url.scheme()) && url.host_str().is_none_or(str::is_empty) {
        return refuse("error_link_no_host");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("error_link_credentials");
    }
    Ok(url.to_string())
}

/// The link a field holds, as the user knows it ("The join link"), to start a sentence.
fn link_name(field: &str) -> Msg {
    Msg::new(match field.rsplit('.').next().unwrap_or(field) {
        "join_link" => "error_what_join_link",
        "notes_link" | "notes" => "error_what_notes_link",
        "website" => "error_what_website_link",
        "code_of_conduct" => "error_what_conduct_link",
        _ => "error_what_link",
    })
}
