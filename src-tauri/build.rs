//! Declares the app's own commands (from `src/ipc/surface.rs`, the one list) so Tauri makes a
//! permission for each, writes each window's capability from the same list, and bakes in the
//! community pack named by `STINT_BUNDLED_PACK`.

use std::path::Path;

include!("src/ipc/surface.rs");

/// Every command with the windows allowed to call it.
const SURFACE: &[(&str, &[&str])] = ipc_surface!(command_table);

/// Each window's capability: identifier, description, and the permissions of plugins it needs
/// besides Stint's own commands.
const WINDOWS: &[(&str, &str, &str, &[&str])] = &[
    (
        "main",
        "main-window",
        "The main window: Stint's own commands and its events. No file dialogs: the backend opens them, so the page never handles a path. Nothing else.",
        &["core:event:default"],
    ),
    (
        "mini",
        "mini-window",
        "The mini timer: read the live session, pause, resume and skip, and hear session-changed. Nothing else.",
        &["core:event:default"],
    ),
];

fn main() {
    println!("cargo:rerun-if-changed=src/ipc/surface.rs");
    bundle_pack();
    write_capabilities();
    // Tauri keeps the names for the whole build: a build script may leak them.
    let commands: &'static [&'static str] = SURFACE.iter().map(|(command, _)| *command).collect::<Vec<_>>().leak();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script failed");
}

/// Writes `capabilities/<window>.json` for each window, only when its text changes (Tauri's build
/// watches the folder).
fn write_capabilities() {
    for (window, identifier, description, plugins) in WINDOWS {
        let mut permissions: Vec<String> = plugins.iter().map(|p| p.to_string()).collect();
        permissions.extend(
            SURFACE
                .iter()
                .filter(|(_, windows)| windows.contains(window))
                .map(|(command, _)| format!("allow-{}", command.replace('_', "-"))),
        );
        let capability = serde_json::json!({
            "$schema": "../gen/schemas/desktop-schema.json",
            "identifier": identifier,
            "description": description,
            "windows": [window],
            "permissions": permissions,
        });
        let text = serde_json::to_string_pretty(&capability).expect("a capability serializes") + "\n";
        let path = Path::new("capabilities").join(format!("{window}.json"));
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("cannot write a capability file");
        }
    }
}

/// Names the community pack to bake into this build (docs/packs.md, "Ship your community's installer"):
/// an absolute path, or one relative to the repository root.
const BUNDLED_PACK_ENV: &str = "STINT_BUNDLED_PACK";
/// The largest pack Stint imports (stint_core::pack::MAX_PACK_BYTES).
const MAX_PACK_BYTES: u64 = 1024 * 1024;

/// Writes `$OUT_DIR/bundled_pack.rs`: `BUNDLED_PACK`, the bytes of the pack named by
/// `STINT_BUNDLED_PACK` (embedded with `include_bytes!`), or `None`. The app checks and imports it on
/// first run (src/bundled_pack.rs); here a missing or oversized file fails the build.
fn bundle_pack() {
    use std::path::PathBuf;
    println!("cargo:rerun-if-env-changed={BUNDLED_PACK_ENV}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_pack.rs");
    let value = match std::env::var(BUNDLED_PACK_ENV) {
        Ok(named) if !named.trim().is_empty() => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let path = std::fs::canonicalize(root.join(named.trim()))
                .unwrap_or_else(|e| panic!("{BUNDLED_PACK_ENV}={named}: {e}"));
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            assert!(
                path.to_string_lossy().ends_with(".stint.json") && size > 0 && size <= MAX_PACK_BYTES,
                "{BUNDLED_PACK_ENV}={named}: expected a .stint.json file of at most 1 MiB"
            );
            println!("cargo:rerun-if-changed={}", path.display());
            format!("Some(include_bytes!({:?}))", path.display().to_string())
        }
        _ => "None".to_string(),
    };
    let code = format!(
        "/// The community pack baked in at build time (`{BUNDLED_PACK_ENV}`), if any.\n\
         pub const BUNDLED_PACK: Option<&[u8]> = {value};\n"
    );
    std::fs::write(&out, code).expect("cannot write bundled_pack.rs");
}
