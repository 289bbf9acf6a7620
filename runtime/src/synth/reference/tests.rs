//! Unit tests of the reference page: escaping, determinism, "served by" of every integration
//! kind, schema notation and tables, and documents that are empty or malformed.

use serde_json::{Value, json};

use super::html::{anchor_part, blocks, inline};
use super::render;
use super::schema::Schemas;
use super::served_by::{Target, cfn_text, parse_service_arn, served_by};

/// The tags the page is made of; anything else in the output came from the document unescaped.
const TAGS: &[&str] = &[
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "a", "header", "p", "h1", "h2",
    "h3", "h4", "span", "div", "ul", "li", "nav", "main", "section", "table", "caption", "thead",
    "tbody", "tr", "th", "td", "code", "article", "strong", "dl", "dt", "dd", "details", "summary",
    "pre", "footer",
];

const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "href",
    "id",
    "title",
    "aria-label",
    "aria-labelledby",
    "data-method",
    "data-path",
    "data-label",
    "scope",
];

/// Every tag of `page` is one the renderer writes, with attributes it writes: a string from the
/// document can only be text.
fn assert_only_own_markup(page: &str) {
    let body = page.split("</style>").nth(1).expect("a style element");
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("a tag closes") + open;
        let tag = &rest[open + 1..close];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(TAGS.contains(&name), "unexpected tag <{tag}>");
        // Attribute values are escaped, so they hold no `"`: split on quotes.
        for (i, part) in tag[name.len()..].split('"').enumerate() {
            if i % 2 == 0 {
                let attribute = part.trim().trim_end_matches('=');
                assert!(
                    attribute.is_empty() || ATTRIBUTES.contains(&attribute),
                    "unexpected attribute {attribute:?} in <{tag}>"
                );
            }
        }
        rest = &rest[close + 1..];
    }
}

fn hostile() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "<script>alert(\"pwned\")</script> & Co",
            "version": "1.0 'beta' <b>",
            "description": "Café ☕ — «ünïcödé» 日本語 & `<code>` \"quoted\""
        },
        "paths": {
            "/a/{id}\"onmouseover=\"alert(1)": {
                "get": {
                    "operationId": "x\"><img src=x onerror=alert(1)>",
                    "summary": "<script>evil()</script>",
                    "description": "Line one.\n\n</p><p onclick=\"x\">two",
                    "tags": ["<i>tag</i>"],
                    "parameters": [{
                        "name": "\"><svg onload=alert(1)>",
                        "in": "query",
                        "description": "<iframe src=javascript:alert(1)>",
                        "schema": { "type": "string", "pattern": "^<[a-z]+>$", "enum": ["<x>", "'y'"] }
                    }],
                    "responses": {
                        "200\"><script>": {
                            "description": "ok <b>bold</b>",
                            "headers": { "X-<h>": { "schema": { "type": "string" } } },
                            "content": { "text/<html>": { "schema": { "$ref": "#/components/schemas/<Evil>" } } }
                        }
                    },
                    "x-amazon-apigateway-integration": {
                        "type": "http",
                        "httpMethod": "GET\"><script>",
                        "uri": "https://example.com/<script>?a=1&b=2",
                        "requestTemplates": { "application/json": "</pre><script>alert(1)</script>" }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "<Evil>": {
                    "type": "object",
                    "description": "</section><script>",
                    "properties": { "<p>": { "type": "string", "default": "</td>" } }
                }
            }
        }
    })
}

#[test]
fn every_string_from_the_document_is_escaped() {
    let page = render(&hostile());
    assert_only_own_markup(&page);
    assert!(!page.contains("<script"), "{page}");
    assert!(page.contains(
        "<title>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co 1.0 &#39;beta&#39; &lt;b&gt; — API reference</title>"
    ));
    assert!(
        page.contains(
            "Café ☕ — «ünïcödé» 日本語 &amp; <code>&lt;code&gt;</code> &quot;quoted&quot;"
        )
    );
    assert!(page.contains("<code>&quot;&gt;&lt;svg onload=alert(1)&gt;</code>"));
    assert!(page.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("https://example.com/&lt;script&gt;?a=1&amp;b=2"));
    // The anchor of a hostile name is still a plain token, and its link lands.
    assert!(page.contains("id=\"schema-_3cEvil_3e\""));
    assert!(page.contains("href=\"#schema-_3cEvil_3e\""));
}

