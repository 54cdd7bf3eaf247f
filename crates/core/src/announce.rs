//! The words of a phase-change notification, e.g. "Focus done" / "Break, 5 min. Next: Pomodoro 2 at
//! 10:35." Clock times are shown in the user's local offset; everything else comes from the timeline.
//!
//! Labels, prompts and format names come from packs anyone can write; a notification body is read
//! as markup by Linux notification services (the Desktop Notifications spec's `body-markup`: bold,
//! links, images), so user text in a body is escaped (`&`, `<`, `>`) and shows as written.

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::format::PhaseKind;
use crate::i18n::{tr, tr0, Arg, Lang, Speech};
use crate::timeline::{finished_phases, phase_at, state_at, EventKind, Timeline};

/// What the notifier shows (and the UI's banner, if notifications fail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Announcement {
    /// Plain text (the spec's summary is never markup).
    pub title: String,
    /// Notification body markup: the user text in it is escaped.
    pub body: String,
}

impl Announcement {
    /// The body as plain text, for notification services that show no markup (Windows, macOS).
    pub fn plain_body(&self) -> String {
        self.body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    }
}

/// User text for a notification body: the three characters body markup gives a meaning, escaped.
pub fn markup_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The announcement for the phase change at `at` (a deadline, or a skip): which phase ended, what
/// runs now and until when, and what comes next; once the session is over, a summary. In the
/// speech's language, clock times in its style.
pub fn phase_change(
    timeline: &Timeline,
    at: DateTime<Utc>,
    offset: FixedOffset,
    speech: impl Into<Speech>,
) -> Announcement {
    let Speech { lang, clock } = speech.into();
    let state = state_at(timeline, at);
    if state.done {
        return summary(timeline, at, offset, Speech { lang, clock });
    }
    let title = match state.phase_index.checked_sub(1).and_then(|i| phase_at(&timeline.format, i)) {
        Some(previous) => tr0(lang, ended_key(previous.kind)),
        None => tr0(lang, "notify_session_started"),
    };
    let label = markup_text(&state.phase.label);
    let duration = duration_text(u64::from(state.phase.seconds), lang);
    let mut sentences =
        vec![tr(lang, "notify_phase_now", &[("label", (&label).into()), ("duration", (&duration).into())])];
    if let Some(prompt) = &state.phase.prompt {
        let prompt = markup_text(prompt.trim_end_matches('.'));
        sentences.push(tr(lang, "notify_prompt", &[("prompt", (&prompt).into())]));
    }
    let clock = state.ends_at.map(|t| clock_text(t, offset, Speech { lang, clock }));
    let next = phase_at(&timeline.format, state.phase_index + 1).map(|next| markup_text(&next.label));
    sentences.push(match (&next, &clock) {
        (Some(label), Some(time)) => tr(lang, "notify_next_at", &[("label", label.into()), ("time", time.into())]),
        (Some(label), None) => tr(lang, "notify_next", &[("label", label.into())]),
        (None, Some(time)) => tr(lang, "notify_last_step_ends", &[("time", time.into())]),
        (None, None) => tr0(lang, "notify_last_step"),
    });
    if state.paused {
        sentences.push(tr0(lang, "notify_paused"));
    }
    Announcement { title, body: sentences.join(" ") }
}

/// "Session complete" (or "Session stopped") with the phases run and the focus time.
fn summary(timeline: &Timeline, at: DateTime<Utc>, offset: FixedOffset, speech: Speech) -> Announcement {
    let lang = speech.lang;
    let stopped = timeline.events().last().is_some_and(|e| e.kind == EventKind::Stop);
    let records = finished_phases(timeline, at);
    let focus_seconds: u64 = records
        .iter()
        .filter(|r| r.kind == PhaseKind::Focus && r.outcome.counts())
        .map(|r| u64::from(r.actual_seconds))
        .sum();
    let name = markup_text(&timeline.format.name);
    let phases = tr(lang, "notify_phase_count", &[("count", records.len().into())]);
    let mut body = if focus_seconds > 0 {
        let focus = duration_text(focus_seconds, lang);
        tr(
            lang,
            "notify_summary_focus",
            &[("name", (&name).into()), ("phases", (&phases).into()), ("focus", (&focus).into())],
        )
    } else {
        tr(lang, "notify_summary", &[("name", (&name).into()), ("phases", (&phases).into())])
    };
    if let Some(ended) = state_at(timeline, at).ended_at {
        body.push(' ');
        body.push_str(&tr(lang, "notify_ended_at", &[("time", (&clock_text(ended, offset, speech)).into())]));
    }
    let title = tr0(lang, if stopped { "notify_session_stopped" } else { "notify_session_complete" });
    Announcement { title, body }
}

