//! Handler arguments: extractors, path and header parameters, and the request documentation
//! each contributes to OpenAPI. Extraction failures become a 400 `{"message": ...}`; they never
//! panic.

use std::borrow::Cow;
use std::fmt::Display;
use std::str::FromStr;

use schemars::{JsonSchema, SchemaGenerator};
use serde::de::DeserializeOwned;

use crate::Request;
use crate::constraints::Constraints;
use crate::deserialize::InputError;
use crate::responses::{Json, Response};
use crate::state::Shared;

/// Why a request could not be handed to its handler.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {message}")]
pub struct Rejection {
    /// The status apigw answers: 400 for client input, 500 for a missing state.
    pub status: u16,
    /// The `message` of the `{"message": ...}` body, in the client's terms.
    pub message: String,
}

impl Rejection {
    /// A 400: the client's request is at fault.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Rejection {
            status: 400,
            message: message.into(),
        }
    }

    /// A 500: the API is at fault (e.g. a `State<T>` the app was not given).
    pub fn internal(message: impl Into<String>) -> Self {
        Rejection {
            status: 500,
            message: message.into(),
        }
    }

    /// The rejections of several handler arguments as one answer: a failure of the function
    /// itself (5xx) wins, client mistakes are listed together so the client fixes them at once.
    pub fn combine(rejections: impl IntoIterator<Item = Option<Rejection>>) -> Rejection {
        let mut rejections: Vec<Rejection> = rejections.into_iter().flatten().collect();
        if let Some(i) = rejections.iter().position(|r| r.status >= 500) {
            return rejections.swap_remove(i);
        }
        let status = rejections.first().map_or(400, |r| r.status);
        let message = rejections
            .into_iter()
            .map(|r| r.message)
            .collect::<Vec<_>>()
            .join("; ");
        Rejection { status, message }
    }

    /// The `{"message": ...}` response.
    pub fn into_response(self) -> Response {
        Response::error(self.status, self.message)
    }
}

/// Where a parameter lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    /// A path parameter (`/pets/{petId}`).
    Path,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
}

impl ParamLocation {
    /// OpenAPI's name for it (`path`, `query`, `header`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        }
    }
}

/// OpenAPI description of one request parameter.
#[derive(Debug, Clone)]
pub struct ParamDoc {
    /// Its name, as the client sends it.
    pub name: String,
    /// Where it is sent.
    pub location: ParamLocation,
    /// Whether a request must carry it.
    pub required: bool,
    /// Its description (a `Query<T>` field's doc comment).
    pub description: Option<String>,
    /// The schema of its value.
    pub schema: schemars::Schema,
}

/// Everything the request side of an operation contributes to OpenAPI.
#[derive(Debug, Clone, Default)]
pub struct RequestDoc {
    /// The parameters, each (location, name) once.
    pub params: Vec<ParamDoc>,
    /// The request body, if the operation reads one.
    pub body: Option<RequestBodyDoc>,
}

/// OpenAPI description of a request body.
#[derive(Debug, Clone)]
pub struct RequestBodyDoc {
    /// Its media type (`application/json`).
    pub content_type: &'static str,
    /// Whether a request must carry it.
    pub required: bool,
    /// The schema of its content.
    pub schema: schemars::Schema,
}

impl RequestDoc {
    fn push(&mut self, p: ParamDoc) {
        if !self
            .params
            .iter()
            .any(|q| q.location == p.location && q.name.eq_ignore_ascii_case(&p.name))
        {
            self.params.push(p);
        }
    }

    fn param<T: JsonSchema>(
        &mut self,
        generator: &mut SchemaGenerator,
        name: &str,
        location: ParamLocation,
        required: bool,
    ) {
        let schema = generator.subschema_for::<T>();
        let schema = transformed(generator, schema);
        self.push(ParamDoc {
            name: name.into(),
            location,
            required,
            description: None,
            schema,
        });
    }

    /// Documents path parameter `name` of type `T` (always required).
    pub fn path_param<T: JsonSchema>(&mut self, generator: &mut SchemaGenerator, name: &str) {
        self.param::<T>(generator, name, ParamLocation::Path, true);
    }

    /// Documents query parameter `name` of type `T`.
    pub fn query_param<T: JsonSchema>(
        &mut self,
        generator: &mut SchemaGenerator,
        name: &str,
        required: bool,
    ) {
        self.param::<T>(generator, name, ParamLocation::Query, required);
    }

