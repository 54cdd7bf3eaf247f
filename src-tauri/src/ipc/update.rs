//! Commands and the daily check of signed updates. Core decides when a check is due and whether the
//! offered version may be installed (`stint_core::update`); `desktop::update` fetches and installs.
//! An update is installed, and Stint restarted into it, only when the user presses Install.

use std::time::Duration;

use chrono::{DateTime, Utc};
use stint_core::i18n::Msg;
use stint_core::update::{judge_offer, next_check, NextCheck, Offer};
use tauri::{AppHandle, Manager, Runtime, State};

use super::error::speech;
use super::events;
use crate::desktop::update::{self, AvailableUpdate, Pending, UpdateStatus};
use crate::state::AppState;

/// The longest the daily check sleeps before asking core again: a suspended machine's sleep does not
/// count, and a switched-on setting is noticed within the hour.
const RECONSIDER_EVERY: Duration = Duration::from_secs(60 * 60);
/// The first automatic check waits this long after the start, so it never competes with the first paint.
const AFTER_START: Duration = Duration::from_secs(60);

/// The running version, as the updater sees it (tauri.conf.json's `version`, else Cargo's).
fn current_version<R: Runtime>(app: &AppHandle<R>) -> String {
    app.package_info().version.to_string()
}

/// The status Settings shows, kept between commands.
pub struct Updates {
    status: std::sync::Mutex<UpdateStatus>,
    pending: Pending,
    /// One check or install at a time.
    busy: tokio::sync::Mutex<()>,
}

impl Updates {
    fn new(current_version: String) -> Self {
        Updates {
            status: std::sync::Mutex::new(UpdateStatus {
                current_version,
                last_checked: None,
                available: None,
                message: None,
                message_is_error: false,
            }),
            pending: Pending::default(),
            busy: tokio::sync::Mutex::new(()),
        }
    }

    fn set(&self, change: impl FnOnce(&mut UpdateStatus)) -> UpdateStatus {
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
        change(&mut status);
        status.clone()
    }
}

/// What Settings shows: the running version, the last check, an update that can be installed.
#[tauri::command]
pub fn update_status(state: State<'_, AppState>, updates: State<'_, Updates>) -> UpdateStatus {
    let last = state.store.lock().last_update_check().ok().flatten();
    updates.set(|s| s.last_checked = last.map(|at| at.to_rfc3339()))
}

/// "Check now": asks the release server at once, whatever the daily schedule says.
#[tauri::command(async)]
pub async fn check_for_update<R: Runtime>(app: AppHandle<R>) -> UpdateStatus {
    check(&app).await
}

/// "Install and restart": installs the update the user was shown, then restarts Stint into it. On
/// failure the running Stint is untouched and the status says why.
#[tauri::command(async)]
pub async fn install_update<R: Runtime>(app: AppHandle<R>) -> UpdateStatus {
    let updates = app.state::<Updates>();
    let _one_at_a_time = updates.busy.lock().await;
    let Some(update) = updates.pending.take() else {
        return updates.set(|s| {
            s.available = None;
            s.message = Some(Msg::new("error_update_nothing_to_install").render_in(speech()));
            s.message_is_error = true;
        });
    };
    match update::install(&update).await {
        Ok(()) => {
            log::info!("installed Stint {}; restarting into it", update.version);
            // The new Stint must not find this one's socket and hand its launch over to it.
            crate::desktop::single_instance::release(&app.state::<AppState>().data_dir);
            app.request_restart();
            updates.set(|s| {
                s.message =
                    Some(Msg::new("updates_installed").text("version", update.version.as_str()).render_in(speech()));
                s.message_is_error = false;
            })
        }
        Err(message) => updates.set(|s| {
            s.available = None;
            s.message = Some(message.render_in(speech()));
            s.message_is_error = true;
        }),
    }
}

