//! Configuration from command-line flags and `ALIPAY_*` environment variables, shared by the
//! `alipay` command line and the examples.
//!
//! | setting | variable | meaning |
//! |---|---|---|
//! | gateway | `ALIPAY_GATEWAY` | gateway URL (default `https://mapi.alipay.com/gateway.do`) |
//! | partner | `ALIPAY_PARTNER` | the 16-digit partner id |
//! | sign type | `ALIPAY_SIGN_TYPE` | `MD5` (default), `RSA`, `RSA2` or `DSA` |
//! | key | `ALIPAY_KEY` | the MD5 key |
//! | private key | `ALIPAY_PRIVATE_KEY` | path of the merchant's private key file (RSA, RSA2, DSA) |
//! | public key | `ALIPAY_PUBLIC_KEY` | path of Alipay's public key file (RSA, RSA2, DSA) |
//! | charset | `ALIPAY_CHARSET` | `utf-8` (default) or `gbk` |
//!
//! A flag wins over its variable ([`Settings::or`]). Key material is read from files, never from
//! the command line, except the MD5 key.

use std::fmt;
use std::path::PathBuf;

use super::{Config, ConfigBuilder, ConfigError};
use alipay_core::charset::Charset;
use alipay_core::sign::{Md5Key, PrivateKey, PublicKey, SignType, Signer, Verifier};

/// `ALIPAY_GATEWAY`.
pub const ENV_GATEWAY: &str = "ALIPAY_GATEWAY";
/// `ALIPAY_PARTNER`.
pub const ENV_PARTNER: &str = "ALIPAY_PARTNER";
/// `ALIPAY_SIGN_TYPE`.
pub const ENV_SIGN_TYPE: &str = "ALIPAY_SIGN_TYPE";
/// `ALIPAY_KEY`.
pub const ENV_KEY: &str = "ALIPAY_KEY";
/// `ALIPAY_PRIVATE_KEY`.
pub const ENV_PRIVATE_KEY: &str = "ALIPAY_PRIVATE_KEY";
/// `ALIPAY_PUBLIC_KEY`.
pub const ENV_PUBLIC_KEY: &str = "ALIPAY_PUBLIC_KEY";
/// `ALIPAY_CHARSET`.
pub const ENV_CHARSET: &str = "ALIPAY_CHARSET";

/// Unchecked settings, each optional; [`Settings::config`] checks them. `Debug` hides the key.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The gateway URL.
    pub gateway: Option<String>,
    /// The partner id.
    pub partner: Option<String>,
    /// The sign type, as written (`MD5`, `RSA`, `RSA2`, `DSA`).
    pub sign_type: Option<String>,
    /// The MD5 key.
    pub key: Option<String>,
    /// The merchant's private key file.
    pub private_key: Option<PathBuf>,
    /// Alipay's public key file.
    pub public_key: Option<PathBuf>,
    /// The charset label.
    pub charset: Option<String>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("gateway", &self.gateway)
            .field("partner", &self.partner)
            .field("sign_type", &self.sign_type)
            .field("key", &self.key.as_ref().map(|_| "<secret>"))
            .field("private_key", &self.private_key)
            .field("public_key", &self.public_key)
            .field("charset", &self.charset)
            .finish()
    }
}

