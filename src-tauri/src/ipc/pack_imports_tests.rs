//! Installing a pack only after the user confirms: links and drops are held, the UI is told and
//! shown core's preview, cancel installs nothing, and a confirmation of a stale preview is refused.

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tauri::{Listener, Manager};

use super::events::PACK_IMPORT_PENDING;
use super::tests::{app, error, invoke, pick, App};
use crate::app::packs::on_deep_links;
use crate::state::pending_packs::PendingPacks;

fn sample() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../packs/turing-way-like.stint.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Writes `pack` as `name` in the test's folder and returns the `stint://import` link to it.
fn link_to(app: &App, name: &str, pack: &Value) -> tauri::Url {
    let path = app._dir.path().join(name);
    std::fs::write(&path, serde_json::to_vec(pack).unwrap()).unwrap();
    let mut url: tauri::Url = "stint://import".parse().unwrap();
    url.query_pairs_mut().append_pair("path", &path.display().to_string());
    url
}

fn pending(app: &App) -> Vec<Value> {
    invoke(app, "pending_pack_imports", json!({})).unwrap().as_array().unwrap().clone()
}

fn communities(app: &App) -> Value {
    invoke(app, "list_communities", json!({})).unwrap()
}

fn confirm(app: &App, id: &Value, choice: &str) -> Result<Value, Value> {
    invoke(app, "confirm_pack_import", json!({ "id": id, "choice": choice }))
}

#[test]
fn a_link_is_held_and_shown_installing_nothing_until_confirmed_and_cancel_installs_nothing() {
    let app = app();
    let told = Arc::new(Mutex::new(0));
    let t = told.clone();
    app._app.listen_any(PACK_IMPORT_PENDING, move |_| *t.lock().unwrap() += 1);

    on_deep_links(app._app.handle(), &[link_to(&app, "turing-way-like.stint.json", &sample())]);
    assert_eq!(*told.lock().unwrap(), 1, "the UI is told a pack waits");
    assert_eq!(communities(&app), json!([]), "nothing is installed by the link");
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), json!([]));

    let shown = pending(&app);
    assert_eq!(shown.len(), 1);
    let preview = &shown[0]["preview"];
    assert_eq!(preview["name"], "Turing Way-like community");
    assert_eq!(preview["source"], json!({"kind": "link", "name": "turing-way-like.stint.json"}));
    assert_eq!(preview["calls"][0]["join_link"], "https://meet.example.org/collaboration-cafe");
    assert_eq!(preview["choices"], json!(["install"]));

    invoke(&app, "cancel_pack_import", json!({ "id": shown[0]["id"] })).unwrap();
    assert_eq!(pending(&app), Vec::<Value>::new());
    assert_eq!(communities(&app), json!([]), "cancel installs nothing");
    let e = confirm(&app, &shown[0]["id"], "install").unwrap_err();
    assert!(error("not_found", None)(&e), "{e}");

    on_deep_links(app._app.handle(), &[link_to(&app, "turing-way-like.stint.json", &sample())]);
    let id = pending(&app)[0]["id"].clone();
    let installed = confirm(&app, &id, "install").unwrap();
    assert_eq!(installed["action"], "installed");
    assert_eq!(communities(&app)[0]["source"], json!({"kind": "link", "name": "turing-way-like.stint.json"}));
    assert_eq!(pending(&app), Vec::<Value>::new(), "an installed pack is let go");
}

#[test]
fn an_update_shows_the_changed_join_link_and_a_stale_confirmation_is_refused() {
    let app = app();
    on_deep_links(app._app.handle(), &[link_to(&app, "turing-way-like.stint.json", &sample())]);
    confirm(&app, &pending(&app)[0]["id"], "install").unwrap();

    let mut update = sample();
    update["version"] = json!("1.1.0");
    update["calls"][1]["join_link"] = json!("https://meet.example.org/new-room");
    on_deep_links(app._app.handle(), &[link_to(&app, "turing-way-like.stint.json", &update)]);
    let held = pending(&app);
    let change = &held[0]["preview"]["changes"][0];
    assert_eq!(held[0]["preview"]["relation"], "newer");
    assert_eq!(change["join_link_changed"], true);
    assert_eq!(change["join_link_before"], "https://meet.example.org/daily-coworking");
    assert_eq!(change["join_link_after"], "https://meet.example.org/new-room");

    // Meanwhile the same source's 1.2.0 is installed: the 1.1.0 preview no longer holds.
    let mut newer = update.clone();
    newer["version"] = json!("1.2.0");
    let path = app._dir.path().join("turing-way-like.stint.json");
    std::fs::write(&path, serde_json::to_vec(&newer).unwrap()).unwrap();
    pick(&app, &path);
    let opened = invoke(&app, "open_pack_file", json!({})).unwrap();
    confirm(&app, &opened["id"], "install").unwrap();
    let e = confirm(&app, &held[0]["id"], "install").unwrap_err();
    assert!(error("conflict", None)(&e), "{e}");
    assert_eq!(communities(&app)[0]["version"], "1.2.0");
    // Shown again, it is what it is now: an older version, which only a replace would install.
    let again = pending(&app);
    assert_eq!(again[0]["preview"]["relation"], "older");
    assert_eq!(again[0]["preview"]["choices"], json!(["replace"]));
}

#[test]
fn a_pack_that_was_never_shown_cannot_be_confirmed() {
    let app = app();
    on_deep_links(app._app.handle(), &[link_to(&app, "turing-way-like.stint.json", &sample())]);
    let id = app._app.state::<PendingPacks>().all()[0].id;
    let e = confirm(&app, &json!(id), "install").unwrap_err();
    assert!(error("conflict", None)(&e), "{e}");
    assert_eq!(communities(&app), json!([]));
}

#[test]
fn a_link_that_arrives_before_the_store_is_open_is_held_for_later() {
    // The builder manages the held packs before `setup` opens the store.
    let early = tauri::test::mock_app();
    early.manage(PendingPacks::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("turing-way-like.stint.json");
    std::fs::write(&path, serde_json::to_vec(&sample()).unwrap()).unwrap();
    let url: tauri::Url = format!("stint://import?path={}", path.display()).parse().unwrap();
    on_deep_links(early.handle(), &[url]);
    let held = early.state::<PendingPacks>().all();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].bytes, std::fs::read(&path).unwrap());
}

#[test]
fn a_broken_pack_from_a_link_is_refused_at_once_and_nothing_is_held() {
    let app = app();
    let mut broken = sample();
    broken["calls"][0]["time_zone"] = json!("Europe/Atlantis");
    let notices = Arc::new(Mutex::new(Vec::<String>::new()));
    let n = notices.clone();
    app._app.listen_any(super::events::NOTICE, move |e| n.lock().unwrap().push(e.payload().to_string()));
    on_deep_links(app._app.handle(), &[link_to(&app, "broken.stint.json", &broken)]);
    assert_eq!(pending(&app), Vec::<Value>::new());
    let told = notices.lock().unwrap().join("\n");
    assert!(told.contains("Stint cannot open the community pack") && told.contains("Europe/Atlantis"), "{told}");
}
