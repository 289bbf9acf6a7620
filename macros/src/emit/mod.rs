//! Stage 3, emit: checked values into tokens. Declarations become const data of the vocabulary's
//! types ([`ToConst`]); statuses an integration can answer become trait bounds spanned on the
//! user's tokens ([`declares`]); the operation becomes a registered descriptor.

pub mod api_responses;
pub mod integration;
pub mod operation;

use apigw_spec::aws::AwsTarget;
use apigw_spec::params::{ParamSource, ParamTarget, ResponseHeader, ResponseSource};
use apigw_spec::responses::{ResponseMapping, ResponseSet};
use apigw_spec::s3::{ListingFormat, S3Call, S3Method};
use apigw_spec::{
    ContentHandling, MappingOptions, Method, PassthroughBehavior, RequestParameter, SelectionKey,
    StatusCode, Str, TimeoutMs,
};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use crate::check::Answer;

/// A value of the vocabulary as a const expression of `::apigw::spec`.
pub trait ToConst {
    fn to_const(&self) -> TokenStream;
}

impl ToConst for Str {
    fn to_const(&self) -> TokenStream {
        let s = self.as_ref();
        quote!(::std::borrow::Cow::Borrowed(#s))
    }
}

impl ToConst for str {
    fn to_const(&self) -> TokenStream {
        quote!(::std::borrow::Cow::Borrowed(#self))
    }
}

impl<T: ToConst> ToConst for [T] {
    fn to_const(&self) -> TokenStream {
        let items = self.iter().map(ToConst::to_const);
        quote!(::std::borrow::Cow::Borrowed(&[#(#items),*]))
    }
}

impl<T: ToConst> ToConst for Option<T> {
    fn to_const(&self) -> TokenStream {
        match self {
            Some(v) => {
                let v = v.to_const();
                quote!(::core::option::Option::Some(#v))
            }
            None => quote!(::core::option::Option::None),
        }
    }
}

/// A fieldless enum of the vocabulary: `::apigw::spec::<path>::<Variant>` (the variant's name is
/// its `Debug` form, so no list of variants is written twice).
fn variant(path: TokenStream, value: &impl std::fmt::Debug) -> TokenStream {
    let v = format_ident!("{}", format!("{value:?}"));
    quote!(::apigw::spec::#path::#v)
}

impl ToConst for Method {
    fn to_const(&self) -> TokenStream {
        variant(quote!(Method), self)
    }
}

impl ToConst for PassthroughBehavior {
    fn to_const(&self) -> TokenStream {
        variant(quote!(PassthroughBehavior), self)
    }
}

impl ToConst for ContentHandling {
    fn to_const(&self) -> TokenStream {
        variant(quote!(ContentHandling), self)
    }
}

impl ToConst for S3Method {
    fn to_const(&self) -> TokenStream {
        variant(quote!(s3::S3Method), self)
    }
}

impl ToConst for ListingFormat {
    fn to_const(&self) -> TokenStream {
        variant(quote!(s3::ListingFormat), self)
    }
}

impl ToConst for S3Call {
    fn to_const(&self) -> TokenStream {
        match self {
            S3Call::Object(m) => {
                let m = m.to_const();
                quote!(::apigw::spec::s3::S3Call::Object(#m))
            }
            S3Call::ListObjects(f) => {
                let f = f.to_const();
                quote!(::apigw::spec::s3::S3Call::ListObjects(#f))
            }
            S3Call::ListBuckets(f) => {
                let f = f.to_const();
                quote!(::apigw::spec::s3::S3Call::ListBuckets(#f))
            }
            S3Call::CreateBucket => quote!(::apigw::spec::s3::S3Call::CreateBucket),
            S3Call::DeleteBucket => quote!(::apigw::spec::s3::S3Call::DeleteBucket),
        }
    }
}

impl ToConst for StatusCode {
    fn to_const(&self) -> TokenStream {
        let n = self.get();
        quote!(const { ::apigw::spec::StatusCode::of(#n) })
    }
}

impl ToConst for TimeoutMs {
    fn to_const(&self) -> TokenStream {
        let n = self.get();
        quote!(const { ::apigw::spec::TimeoutMs::of(#n) })
    }
}

impl ToConst for MappingOptions {
    fn to_const(&self) -> TokenStream {
        let p = self.passthrough.to_const();
        let c = self.content_handling.to_const();
        let t = self.timeout_ms.to_const();
        quote!(::apigw::spec::MappingOptions { passthrough: #p, content_handling: #c, timeout_ms: #t })
    }
}

impl ToConst for SelectionKey {
    fn to_const(&self) -> TokenStream {
        match self {
            SelectionKey::Default => quote!(::apigw::spec::SelectionKey::Default),
            SelectionKey::Pattern(p) => {
                let p = p.to_const();
                quote!(::apigw::spec::SelectionKey::Pattern(#p))
            }
        }
    }
}

/// `Variant(name)` of a parameter enum.
fn named(path: TokenStream, variant: &str, name: &Str) -> TokenStream {
    let v = format_ident!("{variant}");
    let n = name.to_const();
    quote!(::apigw::spec::params::#path::#v(#n))
}

impl ToConst for ParamTarget {
    fn to_const(&self) -> TokenStream {
        let (v, n) = match self {
            ParamTarget::Path(n) => ("Path", n),
            ParamTarget::Query(n) => ("Query", n),
            ParamTarget::Header(n) => ("Header", n),
        };
        named(quote!(ParamTarget), v, n)
    }
}

impl ToConst for ParamSource {
    fn to_const(&self) -> TokenStream {
        let (v, n) = match self {
            ParamSource::Body => return quote!(::apigw::spec::params::ParamSource::Body),
            ParamSource::Path(n) => ("Path", n),
            ParamSource::Query(n) => ("Query", n),
            ParamSource::MultiQuery(n) => ("MultiQuery", n),
            ParamSource::Header(n) => ("Header", n),
            ParamSource::MultiHeader(n) => ("MultiHeader", n),
            ParamSource::Context(n) => ("Context", n),
            ParamSource::StageVariable(n) => ("StageVariable", n),
            ParamSource::Literal(n) => ("Literal", n),
            ParamSource::BodyPath(n) => ("BodyPath", n),
        };
        named(quote!(ParamSource), v, n)
    }
}

impl ToConst for ResponseSource {
    fn to_const(&self) -> TokenStream {
        let (v, n) = match self {
            ResponseSource::Body => return quote!(::apigw::spec::params::ResponseSource::Body),
            ResponseSource::Header(n) => ("Header", n),
            ResponseSource::MultiHeader(n) => ("MultiHeader", n),
            ResponseSource::BodyPath(n) => ("BodyPath", n),
            ResponseSource::Context(n) => ("Context", n),
            ResponseSource::StageVariable(n) => ("StageVariable", n),
            ResponseSource::Literal(n) => ("Literal", n),
        };
        named(quote!(ResponseSource), v, n)
    }
}

impl ToConst for RequestParameter {
    fn to_const(&self) -> TokenStream {
        let t = self.target.to_const();
        let s = self.source.to_const();
        quote!(::apigw::spec::RequestParameter { target: #t, source: #s })
    }
}

impl ToConst for ResponseHeader {
    fn to_const(&self) -> TokenStream {
        let n = self.name.to_const();
        let s = self.source.to_const();
        quote!(::apigw::spec::ResponseHeader { name: #n, source: #s })
    }
}

impl ToConst for AwsTarget {
    fn to_const(&self) -> TokenStream {
        match self {
            AwsTarget::Action(a) => {
                let a = a.to_const();
                quote!(::apigw::spec::aws::AwsTarget::Action(#a))
            }
            AwsTarget::Path(p) => {
                let p = p.to_const();
                quote!(::apigw::spec::aws::AwsTarget::Path(#p))
            }
        }
    }
}

/// `(content type, text tokens)` templates as a `&[Template]`.
pub fn templates(templates: &[(String, TokenStream)]) -> TokenStream {
    let items = templates.iter().map(|(ct, text)| {
        quote!(::apigw::spec::Template {
            content_type: ::std::borrow::Cow::Borrowed(#ct),
            text: ::std::borrow::Cow::Borrowed(#text),
        })
    });
    quote!(::std::borrow::Cow::Borrowed(&[#(#items),*]))
}

/// A response set; `templates` are its templates' texts (a file's text is `include_str!`).
pub fn response_set(set: &ResponseSet, templates: &[(String, TokenStream)]) -> TokenStream {
    match set {
        ResponseSet::DefaultPassthrough {
            status,
            headers,
            content_handling,
        } => {
            let s = status.to_const();
            let h = headers.to_const();
            let c = content_handling.to_const();
            quote!(::apigw::spec::ResponseSet::DefaultPassthrough { status: #s, headers: #h, content_handling: #c })
        }
        ResponseSet::S3JsonErrorMessage => quote!(::apigw::spec::ResponseSet::S3JsonErrorMessage),
        ResponseSet::CatchAll => quote!(::apigw::spec::ResponseSet::CatchAll),
        ResponseSet::Mapping(ResponseMapping {
            key,
            status,
            headers,
            templates: _,
            content_handling,
        }) => {
            let k = key.to_const();
            let s = status.to_const();
            let h = headers.to_const();
            let t = self::templates(templates);
            let c = content_handling.to_const();
            quote!(::apigw::spec::ResponseSet::Mapping(::apigw::spec::ResponseMapping {
                key: #k, status: #s, headers: #h, templates: #t, content_handling: #c,
            }))
        }
    }
}

/// The checked response sets as a `&[ResponseSet]`.
pub fn response_sets(checked: &crate::check::responses::Checked) -> TokenStream {
    let items = checked
        .sets
        .iter()
        .zip(&checked.templates)
        .map(|(set, t)| response_set(set, t));
    quote!(::std::borrow::Cow::Borrowed(&[#(#items),*]))
}

/// `tokens` with every span (inside groups too) replaced by `span`.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Group(g) => {
                let mut out = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                out.set_span(span);
                proc_macro2::TokenTree::Group(out)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

/// For each answer, a bound `Responses: DeclaresStatus<code>` reported at the answer's span when
/// it does not hold. Every token carries the span, so rustc underlines the user's literal (not
/// the responses type named elsewhere); the bound is a direct trait path, so no "required by"
/// note points into apigw.
pub fn declares(responses: &TokenStream, answers: &[Answer]) -> TokenStream {
    answers
        .iter()
        .map(|(status, span)| {
            let r = respan(responses.clone(), *span);
            let code = proc_macro2::Literal::u16_unsuffixed(status.get());
            let check = quote_spanned!(*span=> const _: () = <#r as ::apigw::DeclaresStatus<#code>>::DECLARED;);
            respan(check, *span)
        })
        .collect()
}
