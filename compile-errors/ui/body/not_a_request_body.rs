use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum CountResponses {
    #[status(200)]
    Ok,
}

#[operation(POST "/counts", responses = CountResponses, body = u32)]
#[mock_integration(status = 200)]
pub struct PostCount;

fn main() {}
