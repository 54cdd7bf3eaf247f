//! Format validation: every rule, each failure naming its field.

use stint_core::format::{CommitmentPolicy, FormatDraft, Phase, PhaseKind, Repeat};
use stint_core::Error;

fn phase(label: &str, kind: PhaseKind, seconds: u32) -> Phase {
    Phase { label: label.into(), kind, seconds, prompt: None }
}

fn draft() -> FormatDraft {
    FormatDraft {
        name: "Morning block".into(),
        attribution: None,
        phases: vec![
            phase("Goals", PhaseKind::CheckIn, 300),
            phase("Work", PhaseKind::Focus, 3000),
            phase("Wins", PhaseKind::Review, 300),
        ],
        commitments: CommitmentPolicy::default(),
        repeat: None,
    }
}

fn pomodoro(rounds: Option<u32>, every: u32) -> FormatDraft {
    FormatDraft {
        name: "Pomodoro".into(),
        phases: vec![phase("Pomodoro {n}", PhaseKind::Focus, 1500), phase("Break", PhaseKind::Break, 300)],
        repeat: Some(Repeat {
            rounds,
            long_break_every: every,
            long_break: Some(phase("Long break", PhaseKind::LongBreak, 900)),
        }),
        ..draft()
    }
}

/// The field the draft's validation error names; panics if it validates.
fn rejected_field(d: &FormatDraft) -> String {
    match d.validate() {
        Err(Error::InvalidInput { field, message, .. }) => {
            assert!(!message.is_empty());
            field
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn with(change: impl FnOnce(&mut FormatDraft)) -> FormatDraft {
    let mut d = draft();
    change(&mut d);
    d
}

#[test]
fn a_sound_draft_validates() {
    assert_eq!(draft().validate(), Ok(()));
    assert_eq!(pomodoro(None, 4).validate(), Ok(()));
    assert_eq!(pomodoro(Some(3), 0).validate(), Ok(()));
}

#[test]
fn the_name_needs_1_to_80_characters_after_trimming() {
    assert_eq!(rejected_field(&with(|d| d.name = "   ".into())), "name");
    assert_eq!(rejected_field(&with(|d| d.name = "x".repeat(81))), "name");
    assert_eq!(with(|d| d.name = format!("  {}  ", "é".repeat(80))).validate(), Ok(()));
}

#[test]
fn a_format_has_1_to_100_phases() {
    assert_eq!(rejected_field(&with(|d| d.phases.clear())), "phases");
    assert_eq!(rejected_field(&with(|d| d.phases = vec![phase("Step", PhaseKind::Focus, 60); 101])), "phases");
    assert_eq!(with(|d| d.phases = vec![phase("Step", PhaseKind::Focus, 60); 100]).validate(), Ok(()));
}

#[test]
fn a_phase_lasts_5_seconds_to_8_hours() {
    assert_eq!(rejected_field(&with(|d| d.phases[2].seconds = 4)), "phases[2].seconds");
    assert_eq!(rejected_field(&with(|d| d.phases[1].seconds = 28_801)), "phases[1].seconds");
    assert_eq!(rejected_field(&with(|d| d.phases[0].seconds = 0)), "phases[0].seconds");
    assert_eq!(with(|d| d.phases[0].seconds = 5).validate(), Ok(()));
    assert_eq!(with(|d| d.phases[1].seconds = 28_800).validate(), Ok(()));
}

#[test]
fn a_label_needs_1_to_80_characters_after_trimming() {
    assert_eq!(rejected_field(&with(|d| d.phases[0].label = " \t".into())), "phases[0].label");
    assert_eq!(rejected_field(&with(|d| d.phases[1].label = "a".repeat(81))), "phases[1].label");
}

#[test]
fn a_prompt_has_at_most_280_characters() {
    assert_eq!(rejected_field(&with(|d| d.phases[1].prompt = Some("p".repeat(281)))), "phases[1].prompt");
    assert_eq!(with(|d| d.phases[1].prompt = Some("p".repeat(280))).validate(), Ok(()));
}

#[test]
fn an_attribution_has_at_most_500_characters() {
    assert_eq!(rejected_field(&with(|d| d.attribution = Some("a".repeat(501)))), "attribution");
}

#[test]
fn one_pass_lasts_at_most_24_hours() {
    assert_eq!(rejected_field(&with(|d| d.phases = vec![phase("Long", PhaseKind::Focus, 28_800); 4])), "phases");
    assert_eq!(with(|d| d.phases = vec![phase("Long", PhaseKind::Focus, 28_800); 3]).validate(), Ok(()));
    // 48 rounds of 30 minutes: exactly 24 h; one more is too long.
    assert_eq!(pomodoro(Some(48), 0).validate(), Ok(()));
    assert_eq!(rejected_field(&pomodoro(Some(49), 0)), "repeat.rounds");
    // An endless repeat counts one long-break cycle: 130 min every 4 rounds, far too long every 100.
    assert_eq!(rejected_field(&pomodoro(None, 100)), "repeat.long_break_every");
    assert_eq!(pomodoro(None, 4).pass_seconds(), 130 * 60);
    assert_eq!(pomodoro(Some(8), 4).pass_seconds(), 2 * 130 * 60);
}

#[test]
fn rounds_are_at_least_one_when_given() {
    assert_eq!(rejected_field(&pomodoro(Some(0), 4)), "repeat.rounds");
}

#[test]
fn a_long_break_is_required_when_it_has_a_cadence() {
    let mut d = pomodoro(None, 4);
    d.repeat.as_mut().unwrap().long_break = None;
    assert_eq!(rejected_field(&d), "repeat.long_break");
    d.repeat.as_mut().unwrap().long_break_every = 0;
    assert_eq!(d.validate(), Ok(()));
}

#[test]
fn the_long_break_is_a_valid_phase() {
    let mut d = pomodoro(None, 4);
    d.repeat.as_mut().unwrap().long_break.as_mut().unwrap().seconds = 3;
    assert_eq!(rejected_field(&d), "repeat.long_break.seconds");
    let mut d = pomodoro(None, 4);
    d.repeat.as_mut().unwrap().long_break.as_mut().unwrap().label = String::new();
    assert_eq!(rejected_field(&d), "repeat.long_break.label");
}

#[test]
fn normalized_trims_texts_and_drops_empty_optionals() {
    let d = with(|d| {
        d.name = "  Morning block ".into();
        d.attribution = Some("  ".into());
        d.phases[0].label = " Goals\n".into();
        d.phases[0].prompt = Some(" ".into());
        d.phases[1].prompt = Some(" Mute ".into());
    });
    let n = d.validated().unwrap();
    assert_eq!((n.name.as_str(), n.attribution.as_deref()), ("Morning block", None));
    assert_eq!((n.phases[0].label.as_str(), n.phases[0].prompt.as_deref()), ("Goals", None));
    assert_eq!(n.phases[1].prompt.as_deref(), Some("Mute"));
}

#[test]
fn validated_reports_the_same_error_as_validate() {
    let d = with(|d| d.phases[2].seconds = 1);
    assert_eq!(d.validated().unwrap_err().field(), Some("phases[2].seconds"));
}

#[test]
fn an_unknown_phase_kind_is_rejected_by_name() {
    let err = serde_json::from_str::<PhaseKind>(r#""nap""#).unwrap_err().to_string();
    assert!(err.contains("nap"), "{err}");
    let err = serde_json::from_str::<Phase>(r#"{"label":"Rest","kind":"nap","seconds":60,"prompt":null}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown variant `nap`"), "{err}");
    let err = serde_json::from_str::<Phase>(r#"{"kind":"nap"}"#).unwrap_err().to_string();
    assert!(err.contains("nap"), "{err}");
}
