//! The signing step as one call: signed parameters → string to sign → bytes in the charset →
//! signature, and its verifying twin. Every place that signs or checks a parameter set (requests,
//! responses, notifications, the sandbox, the command line) goes through these two functions.

use std::borrow::Cow;

use crate::canonical::SignedParams;
use crate::charset::{Charset, CharsetError};

use super::{SignError, Signer, Verifier, VerifyError};

/// A signature and the exact string it covers.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical string that was signed (before encoding in the charset).
    pub string_to_sign: String,
    /// `sign`: base64, or lower-case hex for MD5.
    pub sign: String,
}

impl std::fmt::Debug for Signature {
    /// The string to sign may hold secret parameter values: only its length is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signature")
            .field(
                "string_to_sign",
                &format_args!("<{} bytes>", self.string_to_sign.len()),
            )
            .field("sign", &self.sign)
            .finish()
    }
}

/// Why parameters could not be signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignParamsError {
    /// A name or value has a character the charset cannot represent (the signed bytes are the
    /// string in the charset, so it cannot be signed).
    #[error("parameter {param:?} cannot be encoded in {charset}: {source}")]
    Charset {
        /// The parameter's name.
        param: String,
        /// The charset.
        charset: Charset,
        /// The character and where it is in the name or value.
        #[source]
        source: CharsetError,
    },
    /// The signer failed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

/// Why a signature over parameters was not accepted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyParamsError {
    /// A name or value cannot be encoded in the charset, so no signature can cover it.
    #[error("parameter {param:?} cannot be encoded in {charset}: {source}")]
    Charset {
        /// The parameter's name.
        param: String,
        /// The charset.
        charset: Charset,
        /// The character and where it is in the name or value.
        #[source]
        source: CharsetError,
    },
    /// The signature does not verify (or names another sign type than the verifier's).
    #[error("{source}")]
    Signature {
        /// Exactly the string that was expected to be signed.
        string_to_sign: String,
        /// Why it does not verify.
        #[source]
        source: VerifyError,
    },
}

/// The string to sign, and its bytes in the charset when they differ from its UTF-8 bytes.
type Encoded = (String, Option<Vec<u8>>);

/// The string to sign of `signed` and, when they differ from its UTF-8 bytes, its bytes in
/// `charset`. A character the charset cannot represent is reported with the parameter that holds
/// it.
fn encode(signed: &SignedParams<'_>, charset: Charset) -> Result<Encoded, (String, CharsetError)> {
    let string = signed.to_signing_string();
    let bytes = match charset.encode(&string) {
        Ok(Cow::Borrowed(_)) => None,
        Ok(Cow::Owned(bytes)) => Some(bytes),
        Err(whole) => {
            // `&` and `=` are ASCII, so the string fails exactly where one name or value does.
            let failed = signed.pairs().iter().find_map(|&(k, v)| {
                let e = charset
                    .encode(k)
                    .err()
                    .or_else(|| charset.encode(v).err())?;
                Some((k.to_owned(), e))
            });
            // Unreachable for UTF-8 and GBK (stateless encodings); named all the same.
            return Err(failed.unwrap_or_else(|| ("(the string to sign)".to_owned(), whole)));
        }
    };
    Ok((string, bytes))
}

/// Signs `signed` in `charset` with `signer`: the string to sign ([`SignedParams`]), its bytes in
/// the charset, the signature.
///
/// ```
/// use alipay_core::canonical::SignedParams;
/// use alipay_core::sign::{Md5Key, Signer, sign_params};
/// use alipay_core::Charset;
///
/// let params = [("service", "single_trade_query"), ("trade_no", "1"), ("sign_type", "MD5")];
/// let signer = Signer::md5(Md5Key::new("key"));
/// let signature = sign_params(&SignedParams::new(&params), Charset::Utf8, &signer)?;
/// assert_eq!(signature.string_to_sign, "service=single_trade_query&trade_no=1");
/// // python3 -c "import hashlib; print(hashlib.md5(b'service=single_trade_query&trade_no=1key').hexdigest())"
/// assert_eq!(signature.sign, "867316bb57bc1bb1ad9b128d3ed21744");
/// # Ok::<(), alipay_core::sign::SignParamsError>(())
/// ```
pub fn sign_params(
    signed: &SignedParams<'_>,
    charset: Charset,
    signer: &Signer,
) -> Result<Signature, SignParamsError> {
    let (string_to_sign, bytes) =
        encode(signed, charset).map_err(|(param, source)| SignParamsError::Charset {
            param,
            charset,
            source,
        })?;
    let bytes = bytes.as_deref().unwrap_or(string_to_sign.as_bytes());
    let sign = signer.sign(bytes)?;
    Ok(Signature {
        string_to_sign,
        sign,
    })
}

/// Verifies `sign` over `signed` in `charset` with `verifier`; when the sender named its sign type
/// (`sign_type`), it must be the verifier's ([`Verifier::verify_typed`]). Returns the string that
/// was verified; a failure carries exactly the string that was expected to be signed.
pub fn verify_params(
    signed: &SignedParams<'_>,
    charset: Charset,
    verifier: &Verifier,
    sign_type: Option<&str>,
    sign: &str,
) -> Result<String, VerifyParamsError> {
    let (string_to_sign, bytes) =
        encode(signed, charset).map_err(|(param, source)| VerifyParamsError::Charset {
            param,
            charset,
            source,
        })?;
    let bytes = bytes.as_deref().unwrap_or(string_to_sign.as_bytes());
    let verified = match sign_type {
        Some(sign_type) => verifier.verify_typed(sign_type, bytes, sign),
        None => verifier.verify(bytes, sign),
    };
    match verified {
        Ok(()) => Ok(string_to_sign),
        Err(source) => Err(VerifyParamsError::Signature {
            string_to_sign,
            source,
        }),
    }
}
