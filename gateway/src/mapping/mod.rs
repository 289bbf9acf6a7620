//! The mapping engine of non-proxy integrations (`mock`, `aws`, `http`): method request ->
//! integration request (`requestParameters`, request templates, passthrough, `requestOverride`),
//! and integration response -> method response (selection patterns, `responseParameters`,
//! response templates chosen by `Accept`, `responseOverride`, `contentHandling`).

pub(crate) mod params;
pub(crate) mod request;
pub(crate) mod response;

use apigw_vtl::{Input, Params};
use serde_json::{Map, Value};

use crate::request::MethodRequest;

/// What one request carries through its mappings.
pub(crate) struct Exchange<'a> {
    pub request: &'a MethodRequest,
    /// `$context`, including the `requestOverride` a request template set (response templates
    /// see it).
    pub context: Map<String, Value>,
    pub stage_variables: &'a [(String, String)],
    pub binary_types: &'a [String],
}

impl Exchange<'_> {
    /// A template's input: `body` as `$input.body`, the method request's parameters.
    pub fn template_input(&self, body: String) -> Input {
        Input {
            body,
            params: Params {
                path: self.request.path_params.clone(),
                querystring: self.request.single_query(),
                header: self.request.single_headers(),
            },
            context: self.context.clone(),
            stage_variables: self.stage_variables.to_vec(),
        }
    }

    pub fn stage_variable(&self, name: &str) -> Option<String> {
        self.stage_variables
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

/// Picks the template for `media_type` among `templates` (keys compared as media types).
pub(crate) fn template_for<'t, T>(templates: &'t [(String, T)], media_type: &str) -> Option<&'t T> {
    templates
        .iter()
        .find(|(k, _)| crate::media::essence(k) == media_type)
        .map(|(_, t)| t)
}
