//! The one error collector of every macro: each stage pushes every mistake it finds, at its own
//! span, and keeps going; the expansion emits the user's item first (so the rest of the crate
//! still resolves it), then every error. One mistake never hides another, and never cascades into
//! "cannot find" errors elsewhere.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }

    /// An error at `span`.
    pub fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    /// The value, or `None` with its error pushed.
    pub fn ok<T>(&mut self, r: syn::Result<T>) -> Option<T> {
        r.map_err(|e| self.push(e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The item first, then the errors.
    pub fn emit_with(self, item: impl ToTokens) -> TokenStream {
        let mut out = item.into_token_stream();
        if let Some(e) = self.0 {
            out.extend(e.to_compile_error());
        }
        out
    }
}

/// Doc comments of an item, joined: the first paragraph is the summary, the rest the description.
pub fn doc_text(attrs: &[syn::Attribute]) -> Option<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            let v = s.value();
            lines.push(v.strip_prefix(' ').unwrap_or(&v).trim_end().to_string());
        }
    }
    let text = lines.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// `(summary, description)`: the first paragraph (on one line), and the rest.
pub fn split_doc(doc: Option<String>) -> (Option<String>, Option<String>) {
    let Some(doc) = doc else { return (None, None) };
    match doc.split_once("\n\n") {
        Some((summary, rest)) => (
            Some(summary.replace('\n', " ")),
            Some(rest.trim().to_string()).filter(|s| !s.is_empty()),
        ),
        None => (Some(doc.replace('\n', " ")), None),
    }
}

/// `Option<Inner>`'s `Inner`.
pub fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(tp) = ty else { return None };
    let seg = tp.path.segments.last()?;
    if seg.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(ab) = &seg.arguments else {
        return None;
    };
    match ab.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// A type as a user would write it, for messages: `Vec < String >` -> `Vec<String>`.
pub fn type_str(ty: &syn::Type) -> String {
    quote::quote!(#ty)
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
}

/// The candidate `written` is most likely a typo of, for "did you mean": the nearest by edit
/// distance (a swap of two letters counts once, case is ignored), if it is near enough that the
/// suggestion helps rather than puzzles.
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let written = written.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let distance = strsim::damerau_levenshtein(&written, &c.to_ascii_lowercase());
            (distance, c)
        })
        .filter(|(distance, c)| *distance <= (written.len().max(c.len()) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// The header name of a `#[header("Name")]` attribute on `field` (a handler argument or a
/// response variant's field). A name that is not a string literal is an error that quotes what the
/// user wrote as a string: `#[header(X-Request-Id)]` -> write `#[header("X-Request-Id")]`.
pub fn header_name(attr: &syn::Attribute, field: &syn::Ident) -> syn::Result<syn::LitStr> {
    attr.parse_args::<syn::LitStr>().map_err(|_| {
        let fix =
            |name: &str| format!("write the header name as a string: `#[header(\"{name}\")]`");
        match &attr.meta {
            syn::Meta::List(list) if !list.tokens.is_empty() => {
                let written = list.tokens.to_string().replace(' ', "");
                let name = written.split(',').next().unwrap_or_default();
                syn::Error::new_spanned(&list.tokens, fix(name.trim_matches('"')))
            }
            // `#[header]`, `#[header()]`, `#[header = ...]`: the field's name as a header name.
            _ => syn::Error::new_spanned(attr, fix(&header_case(&field.to_string()))),
        }
    })
}

/// `request_id` -> `Request-Id`: how HTTP header names are usually written.
fn header_case(field: &str) -> String {
    field
        .trim_start_matches("r#")
        .trim_start_matches('_')
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_the_name_it_misspells() {
        assert_eq!(closest("ibsn", ["isbn", "authorId"]), Some("isbn"));
        assert_eq!(
            closest("autor_id", ["author_id", "isbn"]),
            Some("author_id")
        );
        assert_eq!(closest("order", ["orderId"]), Some("orderId"));
        // Too far to be a typo: no suggestion rather than a puzzling one.
        assert_eq!(closest("id", ["petId"]), None);
        assert_eq!(closest("owner", ["petId"]), None);
    }

    #[test]
    fn a_field_name_becomes_a_header_name() {
        assert_eq!(header_case("retry_after"), "Retry-After");
        assert_eq!(header_case("_etag"), "Etag");
        assert_eq!(header_case("r#location"), "Location");
    }
}
