// Expansion snapshot `handler_with_path_header_and_json_body` (macros/src/expand_snapshots.rs).
// Regenerate: EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots
//
// Input:
// /// Replace a pet.
// ///
// /// `If-Match`, when sent, must be the pet's current status.
// #[operation(PUT "/pets/<petId>", tags = ["pets"])]
// pub async fn update_pet(
//     pet_id: String,
//     #[header("If-Match")] if_match: Option<String>,
//     pet: Json<NewPet>,
//     store: State<Store>,
// ) -> UpdatePetResponses {
//     store.update(pet_id, if_match, pet.0)
// }

// Expansion:

/// Replace a pet.
///
/// `If-Match`, when sent, must be the pet's current status.
pub async fn update_pet(
    pet_id: String,
    if_match: Option<String>,
    pet: Json<NewPet>,
    store: State<Store>,
) -> UpdatePetResponses {
    store.update(pet_id, if_match, pet.0)
}
const _: () = {
    ::apigw::__private::inventory::submit! {
        ::apigw::OperationDescriptor {
            name: "update_pet",
            id: "updatePet",
            method: ::apigw::spec::Method::Put,
            path: "/pets/{petId}",
            summary: ::core::option::Option::Some("Replace a pet."),
            description: ::core::option::Option::Some(
                "`If-Match`, when sent, must be the pet's current status.",
            ),
            tags: &["pets"],
            deprecated: false,
            function: ::core::option::Option::None,
            responses: <UpdatePetResponses as ::apigw::ApiResponses>::describe,
            statuses: <UpdatePetResponses as ::apigw::ApiResponses>::STATUSES,
            request: {
                fn __apigw_request(
                    __apigw_gen: &mut ::apigw::__private::SchemaGenerator,
                ) -> ::apigw::RequestDoc {
                    let mut __apigw_doc = ::apigw::RequestDoc::default();
                    __apigw_doc.path_param::<String>(__apigw_gen, "petId");
                    __apigw_doc.header_param::<String>(__apigw_gen, "If-Match", false);
                    <Json<
                        NewPet,
                    > as ::apigw::FromRequest>::document(__apigw_gen, &mut __apigw_doc);
                    <State<
                        Store,
                    > as ::apigw::FromRequest>::document(__apigw_gen, &mut __apigw_doc);
                    __apigw_doc
                }
                __apigw_request
            },
            backend: {
                fn __apigw_handler(
                    __apigw_req: ::apigw::Request,
                    __apigw_shared: ::apigw::Shared,
                ) -> ::apigw::HandlerFuture {
                    ::std::boxed::Box::pin(async move {
                        let __apigw_arg0: ::core::result::Result<String, ::apigw::Rejection> = ::apigw::__private::path_param::<
                            String,
                        >(&__apigw_req, "petId");
                        let __apigw_arg1: ::core::result::Result<
                            Option<String>,
                            ::apigw::Rejection,
                        > = ::apigw::__private::header_optional::<
                            String,
                        >(&__apigw_req, "If-Match");
                        let __apigw_arg2: ::core::result::Result<
                            Json<NewPet>,
                            ::apigw::Rejection,
                        > = <Json<
                            NewPet,
                        > as ::apigw::FromRequest>::from_request(&__apigw_req, &__apigw_shared);
                        let __apigw_arg3: ::core::result::Result<
                            State<Store>,
                            ::apigw::Rejection,
                        > = <State<
                            Store,
                        > as ::apigw::FromRequest>::from_request(&__apigw_req, &__apigw_shared);
                        let (__apigw_arg0, __apigw_arg1, __apigw_arg2, __apigw_arg3) = match (
                            __apigw_arg0,
                            __apigw_arg1,
                            __apigw_arg2,
                            __apigw_arg3,
                        ) {
                            (
                                ::core::result::Result::Ok(__apigw_arg0),
                                ::core::result::Result::Ok(__apigw_arg1),
                                ::core::result::Result::Ok(__apigw_arg2),
                                ::core::result::Result::Ok(__apigw_arg3),
                            ) => (__apigw_arg0, __apigw_arg1, __apigw_arg2, __apigw_arg3),
                            (__apigw_arg0, __apigw_arg1, __apigw_arg2, __apigw_arg3) => {
                                return ::core::result::Result::Err(
                                    ::apigw::Rejection::combine([
                                        __apigw_arg0.err(),
                                        __apigw_arg1.err(),
                                        __apigw_arg2.err(),
                                        __apigw_arg3.err(),
                                    ]),
                                );
                            }
                        };
                        ::core::result::Result::Ok(
                            <UpdatePetResponses as ::apigw::ApiResponses>::into_response(
                                update_pet(
                                        __apigw_arg0,
                                        __apigw_arg1,
                                        __apigw_arg2,
                                        __apigw_arg3,
                                    )
                                    .await,
                            ),
                        )
                    })
                }
                ::apigw::Backend::Lambda(::apigw::LambdaBackend {
                    handler: __apigw_handler,
                    custom: ::core::option::Option::None,
                })
            },
            source: ::apigw::SourceLocation {
                file: ::core::file!(),
                line: ::core::line!(),
            },
        }
    }
};
