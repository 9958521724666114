use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = (), identifies(trade_no, trade_no))]
pub struct Query {
    /// The trade.
    #[alipay(label = "交易号", example = "1")]
    pub trade_no: String,
}

#[derive(Request)]
#[alipay(service = "test.other", response = (), identifies(out_trade_no))]
pub struct Other {
    /// The trade.
    #[alipay(label = "交易号", example = "1")]
    pub trade_no: String,
}

fn main() {}
