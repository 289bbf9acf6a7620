//! apigw's [`Response`] as the Lambda result API Gateway (or ALB) reads, in the format of the
//! event it answers:
//! - REST, HTTP API 1.0 and WebSocket: `statusCode`, `headers`, `multiValueHeaders`, `body`,
//!   `isBase64Encoded`. A name is in one map only (API Gateway would send a name in both twice):
//!   `headers` when it has one value, `multiValueHeaders` when it has several;
//! - HTTP API 2.0: `statusCode`, `headers` (several values joined with `, `), `cookies` (every
//!   `Set-Cookie`), `body`, `isBase64Encoded`;
//! - ALB: `statusCode`, `statusDescription`, `headers` or (multi-value target groups)
//!   `multiValueHeaders`, `body`, `isBase64Encoded`.
//!
//! Bodies go out as text when their content type is textual and they are UTF-8, else base64.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::event::EventKind;
use crate::Response;

/// The Lambda result answering an event of `kind` with `response`.
pub fn encode(response: Response, kind: EventKind) -> Value {
    let groups = by_name(&response.headers);
    let (body, base64) = body(&response);
    match kind {
        EventKind::Rest | EventKind::HttpV1 | EventKind::WebSocket => {
            let mut single = Map::new();
            let mut multi = Map::new();
            for (name, values) in groups {
                match values.as_slice() {
                    [one] => single.insert(name.to_string(), json!(one)),
                    many => multi.insert(name.to_string(), json!(many)),
                };
            }
            json!({
                "statusCode": response.status,
                "headers": single,
                "multiValueHeaders": multi,
                "body": body,
                "isBase64Encoded": base64,
            })
        }
        EventKind::HttpV2 => {
            let mut headers = Map::new();
            let mut cookies = Vec::new();
            for (name, values) in groups {
                if name.eq_ignore_ascii_case("set-cookie") {
                    cookies.extend(values);
                } else {
                    headers.insert(name.to_string(), json!(values.join(", ")));
                }
            }
            json!({
                "statusCode": response.status,
                "headers": headers,
                "cookies": cookies,
                "body": body,
                "isBase64Encoded": base64,
            })
        }
        EventKind::Alb { multi_value } => {
            let reason = http::StatusCode::from_u16(response.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let mut out = json!({
                "statusCode": response.status,
                "statusDescription": format!("{} {reason}", response.status).trim_end(),
                "body": body,
                "isBase64Encoded": base64,
            });
            let headers: Map<String, Value> = groups
                .into_iter()
                .map(|(name, values)| {
                    let value = if multi_value {
                        json!(values)
                    } else {
                        json!(values.join(", "))
                    };
                    (name.to_string(), value)
                })
                .collect();
            let key = if multi_value {
                "multiValueHeaders"
            } else {
                "headers"
            };
            out[key] = Value::Object(headers);
            out
        }
    }
}

/// Header values grouped by name (case-insensitively, first spelling kept), in order.
fn by_name(headers: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, value) in headers {
        match groups
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some((_, values)) => values.push(value),
            None => groups.push((name, vec![value])),
        }
    }
    groups
}

fn body(response: &Response) -> (String, bool) {
    if response.body.is_empty() {
        return (String::new(), false);
    }
    if response
        .header("content-type")
        .is_none_or(crate::spec::template::is_text)
        && let Ok(text) = std::str::from_utf8(&response.body)
    {
        return (text.to_string(), false);
    }
    (STANDARD.encode(&response.body), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response() -> Response {
        let mut r = Response::error(404, "no pet");
        r.headers.push(("Set-Cookie".into(), "a=1".into()));
        r.headers.push(("set-cookie".into(), "b=2".into()));
        r
    }

    #[test]
    fn payload_1_0_puts_each_name_in_one_map() {
        let out = encode(response(), EventKind::Rest);
        assert_eq!(
            out,
            json!({
                "statusCode": 404,
                "headers": {"content-type": "application/json"},
                "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
                "body": "{\"message\":\"no pet\"}",
                "isBase64Encoded": false
            })
        );
    }

    #[test]
    fn payload_2_0_moves_set_cookie_to_cookies() {
        let out = encode(response(), EventKind::HttpV2);
        assert_eq!(out["cookies"], json!(["a=1", "b=2"]));
        assert_eq!(out["headers"], json!({"content-type": "application/json"}));
        assert!(out.get("multiValueHeaders").is_none());
    }

    #[test]
    fn alb_answers_with_a_status_description() {
        let out = encode(response(), EventKind::Alb { multi_value: false });
        assert_eq!(out["statusDescription"], "404 Not Found");
        assert_eq!(out["headers"]["Set-Cookie"], "a=1, b=2");
        let out = encode(response(), EventKind::Alb { multi_value: true });
        assert_eq!(
            out["multiValueHeaders"]["Set-Cookie"],
            json!(["a=1", "b=2"])
        );
        assert!(out.get("headers").is_none());
    }

    #[test]
    fn binary_bodies_go_out_base64() {
        let mut r = Response::new(200);
        r.set_header("content-type", "image/png");
        r.body = vec![0x89, b'P', b'N', b'G'];
        let out = encode(r, EventKind::Rest);
        assert_eq!(out["isBase64Encoded"], true);
        assert_eq!(out["body"], "iVBORw==");
    }
}
