//! Packs waiting for the user's confirmation: a `stint://import` link, a dropped file or the Calls
//! view's import is held here — its bytes, read once, not a path the webview could send back — under
//! an id until the user confirms or cancels it. Managed from the builder, before `setup`, so a link
//! that arrives while Stint is still starting (a cold start through the link, a second launch) is
//! held, not lost, and shown when the UI asks for pending imports.

use std::sync::Mutex;

use stint_core::pack::{PackPreview, PackSource};
use stint_core::{Error, Result};

/// How many packs may wait at once: a page that opens links in a loop cannot fill the memory.
pub const MAX_PENDING: usize = 8;

/// One held pack.
#[derive(Debug, Clone)]
pub struct PendingPack {
    pub id: u32,
    pub bytes: Vec<u8>,
    pub source: PackSource,
    /// The preview the UI was last given: what the user confirms.
    pub shown: Option<PackPreview>,
}

#[derive(Default)]
struct Held {
    last_id: u32,
    packs: Vec<PendingPack>,
}

/// The held packs, oldest first.
#[derive(Default)]
pub struct PendingPacks(Mutex<Held>);

impl PendingPacks {
    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Holds a pack; the same bytes from the same source are held once (their id is returned).
    /// Refused when `MAX_PENDING` packs wait already.
    pub fn hold(&self, bytes: Vec<u8>, source: PackSource) -> Result<u32> {
        let mut held = self.held();
        if let Some(same) = held.packs.iter().find(|p| p.bytes == bytes && p.source == source) {
            return Ok(same.id);
        }
        if held.packs.len() >= MAX_PENDING {
            return Err(Error::Conflict(
                stint_core::i18n::Msg::new("error_pack_too_many_pending").count("max", MAX_PENDING as u64),
            ));
        }
        held.last_id = held.last_id.wrapping_add(1).max(1);
        let id = held.last_id;
        held.packs.push(PendingPack { id, bytes, source, shown: None });
        Ok(id)
    }

    /// Every held pack, oldest first.
    pub fn all(&self) -> Vec<PendingPack> {
        self.held().packs.clone()
    }

    /// The held pack `id`.
    pub fn get(&self, id: u32) -> Result<PendingPack> {
        self.held().packs.iter().find(|p| p.id == id).cloned().ok_or_else(gone)
    }

    /// Remembers what the UI was shown of pack `id`.
    pub fn set_shown(&self, id: u32, preview: PackPreview) {
        if let Some(pack) = self.held().packs.iter_mut().find(|p| p.id == id) {
            pack.shown = Some(preview);
        }
    }

    /// Lets pack `id` go; `not_found` if it is not held.
    pub fn release(&self, id: u32) -> Result<()> {
        let mut held = self.held();
        let before = held.packs.len();
        held.packs.retain(|p| p.id != id);
        if held.packs.len() == before {
            return Err(gone());
        }
        Ok(())
    }
}

/// Says the pack is no longer waiting for confirmation, and to open it again.
fn gone() -> Error {
    Error::NotFound(stint_core::Thing::PendingPack)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_are_held_once_each_in_order_and_released_by_id() {
        let pending = PendingPacks::default();
        let a = pending.hold(b"a".to_vec(), PackSource::file("a.stint.json")).unwrap();
        let b = pending.hold(b"b".to_vec(), PackSource::link("b.stint.json")).unwrap();
        assert_ne!(a, b);
        assert_eq!(pending.hold(b"a".to_vec(), PackSource::file("a.stint.json")).unwrap(), a, "held once");
        let ids: Vec<u32> = pending.all().iter().map(|p| p.id).collect();
        assert_eq!(ids, [a, b]);
        assert_eq!(pending.get(b).unwrap().bytes, b"b");
        pending.release(a).unwrap();
        assert!(matches!(pending.release(a), Err(Error::NotFound(_))));
        assert!(matches!(pending.get(a), Err(Error::NotFound(_))));
        assert_eq!(pending.all().len(), 1);
    }

    #[test]
    fn at_most_eight_packs_wait_and_the_ninth_is_refused_with_a_sentence() {
        let pending = PendingPacks::default();
        for i in 0..MAX_PENDING {
            pending.hold(vec![i as u8], PackSource::file("x.stint.json")).unwrap();
        }
        let e = pending.hold(vec![99], PackSource::file("x.stint.json")).unwrap_err();
        assert!(e.to_string().contains("already waiting"), "{e}");
        assert_eq!(pending.all().len(), MAX_PENDING, "the held ones are kept");
    }
}
