//! A small API served through Lambda custom (non-proxy) integrations, for the end-to-end tests
//! of `tests/tests/integration/lambda_custom_e2e.rs`: its synth renders the document the local
//! gateway executes, and the same binary, over the Lambda Runtime API, is the function.

use apigw::prelude::*;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Pet {
    pub id: String,
    pub name: String,
    /// What the request said in `?owner=` and `X-Tag`, echoed.
    pub owner: Option<String>,
    pub tag: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PetQuery {
    pub owner: Option<String>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct NewPet {
    pub name: String,
}

#[derive(ApiResponses)]
pub enum PetResponses {
    /// The pet.
    #[status(200)]
    Ok(Json<Pet>),
    /// No pet has this id.
    #[status(404)]
    NotFound(Json<ApiError>),
}

/// One pet; `panic` as the id makes the handler panic.
#[operation(GET "/pets/<petId>")]
#[lambda_integration(custom, responses = [error "Not found.*" => 404])]
pub async fn get_pet(
    pet_id: String,
    query: Query<PetQuery>,
    #[header("X-Tag")] tag: Option<String>,
) -> PetResponses {
    match pet_id.as_str() {
        "panic" => panic!("the handler failed on purpose"),
        "missing" => PetResponses::NotFound(Json(ApiError::new("Not found: pet missing"))),
        _ => PetResponses::Ok(Json(Pet {
            id: pet_id,
            name: "Rex".into(),
            owner: query.0.owner,
            tag,
        })),
    }
}

#[derive(ApiResponses)]
pub enum CreateResponses {
    /// The pet as created.
    #[status(201)]
    Created(Json<Pet>),
}

/// Creates a pet: the body's name is echoed back.
#[operation(POST "/pets")]
#[lambda_integration(custom, responses = [default => 201])]
pub async fn create_pet(pet: Json<NewPet>) -> CreateResponses {
    CreateResponses::Created(Json(Pet {
        id: "new".into(),
        name: pet.0.name,
        owner: None,
        tag: None,
    }))
}

fn main() -> std::process::ExitCode {
    App::new("Lambda custom fixture").main()
}
