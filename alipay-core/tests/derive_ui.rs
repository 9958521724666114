//! Compile errors of the derive: each case in `tests/ui/` with its expected `.stderr`.
//!
//! The `.stderr` files are generated with the pinned toolchain (1.95.0); rustc's wording changes
//! between versions. Regenerate with `TRYBUILD=overwrite cargo test -p alipay-core --test derive_ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
