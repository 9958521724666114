use alipay_core::Request;
use alipay_core::types::Amount;

alipay_core::wire_enum! {
    /// Shipping.
    pub enum FlowType {
        /// None.
        None = "8",
        /// Post.
        Post = "1",
    }
}

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
#[alipay(required_if(flow_type = "1", flow_fee > 0))]
pub struct Goods {
    /// Shipping.
    pub flow_type: FlowType,
    /// Always present, so "required if" means nothing.
    pub flow_fee: Amount,
}

fn main() {}
