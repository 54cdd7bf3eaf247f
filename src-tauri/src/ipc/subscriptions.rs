//! Commands for calendar subscriptions (the Calls view): subscribe to an address, list, refresh now,
//! unsubscribe. A refresh reads what to send from the store, fetches with the store unlocked
//! (`subscribe::fetch`, on the async runtime, never on the main thread nor in the runner's task),
//! then hands the outcome to core, which replaces the subscription's calls or keeps them and notes
//! why. The periodic refresh (`app::subscriptions`) goes through `refresh_due` here too.

use chrono::Utc;
use stint_core::i18n::Msg;
use stint_core::ics::IcsImportOptions;
use stint_core::live::Changes;
use stint_core::subscription::{read_fetch, FetchRead, FetchRequest, Subscription};
use stint_core::{Error, Result};
use tauri::{AppHandle, Manager, Runtime, State};

use super::communities::DEFAULT_ICS_FORMAT;
use super::error::{speech, CommandResult};

use super::history::local_zone;
use super::publish::{perform, publish};
use crate::state::AppState;
use crate::subscribe::fetch::{fetch, Limits};

/// Every subscription, by address, with its last error and its skipped events.
#[tauri::command(async)]
pub fn list_subscriptions(state: State<'_, AppState>) -> CommandResult<Vec<Subscription>> {
    Ok(state.store.lock().subscriptions()?.into_iter().map(|s| s.said_in(speech())).collect())
}

/// Subscribes to the calendar at `url` (`https://` or `webcal://`) and reads it once; returns the
/// subscription after that first refresh (with its error, if it failed: the subscription stays and
/// is tried again later).
#[tauri::command]
pub async fn add_subscription<R: Runtime>(app: AppHandle<R>, url: String) -> CommandResult<Subscription> {
    let added = perform(&app, |_| Changes::default(), |store, now| store.add_subscription(&url, now))?;
    let request = app.state::<AppState>().store.lock().fetch_request(added.id)?;
    Ok(refresh(&app, &request, Limits::default()).await?.said_in(speech()))
}

/// Reads subscription `id` now, whether or not it is due.
#[tauri::command]
pub async fn refresh_subscription<R: Runtime>(app: AppHandle<R>, id: i64) -> CommandResult<Subscription> {
    let request = app.state::<AppState>().store.lock().fetch_request(id)?;
    Ok(refresh(&app, &request, Limits::default()).await?.said_in(speech()))
}

/// Removes subscription `id` and its calls (the UI asks first).
#[tauri::command(async)]
pub fn remove_subscription<R: Runtime>(app: AppHandle<R>, id: i64) -> CommandResult<()> {
    Ok(perform(&app, |_| Changes::CALLS, |store, _| store.remove_subscription(id))?)
}

/// Fetches one subscription and records the outcome; the UI and the runner hear of it.
pub async fn refresh<R: Runtime>(app: &AppHandle<R>, request: &FetchRequest, limits: Limits) -> Result<Subscription> {
    let outcome = fetch(request, limits).await;
    let options = IcsImportOptions { default_zone: local_zone(), default_format_id: DEFAULT_ICS_FORMAT.to_string() };
    // Read before taking the store: the runner never waits for a calendar to be parsed.
    let read = read_fetch(outcome, &options);
    let state = app.state::<AppState>();
    let recorded = state.store.lock().record_read(request.id, read, &options, Utc::now());
    let recorded = match recorded {
        // The calendar was read but its events could not be stored: nothing changed; say so.
        Err(Error::InvalidInput { words, .. }) => {
            let failed = FetchRead::failed(Msg::new("error_subscription_not_stored").said("problem", words));
            state.store.lock().record_read(request.id, failed, &options, Utc::now())
        }
        other => other,
    }?;
    publish(app, Changes::CALLS);
    Ok(recorded)
}

/// Refreshes every subscription that is due now, one after the other.
pub async fn refresh_due<R: Runtime>(app: &AppHandle<R>) {
    let due = app.state::<AppState>().store.lock().due_fetches(Utc::now());
    match due {
        Ok(due) => {
            for request in due {
                if let Err(e) = refresh(app, &request, Limits::default()).await {
                    log::warn!("cannot record the refresh of calendar subscription {}: {e}", request.id);
                }
            }
        }
        Err(e) => log::warn!("cannot read the calendar subscriptions: {e}"),
    }
}

#[cfg(test)]
#[path = "subscriptions_tests.rs"]
mod tests;
