//! An example merchant service: ships paid escrow trades and handles Alipay's notifications.
//!
//! - `POST /orders/{trade_no}/ship` ships a trade with `send_goods_confirm_by_platform` (RSA2).
//! - `POST /alipay/notify` is Alipay's `notify_url`: each notification is verified, its business
//!   step runs once (SQLite de-duplication, or PostgreSQL with `ALIPAY_DATABASE_URL`), and the
//!   answer is exactly `success` or `fail`.
//! - `GET /orders/{trade_no}` shows what the shop knows of an order.
//! - `GET /checkout?out_trade_no=…&subject=…` is the buyer's checkout page: an escrow order
//!   (`create_partner_trade_by_buyer`) as the signed form that sends the browser to Alipay's
//!   cashier, served in the request's charset (a GBK form in a UTF-8 page would be re-encoded by
//!   the browser and fail the signature).
//! - `GET /alipay/return` is the `return_url` the cashier sends the buyer back to: the return is
//!   verified (signature) and shown; the shop acts on the notification, not on the return.
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

use alipay::Charset;
use alipay::client::web::notify_route;
use alipay::client::{Client, Error, NotificationHandler, VerifiedNotification};
use alipay::error::ErrorCode;
use alipay::page::Method;
use alipay::services::create_partner_trade_by_buyer::{
    CreatePartnerTradeByBuyer, CreatePartnerTradeByBuyerReturn,
};
use alipay::services::send_goods_confirm_by_platform::SendGoodsConfirm;
use alipay::services::single_trade_query::SingleTradeQuery;
use alipay::types::{Amount, HttpUrl, TradeStatus, TransportType};
use axum::Router;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
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

    /// The checkout page of an escrow order: the signed `create_partner_trade_by_buyer` form
    /// (POST) and a button that submits it, in the client's charset. `base` is the shop's own
    /// URL, for `notify_url`, `return_url` and `show_url`.
    pub fn checkout_page(&self, base: &str, checkout: &Checkout) -> Result<Response, Error> {
        let url = |path: &str| HttpUrl::parse(&format!("{base}{path}")).ok();
        let order = CreatePartnerTradeByBuyer {
            notify_url: url("/alipay/notify"),
            return_url: url("/alipay/return"),
            show_url: url("/checkout/cancelled"),
            out_trade_no: checkout.out_trade_no.clone(),
            subject: checkout.subject.clone(),
            payment_type: "1".to_owned(),
            logistics_type: "EXPRESS".to_owned(),
            logistics_fee: Amount::ZERO,
            logistics_payment: "SELLER_PAY".to_owned(),
            price: Amount::from_fen(1),
            quantity: 1,
            seller_email: "seller@example.com".to_owned(),
            total_fee: None,
            discount: None,
            body: None,
            // The rest (the buyer's address, …) as the document's example.
            ..CreatePartnerTradeByBuyer::example()
        };
        let form = self.client.page_form(&order, Method::Post)?;
        let charset = self.client.config().charset();
        let html = format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>Checkout</title></head>\n\
             <body><h1>Order {}</h1><p>{}, 0.01 yuan</p>\n{form}\n\
             <button id=\"pay-with-alipay\" form=\"{}\" type=\"submit\">Pay with Alipay</button>\n\
             </body></html>\n",
            escape(&checkout.out_trade_no),
            escape(&checkout.subject),
            alipay::page::FORM_ID,
            charset = charset.as_str(),
        );
        // The page's bytes in its charset, which the browser then encodes the form in.
        let body = match charset.encode(&html) {
            Ok(bytes) => bytes.into_owned(),
            Err(e) => return Ok((StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()),
        };
        Ok((
            [(
                header::CONTENT_TYPE,
                format!("text/html; charset={}", charset.as_str()),
            )],
            body,
        )
            .into_response())
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

/// The checkout page's query: the merchant's order number and what is bought.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Checkout {
    /// The merchant's order number (`out_trade_no`).
    pub out_trade_no: String,
    /// What the buyer pays for (`subject`).
    pub subject: String,
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
        .route("/checkout", get(checkout))
        .route("/checkout/cancelled", get(cancelled))
        .route("/alipay/return", get(returned))
        .with_state(shop)
}

async fn ship(State(shop): State<Arc<Shop>>, Path(trade_no): Path<String>) -> (StatusCode, String) {
    match shop.ship(&trade_no).await {
        Ok(status) => (StatusCode::OK, status.to_string()),
        Err(e) => (StatusCode::BAD_GATEWAY, e.to_string()),
    }
}

async fn checkout(
    State(shop): State<Arc<Shop>>,
    headers: HeaderMap,
    Query(order): Query<Checkout>,
) -> Response {
    // The shop's own URL for notify_url, return_url and show_url, taken here from the request's
    // Host for the example's sake. A real shop uses its configured public URL: the Host header is
    // the client's to choose, and the signed form would carry the client's URLs.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    match shop.checkout_page(&format!("http://{host}"), &order) {
        Ok(page) => page,
        Err(e) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    }
}

async fn cancelled() -> Html<&'static str> {
    Html("<!DOCTYPE html>\n<html><body><h1 id=\"cancelled\">Payment cancelled</h1></body></html>\n")
}

/// The buyer back from the cashier: show the verified return. It only says the page is genuine;
/// the order moves on the notification.
async fn returned(
    State(shop): State<Arc<Shop>>,
    RawQuery(query): RawQuery,
) -> (StatusCode, Html<String>) {
    let query = query.unwrap_or_default();
    match shop
        .client
        .verify_return::<CreatePartnerTradeByBuyerReturn>(&query)
    {
        Ok(back) => (
            StatusCode::OK,
            Html(format!(
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Paid</title></head><body>\
                 <h1 id=\"paid\">Thank you</h1><p>Trade <span id=\"trade_no\">{}</span> \
                 (<span id=\"subject\">{}</span>): <span id=\"trade_status\">{}</span></p></body></html>\n",
                escape(&back.trade_no),
                escape(&back.subject),
                back.trade_status
            )),
        ),
        Err(e) => (
            StatusCode::BAD_REQUEST,
            Html(format!(
                "<!DOCTYPE html>\n<html><body><h1 id=\"refused\">Not a genuine return</h1><p>{}</p></body></html>\n",
                escape(&e.to_string())
            )),
        ),
    }
}

/// `text` escaped for HTML text and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
    rsa2_client_in(partner, gateway, Charset::Utf8)
}

/// [`rsa2_client`], sending requests in `charset` (UTF-8 or GBK).
pub fn rsa2_client_in(
    partner: &alipay::sandbox::PartnerCredentials,
    gateway: &str,
    charset: Charset,
) -> Result<Client, Box<dyn std::error::Error + Send + Sync>> {
    use alipay::sign::{PrivateKey, PublicKey, Signer};
    let signer = Signer::rsa2(PrivateKey::parse(&partner.merchant_private_key_pem)?)?;
    let config = alipay::Config::builder(partner.partner.parse()?, signer)
        .alipay_public_key(PublicKey::parse(&partner.alipay_public_key_pem)?)
        .gateway(gateway)
        .charset(charset)
        .build()?;
    Ok(Client::new(config)?)
}
