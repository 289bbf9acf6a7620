//! The few HTML building blocks the page needs: escaping, prose from doc comments, anchors.
//!
//! Every string taken from the document goes through [`escape`] (or [`inline`]/[`blocks`], which
//! escape first), so a title such as `<script>` is shown, never run.

use std::collections::BTreeSet;
use std::fmt::Write;

/// Escapes text for element content and for double- or single-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `<code>text</code>`, escaped.
pub fn code(text: &str) -> String {
    format!("<code>{}</code>", escape(text))
}

/// One line of prose (a summary, a table cell): escaped, `` `code` `` spans kept as code, line
/// breaks as spaces. Doc comments are Markdown, and inline code is what they use most.
pub fn inline(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        match after.find('`') {
            Some(close) if close > 0 => {
                out.push_str(&escape(&rest[..open]));
                out.push_str(&code(&after[..close]));
                rest = &after[close + 1..];
            }
            _ => {
                // An unmatched (or empty) backtick is just a character.
                out.push_str(&escape(&rest[..=open]));
                rest = after;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

/// Paragraphs (separated by blank lines), each a `<p>` of [`inline`] text.
pub fn blocks(text: &str) -> String {
    let mut out = String::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut String| {
        if !paragraph.is_empty() {
            let _ = write!(out, "<p>{}</p>", inline(&paragraph.join(" ")));
            paragraph.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// A fragment identifier safe in an `id` and in a `#` link: ASCII letters, digits, `-` and `.`
/// are kept, every other byte becomes `_xx` (hex). The mapping is one-to-one, so two names never
/// share an anchor.
pub fn anchor_part(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            out.push(b as char);
        } else {
            let _ = write!(out, "_{b:02x}");
        }
    }
    out
}

/// Hands out unique ids: a second operation with the same id (possible in a hand-written
/// document) gets `-2`, and so on.
#[derive(Debug, Default)]
pub struct Ids {
    taken: BTreeSet<String>,
}

impl Ids {
    pub fn unique(&mut self, prefix: &str, name: &str) -> String {
        let base = format!("{prefix}-{}", anchor_part(name));
        let mut id = base.clone();
        let mut n = 1;
        while !self.taken.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// A compact JSON literal of a value (an enum member, a default, an example).
pub fn json_literal(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
