//! The request a handler sees: the same whatever carried it (REST v1 event, HTTP API v2 event,
//! or the local gateway).

use std::collections::BTreeMap;

/// An incoming request, already routed to its operation.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The HTTP method.
    pub method: http::Method,
    /// The request path as the client sent it (not the template).
    pub path: String,
    /// Path parameters by template name (`petId`, or `rest` for `{rest+}`).
    pub path_params: BTreeMap<String, String>,
    /// Query parameters in order; a repeated name appears once per value.
    pub query: Vec<(String, String)>,
    /// The headers, every value of each (names are case-insensitive).
    pub headers: http::HeaderMap,
    /// The body's bytes (decoded from base64 when API Gateway sent it so).
    pub body: Vec<u8>,
    /// What the carrier knows beyond HTTP, e.g. the Lambda `RequestContext` and `Context`.
    pub extensions: http::Extensions,
}

impl Request {
    /// The first value of header `name` as text. Header values are bytes: any UTF-8 value is
    /// returned (`to_str` would only accept visible ASCII); `headers.get_all` has every value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
    }

    /// The first value of query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(feature = "lambda")]
impl Request {
    /// The API Gateway request context of the Lambda event: stage, request id, source IP,
    /// authorizer output, domain name.
    pub fn lambda_request_context(&self) -> Option<&crate::lambda::RequestContext> {
        self.extensions.get()
    }

    /// The Lambda invocation context: request id, deadline, function ARN.
    pub fn lambda_context(&self) -> Option<&lambda_runtime::Context> {
        self.extensions.get()
    }

    /// What comes before the API's own paths in the URL the client called: `/prod` on the
    /// execute-api endpoint of stage `prod`, a custom domain's base path (`/v1`), or `""` (a
    /// custom domain mapped at its root, HTTP API's `$default` stage, or a request that did not
    /// come through API Gateway).
    ///
    /// Computed from the route API Gateway matched: the client's path (`requestContext.path`,
    /// `rawPath`) minus as many trailing segments as the route's path template matched.
    pub fn base_path(&self) -> &str {
        let Some(route) = self.extensions.get::<crate::lambda::event::Route>() else {
            return "";
        };
        let Some(resource_path) = route.resource_path() else {
            return "";
        };
        let mut api_segments = resource_path.split('/').filter(|s| !s.is_empty()).count();
        for param in crate::spec::path::params(resource_path).filter(|p| p.greedy) {
            let Some(value) = self.path_params.get(&param.name) else {
                return "";
            };
            api_segments = api_segments - 1 + value.split('/').count();
        }
        // API Gateway ignores a trailing slash when it matches a route.
        let client = self.path.strip_suffix('/').unwrap_or(&self.path);
        let mut end = client.len();
        for _ in 0..api_segments {
            match client[..end].rfind('/') {
                Some(slash) => end = slash,
                None => return "",
            }
        }
        &client[..end]
    }

    /// The URL a client calls to reach `path`, an API path such as `/pets/pet-1` (percent-encode
    /// what needs it), through the same domain and stage as this request:
    /// `https://abc123.execute-api.eu-west-1.amazonaws.com/prod/pets/pet-1`, or
    /// `https://api.example.com/v1/pets/pet-1` behind a custom domain's base path mapping.
    ///
    /// Use it for `Location` headers and links: a relative `/pets/pet-1` would resolve without
    /// the stage (`/prod`) and miss the API. The domain is `requestContext.domainName`, which API
    /// Gateway sets (never the client's `Host` header); without it (a request not from API
    /// Gateway) the result is the path with the [base path](Self::base_path) only.
    ///
    /// ```standalone_crate
    /// use apigw::prelude::*;
    /// use apigw::testing::TestClient;
    ///
    /// #[derive(ApiResponses)]
    /// pub enum CreatePetResponses {
    ///     /// The pet was created.
    ///     #[status(201)]
    ///     Created {
    ///         /// Where it lives: absolute, stage included.
    ///         #[header("Location")]
    ///         location: String,
    ///     },
    /// }
    ///
    /// /// Create a pet.
    /// #[operation(POST "/pets")]
    /// pub async fn create_pet(request: Request) -> CreatePetResponses {
    ///     CreatePetResponses::Created { location: request.url_for("/pets/pet-1") }
    /// }
    ///
    /// # fn main() {
    /// let client = TestClient::new(App::new("Pets"));
    /// let response = client.post("/pets").send();
    /// assert_eq!(response.status(), 201);
    /// // `https://testapi.execute-api.us-east-1.amazonaws.com/prod/pets/pet-1`: the test client's
    /// // domain and stage; deployed, the API's own.
    /// assert_eq!(response.header("Location"), Some(client.url_for("/pets/pet-1").as_str()));
    /// assert!(client.url_for("/pets/pet-1").ends_with("/prod/pets/pet-1"));
    /// # }
    /// ```
    pub fn url_for(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        let base = self.base_path();
        match self
            .lambda_request_context()
            .and_then(|context| context.domain_name())
        {
            Some(domain) => format!("https://{domain}{base}{slash}{path}"),
            None => format!("{base}{slash}{path}"),
        }
    }
}
