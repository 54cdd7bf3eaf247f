//! Tests only: a private D-Bus session bus (dbus-daemon), and python3-dbusmock services on it, so
//! the D-Bus code is tested against a real bus without touching the user's.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A dbus-daemon of its own; killed when dropped, with every service started on it.
pub struct PrivateBus {
    pub address: String,
    children: Vec<Child>,
}

impl PrivateBus {
    pub fn start() -> PrivateBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon is needed for this test (Debian package dbus; scripts/install-deps.sh installs it)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().expect("piped")).read_line(&mut address).expect("the bus address");
        PrivateBus { address: address.trim().to_string(), children: vec![daemon] }
    }

    /// Starts the python3-dbusmock template at `template` on this bus and waits (at most 20 s) until
    /// `name` is owned.
    pub fn mock(&mut self, template: &Path, name: &str) {
        let child = Command::new("/usr/bin/python3")
            .args(["-m", "dbusmock", "--session", "-t"])
            .arg(template)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .stdout(Stdio::null())
            .spawn()
            .expect("python3-dbusmock is needed for this test (scripts/install-deps.sh installs it)");
        self.children.push(child);
        let started = Instant::now();
        while !self.owned(name) {
            assert!(started.elapsed() < Duration::from_secs(20), "{name} did not appear on the test bus");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn owned(&self, name: &str) -> bool {
        let owned = zbus::block_on(async {
            let connection = zbus::connection::Builder::address(self.address.as_str()).build().await?;
            let daemon = zbus::fdo::DBusProxy::new(&connection).await?;
            let name = zbus::names::BusName::try_from(name)?;
            Ok::<bool, zbus::Error>(daemon.name_has_owner(name).await?)
        });
        owned.unwrap_or(false)
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        for child in self.children.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
