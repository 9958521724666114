//! Merchant QR codes (`alipay.commerce.qrcode.create` / `.modify`), kept in memory.
//!
//! Creating: a store (`store_id`) has at most two codes, one with a channel fee and one without;
//! asking again for one it has answers that code (the document: "the data of an existing merchant
//! QR code are returned"), unchanged. A new code looks like Alipay's
//! (`https://qr.alipay.com/…`, with its image URL); paying one is not played. Modifying: the
//! partner's code gets the new business data; an unknown code, or a change of
//! `secondary_merchant_id` or `sys_service_provider_id`, or removing a channel fee, is refused
//! with `ILLEGAL_ARGUMENT` (no service code was found for them).

use alipay_core::ErrorCode;
use alipay_services::alipay_commerce_qrcode_create::{QrcodeCreate, QrcodeInfo};
use alipay_services::alipay_commerce_qrcode_modify::{QrcodeModified, QrcodeModify};

use crate::registry::{Call, Outcome, Payload, Reply};
use crate::world::MerchantCode;

/// The image URL of `code`, as Alipay writes it.
fn image_url(code: &str) -> String {
    let id = code.rsplit('/').next().unwrap_or_default();
    format!("https://mobilecodec.alipay.com/show.htm?code={id}&picSize=S")
}

/// `alipay.commerce.qrcode.create`.
pub(crate) fn create(call: &Call<'_>, req: QrcodeCreate) -> Result<Outcome, ErrorCode> {
    let partner = call.partner_id();
    let data = req.biz_data.into_inner();
    let mut codes = call
        .world
        .qrcodes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let existing = codes.iter().find(|(_, c)| {
        c.partner == partner
            && c.data.store_id == data.store_id
            && c.data.channel_fee.is_some() == data.channel_fee.is_some()
    });
    let code = match existing {
        Some((code, _)) => code.clone(),
        None => {
            let code = format!("https://qr.alipay.com/bax{}", call.world.digits(20));
            codes.insert(
                code.clone(),
                MerchantCode {
                    partner: partner.to_owned(),
                    data,
                },
            );
            code
        }
    };
    Ok(Reply::Payload(Payload::typed(&QrcodeInfo {
        qrcode_img_url: Some(image_url(&code)),
        qrcode: Some(code),
    }))
    .into())
}

/// `alipay.commerce.qrcode.modify`.
pub(crate) fn modify(call: &Call<'_>, req: QrcodeModify) -> Result<Outcome, ErrorCode> {
    let mut codes = call
        .world
        .qrcodes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(code) = codes
        .get_mut(&req.qrcode)
        .filter(|c| c.partner == call.partner_id())
    else {
        return Err(ErrorCode::IllegalArgument);
    };
    let data = req.biz_data.into_inner();
    let fixed = data.secondary_merchant_id == code.data.secondary_merchant_id
        && data.sys_service_provider_id == code.data.sys_service_provider_id
        && (code.data.channel_fee.is_none() || data.channel_fee.is_some());
    if !fixed {
        return Err(ErrorCode::IllegalArgument);
    }
    code.data = data;
    Ok(Reply::Payload(Payload::typed(&QrcodeModified {
        qrcode: Some(req.qrcode),
    }))
    .into())
}
