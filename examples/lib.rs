//! Shared set-up for the examples: a client for the merchant's own gateway when `ALIPAY_*` is set
//! (see `alipay::client::settings`), else the embedded sandbox started in-process with a
//! client for its first partner.

use std::error::Error;
use std::sync::Arc;

use alipay::client::postgres::{ENV_DATABASE_URL, PgStore};
use alipay::client::settings::Settings;
use alipay::client::sqlite::Database;
use alipay::client::store::{CallLog, DedupStore};
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
    /// The embedded call log and notification de-duplication store.
    pub db: Arc<Database>,
    /// The PostgreSQL store shared by several instances, when `ALIPAY_DATABASE_URL` is set: then
    /// it is the call log and the de-duplication store instead of `db`.
    pub shared: Option<Arc<PgStore>>,
}

impl Setup {
    /// Uses `ALIPAY_*` when `ALIPAY_PARTNER` is set, else starts the embedded sandbox. The call log
    /// is an in-memory SQLite database unless `ALIPAY_EXAMPLE_DB` names a file, or the PostgreSQL
    /// database `ALIPAY_DATABASE_URL` names.
    pub async fn new() -> Result<Self, BoxError> {
        let db = Arc::new(match std::env::var("ALIPAY_EXAMPLE_DB") {
            Ok(path) if !path.is_empty() => Database::open(path)?,
            _ => Database::in_memory()?,
        });
        let shared = match std::env::var(ENV_DATABASE_URL) {
            Ok(url) if !url.is_empty() => Some(Arc::new(PgStore::connect(&url).await?)),
            _ => None,
        };
        let settings = Settings::from_env();
        let mut setup = if settings.is_configured() {
            let config = settings.config()?.build()?;
            Self {
                client: Client::new(config)?,
                sandbox: None,
                db,
                shared: None,
            }
        } else {
            Self::sandbox(db).await?
        };
        setup.shared = shared;
        setup.client = setup.client.clone().with_call_log(setup.call_log());
        Ok(setup)
    }

    /// Where notifications are de-duplicated: the shared PostgreSQL store, else `db`.
    pub fn dedup_store(&self) -> Arc<dyn DedupStore> {
        match &self.shared {
            Some(pg) => pg.clone(),
            None => self.db.clone(),
        }
    }

    /// Where calls are logged: the shared PostgreSQL store, else `db`.
    pub fn call_log(&self) -> Arc<dyn CallLog> {
        match &self.shared {
            Some(pg) => pg.clone(),
            None => self.db.clone(),
        }
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
            shared: None,
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
