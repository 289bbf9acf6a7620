//! Schemas as a reader wants them: a compact type notation (`array<Pet>`, `string | null`,
//! `map<string, integer>`), `$ref`s as links to the schemas section, and nested properties
//! flattened into one table (`owner.name`, `tags[]`, `(option 2).id`).

use std::fmt::Write;

use serde_json::{Map, Value};

use super::html::{anchor_part, code, escape, inline, json_literal};

/// Where component schemas live; a `$ref` under it links into the page.
const COMPONENT_SCHEMAS: &str = "#/components/schemas/";

/// Nesting beyond this is shown as its notation only: a bound for hostile documents (`$ref`s are
/// never expanded, so real schemas stay far below it).
const MAX_DEPTH: usize = 12;

/// The anchor of a component schema.
pub fn schema_anchor(name: &str) -> String {
    format!("schema-{}", anchor_part(name))
}

/// The component schema a `$ref` names (`#/components/schemas/Pet` -> `Pet`), JSON-pointer
/// unescaped.
pub fn component_name(reference: &str) -> Option<String> {
    let name = reference.strip_prefix(COMPONENT_SCHEMAS)?;
    if name.contains('/') {
        return None;
    }
    Some(name.replace("~1", "/").replace("~0", "~"))
}

/// Renders schemas of one document (it knows which component schemas exist, to link them).
pub struct Schemas<'a> {
    components: Option<&'a Map<String, Value>>,
}

/// One row of a property table.
pub struct Row {
    /// `owner.name`, `[]`, `(option 1)`.
    pub name: String,
    pub depth: usize,
    /// `Some(true)` for a property its object requires, `None` where "required" means nothing
    /// (array items, composition options).
    pub required: Option<bool>,
    /// HTML.
    pub notation: String,
    /// HTML: the description and the constraints.
    pub description: String,
}

impl<'a> Schemas<'a> {
    pub fn new(document: &'a Value) -> Self {
        Schemas {
            components: document
                .pointer("/components/schemas")
                .and_then(Value::as_object),
        }
    }

    /// The component schemas, in document order.
    pub fn components(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.components.into_iter().flatten()
    }

    /// A `$ref` as a link (to a schema on this page) or as code (anything else).
    fn reference(&self, reference: &str) -> String {
        match component_name(reference) {
            Some(name) if self.components.is_some_and(|c| c.contains_key(&name)) => format!(
                "<a class=\"ref\" href=\"#{}\">{}</a>",
                schema_anchor(&name),
                escape(&name)
            ),
            Some(name) => format!(
                "<span class=\"ref missing\" title=\"not in components/schemas\">{}</span>",
                escape(&name)
            ),
            None => code(reference),
        }
    }

    /// The compact type notation of a schema, as HTML.
    pub fn notation(&self, schema: &Value) -> String {
        self.notation_at(schema, 0)
    }

