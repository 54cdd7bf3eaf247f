//! The Calls view's upcoming list (`Store::upcoming_view`) and the reminders due in a window.

use crate::calls_support::{sample_pack, utc};
use stint_core::pack::PackSource;
use stint_core::store::CallOrigin;

const CAFE: &str = "turing-way-like/collaboration-cafe";
const DAILY: &str = "turing-way-like/daily-coworking";

fn with_pack() -> crate::common::TestStore {
    let mut t = crate::common::temp_store();
    t.store
        .import_pack(
            &sample_pack("turing-way-like.stint.json"),
            &PackSource::file("test.stint.json"),
            utc(2025, 1, 1, 0, 0),
        )
        .unwrap();
    t
}

#[test]
fn each_occurrence_carries_its_call_community_link_zone_and_reminder_choice() {
    let mut t = with_pack();
    t.store.set_call_reminders(DAILY, false).unwrap();
    // Monday 3 March 2025, 08:00 UTC: the Daily at 11:00 and the Cafe on Wednesday 5 March at 15:00.
    let view = t.store.upcoming_view(utc(2025, 3, 3, 8, 0), 3).unwrap();
    let first = &view[0];
    assert_eq!((first.call_id.as_str(), first.starts_at), (DAILY, utc(2025, 3, 3, 11, 0)));
    assert_eq!(first.title, "Daily coworking");
    assert_eq!(first.origin, CallOrigin::Community("turing-way-like".into()));
    let badge = first.community.as_ref().unwrap();
    assert_eq!((badge.name.as_str(), badge.accent.as_deref()), ("Turing Way-like community", Some("#2f6f8f")));
    assert_eq!(first.time_zone, chrono_tz::Europe::London);
    assert_eq!(first.join_link.as_deref(), Some("https://meet.example.org/daily-coworking"));
    assert!(!first.reminders_enabled);
    assert_eq!(first.reminder_minutes, Some(5));
    assert!(!first.in_progress && first.current_phase.is_none() && !first.joined);
    let cafe = view.iter().find(|o| o.call_id == CAFE).unwrap();
    assert!(cafe.reminders_enabled);
    assert_eq!(cafe.starts_at, utc(2025, 3, 5, 15, 0));
}

#[test]
fn an_occurrence_in_progress_names_the_phase_a_joiner_would_be_in_and_is_marked_joined() {
    let mut t = with_pack();
    // The Cafe of 5 March 2025 started at 15:00 GMT; 20 minutes in is Pomodoro 1 (after 5 + 10 min).
    let now = utc(2025, 3, 5, 15, 20);
    let view = t.store.upcoming_view(now, 1).unwrap();
    let cafe = &view[0];
    assert_eq!(cafe.call_id, CAFE);
    assert!(cafe.in_progress);
    assert_eq!(cafe.current_phase.as_deref(), Some("Pomodoro 1 (silent main room, or topic breakout rooms)"));
    assert!(!cafe.joined);

    t.store.join_call(CAFE, cafe.starts_at, now).unwrap();
    let view = t.store.upcoming_view(now, 1).unwrap();
    assert!(view[0].joined);
}

#[test]
fn the_window_is_one_day_to_a_year() {
    let mut t = with_pack();
    for days in [0, 367] {
        let e = t.store.upcoming_view(utc(2025, 3, 3, 8, 0), days).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_input", Some("days")), "{days}");
    }
}

#[test]
fn reminders_due_lists_the_reminders_in_the_window_of_calls_whose_reminders_are_on() {
    let mut t = with_pack();
    // Tuesday 4 March: the Daily reminds at 10:55; Wednesday is a Cafe day (reminder 14:45, no Daily).
    let due = t.store.reminders_due(utc(2025, 3, 4, 0, 0), utc(2025, 3, 6, 0, 0)).unwrap();
    let listed: Vec<_> = due.iter().map(|r| (r.call.id.as_str(), r.at)).collect();
    assert_eq!(listed, [(DAILY, utc(2025, 3, 4, 10, 55)), (CAFE, utc(2025, 3, 5, 14, 45))]);
    t.store.set_call_reminders(CAFE, false).unwrap();
    let due = t.store.reminders_due(utc(2025, 3, 4, 0, 0), utc(2025, 3, 6, 0, 0)).unwrap();
    assert_eq!(due.len(), 1);
}

#[test]
fn a_communitys_badge_is_only_on_the_calls_of_its_pack() {
    let mut t = with_pack();
    // A personal call (as a calendar file or the UI may make) naming the installed community.
    let mut own = crate::calls_support::call(
        "mine",
        chrono_tz::Europe::London,
        crate::calls_support::local(2025, 3, 3, 9, 0),
        stint_core::calls::Recurrence::once(),
    );
    own.title = "Not from the pack".into();
    own.community_id = Some("turing-way-like".into());
    let own = t.store.create_call(own, utc(2025, 3, 1, 0, 0)).unwrap();
    let view = t.store.upcoming_view(utc(2025, 3, 3, 8, 0), 3).unwrap();
    let mine = view.iter().find(|o| o.call_id == own.call.id).unwrap();
    assert_eq!(mine.origin, CallOrigin::Personal);
    assert_eq!(mine.community, None, "a personal call does not wear the community's badge");
    let daily = view.iter().find(|o| o.call_id == DAILY).unwrap();
    assert_eq!(daily.community.as_ref().map(|c| c.id.as_str()), Some("turing-way-like"));
}
