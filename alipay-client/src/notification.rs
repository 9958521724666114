//! Accepting a notification: decode, verify the signature, confirm `notify_id` with Alipay.

use std::ops::Deref;
use std::time::Duration;

use super::{BadResponse, BadResponseKind, Client, Error, ReadError, read_bounded};
use alipay_core::Response as _;
use alipay_core::charset::Charset;
use alipay_core::form;
pub use alipay_core::notify::NotifyVerify;
use alipay_core::notify::{self, Notification, NotifyError};
use alipay_core::service::{
    Notification as NotificationTable, Repeat, ResponseErrorKind, ValidationErrors,
};

/// Why a notification was not accepted. Answer Alipay with anything but `success` (e.g.
/// [`ACK_FAIL`](alipay_core::notify::ACK_FAIL)); a genuine notification is delivered again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NotificationError {
    /// The body does not decode, lacks `notify_id`, or its signature does not verify (a forged
    /// or tampered notification, or a `sign_type` other than the configured one).
    #[error(transparent)]
    Rejected(#[from] NotifyError),
    /// `notify_verify` answered `false`: not sent by Alipay, or expired (about a minute).
    #[error(
        "notify_verify answered false for notify_id {notify_id:?}: not sent by Alipay, or expired"
    )]
    NotFromAlipay {
        /// The notification's id.
        notify_id: String,
    },
    /// `notify_verify` answered `invalid`: the verification's parameters were refused.
    #[error("notify_verify answered invalid for notify_id {notify_id:?}: check the partner id")]
    InvalidNotifyId {
        /// The notification's id.
        notify_id: String,
    },
    /// `notify_verify` could not be asked (transport) or gave an answer other than
    /// `true`/`false`/`invalid`. The notification may be genuine: answer `fail` to have it again.
    #[error("cannot confirm the notification with notify_verify: {0}")]
    Confirm(#[source] Error),
    /// The client has no verifier (its [`SignaturePolicy`](super::SignaturePolicy) is `Off` and no
    /// key was given): notifications cannot be verified.
    #[error("no key to verify notification signatures with: configure Alipay's public key")]
    NoVerifier,
    /// The notification (or return) is genuine, but does not match the declared table it was
    /// read into: a required row is missing, or a value breaks its row's format. Log it and answer
    /// `fail`; fix the declaration if Alipay's table changed.
    #[error("the notification does not match its declared table: {0}")]
    Table(#[source] ValidationErrors),
}

/// A notification or a return whose signature verified (a notification's `notify_id` also
/// confirmed), read into its declared table `T` (`#[derive(Notification)]`).
///
/// Dereferences to `T`. Every received parameter, those `T` does not declare included (all of them
/// were signed), stays available as [`notification`](Self::notification).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified<T> {
    value: T,
    notification: Notification,
}

impl<T> Verified<T> {
    /// The typed table.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The typed table, owned.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Every received parameter, declared or not, with the raw accessors.
    pub fn notification(&self) -> &Notification {
        &self.notification
    }

    /// The typed table and every received parameter.
    pub fn into_parts(self) -> (T, Notification) {
        (self.value, self.notification)
    }
}

impl<T> Deref for Verified<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// Reads a verified notification into `T`.
fn typed<T: NotificationTable>(
    notification: Notification,
) -> Result<Verified<T>, NotificationError> {
    let value = T::from_params(notification.params()).map_err(NotificationError::Table)?;
    Ok(Verified {
        value,
        notification,
    })
}

/// The query of a return: `query` itself, or the part after `?` of a whole URL or path.
fn return_query(query: &[u8]) -> &[u8] {
    let is_url =
        query.starts_with(b"http://") || query.starts_with(b"https://") || query.starts_with(b"/");
    match query.iter().position(|&b| b == b'?') {
        Some(at) if is_url => &query[at + 1..],
        _ => query,
    }
}

/// A notification whose signature verified and whose `notify_id` Alipay confirmed.
///
/// Dereferences to the [`Notification`]: typed accessors for the trade number, status and amounts
/// ([`trade_no`](Notification::trade_no), [`trade_status`](Notification::trade_status),
/// [`total_fee`](Notification::total_fee), [`amount`](Notification::amount)), and every parameter
/// raw ([`params`](Notification::params)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedNotification {
    notification: Notification,
}

impl VerifiedNotification {
    /// The notification.
    pub fn notification(&self) -> &Notification {
        &self.notification
    }

    /// The notification, owned.
    pub fn into_notification(self) -> Notification {
        self.notification
    }
}

impl Deref for VerifiedNotification {
    type Target = Notification;

    fn deref(&self) -> &Notification {
        &self.notification
    }
}

/// The service name used for `notify_verify` in errors and the log.
const NOTIFY_VERIFY: &str = "notify_verify";
/// The largest `notify_verify` answer read.
const MAX_ANSWER: usize = 1024;

impl Client {
    /// Accepts a notification body (the raw bytes POSTed to `notify_url`): decodes the form in its
    /// charset (`+` is a space), verifies the signature over every received parameter but
    /// `sign`/`sign_type` with the configured verifier and sign type, requires `notify_id`, and
    /// confirms it with `notify_verify` (the id re-encoded). `true` gives the notification;
    /// `false` and `invalid` give distinct errors.
    ///
    /// This does not de-duplicate: use a [`NotificationHandler`](super::NotificationHandler) to run
    /// the business step once per notification.
    pub async fn verify_notification(
        &self,
        body: &[u8],
    ) -> Result<VerifiedNotification, NotificationError> {
        let notification = self.verify_notification_signature(body)?;
        match self
            .notify_verify(notification.notify_id(), notification.charset())
            .await
            .map_err(NotificationError::Confirm)?
        {
            NotifyVerify::True => Ok(VerifiedNotification { notification }),
            NotifyVerify::False => Err(NotificationError::NotFromAlipay {
                notify_id: notification.notify_id().to_owned(),
            }),
            NotifyVerify::Invalid => Err(NotificationError::InvalidNotifyId {
                notify_id: notification.notify_id().to_owned(),
            }),
        }
    }

