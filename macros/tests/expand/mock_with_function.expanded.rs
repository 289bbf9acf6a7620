// Expansion snapshot `mock_with_function` (macros/src/expand_snapshots.rs).
// Regenerate: EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots
//
// Input:
// /// Is the API up?
// #[operation(GET "/health", id = "health", tags = ["ops"], responses = HealthResponses)]
// #[mock_integration(with = healthy)]
// pub struct HealthCheck;

// Expansion:

/// Is the API up?
pub struct HealthCheck;
const _: () = {
    #[allow(unused_imports)]
    use mock_integration as _;
    const _: fn() = || {
        let _: fn() -> HealthResponses = healthy;
    };
    ::apigw::__private::inventory::submit! {
        ::apigw::OperationDescriptor {
            name: "HealthCheck",
            id: "health",
            method: ::apigw::spec::Method::Get,
            path: "/health",
            summary: ::core::option::Option::Some("Is the API up?"),
            description: ::core::option::Option::None,
            tags: &["ops"],
            deprecated: false,
            function: ::core::option::Option::None,
            responses: <HealthResponses as ::apigw::ApiResponses>::describe,
            statuses: <HealthResponses as ::apigw::ApiResponses>::STATUSES,
            request: {
                fn __apigw_request(
                    __apigw_gen: &mut ::apigw::__private::SchemaGenerator,
                ) -> ::apigw::RequestDoc {
                    let mut __apigw_doc = ::apigw::RequestDoc::default();
                    __apigw_doc
                }
                __apigw_request
            },
            backend: ::apigw::Backend::Integration(|| ::std::boxed::Box::new(::apigw::integration::MockIntegration {
                source: ::apigw::integration::MockSource::Typed(|| <HealthResponses as ::apigw::ApiResponses>::into_response(
                    healthy(),
                )),
                headers: ::std::borrow::Cow::Borrowed(&[]),
                templates: ::std::borrow::Cow::Borrowed(&[]),
            })),
            source: ::apigw::SourceLocation {
                file: ::core::file!(),
                line: ::core::line!(),
            },
        }
    }
};
