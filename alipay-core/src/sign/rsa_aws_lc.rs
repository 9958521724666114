//! RSA over AWS-LC (feature `aws-lc`): constant-time, OpenSSL-speed RSA.
//!
//! Verification goes through `aws-lc-rs` (its `*_1024_8192_*_FOR_LEGACY_USE_ONLY` parameters accept
//! the 1024-bit keys Alipay still issues). Signing goes through a small wrapper over AWS-LC's C API
//! (`aws-lc-sys`), because `aws-lc-rs` cannot sign with SHA-1 (`RSA`) and refuses private keys
//! below 2048 bits; the same wrapper signs `RSA2`, so both sign types take one code path.

use std::ptr::{self, NonNull};
use std::sync::Arc;

use aws_lc_rs::signature::{
    ParsedPublicKey, RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
    RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY, RsaParameters,
};
use aws_lc_sys as ffi;

use super::{KeyAlgorithm, KeyError};

/// The digest of a PKCS#1 v1.5 signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RsaHash {
    /// `RSA`.
    Sha1,
    /// `RSA2`.
    Sha256,
}

/// An AWS-LC `EVP_PKEY` holding an RSA private key; freed on drop.
struct OwnedPkey(NonNull<ffi::EVP_PKEY>);

// SAFETY: AWS-LC documents (evp.h, rsa.h) that an `EVP_PKEY`/`RSA` "may be used concurrently on
// multiple threads by non-mutating functions", and that `EVP_DigestSignInit` (and the signing
// functions) are non-mutating for thread-safety purposes: the lazily built Montgomery and blinding
// state of an RSA key is guarded by the key's own lock. After construction we only ever call those
// functions (and `EVP_PKEY_free`, once, from `Drop`), so the pointer may move to and be shared
// between threads. `aws-lc-rs` relies on the same guarantee for its `Send + Sync` `RsaKeyPair`.
unsafe impl Send for OwnedPkey {}
// SAFETY: see `Send` above.
unsafe impl Sync for OwnedPkey {}

impl Drop for OwnedPkey {
    fn drop(&mut self) {
        // SAFETY: `self.0` came from `EVP_PKEY_new`, we own its only reference, and it is freed once.
        unsafe { ffi::EVP_PKEY_free(self.0.as_ptr()) }
    }
}

/// Clears AWS-LC's thread-local error queue after a failed call, so a stale error cannot be
/// reported by an unrelated later call on this thread.
fn clear_errors() {
    // SAFETY: no arguments; only touches this thread's error queue.
    unsafe { ffi::ERR_clear_error() }
}

/// An RSA private key in AWS-LC.
#[derive(Clone)]
pub(crate) struct RsaPrivate {
    key: Arc<OwnedPkey>,
    /// The signature length: the modulus size in bytes.
    len: usize,
}

impl RsaPrivate {
    /// Parses a PKCS#1 `RSAPrivateKey` (already checked structurally). AWS-LC also checks the key
    /// mathematically (`RSA_check_key`).
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        let rejected = |reason| KeyError::Rejected {
            algorithm: KeyAlgorithm::Rsa,
            reason,
        };
        // SAFETY: `der` is a live slice of `der.len()` bytes for the duration of the call; AWS-LC
        // copies what it needs and returns a new `RSA` (owned by us) or null.
        let rsa = unsafe { ffi::RSA_private_key_from_bytes(der.as_ptr(), der.len()) };
        if rsa.is_null() {
            clear_errors();
            return Err(rejected(
                "the RSA key is inconsistent (n, e, d, p, q do not match)",
            ));
        }
        // SAFETY: no arguments; returns a new, empty `EVP_PKEY` or null.
        let pkey = unsafe { ffi::EVP_PKEY_new() };
        let Some(pkey) = NonNull::new(pkey) else {
            // SAFETY: `rsa` is non-null, owned by us, and not used after this.
            unsafe { ffi::RSA_free(rsa) };
            clear_errors();
            return Err(rejected("out of memory"));
        };
        let pkey = OwnedPkey(pkey);
        // SAFETY: both pointers are valid and owned by us; on success the `EVP_PKEY` takes
        // ownership of `rsa` (freed with it), on failure it does not.
        if unsafe { ffi::EVP_PKEY_assign_RSA(pkey.0.as_ptr(), rsa) } != 1 {
            // SAFETY: assignment failed, so `rsa` is still ours alone.
            unsafe { ffi::RSA_free(rsa) };
            clear_errors();
            return Err(rejected("out of memory"));
        }
        // SAFETY: `pkey` is a valid `EVP_PKEY`; `EVP_PKEY_size` only reads it.
        let size = unsafe { ffi::EVP_PKEY_size(pkey.0.as_ptr()) };
        let len = usize::try_from(size)
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| rejected("the RSA key has no modulus"))?;
        Ok(Self {
            key: Arc::new(pkey),
            len,
        })
    }
}

