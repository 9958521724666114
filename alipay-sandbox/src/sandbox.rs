//! The running sandbox ([`Sandbox`]): the top layer, which opens the state, builds the world, the
//! gateway and its deliveries, and serves.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::config::SandboxConfig;
use crate::gateway::Gateway;
use crate::keys::{self, AlipayKey, PartnerCredentials};
use crate::state::{PartnerRecord, State};
use crate::world::World;
use crate::{Admin, SandboxError, server};

/// A running sandbox gateway, serving until it is dropped or [`shut down`](Sandbox::shutdown).
///
/// Dropping it stops the server, closes its connections and cancels pending notification
/// deliveries (with a state file, they resume on the next start).
pub struct Sandbox {
    addr: SocketAddr,
    gateway: Arc<Gateway>,
    accept: Option<JoinHandle<()>>,
    first_partner: PartnerCredentials,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.addr)
            .field("first_partner", &self.first_partner)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Opens the state (or starts empty), creates the sandbox's Alipay key and first partner when
    /// there are none, binds `config.addr`, resumes pending notifications and serves on the
    /// current tokio runtime.
    ///
    /// Key generation and the state file are handled on a blocking thread; the first start
    /// generates two RSA 2048 keys (about a tenth of a second each).
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        config.check()?;
        let path = config.state.clone();
        let (state, alipay, first) = tokio::task::spawn_blocking(move || {
            let state = State::open(path.as_deref())?;
            let alipay = match state.alipay_key_pem() {
                Some(pem) => AlipayKey::from_private_pem(pem)?,
                None => {
                    let key = AlipayKey::generate()?;
                    state.set_alipay_key_pem(&key.private_pem)?;
                    key
                }
            };
            let first = match state.first_partner() {
                Some(record) => record.credentials.clone(),
                None => {
                    let credentials = keys::new_credentials(&alipay)?;
                    state.insert_partner(PartnerRecord::new(credentials.clone(), None)?)?;
                    credentials
                }
            };
            Ok::<_, SandboxError>((state, alipay, first))
        })
        .await
        .map_err(|e| SandboxError::State(format!("start-up task failed: {e}")))??;

        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| SandboxError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            addr: config.addr,
            source,
        })?;
        let first_partner = PartnerCredentials {
            alipay_public_key_pem: alipay.public_pem.clone(),
            ..first
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .user_agent(concat!("alipay-sandbox/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SandboxError::Config(format!("cannot build the HTTP client: {e}")))?;
        let world = Arc::new(World::new(config, state, alipay));
        let gateway = Arc::new(Gateway::new(world, http));
        for job in gateway.world.state.pending_jobs() {
            gateway.deliveries.spawn_job(job);
        }
        let accept = tokio::spawn(server::accept_loop(listener, Arc::clone(&gateway)));
        tracing::info!(target: "alipay_sandbox", %addr, partner = %first_partner.partner, "sandbox started");
        Ok(Sandbox {
            addr,
            gateway,
            accept: Some(accept),
            first_partner,
        })
    }

    /// `http://127.0.0.1:PORT/gateway.do` (the bound address).
    pub fn gateway_url(&self) -> String {
        format!("http://{}/gateway.do", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The partner created at the first start (reloaded from the state file on later starts).
    pub fn first_partner(&self) -> &PartnerCredentials {
        &self.first_partner
    }

    /// The in-process admin handle (the HTTP admin API calls the same code).
    pub fn admin(&self) -> Admin {
        Admin::new(Arc::clone(&self.gateway.world))
    }

    /// Stops the server and its notification deliveries, and waits until they have stopped.
    pub async fn shutdown(mut self) {
        let jobs = self.gateway.deliveries.close();
        if let Some(accept) = self.accept.take() {
            accept.abort();
            let _ = accept.await;
        }
        for job in jobs {
            let _ = job.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Aborting the accept loop drops its set of connection tasks, which aborts them.
        drop(self.gateway.deliveries.close());
        if let Some(accept) = self.accept.take() {
            accept.abort();
        }
    }
}
