//! Gateway and service error codes. CONTRACT STUB: the error-code helper fills this in.

/// An error code returned in `<error>`; unknown codes are kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `ILLEGAL_SIGN`.
    IllegalSign,
    /// A code this crate does not know, kept verbatim.
    Unknown(String),
}

impl ErrorCode {
    /// Maps a wire code to its variant; never fails.
    pub fn from_code(code: &str) -> Self {
        match code {
            "ILLEGAL_SIGN" => Self::IllegalSign,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
