//! Dispatch: API Gateway already matched the route (`resourcePath` + `httpMethod` for REST,
//! `routeKey` for HTTP APIs), so dispatch is a hash lookup on that key, not a second router.
//! A handler that panics answers 500 and the function keeps serving.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;

use crate::model::{Handler, OperationDescriptor};
use crate::registry::Registry;
use crate::spec::Method;
use crate::state::Shared;
use crate::{Request, Response};

type Slots = [Option<(&'static OperationDescriptor, Handler)>; Method::ALL.len()];

/// The handlers of one function, by route.
#[derive(Clone)]
pub struct Dispatcher {
    routes: HashMap<&'static str, Slots>,
    /// Operation id -> handler: how Lambda custom integration envelopes name their operation.
    by_id: HashMap<&'static str, (&'static OperationDescriptor, Handler)>,
    shared: Shared,
}

/// What the client reads when a handler panicked (the panic itself is logged, never sent).
pub const PANIC_MESSAGE: &str = "Internal server error";

/// How running a handler ended.
#[derive(Debug)]
pub enum RunOutcome {
    /// The handler's own response.
    Answered(Response),
    /// The request could not be handed to it (400).
    Rejected(crate::Rejection),
    /// It panicked (500); the function keeps serving.
    Panicked,
}

/// How a request names its route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteRef<'a> {
    /// REST (v1) and HTTP API payload 1.0: `httpMethod` + `requestContext.resourcePath`.
    Resource {
        /// `httpMethod`: `GET`, ...
        method: &'a str,
        /// The route's path template: `/pets/{petId}`.
        resource_path: &'a str,
    },
    /// HTTP API payload 2.0: `routeKey` (`GET /pets/{petId}`).
    RouteKey(&'a str),
}

impl Dispatcher {
    /// The handlers of every Lambda operation in `registry` for which `serves` is true.
    pub fn new(
        registry: &Registry,
        shared: Shared,
        serves: impl Fn(&OperationDescriptor) -> bool,
    ) -> Self {
        let mut routes: HashMap<&'static str, Slots> = HashMap::new();
        let mut by_id = HashMap::new();
        for op in registry.operations() {
            let Some(handler) = op.handler() else {
                continue;
            };
            if !serves(op) {
                continue;
            }
            routes.entry(op.path).or_insert([None; Method::ALL.len()])[op.method.index()] =
                Some((op, handler));
            by_id.insert(op.id, (*op, handler));
        }
        Dispatcher {
            routes,
            by_id,
            shared,
        }
    }

    /// The operation a route names: the exact method, else the path's `ANY` operation.
    pub fn lookup(&self, route: RouteRef<'_>) -> Option<(&'static OperationDescriptor, Handler)> {
        let (method, path) = match route {
            RouteRef::Resource {
                method,
                resource_path,
            } => (method, resource_path),
            RouteRef::RouteKey(key) => key.split_once(' ')?,
        };
        let slots = self.routes.get(path)?;
        let exact = Method::parse(method).and_then(|m| slots[m.index()]);
        exact.or(slots[Method::Any.index()])
    }

    /// The operation with this `operationId`.
    pub fn lookup_id(&self, id: &str) -> Option<(&'static OperationDescriptor, Handler)> {
        self.by_id.get(id).copied()
    }

    /// How many operations this dispatcher serves.
    pub fn len(&self) -> usize {
        self.routes
            .values()
            .map(|s| s.iter().flatten().count())
            .sum()
    }

    /// Whether it serves no operation at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs the handler of `route` on `request`. Never panics: unknown routes answer 404,
    /// extraction failures 400, a panicking handler 500.
    pub async fn dispatch(&self, route: Option<RouteRef<'_>>, request: Request) -> Response {
        let Some(route) = route else {
            return Response::error(
                404,
                "this event names no API Gateway route: apigw serves REST (v1) and HTTP API (v2) proxy events",
            );
        };
        let Some((op, handler)) = self.lookup(route) else {
            let name = match route {
                RouteRef::Resource {
                    method,
                    resource_path,
                } => format!("{method} {resource_path}"),
                RouteRef::RouteKey(key) => key.to_string(),
            };
            return Response::error(
                404,
                format!("no operation of this function serves `{name}`"),
            );
        };
        self.run(op, handler, request).await
    }

    /// Runs `handler` (of `op`) on `request`: extraction failures answer 400, a panic 500.
    pub async fn run(
        &self,
        op: &'static OperationDescriptor,
        handler: Handler,
        request: Request,
    ) -> Response {
        match self.run_outcome(op, handler, request).await {
            RunOutcome::Answered(response) => response,
            RunOutcome::Rejected(rejection) => rejection.into_response(),
            RunOutcome::Panicked => Response::error(500, PANIC_MESSAGE),
        }
    }

    /// Runs `handler` (of `op`) on `request`, telling the handler's own answer from apigw's: a
    /// Lambda custom integration maps them differently.
    pub async fn run_outcome(
        &self,
        op: &'static OperationDescriptor,
        handler: Handler,
        request: Request,
    ) -> RunOutcome {
        let shared = self.shared.clone();
        // The handler future is created inside the guarded block: a panic while building it is
        // caught too.
        let run = AssertUnwindSafe(async move { handler(request, shared).await }).catch_unwind();
        match run.await {
            Ok(Ok(response)) => RunOutcome::Answered(response),
            Ok(Err(rejection)) => RunOutcome::Rejected(rejection),
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a non-string payload".into());
                eprintln!(
                    "apigw: handler `{}` ({}) panicked: {what}",
                    op.name, op.source
                );
                RunOutcome::Panicked
            }
        }
    }
}
