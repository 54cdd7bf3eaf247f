//! The mini timer: a small always-on-top window for hosts who share their screen. It loads the same
//! UI at `index.html#mini` and has its own capability (`capabilities/mini.json`): it can read the
//! session, pause, resume and skip, and hear `session-changed` — nothing else. Created on first use
//! (no second webview until then); closing it only hides it. tauri-plugin-window-state remembers its
//! position under its own label; only the position is restored, its size is always ours.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

pub const LABEL: &str = "mini";
/// The page the UI renders as the mini timer.
pub const URL: &str = "index.html#mini";
pub const WIDTH: f64 = 260.0;
pub const HEIGHT: f64 = 120.0;

/// Shows the mini timer if it is hidden or not yet created, hides it otherwise. Returns whether it
/// is now shown.
pub fn toggle<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<bool> {
    match app.get_webview_window(LABEL) {
        Some(window) if window.is_visible()? => {
            window.hide()?;
            Ok(false)
        }
        Some(window) => {
            window.show()?;
            window.set_focus()?;
            Ok(true)
        }
        None => {
            open(app)?;
            Ok(true)
        }
    }
}

/// Managed by the app when tauri-plugin-window-state is loaded: the mini timer then returns to
/// where the user left it.
pub struct RememberPosition;

/// Creates the mini timer. On Linux its webview is related to the main window's, so that WebKitGTK
/// runs both pages in one web process instead of starting a second one (about 75 MB PSS, measured
/// by scripts/footprint.sh). The main window's webview is only reachable on the main thread, so
/// there the window is built from inside `with_webview` (at once when called on the main thread).
/// Unit tests take the plain path: the mock runtime has no webview to relate to (the end-to-end
/// mini timer spec runs the related one).
fn open<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    #[cfg(all(target_os = "linux", not(test)))]
    if let Some(main) = app.get_webview_window("main") {
        let app = app.clone();
        return main.with_webview(move |main_webview| {
            if let Err(e) = build(&app, |builder| builder.with_related_view(main_webview.inner())) {
                log::warn!("cannot open the mini timer: {e}");
            }
        });
    }
    build(app, |builder| builder).map(|_| ())
}

fn build<'a, R: Runtime>(
    app: &'a AppHandle<R>,
    relate: impl FnOnce(WebviewWindowBuilder<'a, R, AppHandle<R>>) -> WebviewWindowBuilder<'a, R, AppHandle<R>>,
) -> tauri::Result<WebviewWindow<R>> {
    let builder = WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App(URL.into()))
        .title("Stint mini timer")
        .inner_size(WIDTH, HEIGHT)
        // Its size is fixed by equal min and max sizes: a GTK window made non-resizable takes its
        // webview's natural size instead (at least 200 px high).
        .min_inner_size(WIDTH, HEIGHT)
        .max_inner_size(WIDTH, HEIGHT)
        .maximizable(false)
        .minimizable(false)
        .always_on_top(true)
        .visible_on_all_workspaces(true)
        .focused(true);
    let window = relate(builder).build()?;
    if app.try_state::<RememberPosition>().is_some() {
        // On the main thread: the plugin locks its cache there while the new window is attached, and
        // restoring from here would hold that lock while waiting for the main thread.
        let placed = window.clone();
        app.run_on_main_thread(move || {
            use tauri_plugin_window_state::{StateFlags, WindowExt};
            if let Err(e) = placed.restore_state(StateFlags::POSITION) {
                log::warn!("cannot put the mini timer back where it was: {e}");
            }
        })?;
    }
    Ok(window)
}

#[cfg(test)]
mod tests {
    use tauri::test::{mock_builder, mock_context, noop_assets};

    use super::*;

    #[test]
    fn the_first_toggle_opens_it_the_next_hides_it() {
        let app = mock_builder().build(mock_context(noop_assets())).unwrap();
        assert!(toggle(app.handle()).unwrap());
        let window = app.get_webview_window(LABEL).expect("created");
        assert_eq!(window.url().unwrap().fragment(), Some("mini"));
        // The mock runtime reports every window as visible, so the second toggle hides it.
        assert!(!toggle(app.handle()).unwrap());
        assert_eq!(app.webview_windows().len(), 1, "hidden, not created twice");
    }
}
