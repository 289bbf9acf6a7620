//! Routing as REST API Gateway routes: a tree of resources built from OpenAPI paths; at each
//! level a literal segment is tried before a `{param}`, and a `{param}` before a greedy
//! `{param+}` (which matches one or more segments, never its parent); a branch that fails
//! further down falls back to the next kind. A trailing slash is ignored. The method is looked up
//! on the resource found, then `ANY`. Path parameters are percent-decoded, as API Gateway hands
//! them to integrations.
//!
//! One router for everything that routes like API Gateway: the gateway emulator and apigw's
//! in-process test client.

use std::collections::BTreeMap;

/// A resource tree whose methods carry a value of type `T` (an index, an operation).
#[derive(Debug, Clone)]
pub struct Router<T> {
    root: Node<T>,
}

impl<T> Default for Router<T> {
    fn default() -> Self {
        Router {
            root: Node::default(),
        }
    }
}

#[derive(Debug, Clone)]
struct Node<T> {
    literals: BTreeMap<String, Node<T>>,
    param: Option<(String, Box<Node<T>>)>,
    greedy: Option<(String, Box<Node<T>>)>,
    /// Declared methods (`GET`, ..., `ANY`) of this resource.
    methods: BTreeMap<String, T>,
    /// The resource path as written in the document (`/pets/{petId}`).
    path: String,
}

impl<T> Default for Node<T> {
    fn default() -> Self {
        Node {
            literals: BTreeMap::new(),
            param: None,
            greedy: None,
            methods: BTreeMap::new(),
            path: String::new(),
        }
    }
}

/// The resource a request path names, with its path parameters (decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched<T> {
    /// The resource path as declared: `/pets/{petId}`.
    pub resource_path: String,
    /// The path parameters in path order, percent-decoded.
    pub params: Vec<(String, String)>,
    /// Names of greedy parameters among `params`.
    pub greedy: Vec<String>,
    /// What the method slot carries.
    pub method: T,
}

/// Why a request has no method: API Gateway (REST) answers both with 403
/// `{"message":"Missing Authentication Token"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoRoute {
    /// No resource matches the path.
    NoResource,
    /// The resource exists but declares neither the method nor `ANY`.
    NoMethod,
}

/// A path API Gateway would refuse to create a resource for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("path `{path}`: {problem}")]
pub struct RouteError {
    /// The path as given.
    pub path: String,
    /// What is wrong with it, in API Gateway's terms.
    pub problem: String,
}

impl<T> Router<T> {
    /// Adds `method` (`GET`, `ANY`) on `path` (`/pets/{petId}`, `/files/{key+}`).
    pub fn add(&mut self, path: &str, method: &str, value: T) -> Result<(), RouteError> {
        let err = |problem: String| RouteError {
            path: path.to_string(),
            problem,
        };
        let Some(rest) = path.strip_prefix('/') else {
            return Err(err("does not start with `/`".into()));
        };
        let segments: Vec<&str> = if rest.is_empty() {
            vec![]
        } else {
            rest.trim_end_matches('/').split('/').collect()
        };
        let mut node = &mut self.root;
        let mut written = String::new();
        for (i, segment) in segments.iter().enumerate() {
            written.push('/');
            written.push_str(segment);
            if segment.is_empty() {
                return Err(err("has an empty segment (`//`)".into()));
            }
            let parameter = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
            node = match parameter {
                None => node.literals.entry(segment.to_string()).or_default(),
                Some(inner) => {
                    let (name, greedy) = match inner.strip_suffix('+') {
                        Some(n) => (n, true),
                        None => (inner, false),
                    };
                    if name.is_empty() {
                        return Err(err(format!("`{segment}` names no parameter")));
                    }
                    if greedy && i + 1 != segments.len() {
                        return Err(err(format!(
                            "cannot create a child of a resource with a greedy path variable: {segment}"
                        )));
                    }
                    let slot = if greedy {
                        &mut node.greedy
                    } else {
                        &mut node.param
                    };
                    match slot {
                        Some((existing, _)) if existing != name => {
                            return Err(err(format!(
                                "a sibling ({{{existing}}}) of this resource already has a variable path part: API Gateway allows one per level"
                            )));
                        }
                        Some((_, child)) => child,
                        None => &mut slot.insert((name.to_string(), Box::default())).1,
                    }
                }
            };
            if node.path.is_empty() {
                node.path = written.clone();
            }
        }
        if node.path.is_empty() {
            node.path = if written.is_empty() {
                "/".into()
            } else {
                written
            };
        }
        if node.methods.contains_key(method) {
            return Err(err(format!("declares {method} twice")));
        }
        node.methods.insert(method.to_string(), value);
        Ok(())
    }
}

impl<T: Clone> Router<T> {
    /// The resource and method for `method` on `path` (the request path after the stage,
    /// still percent-encoded).
    pub fn find(&self, path: &str, method: &str) -> Result<Matched<T>, NoRoute> {
        let trimmed = path.strip_prefix('/').unwrap_or(path);
        let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
        let segments: Vec<&str> = if trimmed.is_empty() {
            vec![]
        } else {
            trimmed.split('/').collect()
        };
        let mut params = Vec::new();
        let mut greedy = Vec::new();
        let node =
            descend(&self.root, &segments, &mut params, &mut greedy).ok_or(NoRoute::NoResource)?;
        let value = node
            .methods
            .get(method)
            .or_else(|| node.methods.get("ANY"))
            .cloned()
            .ok_or(if node.methods.is_empty() {
                NoRoute::NoResource
            } else {
                NoRoute::NoMethod
            })?;
        Ok(Matched {
            resource_path: node.path.clone(),
            params,
            greedy,
            method: value,
        })
    }
}

