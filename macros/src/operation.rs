//! `#[operation(METHOD "/path", ...)]`: parses the operation, reads the integration attributes
//! written below it (attribute macros expand outside-in, so they are still on the item), checks
//! everything one invocation can see, and registers an `OperationDescriptor` with `inventory`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Token};

use crate::diag::{self, Errors};
use crate::integration::{self, Plan, PlanCx};
use crate::path::{self, PathTemplate};

const METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY",
];

pub struct OperationArgs {
    pub method: Ident,
    pub path_lit: LitStr,
    pub path: Option<PathTemplate>,
    pub id: Option<LitStr>,
    pub tags: Vec<LitStr>,
    pub deprecated: bool,
    pub responses: Option<syn::Type>,
    pub function: Option<LitStr>,
    pub query: Vec<LitStr>,
    pub headers: Vec<LitStr>,
    pub errors: Vec<syn::Error>,
}

fn parse_lit_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::bracketed!(content in input);
    let list = content.parse_terminated(<LitStr as Parse>::parse, Token![,])?;
    Ok(list.into_iter().collect())
}

impl Parse for OperationArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let method: Ident = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected `METHOD \"/path\"`, e.g. `#[operation(GET \"/pets/<petId>\")]`",
            )
        })?;
        let path_lit: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the path as a string after the method, e.g. `GET \"/pets/<petId>\"`",
            )
        })?;
        let mut args = OperationArgs {
            method,
            path_lit,
            path: None,
            id: None,
            tags: vec![],
            deprecated: false,
            responses: None,
            function: None,
            query: vec![],
            headers: vec![],
            errors: vec![],
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            match key.to_string().as_str() {
                "deprecated" => args.deprecated = true,
                "id" => {
                    input.parse::<Token![=]>()?;
                    args.id = Some(input.parse()?);
                }
                "tags" => {
                    input.parse::<Token![=]>()?;
                    args.tags = parse_lit_list(input)?;
                }
                "responses" => {
                    input.parse::<Token![=]>()?;
                    args.responses = Some(input.parse()?);
                }
                "function" => {
                    input.parse::<Token![=]>()?;
                    args.function = Some(input.parse()?);
                }
                "query" => {
                    input.parse::<Token![=]>()?;
                    args.query = parse_lit_list(input)?;
                }
                "headers" => {
                    input.parse::<Token![=]>()?;
                    args.headers = parse_lit_list(input)?;
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown operation option `{other}`: expected `id = \"...\"`, `tags = [...]`, `responses = Type`, `deprecated`, `function = \"...\"`, `query = [...]` or `headers = [...]`"
                        ),
                    ));
                }
            }
        }
        Ok(args)
    }
}

impl OperationArgs {
    /// Checks the method and the path template. Runs once the item is known, so every message
    /// names the operation.
    fn validate(&mut self, op_name: &str) {
        let m = self.method.to_string();
        if !METHODS.contains(&m.as_str()) {
            let upper = m.to_ascii_uppercase();
            let hint = if METHODS.contains(&upper.as_str()) {
                format!("write it in capitals: `{upper}`")
            } else {
                format!("use one of {}", METHODS.join(", "))
            };
            self.errors.push(syn::Error::new(
                self.method.span(),
                format!("operation `{op_name}` has an unknown HTTP method `{m}`: {hint}"),
            ));
        }
        match path::parse(&self.path_lit.value(), self.path_lit.span(), op_name) {
            Ok(p) => self.path = Some(p),
            Err(e) => self.errors.push(e),
        }
    }
}

/// The integration attributes of an item: removed from it, returned in order.
fn take_integration_attrs(attrs: &mut Vec<syn::Attribute>) -> Vec<syn::Attribute> {
    let (found, rest): (Vec<_>, Vec<_>) = std::mem::take(attrs)
        .into_iter()
        .partition(|a| integration::attr_kind(a).is_some());
    *attrs = rest;
    found
}

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let parsed: syn::Item = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(_) => {
            errors.push(syn::Error::new(
                Span::call_site(),
                "#[operation] goes on an `async fn` (served by Lambda) or on a marker struct (served by its integration attribute)",
            ));
            return errors.emit_with(item);
        }
    };
    let args = match syn::parse2::<OperationArgs>(args) {
        Ok(a) => a,
        Err(e) => {
            errors.push(e);
            // Keep the item, minus integration attributes that would otherwise complain on their own.
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
        syn::Item::Fn(f) => expand_handler(args, f, errors),
        syn::Item::Struct(s) => expand_marker(args, s, errors),
        other => {
            errors.push(syn::Error::new(
                other.span(),
                "#[operation] goes on an `async fn` (served by Lambda) or on a marker struct (served by its integration attribute)",
            ));
            errors.emit_with(other)
        }
    }
}

