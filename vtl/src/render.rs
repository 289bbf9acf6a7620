//! The interpreter: Velocity 1.7's rendering rules with API Gateway's configuration.
//!
//! API Gateway's one deviation from stock Velocity that shows everywhere: a reference that
//! resolves to nothing (an undefined variable, a missing map key, a method that returns `null`,
//! a property that does not exist) evaluates to the empty string instead of `null`. It then
//! renders as nothing (stock Velocity prints the reference text), equals `""` and `$null` in
//! comparisons, and is *true* in `#if` (Velocity 1.7 treats every non-null, non-`false` value as
//! true). This is what an `InvalidReferenceEventHandler` returning `""` does in Velocity 1.7,
//! and it matches responses recorded from API Gateway.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use indexmap::IndexMap;
use regex::Regex;

use crate::ast::{BinOp, Block, Expr, Node, Part, Reference};
use crate::error::RenderErrorKind;
use crate::template::{
    Input, Limits, OverrideValue, Rendered, RequestOverride, ResponseOverride, Template,
};
use crate::value::{
    Heap, JsonStyle, ListKind, ObjId, Value, as_f64, java_double, java_equals, json_escape,
};

/// Regular expressions kept per template (a template has a handful; patterns built from the
/// input could be unbounded).
const MAX_CACHED_REGEXES: usize = 256;

/// Why evaluation left the normal path.
pub(crate) enum Interrupt {
    /// `#break`: the innermost loop, or the loop with this frame id.
    Break(Option<usize>),
    /// `#stop` (or `#break` outside any loop): end the render, keep the output.
    Stop,
    Error(RenderErrorKind, usize),
}

pub(crate) type R<T> = Result<T, Interrupt>;

pub(crate) fn fail<T>(kind: RenderErrorKind, pos: usize) -> R<T> {
    Err(Interrupt::Error(kind, pos))
}

/// The state of one `#foreach` (`$foreach`).
pub(crate) struct Frame {
    pub index: i64,
    pub has_next: bool,
    pub parent: Option<usize>,
}

pub(crate) struct Renderer<'t> {
    pub(crate) tpl: &'t Template,
    pub(crate) input: &'t Input,
    pub(crate) limits: &'t Limits,
    pub(crate) heap: Heap,
    vars: HashMap<String, Value>,
    steps: u64,
    depth: usize,
    /// How many strings are being rendered into (not the output).
    string_sinks: usize,
    pub(crate) frames: Vec<Frame>,
    regexes: HashMap<String, Arc<Regex>>,
    /// The body parsed as JSON, once per render.
    pub(crate) body_doc: Option<Result<Rc<serde_json::Value>, String>>,
    /// `$input.params()`, created on first use.
    pub(crate) params_obj: Option<Value>,
}

impl<'t> Renderer<'t> {
    pub(crate) fn run(
        tpl: &'t Template,
        input: &'t Input,
        limits: &'t Limits,
    ) -> Result<Rendered, (RenderErrorKind, usize)> {
        let mut r = Renderer {
            tpl,
            input,
            limits,
            heap: Heap::new(limits.max_elements),
            vars: HashMap::new(),
            steps: 0,
            depth: 0,
            string_sinks: 0,
            frames: Vec::new(),
            regexes: HashMap::new(),
            body_doc: None,
            params_obj: None,
        };
        let context = r.build_context().map_err(|k| (k, 0))?;
        let stage = r.string_map(&input.stage_variables).map_err(|k| (k, 0))?;
        r.vars.insert("context".into(), Value::Map(context));
        r.vars.insert("stageVariables".into(), stage);
        r.vars.insert("input".into(), Value::Input);
        r.vars.insert("util".into(), Value::Util);
        let mut out = String::new();
        match r.render_block(&tpl.nodes, &mut out) {
            Ok(()) | Err(Interrupt::Stop) | Err(Interrupt::Break(_)) => {}
            Err(Interrupt::Error(kind, pos)) => return Err((kind, pos)),
        }
        let (request_override, response_override) = r.overrides(context).map_err(|k| (k, 0))?;
        Ok(Rendered {
            body: out,
            request_override,
            response_override,
        })
    }