#[test]
fn rendering_is_deterministic() {
    for doc in [hostile(), json!({}), example()] {
        let first = render(&doc);
        assert_eq!(first, render(&doc));
        // A clone parsed back from text renders the same bytes too.
        let reparsed: Value = serde_json::from_str(&doc.to_string()).unwrap();
        assert_eq!(first, render(&reparsed));
    }
}

#[test]
fn an_empty_api_has_a_page() {
    let page = render(
        &json!({ "openapi": "3.0.3", "info": { "title": "Empty", "version": "1" }, "paths": {} }),
    );
    assert_only_own_markup(&page);
    assert!(page.contains("<h1>Empty"));
    assert!(page.contains("This API has no operations."));
    assert!(page.contains("0 operations"));
    assert!(!page.contains("id=\"operations\""));
    assert!(!page.contains("id=\"schemas\""));
    assert!(
        !page.contains("href=\"#schemas\""),
        "no link to a missing section"
    );
}

#[test]
fn malformed_documents_render_without_panicking() {
    for doc in [
        json!(null),
        json!([]),
        json!("openapi"),
        json!({ "paths": [] }),
        json!({ "info": "x", "paths": { "/a": "not an item", "/b": { "get": 5, "post": {} } } }),
        json!({ "paths": { "/c": { "get": { "parameters": [5, { "$ref": "#/nowhere" }], "responses": [], "requestBody": 3 } } } }),
        json!({ "components": { "schemas": { "A": 5, "B": { "$ref": "#/components/schemas/B" } } } }),
    ] {
        let page = render(&doc);
        assert!(page.starts_with("<!DOCTYPE html>"), "{doc}");
        assert!(page.ends_with("</html>\n"), "{doc}");
        assert_only_own_markup(&page);
    }
    // A nameless API is still titled.
    assert!(render(&json!({})).contains("<title>API — API reference</title>"));
}

fn example() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Pets", "version": "2.1.0", "description": "First.\n\nSecond with `code`." },
        "paths": {
            "/pets/{petId}": {
                "parameters": [
                    { "name": "petId", "in": "path", "required": true, "schema": { "type": "string" } },
                    { "name": "trace", "in": "header", "schema": { "type": "string" } }
                ],
                "get": {
                    "operationId": "getPet",
                    "summary": "Get a pet.",
                    "deprecated": true,
                    "tags": ["pets"],
                    "parameters": [
                        { "$ref": "#/components/parameters/Verbose" },
                        { "name": "trace", "in": "header", "required": true, "description": "Overrides.", "schema": { "type": "string" } }
                    ],
                    "responses": {
                        "200": { "$ref": "#/components/responses/PetFound" },
                        "default": { "description": "Anything else." }
                    },
                    "x-amazon-apigateway-integration": {
                        "type": "aws_proxy", "httpMethod": "POST",
                        "uri": { "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${PetsFunction.Arn}/invocations" }
                    }
                },
                "put": {
                    "operationId": "getPet",
                    "requestBody": { "$ref": "#/components/requestBodies/NewPet" },
                    "responses": { "204": { "description": "Stored." } }
                }
            }
        },
        "components": {
            "parameters": {
                "Verbose": { "name": "verbose", "in": "query", "schema": { "type": "boolean", "default": false } }
            },
            "requestBodies": {
                "NewPet": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } }
            },
            "responses": {
                "PetFound": {
                    "description": "The pet.",
                    "headers": { "ETag": { "required": true, "schema": { "type": "string" } } },
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } }
                }
            },
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": { "type": "string", "format": "uuid" },
                        "status": { "$ref": "#/components/schemas/Status" }
                    }
                },
                "Status": { "type": "string", "enum": ["available", "sold"] }
            }
        }
    })
}

