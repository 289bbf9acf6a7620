//! How the gateway reaches Lambda functions: the caller provides a [`LambdaInvoker`] (a real
//! function behind the Lambda Runtime API, an in-process handler, a stub), as the Lambda `Invoke`
//! API would answer.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// One synchronous invocation (`InvocationType: RequestResponse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// The function ARN from the integration uri (with `:alias` or `:version` if it has one).
    pub function_arn: String,
    /// The event: the proxy event (`aws_proxy`) or the request template's output (`aws`).
    pub payload: Vec<u8>,
}

/// What the function answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvokeOutcome {
    /// The function returned this payload.
    Success(Vec<u8>),
    /// The function failed (`X-Amz-Function-Error`): the payload is Lambda's error object,
    /// `{"errorMessage": ..., "errorType": ..., "stackTrace": [...]}`.
    FunctionError {
        error_type: Option<String>,
        payload: Vec<u8>,
    },
}

/// The invocation itself failed (no such function, the function could not be started).
/// API Gateway answers such a request with a 5xx; the message goes to the log, not the client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the Lambda invocation failed: {0}")]
pub struct InvokeError(pub String);

/// The future an invoker returns.
pub type InvokeFuture<'a> =
    Pin<Box<dyn Future<Output = Result<InvokeOutcome, InvokeError>> + Send + 'a>>;

/// Invokes Lambda functions for the gateway.
pub trait LambdaInvoker: Send + Sync {
    fn invoke(&self, invocation: Invocation) -> InvokeFuture<'_>;
}

/// An invoker from an async function: `invoker_fn(|invocation| async move { ... })`.
pub fn invoker_fn<F, Fut>(f: F) -> Arc<dyn LambdaInvoker>
where
    F: Fn(Invocation) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<InvokeOutcome, InvokeError>> + Send + 'static,
{
    struct FnInvoker<F>(F);
    impl<F, Fut> LambdaInvoker for FnInvoker<F>
    where
        F: Fn(Invocation) -> Fut + Send + Sync,
        Fut: Future<Output = Result<InvokeOutcome, InvokeError>> + Send + 'static,
    {
        fn invoke(&self, invocation: Invocation) -> InvokeFuture<'_> {
            Box::pin((self.0)(invocation))
        }
    }
    Arc::new(FnInvoker(f))
}

/// An invoker from a blocking function (e.g. one driving a function process over the Runtime
/// API): it runs on tokio's blocking pool, so the gateway keeps serving meanwhile.
pub fn blocking_invoker<F>(f: F) -> Arc<dyn LambdaInvoker>
where
    F: Fn(Invocation) -> Result<InvokeOutcome, InvokeError> + Send + Sync + 'static,
{
    let f = Arc::new(f);
    invoker_fn(move |invocation| {
        let f = f.clone();
        async move {
            tokio::task::spawn_blocking(move || f(invocation))
                .await
                .map_err(|e| InvokeError(format!("the invoker panicked or was cancelled: {e}")))?
        }
    })
}
