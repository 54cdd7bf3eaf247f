//! The runner with a fake clock (tokio's paused time + a movable wall clock), an in-memory session
//! store and recorded effects: phase changes, suspends under both policies, clock jumps both ways.

use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind};

use super::*;
use crate::clock::FakeClock;

fn minutes(m: i64) -> chrono::Duration {
    chrono::Duration::minutes(m)
}

fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap()
}

fn phase(label: &str, kind: PhaseKind, minutes: u32) -> Phase {
    Phase { label: label.into(), kind, seconds: minutes * 60, prompt: None }
}

/// Focus 50 min, break 10 min, focus 50 min: ends at 1:50.
fn three_phases() -> FormatDraft {
    FormatDraft {
        name: "Block".into(),
        attribution: None,
        phases: vec![
            phase("Focus 1", PhaseKind::Focus, 50),
            phase("Break", PhaseKind::Break, 10),
            phase("Focus 2", PhaseKind::Focus, 50),
        ],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    }
}

/// An in-memory stand-in for the store: one session, its events and its recorded phases.
#[derive(Default)]
struct Memory {
    session: Option<Timeline>,
    ended: bool,
    recorded: Vec<PhaseRecord>,
}

#[derive(Clone, Default)]
struct FakeSessions(Arc<Mutex<Memory>>);

impl FakeSessions {
    fn with_session(timeline: Timeline) -> Self {
        FakeSessions(Arc::new(Mutex::new(Memory { session: Some(timeline), ..Memory::default() })))
    }
    fn recorded(&self) -> Vec<PhaseRecord> {
        self.0.lock().unwrap().recorded.clone()
    }
    fn events(&self) -> Vec<Event> {
        self.0.lock().unwrap().session.as_ref().unwrap().events().to_vec()
    }
}

impl Sessions for FakeSessions {
    type View = timeline::SessionState;

    fn active(&self) -> Result<Option<(SessionId, Timeline)>> {
        let memory = self.0.lock().unwrap();
        Ok(memory.session.clone().filter(|_| !memory.ended).map(|t| (1, t)))
    }

    /// Like the store: an event also records the phases it finished.
    fn append(&self, id: SessionId, event: Event) -> Result<()> {
        let mut memory = self.0.lock().unwrap();
        if memory.recorded.iter().any(|r| r.ended_at > event.at) {
            return Err(stint_core::Error::Conflict("earlier than a recorded phase".into()));
        }
        memory.session.as_mut().unwrap().push(event)?;
        drop(memory);
        self.record_phases(id, event.at, None).map(drop)
    }

