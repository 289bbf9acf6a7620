//! The expansions: each runs parse -> check -> emit with one error collector, and emits the
//! user's item first, then either the generated code or every error.
//!
//! `#[operation]` reads the integration attributes written below it (attribute macros expand
//! outside-in, so they are still on the item) and removes them; an integration attribute used on
//! its own moves itself below `#[operation]`, or says that one is missing.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;

use crate::check::{self, Cx};
use crate::diag::{Errors, type_str};
use crate::emit;
use crate::parse::integration::{self as integration_ast, IntegrationKind};
use crate::parse::operation::OperationArgs;

const TARGET: &str = "#[operation] goes on an `async fn` (served by Lambda) or on a marker struct (served by its integration attribute)";

/// The integration attributes of an item: removed from it, returned in order.
fn take_integration_attrs(
    attrs: &mut Vec<syn::Attribute>,
) -> Vec<(syn::Attribute, IntegrationKind)> {
    let (found, rest): (Vec<_>, Vec<_>) = std::mem::take(attrs)
        .into_iter()
        .partition(|a| IntegrationKind::of(a).is_some());
    *attrs = rest;
    found
        .into_iter()
        .filter_map(|a| IntegrationKind::of(&a).map(|k| (a, k)))
        .collect()
}

/// The paths the consumed integration attributes were written with, resolved as the compiler
/// would have resolved them had `#[operation]` not removed them: an explicit import of an
/// attribute (`use apigw::s3_integration;`) counts as used, so it never warns, and a name that
/// is not in scope is an error at the attribute.
fn resolve_attr_paths(attrs: &[(syn::Attribute, IntegrationKind)]) -> TokenStream {
    let paths = attrs.iter().map(|(attr, _)| attr.path());
    quote! { #( #[allow(unused_imports)] use #paths as _; )* }
}

fn strip_arg_attrs(f: &mut syn::ItemFn) {
    for input in f.sig.inputs.iter_mut() {
        if let syn::FnArg::Typed(pt) = input {
            pt.attrs.retain(|a| !a.path().is_ident("header"));
        }
    }
}

pub fn operation(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let Ok(parsed) = syn::parse2::<syn::Item>(item.clone()) else {
        errors.at(Span::call_site(), TARGET);
        return errors.emit_with(item);
    };
    let parser =
        |input: syn::parse::ParseStream| crate::parse::operation::parse(input, &mut errors);
    let args = syn::parse::Parser::parse2(parser, args);
    let args = match args {
        Ok(a) => a,
        Err(e) => {
            errors.push(e);
            // Keep the item, minus attributes that would otherwise complain on their own.
            let mut item = parsed;
            if let syn::Item::Fn(f) = &mut item {
                take_integration_attrs(&mut f.attrs);
                strip_arg_attrs(f);
            } else if let syn::Item::Struct(s) = &mut item {
                take_integration_attrs(&mut s.attrs);
            }
            return errors.emit_with(item);
        }
    };
    match parsed {
        syn::Item::Fn(f) => handler(&args, f, errors),
        syn::Item::Struct(s) => marker(&args, s, errors),
        other => {
            errors.at(other.span(), TARGET);
            errors.emit_with(other)
        }
    }
}

fn handler(args: &OperationArgs, mut f: syn::ItemFn, mut errors: Errors) -> TokenStream {
    let integration_attrs = take_integration_attrs(&mut f.attrs);
    let op = check::operation::operation(args, &f.sig.ident, &f.attrs, &mut errors);
    let op_name = op.name.clone();
    check::operation::signature(&op, &f, &mut errors);
    if let Some(r) = args.responses.get() {
        errors.at(
            r.span(),
            format!("`responses = ...` is for marker structs; handler `{op_name}` declares its responses with its return type"),
        );
    }
    if let Some(body) = args.body.get() {
        errors.push(syn::Error::new_spanned(
            body,
            format!("`body = ...` is for marker structs; handler `{op_name}` reads its body with an argument, e.g. `body: Json<T>` or `body: Binary<ImageJpeg>`"),
        ));
    }
    let ret = check::operation::return_type(&op, &f, &mut errors);
    // Integration attributes on a handler: only the Lambda ones make sense.
    let mut lambda = None;
    let mut custom = None;
    for (attr, kind) in &integration_attrs {
        if *kind != IntegrationKind::Lambda {
            let responses = ret.as_ref().map_or("...".to_string(), type_str);
            errors.at(
                attr.path().span(),
                format!(
                    "handler `{op_name}` has a body, so Lambda serves it, but `#[{}]` has API Gateway answer without calling it: remove `#[{}]`, or replace the function with a marker struct `pub struct {};` and add `responses = {responses}` to its `#[operation(...)]`",
                    kind.attribute(),
                    kind.attribute(),
                    apigw_spec::naming::upper_camel(&op_name)
                ),
            );
            continue;
        }
        if lambda.is_some() {
            errors.at(
                attr.path().span(),
                format!(
                    "operation `{op_name}` has two `#[lambda_integration]` attributes: keep one"
                ),
            );
            continue;
        }
        lambda = Some(attr);
        if let (Some(path), Some(method), Some(ret)) = (&op.path, op.method, &ret) {
            let cx = Cx {
                op_name: &op_name,
                path,
                responses: quote!(#ret),
                is_handler: true,
                method,
                query: &op.query,
                headers: &op.headers,
            };
            if let Some(ast) = integration_ast::parse(attr, IntegrationKind::Lambda, &mut errors)
                && let Some(i) = check::integration::check(&ast, attr, &cx, &mut errors)
            {
                custom = Some(emit::integration::integration(&i, &cx.responses));
            }
        }
    }
    let bound = check::operation::arguments(&op, &mut f, &mut errors);
    let Some(ret) = ret else {
        return errors.emit_with(f);
    };
    if !errors.is_empty() {
        return errors.emit_with(f);
    }
    let (value, checks) = match custom {
        Some(e) => (Some(e.value), e.checks),
        None => (None, quote!()),
    };
    let (backend, document) = emit::operation::handler(&f.sig.ident, &bound, &ret, value);
    let request = emit::operation::request_doc(&document);
    let submit = emit::operation::descriptor(&op, &ret, request, backend, f.sig.ident.span());
    let resolved = resolve_attr_paths(&integration_attrs);
    errors.emit_with(quote! {
        #f
        const _: () = {
            #resolved
            #checks
            #submit
        };
    })
}

fn marker(args: &OperationArgs, mut s: syn::ItemStruct, mut errors: Errors) -> TokenStream {
    let integration_attrs = take_integration_attrs(&mut s.attrs);
    let op = check::operation::operation(args, &s.ident, &s.attrs, &mut errors);
    let op_name = op.name.clone();
    let ident = s.ident.clone();
    let Some(responses) = args.responses.get().cloned() else {
        errors.at(
            ident.span(),
            format!(
                "marker operation `{op_name}` does not say what it answers: add `responses = {op_name}Responses` to its `#[operation(...)]`, naming an enum that derives `ApiResponses`"
            ),
        );
        return errors.emit_with(s);
    };
    let mut emitted = None;
    let mut first_ast = None;
    for (i, (attr, kind)) in integration_attrs.iter().enumerate() {
        if i > 0 {
            errors.at(
                attr.path().span(),
                format!(
                    "operation `{op_name}` already has an integration (`#[{}]` above): API Gateway calls exactly one backend per operation, so remove one of them",
                    integration_attrs[0].1.attribute()
                ),
            );
            continue;
        }
        let Some(ast) = integration_ast::parse(attr, *kind, &mut errors) else {
            continue;
        };
        if let (Some(path), Some(method)) = (&op.path, op.method) {
            let cx = Cx {
                op_name: &op_name,
                path,
                responses: quote!(#responses),
                is_handler: false,
                method,
                query: &op.query,
                headers: &op.headers,
            };
            if let Some(i) = check::integration::check(&ast, attr, &cx, &mut errors) {
                emitted = Some(emit::integration::integration(&i, &cx.responses));
            }
        }
        first_ast = Some(ast);
    }
    let body = args
        .body
        .get()
        .and_then(|ty| check::body::check(&op, ty, first_ast.as_ref(), &mut errors));
    if integration_attrs.is_empty() {
        errors.at(
            ident.span(),
            format!(
                "operation `{op_name}` has no integration: a marker struct has no handler body, so add one integration attribute below `#[operation]`, e.g. `#[mock_integration(status = 200)]` or `#[s3_integration(...)]`, or make it an `async fn` served by Lambda"
            ),
        );
    }
    if !errors.is_empty() {
        return errors.emit_with(s);
    }
    let Some(emitted) = emitted else {
        return errors.emit_with(s);
    };
    let mut document = emit::operation::marker_params(&op);
    let mut body_check = quote!();
    if let Some(body) = &body {
        let (doc, check) = emit::operation::marker_body(body);
        document.push(doc);
        body_check = check;
    }
    let request = emit::operation::request_doc(&document);
    let value = emitted.value;
    let backend = quote!(::apigw::Backend::Integration(|| ::std::boxed::Box::new(#value)));
    let submit = emit::operation::descriptor(&op, &responses, request, backend, ident.span());
    let checks = emitted.checks;
    let resolved = resolve_attr_paths(&integration_attrs);
    errors.emit_with(quote! {
        #s
        const _: () = {
            #resolved
            #checks
            #body_check
            #submit
        };
    })
}

/// The attribute macro of an integration kind, used on its own: either it sits above
/// `#[operation]` (then it moves itself below, where `#[operation]` reads it), or there is no
/// operation at all, which is a mistake.
pub fn standalone(kind: IntegrationKind, args: TokenStream, item: TokenStream) -> TokenStream {
    let ident = syn::Ident::new(kind.attribute(), Span::call_site());
    let name = kind.attribute();
    if let Ok(mut parsed) = syn::parse2::<syn::Item>(item.clone()) {
        let attrs = match &mut parsed {
            syn::Item::Fn(f) => Some(&mut f.attrs),
            syn::Item::Struct(s) => Some(&mut s.attrs),
            _ => None,
        };
        if let Some(attrs) = attrs
            && let Some(pos) = attrs.iter().position(|a| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "operation")
            })
        {
            let me: syn::Attribute = syn::parse_quote!(#[::apigw::#ident(#args)]);
            attrs.insert(pos + 1, me);
            return quote!(#parsed);
        }
    }
    // Located on the attribute, but resolved like the user's item: rustc then shows the
    // attribute without a "this error originates in the attribute macro" note.
    let span = match item.clone().into_iter().next() {
        Some(first) => Span::call_site().resolved_at(first.span()),
        None => Span::call_site(),
    };
    let what = match syn::parse2::<syn::Item>(item.clone()) {
        Ok(syn::Item::Fn(f)) => format!("`{}` has `#[{name}]` but no `#[operation]`", f.sig.ident),
        Ok(syn::Item::Struct(s)) => format!("`{}` has `#[{name}]` but no `#[operation]`", s.ident),
        _ => format!("`#[{name}]` without `#[operation]`"),
    };
    let err = syn::Error::new(
        span,
        format!(
            "{what}: an integration serves an operation, so put `#[operation(METHOD \"/path\", responses = ...)]` above it"
        ),
    )
    .to_compile_error();
    quote!(#item #err)
}

/// `#[derive(ApiResponses)]`.
pub fn api_responses(input: TokenStream) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let Some(checked) = check::api_responses::check(&input, &mut errors) else {
        return errors.emit_with(quote!());
    };
    let valid = errors.is_empty();
    errors.emit_with(emit::api_responses::emit(&checked, valid))
}
