//! apigw-vtl (crate docs are written below in full).

mod ast;
mod error;
mod input;
mod java;
mod jsonpath;
mod methods;
mod parser;
mod render;
mod template;
pub mod util;
mod value;

pub use error::{ParseError, RenderError, RenderErrorKind};
pub use template::{
    Input, Limits, OverrideValue, Params, Rendered, RequestOverride, ResponseOverride, Template,
};
