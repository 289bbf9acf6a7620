//! `responses = [...]` checked: which sets a kind allows, each entry's status and options, then the
//! composition as API Gateway will see it (`apigw_spec::responses::compose`): one integration
//! response per status, and every status it can answer, with the token that introduced it.

use apigw_spec::responses::{self, ResponseMapping, ResponseSet, SetKind};
use apigw_spec::{ContentHandling, List, SelectionKey, StatusCode, Str, Template};
use proc_macro2::{Span, TokenStream};
use syn::LitStr;

use super::{Answer, common};
use crate::diag::Errors;
use crate::parse::common::Source;
use crate::parse::responses::{ITEMS, KeyAst, ResponseItem};

/// What a kind allows in `responses = [...]`, and the defaults of its passthrough set.
pub struct Rules<'a> {
    /// The ready-made sets this kind supports.
    pub sets: &'a [SetKind],
    /// How the kind's selection patterns are described, when `error "..."` is not allowed.
    /// `None`: a Lambda custom integration, whose patterns are `errorMessage`s.
    pub status_patterns: Option<&'a str>,
    /// `default_passthrough` without `status = N`: this status, from this token (`None`: the
    /// set's own name).
    pub success: (StatusCode, Option<Span>),
    pub pass_headers: List<apigw_spec::ResponseHeader>,
    pub content_handling: Option<ContentHandling>,
    /// The template of an entry that gives none (Lambda custom error entries).
    pub default_template: Option<&'static str>,
    /// How the kind reads its sets before they compose (S3: `apigw_spec::s3::prepare`, whose
    /// success entry is `2\d{2}`); `None`: as written.
    pub prepare: Option<&'a Prepare>,
}

/// How a kind reads its response sets before they compose, one for one.
pub type Prepare = dyn Fn(&[ResponseSet]) -> Vec<ResponseSet>;

/// The checked sets: the vocabulary's values, each set's template texts as tokens (a template
/// from a file is read by the compiler, not here), and what the composition answers.
pub struct Checked {
    pub sets: Vec<ResponseSet>,
    /// Per set, `(content type, text tokens)` of its templates.
    pub templates: Vec<Vec<(String, TokenStream)>>,
    /// Per set, the token its statuses are reported at.
    pub spans: Vec<Span>,
    pub answers: Vec<Answer>,
}