#[test]
fn operations_parameters_bodies_and_responses() {
    let page = render(&example());
    assert_only_own_markup(&page);
    assert!(page.contains("<title>Pets 2.1.0 — API reference</title>"));
    assert!(
        page.contains(
            "<div class=\"lead\"><p>First.</p><p>Second with <code>code</code>.</p></div>"
        )
    );
    // Two operations share an id (a hand-written document): both get an anchor of their own.
    assert!(page.contains("id=\"op-getPet\" data-method=\"GET\" data-path=\"/pets/{petId}\""));
    assert!(page.contains("id=\"op-getPet-2\" data-method=\"PUT\" data-path=\"/pets/{petId}\""));
    assert!(
        page.contains("<a href=\"#op-getPet\"><span class=\"param\"></span>")
            || page
                .contains("<a href=\"#op-getPet\">/pets/<span class=\"param\">{petId}</span></a>")
    );
    // Deprecated: flagged in the route table and on the operation.
    assert!(page.contains("<tr class=\"is-deprecated\">"));
    assert!(page.contains(
        "<span class=\"tag\">pets</span> <span class=\"tag deprecated\">deprecated</span>"
    ));

    let get = section(&page, "id=\"op-getPet\"");
    // The path item's `petId`, the operation's `trace` (overriding the path item's), the
    // referenced `verbose`.
    assert_eq!(get.matches("<td data-label=\"Name\">").count(), 3, "{get}");
    assert!(get.contains("<code>petId</code> <span class=\"tag required\">required</span></td><td data-label=\"In\">path</td>"));
    assert!(get.contains("<code>trace</code> <span class=\"tag required\">required</span></td><td data-label=\"In\">header</td>"));
    assert!(get.contains("Overrides."));
    assert!(get.contains("<code>verbose</code></td><td data-label=\"In\">query</td><td class=\"type\" data-label=\"Type\">boolean</td>"));
    assert!(get.contains("default <code>false</code>"));
    // The referenced response: its description, header and body.
    assert!(get.contains(
        "<span class=\"status s2\">200</span></td><td data-label=\"Description\">The pet.</td>"
    ));
    assert!(get.contains("<code>ETag</code> <span class=\"type\">string</span> <span class=\"tag required\">required</span>"));
    assert!(get.contains("<code class=\"content-type\">application/json</code> <span class=\"type\"><a class=\"ref\" href=\"#schema-Pet\">Pet</a></span>"));
    assert!(get.contains("<span class=\"status sd\">default</span>"));
    assert!(get.contains("function <code>PetsFunction</code>"));

    let put = section(&page, "id=\"op-getPet-2\"");
    assert!(put.contains("<h4>Request body</h4>"));
    assert!(put.contains("<span class=\"tag required\">required</span>"));
    assert!(put.contains("href=\"#schema-Pet\""));
    // No response has headers or a body: no empty columns.
    assert!(!put.contains(">Headers</th>") && !put.contains(">Body</th>"));
    assert!(put.contains("No integration"));

    // Schemas, with what uses them.
    let pet = section(&page, "id=\"schema-Pet\"");
    assert!(pet.contains("<code>id</code> <span class=\"tag required\">required</span></td><td class=\"type\" data-label=\"Type\">string <span class=\"format\">(uuid)</span></td>"));
    assert!(pet.contains("<span class=\"label\">used by</span> <a href=\"#op-getPet\">GET /pets/{petId}</a>, <a href=\"#op-getPet-2\">PUT /pets/{petId}</a>"));
    let status = section(&page, "id=\"schema-Status\"");
    assert!(
        status.contains("one of <code>&quot;available&quot;</code>, <code>&quot;sold&quot;</code>")
    );
    assert!(status.contains("<a href=\"#schema-Pet\">Pet</a>"));
}

/// The part of the page from `marker` to the end of its element (the next article or section).
fn section<'a>(page: &'a str, marker: &str) -> &'a str {
    let start = page.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &page[start..];
    let end = rest
        .find("</article>")
        .into_iter()
        .chain(rest.find("</section>"))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

fn sub(s: &str) -> Value {
    json!({ "Fn::Sub": s })
}

