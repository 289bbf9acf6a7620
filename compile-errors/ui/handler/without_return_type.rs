use apigw::prelude::*;

#[operation(DELETE "/pets/<petId>")]
pub async fn delete_pet(pet_id: String) {
    let _ = pet_id;
}

fn main() {}
