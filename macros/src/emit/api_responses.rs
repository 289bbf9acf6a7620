//! `#[derive(ApiResponses)]` emitted: the declared statuses, the OpenAPI description of each
//! response, the conversion into an HTTP response, and one `DeclaresStatus<N>` impl per variant
//! (what integration status checks resolve against).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::check::api_responses::{ApiResponses, Fields, Variant};

fn describe(v: &Variant) -> TokenStream {
    let code = v.status.get();
    let description = match &v.description {
        Some(d) => quote!(::core::option::Option::Some(#d)),
        None => quote!(::core::option::Option::None),
    };
    let body_ty = match &v.fields {
        Fields::Unit => None,
        Fields::Body(ty) => Some(ty),
        Fields::Named { body, .. } => body.as_ref().map(|(_, ty)| ty),
    };
    let body = match body_ty {
        Some(ty) => {
            quote!(::core::option::Option::Some(<#ty as ::apigw::ResponseBody>::describe(__apigw_gen)))
        }
        None => quote!(::core::option::Option::None),
    };
    let headers: Vec<TokenStream> = match &v.fields {
        Fields::Named { headers, .. } => headers
            .iter()
            .map(|h| {
                let name = &h.name;
                let ty = &h.inner;
                let required = !h.optional;
                quote!(::apigw::HeaderDoc::of::<#ty>(__apigw_gen, #name, #required))
            })
            .collect(),
        _ => Vec::new(),
    };
    quote! {
        ::apigw::ResponseDoc {
            status: #code,
            description: #description,
            body: #body,
            headers: ::std::vec![#(#headers),*],
        }
    }
}

fn arm(enum_ident: &syn::Ident, v: &Variant) -> TokenStream {
    let vname = &v.ident;
    let code = v.status.get();
    let (pattern, set_body, set_headers) = match &v.fields {
        Fields::Unit => (quote!(#enum_ident::#vname), quote!(), Vec::new()),
        Fields::Body(_) => (
            quote!(#enum_ident::#vname(__apigw_body)),
            quote!(::apigw::ResponseBody::write(__apigw_body, &mut __apigw_resp);),
            Vec::new(),
        ),
        Fields::Named { body, headers } => {
            let bind = |f: &syn::Ident| format_ident!("__apigw_{}", f);
            let mut binds = Vec::new();
            let mut set_body = quote!();
            if let Some((f, _)) = body {
                let b = bind(f);
                binds.push(quote!(#f: #b));
                set_body = quote!(::apigw::ResponseBody::write(#b, &mut __apigw_resp););
            }
            let mut set_headers = Vec::new();
            for h in headers {
                let f = &h.field;
                let b = bind(f);
                let name = &h.name;
                binds.push(quote!(#f: #b));
                set_headers.push(if h.optional {
                    quote!(if let ::core::option::Option::Some(v) = #b { __apigw_resp.set_header(#name, v); })
                } else {
                    quote!(__apigw_resp.set_header(#name, #b);)
                });
            }
            (
                quote!(#enum_ident::#vname { #(#binds),* }),
                set_body,
                set_headers,
            )
        }
    };
    quote! {
        #pattern => {
            let mut __apigw_resp = ::apigw::Response::new(#code);
            #set_body
            #(#set_headers)*
            __apigw_resp
        }
    }
}

/// The impls; `valid` is false when the enum had errors: then the impls only stand in (bodies that
/// never run, the build fails anyway), so operations using the enum do not add "not an
/// `ApiResponses` type" or "does not declare status" errors on top of the real one.
pub fn emit(r: &ApiResponses, valid: bool) -> TokenStream {
    if !valid && r.generic {
        return quote!();
    }
    let ident = &r.ident;
    let statuses = r.variants.iter().map(|v| v.status.get());
    // Spanned on the literal: when an integration answers an undeclared status, rustc lists the
    // declared ones and points at these `#[status(N)]`.
    let impls = r.variants.iter().map(|v| {
        let code = v.status.get();
        quote_spanned!(v.status_lit.span()=> impl ::apigw::DeclaresStatus<#code> for #ident {})
    });
    // What an integration answering a known body (an S3 JSON listing) is checked against.
    let bodies = r.variants.iter().filter(|_| valid).filter_map(|v| {
        let code = v.status.get();
        let ty = match &v.fields {
            Fields::Unit => None,
            Fields::Body(ty) => Some(ty),
            Fields::Named { body, .. } => body.as_ref().map(|(_, ty)| ty),
        }?;
        Some(quote_spanned!(v.status_lit.span()=> impl ::apigw::DeclaresBody<#code, #ty> for #ident {}))
    });
    let (describe, into_response) = if valid {
        let describe = r.variants.iter().map(describe);
        let arms = r.variants.iter().map(|v| arm(ident, v));
        (
            quote!(::std::vec![#(#describe),*]),
            quote!(match self { #(#arms)* }),
        )
    } else {
        (
            quote!(::std::vec::Vec::new()),
            quote!(::apigw::Response::new(500)),
        )
    };
    quote! {
        impl ::apigw::ApiResponses for #ident {
            const STATUSES: &'static [u16] = &[#(#statuses),*];
            fn describe(__apigw_gen: &mut ::apigw::__private::SchemaGenerator) -> ::std::vec::Vec<::apigw::ResponseDoc> {
                #describe
            }
            fn into_response(self) -> ::apigw::Response {
                #into_response
            }
        }
        #(#impls)*
        #(#bodies)*
    }
}
