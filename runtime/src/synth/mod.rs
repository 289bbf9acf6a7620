//! Synth: the API's artifacts, rendered from the registry in one pass.
//!
//! ```text
//! Registry ──render──> Rendered (each operation's integration object, role, resources;
//!                                the function plans)
//!                        ├─> openapi::document ──> openapi.json
//!                        └─> template::template (embeds the document) ──> template.json
//! ```
//!
//! Every integration is rendered exactly once, here; the document, the template and the CLI's
//! route table all read [`Rendered`]. The reference page (`api.html`) is rendered from the
//! document.

pub(crate) mod cli;
mod openapi;
mod package;
mod reference;
mod summary;
mod template;

pub use openapi::{OPENAPI_VERSION, OpenApi, binary_media_types, document, schema_settings};
pub use package::{
    BinaryInfo, ENTRY, LAMBDA_GLIBC, Linkage, MODE, PackageError, Packaged, Warning,
    current_binary, inspect, package, zip_bootstrap,
};
pub use reference::render as reference_page;
pub use summary::{describe_package, summary};
pub use template::{
    DEFAULT_STAGE, FORMAT_VERSION, FunctionPlan, TEMPLATE_BODY_LIMIT, TemplateError,
    TemplateOptions, deployment_logical_id, plan_functions, source_arn, template,
};

use std::path::{Path, PathBuf};

pub use apigw_gateway::resolve::{Bindings, ResolveError};

use crate::config::ApiConfig;
use crate::infra::Resource;
use crate::integration::object::{IntegrationObject, sub};
use crate::integration::{IamGrant, RenderContext};
use crate::model::OperationDescriptor;
use crate::registry::{Registry, RegistryError, RegistryErrors};

/// One operation, its integration rendered.
#[derive(Debug, Clone)]
pub struct RenderedOperation {
    /// The operation.
    pub op: &'static OperationDescriptor,
    /// Short kind name (`lambda`, `s3`, ...), for summaries.
    pub kind: &'static str,
    /// The `x-amazon-apigateway-integration` object, `credentials` pointing at [`Self::role`]
    /// when the template creates one.
    pub integration: IntegrationObject,
    /// The logical id of the role the template creates for the integration, and its grants.
    pub role: Option<(String, Vec<IamGrant>)>,
    /// The infrastructure the integration uses (created or imported by the template).
    pub resources: Vec<Resource>,
    /// The media types the integration serves as binary.
    pub binary_media_types: Vec<&'static str>,
}

/// Everything rendered from the registry.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// In registry order: sorted by (path, method).
    pub operations: Vec<RenderedOperation>,
    /// One per function group that has a handler, sorted by name.
    pub functions: Vec<FunctionPlan>,
}

/// Renders every operation's integration once, and plans the functions. Checks what only
/// rendering shows: the statuses a custom integration maps are declared.
pub fn render(config: &ApiConfig, registry: &Registry) -> Result<Rendered, SynthError> {
    let mut operations = Vec::new();
    let mut undeclared = Vec::new();
    for op in registry.operations() {
        let cx = RenderContext { operation: op };
        let integration = op.integration();
        let mut obj = integration.render(&cx);
        for status in obj.statuses() {
            if !op.declares(status.get()) {
                undeclared.push(RegistryError::UndeclaredStatus {
                    operation: op.name,
                    at: op.source,
                    status: status.get(),
                });
            }
        }
        let grants = integration.grants(&cx);
        // An integration that sets its own `credentials` gets no role.
        let role = (obj.credentials.is_none() && !grants.is_empty()).then(|| {
            let id = crate::naming::integration_role_logical_id(op.id);
            obj.credentials = Some(sub(format!("${{{id}.Arn}}")));
            (id, grants)
        });
        operations.push(RenderedOperation {
            op,
            kind: integration.kind(),
            integration: obj,
            role,
            resources: integration.resources(),
            binary_media_types: integration.binary_media_types(),
        });
    }
    if !undeclared.is_empty() {
        return Err(SynthError::Registry(RegistryErrors(undeclared)));
    }
    let functions = template::plan_functions(registry, &config.functions)?;
    Ok(Rendered {
        operations,
        functions,
    })
}

/// The two documents synth writes, rendered once.
#[derive(Debug, Clone)]
pub struct Documents {
    /// What both were rendered from.
    pub rendered: Rendered,
    /// `openapi.json`.
    pub openapi: serde_json::Value,
    /// `template.json`.
    pub template: serde_json::Value,
}

