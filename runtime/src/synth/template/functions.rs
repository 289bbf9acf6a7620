//! The Lambda functions: one per function group, each with its execution role and the
//! permissions that let API Gateway invoke it for exactly the routes it serves.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Section, TemplateError, get_att, trust};
use crate::function::{FunctionConfig, group_of};
use crate::model::OperationDescriptor;
use crate::naming;
use crate::registry::Registry;
use crate::spec::Method;

/// The Lambda runtime: an OS-only runtime running the `bootstrap` executable.
pub const RUNTIME: &str = "provided.al2023";
/// The handler of an OS-only runtime is ignored; `bootstrap` is the convention.
pub const HANDLER: &str = "bootstrap";

/// Above this many routes, a function gets one permission for the whole API instead of one per
/// route: a function's resource policy is limited to 20 KB (~350 bytes per permission), and a
/// deployment that exceeds it fails. API Gateway still only invokes the function for the routes
/// whose integration names it.
pub const MAX_ROUTE_PERMISSIONS: usize = 40;

/// One function of the API: its group name, settings, and the operations it serves.
#[derive(Debug, Clone)]
pub struct FunctionPlan {
    /// `api` (the default group) or the `function = "..."` of its operations.
    pub name: &'static str,
    /// Its settings (the default ones unless `App::function` configured it).
    pub config: FunctionConfig,
    /// Sorted by (path, method), as in the registry.
    pub operations: Vec<&'static OperationDescriptor>,
}

impl FunctionPlan {
    /// `ApiFunction`.
    pub fn logical_id(&self) -> String {
        naming::function_logical_id(Some(self.name))
    }

    /// Where synth writes its package, relative to the output directory (and to the template,
    /// which names it in `Code`).
    pub fn package_path(&self) -> String {
        use crate::synth::{PACKAGE_FILE, PACKAGES_DIR};
        format!("{PACKAGES_DIR}/{}/{PACKAGE_FILE}", self.name)
    }
}

fn valid_group(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The functions the API needs: one per group that has at least one handler, with its settings
/// from `App::function` (or the defaults). Sorted by name.
pub fn plan_functions(
    registry: &Registry,
    configs: &BTreeMap<String, FunctionConfig>,
) -> Result<Vec<FunctionPlan>, TemplateError> {
    let mut groups: BTreeMap<&'static str, Vec<&'static OperationDescriptor>> = BTreeMap::new();
    for op in registry.operations() {
        if op.handler().is_none() {
            continue;
        }
        let name = group_of(op);
        if !valid_group(name) {
            return Err(TemplateError::InvalidFunctionName {
                name: name.into(),
                operation: op.name,
            });
        }
        groups.entry(name).or_default().push(op);
    }
    if let Some(unknown) = configs.keys().find(|k| !groups.contains_key(k.as_str())) {
        let known = if groups.is_empty() {
            "none (every operation is served by API Gateway itself)".to_string()
        } else {
            groups
                .keys()
                .map(|g| format!("`{g}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(TemplateError::UnknownFunction {
            name: unknown.clone(),
            known,
        });
    }
    groups
        .into_iter()
        .map(|(name, operations)| {
            let config = configs.get(name).cloned().unwrap_or_default();
            let problems = config.problems();
            if !problems.is_empty() {
                return Err(TemplateError::InvalidFunction {
                    name: name.into(),
                    problems,
                });
            }
            Ok(FunctionPlan {
                name,
                config,
                operations,
            })
        })
        .collect()
}

/// The `execute-api` ARN (an `Fn::Sub` template) of one route on every stage:
/// `GET /pets/{petId}` -> `arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/pets/*`.
/// Path parameters (greedy ones too) become `*`; `ANY` becomes `*`.
pub fn source_arn(op: &OperationDescriptor) -> String {
    let method = match op.method {
        Method::Any => "*",
        m => m.as_str(),
    };
    let path: Vec<&str> = op
        .path
        .split('/')
        .map(|s| if s.starts_with('{') { "*" } else { s })
        .collect();
    format!("{}/*/{method}{}", api_arn_prefix(), path.join("/"))
}

/// The ARN of the API itself (every stage, method and path follow it).
fn api_arn_prefix() -> String {
    format!(
        "arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{}}}",
        naming::REST_API
    )
}

fn permission(function_id: &str, source_arn: String) -> Value {
    json!({
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "Action": "lambda:InvokeFunction",
            "FunctionName": get_att(function_id, "Arn"),
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": { "Fn::Sub": source_arn },
        },
    })
}

/// The function, its role and its invoke permissions.
pub(super) fn render(
    f: &FunctionPlan,
    api_operations: usize,
    resources: &mut Section,
) -> Result<(), TemplateError> {
    let id = f.logical_id();
    let role_id = naming::function_role_logical_id(f.name);
    resources.add(
        role_id.clone(),
        format!("the execution role of function `{}`", f.name),
        json!({
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": trust("lambda.amazonaws.com"),
                "ManagedPolicyArns": [{
                    "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                }],
            },
        }),
    )?;

    let c = &f.config;
    let mut variables = Map::new();
    variables.insert(naming::FUNCTION_ENV.into(), json!(f.name));
    for (k, v) in &c.environment {
        variables.insert(k.clone(), json!(v));
    }
    let mut props = Map::new();
    let description = c.description.clone().unwrap_or_else(|| {
        let n = f.operations.len();
        format!(
            "apigw function `{}`: {n} operation{}",
            f.name,
            if n == 1 { "" } else { "s" }
        )
    });
    props.insert("Description".into(), json!(description));
    props.insert("Runtime".into(), json!(RUNTIME));
    props.insert("Handler".into(), json!(HANDLER));
    props.insert("Architectures".into(), json!([c.architecture.as_str()]));
    props.insert("MemorySize".into(), json!(c.memory_mb));
    props.insert("Timeout".into(), json!(c.timeout_secs));
    // A local path: `aws cloudformation package` / `sam deploy` upload it and rewrite `Code`.
    props.insert("Code".into(), json!(f.package_path()));
    props.insert("Role".into(), get_att(&role_id, "Arn"));
    props.insert("Environment".into(), json!({ "Variables": variables }));
    if let Some(n) = c.reserved_concurrency {
        props.insert("ReservedConcurrentExecutions".into(), json!(n));
    }
    resources.add(
        id.clone(),
        format!("function `{}`", f.name),
        json!({
            "Type": "AWS::Lambda::Function",
            // W3002: a local `Code` path is meant for `package`/`sam deploy`, which is how this
            // template is deployed.
            "Metadata": { "cfn-lint": { "config": { "ignore_checks": ["W3002"] } } },
            "Properties": props,
        }),
    )?;

    // One permission per route, so the function cannot be invoked through a route it does not
    // serve; a function serving every route of the API (or too many routes for its resource
    // policy) gets one permission for the API.
    let n = f.operations.len();
    if n == api_operations || n > MAX_ROUTE_PERMISSIONS {
        resources.add(
            naming::function_permission_logical_id(f.name),
            format!("the invoke permission of function `{}`", f.name),
            permission(&id, format!("{}/*/*/*", api_arn_prefix())),
        )?;
    } else {
        for op in &f.operations {
            resources.add(
                naming::invoke_permission_logical_id(op.id),
                format!("the invoke permission of operation `{}`", op.id),
                permission(&id, source_arn(op)),
            )?;
        }
    }
    Ok(())
}
