//! The formats Stint ships, from FORMATS.md. Each names its source in `attribution`, shortly: the
//! source's name and, where the source gives no number and Stint chose one, that sentence ("Stint
//! chose …"). The UI shows a built-in's description and source in the user's language by its id
//! (`format_builtin_*` in the catalogues); this English attribution travels with duplicates.

use crate::format::{CommitmentPolicy, Format, FormatDraft, FormatOrigin, Phase, PhaseKind, Repeat};
use PhaseKind::*;

/// Where the six kinds of virtual coworking call are described.
const CALL_KINDS_SOURCE: &str = "Included, \u{201c}WTH is virtual coworking and do people get work done?\u{201d}.";
const TURING_WAY_SOURCE: &str = "The Turing Way, Community Handbook: Community Coworking Calls";

const POMODORO_ATTRIBUTION: &str =
    "The pomodoro technique by Francesco Cirillo, as described in The Turing Way. Stint chose 15 minutes for the long \
     break.";

const NO_COMMITMENTS: CommitmentPolicy = CommitmentPolicy { ask_at_start: false, resolve_at_end: false };
const ASK_AND_RESOLVE: CommitmentPolicy = CommitmentPolicy { ask_at_start: true, resolve_at_end: true };
/// Commitments that outlive the call: written down now, resolved at a later call.
const ASK_ONLY: CommitmentPolicy = CommitmentPolicy { ask_at_start: true, resolve_at_end: false };
const RESOLVE_ONLY: CommitmentPolicy = CommitmentPolicy { ask_at_start: false, resolve_at_end: true };

/// The id of the built-in pomodoro, which runs with the lengths in the user's settings.
pub const POMODORO: &str = "pomodoro";

/// Every built-in format, in the order the UI lists them. Ids are stable slugs.
pub fn all() -> Vec<Format> {
    let mut formats = vec![
        builtin(POMODORO, pomodoro_with(25 * 60, 5 * 60, 15 * 60, 4)),
        builtin("work-sprint", work_sprint()),
        builtin(
            "check-in",
            call_kind(
                "Check-in call",
                NO_COMMITMENTS,
                vec![step("Hello", Welcome, 5), step("Round of updates", CheckIn, 20), step("Close", Close, 5)],
            ),
        ),
    ];
    formats.extend(accountability_series());
    formats.extend([
        builtin(
            "knowledge-led",
            call_kind(
                "Knowledge-led call",
                NO_COMMITMENTS,
                vec![
                    step("Welcome", Welcome, 5),
                    step("Talk", Talk, 20),
                    step("Discussion and tips", Discussion, 30),
                    step("Close", Close, 5),
                ],
            ),
        ),
        builtin(
            "coordinated-action",
            call_kind(
                "Coordinated action call",
                ASK_ONLY,
                vec![
                    step("Updates", CheckIn, 10),
                    step("Working together", Focus, 35),
                    prompted(step("Actions and owners", Review, 15), "Name each action and who owns it"),
                ],
            ),
        ),
        builtin(
            "mastermind",
            call_kind(
                "Mastermind",
                ASK_ONLY,
                vec![
                    step("Welcome", Welcome, 5),
                    prompted(step("Wins round", CheckIn, 15), "Share one win"),
                    step("Hot seat", Discussion, 30),
                    prompted(step("Goals round", Review, 10), "Set a goal for next time"),
                ],
            ),
        ),
        builtin("turing-collaboration-cafe", collaboration_cafe()),
        builtin("turing-daily-coworking", daily_coworking()),
    ]);
    formats.extend([25, 50, 75].map(focusmate_style));
    formats.extend([
        builtin("flow-club", draft(
            "Flow Club-style session",
            "Flow Club (flow.club).",
            ASK_AND_RESOLVE,
            vec![
                step("Intros and goals", CheckIn, 5),
                prompted(step("Muted work with music", Focus, 50), "Mics muted"),
                step("Progress sharing", Review, 5),
            ],
        )),
        builtin("caveday", draft(
            "Caveday-style cave",
            "Caveday. Stint chose the minutes of the opening and the closing.",
            ASK_AND_RESOLVE,
            vec![
                step("Welcome and goals", CheckIn, 10),
                step("Sprint", Focus, 60),
                prompted(step("Share a win", Review, 10), "Share one win"),
            ],
        )),
        builtin("long-block", draft(
            "Long block",
            "NOAA Fisheries PAM Open Science, \u{201c}Co-Working Meetings\u{201d}. Stint made the five-minute warning a \
             step of its own.",
            ASK_AND_RESOLVE,
            vec![
                step("Intros and goals", CheckIn, 5),
                step("Work", Focus, 85),
                prompted(step("Work: 5 minutes left", Focus, 5), "Wrap up and note where you are"),
                step("Break", Break, 15),
                step("Work", Focus, 60),
            ],
        )),
    ]);
    formats
}

