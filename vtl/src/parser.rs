//! A hand-written parser that reproduces Velocity 1.7's lexer (`Parser.jjt`) where it matters for
//! output: which text is a reference or a directive, and which whitespace a directive swallows.
//!
//! Whitespace rules (Velocity 1.7, `Parser.jjt` tokens `SET_DIRECTIVE`, `RPAREN`, `END`, `ELSE`):
//! - the `)` closing the arguments of `#set`, `#if`, `#elseif`, `#foreach`, `#define`, `#break(..)`
//!   and `#stop(..)` also consumes `[ \t]*` and one newline (`\n`, `\r\n` or `\r`) when a newline
//!   follows; otherwise only the `)`;
//! - `#else` and `#end` (and `#{else}`, `#{end}`) likewise consume `[ \t]*` and one newline;
//! - `#set` also consumes the spaces and tabs before it, but only when they start a new token: at
//!   the start of the template or right after a reference, a directive or a comment. Spaces after
//!   other text on the same line belong to that text and are kept;
//! - the indentation before `#if`, `#foreach`, `#else`, `#end` is kept;
//! - a `##` comment consumes its newline; a `#* *#` comment does not.

use crate::ast::{BinOp, Block, Expr, Node, Part, Reference};

/// Nesting depth (blocks, parentheses, literals, interpolated strings) beyond which a template is
/// rejected, so that parsing and rendering cannot exhaust the stack.
pub(crate) const MAX_NESTING: usize = 100;

/// Directive names Velocity 1.7 knows; an escaped `\#name` loses its backslash only for these.
const DIRECTIVES: &[&str] = &[
    "if", "elseif", "else", "end", "set", "foreach", "include", "parse", "macro", "literal",
    "evaluate", "break", "define", "stop",
];

pub(crate) struct Parsed {
    pub nodes: Block,
    pub defines: Vec<Block>,
}

/// A parse error at a byte offset of the top-level source.
pub(crate) struct PErr {
    pub pos: usize,
    pub message: String,
}

type PResult<T> = Result<T, PErr>;

/// How a block ended.
enum Terminator {
    Eof,
    End,
    Else(usize),
    ElseIf(usize, Expr),
}

pub(crate) fn parse(src: &str) -> Result<Parsed, PErr> {
    let mut parser = Parser::new(src, 0, 0);
    let nodes = parser.parse_top()?;
    Ok(Parsed {
        nodes,
        defines: parser.defines,
    })
}

struct Parser<'s> {
    b: &'s [u8],
    src: &'s str,
    pos: usize,
    /// Offset of this source in the template (non-zero inside interpolated strings).
    base: usize,
    depth: usize,
    defines: Vec<Block>,
    /// Where the last block terminator was read (for a stray `#end`).
    last_directive: usize,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

fn is_word_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'@'
}

fn is_word_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'@'
}

impl<'s> Parser<'s> {
    fn new(src: &'s str, base: usize, depth: usize) -> Self {
        Parser {
            b: src.as_bytes(),
            src,
            pos: 0,
            base,
            depth,
            defines: Vec::new(),
            last_directive: 0,
        }
    }

