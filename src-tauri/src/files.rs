//! Small JSON files the shell keeps beside the database (reminders, the bundled pack's marker).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

/// Writes `value` as JSON to `path` through a temporary file and a rename, so a crash leaves either
/// the old file or the new one, never half of one.
pub fn write_json(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    let bytes = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    let temporary = path.with_extension("json.tmp");
    {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_reads_back_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.json");
        write_json(&path, &serde_json::json!({"a": 1})).unwrap();
        write_json(&path, &serde_json::json!({"a": 2})).unwrap();
        let read: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(read, serde_json::json!({"a": 2}));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
