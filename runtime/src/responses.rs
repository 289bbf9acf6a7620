//! Responses: the `ApiResponses` contract the derive implements, the response bodies it can carry,
//! and the documentation each response contributes to OpenAPI.

use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

/// A response as the runtime sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The headers, in the order they were set.
    pub headers: Vec<(String, String)>,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// A response of status `status`, no header, no body.
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Sets (replaces) a header.
    pub fn set_header(&mut self, name: &str, value: impl std::fmt::Display) {
        let value = value.to_string();
        match self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => self.headers.push((name.to_string(), value)),
        }
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `{"message": ...}` with `status`: how apigw itself answers errors.
    pub fn error(status: u16, message: impl Into<String>) -> Self {
        let mut r = Response::new(status);
        Json(ApiError {
            message: message.into(),
        })
        .write(&mut r);
        r
    }
}

/// The error body apigw answers with, and a ready-made body for users' own error responses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ApiError {
    /// What went wrong, for a person to read.
    pub message: String,
}

impl ApiError {
    /// `{"message": message}`.
    pub fn new(message: impl Into<String>) -> Self {
        ApiError {
            message: message.into(),
        }
    }
}

/// A JSON body (response) or a JSON request body (extractor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Json<T>(pub T);

/// OpenAPI description of a response body: what [`ResponseBody::describe`] returns, and what
/// synth writes as the response's `content` entry (`{content_type: {"schema": schema}}`).
///
/// | field | what it becomes |
/// |---|---|
/// | `content_type` | the media type key of the response's `content` (`application/json`) |
/// | `schema` | its `schema`: take it from the generator (`generator.subschema_for::<T>()`), so a named type is a `$ref` to `components/schemas` |
///
/// The [`ResponseBody`] example implements it for a body type of its own.
#[derive(Debug, Clone)]
pub struct BodyDoc {
    /// Its media type (`application/json`, `text/plain`).
    pub content_type: &'static str,
    /// The schema of its content.
    pub schema: schemars::Schema,
}

/// OpenAPI description of a response header.
#[derive(Debug, Clone)]
pub struct HeaderDoc {
    /// The header's name.
    pub name: &'static str,
    /// Whether every response of its status carries it (not an `Option` field).
    pub required: bool,
    /// The schema of its value.
    pub schema: schemars::Schema,
}

impl HeaderDoc {
    /// Header `name` whose value is a `T`.
    pub fn of<T: JsonSchema>(
        generator: &mut SchemaGenerator,
        name: &'static str,
        required: bool,
    ) -> Self {
        HeaderDoc {
            name,
            required,
            schema: generator.subschema_for::<T>(),
        }
    }
}

/// OpenAPI description of one declared response.
#[derive(Debug, Clone)]
pub struct ResponseDoc {
    /// The HTTP status.
    pub status: u16,
    /// The variant's doc comment.
    pub description: Option<&'static str>,
    /// The body, if the variant has one.
    pub body: Option<BodyDoc>,
    /// The declared headers.
    pub headers: Vec<HeaderDoc>,
}

/// What a response variant can carry as its body: its OpenAPI description ([`BodyDoc`]) and how
/// it is written into the response sent.
///
/// A variant of an [`ApiResponses`](derive@crate::ApiResponses) enum has a body when it is a
/// tuple variant `V(B)` or has one field without `#[header]`; `B` must implement this trait.
/// apigw implements it for:
///
/// - [`Json<T>`] (`T: Serialize + JsonSchema`): `application/json`, `T`'s schema;
/// - `String`: `text/plain; charset=utf-8`, a string schema;
///
/// and more on the implementors listed below. For another representation, implement it: both
/// methods, one media type. `write` sets the body and the `Content-Type` header; it cannot fail
/// (answer a 500 with [`Response::error`] if it must, as `Json` does when serialization fails).
///
/// ```
/// use apigw::prelude::*;
/// use apigw::{BodyDoc, Response, ResponseBody, SchemaGenerator};
///
/// /// Rows of comma-separated values.
/// pub struct Csv(pub Vec<Vec<String>>);
///
/// impl ResponseBody for Csv {
///     fn describe(generator: &mut SchemaGenerator) -> BodyDoc {
///         BodyDoc { content_type: "text/csv", schema: generator.subschema_for::<String>() }
///     }
///
///     fn write(self, response: &mut Response) {
///         let lines: Vec<String> = self.0.iter().map(|row| row.join(",")).collect();
///         response.body = lines.join("\n").into_bytes();
///         response.set_header("Content-Type", "text/csv");
///     }
/// }
///
/// #[derive(ApiResponses)]
/// pub enum ExportResponses {
///     /// Every pet, one per line.
///     #[status(200)]
///     Ok(Csv),
/// }
///
/// let response = ExportResponses::Ok(Csv(vec![vec!["1".into(), "Rex".into()]])).into_response();
/// assert_eq!(response.header("content-type"), Some("text/csv"));
/// assert_eq!(response.body, b"1,Rex");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a response body",
    label = "not a response body",
    note = "wrap the body type in `Json<...>` (it must implement `Serialize` and `JsonSchema`), use `String` for text, or `Binary<M>` for bytes of media type `M` (e.g. `Binary<ImageJpeg>`)"
)]
pub trait ResponseBody {
    /// Its OpenAPI description.
    fn describe(generator: &mut SchemaGenerator) -> BodyDoc;
    /// Writes it into `response`, with its `Content-Type`.
    fn write(self, response: &mut Response);
}

