//! The live room in the running app: one thread, with a current-thread runtime of its own, owns the
//! Matrix client and the one room Stint is in. It signs in, joins, publishes the host's documents
//! (`live::hosted_doc` after each change of the local session), feeds what the room delivers to core
//! (`live::receive`), keeps this member's presence entry fresh (every 4 min; with the commitments when
//! the user shares them), enters the room of a call that starts (hosting when the room's power levels
//! allow it, following otherwise), and reports its status.
//!
//! Why its own thread: measured with the 30 s long-poll, a current-thread runtime wakes about twice a
//! minute where Tauri's multi-thread runtime woke 18–21 times (room/sync.rs). Its periodic work (the
//! presence refresh, dropping members whose entry expired) runs on the long-poll's answers, not on
//! timers: a tokio timer minutes ahead wakes the thread several times as the timer wheel cascades.
//! Measured with `room_bench` (debug build, the machine shared and loaded): a joined idle room cost
//! 6–8 wakeups a minute per room thread with a 30 s long-poll and a 4 min refresh timer, and 7–8
//! with a 55 s long-poll and that timer; see the README for the numbers after this change. The `/sync` loop (`follow_room`) runs as a task on the same runtime and
//! reconnects with backoff and a whole-state resync; while it is away the member keeps following the
//! last known state (the local session goes on by itself) and the status says so.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use stint_core::format::PhaseKind;
use stint_core::i18n::{Msg, Speech};
use stint_core::live::{self, Changes};
use stint_core::room::{
    check_sender, member_content, parse_member, presence, ClockEstimate, Follow, MemberEntry, MemberStatus,
    SharedCommitment, MEMBER_EVENT_TYPE, MEMBER_REFRESH_SECONDS, SESSION_EVENT_TYPE,
};
use stint_core::store::{RoomLink, RoomRole};
use stint_core::timeline::state_at;
use tokio::sync::{mpsc, oneshot};
use ts_rs::TS;

use super::vault::{Kept, TokenVault};
use super::{
    follow_room, login_password, Homeserver, MatrixSession, RoomClient, RoomError, RoomState, RoomUpdate, StateEvent,
};
use crate::runner::clock::Clock;
use crate::runner::shifted_clock::ShiftedClock;
use crate::shared_store::SharedStore;

mod renew;

/// What the UI shows of the live room.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RoomStatus {
    /// Counts the reports: a window keeps the status with the highest number it has seen. A command's
    /// answer and the `room-status` events travel separately and can arrive out of order; without
    /// it, an answer read just before a report could replace that newer report, and the panel kept
    /// saying "Connecting…" until the next one (up to a long-poll later).
    #[ts(type = "number")]
    pub seq: u64,
    /// The signed-in Matrix user, e.g. `@ada:example.org`.
    pub user: Option<String>,
    pub homeserver: Option<String>,
    /// Where the access token is kept: `keyring`, or `this_run` when no keyring could take it.
    pub token_kept: Option<String>,
    /// The room the live session is in (its id), if any.
    pub room: Option<String>,
    /// `host` or `member`.
    pub role: Option<String>,
    /// `connecting`, `connected` or `offline`.
    pub connection: Option<String>,
    /// A sentence to show, in the language in effect: why the room is offline, or what went wrong
    /// last (`problem`, said by [`RoomStatus::said`]).
    pub message: Option<String>,
    /// Why the room is offline, or what went wrong last, not yet said in a language.
    #[serde(skip)]
    #[ts(skip)]
    pub problem: Option<Msg>,
    /// Who is in the session now, with their status (`working`, `break`, `away`).
    pub present: Vec<Presence>,
    /// Set when this computer's clock is more than 2 s off the room's (`clock_off`, said).
    pub clock_warning: Option<String>,
    /// What to tell the user about this computer's clock, not yet said in a language.
    #[serde(skip)]
    #[ts(skip)]
    pub clock_off: Option<Msg>,
    /// Whether this user shares their commitments with the room's current session.
    pub sharing: bool,
    /// Whether the room has a session to share with (the choice is per session).
    pub can_share: bool,
}

