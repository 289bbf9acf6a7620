//! The method request: what the client sent, in the shapes API Gateway gives integrations
//! (multi-value headers and query parameters, decoded path parameters, the raw body).

use bytes::Bytes;

/// One client request, routed.
#[derive(Debug, Clone)]
pub(crate) struct MethodRequest {
    /// `GET`, ...
    pub method: String,
    /// The path after the stage, as sent (`/pets/a%20b`).
    pub path: String,
    /// The whole path, stage included (`/prod/pets/a%20b`): `$context.path`.
    pub full_path: String,
    /// Headers in the order received, each value separately; names in canonical capitalisation.
    pub headers: Vec<(String, String)>,
    /// Query parameters in order, decoded.
    pub query: Vec<(String, String)>,
    /// Path parameters of the matched resource, decoded.
    pub path_params: Vec<(String, String)>,
    /// Greedy path parameters among `path_params` (their values keep `/` in integration uris).
    pub greedy_params: Vec<String>,
    pub body: Bytes,
    pub source_ip: String,
}

impl MethodRequest {
    /// The last value of a header (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The last value of a query parameter (names are case-sensitive).
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query_values(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn path_param(&self, name: &str) -> Option<&str> {
        self.path_params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Header names once each, in first-seen order, with their last value: the single-value view
    /// (`headers` of the proxy event, `$input.params().header`).
    pub fn single_headers(&self) -> Vec<(String, String)> {
        single_values(&self.headers, true)
    }

    pub fn single_query(&self) -> Vec<(String, String)> {
        single_values(&self.query, false)
    }

    /// The `Content-Type` without parameters, lower case; `None` when absent.
    pub fn content_type(&self) -> Option<String> {
        self.header("Content-Type").map(crate::media::essence)
    }
}

/// One entry per name (first position, last value).
fn single_values(pairs: &[(String, String)], ignore_case: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in pairs {
        let same = |(existing, _): &&mut (String, String)| {
            if ignore_case {
                existing.eq_ignore_ascii_case(k)
            } else {
                existing == k
            }
        };
        match out.iter_mut().find(|e| same(e)) {
            Some(slot) => slot.1 = v.clone(),
            None => out.push((k.clone(), v.clone())),
        }
    }
    out
}

/// Multi-value view: names once each, every value.
pub(crate) fn multi_values(
    pairs: &[(String, String)],
    ignore_case: bool,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in pairs {
        let found = out.iter_mut().find(|(existing, _)| {
            if ignore_case {
                existing.eq_ignore_ascii_case(k)
            } else {
                existing == k
            }
        });
        match found {
            Some(slot) => slot.1.push(v.clone()),
            None => out.push((k.clone(), vec![v.clone()])),
        }
    }
    out
}

/// `content-type` -> `Content-Type`, `x-amz-date` -> `X-Amz-Date`: HTTP/1 servers (and the `http`
/// crate) give header names in lower case, while API Gateway hands integrations the client's
/// spelling, which for nearly every client is this one.
pub(crate) fn canonical_header_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if upper {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        upper = c == '-';
    }
    out
}

/// Query parameters of a raw query string, decoded (`+` is a space), in order.
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> MethodRequest {
        MethodRequest {
            method: "GET".into(),
            path: "/".into(),
            full_path: "/prod/".into(),
            headers: vec![
                ("Accept".into(), "a".into()),
                ("X-Tag".into(), "1".into()),
                ("x-tag".into(), "2".into()),
            ],
            query: parse_query(Some("a=1&b=x+y&a=2&c=%C3%A9")),
            path_params: vec![],
            greedy_params: vec![],
            body: Bytes::new(),
            source_ip: "127.0.0.1".into(),
        }
    }

    #[test]
    fn single_and_multi_values() {
        let r = request();
        assert_eq!(r.header("x-TAG"), Some("2"));
        assert_eq!(r.header_values("X-Tag"), vec!["1", "2"]);
        assert_eq!(r.query_param("a"), Some("2"));
        assert_eq!(r.query_values("a"), vec!["1", "2"]);
        assert_eq!(r.query_param("b"), Some("x y"));
        assert_eq!(r.query_param("c"), Some("é"));
        assert_eq!(
            r.single_headers(),
            vec![("Accept".into(), "a".into()), ("X-Tag".into(), "2".into())]
        );
        assert_eq!(
            multi_values(&r.query, false)[0],
            ("a".to_string(), vec!["1".to_string(), "2".to_string()])
        );
    }

    #[test]
    fn header_names_are_capitalised() {
        assert_eq!(canonical_header_name("content-type"), "Content-Type");
        assert_eq!(
            canonical_header_name("x-amz-meta-owner"),
            "X-Amz-Meta-Owner"
        );
        assert_eq!(canonical_header_name("etag"), "Etag");
    }
}
