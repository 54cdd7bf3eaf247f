//! Wayland: the global shortcut through the XDG GlobalShortcuts portal
//! (`org.freedesktop.portal.GlobalShortcuts`), where the desktop offers it. Stint creates a session,
//! binds one shortcut ("start-pause") with the user's accelerator as the preferred trigger (the
//! desktop may ask the user to confirm or pick another), and hears `Activated` on a thread that sleeps
//! until the bus delivers it. Changing the shortcut closes the session (its connection) and binds anew.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use zbus::{ObjectPath, OwnedObjectPath, OwnedVariant, Variant};

use super::Accelerator;
use crate::desktop::{capabilities, dbus_watch};

const DESTINATION: &str = "org.freedesktop.portal.Desktop";
const PATH: &str = "/org/freedesktop/portal/desktop";
const INTERFACE: &str = "org.freedesktop.portal.GlobalShortcuts";
/// The id of Stint's one shortcut in its portal session.
const SHORTCUT_ID: &str = "start-pause";
/// How long `grab` waits for the portal before leaving the binding to finish on its own (the desktop
/// may be showing the user a confirmation dialog).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

type OnPress = Arc<dyn Fn() + Send + Sync>;

pub struct Grabber {
    /// The session bus's address (`None`: the user's; tests pass a private bus).
    address: Option<String>,
    on_press: OnPress,
    /// The binding in force; a press from an older one is ignored.
    generation: Arc<AtomicU64>,
    /// The connection that holds the current portal session; closing it ends the session.
    session: Mutex<Option<zbus::Connection>>,
}

impl Grabber {
    /// A grabber when the session bus offers the portal; otherwise why not, as a sentence.
    pub fn start(on_press: impl Fn() + Send + 'static) -> Result<Grabber, String> {
        Grabber::start_on(None, on_press)
    }

    /// `start` on the session bus at `address`.
    fn start_on(address: Option<String>, on_press: impl Fn() + Send + 'static) -> Result<Grabber, String> {
        if !zbus::block_on(capabilities::portal_offers_shortcuts(address.as_deref())) {
            return Err("this Wayland desktop does not let apps take a global shortcut".into());
        }
        let on_press = Mutex::new(on_press);
        Ok(Grabber {
            address,
            on_press: Arc::new(move || (on_press.lock().unwrap_or_else(|e| e.into_inner()))()),
            generation: Arc::new(AtomicU64::new(0)),
            session: Mutex::new(None),
        })
    }

    /// Ends the current binding, then binds `accelerator` (if any).
    pub fn grab(&self, accelerator: Option<Accelerator>) -> Result<(), String> {
        let mut session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(connection) = session.take() {
            let _ = zbus::block_on(connection.close());
        }
        let Some(accelerator) = accelerator else { return Ok(()) };
        let (answer, answered) = mpsc::channel();
        let (address, on_press, current) = (self.address.clone(), self.on_press.clone(), self.generation.clone());
        std::thread::Builder::new()
            .name("stint-global-shortcut".into())
            .spawn(move || {
                let pressed = move || {
                    if current.load(Ordering::SeqCst) == generation {
                        on_press();
                    }
                };
                if let Err(e) = zbus::block_on(bind_and_listen(address.as_deref(), &accelerator, &answer, pressed)) {
                    let _ = answer.send(Err(format!("the desktop's shortcut portal refused it ({e})")));
                }
            })
            .map_err(|e| format!("cannot start the shortcut listener: {e}"))?;
        match answered.recv_timeout(ANSWER_TIMEOUT) {
            Ok(Ok(connection)) => {
                *session = Some(connection);
                Ok(())
            }
            Ok(Err(e)) => Err(e),
            // Still waiting for the user in the desktop's dialog; a later failure is only logged.
            Err(_) => Ok(()),
        }
    }
}

/// The portal's name for an accelerator, in the XDG shortcuts format ("CTRL+ALT+space").
pub fn trigger(a: &Accelerator) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (on, name) in [(a.ctrl, "CTRL"), (a.alt, "ALT"), (a.shift, "SHIFT"), (a.super_key, "LOGO")] {
        if on {
            parts.push(name.into());
        }
    }
    parts.push(key_name(a.keysym));
    parts.join("+")
}

/// The xkb name of a keysym that `Accelerator::parse` produces.
fn key_name(keysym: u32) -> String {
    match keysym {
        0xffbe..=0xffd5 => format!("F{}", keysym - 0xffbe + 1),
        _ => match super::named_key(keysym) {
            Some(key) => key.xkb.into(),
            None => char::from_u32(keysym).map(String::from).unwrap_or_default(),
        },
    }
}

