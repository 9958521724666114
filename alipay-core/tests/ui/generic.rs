use alipay_core::Request;

/// A service declaration cannot be generic; the stub impls beside the error (`Request`,
/// `Debug`) need no bounds, so the uses in `main` cause no follow-on errors.
#[derive(Request)]
#[alipay(service = "test.service", response = ())]
pub struct Generic<T> {
    pub value: T,
}

struct NotDebug;

fn main() {
    let g = Generic { value: NotDebug };
    let _ = format!("{g:?}");
    let _ = <Generic<NotDebug> as alipay_core::service::Request>::SERVICE;
}
