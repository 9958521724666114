//! The request charset (`_input_charset`): UTF-8 or GBK, encoded and decoded strictly.
//!
//! Signing hashes the bytes of the signing string *in the request charset*, so the charset rule lives
//! here and nowhere else. Encoding never substitutes: a character GBK cannot represent is a
//! [`CharsetError::Unencodable`], not a silent `&#NNNN;` (which would sign different bytes than the
//! merchant meant). Decoding never replaces: invalid bytes are a [`CharsetError::Undecodable`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use encoding_rs::{EncoderResult, GBK};

/// A charset the MAPI gateway accepts in `_input_charset`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Charset {
    /// `utf-8`.
    #[default]
    Utf8,
    /// `gbk` (also spelled `GBK` and `gb2312`; one table, GBK being a superset of GB2312).
    Gbk,
}

/// A charset failure: an unknown label, or text that cannot cross the charset boundary intact.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CharsetError {
    /// The label is not `utf-8`, `gbk` or `gb2312` (any case).
    #[error("unsupported charset {label:?}: use utf-8 or gbk")]
    Unknown {
        /// The label as given.
        label: String,
    },
    /// A character has no representation in the charset.
    #[error("character {ch:?} (U+{code:04X}) at byte {offset} cannot be encoded in {charset}", code = *ch as u32)]
    Unencodable {
        /// The target charset.
        charset: Charset,
        /// The character that has no mapping.
        ch: char,
        /// Its byte offset in the UTF-8 input.
        offset: usize,
    },
    /// The bytes are not valid in the charset.
    #[error("invalid {charset} byte sequence at byte {offset}")]
    Undecodable {
        /// The source charset.
        charset: Charset,
        /// Byte offset of the first invalid sequence (approximate for GBK: the start of the
        /// chunk the decoder rejected).
        offset: usize,
    },
}

impl Charset {
    /// Parses an `_input_charset` or XML `encoding` label: `utf-8`, `gbk`, `gb2312`, in any case.
    pub fn from_label(label: &str) -> Result<Self, CharsetError> {
        if label.eq_ignore_ascii_case("utf-8") {
            Ok(Self::Utf8)
        } else if label.eq_ignore_ascii_case("gbk") || label.eq_ignore_ascii_case("gb2312") {
            Ok(Self::Gbk)
        } else {
            Err(CharsetError::Unknown {
                label: label.to_owned(),
            })
        }
    }

    /// The label sent as `_input_charset`: `utf-8` or `gbk`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Gbk => "gbk",
        }
    }

    /// Encodes `text` into this charset's bytes; borrows when no conversion is needed.
    pub fn encode(self, text: &str) -> Result<Cow<'_, [u8]>, CharsetError> {
        match self {
            Self::Utf8 => Ok(Cow::Borrowed(text.as_bytes())),
            Self::Gbk if text.is_ascii() => Ok(Cow::Borrowed(text.as_bytes())),
            Self::Gbk => {
                let mut encoder = GBK.new_encoder();
                // GBK never needs more than 2 bytes per char, and each char is at least 1 UTF-8 byte.
                let mut out = Vec::with_capacity(text.len() * 2);
                let (result, _read) =
                    encoder.encode_from_utf8_to_vec_without_replacement(text, &mut out, true);
                match result {
                    EncoderResult::InputEmpty => Ok(Cow::Owned(out)),
                    EncoderResult::Unmappable(ch) => {
                        // `_read` includes the unmappable char; find its offset from the output side.
                        let offset = unmappable_offset(text, ch);
                        Err(CharsetError::Unencodable {
                            charset: self,
                            ch,
                            offset,
                        })
                    }
                    // The buffer is sized for the worst case, so the encoder never runs out of room.
                    EncoderResult::OutputFull => {
                        unreachable!("GBK output buffer sized for worst case")
                    }
                }
            }
        }
    }

    /// Decodes bytes in this charset into text; borrows when the bytes are already UTF-8/ASCII.
    pub fn decode(self, bytes: &[u8]) -> Result<Cow<'_, str>, CharsetError> {
        match self {
            Self::Utf8 => std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
                CharsetError::Undecodable {
                    charset: self,
                    offset: e.valid_up_to(),
                }
            }),
            Self::Gbk => {
                // encoding_rs decodes "GBK" as GB18030, which also has four-byte sequences (a lead
                // byte followed by a digit). GBK has none: refuse them rather than accept text
                // that could never be signed back in GBK.
                if let Some(offset) = gb18030_four_byte_offset(bytes) {
                    return Err(CharsetError::Undecodable {
                        charset: self,
                        offset,
                    });
                }
                GBK.decode_without_bom_handling_and_without_replacement(bytes)
                    .ok_or_else(|| CharsetError::Undecodable {
                        charset: self,
                        offset: first_bad_gbk_offset(bytes),
                    })
            }
        }
    }
}