/// The reminder of a call's occurrence, shown at `now`: "Collaboration Cafe starts in 10 min" — or,
/// when it comes late (the machine slept through the reminder's instant), "… started 3 min ago" —
/// with the local times of the occurrence.
pub fn reminder(
    call_title: &str,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
    offset: FixedOffset,
    speech: impl Into<Speech>,
) -> Announcement {
    let speech = speech.into();
    let lang = speech.lang;
    let seconds = (starts_at - now).num_seconds();
    let call = ("call", Arg::from(call_title));
    let title = if seconds >= 60 {
        let duration = duration_text(minutes_up(seconds) * 60, lang);
        tr(lang, "notify_call_starts_in", &[call, ("duration", (&duration).into())])
    } else if seconds > -60 {
        tr(lang, "notify_call_starts_now", &[call])
    } else {
        let duration = duration_text(seconds.unsigned_abs() / 60 * 60, lang);
        tr(lang, "notify_call_started_ago", &[call, ("duration", (&duration).into())])
    };
    let (start, end) = (clock_text(starts_at, offset, speech), clock_text(ends_at, offset, speech));
    let body = tr(lang, "notify_call_times", &[("start", (&start).into()), ("end", (&end).into())]);
    Announcement { title, body }
}

/// Whole minutes, rounding up: a reminder checked a moment after its instant still says "10 min".
fn minutes_up(seconds: i64) -> u64 {
    seconds.unsigned_abs().div_ceil(60)
}

fn ended_key(kind: PhaseKind) -> &'static str {
    match kind {
        PhaseKind::Focus => "notify_ended_focus",
        PhaseKind::Break => "notify_ended_break",
        PhaseKind::LongBreak => "notify_ended_long_break",
        PhaseKind::Welcome => "notify_ended_welcome",
        PhaseKind::CheckIn => "notify_ended_check_in",
        PhaseKind::Talk => "notify_ended_talk",
        PhaseKind::Discussion => "notify_ended_discussion",
        PhaseKind::Review => "notify_ended_review",
        PhaseKind::Close => "notify_ended_close",
    }
}

/// A clock time in the given offset, as `speech` writes it: "10:35", "10:35 AM", "9:05".
fn clock_text(t: DateTime<Utc>, offset: FixedOffset, speech: Speech) -> String {
    speech.time(t.with_timezone(&offset).time())
}

