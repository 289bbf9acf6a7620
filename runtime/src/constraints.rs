//! Constraints declared once: the JSON Schema the OpenAPI document declares for a request body, a
//! query parameter, a path parameter or a header is the rule apigw enforces before the handler
//! runs.
//!
//! Constraints are written where the type is declared, with schemars' attributes
//! (`#[schemars(range(min = 1, max = 100))]`, `length(max = 100)`, `regex(pattern = ...)`; the
//! `#[validate(...)]` and `#[garde(...)]` spellings schemars also reads work the same), or come
//! with the type itself (an integer's range, an enum's values, a set's unique items). schemars
//! turns them into schema keywords; apigw checks the value the client sent against that very
//! schema (compiled once per type with `boon`, a JSON Schema validator), so the document, the
//! function and every client generated from the document apply one rule. Lengths count
//! characters (Unicode scalar values), as JSON Schema's `maxLength` does; patterns are ECMA-262
//! regular expressions, as JSON Schema's `pattern` is.
//!
//! Every broken constraint is reported, each at its place in the client's terms: a JSON path
//! (`tags[2]`) or a parameter name, and what the schema expects (`expected an integer from 1 to
//! 100, got the number 0`), never a Rust type.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use boon::{ErrorKind, ValidationError};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use serde_json::{Map, Value};

use crate::deserialize::{
    InputError, Step, integer_format_bounds, json_path, quoted, sent_json, shorten,
};

/// A pattern for strings that are not blank: at least one character that is not white space
/// (Unicode `White_Space`, what `str::trim` removes). The characters are listed rather than
/// written `\S`, whose meaning differs between regular-expression engines (ECMA-262 counts
/// U+FEFF as space, Python counts U+001C..U+001F), so every client and validator agrees.
///
/// ```
/// # use apigw::prelude::*;
/// #[derive(Deserialize, JsonSchema)]
/// pub struct NewPet {
///     #[schemars(length(max = 100), regex(pattern = apigw::NON_BLANK))]
///     pub name: String,
/// }
/// ```
pub const NON_BLANK: &str =
    "[^\\t-\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";

/// Declares the range of Rust's integer types in schemas: schemars says `format: uint32,
/// minimum: 0` but not the maximum the deserializer enforces, so a client could send
/// 4294967296 believing it valid. Added to every schema apigw generates (the document's and the
/// ones it validates with); a bound the user declared is kept.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeclareIntegerBounds;

impl Transform for DeclareIntegerBounds {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        let bounds = schema
            .get("format")
            .and_then(Value::as_str)
            .and_then(integer_format_bounds);
        if let (Some((min, max)), Some(object)) = (bounds, schema.as_object_mut()) {
            let declared = |object: &Map<String, Value>, keys: [&str; 2]| {
                keys.iter().any(|k| object.contains_key(*k))
            };
            if !declared(object, ["minimum", "exclusiveMinimum"]) {
                object.insert("minimum".into(), min.into());
            }
            if !declared(object, ["maximum", "exclusiveMaximum"]) {
                object.insert("maximum".into(), max.into());
            }
        }
        transform_subschemas(self, schema);
    }
}

/// The settings of the schemas apigw validates with: JSON Schema 2020-12 (what the validator
/// reads; the document's OpenAPI 3.0 schemas are the same keywords in that dialect's spelling).
fn validation_settings() -> SchemaSettings {
    SchemaSettings::draft2020_12().with_transform(DeclareIntegerBounds)
}

/// Where the compiled schema lives for the validator (it is never fetched).
const SCHEMA_URL: &str = "urn:apigw:request";

/// The compiled schema of one request type.
pub(crate) struct Constraints {
    /// The schema as generated (definitions under `$defs`), to read bounds and types from.
    schema: Value,
    compiled: boon::Schemas,
    index: boon::SchemaIndex,
}

