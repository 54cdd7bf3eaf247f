//! Commands for the settings and what the user must be told at start-up.

use stint_core::Error;
use tauri::{AppHandle, Manager, Runtime, State};

use super::error::CommandResult;
use super::events;
use crate::desktop::system;
use crate::room::service::RoomHandle;
use crate::runner::Message;
use crate::state::settings::{self, Settings};
use crate::state::AppState;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

/// Validates and saves the settings, then hands them to whoever acts on them: the runner (the
/// session's prefs), the notifier (sound), the desktop (start at login, the shortcut — what it
/// refuses is reported as a notice, the settings are saved either way).
#[tauri::command(async)]
pub fn set_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: Settings,
) -> CommandResult<Settings> {
    let settings = settings.normalized();
    settings.validate()?;
    let store = tauri_plugin_store::StoreBuilder::new(&app, &state.settings_path)
        .build()
        .map_err(|e| Error::Storage(format!("cannot open the settings file: {e}")))?;
    for (key, value) in settings::to_entries(&settings) {
        store.set(key, value);
    }
    store.save().map_err(|e| Error::Storage(format!("cannot save the settings: {e}")))?;
    let before = std::mem::replace(
        &mut *state.settings.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        settings.clone(),
    );
    state.notifier.set_sound(settings.sound);
    super::error::speak_errors_in(settings.session_prefs().speech());
    if before.lang() != settings.lang() {
        if let Some(room) = app.try_state::<RoomHandle>() {
            room.report_again();
        }
    }
    state.runner.send(Message::Prefs(settings.session_prefs()));
    for problem in system::apply(state.desktop.as_ref(), Some(&before.desktop_prefs()), &settings.desktop_prefs()) {
        events::notice(&app, problem.render_in(super::error::speech()), true);
    }
    Ok(settings)
}

#[tauri::command]
pub fn startup_report(state: State<'_, AppState>) -> Vec<String> {
    state.startup_report()
}
