//! Compile errors of a JSON-valued parameter ([`alipay_core::types::Json`], feature `json`): each
//! case in `tests/ui_json/` with its expected `.stderr`. Regenerate with
//! `TRYBUILD=overwrite cargo test -p alipay-core --features json --test json_ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui_json/*.rs");
}
