use alipay_core::Request;

// trybuild compiles this in target/tests/trybuild/alipay-core: the path climbs back to the
// repository (the default target directory).

/// Drifted: trade_no's length and nullability, a missing row, a field the table lacks.
#[derive(Request)]
#[alipay(
    service = "close_trade",
    response = (),
    spec = "../../../../alipay-core/tests/ui/spec_drift.toml",
    one_of(trade_no, out_order_no)
)]
pub struct Drifted {
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", ty = "String(32)", example = "2011031700597827")]
    pub trade_no: String,
    /// 商户订单号
    pub out_order_no: Option<String>,
    /// Not in the table.
    pub ip: Option<String>,
}

/// A page service held to an API service's spec, and a spec file that is not there.
#[derive(Request)]
#[alipay(service = "close_trade", page, spec = "../../../../alipay-core/tests/ui/spec_drift.toml")]
pub struct WrongKind {
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", ty = "String(64)", example = "2011031700597827")]
    pub trade_no: Option<String>,
    /// 商户订单号
    pub out_order_no: Option<String>,
    /// 交易角色
    pub trade_role: Option<String>,
}

#[derive(Request)]
#[alipay(service = "close_trade", response = (), spec = "specs/no_such_file.toml")]
pub struct Missing {
    /// 支付宝交易号
    pub trade_no: String,
}



/// A notification field its table does not have, and one whose nullability differs.
#[derive(alipay_core::Notification)]
#[alipay(kind = "notify", spec = "../../../../alipay-core/tests/ui/spec_drift.toml")]
pub struct NotifyDrift {
    /// 交易号
    pub trade_no: Option<String>,
    /// Not in the table.
    pub buyer_mobile: Option<String>,
}

/// A return table the spec does not have.
#[derive(alipay_core::Notification)]
#[alipay(kind = "return", spec = "../../../../alipay-core/tests/ui/spec_drift.toml")]
pub struct NoReturnTable {
    /// 交易号
    pub trade_no: String,
}

/// The spec's sample does not parse as the field's type: one error, at the field.
#[derive(Request)]
#[alipay(
    service = "example.refund.query",
    response = (),
    spec = "../../../../alipay-core/tests/ui/spec_example.toml"
)]
pub struct BadExample {
    pub amount: u32,
}

fn main() {}
