//! The bad-input catalogue (`tests/fixtures/bad-input/cases.json`; its README explains the format
//! and the provenance of every event) through the real petstore binary over the Lambda Runtime
//! API, and two process-level checks: the function never exits, and its memory stays flat over a
//! long run of bad events.

use std::collections::BTreeMap;
use std::path::PathBuf;

use apigw_tests::{InvocationResult, Outcome, RuntimeApi, binaries};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value, json};

/// The response format a case expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Format {
    RestV1,
    HttpV1,
    HttpV2,
    Alb,
    AlbMulti,
    Websocket,
    /// A Lambda custom integration result: the handler's JSON body as is.
    Envelope,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    base: Option<String>,
    #[serde(default, deserialize_with = "keep_null")]
    payload: Option<Value>,
    raw: Option<Value>,
    format: Option<Format>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    set: Map<String, Value>,
    #[serde(default)]
    header: Map<String, Value>,
    #[serde(default)]
    query: Map<String, Value>,
    body: Option<Value>,
    body_base64: Option<Value>,
    many_headers: Option<Many>,
    many_query: Option<Many>,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Many {
    prefix: String,
    count: usize,
    value: String,
    #[serde(default)]
    same: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    status: Option<u64>,
    message: Option<String>,
    lambda_error: Option<String>,
    body: Option<Value>,
}

/// `"payload": null` is a payload (the JSON `null`), not an absent one.
fn keep_null<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl Case {
    fn kind(&self) -> &str {
        self.name.split('/').next().unwrap_or_default()
    }

    /// What the answer must look like; `None`: a Lambda error.
    fn format(&self) -> Option<Format> {
        if self.expect.lambda_error.is_some() {
            return None;
        }
        self.format.or_else(|| {
            let base = self.base.as_deref()?;
            [
                ("rest-v1/", Format::RestV1),
                ("http-v1/", Format::HttpV1),
                ("http-v2/", Format::HttpV2),
            ]
            .into_iter()
            .find_map(|(prefix, format)| base.starts_with(prefix).then_some(format))
        })
    }

    /// The event's bytes.
    fn event(&self) -> Vec<u8> {
        if let Some(raw) = &self.raw {
            return text(raw).into_bytes();
        }
        let mut event = match (&self.base, &self.payload) {
            (Some(base), None) => {
                let path = match base.strip_prefix("real/") {
                    Some(real) => fixtures().join("bad-input/real").join(real),
                    None => fixtures().join("events/derived").join(base),
                }
                .with_extension("json");
                let bytes = std::fs::read(&path)
                    .unwrap_or_else(|e| panic!("{}: {}: {e}", self.name, path.display()));
                serde_json::from_slice(&bytes).expect("fixture is JSON")
            }
            (None, Some(payload)) => payload.clone(),
            _ => panic!("{}: give exactly one of base, payload, raw", self.name),
        };
        // The event's own format decides how it carries headers and the query.
        let v2 = event.get("version").and_then(Value::as_str) == Some("2.0");
        for pointer in &self.remove {
            remove(&mut event, pointer);
        }
        for (name, value) in &self.header {
            set_header(&mut event, v2, name, value.as_str().map(String::from));
        }
        let query: Vec<(String, Option<Vec<String>>)> = self
            .query
            .iter()
            .map(|(name, value)| {
                let values = match value {
                    Value::Null => None,
                    Value::Array(items) => Some(items.iter().map(text).collect()),
                    one => Some(vec![text(one)]),
                };
                (name.clone(), values)
            })
            .collect();
        set_query(&mut event, v2, &query);
        for (pointer, value) in &self.set {
            set(&mut event, pointer, materialize(value));
        }
        if let Some(body) = &self.body {
            event["body"] = Value::String(text(body));
            event["isBase64Encoded"] = json!(false);
        }
        if let Some(body) = &self.body_base64 {
            event["body"] = Value::String(text(body));
            event["isBase64Encoded"] = json!(true);
        }
        if let Some(many) = &self.many_headers {
            for i in 0..many.count {
                let name = many.name(i);
                if v2 {
                    event["headers"][name.to_ascii_lowercase()] = json!(many.value);
                } else {
                    event["headers"][&name] = json!(many.value);
                    let values = event["multiValueHeaders"]
                        .as_object_mut()
                        .expect("multiValueHeaders")
                        .entry(name)
                        .or_insert_with(|| json!([]));
                    values
                        .as_array_mut()
                        .expect("array")
                        .push(json!(many.value));
                }
            }
        }
        if let Some(many) = &self.many_query {
            let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for i in 0..many.count {
                values
                    .entry(many.name(i))
                    .or_default()
                    .push(many.value.clone());
            }
            let query: Vec<_> = values.into_iter().map(|(n, v)| (n, Some(v))).collect();
            set_query(&mut event, v2, &query);
        }
        event.to_string().into_bytes()
    }
}

