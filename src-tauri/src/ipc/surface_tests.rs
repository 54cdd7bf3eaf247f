//! The surface written once (`surface.rs`) against what is derived from it: each window's
//! capability (written by build.rs), the TypeScript names `api.ts` is typed by (written here, like
//! ts-rs's bindings; `make check-bindings` fails when they are stale), and `api.ts`'s wrappers.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{events, SURFACE};

/// What each window may do besides Stint's own commands. No window may open a file dialog: the
/// backend opens them (`desktop::file_dialog`), so no page ever handles a path.
fn plugin_permissions(_window: &str) -> Vec<&'static str> {
    vec!["core:event:default"]
}

fn allow(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

fn capability(json: &str) -> (Value, BTreeSet<String>) {
    let capability: Value = serde_json::from_str(json).unwrap();
    let allowed =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    (capability["windows"].clone(), allowed)
}

#[test]
fn each_windows_capability_grants_exactly_its_commands() {
    let files = [
        ("main", include_str!("../../capabilities/main.json")),
        ("mini", include_str!("../../capabilities/mini.json")),
    ];
    for (window, json) in files {
        let (windows, allowed) = capability(json);
        assert_eq!(windows, serde_json::json!([window]));
        let mut expected: BTreeSet<String> = SURFACE
            .iter()
            .filter(|(_, windows)| windows.contains(&window))
            .map(|(command, _)| allow(command))
            .collect();
        expected.extend(plugin_permissions(window).into_iter().map(String::from));
        assert_eq!(allowed, expected, "{window}");
    }
    assert_eq!(crate::desktop::mini::LABEL, "mini");
}

#[test]
fn the_mini_timer_can_only_read_pause_resume_and_skip() {
    let mini: Vec<&str> = SURFACE.iter().filter(|(_, w)| w.contains(&"mini")).map(|(c, _)| *c).collect();
    // ui_locale: the mini timer speaks the user's language too.
    assert_eq!(mini, ["current_session", "pause_session", "resume_session", "skip_phase", "ui_locale"]);
}

/// The text of `ui/src/lib/bindings/ipc.ts`.
fn typescript_names() -> String {
    let quoted = |names: &mut dyn Iterator<Item = &str>| names.map(|n| format!("\n  | '{n}'")).collect::<String>();
    format!(
        "// Generated from src-tauri/src/ipc/surface.rs and ipc/events.rs by `cargo test`; do not edit.\n\n\
         /** Every IPC command the backend answers. */\nexport type Command ={};\n\n\
         /** Every event the backend sends the UI. */\nexport type EventName ={};\n",
        quoted(&mut SURFACE.iter().map(|(c, _)| *c)),
        quoted(&mut events::ALL.iter().copied()),
    )
}

#[test]
fn export_bindings_ipc_names() {
    let dir = std::env::var("TS_RS_EXPORT_DIR").expect(".cargo/config.toml sets TS_RS_EXPORT_DIR");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir).join("ipc.ts");
    std::fs::write(&path, typescript_names()).unwrap();
}

/// The commands `api.ts` calls: the name in each `call<Type>('name'`.
fn called_in_api(source: &str) -> Vec<String> {
    source
        .match_indices("call<")
        .filter_map(|(at, _)| {
            let rest = &source[at..];
            let open = rest.find("('")?;
            let generic = &rest[..open];
            // `call<SessionView | null>('x'`, not the helper's own `call<T>(command, …)`.
            if generic.contains(['(', ')']) || !generic.ends_with('>') {
                return None;
            }
            let name = &rest[open + 2..];
            Some(name[..name.find('\'')?].to_string())
        })
        .collect()
}

#[test]
fn api_ts_wraps_every_command_once_and_no_other() {
    let source = include_str!("../../../ui/src/lib/api.ts");
    let mut called = called_in_api(source);
    called.sort();
    let mut surface: Vec<String> = SURFACE.iter().map(|(c, _)| c.to_string()).collect();
    surface.sort();
    assert_eq!(called, surface);
}

#[test]
fn api_ts_listens_to_every_event() {
    let source = include_str!("../../../ui/src/lib/api.ts");
    for event in events::ALL {
        assert!(source.contains(&format!("('{event}'")), "api.ts does not listen to {event}");
    }
}
