//! `#[operation]` checked: the method and path template (the vocabulary's parser), the metadata
//! every operation has, and for a handler how each argument binds (path parameter by name,
//! `#[header]`, or extractor) and that every path parameter is bound.

use apigw_spec::Method;
use apigw_spec::method::MethodUse;
use apigw_spec::naming::{lower_camel, snake_case, upper_camel};
use apigw_spec::path::{self, PathTemplate};
use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use crate::diag::{self, Errors, option_inner, type_str};
use crate::parse::operation::OperationArgs;

/// What every operation declares, checked.
pub struct Operation {
    /// The Rust item (`get_pet`, `DeletePet`).
    pub name: String,
    pub id: String,
    /// `None` when the method does not parse (its error is pushed).
    pub method: Option<Method>,
    /// `None` when the path does not parse (its error is pushed).
    pub path: Option<PathTemplate>,
    pub path_lit: LitStr,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<LitStr>,
    pub deprecated: bool,
    pub function: Option<String>,
    pub query: Vec<String>,
    pub headers: Vec<String>,
}

pub fn operation(
    args: &OperationArgs,
    ident: &Ident,
    attrs: &[syn::Attribute],
    errors: &mut Errors,
) -> Operation {
    let name = ident.to_string();
    let written = args.method.to_string();
    let method = match Method::parse_for(&written, MethodUse::Operation) {
        Ok(m) => Some(m),
        Err(e) => {
            errors.at(
                args.method.span(),
                format!("operation `{name}` has an unknown HTTP method `{written}`: {e}"),
            );
            None
        }
    };
    let template = args.path.value();
    let path = match path::parse_template(&template) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.at(
                args.path.span(),
                format!("the path `{template}` of operation `{name}` {e}"),
            );
            None
        }
    };
    let (summary, description) = diag::split_doc(diag::doc_text(attrs));
    let list = |l: Option<&Vec<LitStr>>| -> Vec<String> {
        l.map(|l| l.iter().map(LitStr::value).collect())
            .unwrap_or_default()
    };
    Operation {
        id: args
            .id
            .get()
            .map(LitStr::value)
            .unwrap_or_else(|| lower_camel(name.trim_start_matches("r#"))),
        name,
        method,
        path,
        path_lit: args.path.clone(),
        summary,
        description,
        tags: args.tags.get().cloned().unwrap_or_default(),
        deprecated: args.deprecated.is_set(),
        function: args.function.get().map(LitStr::value),
        query: list(args.query.get()),
        headers: list(args.headers.get()),
    }
}

/// How one handler argument is bound.
pub enum Arg {
    /// `#[header("X")] name: T` (`Option<T>`: optional).
    Header {
        name: LitStr,
        inner: Box<syn::Type>,
        required: bool,
    },
    /// An argument named like a path parameter.
    PathParam { name: String },
    /// Any other type: `FromRequest`.
    Extractor,
}

/// A handler's argument: its type and how it binds.
pub struct BoundArg {
    pub ty: syn::Type,
    pub arg: Arg,
}

/// The handler's signature: async and not generic.
pub fn signature(op: &Operation, f: &syn::ItemFn, errors: &mut Errors) {
    let op_name = &op.name;
    if f.sig.asyncness.is_none() {
        errors.at(
            f.sig.fn_token.span(),
            format!("handler `{op_name}` must be an `async fn`: write `async fn {op_name}(...)`"),
        );
    }
    if !f.sig.generics.params.is_empty() {
        errors.at(
            f.sig.generics.span(),
            format!("handler `{op_name}` cannot be generic: the registry needs one concrete function per operation"),
        );
    }
}

