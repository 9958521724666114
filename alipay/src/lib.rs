//! A Rust SDK for Alipay's MAPI gateway (`https://mapi.alipay.com/gateway.do`).
//!
//! This crate is the one a merchant depends on; it re-exports the layers below it:
//!
//! | path | crate | what it is |
//! |---|---|---|
//! | [`Client`], [`Config`], [`client`] | `alipay-client` (feature `client`) | calls with retries, notifications exactly once, the call log (memory, SQLite, or PostgreSQL with feature `postgres`) |
//! | [`services`] | `alipay-services` (feature `services`) | the catalog: one module per declared service |
//! | [`Request`], [`Response`], [`sign`], [`xml`], … | `alipay-core` | the protocol: signing string, signers and verifiers, charsets, the form codec, the XML envelope, error codes, typed wire values, the service traits and their derives |
//! | `sandbox` | `alipay-sandbox` (feature `sandbox`) | a local MAPI gateway playing Alipay, for tests |
//!
//! ```no_run
//! use alipay::services::sns_create_goods::CreateGoods;
//! use alipay::sign::Md5Key;
//! use alipay::{Client, Config};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = Config::md5("2088002464631181".parse()?, Md5Key::new("your md5 key")).build()?;
//! let client = Client::new(config)?; // cheap to clone; share one per process
//! let goods = client.execute(&CreateGoods::example()).await?; // validate → sign → send → verify → typed
//! println!("goods {} valid until {}", goods.goods_id, goods.valid_time);
//! # Ok(()) }
//! ```
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
    Charset, ErrorCode, GATEWAY, Notification, Request, Response, SignType, canonical, catalog,
    charset, error, form, notify, page, request, service, sign, types, wire_enum, xml,
};

/// The protocol layer, `alipay-core`, whole (the derives' generated code reaches it here).
pub use alipay_core as core;

/// The catalog of declared services (`alipay-services`).
#[cfg(feature = "services")]
pub use alipay_services as services;

/// The client (`alipay-client`).
#[cfg(feature = "client")]
pub use alipay_client as client;
#[cfg(feature = "client")]
pub use alipay_client::{Client, Config, NotificationHandler, Verified};

/// Spec tables as data: load, hold a declaration to its spec, import, scaffold (`alipay-spec`).
#[cfg(feature = "spec")]
pub use alipay_spec as spec;

/// The local MAPI gateway for tests (`alipay-sandbox`).
#[cfg(feature = "sandbox")]
pub use alipay_sandbox as sandbox;
