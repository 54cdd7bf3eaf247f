//! What this desktop lets Stint do, so Settings can say plainly what will not work here instead of
//! offering a dead option: a global shortcut needs an X11 display, Windows, macOS, or (on Wayland)
//! the XDG GlobalShortcuts portal (`shortcut::portal`); keeping the mini timer above other windows is
//! impossible on Wayland. (A combination macOS refuses is reported when it is registered.)
//!
//! The decision (`decide`) is pure; what it reads is the session's environment and whether the
//! portal answers on the session bus (`portal_offers_shortcuts`).

use serde::Serialize;
use ts_rs::TS;

/// Whether a feature works here, and if not, a sentence saying so and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Capability {
    pub available: bool,
    /// Why it is unavailable (a sentence for the user); `None` when available.
    pub note: Option<String>,
}

impl Capability {
    fn yes() -> Self {
        Capability { available: true, note: None }
    }

    fn no(note: &str) -> Self {
        Capability { available: false, note: Some(note.into()) }
    }
}

/// What the desktop offers to Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DesktopCapabilities {
    /// A system-wide start/pause key.
    pub global_shortcut: Capability,
    /// The mini timer staying above other windows.
    pub always_on_top: Capability,
}

/// The kind of graphical session Stint runs in (Linux; elsewhere `Native`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Session {
    /// Windows or macOS.
    Native,
    X11,
    Wayland,
    /// No display Stint can find.
    Headless,
}

impl Session {
    /// Reads the session from environment variables (`get` is `std::env::var` in the app). Wayland
    /// wins when both are set: an X display is then XWayland, which sees keys only while one of its
    /// own windows has focus.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Session {
        let set = |name: &str| get(name).is_some_and(|value| !value.is_empty());
        let session_type = get("XDG_SESSION_TYPE").unwrap_or_default().to_ascii_lowercase();
        if session_type == "wayland" || (set("WAYLAND_DISPLAY") && session_type != "x11") {
            Session::Wayland
        } else if set("DISPLAY") {
            Session::X11
        } else {
            Session::Headless
        }
    }

    /// This process's session.
    pub fn current() -> Session {
        if cfg!(target_os = "linux") {
            Session::from_env(|name| std::env::var(name).ok())
        } else {
            Session::Native
        }
    }
}

/// What works in `session`, given whether the shortcuts portal answers on the session bus.
pub fn decide(session: Session, portal_shortcuts: bool) -> DesktopCapabilities {
    let global_shortcut = match session {
        Session::Native | Session::X11 => Capability::yes(),
        Session::Wayland if portal_shortcuts => Capability::yes(),
        Session::Wayland => Capability::no(
            "This Wayland desktop does not let apps take a global shortcut. \
             Use the tray icon or the window to start and pause.",
        ),
        Session::Headless => {
            Capability::no("Stint found no display to take a global shortcut from. Use the window to start and pause.")
        }
    };
    let always_on_top = match session {
        Session::Wayland => Capability::no(
            "This Wayland desktop does not let apps keep a window above the others, so the mini timer \
             can be covered. Your desktop may offer \"Always on top\" in the window's own menu.",
        ),
        _ => Capability::yes(),
    };
    DesktopCapabilities { global_shortcut, always_on_top }
}

/// A connection to the session bus at `address` (`None`: the user's session bus).
#[cfg(target_os = "linux")]
pub async fn session_bus(address: Option<&str>) -> zbus::Result<zbus::Connection> {
    match address {
        None => zbus::Connection::session().await,
        Some(address) => zbus::connection::Builder::address(address).build().await,
    }
}

/// Whether `org.freedesktop.portal.GlobalShortcuts` answers on the session bus at `address` (`None`:
/// the user's session bus). Any failure (no bus, no portal, a portal without that interface) is "no".
#[cfg(target_os = "linux")]
pub async fn portal_offers_shortcuts(address: Option<&str>) -> bool {
    let Ok(connection) = session_bus(address).await else { return false };
    let proxy = zbus::Proxy::new(
        &connection,
        "org.freedesktop.portal.Desktop",
        "/org/freedesktop/portal/desktop",
        "org.freedesktop.portal.GlobalShortcuts",
    )
    .await;
    match proxy {
        Ok(proxy) => proxy.get_property::<u32>("version").await.is_ok(),
        Err(_) => false,
    }
}

/// This desktop's capabilities; asks the session bus on Linux (a blocking D-Bus round trip).
pub fn detect() -> DesktopCapabilities {
    let session = Session::current();
    #[cfg(target_os = "linux")]
    let portal = session == Session::Wayland && zbus::block_on(portal_offers_shortcuts(None));
    #[cfg(not(target_os = "linux"))]
    let portal = false;
    decide(session, portal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(vars: &[(&str, &str)]) -> Session {
        Session::from_env(|name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn the_session_is_read_from_the_environment() {
        assert_eq!(session(&[("DISPLAY", ":0")]), Session::X11);
        assert_eq!(session(&[("DISPLAY", ":0"), ("XDG_SESSION_TYPE", "x11")]), Session::X11);
        assert_eq!(session(&[("WAYLAND_DISPLAY", "wayland-0")]), Session::Wayland);
        assert_eq!(session(&[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")]), Session::Wayland, "XWayland");
        assert_eq!(session(&[("XDG_SESSION_TYPE", "Wayland"), ("DISPLAY", ":0")]), Session::Wayland);
        assert_eq!(
            session(&[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":1"), ("XDG_SESSION_TYPE", "x11")]),
            Session::X11
        );
        assert_eq!(session(&[]), Session::Headless);
        assert_eq!(session(&[("DISPLAY", "")]), Session::Headless);
    }

    #[test]
    fn x11_and_native_desktops_offer_everything() {
        let all = DesktopCapabilities { global_shortcut: Capability::yes(), always_on_top: Capability::yes() };
        assert_eq!(decide(Session::X11, false), all);
        assert_eq!(decide(Session::Native, false), all, "Windows and macOS");
    }

    #[test]
    fn wayland_says_what_does_not_work_and_what_to_do() {
        let without = decide(Session::Wayland, false);
        assert!(!without.global_shortcut.available);
        assert!(without.global_shortcut.note.as_deref().unwrap().contains("does not let apps take a global shortcut"));
        assert!(!without.always_on_top.available);
        assert!(without.always_on_top.note.as_deref().unwrap().contains("above the others"));
        let with = decide(Session::Wayland, true);
        assert!(with.global_shortcut.available, "through the desktop's GlobalShortcuts portal");
        assert!(!with.always_on_top.available);
        assert!(!decide(Session::Headless, false).global_shortcut.available);
        assert!(decide(Session::Headless, false).always_on_top.available);
    }

    /// A private session bus (dbus-daemon) with no portal on it: the portal is reported absent.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_session_bus_without_the_portal_is_told_apart() {
        let bus = crate::desktop::test_bus::PrivateBus::start();
        assert!(!zbus::block_on(portal_offers_shortcuts(Some(&bus.address))), "no portal runs on a fresh bus");
        assert!(!zbus::block_on(portal_offers_shortcuts(Some("unix:path=/nonexistent/bus"))), "no bus is no portal");
        let told = decide(Session::Wayland, false);
        assert!(told.global_shortcut.note.unwrap().contains("does not let apps take a global shortcut"));
    }
}