impl RoomStatus {
    /// The status with its sentences said as `speech` says them. The service keeps them as messages, so a
    /// window reads them in the language in effect when it asks, not in the one of the moment
    /// they arose.
    pub fn said(mut self, speech: impl Into<Speech>) -> RoomStatus {
        let speech = speech.into();
        self.message = self.problem.as_ref().map(|m| m.render_in(speech));
        self.clock_warning = self.clock_off.as_ref().map(|m| m.render_in(speech));
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Presence {
    pub user_id: String,
    pub status: String,
    /// Empty unless the member shares them for this session.
    pub commitments: Vec<SharedCommitment>,
}

/// Where the service's news go: core's changes to `publish`, the status to the UI (its sentences
/// not yet said: see [`RoomStatus::said`]).
pub trait RoomSink: Send + 'static {
    fn changed(&self, changes: Changes);
    fn status(&self, status: &RoomStatus);
}

/// The answer to a command: done, or the sentence that says why not.
type Reply = oneshot::Sender<Result<(), Msg>>;

enum Command {
    SignIn {
        homeserver: String,
        user: String,
        password: String,
        reply: Reply,
    },
    /// A session signed in elsewhere (through the browser), kept like a password sign-in's.
    Adopt {
        server: Homeserver,
        // Boxed: with an OAuth 2.0 grant a session is the largest thing a command carries.
        session: Box<MatrixSession>,
        reply: Reply,
    },
    SignOut {
        reply: Reply,
    },
    GoLive {
        room: String,
        reply: Reply,
    },
    Join {
        room: String,
        reply: Reply,
    },
    EnterCall {
        room: String,
        reply: Reply,
    },
    Share {
        on: bool,
        reply: Reply,
    },
    Leave {
        reply: Reply,
    },
    SessionChanged,
    /// The language changed: the status is reported again, to be said in the new one.
    Report,
}

/// Talks to the room thread; cheap to clone, never blocks except to wait for an answer.
#[derive(Clone)]
pub struct RoomHandle {
    commands: mpsc::UnboundedSender<Command>,
    status: Arc<Mutex<RoomStatus>>,
}

impl RoomHandle {
    /// The status, its sentences said as `speech` says them.
    pub fn status(&self, speech: impl Into<Speech>) -> RoomStatus {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).clone().said(speech)
    }

    /// The local session changed: a host publishes its next document, a member its status.
    pub fn session_changed(&self) {
        let _ = self.commands.send(Command::SessionChanged);
    }

    /// Reports the status again (with a new `seq`), so that windows say it in the language now in
    /// effect.
    pub fn report_again(&self) {
        let _ = self.commands.send(Command::Report);
    }

    pub async fn sign_in(&self, homeserver: String, user: String, password: String) -> Result<(), Msg> {
        self.ask(|reply| Command::SignIn { homeserver, user, password, reply }).await
    }

    /// Keeps and uses a session signed in through the browser (`room::browser_login`).
    pub async fn adopt(&self, server: Homeserver, session: MatrixSession) -> Result<(), Msg> {
        self.ask(|reply| Command::Adopt { server, session: Box::new(session), reply }).await
    }

    pub async fn sign_out(&self) -> Result<(), Msg> {
        self.ask(|reply| Command::SignOut { reply }).await
    }

    pub async fn go_live(&self, room: String) -> Result<(), Msg> {
        self.ask(|reply| Command::GoLive { room, reply }).await
    }

    pub async fn join(&self, room: String) -> Result<(), Msg> {
        self.ask(|reply| Command::Join { room, reply }).await
    }

    /// A call tied to `room` started here: host it there when the room allows, else follow its host.
    pub async fn enter_call(&self, room: String) -> Result<(), Msg> {
        self.ask(|reply| Command::EnterCall { room, reply }).await
    }

    /// Shares this user's commitments with the room's current session, or stops sharing them.
    pub async fn share(&self, on: bool) -> Result<(), Msg> {
        self.ask(|reply| Command::Share { on, reply }).await
    }

    pub async fn leave(&self) -> Result<(), Msg> {
        self.ask(|reply| Command::Leave { reply }).await
    }

    async fn ask(&self, command: impl FnOnce(Reply) -> Command) -> Result<(), Msg> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(command(reply)).map_err(|_| stopped())?;
        answer.await.unwrap_or_else(|_| Err(stopped()))
    }
}

/// How often a kept sign-in whose homeserver was unreachable at start is tried again.
const RECONNECT: Duration = Duration::from_secs(30);

/// What a command gets when the room thread is gone.
fn stopped() -> Msg {
    Msg::new("error_room_service_stopped")
}

