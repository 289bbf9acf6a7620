//! HTTP methods: what an operation declares, and what an integration sends to its backend.

use std::fmt;

/// An HTTP method. `Any` is API Gateway's `x-amazon-apigateway-any-method` on an operation, and
/// "the caller's method" on an HTTP integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
    Any,
}

/// Where a method is written, which decides the ones allowed and how they are spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodUse {
    /// `#[operation(GET "/path")]`: capitals, `ANY` allowed.
    Operation,
    /// The method an HTTP integration sends (`ANY`: the caller's); either case.
    HttpBackend,
    /// The method an AWS service integration sends; either case, no `ANY`.
    AwsBackend,
}

/// Why a method is not accepted where it is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MethodError {
    #[error("write it in capitals: `{upper}`")]
    Lowercase { upper: String },
    #[error("use one of {}", allowed.join(", "))]
    Unknown { allowed: Vec<&'static str> },
}

impl Method {
    /// Whether a request of this method carries a body with a meaning: RFC 9110 defines none
    /// for GET, HEAD, DELETE and OPTIONS, OpenAPI 3.0 ignores a `requestBody` on them, and no
    /// API Gateway integration reads one.
    pub fn takes_body(self) -> bool {
        !matches!(
            self,
            Method::Get | Method::Head | Method::Delete | Method::Options
        )
    }

    /// Every method, in the order of dispatch slots.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Patch,
        Method::Head,
        Method::Options,
        Method::Any,
    ];

    /// Upper case, as in route keys, REST events and integration `httpMethod`s (`GET`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Any => "ANY",
        }
    }

    /// The key of the operation under an OpenAPI path item.
    pub const fn openapi_key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Patch => "patch",
            Method::Head => "head",
            Method::Options => "options",
            Method::Any => "x-amazon-apigateway-any-method",
        }
    }

    /// The method slot of a dispatch table.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Any case (`get`, `GET`), as API Gateway reads methods in events and route keys.
    pub fn parse(s: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
    }

    /// The method as written where `usage` says, or why it is not accepted there.
    pub fn parse_for(s: &str, usage: MethodUse) -> Result<Method, MethodError> {
        let allowed = Method::allowed(usage);
        let found = allowed.iter().copied().find(|m| match usage {
            MethodUse::Operation => m.as_str() == s,
            _ => m.as_str().eq_ignore_ascii_case(s),
        });
        match found {
            Some(m) => Ok(m),
            None if usage == MethodUse::Operation
                && allowed.iter().any(|m| m.as_str().eq_ignore_ascii_case(s)) =>
            {
                Err(MethodError::Lowercase {
                    upper: s.to_ascii_uppercase(),
                })
            }
            None => Err(MethodError::Unknown {
                allowed: allowed.iter().map(|m| m.as_str()).collect(),
            }),
        }
    }

    /// The methods accepted where `usage` says, in the order messages list them.
    pub fn allowed(usage: MethodUse) -> &'static [Method] {
        const BACKEND: [Method; 8] = [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Delete,
            Method::Patch,
            Method::Head,
            Method::Options,
            Method::Any,
        ];
        match usage {
            MethodUse::Operation => &Method::ALL,
            MethodUse::HttpBackend => &BACKEND,
            MethodUse::AwsBackend => &BACKEND[..7],
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_go_with_methods_that_define_them() {
        for m in [Method::Post, Method::Put, Method::Patch, Method::Any] {
            assert!(m.takes_body(), "{m}");
        }
        for m in [Method::Get, Method::Head, Method::Delete, Method::Options] {
            assert!(!m.takes_body(), "{m}");
        }
    }

    #[test]
    fn operations_take_capitals_and_say_so() {
        assert_eq!(
            Method::parse_for("GET", MethodUse::Operation),
            Ok(Method::Get)
        );
        assert_eq!(
            Method::parse_for("get", MethodUse::Operation)
                .unwrap_err()
                .to_string(),
            "write it in capitals: `GET`"
        );
        assert_eq!(
            Method::parse_for("FETCH", MethodUse::Operation)
                .unwrap_err()
                .to_string(),
            "use one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS, ANY"
        );
    }

    #[test]
    fn backends_take_either_case_and_aws_has_no_any() {
        assert_eq!(
            Method::parse_for("post", MethodUse::AwsBackend),
            Ok(Method::Post)
        );
        assert_eq!(
            Method::parse_for("any", MethodUse::HttpBackend),
            Ok(Method::Any)
        );
        assert!(Method::parse_for("ANY", MethodUse::AwsBackend).is_err());
        assert_eq!(Method::parse("options"), Some(Method::Options));
        assert_eq!(Method::parse("TRACE"), None);
    }

    #[test]
    fn index_is_the_position_in_all() {
        for (i, m) in Method::ALL.iter().enumerate() {
            assert_eq!(m.index(), i);
        }
    }
}