/// Why a type's schema could not be compiled: a declared pattern that is not a regular
/// expression, for instance. It is the API's mistake, not the client's.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the schema of `{type_name}` cannot be enforced: {reason}")]
pub struct ConstraintError {
    /// The Rust type whose schema it is (for the API's author, never shown to clients).
    pub type_name: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Constraints {
    /// `T`'s constraints, compiled on first use and kept for the life of the process.
    pub(crate) fn of<T: JsonSchema + 'static>() -> Result<Arc<Constraints>, ConstraintError> {
        static CACHE: OnceLock<RwLock<HashMap<TypeId, Arc<Constraints>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let id = TypeId::of::<T>();
        if let Some(found) = cache
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
        {
            return Ok(found);
        }
        let compiled = Arc::new(
            Self::compile(
                validation_settings()
                    .into_generator()
                    .into_root_schema_for::<T>()
                    .to_value(),
            )
            .map_err(|reason| ConstraintError {
                type_name: T::schema_name().into_owned(),
                reason,
            })?,
        );
        cache
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, compiled.clone());
        Ok(compiled)
    }

    fn compile(schema: Value) -> Result<Constraints, String> {
        let mut compiler = boon::Compiler::new();
        // `format` is part of what the document promises (`email`, `date-time`, ...); formats
        // the validator does not know (`uint32`, `double`) are descriptive and pass.
        compiler.enable_format_assertions();
        compiler
            .add_resource(SCHEMA_URL, schema.clone())
            .map_err(|e| e.to_string())?;
        let mut compiled = boon::Schemas::new();
        let index = compiler
            .compile(SCHEMA_URL, &mut compiled)
            .map_err(|e| format!("{e:#}"))?;
        Ok(Constraints {
            schema,
            compiled,
            index,
        })
    }

    /// Every constraint `instance` breaks, in the order the client wrote the values.
    pub(crate) fn check(&self, instance: &Value) -> Vec<InputError> {
        let Err(error) = self.compiled.validate(instance, self.index) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        self.collect(&error, &mut found);
        let mut violations: Vec<(Vec<usize>, InputError)> = found
            .into_iter()
            .map(|leaf| {
                let order = client_order(instance, &leaf.instance_location.tokens);
                let steps = leaf.instance_location.tokens.iter().map(|t| match t {
                    boon::InstanceToken::Prop(p) => Step::Key(p),
                    boon::InstanceToken::Item(i) => Step::Index(*i),
                });
                let problem = self.problem(leaf, instance);
                (order, InputError::violation(json_path(steps), problem))
            })
            .collect();
        violations.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<InputError> = Vec::new();
        for (_, v) in violations {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }

    /// The errors to report: the leaves of boon's tree. Of the alternatives of an `anyOf` or
    /// `oneOf`, the one the value has the shape of (its type) is the one whose errors matter.
    fn collect<'e, 's, 'v>(
        &self,
        error: &'e ValidationError<'s, 'v>,
        out: &mut Vec<&'e ValidationError<'s, 'v>>,
    ) {
        match &error.kind {
            ErrorKind::AnyOf | ErrorKind::OneOf(None) => {
                let fitting: Vec<&'e ValidationError<'s, 'v>> = error
                    .causes
                    .iter()
                    .filter(|branch| !fails_on_shape(branch, &error.instance_location))
                    .collect();
                match fitting[..] {
                    [one] => self.collect(one, out),
                    _ => out.push(error),
                }
            }
            _ if error.causes.is_empty() => out.push(error),
            ErrorKind::Not | ErrorKind::OneOf(Some(_)) => out.push(error),
            _ => error.causes.iter().for_each(|c| self.collect(c, out)),
        }
    }

    /// The subschema an error was found in.
    fn subschema(&self, error: &ValidationError) -> Option<&Value> {
        let (_, fragment) = error.schema_url.split_once('#')?;
        let pointer = percent_decode(fragment);
        self.schema.pointer(&pointer)
    }

    /// What is wrong, in JSON terms.
    fn problem(&self, error: &ValidationError, instance: &Value) -> String {
        let value = instance_at(instance, &error.instance_location.tokens);
        let got = value.map(sent_json).unwrap_or_else(|| "a value".into());
        let here = self.subschema(error);
        let keyword = |k: &str| here.and_then(|s| s.get(k));
        match &error.kind {
            ErrorKind::Minimum { .. }
            | ErrorKind::Maximum { .. }
            | ErrorKind::ExclusiveMinimum { .. }
            | ErrorKind::ExclusiveMaximum { .. } => {
                let integer =
                    here.is_some_and(|s| self.accepts(s).integer && !self.accepts(s).number);
                let kind = if integer { "an integer" } else { "a number" };
                format!("expected {kind} {}, got {got}", range_words(here))
            }
            ErrorKind::MultipleOf { want, .. } => {
                format!("expected a multiple of {want}, got {got}")
            }
            ErrorKind::MinLength { got: count, .. } | ErrorKind::MaxLength { got: count, .. } => {
                format!(
                    "expected a string of {}, got {}",
                    count_words(keyword("minLength"), keyword("maxLength"), "character"),
                    counted(*count, "character")
                )
            }
            ErrorKind::MinItems { got: count, .. } | ErrorKind::MaxItems { got: count, .. } => {
                format!(
                    "expected an array of {}, got {}",
                    count_words(keyword("minItems"), keyword("maxItems"), "element"),
                    counted(*count, "element")
                )
            }
            ErrorKind::UniqueItems { got: [i, j] } => {
                format!("expected an array of unique elements, got equal elements at {i} and {j}")
            }
            ErrorKind::Pattern { want, .. } if *want == NON_BLANK => {
                format!("expected a string that is not blank, got {got}")
            }
            ErrorKind::Pattern { want, .. } => {
                format!("expected a string matching the pattern `{want}`, got {got}")
            }
            ErrorKind::Format { want, .. } => {
                format!("expected a string in the `{want}` format, got {got}")
            }
            ErrorKind::Enum { want } => match value {
                Some(Value::String(s)) if want.iter().all(Value::is_string) => {
                    format!("`{}` is not one of {}", shorten(s), values_list(want))
                }
                _ => format!("expected one of {}, got {got}", values_list(want)),
            },
            ErrorKind::Const { want } => format!("expected {}, got {got}", value_words(want)),
            ErrorKind::Type { want, .. } => {
                let names: Vec<&str> = want.iter().map(type_words).collect();
                format!("expected {}, got {got}", names.join(" or "))
            }
            ErrorKind::Required { want } => {
                let names: Vec<String> = want.iter().map(|n| format!("`{n}`")).collect();
                format!("missing {}", names.join(", "))
            }
            ErrorKind::AdditionalProperties { got: names } => {
                let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                format!("unknown {}: none is accepted here", names.join(", "))
            }
            ErrorKind::AnyOf | ErrorKind::OneOf(None) => {
                "the value matches none of the accepted forms".into()
            }
            ErrorKind::OneOf(Some(_)) => {
                "the value matches more than one of the accepted forms".into()
            }
            ErrorKind::Not | ErrorKind::FalseSchema => "no value is accepted here".into(),
            // The rest (`contains`, `minProperties`, dependencies, ...) are worded by the
            // validator in JSON terms already.
            other => other.to_string(),
        }
    }

    /// The JSON types `schema` accepts, through references and alternatives.
    fn accepts(&self, schema: &Value) -> Accepted {
        let mut accepted = Accepted::default();
        self.accepted_types(schema, &mut accepted, 0);
        accepted
    }

    fn accepted_types(&self, schema: &Value, out: &mut Accepted, depth: usize) {
        // Deep enough for any alias chain schemars writes; a reference cycle stops here.
        if depth > 16 {
            return;
        }
        let Some(object) = schema.as_object() else {
            return;
        };
        if let Some(target) = self.reference(object) {
            self.accepted_types(target, out, depth + 1);
        }
        match object.get("type") {
            Some(Value::String(t)) => out.add(t),
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .for_each(|t| out.add(t)),
            _ => {}
        }
        for value in object
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(object.get("const"))
        {
            out.add_value(value);
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for alternative in object
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.accepted_types(alternative, out, depth + 1);
            }
        }
    }

    /// The target of a local `$ref`.
    fn reference(&self, object: &Map<String, Value>) -> Option<&Value> {
        let pointer = object.get("$ref")?.as_str()?.strip_prefix('#')?;
        self.schema.pointer(&percent_decode(pointer))
    }

    /// The `items` schema of an array schema, through references and alternatives.
    fn items<'a>(&'a self, schema: &'a Value, depth: usize) -> Option<&'a Value> {
        let object = schema.as_object()?;
        if depth > 16 {
            return None;
        }
        if let Some(items) = object.get("items") {
            return Some(items);
        }
        if let Some(found) = self
            .reference(object)
            .and_then(|t| self.items(t, depth + 1))
        {
            return Some(found);
        }
        ["anyOf", "oneOf", "allOf"].iter().find_map(|key| {
            object
                .get(*key)?
                .as_array()?
                .iter()
                .find_map(|alternative| self.items(alternative, depth + 1))
        })
    }

    /// A parameter's text as the JSON value its schema describes: `10` is the number 10 when the
    /// schema accepts numbers, `true` a boolean when it accepts booleans, anything else a string.
    /// This is how OpenAPI serializes a scalar parameter, and how the deserializer read it.
    pub(crate) fn text_value(&self, text: &str, schema: &Value) -> Value {
        let accepted = self.accepts(schema);
        if accepted.integer || accepted.number {
            if let Ok(n) = text.parse::<u64>() {
                return n.into();
            }
            if let Ok(n) = text.parse::<i64>() {
                return n.into();
            }
            if let Some(n) = text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
            {
                return Value::Number(n);
            }
        }
        if accepted.boolean && (text == "true" || text == "false") {
            return Value::Bool(text == "true");
        }
        Value::String(text.into())
    }

    /// A parameter that may repeat: an array when its schema takes one, else its single value.
    fn texts_value(&self, texts: &[&str], schema: &Value) -> Value {
        if self.accepts(schema).array {
            static ANY: Value = Value::Bool(true);
            let items = self.items(schema, 0).unwrap_or(&ANY);
            Value::Array(texts.iter().map(|t| self.text_value(t, items)).collect())
        } else {
            texts
                .last()
                .map(|t| self.text_value(t, schema))
                .unwrap_or(Value::Null)
        }
    }

    /// The query string as the JSON object the schema of the query type describes.
    pub(crate) fn query_value(&self, pairs: &[(String, String)]) -> Value {
        let mut by_name: indexmap::IndexMap<&str, Vec<&str>> = indexmap::IndexMap::new();
        for (name, value) in pairs {
            by_name
                .entry(name.as_str())
                .or_default()
                .push(value.as_str());
        }
        let root = self.resolved(&self.schema);
        let properties = root.get("properties").and_then(Value::as_object);
        let any = Value::Bool(true);
        let object: Map<String, Value> = by_name
            .into_iter()
            .map(|(name, texts)| {
                let schema = properties.and_then(|p| p.get(name)).unwrap_or(&any);
                (name.to_string(), self.texts_value(&texts, schema))
            })
            .collect();
        Value::Object(object)
    }

    /// A text (path parameter, header) as the JSON value the type's schema describes.
    pub(crate) fn root_text_value(&self, text: &str) -> Value {
        self.text_value(text, &self.schema)
    }

    /// `schema`, or what its `$ref` points at.
    fn resolved<'a>(&'a self, schema: &'a Value) -> &'a Value {
        schema
            .as_object()
            .and_then(|o| self.reference(o))
            .unwrap_or(schema)
    }
}

