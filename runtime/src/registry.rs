//! The registry: every operation `inventory` collected, validated once at start-up (synth,
//! Lambda, tests) for what the compiler cannot see across items. Sorted by (path, method), so
//! everything rendered from it is deterministic.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::{OperationDescriptor, SourceLocation};

/// One inconsistency between operations, naming the source of each record involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// The binary links no operation.
    #[error(
        "no operations are registered: the binary does not link the crate that declares them. Declare them in the binary's crate, or name the API crate from the binary (`use my_api as _;`)"
    )]
    Empty,
    #[error("{}", duplicate_route(self))]
    /// Two operations with one route (method and path, parameter names aside).
    DuplicateRoute {
        /// `GET /pets/{id}`: the first operation's route key.
        route: String,
        /// The second operation's route key: differs from `route` only in parameter names.
        other_route: String,
        /// The first operation.
        first: &'static str,
        /// Where it is declared.
        first_at: SourceLocation,
        /// The second operation.
        second: &'static str,
        /// Where it is declared.
        second_at: SourceLocation,
    },
    #[error(
        "operation id `{id}` is used twice: by `{first}` ({first_at}) and by `{second}` ({second_at}). Give one of them `id = \"...\"`"
    )]
    /// Two operations with one `operationId`.
    DuplicateId {
        /// The id.
        id: &'static str,
        /// The first operation.
        first: &'static str,
        /// Where it is declared.
        first_at: SourceLocation,
        /// The second operation.
        second: &'static str,
        /// Where it is declared.
        second_at: SourceLocation,
    },
    #[error(
        "`{first}` ({first_at}) and `{second}` ({second_at}) put different path variables at one position, `{{{first_param}}}` and `{{{second_param}}}`: API Gateway allows one variable per position under a resource, so write the same one in both paths"
    )]
    /// Two paths with different variables at one position under one resource.
    ConflictingParameter {
        /// The first operation.
        first: &'static str,
        /// Where it is declared.
        first_at: SourceLocation,
        /// Its variable at that position.
        first_param: String,
        /// The second operation.
        second: &'static str,
        /// Where it is declared.
        second_at: SourceLocation,
        /// Its variable at that position.
        second_param: String,
    },
    #[error(
        "operation `{operation}` ({at}): its integration answers status {status}, which its responses do not declare. Add a `#[status({status})]` variant, or change the integration"
    )]
    /// An integration answers a status the operation's responses do not declare.
    UndeclaredStatus {
        /// The operation.
        operation: &'static str,
        /// Where it is declared.
        at: SourceLocation,
        /// The undeclared status.
        status: u16,
    },
}

/// Same route key: "declared twice"; same shape with other parameter names: say why they clash.
fn duplicate_route(e: &RegistryError) -> String {
    let RegistryError::DuplicateRoute {
        route,
        other_route,
        first,
        first_at,
        second,
        second_at,
    } = e
    else {
        return String::new();
    };
    if route == other_route {
        format!(
            "route `{route}` is declared twice: by `{first}` ({first_at}) and by `{second}` ({second_at}). Change the method or path of one of them"
        )
    } else {
        format!(
            "`{route}` (`{first}`, {first_at}) and `{other_route}` (`{second}`, {second_at}) are the same route: API Gateway matches paths by position, not by parameter name. Change the method or path of one of them"
        )
    }
}

/// Two path variables at one position under one resource (`{petId}` and `{id}` after `/pets`),
/// whichever operation wrote which.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct VariableClash {
    prefix: String,
    position: usize,
    names: (String, String),
}

impl VariableClash {
    fn new(prefix: &str, position: usize, a: &str, b: &str) -> VariableClash {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        VariableClash {
            prefix: prefix.to_string(),
            position,
            names: (a.to_string(), b.to_string()),
        }
    }
}

/// The clashes between two paths of one shape (a duplicate route): the positions where they name
/// their variables differently.
fn variable_clashes(a: &str, b: &str) -> Vec<VariableClash> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    a.iter()
        .zip(&b)
        .enumerate()
        .filter_map(|(i, (x, y))| match (path_variable(x), path_variable(y)) {
            (Some(x), Some(y)) if x != y => Some(VariableClash::new(
                &crate::spec::path::shape(&a[..i].join("/")),
                i,
                x,
                y,
            )),
            _ => None,
        })
        .collect()
}

