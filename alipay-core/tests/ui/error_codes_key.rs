use alipay_core::Request;
use alipay_core::error::CodeSpec;

const CODES: &[CodeSpec] = &[CodeSpec::new("TRADE_NOT_EXIST", "交易不存在")];

/// `error_codes` names a const, not a string.
#[derive(Request)]
#[alipay(service = "close_trade", response = (), error_codes = "CODES")]
pub struct Quoted {
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", example = "1")]
    pub trade_no: String,
}

/// The const must be a `&[CodeSpec]`.
const WRONG: &[&str] = &["TRADE_NOT_EXIST"];

#[derive(Request)]
#[alipay(service = "close_trade", response = (), error_codes = WRONG)]
pub struct WrongType {
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", example = "1")]
    pub trade_no: String,
}

fn main() {
    let _ = CODES;
}
