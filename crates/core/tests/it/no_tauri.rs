//! The core must stay free of Tauri: everything it decides is testable with plain `cargo test`.

#[test]
fn core_manifest_names_no_tauri_crate() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let offenders: Vec<&str> = manifest
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("tauri") || line.contains("package = \"tauri"))
        .collect();
    assert!(offenders.is_empty(), "crates/core/Cargo.toml depends on Tauri: {offenders:?}");
}
