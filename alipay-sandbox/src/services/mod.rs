//! The business logic of the services the sandbox plays with state, and `notify_verify`;
//! [`standard`] registers the catalog with it.

pub(crate) mod goods;
pub(crate) mod notify_verify;
pub(crate) mod query;
pub(crate) mod ship;

use alipay_services::send_goods_confirm::SendGoodsConfirm;
use alipay_services::single_trade_query::SingleTradeQuery;
use alipay_services::sns_create_goods::CreateGoods;

use crate::registry::Registry;

/// Every service of the catalog (`alipay_services`); those the sandbox plays with state get their
/// business logic.
pub(crate) fn standard() -> Registry {
    let mut r = Registry::default();
    alipay_services::visit(&mut r);
    r.register_with::<CreateGoods>(goods::create);
    r.register_with::<SendGoodsConfirm>(ship::confirm);
    r.register_with::<SingleTradeQuery>(query::single_trade);
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
        assert!(r.get(b"notify_verify").is_none());
    }
}