impl Many {
    fn name(&self, i: usize) -> String {
        if self.same {
            self.prefix.clone()
        } else {
            format!("{}{i}", self.prefix)
        }
    }
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn catalogue() -> Vec<Case> {
    let path = fixtures().join("bad-input/cases.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A text value: a string, or a generator (`$repeat`, `$concat`, `$base64`).
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(o) if o.contains_key("$repeat") => {
            let times = o["times"].as_u64().expect("times") as usize;
            text(&o["$repeat"]).repeat(times)
        }
        Value::Object(o) if o.contains_key("$concat") => o["$concat"]
            .as_array()
            .expect("$concat takes an array")
            .iter()
            .map(text)
            .collect(),
        Value::Object(o) if o.contains_key("$base64") => STANDARD.encode(text(&o["$base64"])),
        other => panic!("not a text value: {other}"),
    }
}

/// `value` with its generators expanded.
fn materialize(value: &Value) -> Value {
    match value {
        Value::Object(o) if o.keys().any(|k| k.starts_with('$')) => Value::String(text(value)),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), materialize(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(materialize).collect()),
        other => other.clone(),
    }
}

fn tokens(pointer: &str) -> Vec<String> {
    pointer
        .strip_prefix('/')
        .unwrap_or_else(|| panic!("a JSON pointer starts with /: {pointer}"))
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Sets `pointer` (creating missing or `null` parent objects).
fn set(event: &mut Value, pointer: &str, value: Value) {
    let tokens = tokens(pointer);
    let (last, parents) = tokens.split_last().expect("a non-empty pointer");
    let mut at = event;
    for token in parents {
        if !at[token.as_str()].is_object() {
            at[token.as_str()] = json!({});
        }
        at = &mut at[token.as_str()];
    }
    match at {
        Value::Object(o) => {
            o.insert(last.clone(), value);
        }
        other => panic!("cannot set {pointer} in {other}"),
    }
}

fn remove(event: &mut Value, pointer: &str) {
    let tokens = tokens(pointer);
    let (last, parents) = tokens.split_last().expect("a non-empty pointer");
    let mut at = event;
    for token in parents {
        at = &mut at[token.as_str()];
    }
    if let Value::Object(o) = at {
        o.remove(last);
    }
}

fn object<'a>(event: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    if !event[key].is_object() {
        event[key] = json!({});
    }
    event[key].as_object_mut().expect("an object")
}

/// Sets a header the way the format carries it (`None` removes it).
fn set_header(event: &mut Value, v2: bool, name: &str, value: Option<String>) {
    let maps: &[&str] = if v2 {
        &["headers"]
    } else {
        &["headers", "multiValueHeaders"]
    };
    for key in maps {
        let map = object(event, key);
        map.retain(|k, _| !k.eq_ignore_ascii_case(name));
        if let Some(v) = &value {
            if v2 {
                map.insert(name.to_ascii_lowercase(), json!(v));
            } else if *key == "multiValueHeaders" {
                map.insert(name.into(), json!([v]));
            } else {
                map.insert(name.into(), json!(v));
            }
        }
    }
}

/// Percent-encodes everything but the unreserved characters.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Sets query parameters the way the format carries them (`None` removes one).
fn set_query(event: &mut Value, v2: bool, query: &[(String, Option<Vec<String>>)]) {
    if query.is_empty() {
        return;
    }
    if v2 {
        let raw = event["rawQueryString"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let replaced: Vec<String> = query.iter().map(|(name, _)| encode(name)).collect();
        let mut pairs: Vec<String> = raw
            .split('&')
            .filter(|p| {
                !p.is_empty()
                    && !replaced
                        .iter()
                        .any(|name| p.split('=').next() == Some(name.as_str()))
            })
            .map(String::from)
            .collect();
        let single = object(event, "queryStringParameters");
        for (name, values) in query {
            single.remove(name);
            if let Some(values) = values {
                single.insert(name.clone(), json!(values.join(",")));
                let name = encode(name);
                pairs.extend(values.iter().map(|v| format!("{name}={}", encode(v))));
            }
        }
        event["rawQueryString"] = json!(pairs.join("&"));
    } else {
        for key in ["queryStringParameters", "multiValueQueryStringParameters"] {
            let map = object(event, key);
            for (name, values) in query {
                map.remove(name);
                if let Some(values) = values {
                    let value = match key {
                        "queryStringParameters" => json!(values.last()),
                        _ => json!(values),
                    };
                    map.insert(name.clone(), value);
                }
            }
        }
    }
}

/// What no client-visible text may contain: Rust type names and source paths.
const RUST_TEXT: &[&str] = &[
    "struct ",
    "::",
    "alloc",
    "core::",
    "std::",
    "Box<",
    "Option<",
    "Vec<",
    "NewPet",
    "PetStatus",
    "ListQuery",
    "Pet {",
    "variant identifier",
    "field identifier",
    ".rs",
    "/src/",
];

const RUST_WORDS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64",
];

