//! `#[s3_integration(bucket = CONST, ...)]`, `#[s3_integration(bucket = path("folder"),
//! bucket_pattern = "...", ...)]`, `#[s3_integration(list_buckets = "json")]`.

use proc_macro2::Span;
use syn::LitStr;
use syn::parse::ParseStream;

use crate::diag::Errors;
use crate::parse::common::{Selector, Shared, SharedOptions};
use crate::parse::{Attr, key, lit_list, option_name, options, value};

pub mod kw {
    syn::custom_keyword!(bucket);
    syn::custom_keyword!(bucket_pattern);
    syn::custom_keyword!(method);
    syn::custom_keyword!(path);
    syn::custom_keyword!(list_objects);
    syn::custom_keyword!(list_buckets);
    syn::custom_keyword!(create_bucket);
    syn::custom_keyword!(delete_bucket);
    syn::custom_keyword!(binary_media_types);
    syn::custom_keyword!(response_content_handling);
}

pub const OPTIONS: &str = "`bucket = CONST` (or `bucket = path(\"name\")` with `bucket_pattern = \"...\"`), `method = \"get\"`, `path = \"key/{param}\"`, `list_objects = \"json\"`, `list_buckets = \"json\"`, `create_bucket`, `delete_bucket`, `request_parameters(...)`, `responses = [...]`, `success_status = N`, `pass_headers = [...]`, `binary_media_types = [...]`, `content_handling = \"...\"`, `response_content_handling = \"...\"`, `passthrough = \"...\"` or `timeout_ms = N`";

/// `bucket = ...`: a `Bucket` const, or where the request names it.
pub enum BucketAst {
    Const(syn::Path),
    Request(Selector),
}

/// What the integration asks S3 for, when it is not an object call: the option and its span.
pub enum CallAst {
    ListObjects(LitStr),
    ListBuckets(LitStr),
    CreateBucket(Span),
    DeleteBucket(Span),
}

impl CallAst {
    pub fn span(&self) -> Span {
        match self {
            CallAst::ListObjects(l) | CallAst::ListBuckets(l) => l.span(),
            CallAst::CreateBucket(s) | CallAst::DeleteBucket(s) => *s,
        }
    }

    /// The option as written, for messages.
    pub fn written(&self) -> &'static str {
        match self {
            CallAst::ListObjects(_) => "list_objects",
            CallAst::ListBuckets(_) => "list_buckets",
            CallAst::CreateBucket(_) => "create_bucket",
            CallAst::DeleteBucket(_) => "delete_bucket",
        }
    }
}

pub struct S3Ast {
    pub bucket: Attr<BucketAst>,
    pub bucket_pattern: Attr<LitStr>,
    pub method: Attr<LitStr>,
    pub path: Attr<LitStr>,
    /// Every bucket or service call written (more than one is an error the check reports).
    pub calls: Vec<CallAst>,
    pub binary_media_types: Attr<Vec<LitStr>>,
    pub response_content_handling: Attr<LitStr>,
    pub shared: SharedOptions,
}

fn bucket(input: ParseStream) -> syn::Result<BucketAst> {
    input.parse::<syn::Token![=]>()?;
    if input.peek(syn::Ident) && input.peek2(syn::token::Paren) {
        return Ok(BucketAst::Request(Selector::parse(input)?));
    }
    Ok(BucketAst::Const(input.parse()?))
}

pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<S3Ast> {
    let mut a = S3Ast {
        bucket: Attr::new("bucket"),
        bucket_pattern: Attr::new("bucket_pattern"),
        method: Attr::new("method"),
        path: Attr::new("path"),
        calls: Vec::new(),
        binary_media_types: Attr::new("binary_media_types"),
        response_content_handling: Attr::new("response_content_handling"),
        shared: SharedOptions::new(&[
            Shared::RequestParameters,
            Shared::Responses,
            Shared::SuccessStatus,
            Shared::PassHeaders,
        ]),
    };
    options(input, errors, |input, errors| {
        if a.shared.parse(input, errors)? {
        } else if let Some(span) = key!(input, kw::bucket_pattern) {
            a.bucket_pattern.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::bucket) {
            a.bucket.set(errors, span, bucket(input)?);
        } else if let Some(span) = key!(input, kw::method) {
            a.method.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::path) {
            a.path.set(errors, span, value(input)?);
        } else if key!(input, kw::list_objects).is_some() {
            a.calls.push(CallAst::ListObjects(value(input)?));
        } else if key!(input, kw::list_buckets).is_some() {
            a.calls.push(CallAst::ListBuckets(value(input)?));
        } else if let Some(span) = key!(input, kw::create_bucket) {
            a.calls.push(CallAst::CreateBucket(span));
        } else if let Some(span) = key!(input, kw::delete_bucket) {
            a.calls.push(CallAst::DeleteBucket(span));
        } else if let Some(span) = key!(input, kw::binary_media_types) {
            input.parse::<syn::Token![=]>()?;
            a.binary_media_types.set(errors, span, lit_list(input)?);
        } else if let Some(span) = key!(input, kw::response_content_handling) {
            a.response_content_handling.set(errors, span, value(input)?);
        } else {
            let other = option_name(input)?;
            return Err(syn::Error::new(
                other.span(),
                format!("unknown s3_integration option `{other}`: expected {OPTIONS}"),
            ));
        }
        Ok(())
    });
    Ok(a)
}
