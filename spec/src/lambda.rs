//! Lambda handlers: the statuses apigw answers by itself for any handler (400 when a request
//! cannot be handed to it, 500 when it fails), and how a Lambda custom (non-proxy) integration
//! maps them. Its selection patterns match a Lambda error's `errorMessage`, so the errors apigw
//! raises carry a recognisable prefix (`[apigw 400] ...`) that generated patterns select; without
//! them such an error would match nothing, and API Gateway answers 200 with the error as the body.

use crate::List;
use crate::responses::{ResponseMapping, ResponseSet};
use crate::selection::SelectionKey;
use crate::status::StatusCode;
use crate::template::Template;

/// The statuses apigw itself answers for a handler: 400 (the request cannot be handed to it:
/// malformed body, unparsable parameter, malformed envelope) and 500 (it panicked, or the function
/// is misconfigured). Every Lambda operation documents them; they need no `#[status]`.
pub const FRAMEWORK_STATUSES: [u16; 2] = [400, 500];

/// The `errorMessage` of an error apigw raises for a Lambda custom integration.
pub fn error_message(status: u16, message: &str) -> String {
    format!("[apigw {status}] {message}")
}

/// The selection pattern of apigw's own errors with `status` (any message, over several lines).
pub fn framework_pattern(status: u16) -> String {
    format!("(?s:\\[apigw {status}\\] .*)")
}

/// The default response template of an error mapping: the Lambda `errorMessage` (without apigw's
/// own prefix) as an `{"message": ...}` body, escaped for JSON.
pub const ERROR_TEMPLATE: &str = "#set($message = $input.path('$.errorMessage').replaceFirst('^\\[apigw \\d{3}\\] ', ''))\n{\"message\": \"$util.escapeJavaScript($message).replaceAll(\"\\\\'\",\"'\")\"}";

const ERROR_TEMPLATES: &[Template] = &[Template::json(ERROR_TEMPLATE)];

/// The responses of a Lambda custom integration: the user's, then what apigw needs.
///
/// - Each of [`FRAMEWORK_STATUSES`] gets an entry selecting apigw's own errors: a user entry
///   mapping to that status takes it over (its pattern is extended to select them too), else an
///   entry of its own is appended.
/// - `default => 200` is appended when the user has no `default`: a successful invoke has no
///   `errorMessage`, so without a `default` it would match nothing.
///
/// The user's sets keep their positions (only a pattern may be extended); new ones are appended.
pub fn complete_responses(mut sets: Vec<ResponseSet>) -> Vec<ResponseSet> {
    for status in FRAMEWORK_STATUSES {
        let code = StatusCode::of(status);
        let own = framework_pattern(status);
        let taken = sets.iter_mut().find_map(|s| match s {
            ResponseSet::Mapping(m) if m.status == code => Some(m),
            _ => None,
        });
        match taken {
            Some(m) => {
                if let SelectionKey::Pattern(p) = &m.key {
                    m.key = SelectionKey::Pattern(format!("{own}|(?:{p})").into());
                }
            }
            None => sets.push(ResponseSet::Mapping(ResponseMapping {
                key: SelectionKey::Pattern(own.into()),
                status: code,
                headers: List::Borrowed(&[]),
                templates: List::Borrowed(ERROR_TEMPLATES),
                content_handling: None,
            })),
        }
    }
    let has_default = sets
        .iter()
        .any(|s| s.entries().iter().any(|m| m.key == SelectionKey::Default));
    if !has_default {
        sets.push(ResponseSet::Mapping(ResponseMapping::status(
            SelectionKey::Default,
            StatusCode::OK,
        )));
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Str;
    use crate::selection::pattern_regex;

    fn keys(sets: &[ResponseSet]) -> Vec<(String, u16)> {
        sets.iter()
            .flat_map(|s| s.entries())
            .map(|m| (m.key.to_string(), m.status.get()))
            .collect()
    }

    #[test]
    fn apigw_errors_get_their_statuses_and_success_is_200() {
        let done = complete_responses(vec![]);
        assert_eq!(
            keys(&done),
            vec![
                ("(?s:\\[apigw 400\\] .*)".into(), 400),
                ("(?s:\\[apigw 500\\] .*)".into(), 500),
                ("default".into(), 200)
            ]
        );
        let error = ResponseSet::Mapping(ResponseMapping::status(
            SelectionKey::Pattern(Str::Borrowed("Not found.*")),
            StatusCode::of(404),
        ));
        let done = complete_responses(vec![error.clone()]);
        assert_eq!(done[0], error);
        assert_eq!(done.len(), 4);
    }

    #[test]
    fn a_user_mapping_to_500_also_selects_apigw_errors() {
        let user = ResponseSet::Mapping(ResponseMapping::status(
            SelectionKey::Pattern(Str::Borrowed("Database.*")),
            StatusCode::of(500),
        ));
        let done = complete_responses(vec![user]);
        let k = keys(&done);
        assert_eq!(k[0], ("(?s:\\[apigw 500\\] .*)|(?:Database.*)".into(), 500));
        let re = pattern_regex(&k[0].0).unwrap();
        assert!(re.is_match("Database down"));
        assert!(re.is_match(&error_message(500, "panicked\nat line 3")));
        assert!(!re.is_match(&error_message(400, "bad")));
        // No second entry answers 500.
        assert_eq!(k.iter().filter(|(_, s)| *s == 500).count(), 1);
    }

    #[test]
    fn messages_carry_the_prefix_the_patterns_select() {
        for status in FRAMEWORK_STATUSES {
            let re = pattern_regex(&framework_pattern(status)).unwrap();
            assert!(re.is_match(&error_message(status, "invalid JSON body: `name`: ...")));
            assert!(!re.is_match("invalid JSON body"));
        }
    }
}
