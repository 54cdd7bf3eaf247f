//! Reminders in the runner, with the fake clock: each fires once at its instant, is not repeated by
//! a wake, a clock going back or a restart, is announced late (saying so) after a suspend while the
//! call can still be joined, and leaves the phase deadlines where they were.

use chrono::{Duration as Span, NaiveDate};
use stint_core::calls::{self, Call, Recurrence};
use stint_core::store::Reminder;

use super::*;
use crate::reminders::ReminderSource;

/// Calls in memory; reminders from the same pure functions the store uses.
#[derive(Clone, Default)]
struct FakeReminders {
    calls: Arc<Mutex<Vec<Call>>>,
    kept: Arc<Mutex<Option<DateTime<Utc>>>>,
}

impl FakeReminders {
    fn with(calls: Vec<Call>) -> Self {
        FakeReminders { calls: Arc::new(Mutex::new(calls)), ..FakeReminders::default() }
    }
}

impl ReminderSource for FakeReminders {
    fn next_after(&self, after: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        Ok(calls::next_reminder(&self.calls.lock().unwrap(), after).map(|(at, _)| at))
    }
    fn due(&self, after: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Reminder>> {
        let all = self.calls.lock().unwrap().clone();
        Ok(calls::reminders_due(&all, after, until)
            .into_iter()
            .map(|(at, occurrence)| {
                let call = all.iter().find(|c| c.id == occurrence.call_id).unwrap().clone();
                Reminder { at, call, occurrence }
            })
            .collect())
    }
    fn last_announced(&self) -> Option<DateTime<Utc>> {
        *self.kept.lock().unwrap()
    }
    fn set_last_announced(&self, at: DateTime<Utc>) {
        *self.kept.lock().unwrap() = Some(at);
    }
}

/// A one-off call on the start day at `hour:minute` UTC, lasting an hour, reminding 10 minutes before.
fn call(id: &str, title: &str, hour: u32, minute: u32) -> Call {
    Call {
        id: id.into(),
        title: title.into(),
        community_id: None,
        format_id: "pomodoro".into(),
        first_start: NaiveDate::from_ymd_opt(2025, 1, 6).unwrap().and_hms_opt(hour, minute, 0).unwrap(),
        time_zone: chrono_tz::UTC,
        duration_minutes: 60,
        recurrence: Recurrence::once(),
        join_link: Some("https://meet.example.org/cafe".into()),
        notes_link: None,
        reminder_minutes: Some(10),
        skip_on_days_of: Vec::new(),
    }
}

/// An announcement: the wall time it was handed over, its title, whether it offered Join.
type Entry = (DateTime<Utc>, String, bool);

#[derive(Clone)]
struct Announced {
    clock: FakeClock,
    log: Arc<Mutex<Vec<Entry>>>,
}

impl Announced {
    fn all(&self) -> Vec<Entry> {
        self.log.lock().unwrap().clone()
    }
    fn titles(&self) -> Vec<String> {
        self.all().into_iter().map(|(_, t, _)| t).collect()
    }
}

impl<V> Effects<V> for Announced {
    fn session_changed(&self, _: Option<V>) {}
    fn tray(&self, _: TrayStatus) {}
    fn announce(&self, notice: Notice) {
        self.log.lock().unwrap().push((self.clock.now(), notice.announcement.title, notice.join.is_some()));
    }
}

struct Reminding {
    clock: FakeClock,
    reminders: FakeReminders,
    announced: Announced,
    runner: RunnerHandle,
    sessions: FakeSessions,
}

/// A runner started at 09:00 (wall clock `start_instant() + offset`) with these sessions and reminders.
async fn start(sessions: FakeSessions, reminders: FakeReminders, offset: Span) -> Reminding {
    let clock = FakeClock::new(start_instant() + offset);
    let announced = Announced { clock: clock.clone(), log: Arc::default() };
    let (runner, inbox) = channel();
    let task = Runner::new(clock.clone(), sessions.clone(), announced.clone(), PAUSE_ON_SLEEP, inbox)
        .with_reminders(reminders.clone());
    tokio::spawn(task.run());
    let r = Reminding { clock, reminders, announced, runner, sessions };
    settle().await;
    r
}

async fn settle() {
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
}

async fn pass(d: Span) {
    tokio::time::sleep(d.to_std().unwrap()).await;
    settle().await;
}

fn at(minutes_after_nine: i64) -> DateTime<Utc> {
    start_instant() + minutes(minutes_after_nine)
}

#[tokio::test(start_paused = true)]
async fn a_reminder_fires_once_at_its_instant_with_a_join_action() {
    let r = start(
        FakeSessions::default(),
        FakeReminders::with(vec![call("cafe", "Collaboration Cafe", 10, 0)]),
        Span::zero(),
    )
    .await;
    pass(minutes(49) + Span::seconds(59)).await;
    assert!(r.announced.all().is_empty());
    pass(Span::seconds(1)).await;
    assert_eq!(r.announced.all(), [(at(50), "Collaboration Cafe starts in 10 min".to_string(), true)]);
    assert_eq!(r.reminders.last_announced(), Some(at(50)), "kept for a restart");
    pass(minutes(180)).await;
    assert_eq!(r.announced.all().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_wake_a_clock_going_back_or_a_restart_does_not_repeat_a_reminder() {
    let reminders = FakeReminders::with(vec![call("cafe", "Cafe", 10, 0)]);
    let r = start(FakeSessions::default(), reminders.clone(), Span::zero()).await;
    pass(minutes(51)).await;
    assert_eq!(r.announced.titles().len(), 1);
    r.runner.send(Message::SleepSignal);
    r.runner.send(Message::CallsChanged);
    settle().await;
    r.clock.jump(minutes(-5)); // back to 09:46: the reminder's instant comes round again
    pass(minutes(10)).await;
    assert_eq!(r.announced.titles().len(), 1, "not after a wake nor a clock going back");

    // Stint restarts at 09:55 with what was kept.
    let again = start(FakeSessions::default(), reminders, minutes(55)).await;
    pass(minutes(30)).await;
    assert!(again.announced.all().is_empty(), "not after a restart");
}

#[tokio::test(start_paused = true)]
async fn a_reminder_slept_through_is_announced_late_while_the_call_can_still_be_joined() {
    let r = start(FakeSessions::default(), FakeReminders::with(vec![call("cafe", "Cafe", 10, 0)]), Span::zero()).await;
    pass(minutes(40)).await;
    r.clock.jump(minutes(25)); // asleep from 09:40 to 10:05, through the reminder at 09:50
    r.runner.send(Message::SleepSignal);
    settle().await;
    assert_eq!(r.announced.all(), [(at(65), "Cafe started 5 min ago".to_string(), true)]);

    // Without the logind signal, the next wake (at most a minute later) finds it.
    let r = start(FakeSessions::default(), FakeReminders::with(vec![call("cafe", "Cafe", 10, 0)]), Span::zero()).await;
    pass(minutes(40)).await;
    r.clock.jump(minutes(5)); // asleep until 09:45; the 09:50 reminder is still ahead
    pass(minutes(1)).await;
    assert!(r.announced.all().is_empty());
    pass(minutes(4)).await;
    assert_eq!(r.announced.titles(), ["Cafe starts in 10 min"]);
}

#[tokio::test(start_paused = true)]
async fn a_reminder_of_a_call_that_ended_during_a_suspend_is_dropped() {
    let r = start(FakeSessions::default(), FakeReminders::with(vec![call("cafe", "Cafe", 10, 0)]), Span::zero()).await;
    pass(minutes(40)).await;
    r.clock.jump(minutes(150)); // asleep from 09:40 to 12:10; the call ran 10:00–11:00
    r.runner.send(Message::SleepSignal);
    pass(minutes(60)).await;
    assert!(r.announced.all().is_empty());
}

#[tokio::test(start_paused = true)]
async fn two_calls_reminding_at_the_same_instant_are_both_announced() {
    let calls = vec![call("b", "Writing hour", 10, 0), call("a", "Cafe", 10, 0), call("c", "Later", 11, 0)];
    let r = start(FakeSessions::default(), FakeReminders::with(calls), Span::zero()).await;
    pass(minutes(120)).await;
    let got: Vec<(DateTime<Utc>, String)> = r.announced.all().into_iter().map(|(t, s, _)| (t, s)).collect();
    assert_eq!(
        got,
        [
            (at(50), "Cafe starts in 10 min".to_string()),
            (at(50), "Writing hour starts in 10 min".to_string()),
            (at(110), "Later starts in 10 min".to_string())
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_call_added_later_is_reminded_once_the_runner_hears_of_it() {
    let r = start(FakeSessions::default(), FakeReminders::default(), Span::zero()).await;
    pass(minutes(5)).await;
    r.reminders.calls.lock().unwrap().push(call("cafe", "Cafe", 10, 0));
    r.runner.send(Message::CallsChanged);
    pass(minutes(50)).await;
    assert_eq!(r.announced.all(), [(at(50), "Cafe starts in 10 min".to_string(), true)]);
}

#[tokio::test(start_paused = true)]
async fn reminders_leave_phase_deadlines_where_they_were() {
    let sessions = FakeSessions::with_session(Timeline::new(three_phases(), start_instant()));
    // The reminder at 09:30 falls inside Focus 1, the one at 09:50 on its deadline.
    let calls = vec![call("early", "Standup", 9, 40), call("cafe", "Cafe", 10, 0)];
    let r = start(sessions, FakeReminders::with(calls), Span::zero()).await;
    pass(minutes(115)).await;
    let got: Vec<(DateTime<Utc>, String)> = r.announced.all().into_iter().map(|(t, s, _)| (t, s)).collect();
    assert_eq!(
        got,
        [
            (at(30), "Standup starts in 10 min".to_string()),
            (at(50), "Focus done".to_string()),
            (at(50), "Cafe starts in 10 min".to_string()),
            (at(60), "Break over".to_string()),
            (at(110), "Session complete".to_string())
        ]
    );
    let ends: Vec<DateTime<Utc>> = r.sessions.recorded().into_iter().map(|p| p.ended_at).collect();
    assert_eq!(ends, [at(50), at(60), at(110)]);
    assert_eq!(r.sessions.recorded().iter().filter(|p| p.outcome == PhaseOutcome::Completed).count(), 3);
}