/// Starts the room thread: it signs in again with the kept token and goes back to the room the
/// local session was tied to, if any. `wall` is the clock the runner reads too (the system's, unless a
/// test shifts it).
pub fn spawn(
    store: SharedStore,
    vault: Box<dyn TokenVault>,
    sink: Box<dyn RoomSink>,
    wall: ShiftedClock,
) -> std::io::Result<RoomHandle> {
    let (commands, inbox) = mpsc::unbounded_channel();
    let status = Arc::new(Mutex::new(RoomStatus::default()));
    let handle = RoomHandle { commands, status: status.clone() };
    std::thread::Builder::new().name("stint-room".into()).spawn(move || {
        let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
            Ok(runtime) => runtime,
            Err(e) => return log::error!("Stint could not start the live room service: {e}"),
        };
        let service = Service {
            store,
            vault,
            sink,
            status,
            wall,
            client: None,
            kept: None,
            pending: None,
            conn: None,
            reports: 0,
        };
        runtime.block_on(service.run(inbox));
    })?;
    Ok(handle)
}

/// The room Stint is in.
struct Conn {
    room_id: String,
    role: RoomRole,
    follow: Follow,
    /// The followed state (session, members, power levels, create), merged as it changes.
    state: RoomState,
    clock: ClockEstimate,
    updates: mpsc::Receiver<RoomUpdate>,
    task: tokio::task::JoinHandle<()>,
    /// The host's last published revision.
    published: u64,
    /// What the member entry last said: the session, the status and the shared commitments.
    announced: Option<Announced>,
    /// When this member's entry is next rewritten (on the first heartbeat after).
    next_refresh: tokio::time::Instant,
    /// When the soonest entry listed as present expires (the list is recomputed on the first
    /// heartbeat after).
    expiry: Option<tokio::time::Instant>,
}

type Announced = (String, MemberStatus, Option<Vec<SharedCommitment>>);

impl Drop for Conn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Service {
    store: SharedStore,
    vault: Box<dyn TokenVault>,
    sink: Box<dyn RoomSink>,
    status: Arc<Mutex<RoomStatus>>,
    /// This computer's wall clock, as the runner reads it.
    wall: ShiftedClock,
    client: Option<RoomClient>,
    kept: Option<Kept>,
    /// A kept sign-in whose homeserver could not be reached at start: tried again every 30 s.
    pending: Option<MatrixSession>,
    conn: Option<Conn>,
    /// How many statuses were reported (`RoomStatus::seq` of the last).
    reports: u64,
}

impl Service {
    async fn run(mut self, mut inbox: mpsc::UnboundedReceiver<Command>) {
        self.restore().await;
        loop {
            tokio::select! {
                command = inbox.recv() => match command {
                    Some(command) => self.handle(command).await,
                    None => return,
                },
                Some(update) = next_update(&mut self.conn) => {
                    self.on_update(update).await;
                    self.heartbeat().await;
                }
                () = tokio::time::sleep(RECONNECT), if self.pending.is_some() => {
                    self.reconnect().await;
                    self.report();
                }
            }
        }
    }

    /// The periodic work, done on the room's own answers (each long-poll ends at least every 55 s)
    /// rather than on timers: a timer minutes ahead costs tokio several wakes as its wheel cascades
    /// (measured, see the module's note). Refreshes this member's entry once it is 3 minutes old,
    /// and recomputes who is present once the soonest listed entry expired.
    async fn heartbeat(&mut self) {
        self.renew_if_due().await;
        let Some(conn) = &self.conn else { return };
        let now = tokio::time::Instant::now();
        if conn.next_refresh <= now {
            if let Some(conn) = &mut self.conn {
                conn.next_refresh = now + Duration::from_secs(MEMBER_REFRESH_SECONDS as u64);
            }
            self.announce_member(true).await;
            self.report();
        } else if self.conn.as_ref().and_then(|c| c.expiry).is_some_and(|at| at <= now) {
            self.report();
        }
    }

    async fn restore(&mut self) {
        let (session, kept) = match self.vault.load() {
            Ok(Some(found)) => found,
            Ok(None) => return self.report(),
            Err(message) => {
                log::warn!("Live room: {message}");
                return self.report();
            }
        };
        self.kept = Some(kept);
        self.pending = Some(session);
        self.reconnect().await;
        self.renew_if_due().await;
        self.report();
    }

