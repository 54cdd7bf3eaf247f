//! The runner's loop in simulated time, over a real store: the same `Watch::nap` and `Watch::wake`
//! the shell's runner calls, with a monotonic clock that stops while the machine "sleeps" and a wall
//! clock that can jump. What the shell would do with each wake — notify, emit the view, update the
//! tray — is written to a log the tests read.
#![allow(dead_code)]

use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind};
use stint_core::i18n::{ClockStyle, Lang};
use stint_core::live::{Gap, SessionPrefs, SleepPolicy, TrayStatus, Wake, Watch};
use stint_core::store::Store;
use stint_core::timeline::{Event, PhaseOutcome, PhaseRecord};
use tempfile::TempDir;

pub fn minutes(m: i64) -> chrono::Duration {
    chrono::Duration::minutes(m)
}

/// 09:00 on Monday 2025-01-06, UTC: where every simulation starts.
pub fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap()
}

/// `m` minutes after 09:00.
pub fn at(m: i64) -> DateTime<Utc> {
    start_instant() + minutes(m)
}

fn phase(label: &str, kind: PhaseKind, minutes: u32) -> Phase {
    Phase { label: label.into(), kind, seconds: minutes * 60, prompt: None }
}

/// Focus 50 min, break 10 min, focus 50 min: ends at 1:50.
pub fn three_phases() -> FormatDraft {
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

/// Three 5-second phases, as the end-to-end suite runs.
pub fn three_fives() -> FormatDraft {
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

pub const PAUSE_ON_SLEEP: SessionPrefs = SessionPrefs {
    auto_start_next: true,
    sleep_policy: SleepPolicy::Pause,
    pomodoro: POMODORO,
    lang: Lang::En,
    clock: ClockStyle::H24,
};
pub const WALL_CLOCK: SessionPrefs = SessionPrefs {
    auto_start_next: true,
    sleep_policy: SleepPolicy::WallClock,
    pomodoro: POMODORO,
    lang: Lang::En,
    clock: ClockStyle::H24,
};
pub const HOLD: SessionPrefs = SessionPrefs {
    auto_start_next: false,
    sleep_policy: SleepPolicy::Pause,
    pomodoro: POMODORO,
    lang: Lang::En,
    clock: ClockStyle::H24,
};
const POMODORO: stint_core::live::PomodoroLengths = stint_core::live::PomodoroLengths {
    focus_minutes: 25,
    short_break_minutes: 5,
    long_break_minutes: 15,
    long_break_every: 4,
};

/// What the shell would have done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// `session-changed`, with whether it carried a session.
    Changed(bool),
    Tray(TrayStatus),
    /// A notification: the wall time it was handed over, its title, whether it offered Skip / +5
    /// min, whether it offered Join.
    Announce(DateTime<Utc>, String, bool, bool),
}

/// The database file, kept across restarts of the simulated app.
pub struct Data {
    pub store: Store,
    pub dir: TempDir,
}

impl Data {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path().join("stint.db"), chrono::Utc::now()).unwrap();
        Data { store, dir }
    }

    /// A stored session of `format` started at 09:00; returns its id.
    pub fn with_session(format: FormatDraft) -> (Self, i64) {
        let mut data = Data::new();
        let id = data.start(format, start_instant());
        (data, id)
    }

    pub fn start(&mut self, format: FormatDraft, at: DateTime<Utc>) -> i64 {
        let format = self.store.create_format(format, chrono::Utc::now()).unwrap();
        self.store.start_session(&format.id, at, &[]).unwrap().id
    }
}

pub struct Sim {
    pub data: Data,
    pub watch: Watch,
    start: DateTime<Utc>,
    /// Monotonic time since the app started; it does not run while the machine sleeps.
    mono: Duration,
    /// How far the wall clock is off `start + mono` (suspends, clock changes).
    jumped: chrono::Duration,
    /// When (monotonic) the runner's nap ends.
    nap_ends: Duration,
    /// The wall and monotonic time the runner went to sleep at.
    slept_from: (DateTime<Utc>, Duration),
    /// Wall-clock time the next wake's work takes (a busy machine).
    work: Option<chrono::Duration>,
    pub log: Vec<Seen>,
}

const UTC_OFFSET: FixedOffset = FixedOffset::east_opt(0).unwrap();

