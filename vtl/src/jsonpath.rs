//! The JSONPath subset templates use, with Jayway JsonPath's results (which API Gateway's
//! `$input.path`/`$input.json` follow): a definite path (no wildcard, deep scan, slice or index
//! list) yields one value or nothing; an indefinite path yields a list of every match, possibly
//! empty. A path without a leading `$` gets `$.` in front, as in Jayway.
//!
//! Supported: `$`, `.name`, `['name']`, `["name"]`, `[n]`, `[-n]`, `[n,m]`, `[a:b]`, `[*]`, `.*`,
//! `..name`, `..*`, `..[n]`. Not supported (an error): filters `[?(...)]`, functions,
//! several names in one bracket.

use serde_json::Value as Json;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Name(String),
    Wildcard,
    Index(Vec<i64>),
    Slice(Option<i64>, Option<i64>),
    /// `..` followed by the step it applies to.
    Deep(Box<Step>),
}

/// The result of evaluating a path.
pub(crate) enum Found<'a> {
    /// A definite path: the value, or `None` when it does not exist.
    One(Option<&'a Json>),
    /// An indefinite path: every match in document order.
    Many(Vec<&'a Json>),
}

pub(crate) fn evaluate<'a>(path: &str, doc: &'a Json) -> Result<Found<'a>, String> {
    let steps = parse(path)?;
    let definite = steps
        .iter()
        .all(|s| matches!(s, Step::Name(_)) || matches!(s, Step::Index(i) if i.len() == 1));
    let mut current = vec![doc];
    for step in &steps {
        let mut next = Vec::new();
        for node in current {
            apply(step, node, &mut next);
        }
        current = next;
    }
    Ok(if definite {
        Found::One(current.into_iter().next())
    } else {
        Found::Many(current)
    })
}

fn apply<'a>(step: &Step, node: &'a Json, out: &mut Vec<&'a Json>) {
    match step {
        Step::Name(name) => {
            if let Some(v) = node.as_object().and_then(|o| o.get(name)) {
                out.push(v);
            }
        }
        Step::Wildcard => match node {
            Json::Object(o) => out.extend(o.values()),
            Json::Array(a) => out.extend(a.iter()),
            _ => {}
        },
        Step::Index(indexes) => {
            if let Json::Array(a) = node {
                for &i in indexes {
                    let i = if i < 0 { a.len() as i64 + i } else { i };
                    if let Some(v) = usize::try_from(i).ok().and_then(|i| a.get(i)) {
                        out.push(v);
                    }
                }
            }
        }
        Step::Slice(from, to) => {
            if let Json::Array(a) = node {
                let len = a.len() as i64;
                let norm = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) };
                let start = from.map_or(0, norm);
                let end = to.map_or(len, norm);
                if start < end {
                    out.extend(&a[start as usize..end as usize]);
                }
            }
        }
        Step::Deep(inner) => deep(inner, node, out, 0),
    }
}

/// Applies `step` to `node` and every descendant, parents before children.
fn deep<'a>(step: &Step, node: &'a Json, out: &mut Vec<&'a Json>, depth: usize) {
    if depth > 256 {
        return;
    }
    apply(step, node, out);
    match node {
        Json::Object(o) => o.values().for_each(|v| deep(step, v, out, depth + 1)),
        Json::Array(a) => a.iter().for_each(|v| deep(step, v, out, depth + 1)),
        _ => {}
    }
}

fn parse(path: &str) -> Result<Vec<Step>, String> {
    let path = path.trim();
    let owned;
    let path = if path.starts_with('$') {
        path
    } else {
        owned = format!("$.{path}");
        owned.as_str()
    };
    let chars: Vec<char> = path.chars().collect();
    let mut i = 1;
    let mut steps = Vec::new();
    while i < chars.len() {
        match chars[i] {
            '.' if chars.get(i + 1) == Some(&'.') => {
                i += 2;
                let (step, next) = if chars.get(i) == Some(&'[') {
                    bracket(&chars, i)?
                } else {
                    dotted(&chars, i)?
                };
                steps.push(Step::Deep(Box::new(step)));
                i = next;
            }
            '.' => {
                let (step, next) = dotted(&chars, i + 1)?;
                steps.push(step);
                i = next;
            }
            '[' => {
                let (step, next) = bracket(&chars, i)?;
                steps.push(step);
                i = next;
            }
            c => return Err(format!("unexpected `{c}`")),
        }
    }
    Ok(steps)
}

