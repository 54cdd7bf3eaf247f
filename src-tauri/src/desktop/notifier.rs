//! The notification worker: phase-change announcements go to native notifications (notify-rust) on a
//! thread of their own, so a missing or hanging notification service never stalls the timer.
//!
//! The runner hands announcements over with a non-blocking send. The worker shows each one on a
//! short-lived thread and waits at most `show_timeout` for it; a failure or a timeout is reported
//! (the UI shows a banner) and the worker goes on. Where the platform offers actions (Linux), the
//! user's "Skip" or "+5 min" comes back through `on_action` from a watcher thread per notification.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use stint_core::live::{JoinTarget, Notice};

use super::notify_failure::NotifyFailure;

/// How long the worker waits for the notification service before calling it a failure.
pub const SHOW_TIMEOUT: Duration = Duration::from_secs(3);
/// Announcements waiting beyond this many are dropped (and logged) rather than queued without end.
const QUEUE_LENGTH: usize = 16;

/// What the user picked on a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationAction {
    Skip,
    /// "+5 min"
    Extend,
    /// "Join" on a call's reminder.
    Join(JoinTarget),
}

impl NotificationAction {
    pub const EXTEND_SECONDS: u32 = 5 * 60;
}

/// The ids of a notification's actions, both ways. Only the freedesktop notification service offers
/// actions, so this exists only where it is used (Windows and macOS show notifications without them).
#[cfg(all(unix, not(target_os = "macos")))]
mod action_ids {
    use super::NotificationAction;
    use stint_core::live::JoinTarget;

    pub const SKIP: &str = "skip";
    pub const EXTEND: &str = "extend";
    /// A reminder's "Join".
    pub const JOIN: &str = "join";

    /// The action behind an action id of a notification that offered `join` (if it did).
    pub fn picked(id: &str, join: Option<&JoinTarget>) -> Option<NotificationAction> {
        match (id, join) {
            (SKIP, _) => Some(NotificationAction::Skip),
            (EXTEND, _) => Some(NotificationAction::Extend),
            (JOIN, Some(target)) => Some(NotificationAction::Join(target.clone())),
            _ => None,
        }
    }
}

/// Blocks until the user acts on a shown notification (or it closes); `None` when nothing was picked.
pub type ActionWaiter = Box<dyn FnOnce() -> Option<NotificationAction> + Send>;

/// Shows one notification. Blocking; called only on the worker's helper threads.
pub trait Backend: Send + Sync + 'static {
    fn show(&self, notice: &Notice, sound: bool) -> Result<Option<ActionWaiter>, String>;
}

/// Where the worker reports back: what kind of failure (the technical text is logged here), a
/// user's action for the runner.
pub struct Reports {
    pub failed: Box<dyn Fn(NotifyFailure) + Send>,
    pub action: Arc<dyn Fn(NotificationAction) + Send + Sync>,
}

/// The runner's side of the queue.
#[derive(Clone)]
pub struct NotifierHandle {
    queue: SyncSender<Notice>,
    sound: Arc<AtomicBool>,
}

impl NotifierHandle {
    /// Queues a notice without ever blocking the caller.
    pub fn announce(&self, notice: Notice) {
        match self.queue.try_send(notice) {
            Ok(()) => {}
            Err(TrySendError::Full(n)) => log::warn!("notification queue full; dropped \"{}\"", n.announcement.title),
            Err(TrySendError::Disconnected(_)) => log::warn!("notification worker has stopped"),
        }
    }

    pub fn set_sound(&self, on: bool) {
        self.sound.store(on, Ordering::Relaxed);
    }
}

/// Starts the worker thread.
pub fn spawn(backend: impl Backend, sound: bool, show_timeout: Duration, reports: Reports) -> NotifierHandle {
    let (queue, inbox) = mpsc::sync_channel(QUEUE_LENGTH);
    let sound = Arc::new(AtomicBool::new(sound));
    let worker_sound = sound.clone();
    thread::Builder::new()
        .name("stint-notifier".into())
        .spawn(move || work(Arc::new(backend), inbox, &worker_sound, show_timeout, reports))
        .expect("cannot start the notification thread");
    NotifierHandle { queue, sound }
}

