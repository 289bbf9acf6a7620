//! The enumerated settings of an integration (`type`, `passthroughBehavior`, `contentHandling`,
//! `connectionType`) and its timeout range: the values API Gateway accepts, how users write them
//! (either case, as API Gateway reads them) and how the document spells them.

use std::ops::RangeInclusive;

/// A value of an enumerated setting that API Gateway does not know. `Display` lists what it does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {setting} `{written}`: expected one of {}", expected.iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(", "))]
pub struct UnknownValue {
    /// What the setting is called in messages (`passthrough behavior`).
    pub setting: &'static str,
    pub written: String,
    pub expected: &'static [&'static str],
}

/// An enumerated setting: its values as users write them (lower case) and as the document spells
/// them.
macro_rules! setting {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($(#[$vdoc:meta])* $variant:ident = ($written:literal, $spelled:literal)),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),*
        }

        impl $name {
            /// Every value, as users write them.
            pub const WRITTEN: &'static [&'static str] = &[$($written),*];

            /// As users write it (`when_no_match`).
            pub const fn written(self) -> &'static str {
                match self { $($name::$variant => $written),* }
            }

            /// As the OpenAPI extension spells it.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $spelled),* }
            }

            /// Either case, as API Gateway reads it.
            pub fn parse(written: &str) -> Result<Self, $crate::options::UnknownValue> {
                $(if written.eq_ignore_ascii_case($written) { return Ok($name::$variant); })*
                Err($crate::options::UnknownValue { setting: $what, written: written.to_string(), expected: Self::WRITTEN })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use setting;

setting!(
    /// What API Gateway does with a request whose content type has no request template.
    PassthroughBehavior, "passthrough behavior", {
        /// Pass the body through unchanged (API Gateway's default).
        WhenNoMatch = ("when_no_match", "when_no_match"),
        /// Pass it through only when the integration has no template at all; else 415.
        WhenNoTemplates = ("when_no_templates", "when_no_templates"),
        /// Answer 415 Unsupported Media Type.
        Never = ("never", "never"),
    }
);

setting!(
    /// How API Gateway converts a payload between text and binary.
    ContentHandling, "content handling", {
        /// Binary to base64 text.
        ConvertToText = ("convert_to_text", "CONVERT_TO_TEXT"),
        /// Base64 text to binary.
        ConvertToBinary = ("convert_to_binary", "CONVERT_TO_BINARY"),
    }
);

setting!(
    /// An integration's `type`.
    IntegrationType, "integration type", {
        /// An AWS service action (and a Lambda custom integration).
        Aws = ("aws", "aws"),
        /// Lambda proxy.
        AwsProxy = ("aws_proxy", "aws_proxy"),
        Http = ("http", "http"),
        HttpProxy = ("http_proxy", "http_proxy"),
        /// API Gateway answers by itself.
        Mock = ("mock", "mock"),
    }
);

setting!(
    /// How API Gateway reaches an HTTP backend.
    ConnectionType, "connection type", {
        Internet = ("internet", "INTERNET"),
        /// Through a VPC link.
        VpcLink = ("vpc_link", "VPC_LINK"),
    }
);

impl PassthroughBehavior {
    /// The behaviour when the declaration names none. With request templates, `never`: a request
    /// whose content type no template matches is refused (415) instead of reaching the backend
    /// raw, where a client could write any item into a table, replace an SQS message or name an
    /// execution; passing it anyway is an explicit `passthrough = "when_no_match"`. Without
    /// templates, `when_no_match`: the body is the payload (an S3 object, a proxied request).
    pub const fn default_for(has_request_templates: bool) -> PassthroughBehavior {
        if has_request_templates {
            PassthroughBehavior::Never
        } else {
            PassthroughBehavior::WhenNoMatch
        }
    }

    /// `explicit`, else [`PassthroughBehavior::default_for`].
    pub fn resolve(
        explicit: Option<PassthroughBehavior>,
        has_request_templates: bool,
    ) -> PassthroughBehavior {
        explicit.unwrap_or(PassthroughBehavior::default_for(has_request_templates))
    }
}

/// `timeoutInMillis`, within what API Gateway (REST) accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeoutMs(u32);

/// A timeout outside the accepted range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`timeout_ms = {written}` is out of range: API Gateway (REST) accepts 50 to 29000 milliseconds (the default, when omitted, is 29000)"
)]
pub struct TimeoutError {
    pub written: String,
}

impl TimeoutMs {
    /// REST APIs: 50 ms to 29 s.
    pub const REST: RangeInclusive<u32> = 50..=29000;

    /// For generated const data the macros checked.
    pub const fn of(ms: u32) -> TimeoutMs {
        assert!(ms >= *Self::REST.start() && ms <= *Self::REST.end());
        TimeoutMs(ms)
    }

    /// A timeout as written (`5000`), or why API Gateway would reject it.
    pub fn parse(written: &str) -> Result<TimeoutMs, TimeoutError> {
        written
            .parse::<u32>()
            .ok()
            .filter(|ms| Self::REST.contains(ms))
            .map(TimeoutMs)
            .ok_or_else(|| TimeoutError {
                written: written.to_string(),
            })
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl serde::Serialize for TimeoutMs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.0)
    }
}

/// The settings every non-proxy integration shares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct MappingOptions {
    pub passthrough: Option<PassthroughBehavior>,
    pub content_handling: Option<ContentHandling>,
    pub timeout_ms: Option<TimeoutMs>,
}

impl MappingOptions {
    /// None set: API Gateway's defaults.
    pub const NONE: MappingOptions = MappingOptions {
        passthrough: None,
        content_handling: None,
        timeout_ms: None,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_case_is_read_and_unknown_values_list_the_known_ones() {
        assert_eq!(
            PassthroughBehavior::parse("NEVER"),
            Ok(PassthroughBehavior::Never)
        );
        assert_eq!(
            PassthroughBehavior::parse("when_no_matches")
                .unwrap_err()
                .to_string(),
            "unknown passthrough behavior `when_no_matches`: expected one of \"when_no_match\", \"when_no_templates\", \"never\""
        );
        assert_eq!(
            ContentHandling::parse("binary").unwrap_err().to_string(),
            "unknown content handling `binary`: expected one of \"convert_to_text\", \"convert_to_binary\""
        );
        assert_eq!(
            ContentHandling::ConvertToBinary.as_str(),
            "CONVERT_TO_BINARY"
        );
        assert_eq!(ConnectionType::VpcLink.as_str(), "VPC_LINK");
    }

    #[test]
    fn templates_make_passthrough_never_unless_asked() {
        assert_eq!(
            PassthroughBehavior::resolve(None, true),
            PassthroughBehavior::Never
        );
        assert_eq!(
            PassthroughBehavior::resolve(None, false),
            PassthroughBehavior::WhenNoMatch
        );
        assert_eq!(
            PassthroughBehavior::resolve(Some(PassthroughBehavior::WhenNoMatch), true),
            PassthroughBehavior::WhenNoMatch
        );
    }

    #[test]
    fn timeouts_are_checked_against_the_rest_range() {
        assert_eq!(TimeoutMs::parse("50").map(TimeoutMs::get), Ok(50));
        assert_eq!(TimeoutMs::parse("29000").map(TimeoutMs::get), Ok(29000));
        assert_eq!(
            TimeoutMs::parse("30000").unwrap_err().to_string(),
            "`timeout_ms = 30000` is out of range: API Gateway (REST) accepts 50 to 29000 milliseconds (the default, when omitted, is 29000)"
        );
        assert!(TimeoutMs::parse("10").is_err());
    }
}
