//! `{name}` placeholders: in OpenAPI paths (`/pets/{petId}`, greedy `/files/{key+}`), S3 object
//! keys, HTTP integration URLs and AWS integration paths. API Gateway fills each from
//! `integration.request.path.name`. `${...}` is not a placeholder: it is a CloudFormation or
//! stage-variable reference, left alone.
//!
//! One scanner for all of them, so a key, a URL and a path agree on what a placeholder is. The
//! operation-path syntax (`<name>`, `<name..>`) is refused here, for every template at once: API
//! Gateway would take it literally (every request would name the one object `covers/<isbn>.jpg`).

/// One `{name}` (or greedy `{name+}`) of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub name: &'a str,
    pub greedy: bool,
}

/// A malformed brace. [`PlaceholderError::message`] says how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceholderError {
    /// `}` with no `{` before it.
    UnmatchedClose,
    /// `{` never closed.
    Unclosed,
    /// `{...}` whose inside is not a name (letters, digits, `_`).
    InvalidName { inner: String },
    /// `<name>` or `<name..>`: how an operation's path writes a parameter, not a placeholder.
    AngleBrackets { name: String, greedy: bool },
}

impl PlaceholderError {
    /// The message for `template`, which the user knows as `what` (`S3 path`, `URL`).
    pub fn message(&self, what: &str, template: &str) -> String {
        match self {
            PlaceholderError::UnmatchedClose => format!(
                "{what} `{template}` has a `}}` without `{{`: placeholders are written `{{name}}`"
            ),
            PlaceholderError::Unclosed => {
                format!("{what} `{template}` opens `{{` without closing it: write `{{name}}`")
            }
            PlaceholderError::InvalidName { inner } => format!(
                "{what} `{template}`: `{{{inner}}}` is not a valid placeholder: names are letters, digits and `_`"
            ),
            PlaceholderError::AngleBrackets { name, greedy } => {
                let written = if *greedy {
                    format!("<{name}..>")
                } else {
                    format!("<{name}>")
                };
                format!(
                    "{what} `{template}`: `{written}` is how an operation's path names a parameter; API Gateway would send it literally. In an integration, write `{{{name}}}`"
                )
            }
        }
    }
}

/// Whether `name` can be a placeholder (and a path parameter): letters, digits and `_`.
pub fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The first `<name>` or `<name..>` of `template` whose name could be a parameter's.
fn angle_bracket_parameter(template: &str) -> Option<PlaceholderError> {
    let mut rest = template;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('>') {
            let inner = &after[..close];
            let (name, greedy) = match inner.strip_suffix("..") {
                Some(n) => (n, true),
                None => (inner, false),
            };
            if is_name(name) {
                return Some(PlaceholderError::AngleBrackets {
                    name: name.to_string(),
                    greedy,
                });
            }
        }
        rest = after;
    }
    None
}

/// Every placeholder of `template` in order (a repeated one each time), or the first malformed
/// brace (or operation-path parameter).
pub fn scan(template: &str) -> Result<Vec<Placeholder<'_>>, PlaceholderError> {
    if let Some(e) = angle_bracket_parameter(template) {
        return Err(e);
    }
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err(PlaceholderError::UnmatchedClose);
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(PlaceholderError::Unclosed);
        };
        let is_reference = open > 0 && rest.as_bytes()[open - 1] == b'$';
        if !is_reference {
            let inner = &after[..close];
            let (name, greedy) = match inner.strip_suffix('+') {
                Some(n) => (n, true),
                None => (inner, false),
            };
            if !is_name(name) {
                return Err(PlaceholderError::InvalidName {
                    inner: inner.to_string(),
                });
            }
            out.push(Placeholder { name, greedy });
        }
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// The distinct placeholder names of `template`, in order of first appearance (`{key+}` gives
/// `key`). Malformed braces end the scan: the macros reject them at compile time.
pub fn names(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let is_reference = open > 0 && rest.as_bytes()[open - 1] == b'$';
        let name = after[..close].trim_end_matches('+');
        if !is_reference && !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

/// The template with each placeholder replaced by `*` (an IAM resource pattern): `my-pets/{petId}`
/// -> `my-pets/*`. `${...}` references stay.
pub fn wildcard(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let is_reference = open > 0 && rest.as_bytes()[open - 1] == b'$';
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        if is_reference {
            out.push_str(&rest[open..open + close + 1]);
        } else {
            out.push('*');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_not_placeholders() {
        assert_eq!(
            names("${AWS::Region}/a/{petId}/{rest+}/{petId}"),
            vec!["petId", "rest"]
        );
        let all = scan("https://${stageVariables.host}/pets/{petId}/{rest+}").unwrap();
        assert_eq!(
            all,
            vec![
                Placeholder {
                    name: "petId",
                    greedy: false
                },
                Placeholder {
                    name: "rest",
                    greedy: true
                }
            ]
        );
    }

    #[test]
    fn malformed_braces_say_how_to_write_them() {
        let e = scan("owners/{ownerId").unwrap_err();
        assert_eq!(
            e.message("S3 path", "owners/{ownerId"),
            "S3 path `owners/{ownerId` opens `{` without closing it: write `{name}`"
        );
        assert_eq!(scan("a}b"), Err(PlaceholderError::UnmatchedClose));
        assert_eq!(
            scan("a/{pet-id}"),
            Err(PlaceholderError::InvalidName {
                inner: "pet-id".into()
            })
        );
        assert_eq!(
            scan("a/{}"),
            Err(PlaceholderError::InvalidName { inner: "".into() })
        );
    }

    #[test]
    fn operation_path_syntax_says_how_to_write_a_placeholder() {
        let e = scan("covers/<isbn>.jpg").unwrap_err();
        assert_eq!(
            e,
            PlaceholderError::AngleBrackets {
                name: "isbn".into(),
                greedy: false
            }
        );
        assert_eq!(
            e.message("S3 path", "covers/<isbn>.jpg"),
            "S3 path `covers/<isbn>.jpg`: `<isbn>` is how an operation's path names a parameter; API Gateway would send it literally. In an integration, write `{isbn}`"
        );
        assert_eq!(
            scan("https://x/files/<rest..>").unwrap_err(),
            PlaceholderError::AngleBrackets {
                name: "rest".into(),
                greedy: true
            }
        );
        // `<` that names no parameter is text.
        assert_eq!(scan("a<b/{c}/<>/< x >").unwrap().len(), 1);
        assert!(scan("a < b > c").is_ok());
    }

    #[test]
    fn wildcard_replaces_placeholders_only() {
        assert_eq!(wildcard("a/{x}/b/{y}.json"), "a/*/b/*.json");
        assert_eq!(wildcard("a/${!x}/{y}"), "a/${!x}/*");
        assert_eq!(wildcard("plain"), "plain");
    }
}
