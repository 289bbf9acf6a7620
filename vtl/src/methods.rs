//! Properties, methods and `[index]` on values: the Java methods of `String`, `Map`, `List`,
//! the boxed numbers, `Map.Entry`, `$foreach`, `$input` and `$util`.
//!
//! A call returns `Ok(None)` when Java has no such method for these argument types (Velocity
//! then treats the reference as invalid: it evaluates to `""`), `Ok(Some(value))` otherwise, and
//! an error when the Java method would throw.

use std::rc::Rc;

use indexmap::IndexMap;

use crate::error::RenderErrorKind;
use crate::java;
use crate::render::{Renderer, index_error, kind_of};
use crate::util;
use crate::value::{ListKind, Value, class_name, java_equals};

type Call = Result<Option<Value>, RenderErrorKind>;

fn failed(method: &str, reason: impl Into<String>) -> RenderErrorKind {
    RenderErrorKind::MethodFailed {
        method: method.to_string(),
        reason: reason.into(),
    }
}

/// The value a `void` method gives in Velocity: an empty string.
fn void() -> Call {
    Ok(Some(Value::empty()))
}

fn some(v: Value) -> Call {
    Ok(Some(v))
}

/// A bean property name matches `getX`/`isX` in Velocity with either case of the first letter.
fn prop_is(name: &str, property: &str) -> bool {
    let mut a = name.chars();
    let mut b = property.chars();
    match (a.next(), b.next()) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(&y) && a.as_str() == b.as_str(),
        _ => false,
    }
}

