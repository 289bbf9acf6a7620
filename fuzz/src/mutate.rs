//! Structure-aware inputs for the event target: a real event from the repository's fixtures
//! (`tests/fixtures/events`, the real payloads of `tests/fixtures/bad-input/real`, and Lambda
//! custom integration envelopes), then a few edits of its JSON tree chosen by libFuzzer's bytes.
//! Random bytes rarely make a JSON object with `httpMethod` and `requestContext`; edits of real
//! events reach the decoder's field-by-field reading, the extractors and the handlers.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use serde_json::{Map, Number, Value, json};

/// The base events, and the names and strings that occur in them (what edits draw from).
pub struct Fixtures {
    /// (file name relative to the repository, event), sorted by name.
    pub events: Vec<(String, Value)>,
    /// Every object key of every event, plus the field names of envelopes.
    pub keys: Vec<String>,
    /// Every string value of every event, plus a few values that decide how events are read.
    pub strings: Vec<String>,
}

/// Strings that change how an event is read, besides those the fixtures hold.
const INTERESTING: &[&str] = &[
    "",
    "lambda-custom/1",
    "1.0",
    "2.0",
    "3.0",
    "ANY",
    "$default",
    "ANY /{proxy+}",
    "GET /pets/{petId}",
    "/pets/{petId}",
    "/{proxy+}",
    "application/json",
    "application/json; charset=utf-16",
    "text/plain; charset=iso-8859-1",
    "\u{feff}{\"name\":\"Bom\"}",
    "e30",
    "e30=",
    "=",
    "%",
    "a\u{0}b",
    "a\r\nb",
    "verfügbar",
    "4294967296",
    "-1",
    "[]",
    "{\"name\":5}",
];

impl Fixtures {
    pub fn get() -> &'static Fixtures {
        static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
        FIXTURES.get_or_init(Fixtures::load)
    }

    fn load() -> Fixtures {
        let root = crate::repo_root();
        let mut events = Vec::new();
        for dir in ["tests/fixtures/events", "tests/fixtures/bad-input/real"] {
            for path in crate::files_under(&root.join(dir)) {
                if path.extension().is_none_or(|e| e != "json") {
                    continue;
                }
                let Ok(text) = std::fs::read(&path) else {
                    continue;
                };
                let Ok(event) = serde_json::from_slice::<Value>(&text) else {
                    continue;
                };
                let name = path.strip_prefix(&root).unwrap_or(&path);
                events.push((name.display().to_string(), event));
            }
        }
        events.extend(envelopes());
        let mut keys = BTreeSet::new();
        let mut strings: BTreeSet<String> = INTERESTING.iter().map(|s| s.to_string()).collect();
        for (_, event) in &events {
            collect(event, &mut keys, &mut strings);
        }
        Fixtures {
            events,
            keys: keys.into_iter().collect(),
            strings: strings.into_iter().collect(),
        }
    }
}

/// Lambda custom integration envelopes for petstore operations, as the rendered request
/// template produces them.
fn envelopes() -> Vec<(String, Value)> {
    let create = json!({
        "apigw": "lambda-custom/1",
        "operationId": "createPet",
        "httpMethod": "POST",
        "path": "/pets",
        "pathParameters": {},
        "queryStringParameters": {},
        "headers": {"content-type": "application/json"},
        "body": "{\"name\": \"Rex\", \"tag\": \"dog\"}"
    });
    let get = json!({
        "apigw": "lambda-custom/1",
        "operationId": "getPet",
        "httpMethod": "GET",
        "path": "/pets/pet-1",
        "pathParameters": {"petId": "pet-1"},
        "queryStringParameters": {"limit": "2"},
        "headers": {"If-Match": "x"},
        "payload": {"name": "Rex"}
    });
    vec![
        ("envelope/create-pet".into(), create),
        ("envelope/get-pet".into(), get),
    ]
}

fn collect(value: &Value, keys: &mut BTreeSet<String>, strings: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            strings.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, keys, strings)),
        Value::Object(map) => {
            for (k, v) in map {
                keys.insert(k.clone());
                collect(v, keys, strings);
            }
        }
        _ => {}
    }
}

/// One structure-aware input: which event, then the edits applied to it in order.
#[derive(Debug, Arbitrary)]
pub struct Mutation {
    pub fixture: u16,
    pub edits: Vec<Edit>,
}

/// At most this many edits per input: more only dilute the one that matters.
pub const MAX_EDITS: usize = 8;

/// An edit of the node numbered `at` (pre-order, modulo the node count).
#[derive(Debug, Arbitrary)]
pub enum Edit {
    /// Replace the node.
    Replace { at: u16, value: Leaf },
    /// Remove the node from its object or array.
    Remove { at: u16 },
    /// Add a member to an object (or an element to an array).
    Insert { at: u16, key: Name, value: Leaf },
    /// The same content as another JSON type: `"5"` <-> `5`, an object <-> the array of its
    /// values, `true` -> `"true"`, anything -> `null`.
    Retype { at: u16 },
    /// Copy one node over another (a header into `pathParameters`, a body into a header, ...).
    Copy { from: u16, to: u16 },
}

/// A name: one the fixtures use, or libFuzzer's own.
#[derive(Debug, Arbitrary)]
pub enum Name {
    Known(u16),
    Own(String),
}

/// A string: one the fixtures use, one repeated (sizes), or libFuzzer's own.
#[derive(Debug, Arbitrary)]
pub enum Text {
    Known(u16),
    Repeated { known: u16, times: u16 },
    Own(String),
}

