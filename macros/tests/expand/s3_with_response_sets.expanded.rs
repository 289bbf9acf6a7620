// Expansion snapshot `s3_with_response_sets` (macros/src/expand_snapshots.rs).
// Regenerate: EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots
//
// Input:
// /// Download a photo (binary).
// #[operation(GET "/photos/<name>", tags = ["photos"], responses = PhotoResponses, query = ["size"])]
// #[s3_integration(
//     bucket = PHOTOS,
//     path = "photos/{size}/{name}",
//     request_parameters(path("size") = query("size")),
//     binary_media_types = ["image/jpeg", "image/png"],
//     responses = [
//         default_passthrough,
//         catch_all,
//         custom("404" => 404, template("application/json" = "{\"message\": \"no such photo\"}")),
//     ],
//     timeout_ms = 10000,
// )]
// pub struct GetPhoto;

// Expansion:

/// Download a photo (binary).
pub struct GetPhoto;
const _: () = {
    const _: () = <PhotoResponses as ::apigw::DeclaresStatus<200>>::DECLARED;
    const _: () = <PhotoResponses as ::apigw::DeclaresStatus<500>>::DECLARED;
    const _: () = <PhotoResponses as ::apigw::DeclaresStatus<404>>::DECLARED;
    ::apigw::__private::inventory::submit! {
        ::apigw::OperationDescriptor {
            name: "GetPhoto",
            id: "getPhoto",
            method: ::apigw::Method::Get,
            path: "/photos/{name}",
            summary: ::core::option::Option::Some("Download a photo (binary)."),
            description: ::core::option::Option::None,
            tags: &["photos"],
            deprecated: false,
            function: ::core::option::Option::None,
            responses: <PhotoResponses as ::apigw::ApiResponses>::describe,
            request: {
                fn __apigw_request(
                    __apigw_gen: &mut ::apigw::__private::SchemaGenerator,
                ) -> ::apigw::RequestDoc {
                    let mut __apigw_doc = ::apigw::RequestDoc::default();
                    __apigw_doc.path_param::<::std::string::String>(__apigw_gen, "name");
                    __apigw_doc.query_param::<::std::string::String>(__apigw_gen, "size", false);
                    __apigw_doc
                }
                __apigw_request
            },
            backend: ::apigw::Backend::Integration(|| ::std::boxed::Box::new({
                const __APIGW_INTEGRATION: ::apigw::integration::S3Integration = ::apigw::integration::S3Integration {
                    bucket: PHOTOS,
                    method: ::apigw::integration::S3Method::Get,
                    key: "photos/{size}/{name}",
                    request_parameters: &[
                        ::apigw::integration::RequestParameter {
                            target: ::apigw::integration::ParamTarget::Path("size"),
                            source: ::apigw::integration::ParamSource::Query("size"),
                        },
                    ],
                    responses: &[
                        ::apigw::integration::ResponseSet::DefaultPassthrough {
                            status: 200u16,
                            headers: ::apigw::integration::s3::S3_PASS_HEADERS,
                            content_handling: ::core::option::Option::Some(
                                ::apigw::integration::ContentHandling::ConvertToBinary,
                            ),
                        },
                        ::apigw::integration::ResponseSet::CatchAll,
                        ::apigw::integration::ResponseSet::Custom(
                            &[
                                ::apigw::integration::CustomResponse {
                                    pattern: "404",
                                    status: 404u16,
                                    headers: &[],
                                    templates: &[
                                        ("application/json", "{\"message\": \"no such photo\"}"),
                                    ],
                                    content_handling: ::core::option::Option::None,
                                },
                            ],
                        ),
                    ],
                    binary_media_types: &["image/jpeg", "image/png"],
                    content_handling: ::core::option::Option::None,
                    passthrough: ::core::option::Option::None,
                    timeout_ms: ::core::option::Option::Some(10000u32),
                };
                __APIGW_INTEGRATION
            })),
            source: ::apigw::SourceLocation {
                file: ::core::file!(),
                line: ::core::line!(),
            },
        }
    }
};