fn rust_in(text: &str) -> Option<String> {
    if let Some(found) = RUST_TEXT.iter().find(|t| text.contains(*t)) {
        return Some(found.to_string());
    }
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| RUST_WORDS.contains(w))
        .map(String::from)
}

/// The Lambda error types apigw documents.
fn ours(error_type: &str) -> bool {
    [
        "InvalidEvent",
        "InvalidEnvelope",
        "UnknownOperation",
        "HandlerPanic",
    ]
    .contains(&error_type)
        || error_type
            .strip_prefix("HttpStatus")
            .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `expected` is a subset of `actual` (objects key by key, anything else equal).
fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| contains(av, v))),
        _ => actual == expected,
    }
}

/// One decoded proxy response.
struct Reply {
    status: u64,
    /// Lower-case names; several values joined with `, `.
    headers: BTreeMap<String, String>,
    body: String,
}

/// Checks the response object against its format's rules and decodes it.
fn decode(raw: &Value, format: Format) -> Result<Reply, String> {
    let obj = raw.as_object().ok_or("the response is not a JSON object")?;
    let allowed: &[&str] = match format {
        Format::RestV1 | Format::HttpV1 | Format::Websocket => &[
            "statusCode",
            "headers",
            "multiValueHeaders",
            "body",
            "isBase64Encoded",
        ],
        Format::HttpV2 => &[
            "statusCode",
            "headers",
            "cookies",
            "body",
            "isBase64Encoded",
        ],
        Format::Alb => &[
            "statusCode",
            "statusDescription",
            "headers",
            "body",
            "isBase64Encoded",
        ],
        Format::AlbMulti => &[
            "statusCode",
            "statusDescription",
            "multiValueHeaders",
            "body",
            "isBase64Encoded",
        ],
        Format::Envelope => unreachable!("an envelope result is not a proxy response"),
    };
    if let Some(extra) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "key `{extra}` is not in the {format:?} response format"
        ));
    }
    let status = obj
        .get("statusCode")
        .and_then(Value::as_u64)
        .ok_or("statusCode is not a number")?;
    let mut headers = BTreeMap::new();
    if let Some(single) = obj.get("headers") {
        for (name, value) in single.as_object().ok_or("headers is not an object")? {
            let value = value.as_str().ok_or("a header value is not a string")?;
            headers.insert(name.to_ascii_lowercase(), value.to_string());
        }
    }
    if let Some(multi) = obj.get("multiValueHeaders") {
        for (name, values) in multi
            .as_object()
            .ok_or("multiValueHeaders is not an object")?
        {
            let values: Vec<&str> = values
                .as_array()
                .ok_or("multiValueHeaders values are not arrays")?
                .iter()
                .map(|v| {
                    v.as_str()
                        .ok_or("a multi-value header value is not a string")
                })
                .collect::<Result<_, _>>()?;
            if headers
                .insert(name.to_ascii_lowercase(), values.join(", "))
                .is_some()
            {
                return Err(format!(
                    "`{name}` is in headers and multiValueHeaders: API Gateway would send it twice"
                ));
            }
        }
    }
    match format {
        Format::HttpV2 => {
            let cookies = obj
                .get("cookies")
                .and_then(Value::as_array)
                .ok_or("cookies is not an array")?;
            if !cookies.iter().all(Value::is_string) {
                return Err("a cookie is not a string".into());
            }
        }
        Format::Alb | Format::AlbMulti => {
            let description = obj
                .get("statusDescription")
                .and_then(Value::as_str)
                .ok_or("no statusDescription")?;
            if !description.starts_with(&status.to_string()) {
                return Err(format!("statusDescription `{description}` for {status}"));
            }
            let key = if format == Format::Alb {
                "headers"
            } else {
                "multiValueHeaders"
            };
            if !obj.contains_key(key) {
                return Err(format!("no `{key}`"));
            }
        }
        _ => {}
    }
    let base64 = obj
        .get("isBase64Encoded")
        .and_then(Value::as_bool)
        .ok_or("isBase64Encoded is not a boolean")?;
    let body = match obj.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if base64 => {
            let bytes = STANDARD.decode(s).map_err(|e| e.to_string())?;
            String::from_utf8(bytes).map_err(|_| "the body is not UTF-8")?
        }
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("body is not a string".into()),
    };
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// Every check of one case; `Err` says what is wrong.
fn verify(case: &Case, result: &InvocationResult) -> Result<(), String> {
    let expect = &case.expect;
    match (&result.outcome, case.format()) {
        (Outcome::Error { body, .. }, None) => {
            // lambda_runtime sends `unhandled` in the header; the body has the error's type.
            let text = String::from_utf8_lossy(body);
            let error: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            let error_type = error["errorType"].as_str().unwrap_or_default();
            if !ours(error_type) {
                return Err(format!(
                    "errorType `{error_type}` is not one of apigw's: {text}"
                ));
            }
            if Some(error_type) != expect.lambda_error.as_deref() {
                return Err(format!("errorType `{error_type}`: {text}"));
            }
            let message = error["errorMessage"].as_str().unwrap_or_default();
            if let Some(rust) = rust_in(message) {
                return Err(format!("the error message shows `{rust}`: {message}"));
            }
            match &expect.message {
                Some(fragment) if !message.contains(fragment.as_str()) => {
                    Err(format!("errorMessage lacks `{fragment}`: {message}"))
                }
                _ => Ok(()),
            }
        }
        (Outcome::Error { error_type, body }, Some(_)) => Err(format!(
            "a Lambda error ({}) instead of a response: {}",
            error_type.as_deref().unwrap_or("no type"),
            String::from_utf8_lossy(body)
        )),
        (Outcome::Response(body), None) => Err(format!(
            "a response instead of a Lambda error: {}",
            String::from_utf8_lossy(body)
        )),
        (Outcome::Response(body), Some(Format::Envelope)) => {
            let value: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            if let Some(rust) = rust_in(&value.to_string()) {
                return Err(format!("the result shows `{rust}`: {value}"));
            }
            match &expect.body {
                Some(fields) if !contains(&value, fields) => {
                    Err(format!("the result lacks {fields}: {value}"))
                }
                _ => Ok(()),
            }
        }
        (Outcome::Response(raw), Some(format)) => {
            let raw: Value = serde_json::from_slice(raw).map_err(|e| e.to_string())?;
            let reply = decode(&raw, format)?;
            let shown = || format!("{} {}", reply.status, shorten(&reply.body));
            if Some(reply.status) != expect.status {
                return Err(format!("status {}", shown()));
            }
            if let Some(rust) = rust_in(&reply.body) {
                return Err(format!("the body shows `{rust}`: {}", shown()));
            }
            let json: Option<Value> = serde_json::from_str(&reply.body).ok();
            if reply.status >= 400 {
                if reply.headers.get("content-type").map(String::as_str) != Some("application/json")
                {
                    return Err(format!("an error without a JSON content type: {}", shown()));
                }
                let message = json
                    .as_ref()
                    .and_then(Value::as_object)
                    .filter(|o| o.len() == 1)
                    .and_then(|o| o.get("message"))
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("the body is not {{\"message\": ...}}: {}", shown()))?;
                if let Some(fragment) = &expect.message
                    && !message.contains(fragment.as_str())
                {
                    return Err(format!("the message lacks `{fragment}`: {}", shown()));
                }
            }
            if let Some(fields) = &expect.body
                && !json.as_ref().is_some_and(|j| contains(j, fields))
            {
                return Err(format!("the body lacks {fields}: {}", shown()));
            }
            Ok(())
        }
    }
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(300) {
        Some((end, _)) => format!("{}... ({} bytes)", &s[..end], s.len()),
        None => s.to_string(),
    }
}

