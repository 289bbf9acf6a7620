//! `#[s3_integration]` checked: the call (an object call, a listing, ListBuckets, a bucket's
//! creation or deletion), the bucket (a `Bucket` const, or one the request names within a
//! declared pattern), the object key and its placeholders, mappings (a listing's query
//! parameters among S3's), options, binary media types, the composed response sets, and the body
//! a listing answers.

use apigw_spec::params::ParamSource;
use apigw_spec::responses::ResponseSet;
use apigw_spec::s3::{self, ListingFormat, S3Call, S3Method, Scope};
use apigw_spec::{ContentHandling, MappingOptions, Method, RequestParameter, StatusCode};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

use super::super::responses::{self, Rules};
use super::super::{Cx, common};
use crate::diag::Errors;
use crate::parse::common::RequestMapping;
use crate::parse::integration::s3::{BucketAst, CallAst, S3Ast};

/// The bucket, checked.
pub enum S3BucketChecked {
    Const(syn::Path),
    Request {
        source: ParamSource,
        pattern: String,
    },
}

pub struct S3 {
    /// `None` for ListBuckets.
    pub bucket: Option<S3BucketChecked>,
    pub call: S3Call,
    pub key: String,
    pub request_parameters: Vec<RequestParameter>,
    pub responses: responses::Checked,
    pub binary_media_types: Vec<LitStr>,
    pub options: MappingOptions,
    /// The body the success response must carry (a listing's), the status, and the option that
    /// chose it.
    pub body: Option<(StatusCode, TokenStream, Span)>,
}

/// The call: an object call (explicit `method`, or the operation's own), or the one bucket or
/// service call written.
fn call(a: &S3Ast, attr_span: Span, cx: &Cx, errors: &mut Errors) -> Option<S3Call> {
    if let Some(second) = a.calls.get(1) {
        errors.at(
            second.span(),
            format!(
                "`{}` and `{}` are two S3 calls: an S3 integration makes one, keep one of them",
                a.calls[0].written(),
                second.written()
            ),
        );
    }
    let Some(written) = a.calls.first() else {
        return object_call(a, attr_span, cx, errors);
    };
    if let Some(lit) = a.method.get() {
        errors.at(
            lit.span(),
            format!(
                "`method` chooses the object operation, and `{}` makes its own S3 request: remove `method`",
                written.written()
            ),
        );
    }
    let format = |lit: &LitStr, errors: &mut Errors| {
        errors.ok(ListingFormat::parse(&lit.value()).map_err(|e| syn::Error::new(lit.span(), e)))
    };
    let call = match written {
        CallAst::ListObjects(lit) => S3Call::ListObjects(format(lit, errors)?),
        CallAst::ListBuckets(lit) => S3Call::ListBuckets(format(lit, errors)?),
        CallAst::CreateBucket(_) => S3Call::CreateBucket,
        CallAst::DeleteBucket(_) => S3Call::DeleteBucket,
    };
    if call.listing().is_some() && cx.method != Method::Get {
        errors.at(
            written.span(),
            format!(
                "`{}` lists, and a listing is read with `GET`, but operation `{}` is `{}`: declare the operation as `GET`, or make another S3 call",
                written.written(),
                cx.op_name,
                cx.method
            ),
        );
        return None;
    }
    Some(call)
}

fn object_call(a: &S3Ast, attr_span: Span, cx: &Cx, errors: &mut Errors) -> Option<S3Call> {
    let method = match a.method.get() {
        Some(lit) => {
            errors.ok(S3Method::parse(&lit.value()).map_err(|e| syn::Error::new(lit.span(), e)))
        }
        None => {
            let m = S3Method::parse(cx.method.as_str()).ok();
            if m.is_none() {
                errors.at(
                    attr_span,
                    format!(
                        "operation `{}` is `{}`, which is not an S3 object method: add `method = \"get\"`, `\"put\"`, `\"delete\"` or `\"head\"`",
                        cx.op_name, cx.method
                    ),
                );
            }
            m
        }
    };
    method.map(S3Call::Object)
}

/// The sources a bucket name can come from: what the request says, or the stage.
fn bucket_source(selector: &crate::parse::common::Selector, cx: &Cx) -> syn::Result<ParamSource> {
    let source = common::source(selector, cx, "`bucket`")?;
    match source {
        ParamSource::Path(_)
        | ParamSource::Query(_)
        | ParamSource::Header(_)
        | ParamSource::StageVariable(_)
        | ParamSource::Context(_) => Ok(source),
        ParamSource::Literal(name) => {
            let konst: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            let konst = if konst.starts_with(|c: char| c.is_ascii_alphabetic()) {
                konst
            } else {
                format!("BUCKET_{konst}")
            };
            Err(syn::Error::new(
                selector.span(),
                format!(
                    "a fixed bucket is a `const`: declare `const {konst}: apigw::Bucket = Bucket::imported(\"{name}\");` (or `Bucket::owned` for one the template creates) and write `bucket = {konst}`"
                ),
            ))
        }
        _ => Err(syn::Error::new(
            selector.span(),
            "a bucket named by the request is one value: take it from `path(\"name\")`, `query(\"name\")`, `header(\"Name\")`, `stage(\"name\")` or `context(\"name\")`",
        )),
    }
}

