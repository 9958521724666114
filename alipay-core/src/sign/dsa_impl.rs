//! `DSA`: SHA1withDSA over the pure-Rust `dsa` crate, signatures as DER `SEQUENCE { r, s }`.
//!
//! Signing uses deterministic nonces (RFC 6979): no RNG can fail or repeat a nonce, and any
//! verifier (OpenSSL, Java) accepts the result, since the nonce is not part of the signature format.

use dsa::pkcs8::der::{
    self, Decode as _, DecodeValue, Encode as _, Header, Reader, Sequence, Tag, asn1::UintRef,
};
use dsa::signature::{DigestSigner as _, DigestVerifier as _};
use dsa::{BoxedUint, Components, SigningKey, VerifyingKey};
use sha1::{Digest as _, Sha1};

use super::{KeyError, SignError, SignType, VerifyError};

const TRADITIONAL: &str = "DSA PRIVATE KEY";

/// OpenSSL's traditional DSA private key: `SEQUENCE { version 0, p, q, g, y, x }`.
struct Traditional<'a> {
    p: UintRef<'a>,
    q: UintRef<'a>,
    g: UintRef<'a>,
    y: UintRef<'a>,
    x: UintRef<'a>,
}

impl<'a> DecodeValue<'a> for Traditional<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let version: u8 = reader.decode()?;
        if version != 0 {
            return Err(reader.error(Tag::Integer.value_error()));
        }
        Ok(Self {
            p: reader.decode()?,
            q: reader.decode()?,
            g: reader.decode()?,
            y: reader.decode()?,
            x: reader.decode()?,
        })
    }
}

impl<'a> Sequence<'a> for Traditional<'a> {}

/// DSA domain parameters: `Dss-Parms ::= SEQUENCE { p, q, g }`.
struct DssParms<'a> {
    p: UintRef<'a>,
    q: UintRef<'a>,
}

impl<'a> DecodeValue<'a> for DssParms<'a> {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let p = reader.decode()?;
        let q = reader.decode()?;
        let _g: UintRef<'a> = reader.decode()?;
        Ok(Self { p, q })
    }
}

impl<'a> Sequence<'a> for DssParms<'a> {}

/// The (p, q) sizes the `dsa` crate accepts.
const SUPPORTED_SIZES: &[(usize, usize)] = &[(1024, 160), (2048, 224), (2048, 256), (3072, 256)];

fn uint_bits(be: &[u8]) -> usize {
    match be.iter().position(|&b| b != 0) {
        Some(pos) => (be.len() - pos) * 8 - be[pos].leading_zeros() as usize,
        None => 0,
    }
}

/// An explanation when DSA parameters `p`, `q` have a size the `dsa` crate does not support.
fn size_error(format: &'static str, p: &[u8], q: &[u8]) -> Option<KeyError> {
    let sizes = (uint_bits(p), uint_bits(q));
    (!SUPPORTED_SIZES.contains(&sizes)).then(|| KeyError::Invalid {
        format,
        reason: format!(
            "DSA parameters of {}/{} bits (p/q) are not supported: use 1024/160 (what Alipay \
             issues), 2048/224, 2048/256 or 3072/256; note that OpenSSL 3's \
             `openssl dsaparam -genkey 1024` makes 1024/224 keys",
            sizes.0, sizes.1
        ),
    })
}

/// When the `dsa` crate rejected a PKCS#8 or SubjectPublicKeyInfo DSA key, the better explanation
/// if its parameters have an unsupported size.
pub(crate) fn explain_rejected(
    format: &'static str,
    parameters: Option<der::AnyRef<'_>>,
) -> Option<KeyError> {
    let params = parameters?.decode_as::<DssParms<'_>>().ok()?;
    size_error(format, params.p.as_bytes(), params.q.as_bytes())
}

/// True when `der` has the shape of a traditional DSA private key.
pub(crate) fn is_traditional(der: &[u8]) -> bool {
    Traditional::from_der(der).is_ok()
}