    /// Documents header `name` of type `T`.
    pub fn header_param<T: JsonSchema>(
        &mut self,
        generator: &mut SchemaGenerator,
        name: &str,
        required: bool,
    ) {
        self.param::<T>(generator, name, ParamLocation::Header, required);
    }

    /// Whether extraction can fail on client input (and so the operation can answer 400).
    pub fn can_reject(&self) -> bool {
        self.body.is_some() || !self.params.is_empty()
    }
}

/// What a request body can be: `Json<T>`, `String` (text), `Binary<M>` (bytes of media type
/// `M`). A handler's body extractor documents itself with it, and a marker operation's
/// `body = ...` names one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a request body",
    label = "not a request body",
    note = "a request body is `Json<T>` (JSON, `T: Deserialize + JsonSchema`), `String` (text) or `Binary<M>` (bytes of media type `M`, e.g. `Binary<ImageJpeg>`)"
)]
pub trait RequestBody {
    /// The body as the OpenAPI document describes it: media type and schema.
    fn describe(generator: &mut SchemaGenerator) -> RequestBodyDoc;
}

/// A JSON request body: required of a marker's `body = ...` when a ready-made AWS call reads
/// the body. Their request templates are keyed by `application/json` with passthrough `never`,
/// so API Gateway answers any other `Content-Type` with 415.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON body, but the integration's request template only accepts `application/json`",
    label = "not `Json<T>`",
    note = "the ready-made AWS calls' request templates are keyed by `application/json`, with passthrough `never`: API Gateway answers 415 Unsupported Media Type to any other Content-Type. Declare `body = Json<T>`, with `T` the document the client sends"
)]
pub trait JsonBody: RequestBody {
    /// What the generated check names: a direct trait path, so the error points at the body type.
    #[doc(hidden)]
    const JSON: () = ();
}

impl<T: JsonSchema> RequestBody for Json<T> {
    fn describe(generator: &mut SchemaGenerator) -> RequestBodyDoc {
        RequestBodyDoc {
            content_type: crate::spec::template::JSON,
            required: true,
            schema: {
                let schema = generator.subschema_for::<T>();
                transformed(generator, schema)
            },
        }
    }
}

impl<T: JsonSchema> JsonBody for Json<T> {}

impl RequestBody for String {
    fn describe(generator: &mut SchemaGenerator) -> RequestBodyDoc {
        RequestBodyDoc {
            content_type: "text/plain",
            required: true,
            schema: generator.subschema_for::<String>(),
        }
    }
}

/// A handler argument that is not a path parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither a path parameter nor an extractor",
    label = "this argument is not a path parameter of the operation, and `{Self}` cannot be extracted from a request",
    note = "a handler argument is a path parameter (by name: `<petId>` binds `pet_id`), a header (`#[header(\"Name\")]`), or an extractor: `Json<T>` (the body), `Query<T>`, `State<T>`, `Request`; for a JSON body write `Json<{Self}>`"
)]
pub trait FromRequest: Sized {
    /// The argument, from the request and the function's state; a [`Rejection`] answers the
    /// request instead of calling the handler.
    fn from_request(request: &Request, shared: &Shared) -> Result<Self, Rejection>;

    /// What this extractor adds to the operation's OpenAPI description.
    fn document(_generator: &mut SchemaGenerator, _doc: &mut RequestDoc) {}
}

/// The whole request, for anything the other extractors do not cover.
impl FromRequest for Request {
    fn from_request(request: &Request, _: &Shared) -> Result<Self, Rejection> {
        Ok(request.clone())
    }
}