/// The most specific resource matching `segments` that declares methods.
fn descend<'a, T>(
    node: &'a Node<T>,
    segments: &[&str],
    params: &mut Vec<(String, String)>,
    greedy: &mut Vec<String>,
) -> Option<&'a Node<T>> {
    let Some((first, rest)) = segments.split_first() else {
        return (!node.methods.is_empty()).then_some(node);
    };
    if let Some(child) = node.literals.get(&decode(first))
        && let Some(found) = descend(child, rest, params, greedy)
    {
        return Some(found);
    }
    if let Some((name, child)) = &node.param
        && !first.is_empty()
    {
        let len = params.len();
        params.push((name.clone(), decode(first)));
        if let Some(found) = descend(child, rest, params, greedy) {
            return Some(found);
        }
        params.truncate(len);
    }
    if let Some((name, child)) = &node.greedy
        && !child.methods.is_empty()
    {
        let value = segments
            .iter()
            .map(|s| decode(s))
            .collect::<Vec<_>>()
            .join("/");
        params.push((name.clone(), value));
        greedy.push(name.clone());
        return Some(child);
    }
    None
}

/// A path or path segment as API Gateway hands it to integrations (the Lambda proxy event's
/// `path`, path parameters): percent-decoded.
pub fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn router(routes: &[(&str, &str)]) -> Router<usize> {
        let mut r = Router::default();
        for (i, (path, method)) in routes.iter().enumerate() {
            r.add(path, method, i).unwrap();
        }
        r
    }

    #[test]
    fn literal_before_parameter_before_greedy() {
        let r = router(&[
            ("/pets/mine", "GET"),
            ("/pets/{petId}", "GET"),
            ("/pets/{proxy+}", "ANY"),
        ]);
        assert_eq!(r.find("/pets/mine", "GET").unwrap().method, 0);
        let m = r.find("/pets/7", "GET").unwrap();
        assert_eq!(
            (m.method, m.params.clone()),
            (1, vec![("petId".into(), "7".into())])
        );
        let m = r.find("/pets/7/photos/a.png", "GET").unwrap();
        assert_eq!(m.method, 2);
        assert_eq!(m.params, vec![("proxy".into(), "7/photos/a.png".into())]);
        assert_eq!(m.greedy, vec!["proxy".to_string()]);
        // The parameter resource has no POST and a more specific resource wins before the
        // method is considered.
        assert_eq!(r.find("/pets/7", "POST"), Err(NoRoute::NoMethod));
    }

    #[test]
    fn a_failed_literal_branch_falls_back_to_the_parameter() {
        let r = router(&[("/a/b/c", "GET"), ("/a/{x}/d", "GET")]);
        let m = r.find("/a/b/d", "GET").unwrap();
        assert_eq!((m.method, m.params), (1, vec![("x".into(), "b".into())]));
    }

    #[test]
    fn greedy_does_not_match_its_parent() {
        let r = router(&[("/files/{key+}", "GET")]);
        assert_eq!(r.find("/files", "GET"), Err(NoRoute::NoResource));
        assert_eq!(r.find("/files/", "GET"), Err(NoRoute::NoResource));
        assert_eq!(r.find("/files/a", "GET").unwrap().params[0].1, "a");
    }

    #[test]
    fn any_is_the_fallback_and_trailing_slash_is_ignored() {
        let r = router(&[("/pets", "GET"), ("/pets", "ANY"), ("/", "GET")]);
        assert_eq!(r.find("/pets/", "GET").unwrap().method, 0);
        assert_eq!(r.find("/pets", "DELETE").unwrap().method, 1);
        assert_eq!(r.find("/", "GET").unwrap().resource_path, "/");
        assert_eq!(r.find("", "GET").unwrap().method, 2);
        assert_eq!(r.find("/nope", "GET"), Err(NoRoute::NoResource));
    }

    #[test]
    fn intermediate_resources_without_methods_are_not_routes() {
        let r = router(&[("/pets/{petId}", "GET")]);
        assert_eq!(r.find("/pets", "GET"), Err(NoRoute::NoResource));
        assert_eq!(r.find("/pets//x", "GET"), Err(NoRoute::NoResource));
    }

    #[test]
    fn parameters_are_decoded() {
        let r = router(&[("/pets/{petId}", "GET"), ("/f/{k+}", "GET")]);
        assert_eq!(r.find("/pets/a%20b", "GET").unwrap().params[0].1, "a b");
        assert_eq!(r.find("/f/a%2Fb/c", "GET").unwrap().params[0].1, "a/b/c");
    }

    #[test]
    fn shapes_api_gateway_rejects() {
        let mut r = Router::default();
        r.add("/a/{x}", "GET", 0).unwrap();
        assert!(
            r.add("/a/{y}/b", "GET", 1)
                .unwrap_err()
                .to_string()
                .contains("sibling")
        );
        assert!(
            r.add("/f/{k+}/x", "GET", 2)
                .unwrap_err()
                .to_string()
                .contains("greedy")
        );
        assert!(
            r.add("/a/{x}", "GET", 3)
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        assert!(r.add("pets", "GET", 4).is_err());
    }
}