/// Asks the release server, remembers when (in the store), and lets core judge what it offers.
async fn check<R: Runtime>(app: &AppHandle<R>) -> UpdateStatus {
    let updates = app.state::<Updates>();
    let _one_at_a_time = updates.busy.lock().await;
    let fetched = update::fetch(app).await;
    let now = Utc::now();
    if let Err(e) = app.state::<AppState>().store.lock().set_last_update_check(now) {
        log::warn!("cannot remember the update check: {e}");
    }
    let running = current_version(app);
    let (available, message, is_error) = match fetched {
        Ok(None) => (None, up_to_date(&running), false),
        Ok(Some(offered)) => match judge_offer(&running, &offered.version) {
            Offer::Newer => {
                let available = AvailableUpdate { version: offered.version.clone(), notes: offered.notes.clone() };
                updates.pending.keep(Some(offered));
                return updates.set(|s| {
                    s.last_checked = Some(now.to_rfc3339());
                    s.available = Some(available.clone());
                    s.message = Some(
                        Msg::new("updates_available").text("version", available.version.as_str()).render_in(speech()),
                    );
                    s.message_is_error = false;
                });
            }
            Offer::Same => (None, up_to_date(&running), false),
            Offer::Older => (
                None,
                Msg::new("error_update_older")
                    .text("offered", offered.version.as_str())
                    .text("running", running.as_str())
                    .render_in(speech()),
                true,
            ),
        },
        Err(message) => (None, message.render_in(speech()), true),
    };
    updates.pending.keep(None);
    updates.set(|s| {
        s.last_checked = Some(now.to_rfc3339());
        s.available = available;
        s.message = Some(message);
        s.message_is_error = is_error;
    })
}

fn up_to_date(running: &str) -> String {
    Msg::new("updates_latest").text("version", running).render_in(speech())
}

/// The automatic check: sleeps until core says one is due (at most one a day, and never when the
/// user turned it off), checks, and tells the user when an update can be installed.
pub fn spawn_daily_check<R: Runtime>(app: &AppHandle<R>) {
    app.manage(Updates::new(current_version(app)));
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(AFTER_START).await;
        loop {
            let due = {
                let state = app.state::<AppState>();
                let enabled = state.settings().check_for_updates;
                let last = state.store.lock().last_update_check().ok().flatten();
                next_check(enabled, last, Utc::now())
            };
            match due {
                NextCheck::Now => {
                    let status = check(&app).await;
                    if let Some(available) = status.available {
                        events::notice(
                            &app,
                            Msg::new("updates_available_notice")
                                .text("version", available.version.as_str())
                                .render_in(speech()),
                            false,
                        );
                    }
                }
                NextCheck::At(at) => tokio::time::sleep(until(at).min(RECONSIDER_EVERY)).await,
                NextCheck::Never => tokio::time::sleep(RECONSIDER_EVERY).await,
            }
        }
    });
}

fn until(at: DateTime<Utc>) -> Duration {
    (at - Utc::now()).to_std().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use tauri::Manager;

    use super::Updates;
    use crate::ipc::tests::{app, invoke};

    #[test]
    fn the_status_names_the_running_version_and_the_last_check_from_the_store() {
        let app = app();
        app._app.manage(Updates::new("0.1.0".into()));
        let status = invoke(&app, "update_status", json!({})).unwrap();
        assert_eq!(status["current_version"], "0.1.0");
        assert_eq!(status["last_checked"], json!(null));
        assert_eq!(status["available"], json!(null));

        let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00Z").unwrap().to_utc();
        app._app.state::<crate::state::AppState>().store.lock().set_last_update_check(at).unwrap();
        let status = invoke(&app, "update_status", json!({})).unwrap();
        assert_eq!(status["last_checked"], json!(at.to_rfc3339()));
    }

    #[test]
    fn install_without_a_found_update_says_so_and_installs_nothing() {
        let app = app();
        app._app.manage(Updates::new("0.1.0".into()));
        let status = invoke(&app, "install_update", json!({})).unwrap();
        assert_eq!(status["message_is_error"], json!(true));
        let message = status["message"].as_str().unwrap();
        assert!(message.contains("no update to install") && message.ends_with('.'), "{message}");
    }
}
