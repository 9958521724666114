//! The running sandbox ([`Sandbox`]) and the context every part of it shares ([`Shared`]).

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Duration;

use alipay_core::types::CompactTime;
use tokio::task::JoinHandle;

use crate::config::{Faults, SandboxConfig};
use crate::keys::{self, AlipayKey, PartnerCredentials};
use crate::model::ReceivedRequest;
use crate::registry::Registry;
use crate::state::{Job, PartnerRecord, State};
use crate::{Admin, SandboxError, server};

/// The most received requests kept for [`Admin::requests`] (the oldest are dropped).
pub(crate) const REQUEST_LOG: usize = 4096;

/// A running sandbox gateway, serving until it is dropped or [`shut down`](Sandbox::shutdown).
///
/// Dropping it stops the server, closes its connections and cancels pending notification
/// deliveries (with a state file, they resume on the next start).
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
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
        let shared = Arc::new(Shared::new(config, state, alipay, http));
        for job in shared.state.pending_jobs() {
            shared.spawn_job(job);
        }
        let accept = tokio::spawn(server::accept_loop(listener, Arc::clone(&shared)));
        tracing::info!(target: "alipay_sandbox", %addr, partner = %first_partner.partner, "sandbox started");
        Ok(Sandbox {
            addr,
            shared,
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
        Admin::new(Arc::clone(&self.shared))
    }

    /// Stops the server and its notification deliveries, and waits until they have stopped.
    pub async fn shutdown(mut self) {
        let jobs = self.shared.close();
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
        drop(self.shared.close());
        if let Some(accept) = self.accept.take() {
            accept.abort();
        }
    }
}

/// What every part of a running sandbox shares.
pub(crate) struct Shared {
    /// The configuration it was started with (its faults may since have changed).
    pub(crate) config: SandboxConfig,
    pub(crate) state: State,
    pub(crate) alipay: AlipayKey,
    pub(crate) registry: Registry,
    /// Delivers notifications.
    pub(crate) http: reqwest::Client,
    faults: RwLock<Faults>,
    rng: Mutex<fastrand::Rng>,
    requests: Mutex<VecDeque<ReceivedRequest>>,
    /// Running notification jobs by id; `None` once closed.
    jobs: Mutex<Option<HashMap<u64, JoinHandle<()>>>>,
}

impl Shared {
    pub(crate) fn new(
        config: SandboxConfig,
        state: State,
        alipay: AlipayKey,
        http: reqwest::Client,
    ) -> Self {
        let rng = match config.seed {
            Some(seed) => fastrand::Rng::with_seed(seed),
            None => fastrand::Rng::new(),
        };
        Self {
            faults: RwLock::new(config.faults),
            config,
            state,
            alipay,
            registry: Registry::standard(),
            http,
            rng: Mutex::new(rng),
            requests: Mutex::new(VecDeque::new()),
            jobs: Mutex::new(Some(HashMap::new())),
        }
    }

    /// `base` scaled by the time factor.
    pub(crate) fn scaled(&self, base: Duration) -> Duration {
        self.config.scaled(base)
    }

    /// The seeded generator.
    pub(crate) fn rng(&self) -> MutexGuard<'_, fastrand::Rng> {
        self.rng.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current faults.
    pub(crate) fn faults(&self) -> Faults {
        *self.faults.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Replaces the faults.
    pub(crate) fn set_faults(&self, faults: Faults) {
        *self.faults.write().unwrap_or_else(PoisonError::into_inner) = faults;
    }

    /// `n` random decimal digits from the seeded generator.
    pub(crate) fn digits(&self, n: usize) -> String {
        let mut rng = self.rng();
        (0..n).map(|_| rng.digit(10)).collect()
    }

    /// A 16-digit number starting with today's Beijing date (`yyyyMMdd` + 8 digits), like Alipay's
    /// trade numbers (`2013102226991504`) and goods ids (`2011092300022596`).
    pub(crate) fn dated_number(&self) -> String {
        let mut no = CompactTime::now().to_string();
        no.truncate(8);
        no.push_str(&self.digits(8));
        no
    }

    /// A buyer's user id: `2088` and 12 digits.
    pub(crate) fn buyer_user_id(&self) -> String {
        format!("2088{}", self.digits(12))
    }

    /// Records a received request, dropping the oldest beyond [`REQUEST_LOG`].
    pub(crate) fn record(&self, request: ReceivedRequest) {
        let mut log = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        if log.len() >= REQUEST_LOG {
            log.pop_front();
        }
        log.push_back(request);
    }

    /// The received requests kept, oldest first.
    pub(crate) fn requests(&self) -> Vec<ReceivedRequest> {
        let log = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        log.iter().cloned().collect()
    }

    /// Runs notification job `job` on the current runtime until it is done (or the sandbox
    /// closes).
    pub(crate) fn spawn_job(self: &Arc<Self>, job: Job) {
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(jobs) = jobs.as_mut() else {
            return; // closed: the job stays pending in the state
        };
        if jobs.len() >= 64 {
            jobs.retain(|_, handle| !handle.is_finished());
        }
        let id = job.id;
        let handle = tokio::spawn(crate::notify_sender::run_job(Arc::clone(self), job));
        jobs.insert(id, handle);
    }

    /// Stops accepting jobs and aborts the running ones, returning their handles.
    fn close(&self) -> Vec<JoinHandle<()>> {
        let jobs = self
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let handles: Vec<JoinHandle<()>> =
            jobs.into_iter().flat_map(HashMap::into_values).collect();
        for handle in &handles {
            handle.abort();
        }
        handles
    }

    /// The credentials of partner `id`, with this sandbox's Alipay public key.
    pub(crate) fn credentials(&self, id: &str) -> Option<PartnerCredentials> {
        self.state.partner(id).map(|record| PartnerCredentials {
            alipay_public_key_pem: self.alipay.public_pem.clone(),
            ..record.credentials.clone()
        })
    }
}
