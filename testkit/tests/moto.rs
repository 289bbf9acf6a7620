//! The server starts (provisioning its environment on first use) and serves AWS APIs.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use apigw_testkit::Moto;

/// A raw `GET /moto-api/data.json` (moto's own state dump): enough to see a live moto answering.
fn get_state(endpoint: &str) -> String {
    let address = endpoint.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /moto-api/data.json HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn shared_server_answers_and_is_shared() {
    let moto = Moto::shared().unwrap();
    assert!(moto.endpoint().starts_with("http://127.0.0.1:"));
    let answer = get_state(moto.endpoint());
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(std::ptr::eq(moto, Moto::shared().unwrap()));
}

#[test]
fn own_server_stops_when_dropped() {
    let moto = Moto::start().unwrap();
    let endpoint = moto.endpoint().to_string();
    assert!(get_state(&endpoint).starts_with("HTTP/1.1 200"));
    assert!(moto.log().is_some());
    drop(moto);
    let address = endpoint.trim_start_matches("http://");
    assert!(
        TcpStream::connect(address).is_err(),
        "the server still listens on {address}"
    );
}
