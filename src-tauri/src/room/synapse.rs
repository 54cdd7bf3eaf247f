//! A real Synapse for the client's tests, started through scripts/synapse.sh in a temp dir and stopped
//! when dropped. Not installed is a failure with the command to run, never a skipped test.

use std::path::PathBuf;
use std::process::Command;

pub struct Synapse {
    dir: tempfile::TempDir,
    pub base_url: String,
    /// The test authorization server Synapse delegates sign-in to (`start_with_oauth`).
    pub oauth_url: Option<String>,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/synapse.sh")
}

fn run(args: &[&str]) -> String {
    let out = Command::new(script()).args(args).output().expect("scripts/synapse.sh runs");
    assert!(
        out.status.success(),
        "scripts/synapse.sh {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Synapse {
    /// Starts a fresh homeserver on a free port of 127.0.0.1.
    pub fn start() -> Synapse {
        Synapse::start_as(&[])
    }

    /// Starts a fresh homeserver that delegates sign-in to scripts/oauth-test-server.py, as a
    /// server behind the Matrix Authentication Service does.
    pub fn start_with_oauth() -> Synapse {
        Synapse::start_as(&["oauth"])
    }

    fn start_as(mode: &[&str]) -> Synapse {
        let installed = Command::new(script()).arg("installed").output().expect("scripts/synapse.sh runs");
        assert!(
            installed.status.success(),
            "The live-room tests need a real Matrix homeserver and Synapse is not installed. Run \
             scripts/install-deps.sh (it installs matrix-synapse from PyPI into a virtual environment).\n{}",
            String::from_utf8_lossy(&installed.stderr)
        );
        // Made before the server starts, so that if starting fails (and the test panics) its Drop
        // stops whatever was left running: a daemonized Synapse, the authorization server.
        let mut synapse =
            Synapse { dir: tempfile::tempdir().expect("a temp dir"), base_url: String::new(), oauth_url: None };
        let dir = synapse.dir.path().to_str().unwrap().to_string();
        let mut args = vec!["start", dir.as_str()];
        args.extend_from_slice(mode);
        synapse.base_url = run(&args);
        synapse.oauth_url =
            std::fs::read_to_string(synapse.dir.path().join("oauth_url")).ok().map(|u| u.trim().to_string());
        synapse
    }

    pub fn register(&self, user: &str, password: &str, admin: bool) {
        let mut args = vec!["register", self.dir.path().to_str().unwrap(), user, password];
        if admin {
            args.push("admin");
        }
        run(&args);
    }

    pub fn stop(&self) {
        run(&["stop", self.dir.path().to_str().unwrap()]);
    }

    /// Starts the same server again: same port, same database, same users.
    pub fn restart(&self) {
        let url = run(&["start", self.dir.path().to_str().unwrap()]);
        assert_eq!(url, self.base_url);
    }
}

impl Drop for Synapse {
    fn drop(&mut self) {
        let _ = Command::new(script()).args(["stop", self.dir.path().to_str().unwrap()]).output();
    }
}
