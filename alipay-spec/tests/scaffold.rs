//! The scaffold of each spec file, committed under `tests/scaffolded/`: the text `scaffold` writes
//! is the committed text, and the committed code compiles (it is a module of this test crate) and
//! passes the conformance check against the same spec unchanged.
//!
//! After a deliberate change to the scaffold (or to a spec), regenerate the files with
//! `SCAFFOLD_OVERWRITE=1 cargo test -p alipay-spec --test scaffold`, then review the diff.

use std::path::{Path, PathBuf};

use alipay_spec::{ImportOptions, Spec, check, check_notification, import, scaffold};

#[path = "scaffolded/close_trade.rs"]
pub mod close_trade;
#[path = "scaffolded/create_partner_trade_by_buyer.rs"]
pub mod create_partner_trade_by_buyer;
#[path = "scaffolded/edge_cases.rs"]
pub mod edge_cases;
#[path = "scaffolded/notify_verify.rs"]
pub mod notify_verify;
#[path = "scaffolded/page.rs"]
pub mod page;
#[path = "scaffolded/send_goods_confirm_by_platform.rs"]
pub mod send_goods_confirm_by_platform;
#[path = "scaffolded/single_trade_query.rs"]
pub mod single_trade_query;
#[path = "scaffolded/sns.create.goods.ws.rs"]
pub mod sns_create_goods_ws;
#[path = "scaffolded/sns.create.goods.ws.imported.rs"]
pub mod sns_create_goods_ws_imported;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn spec(name: &str) -> Spec {
    let path = manifest_dir().join("../specs").join(format!("{name}.toml"));
    Spec::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// A spec made for these tests (`tests/fixtures/scaffold_<name>.toml`): the shapes real specs do
/// not have yet (keywords and camelCase as names, page services, unknown codes, …).
fn test_spec(name: &str) -> Spec {
    let path = manifest_dir().join(format!("tests/fixtures/scaffold_{name}.toml"));
    Spec::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The SNS document's tables, as `import` reads them from the fixture.
fn imported_sns() -> Spec {
    let path = manifest_dir().join("tests/fixtures/sns.create.goods.ws.txt");
    let text = std::fs::read_to_string(&path).expect("the SNS fixture");
    import(&text, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .spec
}

/// `scaffold(spec)` is the golden file's text (or becomes it, with `SCAFFOLD_OVERWRITE=1`).
fn assert_golden(file: &str, spec: &Spec) {
    let path: PathBuf = manifest_dir().join("tests/scaffolded").join(file);
    let generated = scaffold(spec);
    if std::env::var_os("SCAFFOLD_OVERWRITE").is_some() {
        std::fs::write(&path, &generated).expect("write the golden file");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is not what `scaffold` writes for its spec; rerun with SCAFFOLD_OVERWRITE=1 and review the diff\n--- generated ---\n{generated}",
        path.display()
    );
}

#[test]
fn scaffolds_are_the_committed_files() {
    for name in [
        "close_trade",
        "notify_verify",
        "send_goods_confirm_by_platform",
        "single_trade_query",
        "sns.create.goods.ws",
    ] {
        assert_golden(&format!("{name}.rs"), &spec(name));
    }
    assert_golden("sns.create.goods.ws.imported.rs", &imported_sns());
    assert_golden("edge_cases.rs", &test_spec("edges"));
    assert_golden("page.rs", &test_spec("page"));
    assert_golden("create_partner_trade_by_buyer.rs", &outside_page());
}

/// The page service of the outside-crate example, imported from the vendor PDF's three tables
/// (request, return, notification).
fn outside_page() -> Spec {
    let path =
        manifest_dir().join("../examples/outside-crate/specs/create_partner_trade_by_buyer.toml");
    Spec::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// A page service with its notification and return tables: the request and both
/// `#[derive(Notification)]` structs pass the check.
#[test]
fn scaffolded_notification_tables_pass_the_check() {
    use create_partner_trade_by_buyer as cp;
    let spec = outside_page();
    check::<cp::CreatePartnerTradeByBuyer>(&spec).unwrap_or_else(|m| panic!("{m}"));
    check_notification::<cp::CreatePartnerTradeByBuyerNotify>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    check_notification::<cp::CreatePartnerTradeByBuyerReturn>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
}

#[test]
fn scaffolded_close_trade_passes_the_check() {
    check::<close_trade::CloseTrade>(&spec("close_trade")).unwrap_or_else(|m| panic!("{m}"));
}

/// A service that answers in plain text: the scaffold names the core's answer type.
#[test]
fn scaffolded_notify_verify_passes_the_check() {
    check::<notify_verify::NotifyVerify>(&spec("notify_verify")).unwrap_or_else(|m| panic!("{m}"));
}

#[test]
fn scaffolded_send_goods_confirm_passes_the_check() {
    check::<send_goods_confirm_by_platform::SendGoodsConfirmByPlatform>(&spec(
        "send_goods_confirm_by_platform",
    ))
    .unwrap_or_else(|m| panic!("{m}"));
}

#[test]
fn scaffolded_single_trade_query_passes_the_check() {
    check::<single_trade_query::SingleTradeQuery>(&spec("single_trade_query"))
        .unwrap_or_else(|m| panic!("{m}"));
}

#[test]
fn scaffolded_sns_create_goods_passes_the_check() {
    check::<sns_create_goods_ws::SnsCreateGoodsWs>(&spec("sns.create.goods.ws"))
        .unwrap_or_else(|m| panic!("{m}"));
}

/// The whole path a new service takes: the document's text → `import` → `scaffold` → a
/// declaration that passes the check against the imported spec.
#[test]
fn imported_then_scaffolded_sns_passes_the_check() {
    check::<sns_create_goods_ws_imported::SnsCreateGoodsWs>(&imported_sns())
        .unwrap_or_else(|m| panic!("{m}"));
}

/// Keywords and camelCase as wire names, a name that cannot be raw, inferred types (`DateTime`,
/// `HttpUrl`, `u64`, `CompactTime`) and the examples that stay text, closed sets with clashing
/// names, an empty note, a secret, unknown codes, spec kinds, meanings and advice.
#[test]
fn scaffolded_edge_cases_pass_the_check() {
    check::<edge_cases::TestEdgeCases>(&test_spec("edges")).unwrap_or_else(|m| panic!("{m}"));
}

/// A page service: `page`, no response struct.
#[test]
fn scaffolded_page_service_passes_the_check() {
    check::<page::TestPagePay>(&test_spec("page")).unwrap_or_else(|m| panic!("{m}"));
}
