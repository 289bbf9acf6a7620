//! Testing handlers in process, without deploying and without an HTTP server.
//!
//! [`TestClient`] serves the API's handlers as the deployed function does: each request is routed
//! like API Gateway routes it (against every operation's path template, literal segments before
//! `{param}` before greedy `{param+}`, then `ANY`), becomes the REST proxy event API Gateway would
//! send, and goes through the function's own event decoding, extractors and panic isolation. What
//! comes back is the handler's response, or apigw's own 400/500 `{"message": ...}`.
//!
//! ```standalone_crate
//! // (A crate of its own: the client collects every operation the program links.)
//! use apigw::prelude::*;
//! use apigw::testing::{TestClient, json};
//!
//! #[derive(Debug, Serialize, Deserialize, JsonSchema)]
//! pub struct Greeting {
//!     pub message: String,
//! }
//!
//! #[derive(ApiResponses)]
//! pub enum HelloResponses {
//!     /// A greeting.
//!     #[status(200)]
//!     Ok(Json<Greeting>),
//! }
//!
//! /// Say hello.
//! #[operation(GET "/hello/<name>")]
//! pub async fn hello(name: String) -> HelloResponses {
//!     HelloResponses::Ok(Json(Greeting { message: format!("Hello, {name}!") }))
//! }
//!
//! # fn main() {
//! let client = TestClient::new(App::new("Hello"));
//! let response = client.get("/hello/Ada").send();
//! assert_eq!(response.status(), 200);
//! assert_eq!(response.json::<Greeting>().message, "Hello, Ada!");
//! assert_eq!(response.json_value(), json!({ "message": "Hello, Ada!" }));
//!
//! // No route: what API Gateway (REST) answers.
//! assert_eq!(client.get("/nowhere").send().status(), 403);
//!
//! // A handler is a Rust function: call it for its typed response.
//! let typed = client.run(hello("Grace".into()));
//! assert!(matches!(typed, HelloResponses::Ok(Json(g)) if g.message == "Hello, Grace!"));
//! # }
//! ```
//!
//! The client is blocking: it runs handlers on its own single-threaded Tokio runtime (the kind
//! the Lambda function runs), so a test is a plain `#[test] fn` and needs neither `tokio` nor
//! `http` in `Cargo.toml`. It serves every handler of every function group. Operations that API
//! Gateway answers itself (a marker struct's mock, S3, HTTP or AWS integration) and Lambda custom
//! integrations (whose request API Gateway's mapping template builds) are not run: calling one
//! panics with a message saying so.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::dispatch::Dispatcher;
use crate::lambda::event::{self, Refusal};
use crate::model::{Backend, LambdaBackend, OperationDescriptor};
use crate::naming::DEFAULT_STAGE;
use crate::spec::route::{self, NoRoute, Router};
use crate::state::Shared;
use crate::{App, Response, State};

pub use crate::spec::Method;
/// `json!({...})`: JSON values for request bodies and assertions, without depending on
/// `serde_json`.
pub use serde_json::json;

/// The API Gateway domain the client's requests carry (`requestContext.domainName`), so
/// [`Request::url_for`](crate::Request::url_for) builds the URLs it would build when deployed.
pub const DOMAIN: &str = "testapi.execute-api.us-east-1.amazonaws.com";

/// The API's handlers, served in process: see the [module documentation](self).
pub struct TestClient {
    runtime: tokio::runtime::Runtime,
    dispatcher: Dispatcher,
    shared: Shared,
    router: Router<&'static OperationDescriptor>,
    stage: String,
    requests: AtomicU64,
}

impl TestClient {
    /// Collects every operation the test binary links, builds `app`'s state (running its
    /// [`App::state_with`] initialisers) and serves the handlers on stage `prod` (synth's
    /// default stage).
    ///
    /// # Panics
    ///
    /// When the operations do not form a valid API (the message lists each problem, as synth
    /// and the Lambda function would report it), or when called from inside an async runtime
    /// (`#[tokio::test]`): the client blocks, so use a plain `#[test]`.
    pub fn new(mut app: App) -> TestClient {
        let runtime = new_runtime();
        let registry = app.registry().unwrap_or_else(|e| panic!("{e}"));
        let shared = block_on(&runtime, app.build_state());
        let mut router = Router::default();
        for op in registry.operations() {
            // The registry has refused every path API Gateway would refuse.
            if let Err(e) = router.add(op.path, op.method.as_str(), *op) {
                panic!("operation `{}` ({}): {e}", op.name, op.source);
            }
        }
        TestClient {
            runtime,
            dispatcher: Dispatcher::new(&registry, shared.clone(), |_| true),
            shared,
            router,
            stage: DEFAULT_STAGE.to_string(),
            requests: AtomicU64::new(0),
        }
    }

    /// Serves the requests on stage `stage` instead of `prod`: what
    /// [`Request::base_path`](crate::Request::base_path) and `requestContext.stage` read.
    pub fn stage(mut self, stage: impl Into<String>) -> TestClient {
        self.stage = stage.into();
        self
    }

