//! Accountability series in the store: three calls, commitments that belong to the series, progress
//! notes, resolutions, and the next series carrying over what is left.

use crate::calls_support::{local, utc};
use crate::common::{rows, temp_store};
use chrono::{Duration, NaiveTime};
use stint_core::calls::series::{SeriesDraft, SeriesPattern, ACCOUNTABILITY_FORMAT_IDS};
use stint_core::calls::Weekday;
use stint_core::commitment::CommitmentStatus;
use stint_core::store::CallOrigin;
use stint_core::{Error, Thing};

fn draft(week_of: (i32, u32, u32)) -> SeriesDraft {
    SeriesDraft {
        title: "Writing group".into(),
        community_id: None,
        pattern: SeriesPattern::DaysOfWeek {
            week_of: local(week_of.0, week_of.1, week_of.2, 0, 0).date(),
            days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
        },
        time: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        time_zone: chrono_tz::Europe::Berlin,
        duration_minutes: 30,
        join_link: Some("https://meet.example.org/writing".into()),
        notes_link: None,
        reminder_minutes: Some(10),
    }
}

#[test]
fn a_series_stores_three_calls_with_the_accountability_formats() {
    let mut t = temp_store();
    let now = utc(2025, 3, 1, 9, 0);
    let series = t.store.create_series(&draft((2025, 3, 3)), None, now).unwrap();
    assert_eq!(series.id, "series-1");
    assert_eq!(series.previous_series_id, None);
    let ids: Vec<&str> = series.calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["series-1-1", "series-1-2", "series-1-3"]);
    let formats: Vec<&str> = series.calls.iter().map(|c| c.format_id.as_str()).collect();
    assert_eq!(formats, ACCOUNTABILITY_FORMAT_IDS);
    for call in &series.calls {
        assert_eq!(t.store.call(&call.id).unwrap().origin, CallOrigin::Series("series-1".into()));
    }
    assert_eq!(t.store.series_list().unwrap(), std::slice::from_ref(&series));
    assert_eq!(t.store.series("series-1").unwrap(), series);

    // Its calls are calls like any other: upcoming, reminded of, joined; but not deleted alone.
    let monday = utc(2025, 3, 3, 17, 0); // 18:00 in Berlin
    let upcoming = t.store.upcoming(utc(2025, 3, 3, 0, 0), 7).unwrap();
    assert_eq!(
        upcoming.iter().map(|o| o.starts_at).collect::<Vec<_>>(),
        [monday, monday + Duration::days(2), monday + Duration::days(4)]
    );
    let reminder = t.store.next_reminder(now).unwrap().unwrap();
    assert_eq!((reminder.call.id.as_str(), reminder.at), ("series-1-1", monday - Duration::minutes(10)));
    let session = t.store.join_call("series-1-1", monday, monday + Duration::minutes(3)).unwrap();
    assert_eq!(session.format_id, "accountability-1");
    assert_eq!(t.store.delete_call("series-1-2").unwrap_err().code(), "conflict");
}

#[test]
fn a_bad_series_names_its_field_and_stores_nothing() {
    let mut t = temp_store();
    let now = utc(2025, 3, 1, 9, 0);
    let mut bad = draft((2025, 3, 3));
    bad.pattern = SeriesPattern::DaysOfWeek {
        week_of: local(2025, 3, 3, 0, 0).date(),
        days: vec![Weekday::Mon, Weekday::Mon, Weekday::Fri],
    };
    assert_eq!(t.store.create_series(&bad, None, now).unwrap_err().field(), Some("pattern.days"));
    let mut bad = draft((2025, 3, 3));
    bad.join_link = Some("ftp://example.org/x".into());
    assert_eq!(t.store.create_series(&bad, None, now).unwrap_err().field(), Some("join_link"));
    assert_eq!(
        t.store.create_series(&draft((2025, 3, 3)), Some("nope"), now).unwrap_err(),
        Error::NotFound(Thing::Series)
    );
    for table in ["series", "series_calls", "calls"] {
        assert_eq!(rows(&t.path, table), 0, "{table}");
    }
    assert_eq!(t.store.add_series_commitment("nope", "x", now).unwrap_err(), Error::NotFound(Thing::Series));
    assert_eq!(t.store.series_commitments("nope").unwrap_err(), Error::NotFound(Thing::Series));
}

