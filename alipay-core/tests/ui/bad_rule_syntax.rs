use alipay_core::Request;
use alipay_core::types::Amount;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
#[alipay(required_if(flow_type = "1", flow_fee > 1))]
#[alipay(relation(a => b))]
#[alipay(one_of)]
pub struct Rules {
    /// Shipping.
    pub flow_type: u32,
    /// Fee.
    pub flow_fee: Option<Amount>,
}

fn main() {}