impl<T: DeserializeOwned + JsonSchema + 'static> FromRequest for Json<T> {
    /// The body is read as JSON whatever its `Content-Type` says (API Gateway does not check it
    /// either); a UTF-8 byte order mark is skipped (RFC 8259 allows it). A body that reads as `T`
    /// must also keep every constraint `T`'s schema declares.
    fn from_request(request: &Request, _: &Shared) -> Result<Self, Rejection> {
        let body = request
            .body
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&request.body);
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(Rejection::bad_request(
                "the request body is missing: send a JSON document",
            ));
        }
        if let Err(e) = std::str::from_utf8(body) {
            return Err(Rejection::bad_request(format!(
                "malformed JSON body: it is not UTF-8 text (invalid byte at offset {}){}",
                e.valid_up_to(),
                charset_hint(request)
            )));
        }
        let value = crate::deserialize::parse_json(body).map_err(|e| {
            let what = if e.to_string().starts_with("recursion limit exceeded") {
                format!(
                    "it nests arrays and objects too deeply (line {} column {})",
                    e.line(),
                    e.column()
                )
            } else {
                e.to_string()
            };
            Rejection::bad_request(format!(
                "malformed JSON body: {what}{}",
                charset_hint(request)
            ))
        })?;
        let parsed = crate::deserialize::from_json(&value)
            .map_err(|e| Rejection::bad_request(format!("invalid JSON body: {e}")))?;
        let constraints = Constraints::of::<T>().map_err(unenforceable)?;
        violations("invalid JSON body: ", constraints.check(&value))?;
        Ok(Json(parsed))
    }

    fn document(generator: &mut SchemaGenerator, doc: &mut RequestDoc) {
        doc.body = Some(<Self as RequestBody>::describe(generator));
    }
}

/// A schema placed inline (a parameter's `u32`, a body's `Vec<Pet>`) with the generator's
/// transforms applied, as schemars applies them to components: an integer's declared range,
/// OpenAPI 3.0's `nullable`.
fn transformed(generator: &mut SchemaGenerator, mut schema: schemars::Schema) -> schemars::Schema {
    for transform in generator.transforms_mut() {
        transform.transform(&mut schema);
    }
    schema
}

/// Query parameters, deserialized into `T` (a struct of scalar fields; `Option` fields are
/// optional parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Query<T>(pub T);

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + JsonSchema + 'static> FromRequest for Query<T> {
    /// Each value reads as its field's type (`limit=10` as an integer); a repeated name fills a
    /// `Vec` field and is refused for any other. The values must also keep every constraint
    /// their parameter's schema declares.
    fn from_request(request: &Request, _: &Shared) -> Result<Self, Rejection> {
        let parsed = crate::deserialize::from_query(&request.query)
            .map_err(|e| Rejection::bad_request(format!("invalid query parameters: {e}")))?;
        let constraints = Constraints::of::<T>().map_err(unenforceable)?;
        violations(
            "invalid query parameters: ",
            constraints.check(&constraints.query_value(&request.query)),
        )?;
        Ok(Query(parsed))
    }

    fn document(generator: &mut SchemaGenerator, doc: &mut RequestDoc) {
        // Each property of `T` becomes its own parameter; `T` itself is not a component.
        let reference = generator.subschema_for::<T>();
        let name = reference
            .get("$ref")
            .and_then(|r| r.as_str())
            .and_then(|r| r.rsplit('/').next())
            .map(String::from);
        let value = match &name {
            Some(name) => generator.definitions_mut().remove(name).unwrap_or_default(),
            None => reference.to_value(),
        };
        // Taken out of the definitions, the schema misses the OpenAPI 3.0 transforms the
        // generator applies to components (`nullable` instead of `"type": [.., "null"]`).
        let Ok(mut schema) = schemars::Schema::try_from(value) else {
            return;
        };
        for transform in generator.transforms_mut() {
            transform.transform(&mut schema);
        }
        let required: Vec<String> = schema
            .get("required")
            .and_then(|r| r.as_array())
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let Some(props) = schema.get("properties").and_then(|p| p.as_object()) else {
            return;
        };
        for (name, prop) in props {
            let mut prop = prop.clone();
            let description = prop
                .as_object_mut()
                .and_then(|o| o.remove("description"))
                .and_then(|d| d.as_str().map(String::from));
            let required = required.contains(name);
            if !required {
                prop = without_null(prop);
            }
            let Ok(schema) = schemars::Schema::try_from(prop) else {
                continue;
            };
            doc.push(ParamDoc {
                name: name.clone(),
                location: ParamLocation::Query,
                required,
                description,
                schema,
            });
        }
    }
}

/// An optional parameter is absent rather than null: drop `nullable` and the `null` alternative
/// schemars adds for `Option<T>`.
fn without_null(mut schema: serde_json::Value) -> serde_json::Value {
    let Some(obj) = schema.as_object_mut() else {
        return schema;
    };
    obj.remove("nullable");
    if let Some(any_of) = obj.get("anyOf").and_then(|a| a.as_array()) {
        let rest: Vec<&serde_json::Value> = any_of
            .iter()
            .filter(|s| {
                s.get("enum")
                    .and_then(|e| e.as_array())
                    .is_none_or(|e| !e.iter().all(|v| v.is_null()))
            })
            .collect();
        if rest.len() == 1 && obj.len() == 1 {
            return rest[0].clone();
        }
    }
    schema
}

