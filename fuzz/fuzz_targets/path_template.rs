//! Any text as a path template (`apigw_spec::path::parse_template`) and as a `{placeholder}`
//! template (`apigw_spec::placeholder::scan/names/wildcard`): no panic, and the round trips hold
//! (see `apigw_fuzz::path`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = apigw_fuzz::path::check(text) {
        panic!("{e}");
    }
});
