//! Chat exports in JSON, detected by their shape, as [`Transcript`]s:
//!
//! - generic: `{"messages": [{"from": str, "role": str?, "at": str, "text": str}]}`;
//! - Telegram Desktop "Export chat history" (JSON): `{"name", "type", "id", "messages":
//!   [{"type": "message", "date", "date_unixtime", "from", "from_id", "text": str | [str |
//!   {"type", "text"}]}]}` (service messages are left out);
//! - Salesforce Messaging `ConversationEntry` records (a SOQL export):
//!   `{"records": [{"ActorName", "ActorType", "EntryTime", "EntryType", "Message"}]}`
//!   (entries other than `Text` are events, left out).
//!
//! Speakers become roles by the export's own role field where it has one, then by the rules
//! of a `roles.toml` (names and `*` patterns per role). Each message keeps the line of the file
//! its JSON object starts on.

use super::assemble::{finish, out_of_order};
use super::roles::{role_word, RoleRules};
use crate::error::{line_col, Diagnostic, Error, Result};
use crate::model::transcript::{Message, Transcript};
use crate::time::timestamp::NaiveZone;
use chrono::{DateTime, FixedOffset, TimeZone};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Which export a JSON file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportShape {
    Generic,
    Telegram,
    Salesforce,
}

impl ExportShape {
    pub fn name(self) -> &'static str {
        match self {
            ExportShape::Generic => "generic",
            ExportShape::Telegram => "telegram",
            ExportShape::Salesforce => "salesforce",
        }
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    messages: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    records: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    name: Option<serde_json::Value>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default, rename = "type")]
    kind: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct GenericMessage {
    from: Option<String>,
    role: Option<String>,
    at: Option<String>,
    text: Option<String>,
}

#[derive(Deserialize)]
struct TelegramMessage {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    date: Option<String>,
    date_unixtime: Option<String>,
    from: Option<String>,
    #[serde(default)]
    text: serde_json::Value,
}

#[derive(Deserialize)]
#[allow(non_snake_case)]
struct SalesforceEntry {
    ActorName: Option<String>,
    ActorType: Option<String>,
    EntryTime: Option<String>,
    EntryType: Option<String>,
    Message: Option<String>,
}

/// One message as read: speaker, the export's role word, time, text.
type Speech = (String, Option<String>, DateTime<FixedOffset>, String);

/// Telegram's `text`: a string, or a list of strings and `{"type", "text"}` segments.
fn telegram_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(parts) => parts
            .iter()
            .map(|p| match p {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Object(o) => {
                    o.get("text").and_then(|t| t.as_str()).unwrap_or("").to_string()
                }
                _ => String::new(),
            })
            .collect(),
        _ => String::new(),
    }
}