struct Common {
    name: String,
    id: String,
    method: TokenStream,
    path: String,
    summary: TokenStream,
    description: TokenStream,
    tags: Vec<LitStr>,
    deprecated: bool,
    function: TokenStream,
}

fn common(args: &OperationArgs, ident: &Ident, attrs: &[syn::Attribute]) -> Common {
    let name = ident.to_string();
    let id = args
        .id
        .as_ref()
        .map(LitStr::value)
        .unwrap_or_else(|| path::lower_camel(name.trim_start_matches("r#")));
    let method_ident = match args.method.to_string().as_str() {
        "GET" => "Get",
        "PUT" => "Put",
        "POST" => "Post",
        "DELETE" => "Delete",
        "PATCH" => "Patch",
        "HEAD" => "Head",
        "OPTIONS" => "Options",
        _ => "Any",
    };
    let method_ident = format_ident!("{}", method_ident);
    let (summary, description) = diag::split_doc(diag::doc_text(attrs));
    Common {
        name,
        id,
        method: quote!(::apigw::Method::#method_ident),
        path: args
            .path
            .as_ref()
            .map(|p| p.openapi.clone())
            .unwrap_or_default(),
        summary: diag::opt_str(&summary),
        description: diag::opt_str(&description),
        tags: args.tags.clone(),
        deprecated: args.deprecated,
        function: diag::opt_str(&args.function.as_ref().map(LitStr::value)),
    }
}

fn descriptor(
    c: &Common,
    responses: TokenStream,
    request: TokenStream,
    backend: TokenStream,
    span: Span,
) -> TokenStream {
    let Common {
        name,
        id,
        method,
        path,
        summary,
        description,
        tags,
        deprecated,
        function,
    } = c;
    let file = quote_spanned!(span=> ::core::file!());
    let line = quote_spanned!(span=> ::core::line!());
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
                responses: #responses,
                request: #request,
                backend: #backend,
                source: ::apigw::SourceLocation { file: #file, line: #line },
            }
        }
    }
}

fn strip_arg_attrs(f: &mut syn::ItemFn) {
    for input in f.sig.inputs.iter_mut() {
        if let syn::FnArg::Typed(pt) = input {
            pt.attrs.retain(|a| !a.path().is_ident("header"));
        }
    }
}

