//! Path templates as users write them (`/pets/<petId>`, greedy `/files/<rest..>`), checked and
//! rewritten to the form API Gateway and OpenAPI use (`/pets/{petId}`, `/files/{rest+}`); and the
//! questions the runtime asks of that form (parameters, route shape).

use crate::placeholder;

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

impl std::error::Error for PathError {}

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
            if !placeholder::is_name(name) || name.starts_with(|c: char| c.is_ascii_digit()) {
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

/// The parameters of a path in API Gateway's form, in order (`/files/{key+}` gives `key`, greedy).
pub fn params(resource_path: &str) -> impl Iterator<Item = PathParam> + '_ {
    resource_path.split('/').filter_map(|segment| {
        let inner = segment.strip_prefix('{')?.strip_suffix('}')?;
        Some(match inner.strip_suffix('+') {
            Some(name) => PathParam {
                name: name.to_string(),
                greedy: true,
            },
            None => PathParam {
                name: inner.to_string(),
                greedy: false,
            },
        })
    })
}

/// `/pets/{petId}` -> `/pets/{}`: two paths API Gateway routes identically (by position, not by
/// parameter name) have the same shape.
pub fn shape(resource_path: &str) -> String {
    resource_path
        .split('/')
        .map(|s| {
            if s.starts_with('{') {
                if s.ends_with("+}") { "{+}" } else { "{}" }
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
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
    }

    #[test]
    fn the_runtime_form_gives_parameters_and_shape() {
        let p: Vec<PathParam> = params("/owners/{ownerId}/files/{key+}").collect();
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].name.as_str(), p[0].greedy), ("ownerId", false));
        assert_eq!((p[1].name.as_str(), p[1].greedy), ("key", true));
        assert_eq!(
            shape("/owners/{ownerId}/files/{key+}"),
            "/owners/{}/files/{+}"
        );
        assert_eq!(shape("/owners/{id}"), shape("/owners/{ownerId}"));
    }
}