/// Parses a JSON chat export. Every message that cannot be read is reported with its line;
/// speakers no rule places are listed together.
pub fn parse(
    src: &str,
    file: &str,
    vendor: &str,
    rules: &RoleRules,
    zone: NaiveZone,
) -> Result<(Transcript, Vec<Diagnostic>, ExportShape)> {
    let body = src.trim_start_matches('\u{feff}');
    let offset_of = |raw: &RawValue| raw.get().as_ptr() as usize - body.as_ptr() as usize;
    let line_of = |raw: &RawValue| line_col(body, offset_of(raw)).0;
    let env: Envelope = serde_json::from_str(body).map_err(|e| {
        Error::invalid(Diagnostic::at(
            file,
            e.line(),
            e.column(),
            format!(
                "cannot read the JSON: {e}; expected a chat export ({{\"messages\": [...]}}, a Telegram export or Salesforce ConversationEntry records)"
            ),
        ))
    })?;
    let shape = match (&env.messages, &env.records) {
        (_, Some(_)) => ExportShape::Salesforce,
        (Some(_), _) if env.name.is_some() && env.id.is_some() && env.kind.is_some() => ExportShape::Telegram,
        (Some(_), _) => ExportShape::Generic,
        (None, None) => {
            return Err(Error::invalid(Diagnostic::new(
                file,
                Some(1),
                "no \"messages\" or \"records\" array: expected {\"messages\": [{\"from\", \"role\", \"at\", \"text\"}]}, a Telegram export or Salesforce ConversationEntry records",
            )))
        }
    };
    let items = env.records.or(env.messages).unwrap_or_default();
    let mut parser = zone.parser(None);
    let mut messages = Vec::new();
    let mut errors = Vec::new();
    let mut unknown: Vec<(String, usize)> = Vec::new();
    let mut warnings = Vec::new();
    for raw in items {
        let line = line_of(raw);
        let bad = |m: String| Diagnostic::at(file, line, line_col(body, offset_of(raw)).1, m);
        // (speaker, role word, time, text), or None for an event to leave out.
        let fields: std::result::Result<Option<Speech>, String> = match shape {
            ExportShape::Generic => serde_json::from_str::<GenericMessage>(raw.get())
                .map_err(|e| format!("expected {{\"from\", \"role\", \"at\", \"text\"}}: {e}"))
                .and_then(|m| {
                    let at = m.at.ok_or("no \"at\" timestamp")?;
                    let t = parser.parse(&at)?;
                    Ok(Some((
                        m.from.unwrap_or_default(),
                        m.role,
                        epoch_to_time(t),
                        m.text.unwrap_or_default(),
                    )))
                }),
            ExportShape::Telegram => serde_json::from_str::<TelegramMessage>(raw.get())
                .map_err(|e| format!("expected a Telegram message: {e}"))
                .and_then(|m| {
                    if m.kind.as_deref() != Some("message") {
                        return Ok(None);
                    }
                    let t = match (&m.date_unixtime, &m.date) {
                        (Some(u), _) => u
                            .parse::<i64>()
                            .map_err(|_| format!("date_unixtime '{u}' is not a number"))?,
                        (None, Some(d)) => parser.parse(d)?,
                        (None, None) => return Err("no date".into()),
                    };
                    Ok(Some((
                        m.from.unwrap_or_default(),
                        None,
                        epoch_to_time(t),
                        telegram_text(&m.text),
                    )))
                }),
            ExportShape::Salesforce => serde_json::from_str::<SalesforceEntry>(raw.get())
                .map_err(|e| format!("expected a ConversationEntry record: {e}"))
                .and_then(|m| {
                    if m.EntryType
                        .as_deref()
                        .is_some_and(|t| !t.eq_ignore_ascii_case("text"))
                    {
                        return Ok(None);
                    }
                    let at = m.EntryTime.ok_or("no EntryTime")?;
                    let t = parser.parse(&at)?;
                    Ok(Some((
                        m.ActorName.unwrap_or_default(),
                        m.ActorType,
                        epoch_to_time(t),
                        m.Message.unwrap_or_default(),
                    )))
                }),
        };
        let (speaker, role_field, at, text) = match fields {
            Ok(Some(f)) => f,
            Ok(None) => continue,
            Err(m) => {
                errors.push(bad(m));
                continue;
            }
        };
        let role = rules
            .role_of(&speaker)
            .or_else(|| role_field.as_deref().and_then(role_word));
        let Some(role) = role else {
            match unknown.iter_mut().find(|(s, _)| *s == speaker) {
                Some(_) => {}
                None => unknown.push((speaker, line)),
            }
            continue;
        };
        warnings.extend(out_of_order(file, messages.last(), at, line));
        messages.push(Message {
            line,
            at,
            role,
            name: (!speaker.is_empty()).then_some(speaker),
            text,
        });
    }
    for (speaker, line) in &unknown {
        errors.push(Diagnostic::new(
            file,
            Some(*line),
            format!(
                "speaker '{speaker}' has no role: name it in roles.toml (evaluator = [...], agent = [...], bot = [...], system = [...])"
            ),
        ));
    }
    let (t, warnings) = finish(file, vendor, messages, errors, warnings)?;
    Ok((t, warnings, shape))
}

