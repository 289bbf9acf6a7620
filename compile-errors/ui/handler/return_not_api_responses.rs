use apigw::prelude::*;

#[operation(GET "/pets")]
pub async fn list_pets() -> Json<Vec<String>> {
    Json(vec![])
}

fn main() {}
