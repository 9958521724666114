//! The HTTP admin API under `/admin/`: JSON in, JSON out, loopback peers only. The endpoints are
//! listed in the crate documentation (one table, there); each calls the same [`Admin`] method as
//! in-process code, the strict `try_` variant where there is one.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use alipay_core::types::{Amount, TradeStatus};
use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};
use serde::{Deserialize, Serialize};

use super::Admin;
use crate::SandboxError;
use crate::config::{FaultRule, Faults};
use crate::http_io::{BodyError, HttpResponse, read_body, response};
use crate::keys::PartnerCredentials;
use crate::model::{NewTrade, ReceivedRequest, SandboxTrade, SentNotification, TradeKind};
use crate::world::World;

/// Answers one admin request.
pub(crate) async fn handle(world: &Arc<World>, request: Request<Incoming>) -> HttpResponse {
    let method = request.method().clone();
    let path = request.uri().path().trim_end_matches('/').to_owned();
    let body = match read_body(request).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => return error(StatusCode::PAYLOAD_TOO_LARGE, "body too large"),
        Err(BodyError::Timeout) => {
            return error(StatusCode::REQUEST_TIMEOUT, "body not received in time");
        }
        Err(BodyError::Broken) => return error(StatusCode::BAD_REQUEST, "broken body"),
    };
    let admin = Admin::new(Arc::clone(world));
    let segments: Vec<&str> = path.split('/').skip(2).collect();
    match route(&admin, &method, &segments, &body).await {
        Ok(answer) => answer,
        Err(Refused { status, message }) => error(status, &message),
    }
}

/// A refused admin request: the status and the message of `{"error": …}`.
struct Refused {
    status: StatusCode,
    message: String,
}

fn refuse(status: StatusCode, message: impl Into<String>) -> Refused {
    Refused {
        status,
        message: message.into(),
    }
}

type Answer = Result<HttpResponse, Refused>;

