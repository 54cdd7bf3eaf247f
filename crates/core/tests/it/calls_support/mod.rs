//! Helpers shared by the calls, packs and ICS tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use stint_core::calls::{Call, Recurrence};

pub fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&local(y, m, d, h, min))
}

pub fn call(id: &str, zone: chrono_tz::Tz, first_start: NaiveDateTime, recurrence: Recurrence) -> Call {
    Call {
        id: id.to_string(),
        title: format!("Call {id}"),
        community_id: Some("community".into()),
        format_id: "pomodoro".into(),
        first_start,
        time_zone: zone,
        duration_minutes: 60,
        recurrence,
        join_link: Some("https://meet.example.org/x".into()),
        notes_link: None,
        reminder_minutes: None,
        skip_on_days_of: Vec::new(),
    }
}

pub fn sample_pack(name: &str) -> Vec<u8> {
    let path = format!("{}/../../packs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A small deterministic generator (xorshift), so a failure is reproducible from its case number.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