    fn notation_at(&self, schema: &Value, depth: usize) -> String {
        let obj = match schema {
            Value::Object(obj) => obj,
            Value::Bool(true) => return "any".into(),
            Value::Bool(false) => return "nothing".into(),
            _ => return "any".into(),
        };
        if depth > MAX_DEPTH {
            return "…".into();
        }
        if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
            return self.with_null(obj, self.reference(reference));
        }
        let members = |key: &str, sep: &str| -> Option<String> {
            let list = obj.get(key)?.as_array()?;
            if list.is_empty() {
                return None;
            }
            let parts: Vec<String> = list
                .iter()
                .map(|m| self.notation_at(m, depth + 1))
                .collect();
            Some(parts.join(sep))
        };
        // `allOf: [one]` next to `default`/`description` is how generators attach those to a $ref.
        let base = if let Some(all) = members("allOf", " &amp; ") {
            all
        } else if let Some(one) = members("oneOf", " | ") {
            one
        } else if let Some(any) = members("anyOf", " | ") {
            any
        } else {
            self.typed(obj, depth)
        };
        self.with_null(obj, base)
    }

    /// `T | null` for OpenAPI 3.0's `nullable`.
    fn with_null(&self, obj: &Map<String, Value>, base: String) -> String {
        if obj.get("nullable") == Some(&Value::Bool(true)) && !base.ends_with("| null") {
            format!("{base} | null")
        } else {
            base
        }
    }

    /// The notation of a schema without a `$ref` or a composition.
    fn typed(&self, obj: &Map<String, Value>, depth: usize) -> String {
        let types: Vec<&str> = match obj.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            // OpenAPI 3.1 (JSON Schema): `"type": ["string", "null"]`.
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ if obj.contains_key("properties") || obj.contains_key("additionalProperties") => {
                vec!["object"]
            }
            _ if obj.contains_key("items") => vec!["array"],
            _ => Vec::new(),
        };
        if types.is_empty() {
            return match obj.get("enum").and_then(Value::as_array) {
                Some(values) if !values.is_empty() => values
                    .iter()
                    .map(|v| code(&json_literal(v)))
                    .collect::<Vec<_>>()
                    .join(" | "),
                _ => match obj.get("const") {
                    Some(v) => code(&json_literal(v)),
                    None => "any".into(),
                },
            };
        }
        let parts: Vec<String> = types
            .iter()
            .map(|t| match *t {
                "array" => self.array(obj, depth),
                "object" => self.object(obj, depth),
                other => match obj.get("format").and_then(Value::as_str) {
                    Some(format) => format!(
                        "{} <span class=\"format\">({})</span>",
                        escape(other),
                        escape(format)
                    ),
                    None => escape(other),
                },
            })
            .collect();
        parts.join(" | ")
    }

    fn array(&self, obj: &Map<String, Value>, depth: usize) -> String {
        match obj.get("items") {
            Some(Value::Array(tuple)) => {
                let parts: Vec<String> = tuple
                    .iter()
                    .map(|i| self.notation_at(i, depth + 1))
                    .collect();
                format!("[{}]", parts.join(", "))
            }
            Some(items) => format!("array&lt;{}&gt;", self.notation_at(items, depth + 1)),
            None => "array".into(),
        }
    }

    fn object(&self, obj: &Map<String, Value>, depth: usize) -> String {
        let has_properties = obj
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty());
        match obj.get("additionalProperties") {
            Some(values @ (Value::Object(_) | Value::Bool(true))) if !has_properties => {
                let values = match values {
                    Value::Object(o) if o.is_empty() => "any".into(),
                    v => self.notation_at(v, depth + 1),
                };
                format!("map&lt;string, {values}&gt;")
            }
            _ => "object".into(),
        }
    }

    /// The description of a schema and its constraints, as HTML.
    pub fn description(&self, schema: &Value) -> String {
        let mut out = String::new();
        if let Some(d) = schema.get("description").and_then(Value::as_str) {
            out.push_str(&inline(d));
        }
        let constraints = constraints(schema);
        if !constraints.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str("<span class=\"constraints\">");
            for (i, c) in constraints.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "<span class=\"constraint\">{c}</span>");
            }
            out.push_str("</span>");
        }
        out
    }

    /// The property table rows of a schema: its properties, then whatever is nested in them. A
    /// `$ref` is not expanded (its notation links to it).
    pub fn rows(&self, schema: &Value) -> Vec<Row> {
        let mut rows = Vec::new();
        self.children(schema, "", 0, &mut rows);
        rows
    }

    fn push(
        &self,
        rows: &mut Vec<Row>,
        name: String,
        depth: usize,
        required: Option<bool>,
        schema: &Value,
    ) {
        rows.push(Row {
            name,
            depth,
            required,
            notation: self.notation(schema),
            description: self.description(schema),
        });
    }

    fn children(&self, schema: &Value, prefix: &str, depth: usize, rows: &mut Vec<Row>) {
        let Some(obj) = schema.as_object() else {
            return;
        };
        if depth > MAX_DEPTH || obj.contains_key("$ref") {
            return;
        }
        let join = |name: &str| {
            if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}.{name}")
            }
        };
        let required: Vec<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let properties = obj.get("properties").and_then(Value::as_object);
        for (name, property) in properties.into_iter().flatten() {
            let path = join(name);
            self.push(
                rows,
                path.clone(),
                depth,
                Some(required.contains(&name.as_str())),
                property,
            );
            self.children(property, &path, depth + 1, rows);
        }
        if let Some(values @ Value::Object(_)) = obj.get("additionalProperties") {
            let path = join("*");
            // Without properties the object's notation (`map<string, V>`) already says it.
            if properties.is_some_and(|p| !p.is_empty()) {
                self.push(rows, path.clone(), depth, None, values);
                self.children(values, &path, depth + 1, rows);
            } else {
                self.children(values, &path, depth, rows);
            }
        }
        if let Some(items) = obj.get("items").filter(|i| i.is_object()) {
            let path = format!("{prefix}[]");
            if has_children(items) {
                self.children(items, &path, depth, rows);
            }
        }
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            // All parts hold at once: their properties are the object's.
            for part in parts {
                self.children(part, prefix, depth, rows);
            }
        }
        for key in ["oneOf", "anyOf"] {
            let Some(options) = obj.get(key).and_then(Value::as_array) else {
                continue;
            };
            for (i, option) in options.iter().enumerate() {
                if !has_children(option) {
                    continue;
                }
                let label = format!("(option {})", i + 1);
                let path = if prefix.is_empty() {
                    label
                } else {
                    format!("{prefix} {label}")
                };
                self.push(rows, path.clone(), depth, None, option);
                self.children(option, &path, depth + 1, rows);
            }
        }
    }
}

