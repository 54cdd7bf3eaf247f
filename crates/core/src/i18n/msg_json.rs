//! A message kept for later as JSON (its key and arguments, not its text), so that what was stored
//! in one language is said in whichever language is in effect when it is read: a calendar
//! subscription's last failure is such a message. `{"key": "…", "args": [["name", {"text": "…"}], …]}`;
//! an argument is `{"text"}`, `{"count"}`, `{"length"}` (seconds), `{"date"}` ("2027-01-05"),
//! `{"date_time"}` ("2027-01-05T14:05:00"), `{"said"}` (a message) or `{"list"}` (messages).
//! Reading is bounded: nesting and list length are capped, and anything else is `None`.

use std::borrow::Cow;

use serde_json::{json, Map, Value};

use super::{Msg, MsgArg};

/// The deepest message-in-a-message read back.
const MAX_DEPTH: usize = 4;
/// The most arguments, and the most messages in a list, read back.
const MAX_ITEMS: usize = 32;

impl Msg {
    /// The message as JSON, to be stored and read back by [`Msg::from_json`].
    pub fn to_json(&self) -> Value {
        let args: Vec<Value> = self.args.iter().map(|(name, arg)| json!([name, arg_json(arg)])).collect();
        json!({ "key": self.key, "args": args })
    }

    /// The message stored by [`Msg::to_json`]; `None` for anything that is not one.
    pub fn from_json(value: &Value) -> Option<Msg> {
        read(value, 0)
    }
}

fn arg_json(arg: &MsgArg) -> Value {
    match arg {
        MsgArg::Text(text) => json!({ "text": text }),
        MsgArg::Count(n) => json!({ "count": n }),
        MsgArg::Length(seconds) => json!({ "length": seconds }),
        MsgArg::Date(date) => json!({ "date": date.to_string() }),
        MsgArg::DateTime(at) => json!({ "date_time": at.format("%Y-%m-%dT%H:%M:%S").to_string() }),
        MsgArg::Said(inner) => json!({ "said": inner.to_json() }),
        MsgArg::List(items) => json!({ "list": items.iter().map(Msg::to_json).collect::<Vec<_>>() }),
    }
}

fn read(value: &Value, depth: usize) -> Option<Msg> {
    if depth > MAX_DEPTH {
        return None;
    }
    let key = value.get("key")?.as_str()?;
    let args = value.get("args")?.as_array()?;
    if key.is_empty() || args.len() > MAX_ITEMS {
        return None;
    }
    let args = args
        .iter()
        .map(|pair| {
            let [name, arg] = pair.as_array()?.as_slice() else { return None };
            Some((Cow::Owned(name.as_str()?.to_string()), read_arg(arg.as_object()?, depth)?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Msg { key: Cow::Owned(key.to_string()), args })
}

fn read_arg(arg: &Map<String, Value>, depth: usize) -> Option<MsgArg> {
    let (kind, value) = arg.iter().next().filter(|_| arg.len() == 1)?;
    Some(match kind.as_str() {
        "text" => MsgArg::Text(value.as_str()?.to_string()),
        "count" => MsgArg::Count(value.as_u64()?),
        "length" => MsgArg::Length(value.as_u64()?),
        "date" => MsgArg::Date(value.as_str()?.parse().ok()?),
        "date_time" => MsgArg::DateTime(value.as_str()?.parse().ok()?),
        "said" => MsgArg::Said(Box::new(read(value, depth + 1)?)),
        "list" => {
            let items = value.as_array().filter(|items| items.len() <= MAX_ITEMS)?;
            MsgArg::List(items.iter().map(|item| read(item, depth + 1)).collect::<Option<_>>()?)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_stored_message_is_said_in_the_language_in_effect_when_read() {
        let msg = Msg::new("error_subscription_failed")
            .said("reason", Msg::new("error_subscription_timeout").text("host", "example.org").length("time", 20))
            .list("places", vec![Msg::new("error_place_line").count("n", 3)])
            .length("length", 90)
            .date("day", chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
            .date_time("at", chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(14, 5, 0).unwrap());
        let back = Msg::from_json(&serde_json::from_str(&msg.to_json().to_string()).unwrap()).unwrap();
        assert_eq!(back.to_json(), msg.to_json());
        for lang in Lang::ALL {
            assert_eq!(back.render(lang), msg.render(lang));
        }
        assert!(
            back.render(Lang::De).starts_with("example.org hat den Kalender nicht innerhalb von 20 Sek. gesendet."),
            "{}",
            back.render(Lang::De)
        );
    }

    #[test]
    fn anything_else_is_not_a_message() {
        for bad in [
            json!("A sentence stored before messages were kept as keys."),
            json!({"key": "x"}),
            json!({"key": "", "args": []}),
            json!({"key": "x", "args": [["n", {"count": -1}]]}),
            json!({"key": "x", "args": [["n", {"text": "a", "count": 1}]]}),
            json!({"key": "x", "args": [["n", {"colour": "red"}]]}),
            json!({"key": "x", "args": [["d", {"date": "5 Jan 2027"}]]}),
            json!({"key": "x", "args": [["d", {"date_time": 20270105}]]}),
        ] {
            assert_eq!(Msg::from_json(&bad), None, "{bad}");
        }
        let mut deep = json!({"key": "x", "args": []});
        for _ in 0..10 {
            deep = json!({"key": "x", "args": [["inner", {"said": deep}]]});
        }
        assert_eq!(Msg::from_json(&deep), None, "nesting is capped");
    }
}
