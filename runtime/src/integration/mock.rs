//! Mock integrations: API Gateway answers without a backend. The request template picks the
//! integration status; the `default` response maps it to the method response.

use indexmap::IndexMap;

use super::object::{IntegrationObject, IntegrationResponse};
use super::{Integration, RenderContext};
use crate::Response;
use crate::spec::options::IntegrationType;
use crate::spec::params::{RESPONSE_HEADER_PREFIX, literal};
use crate::spec::{List, PassthroughBehavior, SelectionKey, StatusCode, Str, Template};

/// What the mock answers.
#[derive(Debug, Clone, Copy)]
pub enum MockSource {
    /// `with = fn_name`: a value of the operation's `ApiResponses` type.
    Typed(fn() -> Response),
    /// `status = N, body = "..."`.
    Fixed {
        /// The status.
        status: StatusCode,
        /// The body, as written.
        body: Option<&'static str>,
    },
}

/// `#[mock_integration(...)]`.
#[derive(Debug, Clone)]
pub struct MockIntegration {
    /// What it answers.
    pub source: MockSource,
    /// Response headers `(name, value)`, on top of the response's own.
    pub headers: List<(Str, Str)>,
    /// Extra response templates, e.g. an HTML rendering next to the JSON body; one for the body's
    /// own content type replaces the body.
    pub templates: List<Template>,
}

impl MockIntegration {
    /// The response the mock produces, as the local gateway and the OpenAPI both see it.
    pub fn response(&self) -> Response {
        let mut r = match self.source {
            MockSource::Typed(f) => f(),
            MockSource::Fixed { status, body } => {
                let mut r = Response::new(status.get());
                if let Some(b) = body {
                    r.body = b.as_bytes().to_vec();
                    r.set_header("content-type", "application/json");
                }
                r
            }
        };
        for (n, v) in self.headers.iter() {
            r.set_header(n, v);
        }
        r
    }
}

impl Integration for MockIntegration {
    fn kind(&self) -> &'static str {
        "mock"
    }

    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        let response = self.response();
        let status = StatusCode::new(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut obj = IntegrationObject::new(IntegrationType::Mock);
        obj.request_templates.insert(
            crate::spec::template::JSON.into(),
            format!("{{\"statusCode\": {}}}", response.status).into(),
        );
        obj.passthrough_behavior = Some(PassthroughBehavior::WhenNoMatch);
        let mut r = IntegrationResponse::status(status);
        let content_type = response
            .header("content-type")
            .map(|c| c.split(';').next().unwrap_or(c).trim().to_string());
        if !response.body.is_empty() {
            let ct = content_type.unwrap_or_else(|| crate::spec::template::JSON.into());
            r.response_templates
                .insert(ct, String::from_utf8_lossy(&response.body).into_owned());
        }
        for t in self.templates.iter() {
            r.response_templates
                .insert(t.content_type.to_string(), t.text.to_string());
        }
        let mut params = IndexMap::new();
        for (name, value) in &response.headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            params.insert(format!("{RESPONSE_HEADER_PREFIX}{name}"), literal(value));
        }
        r.response_parameters = params;
        obj.responses.insert(SelectionKey::Default, r);
        obj
    }

    /// The fixed status; a typed mock's status comes from running the user's function, which
    /// the registry does not do on every start (its type is checked at compile time).
    fn answers(&self) -> Option<Vec<StatusCode>> {
        match self.source {
            MockSource::Fixed { status, .. } => Some(vec![status]),
            MockSource::Typed(_) => None,
        }
    }
}
