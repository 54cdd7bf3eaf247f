//! Fuzzing through the store, with a time bound per input: generated community packs and calendar
//! files are imported, then the Calls view's list, the next reminder and the reminders due are
//! asked for — the path a user's start-up takes. Nothing may panic, and no step may use more than
//! 100 ms of CPU (a debug build), whatever the input: calls dated 1970, long skip lists, rare rules.

use stint_core::pack::PackSource;

use chrono::Duration;
use proptest::prelude::*;
use serde_json::json;
use stint_core::ics::IcsImportOptions;

use crate::calls_support::utc;
use crate::common::{temp_store, within_work_bound};

const ZONES: &[&str] = &[
    "America/Havana",
    "America/Santiago",
    "Pacific/Apia",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Not/AZone",
];
const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const RFC_DAYS: &[&str] = &["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn date(year: i32, day_of_year: u32) -> String {
    let d = chrono::NaiveDate::from_yo_opt(year, day_of_year.clamp(1, 365)).unwrap();
    d.format("%Y-%m-%d").to_string()
}

prop_compose! {
    fn pack_call(index: usize, calls: usize)(
        year in prop_oneof![Just(1970), 1970..2040i32],
        day in 1..365u32,
        hour in 0..24u32,
        zone in 0..ZONES.len(),
        frequency in prop_oneof![Just("once"), Just("daily"), Just("weekly"), Just("monthly")],
        interval in prop_oneof![Just(1u32), 1..100u32],
        weekdays in proptest::sample::subsequence(DAYS, 0..4),
        nths in proptest::collection::vec((-6..7i32, 0..7usize), 0..3),
        end in 0..3u8,
        end_days in 0..40_000u32,
        exceptions in proptest::collection::vec((1970..2040i32, 1..365u32), 0..150),
        skips in proptest::collection::vec(0..8usize, 0..8),
        reminder in prop_oneof![Just(None), (0..10_081u32).prop_map(Some)],
        duration in prop_oneof![Just(60u32), 1..1441u32],
    ) -> serde_json::Value {
        let mut recurrence = json!({ "frequency": frequency, "interval": interval });
        match frequency {
            "weekly" => recurrence["weekdays"] = json!(weekdays),
            "monthly" => recurrence["monthly_weekdays"] = json!(nths.iter().map(|(n, d)| json!({"nth": n, "weekday": DAYS[*d]})).collect::<Vec<_>>()),
            _ => {}
        }
        match end {
            0 => recurrence["count"] = json!(1 + end_days % 10_000),
            1 => recurrence["until"] = json!(date(year + (end_days / 365) as i32 % 60, 1 + end_days % 365)),
            _ => {}
        }
        recurrence["exceptions"] = json!(exceptions.iter().map(|(y, d)| date(*y, *d)).collect::<Vec<_>>());
        json!({
            "id": format!("call-{index}"),
            "title": format!("Call {index}"),
            "format_id": "pomodoro",
            "first_start": format!("{}T{hour:02}:30:00", date(year, day)),
            "time_zone": ZONES[zone],
            "duration_minutes": duration,
            "recurrence": recurrence,
            "reminder_minutes": reminder,
            "skip_on_days_of": skips.iter().filter(|s| **s < calls && **s != index).map(|s| format!("call-{s}")).collect::<Vec<_>>(),
        })
    }
}

fn pack() -> impl Strategy<Value = Vec<u8>> {
    (1..8usize).prop_flat_map(|n| (0..n).map(|i| pack_call(i, n)).collect::<Vec<_>>()).prop_map(|calls| {
        json!({ "stint_pack": 1, "id": "fuzz", "name": "Fuzz", "version": 1, "calls": calls }).to_string().into_bytes()
    })
}

fn rrule() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("DAILY"), Just("WEEKLY"), Just("MONTHLY"), Just("YEARLY")],
        prop_oneof![Just(1u32), 1..120u32],
        proptest::collection::vec((-6..7i32, 0..7usize), 0..3),
        prop_oneof![
            Just(String::new()),
            (0..20_000u32).prop_map(|c| format!(";COUNT={c}")),
            (1970..2100i32, 1..365u32).prop_map(|(y, d)| format!(";UNTIL={}T000000Z", date(y, d).replace('-', ""))),
        ],
        prop_oneof![Just(""), Just(";WKST=SU"), Just(";WKST=XX")],
    )
        .prop_map(|(freq, interval, by_day, end, wkst)| {
            let days: Vec<String> = by_day
                .iter()
                .map(|(n, d)| if *n == 0 { RFC_DAYS[*d].to_string() } else { format!("{n}{}", RFC_DAYS[*d]) })
                .collect();
            let by_day = if days.is_empty() { String::new() } else { format!(";BYDAY={}", days.join(",")) };
            format!("FREQ={freq};INTERVAL={interval}{by_day}{end}{wkst}")
        })
}

