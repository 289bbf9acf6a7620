//! Integration responses: how a backend's answer becomes a method response. A [`ResponseMapping`]
//! is one entry of the integration's `responses`; a [`ResponseSet`] is a ready-made group of them.
//! Sets compose in order, a later entry replacing an earlier one with the same selection key, and
//! [`answers`] is what the composition can produce: the statuses the operation must declare.

use crate::options::ContentHandling;
use crate::params::ResponseHeader;
use crate::selection::{self, SelectionKey};
use crate::status::StatusCode;
use crate::template::Template;
use crate::{List, Str, s3};

/// One integration response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResponseMapping {
    pub key: SelectionKey,
    pub status: StatusCode,
    /// Method response headers and where their values come from.
    pub headers: List<ResponseHeader>,
    /// Response templates, by content type.
    pub templates: List<Template>,
    pub content_handling: Option<ContentHandling>,
}

impl ResponseMapping {
    /// `key` -> `status`, nothing else mapped.
    pub const fn status(key: SelectionKey, status: StatusCode) -> ResponseMapping {
        ResponseMapping {
            key,
            status,
            headers: List::Borrowed(&[]),
            templates: List::Borrowed(&[]),
            content_handling: None,
        }
    }
}

/// The ready-made sets, as users name them in `responses = [...]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetKind {
    DefaultPassthrough,
    S3JsonErrorMessage,
    CatchAll,
}

impl SetKind {
    pub const ALL: [SetKind; 3] = [
        SetKind::DefaultPassthrough,
        SetKind::S3JsonErrorMessage,
        SetKind::CatchAll,
    ];

    pub const fn written(self) -> &'static str {
        match self {
            SetKind::DefaultPassthrough => "default_passthrough",
            SetKind::S3JsonErrorMessage => "s3_json_error_message",
            SetKind::CatchAll => "catch_all",
        }
    }

    pub fn parse(written: &str) -> Option<SetKind> {
        SetKind::ALL.into_iter().find(|k| k.written() == written)
    }
}

/// A group of integration responses.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResponseSet {
    /// `default` -> `status`, the backend's body passed through, `headers` mapped.
    DefaultPassthrough {
        status: StatusCode,
        headers: List<ResponseHeader>,
        content_handling: Option<ContentHandling>,
    },
    /// S3's 400/403/404 -> the same status, anything else -> 500, with a JSON `{"message": ...}`
    /// body (the entries are S3's: [`s3::error_entries`]).
    S3JsonErrorMessage,
    /// Any 4xx/5xx -> 500, body passed through.
    CatchAll,
    /// One entry spelled out by the user.
    Mapping(ResponseMapping),
}

/// The selection pattern of [`ResponseSet::CatchAll`]: any 4xx or 5xx backend status.
pub const CATCH_ALL_PATTERN: &str = "(4|5)\\d{2}";

impl ResponseSet {
    /// The ready-made set this is; `None` for an entry spelled out by the user.
    pub fn kind(&self) -> Option<SetKind> {
        match self {
            ResponseSet::DefaultPassthrough { .. } => Some(SetKind::DefaultPassthrough),
            ResponseSet::S3JsonErrorMessage => Some(SetKind::S3JsonErrorMessage),
            ResponseSet::CatchAll => Some(SetKind::CatchAll),
            ResponseSet::Mapping(_) => None,
        }
    }

    /// The entries of this set alone, in order.
    pub fn entries(&self) -> Vec<ResponseMapping> {
        match self {
            ResponseSet::DefaultPassthrough {
                status,
                headers,
                content_handling,
            } => vec![ResponseMapping {
                key: SelectionKey::Default,
                status: *status,
                headers: headers.clone(),
                templates: List::Borrowed(&[]),
                content_handling: *content_handling,
            }],
            ResponseSet::S3JsonErrorMessage => s3::error_entries(),
            ResponseSet::CatchAll => vec![ResponseMapping::status(
                SelectionKey::Pattern(Str::Borrowed(CATCH_ALL_PATTERN)),
                StatusCode::INTERNAL_SERVER_ERROR,
            )],
            ResponseSet::Mapping(m) => vec![m.clone()],
        }
    }
}

