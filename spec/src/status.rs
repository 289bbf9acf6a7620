//! HTTP status codes, as API Gateway accepts them in method and integration responses.

use std::fmt;
use std::ops::RangeInclusive;

/// A status code API Gateway accepts: 100..=599.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusCode(u16);

/// A number that is not a status code. `Display` says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{written}` is not an HTTP status code: use a number in 100..=599")]
pub struct StatusError {
    /// The number as the user wrote it.
    pub written: String,
}

impl StatusCode {
    /// What API Gateway accepts.
    pub const RANGE: RangeInclusive<u16> = 100..=599;

    pub const OK: StatusCode = StatusCode(200);
    pub const BAD_REQUEST: StatusCode = StatusCode(400);
    pub const INTERNAL_SERVER_ERROR: StatusCode = StatusCode(500);

    /// `None` outside [`StatusCode::RANGE`].
    pub const fn new(code: u16) -> Option<StatusCode> {
        if code >= *Self::RANGE.start() && code <= *Self::RANGE.end() {
            Some(StatusCode(code))
        } else {
            None
        }
    }

    /// For generated const data, whose codes the macros checked: out of range fails the build.
    pub const fn of(code: u16) -> StatusCode {
        match StatusCode::new(code) {
            Some(s) => s,
            None => panic!("an HTTP status code is in 100..=599"),
        }
    }

    /// A status as written in a declaration (`"404"`, `404`), or why it is not one.
    pub fn parse(written: &str) -> Result<StatusCode, StatusError> {
        written
            .parse::<u16>()
            .ok()
            .and_then(StatusCode::new)
            .ok_or_else(|| StatusError {
                written: written.to_string(),
            })
    }

    pub const fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// As API Gateway writes it in integration responses: a string (`"200"`).
impl serde::Serialize for StatusCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_is_100_to_599() {
        assert!(StatusCode::new(99).is_none());
        assert!(StatusCode::new(600).is_none());
        assert_eq!(StatusCode::new(100).map(StatusCode::get), Some(100));
        assert_eq!(StatusCode::new(599).map(StatusCode::get), Some(599));
    }

    #[test]
    fn parse_names_the_written_number() {
        assert_eq!(StatusCode::parse("404"), Ok(StatusCode::of(404)));
        assert_eq!(
            StatusCode::parse("99").unwrap_err().to_string(),
            "`99` is not an HTTP status code: use a number in 100..=599"
        );
        assert!(StatusCode::parse("2xx").is_err());
    }
}
