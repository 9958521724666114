use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Twice {
    /// The first.
    pub goods_id: String,
    /// Renamed onto the first.
    #[alipay(name = "goods_id")]
    pub other_id: String,
}

fn main() {}
