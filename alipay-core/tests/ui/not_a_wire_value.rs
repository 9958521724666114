use alipay_core::Request;

pub struct Opaque;

#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct UsesOpaque {
    /// A type without `WireValue` or `Debug` (the derived `Debug` needs it): each reported here.
    pub thing: Opaque,
}

fn main() {}
