//! Calendar subscriptions over HTTP: the shell's half of them. Core keeps the subscriptions, decides
//! when one is due and what a fetch means; this folder only fetches (`fetch`), off the main thread
//! and outside the runner's task. `ipc/subscriptions.rs` wires a fetch to the store and the UI.

pub mod fetch;

#[cfg(test)]
pub mod test_server;
#[cfg(test)]
mod tests;
