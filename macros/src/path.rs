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

/// What is wrong with a path template. `Display` says how to write it instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    NoLeadingSlash,
    /// `//` inside the path, or a trailing `/`.
    EmptySegment {
        trailing: bool,
    },
    /// `<petId` without `>`.
    Unclosed {
        segment: String,
    },
    InvalidName {
        segment: String,
    },
    Duplicate {
        name: String,
    },
    GreedyNotLast {
        name: String,
    },
    /// `pet-<id>`: text and a parameter in one segment.
    Mixed {
        segment: String,
    },
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathError::NoLeadingSlash => write!(f, "does not start with `/`: add a leading `/`"),
            PathError::EmptySegment { trailing: true } => write!(
                f,
                "ends with `/`: remove the trailing `/` (API Gateway resources have none)"
            ),
            PathError::EmptySegment { trailing: false } => {
                write!(f, "has an empty segment (`//`): remove the doubled `/`")
            }
            PathError::Unclosed { segment } => {
                let name = segment.trim_start_matches('<');
                write!(
                    f,
                    "opens `<` without closing it in `{segment}`: write `<{name}>`"
                )
            }
            PathError::InvalidName { segment } => write!(
                f,
                "has `{segment}`, which is not a valid parameter: a name is letters, digits and `_`, not starting with a digit, e.g. `<petId>`"
            ),
            PathError::Duplicate { name } => write!(
                f,
                "declares the parameter `<{name}>` twice: give each parameter its own name, e.g. `<ownerId>` and `<petId>`"
            ),
            PathError::GreedyNotLast { name } => write!(
                f,
                "has the greedy parameter `<{name}..>` before other segments: API Gateway only matches `{{{name}+}}` as the last segment, so move it to the end or make it `<{name}>`"
            ),
            PathError::Mixed { segment } => write!(
                f,
                "mixes text and a parameter in the segment `{segment}`: a parameter is a whole segment, e.g. `/pets/<petId>`"
            ),
        }
    }
}

/// Parses a template into its OpenAPI form and parameters.
pub fn parse_template(template: &str) -> Result<PathTemplate, PathError> {
    let Some(body) = template.strip_prefix('/') else {
        return Err(PathError::NoLeadingSlash);
    };
    if body.is_empty() {
        return Ok(PathTemplate {
            openapi: "/".into(),
            params: vec![],
        });
    }
    let segments: Vec<&str> = body.split('/').collect();
    let mut openapi = String::new();
    let mut params: Vec<PathParam> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if segment.is_empty() {
            return Err(PathError::EmptySegment { trailing: last });
        }
        openapi.push('/');
        if let Some(inner) = segment.strip_prefix('<') {
            let Some(inner) = inner.strip_suffix('>') else {
                if segment.contains('>') {
                    return Err(PathError::Mixed {
                        segment: segment.to_string(),
                    });
                }
                return Err(PathError::Unclosed {
                    segment: segment.to_string(),
                });
            };
            let (name, greedy) = match inner.strip_suffix("..") {
                Some(name) => (name, true),
                None => (inner, false),
            };
            if name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || name.starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(PathError::InvalidName {
                    segment: segment.to_string(),
                });
            }
            if params.iter().any(|p| p.name == name) {
                return Err(PathError::Duplicate {
                    name: name.to_string(),
                });
            }
            if greedy && !last {
                return Err(PathError::GreedyNotLast {
                    name: name.to_string(),
                });
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
            return Err(PathError::Mixed {
                segment: segment.to_string(),
            });
        } else {
            openapi.push_str(segment);
        }
    }
    Ok(PathTemplate { openapi, params })
}

/// [`parse_template`], reported on the path literal and naming the operation.
pub fn parse(template: &str, span: Span, op_name: &str) -> syn::Result<PathTemplate> {
    parse_template(template).map_err(|e| {
        syn::Error::new(
            span,
            format!("the path `{template}` of operation `{op_name}` {e}"),
        )
    })
}

