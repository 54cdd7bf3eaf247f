//! The rules a format must keep, each failure naming the field it is about.

use super::{FormatDraft, Phase, Repeat};
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
        check_text("name", &self.name, MAX_NAME_CHARS)?;
        if let Some(attribution) = &self.attribution {
            check_max_chars("attribution", attribution, MAX_ATTRIBUTION_CHARS)?;
        }
        if self.phases.is_empty() || self.phases.len() > MAX_PHASES {
            return Err(Error::invalid(
                "phases",
                format!("a format needs 1 to {MAX_PHASES} phases, got {}", self.phases.len()),
            ));
        }
        for (i, phase) in self.phases.iter().enumerate() {
            phase.validate(&format!("phases[{i}]"))?;
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
        let (field, what) = match &self.repeat {
            None => ("phases", "the phases add up to"),
            Some(Repeat { rounds: Some(_), .. }) => ("repeat.rounds", "all rounds add up to"),
            Some(Repeat { long_break_every: 0, .. }) => ("phases", "one round adds up to"),
            Some(_) => ("repeat.long_break_every", "one long-break cycle adds up to"),
        };
        Err(Error::invalid(field, format!("{what} {}; at most 24 h is allowed", hours(seconds))))
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

    /// Checks this phase's rules, naming fields under `path` (e.g. `phases[2]`).
    fn validate(&self, path: &str) -> Result<()> {
        check_text(&format!("{path}.label"), &self.label, MAX_LABEL_CHARS)?;
        if !(MIN_PHASE_SECONDS..=MAX_PHASE_SECONDS).contains(&self.seconds) {
            return Err(Error::invalid(
                format!("{path}.seconds"),
                format!("a phase lasts 5 seconds to 8 hours ({MAX_PHASE_SECONDS} s), got {} s", self.seconds),
            ));
        }
        if let Some(prompt) = &self.prompt {
            check_max_chars(&format!("{path}.prompt"), prompt, MAX_PROMPT_CHARS)?;
        }
        Ok(())
    }
}

impl Repeat {
    fn validate(&self) -> Result<()> {
        if self.rounds == Some(0) {
            return Err(Error::invalid("repeat.rounds", "must be at least 1 (or empty to repeat until stopped)"));
        }
        match &self.long_break {
            Some(long_break) => long_break.validate("repeat.long_break"),
            None if self.long_break_every > 0 => Err(Error::invalid(
                "repeat.long_break",
                format!("is required when a long break comes every {} rounds", self.long_break_every),
            )),
            None => Ok(()),
        }
    }
}

/// A required text: 1 to `max` characters after trimming.
fn check_text(field: &str, text: &str, max: usize) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    check_max_chars(field, text, max)
}

fn check_max_chars(field: &str, text: &str, max: usize) -> Result<()> {
    let chars = text.trim().chars().count();
    if chars > max {
        return Err(Error::invalid(field, format!("must be at most {max} characters, got {chars}")));
    }
    Ok(())
}

fn trimmed_option(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// `seconds` as "25 h 30 min" for messages.
fn hours(seconds: u64) -> String {
    let (h, m) = (seconds / 3600, seconds % 3600 / 60);
    if m == 0 {
        format!("{h} h")
    } else {
        format!("{h} h {m} min")
    }
}
