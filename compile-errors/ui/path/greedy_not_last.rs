use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum Responses {
    #[status(200)]
    Ok,
}

#[operation(GET "/files/<rest..>/meta")]
pub async fn get_file_meta(rest: String) -> Responses {
    let _ = rest;
    Responses::Ok
}

fn main() {}
