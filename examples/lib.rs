//! Shared set-up for the examples: a client for the merchant's own gateway when `ALIPAY_*` is set
//! (see `alipay::client::settings`), else the embedded sandbox started in-process with a
//! client for its first partner.

use std::error::Error;
use std::sync::Arc;

use alipay::client::settings::Settings;
use alipay::client::sqlite::Database;
use alipay::client::{Client, Config};
use alipay::sandbox::{Sandbox, SandboxConfig};
use alipay::sign::Md5Key;

/// The boxed error the examples return.
pub type BoxError = Box<dyn Error + Send + Sync>;

/// Where the example runs.
pub struct Setup {
    /// The client (its call log is `db`).
    pub client: Client,
    /// The embedded sandbox, when no `ALIPAY_*` account is configured.
    pub sandbox: Option<Sandbox>,
    /// The call log and notification de-duplication store.
    pub db: Arc<Database>,
}

impl Setup {
    /// Uses `ALIPAY_*` when `ALIPAY_PARTNER` is set, else starts the embedded sandbox. The call log
    /// is an in-memory SQLite database unless `ALIPAY_EXAMPLE_DB` names a file.
    pub async fn new() -> Result<Self, BoxError> {
        let db = Arc::new(match std::env::var("ALIPAY_EXAMPLE_DB") {
            Ok(path) if !path.is_empty() => Database::open(path)?,
            _ => Database::in_memory()?,
        });
        let settings = Settings::from_env();
        if settings.is_configured() {
            let config = settings.config()?.build()?;
            let client = Client::new(config)?.with_call_log(db.clone());
            return Ok(Self {
                client,
                sandbox: None,
                db,
            });
        }
        Self::sandbox(db).await
    }

    /// Always the embedded sandbox.
    pub async fn sandbox(db: Arc<Database>) -> Result<Self, BoxError> {
        let sandbox = Sandbox::start(SandboxConfig::default()).await?;
        let me = sandbox.first_partner();
        let config = Config::md5(me.partner.parse()?, Md5Key::new(me.md5_key.as_str()))
            .gateway(sandbox.gateway_url())
            .build()?;
        let client = Client::new(config)?.with_call_log(db.clone());
        Ok(Self {
            client,
            sandbox: Some(sandbox),
            db,
        })
    }

    /// One line saying where calls go.
    pub fn describe(&self) -> String {
        let config = self.client.config();
        match &self.sandbox {
            Some(_) => format!(
                "embedded sandbox at {} (partner {}, MD5)",
                config.gateway(),
                config.partner().as_str()
            ),
            None => format!(
                "{} (partner {}, {}, from ALIPAY_*)",
                config.gateway(),
                config.partner().as_str(),
                config.signer().sign_type()
            ),
        }
    }
}

/// Parses `k=v` command-line arguments.
pub fn pairs(args: impl IntoIterator<Item = String>) -> Result<Vec<(String, String)>, BoxError> {
    args.into_iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) => Ok((k.to_owned(), v.to_owned())),
            None => Err(format!("argument {a:?} is not k=v").into()),
        })
        .collect()
}
