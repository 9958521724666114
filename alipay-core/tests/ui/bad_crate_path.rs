use alipay_core::{Request, Response};

#[derive(Request)]
#[alipay(crate = alipay_core, service = "test.service", response = ())]
pub struct NotAString {
    /// A parameter.
    #[alipay(label = "名称", example = "x")]
    pub name: String,
}

#[derive(Request)]
#[alipay(crate = "not a path", service = "test.service", response = ())]
pub struct NotAPath {
    /// A parameter.
    #[alipay(label = "名称", example = "x")]
    pub name: String,
}

#[derive(Debug, Response)]
#[alipay(element = "goods", crate = "alipay_core", crate = "alipay_core")]
pub struct Twice {
    /// A field.
    #[alipay(label = "名称")]
    pub name: String,
}

fn main() {}
