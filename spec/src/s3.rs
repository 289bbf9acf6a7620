//! S3 as API Gateway calls it (`type: aws`, the S3 path form): the calls an integration can make
//! (object reads and writes, bucket listings, ListBuckets, bucket creation and deletion), the IAM
//! action each needs, the bucket a request may name, the query parameters each call reads, the
//! headers worth passing back, S3's errors turned into `{"message": ...}`, the JSON listings, and
//! how the response sets compose for S3.
//!
//! Two S3 rules shape the responses:
//! - **Only a 2xx is a success.** S3 answers errors with XML; a `default` success entry would
//!   hand a 503 SlowDown or a 412 to the client as 200. So S3's success entry matches `2\d{2}`
//!   ([`SUCCESS_PATTERN`]), and [`ResponseSet::S3JsonErrorMessage`] ends with `default` -> 500:
//!   whatever S3 answers that no entry lists becomes 500 `{"message": ...}`.
//! - **Every error answer is JSON.** S3 answers HEAD errors with no body at all, and other errors
//!   with `<Error><Message>..</Message></Error>`; an error entry without a template of its own
//!   gets [`error_template`], which reads the message when there is one and says what the status
//!   means when there is none, so the client always gets `{"message": ...}`.

use crate::List;
use crate::options::{ContentHandling, setting};
use crate::params::ResponseHeader;
use crate::responses::{self, Composed, ResponseMapping, ResponseSet, SetKind};
use crate::selection::SelectionKey;
use crate::status::StatusCode;
use crate::template::Template;
use crate::{Str, placeholder};

setting!(
    /// The S3 object operation, chosen by the integration's HTTP method.
    S3Method, "S3 method", {
        /// GetObject.
        Get = ("get", "GET"),
        /// PutObject.
        Put = ("put", "PUT"),
        /// DeleteObject.
        Delete = ("delete", "DELETE"),
        /// HeadObject (authorized by `s3:GetObject`).
        Head = ("head", "HEAD"),
    }
);

impl S3Method {
    /// The one IAM action the method needs.
    pub const fn iam_action(self) -> &'static str {
        S3Call::Object(self).iam_action()
    }
}

setting!(
    /// What a listing answers: S3's XML as it is, or JSON made by a response template.
    ListingFormat, "listing format", {
        /// S3's XML, `application/xml`, passed through.
        Xml = ("xml", "xml"),
        /// A JSON document (`ObjectListing`, `BucketListing`) made by a response template.
        Json = ("json", "json"),
    }
);

/// What a call's uri names: the account's buckets, one bucket, or one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `s3:path//`: the service itself.
    Service,
    /// `s3:path/{bucket}`.
    Bucket,
    /// `s3:path/{bucket}/{key}`.
    Object,
}

/// What an S3 integration asks S3 to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum S3Call {
    /// GetObject, PutObject, DeleteObject or HeadObject on one key.
    Object(S3Method),
    /// ListObjectsV2 on the bucket (`GET /{bucket}?list-type=2`).
    ListObjects(ListingFormat),
    /// ListBuckets (`GET /`): the buckets of the account.
    ListBuckets(ListingFormat),
    /// CreateBucket (`PUT /{bucket}`).
    CreateBucket,
    /// DeleteBucket (`DELETE /{bucket}`).
    DeleteBucket,
}

/// The query parameters of ListObjectsV2 a request may set (`list-type` is the call's own).
pub const LIST_OBJECTS_QUERY: &[&str] = &[
    "prefix",
    "delimiter",
    "max-keys",
    "continuation-token",
    "start-after",
    "fetch-owner",
    "encoding-type",
];

/// The query parameters of ListBuckets a request may set.
pub const LIST_BUCKETS_QUERY: &[&str] = &[
    "prefix",
    "max-buckets",
    "continuation-token",
    "bucket-region",
];

/// A JSON listing runs one `#foreach` over the listed items, and API Gateway runs a `#foreach`
/// at most 1000 times. ListObjectsV2 never answers more than 1000 keys; ListBuckets answers every
/// bucket unless `max-buckets` is set, so the JSON bucket listing asks for pages of this size.
pub const JSON_BUCKET_PAGE: &str = "1000";

