use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
#[alipay(relation(buy_max_num <= goods_total))]
pub struct Goods {
    /// Total.
    pub goods_total_num: u32,
    /// Per buyer.
    pub buy_max_num: u32,
}

fn main() {}
