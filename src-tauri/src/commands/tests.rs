//! The commands through Tauri's mock runtime: their JSON in and out, and their errors' JSON.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

use super::*;
use crate::notifier::{self, ActionWaiter, Backend, Reports};
use crate::runner::{self, Inbox};
use crate::state::SharedStore;

struct Silent;

impl Backend for Silent {
    fn show(&self, _: &stint_core::announce::Announcement, _: bool) -> Result<Option<ActionWaiter>, String> {
        Ok(None)
    }
}

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
    inbox: Inbox,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("stint.db")).unwrap();
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
        startup_report: vec!["The database was restored from a backup.".into()],
    });
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    App { _app: app, window, _dir: dir, inbox }
}

fn invoke(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
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

#[test]
fn build_rs_and_the_capability_list_exactly_the_handlers_commands() {
    let handled: Vec<String> = {
        let source = include_str!("../commands.rs");
        let list = source.split("generate_handler![").nth(1).unwrap().split(']').next().unwrap();
        list.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
    };
    let declared: Vec<String> = {
        let source = include_str!("../../build.rs");
        let list = source.split("COMMANDS: &[&str] = &[").nth(1).unwrap().split("];").next().unwrap();
        list.split(',').map(|c| c.trim().trim_matches('"').to_string()).filter(|c| !c.is_empty()).collect()
    };
    assert_eq!(handled, declared);

    let capability: Value = serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
    assert_eq!(capability["windows"], json!(["main"]));
    let mut allowed: Vec<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    allowed.sort();
    let mut expected: Vec<String> = declared.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    expected.extend(["core:event:default".to_string(), "dialog:allow-save".to_string()]);
    expected.sort();
    assert_eq!(allowed, expected);
}
