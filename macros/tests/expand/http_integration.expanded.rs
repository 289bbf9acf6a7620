// Expansion snapshot `http_integration` (macros/src/expand_snapshots.rs).
// Regenerate: EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots
//
// Input:
// /// Search pets upstream.
// #[operation(GET "/search", tags = ["pets"], responses = SearchResponses, query = ["q"], headers = ["X-Request-Id"])]
// #[http_integration(
//     url = "https://search.example.com/v2/query",
//     method = "POST",
//     request_parameters(
//         header("X-Correlation-Id") = header("X-Request-Id"),
//         header("Content-Type") = literal("application/json"),
//     ),
//     request_template("application/json" = "{\"text\": \"$util.escapeJavaScript($input.params('q'))\"}"),
//     passthrough = "never",
//     responses = [
//         default_passthrough,
//         "404" => 404 { template = "{\"message\": \"no pet matches\"}" },
//         "5\\d{2}" => 502 { template = "{\"message\": \"the search service failed\"}" },
//     ],
//     cache_key = [query("q")],
//     timeout_ms = 3000,
// )]
// pub struct SearchPets;

// Expansion:

/// Search pets upstream.
pub struct SearchPets;
const _: () = {
    #[allow(unused_imports)]
    use http_integration as _;
    const _: () = <SearchResponses as ::apigw::DeclaresStatus<200>>::DECLARED;
    const _: () = <SearchResponses as ::apigw::DeclaresStatus<404>>::DECLARED;
    const _: () = <SearchResponses as ::apigw::DeclaresStatus<502>>::DECLARED;
    ::apigw::__private::inventory::submit! {
        ::apigw::OperationDescriptor {
            name: "SearchPets",
            id: "searchPets",
            method: ::apigw::spec::Method::Get,
            path: "/search",
            summary: ::core::option::Option::Some("Search pets upstream."),
            description: ::core::option::Option::None,
            tags: &["pets"],
            deprecated: false,
            function: ::core::option::Option::None,
            responses: <SearchResponses as ::apigw::ApiResponses>::describe,
            statuses: <SearchResponses as ::apigw::ApiResponses>::STATUSES,
            request: {
                fn __apigw_request(
                    __apigw_gen: &mut ::apigw::__private::SchemaGenerator,
                ) -> ::apigw::RequestDoc {
                    let mut __apigw_doc = ::apigw::RequestDoc::default();
                    __apigw_doc.query_param::<::std::string::String>(__apigw_gen, "q", false);
                    __apigw_doc
                        .header_param::<
                            ::std::string::String,
                        >(__apigw_gen, "X-Request-Id", false);
                    __apigw_doc
                }
                __apigw_request
            },
            backend: ::apigw::Backend::Integration(|| ::std::boxed::Box::new(::apigw::integration::HttpIntegration {
                url: ::std::borrow::Cow::Borrowed("https://search.example.com/v2/query"),
                method: ::apigw::spec::Method::Post,
                proxy: false,
                connection: ::apigw::integration::HttpConnection::Internet,
                request_parameters: ::std::borrow::Cow::Borrowed(
                    &[
                        ::apigw::spec::RequestParameter {
                            target: ::apigw::spec::params::ParamTarget::Header(
                                ::std::borrow::Cow::Borrowed("X-Correlation-Id"),
                            ),
                            source: ::apigw::spec::params::ParamSource::Header(
                                ::std::borrow::Cow::Borrowed("X-Request-Id"),
                            ),
                        },
                        ::apigw::spec::RequestParameter {
                            target: ::apigw::spec::params::ParamTarget::Header(
                                ::std::borrow::Cow::Borrowed("Content-Type"),
                            ),
                            source: ::apigw::spec::params::ParamSource::Literal(
                                ::std::borrow::Cow::Borrowed("application/json"),
                            ),
                        },
                    ],
                ),
                request_templates: ::std::borrow::Cow::Borrowed(
                    &[
                        ::apigw::spec::Template {
                            content_type: ::std::borrow::Cow::Borrowed("application/json"),
                            text: ::std::borrow::Cow::Borrowed(
                                "{\"text\": \"$util.escapeJavaScript($input.params('q'))\"}",
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
                                ],
                            ),
                            content_handling: ::core::option::Option::None,
                        },
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
                                            "{\"message\": \"no pet matches\"}",
                                        ),
                                    },
                                ],
                            ),
                            content_handling: ::core::option::Option::None,
                        }),
                        ::apigw::spec::ResponseSet::Mapping(::apigw::spec::ResponseMapping {
                            key: ::apigw::spec::SelectionKey::Pattern(
                                ::std::borrow::Cow::Borrowed("5\\d{2}"),
                            ),
                            status: const { ::apigw::spec::StatusCode::of(502u16) },
                            headers: ::std::borrow::Cow::Borrowed(&[]),
                            templates: ::std::borrow::Cow::Borrowed(
                                &[
                                    ::apigw::spec::Template {
                                        content_type: ::std::borrow::Cow::Borrowed(
                                            "application/json",
                                        ),
                                        text: ::std::borrow::Cow::Borrowed(
                                            "{\"message\": \"the search service failed\"}",
                                        ),
                                    },
                                ],
                            ),
                            content_handling: ::core::option::Option::None,
                        }),
                    ],
                ),
                options: ::apigw::spec::MappingOptions {
                    passthrough: ::core::option::Option::Some(
                        ::apigw::spec::PassthroughBehavior::Never,
                    ),
                    content_handling: ::core::option::Option::None,
                    timeout_ms: ::core::option::Option::Some(const {
                        ::apigw::spec::TimeoutMs::of(3000u32)
                    }),
                },
                insecure_skip_verification: false,
                cache_key_parameters: ::std::borrow::Cow::Borrowed(
                    &[
                        ::apigw::spec::params::ParamSource::Query(
                            ::std::borrow::Cow::Borrowed("q"),
                        ),
                    ],
                ),
                cache_namespace: ::core::option::Option::None,
            })),
            source: ::apigw::SourceLocation {
                file: ::core::file!(),
                line: ::core::line!(),
            },
        }
    }
};