impl Sim {
    /// The app starting at `start` over `data`.
    pub fn start(data: Data, prefs: SessionPrefs, start: DateTime<Utc>) -> Self {
        let mut data = data;
        let (watch, woke) = Watch::start(&mut data.store, prefs, start, UTC_OFFSET);
        let mut sim = Sim {
            data,
            watch,
            start,
            mono: Duration::ZERO,
            jumped: chrono::Duration::zero(),
            nap_ends: Duration::ZERO,
            slept_from: (start, Duration::ZERO),
            work: None,
            log: Vec::new(),
        };
        sim.apply(woke);
        sim
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.start + chrono::Duration::from_std(self.mono).unwrap() + self.jumped
    }

    /// Lets `d` of monotonic (and wall) time pass, waking the runner whenever its nap ends.
    pub fn pass(&mut self, d: chrono::Duration) {
        let until = self.mono + d.to_std().unwrap();
        while self.nap_ends <= until {
            self.mono = self.nap_ends;
            self.wake(Wake::Timer);
        }
        self.mono = until;
    }

    /// Moves the wall clock alone (a suspend moves it ahead; a clock change either way).
    pub fn jump(&mut self, d: chrono::Duration) {
        self.jumped += d;
    }

    /// The next wake's work takes `d` of wall-clock time.
    pub fn slow_next_wake(&mut self, d: chrono::Duration) {
        self.work = Some(d);
    }

    /// A message reaches the runner now.
    pub fn send(&mut self, why: Wake) {
        self.wake(why);
    }

    fn wake(&mut self, why: Wake) {
        let now = self.now();
        let gap = Gap::measure(self.slept_from.0, self.mono - self.slept_from.1, now);
        let woke = self.watch.wake(&mut self.data.store, now, UTC_OFFSET, gap, why);
        self.apply(woke);
    }

    fn apply(&mut self, woke: stint_core::live::Woke) {
        let now = self.now();
        assert!(woke.problems.is_empty(), "{:?}", woke.problems);
        for notice in woke.notices {
            self.log.push(Seen::Announce(now, notice.announcement.title, notice.actions, notice.join.is_some()));
        }
        if woke.changed {
            let view = self.watch.view(&mut self.data.store, now).unwrap();
            self.log.push(Seen::Changed(view.is_some()));
        }
        self.log.push(Seen::Tray(self.watch.tray(now)));
        if let Some(work) = self.work.take() {
            self.jumped += work;
        }
        let now = self.now();
        self.slept_from = (now, self.mono);
        self.nap_ends = self.mono + self.watch.nap(now);
    }

    pub fn announced(&self) -> Vec<String> {
        self.log
            .iter()
            .filter_map(|s| if let Seen::Announce(_, t, _, _) = s { Some(t.clone()) } else { None })
            .collect()
    }

    /// Announcements with the wall time they were handed over.
    pub fn announced_at(&self) -> Vec<(DateTime<Utc>, String)> {
        self.log
            .iter()
            .filter_map(|s| if let Seen::Announce(at, t, _, _) = s { Some((*at, t.clone())) } else { None })
            .collect()
    }

    pub fn changes(&self) -> usize {
        self.log.iter().filter(|s| matches!(s, Seen::Changed(_))).count()
    }

    pub fn trays(&self) -> usize {
        self.log.iter().filter(|s| matches!(s, Seen::Tray(_))).count()
    }

    pub fn last_tray(&self) -> Option<TrayStatus> {
        self.log.iter().rev().find_map(|s| if let Seen::Tray(t) = s { Some(t.clone()) } else { None })
    }

    pub fn recorded(&mut self, id: i64) -> Vec<PhaseRecord> {
        self.data.store.session_phases(id).unwrap()
    }

    pub fn outcomes(&mut self, id: i64) -> Vec<(String, PhaseOutcome)> {
        self.recorded(id).into_iter().map(|r| (r.label, r.outcome)).collect()
    }

    pub fn events(&mut self, id: i64) -> Vec<Event> {
        self.data.store.session(id).unwrap().timeline.events().to_vec()
    }
}

pub fn completed(labels: &[&str]) -> Vec<(String, PhaseOutcome)> {
    labels.iter().map(|l| (l.to_string(), PhaseOutcome::Completed)).collect()
}
