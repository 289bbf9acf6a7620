//! `#[lambda_integration(custom, ...)]` on a handler: API Gateway invokes the function through a
//! `type: aws` integration (request template, `errorMessage` selection patterns) instead of the
//! proxy. The request template is always the envelope the binary dispatches by operation id;
//! `request_template` shapes the JSON the handler receives as its body.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;

use super::options::{self as common, MappingOptions, ResponseEntry, Source};
use super::{Plan, PlanCx};

struct Args {
    custom: Ident,
    template: Option<Source>,
    /// `passthrough`, `content_handling`, `timeout_ms`.
    mapping: MappingOptions,
    responses: Option<Vec<ResponseEntry>>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let custom: Ident = input.parse()?;
        if custom != "custom" {
            return Err(syn::Error::new(
                custom.span(),
                "a handler is served through the Lambda proxy without any attribute; `#[lambda_integration(custom, ...)]` selects the non-proxy (custom) integration: start with `custom`",
            ));
        }
        common::comma(input)?;
        let mut a = Args {
            custom,
            template: None,
            mapping: MappingOptions::default(),
            responses: None,
        };
        while !input.is_empty() {
            let key = common::parse_key(input)?;
            if a.mapping.parse_option(&key, input)? {
                common::comma(input)?;
                continue;
            }
            match key.to_string().as_str() {
                "request_template" => {
                    let t = common::parse_template(input)?;
                    if t.content_type.value() != "application/json" {
                        return Err(syn::Error::new(
                            key.span(),
                            "a Lambda custom request template produces the JSON the handler receives: it is the `application/json` template (write `request_template = \"...\"`)",
                        ));
                    }
                    a.template = Some(t.source);
                }
                "responses" => {
                    if a.responses.is_some() {
                        return Err(common::twice(key.span(), "responses"));
                    }
                    a.responses = Some(common::parse_responses(input)?);
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown lambda_integration option `{other}`: expected `request_template`, `responses(...)`, `passthrough`, `content_handling` or `timeout_ms`"
                        ),
                    ));
                }
            }
            common::comma(input)?;
        }
        Ok(a)
    }
}

pub fn plan(attr: &syn::Attribute, cx: &PlanCx) -> syn::Result<Plan> {
    let args: Args = common::parse_args(
        attr,
        "write `#[lambda_integration(custom, responses(error \"Not found.*\" => 404))]`",
    )?;
    if !cx.is_handler {
        return Err(syn::Error::new(
            args.custom.span(),
            format!(
                "`#[lambda_integration(custom)]` changes how Lambda calls a handler, but `{}` is a marker struct: make it an `async fn` handler",
                cx.op_name
            ),
        ));
    }
    let mut chain = Vec::new();
    if let Some(t) = &args.template {
        let t = t.tokens();
        chain.push(quote!(.payload_template(#t)));
    }
    let mut errors = Vec::new();
    chain.push(args.mapping.check(&mut errors).builder_calls());
    common::combine(errors)?;
    let mut checks = Vec::new();
    if let Some(entries) = &args.responses {
        checks.push(common::response_checks(entries, cx)?);
        let error_template = quote!(::apigw::integration::lambda_custom::ERROR_TEMPLATE);
        let mut items: Vec<TokenStream> = entries
            .iter()
            .map(|e| e.tokens(e.pattern.as_ref().map(|_| &error_template)))
            .collect();
        // A successful invoke has no errorMessage: without `default` it would match nothing.
        if !entries.iter().any(|e| e.pattern.is_none()) {
            checks.push(cx.declares(200, attr.path().span()));
            items.push(quote!((
                ::std::string::String::from("default"),
                ::apigw::integration::IntegrationResponse::status(200)
            )));
        }
        chain.push(quote!(.responses(::std::vec![#(#items),*])));
    } else {
        checks.push(cx.declares(200, attr.path().span()));
    }
    Ok(Plan {
        constructor: quote!(::apigw::integration::LambdaCustom::new() #(#chain)*),
        checks: quote!(#(#checks)*),
    })
}
