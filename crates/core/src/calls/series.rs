//! Accountability series (the pure part): three calls over a few days — commit, check in, review —
//! and the commitments left over, carried into the next series.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::call::Call;
use super::recurrence::{Recurrence, Weekday};
use super::validate::validate_call;
use crate::commitment::{Commitment, CommitmentStatus};
use crate::i18n::Msg;
use crate::{Error, Result};

/// The built-in formats of the three calls, in order (commit / progress / review).
pub const ACCOUNTABILITY_FORMAT_IDS: [&str; 3] = ["accountability-1", "accountability-2", "accountability-3"];

/// Which three days a series meets on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "type")]
#[ts(export)]
pub enum SeriesPattern {
    /// Three different days of the (Monday-based) week containing `week_of`, e.g. Mon/Wed/Fri.
    DaysOfWeek {
        #[ts(type = "string")]
        week_of: NaiveDate,
        days: Vec<Weekday>,
    },
    /// The same weekday three weeks running, the first on or after `from` (the next three Wednesdays).
    Weekly {
        weekday: Weekday,
        #[ts(type = "string")]
        from: NaiveDate,
    },
}

/// What the user fills in to start a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SeriesDraft {
    pub title: String,
    pub community_id: Option<String>,
    pub pattern: SeriesPattern,
    /// Local wall time of each call, in `time_zone`.
    #[ts(type = "string")]
    pub time: NaiveTime,
    #[ts(type = "string")]
    pub time_zone: chrono_tz::Tz,
    pub duration_minutes: u32,
    pub join_link: Option<String>,
    pub notes_link: Option<String>,
    pub reminder_minutes: Option<u32>,
}

/// A series: three one-off calls using the accountability formats 1, 2 and 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Series {
    pub id: String,
    pub title: String,
    pub community_id: Option<String>,
    pub calls: Vec<Call>,
    /// The series this one follows (its left-over commitments were carried over).
    pub previous_series_id: Option<String>,
}

/// The three dates of a pattern, in order.
pub fn series_dates(pattern: &SeriesPattern) -> Result<[NaiveDate; 3]> {
    match pattern {
        SeriesPattern::DaysOfWeek { week_of, days } => {
            let mut days = days.clone();
            days.sort();
            days.dedup();
            if days.len() != 3 {
                return Err(Error::told("pattern.days", Msg::new("error_series_three_days")));
            }
            let out_of_range = || Error::told("pattern.week_of", Msg::new("error_series_week_too_far"));
            let monday = week_of.week(chrono::Weekday::Mon).checked_first_day().ok_or_else(out_of_range)?;
            let date = |d: Weekday| {
                monday
                    .checked_add_signed(Duration::days(i64::from(chrono::Weekday::from(d).num_days_from_monday())))
                    .ok_or_else(out_of_range)
            };
            Ok([date(days[0])?, date(days[1])?, date(days[2])?])
        }
        SeriesPattern::Weekly { weekday, from } => {
            let target = chrono::Weekday::from(*weekday).num_days_from_monday();
            let ahead = (7 + target - from.weekday().num_days_from_monday()) % 7;
            let week = |n: i64| {
                from.checked_add_signed(Duration::days(i64::from(ahead) + 7 * n))
                    .ok_or_else(|| Error::told("pattern.from", Msg::new("error_series_date_too_far")))
            };
            Ok([week(0)?, week(1)?, week(2)?])
        }
    }
}

/// Builds a series with id `id`; its calls get the ids `{id}-1`, `{id}-2`, `{id}-3`. Every call is
/// validated; errors name the draft's field.
pub fn create_series(id: &str, draft: &SeriesDraft, previous_series_id: Option<&str>) -> Result<Series> {
    let dates = series_dates(&draft.pattern)?;
    let calls = dates
        .iter()
        .zip(ACCOUNTABILITY_FORMAT_IDS)
        .enumerate()
        .map(|(i, (date, format_id))| {
            let call = Call {
                id: format!("{id}-{}", i + 1),
                title: format!("{} ({}/3)", draft.title.trim(), i + 1),
                community_id: draft.community_id.clone(),
                format_id: format_id.to_string(),
                first_start: date.and_time(draft.time),
                time_zone: draft.time_zone,
                duration_minutes: draft.duration_minutes,
                recurrence: Recurrence::once(),
                join_link: draft.join_link.clone(),
                notes_link: draft.notes_link.clone(),
                reminder_minutes: draft.reminder_minutes,
                skip_on_days_of: Vec::new(),
            };
            validate_call(&call).map(|()| call)
        })
        .collect::<Result<Vec<_>>>()?;
    if draft.title.trim().is_empty() || draft.title.trim().chars().count() > 112 {
        return Err(Error::told(
            "title",
            Msg::new("error_series_title_length")
                .count("max", 112)
                .count("count", draft.title.trim().chars().count() as u64),
        ));
    }
    Ok(Series {
        id: id.to_string(),
        title: draft.title.trim().to_string(),
        community_id: draft.community_id.clone(),
        calls,
        previous_series_id: previous_series_id.map(str::to_string),
    })
}

/// A commitment to create in the next series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CarriedCommitment {
    pub text: String,
    /// The original commitment: where it was first made, however many series it has been carried.
    #[ts(type = "number")]
    pub carried_from: i64,
}

/// Whether a commitment is left over at the end of a series: open, partial or not done (a done or
/// deliberately dropped one is not).
pub fn is_left_over(status: CommitmentStatus) -> bool {
    matches!(status, CommitmentStatus::Open | CommitmentStatus::Partial | CommitmentStatus::NotDone)
}

/// What carries into the next series: every commitment left over, in order, linked to its original.
pub fn carry_over(commitments: &[Commitment]) -> Vec<CarriedCommitment> {
    commitments
        .iter()
        .filter(|c| is_left_over(c.status))
        .map(|c| CarriedCommitment { text: c.text.clone(), carried_from: c.carried_from.unwrap_or(c.id) })
        .collect()
}