/// The classic pomodoro with the given lengths (in seconds): "Pomodoro {n}" focus, a break, and a
/// long break instead of the break after every `every`th focus (0 = never). Repeats until stopped.
/// The shell uses this to apply the user's default lengths.
pub fn pomodoro_with(focus_s: u32, break_s: u32, long_break_s: u32, every: u32) -> FormatDraft {
    FormatDraft {
        name: "Pomodoro".into(),
        attribution: Some(POMODORO_ATTRIBUTION.into()),
        phases: vec![phase("Pomodoro {n}", Focus, focus_s), phase("Break", Break, break_s)],
        commitments: NO_COMMITMENTS,
        repeat: Some(Repeat {
            rounds: None,
            long_break_every: every,
            long_break: Some(phase("Long break", LongBreak, long_break_s)),
        }),
    }
}

fn work_sprint() -> FormatDraft {
    let mut sprint = pomodoro_with(25 * 60, 5 * 60, 15 * 60, 4);
    sprint.name = "Work sprint call".into();
    sprint.attribution = Some(format!("{CALL_KINDS_SOURCE} Stint chose 15 minutes for the long break."));
    sprint.commitments = ASK_AND_RESOLVE;
    sprint.phases[0].prompt = Some("Mics muted".into());
    sprint.phases[1].prompt = Some("Unmute and chat".into());
    sprint
}

/// The three calls of an accountability series: commit, check progress, review.
fn accountability_series() -> [Format; 3] {
    let call = |n: u32, round: &str, kind: PhaseKind, prompt: &str, commitments| {
        builtin(
            &format!("accountability-{n}"),
            call_kind(
                &format!("Accountability call {n} of 3"),
                commitments,
                vec![step("Welcome", Welcome, 5), prompted(step(round, kind, 20), prompt), step("Close", Close, 5)],
            ),
        )
    };
    [
        call(1, "Introductions and commitments", CheckIn, "Commit to your objectives", ASK_ONLY),
        call(2, "Progress round", CheckIn, "Where are you with your objectives?", NO_COMMITMENTS),
        call(3, "Review round", Review, "Done, partial or not done? What would you improve?", RESOLVE_ONLY),
    ]
}

fn collaboration_cafe() -> FormatDraft {
    draft(
        "Collaboration Cafe",
        &format!("{TURING_WAY_SOURCE}."),
        ASK_AND_RESOLVE,
        vec![
            step("Welcome, code of conduct, how to take part", Welcome, 5),
            step("Introductions and personal goal setting", CheckIn, 10),
            step("Pomodoro 1 (silent main room, or topic breakout rooms)", Focus, 20),
            step("Break: what are you working on, questions, celebrate", Break, 5),
            step("Pomodoro 2", Focus, 20),
            step("Break", Break, 5),
            step("Pomodoro 3", Focus, 20),
            step("Break", Break, 5),
            step("Open discussion: celebrations, reflections, next steps", Discussion, 30),
        ],
    )
}

fn daily_coworking() -> FormatDraft {
    draft(
        "Daily coworking",
        &format!("{TURING_WAY_SOURCE}. Stint shortened the second block to 20 minutes so that the call fits its hour."),
        ASK_AND_RESOLVE,
        vec![
            step("Welcome, introductions and goal setting", CheckIn, 5),
            step("Pomodoro 1", Focus, 25),
            step("Break and report out", Break, 5),
            step("Pomodoro 2", Focus, 20),
            step("Open discussion and close", Discussion, 5),
        ],
    )
}

/// A Focusmate-style 1:1 of `minutes` (25, 50 or 75): greet and state a goal, work, recap.
fn focusmate_style(minutes: u32) -> Format {
    let (greet, recap) = if minutes <= 25 { (2, 2) } else { (3, 3) };
    builtin(
        &format!("focusmate-{minutes}"),
        draft(
            &format!("1:1 session, {minutes} min (Focusmate-style)"),
            "Focusmate. Stint chose the minutes of the greeting and the recap.",
            ASK_AND_RESOLVE,
            vec![
                prompted(step("Greet and state your goal", CheckIn, greet), "State your goal"),
                step("Work", Focus, minutes - greet - recap),
                step("Recap", Review, recap),
            ],
        ),
    )
}

/// One of the six kinds of call; Stint chose its agenda's minutes.
fn call_kind(name: &str, commitments: CommitmentPolicy, phases: Vec<Phase>) -> FormatDraft {
    let attribution = format!("{CALL_KINDS_SOURCE} Stint chose the agenda and its minutes.");
    draft(name, &attribution, commitments, phases)
}

fn draft(name: &str, attribution: &str, commitments: CommitmentPolicy, phases: Vec<Phase>) -> FormatDraft {
    FormatDraft { name: name.into(), attribution: Some(attribution.into()), phases, commitments, repeat: None }
}

fn builtin(id: &str, draft: FormatDraft) -> Format {
    Format { id: id.into(), origin: FormatOrigin::Builtin, archived: false, draft }
}

