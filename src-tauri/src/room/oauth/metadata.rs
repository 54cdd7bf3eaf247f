//! The authorization server a homeserver delegates sign-in to (Matrix's OAuth 2.0 API, MSC2965):
//! found at `GET /_matrix/client/v1/auth_metadata` (or its unstable MSC2965 path) and checked as
//! hostile input before Stint sends anything to it or opens any of its pages.
//!
//! A document is refused whole, as one `BadMetadata` sentence, when it is larger than 64 KiB, is not
//! a JSON object, has no `issuer`, names an endpoint that is not https (plain http only on a loopback
//! host, for tests), or does not offer what Stint needs: the `code` response type, PKCE with `S256`,
//! the `query` response mode (the loopback listener cannot read a fragment) and the
//! `authorization_code` grant.

use serde::Deserialize;

/// The most of a metadata document Stint reads; servers' are a few kilobytes.
pub const MAX_METADATA_BYTES: usize = 64 * 1024;

/// A checked authorization server: every endpoint parsed and safe to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthServer {
    pub issuer: String,
    pub authorization_endpoint: url::Url,
    pub token_endpoint: url::Url,
    pub registration_endpoint: url::Url,
    pub revocation_endpoint: Option<url::Url>,
    /// Whether the server takes refresh tokens (`grant_types_supported` lists `refresh_token`).
    pub refreshes: bool,
}

/// Why a metadata document was refused; for the log, the user reads one sentence for all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMetadata(pub &'static str);

#[derive(Deserialize)]
struct Raw {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    registration_endpoint: Option<String>,
    revocation_endpoint: Option<String>,
    response_types_supported: Vec<String>,
    #[serde(default)]
    response_modes_supported: Option<Vec<String>>,
    #[serde(default)]
    grant_types_supported: Option<Vec<String>>,
    #[serde(default)]
    code_challenge_methods_supported: Vec<String>,
}

/// Checks a metadata document and gives the server it describes.
pub fn parse_metadata(body: &[u8]) -> Result<AuthServer, BadMetadata> {
    if body.len() > MAX_METADATA_BYTES {
        return Err(BadMetadata("larger than 64 KiB"));
    }
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| BadMetadata("not JSON"))?;
    if !value.is_object() {
        return Err(BadMetadata("not a JSON object"));
    }
    let raw: Raw = serde_json::from_value(value).map_err(|_| BadMetadata("a required field is missing or mistyped"))?;
    let issuer = endpoint(&raw.issuer, "the issuer is not an https address")?;
    if issuer.query().is_some() || issuer.fragment().is_some() {
        return Err(BadMetadata("the issuer has a query or fragment"));
    }
    if !raw.response_types_supported.iter().any(|t| t == "code") {
        return Err(BadMetadata("no code response type"));
    }
    if !raw.code_challenge_methods_supported.iter().any(|m| m == "S256") {
        return Err(BadMetadata("no S256 code challenge"));
    }
    // Absent means the defaults: query and fragment; authorization_code and implicit.
    if raw.response_modes_supported.as_ref().is_some_and(|modes| !modes.iter().any(|m| m == "query")) {
        return Err(BadMetadata("no query response mode"));
    }
    let grants = raw.grant_types_supported.unwrap_or_else(|| vec!["authorization_code".into()]);
    if !grants.iter().any(|g| g == "authorization_code") {
        return Err(BadMetadata("no authorization_code grant"));
    }
    let registration = raw.registration_endpoint.ok_or(BadMetadata("no registration endpoint"))?;
    Ok(AuthServer {
        issuer: raw.issuer,
        authorization_endpoint: endpoint(&raw.authorization_endpoint, "the authorization endpoint is not https")?,
        token_endpoint: endpoint(&raw.token_endpoint, "the token endpoint is not https")?,
        registration_endpoint: endpoint(&registration, "the registration endpoint is not https")?,
        revocation_endpoint: raw
            .revocation_endpoint
            .map(|e| endpoint(&e, "the revocation endpoint is not https"))
            .transpose()?,
        refreshes: grants.iter().any(|g| g == "refresh_token"),
    })
}

