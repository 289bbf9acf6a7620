//! HTTP backends behind API Gateway: a pass-through proxy, a mapped (non-proxy) call with a
//! request template and response mappings, private services reached through VPC links, and a
//! mock status page. No Lambda function runs.

use apigw::VpcLink;
use apigw::prelude::*;

/// The VPC link to the inventory service's Network Load Balancer, created by the template.
pub const INVENTORY: VpcLink = VpcLink::owned("inventory");
/// A VPC link shared with other APIs (the template takes its id as a parameter).
pub const LEGACY: VpcLink = VpcLink::imported("legacy");

#[derive(ApiResponses)]
pub enum PassThrough {
    /// Whatever the backend answers.
    #[status(200)]
    Ok,
}

/// Get a pet from the upstream pet store, passed through unchanged.
#[operation(GET "/pets/<petId>", tags = ["pets"], responses = PassThrough)]
#[http_integration(
    url = "https://petstore.example.com/v1/pets/{petId}",
    proxy,
    timeout_ms = 5000
)]
pub struct GetPet;

#[derive(ApiResponses)]
pub enum SearchResponses {
    /// The matching pets.
    #[status(200)]
    Ok,
    /// Nothing matches.
    #[status(404)]
    NotFound(Json<ApiError>),
    /// The upstream failed.
    #[status(502)]
    BadGateway(Json<ApiError>),
}

/// Search pets upstream.
///
/// The request is rewritten for the upstream's search API; its 404 becomes a JSON message, and a
/// 5xx a 502.
#[operation(GET "/search", tags = ["pets"], responses = SearchResponses, query = ["q"], headers = ["X-Request-Id"])]
#[http_integration(
    url = "https://search.example.com/v2/query",
    method = "POST",
    request_parameters(
        header("X-Correlation-Id") = header("X-Request-Id"),
        header("Content-Type") = literal("application/json"),
    ),
    request_template("application/json" = "{\"text\": \"$util.escapeJavaScript($input.params('q')).replaceAll(\"\\\\'\",\"'\")\", \"index\": \"pets\"}"),
    passthrough = "never",
    responses = [
        default_passthrough,
        "404" => 404 { template = "{\"message\": \"no pet matches\"}" },
        "5\\d{2}" => 502 { template = "{\"message\": \"the search service failed\"}" },
    ],
    cache_key = [query("q")],
    timeout_ms = 3000,
)]
pub struct SearchPets;

/// Everything under `/inventory/`, served privately by the inventory service.
#[operation(ANY "/inventory/<path..>", tags = ["inventory"], responses = PassThrough)]
#[http_integration(
    url = "http://inventory.internal.example.com/{path}",
    proxy,
    connection = vpc_link(INVENTORY),
)]
pub struct Inventory;

/// A page of the developer docs site: `<page..>` is greedy (`{page+}`), `/docs/guides/a/b`
/// forwards `guides/a/b`.
#[operation(GET "/docs/<page..>", tags = ["docs"], responses = PassThrough)]
#[http_integration(url = "https://docs.example.com/{page}", proxy)]
pub struct DocsPage;

/// A report from the legacy service, over a shared VPC link and TLS with its self-signed cert.
#[operation(GET "/reports/<reportId>", tags = ["reports"], responses = PassThrough)]
#[http_integration(
    url = "https://legacy.internal.example.com/reports/{reportId}",
    proxy,
    connection = vpc_link(LEGACY),
    insecure_skip_verification,
)]
pub struct GetReport;

/// The body of `GET /status`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Status {
    pub status: String,
}

#[derive(ApiResponses)]
pub enum StatusResponses {
    /// Up (JSON, or HTML for a browser).
    #[status(200)]
    Ok(Json<Status>),
}

fn up() -> StatusResponses {
    StatusResponses::Ok(Json(Status {
        status: "up".into(),
    }))
}

/// Status page, answered by API Gateway itself.
#[operation(GET "/status", tags = ["ops"], responses = StatusResponses)]
#[mock_integration(
    with = up,
    header("Cache-Control" = "no-store"),
    response_template("text/html" = "<!doctype html><title>Status</title><p>up</p>"),
)]
pub struct StatusPage;

/// The HTTP example application.
pub fn app() -> App {
    App::new("Pet gateway")
        .version(env!("CARGO_PKG_VERSION"))
        .description("HTTP, HTTP proxy, private (VPC link) and mock integrations.")
}