/// `petId` -> `pet_id`, `petID` -> `pet_id`: how a path parameter finds its handler argument.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary {
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
    for c in name.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if out.is_empty() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn err(t: &str) -> PathError {
        match parse_template(t) {
            Ok(p) => panic!("`{t}` parsed as `{}`", p.openapi),
            Err(e) => e,
        }
    }

    #[test]
    fn plain_and_parameter_paths_become_openapi_paths() {
        let p = parse_template("/pets/<petId>/toys").unwrap();
        assert_eq!(p.openapi, "/pets/{petId}/toys");
        assert_eq!(p.params.len(), 1);
        assert_eq!(p.params[0].name, "petId");
        assert!(!p.params[0].greedy);
        assert_eq!(parse_template("/").unwrap().openapi, "/");
        assert!(parse_template("/").unwrap().params.is_empty());
        assert_eq!(parse_template("/health").unwrap().openapi, "/health");
        let p = parse_template("/owners/<owner_id>/pets/<petId>").unwrap();
        assert_eq!(p.openapi, "/owners/{owner_id}/pets/{petId}");
        assert_eq!(p.names(), "`owner_id`, `petId`");
        assert!(p.has("owner_id") && p.has("petId") && !p.has("id"));
    }

    #[test]
    fn greedy_parameter_becomes_plus() {
        let p = parse_template("/files/<rest..>").unwrap();
        assert_eq!(p.openapi, "/files/{rest+}");
        assert_eq!(p.params[0].name, "rest");
        assert!(p.params[0].greedy);
        assert_eq!(parse_template("/<proxy..>").unwrap().openapi, "/{proxy+}");
    }

    #[test]
    fn every_malformed_kind_is_named() {
        assert_eq!(err("pets"), PathError::NoLeadingSlash);
        assert_eq!(err(""), PathError::NoLeadingSlash);
        assert_eq!(
            err("/pets//toys"),
            PathError::EmptySegment { trailing: false }
        );
        assert_eq!(err("//pets"), PathError::EmptySegment { trailing: false });
        assert_eq!(err("/pets/"), PathError::EmptySegment { trailing: true });
        assert_eq!(
            err("/pets/<petId"),
            PathError::Unclosed {
                segment: "<petId".into()
            }
        );
        assert_eq!(
            err("/pets/<>"),
            PathError::InvalidName {
                segment: "<>".into()
            }
        );
        assert_eq!(
            err("/pets/<1st>"),
            PathError::InvalidName {
                segment: "<1st>".into()
            }
        );
        assert_eq!(
            err("/pets/<pet-id>"),
            PathError::InvalidName {
                segment: "<pet-id>".into()
            }
        );
        assert_eq!(
            err("/pets/<..>"),
            PathError::InvalidName {
                segment: "<..>".into()
            }
        );
        assert_eq!(
            err("/owners/<id>/pets/<id>"),
            PathError::Duplicate { name: "id".into() }
        );
        assert_eq!(
            err("/a/<id..>/b/<id>"),
            PathError::GreedyNotLast { name: "id".into() }
        );
        assert_eq!(
            err("/files/<rest..>/meta"),
            PathError::GreedyNotLast {
                name: "rest".into()
            }
        );
        assert_eq!(
            err("/pets/pet-<id>"),
            PathError::Mixed {
                segment: "pet-<id>".into()
            }
        );
        assert_eq!(
            err("/pets/<id>.json"),
            PathError::Mixed {
                segment: "<id>.json".into()
            }
        );
        assert_eq!(
            err("/pets/{petId}"),
            PathError::Mixed {
                segment: "{petId}".into()
            }
        );
    }

    #[test]
    fn messages_say_how_to_fix() {
        let m = |t: &str| err(t).to_string();
        assert!(m("pets").contains("add a leading `/`"));
        assert!(m("/pets/").contains("remove the trailing `/`"));
        assert!(m("/pets//toys").contains("remove the doubled `/`"));
        assert!(m("/pets/<petId").contains("write `<petId>`"));
        assert!(m("/a/<id>/<id>").contains("`<id>` twice"));
        assert!(m("/f/<rest..>/x").contains("move it to the end or make it `<rest>`"));
        let e = parse("/pets//toys", Span::call_site(), "get_toys").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the path `/pets//toys` of operation `get_toys` has an empty segment (`//`): remove the doubled `/`"
        );
    }

    #[test]
    fn snake_case_binds_parameters_to_arguments() {
        assert_eq!(snake_case("petId"), "pet_id");
        assert_eq!(snake_case("pet_id"), "pet_id");
        assert_eq!(snake_case("id"), "id");
        assert_eq!(snake_case("petID"), "pet_id");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("userId2"), "user_id2");
        assert_eq!(snake_case("v2Id"), "v2_id");
        assert_eq!(snake_case("PetId"), "pet_id");
        assert_eq!(snake_case("pet-id"), "pet_id");
    }

    #[test]
    fn lower_camel_makes_operation_ids() {
        assert_eq!(lower_camel("get_pet"), "getPet");
        assert_eq!(lower_camel("list_all_pets"), "listAllPets");
        assert_eq!(lower_camel("DeletePet"), "deletePet");
        assert_eq!(lower_camel("HealthCheck"), "healthCheck");
        assert_eq!(lower_camel("health"), "health");
        assert_eq!(lower_camel("get_pet_v2"), "getPetV2");
        assert_eq!(lower_camel("_private_op"), "privateOp");
    }
}
