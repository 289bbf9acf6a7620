//! Checked integrations as declarations: struct literals of the runtime's integration types whose
//! fields are the vocabulary's const data, plus the type-level checks a kind needs (a typed mock's
//! function type, a custom integration's statuses).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::{ToConst, response_sets, templates};
use crate::check::integration::aws::{Aws, Call, ReadyArg};
use crate::check::integration::http::Http;
use crate::check::integration::lambda::Lambda;
use crate::check::integration::mock::{Mock, Source};
use crate::check::integration::s3::{S3, S3BucketChecked};
use crate::check::integration::{Checked, Integration};
use crate::parse::common::Template;

/// The declaration's value, and the checks it needs besides its statuses.
pub struct Emitted {
    pub value: TokenStream,
    pub checks: TokenStream,
}

pub fn integration(i: &Integration, responses: &TokenStream) -> Emitted {
    let checks = super::declares(responses, &i.answers);
    let (value, extra) = match &i.checked {
        Checked::Mock(m) => mock(m, responses),
        Checked::S3(s) => (s3(s), s3_body(s, responses)),
        Checked::Http(h) => (http(h), quote!()),
        Checked::Aws(a) => (aws(a), quote!()),
        Checked::Lambda(l) => (lambda(l), quote!()),
        Checked::Custom(expr) => (
            quote!(#expr),
            quote_spanned!(expr.span()=>
                const _: fn() = || { ::apigw::integration::assert_custom::<#responses, _>(&(#expr)); };
            ),
        ),
    };
    Emitted {
        value,
        checks: quote!(#checks #extra),
    }
}

fn written_templates(t: &[Template]) -> TokenStream {
    let t: Vec<(String, TokenStream)> = t
        .iter()
        .map(|t| (t.content_type.value(), t.source.tokens()))
        .collect();
    templates(&t)
}

fn mock(m: &Mock, responses: &TokenStream) -> (TokenStream, TokenStream) {
    let (source, check) = match &m.source {
        // `<R as ApiResponses>` like the operation's own uses: a responses type that is not one
        // is reported once, on the type.
        Source::Typed(f) => (
            quote!(::apigw::integration::MockSource::Typed(|| <#responses as ::apigw::ApiResponses>::into_response(#f()))),
            quote_spanned!(f.span()=> const _: fn() = || { let _: fn() -> #responses = #f; };),
        ),
        Source::Fixed { status, body } => {
            let s = status.to_const();
            let b = match body {
                Some(b) => quote!(::core::option::Option::Some(#b)),
                None => quote!(::core::option::Option::None),
            };
            (
                quote!(::apigw::integration::MockSource::Fixed { status: #s, body: #b }),
                quote!(),
            )
        }
    };
    let headers = m
        .headers
        .iter()
        .map(|(n, v)| quote!((::std::borrow::Cow::Borrowed(#n), ::std::borrow::Cow::Borrowed(#v))));
    let t = written_templates(&m.templates);
    (
        quote!(::apigw::integration::MockIntegration {
            source: #source,
            headers: ::std::borrow::Cow::Borrowed(&[#(#headers),*]),
            templates: #t,
        }),
        check,
    )
}

fn s3(s: &S3) -> TokenStream {
    let bucket = match &s.bucket {
        None => quote!(::core::option::Option::None),
        // A `const` of the declared type, so that a wrong type (a `Table`) is reported on the
        // user's token alone, without a note pointing into apigw's sources.
        Some(S3BucketChecked::Const(path)) => {
            let ty = super::respan(quote!(::apigw::Bucket), path.span());
            quote!(::core::option::Option::Some(::apigw::integration::S3Bucket::Named({
                const __APIGW_S3_BUCKET: #ty = #path;
                __APIGW_S3_BUCKET
            })))
        }
        Some(S3BucketChecked::Request { source, pattern }) => {
            let source = source.to_const();
            quote!(::core::option::Option::Some(::apigw::integration::S3Bucket::Request {
                source: #source,
                pattern: ::std::borrow::Cow::Borrowed(#pattern),
            }))
        }
    };
    let call = s.call.to_const();
    let key = s.key.as_str().to_const();
    let params = s.request_parameters.to_const();
    let responses = response_sets(&s.responses);
    let binary = &s.binary_media_types;
    let options = s.options.to_const();
    quote!(::apigw::integration::S3Integration {
        bucket: #bucket,
        call: #call,
        key: #key,
        request_parameters: #params,
        responses: #responses,
        binary_media_types: ::std::borrow::Cow::Borrowed(&[#(#binary),*]),
        options: #options,
    })
}

/// A listing's success response carries the listing: `Responses: DeclaresBody<status, Body>`,
/// reported at the listing option.
fn s3_body(s: &S3, responses: &TokenStream) -> TokenStream {
    let Some((status, body, span)) = &s.body else {
        return quote!();
    };
    let r = super::respan(responses.clone(), *span);
    let body = super::respan(body.clone(), *span);
    let code = proc_macro2::Literal::u16_unsuffixed(status.get());
    super::respan(
        quote!(const _: () = <#r as ::apigw::DeclaresBody<#code, #body>>::DECLARED;),
        *span,
    )
}

fn http(h: &Http) -> TokenStream {
    let url = &h.url;
    let method = h.method.to_const();
    let proxy = h.proxy;
    let connection = match &h.vpc_link {
        Some(link) => quote!(::apigw::integration::HttpConnection::VpcLink(#link)),
        None => quote!(::apigw::integration::HttpConnection::Internet),
    };
    let params = h.request_parameters.to_const();
    let request_templates = written_templates(&h.request_templates);
    let responses = match &h.responses {
        Some(r) => response_sets(r),
        None => quote!(::std::borrow::Cow::Borrowed(&[])),
    };
    let options = h.options.to_const();
    let insecure = h.insecure;
    let cache_key = h.cache_key.to_const();
    let namespace = match &h.cache_namespace {
        Some(ns) => quote!(::core::option::Option::Some(::std::borrow::Cow::Borrowed(#ns))),
        None => quote!(::core::option::Option::None),
    };
    quote!(::apigw::integration::HttpIntegration {
        url: ::std::borrow::Cow::Borrowed(#url),
        method: #method,
        proxy: #proxy,
        connection: #connection,
        request_parameters: #params,
        request_templates: #request_templates,
        responses: #responses,
        options: #options,
        insecure_skip_verification: #insecure,
        cache_key_parameters: #cache_key,
        cache_namespace: #namespace,
    })
}

fn aws(a: &Aws) -> TokenStream {
    let call = match &a.call {
        Call::Ready { spec, path, args } => {
            let segments = spec
                .name
                .split("::")
                .map(|s| format_ident!("{s}", span = path.span()));
            let args = args.iter().map(|arg| match arg {
                // The expression keeps its span: a wrong kind of resource (or a Standard machine
                // started synchronously) is reported on it.
                ReadyArg::Resource(e) => quote!(#e),
                ReadyArg::Text {
                    required: true,
                    value,
                } => {
                    let v = value.as_ref().map(|(v, _)| v.as_str()).unwrap_or_default();
                    quote!(#v)
                }
                ReadyArg::Text {
                    value: Some((v, _)),
                    ..
                } => quote!(::core::option::Option::Some(#v)),
                ReadyArg::Text { value: None, .. } => quote!(::core::option::Option::None),
            });
            quote!(::apigw::integration::calls::#(#segments)::*(#(#args),*))
        }
        Call::General {
            service,
            target,
            actions,
            resources,
            resource_arns,
        } => {
            let target = target.to_const();
            let resources = resources
                .iter()
                .map(|e| quote_spanned!(e.span()=> ::apigw::integration::InfraRef::resource(&#e)));
            quote!(::apigw::integration::AwsCall::Service {
                service: ::std::borrow::Cow::Borrowed(#service),
                target: #target,
                actions: ::std::borrow::Cow::Borrowed(&[#(::std::borrow::Cow::Borrowed(#actions)),*]),
                resources: ::std::borrow::Cow::Owned(::std::vec![#(#resources),*]),
                resource_arns: ::std::borrow::Cow::Borrowed(&[#(::std::borrow::Cow::Borrowed(#resource_arns)),*]),
            })
        }
    };
    let method = a.http_method.to_const();
    let params = a.request_parameters.to_const();
    let request_templates = match &a.templates {
        Some(t) => {
            let t = written_templates(t);
            quote!(::core::option::Option::Some(#t))
        }
        None => quote!(::core::option::Option::None),
    };
    let responses = match &a.responses {
        Some(r) => {
            let r = response_sets(r);
            quote!(::core::option::Option::Some(#r))
        }
        None => quote!(::core::option::Option::None),
    };
    let success = a.success_status.to_const();
    let options = a.options.to_const();
    quote!(::apigw::integration::AwsIntegration {
        call: #call,
        http_method: #method,
        request_parameters: #params,
        request_templates: #request_templates,
        responses: #responses,
        success_status: #success,
        options: #options,
    })
}

fn lambda(l: &Lambda) -> TokenStream {
    let payload = match &l.payload_template {
        Some(s) => {
            let t = s.tokens();
            quote!(::core::option::Option::Some(::std::borrow::Cow::Borrowed(#t)))
        }
        None => quote!(::core::option::Option::None),
    };
    let responses = response_sets(&l.responses);
    let options = l.options.to_const();
    quote!(::apigw::integration::LambdaCustom {
        payload_template: #payload,
        responses: #responses,
        options: #options,
    })
}
