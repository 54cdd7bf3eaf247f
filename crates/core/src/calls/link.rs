//! Which links Stint will open: web pages and the meeting apps' own schemes, nothing else.

use url::Url;

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
    let refuse = |why: String| Err(Error::invalid(field, why));
    let link = link.trim();
    if link.is_empty() {
        return refuse("the link is empty".into());
    }
    if link.chars().count() > MAX_LINK_CHARS {
        return refuse(format!("the link is longer than {MAX_LINK_CHARS} characters"));
    }
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("the link contains spaces or control characters".into());
    }
    let url = match Url::parse(link) {
        Ok(url) => url,
        Err(e) => return refuse(format!("not a link ({e})")),
    };
    if !schemes.contains(&url.scheme()) {
        return refuse(format!("links starting with \"{}:\" are not allowed; use {}", url.scheme(), allowed(schemes)));
    }
    if WEB_SCHEMES.contains(&url.scheme()) && url.host_str().is_none_or(str::is_empty) {
        return refuse("a web link needs a host name".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("a link must not contain a user name or password".into());
    }
    Ok(url.to_string())
}

fn allowed(schemes: &[&str]) -> String {
    schemes.iter().map(|s| format!("{s}:")).collect::<Vec<_>>().join(", ")
}
