//! Selection keys of integration responses: a selection pattern (a Java regex matched against the
//! backend's status code, or against a Lambda error's `errorMessage`), or `default`, the entry
//! API Gateway uses when no pattern matches.

use std::fmt;

use crate::Str;
use crate::status::StatusCode;

/// The key API Gateway reads as "no pattern matched".
pub const DEFAULT: &str = "default";

/// The key of one integration response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SelectionKey {
    /// `default`: taken when no pattern matches.
    Default,
    /// A selection pattern.
    Pattern(Str),
}

impl SelectionKey {
    /// A key as API Gateway writes it: `default`, or a pattern.
    pub fn parse(key: &str) -> SelectionKey {
        if key == DEFAULT {
            SelectionKey::Default
        } else {
            SelectionKey::Pattern(Str::Owned(key.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            SelectionKey::Default => DEFAULT,
            SelectionKey::Pattern(p) => p,
        }
    }

    /// How messages name the entry: `default (no pattern matched)` or the quoted pattern.
    pub fn describe(&self) -> String {
        match self {
            SelectionKey::Default => "default (no pattern matched)".into(),
            SelectionKey::Pattern(p) => format!("\"{}\"", p.replace('\\', "\\\\")),
        }
    }

    /// Whether this key selects a backend answering `status` (whole-string match, as API
    /// Gateway applies patterns). `default` matches whatever no pattern does, so it is `false`
    /// here; an invalid pattern matches nothing.
    pub fn matches_status(&self, status: StatusCode) -> bool {
        match self {
            SelectionKey::Default => false,
            SelectionKey::Pattern(p) => {
                pattern_regex(p).is_ok_and(|r| r.is_match(&status.to_string()))
            }
        }
    }
}

impl fmt::Display for SelectionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for SelectionKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A selection pattern that is not a valid regular expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("selection pattern `{pattern}` is not a valid regular expression: {reason}")]
pub struct PatternError {
    pub pattern: String,
    pub reason: String,
}

/// `pattern` compiled as API Gateway applies it: anchored at both ends.
pub fn pattern_regex(pattern: &str) -> Result<regex::Regex, PatternError> {
    regex::Regex::new(&format!("^(?:{pattern})$")).map_err(|e| PatternError {
        pattern: pattern.to_string(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_spelled_once() {
        assert_eq!(SelectionKey::parse("default"), SelectionKey::Default);
        assert_eq!(SelectionKey::Default.to_string(), "default");
        assert_eq!(SelectionKey::parse("4\\d{2}").describe(), "\"4\\\\d{2}\"");
    }

    #[test]
    fn patterns_match_whole_status_codes() {
        let four = SelectionKey::parse("4\\d{2}");
        assert!(four.matches_status(StatusCode::of(404)));
        assert!(!four.matches_status(StatusCode::of(500)));
        assert!(!SelectionKey::parse("40").matches_status(StatusCode::of(404)));
        assert!(!SelectionKey::Default.matches_status(StatusCode::of(200)));
        assert!(pattern_regex("(4").is_err());
    }
}