fn work(
    backend: Arc<dyn Backend>,
    inbox: Receiver<Notice>,
    sound: &AtomicBool,
    show_timeout: Duration,
    reports: Reports,
) {
    for notice in inbox {
        let (done, outcome) = mpsc::sync_channel(1);
        let shower = backend.clone();
        let sound = sound.load(Ordering::Relaxed);
        // The call may hang (a stuck service); the thread is then left behind, the worker is not.
        let spawned = thread::Builder::new().name("stint-notify-show".into()).spawn(move || {
            let _ = done.send(shower.show(&notice, sound));
        });
        if let Err(e) = spawned {
            report_failure(&reports, format!("cannot start a notification thread: {e}"));
            continue;
        }
        match outcome.recv_timeout(show_timeout) {
            Ok(Ok(Some(waiter))) => watch_for_action(waiter, reports.action.clone()),
            Ok(Ok(None)) => {}
            Ok(Err(message)) => report_failure(&reports, message),
            Err(_) => report_failure(
                &reports,
                format!("the notification service did not answer within {} s", show_timeout.as_secs_f32()),
            ),
        }
    }
}

fn report_failure(reports: &Reports, technical: String) {
    log::warn!("notification failed: {technical}");
    (reports.failed)(NotifyFailure::classify(&technical));
}

fn watch_for_action(waiter: ActionWaiter, on_action: Arc<dyn Fn(NotificationAction) + Send + Sync>) {
    let spawned = thread::Builder::new().name("stint-notify-action".into()).spawn(move || {
        if let Some(action) = waiter() {
            on_action(action);
        }
    });
    if let Err(e) = spawned {
        log::warn!("cannot watch a notification for actions: {e}");
    }
}

/// Native notifications through notify-rust, with the app's identity on each platform.
pub struct NativeBackend {
    /// The desktop entry's name (without `.desktop`): the packages install `<product name>.desktop`,
    /// so a community's own build ("X Coworking.desktop") is named after its product too.
    #[cfg(all(unix, not(target_os = "macos")))]
    desktop_entry: String,
}

impl NativeBackend {
    pub const APP_ID: &'static str = "app.stint.desktop";

    /// `product_name` as in tauri.conf.json (or a community build's override).
    pub fn new(product_name: &str) -> Self {
        #[cfg(target_os = "macos")]
        if let Err(e) = notify_rust::set_application(Self::APP_ID) {
            log::warn!("cannot set the notification bundle id: {e}");
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        let _ = product_name;
        NativeBackend {
            #[cfg(all(unix, not(target_os = "macos")))]
            desktop_entry: product_name.to_string(),
        }
    }
}

impl Backend for NativeBackend {
    fn show(&self, notice: &Notice, sound: bool) -> Result<Option<ActionWaiter>, String> {
        let announcement = &notice.announcement;
        let mut n = notify_rust::Notification::new();
        // The body is escaped for the Linux notification spec's body markup; elsewhere it is shown
        // as written, so it goes out plain.
        #[cfg(all(unix, not(target_os = "macos")))]
        let body = announcement.body.clone();
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        let body = announcement.plain_body();
        n.summary(&announcement.title).body(&body).appname("Stint");
        if sound {
            n.sound_name("complete");
        }
        #[cfg(target_os = "windows")]
        n.app_id(Self::APP_ID);
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            n.hint(notify_rust::Hint::DesktopEntry(self.desktop_entry.clone()));
            if notice.actions {
                n.action(action_ids::SKIP, &notice.action_label("notify_action_skip"))
                    .action(action_ids::EXTEND, &notice.action_label("notify_action_extend"));
            }
            if notice.join.is_some() {
                n.action(action_ids::JOIN, &notice.action_label("notify_action_join"));
            }
        }
        let handle = n.show().map_err(|e| e.to_string())?;
        #[cfg(all(unix, not(target_os = "macos")))]
        if notice.actions || notice.join.is_some() {
            let join = notice.join.clone();
            let waiter: ActionWaiter = Box::new(move || {
                let mut picked = None;
                handle.wait_for_action(|id| picked = action_ids::picked(id, join.as_ref()));
                picked
            });
            return Ok(Some(waiter));
        }
        drop(handle);
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use stint_core::announce::Announcement;

