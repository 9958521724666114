//! `MD5`: lowercase hex of md5(signed bytes ++ partner key), compared in constant time.

use subtle::ConstantTimeEq as _;

use super::{Md5Key, SignError, SignType, VerifyError};

/// md5(data ++ key) with AWS-LC's MD5, already linked for RSA: on x86_64 it is assembly.
/// `cargo bench -p alipay-core --bench sign -- sign_md5` (a 250-byte string, 2026-12-05): 564 ns
/// with the `md-5` crate, 438 ns with this.
#[cfg(feature = "aws-lc")]
fn digest(key: &Md5Key, data: &[u8]) -> [u8; 16] {
    use aws_lc_sys as ffi;
    let mut ctx = std::mem::MaybeUninit::<ffi::MD5_CTX>::uninit();
    let mut out = [0u8; 16];
    let key = key.bytes();
    // SAFETY: MD5_Init initialises the whole context before the other calls use it; each
    // MD5_Update reads exactly `len` bytes of a live slice; MD5_Final writes the 16-byte digest
    // into `out`. The context lives on this stack frame only. The three functions always return 1
    // (they cannot fail), so their results are not checked.
    unsafe {
        ffi::MD5_Init(ctx.as_mut_ptr());
        ffi::MD5_Update(ctx.as_mut_ptr(), data.as_ptr().cast(), data.len());
        ffi::MD5_Update(ctx.as_mut_ptr(), key.as_ptr().cast(), key.len());
        ffi::MD5_Final(out.as_mut_ptr(), ctx.as_mut_ptr());
    }
    out
}

/// md5(data ++ key) with the pure-Rust `md-5` crate (builds without the `aws-lc` feature).
#[cfg(not(feature = "aws-lc"))]
fn digest(key: &Md5Key, data: &[u8]) -> [u8; 16] {
    use md5::{Digest as _, Md5};
    let mut md5 = Md5::new();
    md5.update(data);
    md5.update(key.bytes());
    md5.finalize().into()
}

/// The `sign` value: 32 lowercase hex digits.
pub(crate) fn sign(key: &Md5Key, data: &[u8]) -> Result<String, SignError> {
    if key.is_empty() {
        return Err(SignError::EmptyMd5Key);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for b in digest(key, data) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    Ok(out)
}

/// Checks a received `sign` (already trimmed). Upper-case hex is accepted: it is the same digest.
pub(crate) fn verify(key: &Md5Key, data: &[u8], signature: &str) -> Result<(), VerifyError> {
    if key.is_empty() {
        return Err(VerifyError::EmptyMd5Key);
    }
    let received = decode_hex(signature)?;
    let expected = digest(key, data);
    if bool::from(expected.ct_eq(&received)) {
        Ok(())
    } else {
        Err(VerifyError::Mismatch {
            sign_type: SignType::Md5,
        })
    }
}

fn decode_hex(signature: &str) -> Result<[u8; 16], VerifyError> {
    let bytes = signature.as_bytes();
    if bytes.len() != 32 {
        return Err(VerifyError::malformed(
            SignType::Md5,
            format!(
                "expected 32 hex digits, got {} characters",
                signature.chars().count()
            ),
        ));
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let mut out = [0u8; 16];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(hi), Some(lo)) => out[i] = hi << 4 | lo,
            _ => {
                return Err(VerifyError::malformed(
                    SignType::Md5,
                    "not hexadecimal (is this an RSA or DSA signature?)",
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    /// SECURITY.md's claim: the received and expected digests are compared with
    /// `subtle::ConstantTimeEq`, never with `==` (which stops at the first differing byte). The
    /// timing itself is measured by `cargo bench -p alipay-core --bench sign -- verify_md5_mismatch`.
    #[test]
    fn the_digest_comparison_goes_through_subtle() {
        let source = include_str!("md5_impl.rs");
        let verify = source
            .split("pub(crate) fn verify(")
            .nth(1)
            .and_then(|rest| rest.split("\nfn ").next())
            .unwrap_or_default();
        assert!(verify.contains("expected.ct_eq(&received)"), "{verify}");
        for early_exit in ["==", "!=", ".eq(", "starts_with", "memcmp"] {
            assert!(!verify.contains(early_exit), "{early_exit} in {verify}");
        }
    }
}