fn phase(label: &str, kind: PhaseKind, seconds: u32) -> Phase {
    Phase { label: label.into(), kind, seconds, prompt: None }
}

fn step(label: &str, kind: PhaseKind, minutes: u32) -> Phase {
    phase(label, kind, minutes * 60)
}

fn prompted(phase: Phase, prompt: &str) -> Phase {
    Phase { prompt: Some(prompt.into()), ..phase }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn find(id: &str) -> Format {
        all().into_iter().find(|f| f.id == id).unwrap_or_else(|| panic!("no built-in {id}"))
    }

    fn minutes(f: &Format) -> u64 {
        f.draft.pass_seconds() / 60
    }

    #[test]
    fn every_builtin_validates_and_is_already_normalized() {
        for f in all() {
            assert_eq!(f.draft.validate(), Ok(()), "{}", f.id);
            assert_eq!(f.draft.normalized(), f.draft, "{}", f.id);
            assert_eq!(f.origin, FormatOrigin::Builtin);
            assert!(!f.archived);
        }
    }

    #[test]
    fn ids_are_unique_slugs() {
        let formats = all();
        let ids: HashSet<_> = formats.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), formats.len());
        assert!(ids.iter().all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')));
    }

    #[test]
    fn the_expected_formats_are_shipped() {
        let ids: Vec<String> = all().into_iter().map(|f| f.id).collect();
        for id in [
            "pomodoro",
            "work-sprint",
            "check-in",
            "accountability-1",
            "accountability-2",
            "accountability-3",
            "knowledge-led",
            "coordinated-action",
            "mastermind",
            "turing-collaboration-cafe",
            "turing-daily-coworking",
            "focusmate-25",
            "focusmate-50",
            "focusmate-75",
            "flow-club",
            "caveday",
            "long-block",
        ] {
            assert!(ids.iter().any(|i| i == id), "missing {id}");
        }
    }

    #[test]
    fn every_builtin_names_its_source() {
        for f in all() {
            let attribution = f.draft.attribution.unwrap_or_default();
            assert!(attribution.len() > 20, "{} has no real attribution", f.id);
            assert!(!attribution.contains('['), "{} shows an internal note: {attribution}", f.id);
            assert!(!attribution.contains("Call kind"), "{} dumps a label: {attribution}", f.id);
            assert!(attribution.len() <= 160, "{} has a long source: {attribution}", f.id);
        }
        assert!(find("turing-collaboration-cafe").draft.attribution.unwrap().contains(TURING_WAY_SOURCE));
        for id in ["check-in", "accountability-2", "focusmate-50", "turing-daily-coworking", "long-block"] {
            let attribution = find(id).draft.attribution.unwrap();
            let says_so = ["Stint chose", "Stint made", "Stint shortened"].iter().any(|s| attribution.contains(s));
            assert!(says_so, "{id} hides its own choices");
        }
    }

    #[test]
    fn the_turing_way_calls_last_as_published() {
        let cafe = find("turing-collaboration-cafe");
        assert_eq!(minutes(&cafe), 120);
        assert_eq!(cafe.draft.phases.len(), 9);
        assert_eq!(cafe.draft.phases.iter().filter(|p| p.kind == Focus).count(), 3);
        assert_eq!(minutes(&find("turing-daily-coworking")), 60);
    }

    #[test]
    fn focusmate_style_sessions_last_their_length() {
        for n in [25, 50, 75] {
            assert_eq!(minutes(&find(&format!("focusmate-{n}"))), n);
        }
    }

    #[test]
    fn the_accountability_series_sets_then_resolves_commitments() {
        let policy = |id| find(id).draft.commitments;
        assert_eq!(policy("accountability-1"), ASK_ONLY);
        assert_eq!(policy("accountability-2"), NO_COMMITMENTS);
        assert_eq!(policy("accountability-3"), RESOLVE_ONLY);
    }

    #[test]
    fn pomodoro_is_25_5_with_a_15_minute_long_break_every_4th() {
        let p = find("pomodoro").draft;
        assert_eq!(p, pomodoro_with(1500, 300, 900, 4));
        assert_eq!(p.phases[0].label, "Pomodoro {n}");
        let repeat = p.repeat.unwrap();
        assert_eq!((repeat.rounds, repeat.long_break_every), (None, 4));
        assert_eq!(repeat.long_break.unwrap().kind, LongBreak);
    }

    #[test]
    fn pomodoro_with_applies_the_given_lengths() {
        let p = pomodoro_with(50 * 60, 10 * 60, 30 * 60, 3);
        assert_eq!(p.validate(), Ok(()));
        assert_eq!((p.phases[0].seconds, p.phases[1].seconds), (3000, 600));
        let repeat = p.repeat.unwrap();
        assert_eq!((repeat.long_break_every, repeat.long_break.unwrap().seconds), (3, 1800));
        assert_eq!(pomodoro_with(2, 300, 900, 4).validate().unwrap_err().field(), Some("phases[0].seconds"));
    }
}