/// The "served by" sentence of an integration, tags stripped.
fn said(integration: Value) -> (String, String, Vec<(&'static str, String)>) {
    let served = served_by(Some(&integration));
    let strip = |html: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    let details = served
        .details
        .iter()
        .map(|(label, html)| (*label, strip(html)))
        .collect();
    (served.kind, strip(&served.summary), details)
}

#[test]
fn served_by_lambda_proxy_and_custom() {
    let uri = sub(
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ApiFunction.Arn}/invocations",
    );
    let (kind, text, _) = said(json!({ "type": "aws_proxy", "httpMethod": "POST", "uri": uri }));
    assert_eq!(kind, "Lambda proxy");
    assert_eq!(
        text,
        "Lambda proxy: API Gateway passes the whole request to function ApiFunction, and its answer is the response."
    );
    let (kind, text, details) = said(json!({
        "type": "aws", "httpMethod": "POST", "uri": uri,
        "requestTemplates": { "application/json": "{}" },
        "responses": { "Not found.*": { "statusCode": "404" }, "default": { "statusCode": "200" } }
    }));
    assert_eq!(kind, "Lambda (custom)");
    assert!(
        text.starts_with("Lambda, custom integration: function ApiFunction is invoked"),
        "{text}"
    );
    assert_eq!(
        details,
        [(
            "Status mapping",
            "Not found.* → 404; otherwise → 200".to_string()
        )]
    );
    // A literal ARN, in a literal region.
    let (_, text, _) = said(json!({
        "type": "aws_proxy",
        "uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:pets/invocations"
    }));
    assert!(
        text.contains("function arn:aws:lambda:eu-west-1:123456789012:function:pets,"),
        "{text}"
    );
}

#[test]
fn served_by_mock() {
    let (kind, text, details) = said(json!({
        "type": "mock",
        "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
        "responses": { "default": { "statusCode": "418", "responseTemplates": { "application/json": "{\"tea\": true}" } } }
    }));
    assert_eq!(kind, "Mock");
    assert_eq!(
        text,
        "Mock: API Gateway answers 418 itself; no backend is called."
    );
    assert_eq!(details, [("Status mapping", "always → 418".to_string())]);
    // Several responses: the request template's status is the one answered.
    let (_, text, _) = said(json!({
        "type": "MOCK",
        "requestTemplates": { "application/json": "{\"statusCode\": 503}" },
        "responses": { "default": { "statusCode": "200" }, "5\\d{2}": { "statusCode": "503" } }
    }));
    assert_eq!(
        text,
        "Mock: API Gateway answers 503 itself; no backend is called."
    );
    let served = served_by(Some(&json!({
        "type": "mock",
        "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "{\"status\":\"ok\"}" } } }
    })));
    assert_eq!(
        served.templates,
        [(
            "response 200 (default), application/json".to_string(),
            "{\"status\":\"ok\"}".to_string()
        )]
    );
}

#[test]
fn served_by_s3() {
    let s3 = |method: &str, path: &str| {
        said(json!({
            "type": "aws", "httpMethod": method,
            "uri": sub(&format!("arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:s3:path/{path}")),
            "credentials": sub("${GetPetIntegrationRole.Arn}"),
            "requestParameters": {
                "integration.request.path.petId": "method.request.path.petId",
                "integration.request.path.size": "method.request.querystring.size",
                "integration.request.header.Content-Type": "'application/json'"
            }
        }))
    };
    let (kind, text, details) = s3("GET", "${PetsBucket}/my-pets/{petId}/details.json");
    assert_eq!(kind, "S3");
    assert_eq!(
        text,
        "S3 GetObject on bucket PetsBucket, key my-pets/{petId}/details.json."
    );
    assert_eq!(details[0], ("Role", "GetPetIntegrationRole".to_string()));
    assert_eq!(
        details[1],
        ("Request mapping", "backend path petId ← path petIdbackend path size ← query sizebackend header Content-Type ← 'application/json'".to_string())
    );
    assert_eq!(
        s3("PUT", "${Docs}/a.json").1,
        "S3 PutObject on bucket Docs, key a.json."
    );
    assert_eq!(
        s3("DELETE", "${Docs}/a").1,
        "S3 DeleteObject on bucket Docs, key a."
    );
    assert_eq!(
        s3("HEAD", "${Docs}/a").1,
        "S3 HeadObject on bucket Docs, key a."
    );
    assert_eq!(
        s3("GET", "literal-bucket/k/{x}").1,
        "S3 GetObject on bucket literal-bucket, key k/{x}."
    );
    assert_eq!(s3("GET", "${Docs}").1, "S3 ListObjects on bucket Docs.");
    assert_eq!(s3("PUT", "${Docs}").1, "S3 CreateBucket on bucket Docs.");
    assert_eq!(
        s3("POST", "${Docs}").1,
        "S3 POST on the bucket on bucket Docs."
    );
    assert_eq!(s3("GET", "/").1, "S3 ListBuckets: the account's buckets.");
    let listing = said(json!({
        "type": "aws", "httpMethod": "GET",
        "uri": sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/{bucket}"),
        "requestParameters": {
            "integration.request.path.bucket": "method.request.path.folder",
            "integration.request.querystring.list-type": "'2'"
        }
    }));
    assert_eq!(
        listing.1,
        "S3 ListObjectsV2 on the bucket named by method.request.path.folder."
    );
}

