//! The Calls view's commands through Tauri's mock runtime: JSON in and out, error JSON, events, and
//! what they tell the runner.

use std::sync::{Arc, Mutex};

use chrono::{DurationRound, Utc};
use serde_json::{json, Value};
use tauri::{Listener, Manager};

use super::super::tests::{app, error, invoke, pick, App};
use crate::desktop::links::{LinkOpener, Links};
use crate::ipc::events::{CALLS_CHANGED, PACKS_CHANGED};
use crate::runner::Message;

#[derive(Clone, Default)]
struct Opened(Arc<Mutex<Vec<String>>>);

impl LinkOpener for Opened {
    fn open(&self, url: &str) -> Result<(), String> {
        self.0.lock().unwrap().push(url.to_string());
        Ok(())
    }
}

impl Opened {
    fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// Counts the events named `name` the app emits.
fn count(app: &App, name: &str) -> Arc<Mutex<usize>> {
    let counter = Arc::new(Mutex::new(0));
    let c = counter.clone();
    app._app.listen_any(name, move |_| *c.lock().unwrap() += 1);
    counter
}

fn calls_app() -> (App, Opened) {
    let app = app();
    let opened = Opened::default();
    app._app.manage(Links(Box::new(opened.clone())));
    (app, opened)
}

fn sample_pack_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../packs/turing-way-like.stint.json")
}

/// Opens the sample pack as the Calls view does and confirms its first choice.
fn install_sample(app: &App) -> Result<Value, Value> {
    pick(app, sample_pack_path());
    let pending = invoke(app, "open_pack_file", json!({}))?;
    let choice = pending["preview"]["choices"][0].clone();
    invoke(app, "confirm_pack_import", json!({"id": pending["id"], "choice": choice}))
}

/// A personal one-off call in UTC that started `seconds_ago`, lasting 30 minutes.
fn call_started(seconds_ago: i64, join_link: Option<&str>) -> Value {
    let start =
        (Utc::now() - chrono::Duration::seconds(seconds_ago)).duration_trunc(chrono::Duration::seconds(1)).unwrap();
    json!({
        "id": "",
        "title": "Writing hour",
        "community_id": null,
        "format_id": "pomodoro",
        "first_start": start.naive_utc(),
        "time_zone": "UTC",
        "duration_minutes": 30,
        "recurrence": {"frequency": "once"},
        "join_link": join_link,
        "notes_link": null,
        "reminder_minutes": 10,
        "skip_on_days_of": []
    })
}

#[test]
fn a_pack_imports_from_the_file_the_dialog_picked_and_its_calls_are_upcoming() {
    let (mut app, _) = calls_app();
    let packs_changed = count(&app, PACKS_CHANGED);
    let calls_changed = count(&app, CALLS_CHANGED);
    let imported = install_sample(&app).unwrap();
    assert_eq!(imported["action"], "installed");
    assert_eq!(imported["community_id"], "turing-way-like");
    assert_eq!((*packs_changed.lock().unwrap(), *calls_changed.lock().unwrap()), (1, 1));
    assert_eq!(app.inbox.drain(), [Message::CallsChanged]);

    pick(&app, sample_pack_path());
    let again = invoke(&app, "open_pack_file", json!({})).unwrap();
    assert_eq!(again["preview"]["relation"], "same");
    assert_eq!(again["preview"]["choices"], json!([]), "the installed pack offers nothing to do");
    invoke(&app, "cancel_pack_import", json!({"id": again["id"]})).unwrap();
    assert_eq!(*packs_changed.lock().unwrap(), 1, "nothing changed, nothing told");

    let communities = invoke(&app, "list_communities", json!({})).unwrap();
    assert_eq!(communities[0]["name"], "Turing Way-like community");
    assert_eq!(communities[0]["accent"], "#2f6f8f");

    let upcoming = invoke(&app, "upcoming_calls", json!({"days": 14})).unwrap();
    let first = &upcoming.as_array().unwrap()[0];
    for key in ["call_id", "title", "starts_at", "ends_at", "local_start", "time_zone", "join_link", "community"] {
        assert!(!first[key].is_null(), "{key} in {first}");
    }
    assert_eq!(first["time_zone"], "Europe/London");
    assert_eq!(first["community"]["accent"], "#2f6f8f");
    assert_eq!(first["reminders_enabled"], true);
    let e = invoke(&app, "upcoming_calls", json!({"days": 0})).unwrap_err();
    assert!(error("invalid_input", Some("days"))(&e), "{e}");

    invoke(&app, "remove_community", json!({"id": "turing-way-like"})).unwrap();
    assert_eq!(invoke(&app, "list_communities", json!({})).unwrap(), json!([]));
    assert_eq!(invoke(&app, "upcoming_calls", json!({"days": 14})).unwrap(), json!([]));
    let e = invoke(&app, "remove_community", json!({"id": "turing-way-like"})).unwrap_err();
    assert!(error("not_found", None)(&e), "{e}");
}

