// A response header name written without quotes, or not at all: the fix quotes the user's own
// header (or the field's name as one).
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum CreatePetResponses {
    #[status(201)]
    Created {
        body: Json<String>,
        #[header(Content-Location)]
        content_location: String,
    },
    #[status(202)]
    Accepted {
        #[header]
        retry_after: String,
    },
}

fn main() {}