    /// Reaches the homeserver of the kept sign-in and goes back to the room the session is tied to.
    async fn reconnect(&mut self) {
        let Some(session) = self.pending.clone() else { return };
        match Homeserver::connect(&session.homeserver).await {
            Ok(server) => {
                self.pending = None;
                self.client = Some(RoomClient::new(server, session));
                self.set_message(None);
            }
            Err(e) => {
                log::info!("Live room: {e}");
                return self.set_message(Some(e.words()));
            }
        }
        let link = self.store.lock().room_link();
        match link {
            Ok(Some(link)) if self.client.is_some() => {
                if let Err(message) = self.enter(&link.room, Some(link.role)).await {
                    self.set_message(Some(message));
                }
            }
            Ok(_) => {}
            Err(e) => log::warn!("Live room: cannot read the room the session was tied to: {e}"),
        }
    }

    async fn handle(&mut self, command: Command) {
        if !matches!(command, Command::SignIn { .. } | Command::Adopt { .. } | Command::SignOut { .. }) {
            self.renew_if_due().await;
        }
        match command {
            Command::SignIn { homeserver, user, password, reply } => {
                let _ = reply.send(self.sign_in(&homeserver, &user, &password).await);
            }
            Command::Adopt { server, session, reply } => {
                self.adopt(server.with_own_connections(), *session);
                let _ = reply.send(Ok(()));
            }
            Command::SignOut { reply } => {
                self.revoke_tokens().await;
                self.pending = None;
                self.conn = None;
                self.client = None;
                self.kept = None;
                self.vault.delete();
                *self.status.lock().unwrap_or_else(|p| p.into_inner()) = RoomStatus::default();
                self.report();
                let _ = reply.send(Ok(()));
            }
            Command::GoLive { room, reply } => {
                let result = self.enter(&room, Some(RoomRole::Host)).await;
                self.after(result, reply);
            }
            Command::Join { room, reply } => {
                let result = self.enter(&room, Some(RoomRole::Member)).await;
                self.after(result, reply);
            }
            Command::EnterCall { room, reply } => {
                let result = self.enter(&room, None).await;
                self.after(result, reply);
            }
            Command::Share { on, reply } => {
                let result = live::share_commitments(&mut self.store.lock(), on).map_err(|e| e.words());
                if result.is_ok() {
                    self.announce_member(false).await;
                }
                self.after(result, reply);
            }
            Command::Leave { reply } => {
                let result = self.leave().await;
                self.after(result, reply);
            }
            Command::SessionChanged => {
                self.publish_hosted().await;
                self.announce_member(false).await;
                self.report();
            }
            Command::Report => self.report(),
        }
    }

    fn after(&mut self, result: Result<(), Msg>, reply: Reply) {
        self.set_message(result.as_ref().err().cloned());
        self.report();
        let _ = reply.send(result);
    }

    async fn sign_in(&mut self, homeserver: &str, user: &str, password: &str) -> Result<(), Msg> {
        let server = Homeserver::connect(homeserver).await.map_err(|e| e.words())?;
        let session = login_password(&server, user.trim(), password).await.map_err(|e| e.words())?;
        self.adopt(server, session);
        Ok(())
    }

    /// Keeps a new session in the vault (or for this run) and makes it the one the room uses.
    fn adopt(&mut self, server: Homeserver, session: MatrixSession) {
        let kept = self.vault.save(&session);
        if kept == Kept::ThisRun {
            log::warn!("Live room: no keyring took the access token; it is kept for this run only");
        }
        self.kept = Some(kept);
        self.pending = None;
        self.client = Some(RoomClient::new(server, session));
        self.set_message(None);
        self.report();
    }