impl S3Call {
    /// The S3 API action, as AWS names it.
    pub const fn name(self) -> &'static str {
        match self {
            S3Call::Object(S3Method::Get) => "GetObject",
            S3Call::Object(S3Method::Put) => "PutObject",
            S3Call::Object(S3Method::Delete) => "DeleteObject",
            S3Call::Object(S3Method::Head) => "HeadObject",
            S3Call::ListObjects(_) => "ListObjectsV2",
            S3Call::ListBuckets(_) => "ListBuckets",
            S3Call::CreateBucket => "CreateBucket",
            S3Call::DeleteBucket => "DeleteBucket",
        }
    }

    /// The HTTP method of the S3 request (the integration's `httpMethod`).
    pub const fn http_method(self) -> &'static str {
        match self {
            S3Call::Object(m) => m.as_str(),
            S3Call::ListObjects(_) | S3Call::ListBuckets(_) => "GET",
            S3Call::CreateBucket => "PUT",
            S3Call::DeleteBucket => "DELETE",
        }
    }

    /// What the uri names.
    pub const fn scope(self) -> Scope {
        match self {
            S3Call::Object(_) => Scope::Object,
            S3Call::ListBuckets(_) => Scope::Service,
            S3Call::ListObjects(_) | S3Call::CreateBucket | S3Call::DeleteBucket => Scope::Bucket,
        }
    }

    /// The one IAM action the call needs (besides [`needs_list_bucket`]).
    pub const fn iam_action(self) -> &'static str {
        match self {
            S3Call::Object(S3Method::Get | S3Method::Head) => "s3:GetObject",
            S3Call::Object(S3Method::Put) => "s3:PutObject",
            S3Call::Object(S3Method::Delete) => "s3:DeleteObject",
            S3Call::ListObjects(_) => LIST_BUCKET_ACTION,
            S3Call::ListBuckets(_) => "s3:ListAllMyBuckets",
            S3Call::CreateBucket => "s3:CreateBucket",
            S3Call::DeleteBucket => "s3:DeleteBucket",
        }
    }

    /// The listing's format, for the two listings.
    pub const fn listing(self) -> Option<ListingFormat> {
        match self {
            S3Call::ListObjects(f) | S3Call::ListBuckets(f) => Some(f),
            _ => None,
        }
    }

    /// Query parameters the call sets itself: ListObjectsV2's `list-type=2`; a JSON object
    /// listing asks for URL-encoded keys (`encoding-type=url`, so every key, whatever its
    /// characters, reaches the template intact), a JSON bucket listing for pages of
    /// [`JSON_BUCKET_PAGE`].
    pub const fn fixed_query(self) -> &'static [(&'static str, &'static str)] {
        match self {
            S3Call::ListObjects(ListingFormat::Xml) => &[("list-type", "2")],
            S3Call::ListObjects(ListingFormat::Json) => {
                &[("list-type", "2"), ("encoding-type", "url")]
            }
            S3Call::ListBuckets(ListingFormat::Json) => &[("max-buckets", JSON_BUCKET_PAGE)],
            _ => &[],
        }
    }

    /// The query parameters a request may map for this call; `None`: not checked (object calls
    /// take S3's per-object options, `versionId`, `partNumber`, `response-*`, ...).
    pub const fn mappable_query(self) -> Option<&'static [&'static str]> {
        match self {
            S3Call::ListObjects(_) => Some(LIST_OBJECTS_QUERY),
            S3Call::ListBuckets(_) => Some(LIST_BUCKETS_QUERY),
            S3Call::CreateBucket | S3Call::DeleteBucket => Some(&[]),
            S3Call::Object(_) => None,
        }
    }

    /// The S3 headers passed through on success by default.
    pub const fn pass_headers(self) -> &'static [ResponseHeader] {
        match self {
            S3Call::Object(_) => PASS_HEADERS,
            S3Call::ListObjects(ListingFormat::Xml) | S3Call::ListBuckets(ListingFormat::Xml) => {
                XML_PASS_HEADERS
            }
            S3Call::ListObjects(ListingFormat::Json)
            | S3Call::ListBuckets(ListingFormat::Json)
            | S3Call::CreateBucket
            | S3Call::DeleteBucket => &[],
        }
    }

    /// The template of the success response: the JSON listings'.
    pub const fn success_template(self) -> Option<&'static str> {
        match self {
            S3Call::ListObjects(ListingFormat::Json) => Some(OBJECT_LISTING_TEMPLATE),
            S3Call::ListBuckets(ListingFormat::Json) => Some(BUCKET_LISTING_TEMPLATE),
            _ => None,
        }
    }

    /// The S3 call a rendered integration makes: its HTTP method, what its uri names, and whether
    /// it maps `list-type` (ListObjectsV2 rather than the original ListObjects). `None` for a
    /// combination this module does not name.
    pub fn identify(http_method: &str, scope: Scope, list_type: bool) -> Option<&'static str> {
        let method = http_method.to_ascii_uppercase();
        Some(match (scope, method.as_str()) {
            (Scope::Object, m) => S3Call::Object(S3Method::parse(m).ok()?).name(),
            (Scope::Bucket, "GET") if list_type => "ListObjectsV2",
            (Scope::Bucket, "GET") => "ListObjects",
            (Scope::Bucket, "PUT") => "CreateBucket",
            (Scope::Bucket, "DELETE") => "DeleteBucket",
            (Scope::Bucket, "HEAD") => "HeadBucket",
            (Scope::Service, "GET") => "ListBuckets",
            _ => return None,
        })
    }
}

/// The IAM action that lists a bucket, and that lets S3 tell a missing key (404) from a key the
/// caller may not read (403).
pub const LIST_BUCKET_ACTION: &str = "s3:ListBucket";