/// Signs with one key and one digest.
#[derive(Clone)]
pub(crate) struct RsaSigner {
    key: RsaPrivate,
    hash: RsaHash,
}

impl RsaSigner {
    pub(crate) fn new(key: &RsaPrivate, hash: RsaHash) -> Self {
        Self {
            key: key.clone(),
            hash,
        }
    }

    /// RSASSA-PKCS1-v1_5 over `data`.
    pub(crate) fn sign(&self, data: &[u8]) -> Result<Vec<u8>, &'static str> {
        /// Frees the digest context on every path.
        struct Ctx(NonNull<ffi::EVP_MD_CTX>);
        impl Drop for Ctx {
            fn drop(&mut self) {
                // SAFETY: the context came from `EVP_MD_CTX_new` and is freed once.
                unsafe { ffi::EVP_MD_CTX_free(self.0.as_ptr()) }
            }
        }

        let md = match self.hash {
            // SAFETY: no arguments; returns a static digest description, never freed.
            RsaHash::Sha1 => unsafe { ffi::EVP_sha1() },
            // SAFETY: as above.
            RsaHash::Sha256 => unsafe { ffi::EVP_sha256() },
        };
        // SAFETY: no arguments; returns a new context or null.
        let ctx = NonNull::new(unsafe { ffi::EVP_MD_CTX_new() }).ok_or("out of memory")?;
        let ctx = Ctx(ctx);
        // SAFETY: `ctx` is a fresh context, `md` a valid digest, the key a valid RSA `EVP_PKEY`
        // (non-mutating use, see `OwnedPkey`); no `EVP_PKEY_CTX` out-pointer and no engine.
        // PKCS#1 v1.5 is the default padding of RSA keys.
        let ok = unsafe {
            ffi::EVP_DigestSignInit(
                ctx.0.as_ptr(),
                ptr::null_mut(),
                md,
                ptr::null_mut(),
                self.key.key.0.as_ptr(),
            )
        };
        if ok != 1 {
            clear_errors();
            return Err("EVP_DigestSignInit failed");
        }
        let mut out = vec![0u8; self.key.len];
        let mut out_len = out.len();
        // SAFETY: `out` has `out_len` writable bytes (the maximum signature size, `EVP_PKEY_size`);
        // `data` is a live slice of `data.len()` bytes; `ctx` was initialised for signing above.
        let ok = unsafe {
            ffi::EVP_DigestSign(
                ctx.0.as_ptr(),
                out.as_mut_ptr(),
                &mut out_len,
                data.as_ptr(),
                data.len(),
            )
        };
        if ok != 1 {
            clear_errors();
            return Err("EVP_DigestSign failed");
        }
        out.truncate(out_len);
        Ok(out)
    }
}

/// An RSA public key: its PKCS#1 `RSAPublicKey` DER, checked by AWS-LC.
#[derive(Clone)]
pub(crate) struct RsaPublic {
    der: Arc<[u8]>,
}

impl RsaPublic {
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        // Parse once to reject what AWS-LC would reject; the verifier parses again for its digest.
        ParsedPublicKey::new(&RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY, der).map_err(
            |_| KeyError::Rejected {
                algorithm: KeyAlgorithm::Rsa,
                reason: "invalid RSA public key",
            },
        )?;
        Ok(Self { der: der.into() })
    }
}

/// Verifies with one key and one digest.
#[derive(Clone)]
pub(crate) struct RsaVerifier(ParsedPublicKey);

impl RsaVerifier {
    pub(crate) fn new(key: &RsaPublic, hash: RsaHash) -> Result<Self, KeyError> {
        let params: &'static RsaParameters = match hash {
            RsaHash::Sha1 => &RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
            RsaHash::Sha256 => &RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        };
        ParsedPublicKey::new(params, &key.der)
            .map(Self)
            .map_err(|_| KeyError::Rejected {
                algorithm: KeyAlgorithm::Rsa,
                reason: "invalid RSA public key",
            })
    }

    /// True when `signature` is a valid RSASSA-PKCS1-v1_5 signature of `data`.
    pub(crate) fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        self.0.verify_sig(data, signature).is_ok()
    }
}
