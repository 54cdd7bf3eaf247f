//! The global start/pause shortcut: parsing an accelerator ("CmdOrCtrl+Alt+Space") and grabbing it
//! system-wide.
//!
//! On Linux the key is grabbed with X11 (`x11`): one thread blocks on the X connection and wakes only
//! when the key is pressed. (tauri-plugin-global-shortcut polls X every 50 ms, 1,200 wakeups a
//! minute, twenty times the idle budget.) On Wayland it is bound through the desktop's
//! GlobalShortcuts portal (`portal`) where there is one (`linux` chooses). On Windows a thread
//! registers it with `RegisterHotKey` and sleeps in its message loop (`windows`); on macOS the main
//! thread registers it with Carbon's `RegisterEventHotKey` (`macos`). Elsewhere (Wayland without the
//! portal) the shortcut is unavailable and the user is told; Stint carries on.

#[cfg(target_os = "linux")]
mod linux;
pub mod mac_keys;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(target_os = "linux")]
mod portal;
pub mod win_keys;
#[cfg(windows)]
mod windows;
#[cfg(target_os = "linux")]
mod x11;
#[cfg(target_os = "linux")]
use linux as platform;
#[cfg(target_os = "macos")]
use macos as platform;
#[cfg(windows)]
use windows as platform;

use stint_core::i18n::{Lang, Msg};

/// The global start/pause key of a new install.
pub const DEFAULT_GLOBAL_SHORTCUT: &str = "CmdOrCtrl+Alt+Space";

/// A parsed accelerator: modifiers and one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accelerator {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
    /// The Super (Windows/Command) key.
    pub super_key: bool,
    /// The X11 keysym of the key (the unshifted symbol: `a`, not `A`).
    pub keysym: u32,
}

/// A named key: the names the user may write, its X11 keysym, its xkb name (the XDG portal's trigger
/// format) and its Windows virtual-key code (`VK_OEM_*` for punctuation: the US layout's keys).
pub struct NamedKey {
    pub names: &'static [&'static str],
    pub keysym: u32,
    pub xkb: &'static str,
    pub virtual_key: u32,
}

const fn key(names: &'static [&'static str], keysym: u32, xkb: &'static str, virtual_key: u32) -> NamedKey {
    NamedKey { names, keysym, xkb, virtual_key }
}

/// Named keys. Letters, digits and F1–F24 are computed.
pub const NAMED_KEYS: &[NamedKey] = &[
    key(&["space"], 0x0020, "space", 0x20),
    key(&["enter", "return"], 0xff0d, "Return", 0x0d),
    key(&["tab"], 0xff09, "Tab", 0x09),
    key(&["escape", "esc"], 0xff1b, "Escape", 0x1b),
    key(&["backspace"], 0xff08, "BackSpace", 0x08),
    key(&["delete", "del"], 0xffff, "Delete", 0x2e),
    key(&["insert"], 0xff63, "Insert", 0x2d),
    key(&["home"], 0xff50, "Home", 0x24),
    key(&["end"], 0xff57, "End", 0x23),
    key(&["pageup"], 0xff55, "Page_Up", 0x21),
    key(&["pagedown"], 0xff56, "Page_Down", 0x22),
    key(&["up", "arrowup"], 0xff52, "Up", 0x26),
    key(&["down", "arrowdown"], 0xff54, "Down", 0x28),
    key(&["left", "arrowleft"], 0xff51, "Left", 0x25),
    key(&["right", "arrowright"], 0xff53, "Right", 0x27),
    key(&["pause"], 0xff13, "Pause", 0x13),
    key(&["minus", "-"], 0x002d, "minus", 0xbd),
    key(&["equal", "="], 0x003d, "equal", 0xbb),
    key(&["comma", ","], 0x002c, "comma", 0xbc),
    key(&["period", "."], 0x002e, "period", 0xbe),
    key(&["slash", "/"], 0x002f, "slash", 0xbf),
    key(&["semicolon", ";"], 0x003b, "semicolon", 0xba),
    key(&["quote", "'"], 0x0027, "apostrophe", 0xde),
    key(&["bracketleft", "["], 0x005b, "bracketleft", 0xdb),
    key(&["bracketright", "]"], 0x005d, "bracketright", 0xdd),
    key(&["backslash", "\\"], 0x005c, "backslash", 0xdc),
    key(&["backquote", "`"], 0x0060, "grave", 0xc0),
];

/// The named key with `keysym`, if it is one.
pub fn named_key(keysym: u32) -> Option<&'static NamedKey> {
    NAMED_KEYS.iter().find(|key| key.keysym == keysym)
}

fn keysym(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let mut chars = lower.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_alphanumeric() {
            return Some(c as u32); // 'a'..'z' and '0'..'9' are their own keysyms
        }
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u32>().ok()) {
        if (1..=24).contains(&n) {
            return Some(0xffbe + n - 1);
        }
    }
    NAMED_KEYS.iter().find(|key| key.names.contains(&lower.as_str())).map(|key| key.keysym)
}

