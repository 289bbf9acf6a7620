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
//         custom("404" => 404, template("application/json" = "{\"message\": \"no pet matches\"}")),
//         custom("5\\d{2}" => 502, template("application/json" = "{\"message\": \"the search service failed\"}")),
//     ],
//     cache_key = [query("q")],
//     timeout_ms = 3000,
// )]
// pub struct SearchPets;

// Expansion:

/// Search pets upstream.
pub struct SearchPets;
const _: () = {
    const _: () = <SearchResponses as ::apigw::DeclaresStatus<200>>::DECLARED;
    const _: () = <SearchResponses as ::apigw::DeclaresStatus<404>>::DECLARED;
    const _: () = <SearchResponses as ::apigw::DeclaresStatus<502>>::DECLARED;
    ::apigw::__private::inventory::submit! {
        ::apigw::OperationDescriptor {
            name: "SearchPets",
            id: "searchPets",
            method: ::apigw::Method::Get,
            path: "/search",
            summary: ::core::option::Option::Some("Search pets upstream."),
            description: ::core::option::Option::None,
            tags: &["pets"],
            deprecated: false,
            function: ::core::option::Option::None,
            responses: <SearchResponses as ::apigw::ApiResponses>::describe,
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
            backend: ::apigw::Backend::Integration(|| ::std::boxed::Box::new({
                const __APIGW_INTEGRATION: ::apigw::integration::HttpIntegration = ::apigw::integration::HttpIntegration {
                    url: "https://search.example.com/v2/query",
                    method: "POST",
                    proxy: false,
                    connection: ::apigw::integration::HttpConnection::Internet,
                    request_parameters: &[
                        ::apigw::integration::RequestParameter {
                            target: ::apigw::integration::ParamTarget::Header(
                                "X-Correlation-Id",
                            ),
                            source: ::apigw::integration::ParamSource::Header("X-Request-Id"),
                        },
                        ::apigw::integration::RequestParameter {
                            target: ::apigw::integration::ParamTarget::Header("Content-Type"),
                            source: ::apigw::integration::ParamSource::Literal(
                                "application/json",
                            ),
                        },
                    ],
                    request_templates: &[
                        (
                            "application/json",
                            "{\"text\": \"$util.escapeJavaScript($input.params('q'))\"}",
                        ),
                    ],
                    responses: &[
                        ::apigw::integration::ResponseSet::DefaultPassthrough {
                            status: 200u16,
                            headers: ::apigw::integration::http::HTTP_PASS_HEADERS,
                            content_handling: ::core::option::Option::None,
                        },
                        ::apigw::integration::ResponseSet::Custom(
                            &[
                                ::apigw::integration::CustomResponse {
                                    pattern: "404",
                                    status: 404u16,
                                    headers: &[],
                                    templates: &[
                                        ("application/json", "{\"message\": \"no pet matches\"}"),
                                    ],
                                    content_handling: ::core::option::Option::None,
                                },
                            ],
                        ),
                        ::apigw::integration::ResponseSet::Custom(
                            &[
                                ::apigw::integration::CustomResponse {
                                    pattern: "5\\d{2}",
                                    status: 502u16,
                                    headers: &[],
                                    templates: &[
                                        (
                                            "application/json",
                                            "{\"message\": \"the search service failed\"}",
                                        ),
                                    ],
                                    content_handling: ::core::option::Option::None,
                                },
                            ],
                        ),
                    ],
                    passthrough: ::core::option::Option::Some(
                        ::apigw::integration::PassthroughBehavior::Never,
                    ),
                    content_handling: ::core::option::Option::None,
                    timeout_ms: ::core::option::Option::Some(3000u32),
                    insecure_skip_verification: false,
                    cache_key_parameters: &["method.request.querystring.q"],
                    cache_namespace: ::core::option::Option::None,
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
