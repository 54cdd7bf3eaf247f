//! The OAuth 2.0 sign-in against a real Synapse that delegates authentication, as servers behind
//! the Matrix Authentication Service do. MAS cannot run here, so scripts/oauth-test-server.py stands
//! in for it (Synapse introspects every token there; it provisions the user and device through
//! Synapse's `/_synapse/mas/` API). The test plays the browser: it follows the authorization
//! address's redirect to Stint's loopback listener, as a browser would after the user consented.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use stint_core::i18n::Lang;
use stint_core::store::Store;
use tokio::sync::oneshot;
use tokio::time::Instant;

use super::browser_login::BrowserLoginError;
use super::oauth::{refresh, revoke, sign_in_with_oauth, AuthServer};
use super::service::{self, RoomSink, RoomStatus};
use super::synapse::Synapse;
use super::vault::{MemoryVault, TokenVault};
use super::{login_options, Homeserver, MatrixSession, RoomClient, RoomError};
use crate::runner::shifted_clock::ShiftedClock;
use crate::shared_store::SharedStore;

const PAGE: &str = "You can close this tab and return to Stint.";

struct NoSink;

impl RoomSink for NoSink {
    fn changed(&self, _: stint_core::live::Changes) {}
    fn status(&self, _: &RoomStatus) {}
}

/// Tells the test authorization server what to do next (scripts/oauth-test-server.py).
async fn control(synapse: &Synapse, settings: serde_json::Value) {
    let url = format!("{}/test/control", synapse.oauth_url.as_deref().unwrap());
    let answer = reqwest::Client::new().post(url).body(settings.to_string()).send().await.unwrap();
    assert!(answer.status().is_success());
}

/// A browser that follows the authorization address to wherever it redirects, and records it.
fn browser(opened: Arc<Mutex<Vec<String>>>) -> impl FnOnce(&str) -> Result<(), String> {
    move |address: &str| {
        opened.lock().unwrap().push(address.to_string());
        let address = address.to_string();
        tokio::spawn(async move {
            let _ = reqwest::get(address).await;
        });
        Ok(())
    }
}

async fn sign_in(
    server: &Homeserver,
    auth: &AuthServer,
    client_id: Option<String>,
) -> Result<(MatrixSession, String), BrowserLoginError> {
    let (_keep, cancel) = oneshot::channel::<()>();
    let opened = Arc::new(Mutex::new(Vec::new()));
    let deadline = Instant::now() + Duration::from_secs(30);
    sign_in_with_oauth(server, auth, client_id, browser(opened), PAGE, deadline, cancel).await
}