/// The rejection of a request whose values break declared constraints, each listed; `Ok` when
/// none does.
fn violations(context: &str, found: Vec<InputError>) -> Result<(), Rejection> {
    if found.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = found.iter().map(ToString::to_string).collect();
    Err(Rejection::bad_request(format!(
        "{context}{}",
        list.join("; ")
    )))
}

/// A type whose schema cannot be compiled (a declared pattern that is not a regular expression):
/// the API's mistake, which `synth` reports before deployment; the client gets a 500.
fn unenforceable(e: crate::constraints::ConstraintError) -> Rejection {
    eprintln!("apigw: {e}");
    Rejection::internal("the API's declared constraints cannot be enforced")
}

/// A path parameter or header: its text must keep the constraints `T`'s schema declares (checked
/// first: the schema words the problem in the client's terms), then parse as `T`.
fn parse_param<T>(raw: &str, name: &str, location: ParamLocation) -> Result<T, Rejection>
where
    T: FromStr + JsonSchema + 'static,
    T::Err: Display,
{
    let context = format!("invalid {} parameter `{name}`: ", location.as_str());
    let constraints = Constraints::of::<T>().map_err(unenforceable)?;
    violations(
        &context,
        constraints.check(&constraints.root_text_value(raw)),
    )?;
    raw.parse()
        .map_err(|e| Rejection::bad_request(format!("{context}{e}")))
}

#[doc(hidden)]
pub fn path_param<T>(request: &Request, name: &str) -> Result<T, Rejection>
where
    T: FromStr + JsonSchema + 'static,
    T::Err: Display,
{
    let raw = request
        .path_params
        .get(name)
        .ok_or_else(|| Rejection::bad_request(format!("missing path parameter `{name}`")))?;
    parse_param(raw, name, ParamLocation::Path)
}

/// The value of header `name` as a handler argument reads it: every value the request carries,
/// joined with `, ` (how HTTP combines repeated fields, RFC 9110 section 5.3). Values are bytes:
/// any UTF-8 text is read (not only visible ASCII), anything else is refused, never skipped.
fn header_text<'r>(request: &'r Request, name: &str) -> Result<Option<Cow<'r, str>>, Rejection> {
    let text = |value: &'r http::HeaderValue| {
        std::str::from_utf8(value.as_bytes())
            .map_err(|_| Rejection::bad_request(format!("header `{name}` is not valid UTF-8 text")))
    };
    let mut values = request.headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let mut joined = Cow::Borrowed(text(first)?);
    for value in values {
        let joined = joined.to_mut();
        joined.push_str(", ");
        joined.push_str(text(value)?);
    }
    Ok(Some(joined))
}

#[doc(hidden)]
pub fn header_required<T>(request: &Request, name: &str) -> Result<T, Rejection>
where
    T: FromStr + JsonSchema + 'static,
    T::Err: Display,
{
    let raw = header_text(request, name)?
        .ok_or_else(|| Rejection::bad_request(format!("missing header `{name}`")))?;
    parse_param(&raw, name, ParamLocation::Header)
}

#[doc(hidden)]
pub fn header_optional<T>(request: &Request, name: &str) -> Result<Option<T>, Rejection>
where
    T: FromStr + JsonSchema + 'static,
    T::Err: Display,
{
    header_text(request, name)?
        .map(|raw| parse_param(&raw, name, ParamLocation::Header))
        .transpose()
}

/// A hint when the request declares a charset JSON cannot have (JSON is UTF-8, RFC 8259).
fn charset_hint(request: &Request) -> String {
    let charset = request.header("content-type").and_then(|ct| {
        ct.split(';').skip(1).find_map(|param| {
            let (name, value) = param.split_once('=')?;
            name.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| value.trim().trim_matches('"').to_string())
        })
    });
    match charset {
        Some(c) if !c.eq_ignore_ascii_case("utf-8") && !c.eq_ignore_ascii_case("utf8") => {
            format!("; Content-Type declares charset={c}, but JSON bodies must be UTF-8")
        }
        _ => String::new(),
    }
}
