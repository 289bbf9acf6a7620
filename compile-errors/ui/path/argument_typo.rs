// A typo in an argument that should bind a path parameter: one error, on the argument, naming
// the parameter it most likely means (and not a second "has no argument" for that parameter).
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum GetBookResponses {
    #[status(200)]
    Ok(Json<String>),
}

#[operation(GET "/books/<isbn>")]
pub async fn get_book(ibsn: String) -> GetBookResponses {
    GetBookResponses::Ok(Json(ibsn))
}

// A camelCase parameter binds a snake_case argument: the suggestion is the argument's name.
#[operation(GET "/authors/<authorId>/books")]
pub async fn list_author_books(autor_id: String) -> GetBookResponses {
    GetBookResponses::Ok(Json(autor_id))
}

fn main() {}