#[test]
fn commit_check_in_review_then_carry_over_what_is_left() {
    let mut t = temp_store();
    let now = utc(2025, 3, 1, 9, 0);
    let first = t.store.create_series(&draft((2025, 3, 3)), None, now).unwrap();

    // Call 1: commitments.
    let monday = utc(2025, 3, 3, 17, 5);
    let texts = ["Draft chapter 2", "Submit the grant", "Read two papers", "Reply to reviewers", "Learn Haskell"];
    let made: Vec<_> =
        texts.iter().map(|text| t.store.add_series_commitment(&first.id, text, monday).unwrap()).collect();
    assert!(made.iter().all(|c| c.status == CommitmentStatus::Open && c.session_id.is_none()));
    assert_eq!(t.store.add_series_commitment(&first.id, "  ", monday).unwrap_err().field(), Some("text"));

    // Call 2: a progress note each, still open.
    let noted = t.store.note_commitment(made[1].id, Some("  budget table left ")).unwrap();
    assert_eq!((noted.status, noted.note.as_deref()), (CommitmentStatus::Open, Some("budget table left")));
    assert_eq!(t.store.note_commitment(made[1].id, Some(&"n".repeat(2001))).unwrap_err().field(), Some("note"));

    // Call 3: resolve.
    let friday = utc(2025, 3, 7, 17, 25);
    t.store.resolve_commitment(made[0].id, CommitmentStatus::Done, None, friday).unwrap();
    t.store.resolve_commitment(made[1].id, CommitmentStatus::Partial, Some("sent the draft"), friday).unwrap();
    t.store.resolve_commitment(made[2].id, CommitmentStatus::NotDone, None, friday).unwrap();
    t.store.resolve_commitment(made[4].id, CommitmentStatus::Dropped, None, friday).unwrap();
    // made[3] stays open.

    let second = t.store.start_next_series(&first.id, &draft((2025, 3, 10)), friday).unwrap();
    assert_eq!(second.previous_series_id.as_deref(), Some(first.id.as_str()));
    let carried = t.store.series_commitments(&second.id).unwrap();
    let summary: Vec<_> = carried.iter().map(|c| (c.text.as_str(), c.status, c.carried_from)).collect();
    assert_eq!(
        summary,
        [
            ("Submit the grant", CommitmentStatus::Open, Some(made[1].id)),
            ("Read two papers", CommitmentStatus::Open, Some(made[2].id)),
            ("Reply to reviewers", CommitmentStatus::Open, Some(made[3].id)),
        ]
    );
    assert!(carried.iter().all(|c| c.note.is_none() && c.created_at == friday));
    // The first series keeps its own commitments as they were resolved.
    let kept = t.store.series_commitments(&first.id).unwrap();
    assert_eq!(
        kept.iter().map(|c| c.status).collect::<Vec<_>>(),
        [
            CommitmentStatus::Done,
            CommitmentStatus::Partial,
            CommitmentStatus::NotDone,
            CommitmentStatus::Open,
            CommitmentStatus::Dropped
        ]
    );

    // A series goes on only once; the refusal stores nothing.
    let before = (rows(&t.path, "series"), rows(&t.path, "calls"), rows(&t.path, "commitments"));
    let err = t.store.start_next_series(&first.id, &draft((2025, 3, 17)), friday).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!((rows(&t.path, "series"), rows(&t.path, "calls"), rows(&t.path, "commitments")), before);

    // Carried twice, a commitment still points at where it was first made.
    t.store.resolve_commitment(carried[0].id, CommitmentStatus::Done, None, friday + Duration::days(7)).unwrap();
    let third = t.store.start_next_series(&second.id, &draft((2025, 3, 17)), friday + Duration::days(7)).unwrap();
    let again = t.store.series_commitments(&third.id).unwrap();
    let summary: Vec<_> = again.iter().map(|c| (c.text.as_str(), c.carried_from)).collect();
    assert_eq!(summary, [("Read two papers", Some(made[2].id)), ("Reply to reviewers", Some(made[3].id))]);
    let ids: Vec<String> = t.store.series_list().unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(ids, ["series-1", "series-2", "series-3"]);
}

#[test]
fn a_bad_next_series_carries_nothing_over() {
    let mut t = temp_store();
    let now = utc(2025, 3, 1, 9, 0);
    let first = t.store.create_series(&draft((2025, 3, 3)), None, now).unwrap();
    t.store.add_series_commitment(&first.id, "Draft chapter 2", now).unwrap();
    let mut bad = draft((2025, 3, 10));
    bad.title = String::new();
    assert_eq!(t.store.start_next_series(&first.id, &bad, now).unwrap_err().field(), Some("title"));
    assert_eq!((rows(&t.path, "series"), rows(&t.path, "commitments")), (1, 1));
    assert_eq!(
        t.store.start_next_series("nope", &draft((2025, 3, 10)), now).unwrap_err(),
        Error::NotFound(Thing::Series)
    );
}
