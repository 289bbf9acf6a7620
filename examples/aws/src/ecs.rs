//! A custom integration: an ECS service behind a Network Load Balancer, reached over a VPC link.
//! The type renders its own `x-amazon-apigateway-integration` (an `http` integration with
//! `connectionType: VPC_LINK`) and says, as a type, which statuses it answers, so `#[operation]`
//! checks them against the operation's responses at compile time.

use apigw::integration::{
    Integration, IntegrationObject, IntegrationResponse, IntegrationStatuses, RenderContext,
    Status, sub,
};
use apigw::spec::options::{ConnectionType, IntegrationType};
use apigw::spec::{PassthroughBehavior, SelectionKey, StatusCode, Str, TimeoutMs};
use apigw::{Resource, VpcLink};

/// A service in a private subnet, published by an NLB that `link` targets.
#[derive(Debug, Clone, Copy)]
pub struct EcsService {
    pub link: VpcLink,
    /// The NLB's DNS name (an internal name; never public).
    pub host: &'static str,
    pub port: u16,
    /// The path on the service.
    pub path: &'static str,
}

impl Integration for EcsService {
    fn kind(&self) -> &'static str {
        "ecs"
    }

    fn render(&self, _: &RenderContext<'_>) -> IntegrationObject {
        let mut obj = IntegrationObject::new(IntegrationType::Http);
        obj.http_method = Some("GET".into());
        obj.uri = Some(format!("http://{}:{}{}", self.host, self.port, self.path).into());
        obj.connection_type = Some(ConnectionType::VpcLink);
        obj.connection_id = Some(sub(self.link.resource().name_sub()));
        obj.passthrough_behavior = Some(PassthroughBehavior::WhenNoMatch);
        obj.timeout_in_millis = Some(TimeoutMs::of(10_000));
        // The service's own 2xx passes through; anything else means it is unavailable.
        obj.responses.insert(
            SelectionKey::Pattern(Str::Borrowed("2\\d{2}")),
            IntegrationResponse::status(StatusCode::OK),
        );
        let mut unavailable = IntegrationResponse::status(StatusCode::of(503));
        unavailable.response_templates.insert(
            "application/json".into(),
            "{\"message\": \"the inventory service is unavailable\"}".into(),
        );
        obj.responses.insert(SelectionKey::Default, unavailable);
        obj
    }

    fn resources(&self) -> Vec<Resource> {
        vec![self.link.resource()]
    }
}

impl IntegrationStatuses for EcsService {
    type Answers = (Status<200>, Status<503>);
}
