use alipay_core::Request;
use alipay_core::types::{Amount, HttpUrl, TimestampMillis};

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Examples {
    /// An integer with a letter o.
    #[alipay(example = "1o0")]
    pub count: u32,
    /// Three decimals.
    #[alipay(example = "100.405")]
    pub fee: Amount,
    /// 10 digits: seconds, not milliseconds.
    #[alipay(example = "1309437333")]
    pub timestamp: TimestampMillis,
    /// Not http(s).
    #[alipay(example = "ftp://www.test.com/notify")]
    pub notify_url: HttpUrl,
}

fn main() {}
