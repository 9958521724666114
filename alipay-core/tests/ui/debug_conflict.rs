use alipay_core::Request;

/// `Request` implements `Debug` itself (hiding `secret` fields): deriving both conflicts.
#[derive(Debug, Request)]
#[alipay(service = "test.service", response = ())]
pub struct Both {
    #[alipay(secret)]
    pub key: String,
}

fn main() {}
