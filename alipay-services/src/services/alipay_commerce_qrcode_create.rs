//! `alipay.commerce.qrcode.create` (Merchant QR Code, 商户码): a static QR code that stands for a
//! secondary merchant's store in cross-border in-store payment (`biz_type=OVERSEASHOPQRCODE`): the
//! buyer scans it, types the amount and pays.
//!
//! Declared from `specs/alipay.commerce.qrcode.create.toml`: Alipay's English document (its first
//! rows), a maintained PHP wrapper and Alipay's global Java SDK; no Chinese edition was found. The
//! file says where they disagree.
//!
//! `biz_data` is a JSON object with typed fields of its own ([`QrcodeBizData`], read and written
//! by [`Json`]): a missing or mistyped field is refused before sending, naming it
//! (`biz_data: at secondary_merchant_id: missing field …`), and the rules the document states for
//! some fields (an MCC of four digits, ids of letters, digits, `-` and `_`, a channel fee within
//! its range) are checked with it. Unknown fields in a received object are ignored.
//!
//! "For one store ID, up to two merchant QR codes can be created, one with the commission charge
//! and the other not. If you call this interface again after two merchant QR codes being created,
//! the data of an existing merchant QR code are returned." — a repeat answers the same code:
//! declared `idempotent`. The answer is `<qrcodeinfo>` ([`QrcodeInfo`]). No error table was found.

use alipay_core::service::Violation;
use alipay_core::types::{Amount, DateTime, HttpUrl, Json, WireValue as _};
use alipay_core::{Request, Response};
use serde::{Deserialize, Serialize};

/// The business data of a merchant QR code (`biz_data`), in the order of the wrapper that lists
/// them; optional fields are left out of the JSON when absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrcodeBizData {
    /// Business category code (MCC) of the secondary merchant, four digits (e.g. `5812` food,
    /// `5311` shopping, `7011` hotel, `4121` taxi).
    pub secondary_merchant_industry: String,
    /// The partner's unique id of the secondary merchant: letters, digits, `-` and `_`, at most 64
    /// characters. It cannot be changed once created.
    pub secondary_merchant_id: String,
    /// The secondary merchant's registered legal name, shown in the wallet (at most 64
    /// characters).
    pub secondary_merchant_name: String,
    /// The store's unique id under the merchant (letters, digits, `-` and `_`).
    pub store_id: String,
    /// The store's name, shown in the wallet and the reconciliation file.
    pub store_name: String,
    /// Taxi business (MCC 4121) only: the operation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxi_operation_id: Option<String>,
    /// Taxi business only: the taxi's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxi_number: Option<String>,
    /// Taxi business only: the driver's name, shown in the wallet's history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxi_driver_name: Option<String>,
    /// Taxi business only: the driver's mobile number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxi_driver_mobile: Option<String>,
    /// The pricing currency (ISO 4217, e.g. `USD`).
    pub trans_currency: String,
    /// The settlement currency: CNY, or the pricing currency.
    pub currency: String,
    /// The system service provider's id; cannot be changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sys_service_provider_id: Option<String>,
    /// The channel fee; once set it cannot be removed by a modification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_fee: Option<ChannelFee>,
    /// The country of the store (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// The store's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Returned to the merchant after payment: flat JSON (nested JSON is not supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passback_parameters: Option<String>,
    /// A legal phone number, digits only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_mobile: Option<String>,
    /// A legal Wangwang name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_wangwang: Option<String>,
    /// A legal Alipay account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_alipay_account: Option<String>,
}

/// The channel fee of a merchant QR code: `{"type": "FIXED" | "RATE", "value": "…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelFee {
    /// A fixed amount, or a rate of the order amount.
    #[serde(rename = "type")]
    pub kind: ChannelFeeType,
    /// FIXED: an amount in the settlement currency, at most 5% of the order; RATE: a fraction
    /// from 0 to 0.05.
    pub value: String,
}

/// The kind of a channel fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelFeeType {
    /// `FIXED`: a fixed amount.
    #[serde(rename = "FIXED")]
    Fixed,
    /// `RATE`: a rate of the order amount.
    #[serde(rename = "RATE")]
    Rate,
}

