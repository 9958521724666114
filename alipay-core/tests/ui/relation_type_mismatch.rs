use alipay_core::Request;
use alipay_core::types::Amount;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
#[alipay(relation(buy_max_num <= goods_fee))]
pub struct Goods {
    /// Price.
    pub goods_fee: Amount,
    /// Per buyer.
    pub buy_max_num: u32,
}

fn main() {}
