//! The petstore's handlers, called in process through apigw's test client: routed like API
//! Gateway routes, decoded like the Lambda function decodes, no deployment and no server.

use apigw::testing::{TestClient, json};
use petstore::{GetPetResponses, Pet, PetStatus, Store};

fn client() -> TestClient {
    TestClient::new(petstore::app())
}

#[test]
fn create_then_get_a_pet() {
    let client = client();
    let created = client
        .post("/pets")
        .json(&json!({ "name": "Rex", "tag": "dog" }))
        .send();
    assert_eq!(created.status(), 201, "{}", created.text());
    let pet: Pet = created.json();
    assert_eq!(pet.name.as_str(), "Rex");
    assert_eq!(pet.status, PetStatus::Available);
    // The Location is absolute, with the stage: what a client can follow.
    let location = created.header("Location").unwrap();
    assert_eq!(location, client.url_for(&format!("/pets/{}", pet.id)));
    assert!(location.ends_with("/prod/pets/pet-1"), "{location}");

    let got = client.get(&format!("/pets/{}", pet.id)).send();
    assert_eq!(got.status(), 200);
    assert_eq!(got.json::<Pet>(), pet);
    assert_eq!(got.operation(), Some("getPet"));
}

#[test]
fn list_filters_and_limits() {
    let client = client();
    for (name, status) in [
        ("Rex", "available"),
        ("Tom", "pending"),
        ("Kit", "available"),
    ] {
        let created = client
            .post("/pets")
            .json(&json!({ "name": name, "status": status }))
            .send();
        assert_eq!(created.status(), 201);
    }
    let available = client.get("/pets?status=available").send();
    let names: Vec<String> = available
        .json::<Vec<Pet>>()
        .into_iter()
        .map(|p| p.name.as_str().to_string())
        .collect();
    assert_eq!(names, ["Rex", "Kit"]);

    let one = client.get("/pets").query("limit", "1").send();
    assert_eq!(one.json::<Vec<Pet>>().len(), 1);

    let out_of_range = client.get("/pets?limit=0").send();
    assert_eq!(out_of_range.status(), 400);
    assert_eq!(
        out_of_range.json_value(),
        json!({ "message": "invalid query parameters: `limit`: expected an integer from 1 to 100, got the number 0" })
    );
}

#[test]
fn update_checks_if_match() {
    let client = client();
    let created = client.post("/pets").json(&json!({ "name": "Rex" })).send();
    let etag = created.header("ETag").unwrap().to_string();
    let id = created.json::<Pet>().id;
    let path = format!("/pets/{id}");

    let stale = client
        .put(&path)
        .header("If-Match", "\"v0\"")
        .json(&json!({ "name": "Rex", "status": "adopted" }))
        .send();
    assert_eq!(stale.status(), 412, "{}", stale.text());

    let updated = client
        .put(&path)
        .header("If-Match", &etag)
        .json(&json!({ "name": "Rex", "status": "adopted" }))
        .send();
    assert_eq!(updated.status(), 200, "{}", updated.text());
    assert_eq!(updated.json::<Pet>().status, PetStatus::Adopted);
}

#[test]
fn delete_then_not_found() {
    let client = client();
    let id = client
        .post("/pets")
        .json(&json!({ "name": "Rex" }))
        .send()
        .json::<Pet>()
        .id;
    let path = format!("/pets/{id}");
    assert_eq!(client.delete(&path).send().status(), 204);
    let gone = client.get(&path).send();
    assert_eq!(gone.status(), 404);
    assert_eq!(
        gone.json_value(),
        json!({ "message": format!("no pet `{id}`") })
    );
}

#[test]
fn bad_input_answers_400_in_the_clients_terms() {
    let client = client();
    let malformed = client
        .post("/pets")
        .header("Content-Type", "application/json")
        .text("{ not json")
        .send();
    assert_eq!(malformed.status(), 400);
    let message = malformed.json_value()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.starts_with("malformed JSON body"), "{message}");

    let wrong_type = client.post("/pets").json(&json!({ "name": 5 })).send();
    assert_eq!(wrong_type.status(), 400);
    assert!(
        wrong_type.text().contains("`name`"),
        "{}",
        wrong_type.text()
    );

    let bad_limit = client.get("/pets?limit=abc").send();
    assert_eq!(bad_limit.status(), 400);
}

#[test]
fn unknown_routes_answer_like_api_gateway() {
    let client = client();
    let unknown = client.get("/owners").send();
    assert_eq!(unknown.status(), 403);
    assert_eq!(
        unknown.json_value(),
        json!({ "message": "Missing Authentication Token" })
    );
    assert_eq!(unknown.operation(), None);
    // The resource exists, the method does not.
    assert_eq!(client.patch("/pets").send().status(), 403);
}

#[test]
fn a_panicking_handler_answers_500_and_the_client_keeps_serving() {
    let client = client();
    let panicked = client.get("/debug/panic").send();
    assert_eq!(panicked.status(), 500);
    assert_eq!(
        panicked.json_value(),
        json!({ "message": "Internal server error" })
    );
    assert_eq!(client.get("/pets").send().status(), 200);
}

#[test]
#[should_panic(expected = "served by its `mock` integration")]
fn operations_api_gateway_answers_itself_are_not_run() {
    client().get("/health").send();
}

/// A handler is a Rust function: called directly, it gives its typed responses enum.
#[test]
fn handlers_called_directly_with_the_clients_state() {
    let client = client();
    let missing = client.run(petstore::get_pet("pet-9".parse().unwrap(), client.state()));
    assert!(matches!(missing, GetPetResponses::NotFound(_)));

    client.post("/pets").json(&json!({ "name": "Rex" })).send();
    let store = client.state::<Store>();
    let found = client.run(petstore::get_pet("pet-1".parse().unwrap(), store));
    match found {
        GetPetResponses::Ok { body, .. } => assert_eq!(body.0.name.as_str(), "Rex"),
        GetPetResponses::NotFound(e) => panic!("{}", e.0.message),
    }
}
