//! The public API: parse once, render many times.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use regex::Regex;

use crate::ast::Block;
use crate::error::{ParseError, RenderError, line_column};
use crate::parser;
use crate::render::Renderer;

/// A parsed mapping template. Parsing checks the whole template, so rendering never meets a
/// syntax error. `Template` is `Send + Sync`: share one between threads and render concurrently.
#[derive(Debug, Clone)]
pub struct Template {
    pub(crate) nodes: Block,
    pub(crate) defines: Vec<Block>,
    source: String,
    /// Regular expressions compiled by earlier renders (compiling costs more than most renders).
    pub(crate) regexes: Arc<Mutex<HashMap<String, Arc<Regex>>>>,
}

impl Template {
    /// Parses a template.
    pub fn parse(source: &str) -> Result<Template, ParseError> {
        match parser::parse(source) {
            Ok(parsed) => Ok(Template {
                nodes: parsed.nodes,
                defines: parsed.defines,
                source: source.to_string(),
                regexes: Arc::default(),
            }),
            Err(e) => {
                let (line, column) = line_column(source, e.pos);
                Err(ParseError {
                    line,
                    column,
                    message: e.message,
                })
            }
        }
    }

    /// The template text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Renders with API Gateway's limits ([`Limits::default`]).
    pub fn render(&self, input: &Input) -> Result<Rendered, RenderError> {
        self.render_with(input, &Limits::default())
    }

    /// Renders with explicit limits.
    pub fn render_with(&self, input: &Input, limits: &Limits) -> Result<Rendered, RenderError> {
        Renderer::run(self, input, limits).map_err(|(kind, pos)| {
            let (line, column) = line_column(&self.source, pos);
            RenderError { line, column, kind }
        })
    }
}

/// What a template sees. For a request template `body` is the method request body; for a
/// response template it is the integration response body, while `params` stay the method
/// request's (as in API Gateway).
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// The payload as text (`$input.body`). An empty body reads as `{}`, as in API Gateway.
    pub body: String,
    /// The method request parameters (`$input.params()`).
    pub params: Params,
    /// `$context`: `requestId`, `stage`, `identity`, `authorizer`, ... as the caller knows them.
    /// `requestOverride` (`header`, `path`, `querystring`) and `responseOverride` (`header`) maps
    /// are added when absent; values given here are visible to the template and returned in
    /// [`Rendered`] with the template's changes.
    pub context: serde_json::Map<String, serde_json::Value>,
    /// `$stageVariables`.
    pub stage_variables: Vec<(String, String)>,
}

impl Input {
    /// An input with this body and nothing else.
    pub fn with_body(body: impl Into<String>) -> Input {
        Input {
            body: body.into(),
            ..Input::default()
        }
    }

    /// Sets the body from bytes (invalid UTF-8 becomes U+FFFD, as Java's decoding does).
    pub fn set_body_bytes(&mut self, bytes: &[u8]) {
        self.body = String::from_utf8_lossy(bytes).into_owned();
    }
}

/// Method request parameters by location, name to value, in the order given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub path: Vec<(String, String)>,
    pub querystring: Vec<(String, String)>,
    pub header: Vec<(String, String)>,
}

/// The result of a render: the text and the overrides the template set.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub body: String,
    pub request_override: RequestOverride,
    pub response_override: ResponseOverride,
}

/// `$context.requestOverride.{header,path,querystring}.X` after the render.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestOverride {
    pub header: Vec<(String, OverrideValue)>,
    pub path: Vec<(String, OverrideValue)>,
    pub querystring: Vec<(String, OverrideValue)>,
}

/// `$context.responseOverride.{status,header.X}` after the render.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseOverride {
    /// The status as the template set it, as text (`404` and `"404"` both give `"404"`).
    pub status: Option<String>,
    pub header: Vec<(String, OverrideValue)>,
}

impl ResponseOverride {
    /// The status override API Gateway applies: a number in 100..=599; anything else is ignored.
    pub fn status_code(&self) -> Option<u16> {
        self.status
            .as_deref()
            .and_then(|s| s.trim().parse::<u16>().ok())
            .filter(|s| (100..=599).contains(s))
    }
}

/// An override value: one value, or several (a list, e.g. a multi-value header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideValue {
    Single(String),
    Multi(Vec<String>),
}

/// Bounds on one render, so that a hostile template cannot hang or exhaust memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Iterations of one `#foreach`; further items are skipped silently (Velocity's
    /// `directive.foreach.maxloops`). API Gateway: 1000.
    pub max_foreach_iterations: usize,
    /// Bytes of output. Default: 10 MiB, API Gateway's payload limit.
    pub max_output_bytes: usize,
    /// Bytes of any string value built by the template. Default: 10 MiB.
    pub max_string_bytes: usize,
    /// List and map elements created in one render. Default: 1,000,000.
    pub max_elements: usize,
    /// Evaluation steps (nodes and expressions) in one render. Default: 10,000,000.
    pub max_steps: u64,
    /// Nesting of `#define` blocks and interpolated strings at render time. Default: 64.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_foreach_iterations: 1000,
            max_output_bytes: 10 * 1024 * 1024,
            max_string_bytes: 10 * 1024 * 1024,
            max_elements: 1_000_000,
            max_steps: 10_000_000,
            max_depth: 64,
        }
    }
}
