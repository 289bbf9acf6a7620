//! Test support: the example APIs' rendered documents, a moto server (through apigw-testkit)
//! with signed calls to set resources up and read them back, a local HTTP backend that records
//! what it receives, and request/response helpers.

#![allow(dead_code)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use apigw_gateway::{Bindings, Gateway, GatewayConfig, ResolveError, resolve_document};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "us-east-1";

/// `tests/golden/<example>/openapi.json`: the document synth renders for that example.
pub fn golden(example: &str) -> Value {
    let path = format!(
        "{}/../tests/golden/{example}/openapi.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Binds every `<Operation>IntegrationRole.Arn` the document references (the role is not
/// evaluated by the gateway), on top of `bindings`.
pub fn with_roles(document: &Value, mut bindings: Bindings) -> Bindings {
    if let Err(ResolveError::Unresolved { unresolved }) = resolve_document(document, &bindings) {
        for u in unresolved {
            if let Some(role) = u
                .reference
                .strip_suffix(".Arn")
                .filter(|r| r.ends_with("IntegrationRole"))
            {
                bindings.insert(
                    u.reference.clone(),
                    format!("arn:aws:iam::{ACCOUNT}:role/{role}"),
                );
            }
        }
    }
    bindings
}

/// A name nobody else in this test process uses (tests share one moto server).
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

/// The shared moto server's endpoint (provisioned on first use).
pub fn moto() -> String {
    apigw_testkit::Moto::shared()
        .unwrap_or_else(|e| panic!("moto is needed for this test: {e}"))
        .endpoint()
        .to_string()
}

/// A gateway for a rendered document with every AWS service at moto.
pub fn gateway(document: &Value, bindings: Bindings, config: GatewayConfig) -> Gateway {
    let bindings = with_roles(document, bindings);
    Gateway::from_rendered(document, &bindings, config).unwrap_or_else(|e| panic!("{e}"))
}

/// What a client received.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends a request through `Gateway::handle`.
pub async fn send(
    gateway: &Gateway,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Answer {
    let mut builder = http::Request::builder().method(method).uri(path);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let response = gateway.handle(builder.body(body.into()).unwrap()).await;
    let (parts, body) = response.into_parts();
    Answer {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    }
}

/// A signed call to an AWS service at moto, for setting resources up and reading them back.
pub async fn aws(
    service: &str,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Answer {
    let url = format!("{}{path_and_query}", moto());
    let body: Bytes = body.into();
    let identity = Credentials::new("testing", "testing", None, None, "tests").into();
    let mut settings = SigningSettings::default();
    if service == "s3" {
        settings.payload_checksum_kind = aws_sigv4::http_request::PayloadChecksumKind::XAmzSha256;
    }
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name(service)
        .time(SystemTime::now())
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        method,
        &url,
        headers.iter().copied(),
        SignableBody::Bytes(&body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let client = reqwest::Client::new();
    let mut request = client.request(
        reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
        &url,
    );
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let (signed, _) = instructions.into_parts();
    for h in signed {
        request = request.header(h.name(), h.value());
    }
    let response = request.body(body).send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap();
    Answer {
        status,
        headers,
        body,
    }
}

/// A JSON-protocol call (`X-Amz-Target`).
pub async fn aws_json(service: &str, target: &str, content_type: &str, body: Value) -> Value {
    let answer = aws(
        service,
        "POST",
        "/",
        &[("X-Amz-Target", target), ("Content-Type", content_type)],
        body.to_string(),
    )
    .await;
    assert!(
        answer.status < 300,
        "{target}: {} {}",
        answer.status,
        answer.text()
    );
    if answer.body.is_empty() {
        json!({})
    } else {
        answer.json()
    }
}

/// A query-protocol call (SQS, SNS), answered in XML.
pub async fn aws_query(service: &str, path: &str, params: &[(&str, &str)]) -> String {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let answer = aws(
        service,
        "POST",
        path,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body,
    )
    .await;
    assert!(
        answer.status < 300,
        "{params:?}: {} {}",
        answer.status,
        answer.text()
    );
    answer.text()
}

/// The text of the first `<tag>...</tag>` in an XML answer.
pub fn xml_value(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = xml[start..].find(&format!("</{tag}>"))? + start;
    Some(xml[start..end].to_string())
}

/// One request a [`Backend`] received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub uri: String,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

/// A local HTTP server (127.0.0.1) that records each request and answers with `respond`.
pub struct Backend {
    pub address: SocketAddr,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl Backend {
    pub async fn start<F>(respond: F) -> Backend
    where
        F: Fn(&Received) -> (u16, Vec<(&'static str, String)>, Vec<u8>) + Send + Sync + 'static,
    {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        let respond = Arc::new(respond);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = log.clone();
                let respond = respond.clone();
                tokio::spawn(async move {
                    let service =
                        service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                            let log = log.clone();
                            let respond = respond.clone();
                            async move {
                                let (parts, body) = request.into_parts();
                                let body = body
                                    .collect()
                                    .await
                                    .map(|b| b.to_bytes())
                                    .unwrap_or_default();
                                let received = Received {
                                    method: parts.method.to_string(),
                                    uri: parts.uri.to_string(),
                                    headers: parts.headers,
                                    body,
                                };
                                let (status, headers, body) = respond(&received);
                                log.lock().unwrap().push(received);
                                let mut response =
                                    hyper::Response::new(Full::new(Bytes::from(body)));
                                *response.status_mut() =
                                    hyper::StatusCode::from_u16(status).unwrap();
                                for (k, v) in headers {
                                    response.headers_mut().insert(k, v.parse().unwrap());
                                }
                                Ok::<_, Infallible>(response)
                            }
                        });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Backend { address, received }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}
