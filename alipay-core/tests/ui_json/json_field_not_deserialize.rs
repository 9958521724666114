// A JSON-valued parameter's object type must be serde's: without `Deserialize` the field is
// refused at the field, naming the missing trait.
use alipay_core::Request;
use alipay_core::types::Json;

#[derive(serde::Serialize)]
pub struct BizData {
    pub store_id: String,
}

#[derive(Request)]
#[alipay(service = "s", response = ())]
pub struct Create {
    /// The business data.
    pub biz_data: Json<BizData>,
}

fn main() {}