    fn record_phases(
        &self,
        _id: SessionId,
        now: DateTime<Utc>,
        slept: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<Vec<PhaseRecord>> {
        let mut memory = self.0.lock().unwrap();
        if memory.ended {
            return Ok(Vec::new());
        }
        let timeline = memory.session.clone().unwrap();
        let new: Vec<PhaseRecord> = timeline::finished_phases(&timeline, now)
            .into_iter()
            .filter(|r| !memory.recorded.iter().any(|old| old.index == r.index))
            .map(|mut r| {
                if slept.is_some_and(|(from, to)| r.ended_at > from && r.ended_at <= to) {
                    r.outcome = PhaseOutcome::Slept;
                }
                r
            })
            .collect();
        memory.recorded.extend(new.iter().cloned());
        if timeline::state_at(&timeline, now).done {
            memory.ended = true;
        }
        Ok(new)
    }

    fn view(&self, _id: SessionId, now: DateTime<Utc>) -> Result<Self::View> {
        Ok(timeline::state_at(self.0.lock().unwrap().session.as_ref().unwrap(), now))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Effect {
    /// `session-changed`, with whether it carried a session.
    Changed(bool),
    Tray(TrayStatus),
    /// The title, and whether Skip / +5 min were offered.
    Announce(String, bool),
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Effect>>>);

impl Recorder {
    fn all(&self) -> Vec<Effect> {
        self.0.lock().unwrap().clone()
    }
    fn announced(&self) -> Vec<String> {
        self.all().into_iter().filter_map(|e| if let Effect::Announce(t, _) = e { Some(t) } else { None }).collect()
    }
    fn changes(&self) -> usize {
        self.all().iter().filter(|e| matches!(e, Effect::Changed(_))).count()
    }
    fn last_tray(&self) -> Option<TrayStatus> {
        self.all().into_iter().rev().find_map(|e| if let Effect::Tray(t) = e { Some(t) } else { None })
    }
}

impl<V> Effects<V> for Recorder {
    fn session_changed(&self, view: Option<V>) {
        self.0.lock().unwrap().push(Effect::Changed(view.is_some()));
    }
    fn tray(&self, status: TrayStatus) {
        self.0.lock().unwrap().push(Effect::Tray(status));
    }
    fn announce(&self, notice: Notice) {
        self.0.lock().unwrap().push(Effect::Announce(notice.announcement.title, notice.actions));
    }
}

struct Harness {
    clock: FakeClock,
    sessions: FakeSessions,
    effects: Recorder,
    runner: RunnerHandle,
}

impl Harness {
    /// A session of `format` started at 09:00 and a runner started at the same moment.
    async fn start(format: FormatDraft, settings: RunnerSettings) -> Self {
        let clock = FakeClock::new(start_instant());
        let sessions = FakeSessions::with_session(Timeline::new(format, start_instant()));
        let effects = Recorder::default();
        let (handle, inbox) = channel();
        tokio::spawn(Runner::new(clock.clone(), sessions.clone(), effects.clone(), settings, inbox).run());
        let harness = Harness { clock, sessions, effects, runner: handle };
        harness.settle().await;
        harness
    }

    /// Lets the runner handle everything due now, without moving time.
    async fn settle(&self) {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    /// Lets `d` of monotonic (and wall) time pass.
    async fn pass(&self, d: chrono::Duration) {
        tokio::time::sleep(d.to_std().unwrap()).await;
        self.settle().await;
    }

    fn outcomes(&self) -> Vec<(String, PhaseOutcome)> {
        self.sessions.recorded().into_iter().map(|r| (r.label, r.outcome)).collect()
    }
}

const PAUSE_ON_SLEEP: RunnerSettings = RunnerSettings { auto_start_next: true, sleep_policy: SleepPolicy::Pause };
const WALL_CLOCK: RunnerSettings = RunnerSettings { auto_start_next: true, sleep_policy: SleepPolicy::WallClock };

fn completed(labels: &[&str]) -> Vec<(String, PhaseOutcome)> {
    labels.iter().map(|l| (l.to_string(), PhaseOutcome::Completed)).collect()
}

#[tokio::test(start_paused = true)]
async fn each_phase_changes_once_at_its_deadline() {
    let h = Harness::start(three_phases(), PAUSE_ON_SLEEP).await;
    assert_eq!(h.effects.changes(), 1, "the resumed session is shown at start-up");

    h.pass(minutes(49)).await;
    assert!(h.outcomes().is_empty());
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Running { minutes_left: 1 }));

    h.pass(minutes(1)).await;
    assert_eq!(h.outcomes(), completed(&["Focus 1"]));
    assert_eq!(h.effects.announced(), ["Focus done"]);

    h.pass(minutes(70)).await;
    assert_eq!(h.outcomes(), completed(&["Focus 1", "Break", "Focus 2"]));
    assert_eq!(h.effects.announced(), ["Focus done", "Break over", "Session complete"]);
    let offered: Vec<bool> = h
        .effects
        .all()
        .into_iter()
        .filter_map(|e| if let Effect::Announce(_, a) = e { Some(a) } else { None })
        .collect();
    assert_eq!(offered, [true, true, false], "no Skip / +5 min once the session is over");
    assert_eq!(h.effects.changes(), 4, "start-up and one per phase change");
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Idle));
}

#[tokio::test(start_paused = true)]
async fn the_tray_counts_whole_minutes_and_the_runner_wakes_at_most_once_a_minute() {
    let h = Harness::start(three_phases(), PAUSE_ON_SLEEP).await;
    h.pass(chrono::Duration::seconds(30)).await;
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Running { minutes_left: 50 }));
    h.pass(chrono::Duration::seconds(31)).await;
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Running { minutes_left: 49 }));
    let trays = h.effects.all().iter().filter(|e| matches!(e, Effect::Tray(_))).count();
    assert_eq!(trays, 2, "one at start-up, one after the first minute");
}