#[test]
fn a_malformed_pack_is_refused_naming_its_json_path_and_stores_nothing() {
    let (mut app, _) = calls_app();
    let mut pack: Value = serde_json::from_slice(&std::fs::read(sample_pack_path()).unwrap()).unwrap();
    pack["calls"][1]["time_zone"] = json!("Europe/Atlantis");
    let path = app._dir.path().join("broken.stint.json");
    std::fs::write(&path, serde_json::to_vec(&pack).unwrap()).unwrap();
    pick(&app, &path);
    let e = invoke(&app, "open_pack_file", json!({})).unwrap_err();
    assert!(error("invalid_input", Some("calls[1].time_zone"))(&e), "{e}");
    assert!(e["message"].as_str().unwrap().contains("Europe/Atlantis"), "{e}");

    std::fs::write(&path, b"{\"stint_pack\": 1,\n  \"id\": }").unwrap();
    let e = invoke(&app, "open_pack_file", json!({})).unwrap_err();
    assert!(error("invalid_input", Some("line 2, column 9"))(&e), "{e}");

    pick(&app, app._dir.path().join("missing.stint.json"));
    let e = invoke(&app, "open_pack_file", json!({})).unwrap_err();
    assert!(error("invalid_input", Some("path"))(&e), "{e}");
    assert_eq!(invoke(&app, "list_communities", json!({})).unwrap(), json!([]));
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), json!([]));
    assert!(app.inbox.drain().is_empty());
}

#[test]
fn personal_calls_are_created_edited_switched_and_deleted_and_unknown_ids_are_not_found() {
    let (mut app, _) = calls_app();
    let calls_changed = count(&app, CALLS_CHANGED);
    let mut bad = call_started(0, Some("javascript:alert(1)"));
    let e = invoke(&app, "create_call", json!({ "call": bad })).unwrap_err();
    assert!(error("invalid_input", Some("join_link"))(&e), "{e}");
    bad["join_link"] = Value::Null;
    bad["time_zone"] = json!("Mars/Olympus");
    let e = invoke(&app, "create_call", json!({ "call": bad })).unwrap_err();
    assert!(error("invalid_input", Some("time_zone"))(&e), "{e}");
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), json!([]));

    let created = invoke(&app, "create_call", json!({"call": call_started(-3600, None)})).unwrap();
    let id = created["call"]["id"].as_str().unwrap().to_string();
    assert_eq!(created["origin"]["type"], "personal");
    assert_eq!(created["reminders_enabled"], true);
    let mut edited = created["call"].clone();
    edited["title"] = json!("Writing hour (long)");
    let updated = invoke(&app, "update_call", json!({"id": id, "call": edited})).unwrap();
    assert_eq!(updated["call"]["title"], "Writing hour (long)");
    let off = invoke(&app, "set_call_reminders", json!({"id": id, "enabled": false})).unwrap();
    assert_eq!(off["reminders_enabled"], false);
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap().as_array().unwrap().len(), 1);

    for (cmd, args) in [
        ("update_call", json!({"id": "nope", "call": edited})),
        ("set_call_reminders", json!({"id": "nope", "enabled": true})),
        ("delete_call", json!({"id": "nope"})),
        ("join_call", json!({"callId": "nope", "occurrenceStart": Utc::now()})),
    ] {
        let e = invoke(&app, cmd, args).unwrap_err();
        assert!(error("not_found", None)(&e), "{cmd}: {e}");
    }
    invoke(&app, "delete_call", json!({ "id": id })).unwrap();
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), json!([]));
    assert_eq!(*calls_changed.lock().unwrap(), 4, "create, update, reminders, delete");
    assert_eq!(app.inbox.drain(), vec![Message::CallsChanged; 4]);
}

