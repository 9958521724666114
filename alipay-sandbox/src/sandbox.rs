//! The running sandbox ([`Sandbox`]): the top layer, which opens the state, builds the world, the
//! gateway and its deliveries, and serves.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::config::SandboxConfig;
use alipay_core::ErrorCode;
use alipay_core::catalog::{ServiceInfo, Visitor};
use alipay_core::service::{ApiService, PageService, Request};

use crate::gateway::Gateway;
use crate::keys::{self, AlipayKey, PartnerCredentials};
use crate::registry::{Context, Registry};
use crate::services;
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

/// Builds a sandbox that plays more services than the catalog's: a library author's own, each
/// added with one line, from its declaration alone.
///
/// [`service`](Self::service) registers a declared request type: requests are checked against
/// its table and rules exactly as the catalog's are, then answered with the sandbox's own logic
/// for that service name when it has some (`close_trade`, the goods, shipping, query and
/// trade-creating page services), else with the response struct's examples (its `example` attributes) (request parameters of
/// the same name echoed), a bare success for `()`, or the cashier page of a page service.
/// [`handler`](Self::handler) gives a service stateful logic of its own.
///
/// ```
/// use alipay_core::Request;
/// use alipay_core::error::ErrorCode;
/// use alipay_sandbox::Sandbox;
///
/// /// An outside crate's service.
/// #[derive(Clone, Request)]
/// #[alipay(service = "example.ping", response = (), method = GET)]
/// pub struct Ping {
///     /// Any text.
///     #[alipay(label = "文本", ty = "String(8)", example = "hello")]
///     pub text: String,
/// }
///
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let sandbox = Sandbox::builder()
///     .service::<Ping>() // checked, answered `T`
///     .start()
///     .await?;
/// # let _ = sandbox;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SandboxBuilder {
    config: SandboxConfig,
    registry: Registry,
}

impl std::fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("config", &self.config)
            .field("services", &self.registry.names())
            .finish()
    }
}

impl SandboxBuilder {
    /// The configuration (default: [`SandboxConfig::default`]).
    pub fn config(mut self, config: SandboxConfig) -> Self {
        self.config = config;
        self
    }

    /// Plays declared service `R` (API or page), replacing a service of the same name.
    pub fn service<R: Request + 'static>(mut self) -> Self {
        self.registry.register::<R>();
        self
    }

    /// Plays every service of a catalog: `visit` is called with the builder, a [`Visitor`]
    /// (e.g. `.services(|b| my_services::visit(b))`).
    pub fn services(mut self, visit: impl FnOnce(&mut Self)) -> Self {
        visit(&mut self);
        self
    }

    /// Plays API service `R` with `handler`, which runs once the request passed every check and
    /// answers the payload (written by the derive, in table order, signed) or an error code.
    pub fn handler<R, F>(mut self, handler: F) -> Self
    where
        R: ApiService + 'static,
        F: Fn(&Context<'_>, R) -> Result<R::Response, ErrorCode> + Send + Sync + 'static,
    {
        self.registry.register_handler::<R, F>(handler);
        self
    }

    /// The names of the services it will play.
    pub fn service_names(&self) -> Vec<&'static str> {
        self.registry.names()
    }

    /// Starts the sandbox (see [`Sandbox::start`]).
    pub async fn start(self) -> Result<Sandbox, SandboxError> {
        Sandbox::start_with(self.config, self.registry).await
    }
}

impl Visitor for SandboxBuilder {
    fn visit_api<R: ApiService + 'static>(&mut self, _: &ServiceInfo) {
        self.registry.register::<R>();
    }

    fn visit_page<R: PageService + 'static>(&mut self, _: &ServiceInfo) {
        self.registry.register::<R>();
    }
}

impl Sandbox {
    /// A builder with every catalog service, to add services to (see [`SandboxBuilder`]).
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            config: SandboxConfig::default(),
            registry: services::standard(),
        }
    }

    /// Opens the state (or starts empty), creates the sandbox's Alipay key and first partner when
    /// there are none, binds `config.addr`, resumes pending notifications and serves on the
    /// current tokio runtime, playing every catalog service.
    ///
    /// Key generation and the state file are handled on a blocking thread; the first start
    /// generates two RSA 2048 keys (about a tenth of a second each).
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        Self::builder().config(config).start().await
    }

    async fn start_with(
        config: SandboxConfig,
        registry: Registry,
    ) -> Result<Sandbox, SandboxError> {
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
        // The world knows the address it is reached at (the QR codes of face-to-face payment
        // point at its pages).
        let config = SandboxConfig { addr, ..config };
        let world = Arc::new(World::new(config, state, alipay));
        let gateway = Arc::new(Gateway::new(world, registry, http));
        // Re-deliveries on demand (Admin::redeliver) reach the running deliveries through a
        // queue; the task holds the gateway weakly, and ends when the gateway (and so the
        // queue's sender, in its world) is gone.
        let (queue, mut asked) = tokio::sync::mpsc::unbounded_channel();
        gateway.world.set_redeliveries(queue);
        let weak = Arc::downgrade(&gateway);
        tokio::spawn(async move {
            while let Some(job) = asked.recv().await {
                let Some(gateway) = weak.upgrade() else { break };
                gateway.deliveries.redeliver(job);
            }
        });
        for job in gateway.world.state.pending_jobs() {
            gateway.deliveries.spawn_job(job);
        }
        // The escrow timeouts (crate::timeouts), checked on the scaled clock; the task ends with
        // the gateway.
        let weak = Arc::downgrade(&gateway);
        let tick = crate::timeouts::tick(&gateway.world);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(tick).await;
                let Some(gateway) = weak.upgrade() else { break };
                crate::timeouts::sweep(&gateway.world);
            }
        });
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