    /// Joins `room` (alias or id) and hosts the running session there, or follows its host; with no
    /// `role` asked for (a call's room), hosts when the room's power levels allow it.
    async fn enter(&mut self, room: &str, role: Option<RoomRole>) -> Result<(), Msg> {
        let client = self.client.clone().ok_or_else(|| Msg::new("error_room_not_signed_in"))?;
        self.conn = None;
        let room_id = client.join(room).await.map_err(|e| e.words())?;
        let state = client.room_state(&room_id).await.map_err(|e| e.words())?;
        let user = client.user_id().to_string();
        let role = role.unwrap_or_else(|| live::call_room_role(&state.power_levels(), &user));
        if role == RoomRole::Host && check_sender(&state.power_levels(), &user, SESSION_EVENT_TYPE).is_err() {
            return Err(Msg::new("error_room_cannot_host").text("user", user));
        }
        let (sender, updates) = mpsc::channel(16);
        let task = tokio::spawn(follow_room(client.clone(), room_id.clone(), sender));
        let already = self.store.lock().room_link().ok().flatten();
        self.conn = Some(Conn {
            room_id: room_id.clone(),
            role,
            follow: Follow::new(),
            state,
            clock: ClockEstimate::new(),
            updates,
            task,
            published: 0,
            announced: None,
            next_refresh: tokio::time::Instant::now() + Duration::from_secs(MEMBER_REFRESH_SECONDS as u64),
            expiry: None,
        });
        self.set_connection("connecting");
        // One write first: its server stamp gives the clock offset before any session is mirrored.
        self.write_member_content(&serde_json::json!({})).await;
        let resumed = already.filter(|l| l.room == room_id && l.role == role);
        match role {
            RoomRole::Host if resumed.is_none() => {
                let offset = self.offset();
                let doc = live::go_live(&mut self.store.lock(), &room_id, &user, offset, self.wall.now())
                    .map_err(|e| e.words())?;
                let _ = doc;
                self.publish_hosted().await;
            }
            RoomRole::Host => self.publish_hosted().await,
            RoomRole::Member if resumed.is_none() => {
                live::join_room(&mut self.store.lock(), &room_id, &user).map_err(|e| e.words())?;
            }
            RoomRole::Member => {}
        }
        self.announce_member(true).await;
        Ok(())
    }

    async fn leave(&mut self) -> Result<(), Msg> {
        let (link, changes) = live::leave_room(&mut self.store.lock()).map_err(|e| e.words())?;
        if let (Some(conn), Some(client)) = (&self.conn, &self.client) {
            let room = conn.room_id.clone();
            if link.as_ref().is_some_and(|l| l.role == RoomRole::Host) {
                if let Err(e) =
                    client.write_state(&room, SESSION_EVENT_TYPE, "", &serde_json::json!({}), || self.wall.now()).await
                {
                    log::info!("Live room: could not clear the session: {e}");
                }
            }
            let me = client.user_id().to_string();
            if let Err(e) =
                client.write_state(&room, MEMBER_EVENT_TYPE, &me, &serde_json::json!({}), || self.wall.now()).await
            {
                log::info!("Live room: could not say you left: {e}");
            }
        }
        self.conn = None;
        *self.status.lock().unwrap_or_else(|p| p.into_inner()) = RoomStatus {
            room: None,
            role: None,
            connection: None,
            present: Vec::new(),
            clock_warning: None,
            ..self.status()
        };
        self.sink.changed(changes);
        Ok(())
    }

    async fn on_update(&mut self, update: RoomUpdate) {
        match update {
            RoomUpdate::Snapshot(state) => {
                self.log_refused_members(&state.events);
                self.set_connection("connected");
                self.set_message(None);
                if let Some(conn) = &mut self.conn {
                    conn.state.events = state.events.clone();
                }
                if self.take_events(&state.events) {
                    self.announce_member(false).await;
                }
                // Back from an outage: a host writes what it did meanwhile.
                self.publish_hosted().await;
            }
            RoomUpdate::Changed(events) => {
                self.log_refused_members(&events);
                if let Some(conn) = &mut self.conn {
                    for event in &events {
                        let held = &mut conn.state.events;
                        held.retain(|e| !(e.event_type == event.event_type && e.state_key == event.state_key));
                        held.push(event.clone());
                    }
                }
                if self.take_events(&events) {
                    self.announce_member(false).await;
                }
            }
            RoomUpdate::Quiet => return,
            RoomUpdate::Offline(e) => {
                self.set_connection("offline");
                self.set_message(Some(e.words()));
            }
            RoomUpdate::Left => {
                self.conn = None;
                self.set_message(Some(Msg::new("room_left_notice")));
            }
            RoomUpdate::SignedOut => {
                self.conn = None;
                if self.renew_after_refusal().await {
                    return self.report();
                }
                self.client = None;
                self.set_message(Some(RoomError::SignedOut.words()));
            }
        }
        self.report();
    }

