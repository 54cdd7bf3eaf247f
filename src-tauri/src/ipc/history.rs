//! The History view's commands: periods of days, the sessions list, a session's detail, correcting
//! and deleting a session, the export. Days are those of the zone the UI shows times in (`zone`, an
//! IANA name); only when the UI sends none does the shell use the system's zone.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use stint_core::i18n::Msg;
use stint_core::live::Changes;
use stint_core::store::{
    parse_day, parse_zone, ExportKind, HistoryOverview, HistoryPeriod, SessionDetail, SessionEdit, SessionSummary,
};
use stint_core::Error;
use tauri::{AppHandle, Manager, Runtime, State};

use super::calls::parse;
use super::error::CommandResult;
use super::publish::perform;
use crate::desktop::file_dialog::{free_name, FileDialogs, FileKind};
use crate::state::AppState;

/// The system's IANA time zone; UTC if it cannot be told.
pub(crate) fn local_zone() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()).unwrap_or(Tz::UTC)
}

/// The zone the UI named, or the system's when it named none.
fn zone(name: Option<String>) -> Result<Tz, Error> {
    name.map_or_else(|| Ok(local_zone()), |n| parse_zone(&n))
}

/// Today in `tz`: the shell owns the clock.
fn today(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

/// A page of sessions, newest first; with `from` and `to` (`YYYY-MM-DD`), those started on those days.
#[tauri::command(async)]
pub fn history_sessions(
    state: State<'_, AppState>,
    before_id: Option<i64>,
    limit: u32,
    from: Option<String>,
    to: Option<String>,
    zone: Option<String>,
) -> CommandResult<Vec<SessionSummary>> {
    match (from, to) {
        (Some(from), Some(to)) => {
            let (from, to, tz) = (parse_day(&from, "from")?, parse_day(&to, "to")?, self::zone(zone)?);
            Ok(state.store.lock().sessions_in_days(from, to, tz, before_id, limit)?)
        }
        (None, None) => Ok(state.store.lock().sessions_page(before_id, limit)?),
        _ => Err(Error::told("to", Msg::new("error_history_range_half")).into()),
    }
}

/// The days `from` to `to` (`YYYY-MM-DD`, inclusive) in `zone`: focus per day (per hour for one day),
/// time per kind and per format, commitments kept, streaks.
#[tauri::command(async)]
pub fn history_period(
    state: State<'_, AppState>,
    from: String,
    to: String,
    zone: Option<String>,
) -> CommandResult<HistoryPeriod> {
    let (from, to, tz) = (parse_day(&from, "from")?, parse_day(&to, "to")?, self::zone(zone)?);
    Ok(state.store.lock().history_period(from, to, tz, today(tz))?)
}

#[tauri::command(async)]
pub fn history_overview(state: State<'_, AppState>, days: u32, zone: Option<String>) -> CommandResult<HistoryOverview> {
    let tz = self::zone(zone)?;
    Ok(state.store.lock().history_overview(today(tz), tz, days)?)
}

#[tauri::command(async)]
pub fn session_detail(state: State<'_, AppState>, id: i64) -> CommandResult<SessionDetail> {
    Ok(state.store.lock().session_detail(id)?)
}

/// Corrects a finished session's record; `edit` is a `SessionEdit`.
#[tauri::command(async)]
pub fn edit_session<R: Runtime>(app: AppHandle<R>, id: i64, edit: Value) -> CommandResult<SessionDetail> {
    let edit: SessionEdit = parse(edit)?;
    Ok(perform(&app, |_| Changes::SESSION, |store, _| store.edit_session(id, &edit))?)
}

#[tauri::command(async)]
pub fn delete_session<R: Runtime>(app: AppHandle<R>, id: i64) -> CommandResult<()> {
    Ok(perform(&app, |_| Changes::SESSION, |store, _| store.delete_session(id))?)
}

/// Asks the user where to put the export, and writes it into a new folder of the name they chose
/// (`stint-history.json`, or one CSV file per table); returns the files, `None` when they cancel. A
/// folder that exists is never written into: the export gets a free name beside it instead.
#[tauri::command]
pub async fn export_history<R: Runtime>(
    app: AppHandle<R>,
    kind: ExportKind,
    zone: Option<String>,
) -> CommandResult<Option<Vec<String>>> {
    let tz = self::zone(zone)?;
    let (name, extension) = match kind {
        ExportKind::Json => ("JSON", "json"),
        ExportKind::Csv => ("CSV", "csv"),
    };
    let folder = FileKind { name: "Folder", extensions: &[] };
    let proposed = format!("stint-history-{extension}");
    let dialogs = app.state::<FileDialogs>();
    let title = format!("Export your history as {name}");
    let Some(chosen) = dialogs.save_file(&app, &title, folder, &proposed).await else { return Ok(None) };
    let dir = free_name(&chosen).ok_or_else(|| Error::told("path", Msg::new("error_export_too_many")))?;
    let written = app.state::<AppState>().store.lock().export(kind, &dir, tz, Utc::now())?;
    Ok(Some(written.into_iter().map(|p| p.display().to_string()).collect()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::tests::{app, error, invoke, pick};

    #[test]
    fn a_period_a_detail_and_a_correction_through_ipc_in_the_zone_the_ui_names() {
        let app = app();
        let view = invoke(&app, "start_session", json!({"formatId": "pomodoro", "commitments": ["Ship it"]})).unwrap();
        invoke(&app, "stop_session", json!({})).unwrap();
        let id = view["id"].clone();

        let today = chrono::Utc::now().with_timezone(&chrono_tz::Asia::Tokyo).date_naive().to_string();
        let period = invoke(&app, "history_period", json!({"from": today, "to": today, "zone": "Asia/Tokyo"})).unwrap();
        assert_eq!((period["zone"].as_str(), period["sessions"].as_u64()), (Some("Asia/Tokyo"), Some(1)));
        assert_eq!(period["focus_per_hour"].as_array().map(Vec::len), Some(24));
        let listed = invoke(
            &app,
            "history_sessions",
            json!({"beforeId": null, "limit": 5, "from": today, "to": today, "zone": "Asia/Tokyo"}),
        )
        .unwrap();
        assert_eq!(listed[0]["id"], id);

        let e =
            invoke(&app, "history_period", json!({"from": today, "to": today, "zone": "Mars/Olympus"})).unwrap_err();
        assert!(error("invalid_input", Some("zone"))(&e), "{e}");
        let e = invoke(&app, "history_period", json!({"from": "yesterday", "to": today})).unwrap_err();
        assert!(error("invalid_input", Some("from"))(&e), "{e}");
        let e = invoke(&app, "history_sessions", json!({"beforeId": null, "limit": 5, "from": today})).unwrap_err();
        assert!(error("invalid_input", Some("to"))(&e), "{e}");

        let detail = invoke(&app, "session_detail", json!({"id": id})).unwrap();
        assert_eq!(detail["left_over"][0]["text"], "Ship it");
        let e = invoke(&app, "edit_session", json!({"id": id, "edit": {"title": "x", "notes": null, "phases": 3}}))
            .unwrap_err();
        assert!(error("invalid_input", Some("phases"))(&e), "{e}");
        let edited =
            invoke(&app, "edit_session", json!({"id": id, "edit": {"title": " Launch ", "notes": null, "phases": []}}))
                .unwrap();
        assert_eq!(edited["session"]["title"], "Launch");

        pick(&app, app._dir.path().join("export"));
        let written = invoke(&app, "export_history", json!({"kind": "json", "zone": "Asia/Tokyo"})).unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(written[0].as_str().unwrap()).unwrap()).unwrap();
        assert_eq!(doc["time_zone"], "Asia/Tokyo");
        assert_eq!(doc["sessions"][0]["local_date"], today.as_str());
        invoke(&app, "delete_session", json!({"id": id})).unwrap();
        let e = invoke(&app, "session_detail", json!({"id": id})).unwrap_err();
        assert!(error("not_found", None)(&e), "{e}");
    }
}
