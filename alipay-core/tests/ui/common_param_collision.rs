use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Collides {
    /// The runtime adds `partner`.
    pub partner: String,
    /// The runtime adds `sign`.
    #[alipay(name = "sign")]
    pub signature: String,
    /// `_input_charset` too.
    #[alipay(name = "_input_charset")]
    pub charset: String,
}

fn main() {}
