//! cargo fuzz run cashier — see `fuzz/sandbox_checks.rs` for what is checked.
#![no_main]

#[path = "../sandbox_checks.rs"]
mod sandbox_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| sandbox_checks::cashier(data));
