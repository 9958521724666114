//! Partner credentials, and the keys behind them: generated fresh (AWS-LC), parsed once.

use std::fmt;

use alipay_core::sign::{KeyAlgorithm, Md5Key, PrivateKey, PublicKey, Signer, Verifier};
use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;

use crate::SandboxError;

/// What a merchant needs to call the sandbox as one partner: the id, the MD5 key, an RSA key pair
/// (the merchant signs `RSA`/`RSA2` requests with the private key; the sandbox verifies with the
/// public one) and the sandbox's own "Alipay" public key (it verifies `RSA`/`RSA2` responses and
/// notifications).
///
/// `Debug` shows the partner id and the public keys' presence only: never the MD5 key or a private
/// key.
#[derive(Clone, PartialEq, Eq)]
pub struct PartnerCredentials {
    /// The partner id: 16 digits starting with `2088`.
    pub partner: String,
    /// The partner's MD5 key: 32 lower-case letters and digits.
    pub md5_key: String,
    /// The merchant's RSA 2048 private key, PEM PKCS#8 (`-----BEGIN PRIVATE KEY-----`).
    pub merchant_private_key_pem: String,
    /// The merchant's RSA public key, PEM SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`).
    pub merchant_public_key_pem: String,
    /// The sandbox's "Alipay" RSA public key (PEM SubjectPublicKeyInfo), the same for every
    /// partner of one sandbox: it verifies `RSA`/`RSA2` responses and notifications.
    pub alipay_public_key_pem: String,
}

impl fmt::Debug for PartnerCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PartnerCredentials")
            .field("partner", &self.partner)
            .field("md5_key", &"<redacted>")
            .field("merchant_private_key_pem", &"<redacted>")
            .field(
                "merchant_public_key_pem",
                &format_args!("<{} bytes>", self.merchant_public_key_pem.len()),
            )
            .field(
                "alipay_public_key_pem",
                &format_args!("<{} bytes>", self.alipay_public_key_pem.len()),
            )
            .finish()
    }
}

/// A PEM-encoded RSA key pair.
pub(crate) struct RsaPem {
    /// PKCS#8 `PRIVATE KEY`.
    pub(crate) private: String,
    /// SubjectPublicKeyInfo `PUBLIC KEY`.
    pub(crate) public: String,
}

/// Generates an RSA 2048 key pair with AWS-LC.
pub(crate) fn generate_rsa() -> Result<RsaPem, SandboxError> {
    let failed = |what: &str| SandboxError::Key(format!("cannot {what} an RSA 2048 key"));
    let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| failed("generate"))?;
    let private = pair.as_der().map_err(|_| failed("encode"))?;
    let public = pair.public_key().as_der().map_err(|_| failed("encode"))?;
    Ok(RsaPem {
        private: pem("PRIVATE KEY", private.as_ref()),
        public: pem("PUBLIC KEY", public.as_ref()),
    })
}

/// `-----BEGIN {label}-----`, the DER in standard base64 lines of 64 characters, `-----END …`.
fn pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        // Base64 output is ASCII.
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// `n` bytes from the system's secure generator.
pub(crate) fn secure_bytes<const N: usize>() -> Result<[u8; N], SandboxError> {
    let mut bytes = [0u8; N];
    aws_lc_rs::rand::fill(&mut bytes)
        .map_err(|_| SandboxError::Key("the system random generator failed".into()))?;
    Ok(bytes)
}

/// A fresh MD5 key: 32 characters from `[0-9a-z]`, from the secure generator.
pub(crate) fn random_md5_key() -> Result<String, SandboxError> {
    const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    // 252 = 7 × 36: bytes at or above it are skipped so that every character is equally likely.
    let mut key = String::with_capacity(32);
    while key.len() < 32 {
        for b in secure_bytes::<64>()? {
            if b < 252 && key.len() < 32 {
                key.push(char::from(ALPHABET[usize::from(b % 36)]));
            }
        }
    }
    Ok(key)
}

/// A fresh partner id: `2088` and 12 digits, from the secure generator.
pub(crate) fn random_partner_id() -> Result<String, SandboxError> {
    let mut id = String::from("2088");
    while id.len() < 16 {
        for b in secure_bytes::<32>()? {
            // 250 = 25 × 10: unbiased digits.
            if b < 250 && id.len() < 16 {
                id.push(char::from(b'0' + b % 10));
            }
        }
    }
    Ok(id)
}

/// The parsed keys of one partner: what verifies its requests and signs its MD5 answers.
pub(crate) struct PartnerKeys {
    /// Signs MD5 responses and notifications with the partner's key.
    pub(crate) md5_signer: Signer,
    pub(crate) md5: Verifier,
    pub(crate) rsa: Verifier,
    pub(crate) rsa2: Verifier,
    /// Present once a DSA public key is registered.
    pub(crate) dsa: Option<Verifier>,
}

