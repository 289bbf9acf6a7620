//! Path templates: `/pets/<petId>` and greedy `/files/<rest..>`, checked at compile time and
//! rewritten to the OpenAPI form (`/pets/{petId}`, `/files/{rest+}`) so the runtime never parses.

use proc_macro2::Span;

/// One `<name>` of a path template.
#[derive(Debug, Clone)]
pub struct PathParam {
    pub name: String,
    pub greedy: bool,
}

#[derive(Debug, Clone)]
pub struct PathTemplate {
    pub openapi: String,
    pub params: Vec<PathParam>,
}

impl PathTemplate {
    pub fn has(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.name == name)
    }

    pub fn names(&self) -> String {
        if self.params.is_empty() {
            return "none".into();
        }
        self.params
            .iter()
            .map(|p| format!("`{}`", p.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Parses a template; the error says exactly what is wrong and how to write it instead.
pub fn parse(template: &str, span: Span) -> syn::Result<PathTemplate> {
    let err = |msg: String| syn::Error::new(span, msg);
    if !template.starts_with('/') {
        return Err(err(format!(
            "path `{template}` must start with `/`: write `/{template}`"
        )));
    }
    if template == "/" {
        return Ok(PathTemplate {
            openapi: "/".into(),
            params: vec![],
        });
    }
    let body = &template[1..];
    let segments: Vec<&str> = body.split('/').collect();
    let mut openapi = String::new();
    let mut params: Vec<PathParam> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            let hint = if i + 1 == segments.len() {
                "remove the trailing `/` (API Gateway ignores it)".to_string()
            } else {
                "remove the doubled `/`".to_string()
            };
            return Err(err(format!(
                "path `{template}` has an empty segment: {hint}"
            )));
        }
        openapi.push('/');
        if let Some(inner) = segment.strip_prefix('<') {
            let Some(inner) = inner.strip_suffix('>') else {
                return Err(err(format!(
                    "path `{template}`: segment `{segment}` opens `<` without closing it: write `<name>` as a whole segment"
                )));
            };
            let (name, greedy) = match inner.strip_suffix("..") {
                Some(name) => (name, true),
                None => (inner, false),
            };
            if name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || name.starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(err(format!(
                    "path `{template}`: `{segment}` is not a valid parameter: names are letters, digits and `_`, e.g. `<petId>`"
                )));
            }
            if params.iter().any(|p| p.name == name) {
                return Err(err(format!(
                    "path `{template}` declares parameter `{name}` twice: give each parameter its own name"
                )));
            }
            if greedy && i + 1 != segments.len() {
                return Err(err(format!(
                    "path `{template}`: greedy parameter `<{name}..>` must be the last segment (API Gateway cannot route below `{{{name}+}}`)"
                )));
            }
            openapi.push('{');
            openapi.push_str(name);
            if greedy {
                openapi.push('+');
            }
            openapi.push('}');
            params.push(PathParam {
                name: name.to_string(),
                greedy,
            });
        } else if segment.contains(['<', '>', '{', '}']) {
            return Err(err(format!(
                "path `{template}`: segment `{segment}` mixes text and a parameter; a parameter is a whole segment, e.g. `/pets/<petId>`"
            )));
        } else {
            openapi.push_str(segment);
        }
    }
    Ok(PathTemplate { openapi, params })
}

/// `petId` -> `pet_id`: how a path parameter finds its handler argument.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '-' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

/// `get_pet` -> `getPet`, `DeletePet` -> `deletePet`: the default operation id.
pub fn lower_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for (i, c) in name.chars().enumerate() {
        if c == '_' {
            upper = true;
        } else if i == 0 {
            out.push(c.to_ascii_lowercase());
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