/// The petstore function with `pet-1` (Rex, available) in its store.
fn petstore(api: RuntimeApi) -> RuntimeApi {
    let binary = binaries::petstore().unwrap_or_else(|e| panic!("{e}"));
    let mut api = api;
    api.spawn(&binary, &[]).expect("spawn the petstore binary");
    let setup = Case {
        name: "setup/create-pet-1".into(),
        base: Some("rest-v1/create-pet".into()),
        payload: None,
        raw: None,
        format: None,
        remove: Vec::new(),
        set: Map::new(),
        header: Map::new(),
        query: Map::new(),
        body: None,
        body_base64: None,
        many_headers: None,
        many_query: None,
        expect: Expect {
            status: Some(201),
            message: None,
            lambda_error: None,
            body: Some(json!({"id": "pet-1", "name": "Rex", "status": "available"})),
        },
    };
    let result = api.invoke(&setup.event()).expect("an answer");
    verify(&setup, &result).unwrap_or_else(|e| panic!("setup: {e}"));
    api
}

#[test]
fn the_catalogue_covers_every_kind_of_bad_input() {
    let cases = catalogue();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut names = std::collections::BTreeSet::new();
    for case in &cases {
        *by_kind.entry(case.kind()).or_default() += 1;
        assert!(names.insert(&case.name), "two cases named {}", case.name);
        assert!(
            case.expect.status.is_some() || case.expect.lambda_error.is_some() || {
                case.format() == Some(Format::Envelope)
            },
            "{}: no expected status",
            case.name
        );
        assert!(
            case.format().is_some() || case.expect.lambda_error.is_some(),
            "{}: no format",
            case.name
        );
        assert!(
            case.event().len() <= 6 * 1024 * 1024,
            "{}: above Lambda's 6 MB",
            case.name
        );
    }
    eprintln!("{} cases: {by_kind:?}", cases.len());
    assert!(cases.len() >= 150, "{} cases", cases.len());
    for kind in [
        "body",
        "base64",
        "encoding",
        "header",
        "path",
        "query",
        "structure",
        "null",
        "shape",
        "size",
    ] {
        assert!(
            by_kind.get(kind).copied().unwrap_or(0) >= 10,
            "few `{kind}` cases"
        );
    }
}