/// Whether an alternative of `anyOf`/`oneOf` failed because the value does not have its shape
/// (another JSON type, not one of its values) rather than because of a constraint.
fn fails_on_shape(error: &ValidationError, at: &boon::InstanceLocation) -> bool {
    let same = |a: &boon::InstanceToken, b: &boon::InstanceToken| match (a, b) {
        (boon::InstanceToken::Prop(a), boon::InstanceToken::Prop(b)) => a == b,
        (boon::InstanceToken::Item(a), boon::InstanceToken::Item(b)) => a == b,
        _ => false,
    };
    let (mine, theirs) = (&error.instance_location.tokens, &at.tokens);
    let here = mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(a, b)| same(a, b));
    match &error.kind {
        ErrorKind::Type { .. } | ErrorKind::Enum { .. } | ErrorKind::Const { .. } if here => true,
        ErrorKind::FalseSchema if here => true,
        _ => error.causes.iter().any(|c| fails_on_shape(c, at)),
    }
}

/// The JSON types a schema accepts.
#[derive(Debug, Default, Clone, Copy)]
struct Accepted {
    integer: bool,
    number: bool,
    boolean: bool,
    array: bool,
}

impl Accepted {
    fn add(&mut self, name: &str) {
        match name {
            "integer" => self.integer = true,
            "number" => self.number = true,
            "boolean" => self.boolean = true,
            "array" => self.array = true,
            _ => {}
        }
    }

