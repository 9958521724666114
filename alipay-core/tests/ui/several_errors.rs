use alipay_core::Request;

/// Every mistake below is reported in one compile, and the uses in `main` cause no follow-on
/// errors (stub `Request` and `Debug` impls are emitted beside the errors).
#[derive(Request)]
#[alipay(response = (), method = PUT)]
#[alipay(one_of(invoice_no))]
#[alipay(required_if(flow_type = "1", nothing))]
pub struct Several {
    /// Bad length.
    #[alipay(ty = "String(-1)")]
    pub invoice_no: Option<String>,
    /// Bad example.
    #[alipay(example = "abc")]
    pub flow_type: u32,
    /// Unknown key.
    #[alipay(secrett)]
    pub key: String,
    /// Example longer than the column.
    #[alipay(ty = "String(2)", example = "abc")]
    pub code: String,
}

fn main() {
    let s = Several::example();
    let _ = s.validate();
    let _ = <Several as alipay_core::service::Request>::SERVICE;
    let _ = format!("{s:?}");
}
