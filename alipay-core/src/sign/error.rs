//! Errors of key parsing, signing and verification. None of them ever carries key material.

use super::kinds::{KeyAlgorithm, KeyKind, SignType};

/// A key could not be used. The message names the problem and the fix; it never contains the key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The key text is empty or only whitespace.
    #[error("the key is empty: configure the key's text (PEM, or one-line base64)")]
    Empty,
    /// The text is neither a PEM block nor base64.
    #[error(
        "the key is neither PEM nor one-line base64 ({reason}); pass the key's text, \
         not a file name, with or without its -----BEGIN/END----- lines"
    )]
    NotPemOrBase64 {
        /// What was wrong (a position, never the characters around it).
        reason: String,
    },
    /// A PEM block is cut off or has no body.
    #[error("malformed PEM: {reason}")]
    MalformedPem {
        /// What was wrong.
        reason: &'static str,
    },
    /// The key is password-protected.
    #[error(
        "the key is encrypted with a password; export it unencrypted, \
         e.g. `openssl pkey -in encrypted.pem -out key.pem`"
    )]
    Encrypted,
    /// The PEM block holds something that is not a key this SDK reads.
    #[error("unsupported PEM block \"{label}\": expected {expected}{hint}")]
    UnsupportedPem {
        /// The PEM label (the text after `-----BEGIN `).
        label: String,
        /// The labels that would have been accepted.
        expected: &'static str,
        /// How to convert, when there is a known way (starts with "; ").
        hint: &'static str,
    },
    /// A public key where a private key was needed, or the other way round.
    #[error("this is {found}, but {expected} is needed here{hint}")]
    WrongKind {
        /// What the caller needs.
        expected: KeyKind,
        /// What the text holds.
        found: KeyKind,
        /// Which key goes where (starts with "; ").
        hint: &'static str,
    },
    /// The key is for an algorithm MAPI does not sign with.
    #[error("unsupported key algorithm {name} (OID {oid}): MAPI signs with RSA or DSA keys")]
    UnsupportedAlgorithm {
        /// The algorithm's object identifier.
        oid: String,
        /// Its common name, when known.
        name: &'static str,
    },
    /// An RSA key whose modulus is too small or too large.
    #[error(
        "{bits}-bit RSA key: supported sizes are 1024 to 8192 bits (Alipay issues 1024 and 2048)"
    )]
    RsaKeySize {
        /// The modulus size in bits.
        bits: usize,
    },
    /// The key's structure is invalid.
    #[error("invalid {format}: {reason}")]
    Invalid {
        /// The format the bytes were read as, e.g. "PKCS#8 private key".
        format: &'static str,
        /// What was wrong (an ASN.1 position or a mathematical check, never key bytes).
        reason: String,
    },
    /// The key does not fit the sign type: a DSA key for `RSA`/`RSA2`, an RSA key for `DSA`.
    #[error("{sign_type} needs {}, but this is {} key", needed(*sign_type), with_article(*found))]
    AlgorithmMismatch {
        /// The sign type the key was given for.
        sign_type: SignType,
        /// The key's algorithm.
        found: KeyAlgorithm,
    },
    /// The crypto backend rejected a key that parsed.
    #[error("the crypto backend rejected the {algorithm} key: {reason}")]
    Rejected {
        /// The key's algorithm.
        algorithm: KeyAlgorithm,
        /// The backend's reason.
        reason: &'static str,
    },
}

fn with_article(algorithm: KeyAlgorithm) -> &'static str {
    match algorithm {
        KeyAlgorithm::Rsa => "an RSA",
        KeyAlgorithm::Dsa => "a DSA",
    }
}

fn needed(sign_type: SignType) -> &'static str {
    match sign_type {
        SignType::Md5 => "the partner's MD5 key (an Md5Key)",
        SignType::Rsa | SignType::Rsa2 => "an RSA key",
        SignType::Dsa => "a DSA key",
    }
}

/// Signing failed. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The MD5 key is empty: every signature would be forgeable.
    #[error("the MD5 key is empty: configure the partner's MD5 key")]
    EmptyMd5Key,
    /// The crypto backend failed (out of memory, or a key it cannot use).
    #[error("{sign_type} signing failed in the crypto backend: {reason}")]
    Backend {
        /// The sign type.
        sign_type: SignType,
        /// The backend's reason.
        reason: &'static str,
    },
}

/// A signature was not accepted. Callers that hold the signed string should log it with this error
/// (it holds no secret) so an `ILLEGAL_SIGN` can be traced.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The message declares a different `sign_type` than this verifier is configured for. Accepting
    /// it would let anyone holding the other kind of key (or none, for a leaked MD5 key) forge it.
    #[error("sign_type {received:?} does not match the configured sign type {expected}")]
    SignTypeMismatch {
        /// The configured sign type.
        expected: SignType,
        /// The `sign_type` received (cut to 32 characters).
        received: String,
    },
    /// The signature is not even well-formed (bad base64, wrong length, not DER).
    #[error("malformed {sign_type} signature: {reason}")]
    Malformed {
        /// The sign type.
        sign_type: SignType,
        /// What was wrong.
        reason: String,
    },
    /// The signature is well-formed but does not match the data: wrong key, tampered data, or data
    /// that was signed differently (another charset, another parameter set).
    #[error(
        "{sign_type} signature does not match the signed data (wrong key, or the data differs)"
    )]
    Mismatch {
        /// The sign type.
        sign_type: SignType,
    },
    /// The configured MD5 key is empty; nothing is verified against it.
    #[error("the MD5 key is empty: configure the partner's MD5 key")]
    EmptyMd5Key,
}

impl VerifyError {
    pub(crate) fn malformed(sign_type: SignType, reason: impl Into<String>) -> Self {
        Self::Malformed {
            sign_type,
            reason: reason.into(),
        }
    }
}

impl KeyError {
    /// An ASN.1 error as a [`KeyError::Invalid`]. The `der` crate's messages name tags and byte
    /// positions, never content.
    pub(crate) fn invalid(format: &'static str, e: impl std::fmt::Display) -> Self {
        Self::Invalid {
            format,
            reason: e.to_string(),
        }
    }
}
