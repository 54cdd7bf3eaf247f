//! Following one room: a filtered `/sync` long-poll, and a whole-state resync after every outage.
//!
//! The filter keeps only this room and only the state Stint reads (the session, the members, the
//! power levels, the create event), so an idle room costs one request per 55 s long-poll (under the
//! 60 s that common reverse proxies allow a request). Run on a
//! runtime of its own thread (`spawn_room_thread`): measured with a 30 s long-poll against Synapse on
//! this machine, a current-thread runtime woke 2 times a minute where tokio's multi-thread runtime
//! (Tauri's) woke 18–21 times, its workers handing each socket event to one another.
//!
//! When the server goes away the loop says so once (`RoomUpdate::Offline`), waits with a growing
//! backoff (1 s doubling to 30 s, or what a rate limit asks), and on reconnect reads the whole state
//! again (`RoomUpdate::Snapshot`), so nothing written meanwhile is lost.

use std::time::Duration;

use ruma::api::client::filter::{Filter as EventFilter, FilterDefinition, RoomEventFilter, RoomFilter};
use ruma::api::client::sync::sync_events::v3 as sync;
use ruma::presence::PresenceState;
use ruma::OwnedRoomId;
use tokio::sync::{mpsc, oneshot};

use super::client::{state_event, RoomClient, RoomState, StateEvent};
use super::error::RoomError;

/// How long the server holds an idle long-poll open.
pub const LONG_POLL: Duration = Duration::from_secs(55);
/// The long-poll's own wait plus a margin for the answer.
const LONG_POLL_MARGIN: Duration = Duration::from_secs(15);
/// The state event types Stint follows.
const FOLLOWED_TYPES: [&str; 4] = ["app.stint.session", "app.stint.member", "m.room.power_levels", "m.room.create"];

/// What the loop reports, in order.
#[derive(Debug, Clone)]
pub enum RoomUpdate {
    /// The room's whole state, at the start and after every reconnection: recompute from it.
    Snapshot(RoomState),
    /// State events that changed since the last report, in the room's order.
    Changed(Vec<StateEvent>),
    /// A long-poll ended with nothing new: the connection's heartbeat, at least once per `LONG_POLL`
    /// while connected, on which the service does its periodic work instead of on timers of its own.
    Quiet,
    /// The server cannot be reached (or failed); the loop keeps trying. Reported once per outage.
    Offline(RoomError),
    /// The user left or was removed from the room; the loop ended.
    Left,
    /// The access token is no longer valid; the loop ended.
    SignedOut,
}

/// One answer of the long-poll for this room.
#[derive(Debug, Clone)]
pub struct SyncBatch {
    pub next_batch: String,
    pub events: Vec<StateEvent>,
    pub left: bool,
}

impl RoomClient {
    /// One filtered `/sync`: waits up to `timeout` for something to change after `since`.
    pub async fn sync_once(
        &self,
        room_id: &str,
        since: Option<&str>,
        timeout: Duration,
    ) -> Result<SyncBatch, RoomError> {
        let room = OwnedRoomId::try_from(room_id)
            .map_err(|_| RoomError::request(format_args!("\"{room_id}\" is not a room id")))?;
        let mut request = sync::Request::new();
        request.filter = Some(sync::Filter::FilterDefinition(filter(room.clone())));
        request.since = since.map(str::to_string);
        request.timeout = Some(timeout);
        request.set_presence = PresenceState::Offline;
        let answer = self.send(request, Some(timeout + LONG_POLL_MARGIN)).await?;
        let mut events = Vec::new();
        if let Some(joined) = answer.rooms.join.get(&room) {
            let state = match &joined.state {
                sync::State::Before(s) | sync::State::After(s) => s.events.as_slice(),
                _ => &[],
            };
            events.extend(state.iter().filter_map(|raw| state_event(raw.json().get())));
            events.extend(joined.timeline.events.iter().filter_map(|raw| state_event(raw.json().get())));
        }
        events.retain(|e| FOLLOWED_TYPES.contains(&e.event_type.as_str()));
        Ok(SyncBatch { next_batch: answer.next_batch, events, left: answer.rooms.leave.contains_key(&room) })
    }
}

/// Only this room, only the state Stint follows, nothing else.
fn filter(room: OwnedRoomId) -> FilterDefinition {
    let types: Vec<String> = FOLLOWED_TYPES.iter().map(|t| t.to_string()).collect();
    let mut timeline = RoomEventFilter::default();
    timeline.types = Some(types.clone());
    timeline.limit = Some(50u32.into());
    let mut state = RoomEventFilter::default();
    state.types = Some(types);
    let mut room_filter = RoomFilter::default();
    room_filter.rooms = Some(vec![room]);
    room_filter.timeline = timeline;
    room_filter.state = state;
    room_filter.ephemeral = RoomEventFilter::empty();
    room_filter.account_data = RoomEventFilter::empty();
    let mut definition = FilterDefinition::default();
    definition.room = room_filter;
    definition.presence = EventFilter::empty();
    definition.account_data = EventFilter::empty();
    definition
}

