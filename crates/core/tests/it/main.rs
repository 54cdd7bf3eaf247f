//! The integration tests of stint-core, one binary (it links once): real SQLite files, packs, calendars.

mod calls_support;
mod common;
mod room_support;

mod calls_join;
mod calls_recurrence;
mod calls_series;
mod calls_upcoming;
mod calls_validation;
mod crash;
mod formats;
mod ics_roundtrip;
mod no_tauri;
mod packs_ics_fuzz;
mod packs_parse;
mod packs_schema;
mod room_clock;
mod room_docs;
mod room_follow;
mod room_fuzz;
mod room_member;
mod room_power;
mod room_session;
mod store_bundled_pack;
mod store_calls;
mod store_commitments;
mod store_export;
mod store_formats;
mod store_history;
mod store_open;
mod store_packs;
mod store_series;
mod store_sessions;
mod store_upcoming_view;
mod timeline_props;
