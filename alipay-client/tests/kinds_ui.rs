//! The service kinds are in the types: `execute` on a page service and `page_url` / `page_form` on
//! an API service do not compile, with a message that says which kind the service is and what to
//! call instead. Each case in `tests/ui/` with its expected `.stderr` (pinned toolchain 1.95.0;
//! regenerate with `TRYBUILD=overwrite cargo test -p alipay-client --test kinds_ui`).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
