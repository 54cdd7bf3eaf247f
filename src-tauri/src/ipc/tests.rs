//! The commands through Tauri's mock runtime: their JSON in and out, and their errors' JSON.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

use super::*;
use crate::desktop::file_dialog::FileDialogs;
use crate::desktop::notifier::{self, ActionWaiter, Backend, Reports};
use crate::desktop::system::fake::FakeDesktop;
use crate::runner::{self, Inbox, Message};
use crate::shared_store::SharedStore;
use crate::state::settings::{self, Settings};
use crate::state::AppState;
use stint_core::live::Notice;
use stint_core::store::Store;

struct Silent;

impl Backend for Silent {
    fn show(&self, _: &Notice, _: bool) -> Result<Option<ActionWaiter>, String> {
        Ok(None)
    }
}

pub(super) struct App {
    pub(super) _app: tauri::App<MockRuntime>,
    pub(super) window: WebviewWindow<MockRuntime>,
    pub(super) _dir: tempfile::TempDir,
    pub(super) inbox: Inbox,
    pub(super) desktop: FakeDesktop,
}

pub(super) fn app() -> App {
    app_with(FakeDesktop::default())
}

pub(super) fn app_with(desktop: FakeDesktop) -> App {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path().join("stint.db"), chrono::Utc::now()).unwrap();
    let (runner, inbox) = runner::channel();
    let notifier = notifier::spawn(
        Silent,
        false,
        notifier::SHOW_TIMEOUT,
        Reports { failed: Box::new(|_| {}), action: std::sync::Arc::new(|_| {}) },
    );
    let app = mock_builder()
        .plugin(tauri_plugin_store::Builder::default().build())
        .invoke_handler(handler())
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(AppState {
        store: SharedStore::new(store),
        runner,
        notifier,
        settings: std::sync::Mutex::new(Settings::default()),
        settings_path: dir.path().join("settings.json"),
        startup_report: std::sync::Mutex::new(vec!["The database was restored from a backup.".into()]),
        data_dir: dir.path().to_path_buf(),
        desktop: Box::new(desktop.clone()),
    });
    app.manage(FileDialogs::default());
    app.manage(crate::state::pending_packs::PendingPacks::default());
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    App { _app: app, window, _dir: dir, inbox, desktop }
}

/// From now on, every file dialog answers `path` (as `STINT_TEST_DIALOG_PATH` makes it do).
pub(super) fn pick(app: &App, path: impl Into<std::path::PathBuf>) {
    app._app.state::<FileDialogs>().answer_with(path);
}