    fn add_value(&mut self, value: &Value) {
        match value {
            Value::Number(n) if n.is_f64() => self.number = true,
            Value::Number(_) => self.integer = true,
            Value::Bool(_) => self.boolean = true,
            Value::Array(_) => self.array = true,
            _ => {}
        }
    }
}

/// `from 1 to 100`, `of at least 1`, `greater than 0 and at most 10`, from a schema's bounds.
fn range_words(schema: Option<&Value>) -> String {
    let get = |k: &str| schema.and_then(|s| s.get(k)).filter(|v| v.is_number());
    let lower = match (get("minimum"), get("exclusiveMinimum")) {
        (_, Some(e)) => Some(format!("greater than {e}")),
        (Some(m), None) => Some(format!("at least {m}")),
        (None, None) => None,
    };
    let upper = match (get("maximum"), get("exclusiveMaximum")) {
        (_, Some(e)) => Some(format!("less than {e}")),
        (Some(m), None) => Some(format!("at most {m}")),
        (None, None) => None,
    };
    match (
        get("minimum"),
        get("maximum"),
        get("exclusiveMinimum"),
        get("exclusiveMaximum"),
    ) {
        (Some(min), Some(max), None, None) => format!("from {min} to {max}"),
        _ => match (lower, upper) {
            (Some(l), Some(u)) => format!("{l} and {u}"),
            (Some(l), None) => l,
            (None, Some(u)) => u,
            (None, None) => "in range".into(),
        },
    }
}

/// `1 to 100 characters`, `at least 1 character`, `exactly 5 elements`, from count bounds.
fn count_words(min: Option<&Value>, max: Option<&Value>, unit: &str) -> String {
    match (min.and_then(Value::as_u64), max.and_then(Value::as_u64)) {
        (Some(a), Some(b)) if a == b => format!("exactly {}", counted(b as usize, unit)),
        (Some(a), Some(b)) => format!("{a} to {}", counted(b as usize, unit)),
        (Some(a), None) => format!("at least {}", counted(a as usize, unit)),
        (None, Some(b)) => format!("at most {}", counted(b as usize, unit)),
        (None, None) => format!("another number of {unit}s"),
    }
}

/// `1 character`, `3 characters`.
fn counted(n: usize, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn type_words(t: boon::Type) -> &'static str {
    match t {
        boon::Type::Null => "null",
        boon::Type::Boolean => "true or false",
        boon::Type::Number => "a number",
        boon::Type::Integer => "an integer",
        boon::Type::String => "a string",
        boon::Type::Array => "an array",
        boon::Type::Object => "an object",
    }
}

fn value_words(value: &Value) -> String {
    match value {
        Value::String(s) => format!("the string {}", quoted(s)),
        other => sent_json(other),
    }
}

fn values_list(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| match v {
            Value::String(s) => format!("`{s}`"),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The value at a location of the instance.
fn instance_at<'v>(instance: &'v Value, tokens: &[boon::InstanceToken]) -> Option<&'v Value> {
    tokens
        .iter()
        .try_fold(instance, |value, token| match token {
            boon::InstanceToken::Prop(p) => value.get(p.as_ref()),
            boon::InstanceToken::Item(i) => value.get(*i),
        })
}

/// A sort key that puts errors in the order the client wrote the values.
fn client_order(instance: &Value, tokens: &[boon::InstanceToken]) -> Vec<usize> {
    let mut value = Some(instance);
    tokens
        .iter()
        .map(|token| match token {
            boon::InstanceToken::Prop(p) => {
                let position = value
                    .and_then(Value::as_object)
                    .and_then(|o| o.keys().position(|k| k == p.as_ref()))
                    .unwrap_or(usize::MAX);
                value = value.and_then(|v| v.get(p.as_ref()));
                position
            }
            boon::InstanceToken::Item(i) => {
                value = value.and_then(|v| v.get(*i));
                *i
            }
        })
        .collect()
}

