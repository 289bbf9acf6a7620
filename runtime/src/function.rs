//! How each Lambda function is configured (architecture, memory, timeout, environment, reserved
//! concurrency). Plain data set on the [`App`](crate::App) in Rust, so the configuration lives next
//! to the API and the template renders it; it is not behind the `synth` feature because the same
//! `app()` builds in the lean Lambda build.
//!
//! Operations are served by the default function ([`DEFAULT_FUNCTION`](crate::naming::DEFAULT_FUNCTION),
//! `api`) unless `#[operation(..., function = "admin")]` puts them into another group: every group
//! is its own Lambda function running the same binary, told which group it serves through the
//! [`FUNCTION_ENV`](crate::naming::FUNCTION_ENV) environment variable.

use std::collections::BTreeMap;
use std::fmt;

/// The instruction set of a function. The packaged binary must be built for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Architecture {
    /// `x86_64-unknown-linux-{musl,gnu}` binaries.
    #[default]
    X86_64,
    /// `aarch64-unknown-linux-{musl,gnu}` binaries (Graviton: cheaper per ms).
    Arm64,
}

impl Architecture {
    /// The value of the function's `Architectures` property.
    pub fn as_str(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64",
            Architecture::Arm64 => "arm64",
        }
    }

    /// The Rust target that builds a binary Lambda runs on this architecture.
    pub fn musl_target(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64-unknown-linux-musl",
            Architecture::Arm64 => "aarch64-unknown-linux-musl",
        }
    }
}

impl fmt::Display for Architecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The settings of one Lambda function. Build it with the methods or with struct update syntax:
///
/// ```
/// use apigw::{Architecture, FunctionConfig};
/// let admin = FunctionConfig::new().memory_mb(512).timeout_secs(10).env("LOG_LEVEL", "debug");
/// let api = FunctionConfig { architecture: Architecture::Arm64, ..FunctionConfig::default() };
/// # let _ = (admin, api);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionConfig {
    /// The instruction set the function runs on (and the binary must be built for).
    pub architecture: Architecture,
    /// 128..=10240 MB. CPU is allocated in proportion.
    pub memory_mb: u32,
    /// 1..=900 s. API Gateway gives up after 29 s (its integration timeout), so more rarely helps.
    pub timeout_secs: u32,
    /// Environment variables, in addition to the one apigw sets (`APIGW_FUNCTION`, the function
    /// group the binary serves).
    /// Sorted, so the template is deterministic.
    pub environment: BTreeMap<String, String>,
    /// `ReservedConcurrentExecutions`: caps (and reserves) concurrent instances.
    pub reserved_concurrency: Option<u32>,
    /// The function's `Description`.
    pub description: Option<String>,
}

impl Default for FunctionConfig {
    fn default() -> Self {
        FunctionConfig {
            architecture: Architecture::X86_64,
            memory_mb: 128,
            timeout_secs: 29,
            environment: BTreeMap::new(),
            reserved_concurrency: None,
            description: None,
        }
    }
}

impl FunctionConfig {
    /// The defaults: x86_64, 128 MB, 29 s, no environment, no reserved concurrency.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the architecture.
    pub fn architecture(mut self, architecture: Architecture) -> Self {
        self.architecture = architecture;
        self
    }

    /// Shorthand for `architecture(Architecture::Arm64)`.
    pub fn arm64(self) -> Self {
        self.architecture(Architecture::Arm64)
    }

    /// Sets the memory, 128..=10240 MB.
    pub fn memory_mb(mut self, mb: u32) -> Self {
        self.memory_mb = mb;
        self
    }

    /// Sets the timeout, 1..=900 s.
    pub fn timeout_secs(mut self, secs: u32) -> Self {
        self.timeout_secs = secs;
        self
    }

    /// Adds an environment variable.
    pub fn env(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.environment.insert(name.into(), value.into());
        self
    }

    /// Reserves (and caps) `n` concurrent instances.
    pub fn reserved_concurrency(mut self, n: u32) -> Self {
        self.reserved_concurrency = Some(n);
        self
    }

    /// Sets the function's description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// What Lambda would reject at deploy time, as messages naming the setting.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(128..=10240).contains(&self.memory_mb) {
            out.push(format!(
                "memory_mb = {} is outside 128..=10240",
                self.memory_mb
            ));
        }
        if !(1..=900).contains(&self.timeout_secs) {
            out.push(format!(
                "timeout_secs = {} is outside 1..=900",
                self.timeout_secs
            ));
        }
        for name in self.environment.keys() {
            let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                out.push(format!(
                    "environment variable `{name}`: names are letters, digits and `_`, starting with a letter"
                ));
            } else if name == crate::naming::FUNCTION_ENV {
                out.push(format!(
                    "environment variable `{name}` is set by apigw (it tells the binary which function it is); use another name"
                ));
            } else if RESERVED_ENV.contains(&name.as_str()) {
                out.push(format!(
                    "environment variable `{name}` is reserved by Lambda; use another name"
                ));
            }
        }
        out
    }
}

/// Variables the Lambda runtime sets and does not let a function override.
const RESERVED_ENV: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

/// The function group an operation belongs to.
pub fn group_of(op: &crate::OperationDescriptor) -> &'static str {
    op.function.unwrap_or(crate::naming::DEFAULT_FUNCTION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(FunctionConfig::default().problems().is_empty());
    }

    #[test]
    fn out_of_range_and_reserved_settings_are_named() {
        let c = FunctionConfig::new()
            .memory_mb(64)
            .timeout_secs(0)
            .env("AWS_REGION", "x")
            .env("APIGW_FUNCTION", "x")
            .env("1BAD", "x");
        let p = c.problems();
        assert_eq!(p.len(), 5, "{p:?}");
        assert!(p[0].contains("memory_mb = 64"));
        assert!(p[1].contains("timeout_secs = 0"));
        assert!(p.iter().any(|m| m.contains("`AWS_REGION` is reserved")));
        assert!(
            p.iter()
                .any(|m| m.contains("`APIGW_FUNCTION` is set by apigw"))
        );
        assert!(p.iter().any(|m| m.contains("`1BAD`")));
    }
}
