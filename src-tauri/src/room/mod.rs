//! The live room's Matrix client: signing in, joining a call's room, reading and writing its state,
//! and following it with one filtered long-poll (docs/room.md describes the protocol; `stint_core::room`
//! decides what the content means and what to refuse).
//!
//! Built on ruma's request and response types over reqwest (the HTTP client tauri-plugin-updater
//! brings), rather than matrix-sdk. Measured in scratch crates doing the same login and filtered
//! long-poll, with Stint's release profile: ruma + reqwest adds 44 crates to Stint (reqwest alone 29),
//! matrix-sdk 0.18 adds 138 (it always brings its crypto (vodozemac), aws-lc-rs and ruma 0.16, and
//! 0.19 needs rustc 1.96); binaries of 2.3 MB against 8.3 MB; a clean build of 3.8 CPU-minutes
//! against 8.2 (reqwest alone 1.6); the same 2 wakeups a minute on a current-thread runtime. Stint
//! needs seven endpoints and none of matrix-sdk's stores or encryption.
//!
//! `browser_login` signs in through the browser (SSO) for servers that take no passwords from apps,
//! returning to a one-shot listener on 127.0.0.1 (`loopback`); `oauth` does the same through
//! OAuth 2.0 for servers that delegate sign-in to an authorization server.
//!
//! `service` runs it in the app: one thread that owns the client and the room, publishes a host's
//! documents and hands a member's to `stint_core::live`; `vault` keeps the token in the OS keyring.

pub mod browser_login;
mod client;
mod error;
mod login;
mod loopback;
pub mod oauth;
#[cfg(target_os = "linux")]
pub mod secret_service;
pub mod service;
mod sync;
mod transport;
pub mod vault;

pub use client::{RoomClient, RoomState, StateEvent, Written};
pub use error::RoomError;
pub use login::{
    login_options, login_password, login_token, sso_redirect_url, IdentityProvider, LoginOptions, MatrixSession,
};
pub use sync::{follow_room, spawn_room_thread, Backoff, RoomThread, RoomUpdate, SyncBatch, LONG_POLL};
pub use transport::{normalize_base_url, Homeserver};

#[cfg(test)]
mod browser_login_tests;
#[cfg(test)]
mod oauth_tests;
#[cfg(test)]
mod service_call_tests;
#[cfg(test)]
mod service_tests;
#[cfg(test)]
mod synapse;
#[cfg(test)]
mod tests;
