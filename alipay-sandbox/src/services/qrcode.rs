//! Merchant QR codes (`alipay.commerce.qrcode.create` / `.modify`), kept in the state (and its
//! file, with `--state`).
//!
//! Creating: a store (`store_id` of a `secondary_merchant_id`) has at most two codes, one with a
//! channel fee and one without;
//! asking again for one it has answers that code (the document: "the data of an existing merchant
//! QR code are returned"), unchanged. A new code looks like Alipay's
//! (`https://qr.alipay.com/…`, with its image URL); paying one is not played. Modifying: the
//! partner's code gets the new business data; an unknown code, or a change of
//! `secondary_merchant_id` or `sys_service_provider_id`, or removing a channel fee, is refused
//! with `ILLEGAL_ARGUMENT` (no service code was found for them). Nothing read forbids moving a code
//! to another store or adding a fee, so a store may end with more codes of one kind; asked for
//! one then, creating answers the least of them (by code), the same every time.

use alipay_core::ErrorCode;
use alipay_services::alipay_commerce_qrcode_create::{QrcodeCreate, QrcodeInfo};
use alipay_services::alipay_commerce_qrcode_modify::{QrcodeModified, QrcodeModify};

use crate::registry::{Call, Outcome, Payload, Reply};
use crate::state::MerchantCode;

/// The image URL of `code`, as Alipay writes it.
fn image_url(code: &str) -> String {
    let id = code.rsplit('/').next().unwrap_or_default();
    format!("https://mobilecodec.alipay.com/show.htm?code={id}&picSize=S")
}

/// `alipay.commerce.qrcode.create`.
pub(crate) fn create(call: &Call<'_>, req: QrcodeCreate) -> Result<Outcome, ErrorCode> {
    let record = MerchantCode {
        partner: call.partner_id().to_owned(),
        data: req.biz_data.into_inner(),
    };
    let same = |c: &MerchantCode| {
        c.partner == record.partner
            && c.data.secondary_merchant_id == record.data.secondary_merchant_id
            && c.data.store_id == record.data.store_id
            && c.data.channel_fee.is_some() == record.data.channel_fee.is_some()
    };
    let new_code = || format!("https://qr.alipay.com/bax{}", call.world.digits(20));
    let code = call
        .world
        .state
        .create_qrcode(record.clone(), same, new_code)
        .map_err(|e| stored(&e))?;
    Ok(Reply::Payload(Payload::typed(&QrcodeInfo {
        qrcode_img_url: Some(image_url(&code)),
        qrcode: Some(code),
    }))
    .into())
}

/// `alipay.commerce.qrcode.modify`.
pub(crate) fn modify(call: &Call<'_>, req: QrcodeModify) -> Result<Outcome, ErrorCode> {
    let record = MerchantCode {
        partner: call.partner_id().to_owned(),
        data: req.biz_data.into_inner(),
    };
    let fixed = |old: &MerchantCode, new: &MerchantCode| {
        new.data.secondary_merchant_id == old.data.secondary_merchant_id
            && new.data.sys_service_provider_id == old.data.sys_service_provider_id
            && (old.data.channel_fee.is_none() || new.data.channel_fee.is_some())
    };
    let changed = call
        .world
        .state
        .modify_qrcode(&req.qrcode, record, fixed)
        .map_err(|e| stored(&e))?;
    if !changed {
        return Err(ErrorCode::IllegalArgument);
    }
    Ok(Reply::Payload(Payload::typed(&QrcodeModified {
        qrcode: Some(req.qrcode),
    }))
    .into())
}

/// A state file that cannot be written: logged, and answered as Alipay's own failure.
fn stored(e: &crate::SandboxError) -> ErrorCode {
    tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the QR code");
    ErrorCode::SystemError
}