impl Renderer<'_> {
    /// `$x.name`: a map key, or a bean getter (`getName()`, `isName()`).
    pub(crate) fn property(&mut self, cur: &Value, name: &str) -> Option<Value> {
        if prop_is(name, "class") {
            return Some(Value::Class(class_name(&self.heap, cur)));
        }
        match cur {
            Value::Map(id) => Some(
                self.heap
                    .map(*id)?
                    .get(name)
                    .cloned()
                    .unwrap_or(Value::Null),
            ),
            Value::List(id) if prop_is(name, "empty") => {
                Some(Value::Bool(self.heap.list(*id)?.0.is_empty()))
            }
            Value::Str(s) if prop_is(name, "empty") => Some(Value::Bool(s.is_empty())),
            Value::Entry(e) if prop_is(name, "key") => Some(Value::Str(e.0.clone())),
            Value::Entry(e) if prop_is(name, "value") => Some(e.1.clone()),
            Value::Input if prop_is(name, "body") => Some(Value::str(self.body_text())),
            Value::Foreach(id) => self.scope_property(*id, name),
            Value::Class(c) if prop_is(name, "name") => Some(Value::str(*c)),
            Value::Class(c) if prop_is(name, "simpleName") => {
                Some(Value::str(c.rsplit(['.', '$']).next().unwrap_or(c)))
            }
            _ => None,
        }
    }

    /// `$foreach.index`, `.count`, `.hasNext`, `.first`, `.last`, `.parent`, `.topmost`.
    fn scope_property(&self, id: usize, name: &str) -> Option<Value> {
        let frame = self.frames.get(id)?;
        Some(if prop_is(name, "index") {
            Value::Int(frame.index)
        } else if prop_is(name, "count") {
            Value::Int(frame.index + 1)
        } else if prop_is(name, "hasNext") {
            Value::Bool(frame.has_next)
        } else if prop_is(name, "first") {
            Value::Bool(frame.index < 1)
        } else if prop_is(name, "last") {
            Value::Bool(!frame.has_next)
        } else if prop_is(name, "parent") {
            frame.parent.map_or(Value::Null, Value::Foreach)
        } else if prop_is(name, "topmost") {
            let mut top = id;
            while let Some(p) = self.frames.get(top).and_then(|f| f.parent) {
                top = p;
            }
            Value::Foreach(top)
        } else {
            return None;
        })
    }

    /// `$x[key]`: `get(key)` on a list or map.
    pub(crate) fn index(&mut self, cur: &Value, key: &Value) -> Call {
        match cur {
            Value::List(id) => {
                let Some(i) = key.as_int() else {
                    return Ok(None);
                };
                let list = self
                    .heap
                    .list(*id)
                    .map(|(l, _)| l)
                    .ok_or_else(|| failed("get", "not a list"))?;
                match usize::try_from(i).ok().and_then(|i| list.get(i)) {
                    Some(v) => some(v.clone()),
                    None => Err(index_error("get", i64::from(i), list.len())),
                }
            }
            Value::Map(id) => {
                let found = match key {
                    Value::Str(k) => self.heap.map(*id).and_then(|m| m.get(&**k)).cloned(),
                    _ => None,
                };
                some(found.unwrap_or(Value::Null))
            }
            _ => Ok(None),
        }
    }

    /// `$x.name(args)`.
    pub(crate) fn call(&mut self, cur: &Value, name: &str, args: &[Value]) -> Call {
        // Methods every Java object has.
        match (name, args) {
            ("toString", []) => {
                return some(Value::str(self.java_string(cur, 0).map_err(kind_of)?));
            }
            ("equals", [other]) => {
                return some(Value::Bool(java_equals(&self.heap, cur, other, 0)));
            }
            ("getClass", []) => return some(Value::Class(class_name(&self.heap, cur))),
            _ => {}
        }
        match cur {
            Value::Str(s) => self.string_method(s, name, args),
            Value::Map(id) => self.map_method(*id, name, args),
            Value::List(id) => self.list_method(*id, name, args),
            Value::Int(_) | Value::Float(_) => number_method(cur, name, args),
            Value::Bool(b) => match (name, args) {
                ("booleanValue", []) => some(Value::Bool(*b)),
                _ => Ok(None),
            },
            Value::Entry(e) => match (name, args) {
                ("getKey", []) => some(Value::Str(e.0.clone())),
                ("getValue", []) => some(e.1.clone()),
                _ => Ok(None),
            },
            Value::Class(c) => match (name, args) {
                ("getName", []) => some(Value::str(*c)),
                ("getSimpleName", []) => some(Value::str(c.rsplit(['.', '$']).next().unwrap_or(c))),
                _ => Ok(None),
            },
            Value::Foreach(id) => {
                let prop = match name {
                    "hasNext" => Some("hasNext"),
                    n => n.strip_prefix("get").or_else(|| n.strip_prefix("is")),
                };
                match (prop, args) {
                    (Some(p), []) => Ok(self.scope_property(*id, p)),
                    _ => Ok(None),
                }
            }
            Value::Input => self.input_method(name, args),
            Value::Util => self.util_method(name, args),
            Value::Null | Value::Block(_) => Ok(None),
        }
    }

    fn new_string(&self, s: String) -> Call {
        if s.len() > self.limits.max_string_bytes {
            return Err(RenderErrorKind::StringTooLarge {
                limit: self.limits.max_string_bytes,
            });
        }
        some(Value::str(s))
    }

    fn string_method(&mut self, s: &Rc<str>, name: &str, args: &[Value]) -> Call {
        use Value::{Bool, Int, Str};
        let int = |v: &Value| v.as_int().map(i64::from);
        match (name, args) {
            ("length", []) => some(Int(java::utf16_len(s) as i64)),
            ("isEmpty", []) => some(Bool(s.is_empty())),
            ("substring", [b]) if int(b).is_some() => {
                let b = int(b).unwrap_or(0);
                java::substring(s, b, None)
                    .map_err(|e| failed("substring", e))
                    .and_then(|r| self.new_string(r))
            }
            ("substring", [b, e]) if int(b).is_some() && int(e).is_some() => {
                java::substring(s, int(b).unwrap_or(0), int(e))
                    .map_err(|e| failed("substring", e))
                    .and_then(|r| self.new_string(r))
            }
            ("indexOf", [Str(n)]) => some(Int(java::index_of(s, n, 0))),
            ("indexOf", [Str(n), from]) if int(from).is_some() => {
                some(Int(java::index_of(s, n, int(from).unwrap_or(0))))
            }
            ("indexOf", [ch]) if int(ch).is_some() => {
                some(Int(char_code(ch).map_or(-1, |c| java::index_of(s, &c, 0))))
            }
            ("lastIndexOf", [Str(n)]) => some(Int(java::last_index_of(s, n, None))),
            ("lastIndexOf", [Str(n), from]) if int(from).is_some() => {
                some(Int(java::last_index_of(s, n, int(from))))
            }
            ("contains", [Str(n)]) => some(Bool(s.contains(&**n))),
            ("startsWith", [Str(p)]) => some(Bool(s.starts_with(&**p))),
            ("startsWith", [Str(p), off]) if int(off).is_some() => {
                some(Bool(java::starts_with_at(s, p, int(off).unwrap_or(0))))
            }
            ("endsWith", [Str(p)]) => some(Bool(s.ends_with(&**p))),
            ("equalsIgnoreCase", [other]) => some(Bool(match other {
                Str(o) => eq_ignore_case(s, o),
                _ => false,
            })),
            ("compareTo", [Str(o)]) => some(Int(java::compare_to(s, o))),
            ("compareToIgnoreCase", [Str(o)]) => some(Int(java::compare_to(
                &s.to_uppercase().to_lowercase(),
                &o.to_uppercase().to_lowercase(),
            ))),
            ("toLowerCase", []) => some(Value::str(s.to_lowercase())),
            ("toUpperCase", []) => some(Value::str(s.to_uppercase())),
            ("trim", []) => some(Value::str(java::trim(s))),
            ("concat", [Str(o)]) => self.new_string(format!("{s}{o}")),
            ("charAt", [i]) if int(i).is_some() => java::char_at(s, int(i).unwrap_or(0))
                .map(|c| Some(Value::str(c)))
                .map_err(|e| failed("charAt", e)),
            ("replace", [Str(from), Str(to)]) => self.new_string(s.replace(&**from, to)),
            ("replaceAll" | "replaceFirst", [Str(re), Str(rep)]) => {
                let regex = self.regex(re)?;
                java::replace(s, &regex, rep, name == "replaceAll")
                    .map_err(|e| failed(name, e))
                    .and_then(|r| self.new_string(r))
            }
            ("matches", [Str(re)]) => {
                // The whole string must match: anchor both ends (Java `Matcher.matches`).
                let regex = self.regex(&format!("\\A(?:{re})\\z"))?;
                some(Bool(regex.is_match(s)))
            }
            ("split", [Str(re)]) => self.split(s, re, 0),
            ("split", [Str(re), limit]) if int(limit).is_some() => {
                self.split(s, re, int(limit).unwrap_or(0))
            }
            ("hashCode", []) => some(Int(i64::from(java_hash(s)))),
            _ => Ok(None),
        }
    }

    fn split(&mut self, s: &str, re: &str, limit: i64) -> Call {
        let regex = self.regex(re)?;
        let parts = java::split(s, &regex, limit)
            .into_iter()
            .map(Value::str)
            .collect();
        self.heap.new_list(parts, ListKind::ArrayList).map(Some)
    }

    fn map_method(&mut self, id: usize, name: &str, args: &[Value]) -> Call {
        use Value::{Bool, Int};
        match (name, args) {
            ("get", [k]) => some(self.map_get(id, k)),
            ("getOrDefault", [k, d]) => {
                let found = match k {
                    Value::Str(k) => self.map_ref(id, name)?.get(&**k).cloned(),
                    _ => None,
                };
                some(found.unwrap_or_else(|| d.clone()))
            }
            ("containsKey", [k]) => some(Bool(match k {
                Value::Str(k) => self.map_ref(id, name)?.contains_key(&**k),
                _ => false,
            })),
            ("containsValue", [v]) => {
                let values: Vec<Value> = self.map_ref(id, name)?.values().cloned().collect();
                some(Bool(
                    values.iter().any(|x| java_equals(&self.heap, x, v, 0)),
                ))
            }
            ("size", []) => some(Int(self.map_ref(id, name)?.len() as i64)),
            ("isEmpty", []) => some(Bool(self.map_ref(id, name)?.is_empty())),
            ("put", [k, v]) => {
                let key = self.key_string(k)?;
                self.heap.charge(1)?;
                let old = self.heap.map_mut(id).and_then(|m| m.insert(key, v.clone()));
                some(old.unwrap_or(Value::Null))
            }
            ("putAll", [Value::Map(other)]) => {
                let entries: Vec<(Rc<str>, Value)> = self
                    .heap
                    .map(*other)
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default();
                self.heap.charge(entries.len())?;
                if let Some(m) = self.heap.map_mut(id) {
                    m.extend(entries);
                }
                void()
            }
            ("remove", [k]) => {
                let old = match k {
                    Value::Str(k) => self.heap.map_mut(id).and_then(|m| m.shift_remove(&**k)),
                    _ => None,
                };
                some(old.unwrap_or(Value::Null))
            }
            ("clear", []) => {
                if let Some(m) = self.heap.map_mut(id) {
                    m.clear();
                }
                void()
            }
            ("keySet", []) => {
                let keys = self
                    .map_ref(id, name)?
                    .keys()
                    .map(|k| Value::Str(k.clone()))
                    .collect();
                self.heap.new_list(keys, ListKind::KeySet).map(Some)
            }
            ("values", []) => {
                let values = self.map_ref(id, name)?.values().cloned().collect();
                self.heap.new_list(values, ListKind::Values).map(Some)
            }
            ("entrySet", []) => {
                let entries = self
                    .map_ref(id, name)?
                    .iter()
                    .map(|(k, v)| Value::Entry(Rc::new((k.clone(), v.clone()))))
                    .collect();
                self.heap.new_list(entries, ListKind::EntrySet).map(Some)
            }
            _ => Ok(None),
        }
    }

    fn map_ref(
        &self,
        id: usize,
        method: &str,
    ) -> Result<&IndexMap<Rc<str>, Value>, RenderErrorKind> {
        self.heap.map(id).ok_or_else(|| failed(method, "not a map"))
    }

    fn map_get(&self, id: usize, key: &Value) -> Value {
        match key {
            Value::Str(k) => self
                .heap
                .map(id)
                .and_then(|m| m.get(&**k))
                .cloned()
                .unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }

    fn list_method(&mut self, id: usize, name: &str, args: &[Value]) -> Call {
        use Value::{Bool, Int};
        let items = |r: &Self| {
            r.heap
                .list(id)
                .map(|(l, _)| l.clone())
                .ok_or_else(|| failed(name, "not a list"))
        };
        let len = self.heap.list(id).map_or(0, |(l, _)| l.len());
        let position = |i: i32, max: usize| usize::try_from(i).ok().filter(|&i| i < max);
        match (name, args) {
            ("size", []) => some(Int(len as i64)),
            ("isEmpty", []) => some(Bool(len == 0)),
            ("get", [i]) => match i.as_int() {
                Some(i) => match position(i, len) {
                    Some(p) => some(items(self)?[p].clone()),
                    None => Err(index_error("get", i64::from(i), len)),
                },
                None => Ok(None),
            },
            ("contains", [v]) => {
                let list = items(self)?;
                some(Bool(list.iter().any(|x| java_equals(&self.heap, x, v, 0))))
            }
            ("indexOf" | "lastIndexOf", [v]) => {
                let list = items(self)?;
                let eq = |x: &Value| java_equals(&self.heap, x, v, 0);
                let found = if name == "indexOf" {
                    list.iter().position(eq)
                } else {
                    list.iter().rposition(eq)
                };
                some(Int(found.map_or(-1, |p| p as i64)))
            }
            ("add", [v]) => {
                self.heap.charge(1)?;
                if let Some(l) = self.heap.list_mut(id) {
                    l.push(v.clone());
                }
                some(Bool(true))
            }
            ("add", [i, v]) if i.as_int().is_some() => {
                let i = i.as_int().unwrap_or(-1);
                let Some(p) = position(i, len + 1) else {
                    return Err(index_error("add", i64::from(i), len));
                };
                self.heap.charge(1)?;
                if let Some(l) = self.heap.list_mut(id) {
                    l.insert(p, v.clone());
                }
                void()
            }
            ("set", [i, v]) if i.as_int().is_some() => {
                let i = i.as_int().unwrap_or(-1);
                let Some(p) = position(i, len) else {
                    return Err(index_error("set", i64::from(i), len));
                };
                let old = self
                    .heap
                    .list_mut(id)
                    .map(|l| std::mem::replace(&mut l[p], v.clone()));
                some(old.unwrap_or(Value::Null))
            }
            ("remove", [Value::Int(_)]) => {
                let i = args[0].as_int().unwrap_or(-1);
                let Some(p) = position(i, len) else {
                    return Err(index_error("remove", i64::from(i), len));
                };
                some(self.heap.list_mut(id).map_or(Value::Null, |l| l.remove(p)))
            }
            ("remove", [v]) => {
                let list = items(self)?;
                match list.iter().position(|x| java_equals(&self.heap, x, v, 0)) {
                    Some(p) => {
                        if let Some(l) = self.heap.list_mut(id) {
                            l.remove(p);
                        }
                        some(Bool(true))
                    }
                    None => some(Bool(false)),
                }
            }
            ("addAll", [Value::List(other)]) => {
                let extra = self
                    .heap
                    .list(*other)
                    .map(|(l, _)| l.clone())
                    .unwrap_or_default();
                self.heap.charge(extra.len())?;
                let changed = !extra.is_empty();
                if let Some(l) = self.heap.list_mut(id) {
                    l.extend(extra);
                }
                some(Bool(changed))
            }
            ("clear", []) => {
                if let Some(l) = self.heap.list_mut(id) {
                    l.clear();
                }
                void()
            }
            ("subList", [a, b]) if a.as_int().is_some() && b.as_int().is_some() => {
                let (a, b) = (a.as_int().unwrap_or(0), b.as_int().unwrap_or(0));
                let ok = a >= 0 && b >= a && (b as usize) <= len;
                if !ok {
                    return Err(failed(
                        "subList",
                        format!("fromIndex {a}, toIndex {b}, size {len}"),
                    ));
                }
                let part = items(self)?[a as usize..b as usize].to_vec();
                self.heap.new_list(part, ListKind::ArrayList).map(Some)
            }
            ("toJSONString", [])
                if self.heap.list(id).is_some_and(|(_, k)| k == ListKind::Json) =>
            {
                some(Value::str(
                    self.java_string(&Value::List(id), 0).map_err(kind_of)?,
                ))
            }
            _ => Ok(None),
        }
    }

    fn util_method(&mut self, name: &str, args: &[Value]) -> Call {
        // API Gateway's functions take strings; other values are passed as their `toString()`.
        let [arg] = args else { return Ok(None) };
        let text = match arg {
            Value::Null => return some(Value::Null),
            Value::Str(s) => s.to_string(),
            other => self.java_string(other, 0).map_err(kind_of)?,
        };
        match name {
            "escapeJavaScript" => self.new_string(util::escape_javascript(&text)),
            "urlEncode" => self.new_string(util::url_encode(&text)),
            "urlDecode" => util::url_decode(&text)
                .map(|s| Some(Value::str(s)))
                .map_err(|e| failed("$util.urlDecode", e)),
            "base64Encode" => self.new_string(util::base64_encode(&text)),
            "base64Decode" => util::base64_decode(&text)
                .map(|s| Some(Value::str(s)))
                .map_err(|e| failed("$util.base64Decode", e)),
            "parseJson" => {
                let json: serde_json::Value = serde_json::from_str(&text)
                    .map_err(|e| failed("$util.parseJson", e.to_string()))?;
                self.heap.alloc_json(&json, ListKind::Json).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// `$input.params()`, created once per render.
    pub(crate) fn params_map(&mut self) -> Result<Value, RenderErrorKind> {
        if let Some(v) = &self.params_obj {
            return Ok(v.clone());
        }
        let params = &self.input.params;
        let mut map = IndexMap::new();
        for (key, pairs) in [
            ("path", &params.path),
            ("querystring", &params.querystring),
            ("header", &params.header),
        ] {
            map.insert(Rc::from(key), self.string_map(pairs)?);
        }
        let v = self.heap.new_map(map)?;
        self.params_obj = Some(v.clone());
        Ok(v)
    }
}

fn number_method(cur: &Value, name: &str, args: &[Value]) -> Call {
    let f = match cur {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        _ => return Ok(None),
    };
    match (name, args) {
        ("intValue", []) => some(Value::Int(match cur {
            Value::Int(i) => i64::from(*i as i32),
            _ => i64::from(f as i32),
        })),
        ("longValue", []) => some(Value::Int(match cur {
            Value::Int(i) => *i,
            _ => f as i64,
        })),
        ("doubleValue" | "floatValue", []) => some(Value::Float(f)),
        ("compareTo", [other]) if other.is_number() => {
            let o = match other {
                Value::Int(i) => *i as f64,
                Value::Float(x) => *x,
                _ => 0.0,
            };
            some(Value::Int(match f.partial_cmp(&o) {
                Some(std::cmp::Ordering::Less) => -1,
                Some(std::cmp::Ordering::Greater) => 1,
                _ => 0,
            }))
        }
        _ => Ok(None),
    }
}

/// `indexOf(int ch)`: the character with this code.
fn char_code(v: &Value) -> Option<String> {
    let code = u32::try_from(v.as_int()?).ok()?;
    char::from_u32(code).map(String::from)
}

/// `String.equalsIgnoreCase`: equal length, and each pair of characters equal after upper- or
/// lower-casing.
fn eq_ignore_case(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    x.len() == y.len()
        && x.iter().zip(&y).all(|(c, d)| {
            c == d || c.to_uppercase().eq(d.to_uppercase()) || c.to_lowercase().eq(d.to_lowercase())
        })
}

/// `String.hashCode()`.
fn java_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(i32::from(u)))
}