/// An endpoint Stint may use: https with a host, or plain http on a loopback address (a test server).
fn endpoint(address: &str, why: &'static str) -> Result<url::Url, BadMetadata> {
    let url = url::Url::parse(address).map_err(|_| BadMetadata(why))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    };
    let safe = match url.scheme() {
        "https" => url.host_str().is_some_and(|h| !h.is_empty()),
        "http" => loopback,
        _ => false,
    };
    if safe && url.username().is_empty() && url.password().is_none() && url.fragment().is_none() {
        Ok(url)
    } else {
        Err(BadMetadata(why))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn good() -> Value {
        json!({
            "issuer": "https://auth.example.org/",
            "authorization_endpoint": "https://auth.example.org/authorize",
            "token_endpoint": "https://auth.example.org/oauth2/token",
            "registration_endpoint": "https://auth.example.org/oauth2/registration",
            "revocation_endpoint": "https://auth.example.org/oauth2/revoke",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "fragment"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"],
            "account_management_uri": "https://auth.example.org/account"
        })
    }

    fn parse(value: &Value) -> Result<AuthServer, BadMetadata> {
        parse_metadata(&serde_json::to_vec(value).unwrap())
    }

    fn with(key: &str, value: Value) -> Value {
        let mut doc = good();
        doc[key] = value;
        doc
    }

    fn without(key: &str) -> Value {
        let mut doc = good();
        doc.as_object_mut().unwrap().remove(key);
        doc
    }

    #[test]
    fn a_good_document_gives_its_endpoints() {
        let server = parse(&good()).unwrap();
        assert_eq!(server.issuer, "https://auth.example.org/");
        assert_eq!(server.token_endpoint.as_str(), "https://auth.example.org/oauth2/token");
        assert_eq!(server.revocation_endpoint.unwrap().as_str(), "https://auth.example.org/oauth2/revoke");
        assert!(server.refreshes);
        // Defaults when the optional lists are absent; a loopback test server on plain http.
        let mut local = without("response_modes_supported");
        local.as_object_mut().unwrap().remove("grant_types_supported");
        local["token_endpoint"] = json!("http://127.0.0.1:8080/token");
        let server = parse(&local).unwrap();
        assert!(!server.refreshes);
        assert!(server.token_endpoint.as_str().starts_with("http://127.0.0.1:8080"));
    }

    #[test]
    fn every_hostile_or_unusable_document_is_refused() {
        let cases: Vec<(&str, Value)> = vec![
            ("no issuer", without("issuer")),
            ("issuer not a string", with("issuer", json!(42))),
            ("issuer on plain http", with("issuer", json!("http://auth.example.org/"))),
            ("issuer with a query", with("issuer", json!("https://auth.example.org/?x=1"))),
            ("no authorization endpoint", without("authorization_endpoint")),
            ("authorization over http", with("authorization_endpoint", json!("http://auth.example.org/authorize"))),
            ("authorization as javascript", with("authorization_endpoint", json!("javascript:alert(1)"))),
            ("token endpoint as a file", with("token_endpoint", json!("file:///etc/passwd"))),
            ("token endpoint with a user", with("token_endpoint", json!("https://me:pw@auth.example.org/t"))),
            ("no registration endpoint", without("registration_endpoint")),
            ("registration over http", with("registration_endpoint", json!("http://10.0.0.1/register"))),
            ("revocation over http", with("revocation_endpoint", json!("http://auth.example.org/revoke"))),
            ("no code response type", with("response_types_supported", json!(["token"]))),
            ("response types missing", without("response_types_supported")),
            ("no S256", with("code_challenge_methods_supported", json!(["plain"]))),
            ("no PKCE at all", without("code_challenge_methods_supported")),
            ("only fragment", with("response_modes_supported", json!(["fragment"]))),
            ("no authorization_code grant", with("grant_types_supported", json!(["refresh_token"]))),
            ("a list that is a string", with("response_types_supported", json!("code"))),
        ];
        for (what, doc) in cases {
            assert!(parse(&doc).is_err(), "{what} was accepted");
        }
        for body in [&b"[]"[..], b"null", b"\"issuer\"", b"{", b"", b"\xff\xfe"] {
            assert!(parse_metadata(body).is_err(), "{body:?} was accepted");
        }
        let mut huge = good();
        huge["padding"] = json!("x".repeat(MAX_METADATA_BYTES));
        assert_eq!(parse(&huge), Err(BadMetadata("larger than 64 KiB")));
    }
}
