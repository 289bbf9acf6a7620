//! The API reference page: one self-contained HTML file rendered from the OpenAPI document synth
//! writes (`api.html` next to `openapi.json`).
//!
//! A pure function of the document, so it describes exactly what API Gateway imports: operations,
//! parameters, bodies and responses with their schemas, and which integration serves each route.
//! The page needs no network and no JavaScript (it has none): CSS is inline, there is no external
//! URL, and every string from the document is HTML-escaped. The same document gives the same
//! bytes.

mod html;
mod schema;
mod served_by;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde_json::Value;

use html::{Ids, blocks, code, escape, inline};
use schema::{Schemas, component_name, needs_table, schema_anchor};
use served_by::{ServedBy, served_by};

/// The page's stylesheet, inlined into every page.
const STYLE: &str = include_str!("style.css");

/// Path item keys that are operations, and how the page names their method.
const METHODS: [(&str, &str); 9] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("patch", "PATCH"),
    ("trace", "TRACE"),
    ("x-amazon-apigateway-any-method", "ANY"),
];

/// How many `$ref` hops to follow to a component parameter, body, response or header.
const MAX_REF_HOPS: usize = 8;

/// Renders the reference page of an OpenAPI document. Never fails: whatever part of the document
/// is missing or malformed is shown as missing.
pub fn render(document: &Value) -> String {
    Page::new(document).render()
}

/// One operation of the document, with what the page derives from it.
struct Operation<'a> {
    method: &'static str,
    path: &'a str,
    path_item: &'a Value,
    op: &'a Value,
    anchor: String,
    served: ServedBy,
}

impl Operation<'_> {
    fn str(&self, key: &str) -> Option<&str> {
        self.op.get(key).and_then(Value::as_str)
    }

    fn deprecated(&self) -> bool {
        self.op.get("deprecated") == Some(&Value::Bool(true))
    }
}

struct Page<'a> {
    document: &'a Value,
    schemas: Schemas<'a>,
    operations: Vec<Operation<'a>>,
    /// Component schema name -> (anchor, label) of what references it.
    used_by: BTreeMap<String, Vec<(String, String)>>,
}

