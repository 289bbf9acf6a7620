// Two of the user's entries answering one status: API Gateway keeps one integration response per
// status. The fix is the one entry that selects what both did.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
    #[status(404)]
    NotFound(Json<ApiError>),
}

#[operation(GET "/pets/<petId>", responses = R)]
#[http_integration(
    url = "https://api.example.com/pets/{petId}",
    responses = [default_passthrough, "403" => 404, "404" => 404],
)]
pub struct GetPet;

#[operation(GET "/owners/<owner>")]
#[lambda_integration(custom, responses = [error "Not found.*" => 404, error "Missing.*" => 404])]
pub async fn get_owner(owner: String) -> R {
    let _ = owner;
    R::Ok
}

fn main() {}
