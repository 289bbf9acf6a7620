//! The start-up checks of the registry: what the compiler cannot see across items. Descriptors are
//! built by hand (and leaked to get `&'static`), as `#[operation]` would register them.

use apigw::integration::{Integration, MockIntegration, MockSource};
use apigw::spec::StatusCode;
use apigw::{
    Backend, LambdaBackend, Method, OperationDescriptor, Registry, RegistryError, RegistryErrors,
    Request, RequestDoc, Response, ResponseDoc, SourceLocation,
};
use apigw::{HandlerFuture, Shared};
use schemars::SchemaGenerator;

fn handler(_: Request, _: Shared) -> HandlerFuture {
    Box::pin(async { Ok(Response::new(200)) })
}

fn ok_only(_: &mut SchemaGenerator) -> Vec<ResponseDoc> {
    vec![ResponseDoc {
        status: 200,
        description: Some("ok"),
        body: None,
        headers: vec![],
    }]
}

fn no_request(_: &mut SchemaGenerator) -> RequestDoc {
    RequestDoc::default()
}

/// An operation `name` served by Lambda, declared at `src/api.rs:<line>`.
fn op(
    name: &'static str,
    id: &'static str,
    method: Method,
    path: &'static str,
    line: u32,
) -> &'static OperationDescriptor {
    Box::leak(Box::new(OperationDescriptor {
        name,
        id,
        method,
        path,
        summary: None,
        description: None,
        tags: &[],
        deprecated: false,
        function: None,
        responses: ok_only,
        statuses: &[200],
        request: no_request,
        backend: Backend::Lambda(LambdaBackend {
            handler,
            custom: None,
        }),
        source: SourceLocation {
            file: "src/api.rs",
            line,
        },
    }))
}

fn errors(ops: Vec<&'static OperationDescriptor>) -> RegistryErrors {
    match Registry::new(ops) {
        Ok(r) => panic!(
            "expected errors, got a registry of {}",
            r.operations().len()
        ),
        Err(e) => e,
    }
}

#[test]
fn a_consistent_set_is_accepted_and_sorted_by_path_then_method() {
    let registry = Registry::new(vec![
        op(
            "delete_pet",
            "deletePet",
            Method::Delete,
            "/pets/{petId}",
            30,
        ),
        op("get_pet", "getPet", Method::Get, "/pets/{petId}", 20),
        op("list_pets", "listPets", Method::Get, "/pets", 10),
        op(
            "list_toys",
            "listToys",
            Method::Get,
            "/pets/{petId}/toys",
            40,
        ),
        op("get_file", "getFile", Method::Get, "/files/{rest+}", 50),
        op("any_pet", "anyPet", Method::Any, "/pets/{petId}", 60),
    ])
    .expect("a consistent set");
    let routes: Vec<String> = registry
        .operations()
        .iter()
        .map(|o| o.route_key())
        .collect();
    assert_eq!(
        routes,
        [
            "GET /files/{rest+}",
            "GET /pets",
            "GET /pets/{petId}",
            "DELETE /pets/{petId}",
            "ANY /pets/{petId}",
            "GET /pets/{petId}/toys",
        ]
    );
}

#[test]
fn an_empty_registry_is_refused_with_the_linking_fix() {
    let e = errors(vec![]);
    assert_eq!(e.0, vec![RegistryError::Empty]);
    let text = e.to_string();
    assert!(
        text.starts_with("the API declaration has 1 problem:\n  - no operations are registered")
    );
    assert!(text.contains("`use my_api as _;`"), "{text}");
}

#[test]
fn the_same_method_and_path_twice_is_refused_naming_both_sources() {
    let e = errors(vec![
        op("get_pet", "getPet", Method::Get, "/pets/{petId}", 12),
        op("fetch_pet", "fetchPet", Method::Get, "/pets/{petId}", 34),
    ]);
    assert_eq!(e.0.len(), 1, "{e}");
    let RegistryError::DuplicateRoute {
        first,
        first_at,
        second,
        second_at,
        ..
    } = &e.0[0]
    else {
        panic!("expected a duplicate route: {e}");
    };
    // Sorted by (path, method, id): `fetchPet` comes first.
    assert_eq!((*first, *second), ("fetch_pet", "get_pet"));
    assert_eq!(first_at.line, 34);
    assert_eq!(second_at.line, 12);
    assert_eq!(
        e.0[0].to_string(),
        "route `GET /pets/{petId}` is declared twice: by `fetch_pet` (src/api.rs:34) and by `get_pet` (src/api.rs:12). Change the method or path of one of them"
    );
}