prop_compose! {
    fn ics_event(index: usize)(
        year in prop_oneof![Just(1970), 1970..2040i32],
        day in 1..365u32,
        hour in 0..24u32,
        zone in 0..ZONES.len(),
        rule in rrule(),
        exdates in proptest::collection::vec((1970..2040i32, 1..365u32), 0..40),
        rdates in proptest::collection::vec((1970..2040i32, 1..365u32, 0..24u32), 0..4),
        moved in proptest::option::of((0..400i64, 0..24u32, any::<bool>())),
        trigger in prop_oneof![Just("-PT10M".to_string()), Just("-PT9223372036854775807S".to_string()), "-P[0-9]{1,20}D"],
    ) -> String {
        let zone = ZONES[zone];
        let start = format!("{}T{hour:02}0000", date(year, day).replace('-', ""));
        let stamp = |y: i32, d: u32, h: u32| format!("{}T{h:02}0000", date(y, d).replace('-', ""));
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:event-{index}"),
            format!("SUMMARY:Event {index}"),
            format!("DTSTART;TZID={zone}:{start}"),
            "DURATION:PT45M".into(),
            format!("RRULE:{rule}"),
        ];
        for (y, d) in exdates {
            lines.push(format!("EXDATE;TZID={zone}:{}", stamp(y, d, hour)));
        }
        for (y, d, h) in rdates {
            lines.push(format!("RDATE;TZID={zone}:{}", stamp(y, d, h)));
        }
        lines.extend(["BEGIN:VALARM".into(), format!("TRIGGER:{trigger}"), "END:VALARM".into(), "END:VEVENT".into()]);
        if let Some((days, new_hour, cancelled)) = moved {
            let original = chrono::NaiveDate::from_yo_opt(year, day.clamp(1, 365)).unwrap() + Duration::days(days);
            let original = original.format("%Y%m%d").to_string();
            lines.extend([
                "BEGIN:VEVENT".to_string(),
                format!("UID:event-{index}"),
                format!("RECURRENCE-ID;TZID={zone}:{original}T{hour:02}0000"),
                format!("DTSTART;TZID={zone}:{original}T{new_hour:02}0000"),
                if cancelled { "STATUS:CANCELLED".into() } else { "STATUS:CONFIRMED".into() },
                "END:VEVENT".into(),
            ]);
        }
        lines.join("\r\n")
    }
}

fn calendar() -> impl Strategy<Value = String> {
    (1..6usize).prop_flat_map(|n| (0..n).map(ics_event).collect::<Vec<_>>()).prop_map(|events| {
        format!("\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}\r\nEND:VCALENDAR\r\n", events.join("\r\n"))
    })
}

/// The start-up path: the Calls view's list, the next reminder, the reminders of the next day.
fn ask_everything(store: &mut stint_core::store::Store) {
    let now = utc(2026, 3, 4, 12, 0);
    within_work_bound("upcoming_view", || store.upcoming_view(now, 366).unwrap());
    within_work_bound("next_reminder", || store.next_reminder(now).unwrap());
    within_work_bound("reminders_due", || store.reminders_due(now, now + Duration::days(1)).unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_pack_imports_and_answers_within_the_bound(bytes in pack()) {
        let mut t = temp_store();
        let imported = within_work_bound("import_pack", || t.store.import_pack(&bytes, &PackSource::file("test.stint.json"), utc(2026, 3, 1, 0, 0)));
        if imported.is_ok() {
            ask_everything(&mut t.store);
        }
    }

    #[test]
    fn any_calendar_imports_and_answers_within_the_bound(text in calendar()) {
        let mut t = temp_store();
        let options = IcsImportOptions { default_zone: chrono_tz::Europe::London, default_format_id: "pomodoro".into() };
        let imported = within_work_bound("import_ics", || t.store.import_ics(&text, &options, utc(2026, 3, 1, 0, 0)));
        let imported = imported.unwrap_or_else(|e| panic!("a generated calendar is well formed: {e}\n{text}"));
        prop_assert_eq!(imported.calls.len() + imported.skipped.len() >= 1, true);
        ask_everything(&mut t.store);
    }
}
