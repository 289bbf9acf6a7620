//! Conditional requests (RFC 9110 section 13): entity tags and `If-Match` as types, so a handler
//! compares versions rather than strings, and the document declares the header's grammar (which
//! apigw enforces like any declared constraint: a malformed `If-Match` is a 400).
//!
//! ```
//! # use apigw::{ETag, IfMatch};
//! let current = ETag::from(3);
//! assert!("*".parse::<IfMatch>().unwrap().matches(&current));
//! assert!(r#""2", "3""#.parse::<IfMatch>().unwrap().matches(&current));
//! assert!(!r#"W/"3""#.parse::<IfMatch>().unwrap().matches(&current)); // weak never matches
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// An entity tag: `"xyzzy"` (strong) or `W/"xyzzy"` (weak). The opaque part is visible ASCII
/// without `"` (RFC 9110 `etagc`, without the obsolete non-ASCII bytes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ETag {
    weak: bool,
    opaque: String,
}

/// Not an entity tag, or not an `If-Match` value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidEntityTag(&'static str);

/// An entity tag's opaque part, anchored: one pattern for the schema and the parser below.
const ETAG: &str = r##"(W/)?"[!#-~]*""##;

fn is_etagc(c: char) -> bool {
    c == '!' || ('#'..='~').contains(&c)
}

impl ETag {
    /// A strong entity tag; `opaque` is visible ASCII without `"`.
    pub fn strong(opaque: impl Into<String>) -> Result<ETag, InvalidEntityTag> {
        Self::new(false, opaque.into())
    }

    /// A weak entity tag (`W/"..."`): equivalent content, not byte-identical.
    pub fn weak(opaque: impl Into<String>) -> Result<ETag, InvalidEntityTag> {
        Self::new(true, opaque.into())
    }

    fn new(weak: bool, opaque: String) -> Result<ETag, InvalidEntityTag> {
        if opaque.chars().all(is_etagc) {
            Ok(ETag { weak, opaque })
        } else {
            Err(InvalidEntityTag(
                "an entity tag is visible ASCII characters other than `\"`",
            ))
        }
    }

    /// Whether it is a weak tag (`W/"..."`), which never matches `If-Match` (strong comparison).
    pub fn is_weak(&self) -> bool {
        self.weak
    }

    /// The part between the quotes.
    pub fn opaque(&self) -> &str {
        &self.opaque
    }

    /// Strong comparison (RFC 9110 section 8.8.3.2): both strong, same opaque part.
    pub fn strong_eq(&self, other: &ETag) -> bool {
        !self.weak && !other.weak && self.opaque == other.opaque
    }

    /// Reads one entity tag at the start of `text`; the rest of `text` is returned with it.
    fn read(text: &str) -> Result<(ETag, &str), InvalidEntityTag> {
        let (weak, rest) = match text.strip_prefix("W/") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let expected = InvalidEntityTag("expected an entity tag: `\"...\"` or `W/\"...\"`");
        let rest = rest.strip_prefix('"').ok_or(expected.clone())?;
        let end = rest.find('"').ok_or(expected)?;
        let tag = Self::new(weak, rest[..end].to_string())?;
        Ok((tag, &rest[end + 1..]))
    }
}

/// A version number as a strong entity tag: `3` is `"3"`.
impl From<u64> for ETag {
    fn from(version: u64) -> ETag {
        ETag {
            weak: false,
            opaque: version.to_string(),
        }
    }
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.weak {
            f.write_str("W/")?;
        }
        write!(f, "\"{}\"", self.opaque)
    }
}

impl FromStr for ETag {
    type Err = InvalidEntityTag;

    fn from_str(s: &str) -> Result<ETag, InvalidEntityTag> {
        match ETag::read(s)? {
            (tag, "") => Ok(tag),
            _ => Err(InvalidEntityTag("expected one entity tag")),
        }
    }
}

impl JsonSchema for ETag {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "ETag".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("^{ETAG}$"),
            "description": "An entity tag: the version of the representation, `\"...\"`, or `W/\"...\"` when weak (RFC 9110 section 8.8.3).",
        })
    }
}

/// The `If-Match` request header (RFC 9110 section 13.1.1): `*` or a list of entity tags. The
/// request applies only if the target's current entity tag matches (strong comparison); else the
/// answer is 412 Precondition Failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: any current version (the target exists).
    Any,
    /// One or more entity tags.
    Tags(Vec<ETag>),
}

impl IfMatch {
    /// Whether the target's current entity tag satisfies the condition.
    pub fn matches(&self, current: &ETag) -> bool {
        match self {
            IfMatch::Any => true,
            IfMatch::Tags(tags) => tags.iter().any(|t| t.strong_eq(current)),
        }
    }
}

impl FromStr for IfMatch {
    type Err = InvalidEntityTag;

    /// `*`, or entity tags separated by commas with optional spaces or tabs around them.
    fn from_str(s: &str) -> Result<IfMatch, InvalidEntityTag> {
        if s == "*" {
            return Ok(IfMatch::Any);
        }
        let mut tags = Vec::new();
        let mut rest = s;
        loop {
            let (tag, after) = ETag::read(rest)?;
            tags.push(tag);
            let after = after.trim_start_matches([' ', '\t']);
            if after.is_empty() {
                return Ok(IfMatch::Tags(tags));
            }
            rest = after
                .strip_prefix(',')
                .ok_or(InvalidEntityTag("separate entity tags with commas"))?
                .trim_start_matches([' ', '\t']);
        }
    }
}

impl fmt::Display for IfMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IfMatch::Any => f.write_str("*"),
            IfMatch::Tags(tags) => {
                for (i, tag) in tags.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    tag.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

impl JsonSchema for IfMatch {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "IfMatch".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!(r"^(\*|{ETAG}([ \t]*,[ \t]*{ETAG})*)$"),
            "description": "`*` (any current version) or entity tags separated by commas: the request applies only if the current entity tag is one of them (strong comparison, RFC 9110 section 13.1.1).",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_reads_any_and_lists() {
        assert_eq!("*".parse::<IfMatch>(), Ok(IfMatch::Any));
        let list: IfMatch = "\"a\" ,\t W/\"b\",\"c,d\"".parse().unwrap();
        assert_eq!(
            list,
            IfMatch::Tags(vec![
                ETag::strong("a").unwrap(),
                ETag::weak("b").unwrap(),
                ETag::strong("c,d").unwrap()
            ])
        );
        assert_eq!(list.to_string(), "\"a\", W/\"b\", \"c,d\"");
        for bad in [
            "",
            "a",
            "\"a",
            "\"a\" \"b\"",
            "\"a\",",
            "*, \"a\"",
            "W/a",
            "\"a b\"",
        ] {
            assert!(bad.parse::<IfMatch>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn matching_is_strong() {
        let current = ETag::from(7);
        assert!(IfMatch::Any.matches(&current));
        assert!("\"7\"".parse::<IfMatch>().unwrap().matches(&current));
        assert!(!"W/\"7\"".parse::<IfMatch>().unwrap().matches(&current));
        assert!(!"\"6\", \"8\"".parse::<IfMatch>().unwrap().matches(&current));
        assert!(ETag::strong("a\"b").is_err());
        assert_eq!("W/\"x\"".parse::<ETag>().unwrap().to_string(), "W/\"x\"");
    }
}
