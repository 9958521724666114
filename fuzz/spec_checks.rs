//! The `spec_import` fuzz target's check, shared with `alipay-spec/tests/fuzz_corpus.rs`.
//!
//! The input is the text of a source document, as `alipay spec import` reads it (a PDF's
//! extraction, damaged). Whatever it holds: no panic; an import that succeeds gives a spec that
//! writes to TOML and reads back unchanged, and scaffolds to Rust source without panicking.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use alipay_spec::Spec;
use alipay_spec::import::{ImportOptions, import};

pub fn spec_import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(imported) = import(text, &ImportOptions::default()) else {
        return;
    };
    let toml = imported.spec.to_toml();
    let again = Spec::from_toml(&toml)
        .unwrap_or_else(|e| panic!("an imported spec does not read back: {e}\n{toml}"));
    assert_eq!(again, imported.spec, "TOML round trip");
    let _ = alipay_spec::scaffold::scaffold(&imported.spec);
}
