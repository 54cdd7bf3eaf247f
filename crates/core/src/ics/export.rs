//! Writing calls as an iCalendar file that calendar apps accept.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};

use crate::calls::{pattern_start, Call};

const PRODUCT_ID: &str = "-//Stint//Community calls//EN";

/// One VEVENT per call: UID `{call id}@stint` (stable, so a re-export updates the same event),
/// DTSTART with the call's TZID — the first date on the call's pattern, so that calendar apps, which
/// read a DTSTART off its rule differently, all show what Stint shows (`calls::pattern_start`) —
/// DURATION, RRULE, one EXDATE per exception, one RDATE per added occurrence, SUMMARY, URL and
/// LOCATION for the join link, a display VALARM for the reminder, and Stint's own `X-STINT-*`
/// properties (format, community, notes link, skip rule) so that Stint can read the file back.
/// `now` is the DTSTAMP.
pub fn export_ics(calls: &[Call], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", PRODUCT_ID));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    for call in calls {
        calendar.push(event(call, now));
    }
    calendar.done().to_string()
}

fn event(call: &Call, now: DateTime<Utc>) -> Event {
    let zone = call.time_zone.name();
    let local = |t: chrono::NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
    let mut event = Event::new();
    event
        .uid(&format!("{}@stint", call.id))
        .timestamp(now)
        .summary(&call.title)
        .append_property(Property::new("DTSTART", local(pattern_start(call))).add_parameter("TZID", zone).done())
        .add_property("DURATION", format!("PT{}M", call.duration_minutes))
        .add_property("X-STINT-FORMAT", &call.format_id);
    let until = call.recurrence.until.map(|d| crate::calls::end_of_local_day(d, call.time_zone));
    if let Some(rule) = call.recurrence.to_rrule_value(until) {
        event.add_property("RRULE", rule);
    }
    for date in &call.recurrence.exceptions {
        let exdate =
            Property::new("EXDATE", local(date.and_time(call.first_start.time()))).add_parameter("TZID", zone).done();
        event.append_multi_property(exdate);
    }
    for added in &call.recurrence.additions {
        event.append_multi_property(Property::new("RDATE", local(*added)).add_parameter("TZID", zone).done());
    }
    if let Some(link) = &call.join_link {
        event.url(link).location(link);
    }
    if let Some(link) = &call.notes_link {
        event.add_property("X-STINT-NOTES", link);
    }
    if let Some(community) = &call.community_id {
        event.add_property("X-STINT-COMMUNITY", community);
    }
    if !call.skip_on_days_of.is_empty() {
        event.add_property("X-STINT-SKIP-ON-DAYS-OF", call.skip_on_days_of.join(","));
    }
    if let Some(minutes) = call.reminder_minutes {
        let trigger = Trigger::before_start(Duration::minutes(i64::from(minutes)));
        // Fixed UID and DTSTAMP (the crate would make up fresh ones), so an export is reproducible.
        let mut alarm = Alarm::display(&call.title, trigger);
        alarm.uid(&format!("{}-reminder@stint", call.id)).timestamp(now);
        event.alarm(alarm.done());
    }
    event.done()
}
