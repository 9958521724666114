//! cargo fuzz run multipart — see `fuzz/sandbox_checks.rs` for what is checked.
#![no_main]

#[path = "../sandbox_checks.rs"]
mod sandbox_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| sandbox_checks::multipart(data));