/// One entry of a composition, with the index of the set it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub mapping: ResponseMapping,
    /// Index into the composed sets (for messages spanned on the set that introduced it).
    pub origin: usize,
    /// The ready-made set it comes from; `None`: spelled out by the user (`"pattern" => status`),
    /// so a message can suggest rewriting its pattern.
    pub set: Option<SetKind>,
}

impl Composed {
    /// How messages name the entry: as the user wrote it (`"404"`, `default (no pattern
    /// matched)`), or by its set (`catch_all`), whose pattern the user never wrote.
    pub fn describe(&self) -> String {
        let key = format!("`{}`", self.mapping.key.describe());
        match self.set {
            None => key,
            Some(SetKind::S3JsonErrorMessage) => {
                format!("{key} of `{}`", SetKind::S3JsonErrorMessage.written())
            }
            Some(set) => format!("`{}`", set.written()),
        }
    }
}

/// The `responses` of `sets` composed in order: a later entry with the same selection key
/// replaces the earlier one, keeping its position. The catch-all is then narrowed to the 4xx and
/// 5xx statuses no other entry selects, so no two patterns select one status: which of two
/// matching patterns API Gateway takes is not documented.
pub fn compose(sets: &[ResponseSet]) -> Vec<Composed> {
    let mut out: Vec<Composed> = Vec::new();
    for (origin, set) in sets.iter().enumerate() {
        let kind = set.kind();
        for mapping in set.entries() {
            let entry = Composed {
                mapping,
                origin,
                set: kind,
            };
            match out.iter_mut().find(|c| c.mapping.key == entry.mapping.key) {
                Some(slot) => *slot = entry,
                None => out.push(entry),
            }
        }
    }
    narrow_catch_all(&mut out);
    out
}

/// The catch-all selects what the other patterns leave (dropped when they leave nothing).
fn narrow_catch_all(out: &mut Vec<Composed>) {
    let Some(at) = out.iter().position(|c| c.set == Some(SetKind::CatchAll)) else {
        return;
    };
    let mut taken: Vec<StatusCode> = Vec::new();
    for c in out.iter().filter(|c| c.set != Some(SetKind::CatchAll)) {
        if let SelectionKey::Pattern(p) = &c.mapping.key {
            taken.extend(selection::statuses_matched(p).unwrap_or_default());
        }
    }
    taken.retain(|s| (400..=599).contains(&s.get()));
    if taken.is_empty() {
        return;
    }
    let rest: Vec<StatusCode> = (400..=599)
        .map(StatusCode::of)
        .filter(|s| !taken.contains(s))
        .collect();
    if rest.is_empty() {
        out.remove(at);
    } else {
        out[at].mapping.key = SelectionKey::Pattern(Str::Owned(selection::pattern_for(&rest)));
    }
}

/// How selection patterns are matched, which decides how two of them merge into one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    /// Against the backend's HTTP status (HTTP, AWS, S3 integrations): merged as the statuses
    /// both select, written compactly (`"403"` and `"404"` give `"40[34]"`).
    Status,
    /// Against a Lambda error's `errorMessage`: merged as an alternation of the two patterns.
    ErrorMessage,
}

/// The one entry that does what two user entries answering `status` do: their patterns merged,
/// written as the user writes an entry (`"40[34]" => 404`, `error "A.*|B.*" => 404`). `None`
/// when either comes from a ready-made set (its pattern is not the user's to rewrite) or is
/// `default`.
fn merged_entry(first: &Composed, second: &Composed, kind: PatternKind) -> Option<String> {
    if first.set.is_some() || second.set.is_some() {
        return None;
    }
    let (SelectionKey::Pattern(a), SelectionKey::Pattern(b)) =
        (&first.mapping.key, &second.mapping.key)
    else {
        return None;
    };
    let status = second.mapping.status;
    match kind {
        PatternKind::Status => {
            let mut codes = selection::statuses_matched(a).ok()?;
            codes.extend(selection::statuses_matched(b).ok()?);
            if codes.is_empty() {
                return None;
            }
            let merged = SelectionKey::Pattern(Str::Owned(selection::pattern_for(&codes)));
            Some(format!("{} => {status}", merged.describe()))
        }
        PatternKind::ErrorMessage => {
            let merged = SelectionKey::Pattern(Str::Owned(format!("{a}|{b}")));
            Some(format!("error {} => {status}", merged.describe()))
        }
    }
}

