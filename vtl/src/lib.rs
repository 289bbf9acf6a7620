//! # apigw-vtl: API Gateway mapping templates, evaluated as AWS evaluates them
//!
//! API Gateway (REST, and WebSocket) transforms requests and responses with *mapping templates*:
//! Apache Velocity 1.7 with API Gateway's variables `$input`, `$util`, `$context` and
//! `$stageVariables`. No maintained Rust crate evaluates them, and the details that decide whether
//! a backend can parse the result (a `\'` from `escapeJavaScript`, a newline swallowed after
//! `#end`, an undefined value printing as nothing) are exactly what generic Velocity ports get
//! wrong. This crate reproduces them so that templates can be tested on awkward inputs before they
//! are deployed, and evaluated by a local emulator.
//!
//! ```
//! use apigw_vtl::{Input, Params, Template};
//!
//! let template = Template::parse(r#"{"name": "$util.escapeJavaScript($input.params('name')).replaceAll("\\'","'")"}"#)?;
//! let input = Input {
//!     params: Params { querystring: vec![("name".into(), "O'Brien".into())], ..Params::default() },
//!     ..Input::default()
//! };
//! let rendered = template.render(&input)?;
//! assert_eq!(rendered.body, r#"{"name": "O'Brien"}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Parse once ([`Template::parse`], a [`ParseError`] with line and column), render many times
//! ([`Template::render`], a [`RenderError`] with line, column and a [`RenderErrorKind`]). A
//! [`Rendered`] carries the text and the `$context.requestOverride` / `$context.responseOverride`
//! values the template set. For a response template, give the integration response body as
//! [`Input::body`] and keep the method request's [`Params`]: that is what API Gateway does.
//! Nothing panics, whatever the template or the input; [`Limits`] bound the work, the output and
//! the memory of one render.
//!
//! ## The language (Velocity 1.7)
//!
//! - Text; references `$x`, `$!x`, `${x}`, `$!{x}`; properties `$a.b` (a map key, or a getter such
//!   as `$list.empty`, `$x.class.name`); method calls `$a.b('c', 1)`; indexes `$m['k']`,
//!   `$l[0]`, `$l[-1]`. Identifiers may contain `-` (`$a-b` is one name, as in Velocity).
//! - Literals: `'single'` (literal) and `"double"` (interpolated when it contains `$` or `#`;
//!   `""`/`''` escape a quote; only `\uXXXX` is an escape, `\n` stays two characters), integers,
//!   decimals, `true`, `false`, lists `[a, b]`, maps `{'k': v}`, ranges `[1..n]` (also
//!   descending). There is no `null` literal in 1.7: `$null` is just an undefined reference.
//! - `#set` (also into maps and lists: `#set($m.k = v)`, `#set($l[0] = v)`,
//!   `#set($context.responseOverride.status = 404)`), `#if/#elseif/#else/#end`,
//!   `#foreach($x in ...)` with `$foreach.index/count/hasNext/first/last/parent/topmost`,
//!   `$velocityCount`, `$velocityHasNext`; `#break`, `#break($foreach.parent)`, `#stop`;
//!   `#define($block)...#end`; braced names `#{if}`, `#{else}`, `#{end}`; comments `##`, `#* *#`,
//!   `#** *#`; unparsed text `#[[ ... ]]#`; escapes `\$x`, `\#if` (and `\\` pairs before them).
//! - Operators `== != < > <= >= && || !` and `eq ne lt gt le ge and or not`; `+ - * / %`.
//!
//! ## Quirks reproduced
//!
//! From Velocity 1.7 (checked against its `Parser.jjt` and node classes):
//! - **Whitespace.** The `)` that closes `#set`, `#if`, `#elseif`, `#foreach`, `#define`,
//!   `#break(..)`, `#stop(..)`, and the words `#else` and `#end`, swallow the spaces and tabs after
//!   them *and one newline*, if a newline follows; otherwise nothing. `#set` also swallows the
//!   spaces and tabs before it when they start a token: at the start of the template or after a
//!   reference, directive or comment (`$a  #set(...)` loses the blanks), but not after other text
//!   (an indented `#set` line after a line of text keeps its indentation). The indentation before
//!   `#if`, `#foreach`, `#else` and `#end` is output. A `##` comment swallows its newline.
//! - **Truth.** Only `false` and `null` are false; `""`, `0` and an empty list are true. In a
//!   condition, a literal other than `true`/`false` and an arithmetic expression are false.
//! - **Equality.** Numbers compare by value (`1 == 1.0`); objects of related classes by `equals`;
//!   anything else by `toString()` (`true == "true"`, `1 == "1"`). `< <= > >=` compare numbers
//!   only, else they are false.
//! - **Arithmetic.** Integer division truncates (`7 / 2` is `3`); `+` concatenates when either side
//!   is a string; a non-number operand, or a zero divisor, gives `null`, and `#set` with a `null`
//!   value leaves the variable as it was. `-1` is one token, so `$a -1` does not parse.
//! - **Printing** is Java's `toString()`: maps `{a=1, b=2}`, lists `[1, 2]`, doubles as
//!   `Double.toString` (`1.0`, `1.0E10`), `put()` returns the previous value and `add()` returns
//!   `true`, which print; `void` methods print nothing.
//! - **`#foreach`** over a map iterates its values; over a string, a number or nothing, it does
//!   nothing. The loop variable, `$velocityCount`, `$velocityHasNext` and `$foreach` are restored
//!   after the loop. `#break` outside a loop stops the template.
//! - **Strings** are indexed in UTF-16 code units (`"😀".length()` is 2); `trim()` removes code
//!   points up to U+0020; regular expressions are Java's (`$1` replacements, `\'` is a literal
//!   quote); `split` drops trailing empty strings. A Java exception (an index out of range, an
//!   invalid replacement string) fails the render, as it fails the template in API Gateway.
//!
//! From API Gateway (recorded responses, see the tests):
//! - **A reference that resolves to nothing evaluates to `""`**: an undefined variable, a missing
//!   key, a `null` JSON value, a method that returns `null`, an unknown property or method. It
//!   prints nothing (stock Velocity prints the reference text), equals `""` and `$null`, and is
//!   *true* in `#if` (`#if($body.missing)` is true; test `!= ""` or use `.isEmpty()`).
//! - **`$input`**: `body` is the raw text, `{}` when the body is empty; `path(p)` returns Java
//!   objects (JSON objects are maps that print `{a=1}`, JSON arrays are json-smart arrays that print
//!   as compact JSON `[{"a":1}]`, strings stay strings); `json(p)` returns compact JSON text (an
//!   absent path gives `""`); `params()` is a map of `path`, `querystring` and `header` maps, and
//!   `params(name)` looks in path, then query string, then headers. JSONPath follows Jayway
//!   JsonPath: `$`, `.a`, `['a']`, `[0]`, `[-1]`, `[0,2]`, `[1:3]`, `[*]`, `.*`, `..a`; a definite
//!   path yields a value or nothing, an indefinite one a list. A body that is not JSON is read as
//!   json-smart's permissive parser reads it: text that does not start like JSON is one string
//!   (`$input.path('$')` is the text, `$input.json('$')` the text quoted), trailing text after a
//!   JSON value is ignored, and text starting with `{`, `[` or `"` that is not JSON is an error.
//! - **`$util`**: `escapeJavaScript` is Commons Lang 2.6's (`'` → `\'`, `/` → `\/`, non-ASCII as
//!   `\uXXXX`, see [`escape_javascript`]); `urlEncode`/`urlDecode` are Java's `URLEncoder` /
//!   `URLDecoder` in UTF-8; `base64Encode`/`base64Decode` use the standard alphabet; `parseJson`
//!   gives the same objects as `$input.path`.
//! - **Limits**: `#foreach` runs at most 1000 times; further items are skipped silently, and
//!   `$foreach.hasNext` is still true on the 1000th.
//!
//! ## Not supported
//!
//! - `#macro`, `#include`, `#parse`, `#evaluate`, `#literal`: a [`ParseError`] (`#include` and
//!   `#parse` have no file to read in API Gateway either).
//! - JSONPath filters (`[?(...)]`), functions and several names in one bracket: a
//!   [`RenderErrorKind::UnsupportedJsonPath`].
//! - Regular expressions with backreferences or lookaround (the regex engine here runs in linear
//!   time and has neither): a [`RenderErrorKind::UnsupportedRegex`]. Java's `.` also stops at
//!   `\r`, `\u0085`, `\u2028`, `\u2029`, here only at `\n`.
//! - json-smart's permissive extras inside a JSON document (unquoted keys, single-quoted strings,
//!   `NaN`) are an error instead of being accepted.
//! - Java's `BigInteger`/`BigDecimal`: integers beyond 64 bits, and integer overflow, continue as
//!   doubles. Map keys are strings: `$m.put(1, 'x')` stores the key `"1"`.
//! - `keySet()`, `values()`, `entrySet()`, `subList()` and `split()` return copies, not views;
//!   modifying a list while `#foreach` iterates it changes nothing in the loop (Java would throw).
//!   A Java array (from `split`) prints like a list, not as `[Ljava.lang.String;@1a2b3c`.
//! - Methods beyond the common `String`, `Map`, `List`, number and `Map.Entry` ones listed in the
//!   tests (e.g. `String.format`, `chars()`) evaluate to `""` like any unknown method.

mod ast;
mod error;
mod input;
mod java;
mod jsonpath;
mod methods;
mod parser;
mod render;
mod template;
mod util;
mod value;

pub use error::{ParseError, RenderError, RenderErrorKind};
pub use template::{
    Input, Limits, OverrideValue, Params, Rendered, RequestOverride, ResponseOverride, Template,
};
pub use util::escape_javascript;