/// The wait before the next try after failures: 1 s, doubling to 30 s; a server's own
/// `retry_after` (a rate limit) wins, kept within 1 s and 5 min.
#[derive(Debug, Clone, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    pub fn next(&mut self, retry_after: Option<Duration>) -> Duration {
        self.failures = self.failures.saturating_add(1);
        if let Some(asked) = retry_after {
            return asked.clamp(Duration::from_secs(1), Duration::from_secs(300));
        }
        Duration::from_secs(1u64 << (self.failures - 1).min(5)).min(Duration::from_secs(30))
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }

    pub fn failing(&self) -> bool {
        self.failures > 0
    }
}

/// Follows `room_id` until the user leaves it, the token ends, or `updates` is dropped.
pub async fn follow_room(client: RoomClient, room_id: String, updates: mpsc::Sender<RoomUpdate>) {
    let mut backoff = Backoff::default();
    loop {
        // (Re)sync: a fresh position first, then the whole state, so that nothing written in between
        // is missed (it comes in both, and core ignores what it already follows).
        let resynced = async {
            let start = client.sync_once(&room_id, None, Duration::ZERO).await?;
            let state = client.room_state(&room_id).await?;
            Ok::<_, RoomError>((start.next_batch, state))
        }
        .await;
        let mut since = match resynced {
            Ok((since, state)) => {
                backoff.reset();
                if updates.send(RoomUpdate::Snapshot(state)).await.is_err() {
                    return;
                }
                since
            }
            Err(e) => match fail(e, &mut backoff, &updates).await {
                Some(()) => continue,
                None => return,
            },
        };
        loop {
            match client.sync_once(&room_id, Some(&since), LONG_POLL).await {
                Ok(batch) => {
                    since = batch.next_batch;
                    let update =
                        if batch.events.is_empty() { RoomUpdate::Quiet } else { RoomUpdate::Changed(batch.events) };
                    if updates.send(update).await.is_err() {
                        return;
                    }
                    if batch.left {
                        let _ = updates.send(RoomUpdate::Left).await;
                        return;
                    }
                }
                Err(e) => match fail(e, &mut backoff, &updates).await {
                    Some(()) => break,
                    None => return,
                },
            }
        }
    }
}

/// Reports a failure (once per outage), waits the backoff; `None` when the loop must end.
async fn fail(error: RoomError, backoff: &mut Backoff, updates: &mpsc::Sender<RoomUpdate>) -> Option<()> {
    match error {
        RoomError::SignedOut => {
            let _ = updates.send(RoomUpdate::SignedOut).await;
            return None;
        }
        RoomError::Forbidden { .. } | RoomError::NotFound => {
            let _ = updates.send(RoomUpdate::Left).await;
            return None;
        }
        _ => {}
    }
    let retry_after = match &error {
        RoomError::RateLimited { retry_after } => *retry_after,
        _ => None,
    };
    log::info!("Live room: {error}");
    if !backoff.failing() && updates.send(RoomUpdate::Offline(error)).await.is_err() {
        return None;
    }
    tokio::time::sleep(backoff.next(retry_after)).await;
    Some(())
}

/// A room followed on a thread of its own, with a current-thread runtime (see the module's note on
/// wakeups). Dropping it (or `stop`) ends the loop.
pub struct RoomThread {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Starts following `room_id` on its own thread; updates arrive on `updates`.
pub fn spawn_room_thread(
    client: RoomClient,
    room_id: String,
    updates: mpsc::Sender<RoomUpdate>,
) -> std::io::Result<RoomThread> {
    let (stop, stopped) = oneshot::channel::<()>();
    // Connections belong to the runtime that opened them: the thread gets its own.
    let client = client.with_own_connections();
    let thread = std::thread::Builder::new().name("stint-room".into()).spawn(move || {
        let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
            Ok(runtime) => runtime,
            Err(e) => {
                log::error!("Stint could not start following the live room: {e}");
                return;
            }
        };
        runtime.block_on(async move {
            tokio::select! {
                () = follow_room(client, room_id, updates) => {}
                _ = stopped => {}
            }
        });
    })?;
    Ok(RoomThread { stop: Some(stop), thread: Some(thread) })
}

impl RoomThread {
    /// Ends the loop and waits for the thread (an HTTP request in flight is dropped).
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for RoomThread {
    fn drop(&mut self) {
        self.shut_down();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_30_seconds_honours_rate_limits_and_resets() {
        let mut b = Backoff::default();
        let waits: Vec<u64> = (0..8).map(|_| b.next(None).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(b.next(Some(Duration::from_millis(2500))), Duration::from_millis(2500));
        assert_eq!(b.next(Some(Duration::from_secs(3600))), Duration::from_secs(300));
        assert_eq!(b.next(Some(Duration::ZERO)), Duration::from_secs(1));
        b.reset();
        assert!(!b.failing());
        assert_eq!(b.next(None), Duration::from_secs(1));
    }
}
