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

/// Every status code API Gateway accepts that `pattern` selects (whole-string match).
pub fn statuses_matched(pattern: &str) -> Result<Vec<StatusCode>, PatternError> {
    let re = pattern_regex(pattern)?;
    Ok(StatusCode::RANGE
        .filter_map(StatusCode::new)
        .filter(|s| re.is_match(&s.to_string()))
        .collect())
}

/// A selection pattern that matches exactly `codes` (three-digit statuses), compact enough to
/// read: `[400, 401, 402, 405]` gives `40[0-25]`; a whole decade `4[1-9]\d`-style; a whole
/// hundred `5\d{2}`.
pub fn pattern_for(codes: &[StatusCode]) -> String {
    let mut codes: Vec<u16> = codes.iter().map(|s| s.get()).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut parts = Vec::new();
    for hundred in 1..=5u16 {
        let in_hundred: Vec<u16> = codes
            .iter()
            .copied()
            .filter(|c| c / 100 == hundred)
            .collect();
        if in_hundred.len() == 100 {
            parts.push(format!("{hundred}\\d{{2}}"));
            continue;
        }
        // Tens whose ten units are all there, as one class; the others digit by digit.
        let mut full_tens = Vec::new();
        for ten in 0..=9u16 {
            let units: Vec<u16> = in_hundred
                .iter()
                .filter(|c| (*c / 10) % 10 == ten)
                .map(|c| c % 10)
                .collect();
            match units.len() {
                0 => {}
                10 => full_tens.push(ten),
                _ => parts.push(format!("{hundred}{ten}{}", digit_class(&units))),
            }
        }
        if !full_tens.is_empty() {
            parts.push(format!("{hundred}{}\\d", digit_class(&full_tens)));
        }
    }
    parts.join("|")
}

/// `[1-35]`-style class of digits (a single digit as itself).
fn digit_class(digits: &[u16]) -> String {
    if digits.len() == 1 {
        return digits[0].to_string();
    }
    let mut out = String::from("[");
    let mut i = 0;
    while i < digits.len() {
        let start = digits[i];
        let mut end = start;
        while i + 1 < digits.len() && digits[i + 1] == end + 1 {
            i += 1;
            end = digits[i];
        }
        match end - start {
            0 => out.push_str(&start.to_string()),
            1 => out.push_str(&format!("{start}{end}")),
            _ => out.push_str(&format!("{start}-{end}")),
        }
        i += 1;
    }
    out.push(']');
    out
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

    fn codes(c: &[u16]) -> Vec<StatusCode> {
        c.iter().map(|&c| StatusCode::of(c)).collect()
    }

    #[test]
    fn generated_patterns_match_exactly_their_codes() {
        let cases: Vec<Vec<u16>> = vec![
            vec![404],
            vec![400, 401, 402, 405],
            (400..=599)
                .filter(|c| ![400, 403, 404, 500].contains(c))
                .collect(),
            (500..=599).collect(),
            (410..=419).collect(),
            vec![200, 201, 204, 299, 302],
        ];
        for case in cases {
            let p = pattern_for(&codes(&case));
            let got: Vec<u16> = statuses_matched(&p)
                .unwrap()
                .into_iter()
                .map(StatusCode::get)
                .collect();
            assert_eq!(got, case, "pattern {p}");
        }
        assert_eq!(pattern_for(&codes(&[400, 401, 402, 405])), "40[0-25]");
        assert_eq!(
            pattern_for(&codes(&(500..=599).collect::<Vec<_>>())),
            "5\\d{2}"
        );
        assert_eq!(
            pattern_for(&codes(
                &(400..=599)
                    .filter(|c| ![400, 403, 404, 500].contains(c))
                    .collect::<Vec<_>>()
            )),
            "40[125-9]|4[1-9]\\d|50[1-9]|5[1-9]\\d"
        );
    }
}
