//! Path templates (`apigw_spec::path`) and `{placeholder}` scanning (`apigw_spec::placeholder`):
//! no panic on any text, and the two forms agree. A template that parses gives an OpenAPI path
//! whose parameters every scanner of the runtime reads back as the same names, and which
//! converts back to the very template it came from.

use apigw_spec::path::{self, PathParam};
use apigw_spec::placeholder;

/// Every check on one input text.
pub fn check(text: &str) -> Result<(), String> {
    template(text)?;
    scanners(text)?;
    // The runtime-side readers of an API Gateway path, on any text.
    let _ = path::params(text).count();
    let _ = path::shape(text);
    Ok(())
}

/// `/pets/{petId}` -> `/pets/<petId>`, `/files/{key+}` -> `/files/<key..>`.
fn user_form(openapi: &str) -> String {
    openapi
        .split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(inner) => match inner.strip_suffix('+') {
                    Some(name) => format!("<{name}..>"),
                    None => format!("<{inner}>"),
                },
                None => segment.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

fn same(a: &[PathParam], b: &[PathParam]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.name == y.name && x.greedy == y.greedy)
}

/// `parse_template` and its round trips.
fn template(text: &str) -> Result<(), String> {
    let parsed = match path::parse_template(text) {
        Ok(p) => p,
        Err(e) => {
            if e.to_string().is_empty() {
                return Err(format!("{text:?}: an error without a message: {e:?}"));
            }
            return Ok(());
        }
    };
    let openapi = &parsed.openapi;
    if !openapi.starts_with('/') {
        return Err(format!("{text:?} gives the OpenAPI path {openapi:?}"));
    }
    // The runtime reads the parameters back from the OpenAPI form.
    let read: Vec<PathParam> = path::params(openapi).collect();
    if !same(&read, &parsed.params) {
        return Err(format!(
            "{text:?}: parsed {:?}, `params({openapi:?})` reads {read:?}",
            parsed.params
        ));
    }
    let scanned = placeholder::scan(openapi)
        .map_err(|e| format!("{text:?}: the OpenAPI path {openapi:?} does not scan: {e:?}"))?;
    let scanned: Vec<PathParam> = scanned
        .iter()
        .map(|p| PathParam {
            name: p.name.to_string(),
            greedy: p.greedy,
        })
        .collect();
    if !same(&scanned, &parsed.params) {
        return Err(format!(
            "{text:?}: parsed {:?}, the placeholder scanner finds {scanned:?}",
            parsed.params
        ));
    }
    let names: Vec<&str> = parsed.params.iter().map(|p| p.name.as_str()).collect();
    if placeholder::names(openapi) != names {
        return Err(format!(
            "{text:?}: parsed {names:?}, `names` finds {:?}",
            placeholder::names(openapi)
        ));
    }
    if names.iter().any(|n| !parsed.has(n)) {
        return Err(format!("{text:?}: `has` misses a parameter"));
    }
    // Back to the user's form, exactly, and it parses to the same thing again.
    let back = user_form(openapi);
    if back != text {
        return Err(format!(
            "{text:?} -> {openapi:?} -> {back:?}: the round trip changes the template"
        ));
    }
    // Routing compares shapes: renaming the parameters keeps the shape, and only parameters
    // are abstracted.
    let renamed: String = openapi
        .split('/')
        .enumerate()
        .map(|(i, s)| match (s.starts_with('{'), s.ends_with("+}")) {
            (true, true) => format!("{{p{i}+}}"),
            (true, false) => format!("{{p{i}}}"),
            _ => s.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/");
    let shape = path::shape(openapi);
    if shape != path::shape(&renamed) || (shape == *openapi) != names.is_empty() {
        return Err(format!(
            "{text:?}: shape {shape:?} of {openapi:?}, {:?} of {renamed:?}",
            path::shape(&renamed)
        ));
    }
    let wildcard = placeholder::wildcard(openapi);
    if wildcard.matches('*').count() != openapi.matches('*').count() + names.len() {
        return Err(format!(
            "{text:?}: wildcard {wildcard:?} of {openapi:?} does not replace each parameter"
        ));
    }
    Ok(())
}

/// The placeholder scanners on any text: they agree with each other.
fn scanners(text: &str) -> Result<(), String> {
    let names = placeholder::names(text);
    let wildcard = placeholder::wildcard(text);
    match placeholder::scan(text) {
        Ok(found) => {
            let mut distinct: Vec<&str> = Vec::new();
            for p in &found {
                if !distinct.contains(&p.name) {
                    distinct.push(p.name);
                }
            }
            if names != distinct {
                return Err(format!(
                    "{text:?}: `scan` finds {distinct:?}, `names` finds {names:?}"
                ));
            }
            // Each placeholder becomes one `*`; what is left has no placeholder.
            if wildcard.matches('*').count() != text.matches('*').count() + found.len() {
                return Err(format!(
                    "{text:?}: `wildcard` gives {wildcard:?} for {} placeholder(s)",
                    found.len()
                ));
            }
            match placeholder::scan(&wildcard) {
                Ok(left) if left.is_empty() => {}
                other => {
                    return Err(format!(
                        "{text:?}: `wildcard` gives {wildcard:?}, which still scans as {other:?}"
                    ));
                }
            }
        }
        Err(e) => {
            if e.message("path", text).is_empty() {
                return Err(format!("{text:?}: an error without a message"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples_pass() {
        for t in [
            "/",
            "/pets/<petId>",
            "/files/<key..>",
            "/owners/<ownerId>/pets/<petId>",
            "pets",
            "/a//b",
            "${AWS::Region}/{a}/{b+}",
            "{a}${b}{c}",
            "}{",
        ] {
            check(t).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn user_form_inverts_the_openapi_form() {
        assert_eq!(user_form("/a/{b}/{c+}"), "/a/<b>/<c..>");
        assert_eq!(user_form("/"), "/");
    }
}
