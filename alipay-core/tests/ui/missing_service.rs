use alipay_core::Request;

#[derive(Request)]
#[alipay(method = GET)]
pub struct NoService {
    /// A parameter.
    pub name: String,
}

fn main() {}