/// Whether the integration's role needs `s3:ListBucket` on the bucket besides its call's own
/// action: a GetObject or HeadObject whose responses map a 404. Without it S3 answers a missing
/// key with 403 AccessDenied (S3's GetObject/HeadObject permissions), so the declared 404 could
/// never be returned.
///
/// The grant is on the bucket ARN, without an `s3:prefix` condition: whether a ListBucket
/// narrowed by a prefix counts for S3's 404-or-403 decision is not documented, and a GetObject
/// request carries no `s3:prefix`, so such a condition would most likely not match and silently
/// bring the 403 back. The role is assumed only by API Gateway for this one integration, whose
/// uri is fixed, so the grant is never used to list.
pub fn needs_list_bucket(call: S3Call, composed: &[Composed]) -> bool {
    matches!(call, S3Call::Object(S3Method::Get | S3Method::Head))
        && composed
            .iter()
            .any(|c| c.mapping.key.matches_status(StatusCode::of(404)))
}

/// The headers of S3's answer a client expects on a successful object response.
pub const PASS_HEADERS: &[ResponseHeader] = &[
    ResponseHeader::pass("Content-Type"),
    ResponseHeader::pass("Content-Length"),
    ResponseHeader::pass("Date"),
    ResponseHeader::pass("ETag"),
];

/// The headers passed through with an XML listing (`Content-Type: application/xml`).
pub const XML_PASS_HEADERS: &[ResponseHeader] = &[
    ResponseHeader::pass("Content-Type"),
    ResponseHeader::pass("Date"),
];

/// The selection pattern of S3's success entry: any 2xx, and nothing else.
pub const SUCCESS_PATTERN: &str = "2\\d{2}";

/// The statuses of S3's errors that [`ResponseSet::S3JsonErrorMessage`] maps each to itself; the
/// set's last entry, `default`, maps everything else (S3's 500 and 503 among them) to 500.
pub const ERROR_STATUSES: [u16; 3] = [400, 403, 404];

/// The status S3's unlisted errors become.
pub const FALLBACK_STATUS: StatusCode = StatusCode::INTERNAL_SERVER_ERROR;

/// The status bucket creation and deletion conflicts answer (BucketAlreadyExists,
/// BucketAlreadyOwnedByYou, BucketNotEmpty): mapped by their default sets.
pub const CONFLICT_STATUS: u16 = 409;

/// XML's five named entities decoded, `&amp;` last (so `&amp;lt;` stays `&lt;`), as a chain of
/// VTL `replace` calls.
macro_rules! xml_unescaped {
    () => {
        ".replace('&quot;', '\"').replace('&apos;', \"'\").replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')"
    };
}

/// The VTL that escapes `$name` for a JSON string: `escapeJavaScript` also escapes `'` as `\'`,
/// which JSON does not allow, so that escape is undone.
macro_rules! json_string {
    ($reference:literal) => {
        concat!(
            "$util.escapeJavaScript(",
            $reference,
            ").replaceAll(\"\\\\'\", \"'\")"
        )
    };
}

/// An error template whose message, when S3 sent none, is `$fallback`.
macro_rules! error_template {
    ($fallback:literal) => {
        concat!(
            "#set($body = $input.body)\n",
            "#set($open = $body.indexOf('<Message>'))\n",
            "#set($close = $body.indexOf('</Message>'))\n",
            "#if($open >= 0 && $close > $open)\n",
            "#set($from = $open + 9)\n",
            "#set($message = $body.substring($from, $close)",
            xml_unescaped!(),
            ")\n",
            "#else\n",
            "#set($message = '",
            $fallback,
            "')\n",
            "#end\n",
            "{\"message\": \"",
            json_string!("$message"),
            "\"}\n"
        )
    };
}

/// S3's error, `<Error><Code>..</Code><Message>..</Message></Error>`, as `{"message": "..."}`:
/// the message, its XML entities decoded; without one (HEAD errors have no body, a proxy's page
/// is no S3 error), what the status means.
pub const fn error_template(status: u16) -> &'static str {
    match status {
        400 => error_template!("Bad Request"),
        403 => error_template!("Forbidden"),
        404 => error_template!("Not Found"),
        409 => error_template!("Conflict"),
        _ => error_template!("S3 could not complete the request"),
    }
}