#[test]
fn served_by_http() {
    let (kind, text, details) = said(json!({
        "type": "http_proxy", "httpMethod": "ANY",
        "uri": "http://inventory.internal.example.com/{path}",
        "connectionType": "VPC_LINK", "connectionId": sub("${InventoryVpcLink}"),
        "timeoutInMillis": 5000,
        "tlsConfig": { "insecureSkipVerification": true }
    }));
    assert_eq!(kind, "HTTP proxy");
    assert_eq!(
        text,
        "HTTP proxy: ANY http://inventory.internal.example.com/{path} over VPC link InventoryVpcLink; request and response are passed through unchanged."
    );
    assert_eq!(
        details,
        [
            ("Timeout", "5000 ms".to_string()),
            (
                "TLS",
                "the backend's certificate is not verified".to_string()
            ),
        ]
    );
    let (kind, text, details) = said(json!({
        "type": "http", "httpMethod": "post", "uri": "https://search.example.com/v2/query",
        "passthroughBehavior": "never",
        "cacheKeyParameters": ["method.request.querystring.q"],
        "responses": { "default": { "statusCode": "200" }, "5\\d{2}": { "statusCode": "502" } }
    }));
    assert_eq!(kind, "HTTP");
    assert_eq!(
        text,
        "HTTP: POST https://search.example.com/v2/query; request and response are mapped by the integration."
    );
    assert_eq!(
        details,
        [
            (
                "Status mapping",
                "5\\d{2} → 502; otherwise → 200".to_string()
            ),
            ("Passthrough", "never".to_string()),
            ("Cache keys", "query q".to_string()),
        ]
    );
    // A VPC link named by a stage variable is shown as written.
    let (_, text, _) = said(json!({
        "type": "http", "httpMethod": "GET", "uri": "http://x/", "connectionType": "VPC_LINK",
        "connectionId": "${stageVariables.vpcLinkId}"
    }));
    assert!(
        text.contains("over VPC link ${stageVariables.vpcLinkId}"),
        "{text}"
    );
}

#[test]
fn served_by_aws_services() {
    let (kind, text, details) = said(json!({
        "type": "aws", "httpMethod": "POST",
        "uri": sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:dynamodb:action/GetItem"),
        "credentials": sub("${GetPetIntegrationRole.Arn}"),
        "requestTemplates": { "application/json": sub("{\"TableName\": \"${PetsTable}\", \"Region\": \"${AWS::Region}\"}") }
    }));
    assert_eq!(kind, "AWS: DynamoDB");
    assert_eq!(
        text,
        "DynamoDB GetItem: API Gateway calls the service itself."
    );
    assert_eq!(details[0], ("Resources", "PetsTable".to_string()));
    assert_eq!(details[1], ("Role", "GetPetIntegrationRole".to_string()));
    // SQS's path form: the queue, and the action from the form-encoded template.
    let (kind, text, _) = said(json!({
        "type": "aws", "httpMethod": "POST",
        "uri": sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${OrdersQueue.QueueName}"),
        "requestTemplates": { "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" }
    }));
    assert_eq!(kind, "AWS: SQS");
    assert_eq!(
        text,
        "SQS SendMessage on queue OrdersQueue: API Gateway calls the service itself."
    );
    // A service this page has no name for is shown by its code; a plain-string template's
    // `${...}` is not a resource.
    let (kind, text, details) = said(json!({
        "type": "aws",
        "uri": "arn:aws:apigateway:us-east-1:newservice:path/things/{id}",
        "requestTemplates": { "application/json": "${notAResource}" }
    }));
    assert_eq!(kind, "AWS: newservice");
    assert_eq!(
        text,
        "newservice on path things/{id}: API Gateway calls the service itself."
    );
    assert!(details.is_empty());
}

