//! The client's configuration, checked once when it is built.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;

use super::retry::RetryPolicy;
use alipay_core::charset::Charset;
use alipay_core::notify::NotifyLimits;
use alipay_core::sign::{Md5Key, SignType, Signer, Verifier};
use alipay_core::types::Partner;

/// What to do with the signature of a response (`<sign>` in the envelope).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignaturePolicy {
    /// Every successful response with a payload must be signed and verify; an unsigned one is a
    /// bad response. A service declared without a payload (`response = ()`, e.g. `close_trade`)
    /// is answered with a bare `<is_success>T</is_success>`, which carries nothing to sign (the
    /// signature covers the payload): it is accepted unsigned, and a signature it does carry is
    /// still verified.
    Require,
    /// Verify `<sign>` when the response has one; accept unsigned responses (the default: most
    /// MAPI services do not sign their responses).
    #[default]
    VerifyIfPresent,
    /// Never look at `<sign>`.
    Off,
}

/// Why a configuration was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The gateway is not an absolute URL.
    #[error("gateway {url:?} is not a valid URL: {reason}")]
    GatewayUrl {
        /// The URL given.
        url: String,
        /// The parser's reason.
        reason: String,
    },
    /// The gateway is plain `http` on a host that is not loopback.
    #[error(
        "gateway {url:?} is not HTTPS: only a loopback host (127.0.0.1, ::1, localhost) may use plain http"
    )]
    InsecureGateway {
        /// The URL given.
        url: String,
    },
    /// The gateway URL carries something a gateway URL cannot (credentials, a query, a fragment).
    #[error("gateway {url:?} must not carry {what}")]
    GatewayParts {
        /// The URL given.
        url: String,
        /// What it carries.
        what: &'static str,
    },
    /// No verifier for response and notification signatures, while the policy needs one.
    #[error(
        "no key to verify Alipay's signatures with: set alipay_public_key (RSA, RSA2, DSA) or use SignaturePolicy::Off"
    )]
    MissingVerifier,
    /// Alipay's public key does not suit the signer's sign type (e.g. a DSA key for RSA2).
    #[error("alipay_public_key: {0}")]
    PublicKey(String),
    /// The verifier's sign type differs from the signer's.
    #[error("the verifier is for {verifier} but requests are signed with {signer}")]
    SignTypeMismatch {
        /// The signer's sign type.
        signer: SignType,
        /// The verifier's sign type.
        verifier: SignType,
    },
    /// A zero duration or count where a positive one is needed.
    #[error("{what} must be greater than zero")]
    Zero {
        /// The setting.
        what: &'static str,
    },
    /// The HTTP client could not be built (the TLS backend failed to initialise).
    #[error("cannot build the HTTP client: {0}")]
    Http(String),
}

/// A checked gateway URL: HTTPS, or plain http on a loopback host.
#[derive(Clone, PartialEq, Eq)]
pub struct Gateway(Url);

impl Gateway {
    /// Checks `url`: absolute, `https` (or `http` on `localhost`, `127.0.0.0/8` or `::1`), without
    /// credentials, query or fragment. The host is kept as a name: it is resolved per connection.
    pub fn parse(url: &str) -> Result<Self, ConfigError> {
        let parsed = Url::parse(url).map_err(|e| ConfigError::GatewayUrl {
            url: url.to_owned(),
            reason: e.to_string(),
        })?;
        let parts = |what| ConfigError::GatewayParts {
            url: url.to_owned(),
            what,
        };
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(parts("credentials"));
        }
        if parsed.query().is_some() {
            return Err(parts("a query string"));
        }
        if parsed.fragment().is_some() {
            return Err(parts("a fragment"));
        }
        match parsed.scheme() {
            "https" if parsed.host_str().is_some() => Ok(Self(parsed)),
            "http" if is_loopback(&parsed) => Ok(Self(parsed)),
            "http" => Err(ConfigError::InsecureGateway {
                url: url.to_owned(),
            }),
            other => Err(ConfigError::GatewayUrl {
                url: url.to_owned(),
                reason: format!("scheme {other:?} is not https"),
            }),
        }
    }

    /// The URL as text, e.g. `https://mapi.alipay.com/gateway.do`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Whether this is a plain-http loopback gateway (a sandbox).
    pub fn is_loopback_http(&self) -> bool {
        self.0.scheme() == "http"
    }
}

impl fmt::Debug for Gateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Gateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Everything a [`Client`](super::Client) needs, checked once by [`ConfigBuilder::build`].
///
/// `Debug` shows no key material (the signer and verifier print their kind only).
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) partner: Partner,
    pub(crate) signer: Signer,
    pub(crate) verifier: Option<Verifier>,
    pub(crate) gateway: Gateway,
    pub(crate) charset: Charset,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) retry: RetryPolicy,
    pub(crate) signature_policy: SignaturePolicy,
    pub(crate) notify_limits: NotifyLimits,
}

impl Config {
    /// A configuration for an MD5 merchant: the key signs requests and verifies responses and
    /// notifications.
    pub fn md5(partner: Partner, key: Md5Key) -> ConfigBuilder {
        let verifier = Verifier::md5(key.clone());
        ConfigBuilder::new(partner, Signer::md5(key)).verifier(verifier)
    }