fn expand_handler(mut args: OperationArgs, mut f: syn::ItemFn, mut errors: Errors) -> TokenStream {
    args.validate(&f.sig.ident.to_string());
    for e in args.errors.iter().cloned() {
        errors.push(e);
    }
    let integration_attrs = take_integration_attrs(&mut f.attrs);
    let c = common(&args, &f.sig.ident, &f.attrs);
    let method_str = args.method.to_string();
    let fn_name = f.sig.ident.clone();
    let op_name = c.name.clone();

    if f.sig.asyncness.is_none() {
        errors.push(syn::Error::new(
            f.sig.fn_token.span(),
            format!("handler `{op_name}` must be an `async fn`: write `async fn {op_name}(...)`"),
        ));
    }
    if !f.sig.generics.params.is_empty() {
        errors.push(syn::Error::new(
            f.sig.generics.span(),
            format!("handler `{op_name}` cannot be generic: the registry needs one concrete function per operation"),
        ));
    }
    if let Some(r) = &args.responses {
        errors.push(syn::Error::new(
            r.span(),
            format!("`responses = ...` is for marker structs; handler `{op_name}` declares its responses with its return type"),
        ));
    }
    let ret_ty: Option<syn::Type> = match &f.sig.output {
        syn::ReturnType::Type(_, ty) => Some((**ty).clone()),
        syn::ReturnType::Default => {
            // Underline `fn name(...)`: the return type goes right after it.
            let fn_token = &f.sig.fn_token;
            let fn_ident = &f.sig.ident;
            let mut parens =
                proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, TokenStream::new());
            parens.set_span(f.sig.paren_token.span.join());
            errors.push(syn::Error::new_spanned(
                quote!(#fn_token #fn_ident #parens),
                format!(
                    "handler `{op_name}` has no return type, so its responses are not declared: return an enum that derives `ApiResponses`, e.g. `-> {}Responses`",
                    upper_camel(&op_name)
                ),
            ));
            None
        }
    };

    // Integration attributes on a handler: only the Lambda ones make sense.
    let mut lambda_plan: Option<Plan> = None;
    for attr in &integration_attrs {
        let kind = integration::attr_kind(attr).unwrap_or("integration");
        if kind != "lambda_integration" {
            let responses = match &ret_ty {
                Some(ty) => type_str(ty),
                None => "...".to_string(),
            };
            errors.push(syn::Error::new(
                attr.path().span(),
                format!(
                    "handler `{op_name}` has a body, so Lambda serves it, but `#[{kind}]` has API Gateway answer without calling it: remove `#[{kind}]`, or replace the function with a marker struct `pub struct {};` and add `responses = {responses}` to its `#[operation(...)]`",
                    upper_camel(&op_name)
                ),
            ));
            continue;
        }
        if lambda_plan.is_some() {
            errors.push(syn::Error::new(
                attr.path().span(),
                format!(
                    "operation `{op_name}` has two `#[lambda_integration]` attributes: keep one"
                ),
            ));
            continue;
        }
        if let (Some(path), Some(ret)) = (&args.path, &ret_ty) {
            let (query, headers) = declared_params(&args);
            let cx = PlanCx {
                op_name: &op_name,
                path,
                responses: quote!(#ret),
                is_handler: true,
                method: &method_str,
                query: &query,
                headers: &headers,
            };
            lambda_plan = errors.push_result(integration::plan(attr, &cx));
        }
    }

    // Arguments: path parameters by name, `#[header("X")]`, or extractors.
    let mut extract = Vec::new();
    let mut document = Vec::new();
    let mut call_args = Vec::new();
    let mut bound_params = Vec::new();
    for (i, input) in f.sig.inputs.iter_mut().enumerate() {
        let pt = match input {
            syn::FnArg::Receiver(r) => {
                errors.push(syn::Error::new(
                    r.span(),
                    format!("handler `{op_name}` cannot take `self`: make it a free `async fn`"),
                ));
                continue;
            }
            syn::FnArg::Typed(pt) => pt,
        };
        let var = format_ident!("__apigw_arg{}", i);
        call_args.push(var.clone());
        let ty = &*pt.ty;
        let header = pt
            .attrs
            .iter()
            .find(|a| a.path().is_ident("header"))
            .cloned();
        pt.attrs.retain(|a| !a.path().is_ident("header"));
        let arg_name = match &*pt.pat {
            syn::Pat::Ident(pi) => pi.ident.to_string(),
            other => {
                errors.push(syn::Error::new(other.span(), format!("handler `{op_name}`: name this argument (`name: Type`); patterns cannot bind path parameters")));
                continue;
            }
        };
        if let Some(h) = header {
            let Some(name) = errors.push_result(h.parse_args::<LitStr>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "write the header name as a string: `#[header(\"X-Request-Id\")]`",
                )
            })) else {
                continue;
            };
            let (inner, required) = match crate::operation_option_inner(ty) {
                Some(inner) => (inner.clone(), false),
                None => (ty.clone(), true),
            };
            let getter = if required {
                quote!(header_required)
            } else {
                quote!(header_optional)
            };
            extract.push(quote_spanned!(ty.span()=> let #var: #ty = ::apigw::__private::#getter::<#inner>(&__apigw_req, #name)?;));
            document.push(quote_spanned!(ty.span()=> __apigw_doc.header_param::<#inner>(__apigw_gen, #name, #required);));
            continue;
        }
        let param = args.path.as_ref().and_then(|p| {
            p.params.iter().find(|pp| {
                pp.name == arg_name
                    || path::snake_case(&pp.name) == arg_name.trim_start_matches('_')
            })
        });
        if let Some(pp) = param {
            bound_params.push(pp.name.clone());
            let pname = &pp.name;
            extract.push(quote_spanned!(ty.span()=> let #var: #ty = ::apigw::__private::path_param::<#ty>(&__apigw_req, #pname)?;));
            document.push(
                quote_spanned!(ty.span()=> __apigw_doc.path_param::<#ty>(__apigw_gen, #pname);),
            );
        } else if args.path.is_some() && is_plain_value(ty) {
            // (With a malformed path, its error is the one to show.)
            let params = match &args.path {
                Some(p) if !p.params.is_empty() => format!(
                    "its path parameters are {}, bound by arguments named {}",
                    p.names(),
                    p.params
                        .iter()
                        .map(|pp| format!("`{}`", path::snake_case(&pp.name)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => "its path has no parameters".to_string(),
            };
            errors.push(syn::Error::new_spanned(
                &*pt,
                format!(
                    "argument `{arg_name}: {}` of handler `{op_name}` is not a path parameter ({params}): rename it to match a path parameter, add `<{arg_name}>` to the path, read it from the query with `Query<T>`, or from a header with `#[header(\"Name\")]`",
                    type_str(ty)
                ),
            ));
        } else {
            extract.push(quote_spanned!(ty.span()=>
                let #var: #ty = <#ty as ::apigw::FromRequest>::from_request(&__apigw_req, &__apigw_shared)?;
            ));
            document.push(quote_spanned!(ty.span()=> <#ty as ::apigw::FromRequest>::document(__apigw_gen, &mut __apigw_doc);));
        }
    }
    if let Some(path) = &args.path {
        for p in &path.params {
            if !bound_params.contains(&p.name) {
                errors.push(syn::Error::new(
                    args.path_lit.span(),
                    format!(
                        "path parameter `{}` of operation `{op_name}` has no argument: add `{}: String` (or any `FromStr` type) to `{op_name}`'s arguments",
                        p.name,
                        path::snake_case(&p.name)
                    ),
                ));
            }
        }
    }

    let Some(ret) = ret_ty else {
        return errors.emit_with(f);
    };
    if !errors.is_empty() {
        return errors.emit_with(f);
    }

    // Every use of the return type as `ApiResponses` has this one form and span, so rustc reports
    // a return type that is not one once, on the type.
    let describe = quote_spanned!(ret.span()=> <#ret as ::apigw::ApiResponses>::describe);
    let into_response = quote_spanned!(ret.span()=> <#ret as ::apigw::ApiResponses>::into_response);
    let (lambda_custom, plan_checks) = match lambda_plan {
        Some(p) => {
            let ctor = p.constructor;
            (
                quote!(::core::option::Option::Some(|| ::std::boxed::Box::new(#ctor))),
                p.checks,
            )
        }
        None => (quote!(::core::option::Option::None), quote!()),
    };
    let responses = describe;
    let request = quote! {{
        fn __apigw_request(__apigw_gen: &mut ::apigw::__private::SchemaGenerator) -> ::apigw::RequestDoc {
            let mut __apigw_doc = ::apigw::RequestDoc::default();
            #(#document)*
            __apigw_doc
        }
        __apigw_request
    }};
    let backend = quote! {{
        fn __apigw_handler(
            __apigw_req: ::apigw::Request,
            __apigw_shared: ::apigw::__private::Shared,
        ) -> ::apigw::__private::HandlerFuture {
            ::std::boxed::Box::pin(async move {
                #(#extract)*
                ::core::result::Result::Ok(#into_response(#fn_name(#(#call_args),*).await))
            })
        }
        ::apigw::Backend::Lambda(::apigw::LambdaBackend { handler: __apigw_handler, custom: #lambda_custom })
    }};
    let submit = descriptor(&c, responses, request, backend, f.sig.ident.span());
    let out = quote! {
        #f
        const _: () = {
            #plan_checks
            #submit
        };
    };
    errors.emit_with(out)
}

/// A type as a user would write it, for messages: `Vec < String >` -> `Vec<String>`.
fn type_str(ty: &syn::Type) -> String {
    quote!(#ty)
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
}

/// Types that can never be extractors: std types, for which the orphan rule forbids a user's
/// `FromRequest` impl. An argument of such a type that is not a path parameter is a naming
/// mistake, which the macro can explain better than a trait error.
fn is_plain_value(ty: &syn::Type) -> bool {
    const PLAIN: &[&str] = &[
        "String", "str", "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16",
        "i32", "i64", "i128", "isize", "f32", "f64",
    ];
    let ty = match ty {
        syn::Type::Reference(r) => &*r.elem,
        other => other,
    };
    let ty = crate::operation_option_inner(ty).unwrap_or(ty);
    let syn::Type::Path(tp) = ty else {
        return false;
    };
    tp.qself.is_none()
        && tp.path.segments.len() == 1
        && tp.path.segments[0].arguments.is_empty()
        && PLAIN.contains(&tp.path.segments[0].ident.to_string().as_str())
}

/// The query parameters and headers an operation declares, for integrations to map.
fn declared_params(args: &OperationArgs) -> (Vec<String>, Vec<String>) {
    (
        args.query.iter().map(LitStr::value).collect(),
        args.headers.iter().map(LitStr::value).collect(),
    )
}

fn upper_camel(name: &str) -> String {
    let lc = path::lower_camel(name);
    let mut chars = lc.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => lc,
    }
}

fn expand_marker(
    mut args: OperationArgs,
    mut s: syn::ItemStruct,
    mut errors: Errors,
) -> TokenStream {
    args.validate(&s.ident.to_string());
    for e in args.errors.iter().cloned() {
        errors.push(e);
    }
    let integration_attrs = take_integration_attrs(&mut s.attrs);
    let c = common(&args, &s.ident, &s.attrs);
    let method_str = args.method.to_string();
    let op_name = c.name.clone();
    let ident = s.ident.clone();

    let Some(responses_ty) = args.responses.clone() else {
        errors.push(syn::Error::new(
            ident.span(),
            format!(
                "marker operation `{op_name}` does not say what it answers: add `responses = {op_name}Responses` to its `#[operation(...)]`, naming an enum that derives `ApiResponses`"
            ),
        ));
        return errors.emit_with(s);
    };
    let mut plans = Vec::new();
    for attr in &integration_attrs {
        if !plans.is_empty() {
            errors.push(syn::Error::new(
                attr.path().span(),
                format!(
                    "operation `{op_name}` already has an integration (`#[{}]` above): API Gateway calls exactly one backend per operation, so remove one of them",
                    integration::attr_kind(&integration_attrs[0]).unwrap_or("integration")
                ),
            ));
            continue;
        }
        if let Some(path) = &args.path {
            let (query, headers) = declared_params(&args);
            let cx = PlanCx {
                op_name: &op_name,
                path,
                responses: quote!(#responses_ty),
                is_handler: false,
                method: &method_str,
                query: &query,
                headers: &headers,
            };
            if let Some(p) = errors.push_result(integration::plan(attr, &cx)) {
                plans.push(p);
            } else {
                plans.push(Plan::placeholder());
            }
        }
    }
    if integration_attrs.is_empty() {
        errors.push(syn::Error::new(
            ident.span(),
            format!(
                "operation `{op_name}` has no integration: a marker struct has no handler body, so add one integration attribute below `#[operation]`, e.g. `#[mock_integration(status = 200)]` or `#[s3_integration(...)]`, or make it an `async fn` served by Lambda"
            ),
        ));
    }
    // Parameters a marker operation declares for its integration to map.
    let mut document = Vec::new();
    if let Some(path) = &args.path {
        for p in &path.params {
            let n = &p.name;
            document
                .push(quote!(__apigw_doc.path_param::<::std::string::String>(__apigw_gen, #n);));
        }
    }
    for q in &args.query {
        document.push(
            quote!(__apigw_doc.query_param::<::std::string::String>(__apigw_gen, #q, false);),
        );
    }
    for h in &args.headers {
        document.push(
            quote!(__apigw_doc.header_param::<::std::string::String>(__apigw_gen, #h, false);),
        );
    }
    if !errors.is_empty() {
        return errors.emit_with(s);
    }
    let Some(plan) = plans.pop() else {
        return errors.emit_with(s);
    };
    let checks = plan.checks;
    let ctor = plan.constructor;
    let responses =
        quote_spanned!(responses_ty.span()=> <#responses_ty as ::apigw::ApiResponses>::describe);
    let request = quote! {{
        fn __apigw_request(__apigw_gen: &mut ::apigw::__private::SchemaGenerator) -> ::apigw::RequestDoc {
            let mut __apigw_doc = ::apigw::RequestDoc::default();
            #(#document)*
            __apigw_doc
        }
        __apigw_request
    }};
    let backend = quote!(::apigw::Backend::Integration(|| ::std::boxed::Box::new(#ctor)));
    let submit = descriptor(&c, responses, request, backend, ident.span());
    let out = quote! {
        #s
        const _: () = {
            #checks
            #submit
        };
    };
    errors.emit_with(out)
}
