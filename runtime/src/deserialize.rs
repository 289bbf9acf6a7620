//! Client input (a JSON body, query parameters) into the types handlers declare, with errors in
//! the client's terms: where (a JSON path such as `tags[2].name`, or a parameter's name), what was
//! expected (a JSON type or an integer range, never a Rust type), and what was sent.
//!
//! serde's own messages name Rust types ("expected struct NewPet", "expected u32"), and serde_json
//! accepts an array for a struct (serde's positional form), which the declared schema (an object)
//! does not allow. So apigw reads the parsed JSON (or the query's pairs) with its own deserializer:
//! it tracks the path, refuses what the schema refuses, and words serde's built-in expectations as
//! JSON. Messages that user types write themselves (`Error::custom`) are kept as they are.

use std::fmt::{self, Display};

use indexmap::IndexMap;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer as _, EnumAccess, Expected, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde_json::Value;

/// A JSON body as `T`.
pub fn from_json<T: DeserializeOwned>(value: &Value) -> Result<T, InputError> {
    T::deserialize(Node {
        input: Input::Json(value),
        path: Path::Root,
    })
    .map_err(|e| e.named("field"))
}

/// Query parameters (in order, a repeated name once per value) as `T`, a struct whose fields are
/// the parameters: a value reads as the field's type (`limit=10` as an integer), a repeated name
/// as an array.
pub fn from_query<T: DeserializeOwned>(pairs: &[(String, String)]) -> Result<T, InputError> {
    T::deserialize(Node {
        input: Input::Query(pairs),
        path: Path::Root,
    })
    .map_err(|e| e.named("parameter"))
}

/// Parses a JSON document, refusing an object that repeats a name (RFC 8259 leaves the meaning
/// of such an object open; serde would silently keep one of the values).
pub fn parse_json(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_slice::<UniqueNames>(bytes).map(|v| v.0)
}

/// What was wrong with client input, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The JSON path (`tags[2].name`) or parameter name; empty for the whole input; `None` until
    /// the deserializer locates the error.
    path: Option<String>,
    problem: Problem,
    /// How the input calls its members: "field" (JSON) or "parameter" (query).
    noun: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// The value has another JSON type, or is out of range.
    Mismatch {
        expected: String,
        got: String,
    },
    Missing(&'static str),
    UnknownName {
        name: String,
        expected: &'static [&'static str],
    },
    UnknownVariant {
        name: String,
        expected: &'static [&'static str],
    },
    Duplicate(&'static str),
    /// A parameter that takes one value was sent several times.
    Repeated(usize),
    Other(String),
}

impl InputError {
    /// Where the problem is: a JSON path (`tags[2].name`) or a parameter name; empty for the whole
    /// input.
    pub fn path(&self) -> &str {
        self.path.as_deref().unwrap_or("")
    }

    /// What is wrong, without the path.
    pub fn problem(&self) -> String {
        let noun = self.noun;
        match &self.problem {
            Problem::Mismatch { expected, got } => format!("expected {expected}, got {got}"),
            Problem::Missing(name) => format!("missing {noun} `{name}`"),
            Problem::UnknownName { name, expected: [] } => {
                format!("unknown {noun} `{}`: none is accepted", shorten(name))
            }
            Problem::UnknownName { name, expected } => format!(
                "unknown {noun} `{}`; expected one of {}",
                shorten(name),
                one_of(expected)
            ),
            Problem::UnknownVariant { name, expected } => {
                format!("`{}` is not one of {}", shorten(name), one_of(expected))
            }
            Problem::Duplicate(name) => format!("duplicate {noun} `{name}`"),
            Problem::Repeated(count) => format!("sent {count} times; send it once"),
            Problem::Other(message) => message.clone(),
        }
    }

    /// A broken constraint at `path` (a JSON path, or empty for the whole input), said in
    /// `problem`.
    pub(crate) fn violation(path: String, problem: String) -> Self {
        InputError {
            path: Some(path),
            problem: Problem::Other(problem),
            noun: "field",
        }
    }

    fn new(problem: Problem) -> Self {
        InputError {
            path: None,
            problem,
            noun: "field",
        }
    }

