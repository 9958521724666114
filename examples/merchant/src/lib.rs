//! An example merchant service: ships paid escrow trades and handles Alipay's notifications.
//!
//! - `POST /orders/{trade_no}/ship` ships a trade with `send_goods_confirm_by_platform` (RSA2).
//! - `POST /alipay/notify` is Alipay's `notify_url`: each notification is verified, its business
//!   step runs once (SQLite de-duplication, or PostgreSQL with `ALIPAY_DATABASE_URL`), and the
//!   answer is exactly `success` or `fail`.
//! - `GET /orders/{trade_no}` shows what the shop knows of an order.
//!
//! Two rules keep the order right whatever the timing:
//! - The notification of a change can arrive *before* the call that made it returns, so both
//!   paths write the trade status the same way: only forward along the trade's life
//!   ([`Shop::advance`]), never back.
//! - Shipping is idempotent for Alipay (a repeat on a shipped trade answers `T`), and the client
//!   repeats it after a lost answer by itself; a `TRADE_STATUS_NOT_AVAILD` answer is not retried
//!   but settled by asking the trade's state (`single_trade_query`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use alipay::client::web::notify_route;
use alipay::client::{Client, Error, NotificationHandler, VerifiedNotification};
use alipay::error::ErrorCode;
use alipay::services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay::services::single_trade_query::SingleTradeQuery;
use alipay::types::{TradeStatus, TransportType};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};

/// What the shop knows of one order, by Alipay trade number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Order {
    /// The furthest trade status seen (from a call's answer or a notification).
    pub status: Option<TradeStatus>,
    /// How many times the notification business step ran for this order.
    pub notification_steps: usize,
}

/// The shop: its Alipay client and its orders.
#[derive(Debug)]
pub struct Shop {
    client: Client,
    orders: Mutex<HashMap<String, Order>>,
    steps: AtomicUsize,
}

impl Shop {
    /// A shop calling Alipay with `client`.
    pub fn new(client: Client) -> Arc<Self> {
        Arc::new(Self {
            client,
            orders: Mutex::new(HashMap::new()),
            steps: AtomicUsize::new(0),
        })
    }

    /// The order of trade `trade_no`, if the shop has seen it.
    pub fn order(&self, trade_no: &str) -> Option<Order> {
        self.orders().get(trade_no).cloned()
    }

    /// How many notification business steps ran, over all orders.
    pub fn steps(&self) -> usize {
        self.steps.load(Ordering::SeqCst)
    }

    /// Records `status` for `trade_no` unless the order is already further along: a late answer
    /// never undoes what an earlier notification wrote.
    pub fn advance(&self, trade_no: &str, status: TradeStatus) {
        let mut orders = self.orders();
        let order = orders.entry(trade_no.to_owned()).or_default();
        if order
            .status
            .as_ref()
            .is_none_or(|now| rank(&status) >= rank(now))
        {
            order.status = Some(status);
        }
    }

    /// The notification business step: run once per notification by the handler.
    fn on_notification(&self, n: &VerifiedNotification) -> Result<(), String> {
        let trade_no = n.trade_no().ok_or("a notification without trade_no")?;
        let status = n
            .trade_status()
            .ok_or("a notification without trade_status")?;
        self.steps.fetch_add(1, Ordering::SeqCst);
        self.orders()
            .entry(trade_no.to_owned())
            .or_default()
            .notification_steps += 1;
        self.advance(trade_no, status);
        Ok(())
    }

