//! The application: the composition root a binary builds. It gathers the API's configuration
//! ([`ApiConfig`]) and the state handlers share, and is the one entry point: the same binary is
//! the Lambda function (when `AWS_LAMBDA_RUNTIME_API` is set) and the synth CLI.

use std::any::{Any, TypeId};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;

use crate::config::{ApiConfig, ApiInfo};
use crate::function::FunctionConfig;
use crate::registry::{Registry, RegistryErrors};
use crate::state::{Shared, SharedBuilder};

type StateValue = (TypeId, Arc<dyn Any + Send + Sync>);
type StateInit = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = StateValue>>>>;

/// An API: its configuration, and the state its handlers share.
pub struct App {
    config: ApiConfig,
    state: SharedBuilder,
    state_init: Vec<StateInit>,
}

impl App {
    /// `title` is the API's name in OpenAPI and in the deployed template.
    pub fn new(title: impl Into<String>) -> Self {
        App {
            config: ApiConfig::new(title),
            state: SharedBuilder::default(),
            state_init: Vec::new(),
        }
    }

    /// The API's version (OpenAPI `info.version`); `env!("CARGO_PKG_VERSION")` is a good value.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.config.info.version = version.into();
        self
    }

    /// The API's description (OpenAPI `info.description`, the reference page's introduction).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.config.info.description = Some(description.into());
        self
    }

    /// A value handlers receive as `State<T>`.
    pub fn state<T: Send + Sync + 'static>(mut self, value: T) -> Self {
        self.state.insert(value);
        self
    }

    /// A value built once per cold start, only when the binary runs as the function (SDK
    /// clients, connection pools); synth never builds it.
    pub fn state_with<T, F, Fut>(mut self, init: F) -> Self
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut + 'static,
        Fut: Future<Output = T> + 'static,
    {
        self.state_init.push(Box::new(move || {
            Box::pin(async move {
                let v: Arc<dyn Any + Send + Sync> = Arc::new(init().await);
                (TypeId::of::<T>(), v)
            })
        }));
        self
    }

    /// Configures the Lambda function `name` (`"api"`, the default group, or a group named by
    /// `#[operation(..., function = "name")]`). Unconfigured functions get
    /// [`FunctionConfig::default`]; configuring a group no operation uses is a synth error.
    pub fn function(mut self, name: impl Into<String>, config: FunctionConfig) -> Self {
        self.config.functions.insert(name.into(), config);
        self
    }

    /// The functions configured with [`App::function`], by name.
    pub fn functions(&self) -> &BTreeMap<String, FunctionConfig> {
        &self.config.functions
    }

    /// The API's title, version and description.
    pub fn info(&self) -> &ApiInfo {
        &self.config.info
    }

    /// What the renderers need: the API's metadata and function configuration.
    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    /// The validated registry of every operation this binary links.
    pub fn registry(&self) -> Result<Registry, RegistryErrors> {
        Registry::collect()
    }

    /// Builds the shared state (running the `state_with` initialisers).
    pub async fn build_state(&mut self) -> Shared {
        let mut builder = std::mem::take(&mut self.state);
        for init in self.state_init.drain(..) {
            let (id, value) = init().await;
            builder.insert_raw(id, value);
        }
        builder.build()
    }

    /// Runs the binary: the Lambda function when `AWS_LAMBDA_RUNTIME_API` is set, else the synth
    /// CLI with the process arguments.
    pub fn main(self) -> ExitCode {
        if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
            return self.run_lambda();
        }
        self.run_cli(std::env::args_os().collect())
    }

    #[cfg(feature = "lambda")]
    fn run_lambda(mut self) -> ExitCode {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                eprintln!("apigw: cannot start the async runtime: {e}");
                return ExitCode::FAILURE;
            }
        };
        let registry = match self.registry() {
            Ok(r) => r,
            Err(e) => {
                eprintln!("apigw: {e}");
                return ExitCode::FAILURE;
            }
        };
        // The template tells each function which group it serves; unset, serve every handler.
        let group = std::env::var(crate::naming::FUNCTION_ENV).ok();
        if let Some(g) = &group
            && !registry
                .operations()
                .iter()
                .any(|op| op.handler().is_some() && crate::function::group_of(op) == g)
        {
            eprintln!(
                "apigw: {}={g}, but no handler of this binary belongs to function `{g}`: deploy the binary built from the API that synthesized the template",
                crate::naming::FUNCTION_ENV
            );
            return ExitCode::FAILURE;
        }
        runtime.block_on(async move {
            let shared = self.build_state().await;
            let dispatcher = crate::dispatch::Dispatcher::new(&registry, shared, |op| {
                group
                    .as_deref()
                    .is_none_or(|g| crate::function::group_of(op) == g)
            });
            match crate::lambda::serve(dispatcher).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("apigw: the Lambda runtime stopped: {e}");
                    ExitCode::FAILURE
                }
            }
        })
    }

    #[cfg(not(feature = "lambda"))]
    fn run_lambda(self) -> ExitCode {
        eprintln!(
            "apigw: AWS_LAMBDA_RUNTIME_API is set, but this binary was built without the `lambda` feature of apigw"
        );
        ExitCode::FAILURE
    }

    #[cfg(feature = "synth")]
    fn run_cli(self, args: Vec<std::ffi::OsString>) -> ExitCode {
        crate::synth::cli::run(self.config(), args)
    }

    #[cfg(not(feature = "synth"))]
    fn run_cli(self, _args: Vec<std::ffi::OsString>) -> ExitCode {
        eprintln!(
            "apigw: this binary was built without the `synth` feature of apigw; it only runs as a Lambda function (set AWS_LAMBDA_RUNTIME_API)"
        );
        ExitCode::FAILURE
    }
}
