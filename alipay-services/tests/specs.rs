//! Conformance: every declared service matches its spec table in `specs/` (transcribed from the
//! source documents), checked with the public checker (`alipay_spec`). A renamed, added, missing or
//! reordered parameter, a changed label, type, length, nullability, example, note, closed set,
//! secrecy, rule or error code fails here.

use std::path::PathBuf;

use alipay_core::catalog::{ServiceInfo, Visitor};
use alipay_core::service::{ApiService, PageService, Request};
use alipay_services::sns_create_goods_ws::CreateGoods;
use alipay_spec::{Spec, check};

fn path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../specs")
        .join(file)
}

/// Holds each visited service to `specs/<service>.toml`.
#[derive(Default)]
struct Conformance {
    checked: Vec<&'static str>,
    errs: Vec<String>,
}

impl Visitor for Conformance {
    fn visit_api<R: ApiService + 'static>(&mut self, info: &ServiceInfo) {
        self.check::<R>(info);
    }

    fn visit_page<R: PageService + 'static>(&mut self, info: &ServiceInfo) {
        self.check::<R>(info);
    }
}

impl Conformance {
    fn check<R: Request + 'static>(&mut self, info: &ServiceInfo) {
        if let Err(m) = alipay_spec::check_file::<R>(path(&format!("{}.toml", info.name))) {
            self.errs.push(m.to_string());
        }
        self.checked.push(info.name);
    }
}

/// Every service of the catalog has its spec file and matches it: a service added to the
/// catalog is checked without another edit.
#[test]
fn every_catalog_service_matches_its_spec() {
    let mut c = Conformance::default();
    alipay_services::visit(&mut c);
    assert_eq!(c.checked.len(), alipay_services::SERVICES.len());
    assert!(c.checked.len() >= 4);
    assert!(c.errs.is_empty(), "{}", c.errs.join("\n"));
}

/// The spec files hold the tables whole (a truncated transcription would match a truncated
/// declaration).
#[test]
fn the_tables_are_whole() {
    let sns = Spec::load(path("sns.create.goods.ws.toml")).unwrap();
    assert_eq!(sns.request.len(), 14);
    assert_eq!(sns.response.as_ref().unwrap().fields.len(), 15);
    assert_eq!(sns.errors.len(), 14);
    let ship = Spec::load(path("send_goods_confirm_by_platform.toml")).unwrap();
    assert_eq!(ship.response.as_ref().unwrap().fields.len(), 26);
    assert_eq!(
        ship.one_of,
        [[
            "transport_type".to_owned(),
            "create_transport_type".to_owned()
        ]]
    );
    let close = Spec::load(path("close_trade.toml")).unwrap();
    assert_eq!(close.errors.len(), 32);
}

/// The research drafts (`specs/drafts/`, issue 13) have all moved up to `specs/`, each with its
/// module; what is left there is research notes. A new draft must load as a spec (unknown keys
/// refused), so it moves up without being rewritten.
#[test]
fn the_drafts_load() {
    for entry in std::fs::read_dir(path("drafts")).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_some_and(|e| e == "toml") {
            let spec = Spec::load(&file).unwrap_or_else(|e| panic!("{e}"));
            assert!(!spec.request.is_empty(), "{}", file.display());
        }
    }
}

/// The checker itself must notice a drift: renamed rows, a changed length, nullability, rule,
/// error text and kind, and a code the shared table does not know declared without its meaning.
#[test]
fn a_drifted_spec_fails() {
    let mut spec = Spec::load(path("sns.create.goods.ws.toml")).unwrap();
    spec.request[1].name = "sns_user".into();
    spec.request[4].ty = Some("String(64)".into());
    spec.response.as_mut().unwrap().fields[9].nullable = Some(false);
    spec.one_of
        .push(vec!["goods_name".into(), "goods_fee".into()]);
    spec.errors[0].text = Some("商品创建失败了".into());
    spec.errors[1].kind = Some("retry".into());
    let errs = check::<CreateGoods>(&spec).unwrap_err();
    let places: Vec<&str> = errs.list.iter().map(|m| m.place.as_str()).collect();
    for expected in [
        "request rows",
        "request.goods_name.type",
        "request.goods_name.length",
        "response/goods.flow_fee.nullable",
        "one_of",
        "errors.GOODS_CREATE_FAIL.text",
        "errors.NO_AUTHORIZE_ACCOUNT.kind",
    ] {
        assert!(places.contains(&expected), "{expected} not in {places:?}");
    }
}