/// A name or `*` after `.`.
fn dotted(chars: &[char], start: usize) -> Result<(Step, usize), String> {
    if chars.get(start) == Some(&'*') {
        return Ok((Step::Wildcard, start + 1));
    }
    let mut end = start;
    while end < chars.len() && chars[end] != '.' && chars[end] != '[' {
        end += 1;
    }
    let name: String = chars[start..end].iter().collect();
    if name.is_empty() || name.contains('(') {
        return Err(if name.is_empty() {
            "a property name is missing".into()
        } else {
            "functions are not supported".into()
        });
    }
    Ok((Step::Name(name), end))
}

/// `[...]` starting at `start` (the `[`).
fn bracket(chars: &[char], start: usize) -> Result<(Step, usize), String> {
    let mut i = start + 1;
    let skip_ws = |i: &mut usize| {
        while chars.get(*i).is_some_and(|c| c.is_whitespace()) {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    let step = match chars.get(i) {
        Some('*') => {
            i += 1;
            Step::Wildcard
        }
        Some(&q @ ('\'' | '"')) => {
            let mut name = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err("unclosed quoted name".into()),
                    Some('\\') if chars.get(i + 1).is_some() => {
                        name.push(chars[i + 1]);
                        i += 2;
                    }
                    Some(&c) if c == q => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        name.push(c);
                        i += 1;
                    }
                }
            }
            skip_ws(&mut i);
            if chars.get(i) == Some(&',') {
                return Err("several names in one bracket are not supported".into());
            }
            Step::Name(name)
        }
        Some('?') => return Err("filters are not supported".into()),
        _ => {
            let end = chars[i..]
                .iter()
                .position(|&c| c == ']')
                .map(|p| p + i)
                .ok_or("unclosed `[`")?;
            let inner: String = chars[i..end].iter().collect();
            i = end;
            index_or_slice(inner.trim())?
        }
    };
    skip_ws(&mut i);
    if chars.get(i) != Some(&']') {
        return Err("expected `]`".into());
    }
    Ok((step, i + 1))
}

fn index_or_slice(inner: &str) -> Result<Step, String> {
    let int = |s: &str| -> Result<i64, String> {
        s.trim()
            .parse::<i64>()
            .map_err(|_| format!("`{s}` is not an array index"))
    };
    if let Some((from, to)) = inner.split_once(':') {
        let opt = |s: &str| -> Result<Option<i64>, String> {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                int(s).map(Some)
            }
        };
        return Ok(Step::Slice(opt(from)?, opt(to)?));
    }
    let indexes = inner.split(',').map(int).collect::<Result<Vec<_>, _>>()?;
    Ok(Step::Index(indexes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(path: &str, doc: &Json) -> Option<Json> {
        match evaluate(path, doc).unwrap() {
            Found::One(v) => v.cloned(),
            Found::Many(_) => panic!("{path} should be definite"),
        }
    }

    fn many(path: &str, doc: &Json) -> Vec<Json> {
        match evaluate(path, doc).unwrap() {
            Found::Many(v) => v.into_iter().cloned().collect(),
            Found::One(_) => panic!("{path} should be indefinite"),
        }
    }

    #[test]
    fn paths() {
        let doc = json!({"a": {"b": [1, {"c": 2}, {"c": 3}]}, "k y": true});
        assert_eq!(one("$", &doc), Some(doc.clone()));
        assert_eq!(one("$.a.b[0]", &doc), Some(json!(1)));
        assert_eq!(one("$['a']['b'][-1].c", &doc), Some(json!(3)));
        assert_eq!(one("$[\"k y\"]", &doc), Some(json!(true)));
        assert_eq!(one("a.b[1].c", &doc), Some(json!(2)));
        assert_eq!(one("$.missing.x", &doc), None);
        assert_eq!(one("$.a.b[9]", &doc), None);
        assert_eq!(many("$.a.b[*].c", &doc), vec![json!(2), json!(3)]);
        assert_eq!(many("$..c", &doc), vec![json!(2), json!(3)]);
        assert_eq!(many("$.a.b[0:2]", &doc), vec![json!(1), json!({"c": 2})]);
        assert_eq!(many("$.a.b[0,2]", &doc).len(), 2);
        assert_eq!(many("$.nothing[*]", &doc), Vec::<Json>::new());
        assert!(evaluate("$.a[?(@.c)]", &doc).is_err());
        assert!(evaluate("$.a[", &doc).is_err());
    }
}