    /// A configuration signing with `signer` (RSA, RSA2 or DSA with the merchant's private key, or
    /// MD5). Set Alipay's public key with [`ConfigBuilder::alipay_public_key`] or
    /// [`ConfigBuilder::verifier`].
    pub fn builder(partner: Partner, signer: Signer) -> ConfigBuilder {
        ConfigBuilder::new(partner, signer)
    }

    /// The partner id.
    pub fn partner(&self) -> &Partner {
        &self.partner
    }

    /// The request signer.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The verifier of Alipay's signatures, if any.
    pub fn verifier(&self) -> Option<&Verifier> {
        self.verifier.as_ref()
    }

    /// The gateway.
    pub fn gateway(&self) -> &Gateway {
        &self.gateway
    }

    /// The request charset (`_input_charset`).
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// The retry policy.
    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The response-signature policy.
    pub fn signature_policy(&self) -> SignaturePolicy {
        self.signature_policy
    }

    /// The limits applied to notification bodies.
    pub fn notify_limits(&self) -> &NotifyLimits {
        &self.notify_limits
    }
}

/// Builds a [`Config`]; every setting but the partner and signer has a default.
#[derive(Clone, Debug)]
#[must_use]
pub struct ConfigBuilder {
    partner: Partner,
    signer: Signer,
    verifier: Option<Verifier>,
    public_key: Option<alipay_core::sign::PublicKey>,
    gateway: String,
    charset: Charset,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    signature_policy: SignaturePolicy,
    notify_limits: NotifyLimits,
}

impl ConfigBuilder {
    fn new(partner: Partner, signer: Signer) -> Self {
        Self {
            partner,
            signer,
            verifier: None,
            public_key: None,
            gateway: alipay_core::GATEWAY.to_owned(),
            charset: Charset::Utf8,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            max_response_bytes: 1 << 20,
            retry: RetryPolicy::default(),
            signature_policy: SignaturePolicy::default(),
            notify_limits: NotifyLimits::DEFAULT,
        }
    }

    /// Alipay's public key, to verify response and notification signatures of the signer's sign
    /// type (RSA, RSA2 or DSA).
    pub fn alipay_public_key(mut self, key: alipay_core::sign::PublicKey) -> Self {
        self.public_key = Some(key);
        self
    }

    /// The verifier of Alipay's signatures (instead of [`alipay_public_key`](Self::alipay_public_key)).
    pub fn verifier(mut self, verifier: Verifier) -> Self {
        self.verifier = Some(verifier);
        self
    }

    /// The gateway URL (default [`GATEWAY`](alipay_core::GATEWAY)). Checked by [`build`](Self::build):
    /// HTTPS, or plain http on a loopback host only.
    pub fn gateway(mut self, url: impl Into<String>) -> Self {
        self.gateway = url.into();
        self
    }

    /// The request charset (default UTF-8).
    pub fn charset(mut self, charset: Charset) -> Self {
        self.charset = charset;
        self
    }

    /// The time allowed to connect (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The time allowed for one attempt, from sending to the last byte of the response
    /// (default 15 s). The retry policy's deadline bounds the whole call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body read, in bytes (default 1 MiB). A larger body is refused as soon
    /// as its `Content-Length` or the bytes read so far exceed it.
    pub fn max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// What to do with response signatures (default [`SignaturePolicy::VerifyIfPresent`]).
    pub fn signature_policy(mut self, policy: SignaturePolicy) -> Self {
        self.signature_policy = policy;
        self
    }

    /// Limits on notification bodies (default [`NotifyLimits::DEFAULT`]).
    pub fn notify_limits(mut self, limits: NotifyLimits) -> Self {
        self.notify_limits = limits;
        self
    }

    /// Checks every setting.
    pub fn build(self) -> Result<Config, ConfigError> {
        let gateway = Gateway::parse(&self.gateway)?;
        let signer_type = self.signer.sign_type();
        let verifier = match (self.verifier, self.public_key) {
            (Some(v), _) => Some(v),
            (None, Some(key)) => Some(
                Verifier::new(signer_type, key)
                    .map_err(|e| ConfigError::PublicKey(e.to_string()))?,
            ),
            (None, None) => None,
        };
        match &verifier {
            Some(v) if v.sign_type() != signer_type => {
                return Err(ConfigError::SignTypeMismatch {
                    signer: signer_type,
                    verifier: v.sign_type(),
                });
            }
            None if self.signature_policy != SignaturePolicy::Off => {
                return Err(ConfigError::MissingVerifier);
            }
            _ => {}
        }
        for (what, zero) in [
            ("connect_timeout", self.connect_timeout.is_zero()),
            ("timeout", self.timeout.is_zero()),
            ("max_response_bytes", self.max_response_bytes == 0),
            ("retry.max_attempts", self.retry.max_attempts == 0),
        ] {
            if zero {
                return Err(ConfigError::Zero { what });
            }
        }
        Ok(Config {
            partner: self.partner,
            signer: self.signer,
            verifier,
            gateway,
            charset: self.charset,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            max_response_bytes: self.max_response_bytes,
            retry: self.retry,
            signature_policy: self.signature_policy,
            notify_limits: self.notify_limits,
        })
    }
}
