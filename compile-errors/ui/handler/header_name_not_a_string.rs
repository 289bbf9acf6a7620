// A header name written without quotes: the fix quotes the user's own header.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetPetResponses {
    #[status(200)]
    Ok(Json<String>),
}

#[operation(GET "/pets")]
pub async fn list_pets(#[header(X-Trace-Token)] trace: String) -> GetPetResponses {
    GetPetResponses::Ok(Json(trace))
}

fn main() {}
