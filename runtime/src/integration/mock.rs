//! Mock integrations: API Gateway answers without a backend. The request template picks the
//! integration status; the `default` response maps it to the method response.

use indexmap::IndexMap;

use super::params::literal;
use super::{
    Integration, IntegrationObject, IntegrationResponse, IntegrationType, PassthroughBehavior,
    RenderContext,
};
use crate::Response;

/// What the mock answers.
#[derive(Debug, Clone, Copy)]
pub enum MockSource {
    /// `with = fn_name`: a value of the operation's `ApiResponses` type.
    Typed(fn() -> Response),
    /// `status = N, body = "..."`.
    Fixed {
        status: u16,
        body: Option<&'static str>,
        headers: &'static [(&'static str, &'static str)],
    },
}

#[derive(Debug, Clone, Copy)]
pub struct MockIntegration {
    pub source: MockSource,
    /// Extra response templates `(content type, template)`, e.g. an HTML rendering next to the
    /// JSON body; one for the body's own content type replaces the body.
    pub templates: &'static [(&'static str, &'static str)],
    /// Extra response headers `(name, value)`, on top of the response's own.
    pub headers: &'static [(&'static str, &'static str)],
}

impl MockIntegration {
    pub fn typed(f: fn() -> Response) -> Self {
        MockIntegration {
            source: MockSource::Typed(f),
            templates: &[],
            headers: &[],
        }
    }

    /// Adds response templates, one per content type.
    pub fn with_templates(mut self, templates: &'static [(&'static str, &'static str)]) -> Self {
        self.templates = templates;
        self
    }

    /// Adds response headers.
    pub fn with_headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Self {
        self.headers = headers;
        self
    }

    pub fn fixed(
        status: u16,
        body: Option<&'static str>,
        headers: &'static [(&'static str, &'static str)],
    ) -> Self {
        MockIntegration {
            source: MockSource::Fixed {
                status,
                body,
                headers,
            },
            templates: &[],
            headers: &[],
        }
    }

    /// The response the mock produces, as the local gateway and the OpenAPI both see it.
    pub fn response(&self) -> Response {
        match self.source {
            MockSource::Typed(f) => self.with_extra_headers(f()),
            MockSource::Fixed {
                status,
                body,
                headers,
            } => {
                let mut r = Response::new(status);
                if let Some(b) = body {
                    r.body = b.as_bytes().to_vec();
                    r.set_header("content-type", "application/json");
                }
                for (n, v) in headers {
                    r.set_header(n, v);
                }
                self.with_extra_headers(r)
            }
        }
    }

    fn with_extra_headers(&self, mut r: Response) -> Response {
        for (n, v) in self.headers {
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
        let mut obj = IntegrationObject::new(IntegrationType::Mock);
        obj.request_templates.insert(
            "application/json".into(),
            format!("{{\"statusCode\": {}}}", response.status),
        );
        obj.passthrough_behavior = Some(PassthroughBehavior::WhenNoMatch);
        let mut r = IntegrationResponse::status(response.status);
        let content_type = response
            .header("content-type")
            .map(|c| c.split(';').next().unwrap_or(c).trim().to_string());
        if !response.body.is_empty() {
            let ct = content_type
                .clone()
                .unwrap_or_else(|| "application/json".into());
            r.response_templates
                .insert(ct, String::from_utf8_lossy(&response.body).into_owned());
        }
        for (ct, t) in self.templates {
            r.response_templates.insert((*ct).into(), (*t).into());
        }
        let mut params = IndexMap::new();
        for (name, value) in &response.headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            params.insert(format!("method.response.header.{name}"), literal(value));
        }
        r.response_parameters = params;
        obj.responses.insert("default".into(), r);
        obj
    }
}
