use apigw::prelude::*;

#[derive(ApiResponses)]
pub enum CoverResponses {
    #[status(204)]
    Stored,
}

#[operation(PUT "/covers/<isbn>", body = Binary<ImageJpeg>)]
pub async fn put_cover(isbn: String) -> CoverResponses {
    let _ = isbn;
    CoverResponses::Stored
}

fn main() {}