impl Accelerator {
    /// Parses "Modifier+…+Key" (case-insensitive). Modifiers: Ctrl/Control, Alt/Option, Shift,
    /// Super/Cmd/Command/Meta, CmdOrCtrl/CommandOrControl (Command on macOS, Ctrl elsewhere). The
    /// key: a letter, a digit, F1–F24 or a named key (Space, Enter, Up, …). At least one of Ctrl,
    /// Alt or Super is required, so the shortcut never takes a plain key from other apps.
    /// A refusal is the catalogue message of what is wrong, to be said within a sentence.
    pub fn parse(text: &str) -> Result<Accelerator, Msg> {
        if text.chars().count() > 100 {
            return Err(Msg::new("error_shortcut_too_long").count("max", 100));
        }
        let parts: Vec<&str> = text.split('+').map(str::trim).collect();
        let Some((key, modifiers)) = parts.split_last() else { unreachable!("split yields at least one part") };
        let problem = |key: &'static str| Msg::new(key).text("text", text);
        if key.is_empty() {
            return Err(problem("error_shortcut_no_key"));
        }
        let mut accelerator = Accelerator { ctrl: false, alt: false, shift: false, super_key: false, keysym: 0 };
        for modifier in modifiers {
            match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => accelerator.ctrl = true,
                "alt" | "option" => accelerator.alt = true,
                "shift" => accelerator.shift = true,
                "super" | "cmd" | "command" | "meta" => accelerator.super_key = true,
                "cmdorctrl" | "commandorcontrol" | "cmdorcontrol" | "commandorctrl" => {
                    if cfg!(target_os = "macos") {
                        accelerator.super_key = true;
                    } else {
                        accelerator.ctrl = true;
                    }
                }
                "" => return Err(problem("error_shortcut_empty_part")),
                _ if keysym(modifier).is_some() => return Err(problem("error_shortcut_two_keys")),
                _ => return Err(Msg::new("error_shortcut_not_modifier").text("modifier", *modifier)),
            }
        }
        accelerator.keysym = keysym(key).ok_or_else(|| Msg::new("error_shortcut_unknown_key").text("key", *key))?;
        if !(accelerator.ctrl || accelerator.alt || accelerator.super_key) {
            return Err(problem("error_shortcut_needs_modifier"));
        }
        Ok(accelerator)
    }
}

/// The grabbed global shortcut; pressing it calls the handler given to `GlobalKeys::start`.
pub struct GlobalKeys {
    #[cfg(any(target_os = "linux", target_os = "macos", windows))]
    grabber: Result<platform::Grabber, String>,
}

impl GlobalKeys {
    /// Connects to the display and starts listening; `on_press` runs on the listening thread.
    /// Never fails: without a way to grab keys, each `set` reports why.
    pub fn start(on_press: impl Fn() + Send + 'static) -> GlobalKeys {
        #[cfg(any(target_os = "linux", target_os = "macos", windows))]
        {
            GlobalKeys { grabber: platform::Grabber::start(on_press) }
        }
        #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
        {
            drop(on_press);
            GlobalKeys {}
        }
    }

    /// Grabs `accelerator` instead of the current shortcut (`None`: no shortcut). On an error the
    /// previous shortcut is already released and none is active.
    pub fn set(&self, accelerator: Option<&str>) -> Result<(), String> {
        let accelerator =
            accelerator.map(Accelerator::parse).transpose().map_err(|problem| problem.render(Lang::En))?;
        #[cfg(any(target_os = "linux", target_os = "macos", windows))]
        {
            match &self.grabber {
                Ok(grabber) => grabber.grab(accelerator),
                Err(e) if accelerator.is_some() => Err(e.clone()),
                Err(_) => Ok(()),
            }
        }
        #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
        match accelerator {
            Some(_) => Err("global shortcuts are not available on this platform yet".into()),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_parses_to_ctrl_alt_space() {
        let a = Accelerator::parse(DEFAULT_GLOBAL_SHORTCUT).unwrap();
        assert_eq!(a, Accelerator { ctrl: true, alt: true, shift: false, super_key: false, keysym: 0x20 });
    }

    #[test]
    fn names_are_case_insensitive_and_spaces_are_allowed() {
        let a = Accelerator::parse("shift + SUPER + p").unwrap();
        assert_eq!(a, Accelerator { ctrl: false, alt: false, shift: true, super_key: true, keysym: 'p' as u32 });
        assert_eq!(Accelerator::parse("Ctrl+F12").unwrap().keysym, 0xffc9);
        assert_eq!(Accelerator::parse("Alt+7").unwrap().keysym, '7' as u32);
        assert_eq!(Accelerator::parse("Control+ArrowUp").unwrap().keysym, 0xff52);
    }

    #[test]
    fn bad_accelerators_say_what_is_wrong() {
        let cases = [
            ("Space", "needs Ctrl, Alt or Super"),
            ("Shift+A", "needs Ctrl, Alt or Super"),
            ("Ctrl+", "no key"),
            ("", "no key"),
            ("Ctrl++A", "empty part"),
            ("Ctrl+A+B", "more than one key"),
            ("Hyper+A", "“Hyper” is not a modifier"),
            ("Ctrl+F25", "“F25” is not a key"),
            ("Ctrl+Banana", "“Banana” is not a key"),
        ];
        for (text, expected) in cases {
            let e = Accelerator::parse(text).unwrap_err().render(Lang::En);
            assert!(e.contains(expected), "{text}: {e}");
            let de = Accelerator::parse(text).unwrap_err().render(Lang::De);
            assert!(!de.contains("_shortcut_") && de != e, "{text}: {de}");
        }
        let long = Accelerator::parse(&format!("Ctrl+{}", "A".repeat(200))).unwrap_err();
        assert!(long.render(Lang::En).contains("too long"));
    }
}