impl<'a> Page<'a> {
    fn new(document: &'a Value) -> Self {
        let mut ids = Ids::default();
        let mut operations = Vec::new();
        for (path, item) in document
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let Some(methods) = item.as_object() else {
                continue;
            };
            for (key, op) in methods {
                let Some((_, method)) = METHODS.iter().find(|(k, _)| k == key) else {
                    continue;
                };
                if !op.is_object() {
                    continue;
                }
                let name = op
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{method} {path}"));
                operations.push(Operation {
                    method,
                    path,
                    path_item: item,
                    op,
                    anchor: ids.unique("op", &name),
                    served: served_by(op.get("x-amazon-apigateway-integration")),
                });
            }
        }
        let schemas = Schemas::new(document);
        let mut used_by: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for op in &operations {
            let mut refs = BTreeSet::new();
            for key in ["parameters", "requestBody", "responses"] {
                if let Some(v) = op.op.get(key) {
                    collect_refs(document, v, &mut refs, 0);
                }
            }
            if let Some(v) = op.path_item.get("parameters") {
                collect_refs(document, v, &mut refs, 0);
            }
            let label = format!("{} {}", op.method, op.path);
            for name in refs {
                used_by
                    .entry(name)
                    .or_default()
                    .push((op.anchor.clone(), label.clone()));
            }
        }
        for (name, schema) in schemas.components() {
            let mut refs = BTreeSet::new();
            collect_refs(document, schema, &mut refs, 0);
            refs.remove(name);
            for referenced in refs {
                used_by
                    .entry(referenced)
                    .or_default()
                    .push((schema_anchor(name), name.clone()));
            }
        }
        Page {
            document,
            schemas,
            operations,
            used_by,
        }
    }

    fn info(&self, key: &str) -> Option<&'a str> {
        self.document
            .get("info")
            .and_then(|i| i.get(key))
            .and_then(Value::as_str)
    }

    fn render(&self) -> String {
        let title = self
            .info("title")
            .filter(|t| !t.trim().is_empty())
            .unwrap_or("API");
        let version = self.info("version").filter(|v| !v.trim().is_empty());
        let mut out = String::with_capacity(64 * 1024);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"apigw\">\n",
        );
        let _ = writeln!(
            out,
            "<title>{}{} — API reference</title>",
            escape(title),
            version
                .map(|v| format!(" {}", escape(v)))
                .unwrap_or_default()
        );
        let _ = write!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n");
        out.push_str("<a class=\"skip\" href=\"#main\">Skip to the reference</a>\n");
        self.header(&mut out, title, version);
        out.push_str("<main id=\"main\">\n");
        self.routes(&mut out);
        self.operations(&mut out);
        self.schemas(&mut out);
        out.push_str("</main>\n");
        out.push_str(
            "<footer><p>Rendered by apigw from the API's OpenAPI document \
             (<code>openapi.json</code>).</p></footer>\n</body>\n</html>\n",
        );
        out
    }

    fn header(&self, out: &mut String, title: &str, version: Option<&str>) {
        out.push_str("<header class=\"top\">\n<p class=\"eyebrow\">API reference</p>\n");
        let _ = write!(out, "<h1>{}", escape(title));
        if let Some(v) = version {
            let _ = write!(
                out,
                " <span class=\"version\"><span class=\"visually-hidden\">version </span>{}</span>",
                escape(v)
            );
        }
        out.push_str("</h1>\n");
        if let Some(d) = self.info("description") {
            let _ = writeln!(out, "<div class=\"lead\">{}</div>", blocks(d));
        }
        let mut facts = Vec::new();
        if let Some(v) = self.document.get("openapi").and_then(Value::as_str) {
            facts.push(format!("OpenAPI {}", escape(v)));
        }
        let n = self.operations.len();
        facts.push(format!("{n} operation{}", plural(n)));
        let mut kinds: Vec<(&str, &str, usize)> = Vec::new();
        for op in &self.operations {
            match kinds.iter_mut().find(|(k, _, _)| *k == op.served.kind) {
                Some(entry) => entry.2 += 1,
                None => kinds.push((&op.served.kind, op.served.class, 1)),
            }
        }
        let n = self.schemas.components().count();
        if n > 0 {
            facts.push(format!("{n} schema{}", plural(n)));
        }
        if let Some(types) = self
            .document
            .get("x-amazon-apigateway-binary-media-types")
            .and_then(Value::as_array)
            .filter(|t| !t.is_empty())
        {
            let types: Vec<String> = types
                .iter()
                .map(|t| code(&served_by::cfn_text(t)))
                .collect();
            facts.push(format!("binary media types: {}", types.join(", ")));
        }
        out.push_str("<ul class=\"facts\" aria-label=\"At a glance\">");
        for fact in facts {
            let _ = write!(out, "<li>{fact}</li>");
        }
        out.push_str("</ul>\n");
        if !kinds.is_empty() {
            out.push_str("<p class=\"kinds\"><span class=\"label\">served by</span> ");
            for (kind, class, count) in kinds {
                let _ = write!(
                    out,
                    "<span class=\"kind k-{class}\">{}</span>&nbsp;×&nbsp;{count} ",
                    escape(kind)
                );
            }
            out.push_str("</p>\n");
        }
        out.push_str("<nav aria-label=\"Sections\"><ul class=\"sections\">");
        out.push_str("<li><a href=\"#routes\">Routes</a></li><li><a href=\"#operations\">Operations</a></li>");
        if self.schemas.components().next().is_some() {
            out.push_str("<li><a href=\"#schemas\">Schemas</a></li>");
        }
        out.push_str("</ul></nav>\n</header>\n");
    }

    fn routes(&self, out: &mut String) {
        out.push_str("<section id=\"routes\" aria-labelledby=\"routes-title\">\n<h2 id=\"routes-title\">Routes</h2>\n");
        if self.operations.is_empty() {
            out.push_str("<p class=\"empty\">This API has no operations.</p>\n</section>\n");
            return;
        }
        out.push_str(
            "<table class=\"routes\"><caption>Every operation, and what serves it</caption>\
             <thead><tr><th scope=\"col\">Method</th><th scope=\"col\">Path</th>\
             <th scope=\"col\">Operation</th><th scope=\"col\">Summary</th>\
             <th scope=\"col\">Served by</th></tr></thead><tbody>\n",
        );
        for op in &self.operations {
            let deprecated = if op.deprecated() {
                " <span class=\"tag deprecated\">deprecated</span>"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<tr{}><td data-label=\"Method\">{}</td><td data-label=\"Path\"><a href=\"#{}\">{}</a></td>\
                 <td data-label=\"Operation\">{}{deprecated}</td><td data-label=\"Summary\">{}</td>\
                 <td data-label=\"Served by\"><span class=\"kind k-{}\">{}</span></td></tr>",
                if op.deprecated() {
                    " class=\"is-deprecated\""
                } else {
                    ""
                },
                method_badge(op.method),
                op.anchor,
                path_html(op.path),
                op.str("operationId").map(code).unwrap_or_default(),
                op.str("summary").map(inline).unwrap_or_default(),
                op.served.class,
                escape(&op.served.kind),
            );
        }
        out.push_str("</tbody></table>\n</section>\n");
    }

    fn operations(&self, out: &mut String) {
        if self.operations.is_empty() {
            return;
        }
        out.push_str("<section id=\"operations\" aria-labelledby=\"operations-title\">\n<h2 id=\"operations-title\">Operations</h2>\n");
        for op in &self.operations {
            self.operation(out, op);
        }
        out.push_str("</section>\n");
    }

    fn operation(&self, out: &mut String, op: &Operation<'_>) {
        let _ = writeln!(
            out,
            "<article class=\"op\" id=\"{id}\" data-method=\"{}\" data-path=\"{}\" aria-labelledby=\"{id}-title\">\n\
             <h3 id=\"{id}-title\">{} <span class=\"path\">{}</span></h3>",
            op.method,
            escape(op.path),
            method_badge(op.method),
            path_html(op.path),
            id = op.anchor,
        );
        let mut meta = Vec::new();
        if let Some(id) = op.str("operationId") {
            meta.push(format!(
                "<span class=\"label\">operation</span> {}",
                code(id)
            ));
        }
        if let Some(tags) = op.op.get("tags").and_then(Value::as_array) {
            for tag in tags.iter().filter_map(Value::as_str) {
                meta.push(format!("<span class=\"tag\">{}</span>", escape(tag)));
            }
        }
        if op.deprecated() {
            meta.push("<span class=\"tag deprecated\">deprecated</span>".into());
        }
        if !meta.is_empty() {
            let _ = writeln!(out, "<p class=\"op-meta\">{}</p>", meta.join(" "));
        }
        if let Some(summary) = op.str("summary") {
            let _ = writeln!(out, "<p class=\"summary\">{}</p>", inline(summary));
        }
        if let Some(description) = op.str("description") {
            let _ = writeln!(
                out,
                "<div class=\"description\">{}</div>",
                blocks(description)
            );
        }
        self.served_by(out, op);
        self.parameters(out, op);
        self.request_body(out, op);
        self.responses(out, op);
        out.push_str(
            "<p class=\"back\"><a href=\"#routes\">Back to the routes</a></p>\n</article>\n",
        );
    }

    fn served_by(&self, out: &mut String, op: &Operation<'_>) {
        let served = &op.served;
        let _ = write!(
            out,
            "<div class=\"served-by k-{}\"><h4>Served by</h4>\n<p class=\"integration\">{}</p>\n",
            served.class, served.summary,
        );
        if !served.details.is_empty() {
            out.push_str("<dl>");
            for (label, value) in &served.details {
                let _ = write!(out, "<div><dt>{label}</dt><dd>{value}</dd></div>");
            }
            out.push_str("</dl>\n");
        }
        if !served.templates.is_empty() {
            let n = served.templates.len();
            let _ = write!(
                out,
                "<details><summary>Mapping template{} ({n})</summary>",
                plural(n)
            );
            for (what, text) in &served.templates {
                let _ = write!(
                    out,
                    "<p class=\"template-label\">{}</p><pre><code>{}</code></pre>",
                    escape(what),
                    escape(text)
                );
            }
            out.push_str("</details>\n");
        }
        out.push_str("</div>\n");
    }

    /// Operation parameters, with the path item's ones it does not override.
    fn parameters(&self, out: &mut String, op: &Operation<'a>) {
        let list = |v: &'a Value| -> Vec<&'a Value> {
            v.get("parameters")
                .and_then(Value::as_array)
                .map(|ps| ps.iter().map(|p| self.resolve(p)).collect())
                .unwrap_or_default()
        };
        let own = list(op.op);
        let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
        let mut params: Vec<&Value> = list(op.path_item)
            .into_iter()
            .filter(|shared| !own.iter().any(|p| key(p) == key(shared)))
            .collect();
        params.extend(own);
        if params.is_empty() {
            return;
        }
        let _ = write!(
            out,
            "<h4>Parameters</h4>\n<table class=\"params\"><caption>Parameters of {} {}</caption>\
             <thead><tr><th scope=\"col\">Name</th><th scope=\"col\">In</th><th scope=\"col\">Type</th>\
             <th scope=\"col\">Description</th></tr></thead><tbody>\n",
            op.method,
            escape(op.path)
        );
        for p in params {
            let name = p.get("name").and_then(Value::as_str).unwrap_or("?");
            let location = p.get("in").and_then(Value::as_str).unwrap_or("?");
            let schema = p.get("schema").or_else(|| {
                p.get("content")
                    .and_then(Value::as_object)
                    .and_then(|c| c.values().next())
                    .and_then(|m| m.get("schema"))
            });
            let mut tags = String::new();
            if p.get("required") == Some(&Value::Bool(true)) {
                tags.push_str(" <span class=\"tag required\">required</span>");
            }
            if p.get("deprecated") == Some(&Value::Bool(true)) {
                tags.push_str(" <span class=\"tag deprecated\">deprecated</span>");
            }
            let mut description = p
                .get("description")
                .and_then(Value::as_str)
                .map(inline)
                .unwrap_or_default();
            if let Some(schema) = schema {
                let more = self.schemas.description(&strip_description(schema));
                if !more.is_empty() {
                    if !description.is_empty() {
                        description.push(' ');
                    }
                    description.push_str(&more);
                }
            }
            if let Some(example) = p.get("example") {
                let _ = write!(
                    description,
                    " <span class=\"constraint\">example {}</span>",
                    code(&html::json_literal(example))
                );
            }
            let _ = writeln!(
                out,
                "<tr><td data-label=\"Name\"><code>{}</code>{tags}</td><td data-label=\"In\">{}</td>\
                 <td class=\"type\" data-label=\"Type\">{}</td><td data-label=\"Description\">{}</td></tr>",
                escape(name),
                escape(location),
                schema.map(|s| self.schemas.notation(s)).unwrap_or_default(),
                description.trim_start()
            );
        }
        out.push_str("</tbody></table>\n");
    }

    fn request_body(&self, out: &mut String, op: &Operation<'_>) {
        let Some(body) = op.op.get("requestBody").map(|b| self.resolve(b)) else {
            return;
        };
        out.push_str("<h4>Request body</h4>\n<div class=\"body\">");
        let required = body.get("required") == Some(&Value::Bool(true));
        let _ = write!(
            out,
            "<p><span class=\"tag{}\">{}</span>{}</p>",
            if required { " required" } else { "" },
            if required { "required" } else { "optional" },
            body.get("description")
                .and_then(Value::as_str)
                .map(|d| format!(" {}", inline(d)))
                .unwrap_or_default()
        );
        let caption = format!("Request body of {} {}", op.method, op.path);
        out.push_str(&self.content(body.get("content"), &caption));
        out.push_str("</div>\n");
    }

    /// Content types and their schemas (notation, and a property table when nested).
    fn content(&self, content: Option<&Value>, caption: &str) -> String {
        let Some(content) = content.and_then(Value::as_object).filter(|c| !c.is_empty()) else {
            return String::new();
        };
        let mut out = String::new();
        for (content_type, media) in content {
            let _ = write!(
                out,
                "<div class=\"media\"><p><code class=\"content-type\">{}</code>",
                escape(content_type)
            );
            if let Some(schema) = media.get("schema") {
                let _ = write!(
                    out,
                    " <span class=\"type\">{}</span>",
                    self.schemas.notation(schema)
                );
                let description = self.schemas.description(schema);
                if !description.is_empty() {
                    let _ = write!(out, " <span class=\"schema-note\">{description}</span>");
                }
                out.push_str("</p>");
                if needs_table(schema) {
                    out.push_str(&schema::table(
                        &self.schemas.rows(schema),
                        &format!("{caption}, {content_type}"),
                    ));
                }
            } else {
                out.push_str("</p>");
            }
            out.push_str("</div>");
        }
        out
    }

    fn responses(&self, out: &mut String, op: &Operation<'_>) {
        let Some(responses) = op.op.get("responses").and_then(Value::as_object) else {
            return;
        };
        if responses.is_empty() {
            return;
        }
        // A column no response fills is left out.
        let has = |key: &str| {
            responses.values().any(|r| {
                self.resolve(r)
                    .get(key)
                    .and_then(Value::as_object)
                    .is_some_and(|o| !o.is_empty())
            })
        };
        let (with_headers, with_body) = (has("headers"), has("content"));
        let _ = write!(
            out,
            "<h4>Responses</h4>\n<table class=\"responses\"><caption>Responses of {} {}</caption>\
             <thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Description</th>{}{}</tr></thead><tbody>\n",
            op.method,
            escape(op.path),
            if with_headers {
                "<th scope=\"col\">Headers</th>"
            } else {
                ""
            },
            if with_body {
                "<th scope=\"col\">Body</th>"
            } else {
                ""
            },
        );
        for (status, response) in responses {
            let response = self.resolve(response);
            let description = response
                .get("description")
                .and_then(Value::as_str)
                .map(inline)
                .unwrap_or_default();
            let headers = response
                .get("headers")
                .and_then(Value::as_object)
                .map(|headers| {
                    let items: Vec<String> = headers
                        .iter()
                        .map(|(name, header)| {
                            let header = self.resolve(header);
                            let mut item = code(name);
                            if let Some(schema) = header.get("schema") {
                                let _ = write!(
                                    item,
                                    " <span class=\"type\">{}</span>",
                                    self.schemas.notation(schema)
                                );
                            }
                            if header.get("required") == Some(&Value::Bool(true)) {
                                item.push_str(" <span class=\"tag required\">required</span>");
                            }
                            if let Some(d) = header.get("description").and_then(Value::as_str) {
                                let _ = write!(item, " {}", inline(d));
                            }
                            format!("<li>{item}</li>")
                        })
                        .collect();
                    if items.is_empty() {
                        String::new()
                    } else {
                        format!("<ul class=\"headers\">{}</ul>", items.concat())
                    }
                })
                .unwrap_or_default();
            let body = self.content(
                response.get("content"),
                &format!("Response {status} of {} {}", op.method, op.path),
            );
            let _ = write!(
                out,
                "<tr><td data-label=\"Status\"><span class=\"status {}\">{}</span></td>\
                 <td data-label=\"Description\">{description}</td>",
                status_class(status),
                escape(status),
            );
            if with_headers {
                let _ = write!(out, "<td data-label=\"Headers\">{headers}</td>");
            }
            if with_body {
                let _ = write!(
                    out,
                    "<td class=\"body-cell\" data-label=\"Body\">{body}</td>"
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }

    fn schemas(&self, out: &mut String) {
        if self.schemas.components().next().is_none() {
            return;
        }
        out.push_str("<section id=\"schemas\" aria-labelledby=\"schemas-title\">\n<h2 id=\"schemas-title\">Schemas</h2>\n");
        for (name, schema) in self.schemas.components() {
            let id = schema_anchor(name);
            let _ = writeln!(
                out,
                "<section class=\"schema\" id=\"{id}\" aria-labelledby=\"{id}-title\">\n<h3 id=\"{id}-title\">{}</h3>",
                escape(name)
            );
            if let Some(d) = schema.get("description").and_then(Value::as_str) {
                let _ = writeln!(out, "<div class=\"description\">{}</div>", blocks(d));
            }
            let _ = write!(
                out,
                "<p class=\"notation\"><span class=\"label\">type</span> <span class=\"type\">{}</span>",
                self.schemas.notation(schema)
            );
            let constraints = schema::constraints(schema);
            for c in constraints {
                let _ = write!(out, " <span class=\"constraint\">{c}</span>");
            }
            out.push_str("</p>\n");
            out.push_str(&schema::table(
                &self.schemas.rows(schema),
                &format!("Properties of {name}"),
            ));
            if let Some(users) = self.used_by.get(name.as_str()) {
                let links: Vec<String> = users
                    .iter()
                    .map(|(anchor, label)| format!("<a href=\"#{anchor}\">{}</a>", escape(label)))
                    .collect();
                let _ = writeln!(
                    out,
                    "<p class=\"used-by\"><span class=\"label\">used by</span> {}</p>",
                    links.join(", ")
                );
            }
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n");
    }

    /// A parameter, body, response or header, with a local `$ref` to a component followed.
    fn resolve(&self, value: &'a Value) -> &'a Value {
        let mut value = value;
        for _ in 0..MAX_REF_HOPS {
            let Some(target) = value
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|pointer| self.document.pointer(pointer))
            else {
                break;
            };
            value = target;
        }
        value
    }
}

/// The schema without its description (a parameter's own description is shown instead).
fn strip_description(schema: &Value) -> Value {
    let mut schema = schema.clone();
    if let Some(obj) = schema.as_object_mut() {
        obj.remove("description");
    }
    schema
}

/// Every component schema a value references, following references to other components
/// (responses, parameters) but not into schemas.
fn collect_refs(document: &Value, value: &Value, out: &mut BTreeSet<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    match value {
        Value::Object(obj) => {
            if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
                if let Some(name) = component_name(reference) {
                    out.insert(name);
                } else if let Some(target) = reference
                    .strip_prefix('#')
                    .and_then(|p| document.pointer(p))
                {
                    collect_refs(document, target, out, depth + 1);
                }
            }
            for (key, v) in obj {
                if key != "$ref" {
                    collect_refs(document, v, out, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                collect_refs(document, v, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn method_badge(method: &str) -> String {
    format!(
        "<span class=\"method m-{}\">{method}</span>",
        method.to_ascii_lowercase()
    )
}

/// A path with its `{parameters}` marked.
fn path_html(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&escape(&rest[..open]));
        let _ = write!(
            out,
            "<span class=\"param\">{}</span>",
            escape(&rest[open..=open + close])
        );
        rest = &rest[open + close + 1..];
    }
    out.push_str(&escape(rest));
    out
}

/// `s2` for 2xx statuses (and patterns such as `2XX`), `sd` for `default`.
fn status_class(status: &str) -> &'static str {
    match status.as_bytes().first() {
        Some(b'1') => "s1",
        Some(b'2') => "s2",
        Some(b'3') => "s3",
        Some(b'4') => "s4",
        Some(b'5') => "s5",
        _ => "sd",
    }
}
