//! Keeping a session signed in through OAuth 2.0 alive: its access token lasts minutes, so the room
//! service renews it with the refresh token before it expires (checked at each long-poll answer,
//! at most 55 s apart, and before each command) and again when the homeserver says the token is
//! no longer valid (`M_UNKNOWN_TOKEN`, a soft logout). The new tokens are kept as the first were
//! (keyring, or this run only). Renewed ahead of time, the token is swapped in the running client,
//! whose clones (the long-poll's) share it: the room is not left, and the panel never says
//! "Connecting…" for it. Renewed after a refusal, the long-poll has ended, so the room is entered
//! again. Signing out revokes both
//! tokens at the authorization server. A password or SSO session has no grant and is left alone.

use chrono::Utc;

use super::Service;
use crate::room::oauth::{refresh, revoke};
use crate::room::MatrixSession;

/// Renew when less than this is left of the access token's life.
const RENEW_AHEAD_MS: i64 = 2 * 60 * 1000;

impl Service {
    /// Renews the access token when it expires within two minutes.
    pub(super) async fn renew_if_due(&mut self) {
        let due = self.current_session().and_then(|s| s.oauth).and_then(|g| g.expires_at_ms);
        if due.is_some_and(|at| at - Utc::now().timestamp_millis() < RENEW_AHEAD_MS) {
            self.renew(Renewal::InPlace).await;
        }
    }

    /// Renews the access token the homeserver refused; true when the session goes on.
    pub(super) async fn renew_after_refusal(&mut self) -> bool {
        let has_grant =
            self.current_session().is_some_and(|s| s.oauth.as_ref().is_some_and(|g| g.refresh_token.is_some()));
        has_grant && self.renew(Renewal::EnterAgain).await
    }

    /// Trades the refresh token for new tokens and keeps them; the room goes on with them, or is
    /// entered again with them after a refusal.
    async fn renew(&mut self, how: Renewal) -> bool {
        let Some(session) = self.current_session() else { return false };
        let Some(grant) = session.oauth.clone() else { return false };
        let Some(server) = self.client.as_ref().map(|c| c.server().clone()) else { return false };
        match refresh(&server, &grant, Utc::now().timestamp_millis()).await {
            Ok(tokens) => {
                let renewed = MatrixSession {
                    access_token: tokens.access_token,
                    oauth: Some(crate::room::oauth::OAuthGrant {
                        refresh_token: tokens.refresh_token,
                        expires_at_ms: tokens.expires_at_ms,
                        ..grant
                    }),
                    ..session
                };
                self.kept = Some(self.vault.save(&renewed));
                if how == Renewal::InPlace {
                    if let Some(client) = &self.client {
                        client.renew_session(renewed);
                        log::info!("Live room: renewed the access token");
                        return true;
                    }
                }
                self.conn = None;
                self.client = None;
                self.pending = Some(renewed);
                self.reconnect().await;
                log::info!("Live room: renewed the access token");
                true
            }
            Err(e) if e.is_transient() => {
                log::info!("Live room: could not renew the access token yet: {e}");
                false
            }
            Err(e) => {
                log::warn!("Live room: the authorization server refused to renew the session: {e}");
                false
            }
        }
    }

    /// Revokes the session's tokens at its authorization server, if it has one; signing out goes on
    /// whatever the server says.
    pub(super) async fn revoke_tokens(&mut self) {
        let Some(client) = self.client.as_ref() else { return };
        let session = client.session();
        let Some(grant) = &session.oauth else { return };
        let server = client.server();
        if let Err(e) = revoke(server, grant, &session.access_token, "access_token").await {
            log::warn!("Live room: the authorization server did not revoke the access token: {e}");
        }
        if let Some(refresh_token) = &grant.refresh_token {
            if let Err(e) = revoke(server, grant, refresh_token, "refresh_token").await {
                log::warn!("Live room: the authorization server did not revoke the refresh token: {e}");
            }
        }
    }

    fn current_session(&self) -> Option<MatrixSession> {
        self.client.as_ref().map(|c| c.session())
    }
}

/// What a renewal does with the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Renewal {
    /// Before the token expires: the running client (and its long-poll) sends the new token.
    InPlace,
    /// After the homeserver refused the token: the long-poll has ended; enter the room again.
    EnterAgain,
}