/// A short duration in `lang`: "45 s", "5 min", "1 min 30 s", "1 h 30 min".
pub fn duration_text(seconds: u64, lang: Lang) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let parts: Vec<String> = [(h, "duration_hours"), (m, "duration_minutes"), (s, "duration_seconds")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, key)| tr(lang, key, &[("n", n.into())]))
        .collect();
    if parts.is_empty() {
        tr(lang, "duration_seconds", &[("n", 0u64.into())])
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::builtins;
    use crate::timeline::Event;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 2, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_reminder_says_how_long_until_the_call_or_since_it_started() {
        let at = |m: i64| start() + Duration::minutes(m);
        let end = at(60);
        let on_time = reminder("Collaboration Cafe", at(10), end, start(), bst(), Lang::En);
        assert_eq!(on_time.title, "Collaboration Cafe starts in 10 min");
        assert_eq!(on_time.body, "10:10–11:00.");
        let a_moment_late = reminder("Cafe", at(10), end, start() + Duration::milliseconds(300), bst(), Lang::En);
        assert_eq!(a_moment_late.title, "Cafe starts in 10 min");
        assert_eq!(reminder("Cafe", at(0), end, start(), bst(), Lang::En).title, "Cafe starts now");
        assert_eq!(
            reminder("Cafe", at(0), end, at(3) + Duration::seconds(20), bst(), Lang::En).title,
            "Cafe started 3 min ago"
        );
        assert_eq!(reminder("Cafe", at(90), end, start(), bst(), Lang::En).title, "Cafe starts in 1 h 30 min");
    }

    /// UTC+1, as in UK summer time.
    fn bst() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn pomodoro() -> Timeline {
        Timeline::new(builtins::pomodoro_with(25 * 60, 5 * 60, 15 * 60, 4), start())
    }

    fn cafe() -> Timeline {
        let cafe = builtins::all().into_iter().find(|f| f.id == "turing-collaboration-cafe").unwrap();
        Timeline::new(cafe.draft, start())
    }

    #[test]
    fn the_end_of_a_focus_announces_the_break_and_what_follows() {
        let a = phase_change(&pomodoro(), start() + Duration::minutes(25), bst(), Lang::En);
        assert_eq!(a.title, "Focus done");
        assert_eq!(a.body, "Break, 5 min. Next: Pomodoro 2 at 10:30.");
    }

    #[test]
    fn clock_times_follow_the_locales_twelve_or_twenty_four_hours() {
        use crate::i18n::ClockStyle;
        let us = Speech { lang: Lang::En, clock: ClockStyle::H12 };
        let a = phase_change(&pomodoro(), start() + Duration::minutes(4 * 30 - 5), bst(), us);
        assert_eq!(a.body, "Long break, 15 min. Next: Pomodoro 5 at 12:10 PM.");
        let first = phase_change(&pomodoro(), start() + Duration::minutes(25), bst(), us);
        assert_eq!(first.body, "Break, 5 min. Next: Pomodoro 2 at 10:30 AM.");
        let at = |m: i64| start() + Duration::minutes(m);
        assert_eq!(reminder("Cafe", at(10), at(360), start(), bst(), us).body, "10:10 AM–4:00 PM.");
        let gb = Speech { lang: Lang::En, clock: ClockStyle::H24 };
        assert_eq!(reminder("Cafe", at(10), at(360), start(), bst(), gb).body, "10:10–16:00.");
        let es = reminder("Cafe", at(-55), at(360), start(), bst(), Lang::Es).body;
        assert!(es.contains("9:05") && !es.contains("09:05"), "Spanish writes 9:05, as Intl does: {es}");
        let de = reminder("Cafe", at(-55), at(360), start(), bst(), Lang::De).body;
        assert!(de.contains("09:05"), "{de}");
    }

    #[test]
    fn the_end_of_a_break_announces_the_next_round() {
        let a = phase_change(&pomodoro(), start() + Duration::minutes(30), bst(), Lang::En);
        assert_eq!(a.title, "Break over");
        assert_eq!(a.body, "Pomodoro 2, 25 min. Next: Break at 10:55.");
        let long = phase_change(&pomodoro(), start() + Duration::minutes(4 * 30 - 5), bst(), Lang::En);
        assert_eq!(long.body, "Long break, 15 min. Next: Pomodoro 5 at 12:10.");
    }

    #[test]
    fn a_call_phase_shows_its_prompt_and_the_last_step_its_end() {
        let mut t = Timeline::new(builtins::all().into_iter().find(|f| f.id == "mastermind").unwrap().draft, start());
        let a = phase_change(&t, start() + Duration::minutes(5), bst(), Lang::En);
        assert_eq!(a.title, "Welcome done");
        assert_eq!(a.body, "Wins round, 15 min. Share one win. Next: Hot seat at 10:20.");
        let last = phase_change(&t, start() + Duration::minutes(50), bst(), Lang::En);
        assert_eq!(last.body, "Goals round, 10 min. Set a goal for next time. Last step; ends at 11:00.");
        t.push(Event { at: start() + Duration::minutes(51), kind: EventKind::Pause }).unwrap();
        let paused = phase_change(&t, start() + Duration::minutes(52), bst(), Lang::En);
        assert_eq!(paused.body, "Goals round, 10 min. Set a goal for next time. Last step. Paused.");
    }

    #[test]
    fn the_first_phase_announces_the_start() {
        let a = phase_change(&cafe(), start(), FixedOffset::east_opt(0).unwrap(), Lang::En);
        assert_eq!(a.title, "Session started");
        assert_eq!(
            a.body,
            "Welcome, code of conduct, how to take part, 5 min. Next: Introductions and personal goal setting at 09:05."
        );
    }

    #[test]
    fn the_end_of_a_session_is_summarised() {
        let a = phase_change(&cafe(), start() + Duration::minutes(120), bst(), Lang::En);
        assert_eq!(a.title, "Session complete");
        assert_eq!(a.body, "Collaboration Cafe: 9 phases, 1 h of focus. Ended at 12:00.");
    }

    #[test]
    fn a_stopped_session_says_so() {
        let mut t = pomodoro();
        t.push(Event { at: start() + Duration::seconds(40 * 60 + 30), kind: EventKind::Stop }).unwrap();
        let a = phase_change(&t, start() + Duration::minutes(41), bst(), Lang::En);
        assert_eq!(a.title, "Session stopped");
        assert_eq!(a.body, "Pomodoro: 3 phases, 35 min 30 s of focus. Ended at 10:40.");
    }

    #[test]
    fn user_text_in_a_body_cannot_become_markup() {
        let mut format = builtins::pomodoro_with(25 * 60, 5 * 60, 15 * 60, 4);
        format.name = "<b>Team</b> & co".into();
        format.phases[0].label = "<a href=\"https://evil.example\">Click</a>".into();
        format.phases[1].label = "<img src=\"file:///x\"> break".into();
        format.phases[1].prompt = Some("Stretch & <i>breathe</i>".into());
        let t = Timeline::new(format, start());
        let a = phase_change(&t, start() + Duration::minutes(25), bst(), Lang::En);
        assert!(!a.body.contains('<') && !a.body.contains('>'), "{}", a.body);
        assert_eq!(
            a.body,
            "&lt;img src=\"file:///x\"&gt; break, 5 min. Stretch &amp; &lt;i&gt;breathe&lt;/i&gt;. Next: &lt;a href=\"https://evil.example\"&gt;Click&lt;/a&gt; at 10:30."
        );
        assert_eq!(a.plain_body(), "<img src=\"file:///x\"> break, 5 min. Stretch & <i>breathe</i>. Next: <a href=\"https://evil.example\">Click</a> at 10:30.");
        let mut stopped = t.clone();
        stopped.push(Event { at: start() + Duration::minutes(26), kind: EventKind::Stop }).unwrap();
        let summary = phase_change(&stopped, start() + Duration::minutes(27), bst(), Lang::En);
        assert!(summary.body.starts_with("&lt;b&gt;Team&lt;/b&gt; &amp; co: "), "{}", summary.body);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(0, Lang::En), "0 s");
        assert_eq!(duration_text(5, Lang::En), "5 s");
        assert_eq!(duration_text(300, Lang::En), "5 min");
        assert_eq!(duration_text(90, Lang::En), "1 min 30 s");
        assert_eq!(duration_text(5400, Lang::En), "1 h 30 min");
        assert_eq!(duration_text(7200, Lang::En), "2 h");
    }

    #[test]
    fn a_german_or_spanish_user_reads_their_language() {
        let de = phase_change(&pomodoro(), start() + Duration::minutes(25), bst(), Lang::De);
        assert_eq!(de.title, "Fokus beendet");
        assert_eq!(de.body, "Break, 5 Min. Als Nächstes: Pomodoro 2 um 10:30.");
        let es = phase_change(&cafe(), start() + Duration::minutes(120), bst(), Lang::Es);
        assert_eq!(es.title, "Sesión completada");
        assert_eq!(es.body, "Collaboration Cafe: 9 fases, 1 h de enfoque. Terminó a las 12:00.");
        let late =
            reminder("Cafe", start(), start() + Duration::hours(1), start() + Duration::minutes(3), bst(), Lang::De);
        assert_eq!(late.title, "Cafe hat vor 3 Min. begonnen");
        assert_eq!(duration_text(90, Lang::De), "1 Min. 30 Sek.");
    }
}