async fn route(admin: &Admin, method: &Method, segments: &[&str], body: &[u8]) -> Answer {
    match (method.as_str(), segments) {
        ("POST", ["partners"]) => {
            let admin = admin.clone();
            let created = tokio::task::spawn_blocking(move || admin.try_create_partner())
                .await
                .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
                .map_err(refused)?;
            Ok(json(StatusCode::CREATED, &CredentialsJson::from(&created)))
        }
        ("POST", ["partners", partner, "dsa_key"]) => {
            let input: DsaKeyJson = parse(body)?;
            admin
                .register_dsa_key(partner, &input.public_key_pem)
                .map_err(refused)?;
            Ok(response(StatusCode::NO_CONTENT, "text/plain", ""))
        }
        ("POST", ["sns_users"]) => {
            let input: SnsUserJson = parse(body)?;
            admin
                .try_create_sns_user(&input.partner, &input.sns_user_id, &input.key)
                .map_err(refused)?;
            Ok(json(StatusCode::CREATED, &serde_json::json!({})))
        }
        ("POST", ["trades"]) => {
            let input: NewTradeJson = parse(body)?;
            let trade = admin.try_create_trade(input.into_new()?).map_err(refused)?;
            Ok(json(StatusCode::CREATED, &TradeJson::from(&trade)))
        }
        ("GET", ["trades", trade_no]) => match admin.trade(trade_no) {
            Some(trade) => Ok(json(StatusCode::OK, &TradeJson::from(&trade))),
            None => Err(refuse(StatusCode::NOT_FOUND, "no such trade")),
        },
        ("PUT", ["trades", trade_no, "status"]) => {
            let input: StatusJson = parse(body)?;
            let status = parse_status(&input.status)?;
            if admin.trade(trade_no).is_none() {
                return Err(refuse(StatusCode::NOT_FOUND, "no such trade"));
            }
            let trade = admin
                .try_set_trade_status(trade_no, status)
                .map_err(refused)?;
            Ok(json(StatusCode::OK, &TradeJson::from(&trade)))
        }
        ("POST", ["trades", trade_no, "redeliver"]) => {
            if admin.trade(trade_no).is_none() {
                return Err(refuse(StatusCode::NOT_FOUND, "no such trade"));
            }
            let job = admin.redeliver(trade_no).map_err(refused)?;
            Ok(json(
                StatusCode::ACCEPTED,
                &serde_json::json!({ "trade_no": trade_no, "notification": job }),
            ))
        }
        ("POST", ["trades", trade_no, "pay"]) => {
            let Some(trade) = admin.trade(trade_no) else {
                return Err(refuse(StatusCode::NOT_FOUND, "no such trade"));
            };
            if trade.status != TradeStatus::WaitBuyerPay {
                return Err(refuse(
                    StatusCode::CONFLICT,
                    format!("the trade is {}, not WAIT_BUYER_PAY", trade.status),
                ));
            }
            let input: PayJson = if body.iter().all(u8::is_ascii_whitespace) {
                PayJson::default()
            } else {
                parse(body)?
            };
            let paid = match input.payment.as_deref() {
                None | Some("escrow") => admin.pay(trade_no),
                Some("instant") => admin.pay_instant(trade_no),
                Some(other) => {
                    return Err(refuse(
                        StatusCode::BAD_REQUEST,
                        format!("payment {other:?} is not escrow or instant"),
                    ));
                }
            }
            .map_err(refused)?;
            Ok(json(
                StatusCode::OK,
                &serde_json::json!({
                    "trade": TradeJson::from(&paid.trade),
                    "return_url": paid.return_url,
                }),
            ))
        }
        ("POST", ["trades", trade_no, "confirm"]) => {
            let Some(trade) = admin.trade(trade_no) else {
                return Err(refuse(StatusCode::NOT_FOUND, "no such trade"));
            };
            if trade.status != TradeStatus::WaitBuyerConfirmGoods {
                return Err(refuse(
                    StatusCode::CONFLICT,
                    format!(
                        "the trade is {}, not WAIT_BUYER_CONFIRM_GOODS",
                        trade.status
                    ),
                ));
            }
            let trade = admin.confirm_receipt(trade_no).map_err(refused)?;
            Ok(json(StatusCode::OK, &TradeJson::from(&trade)))
        }
        ("GET", ["requests"]) => {
            let requests = admin.requests();
            let requests: Vec<RequestJson> = requests.iter().map(RequestJson::from).collect();
            Ok(json(StatusCode::OK, &requests))
        }
        ("GET", ["notifications"]) => {
            let sent = admin.notifications();
            let sent: Vec<NotificationJson> = sent.iter().map(NotificationJson::from).collect();
            Ok(json(StatusCode::OK, &sent))
        }
        ("GET", ["faults"]) => Ok(json(StatusCode::OK, &FaultsJson::from(admin.faults()))),
        ("PUT", ["faults"]) => {
            let input: FaultsJson = parse(body)?;
            let faults = Faults::from(input);
            admin.try_set_faults(faults).map_err(refused)?;
            Ok(json(StatusCode::OK, &FaultsJson::from(faults)))
        }
        ("GET", ["faults", "rules"]) => Ok(json(StatusCode::OK, &rules_json(admin))),
        ("POST", ["faults", "rules"]) => {
            let input: FaultRuleJson = parse(body)?;
            admin.add_fault(input.into_rule()?);
            Ok(json(StatusCode::CREATED, &rules_json(admin)))
        }
        ("DELETE", ["faults", "rules"]) => {
            admin.clear_faults();
            Ok(response(StatusCode::NO_CONTENT, "text/plain", ""))
        }
        (
            _,
            ["faults", "rules"]
            | ["partners"]
            | ["partners", _, "dsa_key"]
            | ["sns_users"]
            | ["trades"]
            | ["trades", _]
            | ["trades", _, "status"]
            | ["trades", _, "redeliver"]
            | ["trades", _, "confirm"]
            | ["trades", _, "pay"]
            | ["requests"]
            | ["notifications"]
            | ["faults"],
        ) => Err(refuse(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")),
        _ => Err(refuse(StatusCode::NOT_FOUND, "no such admin endpoint")),
    }
}

fn json(status: StatusCode, value: &impl Serialize) -> HttpResponse {
    match serde_json::to_vec(value) {
        Ok(body) => response(status, "application/json", body),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

fn error(status: StatusCode, message: &str) -> HttpResponse {
    let body = serde_json::json!({ "error": message }).to_string();
    response(status, "application/json", body)
}

fn refused(e: SandboxError) -> Refused {
    let status = match e {
        SandboxError::UnknownPartner(_) => StatusCode::NOT_FOUND,
        SandboxError::Exists(_) => StatusCode::CONFLICT,
        SandboxError::Invalid(_) | SandboxError::Key(_) | SandboxError::Config(_) => {
            StatusCode::BAD_REQUEST
        }
        SandboxError::State(_) | SandboxError::Bind { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    };
    refuse(status, e.to_string())
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, Refused> {
    serde_json::from_slice(body)
        .map_err(|e| refuse(StatusCode::BAD_REQUEST, format!("bad JSON: {e}")))
}

fn parse_status(text: &str) -> Result<TradeStatus, Refused> {
    match text.parse::<TradeStatus>() {
        Ok(status) if status.is_known() => Ok(status),
        // A client reads unknown states; the sandbox only plays the ones it knows.
        Ok(status) => Err(refuse(
            StatusCode::BAD_REQUEST,
            format!(
                "status: the sandbox does not play {status}: write one of {}",
                TradeStatus::KNOWN.join(", ")
            ),
        )),
        Err(e) => Err(refuse(StatusCode::BAD_REQUEST, format!("status: {e}"))),
    }
}

fn millis(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[derive(Serialize)]
struct CredentialsJson<'a> {
    partner: &'a str,
    md5_key: &'a str,
    merchant_private_key_pem: &'a str,
    merchant_public_key_pem: &'a str,
    alipay_public_key_pem: &'a str,
}

impl<'a> From<&'a PartnerCredentials> for CredentialsJson<'a> {
    fn from(c: &'a PartnerCredentials) -> Self {
        Self {
            partner: &c.partner,
            md5_key: &c.md5_key,
            merchant_private_key_pem: &c.merchant_private_key_pem,
            merchant_public_key_pem: &c.merchant_public_key_pem,
            alipay_public_key_pem: &c.alipay_public_key_pem,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DsaKeyJson {
    public_key_pem: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnsUserJson {
    partner: String,
    sns_user_id: String,
    key: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewTradeJson {
    partner: String,
    out_trade_no: String,
    total_fee: String,
    kind: Option<String>,
    status: Option<String>,
    notify_url: Option<String>,
    trade_no: Option<String>,
}

impl NewTradeJson {
    fn into_new(self) -> Result<NewTrade, Refused> {
        let total_fee = Amount::parse(&self.total_fee)
            .map_err(|e| refuse(StatusCode::BAD_REQUEST, format!("total_fee: {e}")))?;
        let kind = match self.kind {
            Some(kind) => kind.parse::<TradeKind>().map_err(refused)?,
            None => TradeKind::Escrow,
        };
        let status = match self.status {
            Some(status) => parse_status(&status)?,
            None => TradeStatus::WaitSellerSendGoods,
        };
        Ok(NewTrade {
            partner: self.partner,
            out_trade_no: self.out_trade_no,
            total_fee,
            kind,
            status,
            notify_url: self.notify_url,
            trade_no: self.trade_no,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusJson {
    status: String,
}

#[derive(Serialize)]
struct ShipmentJson<'a> {
    logistics_name: &'a str,
    invoice_no: Option<&'a str>,
    transport_type: Option<&'static str>,
    time: String,
}

#[derive(Serialize)]
struct TradeJson<'a> {
    trade_no: &'a str,
    out_trade_no: &'a str,
    partner: &'a str,
    total_fee: String,
    kind: &'static str,
    status: &'a str,
    notify_url: Option<&'a str>,
    buyer_user_id: &'a str,
    create_time: String,
    last_modified_time: String,
    shipment: Option<ShipmentJson<'a>>,
}

impl<'a> From<&'a SandboxTrade> for TradeJson<'a> {
    fn from(t: &'a SandboxTrade) -> Self {
        Self {
            trade_no: &t.trade_no,
            out_trade_no: &t.out_trade_no,
            partner: &t.partner,
            total_fee: t.total_fee.to_string(),
            kind: t.kind.as_str(),
            status: t.status.as_str(),
            notify_url: t.notify_url.as_deref(),
            buyer_user_id: &t.buyer_user_id,
            create_time: t.create_time.to_string(),
            last_modified_time: t.last_modified_time.to_string(),
            shipment: t.shipment.as_ref().map(|s| ShipmentJson {
                logistics_name: &s.logistics_name,
                invoice_no: s.invoice_no.as_deref(),
                transport_type: s.transport_type.map(|t| t.as_str()),
                time: s.time.to_string(),
            }),
        }
    }
}

#[derive(Serialize)]
struct RequestJson<'a> {
    time_ms: u64,
    method: &'a str,
    service: Option<&'a str>,
    params: &'a [(String, String)],
    signing_string: Option<&'a str>,
    detail: Option<&'a str>,
    answer: &'a str,
}

impl<'a> From<&'a ReceivedRequest> for RequestJson<'a> {
    fn from(r: &'a ReceivedRequest) -> Self {
        Self {
            time_ms: millis(r.time),
            method: &r.method,
            service: r.service.as_deref(),
            params: &r.params,
            signing_string: r.signing_string.as_deref(),
            detail: r.detail.as_deref(),
            answer: &r.answer,
        }
    }
}

#[derive(Serialize)]
struct NotificationJson<'a> {
    trade_no: &'a str,
    partner: &'a str,
    notify_url: &'a str,
    notify_id: &'a str,
    attempt: u32,
    time_ms: u64,
    params: &'a [(String, String)],
    status: Option<u16>,
    answer: Option<&'a str>,
    error: Option<&'a str>,
    acknowledged: bool,
}

impl<'a> From<&'a SentNotification> for NotificationJson<'a> {
    fn from(n: &'a SentNotification) -> Self {
        Self {
            trade_no: &n.trade_no,
            partner: &n.partner,
            notify_url: &n.notify_url,
            notify_id: &n.notify_id,
            attempt: n.attempt,
            time_ms: millis(n.time),
            params: &n.params,
            status: n.status,
            answer: n.answer.as_deref(),
            error: n.error.as_deref(),
            acknowledged: n.acknowledged,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsJson {
    #[serde(default)]
    retry_rate: f64,
    #[serde(default)]
    system_error_rate: f64,
    #[serde(default)]
    latency_ms: u64,
    #[serde(default)]
    drop_rate: f64,
}

/// A scripted fault: `{"when": "after", "action": "drop", "service": "…", "trade": "…",
/// "times": 1}` (`service`, `trade` and `times` optional).
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct FaultRuleJson {
    when: String,
    action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trade: Option<String>,
    #[serde(default = "one")]
    times: u32,
}

fn one() -> u32 {
    1
}

impl FaultRuleJson {
    fn into_rule(self) -> Result<FaultRule, Refused> {
        let mut text = format!("{}:{}", self.when, self.action);
        for (name, value) in [("service", &self.service), ("trade", &self.trade)] {
            if let Some(value) = value {
                if value.is_empty() || value.contains(':') {
                    return Err(refuse(
                        StatusCode::BAD_REQUEST,
                        format!("{name} must be non-empty, without ':'"),
                    ));
                }
                text.push_str(&format!(":{name}={value}"));
            }
        }
        text.push_str(&format!(":times={}", self.times));
        text.parse::<FaultRule>()
            .map_err(|e| refuse(StatusCode::BAD_REQUEST, e.to_string()))
    }
}

impl From<&FaultRule> for FaultRuleJson {
    fn from(r: &FaultRule) -> Self {
        Self {
            when: r.when.as_str().to_owned(),
            action: r.action.as_str().to_owned(),
            service: r.service.clone(),
            trade: r.trade.clone(),
            times: r.times,
        }
    }
}

fn rules_json(admin: &Admin) -> Vec<FaultRuleJson> {
    admin
        .fault_rules()
        .iter()
        .map(FaultRuleJson::from)
        .collect()
}

impl From<Faults> for FaultsJson {
    fn from(f: Faults) -> Self {
        Self {
            retry_rate: f.retry_rate,
            system_error_rate: f.system_error_rate,
            latency_ms: u64::try_from(f.latency.as_millis()).unwrap_or(u64::MAX),
            drop_rate: f.drop_rate,
        }
    }
}

impl From<FaultsJson> for Faults {
    fn from(f: FaultsJson) -> Self {
        Self {
            retry_rate: f.retry_rate,
            system_error_rate: f.system_error_rate,
            latency: std::time::Duration::from_millis(f.latency_ms),
            drop_rate: f.drop_rate,
        }
    }
}

/// `POST /admin/trades/{trade_no}/pay`'s optional body: how a dual trade is paid.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayJson {
    /// `escrow` (the default) or `instant`.
    payment: Option<String>,
}