/// Renders the OpenAPI document and the template (which embeds the document).
pub fn documents(
    config: &ApiConfig,
    registry: &Registry,
    options: &TemplateOptions,
) -> Result<Documents, SynthError> {
    let rendered = render(config, registry)?;
    let openapi = openapi::document(&config.info, &rendered);
    if let Some(invalid) = crate::constraints::invalid_patterns(&openapi.document)
        .into_iter()
        .next()
    {
        return Err(SynthError::InvalidPattern(invalid));
    }
    let template = template::template(config, &rendered, &openapi, options)?;
    Ok(Documents {
        rendered,
        openapi: openapi.document,
        template,
    })
}

/// Which binary synth packages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageSource {
    /// The binary running synth (`std::env::current_exe`).
    Running,
    /// A binary built separately (`--binary PATH`).
    Binary(PathBuf),
    /// No package (`--no-package`).
    None,
}

/// Everything synth does, as options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthOptions {
    /// The output directory (`--out`).
    pub out: PathBuf,
    /// The template's options (`--stage`).
    pub template: TemplateOptions,
    /// What to package.
    pub package: PackageSource,
    /// The deployment's values (`synth --bind`): when set, synth also writes
    /// `openapi.resolved.json`, the document with every CloudFormation reference replaced,
    /// which `aws apigateway import-rest-api` takes on its own.
    pub bindings: Option<Bindings>,
}

impl SynthOptions {
    /// Writes `openapi.json` and `template.json` into `out`, no package.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        SynthOptions {
            out: out.into(),
            template: TemplateOptions::default(),
            package: PackageSource::None,
            bindings: None,
        }
    }
}

/// What synth wrote, and what it found out about the binary it packaged.
#[derive(Debug, Clone)]
pub struct SynthReport {
    /// What was rendered.
    pub rendered: Rendered,
    /// Every file written, in order.
    pub written: Vec<Written>,
    /// The binary packaged, if any.
    pub binary: Option<BinaryInfo>,
    /// The packages written.
    pub packaged: Vec<Packaged>,
    /// What the user should know before deploying (the template's size, ...).
    pub warnings: Vec<String>,
}

/// One file synth wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Where.
    pub path: PathBuf,
    /// Its size.
    pub bytes: usize,
}