    /// `$context` from the caller's JSON, with the override maps API Gateway provides.
    fn build_context(&mut self) -> Result<ObjId, RenderErrorKind> {
        let mut map = IndexMap::new();
        for (k, v) in &self.input.context {
            map.insert(
                Rc::from(k.as_str()),
                self.heap.alloc_json(v, ListKind::ArrayList)?,
            );
        }
        let id = self.heap.alloc_map(map)?;
        let request = self.ensure_map(id, "requestOverride")?;
        for key in ["header", "path", "querystring"] {
            self.ensure_map(request, key)?;
        }
        let response = self.ensure_map(id, "responseOverride")?;
        self.ensure_map(response, "header")?;
        Ok(id)
    }

    fn ensure_map(&mut self, parent: ObjId, key: &str) -> Result<ObjId, RenderErrorKind> {
        if let Some(Value::Map(id)) = self.heap.map(parent).and_then(|m| m.get(key)) {
            return Ok(*id);
        }
        let id = self.heap.alloc_map(IndexMap::new())?;
        if let Some(m) = self.heap.map_mut(parent) {
            m.insert(Rc::from(key), Value::Map(id));
        }
        Ok(id)
    }

    pub(crate) fn string_map(
        &mut self,
        pairs: &[(String, String)],
    ) -> Result<Value, RenderErrorKind> {
        let map = pairs
            .iter()
            .map(|(k, v)| (Rc::from(k.as_str()), Value::str(v.as_str())))
            .collect();
        self.heap.new_map(map)
    }

    /// Reads the override maps back after the render.
    fn overrides(
        &mut self,
        context: ObjId,
    ) -> Result<(RequestOverride, ResponseOverride), RenderErrorKind> {
        let get = |heap: &Heap, id: ObjId, key: &str| match heap.map(id).and_then(|m| m.get(key)) {
            Some(Value::Map(child)) => Some(*child),
            _ => None,
        };
        let mut request = RequestOverride::default();
        if let Some(ro) = get(&self.heap, context, "requestOverride") {
            for (key, slot) in [
                ("header", &mut request.header),
                ("path", &mut request.path),
                ("querystring", &mut request.querystring),
            ] {
                if let Some(id) = get(&self.heap, ro, key) {
                    *slot = self.override_entries(id)?;
                }
            }
        }
        let mut response = ResponseOverride::default();
        if let Some(ro) = get(&self.heap, context, "responseOverride") {
            if let Some(id) = get(&self.heap, ro, "header") {
                response.header = self.override_entries(id)?;
            }
            let status = self.heap.map(ro).and_then(|m| m.get("status")).cloned();
            if let Some(status) = status.filter(|s| !s.is_null()) {
                response.status = Some(self.java_string(&status, 0).map_err(kind_of)?);
            }
        }
        Ok((request, response))
    }

    fn override_entries(
        &mut self,
        id: ObjId,
    ) -> Result<Vec<(String, OverrideValue)>, RenderErrorKind> {
        let entries: Vec<(Rc<str>, Value)> = self
            .heap
            .map(id)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for (k, v) in entries {
            let value = match &v {
                Value::Null => continue,
                Value::List(list) => {
                    let items = self
                        .heap
                        .list(*list)
                        .map(|(i, _)| i.clone())
                        .unwrap_or_default();
                    let mut texts = Vec::new();
                    for item in items.iter().filter(|i| !i.is_null()) {
                        texts.push(self.java_string(item, 0).map_err(kind_of)?);
                    }
                    OverrideValue::Multi(texts)
                }
                other => OverrideValue::Single(self.java_string(other, 0).map_err(kind_of)?),
            };
            out.push((k.to_string(), value));
        }
        Ok(out)
    }

    // ----- statements --------------------------------------------------------------------------