fn bucket(
    a: &S3Ast,
    call: S3Call,
    attr_span: Span,
    cx: &Cx,
    errors: &mut Errors,
) -> Option<Option<S3BucketChecked>> {
    if call.scope() == Scope::Service {
        for span in [a.bucket.span(), a.bucket_pattern.span()]
            .into_iter()
            .flatten()
        {
            errors.at(
                span,
                "`list_buckets` lists every bucket of the account and names none: remove `bucket` and `bucket_pattern`",
            );
        }
        return Some(None);
    }
    let Some(written) = a.bucket.get() else {
        errors.at(
            attr_span,
            format!(
                "`#[s3_integration]` of operation `{}` needs `bucket = CONST`, naming a `const CONST: apigw::Bucket = Bucket::owned(\"name\")` (or `Bucket::imported`), or `bucket = path(\"name\")` with `bucket_pattern = \"...\"` for a bucket the request names",
                cx.op_name
            ),
        );
        return None;
    };
    match written {
        BucketAst::Const(path) => {
            if let Some(span) = a.bucket_pattern.span() {
                errors.at(
                    span,
                    "`bucket_pattern` limits a bucket the request names, and this bucket is a `const`: remove `bucket_pattern`",
                );
            }
            Some(Some(S3BucketChecked::Const(path.clone())))
        }
        BucketAst::Request(selector) => {
            let source = errors.ok(bucket_source(selector, cx));
            let pattern = match a.bucket_pattern.get() {
                Some(lit) => {
                    let p = lit.value();
                    errors
                        .ok(s3::check_bucket_pattern(&p)
                            .map_err(|e| syn::Error::new(lit.span(), e)))
                        .map(|()| p)
                }
                None => {
                    errors.at(
                        selector.span(),
                        "the request names the bucket, so the role API Gateway assumes must be limited to the buckets it may name: add `bucket_pattern = \"photos-*\"` (used as written: write `\"*\"` to allow every bucket of the account)",
                    );
                    None
                }
            };
            Some(Some(S3BucketChecked::Request {
                source: source?,
                pattern: pattern?,
            }))
        }
    }
}

/// The object key and its placeholders (none for bucket and service calls).
fn key(
    a: &S3Ast,
    call: S3Call,
    bucket_from_request: bool,
    attr_span: Span,
    cx: &Cx,
    errors: &mut Errors,
) -> (String, Vec<String>) {
    let mappings = a.shared.mappings();
    let mapped = common::mapped_placeholders(mappings);
    if call.scope() != Scope::Object {
        if let Some(lit) = a.path.get() {
            let what = match call {
                S3Call::ListObjects(_) => format!(
                    "`list_objects` lists the bucket and reads no object, so `path = \"{}\"` names nothing it uses: remove `path`. To list the keys under a prefix, map it: `request_parameters(query(\"prefix\") = path(\"name\"))`",
                    lit.value()
                ),
                _ => format!(
                    "`{}` ({}) names no object, so `path = \"{}\"` is not used: remove `path`",
                    a.calls.first().map_or("", |c| c.written()),
                    call.name(),
                    lit.value()
                ),
            };
            errors.at(lit.span(), what);
        }
        return (String::new(), Vec::new());
    }
    let (key, placeholders) = match a.path.get() {
        Some(lit) => {
            let key = match s3::key(&lit.value()) {
                Ok(k) => k,
                Err(e) => {
                    errors.at(lit.span(), e);
                    String::new()
                }
            };
            let what = format!("S3 path `{}`", lit.value());
            let placeholders = errors
                .ok(common::placeholders(lit, "S3 path"))
                .unwrap_or_default();
            if bucket_from_request && placeholders.iter().any(|p| p == s3::BUCKET_PLACEHOLDER) {
                errors.at(
                    lit.span(),
                    format!(
                        "`{{{b}}}` in the integration's uri is the bucket the request names, so it cannot be part of the key: name the key placeholder otherwise and fill it from the path parameter `{b}`: `path = \"{{key}}\", request_parameters(path(\"key\") = path(\"{b}\"))`",
                        b = s3::BUCKET_PLACEHOLDER
                    ),
                );
            }
            common::placeholders_filled(&placeholders, &mapped, cx, lit.span(), &what, errors);
            (key, placeholders)
        }
        None if bucket_from_request => {
            errors.at(
                attr_span,
                format!(
                    "the request names the bucket of operation `{}`, so its path is not the object key: write the key with `path`, e.g. `path = \"{{item}}\"`",
                    cx.op_name
                ),
            );
            (String::new(), Vec::new())
        }
        None => {
            let key = s3::key_of_path(&cx.path.openapi);
            if key.is_empty() {
                errors.at(
                    attr_span,
                    format!(
                        "operation `{}` is on `/`, which names no S3 object: add `path = \"key\"`, or list the bucket with `list_objects = \"json\"`",
                        cx.op_name
                    ),
                );
            }
            (key, cx.path.params.iter().map(|p| p.name.clone()).collect())
        }
    };
    (key, placeholders)
}

