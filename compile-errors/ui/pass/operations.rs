//! What must keep compiling: handlers with every argument kind, greedy paths, typed and untyped
//! mocks, and an integration attribute written above `#[operation]`.

use apigw::prelude::*;

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct Pet {
    pub name: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Filter {
    pub limit: Option<u32>,
}

pub struct Store;

#[derive(ApiResponses)]
pub enum PetResponses {
    /// The pet.
    #[status(200)]
    Ok(Json<Pet>),
    /// Created.
    #[status(201)]
    Created {
        body: Json<Pet>,
        #[header("Location")]
        location: String,
    },
    /// No such pet.
    #[status(404)]
    NotFound(Json<ApiError>),
    #[status(503)]
    Down,
}

#[operation(PUT "/owners/<ownerId>/pets/<petId>", id = "putPet", tags = ["pets"], deprecated)]
pub async fn put_pet(
    owner_id: String,
    pet_id: u64,
    #[header("If-Match")] if_match: Option<String>,
    filter: Query<Filter>,
    body: Json<Pet>,
    store: State<Store>,
    request: Request,
) -> PetResponses {
    let _ = (owner_id, pet_id, if_match, filter, store, request);
    PetResponses::Created {
        body,
        location: "/pets/1".into(),
    }
}

#[operation(GET "/files/<rest..>")]
pub async fn get_file(rest: String) -> PetResponses {
    PetResponses::NotFound(Json(ApiError::new(rest)))
}

fn down() -> PetResponses {
    PetResponses::Down
}

#[operation(GET "/status", responses = PetResponses)]
#[mock_integration(with = down)]
pub struct Status;

#[operation(GET "/ping", responses = PetResponses)]
#[mock_integration(status = 200, body = "{\"name\": \"ping\"}", header("X-Mock" = "yes"))]
pub struct Ping;

#[mock_integration(status = 404)]
#[operation(GET "/gone", responses = PetResponses)]
pub struct Gone;

fn main() {}