impl Checked {
    /// Replaces the sets with `completed`: the same sets (a selection key may have changed) and
    /// generated ones appended, reported at `span`. A generated set's statuses are answers (to be
    /// declared) when `answered` says so; its templates are the vocabulary's literal texts.
    pub fn complete(
        &mut self,
        completed: Vec<ResponseSet>,
        span: Span,
        answered: impl Fn(StatusCode) -> bool,
        errors: &mut Errors,
    ) -> Option<()> {
        let given = self.sets.len();
        for (i, set) in completed.into_iter().enumerate() {
            if i < given {
                self.sets[i] = set;
                continue;
            }
            let texts = set
                .entries()
                .iter()
                .flat_map(|m| m.templates.iter())
                .map(|t| {
                    let text = t.text.as_ref();
                    (t.content_type.to_string(), quote::quote!(#text))
                })
                .collect();
            for m in set.entries() {
                if answered(m.status) && !self.answers.iter().any(|(s, _)| *s == m.status) {
                    self.answers.push((m.status, span));
                }
            }
            self.sets.push(set);
            self.templates.push(texts);
            self.spans.push(span);
        }
        compose(&self.sets, &self.spans, None, false, errors).map(|_| ())
    }
}

fn key(k: &KeyAst, rules: &Rules, errors: &mut Errors) -> SelectionKey {
    match k {
        KeyAst::Default(_) => SelectionKey::Default,
        KeyAst::Pattern(p) => SelectionKey::Pattern(Str::Owned(p.value())),
        KeyAst::Error(kw, p) => {
            if let Some(what) = rules.status_patterns {
                errors.at(
                    kw.span(),
                    format!(
                        "`error \"...\"` matches a Lambda errorMessage; the selection patterns of {what} match the backend's HTTP status: write `\"4\\\\d{{2}}\" => 400`"
                    ),
                );
            }
            SelectionKey::Pattern(Str::Owned(p.value()))
        }
    }
}

fn key_span(k: &KeyAst) -> Span {
    match k {
        KeyAst::Default(i) => i.span(),
        KeyAst::Pattern(p) | KeyAst::Error(_, p) => p.span(),
    }
}

/// Checks `items` (the list and its span, `None` when omitted: `defaults`).
pub fn check(
    items: &[ResponseItem],
    list_span: Span,
    rules: &Rules,
    errors: &mut Errors,
) -> Option<Checked> {
    let mut ok = true;
    if items.is_empty() {
        errors.at(
            list_span,
            format!(
                "`responses = []` maps nothing, so every call would fail with 500: list at least one of {ITEMS}"
            ),
        );
        return None;
    }
    let mut sets = Vec::new();
    let mut templates = Vec::new();
    let mut spans = Vec::new();
    let mut explicit: Vec<SelectionKey> = Vec::new();
    for item in items {
        match item {
            ResponseItem::Set { kind, name, status } => {
                if !rules.sets.contains(kind) {
                    let allowed: Vec<String> = rules
                        .sets
                        .iter()
                        .map(|s| format!("`{}`", s.written()))
                        .collect();
                    let allowed = if allowed.is_empty() {
                        "entries `\"pattern\" => status`".to_string()
                    } else {
                        format!("{} or an entry `\"pattern\" => status`", allowed.join(", "))
                    };
                    errors.at(
                        name.span(),
                        format!("response set `{name}` does not apply to this integration: use {allowed}"),
                    );
                    ok = false;
                    continue;
                }
                let (set, span) = match kind {
                    SetKind::DefaultPassthrough => {
                        let (code, span) = match status {
                            Some(lit) => match errors.ok(common::status(lit)) {
                                Some(c) => (c, lit.span()),
                                None => {
                                    ok = false;
                                    continue;
                                }
                            },
                            None => (rules.success.0, rules.success.1.unwrap_or(name.span())),
                        };
                        (
                            ResponseSet::DefaultPassthrough {
                                status: code,
                                headers: rules.pass_headers.clone(),
                                content_handling: rules.content_handling,
                            },
                            span,
                        )
                    }
                    SetKind::S3JsonErrorMessage => (ResponseSet::S3JsonErrorMessage, name.span()),
                    SetKind::CatchAll => (ResponseSet::CatchAll, name.span()),
                };
                sets.push(set);
                templates.push(Vec::new());
                spans.push(span);
            }
            ResponseItem::Entry(e) => {
                let k = key(&e.key, rules, errors);
                if explicit.contains(&k) {
                    errors.at(
                        key_span(&e.key),
                        format!(
                            "selection pattern `{k}` is mapped twice: API Gateway keeps one response per pattern"
                        ),
                    );
                    ok = false;
                    continue;
                }
                explicit.push(k.clone());
                let Some(status) = errors.ok(common::status(&e.status)) else {
                    ok = false;
                    continue;
                };
                common::templates(&e.templates, errors);
                let mut headers = Vec::new();
                for (name, source) in &e.headers {
                    match common::response_header(name, source) {
                        Ok(h) => headers.push(h),
                        Err(err) => {
                            errors.push(err);
                            ok = false;
                        }
                    }
                }
                let content_handling = match &e.content_handling {
                    Some(lit) => match errors.ok(common::content_handling(lit)) {
                        Some(c) => Some(c),
                        None => {
                            ok = false;
                            continue;
                        }
                    },
                    None => None,
                };
                let mut texts: Vec<(String, TokenStream)> = e
                    .templates
                    .iter()
                    .map(|t| (t.content_type.value(), t.source.tokens()))
                    .collect();
                let mut values: Vec<Template> = e
                    .templates
                    .iter()
                    .map(|t| Template {
                        content_type: Str::Owned(t.content_type.value()),
                        text: Str::Owned(t.source.inline().unwrap_or_default()),
                    })
                    .collect();
                if let (true, Some(default), false) = (
                    values.is_empty(),
                    rules.default_template,
                    k == SelectionKey::Default,
                ) {
                    let json = apigw_spec::template::JSON;
                    texts.push((
                        json.into(),
                        Source::Inline(LitStr::new(default, e.status.span())).tokens(),
                    ));
                    values.push(Template {
                        content_type: Str::Borrowed(json),
                        text: Str::Borrowed(default),
                    });
                }
                sets.push(ResponseSet::Mapping(ResponseMapping {
                    key: k,
                    status,
                    headers: List::Owned(headers),
                    templates: List::Owned(values),
                    content_handling,
                }));
                templates.push(texts);
                spans.push(e.status.span());
            }
        }
    }
    if !ok {
        return None;
    }
    let answers = compose(
        &sets,
        &spans,
        rules.prepare,
        rules.status_patterns.is_some(),
        errors,
    )?;
    Some(Checked {
        sets,
        templates,
        spans,
        answers,
    })
}

/// The statuses the composition answers (each with the span of its first entry), or `None` when
/// two entries answer one status. `prepare` is how the kind reads its sets (one for one).
///
/// Selection patterns must be regular expressions (API Gateway refuses the deployment otherwise);
/// when they select statuses (`status_patterns`), no two may select one status.
pub fn compose(
    sets: &[ResponseSet],
    spans: &[Span],
    prepare: Option<&Prepare>,
    status_patterns: bool,
    errors: &mut Errors,
) -> Option<Vec<Answer>> {
    let composed = match prepare {
        Some(prepare) => {
            // Prepared one for one: messages name each entry by the set the user wrote.
            let mut composed = responses::compose(&prepare(sets));
            for c in &mut composed {
                c.set = sets.get(c.origin).and_then(ResponseSet::kind);
            }
            composed
        }
        None => responses::compose(sets),
    };
    let invalid = responses::invalid_patterns(&composed);
    for (i, e) in &invalid {
        errors.at(spans[composed[*i].origin], e);
    }
    if !invalid.is_empty() {
        return None;
    }
    if status_patterns {
        let overlaps = responses::overlaps(&composed);
        for o in &overlaps {
            errors.at(spans[composed[o.second].origin], o.message(&composed));
        }
        if !overlaps.is_empty() {
            return None;
        }
    }
    let kind = if status_patterns {
        responses::PatternKind::Status
    } else {
        responses::PatternKind::ErrorMessage
    };
    let duplicates = responses::duplicate_statuses(&composed, kind);
    for d in &duplicates {
        errors.at(spans[composed[d.second].origin], d.message(&composed));
    }
    if !duplicates.is_empty() {
        return None;
    }
    let mut answers: Vec<Answer> = Vec::new();
    for c in &composed {
        if !answers.iter().any(|(s, _)| *s == c.mapping.status) {
            answers.push((c.mapping.status, spans[c.origin]));
        }
    }
    Some(answers)
}

/// The default sets of a kind (no `responses = [...]`), checked like written ones: every set is
/// spanned on `span` unless `success` says where its status came from.
pub fn defaults(
    sets: Vec<ResponseSet>,
    span: Span,
    rules: &Rules,
    errors: &mut Errors,
) -> Option<Checked> {
    let spans: Vec<Span> = sets
        .iter()
        .map(|s| match s {
            ResponseSet::DefaultPassthrough { .. } => rules.success.1.unwrap_or(span),
            _ => span,
        })
        .collect();
    let answers = compose(
        &sets,
        &spans,
        rules.prepare,
        rules.status_patterns.is_some(),
        errors,
    )?;
    Some(Checked {
        templates: sets.iter().map(|_| Vec::new()).collect(),
        sets,
        spans,
        answers,
    })
}