/// The query parameter a mapping sets, and where it is written.
fn query_target(m: &RequestMapping) -> Option<(String, Span)> {
    let arg = m.target.arg.as_ref()?;
    match m.target.kind.to_string().as_str() {
        "query" => Some((arg.value(), arg.span())),
        "raw" => arg
            .value()
            .strip_prefix("integration.request.querystring.")
            .map(|n| (n.to_string(), arg.span())),
        _ => None,
    }
}

/// A listing's (and a bucket call's) query mappings are among the call's parameters.
fn check_query(mappings: &[RequestMapping], call: S3Call, errors: &mut Errors) {
    let Some(known) = call.mappable_query() else {
        return;
    };
    for (name, span) in mappings.iter().filter_map(query_target) {
        if call.fixed_query().iter().any(|(k, _)| *k == name) {
            errors.at(
                span,
                format!(
                    "{} sets query parameter `{name}` itself: remove this mapping",
                    call.name()
                ),
            );
        } else if !known.contains(&name.as_str()) {
            let listed = if known.is_empty() {
                "it takes none".to_string()
            } else {
                format!(
                    "map one of {}",
                    known
                        .iter()
                        .filter(|k| !call.fixed_query().iter().any(|(f, _)| f == *k))
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            errors.at(
                span,
                format!("{} has no query parameter `{name}`: {listed}", call.name()),
            );
        }
    }
}

/// The body a listing's success response carries.
fn listing_body(call: S3Call) -> Option<TokenStream> {
    Some(match call {
        S3Call::ListObjects(ListingFormat::Json) => {
            quote!(::apigw::Json<::apigw::integration::ObjectListing>)
        }
        S3Call::ListBuckets(ListingFormat::Json) => {
            quote!(::apigw::Json<::apigw::integration::BucketListing>)
        }
        S3Call::ListObjects(ListingFormat::Xml) | S3Call::ListBuckets(ListingFormat::Xml) => {
            quote!(::apigw::Xml)
        }
        _ => return None,
    })
}

pub fn check(a: &S3Ast, attr_span: Span, cx: &Cx, errors: &mut Errors) -> Option<S3> {
    let call = call(a, attr_span, cx, errors);
    let bucket = call.and_then(|c| bucket(a, c, attr_span, cx, errors));
    let call = call?;
    let from_request = matches!(bucket, Some(Some(S3BucketChecked::Request { .. })));
    let (key, placeholders) = key(a, call, from_request, attr_span, cx, errors);
    let mappings = a.shared.mappings();
    check_query(mappings, call, errors);
    let request_parameters =
        common::request_parameters(mappings, cx, &placeholders, "S3 path", errors);
    let options = common::mapping(&a.shared.mapping, errors);
    let response_ch = a
        .response_content_handling
        .get()
        .and_then(|l| errors.ok(common::content_handling(l)));
    let success = common::success_status(a.shared.success_status.get(), errors);
    let pass_headers = common::pass_headers(
        a.shared.pass_headers.get().map(Vec::as_slice),
        call.pass_headers(),
    );
    let binary: Vec<LitStr> = a.binary_media_types.get().cloned().unwrap_or_default();
    for ct in &binary {
        if !apigw_spec::template::is_media_type(&ct.value()) {
            errors.at(
                ct.span(),
                format!(
                    "`{}` is not a media type: write e.g. `\"image/png\"` or `\"image/*\"`",
                    ct.value()
                ),
            );
        }
    }
    // Binary objects reach the client as bytes whatever its `Accept`.
    let passthrough_ch = response_ch.or((call == S3Call::Object(S3Method::Get)
        && !binary.is_empty())
    .then_some(ContentHandling::ConvertToBinary));
    let prepare = move |sets: &[ResponseSet]| s3::prepare(call, sets);
    let rules = Rules {
        sets: s3::SETS,
        status_patterns: Some("an S3 integration"),
        success,
        pass_headers: pass_headers.clone(),
        content_handling: passthrough_ch,
        default_template: None,
        prepare: Some(&prepare),
    };
    let responses = match a.shared.responses.get() {
        Some((span, items)) => responses::check(items, *span, &rules, errors),
        None => responses::defaults(
            s3::default_sets(call, success.0, pass_headers, passthrough_ch),
            attr_span,
            &rules,
            errors,
        ),
    }?;
    // A listing's success response carries the listing: the declared body must say so.
    let body = listing_body(call).and_then(|ty| {
        let status = responses.sets.iter().find_map(|s| match s {
            ResponseSet::DefaultPassthrough { status, .. } => Some(*status),
            _ => None,
        })?;
        let span = a.calls.first().map_or(attr_span, CallAst::span);
        Some((status, ty, span))
    });
    Some(S3 {
        bucket: bucket?,
        call,
        key,
        request_parameters,
        responses,
        binary_media_types: binary,
        options,
        body,
    })
}
