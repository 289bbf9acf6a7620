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
    /// S3's 400/403/404/500 -> the same status with a JSON `{"message": ...}` body.
    S3JsonErrorMessage,
    /// Any 4xx/5xx -> 500, body passed through.
    CatchAll,
    /// One entry spelled out by the user.
    Mapping(ResponseMapping),
}

/// The template of every entry of [`ResponseSet::S3JsonErrorMessage`].
const S3_ERROR_TEMPLATES: &[Template] = &[Template::json(s3::JSON_ERROR_TEMPLATE)];

/// The selection pattern of [`ResponseSet::CatchAll`]: any 4xx or 5xx backend status.
pub const CATCH_ALL_PATTERN: &str = "(4|5)\\d{2}";

impl ResponseSet {
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
            ResponseSet::S3JsonErrorMessage => s3::ERROR_STATUSES
                .iter()
                .map(|&s| ResponseMapping {
                    key: SelectionKey::Pattern(Str::Owned(s.to_string())),
                    status: StatusCode::of(s),
                    headers: List::Borrowed(&[]),
                    templates: List::Borrowed(S3_ERROR_TEMPLATES),
                    content_handling: None,
                })
                .collect(),
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
}

/// The `responses` of `sets` composed in order: a later entry with the same selection key
/// replaces the earlier one, keeping its position. The catch-all is then narrowed to the 4xx and
/// 5xx statuses no other entry selects, so no two patterns select one status: which of two
/// matching patterns API Gateway takes is not documented.
pub fn compose(sets: &[ResponseSet]) -> Vec<Composed> {
    let mut out: Vec<Composed> = Vec::new();
    for (origin, set) in sets.iter().enumerate() {
        for mapping in set.entries() {
            let entry = Composed { mapping, origin };
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
    let catch_all = SelectionKey::Pattern(Str::Borrowed(CATCH_ALL_PATTERN));
    let Some(at) = out.iter().position(|c| c.mapping.key == catch_all) else {
        return;
    };
    let mut taken: Vec<StatusCode> = Vec::new();
    for c in out.iter().filter(|c| c.mapping.key != catch_all) {
        if let SelectionKey::Pattern(p) = &c.mapping.key {
            taken.extend(selection::statuses_matched(p).unwrap_or_default());
        }
    }
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
}

impl Overlap {
    pub fn message(&self, composed: &[Composed]) -> String {
        let key = |i: usize| {
            composed
                .get(i)
                .map(|c| c.mapping.key.describe())
                .unwrap_or_default()
        };
        format!(
            "selection patterns `{}` and `{}` both select status {}: API Gateway does not document which one it takes, so make them disjoint, e.g. `\"{}\"` for the first",
            key(self.first),
            key(self.second),
            self.status,
            self.suggestion.replace('\\', "\\\\")
        )
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
                out.push(Overlap {
                    first,
                    second,
                    status,
                    suggestion: selection::pattern_for(&rest),
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
    /// The earlier entry's key.
    pub first: SelectionKey,
    /// Index (in the composition) of the later entry.
    pub second: usize,
}

impl DuplicateStatus {
    pub fn message(&self, composed: &[Composed]) -> String {
        let second = composed
            .get(self.second)
            .map(|c| c.mapping.key.describe())
            .unwrap_or_default();
        format!(
            "two integration responses answer {}: `{}` and `{second}`. API Gateway keeps one integration response per status, so one would be lost: map one of them to another status, or drop it",
            self.status,
            self.first.describe()
        )
    }
}

/// Every later entry of `composed` that answers a status an earlier one already answers.
pub fn duplicate_statuses(composed: &[Composed]) -> Vec<DuplicateStatus> {
    let mut out = Vec::new();
    for (i, c) in composed.iter().enumerate() {
        if let Some(first) = composed[..i]
            .iter()
            .find(|f| f.mapping.status == c.mapping.status)
        {
            out.push(DuplicateStatus {
                status: c.mapping.status,
                first: first.mapping.key.clone(),
                second: i,
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
            ResponseSet::S3JsonErrorMessage,
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
        assert_eq!(out[3].origin, 2);
        assert_eq!(out[3].mapping.templates[0].text, "[]");
        assert_eq!(out[2].mapping.status, StatusCode::of(403));
        let dup = duplicate_statuses(&out);
        assert_eq!(dup.len(), 1);
        assert_eq!(
            dup[0].message(&out),
            "two integration responses answer 200: `default (no pattern matched)` and `\"404\"`. API Gateway keeps one integration response per status, so one would be lost: map one of them to another status, or drop it"
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
            ResponseSet::S3JsonErrorMessage,
            ResponseSet::CatchAll,
        ];
        let got: Vec<u16> = answers(&sets).into_iter().map(StatusCode::get).collect();
        assert_eq!(got, [204, 400, 403, 404, 500]);
    }

    #[test]
    fn the_catch_all_leaves_specific_statuses_to_their_entries() {
        let sets = [
            ResponseSet::DefaultPassthrough {
                status: StatusCode::OK,
                headers: List::Borrowed(&[]),
                content_handling: None,
            },
            ResponseSet::S3JsonErrorMessage,
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
    fn set_names_are_parsed() {
        assert_eq!(SetKind::parse("catch_all"), Some(SetKind::CatchAll));
        assert_eq!(SetKind::parse("custom"), None);
    }
}