/// A URL fragment's JSON pointer with its percent-escapes decoded.
fn percent_decode(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

/// A `pattern` of the document that is not a regular expression the validator can enforce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPattern {
    /// Where it is: a JSON pointer into the document.
    pub at: String,
    /// The pattern as declared.
    pub pattern: String,
    /// Why it cannot be compiled.
    pub reason: String,
}

/// Every `pattern` of `document` that apigw could not enforce, found before deployment (a
/// request would otherwise answer 500 the first time it reaches that schema).
#[cfg(feature = "synth")]
pub(crate) fn invalid_patterns(document: &Value) -> Vec<InvalidPattern> {
    fn walk(value: &Value, at: &mut String, out: &mut Vec<InvalidPattern>) {
        match value {
            Value::Object(object) => {
                for (key, member) in object {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    if let (true, Value::String(pattern)) = (key == "pattern", member) {
                        let schema = serde_json::json!({ "pattern": pattern });
                        if let Err(reason) = Constraints::compile(schema) {
                            out.push(InvalidPattern {
                                at: at.clone(),
                                pattern: pattern.clone(),
                                reason,
                            });
                        }
                    } else {
                        walk(member, at, out);
                    }
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = at.len();
                    at.push_str(&format!("/{i}"));
                    walk(item, at, out);
                    at.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(document, &mut String::new(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use serde::Deserialize;
    use serde_json::json;

    use super::*;
    use crate::extract::{
        FromRequest, Query, Rejection, header_optional, header_required, path_param,
    };
    use crate::responses::Json;
    use crate::{IfMatch, Request, Shared};

    fn shared() -> Shared {
        Shared::builder().build()
    }

    fn body<T: serde::de::DeserializeOwned + JsonSchema + 'static>(
        body: Value,
    ) -> Result<T, String> {
        let request = Request {
            body: body.to_string().into_bytes(),
            ..Request::default()
        };
        Json::<T>::from_request(&request, &shared())
            .map(|j| j.0)
            .map_err(|r| {
                assert_eq!(r.status, 400, "{}", r.message);
                r.message
            })
    }

    fn query<T: serde::de::DeserializeOwned + JsonSchema + 'static>(
        pairs: &[(&str, &str)],
    ) -> Result<T, String> {
        let request = Request {
            query: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Request::default()
        };
        Query::<T>::from_request(&request, &shared())
            .map(|q| q.0)
            .map_err(|r| r.message)
    }

    /// Every kind of constraint on a body: lengths in characters, non-blank, patterns, ranges
    /// (inclusive and exclusive), multiples, enumerations, array sizes and unique items, nested.
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Order {
        #[schemars(length(max = 5), regex(pattern = NON_BLANK))]
        name: String,
        #[schemars(length(min = 2, max = 3))]
        tags: Option<Vec<Tag>>,
        #[schemars(range(min = 1, max = 10))]
        quantity: u8,
        #[schemars(extend("exclusiveMinimum" = 0, "multipleOf" = 0.5))]
        price: Option<f64>,
        #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
        currency: Option<String>,
        codes: Option<BTreeSet<u32>>,
        #[serde(default)]
        kind: Kind,
        #[schemars(length(equal = 2))]
        pair: Option<Vec<i32>>,
    }

    #[derive(Debug, Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Tag(#[schemars(length(min = 1, max = 3))] String);

    #[derive(Debug, Default, Deserialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        #[default]
        Retail,
        Wholesale,
    }

    #[test]
    fn body_constraints_each_in_the_clients_terms() {
        let ok: Order = body(json!({"name": "ééééé", "quantity": 10, "tags": ["a", "b"]})).unwrap();
        assert_eq!(
            ok.name.chars().count(),
            5,
            "lengths count characters, not bytes"
        );
        let cases = [
            (
                json!({"name": "abcdef", "quantity": 1}),
                "`name`: expected a string of at most 5 characters, got 6 characters",
            ),
            (
                json!({"name": "", "quantity": 1}),
                "`name`: expected a string that is not blank, got the string \"\"",
            ),
            (
                json!({"name": " \t\u{3000}", "quantity": 1}),
                "`name`: expected a string that is not blank, got the string \" \\t\u{3000}\"",
            ),
            (
                json!({"name": "a", "quantity": 0}),
                "`quantity`: expected an integer from 1 to 10, got the number 0",
            ),
            (
                json!({"name": "a", "quantity": 11}),
                "`quantity`: expected an integer from 1 to 10, got the number 11",
            ),
            (
                json!({"name": "a", "quantity": 1, "price": 0}),
                "`price`: expected a number greater than 0, got the number 0",
            ),
            (
                json!({"name": "a", "quantity": 1, "price": 1.25}),
                "`price`: expected a multiple of 0.5, got the number 1.25",
            ),
            (
                json!({"name": "a", "quantity": 1, "currency": "eur"}),
                "`currency`: expected a string matching the pattern `^[A-Z]{3}$`, got the string \"eur\"",
            ),
            (
                json!({"name": "a", "quantity": 1, "tags": ["a"]}),
                "`tags`: expected an array of 2 to 3 elements, got 1 element",
            ),
            (
                json!({"name": "a", "quantity": 1, "tags": ["a", "bcde"]}),
                "`tags[1]`: expected a string of 1 to 3 characters, got 4 characters",
            ),
            (
                json!({"name": "a", "quantity": 1, "codes": [1, 2, 1]}),
                "`codes`: expected an array of unique elements, got equal elements at 0 and 2",
            ),
            (
                json!({"name": "a", "quantity": 1, "pair": [1]}),
                "`pair`: expected an array of exactly 2 elements, got 1 element",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                body::<Order>(input.clone()).unwrap_err(),
                format!("invalid JSON body: {expected}"),
                "{input}"
            );
        }
    }

    #[test]
    fn every_broken_constraint_is_listed_in_the_clients_order() {
        let message =
            body::<Order>(json!({"tags": ["", "b", "c", "d"], "name": "", "quantity": 0}))
                .unwrap_err();
        assert_eq!(
            message,
            "invalid JSON body: `tags`: expected an array of 2 to 3 elements, got 4 elements; \
             `tags[0]`: expected a string of 1 to 3 characters, got 0 characters; \
             `name`: expected a string that is not blank, got the string \"\"; \
             `quantity`: expected an integer from 1 to 10, got the number 0"
        );
    }

    #[test]
    fn shape_errors_keep_the_deserializers_wording() {
        assert_eq!(
            body::<Order>(json!({"name": "a", "quantity": 300})).unwrap_err(),
            "invalid JSON body: `quantity`: expected an integer from 0 to 255, got the number 300"
        );
        assert_eq!(
            body::<Order>(json!({"name": "a", "quantity": 1, "kind": "resale"})).unwrap_err(),
            "invalid JSON body: `kind`: `resale` is not one of `retail`, `wholesale`"
        );
    }

    #[derive(Debug, Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Page {
        #[serde(default = "twenty")]
        #[schemars(range(min = 1, max = 100))]
        limit: u32,
        #[schemars(length(max = 2), inner(length(min = 2)))]
        tag: Option<Vec<String>>,
        #[schemars(regex(pattern = NON_BLANK))]
        q: Option<String>,
        exact: Option<bool>,
        offset: Option<i32>,
    }

    fn twenty() -> u32 {
        20
    }

    #[test]
    fn query_constraints_read_values_as_their_schema_types() {
        let page: Page = query(&[]).unwrap();
        assert_eq!(page.limit, 20, "the declared default");
        assert!(
            query::<Page>(&[
                ("limit", "100"),
                ("tag", "ab"),
                ("q", "x"),
                ("exact", "true")
            ])
            .is_ok()
        );
        let cases: &[(&[(&str, &str)], &str)] = &[
            (
                &[("limit", "0")],
                "`limit`: expected an integer from 1 to 100, got the number 0",
            ),
            (
                &[("limit", "101")],
                "`limit`: expected an integer from 1 to 100, got the number 101",
            ),
            (
                &[("limit", "4294967296")],
                "`limit`: expected an integer from 0 to 4294967295, got the number 4294967296",
            ),
            (
                &[("tag", "a")],
                "`tag[0]`: expected a string of at least 2 characters, got 1 character",
            ),
            (
                &[("tag", "ab"), ("tag", "cd"), ("tag", "ef")],
                "`tag`: expected an array of at most 2 elements, got 3 elements",
            ),
            (
                &[("q", "  ")],
                "`q`: expected a string that is not blank, got the string \"  \"",
            ),
            (
                &[("offset", "-2147483649")],
                "`offset`: expected an integer from -2147483648 to 2147483647, got the number -2147483649",
            ),
        ];
        for (pairs, expected) in cases {
            assert_eq!(
                query::<Page>(pairs).unwrap_err(),
                format!("invalid query parameters: {expected}"),
                "{pairs:?}"
            );
        }
        assert_eq!(
            query::<Page>(&[("limit", "0"), ("q", "")]).unwrap_err(),
            "invalid query parameters: `limit`: expected an integer from 1 to 100, got the number 0; \
             `q`: expected a string that is not blank, got the string \"\""
        );
    }

    /// A path parameter's own type carries its constraints.
    #[derive(Debug, PartialEq, JsonSchema)]
    struct Sku(#[schemars(regex(pattern = r"^[a-z]{2}-[0-9]+$"), length(max = 8))] String);

    impl std::str::FromStr for Sku {
        type Err = std::convert::Infallible;
        fn from_str(s: &str) -> Result<Sku, Self::Err> {
            Ok(Sku(s.into()))
        }
    }

    /// A number with a declared range, as a path parameter.
    #[derive(Debug, PartialEq, JsonSchema)]
    struct Page1(#[schemars(range(min = 1))] u32);

    impl std::str::FromStr for Page1 {
        type Err = std::num::ParseIntError;
        fn from_str(s: &str) -> Result<Page1, Self::Err> {
            s.parse().map(Page1)
        }
    }

    fn path<T>(value: &str) -> Result<T, Rejection>
    where
        T: std::str::FromStr + JsonSchema + 'static,
        T::Err: std::fmt::Display,
    {
        let request = Request {
            path_params: BTreeMap::from([("id".to_string(), value.to_string())]),
            ..Request::default()
        };
        path_param::<T>(&request, "id")
    }

    #[test]
    fn path_constraints() {
        assert_eq!(path::<Sku>("ab-12").unwrap(), Sku("ab-12".into()));
        assert_eq!(
            path::<Sku>("AB-12").unwrap_err().message,
            "invalid path parameter `id`: expected a string matching the pattern `^[a-z]{2}-[0-9]+$`, got the string \"AB-12\""
        );
        assert_eq!(
            path::<Sku>("ab-1234567").unwrap_err().message,
            "invalid path parameter `id`: expected a string of at most 8 characters, got 10 characters"
        );
        assert_eq!(path::<Page1>("3").unwrap(), Page1(3));
        assert_eq!(
            path::<Page1>("0").unwrap_err().message,
            "invalid path parameter `id`: expected an integer from 1 to 4294967295, got the number 0"
        );
        assert_eq!(
            path::<u8>("256").unwrap_err().message,
            "invalid path parameter `id`: expected an integer from 0 to 255, got the number 256"
        );
        assert_eq!(
            path::<u8>("abc").unwrap_err().message,
            "invalid path parameter `id`: expected an integer, got the string \"abc\""
        );
    }

    #[test]
    fn header_constraints() {
        let request = |value: &str| {
            let mut request = Request::default();
            request
                .headers
                .insert("if-match", http::HeaderValue::from_str(value).unwrap());
            request
        };
        assert_eq!(
            header_required::<IfMatch>(&request("\"1\", W/\"2\""), "If-Match").unwrap(),
            "\"1\", W/\"2\"".parse().unwrap()
        );
        assert_eq!(
            header_required::<IfMatch>(&request("*"), "If-Match").unwrap(),
            IfMatch::Any
        );
        let message = header_required::<IfMatch>(&request("1"), "If-Match")
            .unwrap_err()
            .message;
        assert!(
            message.starts_with("invalid header parameter `If-Match`: expected a string matching the pattern `^(\\*|"),
            "{message}"
        );
        assert!(message.ends_with("got the string \"1\""), "{message}");
        assert_eq!(
            header_optional::<Sku>(&request("x"), "If-Match")
                .unwrap_err()
                .message,
            "invalid header parameter `If-Match`: expected a string matching the pattern `^[a-z]{2}-[0-9]+$`, got the string \"x\""
        );
        assert_eq!(
            header_optional::<Sku>(&Request::default(), "If-Match").unwrap(),
            None
        );
    }

    /// A colour, as path, header and query parameters: an enumeration of strings.
    #[derive(Debug, PartialEq, Deserialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Colour {
        Red,
        Green,
    }

    impl std::str::FromStr for Colour {
        type Err = String;
        fn from_str(s: &str) -> Result<Colour, String> {
            serde_json::from_value(json!(s)).map_err(|e| e.to_string())
        }
    }

    /// A level from 1 to 5 (a range on a number).
    #[derive(Debug, PartialEq, Deserialize, JsonSchema)]
    struct Level(#[schemars(range(min = 1, max = 5))] u8);

    impl std::str::FromStr for Level {
        type Err = std::num::ParseIntError;
        fn from_str(s: &str) -> Result<Level, Self::Err> {
            s.parse().map(Level)
        }
    }

    /// A label: 2 to 4 characters, not blank.
    #[derive(Debug, PartialEq, Deserialize, JsonSchema)]
    struct Label(#[schemars(length(min = 2, max = 4), regex(pattern = NON_BLANK))] String);

    impl std::str::FromStr for Label {
        type Err = std::convert::Infallible;
        fn from_str(s: &str) -> Result<Label, Self::Err> {
            Ok(Label(s.into()))
        }
    }

    /// The same declarations in a query string and a body.
    #[derive(Debug, Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Filter {
        colour: Option<Colour>,
        level: Option<Level>,
        label: Option<Label>,
        #[schemars(regex(pattern = r"^[a-z]{2}-[0-9]+$"))]
        sku: Option<String>,
        #[schemars(extend("exclusiveMinimum" = 0, "multipleOf" = 0.5))]
        price: Option<f64>,
        #[schemars(length(max = 2))]
        tag: Option<Vec<Label>>,
    }

    /// Every kind of declared constraint (enumeration, range, exclusive range and multiple,
    /// length in characters, non-blank, pattern, array size) in each place a client sends values:
    /// each is refused with 400, naming the parameter or field and the rule, never a Rust type.
    #[test]
    fn every_kind_of_constraint_in_path_query_header_and_body() {
        let header = |value: &str| {
            let mut request = Request::default();
            request
                .headers
                .insert("x-value", http::HeaderValue::from_str(value).unwrap());
            request
        };
        let in_path = |message: &str| format!("invalid path parameter `id`: {message}");
        let in_header = |message: &str| format!("invalid header parameter `X-Value`: {message}");
        let enumeration = "`blue` is not one of `red`, `green`";
        let range = "expected an integer from 1 to 5, got the number 6";
        let too_long = "expected a string of 2 to 4 characters, got 5 characters";
        let blank = "expected a string that is not blank, got the string \"\\t \"";
        let mut refused: Vec<(Rejection, String)> = vec![
            (path::<Colour>("blue").unwrap_err(), in_path(enumeration)),
            (path::<Level>("6").unwrap_err(), in_path(range)),
            (path::<Label>("abcde").unwrap_err(), in_path(too_long)),
            (path::<Label>("\t ").unwrap_err(), in_path(blank)),
            (
                header_optional::<Colour>(&header("blue"), "X-Value").unwrap_err(),
                in_header(enumeration),
            ),
            (
                header_required::<Level>(&header("6"), "X-Value").unwrap_err(),
                in_header(range),
            ),
            (
                header_required::<Label>(&header("abcde"), "X-Value").unwrap_err(),
                in_header(too_long),
            ),
            (
                header_required::<Label>(&header("\t "), "X-Value").unwrap_err(),
                in_header(blank),
            ),
        ];
        let in_query = |message: &str| format!("invalid query parameters: {message}");
        let in_body = |message: &str| format!("invalid JSON body: {message}");
        let fields: &[(&str, Value, &str)] = &[
            (
                "colour",
                json!("blue"),
                "`colour`: `blue` is not one of `red`, `green`",
            ),
            (
                "level",
                json!(6),
                "`level`: expected an integer from 1 to 5, got the number 6",
            ),
            (
                "label",
                json!("abcde"),
                "`label`: expected a string of 2 to 4 characters, got 5 characters",
            ),
            (
                "label",
                json!("\t "),
                "`label`: expected a string that is not blank, got the string \"\\t \"",
            ),
            (
                "sku",
                json!("AB-1"),
                "`sku`: expected a string matching the pattern `^[a-z]{2}-[0-9]+$`, got the string \"AB-1\"",
            ),
            (
                "price",
                json!(0),
                "`price`: expected a number greater than 0, got the number 0",
            ),
            (
                "price",
                json!(1.25),
                "`price`: expected a multiple of 0.5, got the number 1.25",
            ),
            (
                "tag",
                json!(["ab", "cd", "ef"]),
                "`tag`: expected an array of at most 2 elements, got 3 elements",
            ),
        ];
        for (name, value, message) in fields {
            let text = match value {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect(),
                other => vec![other.to_string()],
            };
            let pairs: Vec<(&str, &str)> = text.iter().map(|t| (*name, t.as_str())).collect();
            let rejection = |message: String| Rejection::bad_request(message);
            refused.push((
                rejection(query::<Filter>(&pairs).unwrap_err()),
                in_query(message),
            ));
            refused.push((
                rejection(body::<Filter>(json!({ *name: value })).unwrap_err()),
                in_body(message),
            ));
        }
        for (rejection, expected) in refused {
            assert_eq!(rejection.status, 400, "{expected}");
            assert_eq!(rejection.message, expected);
            for rust in [
                "Colour", "Level", "Label", "Filter", "u8", "f64", "String", "::",
            ] {
                assert!(!rejection.message.contains(rust), "{}", rejection.message);
            }
        }
        assert_eq!(path::<Colour>("green").unwrap(), Colour::Green);
        assert_eq!(
            header_required::<Level>(&header("5"), "X-Value").unwrap(),
            Level(5)
        );
        assert!(query::<Filter>(&[("price", "0.5"), ("tag", "ab"), ("tag", "cd")]).is_ok());
    }

    #[test]
    fn rejections_of_several_arguments_are_listed_together() {
        let combined = Rejection::combine([
            Some(Rejection::bad_request("invalid path parameter `id`: a")),
            None,
            Some(Rejection::bad_request("invalid JSON body: b")),
        ]);
        assert_eq!(combined.status, 400);
        assert_eq!(
            combined.message,
            "invalid path parameter `id`: a; invalid JSON body: b"
        );
        let failed = Rejection::combine([
            Some(Rejection::bad_request("a")),
            Some(Rejection::internal("state missing")),
        ]);
        assert_eq!(failed.status, 500);
    }

    #[test]
    fn integer_types_declare_their_range() {
        let mut generator = validation_settings().into_generator();
        let schema = generator.root_schema_for::<i32>().to_value();
        assert_eq!(schema["minimum"], json!(-2147483648));
        assert_eq!(schema["maximum"], json!(2147483647));
        let schema = generator.root_schema_for::<u64>().to_value();
        assert_eq!(schema["maximum"], json!(u64::MAX));
        let schema = generator.root_schema_for::<u128>().to_value();
        assert!(
            schema.get("maximum").is_none(),
            "JSON numbers cannot hold it"
        );
        let page = generator.root_schema_for::<Page>().to_value();
        assert_eq!(
            page["properties"]["limit"]["minimum"],
            json!(1),
            "a declared bound is kept"
        );
        assert_eq!(page["properties"]["limit"]["maximum"], json!(100));
        assert_eq!(page["properties"]["limit"]["default"], json!(20));
    }

    #[test]
    fn the_non_blank_pattern_is_what_trim_calls_blank() {
        let constraints = Constraints::compile(json!({ "pattern": NON_BLANK })).unwrap();
        for c in (0..=0x3000u32)
            .filter_map(char::from_u32)
            .chain(['\u{FEFF}', '\u{1C}'])
        {
            let text = format!(" {c}\t");
            let blank = text.trim().is_empty();
            let refused = !constraints.check(&json!(text)).is_empty();
            assert_eq!(blank, refused, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn invalid_patterns_are_found_in_a_document() {
        let document = json!({"components": {"schemas": {"A": {"properties": {
            "ok": {"pattern": "^a+$"},
            "bad": {"pattern": "(unclosed"}
        }}}}});
        let found = invalid_patterns(&document);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].at, "/components/schemas/A/properties/bad/pattern");
        assert_eq!(found[0].pattern, "(unclosed");
    }
}