pub(super) fn invoke(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        &app.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// Whether `e` is an `ErrorPayload` with this code and field and a message.
pub(super) fn error<'a>(code: &'a str, field: Option<&'a str>) -> impl Fn(&Value) -> bool + 'a {
    move |e: &Value| {
        e["code"] == code && e["field"] == json!(field) && e["message"].as_str().is_some_and(|m| !m.is_empty())
    }
}

#[test]
fn an_invalid_format_draft_is_invalid_input_naming_the_field_and_stores_nothing() {
    let app = app();
    let before = invoke(&app, "list_formats", json!({"includeArchived": true})).unwrap();
    let draft = json!({
        "name": "Standup",
        "attribution": null,
        "phases": [{"label": "Talk", "kind": "talk", "seconds": 0, "prompt": null}],
        "commitments": {"ask_at_start": false, "resolve_at_end": false},
        "repeat": null
    });
    let e = invoke(&app, "create_format", json!({ "draft": draft })).unwrap_err();
    assert!(error("invalid_input", Some("phases[0].seconds"))(&e), "{e}");
    assert_eq!(e.as_object().unwrap().len(), 3, "exactly code, message, field: {e}");
    assert_eq!(invoke(&app, "list_formats", json!({"includeArchived": true})).unwrap(), before);
}

#[test]
fn unknown_ids_are_not_found() {
    let app = app();
    let e = invoke(&app, "duplicate_format", json!({"id": "no-such-format"})).unwrap_err();
    assert!(error("not_found", None)(&e), "{e}");
    let e = invoke(&app, "start_session", json!({"formatId": "no-such-format", "commitments": []})).unwrap_err();
    assert!(error("not_found", None)(&e), "{e}");
    let e = invoke(&app, "delete_session", json!({"id": 4242})).unwrap_err();
    assert!(error("not_found", None)(&e), "{e}");
}

#[test]
fn a_format_round_trips_through_create_and_list() {
    let app = app();
    let draft = json!({
        "name": "Short sprint",
        "attribution": null,
        "phases": [
            {"label": "Work", "kind": "focus", "seconds": 5, "prompt": null},
            {"label": "Rest", "kind": "break", "seconds": 5, "prompt": "Stretch"}
        ],
        "commitments": {"ask_at_start": true, "resolve_at_end": true},
        "repeat": null
    });
    let created = invoke(&app, "create_format", json!({ "draft": draft })).unwrap();
    assert_eq!(created["name"], "Short sprint");
    assert_eq!(created["origin"]["type"], "custom");
    let listed = invoke(&app, "list_formats", json!({"includeArchived": false})).unwrap();
    assert!(listed.as_array().unwrap().iter().any(|f| f["id"] == created["id"]));
    assert!(listed.as_array().unwrap().iter().any(|f| f["id"] == "pomodoro"), "built-ins are listed");
}

#[test]
fn session_commands_return_views_and_wake_the_runner() {
    let mut app = app();
    assert_eq!(invoke(&app, "current_session", json!({})).unwrap(), Value::Null);
    let e = invoke(&app, "pause_session", json!({})).unwrap_err();
    assert!(error("conflict", None)(&e), "nothing to pause: {e}");

    let view =
        invoke(&app, "start_session", json!({"formatId": "pomodoro", "commitments": ["Write the report"]})).unwrap();
    assert_eq!(view["format_id"], "pomodoro");
    assert_eq!(view["state"]["paused"], false);
    assert_eq!(view["commitments"][0]["text"], "Write the report");
    assert_eq!(app.inbox.drain(), [Message::Reload]);

    let paused = invoke(&app, "pause_session", json!({})).unwrap();
    assert_eq!(paused["state"]["paused"], true);
    assert_eq!(paused["id"], view["id"]);
    let e = invoke(&app, "pause_session", json!({})).unwrap_err();
    assert!(error("conflict", None)(&e), "already paused: {e}");
    let e = invoke(&app, "extend_phase", json!({"seconds": 0})).unwrap_err();
    assert_eq!(e["code"], "invalid_input", "{e}");

    let current = invoke(&app, "current_session", json!({})).unwrap();
    assert_eq!(current["id"], view["id"]);
    let added = invoke(&app, "add_commitment", json!({"sessionId": view["id"], "text": "  Reply to Ana  "})).unwrap();
    assert_eq!(added["text"], "Reply to Ana");
    let e = invoke(&app, "add_commitment", json!({"sessionId": view["id"], "text": "   "})).unwrap_err();
    assert!(error("invalid_input", Some("text"))(&e), "{e}");

    let stopped = invoke(&app, "stop_session", json!({})).unwrap();
    assert_eq!(stopped["state"]["done"], true);
    assert_eq!(invoke(&app, "current_session", json!({})).unwrap(), Value::Null);
    let history = invoke(&app, "history_sessions", json!({"beforeId": null, "limit": 10})).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(app.inbox.drain().len(), 3, "pause, add and stop woke the runner; refused calls did not");
}

#[test]
fn settings_are_validated_kept_in_the_store_file_and_passed_to_the_runner() {
    let mut app = app();
    let mut settings = serde_json::to_value(Settings::default()).unwrap();
    settings["focus_minutes"] = json!(0);
    let e = invoke(&app, "set_settings", json!({ "settings": settings })).unwrap_err();
    assert!(error("invalid_input", Some("focus_minutes"))(&e), "{e}");
    assert!(app.inbox.drain().is_empty());

    settings["focus_minutes"] = json!(50);
    settings["sleep_policy"] = json!("wall_clock");
    let saved = invoke(&app, "set_settings", json!({ "settings": settings })).unwrap();
    assert_eq!(saved, settings);
    assert_eq!(invoke(&app, "get_settings", json!({})).unwrap(), settings);
    let file = std::fs::read(app._dir.path().join("settings.json")).unwrap();
    let kept = settings::parse(&file).unwrap();
    assert_eq!(kept.focus_minutes, 50);
    assert_eq!(kept.sleep_policy, settings::SleepPolicy::WallClock);
    assert_eq!(app.inbox.drain(), [Message::Prefs(kept.session_prefs())]);
}

#[test]
fn the_startup_report_and_history_overview_answer() {
    let app = app();
    assert_eq!(invoke(&app, "startup_report", json!({})).unwrap(), json!(["The database was restored from a backup."]));
    let overview = invoke(&app, "history_overview", json!({"days": 7})).unwrap();
    assert_eq!(overview["focus_per_day"].as_array().map(Vec::len), Some(7));
    let e = invoke(&app, "history_overview", json!({"days": 0})).unwrap_err();
    assert!(error("invalid_input", Some("days"))(&e), "{e}");
}

#[test]
fn history_exports_into_a_new_folder_of_the_chosen_name_and_never_into_one_that_exists() {
    let app = app();
    let target = app._dir.path().join("exports").join("my-history");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    pick(&app, &target);
    let written = invoke(&app, "export_history", json!({"kind": "json"})).unwrap();
    let files: Vec<String> = serde_json::from_value(written).unwrap();
    assert_eq!(files, [target.join("stint-history.json").display().to_string()]);
    std::fs::write(&files[0], "the user's own edits").unwrap();

    let again = invoke(&app, "export_history", json!({"kind": "json"})).unwrap();
    let beside = target.with_file_name("my-history (2)").join("stint-history.json");
    assert_eq!(again, json!([beside.display().to_string()]));
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), "the user's own edits", "never overwritten");
    let csv = invoke(&app, "export_history", json!({"kind": "csv"})).unwrap();
    assert!(csv[0].as_str().unwrap().contains("my-history (3)"), "{csv}");
    let e = invoke(&app, "export_history", json!({"kind": "pdf"})).unwrap_err();
    assert!(e.is_string() || e.is_object(), "an unknown kind is refused: {e}");
}

