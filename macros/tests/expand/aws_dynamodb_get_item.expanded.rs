// Expansion snapshot `aws_dynamodb_get_item` (macros/src/expand_snapshots.rs).
// Regenerate: EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots
//
// Input:
// /// Read a pet from DynamoDB.
// #[operation(GET "/pets/<petId>", tags = ["dynamodb"], responses = GetResponses)]
// #[aws_integration(dynamodb::get_item(table = PETS, key = "petId"))]
// pub struct GetPet;

// Expansion:

/// Read a pet from DynamoDB.
pub struct GetPet;
const _: () = {
    #[allow(unused_imports)]
    use aws_integration as _;
    const _: () = <GetResponses as ::apigw::DeclaresStatus<200>>::DECLARED;
    const _: () = <GetResponses as ::apigw::DeclaresStatus<404>>::DECLARED;
    const _: () = <GetResponses as ::apigw::DeclaresStatus<500>>::DECLARED;
    ::apigw::__private::inventory::submit! {
        ::apigw::OperationDescriptor {
            name: "GetPet",
            id: "getPet",
            method: ::apigw::spec::Method::Get,
            path: "/pets/{petId}",
            summary: ::core::option::Option::Some("Read a pet from DynamoDB."),
            description: ::core::option::Option::None,
            tags: &["dynamodb"],
            deprecated: false,
            function: ::core::option::Option::None,
            responses: <GetResponses as ::apigw::ApiResponses>::describe,
            statuses: <GetResponses as ::apigw::ApiResponses>::STATUSES,
            request: {
                fn __apigw_request(
                    __apigw_gen: &mut ::apigw::__private::SchemaGenerator,
                ) -> ::apigw::RequestDoc {
                    let mut __apigw_doc = ::apigw::RequestDoc::default();
                    __apigw_doc.path_param::<::std::string::String>(__apigw_gen, "petId");
                    __apigw_doc
                }
                __apigw_request
            },
            backend: ::apigw::Backend::Integration(|| ::std::boxed::Box::new(::apigw::integration::AwsIntegration {
                call: ::apigw::integration::calls::dynamodb::get_item(PETS, "petId"),
                http_method: ::core::option::Option::None,
                request_parameters: ::std::borrow::Cow::Borrowed(&[]),
                request_templates: ::core::option::Option::None,
                responses: ::core::option::Option::None,
                success_status: ::core::option::Option::None,
                options: ::apigw::spec::MappingOptions {
                    passthrough: ::core::option::Option::None,
                    content_handling: ::core::option::Option::None,
                    timeout_ms: ::core::option::Option::None,
                },
            })),
            source: ::apigw::SourceLocation {
                file: ::core::file!(),
                line: ::core::line!(),
            },
        }
    }
};
