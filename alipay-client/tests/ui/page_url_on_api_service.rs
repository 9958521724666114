use alipay_client::Client;
use alipay_core::Request;

/// An API service: the server calls it.
#[derive(Clone, Request)]
#[alipay(service = "close_trade", response = (), method = GET)]
pub struct Close {
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", ty = "String(64)", example = "2011031700597827")]
    pub trade_no: String,
}

fn links(client: &Client) {
    let _ = client.page_url(&Close::example());
    let _ = client.page_form(&Close::example(), alipay_core::service::Method::Post);
}

fn main() {
    let _ = links;
}
