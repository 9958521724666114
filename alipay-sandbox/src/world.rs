//! The sandbox's world ([`World`]): configuration and time scale, state, keys, faults, the seeded
//! generator and the request log. The bottom of the running sandbox: services, deliveries, the
//! gateway and the server all read it; it imports none of them.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};
use std::time::Duration;

use alipay_core::types::{Amount, CompactTime};

use crate::config::{FaultAction, FaultRule, FaultWhen, Faults, SandboxConfig};
use crate::keys::{AlipayKey, PartnerCredentials};
use crate::model::{ReceivedRequest, SandboxTrade};
use crate::request::param;
use crate::state::State;

/// The most received requests kept for [`Admin::requests`](crate::Admin::requests) (the oldest are
/// dropped).
pub(crate) const REQUEST_LOG: usize = 4096;
/// The most bytes of text the request log holds ([`ReceivedRequest::text_bytes`]); the oldest
/// requests are dropped beyond it.
pub(crate) const REQUEST_LOG_BYTES: usize = 8 << 20;

/// The sandbox's world: its configuration, state, Alipay key, faults, generator and request log,
/// which every layer above reads (nothing here knows the services, deliveries or the server).
pub(crate) struct World {
    /// The configuration it was started with (its faults may since have changed).
    pub(crate) config: SandboxConfig,
    pub(crate) state: State,
    pub(crate) alipay: AlipayKey,
    faults: RwLock<Faults>,
    /// Where re-deliveries on demand are asked for (the running deliveries' queue), once started.
    redeliveries: Mutex<Option<tokio::sync::mpsc::UnboundedSender<u64>>>,
    /// Scripted faults, in the order added; each counts down its `times`.
    fault_rules: Mutex<Vec<FaultRule>>,
    rng: Mutex<fastrand::Rng>,
    requests: Mutex<RequestLog>,
    /// The anti-phishing keys `query_timestamp` issued: key → (partner, when), the latest
    /// [`MAX_ANTI_PHISHING_KEYS`].
    anti_phishing_keys: Mutex<AntiPhishingKeys>,
    /// The escrow timeouts still to come ([`crate::timeouts`]).
    pub(crate) deadlines: crate::deadlines::Deadlines,
}

/// Issued anti-phishing keys: key → (partner, when), and the keys oldest first.
type AntiPhishingKeys = (
    std::collections::HashMap<String, (String, std::time::Instant)>,
    VecDeque<String>,
);

/// How many issued anti-phishing keys are remembered (the oldest are forgotten first).
const MAX_ANTI_PHISHING_KEYS: usize = 4096;

/// The received requests, bounded in count and in bytes.
#[derive(Default)]
struct RequestLog {
    entries: VecDeque<ReceivedRequest>,
    /// The text bytes of `entries`.
    bytes: usize,
}

impl World {
    pub(crate) fn new(config: SandboxConfig, state: State, alipay: AlipayKey) -> Self {
        let rng = match config.seed {
            Some(seed) => fastrand::Rng::with_seed(seed),
            None => fastrand::Rng::new(),
        };
        Self {
            faults: RwLock::new(config.faults),
            fault_rules: Mutex::new(config.fault_rules.clone()),
            redeliveries: Mutex::new(None),
            config,
            state,
            alipay,
            rng: Mutex::new(rng),
            requests: Mutex::new(RequestLog::default()),
            anti_phishing_keys: Mutex::new(Default::default()),
            deadlines: crate::deadlines::Deadlines::default(),
        }
    }

    /// Remembers anti-phishing key `key`, issued to `partner` now.
    pub(crate) fn issue_anti_phishing_key(&self, key: &str, partner: &str) {
        let mut keys = self
            .anti_phishing_keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (by_key, order) = &mut *keys;
        if order.len() >= MAX_ANTI_PHISHING_KEYS
            && let Some(oldest) = order.pop_front()
        {
            by_key.remove(&oldest);
        }
        by_key.insert(
            key.to_owned(),
            (partner.to_owned(), std::time::Instant::now()),
        );
        order.push_back(key.to_owned());
    }

    /// How long ago anti-phishing key `key` was issued to `partner`, if it was.
    pub(crate) fn anti_phishing_key_age(&self, key: &str, partner: &str) -> Option<Duration> {
        let keys = self
            .anti_phishing_keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        keys.0
            .get(key)
            .filter(|(issued_to, _)| issued_to == partner)
            .map(|(_, at)| at.elapsed())
    }

    /// Connects re-deliveries on demand to the running deliveries.
    pub(crate) fn set_redeliveries(&self, queue: tokio::sync::mpsc::UnboundedSender<u64>) {
        *self
            .redeliveries
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(queue);
    }

    /// Asks for notification job `job` to be delivered now; `false` when deliveries are not
    /// running (a sandbox shutting down).
    pub(crate) fn request_redelivery(&self, job: u64) -> bool {
        self.redeliveries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(|queue| queue.send(job).is_ok())
    }