impl<T: Serialize + JsonSchema> ResponseBody for Json<T> {
    fn describe(generator: &mut SchemaGenerator) -> BodyDoc {
        BodyDoc {
            content_type: "application/json",
            schema: generator.subschema_for::<T>(),
        }
    }

    fn write(self, response: &mut Response) {
        match serde_json::to_vec(&self.0) {
            Ok(body) => {
                response.body = body;
                response.set_header("content-type", "application/json");
            }
            Err(e) => {
                *response = Response::error(
                    500,
                    format!("the response body could not be serialized: {e}"),
                );
            }
        }
    }
}

impl ResponseBody for String {
    fn describe(generator: &mut SchemaGenerator) -> BodyDoc {
        BodyDoc {
            content_type: "text/plain",
            schema: generator.subschema_for::<String>(),
        }
    }

    fn write(self, response: &mut Response) {
        response.body = self.into_bytes();
        response.set_header("content-type", "text/plain; charset=utf-8");
    }
}

/// An XML body (`application/xml`), as text: what an integration passes through from an XML
/// backend (S3's listings), or a handler answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Xml(pub String);

impl ResponseBody for Xml {
    fn describe(generator: &mut SchemaGenerator) -> BodyDoc {
        BodyDoc {
            content_type: "application/xml",
            schema: generator.subschema_for::<String>(),
        }
    }

    fn write(self, response: &mut Response) {
        response.body = self.0.into_bytes();
        response.set_header("content-type", "application/xml");
    }
}

/// An enum whose variants are the responses of an operation. Derive it; do not implement it by
/// hand.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not declare the operation's responses",
    label = "not an `ApiResponses` type",
    note = "return (or name in `responses = ...`) an enum that derives `ApiResponses`, one variant per response: `#[derive(ApiResponses)] enum MyResponses {{ #[status(200)] Ok(Json<T>) }}`"
)]
pub trait ApiResponses: Sized + 'static {
    /// The declared statuses, in declaration order.
    const STATUSES: &'static [u16];
    /// The OpenAPI description of each declared response.
    fn describe(generator: &mut SchemaGenerator) -> Vec<ResponseDoc>;
    /// The response this value is: its variant's status, headers and body.
    fn into_response(self) -> Response;
}

/// Implemented by the derive for each declared status: what integration status checks resolve
/// against at compile time.
#[diagnostic::on_unimplemented(
    message = "response type `{Self}` does not declare HTTP status {STATUS}",
    label = "this integration can answer {STATUS}, which the operation does not declare",
    note = "add a variant `#[status({STATUS})]` to `{Self}`, or change the integration so it cannot answer {STATUS}; API Gateway would otherwise fail at run time with \"Output mapping refers to an invalid method response\""
)]
pub trait DeclaresStatus<const STATUS: u16> {
    /// What the generated checks name (`<R as DeclaresStatus<404>>::DECLARED`): a direct trait
    /// path, so the compiler's error points at the user's literal and nowhere inside apigw.
    #[doc(hidden)]
    const DECLARED: () = ();
}

/// Implemented by the derive for each declared status that carries a body, with that body's
/// type: what an integration that answers a known body (an S3 JSON listing) is checked against at
/// compile time.
#[diagnostic::on_unimplemented(
    message = "the {STATUS} response of `{Self}` does not carry `{Body}`",
    label = "this integration answers {STATUS} with `{Body}`",
    note = "declare the {STATUS} variant of `{Self}` with that body: `#[status({STATUS})] Ok({Body})`, so the API's documents describe what clients receive"
)]
pub trait DeclaresBody<const STATUS: u16, Body> {
    /// What the generated checks name (`<R as DeclaresBody<200, B>>::DECLARED`), spanned on the
    /// user's option.
    #[doc(hidden)]
    const DECLARED: () = ();
}
