use alipay_core::Request;

// `type` is the spec's column name, and a Rust keyword.
#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct TypeKey {
    /// A parameter.
    #[alipay(label = "名称", type = "String(8)", example = "x")]
    pub name: String,
}

fn main() {}
