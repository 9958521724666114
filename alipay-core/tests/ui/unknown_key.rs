use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = (), methd = POST)]
pub struct Unknown {
    /// A parameter.
    #[alipay(lable = "名称", example = "x")]
    pub name: String,
}

fn main() {}
