//! synth time for generated APIs of 10 / 100 / 1000 operations: registry validation plus
//! `synth::render` and `synth::document` plus the pretty JSON synth writes. The baseline, measured in the same
//! run, is serde_json writing the very same document, i.e. the cost of the bytes alone.
//!
//! `cargo bench -p apigw-tests --bench synth`; see docs/benchmarks.md.

use std::hint::black_box;

use apigw::{
    ApiConfig, ApiResponses, Backend, FromRequest, HandlerFuture, Json, LambdaBackend, Method,
    OperationDescriptor, Registry, Request, RequestDoc, Response, Shared, SourceLocation,
};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use schemars::SchemaGenerator;

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn handler(_: Request, _: Shared) -> HandlerFuture {
    Box::pin(async { Ok(Response::new(200)) })
}

/// Like `update_pet`: a path parameter, a header, a JSON body.
fn request_with_body(generator: &mut SchemaGenerator) -> RequestDoc {
    let mut doc = RequestDoc::default();
    doc.path_param::<String>(generator, "id");
    doc.header_param::<String>(generator, "If-Match", false);
    <Json<petstore::NewPet> as FromRequest>::document(generator, &mut doc);
    doc
}

/// Like `get_pet`: a path parameter only.
fn request_path_only(generator: &mut SchemaGenerator) -> RequestDoc {
    let mut doc = RequestDoc::default();
    doc.path_param::<String>(generator, "id");
    doc
}

/// `n` operations over `n / 4` resources (`/r{i}/items/{id}`, GET/PUT/POST/DELETE), shaped like
/// the petstore's Lambda operations. Leaked: descriptors are `'static`, as `inventory` makes them.
fn operations(n: usize) -> Vec<&'static OperationDescriptor> {
    const METHODS: [Method; 4] = [Method::Get, Method::Put, Method::Post, Method::Delete];
    (0..n)
        .map(|i| {
            let method = METHODS[i % 4];
            let with_body = matches!(method, Method::Put | Method::Post);
            let op: &'static OperationDescriptor = Box::leak(Box::new(OperationDescriptor {
                name: leak(format!("op_{i}")),
                id: leak(format!("op{i}")),
                method,
                path: leak(format!("/r{}/items/{{id}}", i / 4)),
                summary: Some("A generated operation."),
                description: None,
                tags: &["generated"],
                deprecated: false,
                function: None,
                responses: if with_body {
                    <petstore::UpdatePetResponses as ApiResponses>::describe
                } else {
                    <petstore::GetPetResponses as ApiResponses>::describe
                },
                statuses: if with_body {
                    <petstore::UpdatePetResponses as ApiResponses>::STATUSES
                } else {
                    <petstore::GetPetResponses as ApiResponses>::STATUSES
                },
                request: if with_body {
                    request_with_body
                } else {
                    request_path_only
                },
                backend: Backend::Lambda(LambdaBackend {
                    handler,
                    custom: None,
                }),
                source: SourceLocation {
                    file: "benches/synth.rs",
                    line: i as u32,
                },
            }));
            op
        })
        .collect()
}

fn synth(ops: &[&'static OperationDescriptor], config: &ApiConfig) -> Vec<u8> {
    let registry = Registry::new(ops.to_vec()).expect("generated operations are valid");
    let rendered = apigw::synth::render(config, &registry).expect("renders");
    let doc = apigw::synth::document(&config.info, &rendered).document;
    apigw::synth::to_json(&doc, "OpenAPI document").expect("serializable")
}

fn bench(c: &mut Criterion) {
    let info = ApiConfig::new("Generated");
    let mut group = c.benchmark_group("synth");
    for n in [10usize, 100, 1000] {
        let ops = operations(n);
        let bytes = synth(&ops, &info);
        let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(
            doc["paths"].as_object().map(|p| p.len()),
            Some(n.div_ceil(4))
        );
        eprintln!("synth/{n}: {} bytes of OpenAPI", bytes.len());
        group.bench_with_input(BenchmarkId::new("apigw", n), &ops, |b, ops| {
            b.iter(|| black_box(synth(ops, &info)))
        });
        group.bench_with_input(
            BenchmarkId::new("baseline_serde_json", n),
            &doc,
            |b, doc| {
                b.iter(|| black_box(apigw::synth::to_json(doc, "OpenAPI document").expect("JSON")))
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