/// ListObjectsV2's XML (asked for with `encoding-type=url`) as an `ObjectListing`:
/// `{"objects": [{"key", "size", "etag", "lastModified"}], "prefixes": [...], "truncated": bool,
/// "nextContinuationToken": "..." | null}`. Keys and prefixes are URL-decoded, the ETag and the
/// token XML-decoded; each `#foreach` runs over at most 1001 parts, the last of which is the
/// document's tail, so API Gateway's limit of 1000 iterations never cuts a page of 1000 keys.
pub const OBJECT_LISTING_TEMPLATE: &str = concat!(
    "#set($xml = $input.body)\n",
    "{\"objects\": [\n",
    "#set($sep = '')\n",
    "#foreach($part in $xml.split('</Contents>'))\n",
    "#set($at = $part.indexOf('<Contents>'))\n",
    "#if($at >= 0)\n",
    "#set($item = $part.substring($at))\n",
    "#set($from = $item.indexOf('<Key>') + 5)\n",
    "#set($to = $item.indexOf('</Key>'))\n",
    "#set($key = $util.urlDecode($item.substring($from, $to)))\n",
    "#set($from = $item.indexOf('<Size>') + 6)\n",
    "#set($to = $item.indexOf('</Size>'))\n",
    "#set($size = $item.substring($from, $to))\n",
    "#set($from = $item.indexOf('<ETag>') + 6)\n",
    "#set($to = $item.indexOf('</ETag>'))\n",
    "#set($etag = $item.substring($from, $to)",
    xml_unescaped!(),
    ")\n",
    "#set($from = $item.indexOf('<LastModified>') + 14)\n",
    "#set($to = $item.indexOf('</LastModified>'))\n",
    "#set($modified = $item.substring($from, $to))\n",
    "${sep}{\"key\": \"",
    json_string!("$key"),
    "\", \"size\": $size, \"etag\": \"",
    json_string!("$etag"),
    "\", \"lastModified\": \"",
    json_string!("$modified"),
    "\"}\n",
    "#set($sep = ',')\n",
    "#end\n",
    "#end\n",
    "],\n",
    "\"prefixes\": [\n",
    "#set($sep = '')\n",
    "#foreach($part in $xml.split('</CommonPrefixes>'))\n",
    "#set($at = $part.indexOf('<CommonPrefixes>'))\n",
    "#if($at >= 0)\n",
    "#set($item = $part.substring($at))\n",
    "#set($from = $item.indexOf('<Prefix>') + 8)\n",
    "#set($to = $item.indexOf('</Prefix>'))\n",
    "#set($prefix = $util.urlDecode($item.substring($from, $to)))\n",
    "${sep}\"",
    json_string!("$prefix"),
    "\"\n",
    "#set($sep = ',')\n",
    "#end\n",
    "#end\n",
    "],\n",
    "#set($from = $xml.indexOf('<IsTruncated>') + 13)\n",
    "#set($to = $xml.indexOf('</IsTruncated>'))\n",
    "\"truncated\": $xml.substring($from, $to),\n",
    "#set($at = $xml.indexOf('<NextContinuationToken>'))\n",
    "#if($at >= 0)\n",
    "#set($from = $at + 23)\n",
    "#set($to = $xml.indexOf('</NextContinuationToken>'))\n",
    "#set($token = $xml.substring($from, $to)",
    xml_unescaped!(),
    ")\n",
    "\"nextContinuationToken\": \"",
    json_string!("$token"),
    "\"\n",
    "#else\n",
    "\"nextContinuationToken\": null\n",
    "#end\n",
    "}\n"
);

/// ListBuckets' XML as a `BucketListing`: `{"buckets": [{"name", "creationDate"}],
/// "nextContinuationToken": "..." | null}` (asked for in pages of [`JSON_BUCKET_PAGE`]).
pub const BUCKET_LISTING_TEMPLATE: &str = concat!(
    "#set($xml = $input.body)\n",
    "{\"buckets\": [\n",
    "#set($sep = '')\n",
    "#foreach($part in $xml.split('</Bucket>'))\n",
    "#set($at = $part.indexOf('<Bucket>'))\n",
    "#if($at >= 0)\n",
    "#set($item = $part.substring($at))\n",
    "#set($from = $item.indexOf('<Name>') + 6)\n",
    "#set($to = $item.indexOf('</Name>'))\n",
    "#set($name = $item.substring($from, $to))\n",
    "#set($from = $item.indexOf('<CreationDate>') + 14)\n",
    "#set($to = $item.indexOf('</CreationDate>'))\n",
    "#set($created = $item.substring($from, $to))\n",
    "${sep}{\"name\": \"",
    json_string!("$name"),
    "\", \"creationDate\": \"",
    json_string!("$created"),
    "\"}\n",
    "#set($sep = ',')\n",
    "#end\n",
    "#end\n",
    "],\n",
    "#set($at = $xml.indexOf('<ContinuationToken>'))\n",
    "#if($at >= 0)\n",
    "#set($from = $at + 19)\n",
    "#set($to = $xml.indexOf('</ContinuationToken>'))\n",
    "#set($token = $xml.substring($from, $to)",
    xml_unescaped!(),
    ")\n",
    "\"nextContinuationToken\": \"",
    json_string!("$token"),
    "\"\n",
    "#else\n",
    "\"nextContinuationToken\": null\n",
    "#end\n",
    "}\n"
);

/// The response sets an S3 integration may use.
pub const SETS: &[SetKind] = &SetKind::ALL;

/// The entries of [`ResponseSet::S3JsonErrorMessage`]: 400, 403 and 404 each to itself, then
/// `default` -> 500, every one answering `{"message": ...}` ([`error_template`]).
pub fn error_entries() -> Vec<ResponseMapping> {
    ERROR_STATUSES
        .iter()
        .map(|&s| error_entry(SelectionKey::Pattern(Str::Owned(s.to_string())), s))
        .chain([error_entry(SelectionKey::Default, FALLBACK_STATUS.get())])
        .collect()
}

/// `key` -> `status` with S3's JSON error template.
fn error_entry(key: SelectionKey, status: u16) -> ResponseMapping {
    ResponseMapping {
        key,
        status: StatusCode::of(status),
        headers: List::Borrowed(&[]),
        templates: List::Owned(vec![Template::json(error_template(status))]),
        content_handling: None,
    }
}

