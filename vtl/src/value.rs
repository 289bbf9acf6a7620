//! Template values and the per-render heap that holds their lists and maps.
//!
//! Lists and maps are Java objects in Velocity: shared by reference, mutable in place
//! (`$map.put(..)` through any alias changes the one map). They live in a [`Heap`] that is dropped
//! with the render, so reference cycles cannot leak.

use std::rc::Rc;

use indexmap::IndexMap;

use crate::error::RenderErrorKind;

pub(crate) type ObjId = usize;

#[derive(Debug, Clone)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Map(ObjId),
    List(ObjId),
    /// A `Map.Entry` from `entrySet()`.
    Entry(Rc<(Rc<str>, Value)>),
    /// `$input`.
    Input,
    /// `$util`.
    Util,
    /// `$foreach` of the loop frame with this id.
    Foreach(usize),
    /// A `#define` block, rendered where it is referenced.
    Block(usize),
    /// A `java.lang.Class`, from `.class` / `getClass()`.
    Class(&'static str),
}

impl Value {
    pub(crate) fn str(s: impl Into<Rc<str>>) -> Value {
        Value::Str(s.into())
    }

    pub(crate) fn empty() -> Value {
        Value::Str(Rc::from(""))
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_))
    }

    /// A Java `int` argument: an integer that fits 32 bits.
    pub(crate) fn as_int(&self) -> Option<i32> {
        match self {
            Value::Int(i) => i32::try_from(*i).ok(),
            _ => None,
        }
    }
}

/// Which Java list class a list is; it decides how the list prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    /// `java.util.ArrayList` (list literals, ranges): prints `[a, b]`.
    ArrayList,
    /// `net.minidev.json.JSONArray` (JSON arrays from `$input.path`, `$util.parseJson`):
    /// prints as compact JSON, `["a","b"]`.
    Json,
    /// `map.keySet()`, `map.values()`, `map.entrySet()` (copies): print `[a, b]`.
    KeySet,
    Values,
    EntrySet,
}

#[derive(Debug)]
pub(crate) enum Obj {
    Map(IndexMap<Rc<str>, Value>),
    List(Vec<Value>, ListKind),
}

/// The lists and maps of one render, with an element budget.
pub(crate) struct Heap {
    objs: Vec<Obj>,
    elements: usize,
    max_elements: usize,
}

impl Heap {
    pub(crate) fn new(max_elements: usize) -> Self {
        Heap {
            objs: Vec::new(),
            elements: 0,
            max_elements,
        }
    }

    /// Accounts for `n` more elements (or one more object).
    pub(crate) fn charge(&mut self, n: usize) -> Result<(), RenderErrorKind> {
        self.elements = self.elements.saturating_add(n);
        if self.elements > self.max_elements {
            return Err(RenderErrorKind::TooManyElements {
                limit: self.max_elements,
            });
        }
        Ok(())
    }

    pub(crate) fn new_map(
        &mut self,
        map: IndexMap<Rc<str>, Value>,
    ) -> Result<Value, RenderErrorKind> {
        self.alloc_map(map).map(Value::Map)
    }

    pub(crate) fn alloc_map(
        &mut self,
        map: IndexMap<Rc<str>, Value>,
    ) -> Result<ObjId, RenderErrorKind> {
        self.charge(map.len() + 1)?;
        self.objs.push(Obj::Map(map));
        Ok(self.objs.len() - 1)
    }

    pub(crate) fn new_list(
        &mut self,
        items: Vec<Value>,
        kind: ListKind,
    ) -> Result<Value, RenderErrorKind> {
        self.charge(items.len() + 1)?;
        self.objs.push(Obj::List(items, kind));
        Ok(Value::List(self.objs.len() - 1))
    }

    pub(crate) fn map(&self, id: ObjId) -> Option<&IndexMap<Rc<str>, Value>> {
        match self.objs.get(id) {
            Some(Obj::Map(m)) => Some(m),
            _ => None,
        }
    }