/// Why the settings do not make a configuration. Names the flag and the variable; never shows a
/// key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsError {
    /// A required setting is missing.
    #[error("missing {what}: pass {flag} or set {env}")]
    Missing {
        /// What it is.
        what: &'static str,
        /// The command-line flag.
        flag: &'static str,
        /// The environment variable.
        env: &'static str,
    },
    /// A setting's value is wrong.
    #[error("{env} / {flag}: {reason}")]
    Invalid {
        /// The command-line flag.
        flag: &'static str,
        /// The environment variable.
        env: &'static str,
        /// What is wrong (without the value, when it is a key).
        reason: String,
    },
    /// The assembled configuration was refused.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl Settings {
    /// The `ALIPAY_*` variables that are set and non-empty.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// The settings read through `lookup` (a variable name → its value), empty values ignored.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        Self {
            gateway: get(ENV_GATEWAY),
            partner: get(ENV_PARTNER),
            sign_type: get(ENV_SIGN_TYPE),
            key: get(ENV_KEY),
            private_key: get(ENV_PRIVATE_KEY).map(PathBuf::from),
            public_key: get(ENV_PUBLIC_KEY).map(PathBuf::from),
            charset: get(ENV_CHARSET),
        }
    }

    /// Each setting from `self`, or from `fallback` where `self` has none (flags, then the
    /// environment: `flags.or(Settings::from_env())`).
    #[must_use]
    pub fn or(self, fallback: Settings) -> Settings {
        Settings {
            gateway: self.gateway.or(fallback.gateway),
            partner: self.partner.or(fallback.partner),
            sign_type: self.sign_type.or(fallback.sign_type),
            key: self.key.or(fallback.key),
            private_key: self.private_key.or(fallback.private_key),
            public_key: self.public_key.or(fallback.public_key),
            charset: self.charset.or(fallback.charset),
        }
    }

    /// Whether a merchant account is configured (a partner id is set): examples use the embedded
    /// sandbox otherwise.
    pub fn is_configured(&self) -> bool {
        self.partner.is_some()
    }

    /// The sign type (default `MD5`).
    pub fn sign_type(&self) -> Result<SignType, SettingsError> {
        match self.sign_type.as_deref() {
            None => Ok(SignType::Md5),
            Some(text) => text.parse().map_err(|e| SettingsError::Invalid {
                flag: "--sign-type",
                env: ENV_SIGN_TYPE,
                reason: format!("{e}"),
            }),
        }
    }

    /// The charset (default UTF-8).
    pub fn charset(&self) -> Result<Charset, SettingsError> {
        match self.charset.as_deref() {
            None => Ok(Charset::Utf8),
            Some(label) => Charset::from_label(label).map_err(|e| SettingsError::Invalid {
                flag: "--charset",
                env: ENV_CHARSET,
                reason: e.to_string(),
            }),
        }
    }

    /// The request signer: the MD5 key, or the private key file for RSA, RSA2 and DSA.
    pub fn signer(&self) -> Result<Signer, SettingsError> {
        let sign_type = self.sign_type()?;
        if sign_type == SignType::Md5 {
            return Ok(Signer::md5(self.md5_key()?));
        }
        let key = PrivateKey::parse(&read_key(
            self.private_key.as_ref(),
            "the merchant's private key file",
            "--private-key",
            ENV_PRIVATE_KEY,
        )?)
        .map_err(|e| SettingsError::Invalid {
            flag: "--private-key",
            env: ENV_PRIVATE_KEY,
            reason: e.to_string(),
        })?;
        Signer::new(sign_type, key).map_err(|e| SettingsError::Invalid {
            flag: "--private-key",
            env: ENV_PRIVATE_KEY,
            reason: e.to_string(),
        })
    }

    /// The verifier of Alipay's signatures: the MD5 key, or Alipay's public key file (`None` when
    /// no file is set for RSA, RSA2 or DSA).
    pub fn verifier(&self) -> Result<Option<Verifier>, SettingsError> {
        let sign_type = self.sign_type()?;
        if sign_type == SignType::Md5 {
            return Ok(Some(Verifier::md5(self.md5_key()?)));
        }
        let Some(path) = self.public_key.as_ref() else {
            return Ok(None);
        };
        let invalid = |reason: String| SettingsError::Invalid {
            flag: "--public-key",
            env: ENV_PUBLIC_KEY,
            reason,
        };
        let text = read_key(
            Some(path),
            "Alipay's public key file",
            "--public-key",
            ENV_PUBLIC_KEY,
        )?;
        let key = PublicKey::parse(&text).map_err(|e| invalid(e.to_string()))?;
        Verifier::new(sign_type, key)
            .map(Some)
            .map_err(|e| invalid(e.to_string()))
    }

    fn md5_key(&self) -> Result<Md5Key, SettingsError> {
        self.key
            .as_deref()
            .map(Md5Key::new)
            .ok_or(SettingsError::Missing {
                what: "the MD5 key",
                flag: "--key",
                env: ENV_KEY,
            })
    }

    /// A [`ConfigBuilder`] from these settings: partner, signer, verifier, gateway and charset
    /// (timeouts, retries and policies keep their defaults; set them on the builder).
    pub fn config(&self) -> Result<ConfigBuilder, SettingsError> {
        let partner = self.partner.as_deref().ok_or(SettingsError::Missing {
            what: "the partner id",
            flag: "--partner",
            env: ENV_PARTNER,
        })?;
        let partner = partner.parse().map_err(|e| SettingsError::Invalid {
            flag: "--partner",
            env: ENV_PARTNER,
            reason: format!("{e}"),
        })?;
        let mut builder = Config::builder(partner, self.signer()?).charset(self.charset()?);
        if let Some(verifier) = self.verifier()? {
            builder = builder.verifier(verifier);
        }
        if let Some(gateway) = &self.gateway {
            builder = builder.gateway(gateway.clone());
        }
        Ok(builder)
    }
}

