use alipay_core::Request;

// The spec table's column names, written as keys, get a hint at what to write instead.
#[derive(Request)]
#[alipay(service = "test.service", response = (), sevice = "x")]
pub struct Columns {
    /// A parameter.
    #[alipay(label = "名称", nullable = true, length = 8, sample = "x")]
    pub name: String,
    /// Another.
    #[alipay(lable = "名称", note = "备注", values = "a|b")]
    pub other: Option<String>,
}

fn main() {}
