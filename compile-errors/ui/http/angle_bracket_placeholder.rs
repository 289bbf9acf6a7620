// `<param>` is how an operation's path names a parameter; a URL writes `{param}`.
use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum R {
    #[status(200)]
    Ok,
}

#[operation(GET "/books/<isbn>", responses = R)]
#[http_integration(url = "https://books.example.com/covers/<isbn>.jpg")]
pub struct GetCover;

fn main() {}