#[test]
fn the_same_route_shape_with_other_parameter_names_is_a_duplicate() {
    let e = errors(vec![
        op("get_pet", "getPet", Method::Get, "/pets/{id}", 12),
        op("fetch_pet", "fetchPet", Method::Get, "/pets/{petId}", 34),
    ]);
    // One mistake, one error: no extra "conflicting parameter" for the same pair.
    assert_eq!(e.0.len(), 1, "{e}");
    assert!(matches!(e.0[0], RegistryError::DuplicateRoute { .. }));
    assert_eq!(
        e.0[0].to_string(),
        "`GET /pets/{id}` (`get_pet`, src/api.rs:12) and `GET /pets/{petId}` (`fetch_pet`, src/api.rs:34) are the same route: API Gateway matches paths by position, not by parameter name. Change the method or path of one of them"
    );
}

#[test]
fn a_duplicate_route_among_siblings_is_one_problem() {
    // `GET /books/{id}` repeats `GET /books/{isbn}`: that its `{id}` also clashes with the
    // `{isbn}` of every sibling is the same mistake, not three more.
    let e = errors(vec![
        op("get_book", "getBook", Method::Get, "/books/{isbn}", 1),
        op("put_book", "putBook", Method::Put, "/books/{isbn}", 2),
        op(
            "delete_book",
            "deleteBook",
            Method::Delete,
            "/books/{isbn}",
            3,
        ),
        op(
            "list_reviews",
            "listReviews",
            Method::Get,
            "/books/{isbn}/reviews",
            4,
        ),
        op("fetch_book", "fetchBook", Method::Get, "/books/{id}", 5),
    ]);
    assert_eq!(e.0.len(), 1, "{e}");
    assert!(
        matches!(e.0[0], RegistryError::DuplicateRoute { .. }),
        "{e}"
    );
}

#[test]
fn one_odd_variable_name_is_one_conflict_however_many_siblings() {
    let e = errors(vec![
        op("get_book", "getBook", Method::Get, "/books/{isbn}", 1),
        op("put_book", "putBook", Method::Put, "/books/{isbn}", 2),
        op(
            "delete_book",
            "deleteBook",
            Method::Delete,
            "/books/{isbn}",
            3,
        ),
        op(
            "list_reviews",
            "listReviews",
            Method::Get,
            "/books/{id}/reviews",
            4,
        ),
    ]);
    assert_eq!(e.0.len(), 1, "{e}");
    assert!(
        matches!(e.0[0], RegistryError::ConflictingParameter { .. }),
        "{e}"
    );
}

#[test]
fn other_methods_or_shapes_on_one_path_are_not_duplicates() {
    Registry::new(vec![
        op("get_pet", "getPet", Method::Get, "/pets/{petId}", 1),
        op("put_pet", "putPet", Method::Put, "/pets/{petId}", 2),
        op("get_pets", "getPets", Method::Get, "/pets", 3),
        op("get_mine", "getMine", Method::Get, "/pets/mine", 4),
        op("get_all", "getAll", Method::Get, "/files/{rest+}", 5),
        op("put_all", "putAll", Method::Put, "/files/{rest+}", 6),
    ])
    .expect("distinct routes");
}

#[test]
fn a_duplicate_operation_id_is_refused_naming_both_sources() {
    let e = errors(vec![
        op("get_pet", "getPet", Method::Get, "/pets/{petId}", 12),
        op("get_pet_v2", "getPet", Method::Get, "/v2/pets/{petId}", 34),
    ]);
    assert_eq!(e.0.len(), 1, "{e}");
    assert_eq!(
        e.0[0].to_string(),
        "operation id `getPet` is used twice: by `get_pet` (src/api.rs:12) and by `get_pet_v2` (src/api.rs:34). Give one of them `id = \"...\"`"
    );
}