    fn err<T>(&self, pos: usize, message: impl Into<String>) -> PResult<T> {
        Err(PErr {
            pos: self.base + pos,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn starts_with(&self, i: usize, s: &str) -> bool {
        self.b
            .get(i..)
            .is_some_and(|rest| rest.starts_with(s.as_bytes()))
    }

    fn enter(&mut self, pos: usize) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.err(pos, format!("nesting deeper than {MAX_NESTING} levels"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn parse_top(&mut self) -> PResult<Block> {
        let (nodes, term) = self.parse_block()?;
        match term {
            Terminator::Eof => Ok(nodes),
            Terminator::End => self.err(
                self.last_directive,
                "#end without a matching #if, #foreach or #define",
            ),
            Terminator::Else(pos) => self.err(pos, "#else without a matching #if"),
            Terminator::ElseIf(pos, _) => self.err(pos, "#elseif without a matching #if"),
        }
    }

    /// Statements up to the end of input or a block terminator (`#end`, `#else`, `#elseif`).
    fn parse_block(&mut self) -> PResult<(Block, Terminator)> {
        let mut nodes = Vec::new();
        let mut text = String::new();
        loop {
            // A token boundary: `[ \t]*#set(` here is one token that swallows the indentation.
            if let Some((hash, after)) = self.set_directive_at(self.pos) {
                self.pos = after;
                flush(&mut text, &mut nodes);
                nodes.push(self.parse_set(hash)?);
                continue;
            }
            let Some(c) = self.peek() else {
                flush(&mut text, &mut nodes);
                return Ok((nodes, Terminator::Eof));
            };
            match c {
                b'$' => match self.reference_at(self.pos, 0)? {
                    Some(reference) => {
                        flush(&mut text, &mut nodes);
                        nodes.push(Node::Ref(reference));
                    }
                    None => {
                        text.push('$');
                        self.pos += 1;
                    }
                },
                b'\\' => self.backslashes(&mut text, &mut nodes)?,
                b'#' => {
                    let hash = self.pos;
                    match self.directive(hash)? {
                        Directive::Text(t) => text.push_str(&t),
                        Directive::Nothing => {}
                        Directive::Node(node) => {
                            flush(&mut text, &mut nodes);
                            nodes.push(node);
                        }
                        Directive::Terminator(term) => {
                            flush(&mut text, &mut nodes);
                            self.last_directive = hash;
                            return Ok((nodes, term));
                        }
                    }
                }
                _ => {
                    let start = self.pos;
                    while let Some(c) = self.peek() {
                        if c == b'$' || c == b'#' || c == b'\\' {
                            break;
                        }
                        self.pos += 1;
                    }
                    text.push_str(&self.src[start..self.pos]);
                }
            }
        }
    }

    /// `[ \t]*(#set|#{set}) *(` at `i`: the position of `#` and the position after `(`.
    fn set_directive_at(&self, i: usize) -> Option<(usize, usize)> {
        let mut p = i;
        while matches!(self.at(p), Some(b' ' | b'\t')) {
            p += 1;
        }
        let hash = p;
        if self.starts_with(p, "#set") {
            p += 4;
        } else if self.starts_with(p, "#{set}") {
            p += 6;
        } else {
            return None;
        }
        while self.at(p) == Some(b' ') {
            p += 1;
        }
        (self.at(p) == Some(b'(')).then_some((hash, p + 1))
    }

    /// A run of backslashes: before `$` they escape a reference, before `#directive` they escape
    /// the directive (an odd count) or are halved (an even count); elsewhere they are text.
    fn backslashes(&mut self, text: &mut String, nodes: &mut Block) -> PResult<()> {
        let start = self.pos;
        let mut q = start;
        while self.at(q) == Some(b'\\') {
            q += 1;
        }
        let n = q - start;
        match self.at(q) {
            Some(b'$') => {
                if let Some(reference) = self.reference_at(q, n)? {
                    flush(text, nodes);
                    nodes.push(Node::Ref(reference));
                } else {
                    text.push_str(&self.src[start..q]);
                    self.pos = q;
                }
            }
            Some(b'#') => {
                let name = self.directive_name(q + 1);
                match name {
                    Some((word, end)) if DIRECTIVES.contains(&word.as_str()) => {
                        text.push_str(&"\\".repeat(n / 2));
                        if n % 2 == 1 {
                            text.push_str(&self.src[q..end]);
                            self.pos = end;
                        } else {
                            self.pos = q;
                        }
                    }
                    _ => {
                        text.push_str(&self.src[start..q]);
                        self.pos = q;
                    }
                }
            }
            _ => {
                text.push_str(&self.src[start..q]);
                self.pos = q;
            }
        }
        Ok(())
    }

    /// The directive name at `i` (`word` or `{word}`) and the position after it.
    fn directive_name(&self, i: usize) -> Option<(String, usize)> {
        let braced = self.at(i) == Some(b'{');
        let s = if braced { i + 1 } else { i };
        if !self
            .at(s)
            .is_some_and(|c| is_word_start(c) && (c != b'@' || !braced))
        {
            return None;
        }
        let mut e = s + 1;
        while self.at(e).is_some_and(is_word_char) {
            e += 1;
        }
        let word = self.src[s..e].to_string();
        if braced {
            if self.at(e) != Some(b'}') {
                return None;
            }
            e += 1;
        }
        Some((word, e))
    }

    /// Consumes `[ \t]*` and one newline, if a newline follows the blanks.
    fn eat_newline(&mut self) {
        let mut p = self.pos;
        while matches!(self.at(p), Some(b' ' | b'\t')) {
            p += 1;
        }
        match self.at(p) {
            Some(b'\r') if self.at(p + 1) == Some(b'\n') => self.pos = p + 2,
            Some(b'\n' | b'\r') => self.pos = p + 1,
            _ => {}
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: u8, what: &str) -> PResult<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(self.pos, format!("expected {what}{}", self.found()))
        }
    }

    fn found(&self) -> String {
        match self.src.get(self.pos..).and_then(|s| s.chars().next()) {
            None => ", found the end of the template".to_string(),
            Some(c) => format!(", found `{c}`"),
        }
    }

    fn directive(&mut self, hash: usize) -> PResult<Directive> {
        match self.at(hash + 1) {
            Some(b'#') => {
                // `##` line comment, including its newline.
                let mut p = hash + 2;
                while let Some(c) = self.at(p) {
                    p += 1;
                    if c == b'\n' {
                        break;
                    }
                    if c == b'\r' {
                        if self.at(p) == Some(b'\n') {
                            p += 1;
                        }
                        break;
                    }
                }
                self.pos = p;
                return Ok(Directive::Nothing);
            }
            Some(b'*') => {
                let Some(end) = find(self.b, hash + 2, b"*#") else {
                    return self.err(hash, "the #* comment is never closed with *#");
                };
                self.pos = end + 2;
                return Ok(Directive::Nothing);
            }
            Some(b'[') if self.at(hash + 2) == Some(b'[') => {
                let Some(end) = find(self.b, hash + 3, b"]]#") else {
                    return self.err(hash, "the #[[ text block is never closed with ]]#");
                };
                let content = self.src[hash + 3..end].to_string();
                self.pos = end + 3;
                return Ok(Directive::Text(content));
            }
            _ => {}
        }
        let Some((name, after)) = self.directive_name(hash + 1) else {
            self.pos = hash + 1;
            return Ok(Directive::Text("#".to_string()));
        };
        self.pos = after;
        match name.as_str() {
            "if" => self.parse_if(hash).map(Directive::Node),
            "elseif" => {
                let cond = self.paren_expr(hash, "#elseif")?;
                Ok(Directive::Terminator(Terminator::ElseIf(hash, cond)))
            }
            "else" => {
                self.eat_newline();
                Ok(Directive::Terminator(Terminator::Else(hash)))
            }
            "end" => {
                self.eat_newline();
                Ok(Directive::Terminator(Terminator::End))
            }
            "set" => {
                // Reached only when `#set` is not followed by ` *(`: Velocity prints it.
                Ok(Directive::Text(self.src[hash..after].to_string()))
            }
            "foreach" => self.parse_foreach(hash).map(Directive::Node),
            "break" | "stop" => {
                let mut p = self.pos;
                while matches!(self.at(p), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                    p += 1;
                }
                let arg = if self.at(p) == Some(b'(') {
                    self.pos = p + 1;
                    self.skip_ws();
                    let arg = if self.peek() == Some(b')') {
                        None
                    } else {
                        Some(self.parse_param()?)
                    };
                    self.skip_ws();
                    self.expect(b')', "`)`")?;
                    self.eat_newline();
                    arg
                } else {
                    None
                };
                Ok(Directive::Node(if name == "stop" {
                    Node::Stop
                } else {
                    Node::Break {
                        scope: arg,
                        pos: self.base + hash,
                    }
                }))
            }
            "define" => self.parse_define(hash).map(Directive::Node),
            "macro" | "include" | "parse" | "evaluate" | "literal" => self.err(
                hash,
                format!(
                    "#{name} is not supported by API Gateway mapping templates in this evaluator"
                ),
            ),
            // Not a directive: Velocity prints it as written (`#fff`, `#{x}`).
            _ => Ok(Directive::Text(self.src[hash..after].to_string())),
        }
    }

    /// `( expression )` after a directive name, then the optional newline.
    fn paren_expr(&mut self, hash: usize, directive: &str) -> PResult<Expr> {
        self.skip_ws();
        if self.peek() != Some(b'(') {
            return self.err(
                hash,
                format!("{directive} must be followed by a condition in parentheses"),
            );
        }
        self.pos += 1;
        self.enter(hash)?;
        let expr = self.parse_expr()?;
        self.skip_ws();
        self.expect(b')', "`)` closing the condition")?;
        self.leave();
        self.eat_newline();
        Ok(expr)
    }

    fn parse_if(&mut self, hash: usize) -> PResult<Node> {
        let cond = self.paren_expr(hash, "#if")?;
        self.enter(hash)?;
        let (block, mut term) = self.parse_block()?;
        let mut branches = vec![(cond, block)];
        let mut otherwise = None;
        loop {
            match term {
                Terminator::End => break,
                Terminator::Eof => return self.err(hash, "#if is never closed with #end"),
                Terminator::ElseIf(_, cond) => {
                    let (block, next) = self.parse_block()?;
                    branches.push((cond, block));
                    term = next;
                }
                Terminator::Else(else_pos) => {
                    let (block, next) = self.parse_block()?;
                    otherwise = Some(block);
                    match next {
                        Terminator::End => break,
                        Terminator::Eof => return self.err(hash, "#if is never closed with #end"),
                        Terminator::Else(p) | Terminator::ElseIf(p, _) => {
                            let _ = else_pos;
                            return self.err(p, "#else or #elseif after the #else of the same #if");
                        }
                    }
                }
            }
        }
        self.leave();
        Ok(Node::If {
            branches,
            otherwise,
            pos: self.base + hash,
        })
    }

    fn parse_foreach(&mut self, hash: usize) -> PResult<Node> {
        self.skip_ws();
        if self.peek() != Some(b'(') {
            return self.err(hash, "#foreach must be followed by `($item in ...)`");
        }
        self.pos += 1;
        self.skip_ws();
        let var_pos = self.pos;
        let Some(var) = self.reference_at(self.pos, 0)? else {
            return self.err(var_pos, "#foreach expects a loop variable such as `$item`");
        };
        if !var.parts.is_empty() {
            return self.err(
                var_pos,
                "the #foreach loop variable must be a plain name such as `$item`",
            );
        }
        self.skip_ws();
        if !self.starts_with(self.pos, "in") || self.at(self.pos + 2).is_some_and(is_word_char) {
            return self.err(
                self.pos,
                format!("expected `in` after the #foreach variable{}", self.found()),
            );
        }
        self.pos += 2;
        self.enter(hash)?;
        let iterable = self.parse_param()?;
        self.skip_ws();
        self.expect(b')', "`)` closing #foreach")?;
        self.eat_newline();
        let (body, term) = self.parse_block()?;
        match term {
            Terminator::End => {}
            Terminator::Eof => return self.err(hash, "#foreach is never closed with #end"),
            Terminator::Else(p) | Terminator::ElseIf(p, _) => {
                return self.err(p, "#else or #elseif inside #foreach without a matching #if");
            }
        }
        self.leave();
        Ok(Node::Foreach {
            var: var.root,
            iterable,
            body,
            pos: self.base + hash,
        })
    }

    fn parse_define(&mut self, hash: usize) -> PResult<Node> {
        self.skip_ws();
        self.expect(b'(', "`(` after #define")?;
        self.skip_ws();
        let name_pos = self.pos;
        let Some(name) = self.reference_at(self.pos, 0)? else {
            return self.err(name_pos, "#define expects a name such as `$block`");
        };
        if !name.parts.is_empty() {
            return self.err(
                name_pos,
                "the #define name must be a plain name such as `$block`",
            );
        }
        self.skip_ws();
        self.expect(b')', "`)` closing #define")?;
        self.eat_newline();
        self.enter(hash)?;
        let (block, term) = self.parse_block()?;
        match term {
            Terminator::End => {}
            Terminator::Eof => return self.err(hash, "#define is never closed with #end"),
            Terminator::Else(p) | Terminator::ElseIf(p, _) => {
                return self.err(p, "#else or #elseif inside #define without a matching #if");
            }
        }
        self.leave();
        self.defines.push(block);
        Ok(Node::Define {
            name: name.root,
            block: self.defines.len() - 1,
        })
    }

    /// After `#set(`: `$target = expression )`.
    fn parse_set(&mut self, hash: usize) -> PResult<Node> {
        self.skip_ws();
        let target_pos = self.pos;
        let Some(target) = self.reference_at(self.pos, 0)? else {
            return self.err(
                target_pos,
                format!(
                    "#set expects a reference such as `$name` to assign{}",
                    self.found()
                ),
            );
        };
        self.skip_ws();
        if self.peek() != Some(b'=') || self.at(self.pos + 1) == Some(b'=') {
            return self.err(self.pos, format!("expected `=` in #set{}", self.found()));
        }
        self.pos += 1;
        self.enter(hash)?;
        let value = self.parse_expr()?;
        self.skip_ws();
        self.expect(b')', "`)` closing #set")?;
        self.leave();
        self.eat_newline();
        Ok(Node::Set {
            target,
            value,
            pos: self.base + hash,
        })
    }

    /// A reference starting at the `$` at `dollar`, preceded by `backslashes` backslashes.
    /// `None` when the text there is not a reference (`$5`, `$ `, `$.`): it is then plain text.
    fn reference_at(&mut self, dollar: usize, backslashes: usize) -> PResult<Option<Reference>> {
        if self.at(dollar) != Some(b'$') {
            return Ok(None);
        }
        let mut q = dollar + 1;
        if self.at(q) == Some(b'!') {
            q += 1;
        }
        let formal = self.at(q) == Some(b'{');
        if formal {
            q += 1;
        }
        if !self.at(q).is_some_and(is_ident_start) {
            return Ok(None);
        }
        let root_start = q;
        while self.at(q).is_some_and(is_ident_char) {
            q += 1;
        }
        let root = self.src[root_start..q].to_string();
        self.pos = q;
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                Some(b'[') => match self.index_at()? {
                    Some(index) => parts.push(Part::Index(index)),
                    None => break,
                },
                Some(b'.')
                    if self
                        .at(self.pos + 1)
                        .is_some_and(|c| c.is_ascii_alphabetic()) =>
                {
                    let s = self.pos + 1;
                    let mut e = s;
                    while self.at(e).is_some_and(is_ident_char) {
                        e += 1;
                    }
                    let name = self.src[s..e].to_string();
                    self.pos = e;
                    if self.peek() == Some(b'(') && self.method_follows(e + 1) {
                        let open = self.pos;
                        self.pos += 1;
                        self.enter(open)?;
                        let args = self.param_list(b')', "`)` closing the method arguments")?;
                        self.leave();
                        parts.push(Part::Method(name, args));
                    } else {
                        parts.push(Part::Property(name));
                    }
                }
                _ => break,
            }
        }
        if formal {
            if self.peek() != Some(b'}') {
                return self.err(
                    dollar,
                    format!("`{}` is not closed with `}}`", &self.src[dollar..self.pos]),
                );
            }
            self.pos += 1;
        }
        Ok(Some(Reference {
            root,
            parts,
            escape_prefix: backslashes / 2,
            escaped: backslashes % 2 == 1,
            literal: self.src[dollar..self.pos].to_string(),
            pos: self.base + dollar,
        }))
    }

    /// Velocity looks three tokens ahead before taking `name(` as a method call: after `(` must
    /// come blanks, `)` or the start of a parameter; otherwise `(` is text (`$a.b(c)` prints
    /// `$a.b` then `(c)`).
    fn method_follows(&self, i: usize) -> bool {
        match self.at(i) {
            Some(
                b' ' | b'\t' | b'\n' | b'\r' | b')' | b'"' | b'\'' | b'$' | b'[' | b'{' | b'-',
            ) => true,
            Some(c) if c.is_ascii_digit() => true,
            Some(b'.') => self.at(i + 1).is_some_and(|c| c.is_ascii_digit()),
            _ => ["true", "false"].iter().any(|w| {
                self.starts_with(i, w) && !self.at(i + w.len()).is_some_and(is_ident_char)
            }),
        }
    }

    /// `[index]` after a reference: a string, integer, boolean or reference. `None` (and nothing
    /// consumed) when the brackets do not hold one, so they stay text.
    fn index_at(&mut self) -> PResult<Option<Expr>> {
        let save = self.pos;
        self.pos += 1;
        self.skip_ws();
        let expr = match self.peek() {
            Some(b'"' | b'\'') => Some(self.string_literal()?),
            Some(b'$') => self.reference_at(self.pos, 0)?.map(Expr::Ref),
            Some(c) if c.is_ascii_digit() || c == b'-' => match self.number()? {
                Some(e @ Expr::Int(_)) => Some(e),
                _ => None,
            },
            _ => self.keyword_bool(),
        };
        self.skip_ws();
        if expr.is_some() && self.peek() == Some(b']') {
            self.pos += 1;
            Ok(expr)
        } else {
            self.pos = save;
            Ok(None)
        }
    }

    fn keyword_bool(&mut self) -> Option<Expr> {
        for (word, value) in [("true", true), ("false", false)] {
            if self.starts_with(self.pos, word)
                && !self.at(self.pos + word.len()).is_some_and(is_word_char)
            {
                self.pos += word.len();
                return Some(Expr::Bool(value));
            }
        }
        None
    }

    /// Comma-separated parameters up to `close`.
    fn param_list(&mut self, close: u8, what: &str) -> PResult<Vec<Expr>> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(self.parse_param()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(c) if c == close => {
                    self.pos += 1;
                    return Ok(items);
                }
                _ => return self.err(self.pos, format!("expected `,` or {what}{}", self.found())),
            }
        }
    }

