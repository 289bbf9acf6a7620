// Response templates are keyed by content type; header literals cannot hold a quote.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(GET "/a", responses = R)]
#[mock_integration(status = 200, response_template("html" = "<p>hi</p>"))]
pub struct A;

#[operation(GET "/b", responses = R)]
#[mock_integration(status = 200, header("X-Quote" = "it's"))]
pub struct B;

fn main() {}