    fn step(&mut self, pos: usize) -> R<()> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            return fail(
                RenderErrorKind::TooManySteps {
                    limit: self.limits.max_steps,
                },
                pos,
            );
        }
        Ok(())
    }

    /// Appends to the output, or to a string being built (an interpolated literal, a block's
    /// `toString()`), within the matching limit.
    fn emit(&self, out: &mut String, s: &str, pos: usize) -> R<()> {
        let len = out.len() + s.len();
        if self.string_sinks > 0 {
            if len > self.limits.max_string_bytes {
                return fail(
                    RenderErrorKind::StringTooLarge {
                        limit: self.limits.max_string_bytes,
                    },
                    pos,
                );
            }
        } else if len > self.limits.max_output_bytes {
            return fail(
                RenderErrorKind::OutputTooLarge {
                    limit: self.limits.max_output_bytes,
                },
                pos,
            );
        }
        out.push_str(s);
        Ok(())
    }

    pub(crate) fn render_block(&mut self, block: &'t Block, out: &mut String) -> R<()> {
        for node in block {
            self.render_node(node, out)?;
        }
        Ok(())
    }

    fn render_node(&mut self, node: &'t Node, out: &mut String) -> R<()> {
        let pos = match node {
            Node::Ref(r) => r.pos,
            Node::Set { pos, .. }
            | Node::If { pos, .. }
            | Node::Foreach { pos, .. }
            | Node::Break { pos, .. } => *pos,
            Node::Text(_) | Node::Stop | Node::Define { .. } => 0,
        };
        self.render_node_at(node, out).map_err(|i| relocate(i, pos))
    }

    fn render_node_at(&mut self, node: &'t Node, out: &mut String) -> R<()> {
        match node {
            Node::Text(text) => {
                self.step(0)?;
                self.emit(out, text, 0)
            }
            Node::Ref(r) => {
                self.step(r.pos)?;
                let value = self.eval_ref(r)?;
                if r.escape_prefix > 0 {
                    self.emit(out, &"\\".repeat(r.escape_prefix), r.pos)?;
                }
                if r.escaped {
                    return self.emit(out, &r.literal, r.pos);
                }
                match value {
                    Value::Block(id) => self.render_define(id, out, r.pos),
                    Value::Str(s) => self.emit(out, &s, r.pos),
                    other => {
                        let text = self.java_string(&other, 0)?;
                        self.emit(out, &text, r.pos)
                    }
                }
            }
            Node::Set { target, value, pos } => {
                self.step(*pos)?;
                let v = self.eval(value)?;
                if !v.is_null() {
                    self.assign(target, v)?;
                }
                Ok(())
            }
            Node::If {
                branches,
                otherwise,
                ..
            } => {
                for (cond, block) in branches {
                    self.step(0)?;
                    if self.cond(cond)? {
                        return self.render_block(block, out);
                    }
                }
                match otherwise {
                    Some(block) => self.render_block(block, out),
                    None => Ok(()),
                }
            }
            Node::Foreach {
                var,
                iterable,
                body,
                pos,
            } => self.foreach(var, iterable, body, *pos, out),
            Node::Break { scope, pos } => {
                let target = match scope {
                    None => None,
                    Some(e) => match self.eval(e)? {
                        Value::Foreach(id) => Some(id),
                        _ => return fail(RenderErrorKind::InvalidBreak, *pos),
                    },
                };
                if self.frames.is_empty() && target.is_none() {
                    return Err(Interrupt::Stop);
                }
                Err(Interrupt::Break(target))
            }
            Node::Stop => Err(Interrupt::Stop),
            Node::Define { name, block } => {
                self.vars.insert(name.clone(), Value::Block(*block));
                Ok(())
            }
        }
    }

    fn render_define(&mut self, id: usize, out: &mut String, pos: usize) -> R<()> {
        let Some(block) = self.tpl.defines.get(id) else {
            return Ok(());
        };
        self.enter(pos)?;
        let result = self.render_block(block, out);
        self.depth -= 1;
        result
    }

    fn enter(&mut self, pos: usize) -> R<()> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            self.depth -= 1;
            return fail(
                RenderErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                },
                pos,
            );
        }
        Ok(())
    }

    fn foreach(
        &mut self,
        var: &str,
        iterable: &'t Expr,
        body: &'t Block,
        pos: usize,
        out: &mut String,
    ) -> R<()> {
        self.step(pos)?;
        let source = self.eval(iterable)?;
        // Velocity iterates lists, and a map's values; anything else is skipped.
        let items = match &source {
            Value::List(id) => self.heap.list(*id).map(|(items, _)| items.clone()),
            Value::Map(id) => self.heap.map(*id).map(|m| m.values().cloned().collect()),
            _ => None,
        };
        let Some(items) = items else {
            return Ok(());
        };
        let saved: Vec<(&str, Option<Value>)> =
            [var, "velocityCount", "velocityHasNext", "foreach"]
                .into_iter()
                .map(|k| (k, self.vars.get(k).cloned()))
                .collect();
        let parent = match self.vars.get("foreach") {
            Some(Value::Foreach(id)) => Some(*id),
            _ => None,
        };
        let frame = self.frames.len();
        self.frames.push(Frame {
            index: -1,
            has_next: false,
            parent,
        });
        self.vars.insert("foreach".into(), Value::Foreach(frame));
        let len = items.len();
        let mut result = Ok(());
        for (i, item) in items.into_iter().enumerate() {
            if i >= self.limits.max_foreach_iterations {
                break;
            }
            if let Err(e) = self.step(pos) {
                result = Err(e);
                break;
            }
            let has_next = i + 1 < len;
            self.vars
                .insert("velocityCount".into(), Value::Int(i as i64 + 1));
            self.vars
                .insert("velocityHasNext".into(), Value::Bool(has_next));
            if item.is_null() {
                self.vars.remove(var);
            } else {
                self.vars.insert(var.to_string(), item);
            }
            if let Some(f) = self.frames.get_mut(frame) {
                f.index += 1;
                f.has_next = has_next;
            }
            match self.render_block(body, out) {
                Ok(()) => {}
                Err(Interrupt::Break(None)) => break,
                Err(Interrupt::Break(Some(target))) if target == frame => break,
                Err(other) => {
                    result = Err(other);
                    break;
                }
            }
        }
        for (k, v) in saved {
            match v {
                Some(v) => self.vars.insert(k.to_string(), v),
                None => self.vars.remove(k),
            };
        }
        result
    }

    /// `#set($a.b.c = v)`: the last step is a `put` on a map or a `set` on a list; when the
    /// object before it does not exist, nothing happens (as in Velocity).
    fn assign(&mut self, target: &'t Reference, value: Value) -> R<()> {
        let Some((last, init)) = target.parts.split_last() else {
            self.vars.insert(target.root.clone(), value);
            return Ok(());
        };
        let Some(mut cur) = self.vars.get(&target.root).cloned() else {
            return Ok(());
        };
        for part in init {
            match self.apply_part(&cur, part, target.pos)? {
                Some(v) if !v.is_null() => cur = v,
                _ => return Ok(()),
            }
        }
        match last {
            Part::Property(name) => {
                if let Value::Map(id) = cur {
                    self.heap.charge(1).map_err(|k| with_pos(k, target.pos))?;
                    if let Some(m) = self.heap.map_mut(id) {
                        m.insert(Rc::from(name.as_str()), value);
                    }
                }
            }
            Part::Index(e) => {
                let key = self.eval(e)?;
                let key = self.adjust_negative(&cur, key, target.pos)?;
                match cur {
                    Value::Map(id) => {
                        let key = self.key_string(&key).map_err(|k| with_pos(k, target.pos))?;
                        self.heap.charge(1).map_err(|k| with_pos(k, target.pos))?;
                        if let Some(m) = self.heap.map_mut(id) {
                            m.insert(key, value);
                        }
                    }
                    Value::List(id) => {
                        if let Some(i) = key.as_int() {
                            let len = self.heap.list(id).map_or(0, |(l, _)| l.len());
                            let Some(slot) = usize::try_from(i)
                                .ok()
                                .filter(|&i| i < len)
                                .and_then(|i| self.heap.list_mut(id).and_then(|l| l.get_mut(i)))
                            else {
                                return fail(index_error("set", i64::from(i), len), target.pos);
                            };
                            *slot = value;
                        }
                    }
                    _ => {}
                }
            }
            Part::Method(..) => {}
        }
        Ok(())
    }

    // ----- references --------------------------------------------------------------------------

    /// The value of a reference; never `null` (see the module documentation).
    pub(crate) fn eval_ref(&mut self, r: &'t Reference) -> R<Value> {
        let Some(mut cur) = self.vars.get(&r.root).cloned() else {
            return Ok(Value::empty());
        };
        for part in &r.parts {
            match self.apply_part(&cur, part, r.pos)? {
                Some(v) if !v.is_null() => cur = v,
                _ => return Ok(Value::empty()),
            }
        }
        if cur.is_null() {
            return Ok(Value::empty());
        }
        Ok(cur)
    }

    /// One `.property`, `.method(..)` or `[index]` step. `None`: no such property or method.
    fn apply_part(&mut self, cur: &Value, part: &'t Part, pos: usize) -> R<Option<Value>> {
        self.step(pos)?;
        match part {
            Part::Property(name) => Ok(self.property(cur, name)),
            Part::Method(name, args) => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.eval(a)?);
                }
                self.call(cur, name, &values).map_err(|k| with_pos(k, pos))
            }
            Part::Index(e) => {
                let key = self.eval(e)?;
                let key = self.adjust_negative(cur, key, pos)?;
                self.index(cur, &key).map_err(|k| with_pos(k, pos))
            }
        }
    }

    /// `$x[-1]` means `$x[$x.size() - 1]` (Velocity 1.7 `ASTIndex.adjMinusIndexArg`).
    fn adjust_negative(&mut self, cur: &Value, key: Value, pos: usize) -> R<Value> {
        let Value::Int(i) = key else { return Ok(key) };
        if i >= 0 || i32::try_from(i).is_err() {
            return Ok(key);
        }
        let size = match cur {
            Value::List(id) => self.heap.list(*id).map(|(l, _)| l.len()),
            Value::Map(id) => self.heap.map(*id).map(|m| m.len()),
            _ => None,
        };
        match size {
            Some(size) => Ok(Value::Int(size as i64 + i)),
            None => fail(
                RenderErrorKind::MethodFailed {
                    method: "[]".into(),
                    reason: format!(
                        "a 'size()' method required for negative index {i} does not exist"
                    ),
                },
                pos,
            ),
        }
    }

    // ----- expressions -------------------------------------------------------------------------

    /// Velocity's `value()`: `null` only from arithmetic that cannot be done.
    pub(crate) fn eval(&mut self, e: &'t Expr) -> R<Value> {
        self.step(0)?;
        Ok(match e {
            Expr::Str(s) => Value::str(s.as_str()),
            Expr::Interpolated(nodes) => {
                self.enter(0)?;
                let mut s = String::new();
                self.string_sinks += 1;
                let result = self.render_block(nodes, &mut s);
                self.string_sinks -= 1;
                self.depth -= 1;
                result?;
                self.check_string(&s, 0)?;
                Value::str(s)
            }
            Expr::Int(i) => Value::Int(*i),
            Expr::Float(f) => Value::Float(*f),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Ref(r) => self.eval_ref(r)?,
            Expr::List(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.eval(item)?);
                }
                self.heap
                    .new_list(values, ListKind::ArrayList)
                    .map_err(|k| with_pos(k, 0))?
            }
            Expr::Map(entries) => {
                let mut map = IndexMap::with_capacity(entries.len());
                for (k, v) in entries {
                    let key = self.eval(k)?;
                    let key = self.key_string(&key).map_err(|k| with_pos(k, 0))?;
                    let value = self.eval(v)?;
                    map.insert(key, value);
                }
                self.heap.new_map(map).map_err(|k| with_pos(k, 0))?
            }
            Expr::Range(a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                match (as_f64(&a), as_f64(&b)) {
                    (Some(a), Some(b)) => {
                        // Java `intValue()`.
                        let (a, b) = (a as i32 as i64, b as i32 as i64);
                        let n = (a - b).unsigned_abs() as usize + 1;
                        self.heap.charge(n).map_err(|k| with_pos(k, 0))?;
                        let items: Vec<Value> = if a <= b {
                            (a..=b).map(Value::Int).collect()
                        } else {
                            (b..=a).rev().map(Value::Int).collect()
                        };
                        self.heap
                            .new_list(items, ListKind::ArrayList)
                            .map_err(|k| with_pos(k, 0))?
                    }
                    _ => Value::Null,
                }
            }
            Expr::Not(inner) => Value::Bool(!self.cond(inner)?),
            Expr::Group(inner) => self.eval(inner)?,
            Expr::Binary(op, l, r, pos) => match op {
                BinOp::Or
                | BinOp::And
                | BinOp::Eq
                | BinOp::Ne
                | BinOp::Lt
                | BinOp::Le
                | BinOp::Gt
                | BinOp::Ge => Value::Bool(self.cond(e)?),
                _ => {
                    let (l, r) = (self.eval(l)?, self.eval(r)?);
                    self.math(*op, l, r, *pos)?
                }
            },
        })
    }

    /// Velocity's `evaluate()`, the truth of an `#if` condition. Literals other than
    /// `true`/`false` and arithmetic are false without being evaluated (`SimpleNode.evaluate`).
    pub(crate) fn cond(&mut self, e: &'t Expr) -> R<bool> {
        self.step(0)?;
        Ok(match e {
            Expr::Ref(r) => match self.eval_ref(r)? {
                Value::Null => false,
                Value::Bool(b) => b,
                _ => true,
            },
            Expr::Bool(b) => *b,
            Expr::Not(inner) => !self.cond(inner)?,
            Expr::Group(inner) => self.cond(inner)?,
            Expr::Binary(op, l, r, _) => match op {
                BinOp::Or => self.cond(l)? || self.cond(r)?,
                BinOp::And => self.cond(l)? && self.cond(r)?,
                BinOp::Eq | BinOp::Ne => {
                    let (a, b) = (self.eval(l)?, self.eval(r)?);
                    let eq = self.velocity_equals(&a, &b)?;
                    if *op == BinOp::Eq { eq } else { !eq }
                }
                BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                    let (a, b) = (self.eval(l)?, self.eval(r)?);
                    compare(*op, &a, &b)
                }
                _ => false,
            },
            _ => false,
        })
    }

    /// `==` in Velocity 1.7 (`ASTEQNode`): numbers by value; two objects of related classes by
    /// `equals`; otherwise by their `toString()` (so `true == "true"` and `1 == "1"`).
    fn velocity_equals(&mut self, a: &Value, b: &Value) -> R<bool> {
        if a.is_number() && b.is_number() {
            return Ok(match (a, b) {
                (Value::Int(x), Value::Int(y)) => x == y,
                _ => as_f64(a) == as_f64(b),
            });
        }
        match (a, b) {
            (Value::Null, Value::Null) => return Ok(true),
            (Value::Null, _) | (_, Value::Null) => return Ok(false),
            _ => {}
        }
        if same_family(&self.heap, a, b) {
            return Ok(java_equals(&self.heap, a, b, 0));
        }
        let x = self.java_string(a, 0)?;
        let y = self.java_string(b, 0)?;
        Ok(x == y)
    }

    /// `+ - * / %` (`ASTMathNode`, `MathUtils`): `+` concatenates when either side is a string;
    /// integer arithmetic truncates; division or modulus by zero, or a non-number, gives `null`.
    fn math(&mut self, op: BinOp, l: Value, r: Value, pos: usize) -> R<Value> {
        if op == BinOp::Add && (matches!(l, Value::Str(_)) || matches!(r, Value::Str(_))) {
            let mut s = if l.is_null() {
                String::new()
            } else {
                self.java_string(&l, 0)?
            };
            if !r.is_null() {
                s.push_str(&self.java_string(&r, 0)?);
            }
            self.check_string(&s, pos)?;
            return Ok(Value::str(s));
        }
        let is_zero =
            |v: &Value| matches!(v, Value::Int(0)) || matches!(v, Value::Float(f) if *f == 0.0);
        if matches!(op, BinOp::Div | BinOp::Mod) && is_zero(&r) {
            return Ok(Value::Null);
        }
        Ok(match (l, r) {
            (Value::Int(a), Value::Int(b)) => {
                let exact = match op {
                    BinOp::Add => a.checked_add(b),
                    BinOp::Sub => a.checked_sub(b),
                    BinOp::Mul => a.checked_mul(b),
                    BinOp::Div => a.checked_div(b),
                    BinOp::Mod => a.checked_rem(b),
                    _ => None,
                };
                match exact {
                    Some(v) => Value::Int(v),
                    // Java would continue in BigInteger; the magnitude survives as a double.
                    None => Value::Float(float_op(op, a as f64, b as f64)),
                }
            }
            (a, b) => match (as_f64(&a), as_f64(&b)) {
                (Some(x), Some(y)) => Value::Float(float_op(op, x, y)),
                _ => Value::Null,
            },
        })
    }

    pub(crate) fn check_string(&self, s: &str, pos: usize) -> R<()> {
        if s.len() > self.limits.max_string_bytes {
            return fail(
                RenderErrorKind::StringTooLarge {
                    limit: self.limits.max_string_bytes,
                },
                pos,
            );
        }
        Ok(())
    }

    /// A map key: strings as they are, other values by `toString()`.
    pub(crate) fn key_string(&mut self, v: &Value) -> Result<Rc<str>, RenderErrorKind> {
        match v {
            Value::Str(s) => Ok(s.clone()),
            other => self.java_string(other, 0).map(Rc::from).map_err(kind_of),
        }
    }

    /// A compiled Java regular expression, cached for this render and for the template.
    pub(crate) fn regex(&mut self, java: &str) -> Result<Arc<Regex>, RenderErrorKind> {
        if let Some(re) = self.regexes.get(java) {
            return Ok(re.clone());
        }
        let shared = self
            .tpl
            .regexes
            .lock()
            .ok()
            .and_then(|cache| cache.get(java).cloned());
        let re = match shared {
            Some(re) => re,
            None => {
                let unsupported = |reason: String| RenderErrorKind::UnsupportedRegex {
                    pattern: java.to_string(),
                    reason,
                };
                let translated = crate::java::translate_regex(java).map_err(unsupported)?;
                let re = Arc::new(Regex::new(&translated).map_err(|e| unsupported(e.to_string()))?);
                if let Ok(mut cache) = self.tpl.regexes.lock()
                    && cache.len() < MAX_CACHED_REGEXES
                {
                    cache.insert(java.to_string(), re.clone());
                }
                re
            }
        };
        if self.regexes.len() < MAX_CACHED_REGEXES {
            self.regexes.insert(java.to_string(), re.clone());
        }
        Ok(re)
    }

    // ----- toString ----------------------------------------------------------------------------

    /// Java's `toString()` of a value: `{a=1, b=2}` for maps, `[1, 2]` for lists, compact JSON
    /// for JSON arrays, `Double.toString` for doubles.
    pub(crate) fn java_string(&mut self, v: &Value, depth: usize) -> R<String> {
        let mut out = String::new();
        self.write_string(v, depth, &mut out)?;
        Ok(out)
    }

    fn write_string(&mut self, v: &Value, depth: usize, out: &mut String) -> R<()> {
        if depth > self.limits.max_depth {
            return fail(
                RenderErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                },
                0,
            );
        }
        self.check_string(out, 0)?;
        match v {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&java_double(*f)),
            Value::Str(s) => out.push_str(s),
            Value::Map(id) => {
                let entries: Vec<(Rc<str>, Value)> = self
                    .heap
                    .map(*id)
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default();
                out.push('{');
                for (i, (k, val)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(k);
                    out.push('=');
                    if matches!(val, Value::Map(x) if x == id) {
                        out.push_str("(this Map)");
                    } else {
                        self.write_string(val, depth + 1, out)?;
                    }
                }
                out.push('}');
            }
            Value::List(id) => {
                let (items, kind) = match self.heap.list(*id) {
                    Some((items, kind)) => (items.clone(), kind),
                    None => (Vec::new(), ListKind::ArrayList),
                };
                if kind == ListKind::Json {
                    return self.write_json(v, JsonStyle::Web, depth, out);
                }
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if matches!(item, Value::List(x) if x == id) {
                        out.push_str("(this Collection)");
                    } else {
                        self.write_string(item, depth + 1, out)?;
                    }
                }
                out.push(']');
            }
            Value::Entry(e) => {
                out.push_str(&e.0);
                out.push('=');
                self.write_string(&e.1, depth + 1, out)?;
            }
            Value::Block(id) => {
                let mut s = String::new();
                self.string_sinks += 1;
                let result = self.render_define(*id, &mut s, 0);
                self.string_sinks -= 1;
                result?;
                out.push_str(&s);
            }
            Value::Class(name) => {
                out.push_str("class ");
                out.push_str(name);
            }
            Value::Input | Value::Util | Value::Foreach(_) => {}
        }
        Ok(())
    }

    /// json-smart's writer, as `JSONArray.toString()` uses it.
    fn write_json(&mut self, v: &Value, style: JsonStyle, depth: usize, out: &mut String) -> R<()> {
        if depth > self.limits.max_depth {
            return fail(
                RenderErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                },
                0,
            );
        }
        self.check_string(out, 0)?;
        match v {
            Value::Null => out.push_str("null"),
            Value::Bool(_) | Value::Int(_) => self.write_string(v, depth, out)?,
            Value::Float(f) if f.is_finite() => out.push_str(&java_double(*f)),
            Value::Float(_) => out.push_str("null"),
            Value::Map(id) => {
                let entries: Vec<(Rc<str>, Value)> = self
                    .heap
                    .map(*id)
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default();
                out.push('{');
                for (i, (k, val)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push('"');
                    json_escape(k, style, out);
                    out.push_str("\":");
                    self.write_json(val, style, depth + 1, out)?;
                }
                out.push('}');
            }
            Value::List(id) => {
                let items = self
                    .heap
                    .list(*id)
                    .map(|(items, _)| items.clone())
                    .unwrap_or_default();
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    self.write_json(item, style, depth + 1, out)?;
                }
                out.push(']');
            }
            other => {
                let s = self.java_string(other, depth + 1)?;
                out.push('"');
                json_escape(&s, style, out);
                out.push('"');
            }
        }
        Ok(())
    }
}

