//! `alipay.commerce.qrcode.modify` (Merchant QR Code, 商户码): change the business data of a
//! merchant QR code made by [`crate::alipay_commerce_qrcode_create`]; `secondary_merchant_id`
//! cannot change.
//!
//! Declared from `specs/alipay.commerce.qrcode.modify.toml` (Alipay's English and Hong Kong
//! documents, a maintained PHP wrapper). `biz_data` has the create service's fields
//! ([`QrcodeBizData`], as JSON with [`Json`]) and their rules. Sending the same modification again
//! leaves the code as it is: declared `idempotent`. The answer is `<qrcodeinfo>`
//! ([`QrcodeModified`]). No error table was found.

use alipay_core::service::Violation;
use alipay_core::types::{DateTime, HttpUrl, Json};
use alipay_core::{Request, Response};

pub use crate::alipay_commerce_qrcode_create::{
    BizType, ChannelFee, ChannelFeeType, QrcodeBizData, check_biz_data,
};

/// `biz_data`'s rules, as the request's own rule.
fn biz_data_rules(req: &QrcodeModify) -> Result<(), Violation> {
    check_biz_data(&req.biz_data).map_err(|rule| Violation::custom("biz_data", rule, None))
}

/// The request of `alipay.commerce.qrcode.modify` (alipay.commerce.qrcode.modify (Merchant QR Code, modify)).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "alipay.commerce.qrcode.modify",
    response = QrcodeModified,
    method = POST,
    idempotent, // the same modification again leaves the code as it is
    custom = biz_data_rules
)]
pub struct QrcodeModify {
    /// The time when the merchant server sends the request. The time is in GMT+8, with a format of yyyy-MM-dd HH:mm:ss. By default, the request expires in 30 minutes.
    #[alipay(ty = "String", example = "2012-12-21 17:11:16")]
    pub timestamp: DateTime,
    /// The URL for receiving asynchronous notifications after the payment is completed.
    #[alipay(
        ty = "URL(200)",
        example = "https://www.test.com/alipay/notify_url.php"
    )]
    pub notify_url: Option<HttpUrl>,
    /// Business type that is defined by Alipay, with a value of OVERSEASHOPQRCODE
    #[alipay(ty = "String", example = "OVERSEASHOPQRCODE")]
    pub biz_type: BizType,
    /// The returned QR code value after the code is generated successfully.
    #[alipay(
        ty = "String",
        example = "https://qr.alipay.com/ocx07358e3pxwresfpqpzed"
    )]
    pub qrcode: String,
    /// Business data, which are in the JSON format.
    #[alipay(ty = "String(2000)")]
    pub biz_data: Json<QrcodeBizData>,
}

/// The `<qrcodeinfo>` payload of a successful `alipay.commerce.qrcode.modify` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "qrcodeinfo")]
pub struct QrcodeModified {
    /// \[MX\] 'QR Code' (required there).
    #[alipay(example = "https://qr.alipay.com/ocx07358e3pxwresfpqpzed")]
    pub qrcode: Option<String>,
}
