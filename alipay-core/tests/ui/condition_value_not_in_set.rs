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
#[alipay(required_if(flow_type = "1" | "5", flow_fee))]
pub struct Goods {
    /// Shipping: "5" is not one of its values.
    pub flow_type: FlowType,
    /// Fee.
    pub flow_fee: Option<Amount>,
    /// A count: "x" is not a number.
    #[alipay(ty = "String(3)")]
    pub count: u32,
}

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
#[alipay(required_if(count = "x", flow_fee))]
pub struct Count {
    /// A count.
    pub count: u32,
    /// Fee.
    pub flow_fee: Option<Amount>,
}

fn main() {}