fn epoch_to_time(t: i64) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .and_then(|z| z.timestamp_opt(t, 0).single())
        .unwrap_or_else(|| DateTime::<FixedOffset>::from(DateTime::UNIX_EPOCH))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::transcript::Role;

    fn rules() -> RoleRules {
        RoleRules::parse(
            "evaluator = [\"Alice Chen\"]\nagent = [\"*客服*\"]\nbot = [\"*Bot\"]\n",
            "roles.toml",
        )
        .unwrap()
    }

    #[test]
    fn generic_export_with_lines_and_roles() {
        let src = "{\"messages\": [\n  {\"from\": \"Alice Chen\", \"at\": \"2026-10-14T09:00:00+08:00\", \"text\": \"弱网怎么办?\"},\n  {\"from\": \"小林\", \"role\": \"agent\", \"at\": \"2026-10-14T09:02:00+08:00\", \"text\": \"码率自适应\"}\n]}\n";
        let (t, w, shape) = parse(src, "c.json", "v", &rules(), NaiveZone::default()).unwrap();
        assert_eq!(shape, ExportShape::Generic);
        assert!(w.is_empty());
        let got: Vec<_> = t
            .messages
            .iter()
            .map(|m| (m.line, m.role, m.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, Role::Evaluator, "弱网怎么办?"),
                (3, Role::Agent, "码率自适应")
            ]
        );
        assert_eq!((t.messages[1].at - t.messages[0].at).num_seconds(), 120);
    }

    #[test]
    fn telegram_export_segments_and_service_messages() {
        let src = r#"{
 "name": "Vendor support",
 "type": "personal_chat",
 "id": 42,
 "messages": [
  {"id": 1, "type": "service", "date": "2026-10-14T09:00:00", "date_unixtime": "1791939600", "actor": "x", "action": "phone_call"},
  {"id": 2, "type": "message", "date": "2026-10-14T09:00:00", "date_unixtime": "1791939600", "from": "Alice Chen", "from_id": "user1", "text": "How fast is push?"},
  {"id": 3, "type": "message", "date": "2026-10-14T09:01:30", "date_unixtime": "1791939690", "from": "Lumen 客服 Amy", "from_id": "user2", "text": ["See ", {"type": "link", "text": "https://docs.example.com/push"}, " for p99 figures"]}
 ]
}"#;
        let (t, _, shape) = parse(src, "tg.json", "v", &rules(), NaiveZone::default()).unwrap();
        assert_eq!(shape, ExportShape::Telegram);
        assert_eq!(t.messages.len(), 2);
        assert_eq!(t.messages[1].role, Role::Agent);
        assert_eq!(t.messages[1].line, 8);
        assert_eq!(
            t.messages[1].text,
            "See https://docs.example.com/push for p99 figures"
        );
        assert_eq!((t.messages[1].at - t.messages[0].at).num_seconds(), 90);
    }

    #[test]
    fn salesforce_conversation_entries() {
        let src = r#"{"totalSize": 3, "done": true, "records": [
{"attributes": {"type": "ConversationEntry"}, "ActorName": "Visitor", "ActorType": "EndUser", "EntryTime": "2026-10-14T01:00:00.000+0000", "EntryType": "Text", "Message": "Do you have webhooks?"},
{"attributes": {"type": "ConversationEntry"}, "ActorName": "Routing", "ActorType": "System", "EntryTime": "2026-10-14T01:00:05.000+0000", "EntryType": "BotEscalated", "Message": null},
{"attributes": {"type": "ConversationEntry"}, "ActorName": "Sam", "ActorType": "Agent", "EntryTime": "2026-10-14T01:03:00.000+0000", "EntryType": "Text", "Message": "Yes: callbacks on every message."}
]}"#;
        let (t, _, shape) = parse(src, "sf.json", "v", &RoleRules::default(), NaiveZone::default()).unwrap();
        assert_eq!(shape, ExportShape::Salesforce);
        let got: Vec<_> = t.messages.iter().map(|m| (m.line, m.role)).collect();
        assert_eq!(got, vec![(2, Role::Evaluator), (4, Role::Agent)]);
    }

    #[test]
    fn unknown_speakers_and_bad_messages_are_named() {
        let src = "{\"messages\": [\n{\"from\": \"Zed\", \"at\": \"2026-10-14T09:00:00+08:00\", \"text\": \"hi\"},\n{\"from\": \"Alice Chen\", \"at\": \"yesterday\", \"text\": \"x\"}\n]}";
        let e = parse(src, "c.json", "v", &rules(), NaiveZone::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("c.json:2") && e.contains("speaker 'Zed' has no role"),
            "{e}"
        );
        assert!(e.contains("c.json:3:1") && e.contains("yesterday"), "{e}");
        let e = parse(
            "{\"messages\": [1,",
            "c.json",
            "v",
            &rules(),
            NaiveZone::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("c.json:1:"), "{e}");
        assert!(parse("{\"other\": []}", "c.json", "v", &rules(), NaiveZone::default()).is_err());
    }
}
