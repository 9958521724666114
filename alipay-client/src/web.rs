//! Web-framework glue (feature `axum`, for axum 0.8): a notification handler's result is an axum
//! response, and
//! [`notify_route`] is a ready-made notify endpoint.
//!
//! ```no_run
//! use std::sync::Arc;
//! use alipay_client::{Client, NotificationHandler, VerifiedNotification};
//! use alipay_client::sqlite::Database;
//! use alipay_client::web::notify_route;
//!
//! # fn app(client: Client) -> Result<axum::Router, Box<dyn std::error::Error>> {
//! let handler = Arc::new(NotificationHandler::new(client, Arc::new(Database::open("alipay.db")?)));
//! let app = axum::Router::new().route(
//!     "/alipay/notify",
//!     notify_route(handler, |n: VerifiedNotification| async move {
//!         // The business step, run once per notification: mark the order paid, ship it…
//!         println!("trade {:?} is {:?}", n.trade_no(), n.trade_status());
//!         Ok::<(), std::io::Error>(())
//!     }),
//! );
//! # Ok(app) }
//! ```
//!
//! The endpoint reads the POST body (a form, as Alipay sends it), runs
//! [`NotificationHandler::handle`] and answers its [`Handled::ack`] with HTTP 200: exactly
//! `success`, or `fail` (Alipay then delivers again later). A handler of your own can return the
//! [`Handled`] itself: it is an [`IntoResponse`].

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, post};

use crate::{Handled, NotificationHandler, VerifiedNotification};

/// HTTP 200 with the exact body Alipay expects ([`Handled::ack`]): `success` or `fail`, as plain
/// text.
impl IntoResponse for Handled {
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.ack(),
        )
            .into_response()
    }
}

/// A `POST` route for Alipay's notifications: each delivery is handled by `handler` with `step`
/// as the business step (run once per notification), and answered `success` or `fail`.
pub fn notify_route<S, F, Fut, E>(handler: Arc<NotificationHandler>, step: F) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    F: Fn(VerifiedNotification) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: fmt::Display + Send + 'static,
{
    post(move |body: Bytes| {
        let (handler, step) = (Arc::clone(&handler), step.clone());
        async move { handler.handle(&body, step).await }
    })
}
