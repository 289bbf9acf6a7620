//! Deployment resolution: the CloudFormation intrinsics a rendered document holds (`{"Fn::Sub":
//! "...${PetsBucket}..."}` in integration uris, templates, credentials and connection ids)
//! replaced by the values a deployment gives them.
//!
//! [`resolve_document`] returns the document API Gateway would import once CloudFormation has
//! substituted the references: with no intrinsic left, it can be imported on its own (`aws
//! apigateway put-rest-api`, or the console). Every reference the bindings lack is reported in
//! one [`ResolveError`], each with where it occurs.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

/// Values for the names a document references: logical ids (`PetsBucket`), attributes
/// (`OrdersQueue.QueueName`, `GetPetIntegrationRole.Arn`), parameters (`PhotosBucketName`) and
/// the pseudo parameters (`AWS::Region`, ...), which default to a local deployment's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bindings {
    values: BTreeMap<String, String>,
}

/// The pseudo parameters of a local deployment (moto's default account and region).
pub const DEFAULT_PSEUDO_PARAMETERS: [(&str, &str); 6] = [
    ("AWS::Region", "us-east-1"),
    ("AWS::AccountId", "123456789012"),
    ("AWS::Partition", "aws"),
    ("AWS::URLSuffix", "amazonaws.com"),
    ("AWS::StackName", "apigw-local"),
    (
        "AWS::StackId",
        "arn:aws:cloudformation:us-east-1:123456789012:stack/apigw-local/00000000-0000-0000-0000-000000000000",
    ),
];

impl Default for Bindings {
    fn default() -> Self {
        Bindings::new()
    }
}

impl Bindings {
    /// The pseudo parameters ([`DEFAULT_PSEUDO_PARAMETERS`]) and nothing else.
    pub fn new() -> Bindings {
        Bindings {
            values: DEFAULT_PSEUDO_PARAMETERS
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// Binds a name: `PetsBucket` (what `Ref` and `${PetsBucket}` give), `OrdersQueue.QueueName`
    /// (`Fn::GetAtt` and `${OrdersQueue.QueueName}`), a parameter, or a pseudo parameter
    /// (`AWS::Region`) to override its default.
    pub fn bind(mut self, name: impl Into<String>, value: impl Into<String>) -> Bindings {
        self.insert(name, value);
        self
    }

    /// [`Bindings::bind`] on a mutable value.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.values.insert(name.into(), value.into());
    }

    /// The value bound to `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// `AWS::Region`.
    pub fn region(&self) -> &str {
        self.get("AWS::Region")
            .unwrap_or(DEFAULT_PSEUDO_PARAMETERS[0].1)
    }

    /// `AWS::AccountId`.
    pub fn account_id(&self) -> &str {
        self.get("AWS::AccountId")
            .unwrap_or(DEFAULT_PSEUDO_PARAMETERS[1].1)
    }
}

/// One reference the bindings lack, and where it occurs (a JSON pointer into the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub reference: String,
    pub at: String,
}

