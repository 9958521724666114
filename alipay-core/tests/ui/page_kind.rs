use alipay_core::Request;

/// A page service has no XML answer, so no `response`.
#[derive(Request)]
#[alipay(service = "create_partner_trade_by_buyer", page, response = ())]
pub struct WithResponse {
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", example = "1")]
    pub out_trade_no: String,
}

/// `page` is a flag.
#[derive(Request)]
#[alipay(service = "create_partner_trade_by_buyer", page = true)]
pub struct PageWithValue {
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", example = "1")]
    pub out_trade_no: String,
}

fn main() {}
