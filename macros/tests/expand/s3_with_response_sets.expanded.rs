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
//         "404" => 404 { template = "{\"message\": \"no such photo\"}" },
//     ],
//     timeout_ms = 10000,
// )]
// pub struct GetPhoto;

// Expansion:

/// Download a photo (binary).
pub struct GetPhoto;
const _: () = {
    #[allow(unused_imports)]
    use s3_integration as _;
    const _: () = <PhotoResponses as ::apigw::DeclaresStatus<200>>::DECLARED;
    const _: () = <PhotoResponses as ::apigw::DeclaresStatus<500>>::DECLARED;
    const _: () = <PhotoResponses as ::apigw::DeclaresStatus<404>>::DECLARED;
    ::apigw::__private::inventory::submit! {
        ::apigw::OperationDescriptor {
            name: "GetPhoto",
            id: "getPhoto",
            method: ::apigw::spec::Method::Get,
            path: "/photos/{name}",
            summary: ::core::option::Option::Some("Download a photo (binary)."),
            description: ::core::option::Option::None,
            tags: &["photos"],
            deprecated: false,
            function: ::core::option::Option::None,
            responses: <PhotoResponses as ::apigw::ApiResponses>::describe,
            statuses: <PhotoResponses as ::apigw::ApiResponses>::STATUSES,
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
            backend: ::apigw::Backend::Integration(|| ::std::boxed::Box::new(::apigw::integration::S3Integration {
                bucket: ::core::option::Option::Some(
                    ::apigw::integration::S3Bucket::Named({
                        const __APIGW_S3_BUCKET: ::apigw::Bucket = PHOTOS;
                        __APIGW_S3_BUCKET
                    }),
                ),
                call: ::apigw::spec::s3::S3Call::Object(::apigw::spec::s3::S3Method::Get),
                key: ::std::borrow::Cow::Borrowed("photos/{size}/{name}"),
                request_parameters: ::std::borrow::Cow::Borrowed(
                    &[
                        ::apigw::spec::RequestParameter {
                            target: ::apigw::spec::params::ParamTarget::Path(
                                ::std::borrow::Cow::Borrowed("size"),
                            ),
                            source: ::apigw::spec::params::ParamSource::Query(
                                ::std::borrow::Cow::Borrowed("size"),
                            ),
                        },
                    ],
                ),
                responses: ::std::borrow::Cow::Borrowed(
                    &[
                        ::apigw::spec::ResponseSet::DefaultPassthrough {
                            status: const { ::apigw::spec::StatusCode::of(200u16) },
                            headers: ::std::borrow::Cow::Borrowed(
                                &[
                                    ::apigw::spec::ResponseHeader {
                                        name: ::std::borrow::Cow::Borrowed("Content-Type"),
                                        source: ::apigw::spec::params::ResponseSource::Header(
                                            ::std::borrow::Cow::Borrowed("Content-Type"),
                                        ),
                                    },
                                    ::apigw::spec::ResponseHeader {
                                        name: ::std::borrow::Cow::Borrowed("Content-Length"),
                                        source: ::apigw::spec::params::ResponseSource::Header(
                                            ::std::borrow::Cow::Borrowed("Content-Length"),
                                        ),
                                    },
                                    ::apigw::spec::ResponseHeader {
                                        name: ::std::borrow::Cow::Borrowed("Date"),
                                        source: ::apigw::spec::params::ResponseSource::Header(
                                            ::std::borrow::Cow::Borrowed("Date"),
                                        ),
                                    },
                                    ::apigw::spec::ResponseHeader {
                                        name: ::std::borrow::Cow::Borrowed("ETag"),
                                        source: ::apigw::spec::params::ResponseSource::Header(
                                            ::std::borrow::Cow::Borrowed("ETag"),
                                        ),
                                    },
                                ],
                            ),
                            content_handling: ::core::option::Option::Some(
                                ::apigw::spec::ContentHandling::ConvertToBinary,
                            ),
                        },
                        ::apigw::spec::ResponseSet::CatchAll,
                        ::apigw::spec::ResponseSet::Mapping(::apigw::spec::ResponseMapping {
                            key: ::apigw::spec::SelectionKey::Pattern(
                                ::std::borrow::Cow::Borrowed("404"),
                            ),
                            status: const { ::apigw::spec::StatusCode::of(404u16) },
                            headers: ::std::borrow::Cow::Borrowed(&[]),
                            templates: ::std::borrow::Cow::Borrowed(
                                &[
                                    ::apigw::spec::Template {
                                        content_type: ::std::borrow::Cow::Borrowed(
                                            "application/json",
                                        ),
                                        text: ::std::borrow::Cow::Borrowed(
                                            "{\"message\": \"no such photo\"}",
                                        ),
                                    },
                                ],
                            ),
                            content_handling: ::core::option::Option::None,
                        }),
                    ],
                ),
                binary_media_types: ::std::borrow::Cow::Borrowed(&["image/jpeg", "image/png"]),
                options: ::apigw::spec::MappingOptions {
                    passthrough: ::core::option::Option::None,
                    content_handling: ::core::option::Option::None,
                    timeout_ms: ::core::option::Option::Some(const {
                        ::apigw::spec::TimeoutMs::of(10000u32)
                    }),
                },
            })),
            source: ::apigw::SourceLocation {
                file: ::core::file!(),
                line: ::core::line!(),
            },
        }
    }
};
