//! The browser sign-in against a real Synapse. Synapse here has no identity provider, so the test
//! plays the browser: it takes a real login token from an existing session (MSC3882's
//! `POST /_matrix/client/v1/login/get_token`) and brings it back to Stint's loopback address with a
//! GET, as the homeserver's redirect would; Stint must end up signed in as that user, kept like a
//! password sign-in.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use stint_core::i18n::Lang;
use stint_core::store::Store;
use tokio::sync::oneshot;
use tokio::time::Instant;

use super::browser_login::{sign_in_through_browser, BrowserLoginError};
use super::service::{self, RoomSink, RoomStatus};
use super::synapse::Synapse;
use super::vault::MemoryVault;
use super::{login_password, Homeserver, RoomClient};
use crate::runner::shifted_clock::ShiftedClock;
use crate::shared_store::SharedStore;

const PAGE: &str = "You can close this tab and return to Stint.";

struct NoSink;

impl RoomSink for NoSink {
    fn changed(&self, _: stint_core::live::Changes) {}
    fn status(&self, _: &RoomStatus) {}
}

/// A login token for `user`'s existing session, as a signed-in device would ask for one.
async fn login_token_from_existing_session(server: &Homeserver, user: &str, password: &str) -> String {
    let session = login_password(server, user, password).await.unwrap();
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/_matrix/client/v1/login/get_token", server.base_url()))
        .bearer_auth(&session.access_token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["login_token"].as_str().unwrap_or_else(|| panic!("no login token: {answer}")).to_string()
}

/// The `redirectUrl` Stint put in the SSO address it opened.
fn redirect_of(sso_address: &str) -> String {
    let url = url::Url::parse(sso_address).unwrap();
    assert!(url.path().ends_with("/login/sso/redirect"), "{sso_address}");
    let redirect = url.query_pairs().find(|(k, _)| k == "redirectUrl").unwrap().1.into_owned();
    assert!(redirect.starts_with("http://127.0.0.1:"), "{redirect}");
    redirect
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_token_brought_back_by_the_browser_signs_stint_in() {
    let synapse = Synapse::start();
    synapse.register("ada", "ada-pw", false);
    let server = Homeserver::connect(&synapse.base_url).await.unwrap();
    let token = login_token_from_existing_session(&server, "ada", "ada-pw").await;

    // The "browser": first a stray request with the wrong state (ignored), then the real return.
    let opened = Arc::new(Mutex::new(Vec::new()));
    let (browser_done, browser_result) = oneshot::channel();
    let open = {
        let opened = opened.clone();
        move |address: &str| {
            opened.lock().unwrap().push(address.to_string());
            let redirect = redirect_of(address);
            let wrong_state = redirect.replace("state=", "state=0");
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let stray = http.get(format!("{wrong_state}&loginToken=stolen")).send().await;
                assert!(stray.is_err(), "the wrong state was answered: {stray:?}");
                let page = http.get(format!("{redirect}&loginToken={token}")).send().await.unwrap();
                let _ = browser_done.send((page.status().as_u16(), page.text().await.unwrap()));
            });
            Ok(())
        }
    };
    let (_keep, cancel) = oneshot::channel::<()>();
    let deadline = Instant::now() + Duration::from_secs(30);
    let session = sign_in_through_browser(&server, None, open, PAGE, deadline, cancel).await.unwrap();
    assert_eq!(session.user_id, "@ada:localhost");
    assert_eq!(session.homeserver, synapse.base_url);
    let (status, page) = browser_result.await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains(PAGE), "{page}");
    assert_eq!(opened.lock().unwrap().len(), 1);

    // The token works, and the room service keeps the session as after a password sign-in.
    RoomClient::new(server.clone(), session.clone()).create_room("Cafe", Some("cafe")).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path().join("stint.db"), Utc::now()).unwrap();
    let room = service::spawn(
        SharedStore::new(store),
        Box::new(MemoryVault::default()),
        Box::new(NoSink),
        ShiftedClock::default(),
    )
    .unwrap();
    room.adopt(server.clone(), session).await.unwrap();
    let status = room.status(Lang::En);
    assert_eq!(status.user.as_deref(), Some("@ada:localhost"));
    assert_eq!(status.token_kept.as_deref(), Some("this_run"));
    room.join("#cafe:localhost".into()).await.unwrap();

    // A used token does not sign in twice: the server's refusal is a sentence.
    let (_keep, cancel) = oneshot::channel::<()>();
    let replay = move |address: &str| {
        let redirect = redirect_of(address);
        tokio::spawn(async move {
            let _ = reqwest::get(format!("{redirect}&loginToken=already-used-or-made-up")).await;
        });
        Ok(())
    };
    let refused = sign_in_through_browser(&server, None, replay, PAGE, deadline, cancel).await.unwrap_err();
    assert_eq!(refused, BrowserLoginError::Room(super::RoomError::BadLogin));
    let sentence = refused.sentence(stint_core::i18n::Lang::En);
    assert!(sentence.starts_with("The homeserver did not accept the sign-in your browser brought back"), "{sentence}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_sign_in_can_be_cancelled_fails_without_a_browser_and_times_out() {
    let synapse = Synapse::start();
    let server = Homeserver::connect(&synapse.base_url).await.unwrap();
    let never = |_: &str| Ok(());
    let far = Instant::now() + Duration::from_secs(60);

    let (cancel_it, cancel) = oneshot::channel();
    let started = std::time::Instant::now();
    let (result, ()) = tokio::join!(sign_in_through_browser(&server, None, never, PAGE, far, cancel), async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        cancel_it.send(()).unwrap();
    });
    assert_eq!(result, Err(BrowserLoginError::Cancelled));
    assert!(started.elapsed() < Duration::from_secs(5));

    let (_keep, cancel) = oneshot::channel();
    let no_browser = |_: &str| Err("no launcher".to_string());
    let result = sign_in_through_browser(&server, None, no_browser, PAGE, far, cancel).await;
    assert_eq!(result, Err(BrowserLoginError::Browser));

    let (_keep, cancel) = oneshot::channel();
    let soon = Instant::now() + Duration::from_millis(300);
    let result = sign_in_through_browser(&server, Some("oidc-x"), never, PAGE, soon, cancel).await;
    assert_eq!(result, Err(BrowserLoginError::TimedOut));
}
