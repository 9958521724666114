use alipay_core::Request;
use alipay_core::types::CompactTime;

alipay_core::wire_enum! {
    /// Who pays.
    pub enum WhoPay {
        /// The buyer.
        Buyer = "1",
        /// The seller.
        Seller = "2",
    }
}

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Examples {
    /// Checked by a const assertion on `WhoPay::__alipay_accepts`.
    #[alipay(example = "3")]
    pub who_pay: WhoPay,
    /// February 30th.
    #[alipay(example = "20110230120000")]
    pub valid_time: CompactTime,
}

fn main() {}
