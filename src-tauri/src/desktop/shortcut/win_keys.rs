//! An accelerator in Windows' terms: the virtual-key code and the `RegisterHotKey` modifier bits.
//! Pure, so it is tested on every platform; used by `windows.rs`.

use super::Accelerator;

/// `MOD_ALT`, `MOD_CONTROL`, `MOD_SHIFT`, `MOD_WIN` and `MOD_NOREPEAT` (a held key fires once).
pub const MOD_ALT: u32 = 0x1;
pub const MOD_CONTROL: u32 = 0x2;
pub const MOD_SHIFT: u32 = 0x4;
pub const MOD_WIN: u32 = 0x8;
pub const MOD_NOREPEAT: u32 = 0x4000;

/// The virtual-key code of an accelerator's key (`Accelerator::keysym`), if Windows has one.
pub fn virtual_key(keysym: u32) -> Option<u32> {
    match keysym {
        0x61..=0x7a => Some(keysym - 0x61 + 0x41),       // a–z → VK_A–VK_Z
        0x30..=0x39 => Some(keysym),                     // 0–9 → VK_0–VK_9
        0xffbe..=0xffd5 => Some(keysym - 0xffbe + 0x70), // F1–F24 → VK_F1–VK_F24
        _ => super::named_key(keysym).map(|key| key.virtual_key),
    }
}

/// The `RegisterHotKey` modifiers of an accelerator (Super is the Windows key).
pub fn modifiers(a: &Accelerator) -> u32 {
    let bit = |on: bool, value: u32| if on { value } else { 0 };
    bit(a.alt, MOD_ALT) | bit(a.ctrl, MOD_CONTROL) | bit(a.shift, MOD_SHIFT) | bit(a.super_key, MOD_WIN) | MOD_NOREPEAT
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Option<u32> {
        virtual_key(Accelerator::parse(&format!("Ctrl+{text}")).unwrap().keysym)
    }

    #[test]
    fn every_key_stint_parses_has_a_virtual_key() {
        assert_eq!(key("A"), Some(0x41));
        assert_eq!(key("z"), Some(0x5a));
        assert_eq!(key("0"), Some(0x30));
        assert_eq!(key("9"), Some(0x39));
        assert_eq!(key("F1"), Some(0x70));
        assert_eq!(key("F24"), Some(0x87));
        assert_eq!(key("Space"), Some(0x20));
        assert_eq!(key("Enter"), Some(0x0d));
        assert_eq!(key("Delete"), Some(0x2e));
        assert_eq!(key("ArrowUp"), Some(0x26));
        assert_eq!(key("PageDown"), Some(0x22));
        assert_eq!(key("Backquote"), Some(0xc0));
        for name in ["Tab", "Esc", "Backspace", "Insert", "Home", "End", "PageUp", "Down", "Left", "Right", "Pause"] {
            assert!(key(name).is_some(), "{name}");
        }
        for name in ["-", "=", ",", ".", "/", ";", "'", "[", "]", "\\"] {
            assert!(key(name).is_some(), "{name}");
        }
    }

    #[test]
    fn modifiers_map_to_hotkey_bits_without_repeat() {
        let default = Accelerator::parse("CmdOrCtrl+Alt+Space").unwrap();
        assert_eq!(modifiers(&default), MOD_CONTROL | MOD_ALT | MOD_NOREPEAT);
        let all = Accelerator::parse("Ctrl+Alt+Shift+Super+P").unwrap();
        assert_eq!(modifiers(&all), MOD_CONTROL | MOD_ALT | MOD_SHIFT | MOD_WIN | MOD_NOREPEAT);
    }
}