fn float_op(op: BinOp, a: f64, b: f64) -> f64 {
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Mod => a % b,
        _ => f64::NAN,
    }
}

/// `< <= > >=`: numbers only; anything else is false (Velocity logs an error and goes on).
fn compare(op: BinOp, a: &Value, b: &Value) -> bool {
    let ord = match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.partial_cmp(y),
        _ => match (as_f64(a), as_f64(b)) {
            (Some(x), Some(y)) => x.partial_cmp(&y),
            _ => return false,
        },
    };
    let Some(ord) = ord else { return false };
    match op {
        BinOp::Lt => ord.is_lt(),
        BinOp::Le => ord.is_le(),
        BinOp::Gt => ord.is_gt(),
        BinOp::Ge => ord.is_ge(),
        _ => false,
    }
}

/// Whether one value's class is assignable from the other's (so `==` uses `equals`).
fn same_family(heap: &Heap, a: &Value, b: &Value) -> bool {
    let family = |v: &Value| -> u8 {
        match v {
            Value::Bool(_) => 1,
            Value::Str(_) => 2,
            Value::Map(_) => 3,
            Value::List(id) => match heap.list(*id).map(|(_, k)| k) {
                Some(ListKind::ArrayList | ListKind::Json) | None => 4,
                Some(ListKind::KeySet) => 5,
                Some(ListKind::Values) => 6,
                Some(ListKind::EntrySet) => 7,
            },
            Value::Entry(_) => 8,
            Value::Class(_) => 9,
            Value::Foreach(_) => 10,
            Value::Block(_) => 11,
            Value::Input => 12,
            Value::Util => 13,
            Value::Int(_) | Value::Float(_) | Value::Null => 0,
        }
    };
    let (x, y) = (family(a), family(b));
    x != 0 && x == y
}

/// Gives an error raised without a position (inside an expression) the position of its node.
fn relocate(i: Interrupt, pos: usize) -> Interrupt {
    match i {
        Interrupt::Error(kind, 0) => Interrupt::Error(kind, pos),
        other => other,
    }
}

pub(crate) fn with_pos(kind: RenderErrorKind, pos: usize) -> Interrupt {
    Interrupt::Error(kind, pos)
}

pub(crate) fn kind_of(i: Interrupt) -> RenderErrorKind {
    match i {
        Interrupt::Error(kind, _) => kind,
        // Only a `#define` block rendered inside `toString()` can stop; treat as done.
        Interrupt::Break(_) | Interrupt::Stop => RenderErrorKind::InvalidBreak,
    }
}

pub(crate) fn index_error(method: &str, index: i64, len: usize) -> RenderErrorKind {
    RenderErrorKind::MethodFailed {
        method: method.into(),
        reason: format!("index {index} out of bounds for length {len}"),
    }
}
