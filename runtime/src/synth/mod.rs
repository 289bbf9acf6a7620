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
mod output;
mod package;
mod reference;
mod summary;
mod template;

pub use openapi::{OPENAPI_VERSION, OpenApi, binary_media_types, document, schema_settings};
pub use package::{
    BinaryInfo, ENTRY, LAMBDA_GLIBC, Linkage, MODE, PACKAGE_FILE, PACKAGES_DIR, PackageError,
    Packaged, Warning, current_binary, inspect, package_zip, zip_bootstrap,
};
pub use reference::render as reference_page;
pub use summary::{describe_package, summary};
pub use template::{
    DEFAULT_STAGE, FORMAT_VERSION, FunctionPlan, TEMPLATE_BODY_LIMIT, TemplateError,
    TemplateOptions, deployment_logical_id, plan_functions, source_arn, template,
};

use std::path::PathBuf;

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
    /// `--out` holds files synth did not write.
    #[error(
        "cannot write into `{}`: it holds files synth did not write ({}); synth replaces its output directory as a whole, so pass a directory of its own (`--out`) or move them out",
        path.display(),
        shown_list(foreign)
    )]
    OutNotSynthOutput {
        /// The directory.
        path: PathBuf,
        /// What synth did not write.
        foreign: Vec<String>,
    },
    /// The new output cannot replace the previous one.
    #[error("cannot put the new artifacts in place of `{}` (it still holds the previous ones): {source}", path.display())]
    Replace {
        /// The output directory.
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

/// `a`, `b` and 3 more: what is in the way, without flooding the terminal.
fn shown_list(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut out = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
}

/// A template CloudFormation will not take inline: say how to deploy it.
pub fn size_warning(file: &Written) -> Option<String> {
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

/// Writes every artifact. Everything is rendered, the binary checked and zipped before anything
/// is written; then the output directory is replaced as a whole: it holds either the
/// previous complete set or the new one, whatever stops synth.
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
    let [openapi_file, template_file, reference_file] = output::DOCUMENTS;
    let openapi = to_json(&docs.openapi, "OpenAPI document")?;
    let template = to_compact_json(&docs.template, "CloudFormation template")?;
    let resolved = match &resolved {
        Some(resolved) => Some(to_json(resolved, "import-ready OpenAPI document")?),
        None => None,
    };
    let reference = reference::render(&docs.openapi);
    let zipped = match &binary {
        Some((info, bytes)) => Some(package::package_zip(info, bytes, &docs.rendered.functions)?),
        None => None,
    };
    let package_paths: Vec<String> = match &zipped {
        Some(_) => docs
            .rendered
            .functions
            .iter()
            .map(|f| f.package_path())
            .collect(),
        None => Vec::new(),
    };
    let document = |path, bytes| output::Artifact {
        path,
        bytes,
        kind: output::Kind::Document,
    };
    let mut artifacts = vec![
        document(openapi_file, &openapi),
        document(template_file, &template),
        document(reference_file, reference.as_bytes()),
    ];
    if let Some(resolved) = &resolved {
        artifacts.push(document(output::RESOLVED_DOCUMENT, resolved));
    }
    if let Some(zip) = &zipped {
        artifacts.extend(package_paths.iter().map(|path| output::Artifact {
            path,
            bytes: zip,
            kind: output::Kind::Package,
        }));
    }
    output::replace(&options.out, &artifacts)?;

    let out = &options.out;
    let written = artifacts
        .iter()
        .map(|a| Written {
            path: out.join(a.path),
            bytes: a.bytes.len(),
        })
        .collect::<Vec<_>>();
    let warnings = written.iter().filter_map(size_warning).collect();
    let packaged = docs
        .rendered
        .functions
        .iter()
        .zip(&package_paths)
        .map(|(f, path)| Packaged {
            function: f.name.to_string(),
            path: out.join(path),
            bytes: zipped.as_ref().map_or(0, Vec::len),
        })
        .collect();
    Ok(SynthReport {
        rendered: docs.rendered,
        written,
        binary: binary.map(|(info, _)| info),
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