    /// The scripted faults still to strike.
    pub(crate) fn fault_rules(&self) -> Vec<FaultRule> {
        self.fault_rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Adds a scripted fault after the others.
    pub(crate) fn add_fault_rule(&self, rule: FaultRule) {
        self.fault_rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(rule);
    }

    /// Forgets every scripted fault.
    pub(crate) fn clear_fault_rules(&self) {
        self.fault_rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// The first scripted fault whose scope holds a request of `service` with `params`, counted
    /// down (and removed at zero).
    pub(crate) fn take_fault_rule(
        &self,
        service: Option<&str>,
        params: &[(String, String)],
    ) -> Option<(FaultWhen, FaultAction)> {
        let mut rules = self
            .fault_rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let i = rules.iter().position(|r| r.matches(service, params))?;
        let rule = &mut rules[i];
        let struck = (rule.when, rule.action);
        rule.times = rule.times.saturating_sub(1);
        if rule.times == 0 {
            rules.remove(i);
        }
        Some(struck)
    }

    /// Whether any scripted fault is waiting (so a request's parameters are worth reading early).
    pub(crate) fn has_fault_rules(&self) -> bool {
        !self
            .fault_rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }

    /// Remembers the order page service parameters `order` opened trade `trade_no` with.
    /// Kept in the state (and its file): the return and notification of a trade paid after a
    /// restart carry its order too. A file that cannot be written keeps it in memory only.
    pub(crate) fn remember_order(&self, trade_no: &str, order: Vec<(String, String)>) {
        if let Err(e) = self.state.remember_order(trade_no, order) {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the order");
        }
    }

    /// The rows of the order the trade was opened with that the return and the notification carry
    /// (the document's required ones included): `subject`, `price`, `quantity`, `seller_email`,
    /// `buyer_email` (the sandbox's buyer when the page did not name one), `discount`,
    /// `is_total_fee_adjust`, `use_coupon`, and `body`, `payment_type`, `currency`, `rmb_fee` when
    /// given.
    pub(crate) fn order_rows(&self, trade: &SandboxTrade) -> Vec<(String, String)> {
        let order = self.order(&trade.trade_no);
        let get = |name| param(&order, name).map(str::to_owned);
        let quantity: u64 = get("quantity").and_then(|q| q.parse().ok()).unwrap_or(1);
        let price = get("price")
            .and_then(|p| p.parse::<Amount>().ok())
            .unwrap_or_else(|| Amount::from_fen(trade.total_fee.fen() / quantity.max(1)));
        let mut rows = vec![
            (
                "subject",
                get("subject").unwrap_or_else(|| trade.out_trade_no.clone()),
            ),
            ("price", price.to_string()),
            ("quantity", quantity.to_string()),
            (
                "seller_email",
                get("seller_email")
                    .unwrap_or_else(|| format!("{}@sandbox.alipay.test", trade.partner)),
            ),
            (
                "buyer_email",
                get("buyer_email")
                    .unwrap_or_else(|| format!("{}@sandbox.alipay.test", trade.buyer_user_id)),
            ),
            ("discount", "0.00".to_owned()),
            ("is_total_fee_adjust", "N".to_owned()),
            ("use_coupon", "N".to_owned()),
        ];
        for name in ["body", "payment_type", "currency", "rmb_fee"] {
            if let Some(value) = get(name) {
                rows.push((name, value));
            }
        }
        rows.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    /// The order trade `trade_no` was opened with, if this sandbox opened it.
    pub(crate) fn order(&self, trade_no: &str) -> Vec<(String, String)> {
        self.state.order(trade_no)
    }

    /// `base` scaled by the time factor.
    pub(crate) fn scaled(&self, base: Duration) -> Duration {
        self.config.scaled(base)
    }

    /// How long a notify id stays valid ([`SandboxConfig::notify_id_factor`]).
    pub(crate) fn notify_id_validity(&self) -> Duration {
        self.config.notify_id_validity()
    }

    /// The seeded generator.
    pub(crate) fn rng(&self) -> MutexGuard<'_, fastrand::Rng> {
        self.rng.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current faults.
    pub(crate) fn faults(&self) -> Faults {
        *self.faults.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Replaces the faults.
    pub(crate) fn set_faults(&self, faults: Faults) {
        *self.faults.write().unwrap_or_else(PoisonError::into_inner) = faults;
    }

    /// `n` random decimal digits from the seeded generator.
    pub(crate) fn digits(&self, n: usize) -> String {
        let mut rng = self.rng();
        (0..n).map(|_| rng.digit(10)).collect()
    }

    /// A 16-digit number starting with today's Beijing date (`yyyyMMdd` + 8 digits), like Alipay's
    /// trade numbers (`2013102226991504`) and goods ids (`2011092300022596`).
    pub(crate) fn dated_number(&self) -> String {
        let mut no = CompactTime::now().to_string();
        no.truncate(8);
        no.push_str(&self.digits(8));
        no
    }

    /// A buyer's user id: `2088` and 12 digits.
    pub(crate) fn buyer_user_id(&self) -> String {
        format!("2088{}", self.digits(12))
    }

    /// Records a received request, dropping the oldest beyond [`REQUEST_LOG`] requests or
    /// [`REQUEST_LOG_BYTES`] bytes.
    pub(crate) fn record(&self, request: ReceivedRequest) {
        let mut log = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        log.bytes += request.text_bytes();
        log.entries.push_back(request);
        while log.entries.len() > REQUEST_LOG || log.bytes > REQUEST_LOG_BYTES {
            match log.entries.pop_front() {
                Some(old) => log.bytes -= old.text_bytes(),
                None => break,
            }
        }
    }

    /// The received requests kept, oldest first.
    pub(crate) fn requests(&self) -> Vec<ReceivedRequest> {
        let log = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        log.entries.iter().cloned().collect()
    }

    /// The credentials of partner `id`, with this sandbox's Alipay public key.
    pub(crate) fn credentials(&self, id: &str) -> Option<PartnerCredentials> {
        self.state.partner(id).map(|record| PartnerCredentials {
            alipay_public_key_pem: self.alipay.public_pem.clone(),
            ..record.credentials.clone()
        })
    }
}
