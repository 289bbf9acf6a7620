//! Any template text with any body, parameters, stage variables and context through
//! `apigw_vtl::Template::parse` and `render_with` under limits: no panic, output within the
//! limit, the same result twice (see `apigw_fuzz::vtl`). A hang is caught by libFuzzer's
//! `-timeout`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = apigw_fuzz::vtl::check(data) {
        panic!("{e}");
    }
});
