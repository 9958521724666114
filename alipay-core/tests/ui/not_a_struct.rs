use alipay_core::{Request, Response};

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub enum NotAStruct {
    A,
}

#[derive(Response)]
#[alipay(element = "goods")]
pub struct Tuple(String);

fn main() {}
