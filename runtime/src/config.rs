//! The API's configuration: what the renderers need besides the operations (its title, version
//! and description, and how each Lambda function is configured). Plain data, set through
//! [`App`](crate::App) and handed to synth.

use std::collections::BTreeMap;

use crate::function::FunctionConfig;

/// Title, version and description of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiInfo {
    /// The API's name: OpenAPI `info.title`, the REST API's name in the template.
    pub title: String,
    /// OpenAPI `info.version`.
    pub version: String,
    /// OpenAPI `info.description`.
    pub description: Option<String>,
}

/// Everything about the API that is not an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// Title, version and description.
    pub info: ApiInfo,
    /// The functions configured with [`App::function`](crate::App::function), by name.
    pub functions: BTreeMap<String, FunctionConfig>,
}

impl ApiConfig {
    /// An API named `title`, version `1.0.0`, default functions.
    pub fn new(title: impl Into<String>) -> Self {
        ApiConfig {
            info: ApiInfo {
                title: title.into(),
                version: "1.0.0".into(),
                description: None,
            },
            functions: BTreeMap::new(),
        }
    }
}
