//! The sandbox's answers as XML envelopes, written by `alipay_core::xml::write` (the twin of the
//! clients' parser; payloads signed with the response-signature rule clients verify with).

use alipay_core::sign::Signer;
use alipay_core::xml::write;
use alipay_core::{Charset, ErrorCode};

use crate::registry::Payload;

pub(crate) use write::{WriteError, is_unrepresentable, xml_encoding};

/// `<alipay><is_success>F</is_success><error>CODE</error></alipay>`, in `charset`.
pub(crate) fn error(charset: Charset, code: &ErrorCode) -> Vec<u8> {
    write::error(charset, code)
}

/// A success envelope: the request `echo`, the payload, and, with a signer and a payload,
/// `<sign>`/`<sign_type>` over the payload; the whole document in `charset`.
pub(crate) fn success(
    charset: Charset,
    echo: &[(String, String)],
    payload: Option<&Payload>,
    signer: Option<&Signer>,
) -> Result<Vec<u8>, WriteError> {
    let payload = payload.map(|p| write::Payload {
        element: p.element,
        fields: &p.fields,
        markup: &p.markup,
    });
    write::success(charset, echo, payload.as_ref(), signer)
}
