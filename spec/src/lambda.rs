//! Lambda custom (non-proxy) integrations: selection patterns match a Lambda error's
//! `errorMessage`, and an error entry's default template turns that message into the API's
//! error body.

/// The default response template of an error mapping: the Lambda `errorMessage` as an
/// `{"message": ...}` body.
pub const ERROR_TEMPLATE: &str = "{\"message\": $input.json('$.errorMessage')}";

use crate::responses::{ResponseMapping, ResponseSet};
use crate::selection::SelectionKey;
use crate::status::StatusCode;

/// The responses of a Lambda custom integration: the user's, plus `default => 200` when they
/// have no `default`. A successful invoke has no `errorMessage`, so without a `default` it would
/// match nothing and API Gateway would answer 500.
pub fn complete_responses(mut sets: Vec<ResponseSet>) -> Vec<ResponseSet> {
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

    #[test]
    fn success_is_200_unless_mapped() {
        let done = complete_responses(vec![]);
        assert_eq!(done.len(), 1);
        let error = ResponseSet::Mapping(ResponseMapping::status(
            SelectionKey::Pattern(Str::Borrowed("Not found.*")),
            StatusCode::of(404),
        ));
        let done = complete_responses(vec![error.clone()]);
        assert_eq!(done[0], error);
        assert_eq!(
            done[1],
            ResponseSet::Mapping(ResponseMapping::status(
                SelectionKey::Default,
                StatusCode::OK
            ))
        );
        let own_default = ResponseSet::Mapping(ResponseMapping::status(
            SelectionKey::Default,
            StatusCode::of(202),
        ));
        assert_eq!(complete_responses(vec![own_default]).len(), 1);
    }
}