/// Two selection patterns of one integration that select a common status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap {
    /// Index (in the composition) of the earlier entry.
    pub first: usize,
    /// Index of the later entry.
    pub second: usize,
    /// A status both select.
    pub status: StatusCode,
    /// The earlier pattern rewritten to leave the later one's statuses alone.
    pub suggestion: String,
    /// When both entries answer one status: the one entry that replaces them.
    pub merged: Option<String>,
}

impl Overlap {
    pub fn message(&self, composed: &[Composed]) -> String {
        let key = |i: usize| {
            composed
                .get(i)
                .map(|c| c.mapping.key.describe())
                .unwrap_or_default()
        };
        let (first, second, status) = (key(self.first), key(self.second), self.status);
        match &self.merged {
            Some(merged) => format!(
                "selection patterns `{first}` and `{second}` both select status {status} (API Gateway does not document which one it takes) and map it alike: write them as one entry, `{merged}`"
            ),
            None => format!(
                "selection patterns `{first}` and `{second}` both select status {status}: API Gateway does not document which one it takes, so make them disjoint, e.g. `\"{}\"` for the first",
                self.suggestion.replace('\\', "\\\\")
            ),
        }
    }
}

/// Every pair of status patterns of `composed` that select a common status (a pattern that is
/// not a valid regular expression selects nothing here: [`invalid_patterns`] reports it).
pub fn overlaps(composed: &[Composed]) -> Vec<Overlap> {
    let matched: Vec<Vec<StatusCode>> = composed
        .iter()
        .map(|c| match &c.mapping.key {
            SelectionKey::Pattern(p) => selection::statuses_matched(p).unwrap_or_default(),
            SelectionKey::Default => Vec::new(),
        })
        .collect();
    let mut out = Vec::new();
    for second in 0..composed.len() {
        for first in 0..second {
            if let Some(&status) = matched[second].iter().find(|s| matched[first].contains(s)) {
                let rest: Vec<StatusCode> = matched[first]
                    .iter()
                    .copied()
                    .filter(|s| !matched[second].contains(s))
                    .collect();
                let same_status = composed[first].mapping.status == composed[second].mapping.status;
                out.push(Overlap {
                    first,
                    second,
                    status,
                    suggestion: selection::pattern_for(&rest),
                    merged: same_status
                        .then(|| {
                            merged_entry(&composed[first], &composed[second], PatternKind::Status)
                        })
                        .flatten(),
                });
                break;
            }
        }
    }
    out
}

/// The selection patterns of `composed` that are not regular expressions API Gateway accepts
/// (its deployment would fail), with their index.
pub fn invalid_patterns(composed: &[Composed]) -> Vec<(usize, selection::PatternError)> {
    composed
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.mapping.key {
            SelectionKey::Pattern(p) => selection::pattern_regex(p).err().map(|e| (i, e)),
            SelectionKey::Default => None,
        })
        .collect()
}

/// The distinct statuses `sets` can answer, in order of first appearance.
pub fn answers(sets: &[ResponseSet]) -> Vec<StatusCode> {
    let mut out = Vec::new();
    for c in compose(sets) {
        if !out.contains(&c.mapping.status) {
            out.push(c.mapping.status);
        }
    }
    out
}

/// Two entries answering one status: API Gateway keeps one integration response per status, so
/// one of them would be lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateStatus {
    pub status: StatusCode,
    /// Index (in the composition) of the earlier entry.
    pub first: usize,
    /// Index (in the composition) of the later entry.
    pub second: usize,
    /// When both are the user's patterns: the one entry that replaces them.
    pub merged: Option<String>,
}

impl DuplicateStatus {
    pub fn message(&self, composed: &[Composed]) -> String {
        let describe = |i: usize| composed.get(i).map(Composed::describe).unwrap_or_default();
        let (first, second) = (describe(self.first), describe(self.second));
        let fix = match &self.merged {
            Some(merged) => format!(
                "merge them into one entry, `{merged}`, or map one of them to another status"
            ),
            None => "map one of them to another status, or drop it".to_string(),
        };
        format!(
            "two integration responses answer {}: {first} and {second}. API Gateway keeps one integration response per status, so one would be lost: {fix}",
            self.status,
        )
    }
}