#[test]
fn every_case_through_the_petstore_binary() {
    let cases = catalogue();
    let mut api = petstore(RuntimeApi::start().expect("start the Runtime API"));
    let mut failures = Vec::new();
    for case in &cases {
        match api.invoke(&case.event()) {
            Ok(result) => {
                if let Err(why) = verify(case, &result) {
                    failures.push(format!("{}: {why}", case.name));
                }
            }
            Err(e) => {
                failures.push(format!("{}: no answer: {e}", case.name));
                if !api.is_running() {
                    break;
                }
            }
        }
    }
    assert!(api.is_running(), "the function exited: {}", api.stderr());
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Resident memory of process `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// 2,000 bad events (every case that changes no state, in turn, except the multi-megabyte ones):
/// the function answers them all, keeps running, and holds no more memory at the end than after
/// the first round.
///
/// All events carry one X-Ray trace id: with a new id per event (as on Lambda), RSS grows by about
/// 150 bytes per event on glibc, all of it `lambda_runtime` setting `_X_AMZN_TRACE_ID` in the
/// environment for each invocation (glibc keeps every value `setenv` was given); with one id it is
/// flat, which is what this test holds apigw to.
#[test]
fn memory_stays_flat_over_2000_bad_events() {
    const EVENTS: usize = 2000;
    const WARM_UP: usize = 400;
    let events: Vec<(String, Vec<u8>)> = catalogue()
        .into_iter()
        .filter(|c| {
            c.kind() != "size"
                && (c.expect.lambda_error.is_some() || c.expect.status.is_some_and(|s| s >= 400))
        })
        .map(|c| (c.name.clone(), c.event()))
        .collect();
    assert!(events.len() > 100);
    let mut api = petstore(
        RuntimeApi::start()
            .expect("start the Runtime API")
            .with_fixed_trace_id(),
    );
    let pid = api.pid().expect("a running function");
    let mut after_warm_up = 0;
    for i in 0..EVENTS {
        let (name, event) = &events[i % events.len()];
        api.invoke(event)
            .unwrap_or_else(|e| panic!("event {i} ({name}): {e}"));
        if i + 1 == WARM_UP {
            after_warm_up = rss_kib(pid);
        }
    }
    let at_end = rss_kib(pid);
    eprintln!("RSS after {WARM_UP} events: {after_warm_up} KiB; after {EVENTS}: {at_end} KiB");
    assert!(api.is_running(), "the function exited: {}", api.stderr());
    assert!(
        at_end <= after_warm_up + 256,
        "RSS grew from {after_warm_up} KiB to {at_end} KiB over {} events",
        EVENTS - WARM_UP
    );
}