#[test]
fn conflicting_parameter_names_at_one_position_are_refused() {
    let e = errors(vec![
        op("get_pet", "getPet", Method::Get, "/pets/{petId}", 12),
        op("list_toys", "listToys", Method::Get, "/pets/{id}/toys", 34),
    ]);
    assert_eq!(e.0.len(), 1, "{e}");
    let RegistryError::ConflictingParameter {
        first_param,
        second_param,
        ..
    } = &e.0[0]
    else {
        panic!("expected a parameter conflict: {e}");
    };
    // Sorted by path: `/pets/{id}/toys` comes before `/pets/{petId}`.
    assert_eq!(
        (first_param.as_str(), second_param.as_str()),
        ("id", "petId")
    );
    let text = e.0[0].to_string();
    assert!(text.contains("`get_pet` (src/api.rs:12)"), "{text}");
    assert!(text.contains("`list_toys` (src/api.rs:34)"), "{text}");
    assert!(text.contains("{petId}") && text.contains("{id}"), "{text}");
}

#[test]
fn a_parameter_conflict_deeper_in_the_path_is_found() {
    let e = errors(vec![
        op(
            "get_toy",
            "getToy",
            Method::Get,
            "/pets/{petId}/toys/{toyId}",
            1,
        ),
        op(
            "put_toy",
            "putToy",
            Method::Put,
            "/pets/{petId}/toys/{id}",
            2,
        ),
    ]);
    assert_eq!(e.0.len(), 1, "{e}");
    assert!(matches!(
        &e.0[0],
        RegistryError::ConflictingParameter { first_param, second_param, .. }
            if first_param == "id" && second_param == "toyId"
    ));
}

#[test]
fn a_greedy_parameter_beside_another_parameter_is_a_conflict() {
    // API Gateway: "A sibling ({petId}) of this resource already has a variable path part".
    for (a, b) in [
        ("/pets/{petId}", "/pets/{rest+}"),
        ("/files/{rest}", "/files/{rest+}"),
    ] {
        let e = errors(vec![
            op("one", "one", Method::Get, a, 1),
            op("two", "two", Method::Post, b, 2),
        ]);
        assert_eq!(e.0.len(), 1, "{e}");
        let text = e.0[0].to_string();
        assert!(text.contains("+}`"), "{text}");
        assert!(matches!(e.0[0], RegistryError::ConflictingParameter { .. }));
    }
}

#[test]
fn every_problem_is_listed_one_per_line() {
    let e = errors(vec![
        op("a", "same", Method::Get, "/a", 1),
        op("b", "same", Method::Get, "/a", 2),
        op("c", "c", Method::Get, "/c/{x}", 3),
        op("d", "d", Method::Post, "/c/{y}", 4),
    ]);
    let text = e.to_string();
    println!("{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "the API declaration has 3 problems:");
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[1..].iter().all(|l| l.starts_with("  - ")), "{text}");
    assert!(
        lines[1].contains("route `GET /a` is declared twice"),
        "{text}"
    );
    assert!(
        lines[2].contains("operation id `same` is used twice"),
        "{text}"
    );
    assert!(
        lines[3].contains("{x}") && lines[3].contains("{y}"),
        "{text}"
    );
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.matches("src/api.rs:").count() == 2),
        "each problem names both sources: {text}"
    );
}

fn mock_503() -> Box<dyn Integration> {
    Box::new(MockIntegration {
        source: MockSource::Fixed {
            status: StatusCode::of(503),
            body: None,
        },
        headers: std::borrow::Cow::Borrowed(&[]),
        templates: std::borrow::Cow::Borrowed(&[]),
    })
}

#[test]
fn a_hand_built_integration_answering_an_undeclared_status_is_refused() {
    let mock: &'static OperationDescriptor = Box::leak(Box::new(OperationDescriptor {
        backend: Backend::Integration(mock_503),
        ..*op("health", "health", Method::Get, "/health", 7)
    }));
    let e = errors(vec![mock]);
    assert_eq!(
        e.0,
        vec![RegistryError::UndeclaredStatus {
            operation: "health",
            at: SourceLocation {
                file: "src/api.rs",
                line: 7
            },
            status: 503,
        }]
    );
    assert!(e.to_string().contains("Add a `#[status(503)]` variant"));
}
