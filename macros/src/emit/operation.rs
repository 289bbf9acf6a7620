//! The operation registered: an `OperationDescriptor` submitted to `inventory`, the handler's
//! wrapper (argument extraction, call, response conversion) and the request's OpenAPI
//! description.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::ToConst;
use apigw_spec::aws::BodyUse;

use crate::check::body::Body;
use crate::check::operation::{Arg, BoundArg, Operation};

/// How API Gateway serves the operation, as a `Backend` expression.
pub fn descriptor(
    op: &Operation,
    responses: &syn::Type,
    request: TokenStream,
    backend: TokenStream,
    span: Span,
) -> TokenStream {
    let name = &op.name;
    let id = &op.id;
    let method = op.method.unwrap_or(apigw_spec::Method::Any).to_const();
    let path = op
        .path
        .as_ref()
        .map(|p| p.openapi.clone())
        .unwrap_or_default();
    let opt = |v: &Option<String>| match v {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    };
    let summary = opt(&op.summary);
    let description = opt(&op.description);
    let function = opt(&op.function);
    let tags = &op.tags;
    let deprecated = op.deprecated;
    let file = quote_spanned!(span=> ::core::file!());
    let line = quote_spanned!(span=> ::core::line!());
    // Every use of the responses type as `ApiResponses` has this one form and span, so rustc
    // reports a type that is not one once, on the type.
    let describe =
        quote_spanned!(responses.span()=> <#responses as ::apigw::ApiResponses>::describe);
    let statuses =
        quote_spanned!(responses.span()=> <#responses as ::apigw::ApiResponses>::STATUSES);
    quote! {
        ::apigw::__private::inventory::submit! {
            ::apigw::OperationDescriptor {
                name: #name,
                id: #id,
                method: #method,
                path: #path,
                summary: #summary,
                description: #description,
                tags: &[#(#tags),*],
                deprecated: #deprecated,
                function: #function,
                responses: #describe,
                statuses: #statuses,
                request: #request,
                backend: #backend,
                source: ::apigw::SourceLocation { file: #file, line: #line },
            }
        }
    }
}

/// `fn(&mut SchemaGenerator) -> RequestDoc` from the documentation statements.
pub fn request_doc(document: &[TokenStream]) -> TokenStream {
    quote! {{
        fn __apigw_request(__apigw_gen: &mut ::apigw::__private::SchemaGenerator) -> ::apigw::RequestDoc {
            let mut __apigw_doc = ::apigw::RequestDoc::default();
            #(#document)*
            __apigw_doc
        }
        __apigw_request
    }}
}

/// A marker's parameters, declared for its integration to map: every path parameter, and the
/// `query = [...]` / `headers = [...]` of the operation, as strings.
pub fn marker_params(op: &Operation) -> Vec<TokenStream> {
    let mut document = Vec::new();
    if let Some(path) = &op.path {
        for p in &path.params {
            let n = &p.name;
            document
                .push(quote!(__apigw_doc.path_param::<::std::string::String>(__apigw_gen, #n);));
        }
    }
    for q in &op.query {
        document.push(
            quote!(__apigw_doc.query_param::<::std::string::String>(__apigw_gen, #q, false);),
        );
    }
    for h in &op.headers {
        document.push(
            quote!(__apigw_doc.header_param::<::std::string::String>(__apigw_gen, #h, false);),
        );
    }
    document
}

/// A marker's `body = T`: its documentation statement, and the bound the integration needs of
/// it (`JsonBody`), reported on the user's type when it does not hold.
pub fn marker_body(body: &Body) -> (TokenStream, TokenStream) {
    let ty = &body.ty;
    let document = quote_spanned!(ty.span()=>
        __apigw_doc.body = ::core::option::Option::Some(<#ty as ::apigw::RequestBody>::describe(__apigw_gen));
    );
    let check = match body.needs {
        // The ready-made calls' templates are keyed by `application/json` (passthrough `never`),
        // whether they read the body as text or as JSON.
        Some(BodyUse::Text | BodyUse::Json) => {
            quote_spanned!(ty.span()=> const _: () = <#ty as ::apigw::JsonBody>::JSON;)
        }
        Some(BodyUse::Ignored) | None => quote!(),
    };
    (document, check)
}

/// The handler's wrapper as a `Backend::Lambda`, and its request documentation statements.
pub fn handler(
    fn_name: &syn::Ident,
    args: &[BoundArg],
    ret: &syn::Type,
    custom: Option<TokenStream>,
) -> (TokenStream, Vec<TokenStream>) {
    let mut extract = Vec::new();
    let mut document = Vec::new();
    let mut call_args = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let var = format_ident!("__apigw_arg{}", i);
        call_args.push(var.clone());
        let ty = &a.ty;
        match &a.arg {
            Arg::Header {
                name,
                inner,
                required,
            } => {
                let getter = if *required {
                    quote!(header_required)
                } else {
                    quote!(header_optional)
                };
                extract.push(quote_spanned!(ty.span()=> let #var: ::core::result::Result<#ty, ::apigw::Rejection> = ::apigw::__private::#getter::<#inner>(&__apigw_req, #name);));
                document.push(quote_spanned!(ty.span()=> __apigw_doc.header_param::<#inner>(__apigw_gen, #name, #required);));
            }
            Arg::PathParam { name } => {
                extract.push(quote_spanned!(ty.span()=> let #var: ::core::result::Result<#ty, ::apigw::Rejection> = ::apigw::__private::path_param::<#ty>(&__apigw_req, #name);));
                document.push(
                    quote_spanned!(ty.span()=> __apigw_doc.path_param::<#ty>(__apigw_gen, #name);),
                );
            }
            Arg::Extractor => {
                extract.push(quote_spanned!(ty.span()=>
                    let #var: ::core::result::Result<#ty, ::apigw::Rejection> = <#ty as ::apigw::FromRequest>::from_request(&__apigw_req, &__apigw_shared);
                ));
                document.push(quote_spanned!(ty.span()=> <#ty as ::apigw::FromRequest>::document(__apigw_gen, &mut __apigw_doc);));
            }
        }
    }
    // Every argument is extracted before any rejection is answered, so the client learns of
    // every invalid parameter and field at once.
    let settle = match call_args.as_slice() {
        [] => quote!(),
        [one] => quote!(let #one = #one?;),
        all => {
            let errs = all.iter().map(|a| quote!(#a.err()));
            quote! {
                let (#(#all),*) = match (#(#all),*) {
                    (#(::core::result::Result::Ok(#all)),*) => (#(#all),*),
                    (#(#all),*) => return ::core::result::Result::Err(::apigw::Rejection::combine([#(#errs),*])),
                };
            }
        }
    };
    let into_response = quote_spanned!(ret.span()=> <#ret as ::apigw::ApiResponses>::into_response);
    let custom = match custom {
        Some(value) => quote!(::core::option::Option::Some(|| ::std::boxed::Box::new(#value))),
        None => quote!(::core::option::Option::None),
    };
    let backend = quote! {{
        fn __apigw_handler(
            __apigw_req: ::apigw::Request,
            __apigw_shared: ::apigw::Shared,
        ) -> ::apigw::HandlerFuture {
            ::std::boxed::Box::pin(async move {
                #(#extract)*
                #settle
                ::core::result::Result::Ok(#into_response(#fn_name(#(#call_args),*).await))
            })
        }
        ::apigw::Backend::Lambda(::apigw::LambdaBackend { handler: __apigw_handler, custom: #custom })
    }};
    (backend, document)
}
