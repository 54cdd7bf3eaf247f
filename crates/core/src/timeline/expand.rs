//! Lazy expansion of a format into its sequence of phases: rounds, `{n}` and long breaks.

use crate::format::{FormatDraft, Phase, PhaseKind};

/// A whole number of phases after which the expanded sequence repeats itself (up to `{n}`): one
/// long-break cycle of a repeating format. Lets a walk jump over many cycles arithmetically.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cycle {
    pub phases: u64,
    pub ms: i64,
}

/// A read-only view of a format as its (possibly endless) expanded sequence of phases.
pub(super) struct Expansion<'a> {
    format: &'a FormatDraft,
}

impl<'a> Expansion<'a> {
    pub fn new(format: &'a FormatDraft) -> Self {
        Expansion { format }
    }

    fn per_round(&self) -> u64 {
        self.format.phases.len() as u64
    }

    /// How many phases the session has in all; `None` when it repeats until stopped.
    ///
    /// An endless format whose cycle lasts no time at all (only possible for a format that failed
    /// validation) is treated as a single round, so that no walk can spin forever.
    pub fn len(&self) -> Option<u64> {
        match &self.format.repeat {
            None => Some(self.per_round()),
            Some(repeat) => match repeat.rounds {
                Some(rounds) => Some(self.per_round() * u64::from(rounds)),
                None if self.cycle().is_some() => None,
                None => Some(self.per_round()),
            },
        }
    }

    /// The 1-based round of the `index`th phase (1 for formats that do not repeat).
    pub fn round(&self, index: u64) -> u32 {
        match (&self.format.repeat, self.per_round()) {
            (Some(_), per_round) if per_round > 0 => u32::try_from(index / per_round + 1).unwrap_or(u32::MAX),
            _ => 1,
        }
    }

    /// The `index`th phase, expanded, or `None` past the end.
    pub fn phase(&self, index: u64) -> Option<Phase> {
        if self.len().is_some_and(|len| index >= len) {
            return None;
        }
        let template = &self.format.phases[usize::try_from(index % self.per_round()).ok()?];
        let Some(repeat) = &self.format.repeat else {
            return Some(template.clone());
        };
        let round = self.round(index);
        let long_round = repeat.long_break_every > 0 && round.is_multiple_of(repeat.long_break_every);
        let phase = match (&repeat.long_break, template.kind) {
            (Some(long_break), PhaseKind::Break) if long_round => long_break,
            _ => template,
        };
        Some(number(phase, round))
    }

    /// The repeating unit of a repeating format with a positive length, else `None`: one round, or
    /// `long_break_every` rounds of which the last has its breaks replaced by the long break.
    pub fn cycle(&self) -> Option<Cycle> {
        let repeat = self.format.repeat.as_ref()?;
        let rounds = u64::from(repeat.long_break_every.max(1));
        let phases = self.per_round().checked_mul(rounds)?;
        let long_round_seconds = self.format.round_seconds(repeat.long_break_every > 0);
        let seconds = (rounds - 1).checked_mul(self.format.round_seconds(false))?.checked_add(long_round_seconds)?;
        let ms = i64::try_from(seconds.checked_mul(1000)?).ok()?;
        (phases > 0 && ms > 0).then_some(Cycle { phases, ms })
    }
}

/// `phase` with `{n}` in its label and prompt replaced by the round number.
fn number(phase: &Phase, round: u32) -> Phase {
    let n = round.to_string();
    Phase {
        label: phase.label.replace("{n}", &n),
        kind: phase.kind,
        seconds: phase.seconds,
        prompt: phase.prompt.as_ref().map(|p| p.replace("{n}", &n)),
    }
}
