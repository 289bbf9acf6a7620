//! Stage 1, parse: attribute tokens into syntax values that keep the user's tokens (and so their
//! spans) for the check stage. Nothing here knows API Gateway's rules; it only knows the grammar.
//!
//! Every attribute is a comma-separated list of options read by [`options`], which reports a
//! malformed option and goes on with the next one, so every mistake is reported at once. An option
//! written twice is an error everywhere ([`Attr`]).

pub mod common;
pub mod integration;
pub mod operation;
pub mod responses;

use proc_macro2::{Span, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

use crate::diag::Errors;

/// An option that may be given once, with the span it was given at.
pub struct Attr<T> {
    name: &'static str,
    value: Option<(Span, T)>,
}

impl<T> Attr<T> {
    pub const fn new(name: &'static str) -> Self {
        Attr { name, value: None }
    }

    /// Sets the value; a second one is an error at its own span.
    pub fn set(&mut self, errors: &mut Errors, span: Span, value: T) {
        if self.value.is_some() {
            errors.at(span, format!("`{}` is given twice: keep one", self.name));
        } else {
            self.value = Some((span, value));
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, v)| v)
    }

    /// Where the option was written (its keyword).
    pub fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(s, _)| *s)
    }

    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }
}

/// `if input.peek(kw::x)`, parsing the keyword: its span, or `None` when the next token is not it.
macro_rules! key {
    ($input:expr, $kw:path) => {
        if $input.peek($kw) {
            Some($input.parse::<$kw>()?.span)
        } else {
            None
        }
    };
}
pub(crate) use key;

/// Reads `option, option, ...` with `one` (which parses one option, keyword included), reporting
/// every malformed option: its error is pushed and the input skips to the next top-level comma.
pub fn options(
    input: ParseStream,
    errors: &mut Errors,
    mut one: impl FnMut(ParseStream, &mut Errors) -> syn::Result<()>,
) {
    while !input.is_empty() {
        if let Err(e) = one(input, errors) {
            errors.push(e);
            skip_option(input);
        }
        if input.is_empty() {
            break;
        }
        if let Err(e) = input.parse::<Token![,]>() {
            errors.push(e);
            skip_option(input);
            let _ = input.parse::<Option<Token![,]>>();
        }
    }
}

/// Consumes tokens up to (not including) the next comma outside `<...>`.
fn skip_option(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        let mut angle = 0usize;
        let mut previous_joint = false;
        while let Some((tt, next)) = rest.token_tree() {
            if let TokenTree::Punct(p) = &tt {
                match p.as_char() {
                    ',' if angle == 0 => return Ok(((), rest)),
                    '<' => angle += 1,
                    '>' if !previous_joint => angle = angle.saturating_sub(1),
                    _ => {}
                }
                previous_joint = p.spacing() == proc_macro2::Spacing::Joint;
            } else {
                previous_joint = false;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

/// An option's name, for "unknown option" messages (raw identifiers accepted).
pub fn option_name(input: ParseStream) -> syn::Result<Ident> {
    input.call(syn::ext::IdentExt::parse_any)
}

/// `= value`.
pub fn value<T: Parse>(input: ParseStream) -> syn::Result<T> {
    input.parse::<Token![=]>()?;
    input.parse()
}

/// `["a", "b"]`.
pub fn lit_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::bracketed!(content in input);
    Ok(content
        .parse_terminated(<LitStr as Parse>::parse, Token![,])?
        .into_iter()
        .collect())
}

/// The attribute's arguments parsed by `parse`; `usage` when there are none (`#[kind]` alone).
pub fn attr_args<T>(
    attr: &syn::Attribute,
    usage: &str,
    errors: &mut Errors,
    parse: impl FnOnce(ParseStream, &mut Errors) -> syn::Result<T>,
) -> Option<T> {
    if attr.meta.require_list().is_err() {
        errors.push(syn::Error::new_spanned(attr, usage));
        return None;
    }
    let parser = |input: ParseStream| parse(input, errors);
    match attr.parse_args_with(parser) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}
