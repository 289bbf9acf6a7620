//! `#[aws_integration(...)]`: a ready-made call (`dynamodb::get_item(table = PETS, key = "petId")`,
//! read against the vocabulary's table of calls) or the general form (`service`, `action` or
//! `path`, and the grant), plus the options every kind shares.

use apigw_spec::aws::{ArgKind, READY_CALLS, ReadyCall};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Token};

use crate::diag::Errors;
use crate::parse::common::{Shared, SharedOptions};
use crate::parse::{Attr, key, lit_list, option_name, options, value};

pub mod kw {
    syn::custom_keyword!(service);
    syn::custom_keyword!(action);
    syn::custom_keyword!(path);
    syn::custom_keyword!(http_method);
    syn::custom_keyword!(actions);
    syn::custom_keyword!(resources);
    syn::custom_keyword!(resource_arns);
}

/// An argument of a ready-made call.
pub enum ArgValue {
    /// An infrastructure const.
    Resource(syn::Expr),
    Text(LitStr),
}

/// `service::call(arg = value, ...)`.
pub struct CallAst {
    pub path: syn::Path,
    pub spec: &'static ReadyCall,
    pub args: Vec<(Ident, ArgValue)>,
}

impl CallAst {
    pub fn text(&self, name: &str) -> Option<&LitStr> {
        self.args.iter().find_map(|(k, v)| match v {
            ArgValue::Text(s) if k == name => Some(s),
            _ => None,
        })
    }

    pub fn resource(&self, name: &str) -> Option<&syn::Expr> {
        self.args.iter().find_map(|(k, v)| match v {
            ArgValue::Resource(e) if k == name => Some(e),
            _ => None,
        })
    }
}

pub struct AwsAst {
    pub call: Option<CallAst>,
    pub service: Attr<LitStr>,
    pub action: Attr<LitStr>,
    pub path: Attr<LitStr>,
    pub http_method: Attr<LitStr>,
    pub actions: Attr<Vec<LitStr>>,
    pub resources: Attr<Vec<syn::Expr>>,
    pub resource_arns: Attr<Vec<LitStr>>,
    pub shared: SharedOptions,
}

fn call(input: ParseStream, errors: &mut Errors) -> syn::Result<CallAst> {
    let path: syn::Path = input.call(syn::Path::parse_mod_style)?;
    let name = path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::");
    let Some(spec) = ReadyCall::find(&name) else {
        let known: Vec<&str> = READY_CALLS.iter().map(|s| s.name).collect();
        return Err(syn::Error::new(
            path.span(),
            format!(
                "unknown ready-made integration `{name}`: available are {}; for any other call write `service = \"...\", action = \"...\"`",
                known.join(", ")
            ),
        ));
    };
    let content;
    syn::parenthesized!(content in input);
    let mut args: Vec<(Ident, ArgValue)> = Vec::new();
    options(&content, errors, |input, errors| {
        let key: Ident = input.parse()?;
        let Some(arg) = spec.arg(&key.to_string()) else {
            let names: Vec<String> = spec.args.iter().map(|a| format!("`{}`", a.name)).collect();
            return Err(syn::Error::new(
                key.span(),
                format!(
                    "`{name}` has no argument `{key}`: its arguments are {}",
                    names.join(", ")
                ),
            ));
        };
        input.parse::<Token![=]>()?;
        let value = match arg.kind {
            ArgKind::Resource => ArgValue::Resource(input.parse()?),
            ArgKind::Text => ArgValue::Text(input.parse()?),
        };
        if args.iter().any(|(k, _)| *k == key) {
            errors.at(key.span(), format!("`{key}` is given twice: keep one"));
        } else {
            args.push((key, value));
        }
        Ok(())
    });
    for a in spec.args {
        if a.required && !args.iter().any(|(k, _)| k == a.name) {
            errors.at(path.span(), format!("`{name}` needs `{} = ...`", a.name));
        }
    }
    Ok(CallAst { path, spec, args })
}

pub fn parse(input: ParseStream, errors: &mut Errors) -> syn::Result<AwsAst> {
    let mut a = AwsAst {
        call: None,
        service: Attr::new("service"),
        action: Attr::new("action"),
        path: Attr::new("path"),
        http_method: Attr::new("http_method"),
        actions: Attr::new("actions"),
        resources: Attr::new("resources"),
        resource_arns: Attr::new("resource_arns"),
        shared: SharedOptions::new(&[
            Shared::RequestParameters,
            Shared::RequestTemplates,
            Shared::Responses,
            Shared::SuccessStatus,
        ]),
    };
    if input.peek(Ident) && input.peek2(Token![::]) {
        a.call = Some(call(input, errors)?);
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    options(input, errors, |input, errors| {
        if a.shared.parse(input, errors)? {
        } else if let Some(span) = key!(input, kw::service) {
            a.service.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::action) {
            a.action.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::path) {
            a.path.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::http_method) {
            a.http_method.set(errors, span, value(input)?);
        } else if let Some(span) = key!(input, kw::actions) {
            input.parse::<Token![=]>()?;
            a.actions.set(errors, span, lit_list(input)?);
        } else if let Some(span) = key!(input, kw::resources) {
            input.parse::<Token![=]>()?;
            let content;
            syn::bracketed!(content in input);
            let list = content
                .parse_terminated(syn::Expr::parse, Token![,])?
                .into_iter()
                .collect();
            a.resources.set(errors, span, list);
        } else if let Some(span) = key!(input, kw::resource_arns) {
            input.parse::<Token![=]>()?;
            a.resource_arns.set(errors, span, lit_list(input)?);
        } else {
            let other = option_name(input)?;
            return Err(syn::Error::new(
                other.span(),
                format!(
                    "unknown aws_integration option `{other}`: expected a ready-made call (`dynamodb::get_item(...)`, ...) or `service`, `action`/`path`, `http_method`, `request_parameters(...)`, `request_template`, `passthrough`, `content_handling`, `timeout_ms`, `responses = [...]`, `success_status`, `actions`, `resources`, `resource_arns`"
                ),
            ));
        }
        Ok(())
    });
    Ok(a)
}
