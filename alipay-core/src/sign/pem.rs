//! Key text to DER: a PEM block (any line endings, headers checked for encryption), or one-line
//! base64 without headers. Every intermediate copy of the key is zeroized on drop.

use base64::Engine as _;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};
use zeroize::Zeroizing;

use super::KeyError;

/// Key text is copied from consoles and e-mails: accept it with or without `=` padding.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// PEM blocks that may sit next to a key (e.g. `openssl dsaparam -genkey` writes the parameters
/// first) and are skipped.
const SKIPPED_LABELS: &[&str] = &["DSA PARAMETERS", "EC PARAMETERS"];

/// The DER bytes of a key and, for PEM, the label that says what they are.
pub(crate) struct Decoded {
    /// The PEM label (`PRIVATE KEY`, `RSA PUBLIC KEY`, ...), `None` for bare base64.
    pub(crate) label: Option<String>,
    /// The DER bytes.
    pub(crate) der: Zeroizing<Vec<u8>>,
}

/// Decodes key text: the one PEM key block it holds, or bare base64 (line breaks allowed).
pub(crate) fn decode(text: &str) -> Result<Decoded, KeyError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.is_empty() {
        return Err(KeyError::Empty);
    }
    let decoded = if text.contains("-----BEGIN ") {
        decode_pem(text)?
    } else {
        Decoded {
            label: None,
            der: decode_base64(text)?,
        }
    };
    if decoded.der.is_empty() {
        return Err(KeyError::Empty);
    }
    Ok(decoded)
}

fn decode_pem(text: &str) -> Result<Decoded, KeyError> {
    let mut found: Option<Decoded> = None;
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + "-----BEGIN ".len()..];
        let label_end = after.find("-----").ok_or(KeyError::MalformedPem {
            reason: "the -----BEGIN line does not end with -----",
        })?;
        let label = &after[..label_end];
        if label.contains(['\n', '\r']) {
            return Err(KeyError::MalformedPem {
                reason: "the -----BEGIN line does not end with -----",
            });
        }
        let body_and_more = &after[label_end + "-----".len()..];
        let end_marker = format!("-----END {label}-----");
        let body_end = body_and_more
            .find(&end_marker)
            .ok_or(KeyError::MalformedPem {
                reason: "no -----END line matching the -----BEGIN line (was the key cut off?)",
            })?;
        let body = &body_and_more[..body_end];
        rest = &body_and_more[body_end + end_marker.len()..];

        if SKIPPED_LABELS.contains(&label) {
            continue;
        }
        if label == "ENCRYPTED PRIVATE KEY" {
            return Err(KeyError::Encrypted);
        }
        if found.is_some() {
            return Err(KeyError::MalformedPem {
                reason: "the text holds more than one key; configure exactly one",
            });
        }
        found = Some(Decoded {
            label: Some(label.to_owned()),
            der: decode_pem_body(body)?,
        });
    }
    found.ok_or(KeyError::MalformedPem {
        reason: "no key block, only parameters",
    })
}

/// The base64 body of a PEM block. RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`)
/// mark an OpenSSL password-protected key.
fn decode_pem_body(body: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let mut b64 = Zeroizing::new(String::with_capacity(body.len()));
    for line in body.lines() {
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED") {
                return Err(KeyError::Encrypted);
            }
            continue;
        }
        b64.extend(line.chars().filter(|c| !c.is_whitespace()));
    }
    if b64.is_empty() {
        return Err(KeyError::MalformedPem {
            reason: "the PEM block has no body",
        });
    }
    LENIENT
        .decode(b64.as_bytes())
        .map(Zeroizing::new)
        .map_err(|e| KeyError::MalformedPem {
            reason: match e {
                base64::DecodeError::InvalidByte(..) => "the PEM body has a non-base64 character",
                _ => "the PEM body is not valid base64 (was a line lost?)",
            },
        })
}

/// Bare base64 DER; whitespace anywhere (wrapped lines, CRLF) is ignored.
fn decode_base64(text: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let b64: Zeroizing<String> =
        Zeroizing::new(text.chars().filter(|c| !c.is_whitespace()).collect());
    LENIENT
        .decode(b64.as_bytes())
        .map(Zeroizing::new)
        .map_err(|e| KeyError::NotPemOrBase64 {
            // Positions only: the characters themselves may be key material.
            reason: match e {
                base64::DecodeError::InvalidByte(offset, _) => {
                    format!("character {} is not base64", offset + 1)
                }
                base64::DecodeError::InvalidLength(len) => {
                    format!("{len} base64 characters cannot encode whole bytes")
                }
                base64::DecodeError::InvalidLastSymbol { offset, .. } => {
                    format!(
                        "the last character (position {}) is not canonical base64",
                        offset + 1
                    )
                }
                base64::DecodeError::InvalidPadding => "invalid = padding".to_owned(),
            },
        })
}

/// Standard base64 (with padding), the encoding of `RSA`, `RSA2` and `DSA` signatures.
pub(crate) const STANDARD: GeneralPurpose = general_purpose::STANDARD;