/// Why a document cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// References with no binding: bind each (`Bindings::bind("PetsBucket", "my-bucket")`).
    #[error(
        "{}; bind each to the value the deployment gives it",
        describe_unresolved(unresolved)
    )]
    Unresolved { unresolved: Vec<Unresolved> },
    /// An intrinsic written in a form CloudFormation rejects, or one this resolver does not
    /// evaluate.
    #[error("{at}: {problem}")]
    Malformed { at: String, problem: String },
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` at {}", self.reference, self.at)
    }
}

/// Each missing name once, with where it first occurs and how often: a function's ARN appears
/// in every operation it serves.
fn describe_unresolved(unresolved: &[Unresolved]) -> String {
    let mut names: Vec<(&str, &str, usize)> = Vec::new();
    for u in unresolved {
        match names.iter_mut().find(|(name, _, _)| *name == u.reference) {
            Some((_, _, count)) => *count += 1,
            None => names.push((&u.reference, &u.at, 1)),
        }
    }
    let listed: Vec<String> = names
        .iter()
        .map(|(name, at, count)| match count {
            1 => format!("`{name}` (at {at})"),
            n => format!("`{name}` (at {at} and {} more)", n - 1),
        })
        .collect();
    format!(
        "{} unresolved name{}: {}",
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        listed.join(", ")
    )
}

/// The document with every intrinsic replaced by its value: import-ready.
pub fn resolve_document(document: &Value, bindings: &Bindings) -> Result<Value, ResolveError> {
    let mut resolver = Resolver {
        bindings,
        unresolved: Vec::new(),
    };
    let resolved = resolver.value(document, &mut String::new())?;
    if resolver.unresolved.is_empty() {
        Ok(resolved)
    } else {
        let mut unresolved = resolver.unresolved;
        unresolved.dedup();
        Err(ResolveError::Unresolved { unresolved })
    }
}

/// Resolves one value (an intrinsic or plain JSON) found at `at` (a JSON pointer, for messages).
pub fn resolve_value(value: &Value, bindings: &Bindings, at: &str) -> Result<Value, ResolveError> {
    let mut resolver = Resolver {
        bindings,
        unresolved: Vec::new(),
    };
    let resolved = resolver.value(value, &mut at.to_string())?;
    if resolver.unresolved.is_empty() {
        Ok(resolved)
    } else {
        Err(ResolveError::Unresolved {
            unresolved: resolver.unresolved,
        })
    }
}

struct Resolver<'a> {
    bindings: &'a Bindings,
    unresolved: Vec<Unresolved>,
}

/// What an intrinsic evaluates to: text, or a list (`Fn::Split`).
enum Evaluated {
    Text(String),
    List(Vec<String>),
}

impl Evaluated {
    fn into_json(self) -> Value {
        match self {
            Evaluated::Text(t) => Value::String(t),
            Evaluated::List(l) => Value::Array(l.into_iter().map(Value::String).collect()),
        }
    }
}

/// The one key of an intrinsic function object (`Ref`, `Fn::Sub`, ...).
fn intrinsic(map: &Map<String, Value>) -> Option<(&str, &Value)> {
    if map.len() != 1 {
        return None;
    }
    let (key, value) = map.iter().next()?;
    (key == "Ref" || key.starts_with("Fn::")).then_some((key.as_str(), value))
}

/// A JSON pointer segment (`~` and `/` escaped).
fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

impl Resolver<'_> {
    fn value(&mut self, value: &Value, at: &mut String) -> Result<Value, ResolveError> {
        match value {
            Value::Object(map) => {
                if intrinsic(map).is_some() {
                    return Ok(self.evaluate(value, at)?.into_json());
                }
                let mut out = Map::with_capacity(map.len());
                for (key, item) in map {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&pointer_segment(key));
                    out.insert(key.clone(), self.value(item, at)?);
                    at.truncate(len);
                }
                Ok(Value::Object(out))
            }
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&i.to_string());
                    out.push(self.value(item, at)?);
                    at.truncate(len);
                }
                Ok(Value::Array(out))
            }
            other => Ok(other.clone()),
        }
    }

    /// Evaluates an intrinsic, or a plain string (as an argument of one).
    fn evaluate(&mut self, value: &Value, at: &str) -> Result<Evaluated, ResolveError> {
        let malformed = |problem: String| ResolveError::Malformed {
            at: at.to_string(),
            problem,
        };
        match value {
            Value::String(s) => return Ok(Evaluated::Text(s.clone())),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.text(item, at)?);
                }
                return Ok(Evaluated::List(out));
            }
            _ => {}
        }
        let Some((function, argument)) = value.as_object().and_then(intrinsic) else {
            return Err(malformed(format!(
                "expected text or an intrinsic function, found `{value}`"
            )));
        };
        match function {
            "Ref" => {
                let Value::String(name) = argument else {
                    return Err(malformed(format!(
                        "`Ref` takes a logical id or parameter name, found `{argument}`"
                    )));
                };
                Ok(Evaluated::Text(self.lookup(name, at)))
            }
            "Fn::GetAtt" => {
                let name = match argument {
                    Value::String(dotted) => dotted.clone(),
                    Value::Array(parts) if parts.len() == 2 => {
                        let resource = self.text(&parts[0], at)?;
                        let attribute = self.text(&parts[1], at)?;
                        format!("{resource}.{attribute}")
                    }
                    _ => {
                        return Err(malformed(format!(
                            "`Fn::GetAtt` takes [logicalId, attribute], found `{argument}`"
                        )));
                    }
                };
                Ok(Evaluated::Text(self.lookup(&name, at)))
            }
            "Fn::Sub" => {
                let (text, variables) = match argument {
                    Value::String(text) => (text.as_str(), Map::new()),
                    Value::Array(parts) if parts.len() == 2 => {
                        let Value::String(text) = &parts[0] else {
                            return Err(malformed(format!(
                                "`Fn::Sub` takes [text, {{variables}}]: the text is `{}`",
                                parts[0]
                            )));
                        };
                        let Value::Object(vars) = &parts[1] else {
                            return Err(malformed(format!(
                                "`Fn::Sub` takes [text, {{variables}}]: the variables are `{}`",
                                parts[1]
                            )));
                        };
                        let mut resolved = Map::new();
                        for (name, v) in vars {
                            resolved.insert(name.clone(), Value::String(self.text(v, at)?));
                        }
                        (text.as_str(), resolved)
                    }
                    _ => {
                        return Err(malformed(format!(
                            "`Fn::Sub` takes text or [text, {{variables}}], found `{argument}`"
                        )));
                    }
                };
                Ok(Evaluated::Text(self.substitute(text, &variables, at)?))
            }
            "Fn::Join" => {
                let Some([delimiter, Value::Array(items)]) = argument.as_array().map(Vec::as_slice)
                else {
                    return Err(malformed(format!(
                        "`Fn::Join` takes [delimiter, [values]], found `{argument}`"
                    )));
                };
                let delimiter = self.text(delimiter, at)?;
                let mut parts = Vec::with_capacity(items.len());
                for item in items {
                    match self.evaluate(item, at)? {
                        Evaluated::Text(t) => parts.push(t),
                        Evaluated::List(l) => parts.extend(l),
                    }
                }
                Ok(Evaluated::Text(parts.join(&delimiter)))
            }
            "Fn::Split" => {
                let Some([delimiter, source]) = argument.as_array().map(Vec::as_slice) else {
                    return Err(malformed(format!(
                        "`Fn::Split` takes [delimiter, text], found `{argument}`"
                    )));
                };
                let delimiter = self.text(delimiter, at)?;
                if delimiter.is_empty() {
                    return Err(malformed("`Fn::Split` needs a non-empty delimiter".into()));
                }
                let source = self.text(source, at)?;
                Ok(Evaluated::List(
                    source.split(delimiter.as_str()).map(String::from).collect(),
                ))
            }
            "Fn::Select" => {
                let Some([index, list]) = argument.as_array().map(Vec::as_slice) else {
                    return Err(malformed(format!(
                        "`Fn::Select` takes [index, [values]], found `{argument}`"
                    )));
                };
                let index = match index {
                    Value::Number(n) => n.as_u64(),
                    other => self.text(other, at)?.parse::<u64>().ok(),
                }
                .ok_or_else(|| {
                    malformed(format!(
                        "`Fn::Select` takes a non-negative index, found `{index}`"
                    ))
                })?;
                let items = match self.evaluate(list, at)? {
                    Evaluated::List(items) => items,
                    Evaluated::Text(t) => vec![t],
                };
                let len = items.len();
                let index = usize::try_from(index).unwrap_or(usize::MAX);
                items
                    .into_iter()
                    .nth(index)
                    .map(Evaluated::Text)
                    .ok_or_else(|| {
                        malformed(format!(
                            "`Fn::Select` index {index} is out of range for a list of {len}"
                        ))
                    })
            }
            other => Err(malformed(format!(
                "the intrinsic function `{other}` is not supported here (supported: Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::Split, Fn::Select)"
            ))),
        }
    }

    /// An argument that must evaluate to text.
    fn text(&mut self, value: &Value, at: &str) -> Result<String, ResolveError> {
        match value {
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            _ => match self.evaluate(value, at)? {
                Evaluated::Text(t) => Ok(t),
                Evaluated::List(_) => Err(ResolveError::Malformed {
                    at: at.to_string(),
                    problem: format!("expected text, found a list: `{value}`"),
                }),
            },
        }
    }

    /// The value of a name; an unbound one is recorded and evaluates to its reference text, so
    /// the whole document is checked before reporting.
    fn lookup(&mut self, name: &str, at: &str) -> String {
        match self.bindings.get(name) {
            Some(v) => v.to_string(),
            None => {
                let missing = Unresolved {
                    reference: name.to_string(),
                    at: at.to_string(),
                };
                if !self.unresolved.contains(&missing) {
                    self.unresolved.push(missing);
                }
                format!("${{{name}}}")
            }
        }
    }

    /// `Fn::Sub`'s text: `${Name}`, `${Name.Attr}`, `${AWS::Region}` replaced, `${!literal}`
    /// written as `${literal}`, anything else (including VTL's `$name` and `$!{name}`) kept.
    fn substitute(
        &mut self,
        text: &str,
        variables: &Map<String, Value>,
        at: &str,
    ) -> Result<String, ResolveError> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                return Err(ResolveError::Malformed {
                    at: at.to_string(),
                    problem: format!(
                        "`Fn::Sub` text has `${{` without a closing `}}`: `{}`",
                        &rest[start..]
                    ),
                });
            };
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else if let Some(Value::String(v)) = variables.get(name) {
                out.push_str(v);
            } else {
                let name = name.trim();
                out.push_str(&self.lookup(name, at));
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bindings() -> Bindings {
        Bindings::new()
            .bind("PetsBucket", "pets-bucket")
            .bind("OrdersQueue.QueueName", "orders")
            .bind(
                "ApiFunction.Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:api",
            )
    }

    #[test]
    fn sub_replaces_names_attributes_and_pseudo_parameters() {
        let doc = json!({"uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/${PetsBucket}/pets/{petId}.json"},
                         "q": {"Fn::Sub": "sqs:path/${AWS::AccountId}/${OrdersQueue.QueueName}"},
                         "u": {"Fn::Sub": "${AWS::URLSuffix}"}});
        let out = resolve_document(&doc, &bindings()).unwrap();
        assert_eq!(
            out,
            json!({"uri": "arn:aws:apigateway:us-east-1:s3:path/pets-bucket/pets/{petId}.json",
                   "q": "sqs:path/123456789012/orders", "u": "amazonaws.com"})
        );
    }

    #[test]
    fn literals_and_vtl_survive_sub() {
        let doc =
            json!({"Fn::Sub": "${!Literal} $input.path('$') $!{x} #set($a = \"${PetsBucket}\")"});
        let out = resolve_document(&doc, &bindings()).unwrap();
        assert_eq!(
            out,
            json!("${Literal} $input.path('$') $!{x} #set($a = \"pets-bucket\")")
        );
    }

    #[test]
    fn sub_list_form_uses_its_variables_first() {
        let doc =
            json!({"Fn::Sub": ["${A}-${PetsBucket}-${B}", {"A": "a", "B": {"Ref": "PetsBucket"}}]});
        assert_eq!(
            resolve_document(&doc, &bindings()).unwrap(),
            json!("a-pets-bucket-pets-bucket")
        );
    }

    #[test]
    fn select_split_ref_getatt_join() {
        let doc = json!([
            {"Fn::Select": [1, {"Fn::Split": [":", {"Fn::GetAtt": ["ApiFunction", "Arn"]}]}]},
            {"Ref": "AWS::Region"},
            {"Fn::Join": ["/", ["a", {"Ref": "PetsBucket"}]]},
            {"Fn::Select": ["0", ["x", "y"]]}
        ]);
        assert_eq!(
            resolve_document(&doc, &bindings()).unwrap(),
            json!(["aws", "us-east-1", "a/pets-bucket", "x"])
        );
    }

    #[test]
    fn every_unresolved_reference_is_named_with_its_place() {
        let doc = json!({"paths": {"/a": {"get": {"uri": {"Fn::Sub": "${Missing}/${PetsBucket}/${Other.Arn}"}}}},
                         "c": {"Ref": "Missing"}});
        let e = resolve_document(&doc, &bindings()).unwrap_err();
        let ResolveError::Unresolved { unresolved } = &e else {
            panic!("{e}")
        };
        assert_eq!(unresolved.len(), 3);
        assert_eq!(unresolved[0].reference, "Missing");
        assert_eq!(unresolved[0].at, "/paths/~1a/get/uri");
        let message = e.to_string();
        assert!(
            message.contains("`Other.Arn` (at /paths/~1a/get/uri)"),
            "{message}"
        );
        // Each name once: where it first occurs, and how many more places use it.
        assert!(
            message.starts_with("2 unresolved names: `Missing` (at /paths/~1a/get/uri and 1 more)"),
            "{message}"
        );
    }

    #[test]
    fn malformed_intrinsics_are_errors_not_panics() {
        for doc in [
            json!({"Fn::Sub": 3}),
            json!({"Fn::Sub": ["${A", {}]}),
            json!({"Fn::Select": [9, ["a"]]}),
            json!({"Fn::Select": [-1, ["a"]]}),
            json!({"Fn::Split": ["", "a"]}),
            json!({"Fn::ImportValue": "x"}),
            json!({"Ref": ["x"]}),
            json!({"Fn::GetAtt": 1}),
            json!({"Fn::Join": "x"}),
        ] {
            let e = resolve_document(&doc, &bindings()).unwrap_err();
            assert!(matches!(e, ResolveError::Malformed { .. }), "{doc}: {e}");
        }
    }

    #[test]
    fn pseudo_parameters_can_be_overridden() {
        let b = Bindings::new().bind("AWS::Region", "eu-west-1");
        assert_eq!(b.region(), "eu-west-1");
        assert_eq!(
            resolve_document(&json!({"Ref": "AWS::Region"}), &b).unwrap(),
            json!("eu-west-1")
        );
    }
}
