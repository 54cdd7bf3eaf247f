//! The rules a format must keep, each failure a sentence about the user's format (its field kept
//! only to place the sentence in the editor).

use super::{FormatDraft, Phase, Repeat};
use crate::i18n::Msg;
use crate::{Error, Result};

pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_ATTRIBUTION_CHARS: usize = 500;
pub const MAX_LABEL_CHARS: usize = 80;
pub const MAX_PROMPT_CHARS: usize = 280;
pub const MAX_PHASES: usize = 100;
/// 5 s, so that tests and demos need no special clock.
pub const MIN_PHASE_SECONDS: u32 = 5;
/// 8 h.
pub const MAX_PHASE_SECONDS: u32 = 8 * 60 * 60;
/// 24 h: the longest one pass of a format may last (see `FormatDraft::pass_seconds`).
pub const MAX_PASS_SECONDS: u64 = 24 * 60 * 60;

impl FormatDraft {
    /// The same draft with the name, attribution, labels and prompts trimmed; an empty attribution
    /// or prompt becomes `None`.
    pub fn normalized(&self) -> FormatDraft {
        FormatDraft {
            name: self.name.trim().to_string(),
            attribution: trimmed_option(&self.attribution),
            phases: self.phases.iter().map(Phase::normalized).collect(),
            commitments: self.commitments,
            repeat: self
                .repeat
                .as_ref()
                .map(|r| Repeat { long_break: r.long_break.as_ref().map(Phase::normalized), ..*r }),
        }
    }

    /// Normalizes, then validates: what a store should keep.
    pub fn validated(&self) -> Result<FormatDraft> {
        let draft = self.normalized();
        draft.validate()?;
        Ok(draft)
    }

    /// Checks every rule; the first broken one is returned as `Error::InvalidInput` naming its
    /// field (`name`, `phases`, `phases[2].seconds`, `repeat.long_break.label`, …). Lengths count
    /// characters after trimming.
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::told("name", Msg::new("error_format_name_empty")));
        }
        check_max_chars("name", Msg::new("error_what_format_name"), &self.name, MAX_NAME_CHARS)?;
        if let Some(attribution) = &self.attribution {
            check_max_chars("attribution", Msg::new("error_what_format_source"), attribution, MAX_ATTRIBUTION_CHARS)?;
        }
        if self.phases.is_empty() {
            return Err(Error::told("phases", Msg::new("error_format_no_phases")));
        }
        if self.phases.len() > MAX_PHASES {
            return Err(Error::told(
                "phases",
                Msg::new("error_format_too_many_phases")
                    .count("max", MAX_PHASES as u64)
                    .count("count", self.phases.len() as u64),
            ));
        }
        for (i, phase) in self.phases.iter().enumerate() {
            phase.validate(&format!("phases[{i}]"), Which::Phase(i + 1))?;
        }
        if let Some(repeat) = &self.repeat {
            repeat.validate()?;
        }
        self.check_pass_length()
    }

    /// How long one pass of the format lasts: all phases; for a repeat with a round limit, the
    /// whole expansion; for an endless repeat, one long-break cycle (or one round without long
    /// breaks). Saturates instead of overflowing.
    pub fn pass_seconds(&self) -> u64 {
        let Some(repeat) = &self.repeat else { return self.round_seconds(false) };
        let (rounds, long_rounds) = match (repeat.rounds, u64::from(repeat.long_break_every)) {
            (Some(n), 0) => (u64::from(n), 0),
            (Some(n), every) => (u64::from(n), u64::from(n) / every),
            (None, 0) => (1, 0),
            (None, every) => (every, 1),
        };
        (rounds - long_rounds)
            .saturating_mul(self.round_seconds(false))
            .saturating_add(long_rounds.saturating_mul(self.round_seconds(true)))
    }

    fn check_pass_length(&self) -> Result<()> {
        let seconds = self.pass_seconds();
        if seconds <= MAX_PASS_SECONDS {
            return Ok(());
        }
        let (field, key) = match &self.repeat {
            None => ("phases", "error_format_phases_too_long"),
            Some(Repeat { rounds: Some(_), .. }) => ("repeat.rounds", "error_format_rounds_too_long"),
            Some(Repeat { long_break_every: 0, .. }) => ("phases", "error_format_round_too_long"),
            Some(_) => ("repeat.long_break_every", "error_format_cycle_too_long"),
        };
        Err(Error::told(field, Msg::new(key).length("length", seconds)))
    }
}

