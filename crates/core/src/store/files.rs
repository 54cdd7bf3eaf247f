//! Files beside the database: `<db>.in-use`, `<db>.backup-…`, `<db>.damaged-…`.

use std::path::{Path, PathBuf};

/// The file named like `path` with `suffix` appended, in the same folder.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}