#[test]
fn served_by_nothing_or_something_unknown() {
    assert_eq!(served_by(None).kind, "none");
    assert_eq!(served_by(Some(&json!("mock"))).kind, "none");
    let (kind, text, _) = said(json!({ "type": "websocket", "uri": "wss://x" }));
    assert_eq!(
        (kind.as_str(), text.as_str()),
        (
            "websocket",
            "An integration of type websocket calling wss://x."
        )
    );
    assert_eq!(said(json!({ "uri": "x" })).0, "unknown");
}

#[test]
fn cloudformation_values_read_as_references() {
    assert_eq!(cfn_text(&json!({ "Ref": "Bucket" })), "${Bucket}");
    assert_eq!(
        cfn_text(&json!({ "Fn::GetAtt": ["Fn", "Arn"] })),
        "${Fn.Arn}"
    );
    assert_eq!(cfn_text(&json!({ "Fn::GetAtt": "Fn.Arn" })), "${Fn.Arn}");
    assert_eq!(
        cfn_text(
            &json!({ "Fn::Sub": ["s3:path/${B}/${K}/${AWS::Region}", { "B": { "Ref": "Docs" } }] })
        ),
        "s3:path/${Docs}/${K}/${AWS::Region}"
    );
    assert_eq!(
        cfn_text(&json!({ "Fn::Join": ["", ["a", { "Ref": "B" }, "c"]] })),
        "a${B}c"
    );
    assert_eq!(
        cfn_text(&json!({ "Fn::ImportValue": "Shared" })),
        "${import Shared}"
    );
    assert_eq!(
        cfn_text(&json!({ "Fn::If": ["C", "a", "b"] })),
        "{\"Fn::If\":[\"C\",\"a\",\"b\"]}"
    );
    assert_eq!(cfn_text(&json!(5)), "5");

    let arn = parse_service_arn(
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution",
    )
    .unwrap();
    assert_eq!(
        (arn.service, arn.target),
        ("states", Target::Action("StartExecution"))
    );
    let arn = parse_service_arn("arn:aws:apigateway:us-east-1:s3:path/b/k").unwrap();
    assert_eq!((arn.service, arn.target), ("s3", Target::Path("b/k")));
    assert_eq!(parse_service_arn("https://example.com"), None);
    assert_eq!(
        parse_service_arn("arn:aws:apigateway:us-east-1:s3:other/x"),
        None
    );
}

fn schemas_doc() -> Value {
    json!({ "components": { "schemas": {
        "Pet": { "type": "object" },
        "Shape": {
            "oneOf": [
                { "$ref": "#/components/schemas/Pet" },
                { "type": "object", "required": ["side"], "properties": { "side": { "type": "number", "exclusiveMinimum": true, "minimum": 0 } } }
            ]
        }
    } } })
}

