//! An accelerator in macOS's terms: the virtual key code (`kVK_*` in Carbon's `Events.h`: a key's
//! place on the US keyboard), the `RegisterEventHotKey` modifier bits, and what macOS refuses, as
//! sentences. Pure, so it is tested on every platform; used by `macos.rs`.

use super::Accelerator;

/// `cmdKey`, `shiftKey`, `optionKey` and `controlKey` (Carbon's modifier bits).
pub const CMD_KEY: u32 = 0x100;
pub const SHIFT_KEY: u32 = 0x200;
pub const OPTION_KEY: u32 = 0x800;
pub const CONTROL_KEY: u32 = 0x1000;

/// `eventHotKeyExistsErr`: the combination is already registered.
pub const HOT_KEY_EXISTS: i32 = -9878;
/// `eventHotKeyInvalidErr`: macOS does not accept the combination.
pub const HOT_KEY_INVALID: i32 = -9879;
/// `eventInternalErr`: what macOS 15.0 and 15.1 answer to an Option-only combination.
pub const INTERNAL_ERROR: i32 = -9868;

/// `kVK_ANSI_A` … `kVK_ANSI_Z`.
const LETTERS: [u32; 26] = [
    0x00, 0x0b, 0x08, 0x02, 0x0e, 0x03, 0x05, 0x04, 0x22, 0x26, 0x28, 0x25, 0x2e, // a–m
    0x2d, 0x1f, 0x23, 0x0c, 0x0f, 0x01, 0x11, 0x20, 0x09, 0x0d, 0x07, 0x10, 0x06, // n–z
];
/// `kVK_ANSI_0` … `kVK_ANSI_9`.
const DIGITS: [u32; 10] = [0x1d, 0x12, 0x13, 0x14, 0x15, 0x17, 0x16, 0x1a, 0x1c, 0x19];
/// `kVK_F1` … `kVK_F20` (Mac keyboards stop at F20).
const FUNCTION_KEYS: [u32; 20] = [
    0x7a, 0x78, 0x63, 0x76, 0x60, 0x61, 0x62, 0x64, 0x65, 0x6d, // F1–F10
    0x67, 0x6f, 0x69, 0x6b, 0x71, 0x6a, 0x40, 0x4f, 0x50, 0x5a, // F11–F20
];

/// The virtual key code of an accelerator's key (`Accelerator::keysym`), if a Mac keyboard has it.
pub fn key_code(keysym: u32) -> Option<u32> {
    match keysym {
        0x61..=0x7a => Some(LETTERS[(keysym - 0x61) as usize]),
        0x30..=0x39 => Some(DIGITS[(keysym - 0x30) as usize]),
        0xffbe..=0xffd1 => Some(FUNCTION_KEYS[(keysym - 0xffbe) as usize]),
        0x0020 => Some(0x31), // Space
        0xff0d => Some(0x24), // Return
        0xff09 => Some(0x30), // Tab
        0xff1b => Some(0x35), // Escape
        0xff08 => Some(0x33), // Backspace: kVK_Delete
        0xffff => Some(0x75), // Delete: kVK_ForwardDelete
        0xff63 => Some(0x72), // Insert: a PC keyboard's Insert is kVK_Help on a Mac
        0xff50 => Some(0x73), // Home
        0xff57 => Some(0x77), // End
        0xff55 => Some(0x74), // Page Up
        0xff56 => Some(0x79), // Page Down
        0xff52 => Some(0x7e), // Up
        0xff54 => Some(0x7d), // Down
        0xff51 => Some(0x7b), // Left
        0xff53 => Some(0x7c), // Right
        0x002d => Some(0x1b), // -
        0x003d => Some(0x18), // =
        0x002c => Some(0x2b), // ,
        0x002e => Some(0x2f), // .
        0x002f => Some(0x2c), // /
        0x003b => Some(0x29), // ;
        0x0027 => Some(0x27), // '
        0x005b => Some(0x21), // [
        0x005d => Some(0x1e), // ]
        0x005c => Some(0x2a), // \
        0x0060 => Some(0x32), // `
        _ => None,            // Pause, F21–F24
    }
}

/// The `RegisterEventHotKey` modifiers of an accelerator (Super is the Command key).
pub fn modifiers(a: &Accelerator) -> u32 {
    let bit = |on: bool, value: u32| if on { value } else { 0 };
    bit(a.super_key, CMD_KEY) | bit(a.shift, SHIFT_KEY) | bit(a.alt, OPTION_KEY) | bit(a.ctrl, CONTROL_KEY)
}

