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
    let name = link_name(field);
    let refuse = |why: String| Err(Error::invalid(field, why));
    let link = link.trim();
    if link.is_empty() {
        return refuse(format!("{name} is empty. Paste the whole link, or clear the field."));
    }
    if link.chars().count() > MAX_LINK_CHARS {
        return refuse(format!("{name} has more than {MAX_LINK_CHARS} characters. Use a shorter link."));
    }
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse(format!("{name} contains spaces or line breaks. Paste it again without them."));
    }
    let url = match Url::parse(link) {
        Ok(url) => url,
        Err(_) => return refuse(format!("{name} is not a whole link. Paste it again, starting with “https://”.")),
    };
    if !schemes.contains(&url.scheme()) {
        return refuse(format!(
            "Stint does not open links starting with “{}:”. Use a link starting with {}.",
            url.scheme(),
            allowed(schemes)
        ));
    }
    if WEB_SCHEMES.contains(&url.scheme()) && url.host_str().is_none_or(str::is_empty) {
        return refuse(format!("{name} has no site name after “https://”. Paste the whole link."));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse(format!("{name} contains a user name or password. Remove them and paste it again."));
    }
    Ok(url.to_string())
}

/// "https:, http: or zoommtg:" for messages.
fn allowed(schemes: &[&str]) -> String {
    let quoted: Vec<String> = schemes.iter().map(|s| format!("“{s}:”")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The link a field holds, as the user knows it.
fn link_name(field: &str) -> &'static str {
    match field.rsplit('.').next().unwrap_or(field) {
        "join_link" => "The join link",
        "notes_link" | "notes" => "The notes link",
        "website" => "The website link",
        "code_of_conduct" => "The code of conduct link",
        _ => "The link",
    }
}