#[test]
fn joining_late_starts_the_session_at_the_scheduled_start_and_opens_the_link() {
    let (mut app, opened) = calls_app();
    let created =
        invoke(&app, "create_call", json!({"call": call_started(7, Some("https://meet.example.org/writing"))}))
            .unwrap();
    let call_id = created["call"]["id"].clone();
    let upcoming = invoke(&app, "upcoming_calls", json!({"days": 1})).unwrap();
    let occurrence = &upcoming[0];
    assert_eq!(occurrence["in_progress"], true);
    assert_eq!(occurrence["current_phase"], "Pomodoro 1");
    app.inbox.drain();

    let e =
        invoke(&app, "join_call", json!({"callId": call_id, "occurrenceStart": "2020-01-01T00:00:00Z"})).unwrap_err();
    assert!(error("invalid_input", Some("occurrence_start"))(&e), "{e}");
    assert!(opened.all().is_empty());

    let view =
        invoke(&app, "join_call", json!({"callId": call_id, "occurrenceStart": occurrence["starts_at"]})).unwrap();
    assert_eq!(view["started_at"], occurrence["starts_at"], "synced to the schedule, not to the click");
    assert_eq!(view["format_id"], "pomodoro");
    assert_eq!(opened.all(), ["https://meet.example.org/writing"]);
    assert_eq!(app.inbox.drain(), [Message::Reload]);
    assert_eq!(invoke(&app, "upcoming_calls", json!({"days": 1})).unwrap()[0]["joined"], true);
}

#[test]
fn joining_while_another_session_runs_is_a_conflict_unless_it_is_replaced() {
    let (app, _) = calls_app();
    invoke(&app, "start_session", json!({"formatId": "pomodoro", "commitments": []})).unwrap();
    let created = invoke(&app, "create_call", json!({"call": call_started(60, None)})).unwrap();
    let start = invoke(&app, "upcoming_calls", json!({"days": 1})).unwrap()[0]["starts_at"].clone();
    let args = json!({"callId": created["call"]["id"], "occurrenceStart": start});
    let e = invoke(&app, "join_call", args.clone()).unwrap_err();
    assert!(error("conflict", None)(&e), "{e}");
    assert_eq!(invoke(&app, "current_session", json!({})).unwrap()["format_id"], "pomodoro");

    let mut replacing = args;
    replacing["replaceRunning"] = json!(true);
    let view = invoke(&app, "join_call", replacing).unwrap();
    assert_eq!(view["started_at"], start);
    let history = invoke(&app, "history_sessions", json!({"beforeId": null, "limit": 10})).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 2, "the solo session was stopped and kept");
}

#[test]
fn open_link_opens_only_validated_links() {
    let (app, opened) = calls_app();
    invoke(&app, "open_link", json!({"url": "msteams://teams.microsoft.com/l/meetup-join/x"})).unwrap();
    for bad in ["file:///etc/passwd", "javascript:alert(1)", "https://user:pw@example.org/"] {
        let e = invoke(&app, "open_link", json!({ "url": bad })).unwrap_err();
        assert!(error("invalid_input", Some("join_link"))(&e), "{bad}: {e}");
    }
    assert_eq!(opened.all(), ["msteams://teams.microsoft.com/l/meetup-join/x"]);
}