    /// [`verify_notification`](Self::verify_notification), then reads the notification into its
    /// declared table `T` (`#[derive(Notification)]`): a genuine notification that does not match
    /// `T` is [`NotificationError::Table`]. Parameters `T` does not declare are kept
    /// ([`Verified::notification`]) and were covered by the signature.
    ///
    /// (The untyped `verify_notification(body)` keeps its name, so this one has its own.)
    pub async fn verify_notification_as<T: NotificationTable>(
        &self,
        body: &[u8],
    ) -> Result<Verified<T>, NotificationError> {
        let verified = self.verify_notification(body).await?;
        typed(verified.into_notification())
    }

    /// Accepts a return (the buyer's browser coming back to `return_url`): the query string, or
    /// the whole URL, is decoded in its charset (`+` is a space), its signature is verified over
    /// every received parameter but `sign`/`sign_type` exactly as a notification's, and it is read
    /// into its declared table `T` (`#[derive(Notification)]`, `kind = "return"`).
    ///
    /// `notify_verify` is **not** asked, by choice: a return is carried by the browser, often
    /// after the minute in which Alipay confirms an id, and may be replayed by the buyer. A
    /// verified return says the page is genuine, which is enough to show the buyer a result; act
    /// on the trade (ship, credit) only on the asynchronous notification, or after querying the
    /// trade (`single_trade_query`).
    pub fn verify_return<T: NotificationTable>(
        &self,
        query: impl AsRef<[u8]>,
    ) -> Result<Verified<T>, NotificationError> {
        let notification = self.verify_notification_signature(return_query(query.as_ref()))?;
        typed(notification)
    }

    /// The network-free half of [`verify_notification`](Self::verify_notification): decode and
    /// check the signature.
    pub fn verify_notification_signature(
        &self,
        body: &[u8],
    ) -> Result<Notification, NotificationError> {
        let config = self.config();
        let verifier = config
            .verifier
            .as_ref()
            .ok_or(NotificationError::NoVerifier)?;
        let n = notify::decode_notification(body, Some(config.charset), &config.notify_limits)?;
        notify::verify_notification_signature(&n, verifier)?;
        Ok(n)
    }

    /// Asks the gateway whether it sent notification `notify_id`:
    /// `GET gateway?service=notify_verify&partner=…&notify_id=…`, the id percent-encoded in
    /// `charset`. Connection failures and timeouts are retried per the [`RetryPolicy`](super::RetryPolicy).
    pub async fn notify_verify(
        &self,
        notify_id: &str,
        charset: Charset,
    ) -> Result<NotifyVerify, Error> {
        let config = self.config();
        let mut url = String::with_capacity(config.gateway.as_str().len() + 80 + notify_id.len());
        url.push_str(config.gateway.as_str());
        url.push_str("?service=notify_verify&partner=");
        url.push_str(config.partner.as_str());
        url.push_str("&notify_id=");
        let bytes = charset.encode(notify_id).map_err(|source| Error::Invalid {
            service: NOTIFY_VERIFY,
            source: alipay_core::request::PrepareError::Charset {
                param: "notify_id".to_owned(),
                source,
            },
        })?;
        let mut encoded = Vec::with_capacity(bytes.len() * 3);
        form::push_component(&mut encoded, &bytes);
        url.push_str(&String::from_utf8_lossy(&encoded));

        // A question about a notification changes nothing: repeating it is safe.
        let answer = super::retry::run(
            &config.retry,
            Repeat::Idempotent,
            |_| None,
            |attempt, left| self.notify_verify_once(&url, attempt, config.timeout.min(left)),
        )
        .await;
        tracing::info!(target: "alipay::notify", notify_id, answer = ?answer.as_ref().ok(), "notify_verify");
        answer
    }

    async fn notify_verify_once(
        &self,
        url: &str,
        attempt: u32,
        timeout: Duration,
    ) -> Result<NotifyVerify, Error> {
        let gateway = self.config().gateway.as_str();
        let transport = |source| super::transport_error(NOTIFY_VERIFY, gateway, attempt, source);
        let exchange = async {
            let mut response = self.inner.http.get(url).send().await.map_err(transport)?;
            let status = response.status().as_u16();
            let body = read_bounded(&mut response, MAX_ANSWER).await;
            Ok::<_, Error>((status, body))
        };
        let (status, body) = tokio::time::timeout(timeout, exchange)
            .await
            .unwrap_or_else(|_| Err(super::timed_out(NOTIFY_VERIFY, gateway, attempt)))?;
        let bad = |kind| {
            Error::BadResponse(BadResponse {
                service: NOTIFY_VERIFY,
                status,
                attempts: attempt,
                kind,
            })
        };
        let body = match body {
            Ok(body) => body,
            Err(ReadError::Http(e)) => return Err(transport(e)),
            Err(ReadError::TooLarge(content_length)) => {
                return Err(bad(BadResponseKind::TooLarge {
                    limit: MAX_ANSWER,
                    content_length,
                }));
            }
        };
        NotifyVerify::from_text(&body).map_err(|e| match e.kind() {
            ResponseErrorKind::UnexpectedText { found, .. } => {
                bad(BadResponseKind::NotifyVerifyAnswer(found.clone()))
            }
            _ => bad(BadResponseKind::Payload(e)),
        })
    }
}
