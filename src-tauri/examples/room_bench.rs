//! The live room's benchmark: how long a host's action takes to reach a member, over a real Synapse
//! on loopback (scripts/synapse.sh). Two room services with two stores, as two Stints: the host acts
//! through `stint_core::live` and tells its service, as the app's runner does; the time is taken until
//! the member's store holds the action (the UI shows it on the runner's next reload, which is
//! immediate). 50 actions (pause and resume in turn); prints p50, p95 and the worst. Goal: p95 ≤ 1 s.
//! Then both sit idle in the joined room for a minute, and the wakeups of each room thread are
//! counted from the kernel's context switches (/proc/self/task/*/status). Goal: ≤ 4 a minute.
//!
//! Run: `cargo run -p stint --example room_bench` (Synapse must be installed: scripts/install-deps.sh).

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;
use stint_core::format::{FormatDraft, Phase, PhaseKind};
use stint_core::live::{self, Changes};
use stint_core::store::Store;
use stint_core::timeline::EventKind;
use stint_lib::room::service::{self, RoomSink, RoomStatus};
use stint_lib::room::vault::MemoryVault;
use stint_lib::room::{login_password, Homeserver, RoomClient};
use stint_lib::runner::shifted_clock::ShiftedClock;
use stint_lib::shared_store::SharedStore;

const ACTIONS: usize = 50;

struct Quiet;

impl RoomSink for Quiet {
    fn changed(&self, _: Changes) {}
    fn status(&self, _: &RoomStatus) {}
}

fn synapse(args: &[&str]) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/synapse.sh");
    let out = Command::new(script).args(args).output().expect("scripts/synapse.sh runs");
    assert!(out.status.success(), "scripts/synapse.sh {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn stint(dir: &std::path::Path) -> (SharedStore, service::RoomHandle) {
    let (store, _) = Store::open(dir.join("stint.db"), Utc::now()).unwrap();
    let store = SharedStore::new(store);
    let room =
        service::spawn(store.clone(), Box::new(MemoryVault::default()), Box::new(Quiet), ShiftedClock::default())
            .unwrap();
    (store, room)
}

fn events(store: &SharedStore) -> usize {
    store.lock().active_session().unwrap().map_or(0, |s| s.timeline.events().len())
}

async fn until(mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(30), "the member did not follow within 30 s");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let server_dir = dir.path().join("synapse");
    std::fs::create_dir_all(&server_dir).unwrap();
    let server_dir = server_dir.to_str().unwrap().to_string();
    let base_url = synapse(&["start", &server_dir]);
    synapse(&["register", &server_dir, "host", "host-pw", "admin"]);
    synapse(&["register", &server_dir, "ada", "ada-pw"]);
    let homeserver = Homeserver::connect(&base_url).await.unwrap();
    let creator = RoomClient::new(homeserver.clone(), login_password(&homeserver, "host", "host-pw").await.unwrap());
    creator.create_room("Bench", Some("bench")).await.unwrap();

    let (host_dir, member_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (host_store, host) = stint(host_dir.path());
    let (member_store, member) = stint(member_dir.path());
    {
        let mut store = host_store.lock();
        let phases = vec![
            Phase { label: "Focus".into(), kind: PhaseKind::Focus, seconds: 3000, prompt: None },
            Phase { label: "Break".into(), kind: PhaseKind::Break, seconds: 300, prompt: None },
        ];
        let draft = FormatDraft {
            name: "Bench".into(),
            attribution: None,
            phases,
            commitments: Default::default(),
            repeat: None,
        };
        let format = store.create_format(draft, Utc::now()).unwrap();
        store.start_session(&format.id, Utc::now(), &[]).unwrap();
    }
    host.sign_in(base_url.clone(), "host".into(), "host-pw".into()).await.unwrap();
    host.go_live("#bench:localhost".into()).await.unwrap();
    member.sign_in(base_url.clone(), "ada".into(), "ada-pw".into()).await.unwrap();
    member.join("#bench:localhost".into()).await.unwrap();
    until(|| member_store.lock().active_session().unwrap().is_some()).await;

    let mut latencies = Vec::with_capacity(ACTIONS);
    for i in 0..ACTIONS {
        let kind = if i % 2 == 0 { EventKind::Pause } else { EventKind::Resume };
        let acted = Instant::now();
        live::act(&mut host_store.lock(), kind, Utc::now()).unwrap();
        host.session_changed();
        until(|| events(&member_store) == i + 1).await;
        latencies.push(acted.elapsed());
    }
    let before = room_thread_switches();
    tokio::time::sleep(Duration::from_secs(60)).await;
    let after = room_thread_switches();
    synapse(&["stop", &server_dir]);
    for (tid, count) in &after {
        let woke = count - before.iter().find(|(t, _)| t == tid).map_or(0, |(_, c)| *c);
        println!("room thread {tid}, idle in a joined room: {woke} wakeups in 60 s (goal: ≤ 4)");
    }
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "host action → member, {ACTIONS} actions on loopback Synapse: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms (goal: p95 ≤ 1000 ms)",
        ms(latencies[ACTIONS / 2]),
        ms(latencies[ACTIONS * 95 / 100]),
        ms(latencies[ACTIONS - 1]),
    );
}

/// Each `stint-room` thread of this process with its context switches so far (voluntary and not).
fn room_thread_switches() -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let path = task.path();
        let comm = std::fs::read_to_string(path.join("comm")).unwrap_or_default();
        if comm.trim() != "stint-room" {
            continue;
        }
        let status = std::fs::read_to_string(path.join("status")).unwrap_or_default();
        let switches: u64 = status
            .lines()
            .filter(|l| l.contains("ctxt_switches"))
            .filter_map(|l| l.split_whitespace().last()?.parse::<u64>().ok())
            .sum();
        out.push((task.file_name().to_string_lossy().into_owned(), switches));
    }
    out
}
