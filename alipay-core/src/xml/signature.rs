//! The response signature: which string it covers, and its verification.

use std::borrow::Cow;

use super::{Envelope, Fields};
use crate::canonical;
use crate::charset::CharsetError;

/// The outcome of a successful [`Envelope::verify_signature`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureStatus {
    /// The response carries no `<sign>`: there was nothing to verify. Whether that is acceptable
    /// is the caller's decision.
    Unsigned,
    /// `<sign>` is a valid signature of [`Envelope::response_signing_string`].
    Verified,
}

/// Why a response signature was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseSignatureError {
    /// The response has a `<sign>` but no `<response>` payload, so the signed string is unknown.
    #[error("the response carries <sign> but no <response> payload to verify it against")]
    NoPayload,
    /// The signing string cannot be encoded in the response's charset.
    #[error("cannot encode the response signing string: {0}")]
    Charset(#[from] CharsetError),
    /// The signature does not verify (wrong key, wrong `sign_type`, tampered payload, or a
    /// different signing rule on Alipay's side).
    #[error(
        "response signature ({}) does not verify over the string {signed:?}: {source}",
        sign_type.as_deref().unwrap_or("no sign_type")
    )]
    Mismatch {
        /// The exact string that was expected to be signed (before the key is appended, for
        /// MD5): compare it with what Alipay signed when debugging `ILLEGAL_SIGN`.
        signed: String,
        /// `<sign_type>` as received.
        sign_type: Option<String>,
        /// The verifier's reason.
        #[source]
        source: crate::sign::VerifyError,
    },
}

/// The parameters a response signature covers, from the payload's children as `(tag, value)`,
/// each value as [`response_signed_value`] gives it.
///
/// **This is the one place the response-signature rule lives**, with [`response_signed_value`];
/// the parser's [`Envelope::verify_signature`] and the envelope writer
/// ([`write::success`](super::write::success)) both use them. The rule follows the public
/// descriptions (docs/protocol.md, "The response envelope"): every child element of the business
/// payload (`<response><goods>…</goods></response>`) is a parameter, name = tag, value = text;
/// then the request signing rule applies ([`canonical::SignedParams`]: drop `sign`/`sign_type`
/// and empty values, sort by name, join `k=v` with `&`). `<is_success>`, `<request>` and
/// everything outside the payload are not covered. No published example with a known key
/// confirms this rule; if Alipay turns out to sign something else, change these functions only.
pub fn response_signed_params<'a, I>(children: I) -> canonical::SignedParams<'a>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    canonical::SignedParams::from_pairs(children)
}

/// The value payload child `tag` is signed with: its text; for a child with child elements of
/// its own (`markup`: [`Fields::is_markup`](super::Fields::is_markup)), the child's whole XML
/// fragment, its own start and end tags included, empty elements expanded (`inner` is already in
/// that form, as the parser keeps it). `account.page.query`'s document, the one description of a
/// nested child: "参数 account_log_list 的值则是包含节点本身在内所有数据 … 需要 expand empty
/// element，如`<memo/>` 展开为`<memo></memo>`".
///
/// ```
/// use alipay_core::xml::response_signed_value;
///
/// assert_eq!(response_signed_value("has_next_page", "F", false), "F");
/// assert_eq!(
///     response_signed_value("account_log_list", "<VO><memo></memo></VO>", true),
///     "<account_log_list><VO><memo></memo></VO></account_log_list>"
/// );
/// ```
pub fn response_signed_value<'a>(tag: &str, inner: &'a str, markup: bool) -> Cow<'a, str> {
    if markup {
        Cow::Owned(format!("<{tag}>{inner}</{tag}>"))
    } else {
        Cow::Borrowed(inner)
    }
}

/// Calls `f` with the signed parameters of `fields` (a payload's children): the fields
/// themselves when none is markup, else each markup value wrapped by [`response_signed_value`].
pub(super) fn with_signed_params<R>(
    fields: &Fields,
    f: impl FnOnce(canonical::SignedParams<'_>) -> R,
) -> R {
    if !fields.has_markup() {
        return f(response_signed_params(fields));
    }
    let values: Vec<(&str, Cow<'_, str>)> = fields
        .iter()
        .enumerate()
        .map(|(i, (tag, text))| (tag, response_signed_value(tag, text, fields.is_markup(i))))
        .collect();
    f(response_signed_params(
        values.iter().map(|(tag, value)| (*tag, value.as_ref())),
    ))
}

impl Envelope {
    /// The string the response signature covers ([`response_signed_params`] of the payload's
    /// children), or `None` when there is no payload.
    pub fn response_signing_string(&self) -> Option<String> {
        let payload = self.response.as_ref()?;
        Some(with_signed_params(&payload.fields, |signed| {
            signed.to_signing_string()
        }))
    }

    /// Verifies `<sign>` over [`response_signing_string`](Self::response_signing_string), encoded
    /// in the response's charset, with `verifier` (which holds Alipay's key for the sign type in
    /// use). When `<sign_type>` is present, the verifier also checks it names its own algorithm.
    ///
    /// Returns [`SignatureStatus::Unsigned`] when the response has no `<sign>`.
    pub fn verify_signature(
        &self,
        verifier: &crate::sign::Verifier,
    ) -> Result<SignatureStatus, ResponseSignatureError> {
        let Some(sign) = self.sign.as_deref() else {
            return Ok(SignatureStatus::Unsigned);
        };
        let payload = self
            .response
            .as_ref()
            .ok_or(ResponseSignatureError::NoPayload)?;
        let verified = with_signed_params(&payload.fields, |signed| {
            crate::sign::verify_params(
                &signed,
                self.charset,
                verifier,
                self.sign_type.as_deref(),
                sign,
            )
        });
        match verified {
            Ok(_) => Ok(SignatureStatus::Verified),
            Err(crate::sign::VerifyParamsError::Charset { source, .. }) => {
                Err(ResponseSignatureError::Charset(source))
            }
            Err(crate::sign::VerifyParamsError::Signature {
                string_to_sign,
                source,
            }) => Err(ResponseSignatureError::Mismatch {
                sign_type: self.sign_type.clone(),
                signed: string_to_sign,
                source,
            }),
        }
    }
}
