//! The response signature: which string it covers, and its verification.

use super::Envelope;
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

impl Envelope {
    /// The string the response signature covers, or `None` when there is no payload.
    ///
    /// **This is the one place the response-signature rule lives.** The rule follows the only
    /// public description (docs/protocol.md, "The response envelope"): every child element of the business payload
    /// (`<response><goods>…</goods></response>`) is a parameter, name = tag, value = text (for a
    /// child with nested elements, its raw inner XML); then the request signing rule applies
    /// ([`canonical::SignedParams`], the rule behind [`canonical::signing_string`]: drop
    /// `sign`/`sign_type` and empty values, sort by name, join `k=v` with `&`). `<is_success>`,
    /// `<request>` and everything outside the payload are not covered. No published example with
    /// a known key confirms this rule; if Alipay turns out to sign something else, change this
    /// function only.
    pub fn response_signing_string(&self) -> Option<String> {
        let payload = self.response.as_ref()?;
        Some(canonical::SignedParams::from_pairs(&payload.fields).to_signing_string())
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
        let signed = self
            .response_signing_string()
            .ok_or(ResponseSignatureError::NoPayload)?;
        let bytes = self.charset.encode(&signed)?;
        let verified = match self.sign_type.as_deref() {
            Some(sign_type) => verifier.verify_typed(sign_type, &bytes, sign),
            None => verifier.verify(&bytes, sign),
        };
        match verified {
            Ok(()) => Ok(SignatureStatus::Verified),
            Err(source) => Err(ResponseSignatureError::Mismatch {
                sign_type: self.sign_type.clone(),
                signed,
                source,
            }),
        }
    }
}