    fn located_at(mut self, path: &Path<'_>) -> Self {
        if self.path.is_none() {
            self.path = Some(path.to_string());
        }
        self
    }

    fn named(mut self, noun: &'static str) -> Self {
        self.noun = noun;
        self
    }
}

/// `` `tags[2]`: expected a string, got the number 5 ``, or the problem alone for the whole input.
impl Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            "" => f.write_str(&self.problem()),
            path => write!(f, "`{path}`: {}", self.problem()),
        }
    }
}

impl std::error::Error for InputError {}

impl de::Error for InputError {
    fn custom<T: Display>(message: T) -> Self {
        let message = message.to_string();
        // The one message serde itself writes with a type name in it.
        if message.starts_with("data did not match any variant of untagged enum") {
            return InputError::new(Problem::Other(
                "the value matches none of the accepted forms".into(),
            ));
        }
        InputError::new(Problem::Other(message))
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        InputError::new(Problem::Mismatch {
            expected: in_client_terms(expected),
            got: sent(unexpected),
        })
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self::invalid_type(unexpected, expected)
    }

    fn invalid_length(len: usize, expected: &dyn Expected) -> Self {
        InputError::new(Problem::Mismatch {
            expected: in_client_terms(expected),
            got: format!("{len} elements"),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        InputError::new(Problem::UnknownVariant {
            name: variant.into(),
            expected,
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        InputError::new(Problem::UnknownName {
            name: field.into(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        InputError::new(Problem::Missing(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        InputError::new(Problem::Duplicate(field))
    }
}

/// serde's built-in expectations, worded as JSON; anything else (a user type's own wording) as is.
fn in_client_terms(expected: &dyn Expected) -> String {
    let text = expected.to_string();
    client_terms(&text).unwrap_or(text)
}

/// Rust's integer types: serde's name for each, the `format` schemars declares it with, and its
/// range. One table for the deserializer's messages ("an integer from 0 to 255") and for the
/// bounds the schemas declare ([`integer_format_bounds`]), so the two cannot disagree.
const INTEGERS: &[(&str, &str, i128, u128)] = &[
    ("u8", "uint8", 0, u8::MAX as u128),
    ("u16", "uint16", 0, u16::MAX as u128),
    ("u32", "uint32", 0, u32::MAX as u128),
    ("u64", "uint64", 0, u64::MAX as u128),
    ("usize", "uint", 0, usize::MAX as u128),
    ("u128", "uint128", 0, u128::MAX),
    ("i8", "int8", i8::MIN as i128, i8::MAX as u128),
    ("i16", "int16", i16::MIN as i128, i16::MAX as u128),
    ("i32", "int32", i32::MIN as i128, i32::MAX as u128),
    ("i64", "int64", i64::MIN as i128, i64::MAX as u128),
    ("isize", "int", isize::MIN as i128, isize::MAX as u128),
    ("i128", "int128", i128::MIN, i128::MAX as u128),
];

fn integer_range(rust: &str) -> Option<(i128, u128)> {
    INTEGERS
        .iter()
        .find(|(name, ..)| *name == rust)
        .map(|&(_, _, min, max)| (min, max))
}

/// The range of the integer type schemars declares with `format` (`uint32`: 0 to 4294967295),
/// when JSON numbers can hold both ends (not the 128-bit types).
pub(crate) fn integer_format_bounds(format: &str) -> Option<(i64, u64)> {
    let &(_, _, min, max) = INTEGERS.iter().find(|(_, f, ..)| *f == format)?;
    Some((i64::try_from(min).ok()?, u64::try_from(max).ok()?))
}

fn client_terms(text: &str) -> Option<String> {
    if let Some((min, max)) = integer_range(text) {
        return Some(format!("an integer from {min} to {max}"));
    }
    if let Some((_, max)) = text.strip_prefix("a nonzero ").and_then(integer_range) {
        return Some(format!("a non-zero integer up to {max}"));
    }
    let fixed = match text {
        "f32" | "f64" => "a number",
        "a boolean" | "bool" => "true or false",
        "a character" | "char" => "a string of one character",
        "a string"
        | "a borrowed string"
        | "a borrowed byte array"
        | "byte array"
        | "os string"
        | "path string"
        | "a borrowed path"
        | "variant identifier"
        | "field identifier" => "a string",
        "option" => "a value or null",
        "unit" => "null",
        "a sequence" => "an array",
        "a map" => "an object",
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.into());
    }
    for prefix in ["a tuple of size ", "an array of length "] {
        if let Some(n) = text.strip_prefix(prefix) {
            return Some(format!("an array of {n} elements"));
        }
    }
    let elements = text
        .rsplit_once(" with ")
        .and_then(|(_, n)| n.strip_suffix(" elements"));
    if text.starts_with("tuple struct ") || text.starts_with("tuple variant ") {
        return Some(match elements {
            Some(n) => format!("an array of {n} elements"),
            None => "an array".into(),
        });
    }
    if text.starts_with("unit struct ") {
        return Some("null".into());
    }
    if text.starts_with("enum ") {
        return Some("a string or an object".into());
    }
    if text.starts_with("struct ")
        || text.starts_with("struct variant ")
        || text.starts_with("internally tagged enum ")
        || text.starts_with("adjacently tagged enum ")
    {
        return Some("an object".into());
    }
    // A Rust path (`my_crate::Thing`) is never the client's business.
    text.contains("::")
        .then(|| "a value of another kind".into())
}

/// What the client sent, in JSON terms.
fn sent(unexpected: Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(b) => b.to_string(),
        Unexpected::Unsigned(n) => format!("the number {n}"),
        Unexpected::Signed(n) => format!("the number {n}"),
        Unexpected::Float(n) => format!("the number {n}"),
        Unexpected::Char(c) => format!("the string {}", quoted(c.encode_utf8(&mut [0; 4]))),
        Unexpected::Str(s) => format!("the string {}", quoted(s)),
        Unexpected::Bytes(_) => "bytes".into(),
        Unexpected::Unit | Unexpected::Option => "null".into(),
        Unexpected::Seq | Unexpected::TupleVariant => "an array".into(),
        Unexpected::Map | Unexpected::StructVariant | Unexpected::NewtypeVariant => {
            "an object".into()
        }
        Unexpected::UnitVariant => "a string".into(),
        Unexpected::NewtypeStruct | Unexpected::Enum => "a value".into(),
        Unexpected::Other(other) => other.into(),
    }
}

/// At most this many characters of a client's value are echoed in a message.
const ECHO_LIMIT: usize = 40;

pub(crate) fn shorten(s: &str) -> String {
    match s.char_indices().nth(ECHO_LIMIT) {
        Some((end, _)) => format!("{}...", &s[..end]),
        None => s.to_string(),
    }
}

pub(crate) fn quoted(s: &str) -> String {
    serde_json::to_string(&shorten(s)).unwrap_or_default()
}

fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a value sits: rendered `tags[2].name`, `["odd key"]`.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                parent.fmt(f)?;
                write_key(f, key, matches!(parent, Path::Root))
            }
            Path::Index(parent, index) => {
                parent.fmt(f)?;
                write!(f, "[{index}]")
            }
        }
    }
}

/// One step of a JSON path, for [`json_path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A JSON path written as in every message: `tags[2].name`, `["odd key"]`.
pub(crate) fn json_path<'a>(steps: impl IntoIterator<Item = Step<'a>>) -> String {
    struct Steps<'a>(Vec<Step<'a>>);
    impl Display for Steps<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            for (i, step) in self.0.iter().enumerate() {
                match step {
                    Step::Key(key) => write_key(f, key, i == 0)?,
                    Step::Index(index) => write!(f, "[{index}]")?,
                }
            }
            Ok(())
        }
    }
    Steps(steps.into_iter().collect()).to_string()
}

