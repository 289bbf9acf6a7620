//! Structure-aware: a real event from the repository's fixtures, edited by libFuzzer (fields
//! replaced, removed, added, retyped, copied), through `apigw::lambda::handle` with the
//! petstore's registry; the answer must be well formed in the event's format.
#![no_main]

use apigw_fuzz::event::Harness;
use apigw_fuzz::mutate::{Fixtures, Mutation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|mutation: Mutation| {
    let event = mutation.event(Fixtures::get());
    if let Err(e) = Harness::get().check(event) {
        panic!("{e}");
    }
});