/// Whether `s` is made of letters, digits, `-` and `_` only, and not empty.
fn id_like(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The rules the document states for some of `biz_data`'s fields (module docs).
pub fn check_biz_data(data: &QrcodeBizData) -> Result<(), &'static str> {
    let industry = &data.secondary_merchant_industry;
    if industry.len() != 4 || !industry.bytes().all(|b| b.is_ascii_digit()) {
        return Err("biz_data.secondary_merchant_industry must be an MCC of four digits");
    }
    if !id_like(&data.secondary_merchant_id) || data.secondary_merchant_id.chars().count() > 64 {
        return Err("biz_data.secondary_merchant_id must be 1 to 64 letters, digits, '-' or '_'");
    }
    if data.secondary_merchant_name.is_empty() || data.secondary_merchant_name.chars().count() > 64
    {
        return Err("biz_data.secondary_merchant_name must be 1 to 64 characters");
    }
    if !id_like(&data.store_id) {
        return Err("biz_data.store_id must be letters, digits, '-' or '_'");
    }
    if data
        .country_code
        .as_ref()
        .is_some_and(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err("biz_data.country_code must be two capital letters (ISO 3166-1)");
    }
    if data
        .notify_mobile
        .as_ref()
        .is_some_and(|m| m.is_empty() || !m.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("biz_data.notify_mobile must be digits");
    }
    if let Some(fee) = &data.channel_fee {
        let ok = match fee.kind {
            ChannelFeeType::Fixed => Amount::parse_wire(&fee.value).is_ok(),
            ChannelFeeType::Rate => rate_at_most_5_percent(&fee.value),
        };
        if !ok {
            return Err(
                "biz_data.channel_fee.value must be an amount (FIXED) or a rate from 0 to 0.05 (RATE)",
            );
        }
    }
    Ok(())
}

/// Whether `s` is a decimal fraction (digits, at most one point) from 0 to 0.05.
fn rate_at_most_5_percent(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (s.contains('.') && frac.is_empty()) {
        return false;
    }
    // In hundredths: the integer part must be 0, then the first two decimals at most 05, and
    // exactly 05 only with nothing but zeros after.
    if int.bytes().any(|b| b != b'0') {
        return false;
    }
    let hundredths: u32 = frac
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(2)
        .fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    hundredths < 5 || (hundredths == 5 && frac.bytes().skip(2).all(|b| b == b'0'))
}

/// `biz_data`'s rules, as the request's own rule.
fn biz_data_rules(req: &QrcodeCreate) -> Result<(), Violation> {
    check_biz_data(&req.biz_data).map_err(|rule| Violation::custom("biz_data", rule, None))
}

alipay_core::wire_enum! {
    /// `biz_type`: Business type that is defined by Alipay, with a value of OVERSEASHOPQRCODE
    pub enum BizType {
        /// `OVERSEASHOPQRCODE`.
        OverseaShopQrcode = "OVERSEASHOPQRCODE",
    }
}

/// The request of `alipay.commerce.qrcode.create` (alipay.commerce.qrcode.create (Merchant QR Code, create)).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "alipay.commerce.qrcode.create",
    response = QrcodeInfo,
    method = POST,
    custom = biz_data_rules
)]
pub struct QrcodeCreate {
    /// The time when the merchant server sends the request. The time is in GMT+8, with a format of yyyy-MM-dd HH:mm:ss.
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
    /// Business data, which are in the JSON format.
    #[alipay(ty = "String(2000)")]
    pub biz_data: Json<QrcodeBizData>,
}

/// The `<qrcodeinfo>` payload of a successful `alipay.commerce.qrcode.create` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "qrcodeinfo")]
pub struct QrcodeInfo {
    /// \[MX\] 'QR Code' (required there). Example is the value \[HK\] uses for modify's qrcode parameter.
    #[alipay(example = "https://qr.alipay.com/ocx07358e3pxwresfpqpzed")]
    pub qrcode: Option<String>,
    /// \[MX\] 'The URL of the QR Code.' (required there). No example found.
    pub qrcode_img_url: Option<String>,
}
