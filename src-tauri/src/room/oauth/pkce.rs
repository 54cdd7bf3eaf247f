//! Proof Key for Code Exchange (RFC 7636) with `S256`: a fresh random verifier for each sign-in,
//! and its challenge, the unpadded base64url SHA-256 of it. Whoever catches the browser's redirect
//! cannot trade the code without the verifier, which never leaves Stint.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// A verifier and its challenge.
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    /// 32 random bytes as the verifier (43 characters, as RFC 7636 recommends).
    pub fn new() -> Option<Pkce> {
        Some(Pkce::from_verifier(random_url_safe(32)?))
    }

    pub fn from_verifier(verifier: String) -> Pkce {
        let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
        Pkce { challenge: URL_SAFE_NO_PAD.encode(digest.as_ref()), verifier }
    }
}

/// `n` random bytes as unpadded base64url, from the crypto provider rustls uses.
pub fn random_url_safe(n: usize) -> Option<String> {
    let mut bytes = vec![0u8; n];
    rustls::crypto::ring::default_provider().secure_random.fill(&mut bytes).ok()?;
    Some(URL_SAFE_NO_PAD.encode(bytes))
}

/// A new device id: 10 random capitals and digits, as Synapse makes them.
pub fn new_device_id() -> Option<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut bytes = [0u8; 10];
    rustls::crypto::ring::default_provider().secure_random.fill(&mut bytes).ok()?;
    // 256 is 36 × 7 + 4: the bias toward the first four letters is under 1 %, harmless for an id.
    Some(bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_matches_rfc_7636_appendix_b() {
        let pkce = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(pkce.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn verifiers_and_device_ids_are_fresh_and_well_formed() {
        let (a, b) = (Pkce::new().unwrap(), Pkce::new().unwrap());
        assert_ne!(a.verifier, b.verifier);
        assert_eq!(a.verifier.len(), 43);
        assert!(a.verifier.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let id = new_device_id().unwrap();
        assert_eq!(id.len(), 10);
        assert!(id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert_ne!(id, new_device_id().unwrap());
    }
}