#[tokio::test(start_paused = true)]
async fn a_suspend_across_a_deadline_pauses_the_session_under_the_pause_policy() {
    let h = Harness::start(three_phases(), PAUSE_ON_SLEEP).await;
    h.pass(minutes(40)).await;
    h.clock.jump(minutes(30)); // asleep from 09:40 to 10:10; Focus 1 would have ended at 09:50
    h.runner.send(Message::SleepSignal);
    h.settle().await;

    assert!(h.outcomes().is_empty(), "nothing ended while asleep");
    assert!(h.effects.announced().is_empty());
    let events: Vec<_> = h.sessions.events().into_iter().map(|e| (e.at, e.kind)).collect();
    assert_eq!(
        events,
        [(start_instant() + minutes(40), EventKind::Pause), (start_instant() + minutes(70), EventKind::Resume)]
    );

    h.pass(minutes(10)).await; // Focus 1 has 10 minutes left after the resume
    assert_eq!(h.outcomes(), completed(&["Focus 1"]));
    assert_eq!(h.sessions.recorded()[0].actual_seconds, 50 * 60);
    assert_eq!(h.effects.announced(), ["Focus done"]);
}

#[tokio::test(start_paused = true)]
async fn a_suspend_across_deadlines_records_them_as_slept_under_the_wall_clock_policy() {
    let h = Harness::start(three_phases(), WALL_CLOCK).await;
    h.pass(minutes(40)).await;
    h.clock.jump(minutes(30)); // asleep from 09:40 to 10:10: Focus 1 and the break ended meanwhile
    h.runner.send(Message::SleepSignal);
    h.settle().await;

    assert_eq!(h.outcomes(), [("Focus 1".into(), PhaseOutcome::Slept), ("Break".into(), PhaseOutcome::Slept)]);
    assert_eq!(h.effects.announced(), ["Break over"], "one announcement for what happened meanwhile");
    assert!(h.sessions.events().is_empty(), "the session kept wall-clock time");

    h.pass(minutes(40)).await; // Focus 2 started at 10:00 and ends at 10:50
    assert_eq!(h.outcomes().last(), Some(&("Focus 2".into(), PhaseOutcome::Completed)));
    assert_eq!(h.effects.announced().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn without_the_logind_signal_the_next_wake_notices_the_suspend() {
    let h = Harness::start(three_phases(), PAUSE_ON_SLEEP).await;
    h.pass(minutes(40)).await;
    h.clock.jump(minutes(30));
    h.pass(minutes(1)).await; // the runner's nap (≤ 60 s) ends after the resume

    let events = h.sessions.events();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].kind, EventKind::Pause);
    assert_eq!(events[1].kind, EventKind::Resume);
    assert!(h.outcomes().is_empty());
    h.pass(minutes(10)).await; // paused at 09:41 with 9 minutes left, resumed at 10:11
    assert_eq!(h.outcomes(), completed(&["Focus 1"]));
    assert_eq!(h.effects.announced().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_clock_jumping_an_hour_ahead_neither_misses_nor_doubles_a_phase_change() {
    for settings in [PAUSE_ON_SLEEP, WALL_CLOCK] {
        let h = Harness::start(three_phases(), settings).await;
        h.pass(minutes(20)).await;
        h.clock.jump(minutes(60));
        h.pass(minutes(200)).await;
        let labels: Vec<String> = h.outcomes().into_iter().map(|(l, _)| l).collect();
        assert_eq!(labels, ["Focus 1", "Break", "Focus 2"], "{settings:?}");
        assert_eq!(h.effects.announced().len(), if settings == WALL_CLOCK { 2 } else { 3 }, "{settings:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn the_clock_going_back_an_hour_neither_misses_nor_doubles_a_phase_change() {
    let h = Harness::start(three_phases(), PAUSE_ON_SLEEP).await;
    h.pass(minutes(65)).await; // in Focus 2, Focus 1 and the break recorded
    assert_eq!(h.effects.announced().len(), 2);
    h.clock.jump(minutes(-60)); // the wall clock now says 09:05, inside Focus 1 again
    h.pass(minutes(60)).await; // back at 10:05: the deadlines of 09:50 and 10:00 come round again
    assert_eq!(h.outcomes(), completed(&["Focus 1", "Break"]));
    assert_eq!(h.effects.announced().len(), 2, "no phase change is announced twice");
    h.pass(minutes(50)).await;
    assert_eq!(h.outcomes(), completed(&["Focus 1", "Break", "Focus 2"]));
    assert_eq!(h.effects.announced().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn without_auto_start_the_next_phase_waits_for_the_user() {
    let settings = RunnerSettings { auto_start_next: false, sleep_policy: SleepPolicy::Pause };
    let h = Harness::start(three_phases(), settings).await;
    h.pass(minutes(55)).await;
    assert_eq!(h.outcomes(), completed(&["Focus 1"]));
    let events = h.sessions.events();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].at, events[0].kind), (start_instant() + minutes(50), EventKind::Pause));
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Paused));

    h.pass(minutes(60)).await;
    assert_eq!(h.outcomes().len(), 1, "the break has not started");
    h.runner.send(Message::TogglePause);
    h.pass(minutes(10)).await;
    assert_eq!(h.outcomes(), completed(&["Focus 1", "Break"]));
    assert_eq!(h.effects.announced().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_skip_from_a_notification_is_recorded_but_not_announced() {
    let h = Harness::start(three_phases(), PAUSE_ON_SLEEP).await;
    h.pass(minutes(10)).await;
    h.runner.send(Message::Act(EventKind::Skip));
    h.settle().await;
    assert_eq!(h.outcomes(), [("Focus 1".into(), PhaseOutcome::Skipped)]);
    assert!(h.effects.announced().is_empty());
    assert_eq!(h.effects.changes(), 2);
    h.pass(minutes(10)).await;
    assert_eq!(h.outcomes().len(), 2);
    assert_eq!(h.effects.announced(), ["Break over"]);
}

#[tokio::test(start_paused = true)]
async fn a_restart_records_what_ended_while_the_app_was_closed_once() {
    let clock = FakeClock::new(start_instant() + minutes(55));
    let sessions = FakeSessions::with_session(Timeline::new(three_phases(), start_instant()));
    let effects = Recorder::default();
    let (_handle, inbox) = channel();
    tokio::spawn(Runner::new(clock, sessions.clone(), effects.clone(), PAUSE_ON_SLEEP, inbox).run());
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sessions.recorded().len(), 1);
    assert_eq!(effects.announced().len(), 1);
    tokio::time::sleep(Duration::from_secs(240)).await;
    assert_eq!(sessions.recorded().len(), 1, "the break ends at 10:00");
    assert_eq!(effects.changes(), 1);
    assert_eq!(effects.announced().len(), 1);
}

/// Three 5-second phases, as the end-to-end suite runs.
fn three_fives() -> FormatDraft {
    let five = |label: &str, kind| Phase { label: label.into(), kind, seconds: 5, prompt: None };
    FormatDraft {
        phases: vec![
            five("Warm up", PhaseKind::Welcome),
            five("Deep work", PhaseKind::Focus),
            five("Stretch", PhaseKind::Break),
        ],
        ..three_phases()
    }
}

/// Recorded effects that take wall-clock time: the next tray update moves the wall clock by
/// `work`, as the runner's own work does on a busy machine.
#[derive(Clone)]
struct SlowEffects {
    recorder: Recorder,
    clock: FakeClock,
    work: Arc<Mutex<Option<chrono::Duration>>>,
}

impl<V> Effects<V> for SlowEffects {
    fn session_changed(&self, view: Option<V>) {
        Effects::<V>::session_changed(&self.recorder, view);
    }
    fn tray(&self, status: TrayStatus) {
        if let Some(work) = self.work.lock().unwrap().take() {
            self.clock.jump(work);
        }
        Effects::<V>::tray(&self.recorder, status);
    }
    fn announce(&self, notice: Notice) {
        Effects::<V>::announce(&self.recorder, notice);
    }
}

#[tokio::test(start_paused = true)]
async fn a_wake_just_before_the_last_deadline_still_ends_the_session() {
    let clock = FakeClock::new(start_instant());
    let sessions = FakeSessions::with_session(Timeline::new(three_fives(), start_instant()));
    let effects = SlowEffects { recorder: Recorder::default(), clock: clock.clone(), work: Arc::default() };
    let (_handle, inbox) = channel();
    tokio::spawn(Runner::new(clock.clone(), sessions.clone(), effects.clone(), PAUSE_ON_SLEEP, inbox).run());
    tokio::time::sleep(Duration::from_secs(12)).await;
    assert_eq!(sessions.recorded().len(), 2);

    // The timer set for the end (at 15 s) fires half a millisecond early by the wall clock, and
    // handling that wake takes a millisecond: the deadline passes in between.
    clock.jump(-chrono::Duration::microseconds(500));
    *effects.work.lock().unwrap() = Some(chrono::Duration::milliseconds(1));
    tokio::time::sleep(Duration::from_secs(10)).await;

    assert_eq!(sessions.recorded().len(), 3, "the last phase is recorded");
    assert_eq!(effects.recorder.announced(), ["Welcome done", "Focus done", "Session complete"]);
    assert_eq!(effects.recorder.last_tray(), Some(TrayStatus::Idle));
}

#[tokio::test(start_paused = true)]
async fn a_session_the_runner_was_not_told_about_is_picked_up_within_a_minute() {
    let clock = FakeClock::new(start_instant());
    let sessions = FakeSessions::default();
    let effects = Recorder::default();
    let (_handle, inbox) = channel();
    tokio::spawn(Runner::new(clock.clone(), sessions.clone(), effects.clone(), PAUSE_ON_SLEEP, inbox).run());
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Started in the store without a `Reload` reaching the runner.
    sessions.0.lock().unwrap().session = Some(Timeline::new(three_phases(), clock.now()));
    tokio::time::sleep(Duration::from_secs(61)).await;
    assert_eq!(effects.last_tray(), Some(TrayStatus::Running { minutes_left: 49 }), "49 min 1 s are left");
    assert_eq!(effects.changes(), 2, "start-up, and the session once picked up");

    tokio::time::sleep(minutes(50).to_std().unwrap()).await;
    assert_eq!(sessions.recorded().len(), 1);
    assert_eq!(effects.announced(), ["Focus done"]);
}

/// The same runner over the real SQLite store (which records phases on its own when events land).
mod with_the_store {
    use super::*;
    use crate::sessions::StoreSessions;
    use crate::state::SharedStore;
    use stint_core::store::Store;

    /// A runner over a real SQLite store (in a temp dir) with a session of `three_phases` started.
    async fn start(
        settings: RunnerSettings,
    ) -> (SharedStore, i64, Recorder, RunnerHandle, FakeClock, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db")).unwrap();
        let format = store.create_format(three_phases()).unwrap();
        let session = store.start_session(&format.id, start_instant(), &[]).unwrap();
        let store = SharedStore::new(store);
        let effects = Recorder::default();
        let (handle, inbox) = channel();
        let clock = FakeClock::new(start_instant());
        tokio::spawn(Runner::new(clock.clone(), StoreSessions(store.clone()), effects.clone(), settings, inbox).run());
        (store, session.id, effects, handle, clock, dir)
    }

    fn outcomes(store: &SharedStore, id: i64) -> Vec<(String, PhaseOutcome)> {
        store.lock().session_phases(id).unwrap().into_iter().map(|r| (r.label, r.outcome)).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn each_phase_is_recorded_and_announced_once() {
        let (store, id, effects, _runner, _clock, _dir) = start(PAUSE_ON_SLEEP).await;
        tokio::time::sleep(Duration::from_secs(115 * 60)).await;
        assert_eq!(outcomes(&store, id), completed(&["Focus 1", "Break", "Focus 2"]));
        assert_eq!(effects.announced(), ["Focus done", "Break over", "Session complete"]);
        assert_eq!(effects.changes(), 4);
        assert!(store.lock().active_session().unwrap().is_none());
    }

    #[tokio::test(start_paused = true)]
    async fn without_auto_start_the_phase_end_is_announced_and_the_next_phase_held() {
        let settings = RunnerSettings { auto_start_next: false, sleep_policy: SleepPolicy::Pause };
        let (store, id, effects, _runner, _clock, _dir) = start(settings).await;
        tokio::time::sleep(Duration::from_secs(70 * 60)).await;
        assert_eq!(outcomes(&store, id), completed(&["Focus 1"]));
        assert_eq!(effects.announced(), ["Focus done"]);
        let active = store.lock().active_session().unwrap().unwrap();
        assert!(timeline::state_at(&active.timeline, start_instant() + minutes(70)).paused);
    }

    #[tokio::test(start_paused = true)]
    async fn a_suspend_under_the_wall_clock_policy_is_recorded_as_slept() {
        let (store, id, effects, runner, clock, _dir) = start(WALL_CLOCK).await;
        tokio::time::sleep(Duration::from_secs(40 * 60)).await;
        clock.jump(minutes(30));
        runner.send(Message::SleepSignal);
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(
            outcomes(&store, id),
            [("Focus 1".into(), PhaseOutcome::Slept), ("Break".into(), PhaseOutcome::Slept)]
        );
        assert_eq!(effects.announced().len(), 1);
    }
}

/// Calls' reminders in the same runner.
mod reminders;