/// Whether a schema has anything the property table shows below its own row.
fn has_children(schema: &Value) -> bool {
    let Some(obj) = schema.as_object() else {
        return false;
    };
    if obj.contains_key("$ref") {
        return false;
    }
    obj.get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
        || obj.get("additionalProperties").is_some_and(has_children)
        || obj.get("items").is_some_and(has_children)
        || ["allOf", "oneOf", "anyOf"].iter().any(|k| {
            obj.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|parts| parts.iter().any(has_children))
        })
}

/// Whether a schema gets a property table of its own (and not only a notation).
pub fn needs_table(schema: &Value) -> bool {
    has_children(schema)
}

fn number(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The validation keywords of a schema, one short HTML phrase each.
pub fn constraints(schema: &Value) -> Vec<String> {
    let Some(obj) = schema.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(values) = obj.get("enum").and_then(Value::as_array) {
        // A bare enum is its own notation; a typed one lists its values here.
        if obj.contains_key("type") && !values.is_empty() {
            let values: Vec<String> = values.iter().map(|v| code(&json_literal(v))).collect();
            out.push(format!("one of {}", values.join(", ")));
        }
    }
    if let Some(value) = obj.get("const").filter(|_| obj.contains_key("type")) {
        out.push(format!("always {}", code(&json_literal(value))));
    }
    if let Some(value) = obj.get("default") {
        out.push(format!("default {}", code(&json_literal(value))));
    }
    // OpenAPI 3.0: `exclusiveMinimum: true` next to `minimum`; 3.1: `exclusiveMinimum: 5`.
    let bound = |limit: &str, exclusive: &str, inclusive_sign: &str, exclusive_sign: &str| {
        let value = number(obj.get(limit));
        match (value, obj.get(exclusive)) {
            (Some(v), Some(Value::Bool(true))) => Some(format!("{exclusive_sign} {v}")),
            (Some(v), _) => Some(format!("{inclusive_sign} {v}")),
            (None, Some(Value::Number(n))) => Some(format!("{exclusive_sign} {n}")),
            (None, _) => None,
        }
    };
    out.extend(bound("minimum", "exclusiveMinimum", "≥", "&gt;"));
    out.extend(bound("maximum", "exclusiveMaximum", "≤", "&lt;"));
    if let Some(m) = number(obj.get("multipleOf")) {
        out.push(format!("multiple of {m}"));
    }
    let range =
        |min: &str, max: &str, what: &str| match (number(obj.get(min)), number(obj.get(max))) {
            (Some(a), Some(b)) if a == b => Some(format!("{what} {a}")),
            (Some(a), Some(b)) => Some(format!("{what} {a}–{b}")),
            (Some(a), None) => Some(format!("{what} ≥ {a}")),
            (None, Some(b)) => Some(format!("{what} ≤ {b}")),
            (None, None) => None,
        };
    out.extend(range("minLength", "maxLength", "length"));
    if let Some(pattern) = obj.get("pattern").and_then(Value::as_str) {
        out.push(format!("pattern {}", code(pattern)));
    }
    out.extend(range("minItems", "maxItems", "items"));
    if obj.get("uniqueItems") == Some(&Value::Bool(true)) {
        out.push("unique items".into());
    }
    out.extend(range("minProperties", "maxProperties", "properties"));
    if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
        out.push("no other properties".into());
    }
    for (key, phrase) in [
        ("readOnly", "read-only"),
        ("writeOnly", "write-only"),
        ("deprecated", "deprecated"),
    ] {
        if obj.get(key) == Some(&Value::Bool(true)) {
            out.push(phrase.into());
        }
    }
    if let Some(example) = obj.get("example") {
        out.push(format!("example {}", code(&json_literal(example))));
    }
    out
}

/// The property table of rows, or nothing.
pub fn table(rows: &[Row], caption: &str) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<table class=\"props\"><caption>{}</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Type</th><th scope=\"col\">Description</th></tr></thead><tbody>",
        escape(caption)
    );
    for row in rows {
        let required = match row.required {
            Some(true) => " <span class=\"tag required\">required</span>",
            _ => "",
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"name depth-{}\" data-label=\"Name\"><code>{}</code>{required}</td><td class=\"type\" data-label=\"Type\">{}</td><td data-label=\"Description\">{}</td></tr>",
            row.depth.min(6),
            escape(&row.name),
            row.notation,
            row.description
        );
    }
    out.push_str("</tbody></table>\n");
    out
}