impl Phase {
    fn normalized(&self) -> Phase {
        Phase {
            label: self.label.trim().to_string(),
            kind: self.kind,
            seconds: self.seconds,
            prompt: trimmed_option(&self.prompt),
        }
    }

    /// Checks this phase's rules, naming fields under `path` (e.g. `phases[2]`) and the phase as the
    /// user knows it by `which` (phase 3, the long break).
    fn validate(&self, path: &str, which: Which) -> Result<()> {
        if self.label.trim().is_empty() {
            return Err(Error::told(format!("{path}.label"), which.msg("label_empty")));
        }
        check_max_chars(&format!("{path}.label"), which.msg("what_label"), &self.label, MAX_LABEL_CHARS)?;
        if !(MIN_PHASE_SECONDS..=MAX_PHASE_SECONDS).contains(&self.seconds) {
            return Err(Error::told(
                format!("{path}.seconds"),
                which.msg("length").length("length", u64::from(self.seconds)),
            ));
        }
        if let Some(prompt) = &self.prompt {
            check_max_chars(&format!("{path}.prompt"), which.msg("what_prompt"), prompt, MAX_PROMPT_CHARS)?;
        }
        Ok(())
    }
}

/// A phase as the user knows it in the editor: its place (counted from 1), or the long break.
#[derive(Debug, Clone, Copy)]
enum Which {
    Phase(usize),
    LongBreak,
}

impl Which {
    /// The message `rule` ("label_empty", "what_label", "what_prompt", "length") about this phase.
    fn msg(self, rule: &str) -> Msg {
        let key = match (self, rule) {
            (Which::Phase(_), "label_empty") => "error_phase_label_empty",
            (Which::Phase(_), "what_label") => "error_what_phase_label",
            (Which::Phase(_), "what_prompt") => "error_what_phase_prompt",
            (Which::Phase(_), _) => "error_phase_length",
            (Which::LongBreak, "label_empty") => "error_long_break_label_empty",
            (Which::LongBreak, "what_label") => "error_what_long_break_label",
            (Which::LongBreak, "what_prompt") => "error_what_long_break_prompt",
            (Which::LongBreak, _) => "error_long_break_length",
        };
        match self {
            Which::Phase(n) => Msg::new(key).count("n", n as u64),
            Which::LongBreak => Msg::new(key),
        }
    }
}

impl Repeat {
    fn validate(&self) -> Result<()> {
        if self.rounds == Some(0) {
            return Err(Error::told("repeat.rounds", Msg::new("error_repeat_no_rounds")));
        }
        match &self.long_break {
            Some(long_break) => long_break.validate("repeat.long_break", Which::LongBreak),
            None if self.long_break_every > 0 => Err(Error::told(
                "repeat.long_break",
                Msg::new("error_repeat_no_long_break").count("count", u64::from(self.long_break_every)),
            )),
            None => Ok(()),
        }
    }
}

/// At most `max` characters after trimming; `what` names the text in the message ("The label of phase 3").
fn check_max_chars(field: &str, what: Msg, text: &str, max: usize) -> Result<()> {
    let chars = text.trim().chars().count();
    if chars > max {
        return Err(Error::told(
            field,
            Msg::new("error_too_many_chars").said("what", what).count("max", max as u64).count("count", chars as u64),
        ));
    }
    Ok(())
}

fn trimmed_option(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}