#[test]
fn starting_the_pomodoro_uses_the_lengths_in_settings() {
    let app = app();
    let mut settings = serde_json::to_value(Settings::default()).unwrap();
    settings["focus_minutes"] = json!(50);
    settings["short_break_minutes"] = json!(10);
    invoke(&app, "set_settings", json!({ "settings": settings })).unwrap();
    let view = invoke(&app, "start_session", json!({"formatId": "pomodoro", "commitments": []})).unwrap();
    assert_eq!(view["format_id"], "pomodoro");
    assert_eq!(view["state"]["phase"]["seconds"], 3000);
    assert_eq!(view["agenda"][1]["phase"]["seconds"], 600, "{}", view["agenda"][1]);
    invoke(&app, "stop_session", json!({})).unwrap();

    // The global shortcut's (and the tray's) Start does the same.
    crate::app::entry::on_global_shortcut(app._app.handle());
    let view = invoke(&app, "current_session", json!({})).unwrap();
    assert_eq!(view["state"]["phase"]["seconds"], 3000);
    assert_ne!(view["state"]["phase_index"], Value::Null);
}

#[test]
fn an_impossible_shortcut_is_refused_naming_the_field_and_nothing_changes() {
    let app = app();
    let mut settings = serde_json::to_value(Settings::default()).unwrap();
    settings["global_shortcut"] = json!("Ctrl+Alt+Banana");
    settings["start_at_login"] = json!(true);
    let e = invoke(&app, "set_settings", json!({ "settings": settings })).unwrap_err();
    assert!(error("invalid_input", Some("global_shortcut"))(&e), "{e}");
    assert!(e["message"].as_str().unwrap().contains("Banana"), "{e}");
    assert!(!app._dir.path().join("settings.json").exists(), "nothing saved");
    assert!(app.desktop.applied().is_empty(), "nothing applied");
    assert_eq!(invoke(&app, "get_settings", json!({})).unwrap(), serde_json::to_value(Settings::default()).unwrap());
}