    /// A request with `method` to `path`: the API path, without the stage (`/pets/pet-1`),
    /// percent-encoded as in a URL, optionally with a query string (`/pets?limit=10`).
    ///
    /// # Panics
    ///
    /// When `method` is [`Method::Any`], which only operations declare: a client sends a method.
    pub fn request(&self, method: Method, path: &str) -> TestRequest<'_> {
        assert!(
            method != Method::Any,
            "`ANY` matches every method in a route; a request sends one method, e.g. `Method::Get`"
        );
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path, None),
        };
        TestRequest {
            client: self,
            method,
            path: path.to_string(),
            query: query
                .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
                .unwrap_or_default(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A `GET` request to `path` (see [`request`](Self::request)).
    pub fn get(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::Get, path)
    }

    /// A `POST` request to `path`.
    pub fn post(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::Post, path)
    }

    /// A `PUT` request to `path`.
    pub fn put(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::Put, path)
    }

    /// A `PATCH` request to `path`.
    pub fn patch(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::Patch, path)
    }

    /// A `DELETE` request to `path`.
    pub fn delete(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::Delete, path)
    }

    /// A `HEAD` request to `path`.
    pub fn head(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::Head, path)
    }

    /// An `OPTIONS` request to `path`.
    pub fn options(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::Options, path)
    }

    /// The state value of type `T` the handlers share, as a handler argument: to call a handler
    /// directly (`client.run(get_pet("pet-1".into(), client.state()))`) or inspect the state.
    ///
    /// # Panics
    ///
    /// When the app has no state of type `T`.
    pub fn state<T: Send + Sync + 'static>(&self) -> State<T> {
        match self.shared.get::<T>() {
            Some(value) => State(value),
            None => panic!(
                "the app has no state of type `{}`: give it with `App::state(...)` or `App::state_with(...)`",
                std::any::type_name::<T>()
            ),
        }
    }

    /// Runs `future` to completion on the client's runtime, where the handlers run: call a
    /// handler directly and get its typed responses enum back.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        block_on(&self.runtime, future)
    }

    /// The URL a handler's [`Request::url_for`](crate::Request::url_for) builds for `path` on
    /// this client: `https://` + [`DOMAIN`] + `/` + stage + `path`.
    pub fn url_for(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("https://{DOMAIN}/{}{slash}{path}", self.stage)
    }

    fn send(&self, request: TestRequest<'_>) -> TestResponse {
        let matched = match self.router.find(&request.path, request.method.as_str()) {
            Ok(matched) => matched,
            Err(NoRoute::NoResource | NoRoute::NoMethod) => {
                return TestResponse {
                    response: Response::error(403, "Missing Authentication Token"),
                    operation: None,
                };
            }
        };
        let op = matched.method;
        if !matches!(
            op.backend,
            Backend::Lambda(LambdaBackend { custom: None, .. })
        ) {
            panic!(
                "`{} {}` is operation `{}` ({}), served by {}: the test client runs the handlers Lambda serves through its proxy integration, not what API Gateway does without them",
                request.method,
                request.path,
                op.name,
                op.source,
                match op.backend {
                    Backend::Lambda(_) => "a Lambda custom integration, whose request API Gateway's mapping template builds".to_string(),
                    Backend::Integration(_) => format!("its `{}` integration, which API Gateway runs itself", op.integration().kind()),
                }
            );
        }
        let event = self.event(&request, &matched.resource_path, &matched.params);
        let response = match event::decode(event) {
            Ok(decoded) => {
                let route = decoded.route;
                let request = decoded.request;
                block_on(
                    &self.runtime,
                    self.dispatcher.dispatch(Some(route.as_ref()), request),
                )
            }
            Err(Refusal::Answer { response, .. }) => response,
            Err(Refusal::NotAnEvent(why)) => {
                panic!("apigw's test client built an event its decoder refuses: {why}")
            }
        };
        TestResponse {
            response,
            operation: Some(op.id),
        }
    }

    /// The REST proxy event API Gateway sends for `request` (payload format 1.0).
    fn event(
        &self,
        request: &TestRequest<'_>,
        resource_path: &str,
        params: &[(String, String)],
    ) -> Value {
        let id = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let single = |pairs: &[(String, String)]| -> Value {
            if pairs.is_empty() {
                return Value::Null;
            }
            // One value per name: the last one.
            let mut map = Map::new();
            for (name, value) in pairs {
                map.insert(name.clone(), Value::String(value.clone()));
            }
            Value::Object(map)
        };
        let multi = |pairs: &[(String, String)]| -> Value {
            if pairs.is_empty() {
                return Value::Null;
            }
            let mut map = Map::new();
            for (name, value) in pairs {
                let values = map.entry(name.clone()).or_insert_with(|| json!([]));
                if let Value::Array(values) = values {
                    values.push(Value::String(value.clone()));
                }
            }
            Value::Object(map)
        };
        let (body, is_base64) = if request.body.is_empty() {
            (Value::Null, false)
        } else {
            match std::str::from_utf8(&request.body) {
                Ok(text) => (Value::String(text.to_string()), false),
                Err(_) => {
                    use base64::Engine as _;
                    let encoded = base64::engine::general_purpose::STANDARD.encode(&request.body);
                    (Value::String(encoded), true)
                }
            }
        };
        let path = if request.path.is_empty() {
            "/"
        } else {
            &request.path
        };
        let method = request.method.as_str();
        json!({
            "resource": resource_path,
            "path": route::decode(path),
            "httpMethod": method,
            "headers": single(&request.headers),
            "multiValueHeaders": multi(&request.headers),
            "queryStringParameters": single(&request.query),
            "multiValueQueryStringParameters": multi(&request.query),
            "pathParameters": single(params),
            "stageVariables": null,
            "requestContext": {
                "resourcePath": resource_path,
                "httpMethod": method,
                "path": format!("/{}{}", self.stage, path),
                "stage": self.stage,
                "requestId": format!("test-request-{id}"),
                "apiId": DOMAIN.split('.').next(),
                "domainName": DOMAIN,
                "domainPrefix": DOMAIN.split('.').next(),
                "protocol": "HTTP/1.1",
                "identity": { "sourceIp": "127.0.0.1" },
            },
            "body": body,
            "isBase64Encoded": is_base64,
        })
    }
}

