//! `#[derive(ApiResponses)]` checked: an enum, one variant per response, each with one status in
//! range and declared once, and fields that are one body and any number of `#[header]`s.

use apigw_spec::StatusCode;
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, LitInt, LitStr};

use crate::diag::{self, Errors, option_inner};

/// A `#[header("Name")]` field.
pub struct Header {
    pub name: LitStr,
    pub field: Ident,
    /// `T` of `T` or `Option<T>`.
    pub inner: syn::Type,
    pub optional: bool,
}

/// What a variant carries.
pub enum Fields {
    Unit,
    /// `Variant(Body)`.
    Body(syn::Type),
    /// `Variant { body: T, #[header("X")] x: H }`.
    Named {
        body: Option<(Ident, syn::Type)>,
        headers: Vec<Header>,
    },
}

/// One response.
pub struct Variant {
    pub ident: Ident,
    pub status: StatusCode,
    /// The `#[status(N)]` literal: `DeclaresStatus<N>` is spanned on it.
    pub status_lit: LitInt,
    pub description: Option<String>,
    pub fields: Fields,
}

/// The checked enum: its variants (those that are valid; errors for the rest are pushed).
pub struct ApiResponses {
    pub ident: Ident,
    pub variants: Vec<Variant>,
    pub generic: bool,
}

pub fn check(input: &DeriveInput, errors: &mut Errors) -> Option<ApiResponses> {
    let ident = &input.ident;
    let syn::Data::Enum(data) = &input.data else {
        errors.at(
            ident.span(),
            format!("`ApiResponses` derives on an enum with one variant per response, e.g. `enum {ident} {{ #[status(200)] Ok(Json<T>) }}`"),
        );
        return None;
    };
    let generic = !input.generics.params.is_empty();
    if generic {
        errors.at(
            input.generics.span(),
            "`ApiResponses` types cannot be generic: the operation model needs one concrete type",
        );
    }
    if data.variants.is_empty() {
        errors.at(
            ident.span(),
            format!(
                "`{ident}` declares no response: add a variant such as `#[status(200)] Ok(Json<T>)`"
            ),
        );
    }
    let mut variants: Vec<Variant> = Vec::new();
    for v in &data.variants {
        if let Some(checked) = variant(ident, v, &variants, errors) {
            variants.push(checked);
        }
    }
    Some(ApiResponses {
        ident: ident.clone(),
        variants,
        generic,
    })
}

fn variant(
    enum_ident: &Ident,
    v: &syn::Variant,
    seen: &[Variant],
    errors: &mut Errors,
) -> Option<Variant> {
    let vname = &v.ident;
    let status_attrs: Vec<_> = v
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("status"))
        .collect();
    let Some(status_attr) = status_attrs.first() else {
        errors.at(
            vname.span(),
            format!(
                "variant `{vname}` of `{enum_ident}` has no status: add its HTTP status code above it, e.g. `#[status({})]`",
                guess_status(&vname.to_string())
            ),
        );
        return None;
    };
    if let Some(extra) = status_attrs.get(1) {
        errors.at(
            extra.span(),
            format!("variant `{vname}` has two `#[status]`: a variant is exactly one response"),
        );
    }
    let lit = errors.ok(status_attr.parse_args::<LitInt>().map_err(|e| {
        syn::Error::new(e.span(), "write the status as a number: `#[status(404)]`")
    }))?;
    let status = errors.ok(crate::check::common::status(&lit))?;
    if let Some(other) = seen.iter().find(|s| s.status == status) {
        errors.at(
            lit.span(),
            format!(
                "status {status} is declared twice in `{enum_ident}` (also by variant `{}`): an operation has one response per status, so merge the two variants",
                other.ident
            ),
        );
        return None;
    }
    let fields = match &v.fields {
        syn::Fields::Unit => Fields::Unit,
        syn::Fields::Unnamed(u) => {
            if u.unnamed.len() != 1 {
                errors.at(u.span(), format!("variant `{vname}` holds more than a body: use `{vname}(Json<T>)`, or named fields with `#[header(\"Name\")]` for headers"));
                return None;
            }
            Fields::Body(u.unnamed[0].ty.clone())
        }
        syn::Fields::Named(n) => {
            let mut body = None;
            let mut headers = Vec::new();
            for f in &n.named {
                let Some(fid) = f.ident.clone() else { continue };
                match f.attrs.iter().find(|a| a.path().is_ident("header")) {
                    Some(h) => {
                        let Some(name) = errors.ok(diag::header_name(h, &fid)) else {
                            continue;
                        };
                        let optional = option_inner(&f.ty).is_some();
                        headers.push(Header {
                            name,
                            field: fid,
                            inner: option_inner(&f.ty).cloned().unwrap_or_else(|| f.ty.clone()),
                            optional,
                        });
                    }
                    None if body.is_some() => errors.at(
                        fid.span(),
                        format!("variant `{vname}` has two bodies: mark header fields with `#[header(\"Name\")]`"),
                    ),
                    None => body = Some((fid, f.ty.clone())),
                }
            }
            Fields::Named { body, headers }
        }
    };
    Some(Variant {
        ident: vname.clone(),
        status,
        status_lit: lit,
        description: diag::doc_text(&v.attrs),
        fields,
    })
}

/// A plausible status for a variant name, so the "no status" error suggests something that fits.
fn guess_status(variant: &str) -> u16 {
    match variant {
        "Ok" | "Found" | "Success" => 200,
        "Created" => 201,
        "Accepted" => 202,
        "NoContent" | "Deleted" => 204,
        "BadRequest" | "Invalid" => 400,
        "Unauthorized" => 401,
        "Forbidden" => 403,
        "NotFound" | "Missing" => 404,
        "Conflict" => 409,
        "Unprocessable" | "UnprocessableEntity" => 422,
        "TooManyRequests" => 429,
        "Internal" | "InternalError" | "InternalServerError" => 500,
        "Unavailable" | "ServiceUnavailable" => 503,
        _ => 200,
    }
}
