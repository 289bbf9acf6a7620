//! Any bytes as the payload the Lambda Runtime API hands the function: what is JSON goes through
//! `apigw::lambda::handle` with the petstore's registry; the answer must be well formed in the
//! event's format (see `apigw_fuzz::event`).
#![no_main]

use apigw_fuzz::event::Harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Not JSON: the function answers `InvalidEvent` before apigw sees it.
    let Ok(payload) = serde_json::from_slice(data) else {
        return;
    };
    if let Err(e) = Harness::get().check(payload) {
        panic!("{e}");
    }
});