/// Reads a traditional (`DSA PRIVATE KEY`) key; returns it with its size in bits.
pub(crate) fn signing_key_from_traditional(der: &[u8]) -> Result<(SigningKey, usize), KeyError> {
    let t = Traditional::from_der(der).map_err(|e| {
        KeyError::invalid(
            TRADITIONAL,
            format_args!(
                "{e}; if openssl can read it, convert it with \
                 `openssl pkey -in key.pem -out pkcs8.pem` and use the PKCS#8 form"
            ),
        )
    })?;
    if let Some(e) = size_error(TRADITIONAL, t.p.as_bytes(), t.q.as_bytes()) {
        return Err(e);
    }
    let bad = |reason: &str| KeyError::Invalid {
        format: TRADITIONAL,
        reason: reason.to_owned(),
    };
    let components = Components::from_components(
        BoxedUint::from_be_slice_vartime(t.p.as_bytes()),
        BoxedUint::from_be_slice_vartime(t.q.as_bytes()),
        BoxedUint::from_be_slice_vartime(t.g.as_bytes()),
    )
    .map_err(|_| {
        bad(
            "the parameters p, q, g are invalid or not of a supported size \
             (1024/160, 2048/224, 2048/256, 3072/256 bits)",
        )
    })?;
    let precision = components.p().bits_precision();
    let y = BoxedUint::from_be_slice(t.y.as_bytes(), precision)
        .map_err(|_| bad("the public value y is larger than p"))?;
    let x = BoxedUint::from_be_slice(t.x.as_bytes(), precision)
        .map_err(|_| bad("the private value x is larger than p"))?;
    let verifying_key = VerifyingKey::from_components(components, y)
        .map_err(|_| bad("the public value y is not in the group"))?;
    let key = SigningKey::from_components(verifying_key, x)
        .map_err(|_| bad("the private value x is zero or not below q"))?;

    // The file carries y next to x; a y that does not belong to x would make every signature fail
    // at the other end, so prove the pair once here.
    let probe = b"alipay-core: DSA key pair check";
    let consistent = sign(&key, probe)
        .ok()
        .is_some_and(|sig| verify(key.verifying_key(), probe, &sig).is_ok());
    if !consistent {
        return Err(bad(
            "the public value y does not belong to the private value x",
        ));
    }
    let bits = bits(key.verifying_key());
    Ok((key, bits))
}

/// Size of the prime `p` in bits.
pub(crate) fn bits(key: &VerifyingKey) -> usize {
    // `bits_precision - leading_zeros`: what `bits` computed, spelled with the calls that are not
    // deprecated in any crypto-bigint 0.7 (`bits` is since 0.7.11, and `bit_width` is new there).
    let p = key.components().p();
    (p.bits_precision() - p.leading_zeros()) as usize
}

/// SHA1withDSA; returns the DER signature.
pub(crate) fn sign(key: &SigningKey, data: &[u8]) -> Result<Vec<u8>, SignError> {
    let backend = |reason| SignError::Backend {
        sign_type: SignType::Dsa,
        reason,
    };
    let signature: dsa::Signature = key
        .try_sign_digest(|digest: &mut Sha1| {
            digest.update(data);
            Ok(())
        })
        .map_err(|_| backend("the DSA signature computation failed"))?;
    signature
        .to_der()
        .map_err(|_| backend("the DSA signature could not be DER-encoded"))
}

/// Checks a DER signature.
pub(crate) fn verify(key: &VerifyingKey, data: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
    let signature = dsa::Signature::from_der(signature).map_err(|e| {
        VerifyError::malformed(
            SignType::Dsa,
            format!("not a DER SEQUENCE of two positive INTEGERs ({e})"),
        )
    })?;
    key.verify_digest(
        |digest: &mut Sha1| {
            digest.update(data);
            Ok(())
        },
        &signature,
    )
    .map_err(|_| VerifyError::Mismatch {
        sign_type: SignType::Dsa,
    })
}