/// `petId` for the segment `{petId}`.
fn path_variable(segment: &str) -> Option<&str> {
    segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
}

/// All the problems found, one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryErrors(pub Vec<RegistryError>);

impl fmt::Display for RegistryErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "the API declaration has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            write!(f, "\n  - {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RegistryErrors {}

/// The validated set of operations.
#[derive(Debug, Clone)]
pub struct Registry {
    operations: Vec<&'static OperationDescriptor>,
}

impl Registry {
    /// Everything registered with `#[operation]` in the crates this binary links.
    pub fn collect() -> Result<Registry, RegistryErrors> {
        Registry::new(inventory::iter::<OperationDescriptor>.into_iter().collect())
    }

    /// A registry of an explicit set of operations (tests, benchmarks).
    pub fn new(
        mut operations: Vec<&'static OperationDescriptor>,
    ) -> Result<Registry, RegistryErrors> {
        operations.sort_by(|a, b| (a.path, a.method, a.id).cmp(&(b.path, b.method, b.id)));
        let mut errors = Vec::new();
        if operations.is_empty() {
            errors.push(RegistryError::Empty);
        }
        let mut routes: HashMap<(crate::spec::Method, String), &OperationDescriptor> =
            HashMap::new();
        let mut ids: HashMap<&str, &OperationDescriptor> = HashMap::new();
        // Path variables at one position whose clash is already reported: by a duplicate route
        // (`/pets/{id}` and `/pets/{petId}`), or by an earlier conflict. One mistake, one error,
        // however many operations share the clashing resource.
        let mut reported: HashSet<VariableClash> = HashSet::new();
        for op in &operations {
            let shape = crate::spec::path::shape(op.path);
            // The first declaration stays the reference for any later duplicate.
            if let Some(first) = routes.get(&(op.method, shape.clone())) {
                reported.extend(variable_clashes(first.path, op.path));
                errors.push(RegistryError::DuplicateRoute {
                    route: first.route_key(),
                    other_route: op.route_key(),
                    first: first.name,
                    first_at: first.source,
                    second: op.name,
                    second_at: op.source,
                });
            } else {
                routes.insert((op.method, shape.clone()), op);
            }
            if let Some(first) = ids.get(op.id) {
                errors.push(RegistryError::DuplicateId {
                    id: op.id,
                    first: first.name,
                    first_at: first.source,
                    second: op.name,
                    second_at: op.source,
                });
            } else {
                ids.insert(op.id, op);
            }
        }
        let mut params: HashMap<(String, usize), (&OperationDescriptor, String)> = HashMap::new();
        for op in &operations {
            let segments: Vec<&str> = op.path.split('/').collect();
            for (i, seg) in segments.iter().enumerate() {
                let Some(name) = path_variable(seg) else {
                    continue;
                };
                let prefix = crate::spec::path::shape(&segments[..i].join("/"));
                match params.get(&(prefix.clone(), i)) {
                    // `{rest}` and `{rest+}` are two variable siblings too.
                    Some((first, first_name))
                        if first_name != name
                            && reported
                                .insert(VariableClash::new(&prefix, i, first_name, name)) =>
                    {
                        errors.push(RegistryError::ConflictingParameter {
                            first: first.name,
                            first_at: first.source,
                            first_param: first_name.clone(),
                            second: op.name,
                            second_at: op.source,
                            second_param: name.to_string(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        params.insert((prefix, i), (op, name.to_string()));
                    }
                }
            }
        }
        // The built-in attributes check integration statuses at compile time; this catches an
        // integration built by hand. It runs on every cold start, so it reads the statuses from
        // the declarations (no rendering, no schema generation); an integration that only knows
        // its statuses once rendered (a custom one) is checked by synth.
        for op in &operations {
            let Some(answers) = op.integration().answers() else {
                continue;
            };
            for status in answers {
                if !op.declares(status.get()) {
                    errors.push(RegistryError::UndeclaredStatus {
                        operation: op.name,
                        at: op.source,
                        status: status.get(),
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(Registry { operations })
        } else {
            Err(RegistryErrors(errors))
        }
    }

    /// Operations sorted by (path, method).
    pub fn operations(&self) -> &[&'static OperationDescriptor] {
        &self.operations
    }
}