impl PartnerKeys {
    /// Parses the credentials' keys (and a registered DSA public key).
    pub(crate) fn parse(
        credentials: &PartnerCredentials,
        dsa_public_key_pem: Option<&str>,
    ) -> Result<Self, SandboxError> {
        let key_error = |what: &str, e: alipay_core::sign::KeyError| {
            SandboxError::Key(format!("partner {}: {what}: {e}", credentials.partner))
        };
        if credentials.md5_key.is_empty() {
            return Err(SandboxError::Key(format!(
                "partner {}: the MD5 key is empty",
                credentials.partner
            )));
        }
        let md5_key = Md5Key::new(credentials.md5_key.clone());
        let public = PublicKey::parse(&credentials.merchant_public_key_pem)
            .map_err(|e| key_error("merchant public key", e))?;
        let rsa = Verifier::rsa(public.clone()).map_err(|e| key_error("merchant public key", e))?;
        let rsa2 = Verifier::rsa2(public).map_err(|e| key_error("merchant public key", e))?;
        let dsa = match dsa_public_key_pem {
            Some(pem) => Some(parse_dsa_public(pem).map_err(|e| key_error("DSA public key", e))?),
            None => None,
        };
        Ok(Self {
            md5_signer: Signer::md5(md5_key.clone()),
            md5: Verifier::md5(md5_key),
            rsa,
            rsa2,
            dsa,
        })
    }
}

/// A DSA public key, refused when it is another algorithm.
pub(crate) fn parse_dsa_public(pem: &str) -> Result<Verifier, alipay_core::sign::KeyError> {
    let key = PublicKey::parse(pem)?;
    Verifier::dsa(key)
}

/// The sandbox's own "Alipay" key: signs `RSA` and `RSA2` responses and notifications.
pub(crate) struct AlipayKey {
    pub(crate) private_pem: String,
    pub(crate) public_pem: String,
    pub(crate) rsa: Signer,
    pub(crate) rsa2: Signer,
}

impl AlipayKey {
    /// Parses the private key (PEM) and derives the public one.
    pub(crate) fn from_private_pem(private_pem: String) -> Result<Self, SandboxError> {
        let key = PrivateKey::parse(&private_pem)
            .map_err(|e| SandboxError::Key(format!("the sandbox's Alipay key: {e}")))?;
        if key.algorithm() != KeyAlgorithm::Rsa {
            return Err(SandboxError::Key(
                "the sandbox's Alipay key is not an RSA key".into(),
            ));
        }
        let public_pem = public_pem_of(&private_pem)?;
        let signer = |f: fn(PrivateKey) -> Result<Signer, _>| {
            f(key.clone())
                .map_err(|e: alipay_core::sign::KeyError| SandboxError::Key(e.to_string()))
        };
        Ok(Self {
            rsa: signer(Signer::rsa)?,
            rsa2: signer(Signer::rsa2)?,
            private_pem,
            public_pem,
        })
    }

    /// A freshly generated key.
    pub(crate) fn generate() -> Result<Self, SandboxError> {
        Self::from_private_pem(generate_rsa()?.private)
    }
}

/// The SubjectPublicKeyInfo PEM of a PKCS#8 RSA private key (PEM).
fn public_pem_of(private_pem: &str) -> Result<String, SandboxError> {
    let der = pem_body(private_pem)?;
    let pair = KeyPair::from_pkcs8(&der)
        .map_err(|e| SandboxError::Key(format!("not a PKCS#8 RSA private key: {e}")))?;
    let public = pair
        .public_key()
        .as_der()
        .map_err(|_| SandboxError::Key("cannot encode an RSA public key".into()))?;
    Ok(pem("PUBLIC KEY", public.as_ref()))
}

/// The DER inside a PEM block.
fn pem_body(text: &str) -> Result<Vec<u8>, SandboxError> {
    let b64: String = text
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .flat_map(|l| l.chars().filter(|c| !c.is_ascii_whitespace()))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|e| SandboxError::Key(format!("bad PEM: {e}")))
}

/// Generates a complete set of credentials for a new partner.
pub(crate) fn new_credentials(alipay: &AlipayKey) -> Result<PartnerCredentials, SandboxError> {
    let merchant = generate_rsa()?;
    Ok(PartnerCredentials {
        partner: random_partner_id()?,
        md5_key: random_md5_key()?,
        merchant_private_key_pem: merchant.private,
        merchant_public_key_pem: merchant.public,
        alipay_public_key_pem: alipay.public_pem.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_credentials_parse_and_debug_hides_secrets() {
        let alipay = AlipayKey::generate().unwrap();
        let c = new_credentials(&alipay).unwrap();
        assert_eq!(c.partner.len(), 16);
        assert!(c.partner.starts_with("2088"));
        assert!(c.partner.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(c.md5_key.len(), 32);
        assert!(
            c.merchant_private_key_pem
                .starts_with("-----BEGIN PRIVATE KEY-----\n")
        );
        assert!(
            c.merchant_public_key_pem
                .starts_with("-----BEGIN PUBLIC KEY-----\n")
        );
        let keys = PartnerKeys::parse(&c, None).unwrap();
        assert!(keys.dsa.is_none());
        let private = PrivateKey::parse(&c.merchant_private_key_pem).unwrap();
        assert_eq!(private.bits(), 2048);

        let debug = format!("{c:?}");
        assert!(debug.contains(&c.partner));
        assert!(!debug.contains(&c.md5_key));
        assert!(!debug.contains("PRIVATE"));
        assert!(!debug.contains(&c.merchant_private_key_pem[30..60]));
    }

    #[test]
    fn alipay_key_round_trips_through_its_pem() {
        let a = AlipayKey::generate().unwrap();
        let b = AlipayKey::from_private_pem(a.private_pem.clone()).unwrap();
        assert_eq!(a.public_pem, b.public_pem);
        let signed = a.rsa2.sign(b"x=1").unwrap();
        let verifier = Verifier::rsa2(PublicKey::parse(&b.public_pem).unwrap()).unwrap();
        verifier.verify(b"x=1", &signed).unwrap();
    }
}
