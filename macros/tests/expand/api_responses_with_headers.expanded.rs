// Expansion snapshot `api_responses_with_headers` (macros/src/expand_snapshots.rs).
// Regenerate: EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots
//
// Input:
// #[derive(ApiResponses)]
// pub enum CreatePetResponses {
//     /// The pet was created.
//     #[status(201)]
//     Created {
//         body: Json<Pet>,
//         /// Where the new pet lives.
//         #[header("Location")]
//         location: String,
//         #[header("X-Request-Id")]
//         request_id: Option<String>,
//     },
//     /// The pet is not valid.
//     #[status(422)]
//     Invalid(Json<ApiError>),
//     /// Nothing to say.
//     #[status(204)]
//     NoContent,
// }

// Expansion:

impl ::apigw::ApiResponses for CreatePetResponses {
    const STATUSES: &'static [u16] = &[201u16, 422u16, 204u16];
    fn describe(
        __apigw_gen: &mut ::apigw::__private::SchemaGenerator,
    ) -> ::std::vec::Vec<::apigw::ResponseDoc> {
        ::std::vec![
            ::apigw::ResponseDoc {
                status: 201u16,
                description: ::core::option::Option::Some("The pet was created."),
                body: ::core::option::Option::Some(
                    <Json<Pet> as ::apigw::ResponseBody>::describe(__apigw_gen),
                ),
                headers: ::std::vec![
                    ::apigw::HeaderDoc::of::<String>(__apigw_gen, "Location", true),
                    ::apigw::HeaderDoc::of::<String>(__apigw_gen, "X-Request-Id", false),
                ],
            },
            ::apigw::ResponseDoc {
                status: 422u16,
                description: ::core::option::Option::Some("The pet is not valid."),
                body: ::core::option::Option::Some(
                    <Json<ApiError> as ::apigw::ResponseBody>::describe(__apigw_gen),
                ),
                headers: ::std::vec![],
            },
            ::apigw::ResponseDoc {
                status: 204u16,
                description: ::core::option::Option::Some("Nothing to say."),
                body: ::core::option::Option::None,
                headers: ::std::vec![],
            },
        ]
    }
    fn into_response(self) -> ::apigw::Response {
        match self {
            CreatePetResponses::Created {
                body: __apigw_body,
                location: __apigw_location,
                request_id: __apigw_request_id,
            } => {
                let mut __apigw_resp = ::apigw::Response::new(201u16);
                ::apigw::ResponseBody::write(__apigw_body, &mut __apigw_resp);
                __apigw_resp.set_header("Location", __apigw_location);
                if let ::core::option::Option::Some(v) = __apigw_request_id {
                    __apigw_resp.set_header("X-Request-Id", v);
                }
                __apigw_resp
            }
            CreatePetResponses::Invalid(__apigw_body) => {
                let mut __apigw_resp = ::apigw::Response::new(422u16);
                ::apigw::ResponseBody::write(__apigw_body, &mut __apigw_resp);
                __apigw_resp
            }
            CreatePetResponses::NoContent => {
                let mut __apigw_resp = ::apigw::Response::new(204u16);
                __apigw_resp
            }
        }
    }
}
impl ::apigw::DeclaresStatus<201u16> for CreatePetResponses {}
impl ::apigw::DeclaresStatus<422u16> for CreatePetResponses {}
impl ::apigw::DeclaresStatus<204u16> for CreatePetResponses {}
impl ::apigw::DeclaresBody<201u16, Json<Pet>> for CreatePetResponses {}
impl ::apigw::DeclaresBody<422u16, Json<ApiError>> for CreatePetResponses {}
