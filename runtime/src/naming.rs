//! Stable, readable CloudFormation logical ids derived from names in the model, so an unchanged
//! API re-synthesizes byte-identically and a change gives a small diff.

/// The stage synth deploys when `--stage` is not given (the last path segment of the API's
/// execute-api URL), and the stage the test client serves.
pub const DEFAULT_STAGE: &str = "prod";

/// The function group every handler belongs to unless its operation says `function = "..."`.
pub const DEFAULT_FUNCTION: &str = "api";

/// `pets-admin` -> `PetsAdmin`: alphanumeric, upper camel case (what logical ids allow).
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        } else {
            upper = true;
        }
    }
    out
}

/// `None` -> `ApiFunction`; `Some("admin")` -> `AdminFunction`.
pub fn function_logical_id(group: Option<&str>) -> String {
    format!("{}Function", upper_camel(group.unwrap_or(DEFAULT_FUNCTION)))
}

/// `deletePet` -> `DeletePetIntegrationRole`: the role API Gateway assumes for one operation's
/// integration.
pub fn integration_role_logical_id(operation_id: &str) -> String {
    format!("{}IntegrationRole", upper_camel(operation_id))
}

/// The environment variable the template sets on each function: the group it serves. Unset (a
/// local run), the binary serves every handler.
pub const FUNCTION_ENV: &str = "APIGW_FUNCTION";

/// `ApiFunction` -> `ApiFunctionRole`: the execution role of a function.
pub fn function_role_logical_id(group: &str) -> String {
    format!("{}Role", function_logical_id(Some(group)))
}

/// `getPet` -> `GetPetInvokePermission`: API Gateway may invoke the function for this operation.
pub fn invoke_permission_logical_id(operation_id: &str) -> String {
    format!("{}InvokePermission", upper_camel(operation_id))
}

/// `ApiFunction` -> `ApiFunctionInvokePermission`: one permission for a function that serves every
/// route of the API.
pub fn function_permission_logical_id(group: &str) -> String {
    format!("{}InvokePermission", function_logical_id(Some(group)))
}

/// The REST API.
pub const REST_API: &str = "Api";
/// The stage (its deployment's id is `ApiDeployment` + a hash of the API, see the template).
pub const STAGE: &str = "ApiStage";
/// Prefix of the deployment's logical id.
pub const DEPLOYMENT_PREFIX: &str = "ApiDeployment";