    /// Logs, once as it arrives, each member entry that is refused (hostile, malformed or oversized).
    fn log_refused_members(&self, events: &[StateEvent]) {
        let Some(conn) = &self.conn else { return };
        let now = conn.clock.room_now(self.wall.now());
        for entry in members_of(events) {
            if let Err(why) = parse_member(&entry, now) {
                log::info!("Live room: ignored the presence of {}: {why}", entry.sender);
            }
        }
    }

    /// A member offers every session document to core, in the room's order. True when the
    /// followed session changed.
    fn take_events(&mut self, events: &[StateEvent]) -> bool {
        let Some(conn) = &mut self.conn else { return false };
        if conn.role != RoomRole::Member {
            return false;
        }
        let mut changed = false;
        let offset = conn.clock.correction_ms();
        let levels = conn.state.power_levels();
        for event in events.iter().filter(|e| e.event_type == SESSION_EVENT_TYPE && e.state_key.is_empty()) {
            let received = live::receive(
                &mut self.store.lock(),
                &mut conn.follow,
                &event.content,
                &event.sender,
                &levels,
                offset,
                self.wall.now(),
            );
            match received {
                Ok(received) => {
                    if let Some(rejection) = received.rejected {
                        log::info!("Live room: ignored a session from {}: {rejection}", event.sender);
                    }
                    changed |= received.changes.session;
                    self.sink.changed(received.changes);
                }
                Err(e) => log::warn!("Live room: could not follow the host's session: {e}"),
            }
        }
        changed
    }

    /// A host writes the hosted session's document when it has a newer revision.
    async fn publish_hosted(&mut self) {
        let (Some(conn), Some(client)) = (&mut self.conn, &self.client) else { return };
        if conn.role != RoomRole::Host {
            return;
        }
        let hosted = live::hosted_doc(&mut self.store.lock());
        let doc = match hosted {
            Ok(Some((_, doc))) => doc,
            Ok(None) => return,
            Err(e) => return log::warn!("Live room: cannot build the session to publish: {e}"),
        };
        if doc.rev <= conn.published {
            return;
        }
        match client.write_state(&conn.room_id, SESSION_EVENT_TYPE, "", &doc.to_content(), || self.wall.now()).await {
            Ok(written) => {
                conn.published = doc.rev;
                if let Some(sample) = written.sample {
                    conn.clock.record(sample);
                }
            }
            // Offline: the next change or the resync after the outage writes the whole document.
            Err(e) => log::info!("Live room: could not publish the session: {e}"),
        }
    }

    /// Writes this member's entry when its status or what it shares changed, or always with `refresh`.
    async fn announce_member(&mut self, refresh: bool) {
        let Some((session_id, status)) = self.member_status() else { return };
        let shared = match live::shared_commitments(&mut self.store.lock()) {
            Ok(shared) => shared,
            Err(e) => {
                log::warn!("Live room: cannot read the commitments to share: {e}");
                None
            }
        };
        let next = (session_id, status, shared);
        let unchanged = self.conn.as_ref().and_then(|c| c.announced.as_ref()) == Some(&next);
        if unchanged && !refresh {
            return;
        }
        self.write_member(next).await;
    }

    async fn write_member(&mut self, next: Announced) {
        let Some(conn) = &self.conn else { return };
        let (session_id, status, shared) = &next;
        let content = member_content(session_id, *status, conn.clock.room_now(self.wall.now()), shared.as_deref());
        if self.write_member_content(&content).await {
            if let Some(conn) = &mut self.conn {
                conn.announced = Some(next);
            }
        }
    }

    /// When the soonest entry of those listed present expires (local time), to drop it then.
    fn next_expiry(&self) -> Option<tokio::time::Instant> {
        let conn = self.conn.as_ref()?;
        let now = conn.clock.room_now(self.wall.now());
        let soonest = members_of(&conn.state.events)
            .iter()
            .filter_map(|entry| parse_member(entry, now).ok().flatten())
            .map(|doc| doc.expires_ts)
            .min()?;
        let wait_ms = (soonest - now.timestamp_millis()).max(0) as u64;
        // A little after it expired, so that it reads as expired then.
        Some(tokio::time::Instant::now() + Duration::from_millis(wait_ms + 500))
    }