/// The byte offset of the first occurrence of `ch` that GBK cannot map.
fn unmappable_offset(text: &str, ch: char) -> usize {
    text.char_indices()
        .find(|&(_, c)| c == ch)
        .map_or(0, |(i, _)| i)
}

/// The offset of the first GB18030 four-byte sequence (lead byte 0x81–0xFE, then 0x30–0x39), which
/// GBK does not have. Two-byte GBK sequences have a trail byte of 0x40 or above, so the walk stays
/// in step.
fn gb18030_four_byte_offset(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x81..=0xFE => {
                if matches!(bytes.get(i + 1), Some(0x30..=0x39)) {
                    return Some(i);
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    None
}

/// Finds where GBK decoding first fails (only called on the error path).
fn first_bad_gbk_offset(bytes: &[u8]) -> usize {
    let mut decoder = GBK.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Charset {
    type Err = CharsetError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_label(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Charset::from_label("UTF-8"), Ok(Charset::Utf8));
        assert_eq!(Charset::from_label("GBK"), Ok(Charset::Gbk));
        assert_eq!(Charset::from_label("gb2312"), Ok(Charset::Gbk));
        assert!(Charset::from_label("latin1").is_err());
        assert!(Charset::from_label("utf8 ").is_err());
    }

    #[test]
    fn gbk_known_bytes() {
        // python3 -c "print('二手围巾'.encode('gbk').hex())" -> b6fecad6cea7bded
        let bytes = Charset::Gbk.encode("二手围巾").unwrap();
        assert_eq!(bytes.as_ref(), b"\xb6\xfe\xca\xd6\xce\xa7\xbd\xed");
        assert_eq!(Charset::Gbk.decode(&bytes).unwrap(), "二手围巾");
    }

    #[test]
    fn gbk_refuses_unmappable() {
        // U+1F600 has no GBK mapping; encoding_rs's convenience `encode` would write "&#128512;".
        let err = Charset::Gbk.encode("ab😀").unwrap_err();
        assert_eq!(
            err,
            CharsetError::Unencodable {
                charset: Charset::Gbk,
                ch: '😀',
                offset: 2
            }
        );
    }

    #[test]
    fn gb18030_four_byte_sequences_are_not_gbk() {
        // python3 -c "print('\u0080'.encode('gb18030').hex(), '𠀀'.encode('gb18030').hex())"
        //   -> 81308130 95328236
        // Neither character exists in GBK; encoding_rs's GBK decoder (GB18030) would accept them.
        assert_eq!(
            Charset::Gbk.decode(b"ok\x81\x30\x81\x30"),
            Err(CharsetError::Undecodable {
                charset: Charset::Gbk,
                offset: 2
            })
        );
        assert!(Charset::Gbk.decode(b"\x95\x32\x82\x36").is_err());
        // Two-byte sequences whose trail byte is high are still fine: 申通 = c9ea cda8.
        assert_eq!(Charset::Gbk.decode(b"\xc9\xea\xcd\xa8").unwrap(), "申通");
    }

    #[test]
    fn strict_decoding() {
        assert!(Charset::Utf8.decode(b"ok\xff").is_err());
        // 0xB6 alone at the end is a truncated GBK pair.
        assert!(Charset::Gbk.decode(b"ok\xb6").is_err());
    }
}