#[test]
fn calendar_files_export_and_import_back() {
    let (app, _) = calls_app();
    install_sample(&app).unwrap();
    let file = app._dir.path().join("calls.ics");
    pick(&app, &file);
    let written = invoke(&app, "export_ics", json!({})).unwrap();
    assert_eq!(written, json!(file.display().to_string()));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR") && text.contains("Collaboration Cafe"));
    // No dialog confirmed replacing it, so a second export gets a new name and the first stays.
    let second = invoke(&app, "export_ics", json!({})).unwrap();
    assert_eq!(second, json!(app._dir.path().join("calls (2).ics").display().to_string()));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);

    invoke(&app, "remove_community", json!({"id": "turing-way-like"})).unwrap();
    let imported = invoke(&app, "import_ics", json!({})).unwrap();
    assert_eq!(imported["calls"].as_array().unwrap().len(), 2);
    let calls = invoke(&app, "list_calls", json!({})).unwrap();
    assert!(calls.as_array().unwrap().iter().all(|c| c["origin"]["type"] == "personal"));

    // One broken event is reported by its line and skipped (issue 12); nothing of it is stored.
    std::fs::write(&file, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:nonsense\nEND:VEVENT\nEND:VCALENDAR\n").unwrap();
    let imported = invoke(&app, "import_ics", json!({})).unwrap();
    assert_eq!(imported["calls"], json!([]));
    assert!(imported["skipped"][0].as_str().unwrap().starts_with("Line 3: "), "{imported}");
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), calls, "nothing stored");
    // A file that is not a calendar at all is an error naming its line.
    std::fs::write(&file, "hello world\n").unwrap();
    let e = invoke(&app, "import_ics", json!({})).unwrap_err();
    assert_eq!(e["code"], "invalid_input", "{e}");
    assert!(e["field"].as_str().unwrap().starts_with("line"), "{e}");
    assert_eq!(invoke(&app, "list_calls", json!({})).unwrap(), calls, "nothing stored");
    pick(&app, "/no/such/dir/calls.ics");
    let e = invoke(&app, "export_ics", json!({})).unwrap_err();
    assert!(error("invalid_input", Some("path"))(&e), "{e}");
}

#[test]
fn a_series_runs_from_commitments_to_notes_to_the_next_series() {
    let (app, _) = calls_app();
    let draft = json!({
        "title": "Thesis group",
        "community_id": null,
        "pattern": {"type": "days_of_week", "week_of": "2030-03-04", "days": ["mon", "wed", "fri"]},
        "time": "18:00:00",
        "time_zone": "Europe/London",
        "duration_minutes": 60,
        "join_link": null,
        "notes_link": null,
        "reminder_minutes": 10
    });
    let mut bad = draft.clone();
    bad["pattern"]["days"] = json!(["mon"]);
    let e = invoke(&app, "create_series", json!({ "draft": bad })).unwrap_err();
    assert!(error("invalid_input", Some("pattern.days"))(&e), "{e}");
    bad["time"] = json!("25:99");
    let e = invoke(&app, "create_series", json!({ "draft": bad })).unwrap_err();
    assert!(error("invalid_input", Some("time"))(&e), "{e}");

    let series = invoke(&app, "create_series", json!({ "draft": draft })).unwrap();
    let id = series["id"].clone();
    assert_eq!(series["calls"].as_array().unwrap().len(), 3);
    assert_eq!(invoke(&app, "list_series", json!({})).unwrap().as_array().unwrap().len(), 1);
    let kept = invoke(&app, "add_series_commitment", json!({"seriesId": id, "text": "Draft chapter 2"})).unwrap();
    invoke(&app, "add_series_commitment", json!({"seriesId": id, "text": "Email my supervisor"})).unwrap();
    let noted = invoke(&app, "note_commitment", json!({"id": kept["id"], "note": "Half done"})).unwrap();
    assert_eq!(noted["id"], kept["id"]);
    invoke(&app, "resolve_commitment", json!({"id": kept["id"], "status": "done", "note": null})).unwrap();
    assert_eq!(invoke(&app, "series_commitments", json!({"seriesId": id})).unwrap().as_array().unwrap().len(), 2);

    let mut next_draft = draft.clone();
    next_draft["pattern"]["week_of"] = json!("2030-03-11");
    let next = invoke(&app, "start_next_series", json!({"seriesId": id, "draft": next_draft})).unwrap();
    let carried = invoke(&app, "series_commitments", json!({"seriesId": next["id"]})).unwrap();
    assert_eq!(carried.as_array().unwrap().len(), 1);
    assert_eq!(carried[0]["text"], "Email my supervisor");
    let e = invoke(&app, "series_commitments", json!({"seriesId": "series-99"})).unwrap_err();
    assert!(error("not_found", None)(&e), "{e}");
}