/// Every later entry of `composed` that answers a status an earlier one already answers; `kind`
/// says how the patterns are matched (so how two merge).
pub fn duplicate_statuses(composed: &[Composed], kind: PatternKind) -> Vec<DuplicateStatus> {
    let mut out = Vec::new();
    for (i, c) in composed.iter().enumerate() {
        if let Some(first) = composed[..i]
            .iter()
            .position(|f| f.mapping.status == c.mapping.status)
        {
            out.push(DuplicateStatus {
                status: c.mapping.status,
                first,
                second: i,
                merged: merged_entry(&composed[first], c, kind),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &'static str) -> SelectionKey {
        SelectionKey::Pattern(Str::Borrowed(p))
    }

    #[test]
    fn later_sets_override_key_by_key() {
        let sets = [
            ResponseSet::DefaultPassthrough {
                status: StatusCode::OK,
                headers: List::Borrowed(&[]),
                content_handling: None,
            },
            // (S3's error set composes through `s3::compose`, which reads `default_passthrough`
            // as S3's `2\d{2}` entry; plain entries keep these tests about composition alone.)
            ResponseSet::Mapping(ResponseMapping::status(pattern("400"), StatusCode::of(400))),
            ResponseSet::Mapping(ResponseMapping::status(pattern("403"), StatusCode::of(403))),
            ResponseSet::Mapping(ResponseMapping::status(pattern("404"), StatusCode::of(404))),
            ResponseSet::Mapping(ResponseMapping::status(pattern("500"), StatusCode::of(500))),
            ResponseSet::Mapping(ResponseMapping {
                key: pattern("404"),
                status: StatusCode::OK,
                headers: List::Borrowed(&[]),
                templates: List::Owned(vec![Template::json("[]")]),
                content_handling: None,
            }),
        ];
        let out = compose(&sets);
        let keys: Vec<&str> = out.iter().map(|c| c.mapping.key.as_str()).collect();
        assert_eq!(keys, ["default", "400", "403", "404", "500"]);
        assert_eq!(out[3].mapping.status, StatusCode::OK);
        assert_eq!(out[3].origin, 5);
        assert_eq!(out[3].mapping.templates[0].text, "[]");
        assert_eq!(out[2].mapping.status, StatusCode::of(403));
        let dup = duplicate_statuses(&out, PatternKind::Status);
        assert_eq!(dup.len(), 1);
        assert_eq!(
            dup[0].message(&out),
            "two integration responses answer 200: `default_passthrough` and `\"404\"`. API Gateway keeps one integration response per status, so one would be lost: map one of them to another status, or drop it"
        );
    }

    #[test]
    fn answers_are_the_surviving_statuses() {
        let sets = [
            ResponseSet::DefaultPassthrough {
                status: StatusCode::of(204),
                headers: List::Borrowed(&[]),
                content_handling: None,
            },
            ResponseSet::Mapping(ResponseMapping::status(pattern("404"), StatusCode::of(404))),
            ResponseSet::CatchAll,
        ];
        let got: Vec<u16> = answers(&sets).into_iter().map(StatusCode::get).collect();
        assert_eq!(got, [204, 404, 500]);
    }

    #[test]
    fn the_catch_all_leaves_specific_statuses_to_their_entries() {
        let sets = [
            ResponseSet::DefaultPassthrough {
                status: StatusCode::OK,
                headers: List::Borrowed(&[]),
                content_handling: None,
            },
            ResponseSet::Mapping(ResponseMapping::status(pattern("400"), StatusCode::of(400))),
            ResponseSet::Mapping(ResponseMapping::status(pattern("403"), StatusCode::of(403))),
            ResponseSet::Mapping(ResponseMapping::status(pattern("404"), StatusCode::of(404))),
            ResponseSet::Mapping(ResponseMapping::status(pattern("500"), StatusCode::of(500))),
            ResponseSet::CatchAll,
        ];
        let out = compose(&sets);
        let keys: Vec<&str> = out.iter().map(|c| c.mapping.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "default",
                "400",
                "403",
                "404",
                "500",
                "40[125-9]|4[1-9]\\d|50[1-9]|5[1-9]\\d"
            ]
        );
        assert!(overlaps(&out).is_empty());
        // Alone, it stays the plain catch-all.
        let alone = compose(&[ResponseSet::CatchAll]);
        assert_eq!(alone[0].mapping.key.as_str(), CATCH_ALL_PATTERN);
    }

    #[test]
    fn overlapping_user_patterns_are_found_with_a_disjoint_suggestion() {
        let sets = [
            ResponseSet::Mapping(ResponseMapping::status(
                pattern("4\\d{2}"),
                StatusCode::of(400),
            )),
            ResponseSet::Mapping(ResponseMapping::status(pattern("404"), StatusCode::of(404))),
        ];
        let out = compose(&sets);
        let o = overlaps(&out);
        assert_eq!(o.len(), 1);
        assert_eq!((o[0].first, o[0].second, o[0].status.get()), (0, 1, 404));
        assert_eq!(o[0].suggestion, "40[0-35-9]|4[1-9]\\d");
        assert!(o[0].message(&out).starts_with(
            "selection patterns `\"4\\\\d{2}\"` and `\"404\"` both select status 404"
        ));
        let bad = compose(&[ResponseSet::Mapping(ResponseMapping::status(
            pattern("(4"),
            StatusCode::of(400),
        ))]);
        assert_eq!(invalid_patterns(&bad).len(), 1);
    }

    #[test]
    fn two_user_patterns_answering_one_status_suggest_the_merged_entry() {
        let out = compose(&[
            ResponseSet::Mapping(ResponseMapping::status(pattern("403"), StatusCode::of(404))),
            ResponseSet::Mapping(ResponseMapping::status(pattern("404"), StatusCode::of(404))),
        ]);
        let dup = duplicate_statuses(&out, PatternKind::Status);
        assert_eq!(dup.len(), 1);
        assert_eq!(dup[0].merged.as_deref(), Some("\"40[34]\" => 404"));
        assert!(
            dup[0]
                .message(&out)
                .ends_with("merge them into one entry, `\"40[34]\" => 404`, or map one of them to another status"),
            "{}",
            dup[0].message(&out)
        );
        // Lambda errorMessage patterns merge as an alternation of the user's own patterns.
        let lambda = compose(&[
            ResponseSet::Mapping(ResponseMapping::status(
                pattern("Not found.*"),
                StatusCode::of(404),
            )),
            ResponseSet::Mapping(ResponseMapping::status(
                pattern("Missing.*"),
                StatusCode::of(404),
            )),
        ]);
        let dup = duplicate_statuses(&lambda, PatternKind::ErrorMessage);
        assert_eq!(
            dup[0].merged.as_deref(),
            Some("error \"Not found.*|Missing.*\" => 404")
        );
        // A ready-made set's pattern or `default` is not the user's to rewrite.
        let sets = compose(&[
            ResponseSet::DefaultPassthrough {
                status: StatusCode::OK,
                headers: List::Borrowed(&[]),
                content_handling: None,
            },
            ResponseSet::Mapping(ResponseMapping::status(pattern("404"), StatusCode::OK)),
        ]);
        assert_eq!(
            duplicate_statuses(&sets, PatternKind::Status)[0].merged,
            None
        );
    }

    #[test]
    fn overlapping_patterns_answering_one_status_suggest_one_entry() {
        let out = compose(&[
            ResponseSet::Mapping(ResponseMapping::status(
                pattern("4\\d{2}"),
                StatusCode::of(404),
            )),
            ResponseSet::Mapping(ResponseMapping::status(pattern("404"), StatusCode::of(404))),
        ]);
        let o = overlaps(&out);
        assert_eq!(o.len(), 1);
        assert_eq!(
            o[0].message(&out),
            "selection patterns `\"4\\\\d{2}\"` and `\"404\"` both select status 404 (API Gateway does not document which one it takes) and map it alike: write them as one entry, `\"4\\\\d{2}\" => 404`"
        );
    }

    #[test]
    fn set_names_are_parsed() {
        assert_eq!(SetKind::parse("catch_all"), Some(SetKind::CatchAll));
        assert_eq!(SetKind::parse("custom"), None);
    }
}
