//! What `alipay spec scaffold specs/close_trade.toml` printed (`tests/scaffolded/close_trade.rs`,
//! unedited) compiles in a crate that depends on the `alipay` facade and passes the conformance
//! check against the spec, before any refinement.

#[path = "scaffolded/close_trade.rs"]
mod scaffolded;

#[test]
fn the_unedited_scaffold_matches_the_spec() {
    alipay::spec::assert_matches::<scaffolded::CloseTrade>("specs/close_trade.toml");
}
