//! Every message key the backend names (core and the shell) is in the catalogues, so no notification,
//! tray item or title can show a bare key. The catalogues' agreement with each other is tested
//! beside the reader (`i18n::catalogue`).

use std::path::{Path, PathBuf};

use stint_core::i18n::{keys, Lang};

/// The backend's message keys start with one of these (the UI's have their own prefixes).
const BACKEND_PREFIXES: [&str; 5] = ["notify_", "tray_", "duration_", "error_", "updates_"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of `source` that look like a backend key: `"notify_…"`, all lower case.
fn key_literals(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| BACKEND_PREFIXES.iter().any(|p| s.starts_with(p)))
        .filter(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_key_the_backend_names_is_in_every_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("crates/core/src"), &mut files);
    rust_files(&root.join("src-tauri/src"), &mut files);
    let used: Vec<(PathBuf, String)> = files
        .iter()
        .flat_map(|f| key_literals(&std::fs::read_to_string(f).unwrap()).into_iter().map(move |k| (f.clone(), k)))
        .collect();
    assert!(used.len() > 30, "the scan found too few keys ({}): is it reading the sources?", used.len());
    for lang in Lang::ALL {
        let known = keys(lang);
        let missing: Vec<_> = used.iter().filter(|(_, k)| !known.contains(k)).collect();
        assert!(missing.is_empty(), "{}: keys not in the catalogue: {missing:?}", lang.code());
    }
}

#[test]
fn the_scan_sees_a_missing_key() {
    assert_eq!(key_literals(r#"tr0(lang, "notify_no_such") + "Notify" + "tray_x""#), ["notify_no_such", "tray_x"]);
    assert!(!keys(Lang::De).contains("notify_no_such"));
}