/// What can stop synth, with what the user needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// The operations do not form a valid API.
    #[error(transparent)]
    Registry(#[from] RegistryErrors),
    /// A constraint's pattern is not a regular expression apigw can enforce.
    #[error(
        "the pattern `{}` at `{}` of the OpenAPI document is not a regular expression apigw can enforce ({}): fix the `regex(pattern = ...)` that declares it",
        .0.pattern, .0.at, .0.reason
    )]
    InvalidPattern(crate::constraints::InvalidPattern),
    /// The template cannot be rendered.
    #[error("cannot render the template: {0}")]
    Template(#[from] TemplateError),
    /// The package cannot be written.
    #[error("cannot write the Lambda package: {0}")]
    Package(#[from] PackageError),
    /// `--out` names a file.
    #[error("cannot use `{}` as the output directory: it exists and is not a directory; pass another `--out`", path.display())]
    OutNotADirectory {
        /// The path given.
        path: PathBuf,
    },
    /// The output directory cannot be created.
    #[error("cannot create the output directory `{}`: {source}", path.display())]
    CreateOut {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An artifact cannot be written.
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `--bind` cannot resolve the document.
    #[error("cannot write the import-ready document: {0} (`--bind NAME=VALUE`)")]
    Resolve(#[from] ResolveError),
    /// A document cannot be serialized.
    #[error("cannot serialize the {what}: {source}")]
    Serialize {
        /// Which document.
        what: &'static str,
        /// Why.
        source: serde_json::Error,
    },
}

/// Compact JSON with a final newline: the template, which CloudFormation takes inline only up to
/// [`template::TEMPLATE_BODY_LIMIT`] bytes (pretty, the aws example's would be twice its size).
pub fn to_compact_json(
    value: &serde_json::Value,
    what: &'static str,
) -> Result<Vec<u8>, SynthError> {
    let mut out =
        serde_json::to_vec(value).map_err(|source| SynthError::Serialize { what, source })?;
    out.push(b'\n');
    Ok(out)
}

/// Pretty JSON with a final newline: the form the OpenAPI document is written in (for people).
pub fn to_json(value: &serde_json::Value, what: &'static str) -> Result<Vec<u8>, SynthError> {
    let mut out = serde_json::to_vec_pretty(value)
        .map_err(|source| SynthError::Serialize { what, source })?;
    out.push(b'\n');
    Ok(out)
}

fn write(path: PathBuf, bytes: &[u8]) -> Result<Written, SynthError> {
    std::fs::write(&path, bytes).map_err(|source| SynthError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(Written {
        path,
        bytes: bytes.len(),
    })
}

fn prepare_out(out: &Path) -> Result<(), SynthError> {
    if out.exists() && !out.is_dir() {
        return Err(SynthError::OutNotADirectory {
            path: out.to_path_buf(),
        });
    }
    std::fs::create_dir_all(out).map_err(|source| SynthError::CreateOut {
        path: out.to_path_buf(),
        source,
    })
}

/// A template CloudFormation will not take inline: say how to deploy it.
fn size_warning(file: &Written) -> Option<String> {
    (file.path.ends_with("template.json") && file.bytes > template::TEMPLATE_BODY_LIMIT).then(|| {
        format!(
            "{} is {} bytes, over CloudFormation's {}-byte limit for an inline template: deploy it through S3 (`sam deploy --resolve-s3`, or `aws cloudformation deploy --s3-bucket BUCKET`), as docs/deploy.md shows",
            file.path.display(),
            file.bytes,
            template::TEMPLATE_BODY_LIMIT
        )
    })
}

/// The pseudo parameters `synth --bind` requires: [`Bindings::new`] defaults them to a local
/// deployment's account, and an API imported with those would call someone else's resources.
pub const REQUIRED_BINDINGS: [&str; 2] = ["AWS::Region", "AWS::AccountId"];

/// The document with every CloudFormation reference replaced by the value `bindings` gives it;
/// a template parameter that is not bound takes its `Default`, as a stack would.
pub fn import_ready(
    document: &serde_json::Value,
    template: &serde_json::Value,
    bindings: &Bindings,
) -> Result<serde_json::Value, SynthError> {
    let mut bindings = bindings.clone();
    if let Some(parameters) = template["Parameters"].as_object() {
        for (name, parameter) in parameters {
            if let (None, Some(default)) = (bindings.get(name), parameter["Default"].as_str()) {
                bindings.insert(name.clone(), default);
            }
        }
    }
    Ok(apigw_gateway::resolve::resolve_document(
        document, &bindings,
    )?)
}

/// Writes every artifact: the documents are rendered and the binary checked before anything is
/// written, so an error leaves the output directory as it was.
pub fn synth(
    config: &ApiConfig,
    registry: &Registry,
    options: &SynthOptions,
) -> Result<SynthReport, SynthError> {
    let docs = documents(config, registry, &options.template)?;
    let resolved = options
        .bindings
        .as_ref()
        .map(|bindings| import_ready(&docs.openapi, &docs.template, bindings))
        .transpose()?;
    let binary = match &options.package {
        // Every operation is answered by API Gateway itself: there is no function to package.
        _ if docs.rendered.functions.is_empty() => None,
        PackageSource::None => None,
        PackageSource::Running => {
            let (path, debug) = package::current_binary()?;
            Some(package::inspect(&path, Some(debug))?)
        }
        PackageSource::Binary(path) => Some(package::inspect(path, None)?),
    };
    let out = &options.out;
    prepare_out(out)?;
    let mut written = vec![
        write(
            out.join("openapi.json"),
            &to_json(&docs.openapi, "OpenAPI document")?,
        )?,
        write(
            out.join("template.json"),
            &to_compact_json(&docs.template, "CloudFormation template")?,
        )?,
        write(
            out.join("api.html"),
            reference::render(&docs.openapi).as_bytes(),
        )?,
    ];
    if let Some(resolved) = &resolved {
        written.push(write(
            out.join("openapi.resolved.json"),
            &to_json(resolved, "import-ready OpenAPI document")?,
        )?);
    }
    let mut packaged = Vec::new();
    let mut info = None;
    if let Some((binary_info, bytes)) = binary {
        packaged = package::package(&binary_info, &bytes, &docs.rendered.functions, out)?;
        written.extend(packaged.iter().map(|p| Written {
            path: p.path.clone(),
            bytes: p.bytes,
        }));
        info = Some(binary_info);
    }
    let warnings = written.iter().filter_map(size_warning).collect();
    Ok(SynthReport {
        rendered: docs.rendered,
        written,
        binary: info,
        packaged,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_template_over_the_inline_limit_is_a_warning() {
        let file = |name: &str, bytes| Written {
            path: PathBuf::from("out").join(name),
            bytes,
        };
        assert_eq!(size_warning(&file("template.json", 51_200)), None);
        assert_eq!(size_warning(&file("openapi.json", 90_000)), None);
        let warning = size_warning(&file("template.json", 51_201)).expect("a warning");
        assert!(
            warning.starts_with("out/template.json is 51201 bytes, over CloudFormation's 51200-byte limit for an inline template: deploy it through S3"),
            "{warning}"
        );
    }
}
