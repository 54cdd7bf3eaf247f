//! The runner's view of the store.

use chrono::{DateTime, Utc};
use stint_core::session_view::SessionView;
use stint_core::timeline::{Event, PhaseRecord, Timeline};
use stint_core::Result;

use crate::runner::{SessionId, Sessions};
use crate::state::SharedStore;

pub struct StoreSessions(pub SharedStore);

impl Sessions for StoreSessions {
    type View = SessionView;

    fn active(&self) -> Result<Option<(SessionId, Timeline)>> {
        Ok(self.0.lock().active_session()?.map(|session| (session.id, session.timeline)))
    }

    fn append(&self, id: SessionId, event: Event) -> Result<()> {
        self.0.lock().append_event(id, event).map(drop)
    }

    fn record_phases(
        &self,
        id: SessionId,
        now: DateTime<Utc>,
        slept: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<Vec<PhaseRecord>> {
        self.0.lock().record_phases(id, now, slept)
    }

    fn view(&self, id: SessionId, now: DateTime<Utc>) -> Result<SessionView> {
        self.0.lock().session_view(id, now)
    }
}
