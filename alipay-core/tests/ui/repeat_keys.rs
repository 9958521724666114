use alipay_core::Request;

#[derive(Request)]
#[alipay(service = "test.a", response = (), idempotent = true)]
pub struct FlagWithValue {
    /// A parameter.
    #[alipay(label = "名称", example = "x")]
    pub name: String,
}

#[derive(Request)]
#[alipay(service = "test.b", response = (), idempotent, conflict = "GOODS_EXISTS_ERROR")]
pub struct Both {
    /// A parameter.
    #[alipay(label = "名称", example = "x")]
    pub name: String,
}

#[derive(Request)]
#[alipay(service = "test.c", response = (), conflict = "")]
pub struct EmptyCode {
    /// A parameter.
    #[alipay(label = "名称", example = "x")]
    pub name: String,
}

fn main() {}