/// `name`, `.name` after a parent, or `["odd key"]`.
fn write_key(f: &mut fmt::Formatter<'_>, key: &str, first: bool) -> fmt::Result {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '$');
    match (plain, first) {
        (true, true) => f.write_str(key),
        (true, false) => write!(f, ".{key}"),
        (false, _) => write!(f, "[{}]", quoted(key)),
    }
}

/// What the client sent, in JSON terms: `the number 5`, `the string "x"`, `an array`.
pub(crate) fn sent_json(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", quoted(s)),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[derive(Clone, Copy)]
enum Input<'de, 'a> {
    Json(&'de Value),
    /// Text read as the requested type: a query value, an object key.
    Text(&'de str),
    /// Every value of a repeated query parameter.
    Texts(&'a [&'de str]),
    /// The query string: parameters by name.
    Query(&'de [(String, String)]),
}

/// One value of the input, at its path.
#[derive(Clone, Copy)]
struct Node<'de, 'a> {
    input: Input<'de, 'a>,
    path: Path<'a>,
}

impl<'de, 'a> Node<'de, 'a> {
    fn locate<T>(&self, result: Result<T, InputError>) -> Result<T, InputError> {
        result.map_err(|e| e.located_at(&self.path))
    }

    fn mismatch(&self, expected: &str) -> InputError {
        let got = match self.input {
            Input::Json(value) => sent_json(value),
            Input::Text(s) => format!("the string {}", quoted(s)),
            Input::Texts(values) => format!("{} values", values.len()),
            Input::Query(_) => "query parameters".into(),
        };
        InputError::new(Problem::Mismatch {
            expected: expected.into(),
            got,
        })
        .located_at(&self.path)
    }

    /// A value that must be one: a repeated parameter is refused.
    fn single(&self) -> Result<(), InputError> {
        match self.input {
            Input::Texts(values) => {
                Err(InputError::new(Problem::Repeated(values.len())).located_at(&self.path))
            }
            _ => Ok(()),
        }
    }

    /// A number: JSON numbers as they are, text parsed.
    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.single()?;
        match self.input {
            Input::Text(s) => {
                let result = if let Ok(n) = s.parse::<u64>() {
                    visitor.visit_u64(n)
                } else if let Ok(n) = s.parse::<i64>() {
                    visitor.visit_i64(n)
                } else if let Some(n) = s.parse::<f64>().ok().filter(|n| n.is_finite()) {
                    visitor.visit_f64(n)
                } else {
                    visitor.visit_borrowed_str(s)
                };
                self.locate(result)
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn sequence<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        let result = match self.input {
            Input::Json(Value::Array(items)) => {
                let mut access = Items {
                    items: items.iter().enumerate(),
                    path: self.path,
                };
                visitor.visit_seq(&mut access).and_then(|v| access.end(v))
            }
            Input::Texts(values) => {
                let mut access = TextItems {
                    values: values.iter().enumerate(),
                    path: self.path,
                };
                visitor.visit_seq(&mut access).and_then(|v| access.end(v))
            }
            // One value of a parameter that may repeat.
            Input::Text(value) => {
                let one = [value];
                let mut access = TextItems {
                    values: one.iter().enumerate(),
                    path: self.path,
                };
                visitor.visit_seq(&mut access).and_then(|v| access.end(v))
            }
            _ => return Err(self.mismatch("an array")),
        };
        self.locate(result)
    }

    fn object<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        let result = match self.input {
            Input::Json(Value::Object(map)) => visitor.visit_map(Members {
                members: map.iter(),
                pending: None,
                path: self.path,
            }),
            Input::Query(pairs) => {
                let mut by_name: IndexMap<&'de str, Vec<&'de str>> = IndexMap::new();
                for (name, value) in pairs {
                    by_name.entry(name).or_default().push(value);
                }
                visitor.visit_map(Parameters {
                    by_name: by_name.into_iter().collect(),
                    next: 0,
                    path: self.path,
                })
            }
            _ => return Err(self.mismatch("an object")),
        };
        self.locate(result)
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
            self.number(visitor)
        }
    )*};
}

macro_rules! single_values {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
            self.single()?;
            self.deserialize_any(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Node<'de, '_> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        let result = match self.input {
            Input::Json(Value::Null) => visitor.visit_unit(),
            Input::Json(Value::Bool(b)) => visitor.visit_bool(*b),
            Input::Json(Value::Number(n)) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Input::Json(Value::String(s)) => visitor.visit_borrowed_str(s),
            Input::Text(s) => visitor.visit_borrowed_str(s),
            Input::Json(Value::Array(_)) | Input::Texts(_) => return self.sequence(visitor),
            Input::Json(Value::Object(_)) | Input::Query(_) => return self.object(visitor),
        };
        self.locate(result)
    }

    numbers!(deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_f32 deserialize_f64);

    single_values!(deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf);

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.single()?;
        let result = match self.input {
            Input::Text("true") => visitor.visit_bool(true),
            Input::Text("false") => visitor.visit_bool(false),
            _ => return self.deserialize_any(visitor),
        };
        self.locate(result)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        let result = match self.input {
            Input::Json(Value::Null) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        };
        self.locate(result)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.input {
            Input::Json(Value::Null) => self.locate(visitor.visit_unit()),
            _ => Err(self.mismatch("null")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.locate(visitor.visit_newtype_struct(self))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.sequence(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.sequence(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.sequence(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.object(visitor)
    }

    /// Only an object: serde's positional form (an array) is not what the schema declares.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.object(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.single()?;
        let result = match self.input {
            Input::Json(Value::String(s)) => visitor.visit_enum(Variant {
                name: s,
                value: None,
                path: self.path,
            }),
            Input::Text(s) => visitor.visit_enum(Variant {
                name: s,
                value: None,
                path: self.path,
            }),
            Input::Json(Value::Object(map)) if map.len() == 1 => {
                let Some((name, value)) = map.iter().next() else {
                    return Err(self.mismatch("an object with one member"));
                };
                visitor.visit_enum(Variant {
                    name,
                    value: Some(value),
                    path: self.path,
                })
            }
            _ => return Err(self.mismatch(&format!("one of {}", one_of(variants)))),
        };
        self.locate(result)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        visitor.visit_unit()
    }
}

/// The elements of a JSON array.
struct Items<'de, 'a> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    path: Path<'a>,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = InputError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, InputError> {
        let Some((index, item)) = self.items.next() else {
            return Ok(None);
        };
        seed.deserialize(Node {
            input: Input::Json(item),
            path: Path::Index(&self.path, index),
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

impl Items<'_, '_> {
    /// A fixed-size target (a tuple) must take every element.
    fn end<T>(&self, value: T) -> Result<T, InputError> {
        end_of_sequence(value, self.items.len(), &self.items.clone().next())
    }
}

fn end_of_sequence<T, X>(
    value: T,
    left: usize,
    next: &Option<(usize, X)>,
) -> Result<T, InputError> {
    match next {
        None => Ok(value),
        Some((taken, _)) => Err(InputError::new(Problem::Mismatch {
            expected: format!("an array of {taken} elements"),
            got: format!("{} elements", taken + left),
        })),
    }
}

/// The values of a repeated query parameter.
struct TextItems<'de, 'a> {
    values: std::iter::Enumerate<std::slice::Iter<'a, &'de str>>,
    path: Path<'a>,
}

impl<'de> SeqAccess<'de> for TextItems<'de, '_> {
    type Error = InputError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, InputError> {
        let Some((index, value)) = self.values.next() else {
            return Ok(None);
        };
        seed.deserialize(Node {
            input: Input::Text(value),
            path: Path::Index(&self.path, index),
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.values.len())
    }
}

impl TextItems<'_, '_> {
    fn end<T>(&self, value: T) -> Result<T, InputError> {
        end_of_sequence(value, self.values.len(), &self.values.clone().next())
    }
}

/// The members of a JSON object.
struct Members<'de, 'a> {
    members: serde_json::map::Iter<'de>,
    pending: Option<(&'de str, &'de Value)>,
    path: Path<'a>,
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        let Some((name, value)) = self.members.next() else {
            return Ok(None);
        };
        self.pending = Some((name, value));
        // A problem with the name (an unknown field) is the object's.
        seed.deserialize(Node {
            input: Input::Text(name),
            path: self.path,
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, InputError> {
        let Some((name, value)) = self.pending.take() else {
            return Err(de::Error::custom("a value was read before its name"));
        };
        seed.deserialize(Node {
            input: Input::Json(value),
            path: Path::Key(&self.path, name),
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// Query parameters by name.
struct Parameters<'de, 'a> {
    by_name: Vec<(&'de str, Vec<&'de str>)>,
    next: usize,
    path: Path<'a>,
}

impl<'de> MapAccess<'de> for Parameters<'de, '_> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        let Some((name, _)) = self.by_name.get(self.next) else {
            return Ok(None);
        };
        seed.deserialize(Node {
            input: Input::Text(name),
            path: self.path,
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, InputError> {
        let index = self.next;
        self.next += 1;
        let Some((name, values)) = self.by_name.get(index) else {
            return Err(de::Error::custom("a value was read before its name"));
        };
        let input = match values.as_slice() {
            [one] => Input::Text(one),
            many => Input::Texts(many),
        };
        seed.deserialize(Node {
            input,
            path: Path::Key(&self.path, name),
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.by_name.len() - self.next)
    }
}

/// An enum value: a string (unit variant) or an object with one member (the variant's data).
struct Variant<'de, 'a> {
    name: &'de str,
    value: Option<&'de Value>,
    path: Path<'a>,
}

impl<'de, 'a> EnumAccess<'de> for Variant<'de, 'a> {
    type Error = InputError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self), InputError> {
        let variant = seed.deserialize(Node {
            input: Input::Text(self.name),
            path: self.path,
        })?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de, '_> {
    type Error = InputError;

    /// A variant without data is a bare string, as the schema declares it (serde_json would also
    /// take `{"name": null}`).
    fn unit_variant(self) -> Result<(), InputError> {
        match self.value {
            None => Ok(()),
            Some(_) => Err(InputError::new(Problem::Mismatch {
                expected: format!("the string {}", quoted(self.name)),
                got: "an object".into(),
            })
            .located_at(&self.path)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, InputError> {
        let value = self.data("a value")?;
        seed.deserialize(Node {
            input: Input::Json(value),
            path: Path::Key(&self.path, self.name),
        })
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        let value = self.data("an array")?;
        Node {
            input: Input::Json(value),
            path: Path::Key(&self.path, self.name),
        }
        .sequence(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        let value = self.data("an object")?;
        Node {
            input: Input::Json(value),
            path: Path::Key(&self.path, self.name),
        }
        .object(visitor)
    }
}

impl<'de> Variant<'de, '_> {
    /// The variant's data; a bare string names a variant without any.
    fn data(&self, expected: &str) -> Result<&'de Value, InputError> {
        self.value.ok_or_else(|| {
            InputError::new(Problem::Mismatch {
                expected: format!("an object {{\"{}\": {expected}}}", self.name),
                got: format!("the string {}", quoted(self.name)),
            })
            .located_at(&self.path)
        })
    }
}

/// A JSON document whose objects never repeat a name.
struct UniqueNames(Value);

impl<'de> de::Deserialize<'de> for UniqueNames {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(UniqueNamesVisitor)
            .map(UniqueNames)
    }
}

struct UniqueNamesVisitor;

impl<'de> Visitor<'de> for UniqueNamesVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(UniqueNames(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(name) = map.next_key::<String>()? {
            let UniqueNames(value) = map.next_value()?;
            if members.contains_key(&name) {
                return Err(de::Error::custom(format_args!(
                    "an object repeats the name `{}`",
                    shorten(&name)
                )));
            }
            members.insert(name, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Pet {
        name: String,
        tags: Option<Vec<String>>,
        #[serde(default)]
        status: Status,
        age: Option<u8>,
    }

    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(rename_all = "lowercase")]
    enum Status {
        #[default]
        Available,
        Adopted,
    }

    fn json_error(value: Value) -> String {
        from_json::<Pet>(&value).unwrap_err().to_string()
    }

    #[test]
    fn json_paths_and_json_types() {
        assert_eq!(
            json_error(json!({"name": "Rex", "tags": ["a", "b", 5]})),
            "`tags[2]`: expected a string, got the number 5"
        );
        assert_eq!(
            json_error(json!([])),
            "expected an object, got an array",
            "no positional struct"
        );
        assert_eq!(
            json_error(json!({"name": "Rex", "status": "sold"})),
            "`status`: `sold` is not one of `available`, `adopted`"
        );
        assert_eq!(
            json_error(json!({"name": "Rex", "status": 3})),
            "`status`: expected one of `available`, `adopted`, got the number 3"
        );
        assert_eq!(
            json_error(json!({"name": "Rex", "status": {"adopted": null}})),
            "`status`: expected the string \"adopted\", got an object"
        );
        assert_eq!(
            json_error(json!({"name": "Rex", "age": 300})),
            "`age`: expected an integer from 0 to 255, got the number 300"
        );
        assert_eq!(json_error(json!({})), "missing field `name`");
        assert_eq!(
            json_error(json!({"name": "Rex", "color": "red"})),
            "unknown field `color`; expected one of `name`, `tags`, `status`, `age`"
        );
        assert_eq!(
            json_error(json!({"name": null})),
            "`name`: expected a string, got null"
        );
        assert_eq!(
            from_json::<Pet>(&json!({"name": "Rex", "tags": null})).unwrap(),
            Pet {
                name: "Rex".into(),
                tags: None,
                status: Status::Available,
                age: None
            }
        );
    }

    #[test]
    fn odd_keys_are_quoted_in_paths() {
        let e =
            from_json::<std::collections::BTreeMap<String, u32>>(&json!({"a b": "x"})).unwrap_err();
        assert_eq!(e.path(), "[\"a b\"]");
    }

    #[test]
    fn tuples_take_every_element() {
        let e = from_json::<(u8, u8)>(&json!([1, 2, 3])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected an array of 2 elements, got 3 elements"
        );
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct ListQuery {
        limit: Option<u32>,
        status: Option<Status>,
        tag: Option<Vec<String>>,
        exact: Option<bool>,
    }

    fn query(pairs: &[(&str, &str)]) -> Result<ListQuery, InputError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        from_query(&pairs)
    }

    #[test]
    fn query_values_read_as_their_type() {
        let q = query(&[
            ("limit", "10"),
            ("tag", "a"),
            ("tag", "b"),
            ("exact", "true"),
        ])
        .unwrap();
        assert_eq!(q.limit, Some(10));
        assert_eq!(q.tag, Some(vec!["a".into(), "b".into()]));
        assert_eq!(q.exact, Some(true));
        assert_eq!(query(&[("tag", "a")]).unwrap().tag, Some(vec!["a".into()]));
        assert_eq!(
            query(&[("limit", "4294967296")]).unwrap_err().to_string(),
            "`limit`: expected an integer from 0 to 4294967295, got the number 4294967296"
        );
        assert_eq!(
            query(&[("limit", "-1")]).unwrap_err().to_string(),
            "`limit`: expected an integer from 0 to 4294967295, got the number -1"
        );
        assert_eq!(
            query(&[("limit", "abc")]).unwrap_err().to_string(),
            "`limit`: expected an integer from 0 to 4294967295, got the string \"abc\""
        );
        assert_eq!(
            query(&[("limit", "1"), ("limit", "2")])
                .unwrap_err()
                .to_string(),
            "`limit`: sent 2 times; send it once"
        );
        assert_eq!(
            query(&[("exact", "yes")]).unwrap_err().to_string(),
            "`exact`: expected true or false, got the string \"yes\""
        );
    }

    #[test]
    fn duplicate_names_are_refused() {
        let e = parse_json(br#"{"name": "a", "name": "b"}"#).unwrap_err();
        assert!(e.to_string().contains("repeats the name `name`"), "{e}");
        assert_eq!(
            parse_json(br#"{"a": [1, {"b": null}]}"#).unwrap(),
            json!({"a": [1, {"b": null}]})
        );
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(1000);
        let e = json_error(json!({"name": "Rex", "status": long}));
        assert!(e.len() < 200, "{e}");
    }
}
