//! The integration tests of stint-core, one binary (it links once): real SQLite files, packs, calendars.

mod calls_support;
mod common;
mod live_support;

mod calls_differential;
mod calls_fuzz_store;
mod calls_join;
mod calls_recurrence;
mod calls_rfc;
mod calls_series;
mod calls_upcoming;
mod calls_validation;
mod crash;
mod formats;
mod history_honest;
mod ics_real_world;
mod ics_roundtrip;
mod live_actions;
mod live_reminders;
mod live_watch;
mod no_tauri;
mod packs_ics_fuzz;
mod packs_parse;
mod packs_schema;
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
