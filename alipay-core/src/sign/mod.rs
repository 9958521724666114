//! Signing and verification: `MD5`, `RSA` (SHA1withRSA), `RSA2` (SHA256withRSA), `DSA` (SHA1withDSA).
//! CONTRACT STUB: the sign helper replaces the bodies; keep the public signatures.

use std::fmt;

/// The `sign_type` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignType {
    /// `MD5`: lowercase hex md5 of the signing string followed by the partner key.
    Md5,
    /// `RSA`: SHA1withRSA, PKCS#1 v1.5, standard base64.
    Rsa,
    /// `RSA2`: SHA256withRSA, PKCS#1 v1.5, standard base64.
    Rsa2,
    /// `DSA`: SHA1withDSA, DER `SEQUENCE { r, s }`, standard base64.
    Dsa,
}

impl SignType {
    /// The wire spelling: `MD5`, `RSA`, `RSA2`, `DSA`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Rsa => "RSA",
            Self::Rsa2 => "RSA2",
            Self::Dsa => "DSA",
        }
    }
}

impl fmt::Display for SignType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