/// Creates a session, binds the shortcut, tells `answer` (with the connection that holds the
/// session), then calls `pressed` for each activation until the connection ends.
async fn bind_and_listen(
    address: Option<&str>,
    accelerator: &Accelerator,
    answer: &mpsc::Sender<Result<zbus::Connection, String>>,
    pressed: impl Fn(),
) -> zbus::Result<()> {
    let connection = capabilities::session_bus(address).await?;
    let portal = zbus::Proxy::new(&connection, DESTINATION, PATH, INTERFACE).await?;
    let mut activations = portal.receive_signal("Activated").await?;
    let mut options = HashMap::new();
    options.insert("session_handle_token", Variant::from(token()));
    let created = request(&connection, &portal, "CreateSession", |handle_token| {
        options.insert("handle_token", Variant::from(handle_token));
        (options.clone(),)
    })
    .await?;
    let session: String = created
        .get("session_handle")
        .and_then(|handle| {
            // The spec says a string; some portals send an object path.
            String::try_from(handle.clone())
                .ok()
                .or_else(|| OwnedObjectPath::try_from(handle.clone()).ok().map(|path| path.as_str().to_owned()))
        })
        .ok_or_else(|| zbus::Error::Failure("the portal made no session".into()))?;
    let session = ObjectPath::try_from(session.as_str())?;
    let mut shortcut = HashMap::new();
    shortcut.insert("description", Variant::from("Start or pause Stint's timer"));
    shortcut.insert("preferred_trigger", Variant::from(trigger(accelerator)));
    let shortcuts = vec![(SHORTCUT_ID, shortcut)];
    request(&connection, &portal, "BindShortcuts", |handle_token| {
        let mut options = HashMap::new();
        options.insert("handle_token", Variant::from(handle_token));
        (session.clone(), shortcuts.clone(), "", options)
    })
    .await?;
    let _ = answer.send(Ok(connection.clone()));
    while let Some(message) = dbus_watch::next(&mut activations).await {
        let body = message.body();
        match body.deserialize::<(OwnedObjectPath, String, u64, HashMap<String, OwnedVariant>)>() {
            Ok((from, id, _, _)) if from.as_str() == session.as_str() && id == SHORTCUT_ID => pressed(),
            Ok(_) => {}
            Err(e) => log::warn!("unexpected Activated payload from the shortcuts portal: {e}"),
        }
    }
    Ok(())
}

/// A fresh token for a portal request or session.
fn token() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("stint_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Calls `method` with the body `body(handle_token)` and waits for its `Response` on the request
/// object the portal makes at a path known in advance (subscribed first, so no answer is missed).
async fn request<B>(
    connection: &zbus::Connection,
    portal: &zbus::Proxy<'_>,
    method: &str,
    body: impl FnOnce(String) -> B,
) -> zbus::Result<HashMap<String, OwnedVariant>>
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    let handle_token = token();
    let sender = connection
        .unique_name()
        .ok_or_else(|| zbus::Error::Failure("no name on the session bus".into()))?
        .trim_start_matches(':')
        .replace('.', "_");
    let path = format!("{PATH}/request/{sender}/{handle_token}");
    let request = zbus::Proxy::new(connection, DESTINATION, path, "org.freedesktop.portal.Request").await?;
    let mut responses = request.receive_signal("Response").await?;
    portal.call_method(method, &body(handle_token)).await?;
    let message = dbus_watch::next(&mut responses)
        .await
        .ok_or_else(|| zbus::Error::Failure("the portal went away before it answered".into()))?;
    let (code, results) = message.body().deserialize::<(u32, HashMap<String, OwnedVariant>)>()?;
    match code {
        0 => Ok(results),
        1 => Err(zbus::Error::Failure("you declined it in the desktop's dialog".into())),
        _ => Err(zbus::Error::Failure(format!("{method} failed"))),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::desktop::test_bus::PrivateBus;

    fn trigger_of(text: &str) -> String {
        trigger(&Accelerator::parse(text).unwrap())
    }

    #[test]
    fn accelerators_become_xdg_triggers() {
        assert_eq!(trigger_of("Ctrl+Alt+Space"), "CTRL+ALT+space");
        assert_eq!(trigger_of("Super+Shift+P"), "SHIFT+LOGO+p");
        assert_eq!(trigger_of("Alt+F12"), "ALT+F12");
        assert_eq!(trigger_of("Ctrl+PageDown"), "CTRL+Page_Down");
        assert_eq!(trigger_of("Ctrl+7"), "CTRL+7");
        assert_eq!(trigger_of("Ctrl+'"), "CTRL+apostrophe");
        assert_eq!(trigger_of("Ctrl+`"), "CTRL+grave");
    }

    /// Calls `method` of the mock portal's test interface.
    fn ask_mock(bus: &PrivateBus, method: &str) -> zbus::Result<String> {
        zbus::block_on(async {
            let connection = capabilities::session_bus(Some(&bus.address)).await?;
            let mock = zbus::Proxy::new(&connection, DESTINATION, PATH, "app.stint.Test").await?;
            if method == "Trigger" {
                mock.call("Trigger", &()).await
            } else {
                mock.call_method(method, &()).await.map(|_| String::new())
            }
        })
    }

    /// Against a mock portal (python3-dbusmock) on a private bus: the shortcut is bound with the user's
    /// accelerator as its trigger, an activation presses it, and once released it presses no more.
    #[test]
    fn the_portal_binds_the_shortcut_and_its_activations_press_it() {
        let mut bus = PrivateBus::start();
        let template =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("src/desktop/shortcut/testdata/global_shortcuts_portal.py");
        bus.mock(&template, DESTINATION);
        assert!(zbus::block_on(capabilities::portal_offers_shortcuts(Some(&bus.address))));

        let (pressed, presses) = mpsc::channel();
        let grabber = Grabber::start_on(Some(bus.address.clone()), move || pressed.send(()).unwrap()).unwrap();
        grabber.grab(Some(Accelerator::parse("Ctrl+Alt+Space").unwrap())).unwrap();
        assert_eq!(ask_mock(&bus, "Trigger").unwrap(), "CTRL+ALT+space");

        ask_mock(&bus, "Press").unwrap();
        presses.recv_timeout(Duration::from_secs(20)).expect("the activation pressed the shortcut");

        grabber.grab(None).unwrap();
        ask_mock(&bus, "Press").unwrap();
        assert!(presses.recv_timeout(Duration::from_millis(500)).is_err(), "a released shortcut presses nothing");
    }

    #[test]
    fn without_the_portal_there_is_no_grabber_and_the_reason_is_given() {
        let bus = PrivateBus::start();
        let refused = Grabber::start_on(Some(bus.address.clone()), || {}).err().unwrap();
        assert!(refused.contains("does not let apps take a global shortcut"), "{refused}");
    }
}
