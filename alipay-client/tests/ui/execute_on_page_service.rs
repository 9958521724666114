use alipay_client::Client;
use alipay_core::Request;

/// A page service: the buyer's browser carries it.
#[derive(Clone, Request)]
#[alipay(service = "create_partner_trade_by_buyer", page, method = GET)]
pub struct Pay {
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", ty = "String(64)", example = "6741334835157966")]
    pub out_trade_no: String,
}

async fn pay(client: &Client) {
    let _ = client.execute(&Pay::example()).await;
}

fn main() {
    let _ = pay;
}