    pub(crate) fn map_mut(&mut self, id: ObjId) -> Option<&mut IndexMap<Rc<str>, Value>> {
        match self.objs.get_mut(id) {
            Some(Obj::Map(m)) => Some(m),
            _ => None,
        }
    }

    pub(crate) fn list(&self, id: ObjId) -> Option<(&Vec<Value>, ListKind)> {
        match self.objs.get(id) {
            Some(Obj::List(items, kind)) => Some((items, *kind)),
            _ => None,
        }
    }

    pub(crate) fn list_mut(&mut self, id: ObjId) -> Option<&mut Vec<Value>> {
        match self.objs.get_mut(id) {
            Some(Obj::List(items, _)) => Some(items),
            _ => None,
        }
    }

    /// A JSON value as Java objects: objects become maps (`LinkedHashMap`), arrays become lists
    /// of `kind` (JSON arrays for request data, `ArrayList` for the caller's context).
    pub(crate) fn alloc_json(
        &mut self,
        json: &serde_json::Value,
        arrays: ListKind,
    ) -> Result<Value, RenderErrorKind> {
        Ok(match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => json_number(n),
            serde_json::Value::String(s) => Value::str(s.as_str()),
            serde_json::Value::Array(items) => {
                let items = items
                    .iter()
                    .map(|item| self.alloc_json(item, arrays))
                    .collect::<Result<Vec<_>, _>>()?;
                self.new_list(items, arrays)?
            }
            serde_json::Value::Object(map) => {
                let mut out = IndexMap::with_capacity(map.len());
                for (k, v) in map {
                    out.insert(Rc::from(k.as_str()), self.alloc_json(v, arrays)?);
                }
                self.new_map(out)?
            }
        })
    }
}

/// A JSON number as json-smart stores it: an integer when it has no fraction or exponent
/// (`Integer`/`Long`), else a `Double`.
pub(crate) fn json_number(n: &serde_json::Number) -> Value {
    if let Some(i) = n.as_i64() {
        Value::Int(i)
    } else if let Some(u) = n.as_u64() {
        // Beyond `Long`: Java keeps a BigInteger; the magnitude survives as a double.
        Value::Float(u as f64)
    } else {
        Value::Float(n.as_f64().unwrap_or(0.0))
    }
}

/// The Java class of a value, for `$x.class.name` / `$x.getClass().getName()`.
pub(crate) fn class_name(heap: &Heap, value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::Int(i) if i32::try_from(*i).is_ok() => "java.lang.Integer",
        Value::Int(_) => "java.lang.Long",
        Value::Float(_) => "java.lang.Double",
        Value::Str(_) => "java.lang.String",
        Value::Map(_) => "java.util.LinkedHashMap",
        Value::List(id) => match heap.list(*id).map(|(_, k)| k) {
            Some(ListKind::Json) => "net.minidev.json.JSONArray",
            Some(ListKind::KeySet) => "java.util.LinkedHashMap$LinkedKeySet",
            Some(ListKind::Values) => "java.util.LinkedHashMap$LinkedValues",
            Some(ListKind::EntrySet) => "java.util.LinkedHashMap$LinkedEntrySet",
            _ => "java.util.ArrayList",
        },
        Value::Entry(_) => "java.util.LinkedHashMap$Entry",
        Value::Input | Value::Util | Value::Block(_) => "java.lang.Object",
        Value::Foreach(_) => "org.apache.velocity.runtime.directive.ForeachScope",
        Value::Class(_) => "java.lang.Class",
    }
}