/// The handler's arguments, bound: path parameters by name, `#[header]`s, extractors; and every
/// path parameter bound.
pub fn arguments(op: &Operation, f: &mut syn::ItemFn, errors: &mut Errors) -> Vec<BoundArg> {
    let op_name = &op.name;
    let mut bound = Vec::new();
    let mut bound_params = Vec::new();
    let mut unbound_args: Vec<(Ident, syn::PatType)> = Vec::new();
    for input in f.sig.inputs.iter_mut() {
        let pt = match input {
            syn::FnArg::Receiver(r) => {
                errors.at(
                    r.span(),
                    format!("handler `{op_name}` cannot take `self`: make it a free `async fn`"),
                );
                continue;
            }
            syn::FnArg::Typed(pt) => pt,
        };
        let header = pt
            .attrs
            .iter()
            .find(|a| a.path().is_ident("header"))
            .cloned();
        pt.attrs.retain(|a| !a.path().is_ident("header"));
        let ty = (*pt.ty).clone();
        let arg_name = match &*pt.pat {
            syn::Pat::Ident(pi) => pi.ident.to_string(),
            other => {
                errors.at(other.span(), format!("handler `{op_name}`: name this argument (`name: Type`); patterns cannot bind path parameters"));
                continue;
            }
        };
        if let Some(h) = header {
            let field = match &*pt.pat {
                syn::Pat::Ident(pi) => pi.ident.clone(),
                _ => continue,
            };
            let Some(name) = errors.ok(diag::header_name(&h, &field)) else {
                continue;
            };
            let (inner, required) = match option_inner(&ty) {
                Some(inner) => (Box::new(inner.clone()), false),
                None => (Box::new(ty.clone()), true),
            };
            bound.push(BoundArg {
                ty,
                arg: Arg::Header {
                    name,
                    inner,
                    required,
                },
            });
            continue;
        }
        let param = op.path.as_ref().and_then(|p| {
            p.params.iter().find(|pp| {
                pp.name == arg_name || snake_case(&pp.name) == arg_name.trim_start_matches('_')
            })
        });
        if let Some(pp) = param {
            bound_params.push(pp.name.clone());
            bound.push(BoundArg {
                ty,
                arg: Arg::PathParam {
                    name: pp.name.clone(),
                },
            });
        } else if op.path.is_some() && is_plain_value(&ty) {
            // (With a malformed path, its error is the one to show.) Reported once every
            // argument is bound: a typo is told against the parameters no argument binds.
            if let syn::Pat::Ident(pi) = &*pt.pat {
                unbound_args.push((pi.ident.clone(), (*pt).clone()));
            }
        } else {
            bound.push(BoundArg {
                ty,
                arg: Arg::Extractor,
            });
        }
    }
    if let Some(path) = &op.path {
        for (ident, pt) in &unbound_args {
            let unbound: Vec<&str> = path
                .params
                .iter()
                .map(|p| p.name.as_str())
                .filter(|p| !bound_params.iter().any(|b| b == p))
                .collect();
            match typo_of(&ident.to_string(), &unbound) {
                Some((param, fix)) => {
                    // One mistake, one error: the parameter is explained here.
                    bound_params.push(param.to_string());
                    let binds = if fix == param {
                        String::new()
                    } else {
                        format!(" (the path's `<{param}>` binds an argument named `{fix}`)")
                    };
                    errors.at(
                        ident.span(),
                        format!(
                            "argument `{ident}` of handler `{op_name}` is not a path parameter: did you mean `{fix}`?{binds}"
                        ),
                    );
                }
                None => errors.push(not_a_path_parameter(op, path, ident, pt)),
            }
        }
        for p in &path.params {
            if !bound_params.contains(&p.name) {
                errors.at(
                    op.path_lit.span(),
                    format!(
                        "path parameter `{}` of operation `{op_name}` has no argument: add `{}: String` (or any `FromStr` type) to `{op_name}`'s arguments",
                        p.name,
                        snake_case(&p.name)
                    ),
                );
            }
        }
    }
    bound
}

/// The path parameter an argument name is a typo of, and the argument name that binds it (written
/// like the user's argument: `book_id` for a snake_case argument, `bookId` otherwise).
fn typo_of<'a>(arg: &str, unbound: &[&'a str]) -> Option<(&'a str, String)> {
    let arg = arg.trim_start_matches('_');
    let forms: Vec<(String, &'a str)> = unbound
        .iter()
        .flat_map(|&p| [(snake_case(p), p), (p.to_string(), p)])
        .collect();
    let fix = diag::closest(arg, forms.iter().map(|(f, _)| f.as_str()))?;
    let (fix, param) = forms.iter().find(|(f, _)| f == fix)?;
    Some((param, fix.clone()))
}

/// An argument of a plain type that binds no path parameter and is no typo of one.
fn not_a_path_parameter(
    op: &Operation,
    path: &PathTemplate,
    ident: &Ident,
    pt: &syn::PatType,
) -> syn::Error {
    let params = if path.params.is_empty() {
        "its path has no parameters".to_string()
    } else {
        format!(
            "its path parameters are {}, bound by arguments named {}",
            path.names(),
            path.params
                .iter()
                .map(|pp| format!("`{}`", snake_case(&pp.name)))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    // The parameter to add, spelled like the path's own (`<ownerId>` binds `owner_id`): never a
    // snake_case one the user did not write.
    let arg = ident.to_string();
    let arg = arg.trim_start_matches('_');
    let camel = lower_camel(arg);
    let snake_path = path.params.iter().any(|p| p.name.contains('_'));
    let to_add = if !snake_path && snake_case(&camel) == arg {
        camel
    } else {
        arg.to_string()
    };
    syn::Error::new_spanned(
        pt,
        format!(
            "argument `{ident}: {}` of handler `{}` is not a path parameter ({params}): rename it to match a path parameter, add `<{to_add}>` to the path, read it from the query with `Query<T>`, or from a header with `#[header(\"Name\")]`",
            type_str(&pt.ty),
            op.name
        ),
    )
}

/// The handler's return type, or the error that it has none.
pub fn return_type(op: &Operation, f: &syn::ItemFn, errors: &mut Errors) -> Option<syn::Type> {
    match &f.sig.output {
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
                    "handler `{}` has no return type, so its responses are not declared: return an enum that derives `ApiResponses`, e.g. `-> {}Responses`",
                    op.name,
                    upper_camel(&op.name)
                ),
            ));
            None
        }
    }
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
    let ty = option_inner(ty).unwrap_or(ty);
    let syn::Type::Path(tp) = ty else {
        return false;
    };
    tp.qself.is_none()
        && tp.path.segments.len() == 1
        && tp.path.segments[0].arguments.is_empty()
        && PLAIN.contains(&tp.path.segments[0].ident.to_string().as_str())
}
