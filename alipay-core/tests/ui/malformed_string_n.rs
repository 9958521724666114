use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Malformed {
    /// Unclosed.
    #[alipay(ty = "String(12")]
    pub a: String,
    /// Not a number.
    #[alipay(ty = "String(abc)")]
    pub b: String,
    /// Zero.
    #[alipay(ty = "String(0)")]
    pub c: String,
}

fn main() {}
