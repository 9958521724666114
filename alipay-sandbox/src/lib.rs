//! A faithful local Alipay MAPI gateway: an HTTP server on loopback that behaves like
//! `https://mapi.alipay.com/gateway.do` for every service of the catalog (`alipay_services`), for testing
//! merchants' code and this toolkit's client.
//!
//! ```
//! use alipay_client::{Client, Config};
//! use alipay_services::sns_create_goods_ws::CreateGoods;
//! use alipay_core::sign::Md5Key;
//! use alipay_sandbox::{Sandbox, SandboxConfig};
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?; // 127.0.0.1, a free port
//! let me = sandbox.first_partner();
//! let goods = CreateGoods::example();
//! sandbox.admin().create_sns_user(&me.partner, &goods.sns_user_id, &goods.key);
//! let config = Config::md5(me.partner.parse()?, Md5Key::new(me.md5_key.as_str()))
//!     .gateway(sandbox.gateway_url())
//!     .build()?;
//! let created = Client::new(config)?.execute(&goods).await?; // signed, checked, stored, signed back
//! assert_eq!(created.outer_goods_id, goods.outer_goods_id);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The gateway
//!
//! `GET` or `POST /gateway.do`, UTF-8 or GBK, for every service of the catalog
//! (`alipay_services::visit`) and any a library author adds with [`Sandbox::builder`]
//! ([`SandboxBuilder::service`], one line per service), registered from the derive's metadata
//! (service name, kind, parameter table, `from_params`, response fields), plus `notify_verify`.
//! `sns.create.goods.ws`, `send_goods_confirm_by_platform`, `single_trade_query`, `close_trade`,
//! `refund_fastpay_by_platform_pwd` and the trade-creating page services have business logic, played for any declaration of that name;
//! any other API service answers its response struct's examples (its `example` attributes) (a request parameter of the same
//! name echoed; a bare `T` for `()`), any other page service its cashier page, and
//! [`SandboxBuilder::handler`] gives a service logic of its own. Page services answer HTML (the
//! cashier page, or an error page naming the code) in the request charset. Checks run in Alipay's order, with Alipay's codes: unknown service
//! `ILLEGAL_SERVICE`, unknown partner `ILLEGAL_PARTNER`, a sign type other than exactly `MD5`,
//! `RSA`, `RSA2`, `DSA` `ILLEGAL_SIGN_TYPE`, a charset other than `utf-8`/`gbk`/`gb2312` (any case)
//! `ILLEGAL_CHARSET`, a broken `%` escape or bytes invalid in the charset `ILLEGAL_ENCODING`, a
//! wrong signature `ILLEGAL_SIGN`, a parameter breaking the table's rules `ILLEGAL_ARGUMENT`. A
//! signed parameter the service does not declare (`payment_type`, `seller_email`, which widely
//! used clients add) is ignored, as Alipay ignores it, and noted in the request log; with
//! [`SandboxConfig::strict`] (`--strict`) it is `ILLEGAL_ARGUMENT`. A parameter repeated with
//! different values fails the check that reads it.
//!
//! Answers are the standard envelope, HTTP 200, in the request's charset (`encoding="utf-8"` or
//! `encoding="GBK"`): `<is_success>`, the `<request>` echo of every parameter but `sign` and
//! `sign_type`, the payload (`<goods>`, `<tradeBase>`, `<trade>`) with its children in the order
//! the response type declares them, and `<sign>`/`<sign_type>` over the payload by the response
//! signing rule, signed with the request's sign type: `MD5` with the partner's key, `RSA`/`RSA2`
//! with the sandbox's own "Alipay" key ([`PartnerCredentials::alipay_public_key_pem`]). `DSA`
//! requests get unsigned answers (the sandbox has no DSA key). Errors are
//! `<alipay><is_success>F</is_success><error>CODE</error></alipay>`. What a request *says* is
//! always answered with an envelope, as Alipay's gateway answers it, so a client that parses XML
//! gets a code: more than 256 parameters, or a `multipart/form-data` body that cannot be read, is
//! `ILLEGAL_ARGUMENT`. A POST body is read as parameters when it is url-encoded or
//! `multipart/form-data` (as the official demo's `buildRequestHttp` posts it); a body of another
//! type is not read, as a servlet leaves it: the query's parameters alone are the request, and the
//! request log says the body was ignored. Only the front web server's limits on the HTTP message
//! itself are HTTP statuses with a plain-text line, as a web server answers them before any gateway
//! sees the request: 400 (a body that breaks HTTP framing), 404 (another path), 405 (another
//! method), 408, 413 (a body over 64 KiB), 414 (a query over 32 KiB), 431 (a head over 80 KiB).
//!
//! Refunds: `refund_fastpay_by_platform_pwd` shows the seller the batch and asks for the payment
//! password (`123456` for every sandbox seller); `POST /cashier/refund` carries the batch out item by
//! item (partial refunds, never more than was paid, a full refund closes the trade) and notifies
//! `batch_refund_notify`; the codes and rules are in the module `services::refund` and
//! [`Admin::refunded`] tells how much of a trade was refunded.
//! `refund_fastpay_by_platform_nopwd` carries a batch out at once and answers `T`.
//!
//! Payouts: `batch_trans_notify` pays sandbox accounts ([`Admin::create_account`], [`Account`])
//! from the payer's (opened on first use), item by item, after the payer's password
//! (`POST /cashier/payout`), and notifies `success_details` / `fail_details`. Cross-border:
//! `create_forex_trade` prices a trade in its currency (or in RMB at [`EXCHANGE_RATES`]) and
//! `forex_refund` refunds it.
//!
//! The account log: every payment that reaches a seller (with the sandbox's fee,
//! [`FEE_RATE_PER_MILLE`] ‰), every refund (returning the fee in proportion) and every payout item
//! is an entry ([`LedgerEntry`], [`Admin::ledger`]), which `account.page.query` pages through;
//! cross-border trades settle outside the RMB account and are not in it.
//!
//! Face-to-face payment (`alipay.acquire.*`): a payment code pays at once (test codes ending in
//! `1111`, `2222`, `3333` wait for the buyer, fail, or name no buyer), a precreated QR code is a
//! sandbox page (`GET /cashier/scan?trade_no=…`) that plays the buyer's phone; query, cancel and
//! refund follow the rules in the module `services::acquire`.
//!
//! Services: `close_trade` closes a partner's trade waiting for payment (or a COD trade waiting to
//! ship), found by `trade_no` or `out_order_no`, else `TRADE_STATUS_NOT_AVAILD` / `TRADE_NOT_EXIST`;
//! `create_partner_trade_by_buyer` (escrow), `create_direct_pay_by_user` (instant) and
//! `trade_create_by_buyer` (dual: the buyer chooses) create the trade `WAIT_BUYER_PAY` (or show the
//! existing one of that `out_trade_no`) and answer the cashier page, whose pay button
//! (`POST /cashier/pay`, a plain form) pays it (`WAIT_SELLER_SEND_GOODS`, or `TRADE_SUCCESS` for
//! instant payment; a dual trade's two buttons pay it as escrow or as an instant payment,
//! `TRADE_FINISHED`), sends the browser back to
//! `return_url` with the signed return and notifies `notify_url`; paying again changes nothing; its
//! cancel button (`POST /cashier/cancel`) changes nothing and goes back to `show_url`/`return_url`;
//! goods are stored per partner and `outer_goods_id` (`GOODS_EXISTS_ERROR` on a repeat,
//! `ILLEGAL_USER_KEY` for an SNS user or key not registered with [`Admin::create_sns_user`]);
//! escrow and COD trades follow docs/protocol.md's state machine (`TRADE_NOT_EXIST` also for another
//! partner's trade, `TRADE_STATUS_NOT_AVAILD` for a wrong state or an instant-payment trade, a
//! repeat on `WAIT_BUYER_CONFIRM_GOODS` answers `T`); shipping notifies the trade's `notify_url`
//! on Alipay's schedule until the merchant answers exactly `success`, and `notify_verify` answers
//! `true` for a notify id sent to that partner within the last minute. The time factor of
//! [`SandboxConfig`] scales the schedule and the minute.
//!
//! # Notifications: when they come, and how to test the hard cases
//!
//! A notification is POSTed to `notify_url` as soon as the change happens — usually *before* the
//! merchant's `execute` (which caused it) has returned, as Alipay may. A merchant's business step
//! must therefore not assume the order's state was written after `execute`: write the state the
//! notification carries idempotently (keyed by the trade number), and have the code after
//! `execute` write only what the notification would not overwrite.
//!
//! Deliveries follow Alipay's schedule: at once, then after 4 min, 10 min, 10 min, 1 h, 2 h, 6 h
//! and 15 h (8 deliveries at most), until the body is exactly `success`. Each delivery has a fresh
//! `notify_id` (base64-like, with `/` and `+`) and `notify_time`; `notify_verify` answers `true`
//! for it for one minute. [`SandboxConfig::time_factor`] (`--time-factor`) scales the schedule and
//! that minute; [`SandboxConfig::notify_id_factor`] (`--notify-id-factor`) scales the minute alone,
//! so re-sends can be fast while an id stays valid through a breakpoint.
//!
//! Controls for tests, in [`Admin`], the HTTP admin API and `alipay sandbox` flags:
//! - [`Admin::redeliver`] (`POST /admin/trades/{trade_no}/redeliver`): deliver a trade's newest
//!   notification again now, acknowledged or not — the merchant's step must not run twice.
//! - [`FaultRule`]s (`--fault RULE`, `/admin/faults/rules`): the next matching requests (of a
//!   service, about a trade) lose their answer (`drop`, `timeout`), get it a second late (`slow`:
//!   after the handler, the notification arrives before the answer), or get `RETRY` /
//!   `SYSTEM_ERROR`, *before* the handler (nothing changes) or *after* it (the change is applied,
//!   then the answer lost or replaced: the client cannot tell whether it happened, which is what
//!   its retry rule and the call log are for).
//! - [`Faults`]: random rates of the same, before the handler, for soak tests.
//! - [`Admin::pay`] (`POST /admin/trades/{trade_no}/pay`): the buyer pays a trade a page service
//!   opened, without a browser: the same as the cashier's pay button, with the signed return URL.
//! - [`Admin::confirm_receipt`] (`POST /admin/trades/{trade_no}/confirm`): the buyer confirms
//!   receipt of a shipped trade, which finishes it (`TRADE_FINISHED`, notified); a buyer in a
//!   browser does it from `GET /cashier/trade?trade_no=…`.
//! - The escrow timeouts run on the same scaled clock: an unpaid page trade closes
//!   (`TRADE_CLOSED`) after its `it_b_pay` (else 15 days); a shipped trade the buyer does not
//!   confirm finishes (`TRADE_FINISHED`) after 10 days, or, shipped by `POST`, its `t_b_rec_post`
//!   (else 30 days); each is notified. The defaults are the sandbox's choice (no document gives
//!   them).
//! - [`Admin::wait_for_deliveries`]: wait until a trade's notification reached your endpoint (and
//!   see what it answered).
//!
//! # The admin API
//!
//! [`Sandbox::admin`] gives an in-process [`Admin`]; the same operations answer over HTTP on the
//! same port, to loopback clients only, in JSON:
//!
//! | request | body | answer |
//! |---|---|---|
//! | `POST /admin/partners` | none | 201, the new partner's credentials |
//! | `POST /admin/partners/{partner}/dsa_key` | `{"public_key_pem"}` | 204 |
//! | `POST /admin/sns_users` | `{"partner", "sns_user_id", "key"}` | 201 |
//! | `POST /admin/trades` | `{"partner", "out_trade_no", "total_fee", "kind"?, "status"?, "notify_url"?, "trade_no"?}` | 201, the trade |
//! | `GET /admin/trades/{trade_no}` | | 200, the trade |
//! | `PUT /admin/trades/{trade_no}/status` | `{"status"}` | 200, the trade |
//! | `POST /admin/trades/{trade_no}/pay` | none, or `{"payment": "escrow"/"instant"}` (a dual trade) | 200, `{"trade", "return_url"}` (the buyer paid, as at the cashier; `return_url` is where the browser would go, with the signed return); 409 when it is not `WAIT_BUYER_PAY` |
//! | `POST /admin/trades/{trade_no}/confirm` | none | 200, the trade, now `TRADE_FINISHED` (the buyer confirmed receipt; notified); 409 when it is not `WAIT_BUYER_CONFIRM_GOODS` |
//! | `POST /admin/trades/{trade_no}/redeliver` | none | 202, `{"trade_no", "notification"}` (its newest notification, delivered again now) |
//! | `GET /admin/requests` | | 200, the received requests (the latest 4096, at most 8 MiB of text) |
//! | `GET /admin/notifications` | | 200, every notification delivery attempt |
//! | `GET`, `PUT /admin/faults` | `{"retry_rate"?, "system_error_rate"?, "latency_ms"?, "drop_rate"?}` | 200, the faults |
//! | `GET /admin/faults/rules` | | 200, the scripted faults still to strike |
//! | `POST /admin/faults/rules` | `{"when": "before"/"after", "action": "drop"/"timeout"/"slow"/"retry"/"system_error", "service"?, "trade"?, "times"?}` | 201, the scripted faults |
//! | `DELETE /admin/faults/rules` | | 204 |
//!
//! `total_fee` is yuan as text (`"0.01"`); `kind` is `escrow` (default), `cod` or `instant`;
//! `status` a trade status (default `WAIT_SELLER_SEND_GOODS`); times are milliseconds since the
//! Unix epoch, or Beijing `yyyy-MM-dd HH:mm:ss` text in trades. Unknown JSON fields are refused.
//! Errors are `{"error": "…"}` with 400, 404, 405, 409 (already exists) or 500.
//!
//! # Faults and state
//!
//! [`Faults`] injects `RETRY`, `SYSTEM_ERROR`, added latency and dropped connections into gateway
//! requests, drawn from a generator seeded by [`SandboxConfig::seed`]. State lives in memory, or in
//! an SQLite file ([`SandboxConfig::state`], made readable by its owner only) that keeps partners
//! and keys (the same first partner on every start), SNS users, goods, trades, refund and payout
//! batches, accounts, the account log, merchant QR codes, the orders page services opened trades
//! with, notification deliveries and pending
//! notifications, which resume on the next start.

mod admin;
mod cashier;
mod config;
mod deadlines;
mod envelope;
mod error;
mod faults;
#[doc(hidden)]
pub mod fuzz;
mod gateway;
mod http_io;
mod keys;
mod model;
mod notification;
mod notify_sender;
mod payment;
mod receipt;
mod registry;
mod request;
mod sandbox;
mod server;
mod services;
mod state;
mod timeouts;
mod world;

pub use admin::Admin;
/// The same types as `alipay_core::types::{Amount, TradeStatus}` (re-exported for trades).
pub use alipay_core::types::{Amount, TradeStatus};
pub use config::{FaultAction, FaultRule, FaultWhen, Faults, SandboxConfig};
pub use error::SandboxError;
pub use keys::PartnerCredentials;
pub use model::{
    NewTrade, Payment, ReceivedRequest, SandboxTrade, SentNotification, Shipment, TradeKind,
};
pub use registry::Context;
pub use sandbox::{Sandbox, SandboxBuilder};
pub use services::forex::RATES as EXCHANGE_RATES;
pub use state::{Account, FEE_RATE_PER_MILLE, LedgerEntry, Movement, fee_of};
