//! Typed errors: a template that cannot be parsed, and a render that cannot complete.

use thiserror::Error;

/// A template that is not valid Velocity. `line` and `column` are 1-based and point at the
/// construct that is wrong (for an unclosed block: its opening directive).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A render that stopped. API Gateway answers such a request with a 500
/// (`Execution failed due to configuration error: Unable to transform request`).
#[derive(Debug, Clone, PartialEq, Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct RenderError {
    pub line: usize,
    pub column: usize,
    pub kind: RenderErrorKind,
}

/// Why a render stopped.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RenderErrorKind {
    /// A method threw, as the Java method would (an index out of range, a malformed regular
    /// expression or replacement, `$util.parseJson` on text that is not JSON, ...).
    #[error("{method} failed: {reason}")]
    MethodFailed { method: String, reason: String },
    /// `$input.json()` / `$input.path()` on a body that starts like JSON (`{`, `[`, `"`) but is not.
    #[error("the body is not valid JSON ({reason}), so $input.{function}() cannot read it")]
    InvalidJsonBody {
        function: &'static str,
        reason: String,
    },
    /// A JSONPath expression outside the supported subset, or malformed.
    #[error("JSONPath `{path}` is not supported: {reason}")]
    UnsupportedJsonPath { path: String, reason: String },
    /// A Java regular expression this crate cannot run (lookaround, backreferences).
    #[error("regular expression `{pattern}` is not supported: {reason}")]
    UnsupportedRegex { pattern: String, reason: String },
    /// `#break($x)` where `$x` is not a `#foreach` scope.
    #[error("#break argument is not a #foreach scope")]
    InvalidBreak,
    /// The output would exceed [`Limits::max_output_bytes`](crate::Limits).
    #[error("the output exceeds {limit} bytes")]
    OutputTooLarge { limit: usize },
    /// A string value would exceed [`Limits::max_string_bytes`](crate::Limits).
    #[error("a string value exceeds {limit} bytes")]
    StringTooLarge { limit: usize },
    /// Lists and maps created by the template exceed [`Limits::max_elements`](crate::Limits).
    #[error("the template created more than {limit} list or map elements")]
    TooManyElements { limit: usize },
    /// The template ran more than [`Limits::max_steps`](crate::Limits) evaluation steps.
    #[error("the template did more than {limit} evaluation steps")]
    TooManySteps { limit: u64 },
    /// `#define` blocks or string interpolation nested deeper than
    /// [`Limits::max_depth`](crate::Limits) at render time.
    #[error("rendering nested deeper than {limit} levels")]
    TooDeep { limit: usize },
}

/// 1-based line and column of a byte offset in `src`.
pub(crate) fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
