//! The SNS document's `sns.create.goods.ws` response payload, shared by the tests and the client benches.
#![allow(dead_code, unreachable_pub)]

/// The `<goods>` payload (the SNS document's response sample).
pub(crate) const GOODS_FIELDS: &[(&str, &str)] = &[
    ("biz_status", "1"),
    ("buyer_max_num", "12"),
    ("create_time", "20110923093412"),
    ("flow_fee", "1.00"),
    ("flow_type", "1"),
    ("goods_fee", "213.00"),
    ("goods_id", "2011092300022596"),
    ("goods_info", "buy_max_num"),
    ("goods_name", "二手围巾"),
    ("goods_total_num", "12345"),
    ("outer_goods_id", "8888888"),
    ("rec_days", "30"),
    ("seller_sns_id", "mollycseller"),
    ("valid_time", "20110926093412"),
    ("who_pay", "2"),
];
