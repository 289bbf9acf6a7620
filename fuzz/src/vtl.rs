//! Mapping templates (`apigw_vtl`): any template text with any body and parameters parses to a
//! template or a `ParseError`, and renders to an output or a `RenderError`, within the limits:
//! no panic, no hang, an output no longer than `max_output_bytes`, and the same result twice
//! (the second render reuses the compiled-regex cache).
//!
//! The input is the template text, then optionally, each after a NUL byte: the body, the path
//! parameters, the query string, the headers and the stage variables (one `name=value` a line),
//! and `$context` as a JSON object. A seed is then readable: a plain template file is a valid
//! input.

use apigw_vtl::{Input, Limits, Params, Template};

/// Small limits: each render stays fast, so libFuzzer explores more, and the limits themselves
/// are what is checked (an input that runs into one must stop with its error, quickly).
pub fn limits() -> Limits {
    Limits {
        max_foreach_iterations: 1000,
        max_output_bytes: 64 * 1024,
        max_string_bytes: 64 * 1024,
        max_elements: 100_000,
        max_steps: 100_000,
        max_depth: 64,
    }
}

fn pairs(part: &str) -> Vec<(String, String)> {
    part.lines()
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// The template text and the input the bytes stand for (invalid UTF-8 is replaced, as Java's
/// decoding of a request does).
pub fn split(data: &[u8]) -> (String, Input) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let template = parts.next().unwrap_or_default().to_string();
    let mut part = || parts.next().unwrap_or_default();
    let body = part().to_string();
    let path = pairs(part());
    let querystring = pairs(part());
    let header = pairs(part());
    let stage_variables = pairs(part());
    let context = serde_json::from_str::<serde_json::Value>(part())
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    let input = Input {
        body,
        params: Params {
            path,
            querystring,
            header,
        },
        context,
        stage_variables,
    };
    (template, input)
}

/// Every check on one input.
pub fn check(data: &[u8]) -> Result<(), String> {
    let (source, input) = split(data);
    let template = match Template::parse(&source) {
        Ok(t) => t,
        Err(e) => {
            if e.line == 0 || e.column == 0 || e.message.is_empty() {
                return Err(format!(
                    "{source:?}: a parse error without a position: {e:?}"
                ));
            }
            return Ok(());
        }
    };
    let limits = limits();
    let first = template.render_with(&input, &limits);
    match &first {
        Ok(rendered) if rendered.body.len() > limits.max_output_bytes => {
            return Err(format!(
                "{source:?}: {} bytes of output, the limit is {}",
                rendered.body.len(),
                limits.max_output_bytes
            ));
        }
        Ok(_) => {}
        Err(e) => {
            let _ = e.to_string();
        }
    }
    let second = template.render_with(&input, &limits);
    if first != second {
        return Err(format!(
            "{source:?}: two renders of the same input differ: {first:?} then {second:?}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_splits_on_nul() {
        let (t, input) =
            split(b"$input.body\0{\"a\":1}\0id=7\0q=a=b\nr\0H=v\0s=x\0{\"stage\":\"prod\"}");
        assert_eq!(t, "$input.body");
        assert_eq!(input.body, "{\"a\":1}");
        assert_eq!(input.params.path, [("id".into(), "7".into())]);
        assert_eq!(
            input.params.querystring,
            [("q".into(), "a=b".into()), ("r".into(), String::new())]
        );
        assert_eq!(input.params.header, [("H".into(), "v".into())]);
        assert_eq!(input.stage_variables, [("s".into(), "x".into())]);
        assert_eq!(input.context["stage"], "prod");
        let (t, input) = split(b"plain");
        assert_eq!(t, "plain");
        assert!(input.body.is_empty());
    }

    #[test]
    fn limits_stop_a_runaway_template() {
        let loops = b"#foreach($a in [1..1000])#foreach($b in [1..1000])$a$b#end#end";
        assert_eq!(check(loops), Ok(()));
        let doubling = b"#set($s = 'xx')#foreach($i in [1..100])#set($s = \"$s$s\")#end$s";
        assert_eq!(check(doubling), Ok(()));
    }
}
