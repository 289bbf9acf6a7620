//! `#[s3_integration]` checked: the bucket, the S3 method, the object key and its placeholders,
//! mappings, options, binary media types and the composed response sets.

use apigw_spec::s3::{self, S3Method};
use apigw_spec::{ContentHandling, MappingOptions, RequestParameter};
use proc_macro2::Span;
use syn::LitStr;

use super::super::responses::{self, Rules};
use super::super::{Cx, common};
use crate::diag::Errors;
use crate::parse::integration::s3::S3Ast;

pub struct S3 {
    pub bucket: syn::Path,
    pub method: S3Method,
    pub key: String,
    pub request_parameters: Vec<RequestParameter>,
    pub responses: responses::Checked,
    pub binary_media_types: Vec<LitStr>,
    pub options: MappingOptions,
}

pub fn check(a: &S3Ast, attr_span: Span, cx: &Cx, errors: &mut Errors) -> Option<S3> {
    let bucket = a.bucket.get().cloned();
    if bucket.is_none() {
        errors.at(
            attr_span,
            format!(
                "`#[s3_integration]` of operation `{}` needs `bucket = CONST`, naming a `const CONST: apigw::Bucket = Bucket::owned(\"name\")` (or `Bucket::imported`)",
                cx.op_name
            ),
        );
    }
    // The S3 operation: explicit, or the operation's own method.
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
    let mappings = a.shared.mappings();
    let mapped = common::mapped_placeholders(mappings);
    // The key: explicit (`{param}` placeholders) or the operation's path.
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
            common::placeholders_filled(&placeholders, &mapped, cx, lit.span(), &what, errors);
            (key, placeholders)
        }
        None => {
            let key = s3::key_of_path(&cx.path.openapi);
            if key.is_empty() {
                errors.at(
                    attr_span,
                    format!(
                        "operation `{}` is on `/`, which names no S3 object: add `path = \"key\"`",
                        cx.op_name
                    ),
                );
            }
            (key, cx.path.params.iter().map(|p| p.name.clone()).collect())
        }
    };
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
        s3::PASS_HEADERS,
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
    let passthrough_ch = response_ch.or((method == Some(S3Method::Get) && !binary.is_empty())
        .then_some(ContentHandling::ConvertToBinary));
    let rules = Rules {
        sets: s3::SETS,
        status_patterns: Some("an S3 integration"),
        success,
        pass_headers: pass_headers.clone(),
        content_handling: passthrough_ch,
        default_template: None,
    };
    let responses = match a.shared.responses.get() {
        Some((span, items)) => responses::check(items, *span, &rules, errors),
        None => responses::defaults(
            s3::default_sets(success.0, pass_headers, passthrough_ch),
            attr_span,
            &rules,
            errors,
        ),
    };
    Some(S3 {
        bucket: bucket?,
        method: method?,
        key,
        request_parameters,
        responses: responses?,
        binary_media_types: binary,
        options,
    })
}
