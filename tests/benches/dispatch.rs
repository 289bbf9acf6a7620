//! Dispatch overhead: one REST (v1) `GET /pets/{petId}` event through apigw (route lookup,
//! extractors, `ApiResponses` conversion, `lambda_http` glue) vs the same handler written
//! directly on `lambda_http`. Both get a `lambda_http::Request` decoded from the same fixture
//! (decoding is outside the timed part: both pay it identically in production) and return the
//! `http::Response<Body>` that `lambda_http::run` serializes.
//!
//! `cargo bench -p apigw-tests --bench dispatch`; see docs/benchmarks.md.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::{Arc, Mutex};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lambda_http::{Body, RequestExt};
use petstore::Pet;

fn event(name: &str) -> String {
    let bytes = apigw_tests::fixtures::event(&format!("derived/rest-v1/{name}.json"));
    String::from_utf8(bytes).expect("fixture is UTF-8")
}

fn decode(event: &str) -> lambda_http::Request {
    lambda_http::request::from_str(event).expect("a REST event")
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
    let created = rt.block_on(apigw::lambda::handle(
        &dispatcher,
        decode(&event("create-pet")),
    ));
    assert_eq!(created.status(), 201);
    let check = rt.block_on(apigw::lambda::handle(&dispatcher, decode(&get)));
    assert_eq!(check.status(), 200);

    // direct: the same pet in the same kind of store.
    let store: Arc<Store> = Arc::new(Mutex::new(BTreeMap::new()));
    let pet: Pet =
        serde_json::from_str(r#"{"id":"pet-1","name":"Rex","tag":"dog","status":"available"}"#)
            .expect("pet");
    store.lock().expect("lock").insert(pet.id.clone(), pet);
    let check = rt.block_on(direct_get_pet(&store, decode(&get)));
    assert_eq!(check.status(), 200);
    assert_eq!(check.body(), created.body());

    let mut group = c.benchmark_group("dispatch_get_pet_rest_v1");
    group.bench_function("apigw", |b| {
        b.iter_batched(
            || decode(&get),
            |req| black_box(rt.block_on(apigw::lambda::handle(&dispatcher, req))),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("lambda_http_direct", |b| {
        b.iter_batched(
            || decode(&get),
            |req| black_box(rt.block_on(direct_get_pet(&store, req))),
            BatchSize::SmallInput,
        )
    });
    // For scale: what lambda_http itself spends decoding the event (not part of either above).
    group.bench_function("decode_event_lambda_http", |b| {
        b.iter(|| black_box(decode(black_box(&get))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
