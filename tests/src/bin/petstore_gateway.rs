//! The petstore behind a local API Gateway, over HTTP on 127.0.0.1: the document synth renders
//! (`tests/golden/petstore/openapi.json`) executed by `apigw-gateway`, its Lambda proxy
//! integrations invoking the real petstore binary over the Lambda Runtime API
//! (`apigw_tests::runtime_api`). Clients reach the function as they would through a deployed
//! REST API; CI runs schemathesis against it.
//!
//! ```text
//! petstore-gateway [--port N] [--document PATH] [--function PATH] [--max-seconds N]
//! ```
//!
//! Prints `listening on http://127.0.0.1:<port>/prod` once it serves, then serves until it is
//! killed or `--max-seconds` (default 1800) have passed, so a forgotten process stops by itself.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use apigw_gateway::{
    Bindings, Gateway, GatewayConfig, InvokeError, InvokeOutcome, blocking_invoker,
};
use apigw_tests::binaries::{petstore, workspace_root};
use apigw_tests::runtime_api::{FUNCTION_ARN, Outcome, RuntimeApi};

struct Options {
    port: u16,
    document: PathBuf,
    function: Option<PathBuf>,
    max_seconds: u64,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        port: 0,
        document: workspace_root().join("tests/golden/petstore/openapi.json"),
        function: None,
        max_seconds: 1800,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => options.port = value()?.parse().map_err(|e| format!("--port: {e}"))?,
            "--document" => options.document = value()?.into(),
            "--function" => options.function = Some(value()?.into()),
            "--max-seconds" => {
                options.max_seconds = value()?
                    .parse()
                    .map_err(|e| format!("--max-seconds: {e}"))?
            }
            other => {
                return Err(format!(
                    "unknown argument `{other}`: expected --port, --document, --function or --max-seconds"
                ));
            }
        }
    }
    Ok(options)
}

fn run(options: Options) -> Result<(), String> {
    let text = std::fs::read_to_string(&options.document)
        .map_err(|e| format!("cannot read {}: {e}", options.document.display()))?;
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not JSON: {e}", options.document.display()))?;
    let function = match options.function {
        Some(path) => path,
        None => petstore()?,
    };
    let mut runtime_api = RuntimeApi::start().map_err(|e| e.to_string())?;
    runtime_api
        .spawn(&function, &[])
        .map_err(|e| e.to_string())?;
    // One function instance answers one event at a time, as a Lambda execution environment does.
    let runtime_api = Mutex::new(runtime_api);
    let invoker = blocking_invoker(move |invocation| {
        let mut runtime_api = runtime_api.lock().unwrap_or_else(|e| e.into_inner());
        match runtime_api.invoke(&invocation.payload) {
            Ok(result) => Ok(match result.outcome {
                Outcome::Response(body) => InvokeOutcome::Success(body),
                Outcome::Error { error_type, body } => InvokeOutcome::FunctionError {
                    error_type,
                    payload: body,
                },
            }),
            Err(e) => Err(InvokeError(e.to_string())),
        }
    });
    let bindings = Bindings::new().bind("ApiFunction.Arn", FUNCTION_ARN);
    let gateway =
        Gateway::from_rendered(&document, &bindings, GatewayConfig::new().lambda(invoker))
            .map_err(|e| format!("cannot deploy {}: {e}", options.document.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async {
        let server = gateway
            .serve(options.port)
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", options.port))?;
        println!("listening on {}", server.url(gateway.stage()));
        tokio::time::sleep(Duration::from_secs(options.max_seconds)).await;
        eprintln!(
            "petstore-gateway: --max-seconds {} passed, stopping",
            options.max_seconds
        );
        server.shutdown().await;
        Ok(())
    })
}

fn main() -> ExitCode {
    match options().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("petstore-gateway: {e}");
            ExitCode::FAILURE
        }
    }
}