/// A record table (repeated records in a response field) is held to its spec rows too, at the
/// record's path, and a row that should hold records but is declared as text is reported.
#[test]
fn a_drifted_record_table_fails() {
    use alipay_services::account_page_query::AccountPageQuery;
    let file = path("account.page.query.toml");
    let mut spec = Spec::load(&file).unwrap();
    check::<AccountPageQuery>(&spec).unwrap_or_else(|m| panic!("{m}"));
    let records = spec.response.as_mut().unwrap().fields[0]
        .records
        .as_mut()
        .unwrap();
    assert_eq!(records.fields.len(), 32);
    records.fields[0].label = Some("账户余额".into());
    records.fields.swap(1, 2);
    let errs = check::<AccountPageQuery>(&spec).unwrap_err();
    let places: Vec<&str> = errs.list.iter().map(|m| m.place.as_str()).collect();
    for expected in [
        "response/account_page_query_result/account_log_list/AccountQueryAccountLogVO rows",
        "response/account_page_query_result/account_log_list/AccountQueryAccountLogVO.balance.label",
    ] {
        assert!(places.contains(&expected), "{expected} not in {places:?}");
    }
    let mut spec = Spec::load(&file).unwrap();
    spec.response.as_mut().unwrap().fields[0].records = None;
    let errs = check::<AccountPageQuery>(&spec).unwrap_err();
    assert_eq!(errs.list.len(), 1, "{errs}");
    assert_eq!(
        errs.list[0].place,
        "response/account_page_query_result.account_log_list.records"
    );
}

/// The page service's notification and return tables match their spec tables.
#[test]
fn notification_and_return_tables_match_their_spec() {
    use alipay_services::refund_fastpay_by_platform_pwd::BatchRefundNotify;
    let spec = Spec::load(path("refund_fastpay_by_platform_pwd.toml")).unwrap();
    alipay_spec::check_notification::<BatchRefundNotify>(&spec).unwrap_or_else(|m| panic!("{m}"));
    assert_eq!(spec.request.len(), 7);
    assert_eq!(spec.notify.as_ref().unwrap().fields.len(), 8);
    assert_eq!(spec.errors.len(), 67);
    use alipay_services::create_forex_trade::{CreateForexTradeNotify, CreateForexTradeReturn};
    let spec = Spec::load(path("create_forex_trade.toml")).unwrap();
    alipay_spec::check_notification::<CreateForexTradeNotify>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    alipay_spec::check_notification::<CreateForexTradeReturn>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    use alipay_services::forex_refund::ForexRefundNotify;
    let spec = Spec::load(path("forex_refund.toml")).unwrap();
    alipay_spec::check_notification::<ForexRefundNotify>(&spec).unwrap_or_else(|m| panic!("{m}"));
    use alipay_services::batch_trans_notify::BatchTransNotifyNotify;
    let spec = Spec::load(path("batch_trans_notify.toml")).unwrap();
    alipay_spec::check_notification::<BatchTransNotifyNotify>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    assert_eq!(spec.request.len(), 10);
    assert_eq!(spec.errors.len(), 58);
    use alipay_services::refund_fastpay_by_platform_nopwd::BatchRefundNopwdNotify;
    let spec = Spec::load(path("refund_fastpay_by_platform_nopwd.toml")).unwrap();
    alipay_spec::check_notification::<BatchRefundNopwdNotify>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));

    use alipay_services::create_partner_trade_by_buyer::{
        CreatePartnerTradeByBuyerNotify, CreatePartnerTradeByBuyerReturn,
    };
    let spec = Spec::load(path("create_partner_trade_by_buyer.toml")).unwrap();
    alipay_spec::check_notification::<CreatePartnerTradeByBuyerNotify>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    alipay_spec::check_notification::<CreatePartnerTradeByBuyerReturn>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    assert_eq!(spec.request.len(), 36);
    assert_eq!(spec.notify.as_ref().unwrap().fields.len(), 36);
    assert_eq!(spec.return_.as_ref().unwrap().fields.len(), 39);

    use alipay_services::create_direct_pay_by_user::{
        CreateDirectPayByUserNotify, CreateDirectPayByUserReturn,
    };
    let spec = Spec::load(path("create_direct_pay_by_user.toml")).unwrap();
    alipay_spec::check_notification::<CreateDirectPayByUserNotify>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    alipay_spec::check_notification::<CreateDirectPayByUserReturn>(&spec)
        .unwrap_or_else(|m| panic!("{m}"));
    // 表4-1: 39 rows, 5 of them the runtime's common parameters.
    assert_eq!(spec.basic.len() + spec.request.len(), 39);
    assert_eq!(spec.return_.as_ref().unwrap().fields.len(), 20);
    assert_eq!(spec.notify.as_ref().unwrap().fields.len(), 31);
}