/// `Double.toString(d)`: plain notation for 1e-3 <= |d| < 1e7 (always with a fraction digit),
/// computerized scientific notation (`1.0E10`) otherwise; shortest digits that round-trip.
pub(crate) fn java_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if d == 0.0 {
        return if d.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{d:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let abs = d.abs();
    if (1e-3..1e7).contains(&abs) {
        if exp >= 0 {
            let int_len = (exp + 1) as usize;
            let padded = format!("{digits:0<int_len$}");
            let (int_part, frac) = padded.split_at(int_len);
            out.push_str(int_part);
            out.push('.');
            out.push_str(if frac.is_empty() { "0" } else { frac });
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        out.push_str(first);
        out.push('.');
        out.push_str(if rest.is_empty() { "0" } else { rest });
        out.push('E');
        out.push_str(&exp.to_string());
    }
    out
}

/// How json-smart escapes strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonStyle {
    /// `JSONStyle.NO_COMPRESS` (what `JSONArray.toString()` uses): also escapes `/` as `\/`.
    Web,
    /// `JSONStyle.LT_COMPRESS`: does not escape `/`.
    Plain,
}

/// json-smart's string escaper (`JStylerObj.ESCAPE4Web` / `ESCAPE_LT`): the usual JSON escapes,
/// and `\uXXXX` (upper-case hex) for U+0000–U+001F, U+007F–U+009F and U+2000–U+20FF.
pub(crate) fn json_escape(s: &str, style: JsonStyle, out: &mut String) {
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '/' if style == JsonStyle::Web => out.push_str("\\/"),
            c if matches!(c as u32, 0..=0x1f | 0x7f..=0x9f | 0x2000..=0x20ff) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
}

/// Whether two values are equal by Java `equals` (type-sensitive: `1` is not `1.0`, `"1"` is not
/// `1`), recursing into lists and maps.
pub(crate) fn java_equals(heap: &Heap, a: &Value, b: &Value, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Map(x), Value::Map(y)) => {
            if x == y {
                return true;
            }
            match (heap.map(*x), heap.map(*y)) {
                (Some(mx), Some(my)) => {
                    mx.len() == my.len()
                        && mx.iter().all(|(k, v)| {
                            my.get(k)
                                .is_some_and(|w| java_equals(heap, v, w, depth + 1))
                        })
                }
                _ => false,
            }
        }
        (Value::List(x), Value::List(y)) => {
            if x == y {
                return true;
            }
            match (heap.list(*x), heap.list(*y)) {
                (Some((lx, _)), Some((ly, _))) => {
                    lx.len() == ly.len()
                        && lx
                            .iter()
                            .zip(ly.iter())
                            .all(|(v, w)| java_equals(heap, v, w, depth + 1))
                }
                _ => false,
            }
        }
        (Value::Entry(x), Value::Entry(y)) => {
            x.0 == y.0 && java_equals(heap, &x.1, &y.1, depth + 1)
        }
        (Value::Input, Value::Input) | (Value::Util, Value::Util) => true,
        (Value::Foreach(x), Value::Foreach(y)) => x == y,
        (Value::Block(x), Value::Block(y)) => x == y,
        (Value::Class(x), Value::Class(y)) => x == y,
        _ => false,
    }
}

/// A number as `f64`, for mixed integer/double arithmetic and comparison.
pub(crate) fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_like_java() {
        let cases = [
            (1.0, "1.0"),
            (1.99, "1.99"),
            (0.19, "0.19"),
            (100.0, "100.0"),
            (1e7, "1.0E7"),
            (1.5e10, "1.5E10"),
            (0.001, "0.001"),
            (0.0001, "1.0E-4"),
            (-2.5, "-2.5"),
            (123456.789, "123456.789"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (9999999.0, "9999999.0"),
            (1.0e-10, "1.0E-10"),
            (12345678.9, "1.23456789E7"),
        ];
        for (d, want) in cases {
            assert_eq!(java_double(d), want, "{d}");
        }
    }

    #[test]
    fn json_smart_escapes() {
        let mut web = String::new();
        json_escape("a/b\"c\\\n\u{1}\u{80}\u{2028}é", JsonStyle::Web, &mut web);
        assert_eq!(web, "a\\/b\\\"c\\\\\\n\\u0001\\u0080\\u2028é");
        let mut plain = String::new();
        json_escape("a/b", JsonStyle::Plain, &mut plain);
        assert_eq!(plain, "a/b");
    }
}
