//! The Lambda side. `lambda_runtime` runs the Runtime API loop with JSON payloads; apigw decodes
//! each event itself ([`event`]) and answers in the event's own format ([`response`]). The
//! function receives:
//! - proxy events (REST, HTTP API payload 1.0 and 2.0): decoded into apigw's `Request`,
//!   dispatched by the route API Gateway already matched, answered in the event's format;
//! - Lambda custom integration envelopes ([`Envelope`]): dispatched by operation id; the handler's
//!   response becomes the Lambda result, or a Lambda error whose `errorMessage` the integration's
//!   selection patterns match;
//! - ALB and WebSocket events: recognised and answered in their format with a 404 that says what
//!   this function serves.
//!
//! Anything else is a Lambda error of one of the [`ErrorType`]s; no panic reaches
//! `lambda_runtime`.

pub mod context;
pub mod event;
pub mod response;

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use lambda_runtime::{Context, Diagnostic, LambdaEvent, service_fn};
use serde::Deserialize;
use serde_json::Value;

pub use context::RequestContext;
pub use event::EventKind;

use crate::dispatch::{Dispatcher, PANIC_MESSAGE, RunOutcome};
use crate::integration::lambda_custom::{Envelope, Outcome};
use event::{ProxyEvent, Refusal};

/// What this function serves, for the messages that refuse anything else.
pub const SERVES: &str = "this function serves API Gateway REST and HTTP API (payload 1.0 and 2.0) proxy events and apigw Lambda custom integration envelopes";

/// The `errorType` of the Lambda errors apigw answers with. Stable: alarms and integration
/// mappings may match them. (A Lambda custom integration's handler answering a non-2xx status is
/// a Lambda error too, of type `HttpStatus<N>`: see [`Outcome`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorType {
    /// The payload is not an event this function can answer in any format: not JSON (or nested
    /// deeper than 128 levels), not an object, no route named, an authorizer event, an unknown
    /// payload format version.
    InvalidEvent,
    /// A Lambda custom integration envelope (`"apigw": "lambda-custom/1"`) that does not parse:
    /// the integration's request template is wrong.
    InvalidEnvelope,
    /// An envelope names an operation id this function does not serve.
    UnknownOperation,
    /// apigw itself panicked while handling the event (a bug: a handler's panic answers 500 and
    /// never gets here). The function keeps serving.
    HandlerPanic,
}

impl ErrorType {
    /// The `errorType` string.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::InvalidEvent => "InvalidEvent",
            ErrorType::InvalidEnvelope => "InvalidEnvelope",
            ErrorType::UnknownOperation => "UnknownOperation",
            ErrorType::HandlerPanic => "HandlerPanic",
        }
    }

    fn error(self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            error_type: self.as_str().into(),
            error_message: message.into(),
        }
    }

    /// An error of a Lambda custom integration that apigw raises itself: its message carries the
    /// prefix the integration's generated selection patterns map to `status`.
    fn framework(self, status: u16, message: impl AsRef<str>) -> Diagnostic {
        self.error(crate::spec::lambda::error_message(status, message.as_ref()))
    }
}

/// One Lambda event through the dispatcher: the Lambda result (a proxy response, an envelope's
/// result) or a Lambda error. Never panics.
pub async fn handle(
    dispatcher: &Dispatcher,
    payload: Value,
    context: Option<Context>,
) -> Result<Value, Diagnostic> {
    match AssertUnwindSafe(handle_unguarded(dispatcher, payload, context))
        .catch_unwind()
        .await
    {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a non-string payload".into());
            eprintln!("apigw: panicked while handling an event: {what}");
            Err(ErrorType::HandlerPanic.error(
                "the function failed while handling this event; it keeps serving the next ones",
            ))
        }
    }
}

