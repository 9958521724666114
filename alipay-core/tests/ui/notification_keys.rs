use alipay_core::Notification;

/// `kind` is "notify" or "return".
#[derive(Notification)]
#[alipay(kind = "async")]
pub struct WrongKind {
    /// 通知校验ID
    #[alipay(label = "通知校验ID")]
    pub notify_id: String,
}

/// A notification has no response or method.
#[derive(Notification)]
#[alipay(response = ())]
pub struct WithResponse {
    /// 通知校验ID
    #[alipay(label = "通知校验ID")]
    pub notify_id: String,
}

/// The spec's column names as keys, and a near-miss.
#[derive(Notification)]
#[alipay(kinds = "notify")]
pub struct Columns {
    /// 交易金额
    #[alipay(label = "交易金额", nullable)]
    pub total_fee: String,
}

fn main() {}
