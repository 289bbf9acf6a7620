//! Expansion snapshots: what the macros generate for a handful of representative declarations,
//! pretty-printed and committed under `macros/tests/expand/`. They are not a specification (the
//! behaviour is tested through the compiled examples and the ui cases); they make a change to the
//! generated code a reviewable diff. Accept a change with
//! `EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots`, then read `git diff`.
//!
//! The expansion functions take `proc_macro2` tokens, so they run here outside a macro context,
//! given what the compiler would give them: the attribute's arguments, and the item without that
//! attribute.

use std::path::PathBuf;

use proc_macro2::TokenStream;

/// The committed snapshot directory (outside `src/`: snapshots do not move when modules do).
fn snapshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expand")
        .join(format!("{name}.expanded.rs"))
}

/// Macro invocations in the expansion (`inventory::submit! { .. }`, `vec![..]`) whose body is
/// expressions: prettyplease prints a macro body as raw tokens, which hides most of what
/// `#[operation]` generates, so each such body is pretty-printed on its own and put back in place
/// of a placeholder identifier.
#[derive(Default)]
struct MacroBodies(Vec<String>);

impl MacroBodies {
    const PLACEHOLDER: &'static str = "__apigw_snapshot_macro_body_";

    /// `expr` pretty-printed at indentation 0 (its own macro bodies already taken out).
    fn format_expr(expr: &syn::Expr) -> String {
        let file: syn::File = syn::parse_quote!(const _: () = #expr;);
        let text = prettyplease::unparse(&file);
        text.trim_end()
            .strip_prefix("const _: () = ")
            .and_then(|t| t.strip_suffix(';'))
            .expect("prettyplease prints a const item as written")
            .to_string()
    }

    /// The text with every placeholder replaced by its body, continuation lines indented like
    /// the placeholder's line plus one level.
    fn restore(&self, text: &str) -> String {
        let mut out = String::new();
        for line in text.lines() {
            match line.find(Self::PLACEHOLDER) {
                None => out.push_str(line),
                Some(at) => {
                    let digits: String = line[at + Self::PLACEHOLDER.len()..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    let index: usize = digits.parse().expect("a placeholder index");
                    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
                    let body = self.restore(&self.0[index]);
                    let end = at + Self::PLACEHOLDER.len() + digits.len();
                    let (before, after) = (&line[..at], &line[end..]);
                    if !body.contains('\n') {
                        out.push_str(before);
                        out.push_str(&body);
                        out.push_str(after);
                    } else {
                        // A body of several lines goes on lines of its own, one level deeper
                        // than the delimiters unless the placeholder had a line of its own.
                        let body_indent = if before.trim().is_empty() {
                            indent.clone()
                        } else {
                            out.push_str(before.trim_end());
                            out.push('\n');
                            format!("{indent}    ")
                        };
                        let lines: Vec<&str> = body.lines().collect();
                        for (i, body_line) in lines.iter().enumerate() {
                            if !body_line.is_empty() {
                                out.push_str(&body_indent);
                            }
                            out.push_str(body_line);
                            if i + 1 < lines.len() {
                                out.push('\n');
                            }
                        }
                        if !after.trim().is_empty() {
                            if before.trim().is_empty() {
                                out.push_str(after.trim_start());
                            } else {
                                out.push('\n');
                                out.push_str(&indent);
                                out.push_str(after.trim_start());
                            }
                        }
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

impl syn::visit_mut::VisitMut for MacroBodies {
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        use syn::parse::Parser;
        let parser = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        let Ok(mut exprs) = parser.parse2(mac.tokens.clone()) else {
            return;
        };
        if exprs.is_empty() {
            return;
        }
        for expr in exprs.iter_mut() {
            self.visit_expr_mut(expr);
        }
        // Several expressions: one per line, each followed by a comma.
        let body = match exprs.len() {
            1 => Self::format_expr(&exprs[0]),
            _ => exprs
                .iter()
                .map(|e| format!("{},", Self::format_expr(e)))
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let placeholder = quote::format_ident!("{}{}", Self::PLACEHOLDER, self.0.len());
        self.0.push(body);
        mac.tokens = quote::quote!(#placeholder);
    }
}

/// The declaration as written, commented, then the expansion, pretty-printed.
fn assert_snapshot(name: &str, input: &str, expanded: TokenStream) {
    let mut file: syn::File = syn::parse2(expanded.clone()).unwrap_or_else(|e| {
        panic!("{name}: the expansion does not parse as items ({e}):\n{expanded}")
    });
    let mut bodies = MacroBodies::default();
    syn::visit_mut::VisitMut::visit_file_mut(&mut bodies, &mut file);
    let mut text = format!(
        "// Expansion snapshot `{name}` (macros/src/expand_snapshots.rs).\n\
         // Regenerate: EXPECTORATE=overwrite cargo test -p apigw-macros expand_snapshots\n\
         //\n\
         // Input:\n"
    );
    for line in input.trim().lines() {
        text.push_str(format!("// {line}").trim_end());
        text.push('\n');
    }
    text.push_str("\n// Expansion:\n\n");
    text.push_str(&bodies.restore(&prettyplease::unparse(&file)));
    expectorate::assert_contents(snapshot_path(name), &text);
}

/// Expands `#[operation(...)]` on the item of `input` as the compiler would: the attribute's
/// tokens as arguments, the item without it (its other attributes kept, in order).
fn expand_operation(input: &str) -> TokenStream {
    let mut item: syn::Item = syn::parse_str(input).expect("the input is an item");
    let attrs = match &mut item {
        syn::Item::Fn(f) => &mut f.attrs,
        syn::Item::Struct(s) => &mut s.attrs,
        other => panic!("#[operation] input is a fn or a struct, not {other:?}"),
    };
    let at = attrs
        .iter()
        .position(|a| a.path().is_ident("operation"))
        .expect("the input has #[operation(...)]");
    let attr = attrs.remove(at);
    let args = attr
        .meta
        .require_list()
        .expect("#[operation(...)] has arguments")
        .tokens
        .clone();
    crate::expand::operation(args, quote::quote!(#item))
}

fn check_operation(name: &str, input: &str) {
    assert_snapshot(name, input, expand_operation(input));
}

/// A Lambda handler: a path parameter, an optional header, a JSON body and shared state.
#[test]
fn handler_with_path_header_and_json_body() {
    check_operation(
        "handler_with_path_header_and_json_body",
        r#"
/// Replace a pet.
///
/// `If-Match`, when sent, must be the pet's current status.
#[operation(PUT "/pets/<petId>", tags = ["pets"])]
pub async fn update_pet(
    pet_id: String,
    #[header("If-Match")] if_match: Option<String>,
    pet: Json<NewPet>,
    store: State<Store>,
) -> UpdatePetResponses {
    store.update(pet_id, if_match, pet.0)
}
"#,
    );
}

/// A marker answered by API Gateway itself, from a typed function.
#[test]
fn mock_with_function() {
    check_operation(
        "mock_with_function",
        r#"
/// Is the API up?
#[operation(GET "/health", id = "health", tags = ["ops"], responses = HealthResponses)]
#[mock_integration(with = healthy)]
pub struct HealthCheck;
"#,
    );
}

/// An S3 object read with a parameter mapping, binary media types and custom response sets.
#[test]
fn s3_with_response_sets() {
    check_operation(
        "s3_with_response_sets",
        r#"
/// Download a photo (binary).
#[operation(GET "/photos/<name>", tags = ["photos"], responses = PhotoResponses, query = ["size"])]
#[s3_integration(
    bucket = PHOTOS,
    path = "photos/{size}/{name}",
    request_parameters(path("size") = query("size")),
    binary_media_types = ["image/jpeg", "image/png"],
    responses = [
        default_passthrough,
        catch_all,
        "404" => 404 { template = "{\"message\": \"no such photo\"}" },
    ],
    timeout_ms = 10000,
)]
pub struct GetPhoto;
"#,
    );
}

/// An HTTP integration that rewrites the request and maps upstream statuses.
#[test]
fn http_integration() {
    check_operation(
        "http_integration",
        r#"
/// Search pets upstream.
#[operation(GET "/search", tags = ["pets"], responses = SearchResponses, query = ["q"], headers = ["X-Request-Id"])]
#[http_integration(
    url = "https://search.example.com/v2/query",
    method = "POST",
    request_parameters(
        header("X-Correlation-Id") = header("X-Request-Id"),
        header("Content-Type") = literal("application/json"),
    ),
    request_template("application/json" = "{\"text\": \"$util.escapeJavaScript($input.params('q'))\"}"),
    passthrough = "never",
    responses = [
        default_passthrough,
        "404" => 404 { template = "{\"message\": \"no pet matches\"}" },
        "5\\d{2}" => 502 { template = "{\"message\": \"the search service failed\"}" },
    ],
    cache_key = [query("q")],
    timeout_ms = 3000,
)]
pub struct SearchPets;
"#,
    );
}

/// A ready-made AWS service call: DynamoDB GetItem keyed by the path parameter.
#[test]
fn aws_dynamodb_get_item() {
    check_operation(
        "aws_dynamodb_get_item",
        r#"
/// Read a pet from DynamoDB.
#[operation(GET "/pets/<petId>", tags = ["dynamodb"], responses = GetResponses)]
#[aws_integration(dynamodb::get_item(table = PETS, key = "petId"))]
pub struct GetPet;
"#,
    );
}

/// The responses of an operation, one with a body and a declared header.
#[test]
fn api_responses_with_headers() {
    let input = r#"
#[derive(ApiResponses)]
pub enum CreatePetResponses {
    /// The pet was created.
    #[status(201)]
    Created {
        body: Json<Pet>,
        /// Where the new pet lives.
        #[header("Location")]
        location: String,
        #[header("X-Request-Id")]
        request_id: Option<String>,
    },
    /// The pet is not valid.
    #[status(422)]
    Invalid(Json<ApiError>),
    /// Nothing to say.
    #[status(204)]
    NoContent,
}
"#;
    let tokens: TokenStream = input.parse().expect("the input tokenizes");
    assert_snapshot(
        "api_responses_with_headers",
        input,
        crate::expand::api_responses(tokens),
    );
}