/// The key code and modifiers to register for `a`, or why macOS would not take it. Since macOS 15 a
/// combination whose only modifiers are Option and Shift is refused (15.0 and 15.1 answer with an
/// internal error, later versions never deliver the press): Apple's guard against key loggers, as
/// Option and Shift type characters in passwords. So Command or Control is required here.
pub fn hot_key(a: &Accelerator) -> Result<(u32, u32), String> {
    let code = key_code(a.keysym).ok_or("a Mac keyboard has no such key; choose another key")?;
    if !(a.super_key || a.ctrl) {
        return Err("macOS takes a global shortcut only when it includes Command or Control; add one of them".into());
    }
    Ok((code, modifiers(a)))
}

/// What a refusal of `RegisterEventHotKey` means, as the end of a sentence.
pub fn refusal(status: i32) -> String {
    match status {
        HOT_KEY_EXISTS => "another application already uses this shortcut; choose another one".into(),
        HOT_KEY_INVALID | INTERNAL_ERROR => "macOS does not accept this shortcut; choose another one".into(),
        _ => format!("macOS refused it (error {status}); choose another shortcut or restart Stint"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<u32> {
        key_code(Accelerator::parse(&format!("Cmd+{text}")).unwrap().keysym)
    }

    #[test]
    fn keys_map_to_their_place_on_the_us_keyboard() {
        assert_eq!(code("A"), Some(0x00));
        assert_eq!(code("s"), Some(0x01));
        assert_eq!(code("P"), Some(0x23));
        assert_eq!(code("Z"), Some(0x06));
        assert_eq!(code("0"), Some(0x1d));
        assert_eq!(code("5"), Some(0x17));
        assert_eq!(code("9"), Some(0x19));
        assert_eq!(code("F1"), Some(0x7a));
        assert_eq!(code("F12"), Some(0x6f));
        assert_eq!(code("F20"), Some(0x5a));
        assert_eq!(code("Space"), Some(0x31));
        assert_eq!(code("Enter"), Some(0x24));
        assert_eq!(code("Backspace"), Some(0x33));
        assert_eq!(code("Delete"), Some(0x75));
        assert_eq!(code("ArrowUp"), Some(0x7e));
        assert_eq!(code("PageDown"), Some(0x79));
        assert_eq!(code("Backquote"), Some(0x32));
        assert_eq!(code("\\"), Some(0x2a));
    }

    #[test]
    fn every_key_stint_parses_has_one_code_except_those_a_mac_lacks() {
        let mut names: Vec<String> = ('a'..='z').chain('0'..='9').map(String::from).collect();
        names.extend((1..=20).map(|n| format!("F{n}")));
        names.extend(super::super::NAMED_KEYS.iter().map(|key| key.names[0].to_string()));
        names.retain(|name| name != "pause");
        let mut codes: Vec<u32> = names.iter().map(|name| code(name).unwrap_or_else(|| panic!("{name}"))).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), names.len(), "two keys share a code");
        for name in ["Pause", "F21", "F24"] {
            assert_eq!(code(name), None, "{name}");
        }
    }

    #[test]
    fn modifiers_map_to_carbon_bits() {
        let all = Accelerator::parse("Ctrl+Alt+Shift+Cmd+P").unwrap();
        assert_eq!(modifiers(&all), CMD_KEY | SHIFT_KEY | OPTION_KEY | CONTROL_KEY);
        let cmd_option = Accelerator::parse("Cmd+Option+Space").unwrap();
        assert_eq!(hot_key(&cmd_option), Ok((0x31, CMD_KEY | OPTION_KEY)));
        let ctrl = Accelerator::parse("Control+F5").unwrap();
        assert_eq!(hot_key(&ctrl), Ok((0x60, CONTROL_KEY)));
    }

    #[test]
    fn what_macos_refuses_is_said_before_trying() {
        for text in ["Alt+P", "Option+Shift+P"] {
            let e = hot_key(&Accelerator::parse(text).unwrap()).unwrap_err();
            assert!(e.contains("Command or Control"), "{text}: {e}");
        }
        let e = hot_key(&Accelerator::parse("Cmd+F24").unwrap()).unwrap_err();
        assert!(e.contains("no such key"), "{e}");
    }

    #[test]
    fn refusals_say_what_to_do() {
        assert!(refusal(HOT_KEY_EXISTS).starts_with("another application already uses this shortcut"));
        assert!(refusal(HOT_KEY_INVALID).contains("does not accept"));
        assert!(refusal(INTERNAL_ERROR).contains("does not accept"));
        assert!(refusal(-50).contains("error -50"));
    }
}
