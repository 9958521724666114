use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Lengths {
    /// A count: its wire text is bounded through the type column, not `max_len`.
    #[alipay(max_len = 5)]
    pub count: u32,
    /// A column whose type is not `String` or `URL` cannot carry a length.
    #[alipay(ty = "Date(10)")]
    pub total: u32,
}

fn main() {}