    /// Writes this user's `app.stint.member` entry, keeping the clock sample; true when written.
    async fn write_member_content(&mut self, content: &serde_json::Value) -> bool {
        let (Some(conn), Some(client)) = (&mut self.conn, &self.client) else { return false };
        let me = client.user_id().to_string();
        match client.write_state(&conn.room_id, MEMBER_EVENT_TYPE, &me, content, || self.wall.now()).await {
            Ok(written) => {
                if let Some(sample) = written.sample {
                    conn.clock.record(sample);
                }
                true
            }
            Err(e) => {
                log::info!("Live room: could not update your presence: {e}");
                false
            }
        }
    }

    /// The room's session id and this member's status in it (working, break, or away when paused).
    fn member_status(&self) -> Option<(String, MemberStatus)> {
        let link: RoomLink = self.store.lock().room_link().ok().flatten()?;
        let session_id = link.session_id.clone()?;
        let id = link.local_id?;
        let session = self.store.lock().session(id).ok()?;
        let state = state_at(&session.timeline, self.wall.now());
        let status = if state.paused || state.done {
            MemberStatus::Away
        } else if state.phase.kind == PhaseKind::Focus {
            MemberStatus::Working
        } else {
            MemberStatus::Break
        };
        Some((session_id, status))
    }

    fn offset(&self) -> i64 {
        self.conn.as_ref().map_or(0, |c| c.clock.correction_ms())
    }

    fn set_connection(&mut self, connection: &str) {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).connection = Some(connection.into());
    }

    fn set_message(&mut self, problem: Option<Msg>) {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).problem = problem;
    }

    fn status(&self) -> RoomStatus {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Recomputes what the UI shows and hands it to the sink.
    fn report(&mut self) {
        let link = self.store.lock().room_link().ok().flatten();
        let session_id = link.as_ref().and_then(|l| l.session_id.clone());
        let mut status = self.status();
        status.sharing = link.as_ref().is_some_and(live::is_sharing);
        status.can_share = session_id.is_some();
        status.user = self.client.as_ref().map(|c| c.user_id().to_string());
        status.homeserver = self.client.as_ref().map(|c| c.server().host());
        if let Some(pending) = &self.pending {
            status.user = Some(pending.user_id.clone());
            status.homeserver = Some(pending.homeserver.clone());
        }
        status.token_kept = self.kept.map(|k| k.name().to_string());
        match &self.conn {
            Some(conn) => {
                status.room = Some(conn.room_id.clone());
                status.role = Some(if conn.role == RoomRole::Host { "host" } else { "member" }.into());
                status.clock_off = conn.clock.warning();
                let now = conn.clock.room_now(self.wall.now());
                status.present = match &session_id {
                    Some(id) => {
                        let (present, refused) = presence(&members_of(&conn.state.events), id, now);
                        for (sender, why) in refused {
                            log::debug!("Live room: ignored the presence of {sender}: {why}");
                        }
                        present
                            .into_iter()
                            .map(|p| Presence {
                                user_id: p.user_id,
                                status: status_name(p.status).into(),
                                commitments: p.commitments,
                            })
                            .collect()
                    }
                    None => Vec::new(),
                };
            }
            None => {
                status.room = None;
                status.role = None;
                status.connection = None;
                status.present = Vec::new();
                status.clock_off = None;
            }
        }
        let expiry = self.next_expiry();
        if let Some(conn) = &mut self.conn {
            conn.expiry = expiry;
        }
        self.reports += 1;
        status.seq = self.reports;
        *self.status.lock().unwrap_or_else(|p| p.into_inner()) = status.clone();
        self.sink.status(&status);
    }
}

async fn next_update(conn: &mut Option<Conn>) -> Option<RoomUpdate> {
    match conn {
        Some(conn) => conn.updates.recv().await,
        None => std::future::pending().await,
    }
}

fn members_of(events: &[StateEvent]) -> Vec<MemberEntry> {
    events
        .iter()
        .filter(|e| e.event_type == MEMBER_EVENT_TYPE)
        .map(|e| MemberEntry { state_key: e.state_key.clone(), sender: e.sender.clone(), content: e.content.clone() })
        .collect()
}

fn status_name(status: MemberStatus) -> &'static str {
    match status {
        MemberStatus::Working => "working",
        MemberStatus::Break => "break",
        MemberStatus::Away => "away",
    }
}
