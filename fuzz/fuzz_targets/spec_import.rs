//! cargo fuzz run spec_import — see `fuzz/spec_checks.rs` for what is checked.
#![no_main]

#[path = "../spec_checks.rs"]
mod spec_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| spec_checks::spec_import(data));
