//! Why a notification could not be shown, in the user's terms: no notification service on this
//! desktop, a service that did not answer in time, or one that refused. The technical text (a D-Bus
//! error name, a Windows or macOS error) goes to the log; the user reads how to fix it.

use stint_core::i18n::{tr0, Lang};

/// The kind of failure, decided from the backend's error text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyFailure {
    /// Nothing owns `org.freedesktop.Notifications` (or there is no session bus at all).
    NoService,
    /// The service was there but did not answer within the notifier's timeout.
    NoAnswer,
    /// The service answered with an error (denied, not supported, anything else).
    Refused,
}

/// Signs, in the error texts of zbus/notify-rust and the D-Bus daemon, that no service is running.
const NO_SERVICE: [&str; 7] = [
    "serviceunknown",
    "namehasnoowner",
    "not provided by any .service files",
    "was not activated",
    "dbus_session_bus_address",
    "no such file or directory",
    "connection refused",
];

/// Signs that the service did not answer in time.
const NO_ANSWER: [&str; 4] = ["noreply", "timeout", "timed out", "did not answer"];

impl NotifyFailure {
    /// The kind of `technical`, an error text as the backend reported it.
    pub fn classify(technical: &str) -> NotifyFailure {
        let text = technical.to_ascii_lowercase();
        if NO_SERVICE.iter().any(|sign| text.contains(sign)) {
            NotifyFailure::NoService
        } else if NO_ANSWER.iter().any(|sign| text.contains(sign)) {
            NotifyFailure::NoAnswer
        } else {
            NotifyFailure::Refused
        }
    }

    /// The sentence the user reads: what happened and how to fix it on this desktop.
    pub fn sentence(self, lang: Lang) -> String {
        tr0(
            lang,
            match self {
                NotifyFailure::NoService => "banner_notifications_no_service",
                NotifyFailure::NoAnswer => "banner_notifications_no_answer",
                NotifyFailure::Refused => "banner_notifications_refused",
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_service_on_the_session_bus_is_told_apart() {
        for technical in [
            "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by \
             any .service files",
            "org.freedesktop.DBus.Error.NameHasNoOwner: Could not get owner of name",
            "I/O error: No such file or directory (os error 2)",
            "address error: DBUS_SESSION_BUS_ADDRESS not set",
        ] {
            assert_eq!(NotifyFailure::classify(technical), NotifyFailure::NoService, "{technical}");
        }
    }

    #[test]
    fn a_silent_service_and_a_refusal_are_told_apart() {
        assert_eq!(
            NotifyFailure::classify("org.freedesktop.DBus.Error.NoReply: Did not receive a reply"),
            NotifyFailure::NoAnswer
        );
        assert_eq!(
            NotifyFailure::classify("the notification service did not answer within 5 s"),
            NotifyFailure::NoAnswer
        );
        assert_eq!(
            NotifyFailure::classify("org.freedesktop.DBus.Error.AccessDenied: Rejected send message"),
            NotifyFailure::Refused
        );
        assert_eq!(NotifyFailure::classify(""), NotifyFailure::Refused);
    }

    #[test]
    fn each_failure_says_how_to_fix_it_in_the_users_language() {
        let en = NotifyFailure::NoService.sentence(Lang::En);
        assert!(en.starts_with("No notification service is running") && en.contains("dunst or mako"), "{en}");
        assert!(!en.contains("org.freedesktop"), "{en}");
        let de = NotifyFailure::NoAnswer.sentence(Lang::De);
        assert!(de.starts_with("Der Benachrichtigungsdienst hat nicht rechtzeitig geantwortet"), "{de}");
        for failure in [NotifyFailure::NoService, NotifyFailure::NoAnswer, NotifyFailure::Refused] {
            for lang in Lang::ALL {
                assert!(failure.sentence(lang).ends_with('.'), "{failure:?} {lang:?}");
            }
        }
    }
}
