//! Error accumulation: report every mistake of one invocation at its own span, and still emit the
//! user's item so one mistake does not cascade into "cannot find" errors elsewhere.

use proc_macro2::TokenStream;
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

    pub fn push_result<T>(&mut self, r: syn::Result<T>) -> Option<T> {
        r.map_err(|e| self.push(e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The item first (so the rest of the crate still resolves it), then the errors.
    pub fn emit_with(self, item: impl ToTokens) -> TokenStream {
        let mut out = item.into_token_stream();
        if let Some(e) = self.0 {
            out.extend(e.to_compile_error());
        }
        out
    }
}

/// Doc comments of an item: `(summary, description)` = first line, rest after a blank line.
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

pub fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote::quote!(::core::option::Option::Some(#s)),
        None => quote::quote!(::core::option::Option::None),
    }
}
