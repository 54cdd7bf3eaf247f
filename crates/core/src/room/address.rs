//! What a room address is: an alias (`#cafe:example.org`) or a room id (`!abc:example.org`), as a user
//! types it, a `stint://room` link carries it, or a pack names a call's room. One rule for all three,
//! so a pack cannot tie a call to an address the Now view would refuse.

/// The longest address Matrix allows (the spec's limit for room ids and aliases).
pub const MAX_ROOM_ADDRESS_BYTES: usize = 255;

/// The address trimmed, when it is shaped like an alias or a room id: `#` or `!`, a local part, `:`,
/// a server name, at most 255 bytes, no spaces or control characters. `None` otherwise.
pub fn room_address(address: &str) -> Option<String> {
    let address = address.trim();
    let (local, server) = address.get(1..)?.split_once(':')?;
    let shaped = (address.starts_with('#') || address.starts_with('!'))
        && !local.is_empty()
        && !server.is_empty()
        && address.len() <= MAX_ROOM_ADDRESS_BYTES
        && !address.chars().any(|c| c.is_whitespace() || c.is_control());
    shaped.then(|| address.to_string())
}

#[cfg(test)]
mod tests {
    use super::room_address;

    #[test]
    fn aliases_and_room_ids_are_addresses_and_nothing_else_is() {
        assert_eq!(room_address("  #cafe:example.org "), Some("#cafe:example.org".into()));
        assert_eq!(room_address("!abc:example.org"), Some("!abc:example.org".into()));
        assert_eq!(room_address("#cafe:localhost:8448"), Some("#cafe:localhost:8448".into()));
        for bad in
            ["", "cafe", "#cafe", "#:example.org", "#cafe:", "@ada:example.org", "#ca fe:example.org", "#a\u{7}b:c"]
        {
            assert_eq!(room_address(bad), None, "{bad:?}");
        }
        assert_eq!(room_address(&format!("#{}:example.org", "a".repeat(250))), None, "longer than 255 bytes");
    }
}
