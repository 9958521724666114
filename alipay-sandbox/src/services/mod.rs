//! The business logic of the services the sandbox plays with state, and `notify_verify`;
//! [`standard`] registers the catalog with it, and [`builtin`] gives it by service name to any
//! declaration of the same service (a library author's own `close_trade`, say).

pub(crate) mod acquire;
pub(crate) mod close;
pub(crate) mod forex;
pub(crate) mod goods;
pub(crate) mod ledger;
pub(crate) mod notify_verify;
pub(crate) mod page;
pub(crate) mod payout;
pub(crate) mod qrcode;
pub(crate) mod query;
pub(crate) mod refund;
pub(crate) mod ship;
pub(crate) mod timestamp;

use alipay_core::service::{Kind, Request};
use alipay_services::account_page_query::AccountPageQuery;
use alipay_services::alipay_acquire_cancel::AcquireCancel;
use alipay_services::alipay_acquire_createandpay::AcquireCreateAndPay;
use alipay_services::alipay_acquire_precreate::AcquirePrecreate;
use alipay_services::alipay_acquire_query::AcquireQuery;
use alipay_services::alipay_acquire_refund::AcquireRefund;
use alipay_services::alipay_commerce_qrcode_create::QrcodeCreate;
use alipay_services::alipay_commerce_qrcode_modify::QrcodeModify;
use alipay_services::batch_trans_notify::BatchTransNotify;
use alipay_services::forex_refund::ForexRefund;
use alipay_services::refund_fastpay_by_platform_nopwd::RefundFastpayByPlatformNopwd;
use alipay_services::refund_fastpay_by_platform_pwd::RefundFastpayByPlatformPwd;
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay_services::single_trade_query::SingleTradeQuery;
use alipay_services::sns_create_goods_ws::CreateGoods;

use crate::registry::{Behaviour, Call, Outcome, Refusal, Registry};

/// The sandbox's logic for service `name` of `kind`, over its checked parameters, if it has some.
///
/// The typed logic of the catalog's services reads the parameters with the catalog's type, so a
/// declaration whose table differs from the catalog's may be refused here with the catalog's rule.
pub(crate) fn builtin(name: &str, kind: Kind) -> Option<Behaviour> {
    Some(match name {
        "sns.create.goods.ws" => |call, params| typed(call, params, goods::create),
        "send_goods_confirm_by_platform" => |call, params| typed(call, params, ship::confirm),
        "single_trade_query" => |call, params| typed(call, params, query::single_trade),
        "close_trade" => close::close,
        "account.page.query" => ledger::query,
        "alipay.acquire.precreate" => acquire::precreate,
        "alipay.acquire.createandpay" => acquire::createandpay,
        "alipay.acquire.query" => |call, params| typed(call, params, acquire::query),
        "alipay.acquire.cancel" => |call, params| typed(call, params, acquire::cancel),
        "alipay.acquire.refund" => |call, params| typed(call, params, acquire::refund),
        "alipay.commerce.qrcode.create" => |call, params| typed(call, params, qrcode::create),
        "alipay.commerce.qrcode.modify" => |call, params| typed(call, params, qrcode::modify),
        "query_timestamp" => |call, params| typed(call, params, timestamp::issue),
        "refund_fastpay_by_platform_pwd" => |call, params| typed(call, params, refund::open),
        "batch_trans_notify" => |call, params| typed(call, params, payout::open),
        "forex_refund" => |call, params| typed(call, params, forex::refund),
        "refund_fastpay_by_platform_nopwd" => |call, params| typed(call, params, refund::nopwd),
        _ if page::trade_kind(name).is_some() => page::cashier,
        // Any other page service shows its cashier page.
        _ if kind == Kind::Page => page::cashier,
        _ => return None,
    })
}

/// Runs typed logic `f` on the parameters read as the catalog's `R`.
fn typed<R: Request>(
    call: &Call<'_>,
    params: &[(String, String)],
    f: fn(&Call<'_>, R) -> Result<Outcome, alipay_core::ErrorCode>,
) -> Result<Outcome, Refusal> {
    let request = R::from_params(params).map_err(Refusal::Invalid)?;
    f(call, request).map_err(Refusal::Code)
}

/// Every service of the catalog (`alipay_services`); those the sandbox plays with state get their
/// business logic.
pub(crate) fn standard() -> Registry {
    let mut r = Registry::new(builtin);
    alipay_services::visit(&mut r);
    r.register_with::<CreateGoods>(goods::create);
    r.register_with::<SendGoodsConfirm>(ship::confirm);
    r.register_with::<SingleTradeQuery>(query::single_trade);
    r.register_with::<RefundFastpayByPlatformPwd>(refund::open);
    r.register_with::<BatchTransNotify>(payout::open);
    r.register_with::<ForexRefund>(forex::refund);
    r.register_with::<RefundFastpayByPlatformNopwd>(refund::nopwd);
    // Alipay's own codes for a bad page number or time range come before the table's checks.
    r.register_raw::<AccountPageQuery>(ledger::query);
    r.register_raw::<AcquirePrecreate>(acquire::precreate);
    r.register_raw::<AcquireCreateAndPay>(acquire::createandpay);
    r.register_with::<AcquireQuery>(acquire::query);
    r.register_with::<AcquireCancel>(acquire::cancel);
    r.register_with::<AcquireRefund>(acquire::refund);
    r.register_with::<QrcodeCreate>(qrcode::create);
    r.register_with::<QrcodeModify>(qrcode::modify);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use alipay_core::service::Request;

    #[test]
    fn standard_services_come_from_the_derive() {
        let r = standard();
        let mut names = r.names();
        names.sort_unstable();
        let mut catalog: Vec<_> = alipay_services::SERVICES.iter().map(|s| s.name).collect();
        catalog.sort_unstable();
        assert_eq!(names, catalog);
        for name in [
            CreateGoods::SERVICE,
            SendGoodsConfirm::SERVICE,
            SingleTradeQuery::SERVICE,
        ] {
            assert!(names.contains(&name), "{name}");
        }
        let goods = r.get(b"sns.create.goods.ws").unwrap();
        assert!(goods.is_secret("key"));
        assert!(!goods.is_secret("goods_name"));
        // Declared in the catalog, registered, but played by the gateway before the signature
        // checks (the demos ask it unsigned): its registered handler is never reached.
        assert!(r.get(b"notify_verify").is_some());
    }
}
