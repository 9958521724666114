use alipay_core::Response;

#[derive(Response)]
pub struct NoElement {
    /// A field.
    pub goods_id: String,
}

#[derive(Response)]
#[alipay(element = "goods", service = "x")]
pub struct RequestKeys {
    /// Secrets and lengths belong to requests.
    #[alipay(secret, max_len = 3)]
    pub goods_id: String,
    /// A bad example.
    #[alipay(example = "5.5.5")]
    pub goods_fee: alipay_core::types::Amount,
}

fn main() {}
