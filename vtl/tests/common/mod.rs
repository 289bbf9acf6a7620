//! Helpers shared by the integration tests.
#![allow(dead_code)]

use apigw_vtl::{Input, Rendered, Template};

/// Renders `template` with `input`, panicking with the error's message on failure.
pub fn render_input(template: &str, input: &Input) -> Rendered {
    let t = Template::parse(template).unwrap_or_else(|e| panic!("parse {template:?}: {e}"));
    t.render(input)
        .unwrap_or_else(|e| panic!("render {template:?}: {e}"))
}

/// Renders `template` with `body` and nothing else, returning the text.
pub fn render(template: &str, body: &str) -> String {
    render_input(template, &Input::with_body(body)).body
}

/// Renders `template` with an empty input.
pub fn out(template: &str) -> String {
    render(template, "")
}
