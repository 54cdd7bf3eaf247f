//! The README's screenshots need a History with something in it: finished sessions with real focus
//! time over the last two weeks, so the day and week bars, the heat map and the totals show what a
//! user who keeps Stint open would see. This writes them into a fresh `stint.db` before the app
//! starts (scripts/screenshots.sh runs it), through the store's own API with back-dated `now`s —
//! the same writes a real session makes, so the history rollup, focus seconds and commitments are
//! exactly what the app would have stored — and no test-only command goes into the app.
//!
//!     cargo run -p stint-core --example screenshot_seed -- <data dir>/stint.db

use chrono::{DateTime, Duration, DurationRound, Utc};
use stint_core::builtins::pomodoro_with;
use stint_core::commitment::CommitmentStatus;
use stint_core::format::Repeat;
use stint_core::store::Store;

/// One seeded session: days before today, hour of the day (UTC), what ran, its commitments.
struct Seeded {
    days_ago: i64,
    hour: i64,
    run: Run,
    commitments: &'static [(&'static str, CommitmentStatus)],
}

enum Run {
    /// A pomodoro of this many 25-minute rounds.
    Pomodoro(u32),
    /// A built-in format with a fixed agenda, by id.
    Builtin(&'static str),
}

use CommitmentStatus::{Done, NotDone, Partial};

const SESSIONS: &[Seeded] = &[
    Seeded { days_ago: 13, hour: 8, run: Run::Pomodoro(3), commitments: &[("Outline the grant report", Done)] },
    Seeded { days_ago: 12, hour: 9, run: Run::Builtin("focusmate-50"), commitments: &[] },
    Seeded { days_ago: 10, hour: 8, run: Run::Pomodoro(4), commitments: &[("Clean the survey data", Partial)] },
    Seeded { days_ago: 9, hour: 13, run: Run::Builtin("turing-daily-coworking"), commitments: &[] },
    Seeded { days_ago: 8, hour: 8, run: Run::Pomodoro(2), commitments: &[] },
    Seeded {
        days_ago: 7,
        hour: 9,
        run: Run::Builtin("focusmate-75"),
        commitments: &[("Review two pull requests", Done)],
    },
    Seeded { days_ago: 6, hour: 8, run: Run::Pomodoro(4), commitments: &[("Draft the introduction", Done)] },
    Seeded { days_ago: 6, hour: 14, run: Run::Builtin("check-in"), commitments: &[] },
    Seeded {
        days_ago: 5,
        hour: 9,
        run: Run::Builtin("focusmate-50"),
        commitments: &[("Fix the plotting script", NotDone)],
    },
    Seeded { days_ago: 4, hour: 8, run: Run::Pomodoro(3), commitments: &[("Read the two papers from Sam", Done)] },
    Seeded { days_ago: 3, hour: 8, run: Run::Pomodoro(5), commitments: &[("Write the methods section", Partial)] },
    Seeded { days_ago: 3, hour: 14, run: Run::Builtin("focusmate-25"), commitments: &[] },
    Seeded {
        days_ago: 2,
        hour: 9,
        run: Run::Builtin("turing-daily-coworking"),
        commitments: &[("Answer the reviewers", Done)],
    },
    Seeded { days_ago: 1, hour: 8, run: Run::Pomodoro(4), commitments: &[("Finish the results figures", Done)] },
    Seeded {
        days_ago: 1,
        hour: 14,
        run: Run::Builtin("focusmate-50"),
        commitments: &[("Send the draft to the group", Done)],
    },
];

/// Long enough after any seeded session's start for its whole agenda to be over.
const RECORDED_AFTER_HOURS: i64 = 4;

fn seed(store: &mut Store, s: &Seeded, today: DateTime<Utc>) -> stint_core::Result<()> {
    let start = today - Duration::days(s.days_ago) + Duration::hours(s.hour);
    let texts: Vec<String> = s.commitments.iter().map(|(text, _)| (*text).to_string()).collect();
    let record = match s.run {
        Run::Pomodoro(rounds) => {
            let mut draft = pomodoro_with(25 * 60, 5 * 60, 15 * 60, 4);
            if let Some(repeat) = draft.repeat.as_mut() {
                *repeat = Repeat { rounds: Some(rounds), ..repeat.clone() };
            }
            store.start_session_with_draft("pomodoro", draft, start, &texts)?
        }
        Run::Builtin(id) => store.start_session(id, start, &texts)?,
    };
    let end = start + Duration::hours(RECORDED_AFTER_HOURS);
    store.record_phases(record.id, end, None)?;
    for (commitment, (_, status)) in store.session_commitments(record.id)?.into_iter().zip(s.commitments) {
        store.resolve_commitment(commitment.id, *status, None, end)?;
    }
    Ok(())
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("Give the database to fill, e.g. screenshot_seed /tmp/data/stint.db.");
        std::process::exit(2);
    };
    let now = Utc::now();
    let today = now.duration_trunc(Duration::days(1)).expect("today's midnight is a valid time");
    let result =
        Store::open(&path, now).and_then(|(mut store, _)| SESSIONS.iter().try_for_each(|s| seed(&mut store, s, today)));
    if let Err(e) = result {
        eprintln!("Could not seed {path}: {e}");
        std::process::exit(1);
    }
    println!("Seeded {} finished sessions into {path}.", SESSIONS.len());
}
