//! The runner's loop with a fake clock (tokio's paused time + a movable wall clock) over a real
//! SQLite store: it sleeps until core says, wakes for messages, measures a suspend, and hands on what
//! core decided. What each wake decides is tested in core (`crates/core/tests/it/live_*.rs`).

use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind};
use stint_core::live::{self, SleepPolicy};
use stint_core::store::Store;
use stint_core::timeline::{self, EventKind, PhaseOutcome};

use super::clock::FakeClock;
use super::*;

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

impl Effects for Recorder {
    fn session_changed(&self, view: Option<SessionView>) {
        self.0.lock().unwrap().push(Effect::Changed(view.is_some()));
    }
    fn status(&self, status: TrayStatus) {
        self.0.lock().unwrap().push(Effect::Tray(status));
    }
    fn announce(&self, notice: Notice) {
        self.0.lock().unwrap().push(Effect::Announce(notice.announcement.title, notice.actions));
    }
}

const PAUSE_ON_SLEEP: SessionPrefs = SessionPrefs {
    auto_start_next: true,
    sleep_policy: SleepPolicy::Pause,
    pomodoro: live::PomodoroLengths {
        focus_minutes: 25,
        short_break_minutes: 5,
        long_break_minutes: 15,
        long_break_every: 4,
    },
    lang: stint_core::i18n::Lang::En,
    clock: stint_core::i18n::ClockStyle::H24,
};
const WALL_CLOCK: SessionPrefs = SessionPrefs { sleep_policy: SleepPolicy::WallClock, ..PAUSE_ON_SLEEP };

struct Harness {
    store: SharedStore,
    id: i64,
    effects: Recorder,
    runner: RunnerHandle,
    clock: FakeClock,
    _dir: tempfile::TempDir,
}

impl Harness {
    /// A runner over a real SQLite store (in a temp dir) with a session of `three_phases` started at 09:00.
    async fn start(prefs: SessionPrefs) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path().join("stint.db"), chrono::Utc::now()).unwrap();
        let format = store.create_format(three_phases(), chrono::Utc::now()).unwrap();
        let id = store.start_session(&format.id, start_instant(), &[]).unwrap().id;
        let store = SharedStore::new(store);
        let effects = Recorder::default();
        let (runner, inbox) = channel();
        let clock = FakeClock::new(start_instant());
        tokio::spawn(Runner::new(clock.clone(), store.clone(), effects.clone(), prefs, inbox).run());
        let harness = Harness { store, id, effects, runner, clock, _dir: dir };
        harness.settle().await;
        harness
    }

    /// Lets the runner handle everything due now, without moving time.
    async fn settle(&self) {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    async fn pass(&self, d: chrono::Duration) {
        tokio::time::sleep(d.to_std().unwrap()).await;
        self.settle().await;
    }

    fn outcomes(&self) -> Vec<(String, PhaseOutcome)> {
        self.store.lock().session_phases(self.id).unwrap().into_iter().map(|r| (r.label, r.outcome)).collect()
    }
}

fn completed(labels: &[&str]) -> Vec<(String, PhaseOutcome)> {
    labels.iter().map(|l| (l.to_string(), PhaseOutcome::Completed)).collect()
}

#[tokio::test(start_paused = true)]
async fn each_phase_is_recorded_and_announced_once_at_its_deadline() {
    let h = Harness::start(PAUSE_ON_SLEEP).await;
    assert_eq!(h.effects.changes(), 1, "the resumed session is shown at start-up");
    h.pass(minutes(49)).await;
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Running { minutes_left: 1 }));
    h.pass(minutes(66)).await;
    assert_eq!(h.outcomes(), completed(&["Focus 1", "Break", "Focus 2"]));
    assert_eq!(h.effects.announced(), ["Focus done", "Break over", "Session complete"]);
    assert_eq!(h.effects.changes(), 4);
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Idle));
    assert!(h.store.lock().active_session().unwrap().is_none());
}

#[tokio::test(start_paused = true)]
async fn a_suspend_the_monotonic_clock_did_not_see_is_measured_and_handed_to_core() {
    let h = Harness::start(WALL_CLOCK).await;
    h.pass(minutes(40)).await;
    h.clock.jump(minutes(30));
    h.runner.send(Message::SleepSignal);
    h.settle().await;
    assert_eq!(h.outcomes(), [("Focus 1".into(), PhaseOutcome::Slept), ("Break".into(), PhaseOutcome::Slept)]);
    assert_eq!(h.effects.announced().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_reload_after_a_user_action_shows_the_new_view_and_re_arms_the_timer() {
    let h = Harness::start(PAUSE_ON_SLEEP).await;
    h.pass(minutes(10)).await;
    let now = h.clock.now();
    live::act(&mut h.store.lock(), EventKind::Skip, now).unwrap();
    h.runner.send(Message::Reload);
    h.settle().await;
    assert_eq!(h.outcomes(), [("Focus 1".into(), PhaseOutcome::Skipped)]);
    assert_eq!(h.effects.changes(), 2);
    assert!(h.effects.announced().is_empty(), "the user skipped: nothing to announce");
    h.pass(minutes(10)).await; // the break, started at 09:10, ends at 09:20
    assert_eq!(h.effects.announced(), ["Break over"]);
}

#[tokio::test(start_paused = true)]
async fn new_prefs_reach_the_next_wake() {
    let h = Harness::start(PAUSE_ON_SLEEP).await;
    h.runner.send(Message::Prefs(SessionPrefs { auto_start_next: false, ..PAUSE_ON_SLEEP }));
    h.pass(minutes(55)).await;
    assert_eq!(h.outcomes(), completed(&["Focus 1"]));
    let active = h.store.lock().active_session().unwrap().unwrap();
    assert!(timeline::state_at(&active.timeline, start_instant() + minutes(55)).paused, "the break is held");
    assert_eq!(h.effects.last_tray(), Some(TrayStatus::Paused));
}