#[test]
fn schema_notation() {
    let doc = schemas_doc();
    let schemas = Schemas::new(&doc);
    let n = |schema: Value| schemas.notation(&schema);
    assert_eq!(
        n(json!({ "$ref": "#/components/schemas/Pet" })),
        "<a class=\"ref\" href=\"#schema-Pet\">Pet</a>"
    );
    assert_eq!(
        n(json!({ "$ref": "#/components/schemas/Gone" })),
        "<span class=\"ref missing\" title=\"not in components/schemas\">Gone</span>"
    );
    assert_eq!(
        n(json!({ "$ref": "other.json#/Pet" })),
        "<code>other.json#/Pet</code>"
    );
    assert_eq!(
        n(json!({ "type": "array", "items": { "$ref": "#/components/schemas/Pet" } })),
        "array&lt;<a class=\"ref\" href=\"#schema-Pet\">Pet</a>&gt;"
    );
    assert_eq!(n(json!({ "type": "array" })), "array");
    assert_eq!(
        n(json!({ "type": "array", "items": [{ "type": "string" }, { "type": "integer" }] })),
        "[string, integer]"
    );
    assert_eq!(
        n(json!({ "type": "string", "nullable": true })),
        "string | null"
    );
    assert_eq!(n(json!({ "type": ["string", "null"] })), "string | null");
    assert_eq!(
        n(
            json!({ "allOf": [{ "$ref": "#/components/schemas/Pet" }], "nullable": true, "default": {} })
        ),
        "<a class=\"ref\" href=\"#schema-Pet\">Pet</a> | null"
    );
    assert_eq!(
        n(json!({ "anyOf": [{ "type": "string" }, { "type": "integer", "format": "int64" }] })),
        "string | integer <span class=\"format\">(int64)</span>"
    );
    assert_eq!(
        n(json!({ "allOf": [{ "$ref": "#/components/schemas/Pet" }, { "type": "object" }] })),
        "<a class=\"ref\" href=\"#schema-Pet\">Pet</a> &amp; object"
    );
    assert_eq!(
        n(json!({ "enum": ["a", 1, null] })),
        "<code>&quot;a&quot;</code> | <code>1</code> | <code>null</code>"
    );
    assert_eq!(n(json!({ "const": "cat" })), "<code>&quot;cat&quot;</code>");
    assert_eq!(
        n(json!({ "type": "object", "additionalProperties": { "type": "integer" } })),
        "map&lt;string, integer&gt;"
    );
    assert_eq!(
        n(json!({ "type": "object", "additionalProperties": true })),
        "map&lt;string, any&gt;"
    );
    assert_eq!(
        n(json!({ "type": "object", "additionalProperties": false })),
        "object"
    );
    assert_eq!(n(json!({ "properties": { "a": {} } })), "object");
    assert_eq!(n(json!({})), "any");
    assert_eq!(n(json!(true)), "any");
    assert_eq!(n(json!(false)), "nothing");
}

#[test]
fn schema_constraints() {
    let doc = json!({});
    let schemas = Schemas::new(&doc);
    let d = |schema: Value| schemas.description(&schema);
    let text = d(json!({
        "type": "string", "description": "A `name`.", "minLength": 1, "maxLength": 64,
        "pattern": "^[a-z]+$", "default": "rex", "enum": ["rex", "fido"], "example": "rex",
        "readOnly": true, "deprecated": true
    }));
    assert!(
        text.starts_with("A <code>name</code>. <span class=\"constraints\">"),
        "{text}"
    );
    for phrase in [
        "one of <code>&quot;rex&quot;</code>, <code>&quot;fido&quot;</code>",
        "default <code>&quot;rex&quot;</code>",
        "length 1–64",
        "pattern <code>^[a-z]+$</code>",
        "read-only",
        "deprecated",
        "example <code>&quot;rex&quot;</code>",
    ] {
        assert!(
            text.contains(&format!("<span class=\"constraint\">{phrase}</span>")),
            "{phrase} in {text}"
        );
    }
    let c = |schema: Value| super::schema::constraints(&schema);
    assert_eq!(
        c(json!({ "type": "integer", "minimum": 0, "maximum": 100 })),
        ["≥ 0", "≤ 100"]
    );
    // OpenAPI 3.0's boolean exclusive bounds, and 3.1's numeric ones.
    assert_eq!(
        c(
            json!({ "minimum": 0, "exclusiveMinimum": true, "maximum": 1, "exclusiveMaximum": true })
        ),
        ["&gt; 0", "&lt; 1"]
    );
    assert_eq!(
        c(json!({ "exclusiveMinimum": 0, "exclusiveMaximum": 10 })),
        ["&gt; 0", "&lt; 10"]
    );
    assert_eq!(
        c(json!({ "multipleOf": 5, "minLength": 3 })),
        ["multiple of 5", "length ≥ 3"]
    );
    assert_eq!(
        c(json!({ "maxLength": 3, "minItems": 2, "maxItems": 2, "uniqueItems": true })),
        ["length ≤ 3", "items 2", "unique items"]
    );
    assert_eq!(
        c(json!({ "minProperties": 1, "additionalProperties": false })),
        ["properties ≥ 1", "no other properties"]
    );
    // A bare enum is its notation, not a constraint.
    assert!(c(json!({ "enum": ["a"] })).is_empty());
}

