use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
#[alipay(service = "test.other")]
pub struct Duplicate {
    /// A parameter.
    #[alipay(label = "名称", ty = "String(8)", label = "别名")]
    pub name: String,
}

fn main() {}