async fn handle_unguarded(
    dispatcher: &Dispatcher,
    payload: Value,
    context: Option<Context>,
) -> Result<Value, Diagnostic> {
    match Envelope::recognise(&payload) {
        Some(Ok(envelope)) => return handle_envelope(dispatcher, envelope, context).await,
        Some(Err(e)) => {
            return Err(ErrorType::InvalidEnvelope.framework(
                500,
                format!(
                    "the Lambda custom integration envelope is malformed (check the request template): {e}"
                ),
            ));
        }
        None => {}
    }
    match event::decode(payload) {
        Ok(ProxyEvent {
            kind,
            route,
            mut request,
        }) => {
            if let Some(context) = context {
                request.extensions.insert(context);
            }
            let answer = dispatcher.dispatch(Some(route.as_ref()), request).await;
            Ok(response::encode(answer, kind))
        }
        Err(Refusal::Answer { kind, response }) => Ok(response::encode(response, kind)),
        Err(Refusal::NotAnEvent(message)) => Err(ErrorType::InvalidEvent.error(message)),
    }
}

/// One Lambda custom integration envelope through the dispatcher.
pub async fn handle_envelope(
    dispatcher: &Dispatcher,
    envelope: Envelope,
    context: Option<Context>,
) -> Result<Value, Diagnostic> {
    let Some((op, handler)) = dispatcher.lookup_id(&envelope.operation_id) else {
        return Err(ErrorType::UnknownOperation.framework(
            500,
            format!(
                "no operation of this function has id `{}`: the integration's request template names an operation this binary does not serve",
                envelope.operation_id
            ),
        ));
    };
    let mut request = match envelope.into_request() {
        Ok(r) => r,
        Err(e) => return Err(ErrorType::InvalidEnvelope.framework(400, e)),
    };
    if let Some(context) = context {
        request.extensions.insert(context);
    }
    // The handler's own statuses are its errors' `errorMessage`s, which the user's selection
    // patterns match; apigw's own carry the prefix its generated patterns select.
    match dispatcher.run_outcome(op, handler, request).await {
        RunOutcome::Answered(response) => match Outcome::of(&response) {
            Outcome::Result(value) => Ok(value),
            Outcome::Error {
                error_type,
                error_message,
            } => Err(Diagnostic {
                error_type,
                error_message,
            }),
        },
        RunOutcome::Rejected(rejection) => Err(status_error(rejection.status, &rejection.message)),
        // The handler's panic, answered as a 500 (`HandlerPanic` is apigw's own failure).
        RunOutcome::Panicked => Err(status_error(500, PANIC_MESSAGE)),
    }
}

/// A status apigw answers for a handler (400: the request could not be handed to it; 500: it
/// panicked), as the Lambda error whose message the generated selection patterns map back.
fn status_error(status: u16, message: &str) -> Diagnostic {
    Diagnostic {
        error_type: format!("HttpStatus{status}"),
        error_message: crate::spec::lambda::error_message(status, message),
    }
}

/// One event as `lambda_runtime` hands it over.
pub async fn handle_event(
    dispatcher: Arc<Dispatcher>,
    event: LambdaEvent<Value>,
) -> Result<Value, Diagnostic> {
    handle(&dispatcher, event.payload, Some(event.context)).await
}

/// The payload as the Runtime API delivered it: JSON, or why it is not. Reading it never fails,
/// so an unreadable payload gets apigw's own error type rather than `lambda_runtime`'s.
struct Payload(Result<Value, String>);

impl<'de> Deserialize<'de> for Payload {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Payload(
            Value::deserialize(deserializer).map_err(|e| e.to_string()),
        ))
    }
}

/// Serves events from the Lambda Runtime API until the process is stopped.
pub async fn serve(dispatcher: Dispatcher) -> Result<(), lambda_runtime::Error> {
    let dispatcher = Arc::new(dispatcher);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Payload>| {
        let dispatcher = dispatcher.clone();
        async move {
            match event.payload.0 {
                Ok(payload) => handle(&dispatcher, payload, Some(event.context)).await,
                Err(why) => Err(ErrorType::InvalidEvent.error(format!(
                    "the event is not a JSON document this function can read ({why}): {SERVES}"
                ))),
            }
        }
    }))
    .await
}