    fn notice(title: &str) -> Notice {
        Notice::phase(Announcement { title: title.into(), body: "body".into() }, true, stint_core::i18n::Lang::En)
    }

    /// Records what it was asked to show; behaves per title: "hang", "fail", "skip", anything else ok.
    #[derive(Default, Clone)]
    struct Scripted {
        shown: Arc<Mutex<Vec<(String, bool)>>>,
    }

    impl Backend for Scripted {
        fn show(&self, n: &Notice, sound: bool) -> Result<Option<ActionWaiter>, String> {
            self.shown.lock().unwrap().push((n.announcement.title.clone(), sound));
            match n.announcement.title.as_str() {
                "hang" => {
                    thread::park();
                    Ok(None)
                }
                "fail" => Err("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications \
                               was not provided by any .service files"
                    .into()),
                "skip" => Ok(Some(Box::new(|| Some(NotificationAction::Skip)))),
                _ => Ok(None),
            }
        }
    }

    enum Report {
        Failed(NotifyFailure),
        Action(NotificationAction),
    }

    fn start(backend: Scripted) -> (NotifierHandle, Receiver<Report>) {
        let (tx, rx) = mpsc::channel();
        let action_tx = Mutex::new(tx.clone());
        let failed_tx = tx;
        let reports = Reports {
            failed: Box::new(move |m| failed_tx.send(Report::Failed(m)).unwrap()),
            action: Arc::new(move |a| action_tx.lock().unwrap().send(Report::Action(a)).unwrap()),
        };
        (spawn(backend, true, Duration::from_millis(50), reports), rx)
    }

    #[test]
    fn a_hanging_service_is_reported_and_later_announcements_still_go_out() {
        let backend = Scripted::default();
        let (notifier, reports) = start(backend.clone());
        notifier.announce(notice("hang"));
        notifier.announce(notice("fail"));
        match reports.recv().unwrap() {
            Report::Failed(f) => assert_eq!(f, NotifyFailure::NoAnswer),
            Report::Action(_) => panic!("no action expected"),
        }
        match reports.recv().unwrap() {
            Report::Failed(f) => assert_eq!(f, NotifyFailure::NoService),
            Report::Action(_) => panic!("no action expected"),
        }
        let titles: Vec<_> = backend.shown.lock().unwrap().iter().map(|(t, _)| t.clone()).collect();
        assert_eq!(titles, ["hang", "fail"]);
    }

    #[test]
    fn an_action_comes_back_and_sound_follows_the_setting() {
        let backend = Scripted::default();
        let (notifier, reports) = start(backend.clone());
        notifier.set_sound(false);
        notifier.announce(notice("skip"));
        match reports.recv().unwrap() {
            Report::Action(a) => assert_eq!(a, NotificationAction::Skip),
            Report::Failed(f) => panic!("unexpected failure {f:?}"),
        }
        assert_eq!(backend.shown.lock().unwrap().as_slice(), [("skip".to_string(), false)]);
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn action_ids_map_to_actions() {
        use super::action_ids::picked;
        assert_eq!(picked("skip", None), Some(NotificationAction::Skip));
        assert_eq!(picked("extend", None), Some(NotificationAction::Extend));
        assert_eq!(picked("default", None), None);
        assert_eq!(picked("__closed", None), None);
        let target = JoinTarget { call_id: "cafe".into(), occurrence_start: chrono::Utc::now() };
        assert_eq!(picked("join", Some(&target)), Some(NotificationAction::Join(target.clone())));
        assert_eq!(picked("join", None), None, "only a reminder offers Join");
        assert_eq!(picked("skip", Some(&target)), Some(NotificationAction::Skip));
    }
}
