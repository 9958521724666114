//! A Rust SDK for Alipay's MAPI gateway (`https://mapi.alipay.com/gateway.do`): call its services,
//! send buyers to its pages, and take its notifications exactly once.
//!
//! # A merchant's first hour
//!
//! Configure a client once, call services with typed requests, and answer Alipay's notifications
//! (with feature `axum`, `alipay::client::web::notify_route` is the whole notify endpoint):
//!
//! ```no_run
//! use std::sync::Arc;
//! use alipay::client::sqlite::Database;
//! use alipay::services::send_goods_confirm_by_platform::SendGoodsConfirm;
//! use alipay::sign::{PrivateKey, PublicKey, Signer};
//! use alipay::{Client, Config, NotificationHandler};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // RSA2: your private key signs, Alipay's public key checks answers and notifications.
//! let signer = Signer::rsa2(PrivateKey::parse(&std::fs::read_to_string("merchant_private_key.pem")?)?)?;
//! let config = Config::builder("2088002464631181".parse()?, signer)
//!     .alipay_public_key(PublicKey::parse(&std::fs::read_to_string("alipay_public_key.pem")?)?)
//!     .build()?; // the gateway defaults to https://mapi.alipay.com/gateway.do
//! let db = Arc::new(Database::open("alipay.db")?); // call log + notification de-duplication
//! let client = Client::new(config)?.with_call_log(db.clone()); // cheap to clone: one per process
//!
//! // A call: validated, signed, sent, retried when safe, the answer's signature checked, typed.
//! let shipped = client.execute(&SendGoodsConfirm {
//!     trade_no: "2026120410000001".into(),
//!     logistics_name: "申通快递".into(),
//!     invoice_no: Some("TS00000001212".into()),
//!     transport_type: Some(alipay::types::TransportType::Express),
//!     create_transport_type: None,
//!     seller_ip: None,
//! }).await?;
//!
//! // A notification (the POST body Alipay sent to your notify_url): verified, and the business
//! // step run once however often, and however concurrently, Alipay delivers it.
//! let handler = NotificationHandler::new(client, db);
//! # let body: &[u8] = b"";
//! let handled = handler
//!     .handle(body, |n| async move {
//!         // Mark the order: write the status the notification carries, idempotently.
//!         println!("{:?} is now {:?}", n.trade_no(), n.trade_status());
//!         Ok::<(), std::io::Error>(())
//!     })
//!     .await;
//! let answer: &str = handled.ack(); // the HTTP body to answer: exactly "success", or "fail"
//! # let _ = (shipped, answer); Ok(()) }
//! ```
//!
//! Things to know on day one:
//! - **A notification can arrive before `execute` returns** (Alipay sends it as soon as the change
//!   happens): write order state so that either path may come first (only forward along the
//!   trade's life), never "set after the call".
//! - **Try it without an account**: feature `sandbox` runs a local Alipay (`alipay::sandbox`) with
//!   its own keys (`PartnerCredentials` holds the merchant key pair and "Alipay"'s public key for
//!   RSA2), a cashier page, notifications on Alipay's schedule, and faults to test the hard cases
//!   (an answer lost after the change was applied, a notification re-delivered on demand).
//!   `examples/merchant` is a whole axum service built this way, with its tests.
//! - **Several instances**: feature `postgres` shares the notification store and the call log
//!   (`alipay::client::postgres::PgStore`, `ALIPAY_DATABASE_URL`).
//! - The catalog (`alipay::services`) lists every declared service with its Rust types; the
//!   README's service table is generated from it.
//!
//! # The layers
//!
//! This crate is the one a merchant depends on; it re-exports the layers below it:
//!
//! | path | crate | what it is |
//! |---|---|---|
//! | [`Client`], [`Config`], [`client`] | `alipay-client` (feature `client`) | calls with retries, notifications exactly once, the call log (memory, SQLite, or PostgreSQL with feature `postgres`); axum glue with feature `axum` |
//! | [`services`] | `alipay-services` (feature `services`) | the catalog: one module per declared service |
//! | [`Request`], [`Response`], [`sign`], [`xml`], … | `alipay-core` | the protocol: signing string, signers and verifiers, charsets, the form codec, the XML envelope, error codes, typed wire values, the service traits and their derives |
//! | `sandbox` | `alipay-sandbox` (feature `sandbox`) | a local MAPI gateway playing Alipay, for tests |
//!
//! Features: `aws-lc`, `services`, `client`, `blocking`, `sqlite` (default); `postgres`, `axum`,
//! `serde` (`Serialize` on responses, notifications, wire values and error reports), `sandbox`,
//! `spec`.
//!
//! A service is declared with the derives, through this crate (they find the runtime by
//! themselves; `#[alipay(crate = "…")]` names it when the crate is renamed):
//!
//! ```
//! use alipay::service::Request as _;
//!
//! #[derive(Clone, alipay::Request)]
//! #[alipay(service = "single_trade_query", response = (), method = GET)]
//! pub struct Query {
//!     /// 支付宝交易号
//!     #[alipay(label = "支付宝交易号", ty = "String(64)", example = "2010073000030344")]
//!     pub trade_no: String,
//! }
//!
//! assert!(Query::example().validate().is_ok());
//! ```

pub use alipay_core::{
    Charset, ErrorCode, GATEWAY, ListItem, Notification, Request, Response, SignType, canonical,
    catalog, charset, error, form, notify, page, request, service, sign, types, wire_enum, xml,
};

/// The protocol layer, `alipay-core`, whole (the derives' generated code reaches it here).
pub use alipay_core as core;

/// The catalog of declared services (`alipay-services`).
#[cfg(feature = "services")]
pub use alipay_services as services;

/// The client (`alipay-client`).
#[cfg(feature = "client")]
pub use alipay_client as client;
/// The client's everyday types. `alipay::Error` is what a call fails with (transport, a bad
/// answer, or Alipay's refusal, whose code is an [`ErrorCode`] from [`alipay::error`](error), the
/// table of Alipay's codes).
#[cfg(feature = "client")]
pub use alipay_client::{Client, Config, Error, NotificationHandler, Verified};

/// Spec tables as data: load, hold a declaration to its spec, import, scaffold (`alipay-spec`).
#[cfg(feature = "spec")]
pub use alipay_spec as spec;

/// The local MAPI gateway for tests (`alipay-sandbox`).
#[cfg(feature = "sandbox")]
pub use alipay_sandbox as sandbox;
