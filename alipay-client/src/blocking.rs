//! The same calls without async (feature `blocking`).
//!
//! Each [`Client`] owns a private single-threaded tokio runtime and blocks on the async
//! [`super::Client`]. Calling it from inside an async runtime returns [`Error::BlockingInAsync`]
//! instead of deadlocking. Calls from several threads share that one runtime's I/O driver: for
//! many concurrent calls, use the async client.
//!
//! ```no_run
//! use alipay_client::{Config, blocking::Client};
//! use alipay_services::sns_create_goods_ws::CreateGoods;
//! use alipay_core::sign::Md5Key;
//!
//! let config = Config::md5("2088002464631181".parse()?, Md5Key::new("your md5 key")).build()?;
//! let client = Client::new(config)?;
//! let goods = client.execute(&CreateGoods::example())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::Arc;

use futures_util::StreamExt;

use super::store::{CallLog, DedupStore};
use super::{
    BatchOptions, BatchResult, Config, ConfigError, Error, Handled, NotificationError, Reply,
    VerifiedNotification,
};
use alipay_core::service::{ApiService, Method, PageService};

/// A blocking Alipay MAPI client (see the [module docs](self)).
#[derive(Debug)]
pub struct Client {
    inner: super::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl Client {
    /// A client with its own connection pool and runtime.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ConfigError::Http(format!("cannot start the runtime: {e}")))?;
        Ok(Self {
            inner: super::Client::new(config)?,
            runtime: Arc::new(runtime),
        })
    }

    /// Records every call and notification in `log`.
    #[must_use]
    pub fn with_call_log(self, log: Arc<dyn CallLog>) -> Self {
        Self {
            inner: self.inner.with_call_log(log),
            runtime: self.runtime,
        }
    }

    /// The async client this one drives.
    pub fn async_client(&self) -> &super::Client {
        &self.inner
    }

    fn block_on<T>(&self, f: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::BlockingInAsync);
        }
        self.runtime.block_on(f)
    }

    /// See [`super::Client::execute`].
    pub fn execute<R: ApiService>(&self, request: &R) -> Result<R::Response, Error> {
        self.block_on(self.inner.execute(request))
    }

    /// See [`super::Client::execute_detailed`].
    pub fn execute_detailed<R: ApiService>(
        &self,
        request: &R,
    ) -> Result<Reply<R::Response>, Error> {
        self.block_on(self.inner.execute_detailed(request))
    }

    /// See [`super::Client::page_url`].
    pub fn page_url<R: PageService>(&self, request: &R) -> Result<String, Error> {
        self.inner.page_url(request)
    }

    /// See [`super::Client::page_form`].
    pub fn page_form<R: PageService>(&self, request: &R, method: Method) -> Result<String, Error> {
        self.inner.page_form(request, method)
    }

    /// See [`super::Client::verify_notification`].
    pub fn verify_notification(
        &self,
        body: &[u8],
    ) -> Result<VerifiedNotification, NotificationError> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(NotificationError::Confirm(Error::BlockingInAsync));
        }
        self.runtime.block_on(self.inner.verify_notification(body))
    }

    /// See [`super::Client::verify_notification_as`].
    pub fn verify_notification_as<T: alipay_core::service::Notification>(
        &self,
        body: &[u8],
    ) -> Result<super::Verified<T>, NotificationError> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(NotificationError::Confirm(Error::BlockingInAsync));
        }
        self.runtime
            .block_on(self.inner.verify_notification_as::<T>(body))
    }

    /// See [`super::Client::verify_return`] (no network).
    pub fn verify_return<T: alipay_core::service::Notification>(
        &self,
        query: impl AsRef<[u8]>,
    ) -> Result<super::Verified<T>, NotificationError> {
        self.inner.verify_return::<T>(query)
    }

    /// See [`super::Client::execute_batch`]: an iterator that blocks for each result.
    pub fn execute_batch<'a, R, I>(
        &'a self,
        requests: I,
        options: BatchOptions,
    ) -> impl Iterator<Item = BatchResult<R::Response>> + 'a
    where
        R: ApiService + 'a,
        I: IntoIterator<Item = R> + 'a,
        I::IntoIter: 'a,
    {
        let mut stream = Box::pin(self.inner.execute_batch(requests, options));
        std::iter::from_fn(move || {
            if tokio::runtime::Handle::try_current().is_ok() {
                return None;
            }
            self.runtime.block_on(stream.next())
        })
    }

    /// A blocking [`NotificationHandler`](super::NotificationHandler) over this client.
    pub fn notification_handler(&self, store: Arc<dyn DedupStore>) -> NotificationHandler<'_> {
        NotificationHandler {
            client: self,
            inner: super::NotificationHandler::new(self.inner.clone(), store),
        }
    }
}

/// The blocking form of [`super::NotificationHandler`].
#[derive(Debug)]
pub struct NotificationHandler<'a> {
    client: &'a Client,
    inner: super::NotificationHandler,
}

impl NotificationHandler<'_> {
    /// Configures the underlying handler (lease, wait, key).
    #[must_use]
    pub fn configure(
        mut self,
        f: impl FnOnce(super::NotificationHandler) -> super::NotificationHandler,
    ) -> Self {
        self.inner = f(self.inner);
        self
    }

    /// See [`super::NotificationHandler::handle`]; `step` is a plain closure.
    pub fn handle<E: std::fmt::Display>(
        &self,
        body: &[u8],
        step: impl FnOnce(VerifiedNotification) -> Result<(), E>,
    ) -> Handled {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Handled::Rejected(NotificationError::Confirm(Error::BlockingInAsync));
        }
        self.client
            .runtime
            .block_on(self.inner.handle(body, |n| std::future::ready(step(n))))
    }
}
