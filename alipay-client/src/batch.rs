//! Many calls of one service: kept apart in time, results as they come, already done ones skipped.

use std::time::{Duration, Instant};

use futures_util::Stream;

use super::{Call, Client, Error};
use alipay_core::service::ApiService;

/// How [`Client::execute_batch`] runs a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchOptions {
    /// The least time between the starts of two calls, retries included (a service's usage rules
    /// may ask for one, e.g. about 10 s for `send_goods_confirm_by_platform`).
    pub interval: Duration,
    /// The parameter that identifies what a request acts on (e.g. `trade_no`): a request whose
    /// value the call log already records in a successful call of the same service is not sent
    /// again. `None` sends every request.
    pub skip_succeeded_by: Option<&'static str>,
}

impl BatchOptions {
    /// Calls at least `interval` apart, nothing skipped.
    pub const fn spaced(interval: Duration) -> Self {
        Self {
            interval,
            skip_succeeded_by: None,
        }
    }

    /// Skips a request whose parameter `name` the call log records in a successful call.
    pub const fn skip_succeeded_by(mut self, name: &'static str) -> Self {
        self.skip_succeeded_by = Some(name);
        self
    }
}

/// How one request of a batch ended, when it did not fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchOutcome<T> {
    /// Alipay answered with success (and the typed payload).
    Done(T),
    /// The call log already records a successful call for this request's key: nothing was sent.
    AlreadyDone,
}

/// The result for one request of a batch.
#[derive(Debug)]
pub struct BatchResult<T> {
    /// The request's position in the batch, from 0.
    pub index: usize,
    /// The value of [`BatchOptions::skip_succeeded_by`]'s parameter in the request, when set.
    pub key: Option<String>,
    /// What happened.
    pub result: Result<BatchOutcome<T>, Error>,
}

impl Client {
    /// Calls the service once per request, yielding each result as it comes.
    ///
    /// - Calls start at least [`BatchOptions::interval`] apart, retries included: a retryable
    ///   failure is retried per the [`RetryPolicy`](super::RetryPolicy), but never sooner than
    ///   `interval` after the previous call.
    /// - With [`BatchOptions::skip_succeeded_by`], a request the call log shows as already done
    ///   (a successful call of the service with the same value of that parameter) is not sent
    ///   again: it yields [`BatchOutcome::AlreadyDone`] at once. Without a call log attached,
    ///   nothing is skipped. Every attempt is logged before the next request starts, so a batch
    ///   stopped midway and started again resumes where it stopped.
    /// - A failure of one request does not stop the batch.
    pub fn execute_batch<R, I>(
        &self,
        requests: I,
        options: BatchOptions,
    ) -> impl Stream<Item = BatchResult<R::Response>>
    where
        R: ApiService,
        I: IntoIterator<Item = R>,
    {
        let state = (
            self.clone(),
            requests.into_iter().enumerate(),
            None::<Instant>,
        );
        futures_util::stream::unfold(state, move |(client, mut requests, mut last)| async move {
            let (index, request) = requests.next()?;
            let (key, result) = client.batch_one(&request, options, &mut last).await;
            Some((BatchResult { index, key, result }, (client, requests, last)))
        })
    }

    async fn batch_one<R: ApiService>(
        &self,
        request: &R,
        options: BatchOptions,
        last: &mut Option<Instant>,
    ) -> (Option<String>, Result<BatchOutcome<R::Response>, Error>) {
        let signed = match self.prepare(request) {
            Ok(signed) => signed,
            Err(e) => return (None, Err(e)),
        };
        let key = options.skip_succeeded_by.and_then(|name| {
            signed
                .pairs()
                .into_iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
        });
        if let (Some(log), Some(name), Some(value)) =
            (self.call_log(), options.skip_succeeded_by, key.as_deref())
        {
            match log.succeeded(R::SERVICE, name, value).await {
                Ok(true) => return (key, Ok(BatchOutcome::AlreadyDone)),
                Ok(false) => {}
                // Unknown: send it; whether a repeat is safe is the retry rule's to decide.
                Err(e) => tracing::error!(target: "alipay::call", error = %e,
                    "cannot read the call log; sending anyway"),
            }
        }
        if let Some(at) = *last {
            tokio::time::sleep_until((at + options.interval).into()).await;
        }
        *last = Some(Instant::now());
        let call = Call::new::<R>(&signed, self.call_log().is_some(), self.identity(request));
        let policy = self.config().retry;
        // Retries wait at least `interval` too; the deadline must leave room for them.
        let policy = super::RetryPolicy {
            deadline: policy.deadline + options.interval * policy.max_attempts.saturating_sub(1),
            ..policy
        };
        let reply = self
            .run::<R::Response>(&call, &policy, |_| Some(options.interval))
            .await;
        // The last attempt's start is not visible here; spacing from the end of the call is
        // stricter than from its start.
        *last = Some(Instant::now());
        (key, reply.map(|r| BatchOutcome::Done(r.response)))
    }
}
