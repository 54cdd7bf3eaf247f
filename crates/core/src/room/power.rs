//! Who may write what in a live room, decided from the room's `m.room.power_levels` content.
//!
//! The homeserver enforces power levels when an event is sent; a member checks again when it reads
//! one, so that content written before the levels changed, or by a misbehaving server, does not
//! drive its timer. The rules are the Matrix spec's: a user's level is `users[id]`, else
//! `users_default` (0); a state event type needs `events[type]`, else `state_default` (50). A room
//! without a power-levels event gives its creator 100 and everyone else 0, and requires 0. In rooms of
//! version 12 and later the creators stand above every level.

use std::collections::HashMap;

use serde_json::Value;

use super::Rejection;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PowerLevels {
    users: HashMap<String, i64>,
    users_default: i64,
    events: HashMap<String, i64>,
    state_default: i64,
    privileged: Vec<String>,
}

impl PowerLevels {
    /// From the content of the room's `m.room.power_levels` state event. Levels may be integers or,
    /// in rooms of old versions, strings of integers; a value of another type counts as absent.
    pub fn from_content(content: &Value) -> Self {
        PowerLevels {
            users: level_map(content.get("users")),
            users_default: content.get("users_default").and_then(level).unwrap_or(0),
            events: level_map(content.get("events")),
            state_default: content.get("state_default").and_then(level).unwrap_or(50),
            privileged: Vec::new(),
        }
    }

    /// A room without a power-levels event: `creator` has 100, everyone else 0, state needs 0.
    pub fn without_event(creator: &str) -> Self {
        PowerLevels {
            users: HashMap::from([(creator.to_string(), 100)]),
            users_default: 0,
            events: HashMap::new(),
            state_default: 0,
            privileged: Vec::new(),
        }
    }

    /// Room version 12 and later: the creators (the create event's sender and its
    /// `additional_creators`) have a level above every other.
    pub fn with_privileged_creators(mut self, creators: &[String]) -> Self {
        self.privileged = creators.to_vec();
        self
    }

    /// The levels of a room from its `m.room.create` event (sender and content) and its
    /// `m.room.power_levels` content, when it has one: the room's version decides whether the creators
    /// stand above every level (version 12 and later, with `additional_creators`).
    pub fn for_room(create: Option<(&str, &Value)>, power_levels: Option<&Value>) -> Self {
        let creators: Vec<String> = match create {
            Some((sender, content)) => std::iter::once(sender.to_string())
                .chain(
                    content
                        .get("additional_creators")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|c| c.as_str().map(str::to_string)),
                )
                .collect(),
            None => Vec::new(),
        };
        let version = create.and_then(|(_, c)| c.get("room_version")).and_then(Value::as_str).unwrap_or("1");
        let privileged = version.parse::<u32>().is_ok_and(|v| v >= 12);
        let levels = match (power_levels, creators.first()) {
            (Some(content), _) => PowerLevels::from_content(content),
            (None, Some(creator)) => PowerLevels::without_event(creator),
            (None, None) => PowerLevels::from_content(&Value::Null),
        };
        if privileged {
            levels.with_privileged_creators(&creators)
        } else {
            levels
        }
    }

    pub fn user_level(&self, user_id: &str) -> i64 {
        if self.privileged.iter().any(|c| c == user_id) {
            return i64::MAX;
        }
        self.users.get(user_id).copied().unwrap_or(self.users_default)
    }

    pub fn required_for_state(&self, event_type: &str) -> i64 {
        self.events.get(event_type).copied().unwrap_or(self.state_default)
    }
}

/// Whether `sender` may send state events of `event_type` in a room with `levels`.
pub fn check_sender(levels: &PowerLevels, sender: &str, event_type: &str) -> Result<(), Rejection> {
    let level = levels.user_level(sender);
    let required = levels.required_for_state(event_type);
    if level >= required {
        Ok(())
    } else {
        Err(Rejection::NotAllowed { sender: sender.into(), level, required })
    }
}

fn level(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn level_map(v: Option<&Value>) -> HashMap<String, i64> {
    let Some(Value::Object(map)) = v else { return HashMap::new() };
    map.iter().filter_map(|(k, v)| level(v).map(|l| (k.clone(), l))).collect()
}