    /// A method argument, list element, map entry, index or `#foreach` source: a literal or a
    /// reference, not an operator expression (Velocity 1.7's `Parameter()`).
    fn parse_param(&mut self) -> PResult<Expr> {
        self.skip_ws();
        let start = self.pos;
        let expr = match self.peek() {
            Some(b'"' | b'\'') => self.string_literal()?,
            Some(b'$') => match self.reference_at(self.pos, 0)? {
                Some(r) => Expr::Ref(r),
                None => return self.err(start, "expected a reference such as `$name`"),
            },
            Some(b'[') => self.list_or_range()?,
            Some(b'{') => self.map_literal()?,
            Some(c) if c.is_ascii_digit() || c == b'-' || c == b'.' => match self.number()? {
                Some(e) => e,
                None => return self.err(start, format!("expected a value{}", self.found())),
            },
            _ => match self.keyword_bool() {
                Some(e) => e,
                None => return self.err(start, format!("expected a value{}", self.found())),
            },
        };
        self.skip_ws();
        Ok(expr)
    }

    fn list_or_range(&mut self) -> PResult<Expr> {
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        self.skip_ws();
        // `[a..b]` when the first item is a reference or integer followed by `..`.
        let save = self.pos;
        let first = match self.peek() {
            Some(b'$') => self.reference_at(self.pos, 0)?.map(Expr::Ref),
            Some(c) if c.is_ascii_digit() || c == b'-' => match self.number()? {
                Some(e @ Expr::Int(_)) => Some(e),
                _ => None,
            },
            _ => None,
        };
        if let Some(first) = first {
            self.skip_ws();
            if self.starts_with(self.pos, "..") {
                self.pos += 2;
                self.skip_ws();
                let end_pos = self.pos;
                let last = match self.peek() {
                    Some(b'$') => self.reference_at(self.pos, 0)?.map(Expr::Ref),
                    Some(c) if c.is_ascii_digit() || c == b'-' => match self.number()? {
                        Some(e @ Expr::Int(_)) => Some(e),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(last) = last else {
                    return self.err(
                        end_pos,
                        "a range `[a..b]` needs an integer or a reference after `..`",
                    );
                };
                self.skip_ws();
                self.expect(b']', "`]` closing the range")?;
                self.leave();
                return Ok(Expr::Range(Box::new(first), Box::new(last)));
            }
        }
        self.pos = save;
        let items = self.param_list(b']', "`]` closing the list")?;
        self.leave();
        Ok(Expr::List(items))
    }

    fn map_literal(&mut self) -> PResult<Expr> {
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.leave();
            return Ok(Expr::Map(entries));
        }
        loop {
            let key = self.parse_param()?;
            self.expect(b':', "`:` between a map key and its value")?;
            let value = self.parse_param()?;
            entries.push((key, value));
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.leave();
                    return Ok(Expr::Map(entries));
                }
                _ => {
                    return self.err(
                        self.pos,
                        format!("expected `,` or `}}` in the map{}", self.found()),
                    );
                }
            }
        }
    }

    /// An integer or floating-point literal (Velocity's `INTEGER_LITERAL`/`FLOATING_POINT_LITERAL`).
    fn number(&mut self) -> PResult<Option<Expr>> {
        let start = self.pos;
        let mut p = start;
        if self.at(p) == Some(b'-') {
            p += 1;
        }
        let digits_start = p;
        while self.at(p).is_some_and(|c| c.is_ascii_digit()) {
            p += 1;
        }
        let int_digits = p - digits_start;
        let mut is_float = false;
        if self.at(p) == Some(b'.') && self.at(p + 1) != Some(b'.') {
            let frac_start = p + 1;
            let mut f = frac_start;
            while self.at(f).is_some_and(|c| c.is_ascii_digit()) {
                f += 1;
            }
            if int_digits > 0 || f > frac_start {
                is_float = true;
                p = f;
            }
        }
        if int_digits == 0 && !is_float {
            return Ok(None);
        }
        if matches!(self.at(p), Some(b'e' | b'E')) {
            let mut e = p + 1;
            if matches!(self.at(e), Some(b'+' | b'-')) {
                e += 1;
            }
            if self.at(e).is_some_and(|c| c.is_ascii_digit()) {
                while self.at(e).is_some_and(|c| c.is_ascii_digit()) {
                    e += 1;
                }
                is_float = true;
                p = e;
            }
        }
        let text = &self.src[start..p];
        self.pos = p;
        if is_float {
            match text.parse::<f64>() {
                Ok(f) => Ok(Some(Expr::Float(f))),
                Err(_) => self.err(start, format!("`{text}` is not a number")),
            }
        } else {
            // Beyond 64 bits Java would use BigInteger; a float keeps the magnitude.
            Ok(Some(match text.parse::<i64>() {
                Ok(i) => Expr::Int(i),
                Err(_) => Expr::Float(text.parse::<f64>().unwrap_or(f64::MAX)),
            }))
        }
    }

    /// `"..."` (interpolated when it contains `$` or `#`) or `'...'` (literal).
    fn string_literal(&mut self) -> PResult<Expr> {
        let open = self.pos;
        let Some(quote) = self.peek() else {
            return self.err(open, "expected a string");
        };
        let mut p = open + 1;
        loop {
            match self.at(p) {
                None => return self.err(open, "the string literal is never closed"),
                Some(c) if c == quote => {
                    if self.at(p + 1) == Some(quote) {
                        p += 2;
                    } else {
                        break;
                    }
                }
                Some(_) => p += 1,
            }
        }
        let raw = &self.src[open + 1..p];
        self.pos = p + 1;
        let doubled = if quote == b'"' { "\"\"" } else { "''" };
        let single = if quote == b'"' { "\"" } else { "'" };
        if quote == b'\'' {
            return Ok(Expr::Str(raw.replace(doubled, single)));
        }
        let content = unescape_unicode(raw).replace(doubled, single);
        if !(raw.contains('$') || raw.contains('#')) {
            return Ok(Expr::Str(content));
        }
        self.enter(open)?;
        let mut sub = Parser::new(&content, self.base + open + 1, self.depth);
        sub.defines = std::mem::take(&mut self.defines);
        let result = sub.parse_top();
        self.defines = std::mem::take(&mut sub.defines);
        let nodes = result?;
        self.leave();
        Ok(Expr::Interpolated(nodes))
    }

    // ----- expressions -------------------------------------------------------------------------

    fn parse_expr(&mut self) -> PResult<Expr> {
        self.parse_binary(0)
    }

    /// Operators by precedence level, loosest first.
    fn operator(&mut self, level: usize) -> Option<BinOp> {
        self.skip_ws();
        let p = self.pos;
        let word =
            |s: &Self, w: &str| s.starts_with(p, w) && !s.at(p + w.len()).is_some_and(is_word_char);
        let (op, len) = match level {
            0 if self.starts_with(p, "||") => (BinOp::Or, 2),
            0 if word(self, "or") => (BinOp::Or, 2),
            1 if self.starts_with(p, "&&") => (BinOp::And, 2),
            1 if word(self, "and") => (BinOp::And, 3),
            2 if self.starts_with(p, "==") => (BinOp::Eq, 2),
            2 if self.starts_with(p, "!=") => (BinOp::Ne, 2),
            2 if word(self, "eq") => (BinOp::Eq, 2),
            2 if word(self, "ne") => (BinOp::Ne, 2),
            3 if self.starts_with(p, "<=") => (BinOp::Le, 2),
            3 if self.starts_with(p, ">=") => (BinOp::Ge, 2),
            3 if self.starts_with(p, "<") => (BinOp::Lt, 1),
            3 if self.starts_with(p, ">") => (BinOp::Gt, 1),
            3 if word(self, "le") => (BinOp::Le, 2),
            3 if word(self, "ge") => (BinOp::Ge, 2),
            3 if word(self, "lt") => (BinOp::Lt, 2),
            3 if word(self, "gt") => (BinOp::Gt, 2),
            4 if self.starts_with(p, "+") => (BinOp::Add, 1),
            // `-1` is one token in Velocity (a negative literal), so `$a -1` does not subtract.
            4 if self.starts_with(p, "-")
                && !self.at(p + 1).is_some_and(|c| c.is_ascii_digit()) =>
            {
                (BinOp::Sub, 1)
            }
            5 if self.starts_with(p, "*") => (BinOp::Mul, 1),
            5 if self.starts_with(p, "/") => (BinOp::Div, 1),
            5 if self.starts_with(p, "%") => (BinOp::Mod, 1),
            _ => return None,
        };
        self.pos += len;
        Some(op)
    }

    fn parse_binary(&mut self, level: usize) -> PResult<Expr> {
        if level > 5 {
            return self.parse_unary();
        }
        let mut left = self.parse_binary(level + 1)?;
        loop {
            let op_pos = self.pos;
            let Some(op) = self.operator(level) else {
                break;
            };
            let right = self.parse_binary(level + 1)?;
            left = Expr::Binary(op, Box::new(left), Box::new(right), self.base + op_pos);
        }
        Ok(left)
    }

    fn parse_unary(&mut self) -> PResult<Expr> {
        self.skip_ws();
        let p = self.pos;
        let not_len = if self.peek() == Some(b'!') && self.at(p + 1) != Some(b'=') {
            1
        } else if self.starts_with(p, "not") && !self.at(p + 3).is_some_and(is_word_char) {
            3
        } else {
            0
        };
        if not_len > 0 {
            self.pos += not_len;
            self.enter(p)?;
            let inner = self.parse_unary()?;
            self.leave();
            return Ok(Expr::Not(Box::new(inner)));
        }
        if self.peek() == Some(b'(') {
            self.pos += 1;
            self.enter(p)?;
            let inner = self.parse_expr()?;
            self.skip_ws();
            self.expect(b')', "`)`")?;
            self.leave();
            return Ok(Expr::Group(Box::new(inner)));
        }
        if self.peek() == Some(b'-') && self.at(p + 1) == Some(b'$') {
            return self.err(p, "write `0 - $x`: Velocity has no unary minus");
        }
        self.parse_param()
    }
}

enum Directive {
    Text(String),
    Nothing,
    Node(Node),
    Terminator(Terminator),
}

fn flush(text: &mut String, nodes: &mut Block) {
    if !text.is_empty() {
        nodes.push(Node::Text(std::mem::take(text)));
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Velocity unescapes `\uXXXX` in double-quoted literals (and nothing else: `\n` stays two
/// characters). An invalid sequence is kept as written.
fn unescape_unicode(s: &str) -> String {
    if !s.contains("\\u") {
        return s.to_string();
    }
    let mut units: Vec<u16> = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        units.extend(rest[..i].encode_utf16());
        let hex = rest.get(i + 2..i + 6);
        match hex.and_then(|h| {
            h.bytes()
                .all(|b| b.is_ascii_hexdigit())
                .then(|| u16::from_str_radix(h, 16).ok())
                .flatten()
        }) {
            Some(unit) => {
                units.push(unit);
                rest = &rest[i + 6..];
            }
            None => {
                units.extend("\\u".encode_utf16());
                rest = &rest[i + 2..];
            }
        }
    }
    units.extend(rest.encode_utf16());
    String::from_utf16_lossy(&units)
}