#[test]
fn start_at_login_and_the_shortcut_are_applied_when_saved() {
    let app = app();
    let mut settings = serde_json::to_value(Settings::default()).unwrap();
    settings["start_at_login"] = json!(true);
    settings["global_shortcut"] = json!("  Ctrl+Shift+F8 ");
    let saved = invoke(&app, "set_settings", json!({ "settings": settings })).unwrap();
    assert_eq!(saved["global_shortcut"], "Ctrl+Shift+F8");
    assert_eq!(app.desktop.applied(), ["start_at_login=true", "global_shortcut=Some(\"Ctrl+Shift+F8\")"]);

    settings["global_shortcut"] = json!("");
    let saved = invoke(&app, "set_settings", json!({ "settings": settings })).unwrap();
    assert_eq!(saved["global_shortcut"], Value::Null, "a cleared shortcut is none");
    assert_eq!(app.desktop.applied(), ["global_shortcut=None"]);
    let file = std::fs::read(app._dir.path().join("settings.json")).unwrap();
    let stored = settings::parse(&file).unwrap();
    assert!(stored.start_at_login);
    assert_eq!(stored.global_shortcut, None);
}

#[test]
fn a_shortcut_the_desktop_refuses_is_saved_and_reported_as_a_notice() {
    use tauri::Listener;
    let app = app_with(FakeDesktop::refusing_shortcuts());
    let notices = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let heard = notices.clone();
    app._app.listen(crate::ipc::events::NOTICE, move |event| heard.lock().unwrap().push(event.payload().to_string()));
    let mut settings = serde_json::to_value(Settings::default()).unwrap();
    settings["global_shortcut"] = json!("Super+P");
    let saved = invoke(&app, "set_settings", json!({ "settings": settings })).unwrap();
    assert_eq!(saved["global_shortcut"], "Super+P");
    assert_eq!(invoke(&app, "get_settings", json!({})).unwrap()["global_shortcut"], "Super+P");
    let notices = notices.lock().unwrap();
    assert_eq!(notices.len(), 1, "{notices:?}");
    let notice: Value = serde_json::from_str(&notices[0]).unwrap();
    assert_eq!(notice["error"], true, "{notice}");
    assert!(notice["message"].as_str().unwrap().contains("Super+P"), "{notice}");
}

#[test]
fn about_names_the_version_and_where_the_data_is() {
    let app = app();
    let about = invoke(&app, "about", json!({})).unwrap();
    let dir = app._dir.path();
    assert_eq!(
        about,
        json!({
            "version": env!("CARGO_PKG_VERSION"),
            "data_dir": dir.display().to_string(),
            "db_path": dir.join("stint.db").display().to_string(),
        })
    );
}

#[test]
fn the_main_window_toggles_the_mini_timer() {
    let app = app();
    assert_eq!(invoke(&app, "toggle_mini_timer", json!({})).unwrap(), json!(true));
    let mini = app._app.get_webview_window(crate::desktop::mini::LABEL).expect("the mini timer exists");
    assert_eq!(mini.url().unwrap().fragment(), Some("mini"));
    assert_eq!(invoke(&app, "toggle_mini_timer", json!({})).unwrap(), json!(false));
}