/// The sets used when none are given: S3's answer passed through with `success` and `headers` on
/// a 2xx, S3's errors as JSON; bucket creation and deletion also map 409 (a bucket that exists,
/// or is not empty).
pub fn default_sets(
    call: S3Call,
    success: StatusCode,
    headers: List<ResponseHeader>,
    content_handling: Option<ContentHandling>,
) -> Vec<ResponseSet> {
    let mut sets = vec![
        ResponseSet::DefaultPassthrough {
            status: success,
            headers,
            content_handling,
        },
        ResponseSet::S3JsonErrorMessage,
    ];
    if matches!(call, S3Call::CreateBucket | S3Call::DeleteBucket) {
        sets.push(ResponseSet::Mapping(error_entry(
            SelectionKey::Pattern(Str::Owned(CONFLICT_STATUS.to_string())),
            CONFLICT_STATUS,
        )));
    }
    sets
}

/// The sets as S3 reads them: `default_passthrough` is S3's success entry, `2\d{2}` (with the
/// JSON listing's template for a JSON listing); the others unchanged. One set for one, so a set's
/// position (and what reports point at) stays.
pub fn prepare(call: S3Call, sets: &[ResponseSet]) -> Vec<ResponseSet> {
    sets.iter()
        .map(|set| match set {
            ResponseSet::DefaultPassthrough {
                status,
                headers,
                content_handling,
            } => ResponseSet::Mapping(ResponseMapping {
                key: SelectionKey::Pattern(Str::Borrowed(SUCCESS_PATTERN)),
                status: *status,
                headers: headers.clone(),
                templates: match call.success_template() {
                    Some(t) => List::Owned(vec![Template::json(t)]),
                    None => List::Borrowed(&[]),
                },
                content_handling: *content_handling,
            }),
            other => other.clone(),
        })
        .collect()
}

/// The integration responses of an S3 integration: [`prepare`]d, composed, and every entry
/// answering a 4xx or 5xx without a template of its own given [`error_template`] (so `catch_all`
/// and a bare `"404" => 404` answer JSON too, never S3's XML labelled `application/json`).
pub fn compose(call: S3Call, sets: &[ResponseSet]) -> Vec<Composed> {
    let mut composed = responses::compose(&prepare(call, sets));
    for c in &mut composed {
        let status = c.mapping.status.get();
        if status >= 400 && c.mapping.templates.is_empty() {
            c.mapping.templates = List::Owned(vec![Template::json(error_template(status))]);
        }
    }
    composed
}

/// The distinct statuses an S3 integration's sets answer, in order of first appearance.
pub fn answers(call: S3Call, sets: &[ResponseSet]) -> Vec<StatusCode> {
    let mut out = Vec::new();
    for c in compose(call, sets) {
        if !out.contains(&c.mapping.status) {
            out.push(c.mapping.status);
        }
    }
    out
}

/// The object key an operation's own path names (when the integration gives no `path`): the path
/// without its leading `/`, a greedy `{key+}` written as the plain placeholder `{key}` a uri uses.
pub fn key_of_path(resource_path: &str) -> String {
    resource_path.trim_start_matches('/').replace("+}", "}")
}

/// Why a key names no object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the S3 path names no object: write the object key, e.g. `path = \"pets/{{petId}}.json\"`; to list the bucket, write `list_objects = \"json\"` (or `\"xml\"`) instead of `path`"
)]
pub struct EmptyKey;

/// The key as written in `path = "..."`, without a leading `/`.
pub fn key(written: &str) -> Result<String, EmptyKey> {
    let key = written.trim_start_matches('/');
    if key.is_empty() {
        Err(EmptyKey)
    } else {
        Ok(key.to_string())
    }
}

/// The uri placeholder of a bucket the request names: `s3:path/{bucket}/...`.
pub const BUCKET_PLACEHOLDER: &str = "bucket";

/// A bucket-name pattern the integration's role cannot be limited to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "bucket pattern `{written}` {why}: write the bucket names the role may use, lower-case letters, digits, `.` and `-`, with `*` (any characters) or `?` (one character), e.g. `\"photos-*\"`"
)]
pub struct BucketPatternError {
    pub written: String,
    pub why: &'static str,
}

/// The longest bucket name S3 accepts.
pub const BUCKET_NAME_MAX: usize = 63;

/// Checks the pattern of the buckets a request may name (an IAM resource pattern, as written:
/// no `*` is added that the user did not write).
pub fn check_bucket_pattern(written: &str) -> Result<(), BucketPatternError> {
    let fail = |why| {
        Err(BucketPatternError {
            written: written.to_string(),
            why,
        })
    };
    if written.is_empty() {
        return fail("is empty");
    }
    if written.len() > BUCKET_NAME_MAX {
        return fail("is longer than a bucket name (63 characters)");
    }
    if !written
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.*?".contains(c))
    {
        return fail("holds a character no bucket name has");
    }
    Ok(())
}

