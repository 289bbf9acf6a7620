// `bucket` must name an `apigw::Bucket`, not another kind of resource.
use apigw::prelude::*;
use apigw::Table;

const PETS: Table = Table::owned("pets");

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
    #[status(400)]
    BadRequest,
    #[status(403)]
    Forbidden,
    #[status(404)]
    NotFound,
    #[status(500)]
    Failed,
}

#[operation(GET "/pets/<petId>", responses = R)]
#[s3_integration(bucket = PETS)]
pub struct GetPet;

fn main() {}
