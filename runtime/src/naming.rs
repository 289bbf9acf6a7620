//! Stable, readable CloudFormation logical ids derived from names in the model, so an unchanged
//! API re-synthesizes byte-identically and a change gives a small diff.

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