/// The object ARN pattern of `key`: each placeholder becomes `*`.
pub fn key_wildcard(key: &str) -> String {
    placeholder::wildcard(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_vtl::{Input, Template as Vtl};

    /// `template` rendered on an integration response `body`.
    fn render(template: &str, body: &str) -> String {
        let t = Vtl::parse(template).unwrap_or_else(|e| panic!("{e}\n{template}"));
        let input = Input {
            body: body.to_string(),
            ..Input::default()
        };
        t.render(&input).unwrap_or_else(|e| panic!("{e}")).body
    }

    fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }

    #[test]
    fn methods_and_their_actions() {
        assert_eq!(S3Method::parse("GET"), Ok(S3Method::Get));
        assert_eq!(S3Method::Head.iam_action(), "s3:GetObject");
        assert_eq!(
            S3Method::parse("post").unwrap_err().to_string(),
            "unknown S3 method `post`: expected one of \"get\", \"put\", \"delete\", \"head\""
        );
    }

    #[test]
    fn every_call_has_its_method_scope_and_action() {
        let cases = [
            (
                S3Call::Object(S3Method::Get),
                "GET",
                Scope::Object,
                "s3:GetObject",
            ),
            (
                S3Call::Object(S3Method::Head),
                "HEAD",
                Scope::Object,
                "s3:GetObject",
            ),
            (
                S3Call::Object(S3Method::Put),
                "PUT",
                Scope::Object,
                "s3:PutObject",
            ),
            (
                S3Call::Object(S3Method::Delete),
                "DELETE",
                Scope::Object,
                "s3:DeleteObject",
            ),
            (
                S3Call::ListObjects(ListingFormat::Json),
                "GET",
                Scope::Bucket,
                "s3:ListBucket",
            ),
            (
                S3Call::ListBuckets(ListingFormat::Xml),
                "GET",
                Scope::Service,
                "s3:ListAllMyBuckets",
            ),
            (
                S3Call::CreateBucket,
                "PUT",
                Scope::Bucket,
                "s3:CreateBucket",
            ),
            (
                S3Call::DeleteBucket,
                "DELETE",
                Scope::Bucket,
                "s3:DeleteBucket",
            ),
        ];
        for (call, method, scope, action) in cases {
            assert_eq!(call.http_method(), method, "{call:?}");
            assert_eq!(call.scope(), scope, "{call:?}");
            assert_eq!(call.iam_action(), action, "{call:?}");
            let list_type = call.fixed_query().iter().any(|(k, _)| *k == "list-type");
            assert_eq!(
                S3Call::identify(method, scope, list_type),
                Some(call.name()),
                "{call:?}"
            );
        }
        assert_eq!(
            S3Call::identify("get", Scope::Bucket, false),
            Some("ListObjects")
        );
        assert_eq!(S3Call::identify("POST", Scope::Service, false), None);
    }

    #[test]
    fn listings_set_their_own_query_parameters() {
        assert_eq!(
            S3Call::ListObjects(ListingFormat::Json).fixed_query(),
            [("list-type", "2"), ("encoding-type", "url")]
        );
        assert_eq!(
            S3Call::ListObjects(ListingFormat::Xml).fixed_query(),
            [("list-type", "2")]
        );
        assert!(
            S3Call::ListObjects(ListingFormat::Xml)
                .mappable_query()
                .unwrap()
                .contains(&"continuation-token")
        );
        assert_eq!(S3Call::Object(S3Method::Get).mappable_query(), None);
    }

    #[test]
    fn keys_from_paths() {
        assert_eq!(key_of_path("/files/{key+}"), "files/{key}");
        assert_eq!(key_of_path("/pets/{petId}"), "pets/{petId}");
        assert_eq!(key("/a/{b}"), Ok("a/{b}".to_string()));
        assert!(key("/").is_err());
        assert!(key("").unwrap_err().to_string().contains("list_objects"));
    }

    #[test]
    fn bucket_patterns_are_what_iam_can_match() {
        assert!(check_bucket_pattern("photos-*").is_ok());
        assert!(check_bucket_pattern("*").is_ok());
        assert!(check_bucket_pattern("a.b-c?").is_ok());
        assert_eq!(
            check_bucket_pattern("Photos").unwrap_err().to_string(),
            "bucket pattern `Photos` holds a character no bucket name has: write the bucket names the role may use, lower-case letters, digits, `.` and `-`, with `*` (any characters) or `?` (one character), e.g. `\"photos-*\"`"
        );
        assert!(check_bucket_pattern("").is_err());
        assert!(check_bucket_pattern("a/b").is_err());
        assert!(check_bucket_pattern("${x}").is_err());
        assert!(check_bucket_pattern(&"a".repeat(64)).is_err());
    }

    fn composed_keys(call: S3Call, sets: &[ResponseSet]) -> Vec<(String, u16)> {
        compose(call, sets)
            .into_iter()
            .map(|c| (c.mapping.key.to_string(), c.mapping.status.get()))
            .collect()
    }

    fn passthrough() -> ResponseSet {
        ResponseSet::DefaultPassthrough {
            status: StatusCode::OK,
            headers: List::Borrowed(PASS_HEADERS),
            content_handling: None,
        }
    }

    #[test]
    fn only_a_2xx_is_a_success_and_unlisted_errors_are_500() {
        let get = S3Call::Object(S3Method::Get);
        let sets = default_sets(get, StatusCode::OK, List::Borrowed(PASS_HEADERS), None);
        assert_eq!(
            composed_keys(get, &sets),
            [
                ("2\\d{2}".to_string(), 200),
                ("400".into(), 400),
                ("403".into(), 403),
                ("404".into(), 404),
                ("default".into(), 500)
            ]
        );
        let got: Vec<u16> = answers(get, &sets)
            .into_iter()
            .map(StatusCode::get)
            .collect();
        assert_eq!(got, [200, 400, 403, 404, 500]);
        // 503 SlowDown, 412, a redirect: no pattern matches, `default` answers 500.
        let composed = compose(get, &sets);
        for status in [503, 412, 301, 500] {
            let hit = composed
                .iter()
                .find(|c| c.mapping.key.matches_status(StatusCode::of(status)));
            assert!(hit.is_none(), "{status} falls to default");
        }
        assert!(
            composed
                .iter()
                .any(|c| c.mapping.key.matches_status(StatusCode::of(206)))
        );
        // Bucket calls also map conflicts.
        let create = default_sets(
            S3Call::CreateBucket,
            StatusCode::OK,
            List::Borrowed(&[]),
            None,
        );
        let got: Vec<u16> = answers(S3Call::CreateBucket, &create)
            .into_iter()
            .map(StatusCode::get)
            .collect();
        assert_eq!(got, [200, 400, 403, 404, 500, 409]);
    }

    #[test]
    fn error_entries_without_a_template_answer_json() {
        let get = S3Call::Object(S3Method::Get);
        let sets = [
            passthrough(),
            ResponseSet::CatchAll,
            ResponseSet::Mapping(ResponseMapping::status(
                SelectionKey::Pattern(Str::Borrowed("404")),
                StatusCode::of(404),
            )),
        ];
        let composed = compose(get, &sets);
        assert!(composed[0].mapping.templates.is_empty());
        assert_eq!(composed[1].mapping.templates[0].text, error_template(500));
        assert_eq!(composed[2].mapping.templates[0].text, error_template(404));
        // A template of the user's own stays.
        let own = [ResponseSet::Mapping(ResponseMapping {
            key: SelectionKey::Pattern(Str::Borrowed("404")),
            status: StatusCode::of(404),
            headers: List::Borrowed(&[]),
            templates: List::Owned(vec![Template::json("{}")]),
            content_handling: None,
        })];
        assert_eq!(compose(get, &own)[0].mapping.templates[0].text, "{}");
    }

    #[test]
    fn list_bucket_is_needed_for_reads_that_map_404() {
        let defaults = |call| {
            compose(
                call,
                &default_sets(call, StatusCode::OK, List::Borrowed(&[]), None),
            )
        };
        let get = S3Call::Object(S3Method::Get);
        let head = S3Call::Object(S3Method::Head);
        assert!(needs_list_bucket(get, &defaults(get)));
        assert!(needs_list_bucket(head, &defaults(head)));
        for call in [
            S3Call::Object(S3Method::Put),
            S3Call::Object(S3Method::Delete),
            S3Call::ListObjects(ListingFormat::Json),
            S3Call::CreateBucket,
        ] {
            assert!(!needs_list_bucket(call, &defaults(call)), "{call:?}");
        }
        // No entry selects a 404: a missing key is whatever `default` says, no ListBucket.
        let no_404 = compose(
            get,
            &[
                passthrough(),
                ResponseSet::Mapping(ResponseMapping::status(
                    SelectionKey::Default,
                    StatusCode::of(500),
                )),
            ],
        );
        assert!(!needs_list_bucket(get, &no_404));
        // `catch_all` selects 404 (as 500): S3 must still tell 404 from 403.
        let catch_all = compose(get, &[passthrough(), ResponseSet::CatchAll]);
        assert!(needs_list_bucket(get, &catch_all));
    }

    #[test]
    fn json_listings_carry_their_template() {
        let list = S3Call::ListObjects(ListingFormat::Json);
        let composed = compose(list, &[passthrough()]);
        assert_eq!(
            composed[0].mapping.templates[0].text,
            OBJECT_LISTING_TEMPLATE
        );
        let xml = S3Call::ListObjects(ListingFormat::Xml);
        assert!(
            compose(xml, &[passthrough()])[0]
                .mapping
                .templates
                .is_empty()
        );
    }

    #[test]
    fn error_template_reads_s3s_message() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a</Key><RequestId>1</RequestId></Error>";
        assert_eq!(
            json(&render(error_template(404), xml)),
            serde_json::json!({"message": "The specified key does not exist."})
        );
        // Entities, an apostrophe, quotes, backslashes and unicode come out as JSON text.
        let tricky = "<Error><Code>X</Code><Message>O&apos;Brien &amp; &quot;Zoë&quot; \\ 🐕 &lt;b&gt; it's</Message></Error>";
        assert_eq!(
            json(&render(error_template(403), tricky)),
            serde_json::json!({"message": "O'Brien & \"Zoë\" \\ 🐕 <b> it's"})
        );
        assert_eq!(
            json(&render(
                error_template(500),
                "<Error><Message></Message></Error>"
            )),
            serde_json::json!({"message": ""})
        );
    }

    #[test]
    fn error_template_answers_json_without_a_message() {
        // API Gateway gives a template `{}` for an empty body (HEAD errors have none).
        for (status, message) in [
            (400, "Bad Request"),
            (403, "Forbidden"),
            (404, "Not Found"),
            (409, "Conflict"),
            (500, "S3 could not complete the request"),
            (503, "S3 could not complete the request"),
        ] {
            for body in [
                "{}",
                "",
                "<html><body>Bad gateway</body></html>",
                "\u{0}\u{1}binary",
            ] {
                assert_eq!(
                    json(&render(error_template(status), body)),
                    serde_json::json!({ "message": message }),
                    "{status} {body:?}"
                );
            }
        }
        // Half an element is no message.
        assert_eq!(
            json(&render(error_template(404), "</Message><Message>")),
            serde_json::json!({"message": "Not Found"})
        );
    }

    /// ListObjectsV2 as S3 documents it (ETags as `&quot;`), URL-encoded keys.
    fn listing(contents: &[(&str, u64)], prefixes: &[&str], next: Option<&str>) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name><Prefix></Prefix>",
        );
        if let Some(n) = next {
            xml.push_str(&format!(
                "<NextContinuationToken>{n}</NextContinuationToken>"
            ));
        }
        xml.push_str(&format!(
            "<KeyCount>{}</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType><IsTruncated>{}</IsTruncated>",
            contents.len() + prefixes.len(),
            next.is_some()
        ));
        for (key, size) in contents {
            xml.push_str(&format!("<Contents><Key>{key}</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified><ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>{size}</Size><StorageClass>STANDARD</StorageClass></Contents>"));
        }
        for p in prefixes {
            xml.push_str(&format!(
                "<CommonPrefixes><Prefix>{p}</Prefix></CommonPrefixes>"
            ));
        }
        xml.push_str("</ListBucketResult>");
        xml
    }

    #[test]
    fn object_listing_of_an_empty_bucket() {
        assert_eq!(
            json(&render(OBJECT_LISTING_TEMPLATE, &listing(&[], &[], None))),
            serde_json::json!({"objects": [], "prefixes": [], "truncated": false, "nextContinuationToken": null})
        );
    }

    #[test]
    fn object_listing_decodes_every_key() {
        let xml = listing(
            &[
                ("a%26b%27c%22d", 1),
                ("caf%C3%A9/%F0%9F%90%95%20x%2By", 2),
                ("back%5Cslash%3Cb%3E", 0),
            ],
            &["photos%2Fraw/", "it%27s/"],
            Some("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="),
        );
        assert_eq!(
            json(&render(OBJECT_LISTING_TEMPLATE, &xml)),
            serde_json::json!({
                "objects": [
                    {"key": "a&b'c\"d", "size": 1, "etag": "\"fba9dede5f27731c9771645a39863328\"", "lastModified": "2009-10-12T17:50:30.000Z"},
                    {"key": "café/🐕 x+y", "size": 2, "etag": "\"fba9dede5f27731c9771645a39863328\"", "lastModified": "2009-10-12T17:50:30.000Z"},
                    {"key": "back\\slash<b>", "size": 0, "etag": "\"fba9dede5f27731c9771645a39863328\"", "lastModified": "2009-10-12T17:50:30.000Z"},
                ],
                "prefixes": ["photos/raw/", "it's/"],
                "truncated": true,
                "nextContinuationToken": "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
            })
        );
    }

    #[test]
    fn object_listing_of_a_full_page() {
        let keys: Vec<String> = (0..1000).map(|i| format!("k{i:04}")).collect();
        let contents: Vec<(&str, u64)> = keys.iter().map(|k| (k.as_str(), 7)).collect();
        let out = json(&render(
            OBJECT_LISTING_TEMPLATE,
            &listing(&contents, &[], Some("t")),
        ));
        let objects = out["objects"].as_array().unwrap();
        assert_eq!(objects.len(), 1000);
        assert_eq!(objects[999]["key"], "k0999");
        assert_eq!(out["nextContinuationToken"], "t");
    }

    #[test]
    fn bucket_listing() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>1</ID><DisplayName>me</DisplayName></Owner><Buckets><Bucket><Name>photos-1</Name><CreationDate>2019-12-11T23:32:47+00:00</CreationDate></Bucket><Bucket><Name>a.b</Name><CreationDate>2020-01-01T00:00:00.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket></Buckets><ContinuationToken>abc&amp;d</ContinuationToken></ListAllMyBucketsResult>";
        assert_eq!(
            json(&render(BUCKET_LISTING_TEMPLATE, xml)),
            serde_json::json!({
                "buckets": [
                    {"name": "photos-1", "creationDate": "2019-12-11T23:32:47+00:00"},
                    {"name": "a.b", "creationDate": "2020-01-01T00:00:00.000Z"},
                ],
                "nextContinuationToken": "abc&d",
            })
        );
        let none = "<ListAllMyBucketsResult><Owner><ID>1</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>";
        assert_eq!(
            json(&render(BUCKET_LISTING_TEMPLATE, none)),
            serde_json::json!({"buckets": [], "nextContinuationToken": null})
        );
    }
}
