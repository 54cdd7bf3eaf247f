//! Linux: follows the desktop's light or dark preference, the XDG portal's `color-scheme` setting,
//! which GTK 3 does not read by itself. Telling Tauri the theme sets GTK's prefer-dark flag, which is
//! what the webviews' `prefers-color-scheme` (and so Stint's "system" theme) follows.
//!
//! This replaces tao's own listener (tauri's `dbus` feature): its thread polled the session bus every
//! 5 s, day and night (12 of the ~70 wakeups a minute of a hidden Stint, scripts/footprint.sh).
//! This one sleeps until the portal reports a change. Without a portal it logs and does nothing.

use tauri::{AppHandle, Runtime, Theme};
use zbus::{OwnedVariant, Variant};

use super::dbus_watch;

const NAMESPACE: &str = "org.freedesktop.appearance";
const KEY: &str = "color-scheme";

/// Starts a thread that keeps the app's theme at the desktop's preference. Never fails: problems are
/// logged.
pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    dbus_watch::spawn(
        "stint-color-scheme",
        move || async move { follow(|theme| app.set_theme(theme)).await },
        |e| log::info!("not following the desktop's light/dark preference (no portal: {e})"),
    );
}

async fn follow(apply: impl Fn(Option<Theme>)) -> zbus::Result<()> {
    let connection = zbus::Connection::session().await?;
    let settings = zbus::Proxy::new(
        &connection,
        "org.freedesktop.portal.Desktop",
        "/org/freedesktop/portal/desktop",
        "org.freedesktop.portal.Settings",
    )
    .await?;
    // Listen first, then read: a change between the two is not lost.
    let mut changes = settings.receive_signal("SettingChanged").await?;
    let current: OwnedVariant = settings.call("Read", &(NAMESPACE, KEY)).await?;
    apply(theme_for(&current));
    while let Some(message) = dbus_watch::next(&mut changes).await {
        match message.body().deserialize::<(String, String, OwnedVariant)>() {
            Ok((namespace, key, value)) if namespace == NAMESPACE && key == KEY => apply(theme_for(&value)),
            Ok(_) => {}
            Err(e) => log::warn!("unexpected SettingChanged payload: {e}"),
        }
    }
    Ok(())
}

/// The portal's value: 1 prefers dark, 2 prefers light, 0 (or anything else) states no preference,
/// which leaves the GTK theme to decide. `Read` wraps the number in one variant more than the signal.
fn theme_for(value: &Variant<'_>) -> Option<Theme> {
    match value {
        Variant::Variant(inner) => theme_for(inner),
        Variant::U32(1) => Some(Theme::Dark),
        Variant::U32(2) => Some(Theme::Light),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_preference_however_deep_the_portal_wrapped_it() {
        assert_eq!(theme_for(&Variant::U32(1)), Some(Theme::Dark));
        assert_eq!(theme_for(&Variant::U32(2)), Some(Theme::Light));
        let read_reply = Variant::Variant(Box::new(Variant::Variant(Box::new(Variant::U32(1)))));
        assert_eq!(theme_for(&read_reply), Some(Theme::Dark));
    }

    #[test]
    fn no_preference_or_an_odd_value_leaves_the_theme_to_gtk() {
        assert_eq!(theme_for(&Variant::U32(0)), None);
        assert_eq!(theme_for(&Variant::U32(7)), None);
        assert_eq!(theme_for(&Variant::from("dark")), None);
    }
}