/// A replacement value, two levels deep at most.
#[derive(Debug, Arbitrary)]
pub enum Leaf {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(Text),
    Array(Vec<Text>),
    Object(Vec<(Name, Text)>),
}

impl Name {
    fn value(&self, fixtures: &Fixtures) -> String {
        match self {
            Name::Known(i) => pick(&fixtures.keys, *i).to_string(),
            Name::Own(s) => s.clone(),
        }
    }
}

impl Text {
    fn value(&self, fixtures: &Fixtures) -> String {
        match self {
            Text::Known(i) => pick(&fixtures.strings, *i).to_string(),
            // Up to ~64 KiB: big enough for size handling, small enough to stay fast.
            Text::Repeated { known, times } => {
                let s = pick(&fixtures.strings, *known);
                let times = usize::from(*times % 4096);
                s.repeat(times.min(65_536 / s.len().max(1)))
            }
            Text::Own(s) => s.clone(),
        }
    }
}

impl Leaf {
    fn value(&self, fixtures: &Fixtures) -> Value {
        match self {
            Leaf::Null => Value::Null,
            Leaf::Bool(b) => Value::Bool(*b),
            Leaf::Int(i) => json!(i),
            Leaf::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Leaf::Text(t) => Value::String(t.value(fixtures)),
            Leaf::Array(items) => items
                .iter()
                .map(|t| Value::String(t.value(fixtures)))
                .collect(),
            Leaf::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.value(fixtures), Value::String(v.value(fixtures))))
                    .collect(),
            ),
        }
    }
}

fn pick(list: &[String], i: u16) -> &str {
    if list.is_empty() {
        return "";
    }
    &list[usize::from(i) % list.len()]
}

/// One step of a path from the root to a node.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every node's path, in pre-order (the root first).
fn nodes(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(path.clone());
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(item, path, out);
                    path.pop();
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    path.push(Step::Key(k.clone()));
                    walk(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

fn node<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get(k.as_str()),
        Step::Index(i) => v.get(*i),
    })
}

fn retyped(value: &Value) -> Value {
    match value {
        Value::String(s) => serde_json::from_str::<Value>(s)
            .ok()
            .filter(|v| !v.is_string())
            .unwrap_or_else(|| Value::Array(vec![value.clone()])),
        Value::Number(_) | Value::Bool(_) => Value::String(value.to_string()),
        Value::Object(map) => Value::Array(map.values().cloned().collect()),
        Value::Array(items) => Value::Object(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v.clone()))
                .collect::<Map<_, _>>(),
        ),
        Value::Null => Value::String(String::new()),
    }
}

impl Mutation {
    /// The event this input stands for.
    pub fn event(&self, fixtures: &Fixtures) -> Value {
        if fixtures.events.is_empty() {
            return Value::Null;
        }
        let (_, base) = &fixtures.events[usize::from(self.fixture) % fixtures.events.len()];
        let mut event = base.clone();
        for edit in self.edits.iter().take(MAX_EDITS) {
            apply(&mut event, edit, fixtures);
        }
        event
    }
}

fn apply(event: &mut Value, edit: &Edit, fixtures: &Fixtures) {
    let all = nodes(event);
    let at = |i: u16| &all[usize::from(i) % all.len()];
    match edit {
        Edit::Replace { at: i, value } => {
            if let Some(node) = node_mut(event, at(*i)) {
                *node = value.value(fixtures);
            }
        }
        Edit::Remove { at: i } => {
            let path = at(*i);
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match (node_mut(event, parent), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    map.shift_remove(k);
                }
                (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        Edit::Insert { at: i, key, value } => match node_mut(event, at(*i)) {
            Some(Value::Object(map)) => {
                map.insert(key.value(fixtures), value.value(fixtures));
            }
            Some(Value::Array(items)) => items.push(value.value(fixtures)),
            _ => {}
        },
        Edit::Retype { at: i } => {
            if let Some(node) = node_mut(event, at(*i)) {
                *node = retyped(node);
            }
        }
        Edit::Copy { from, to } => {
            let Some(source) = node(event, at(*from)).cloned() else {
                return;
            };
            if let Some(node) = node_mut(event, at(*to)) {
                *node = source;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_edit_gives_the_fixture() {
        let fixtures = Fixtures::get();
        let m = Mutation {
            fixture: 0,
            edits: vec![],
        };
        assert_eq!(m.event(fixtures), fixtures.events[0].1);
        assert!(fixtures.keys.iter().any(|k| k == "httpMethod"));
        assert!(fixtures.keys.iter().any(|k| k == "operationId"));
    }

    #[test]
    fn edits_change_the_tree() {
        let fixtures = Fixtures::get();
        let base = json!({"a": {"b": "5", "c": [1, 2]}});
        let mut v = base.clone();
        // Pre-order: root, a, a.b, a.c, a.c[0], a.c[1].
        apply(&mut v, &Edit::Retype { at: 2 }, fixtures);
        assert_eq!(v["a"]["b"], json!(5));
        apply(&mut v, &Edit::Remove { at: 4 }, fixtures);
        assert_eq!(v["a"]["c"], json!([2]));
        apply(&mut v, &Edit::Copy { from: 2, to: 1 }, fixtures);
        assert_eq!(v["a"], json!(5));
        let mut v = base.clone();
        apply(
            &mut v,
            &Edit::Insert {
                at: 1,
                key: Name::Own("k".into()),
                value: Leaf::Text(Text::Own("x".into())),
            },
            fixtures,
        );
        assert_eq!(v["a"]["k"], json!("x"));
    }
}