#[test]
fn nested_properties_are_flattened_into_rows() {
    let doc = schemas_doc();
    let schemas = Schemas::new(&doc);
    let schema = json!({
        "type": "object",
        "required": ["owner"],
        "properties": {
            "owner": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": { "type": "string" },
                    "pets": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "integer" } } } }
                }
            },
            "labels": { "type": "object", "additionalProperties": { "type": "object", "properties": { "v": { "type": "string" } } } },
            "pet": { "$ref": "#/components/schemas/Pet" },
            "shape": { "$ref": "#/components/schemas/Shape" },
            "either": { "oneOf": [{ "type": "string" }, { "type": "object", "properties": { "x": { "type": "number" } } }] },
            "both": { "allOf": [{ "type": "object", "properties": { "a": { "type": "string" } } }, { "type": "object", "properties": { "b": { "type": "string" } } }] }
        },
        "additionalProperties": { "type": "string" }
    });
    let rows: Vec<(String, usize, Option<bool>)> = schemas
        .rows(&schema)
        .into_iter()
        .map(|r| (r.name, r.depth, r.required))
        .collect();
    let expected: Vec<(String, usize, Option<bool>)> = [
        ("owner", 0, Some(true)),
        ("owner.name", 1, Some(true)),
        ("owner.pets", 1, Some(false)),
        ("owner.pets[].id", 2, Some(false)),
        ("labels", 0, Some(false)),
        ("labels.*.v", 1, Some(false)),
        ("pet", 0, Some(false)),
        ("shape", 0, Some(false)),
        ("either", 0, Some(false)),
        ("either (option 2)", 1, None),
        ("either (option 2).x", 2, Some(false)),
        ("both", 0, Some(false)),
        ("both.a", 1, Some(false)),
        ("both.b", 1, Some(false)),
        ("*", 0, None),
    ]
    .into_iter()
    .map(|(n, d, r)| (n.to_string(), d, r))
    .collect();
    assert_eq!(rows, expected);

    // A component that is a composition: its inline option gets rows, the referenced one a link.
    let page = render(&doc);
    let shape = section(&page, "id=\"schema-Shape\"");
    assert!(
        shape.contains(
            "<span class=\"type\"><a class=\"ref\" href=\"#schema-Pet\">Pet</a> | object</span>"
        ),
        "{shape}"
    );
    assert!(
        shape.contains("<code>(option 2).side</code> <span class=\"tag required\">required</span>"),
        "{shape}"
    );
    assert!(shape.contains("&gt; 0"));
}

#[test]
fn prose_keeps_inline_code_and_paragraphs() {
    assert_eq!(
        inline("Use `a<b>` and `c`."),
        "Use <code>a&lt;b&gt;</code> and <code>c</code>."
    );
    assert_eq!(inline("one ` tick"), "one ` tick");
    assert_eq!(inline("empty `` pair"), "empty `` pair");
    assert_eq!(inline("wrapped\n  line"), "wrapped line");
    assert_eq!(blocks("a\nb\n\n\nc"), "<p>a b</p><p>c</p>");
    assert_eq!(blocks(""), "");
}

#[test]
fn anchors_are_one_to_one() {
    assert_eq!(anchor_part("getPet"), "getPet");
    assert_eq!(anchor_part("a-b.c"), "a-b.c");
    assert_ne!(anchor_part("a_b"), anchor_part("a b"));
    assert_ne!(anchor_part("a_20"), anchor_part("a "));
    assert_eq!(anchor_part("é"), "_c3_a9");
}