async fn whoami(server: &Homeserver, token: &str) -> Result<String, RoomError> {
    let answer = reqwest::Client::new()
        .get(format!("{}/_matrix/client/v3/account/whoami", server.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    let body: serde_json::Value = answer.json().await.unwrap();
    match status {
        200 => Ok(body["user_id"].as_str().unwrap().to_string()),
        401 if body["errcode"] == "M_UNKNOWN_TOKEN" => Err(RoomError::SignedOut),
        _ => panic!("whoami answered {status}: {body}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_sign_in_refresh_and_revocation_against_a_delegating_synapse() {
    let synapse = Synapse::start_with_oauth();
    let server = Homeserver::connect(&synapse.base_url).await.unwrap();

    // Discovery through the homeserver: OAuth 2.0 only, no passwords.
    let options = login_options(&server).await.unwrap();
    assert!(!options.password && !options.sso, "{options:?}");
    let auth = options.oauth.clone().unwrap().unwrap();
    assert_eq!(auth.issuer, format!("{}/", synapse.oauth_url.as_deref().unwrap()));
    assert!(auth.refreshes && auth.revocation_endpoint.is_some());

    // Registration, authorization with PKCE, the code's exchange; the session is ada's new device.
    let (session, client_id) = sign_in(&server, &auth, None).await.unwrap();
    assert_eq!(session.user_id, "@ada:localhost");
    assert_eq!(session.device_id.len(), 10);
    let grant = session.oauth.clone().unwrap();
    assert!(grant.refresh_token.is_some() && grant.expires_at_ms.is_some());
    assert_eq!(grant.client_id, client_id);
    // A real authenticated request, and a room the token may create.
    assert_eq!(whoami(&server, &session.access_token).await, Ok("@ada:localhost".into()));
    RoomClient::new(server.clone(), session.clone()).create_room("Cafe", Some("cafe")).await.unwrap();

    // The client id is registered once: a second sign-in with it works without registering.
    control(&synapse, serde_json::json!({"refuse_registration": true})).await;
    let (second, same_client) = sign_in(&server, &auth, Some(client_id.clone())).await.unwrap();
    assert_eq!(same_client, client_id);
    assert_ne!(second.device_id, session.device_id);
    // Without a client id, the refused registration is a sentence.
    let refused = sign_in(&server, &auth, None).await.unwrap_err();
    assert!(matches!(refused, BrowserLoginError::RegistrationRefused { .. }), "{refused:?}");
    assert!(refused.sentence(stint_core::i18n::Lang::En).contains("would not register Stint"));
    control(&synapse, serde_json::json!({"refuse_registration": false})).await;

    // The user says no on the consent page.
    control(&synapse, serde_json::json!({"deny": true})).await;
    assert_eq!(sign_in(&server, &auth, Some(client_id.clone())).await.unwrap_err(), BrowserLoginError::Denied);
    control(&synapse, serde_json::json!({"deny": false})).await;

    // Refresh: new tokens for the same device, which Synapse takes.
    let tokens = refresh(&server, &grant, Utc::now().timestamp_millis()).await.unwrap();
    assert_ne!(tokens.access_token, session.access_token);
    assert_ne!(tokens.refresh_token, grant.refresh_token);
    assert_eq!(whoami(&server, &tokens.access_token).await, Ok("@ada:localhost".into()));
    // The used refresh token is spent.
    assert_eq!(refresh(&server, &grant, 0).await.err(), Some(RoomError::SignedOut));

    // Revocation ends the session: Synapse refuses the token at once.
    revoke(&server, &grant, &tokens.access_token, "access_token").await.unwrap();
    assert_eq!(whoami(&server, &tokens.access_token).await, Err(RoomError::SignedOut));
    // The other sign-in's device is untouched.
    assert_eq!(whoami(&server, &second.access_token).await, Ok("@ada:localhost".into()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_room_service_renews_an_expired_token_and_revokes_at_sign_out() {
    let (synapse, server, auth) = delegating_synapse().await;
    // Access tokens that expire within seconds, as Synapse will see at its next introspection.
    control(&synapse, serde_json::json!({"access_lifetime": 2})).await;
    let (session, _) = sign_in(&server, &auth, None).await.unwrap();
    RoomClient::new(server.clone(), session.clone()).create_room("Cafe", Some("cafe")).await.unwrap();
    control(&synapse, serde_json::json!({"access_lifetime": 300})).await;

    let (room, vault, _dir) = room_service();
    room.adopt(server.clone(), session.clone()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(whoami(&server, &session.access_token).await, Err(RoomError::SignedOut), "the old token expired");

    // The command renews the token first (it was due), then joins with the new one.
    room.join("#cafe:localhost".into()).await.unwrap();
    let (kept, _) = vault.load().unwrap().unwrap();
    assert_ne!(kept.access_token, session.access_token);
    assert_ne!(kept.oauth.as_ref().unwrap().refresh_token, session.oauth.as_ref().unwrap().refresh_token);
    assert_eq!(whoami(&server, &kept.access_token).await, Ok("@ada:localhost".into()));
    assert_eq!(room.status(Lang::En).user.as_deref(), Some("@ada:localhost"));

    // Signing out revokes: the kept token no longer works, and nothing is kept.
    room.sign_out().await.unwrap();
    assert_eq!(whoami(&server, &kept.access_token).await, Err(RoomError::SignedOut));
    assert!(vault.load().unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_homeserver_refuses_is_renewed_and_the_room_followed_again() {
    let (synapse, server, auth) = delegating_synapse().await;
    let (owner, client_id) = sign_in(&server, &auth, None).await.unwrap();
    RoomClient::new(server.clone(), owner).create_room("Cafe", Some("cafe")).await.unwrap();
    // Stint's token says five minutes, but the server ends it after four seconds (a soft logout).
    control(&synapse, serde_json::json!({"real_lifetime": 4})).await;
    let (session, _) = sign_in(&server, &auth, Some(client_id)).await.unwrap();
    control(&synapse, serde_json::json!({"real_lifetime": null})).await;

    let (room, vault, _dir) = room_service();
    room.adopt(server.clone(), session.clone()).await.unwrap();
    room.join("#cafe:localhost".into()).await.unwrap();

    // The long-poll after the token ended gets M_UNKNOWN_TOKEN (within its 30 s); Stint renews.
    let renewed = async {
        loop {
            let (kept, _) = vault.load().unwrap().unwrap();
            if kept.access_token != session.access_token {
                return kept;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let kept = tokio::time::timeout(Duration::from_secs(90), renewed).await.expect("renewed within 90 s");
    assert_eq!(whoami(&server, &session.access_token).await, Err(RoomError::SignedOut));
    assert_eq!(whoami(&server, &kept.access_token).await, Ok("@ada:localhost".into()));
    // Still signed in, and back in the room: the status names the user and the room, with no error.
    let back = async {
        loop {
            let status = room.status(Lang::En);
            if status.connection.as_deref() == Some("connected") && status.room.is_some() && status.problem.is_none() {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let status = tokio::time::timeout(Duration::from_secs(10), back)
        .await
        .unwrap_or_else(|_| panic!("{:?}", room.status(Lang::En)));
    assert_eq!(status.user.as_deref(), Some("@ada:localhost"));
}

/// A status as reported: its number and its connection.
type Report = (u64, Option<String>);

/// Every status the service reported.
#[derive(Clone, Default)]
struct Reports(Arc<Mutex<Vec<Report>>>);

impl RoomSink for Reports {
    fn changed(&self, _: stint_core::live::Changes) {}
    fn status(&self, status: &RoomStatus) {
        self.0.lock().unwrap().push((status.seq, status.connection.clone()));
    }
}

/// A token renewed before it expires is swapped in the running room: the long-polls after it send
/// the new one (the old one then ends, and the answers still arrive), and the room is neither left
/// nor entered again — no "connecting", and no second renewal forced by a refusal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_renewed_ahead_of_time_is_swapped_in_the_running_room() {
    let (synapse, server, auth) = delegating_synapse().await;
    let (owner, client_id) = sign_in(&server, &auth, None).await.unwrap();
    let owner = RoomClient::new(server.clone(), owner);
    let room_id = owner.create_room("Cafe", Some("cafe")).await.unwrap();
    // The server ends the token after 12 s; Stint is told 2 min 5 s, so the renewal (2 minutes
    // ahead) falls due after 5 s, and the old token ends a few seconds after it was renewed.
    control(&synapse, serde_json::json!({"real_lifetime": 12})).await;
    let (mut session, _) = sign_in(&server, &auth, Some(client_id)).await.unwrap();
    control(&synapse, serde_json::json!({"real_lifetime": null})).await;
    session.oauth.as_mut().unwrap().expires_at_ms = Some(Utc::now().timestamp_millis() + 125_000);

    let reports = Reports::default();
    let (room, vault, _dir) = room_service_reporting_to(Box::new(reports.clone()));
    room.adopt(server.clone(), session.clone()).await.unwrap();
    room.join("#cafe:localhost".into()).await.unwrap();
    let connected = || room.status(Lang::En).connection.as_deref() == Some("connected");
    tokio::time::timeout(Duration::from_secs(10), async {
        while !connected() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("connected");
    let joined = room.status(Lang::En).seq;

    tokio::time::sleep(Duration::from_secs(6)).await;
    room.report_again(); // a command: due renewals are done before it
    let renewed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let (kept, _) = vault.load().unwrap().unwrap();
            if kept.access_token != session.access_token {
                return kept;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("renewed when due");
    // Three writes into the room, each answered to a long-poll. The first ends the one in flight
    // (asked with the old token); the old token then ends, and the next two are answered only to
    // long-polls asked with the new one (the old one would be refused, and the room entered again).
    for n in 0..3 {
        if n == 1 {
            tokio::time::timeout(Duration::from_secs(20), async {
                while whoami(&server, &session.access_token).await.is_ok() {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })
            .await
            .expect("the old token ends");
        }
        let before = reports.0.lock().unwrap().last().map_or(0, |r| r.0);
        let content = serde_json::json!({ "n": n });
        let member = stint_core::room::MEMBER_EVENT_TYPE;
        owner.write_state(&room_id, member, owner.user_id(), &content, Utc::now).await.unwrap();
        tokio::time::timeout(Duration::from_secs(10), async {
            while reports.0.lock().unwrap().last().map_or(0, |r| r.0) <= before {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
        .await
        .unwrap_or_else(|_| {
            panic!("write {n} was not seen: {:?} {:?}", reports.0.lock().unwrap(), room.status(Lang::En))
        });
    }
    let (kept, _) = vault.load().unwrap().unwrap();
    assert_eq!(kept.access_token, renewed.access_token, "no renewal forced by a refused token");
    let after_join: Vec<_> = reports.0.lock().unwrap().iter().filter(|r| r.0 > joined).cloned().collect();
    assert!(after_join.iter().all(|r| r.1.as_deref() == Some("connected")), "the room was never left: {after_join:?}");
    assert!(connected());
}

/// A Synapse that delegates sign-in to the test authorization server, and that server as described.
async fn delegating_synapse() -> (Synapse, Homeserver, AuthServer) {
    let synapse = Synapse::start_with_oauth();
    let server = Homeserver::connect(&synapse.base_url).await.unwrap();
    let auth = login_options(&server).await.unwrap().oauth.unwrap().unwrap();
    (synapse, server, auth)
}

/// A room service on a fresh store, with a vault the test can read; the dir holds the store's file.
fn room_service() -> (service::RoomHandle, Arc<MemoryVault>, tempfile::TempDir) {
    room_service_reporting_to(Box::new(NoSink))
}

/// The same, its statuses reported to `sink`.
fn room_service_reporting_to(sink: Box<dyn RoomSink>) -> (service::RoomHandle, Arc<MemoryVault>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path().join("stint.db"), Utc::now()).unwrap();
    let vault = Arc::new(MemoryVault::default());
    let room =
        service::spawn(SharedStore::new(store), Box::new(SharedVault(vault.clone())), sink, ShiftedClock::default())
            .unwrap();
    (room, vault, dir)
}

/// A vault the test can read while the service owns it.
struct SharedVault(Arc<MemoryVault>);

impl TokenVault for SharedVault {
    fn load(&self) -> Result<Option<(MatrixSession, super::vault::Kept)>, String> {
        self.0.load()
    }
    fn save(&self, session: &MatrixSession) -> super::vault::Kept {
        self.0.save(session)
    }
    fn delete(&self) {
        self.0.delete()
    }
}
