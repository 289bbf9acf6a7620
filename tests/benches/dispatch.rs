//! Per-event overhead: one REST (v1) `GET /pets/{petId}` event through apigw (its own event
//! decoding, route lookup, extractors, `ApiResponses` conversion, its own response encoding) vs
//! the same handler written directly on `lambda_http` (its decoding, `Adapter`, response
//! encoding). Both go from the event's JSON text (what the Runtime API hands the function) to the
//! serialized Lambda result (what the function posts back): everything that differs between the
//! two stacks, and nothing else.
//!
//! `cargo bench -p apigw-tests --bench dispatch`; see docs/benchmarks.md.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::hint::black_box;
use std::sync::{Arc, Mutex};

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_http::request::LambdaRequest;
use lambda_http::{Body, RequestExt, Service, service_fn};
use lambda_runtime::{Context, LambdaEvent};
use petstore::Pet;
use serde_json::Value;

fn event(name: &str) -> String {
    let bytes = apigw_tests::fixtures::event(&format!("derived/rest-v1/{name}.json"));
    String::from_utf8(bytes).expect("fixture is UTF-8")
}

/// The direct version's store: what the petstore's `Store` holds.
type Store = Mutex<BTreeMap<String, Pet>>;

/// `get_pet` written by hand on lambda_http: read the path parameter, look the pet up, answer
/// JSON 200 or a JSON 404.
async fn direct_get_pet(store: &Store, request: lambda_http::Request) -> http::Response<Body> {
    let id = request
        .path_parameters_ref()
        .and_then(|p| p.first("petId"))
        .map(String::from);
    let pet = id
        .as_ref()
        .and_then(|id| store.lock().ok().and_then(|pets| pets.get(id).cloned()));
    let (status, body) = match pet {
        Some(pet) => (200, serde_json::to_string(&pet).unwrap_or_default()),
        None => (
            404,
            serde_json::json!({ "message": format!("no pet `{}`", id.unwrap_or_default()) })
                .to_string(),
        ),
    };
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::Text(body))
        .unwrap_or_default()
}

/// apigw, as `apigw::lambda::serve` runs it: JSON text in, JSON text out.
async fn apigw_event(dispatcher: &apigw::Dispatcher, event: &str) -> Vec<u8> {
    let payload: Value = serde_json::from_str(event).expect("JSON");
    let result = apigw::lambda::handle(dispatcher, payload, Some(Context::default()))
        .await
        .expect("a proxy response");
    serde_json::to_vec(&result).expect("JSON")
}

/// lambda_http, as `lambda_http::run` runs a handler: JSON text in, JSON text out.
async fn lambda_http_event(store: &Arc<Store>, event: &str) -> Vec<u8> {
    let request: LambdaRequest = serde_json::from_str(event).expect("a proxy event");
    let store = store.clone();
    let mut adapter = lambda_http::Adapter::from(service_fn(move |req: lambda_http::Request| {
        let store = store.clone();
        async move { Ok::<_, Infallible>(direct_get_pet(&store, req).await) }
    }));
    let response = adapter
        .call(LambdaEvent::new(request, Context::default()))
        .await
        .unwrap_or_else(|never| match never {});
    serde_json::to_vec(&response).expect("JSON")
}

fn body_of(result: &[u8]) -> (u64, String) {
    let value: Value = serde_json::from_slice(result).expect("JSON");
    (
        value["statusCode"].as_u64().expect("statusCode"),
        value["body"].as_str().expect("body").to_string(),
    )
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let get = event("get-pet");

    // apigw: the petstore's registry and state, seeded with pet-1 through a real create event.
    let mut app = petstore::app();
    let registry = app.registry().expect("valid registry");
    let shared = rt.block_on(app.build_state());
    let dispatcher = apigw::Dispatcher::new(&registry, shared, |_| true);
    let created = body_of(&rt.block_on(apigw_event(&dispatcher, &event("create-pet"))));
    assert_eq!(created.0, 201);
    let apigw_answer = body_of(&rt.block_on(apigw_event(&dispatcher, &get)));
    assert_eq!(apigw_answer.0, 200);

    // direct: the same pet in the same kind of store.
    let store: Arc<Store> = Arc::new(Mutex::new(BTreeMap::new()));
    let pet: Pet =
        serde_json::from_str(r#"{"id":"pet-1","name":"Rex","tag":"dog","status":"available"}"#)
            .expect("pet");
    store.lock().expect("lock").insert(pet.id.to_string(), pet);
    let direct_answer = body_of(&rt.block_on(lambda_http_event(&store, &get)));
    assert_eq!(direct_answer, apigw_answer, "both answer the same");
    assert_eq!(direct_answer.1, created.1);

    let mut group = c.benchmark_group("dispatch_get_pet_rest_v1");
    group.bench_function("apigw", |b| {
        b.iter(|| black_box(rt.block_on(apigw_event(&dispatcher, black_box(&get)))))
    });
    group.bench_function("lambda_http_direct", |b| {
        b.iter(|| black_box(rt.block_on(lambda_http_event(&store, black_box(&get)))))
    });
    // Where the time goes: decoding the event alone, in each stack.
    group.bench_function("decode_event_apigw", |b| {
        b.iter(|| {
            let payload: Value = serde_json::from_str(black_box(&get)).expect("JSON");
            black_box(apigw::lambda::event::decode(payload).expect("a proxy event"))
        })
    });
    group.bench_function("decode_event_lambda_http", |b| {
        b.iter(|| black_box(lambda_http::request::from_str(black_box(&get)).expect("an event")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