/// A request being built: add headers, query parameters and a body, then [`send`](Self::send)
/// it.
#[must_use = "a request does nothing until it is sent"]
pub struct TestRequest<'c> {
    client: &'c TestClient,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl TestRequest<'_> {
    /// Adds a header (a name given twice sends both values).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Adds a query parameter (a name given twice sends both values).
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    /// A JSON body (`Content-Type: application/json` unless a header sets it): a value of the
    /// handler's body type, or `json!({...})`.
    ///
    /// # Panics
    ///
    /// When `body` cannot be serialized (a map with non-string keys).
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = serde_json::to_vec(body)
            .unwrap_or_else(|e| panic!("the test request's JSON body cannot be serialized: {e}"));
        self.default_content_type("application/json")
    }

    /// A text body (`Content-Type: text/plain; charset=utf-8` unless a header sets it).
    pub fn text(mut self, body: impl Into<String>) -> Self {
        self.body = body.into().into_bytes();
        self.default_content_type("text/plain; charset=utf-8")
    }

    /// A body of raw bytes, sent as they are (base64-encoded in the event when they are not
    /// UTF-8, as API Gateway does for binary media types).
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    fn default_content_type(mut self, content_type: &str) -> Self {
        if !self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            self.headers
                .push(("Content-Type".to_string(), content_type.to_string()));
        }
        self
    }

    /// Sends the request through routing, the handler and its extractors; returns what the
    /// function answers. An unknown route answers 403 `{"message":"Missing Authentication
    /// Token"}`, as API Gateway (REST) does.
    ///
    /// # Panics
    ///
    /// When the route is an operation no handler serves through Lambda's proxy integration (see
    /// the [module documentation](self)).
    pub fn send(self) -> TestResponse {
        let client = self.client;
        client.send(self)
    }
}

/// What the function answered.
#[derive(Debug, Clone)]
pub struct TestResponse {
    response: Response,
    operation: Option<&'static str>,
}

impl TestResponse {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.response.status
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.response.header(name)
    }

    /// Every header, in the order the handler set them.
    pub fn headers(&self) -> &[(String, String)] {
        &self.response.headers
    }

    /// The body's bytes.
    pub fn body(&self) -> &[u8] {
        &self.response.body
    }

    /// The body as text (invalid UTF-8 replaced by `�`).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.response.body).into_owned()
    }

    /// The body read as JSON into `T`: the body type of the response variant you expect.
    ///
    /// # Panics
    ///
    /// When the body is not JSON of type `T`; the message shows the status and the body.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.response.body).unwrap_or_else(|e| {
            panic!(
                "the response (status {}) is not the JSON expected ({e}): {}",
                self.response.status,
                self.text()
            )
        })
    }

    /// The body as a JSON value, to compare with `json!({...})`.
    ///
    /// # Panics
    ///
    /// When the body is not JSON.
    pub fn json_value(&self) -> Value {
        self.json()
    }

    /// The `operationId` of the operation that answered; `None` when no route matched.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The response as the function sends it.
    pub fn into_response(self) -> Response {
        self.response
    }
}

fn new_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("the test client cannot start its async runtime: {e}"))
}

/// Runs `future` on `runtime`, with a clear message instead of Tokio's when the caller is itself
/// inside a runtime.
fn block_on<F: Future>(runtime: &tokio::runtime::Runtime, future: F) -> F::Output {
    if tokio::runtime::Handle::try_current().is_ok() {
        panic!(
            "apigw's TestClient blocks until a handler answers, so it cannot run inside an async runtime: write the test as a plain `#[test] fn`, not `#[tokio::test]`"
        );
    }
    runtime.block_on(future)
}