    /// Ships trade `trade_no`; returns the trade status Alipay reports.
    pub async fn ship(&self, trade_no: &str) -> Result<TradeStatus, Error> {
        let request = SendGoodsConfirm {
            trade_no: trade_no.to_owned(),
            logistics_name: "申通快递".to_owned(),
            invoice_no: Some("TS00000001212".to_owned()),
            transport_type: Some(TransportType::Express),
            create_transport_type: None,
            seller_ip: None,
        };
        let status = match self.client.execute(&request).await {
            Ok(Some(trade)) => trade.trade_status,
            // Answered without payload, or the trade is in a state that cannot ship: ask.
            Ok(None) => self.query(trade_no).await?,
            Err(e) if e.code() == Some(&ErrorCode::TradeStatusNotAvaild) => {
                self.query(trade_no).await?
            }
            Err(e) => return Err(e),
        };
        self.advance(trade_no, status.clone());
        Ok(status)
    }

    async fn query(&self, trade_no: &str) -> Result<TradeStatus, Error> {
        let query = SingleTradeQuery {
            trade_no: Some(trade_no.to_owned()),
            out_trade_no: None,
        };
        Ok(self.client.execute(&query).await?.trade_status)
    }

    fn orders(&self) -> std::sync::MutexGuard<'_, HashMap<String, Order>> {
        self.orders.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Where a status is along an escrow trade's life (an unknown one ranks first, so it never
/// replaces a known later one).
fn rank(status: &TradeStatus) -> u8 {
    match status {
        TradeStatus::WaitBuyerPay => 1,
        TradeStatus::WaitSellerSendGoods => 2,
        TradeStatus::WaitBuyerConfirmGoods => 3,
        TradeStatus::TradeSuccess | TradeStatus::TradePending => 4,
        TradeStatus::TradeFinished | TradeStatus::TradeClosed => 5,
        _ => 0,
    }
}

/// The service's routes.
pub fn app(shop: Arc<Shop>, notifications: Arc<NotificationHandler>) -> Router {
    let on_notify = {
        let shop = Arc::clone(&shop);
        move |n: VerifiedNotification| {
            let shop = Arc::clone(&shop);
            async move { shop.on_notification(&n) }
        }
    };
    Router::new()
        .route("/orders/{trade_no}/ship", post(ship))
        .route("/orders/{trade_no}", get(show))
        .route("/alipay/notify", notify_route(notifications, on_notify))
        .with_state(shop)
}

async fn ship(State(shop): State<Arc<Shop>>, Path(trade_no): Path<String>) -> (StatusCode, String) {
    match shop.ship(&trade_no).await {
        Ok(status) => (StatusCode::OK, status.to_string()),
        Err(e) => (StatusCode::BAD_GATEWAY, e.to_string()),
    }
}

async fn show(State(shop): State<Arc<Shop>>, Path(trade_no): Path<String>) -> (StatusCode, String) {
    match shop.order(&trade_no) {
        Some(order) => (
            StatusCode::OK,
            format!(
                "{} (notification steps: {})",
                order.status.map_or_else(String::new, |s| s.to_string()),
                order.notification_steps
            ),
        ),
        None => (StatusCode::NOT_FOUND, "no such order".to_owned()),
    }
}

/// Signing with RSA2: the merchant's private key signs requests, Alipay's public key checks
/// answers and notifications. Against the sandbox, both come from its partner's credentials (it
/// generates the merchant's key pair and keeps its own "Alipay" key; `alipay sandbox --state F`
/// writes them to `F.merchant_private_key.pem` and `F.alipay_public_key.pem`); against Alipay, the
/// merchant's key is the one uploaded to the merchant portal and Alipay's is downloaded there.
pub fn rsa2_client(
    partner: &alipay::sandbox::PartnerCredentials,
    gateway: &str,
) -> Result<Client, Box<dyn std::error::Error + Send + Sync>> {
    use alipay::sign::{PrivateKey, PublicKey, Signer};
    let signer = Signer::rsa2(PrivateKey::parse(&partner.merchant_private_key_pem)?)?;
    let config = alipay::Config::builder(partner.partner.parse()?, signer)
        .alipay_public_key(PublicKey::parse(&partner.alipay_public_key_pem)?)
        .gateway(gateway)
        .build()?;
    Ok(Client::new(config)?)
}
