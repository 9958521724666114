// The generated code goes through the `crate` path: one that does not exist fails there.
use alipay_core::Request;

#[derive(Request)]
#[alipay(crate = "crate::no_such_runtime", service = "test.service", response = ())]
pub struct Renamed {
    /// A parameter.
    #[alipay(label = "名称", example = "x")]
    pub name: String,
}

fn main() {}
