//! `#[derive(ApiResponses)]`: an enum whose variants ARE the declared responses. Emits the
//! OpenAPI description, the conversion into an HTTP response, and one `DeclaresStatus<N>` impl per
//! variant, which is what integration status checks resolve against.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, LitInt, LitStr};

use crate::diag::{self, Errors};

struct Header {
    name: LitStr,
    field: syn::Ident,
    ty: syn::Type,
    optional: bool,
}

pub fn expand(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let ident = &input.ident;
    let syn::Data::Enum(data) = &input.data else {
        return syn::Error::new(
            ident.span(),
            format!("`ApiResponses` derives on an enum with one variant per response, e.g. `enum {ident} {{ #[status(200)] Ok(Json<T>) }}`"),
        )
        .to_compile_error();
    };
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            "`ApiResponses` types cannot be generic: the operation model needs one concrete type",
        ));
    }
    if data.variants.is_empty() {
        errors.push(syn::Error::new(
            ident.span(),
            format!(
                "`{ident}` declares no response: add a variant such as `#[status(200)] Ok(Json<T>)`"
            ),
        ));
    }
    let mut seen: Vec<(u16, String)> = Vec::new();
    let mut describe = Vec::new();
    let mut arms = Vec::new();
    let mut impls = Vec::new();
    for v in &data.variants {
        let vname = &v.ident;
        let status_attrs: Vec<_> = v
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("status"))
            .collect();
        let Some(status_attr) = status_attrs.first() else {
            errors.push(syn::Error::new(
                vname.span(),
                format!(
                    "variant `{vname}` of `{ident}` has no status: add its HTTP status code above it, e.g. `#[status({})]`",
                    guess_status(&vname.to_string())
                ),
            ));
            continue;
        };
        if let Some(extra) = status_attrs.get(1) {
            errors.push(syn::Error::new(
                extra.span(),
                format!("variant `{vname}` has two `#[status]`: a variant is exactly one response"),
            ));
        }
        let Some(lit) = errors.push_result(status_attr.parse_args::<LitInt>().map_err(|e| {
            syn::Error::new(e.span(), "write the status as a number: `#[status(404)]`")
        })) else {
            continue;
        };
        let code = match lit.base10_parse::<u16>() {
            Ok(c) if (100..=599).contains(&c) => c,
            _ => {
                errors.push(syn::Error::new(
                    lit.span(),
                    format!("`{lit}` is not an HTTP status code: use a number in 100..=599"),
                ));
                continue;
            }
        };
        if let Some((_, other)) = seen.iter().find(|(c, _)| *c == code) {
            errors.push(syn::Error::new(
                lit.span(),
                format!("status {code} is declared twice in `{ident}` (also by variant `{other}`): an operation has one response per status, so merge the two variants"),
            ));
            continue;
        }
        seen.push((code, vname.to_string()));
        let description = diag::opt_str(&diag::doc_text(&v.attrs));

        // Fields: one body (unnamed, or named without #[header]) and any number of headers.
        let mut body: Option<(TokenStream, syn::Type)> = None;
        let mut headers: Vec<Header> = Vec::new();
        let pattern;
        match &v.fields {
            syn::Fields::Unit => pattern = quote!(#ident::#vname),
            syn::Fields::Unnamed(u) => {
                if u.unnamed.len() != 1 {
                    errors.push(syn::Error::new(u.span(), format!("variant `{vname}` holds more than a body: use `{vname}(Json<T>)`, or named fields with `#[header(\"Name\")]` for headers")));
                    continue;
                }
                let f = &u.unnamed[0];
                body = Some((quote!(__apigw_body), f.ty.clone()));
                pattern = quote!(#ident::#vname(__apigw_body));
            }
            syn::Fields::Named(n) => {
                let mut binds = Vec::new();
                for f in &n.named {
                    let Some(fid) = f.ident.clone() else { continue };
                    let header = f.attrs.iter().find(|a| a.path().is_ident("header"));
                    let bind = format_ident!("__apigw_{}", fid);
                    binds.push(quote!(#fid: #bind));
                    if let Some(h) = header {
                        let Some(name) =
                            errors.push_result(h.parse_args::<LitStr>().map_err(|e| {
                                syn::Error::new(
                                    e.span(),
                                    "write the header name as a string: `#[header(\"Location\")]`",
                                )
                            }))
                        else {
                            continue;
                        };
                        let optional = crate::operation_option_inner(&f.ty).is_some();
                        headers.push(Header {
                            name,
                            field: bind,
                            ty: f.ty.clone(),
                            optional,
                        });
                    } else if body.is_some() {
                        errors.push(syn::Error::new(fid.span(), format!("variant `{vname}` has two bodies: mark header fields with `#[header(\"Name\")]`")));
                    } else {
                        body = Some((quote!(#bind), f.ty.clone()));
                    }
                }
                pattern = quote!(#ident::#vname { #(#binds),* });
            }
        }
        let body_doc = match &body {
            Some((_, ty)) => {
                quote!(::core::option::Option::Some(<#ty as ::apigw::ResponseBody>::describe(__apigw_gen)))
            }
            None => quote!(::core::option::Option::None),
        };
        let header_docs = headers.iter().map(|h| {
            let name = &h.name;
            let required = !h.optional;
            let ty = match crate::operation_option_inner(&h.ty) {
                Some(inner) => inner.clone(),
                None => h.ty.clone(),
            };
            quote!(::apigw::HeaderDoc::of::<#ty>(__apigw_gen, #name, #required))
        });
        describe.push(quote! {
            ::apigw::ResponseDoc {
                status: #code,
                description: #description,
                body: #body_doc,
                headers: ::std::vec![#(#header_docs),*],
            }
        });
        let set_body = match &body {
            Some((b, _)) => quote!(::apigw::ResponseBody::write(#b, &mut __apigw_resp);),
            None => quote!(),
        };
        let set_headers = headers.iter().map(|h| {
            let name = &h.name;
            let field = &h.field;
            if h.optional {
                quote!(if let ::core::option::Option::Some(v) = #field { __apigw_resp.set_header(#name, v); })
            } else {
                quote!(__apigw_resp.set_header(#name, #field);)
            }
        });
        arms.push(quote! {
            #pattern => {
                let mut __apigw_resp = ::apigw::Response::new(#code);
                #set_body
                #(#set_headers)*
                __apigw_resp
            }
        });
        // Spanned on the literal: when an integration answers an undeclared status, rustc lists
        // the declared ones and points at these `#[status(N)]`.
        impls.push(quote_spanned!(lit.span()=> impl ::apigw::DeclaresStatus<#code> for #ident {}));
    }
    if !errors.is_empty() && !input.generics.params.is_empty() {
        return errors.emit_with(quote!());
    }
    if !errors.is_empty() {
        // Still implement the traits (with bodies that never run: the build fails), so the
        // operations using this enum do not add "not an `ApiResponses` type" or "does not declare
        // status" errors on top of the real one.
        return errors.emit_with(quote! {
            impl ::apigw::ApiResponses for #ident {
                fn describe(_: &mut ::apigw::__private::SchemaGenerator) -> ::std::vec::Vec<::apigw::ResponseDoc> {
                    ::std::vec::Vec::new()
                }
                fn into_response(self) -> ::apigw::Response {
                    ::apigw::Response::new(500)
                }
            }
            #(#impls)*
        });
    }
    quote! {
        impl ::apigw::ApiResponses for #ident {
            fn describe(__apigw_gen: &mut ::apigw::__private::SchemaGenerator) -> ::std::vec::Vec<::apigw::ResponseDoc> {
                ::std::vec![#(#describe),*]
            }
            fn into_response(self) -> ::apigw::Response {
                match self {
                    #(#arms)*
                }
            }
        }
        #(#impls)*
    }
}

/// A plausible status for a variant name, so the "no status" error suggests something that fits.
fn guess_status(variant: &str) -> u16 {
    match variant {
        "Ok" | "Found" | "Success" => 200,
        "Created" => 201,
        "Accepted" => 202,
        "NoContent" | "Deleted" => 204,
        "BadRequest" | "Invalid" => 400,
        "Unauthorized" => 401,
        "Forbidden" => 403,
        "NotFound" | "Missing" => 404,
        "Conflict" => 409,
        "Unprocessable" | "UnprocessableEntity" => 422,
        "TooManyRequests" => 429,
        "Internal" | "InternalError" | "InternalServerError" => 500,
        "Unavailable" | "ServiceUnavailable" => 503,
        _ => 200,
    }
}
