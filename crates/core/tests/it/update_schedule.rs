//! Updates: at most one automatic check a day, remembered across restarts; only a newer version is
//! offered for installation.

use chrono::Duration;
use stint_core::store::Store;
use stint_core::update::{judge_offer, next_check, NextCheck, Offer, CHECK_INTERVAL};

use crate::common::{t0, temp_store};

#[test]
fn the_first_check_is_due_at_once_and_the_next_a_day_after_the_last() {
    let now = t0();
    assert_eq!(next_check(true, None, now), NextCheck::Now);
    assert_eq!(next_check(true, Some(now), now), NextCheck::At(now + CHECK_INTERVAL));
    let an_hour_ago = now - Duration::hours(1);
    assert_eq!(next_check(true, Some(an_hour_ago), now), NextCheck::At(an_hour_ago + Duration::hours(24)));
    let almost_a_day = now - Duration::hours(24) + Duration::seconds(1);
    assert!(matches!(next_check(true, Some(almost_a_day), now), NextCheck::At(_)));
    assert_eq!(next_check(true, Some(now - Duration::hours(24)), now), NextCheck::Now);
    assert_eq!(next_check(true, Some(now - Duration::days(30)), now), NextCheck::Now);
}

#[test]
fn a_check_remembered_in_the_future_does_not_hold_checks_back() {
    // The clock was set back after the last check: its instant cannot be trusted.
    let now = t0();
    assert_eq!(next_check(true, Some(now + Duration::days(3)), now), NextCheck::Now);
}

#[test]
fn turned_off_there_is_never_an_automatic_check() {
    let now = t0();
    assert_eq!(next_check(false, None, now), NextCheck::Never);
    assert_eq!(next_check(false, Some(now - Duration::days(30)), now), NextCheck::Never);
}

#[test]
fn the_last_check_survives_a_restart_so_a_restart_does_not_check_again() {
    let mut t = temp_store();
    assert_eq!(t.store.last_update_check().unwrap(), None);
    let checked = t0();
    t.store.set_last_update_check(checked).unwrap();
    drop(t.store);

    let (mut store, _) = Store::open(&t.path, checked).unwrap();
    let last = store.last_update_check().unwrap();
    assert_eq!(last, Some(checked));
    let restart = checked + Duration::hours(2);
    assert_eq!(next_check(true, last, restart), NextCheck::At(checked + CHECK_INTERVAL));
}

#[test]
fn only_a_newer_version_is_offered_and_an_older_one_is_refused() {
    assert_eq!(judge_offer("0.1.0", "0.1.1"), Offer::Newer);
    assert_eq!(judge_offer("0.9.0", "0.10.0"), Offer::Newer, "numeric parts compare as numbers");
    assert_eq!(judge_offer("0.2.0-beta.1", "0.2.0"), Offer::Newer, "a release after its pre-release");
    assert_eq!(judge_offer("0.1.0", "v0.1.0"), Offer::Same);
    assert_eq!(judge_offer("0.1.1", "0.1.0"), Offer::Older);
    assert_eq!(judge_offer("1.0.0", "0.99.99"), Offer::Older);
}
