//! Changed occurrences: every calendar app writes a moved or cancelled meeting of a series as
//! another VEVENT with the series' UID and a `RECURRENCE-ID` (the occurrence's original start).
//! Stint applies them to the series' call: the original start is removed (an exception date, or an
//! added occurrence taken back) and, unless cancelled, the new start is added.

use super::content_line::{about, line_words, ContentLine};
use super::event::{event_minutes, exclude, validated, written_zone, zone_local, EventLines, Outcome};
use super::ignored::Ignored;
use super::values::{parse_when, When};
use crate::calls::Call;
use crate::i18n::Msg;

fn cancelled(ev: &EventLines) -> bool {
    ev.get("STATUS").is_some_and(|l| l.value.trim().eq_ignore_ascii_case("CANCELLED"))
}

/// Applies one changed occurrence to the call of its series. `Err` is the message saying why this
/// change was left out (the series still imports).
pub(super) fn apply(call: &mut Call, change: &EventLines, ignored: &mut Ignored) -> Result<(), Msg> {
    let Some(rid) = change.get("RECURRENCE-ID") else { return Ok(()) };
    if rid.param("RANGE").is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE")) {
        return Err(left_out(rid, Msg::new("error_ics_why_this_and_future")));
    }
    let zone = call.time_zone;
    let time = call.first_start.time();
    let original =
        moment(rid, zone, time).ok_or_else(|| left_out(rid, about("error_ics_why_not_date_time", "RECURRENCE-ID")))?;
    if cancelled(change) {
        exclude(&mut call.recurrence, original, time, ignored);
        return Ok(());
    }
    let Some(start_line) = change.get("DTSTART") else {
        return Err(left_out(rid, Msg::new("error_ics_why_change_no_start")));
    };
    let new_start = match parse_when(&start_line.value) {
        Some(When::Date(_)) => return Err(left_out(start_line, Msg::new("error_ics_why_moved_to_whole_day"))),
        Some(when) => zone_local(when, written_zone(start_line, zone), zone, time),
        None => return Err(left_out(start_line, about("error_ics_why_not_date_time", "DTSTART"))),
    };
    if new_start != original {
        exclude(&mut call.recurrence, original, time, ignored);
        if !call.recurrence.additions.contains(&new_start) {
            call.recurrence.additions.push(new_start);
        }
    }
    let length = event_minutes(change, new_start, zone).ok().flatten();
    if length.is_some_and(|m| m != call.duration_minutes) {
        ignored.because("RECURRENCE-ID", Msg::new("ics_ignored_why_moved_length"));
    }
    Ok(())
}

/// A changed occurrence whose series is not in the file: a one-off call, or nothing if cancelled.
pub(super) fn single(event: &EventLines, call: Call) -> Outcome {
    if cancelled(event) {
        return Outcome::Nothing;
    }
    validated(event, call)
}

fn moment(line: &ContentLine, zone: chrono_tz::Tz, time: chrono::NaiveTime) -> Option<chrono::NaiveDateTime> {
    Some(zone_local(parse_when(&line.value)?, written_zone(line, zone), zone, time))
}

fn left_out(line: &ContentLine, why: Msg) -> Msg {
    Msg::new("error_ics_change_skipped").said("problem", line_words(line.line, why))
}