/// Reads a key file; errors name the file, never its content.
fn read_key(
    path: Option<&PathBuf>,
    what: &'static str,
    flag: &'static str,
    env: &'static str,
) -> Result<String, SettingsError> {
    let path = path.ok_or(SettingsError::Missing { what, flag, env })?;
    std::fs::read_to_string(path).map_err(|e| SettingsError::Invalid {
        flag,
        env,
        reason: format!("cannot read {}: {e}", path.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn flags_win_over_the_environment_and_empty_variables_are_unset() {
        let env = Settings::from_lookup(lookup(&[
            (ENV_PARTNER, "2088002464631181"),
            (ENV_KEY, "envkey"),
            (ENV_CHARSET, ""),
            (ENV_GATEWAY, "http://127.0.0.1:9/gateway.do"),
        ]));
        assert_eq!(env.charset, None);
        let flags = Settings {
            key: Some("flagkey".into()),
            ..Settings::default()
        };
        let merged = flags.or(env);
        assert_eq!(merged.key.as_deref(), Some("flagkey"));
        assert_eq!(merged.partner.as_deref(), Some("2088002464631181"));
        let config = merged.config().unwrap().build().unwrap();
        assert_eq!(config.gateway().as_str(), "http://127.0.0.1:9/gateway.do");
        assert_eq!(config.signer().sign_type(), SignType::Md5);
        assert!(!format!("{merged:?}").contains("flagkey"));
    }

    #[test]
    fn missing_and_invalid_settings_name_the_flag_and_variable() {
        let none = Settings::default();
        let e = none.config().unwrap_err().to_string();
        assert!(e.contains("--partner") && e.contains(ENV_PARTNER), "{e}");
        let rsa = Settings::from_lookup(lookup(&[
            (ENV_PARTNER, "2088002464631181"),
            (ENV_SIGN_TYPE, "RSA2"),
        ]));
        let e = rsa.config().unwrap_err().to_string();
        assert!(e.contains(ENV_PRIVATE_KEY), "{e}");
        let lower = Settings::from_lookup(lookup(&[(ENV_SIGN_TYPE, "md5")]));
        assert!(matches!(
            lower.sign_type(),
            Err(SettingsError::Invalid {
                env: ENV_SIGN_TYPE,
                ..
            })
        ));
        let file = Settings::from_lookup(lookup(&[
            (ENV_PARTNER, "2088002464631181"),
            (ENV_SIGN_TYPE, "RSA"),
            (ENV_PRIVATE_KEY, "/nonexistent/key.pem"),
        ]));
        let e = file.config().unwrap_err().to_string();
        assert!(e.contains("/nonexistent/key.pem"), "{e}");
    }
}
