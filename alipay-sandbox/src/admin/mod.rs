//! The admin handle: partners, SNS users, trades, what the gateway received and sent, faults.
//!
//! [`Admin`] is synchronous: each call takes a lock for a moment (and, with a state file, writes
//! one row). [`Admin::create_partner`] generates an RSA 2048 key pair, which takes about a tenth of
//! a second: from async code, call it through `tokio::task::spawn_blocking` if that matters.
//!
//! The methods of the interface the CLI and examples use are infallible and lenient where leniency
//! is harmless (an SNS user of an unknown partner is stored, an existing trade number is replaced);
//! they panic only when the state file cannot be written. The `try_` methods check their input
//! strictly and return errors instead; the HTTP admin API ([`http`]) uses them.

pub(crate) mod http;

use std::sync::Arc;
use std::time::Duration;

use alipay_core::types::{DateTime, HttpUrl, Partner, TradeStatus};

use crate::SandboxError;
use crate::config::{FaultRule, Faults};
use crate::keys::{self, PartnerCredentials};
use crate::model::{NewTrade, Payment, ReceivedRequest, SandboxTrade, SentNotification};
use crate::state::{PartnerRecord, TradeConflict};
use crate::world::World;

/// The largest opening balance of an account (a trillion yuan), in fen.
const MAX_OPENING_BALANCE_FEN: u64 = 100_000_000_000_000;

/// The longest trade number, order number, SNS user id and key the admin API accepts.
const MAX_ID: usize = 64;

/// The in-process admin handle of a running [`Sandbox`](crate::Sandbox); cheap to clone.
#[derive(Clone)]
pub struct Admin {
    world: Arc<World>,
}

impl std::fmt::Debug for Admin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Admin").finish_non_exhaustive()
    }
}

/// Panics with the reason a state write failed.
fn written<T>(result: Result<T, SandboxError>, what: &str) -> T {
    result.unwrap_or_else(|e| panic!("alipay-sandbox: cannot {what}: {e}"))
}

impl Admin {
    pub(crate) fn new(world: Arc<World>) -> Self {
        Self { world }
    }

    /// A new partner with a fresh random id, MD5 key and merchant RSA 2048 key pair.
    ///
    /// # Panics
    ///
    /// When the system random generator or the state file fails ([`try_create_partner`]
    /// returns the error instead).
    ///
    /// [`try_create_partner`]: Self::try_create_partner
    pub fn create_partner(&self) -> PartnerCredentials {
        written(self.try_create_partner(), "create a partner")
    }

    /// [`create_partner`](Self::create_partner), returning failures.
    pub fn try_create_partner(&self) -> Result<PartnerCredentials, SandboxError> {
        loop {
            let credentials = keys::new_credentials(&self.world.alipay)?;
            match self.add_partner(&credentials) {
                // A random id that is already taken (one chance in 10^12): draw again.
                Err(SandboxError::Exists(_)) => continue,
                other => return other,
            }
        }
    }

    /// Registers a partner with known credentials (e.g. keys a test or a merchant already has).
    /// The id must be 16 digits starting with `2088` and not taken, the MD5 key non-empty, the
    /// merchant keys an RSA key pair (PEM or one-line base64). `alipay_public_key_pem` is ignored:
    /// the sandbox signs with its own key, returned in the answer.
    pub fn add_partner(
        &self,
        credentials: &PartnerCredentials,
    ) -> Result<PartnerCredentials, SandboxError> {
        Partner::new(credentials.partner.as_str())
            .map_err(|e| SandboxError::Invalid(format!("partner: {e}")))?;
        let private = alipay_core::sign::PrivateKey::parse(&credentials.merchant_private_key_pem)
            .map_err(|e| SandboxError::Key(format!("merchant private key: {e}")))?;
        let credentials = PartnerCredentials {
            alipay_public_key_pem: self.world.alipay.public_pem.clone(),
            ..credentials.clone()
        };
        let record = PartnerRecord::new(credentials.clone(), None)?;
        // The pair must match: a signature by the private key verifies with the public one.
        let signer = alipay_core::sign::Signer::rsa2(private)
            .map_err(|e| SandboxError::Key(format!("merchant private key: {e}")))?;
        let probe = signer
            .sign(b"alipay-sandbox")
            .map_err(|e| SandboxError::Key(e.to_string()))?;
        record
            .keys
            .rsa2
            .verify(b"alipay-sandbox", &probe)
            .map_err(|_| {
                SandboxError::Key("the merchant private and public keys are not a pair".into())
            })?;
        self.world.state.insert_partner(record)?;
        Ok(credentials)
    }

    /// The credentials of partner `partner`.
    pub fn partner(&self, partner: &str) -> Option<PartnerCredentials> {
        self.world.credentials(partner)
    }

    /// Registers the DSA public key (PEM or one-line base64) that verifies `partner`'s `DSA`
    /// requests. Responses to `DSA` requests are unsigned: the sandbox has no DSA key of its own.
    pub fn register_dsa_key(
        &self,
        partner: &str,
        public_key_pem: &str,
    ) -> Result<(), SandboxError> {
        keys::parse_dsa_public(public_key_pem)
            .map_err(|e| SandboxError::Key(format!("DSA public key: {e}")))?;
        self.world.state.set_dsa_key(partner, public_key_pem)
    }

    /// Registers (or replaces) SNS user `sns_user_id` of `partner` with its `key`, which
    /// `sns.create.goods.ws` requests must carry.
    ///
    /// # Panics
    ///
    /// When the state file cannot be written.
    pub fn create_sns_user(&self, partner: &str, sns_user_id: &str, key: &str) {
        written(
            self.world.state.put_sns_user(partner, sns_user_id, key),
            "store an SNS user",
        );
    }

    /// [`create_sns_user`](Self::create_sns_user), refusing an unknown partner and an empty or
    /// over-long (64 characters) id or key.
    pub fn try_create_sns_user(
        &self,
        partner: &str,
        sns_user_id: &str,
        key: &str,
    ) -> Result<(), SandboxError> {
        self.known_partner(partner)?;
        check_id("sns_user_id", sns_user_id)?;
        check_id("key", key)?;
        self.world.state.put_sns_user(partner, sns_user_id, key)
    }

    /// Creates a trade (a given `trade_no` that exists is replaced).
    ///
    /// # Panics
    ///
    /// When the state file cannot be written.
    pub fn create_trade(&self, trade: NewTrade) -> SandboxTrade {
        written(self.insert_trade(trade, true), "store a trade")
    }

    /// [`create_trade`](Self::create_trade), refusing an unknown partner, an empty or over-long
    /// `out_trade_no` or `trade_no`, a `notify_url` that is not an absolute http(s) URL, and a
    /// trade number or `(partner, out_trade_no)` that is taken.
    pub fn try_create_trade(&self, trade: NewTrade) -> Result<SandboxTrade, SandboxError> {
        self.known_partner(&trade.partner)?;
        check_id("out_trade_no", &trade.out_trade_no)?;
        if let Some(no) = &trade.trade_no {
            check_id("trade_no", no)?;
        }
        if let Some(url) = &trade.notify_url {
            HttpUrl::parse(url).map_err(|e| SandboxError::Invalid(format!("notify_url: {e}")))?;
        }
        self.insert_trade(trade, false)
    }

    fn insert_trade(&self, new: NewTrade, replace: bool) -> Result<SandboxTrade, SandboxError> {
        let now = DateTime::now();
        let trade = SandboxTrade {
            trade_no: new.trade_no.clone().unwrap_or_default(),
            out_trade_no: new.out_trade_no,
            partner: new.partner,
            total_fee: new.total_fee,
            kind: new.kind,
            status: new.status,
            notify_url: new.notify_url,
            buyer_user_id: self.world.buyer_user_id(),
            create_time: now,
            last_modified_time: now,
            shipment: None,
        };
        let world = &self.world;
        match world
            .state
            .insert_trade(trade, replace, || world.dated_number())?
        {
            Ok(trade) => Ok(trade),
            Err(TradeConflict::TradeNo) => Err(SandboxError::Exists(format!(
                "trade {}",
                new.trade_no.unwrap_or_default()
            ))),
            Err(TradeConflict::OutTradeNo) => Err(SandboxError::Exists(
                "a trade with this out_trade_no".into(),
            )),
        }
    }

    /// The trade `trade_no`.
    pub fn trade(&self, trade_no: &str) -> Option<SandboxTrade> {
        self.world.state.trade(trade_no)
    }

    /// Creates (or replaces) sandbox account `logon` held by `name` with `balance`: a receiver of
    /// batch payouts (`batch_trans_notify`), or a payer. Its user id is generated (`2088…`) unless
    /// `user_id` is given (a partner id makes it that partner's paying account).
    ///
    /// # Errors
    ///
    /// [`SandboxError::Invalid`] for an empty login or name, a login that is a partner id (the
    /// account log names a partner's own account so), or a balance above 1,000,000,000,000.00.
    pub fn create_account(
        &self,
        logon: &str,
        name: &str,
        balance: alipay_core::types::Amount,
        user_id: Option<&str>,
    ) -> Result<crate::Account, SandboxError> {
        if logon.is_empty() || name.is_empty() {
            return Err(SandboxError::Invalid(
                "an account needs a login and a holder's name".to_owned(),
            ));
        }
        // The account log names a partner's own account by its partner id.
        if self.world.state.partner(logon).is_some() {
            return Err(SandboxError::Invalid(format!(
                "{logon} is a partner id, which names the partner's own account: give another login"
            )));
        }
        // Far above any test's needs, and sums of balances stay far from u64's end.
        if balance.fen() > MAX_OPENING_BALANCE_FEN {
            return Err(SandboxError::Invalid(
                "an opening balance may be at most 1000000000000.00".to_owned(),
            ));
        }
        let account = crate::Account {
            logon: logon.to_owned(),
            name: name.to_owned(),
            user_id: user_id.map_or_else(|| self.world.buyer_user_id(), str::to_owned),
            balance_fen: balance.fen(),
        };
        self.world.state.put_account(account.clone())?;
        Ok(account)
    }

    /// Sandbox account `logon`, with its balance.
    pub fn account(&self, logon: &str) -> Option<crate::Account> {
        self.world.state.account(logon)
    }

    /// Every sandbox account, by login (their balances sum to the same total before and after
    /// any payout).
    pub fn accounts(&self) -> Vec<crate::Account> {
        self.world.state.accounts()
    }

    /// The account log, in the order the entries were made: every movement of money of every
    /// account (`account.page.query` answers a partner from it).
    pub fn ledger(&self) -> Vec<crate::LedgerEntry> {
        self.world.state.ledger(None)
    }

    /// How much of trade `trade_no` the confirmed refund batches
    /// (`refund_fastpay_by_platform_pwd`) have refunded (zero for a trade never refunded).
    pub fn refunded(&self, trade_no: &str) -> alipay_core::types::Amount {
        alipay_core::types::Amount::from_fen(self.world.state.refunded(trade_no))
    }

    /// The trade of `partner` with the merchant's order number `out_trade_no` (e.g. one a page
    /// service created).
    pub fn trade_by_out(&self, partner: &str, out_trade_no: &str) -> Option<SandboxTrade> {
        self.world.state.trade_by_out(partner, out_trade_no)
    }

    /// The goods `partner` created with `outer_goods_id`: the `<goods>` fields as answered, in
    /// order.
    pub fn goods(&self, partner: &str, outer_goods_id: &str) -> Option<Vec<(String, String)>> {
        self.world
            .state
            .goods(partner, outer_goods_id)
            .map(|g| g.fields)
    }

    /// Sets a trade's status (no notification is sent for it); nothing happens when there is no
    /// such trade.
    ///
    /// # Panics
    ///
    /// When the state file cannot be written.
    pub fn set_trade_status(&self, trade_no: &str, status: TradeStatus) {
        written(
            self.world
                .state
                .set_trade_status(trade_no, status, DateTime::now()),
            "store a trade",
        );
    }

    /// [`set_trade_status`](Self::set_trade_status), refusing an unknown trade; returns the trade.
    pub fn try_set_trade_status(
        &self,
        trade_no: &str,
        status: TradeStatus,
    ) -> Result<SandboxTrade, SandboxError> {
        if !self
            .world
            .state
            .set_trade_status(trade_no, status, DateTime::now())?
        {
            return Err(SandboxError::Invalid(format!("no trade {trade_no:?}")));
        }
        self.trade(trade_no)
            .ok_or_else(|| SandboxError::Invalid(format!("no trade {trade_no:?}")))
    }

    /// The requests the gateway received, oldest first (the most recent 4096, at most 8 MiB of
    /// text: [`ReceivedRequest::text_bytes`]).
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.world.requests()
    }

    /// Every notification delivery attempt, oldest first.
    pub fn notifications(&self) -> Vec<SentNotification> {
        self.world.state.deliveries()
    }

    /// Replaces the injected faults.
    ///
    /// # Panics
    ///
    /// When a rate is outside `[0, 1]` or the rates add up to more than 1
    /// ([`try_set_faults`](Self::try_set_faults) returns the error instead).
    pub fn set_faults(&self, faults: Faults) {
        written(self.try_set_faults(faults), "set faults");
    }

    /// [`set_faults`](Self::set_faults), returning invalid rates as an error.
    pub fn try_set_faults(&self, faults: Faults) -> Result<(), SandboxError> {
        faults.check()?;
        self.world.set_faults(faults);
        Ok(())
    }

    /// The injected faults.
    pub fn faults(&self) -> Faults {
        self.world.faults()
    }

    /// The delivery attempts of trade `trade_no`'s notifications, oldest first.
    pub fn deliveries(&self, trade_no: &str) -> Vec<SentNotification> {
        let mut sent = self.world.state.deliveries();
        sent.retain(|d| d.trade_no == trade_no);
        sent
    }

    /// Waits until trade `trade_no`'s notifications have had `count` delivery attempts that got
    /// an answer (or an error: the endpoint refused the connection…), and returns them, oldest
    /// first; [`SandboxError::Invalid`] if `within` passes first. For tests: "ship, then wait for
    /// the notification to reach my endpoint".
    ///
    /// ```no_run
    /// # async fn run(sandbox: alipay_sandbox::Sandbox) -> Result<(), alipay_sandbox::SandboxError> {
    /// let sent = sandbox
    ///     .admin()
    ///     .wait_for_deliveries("2026120410000001", 1, std::time::Duration::from_secs(5))
    ///     .await?;
    /// assert!(sent[0].acknowledged, "my endpoint answered exactly `success`");
    /// # Ok(()) }
    /// ```
    pub async fn wait_for_deliveries(
        &self,
        trade_no: &str,
        count: usize,
        within: Duration,
    ) -> Result<Vec<SentNotification>, SandboxError> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let sent = self.deliveries(trade_no);
            let done = sent
                .iter()
                .filter(|d| d.answer.is_some() || d.error.is_some() || d.status.is_some())
                .count();
            if done >= count {
                return Ok(sent);
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(SandboxError::Invalid(format!(
                    "trade {trade_no:?}: {done} of {count} notification deliveries within {within:?}"
                )));
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The buyer pays trade `trade_no` as the cashier's pay button does, for a test without a
    /// browser: the trade moves on (escrow and COD: `WAIT_SELLER_SEND_GOODS`; instant payment:
    /// `TRADE_SUCCESS`; a dual trade is paid as escrow, see [`pay_instant`](Self::pay_instant)),
    /// its notification is sent, and [`Payment::return_url`](crate::Payment::return_url) is where
    /// the cashier would send the browser: the page request's `return_url` with the signed return,
    /// in the page request's charset and sign type.
    ///
    /// # Errors
    ///
    /// [`SandboxError::Invalid`] for an unknown trade or one not waiting for payment (nothing
    /// changes); [`SandboxError::State`] when the state cannot be written.
    pub fn pay(&self, trade_no: &str) -> Result<Payment, SandboxError> {
        self.pay_with(trade_no, false)
    }

    /// [`pay`](Self::pay), a dual trade (`trade_create_by_buyer`) paid as an instant payment: it
    /// finishes at once (`TRADE_FINISHED`).
    ///
    /// # Errors
    ///
    /// As [`pay`](Self::pay).
    pub fn pay_instant(&self, trade_no: &str) -> Result<Payment, SandboxError> {
        self.pay_with(trade_no, true)
    }

    fn pay_with(&self, trade_no: &str, instant: bool) -> Result<Payment, SandboxError> {
        use crate::payment::{HowPaid, PayError};
        use crate::request::param;
        let order = self.world.order(trade_no);
        let (charset, sign_type) = crate::notify_sender::trade_form(&self.world, trade_no);
        let how = HowPaid {
            charset,
            sign_type,
            return_url: param(&order, "return_url"),
            instant,
        };
        match crate::payment::pay(&self.world, trade_no, &how) {
            Ok(paid) => Ok(Payment {
                trade: paid.trade,
                return_url: paid.return_to,
            }),
            Err(PayError::NoTrade) => Err(SandboxError::Invalid(format!("no trade {trade_no:?}"))),
            Err(PayError::NotWaiting(status)) => Err(SandboxError::Invalid(format!(
                "trade {trade_no:?} is {status}: only a trade waiting for payment (WAIT_BUYER_PAY) \
                 can be paid"
            ))),
            Err(PayError::State(e)) => Err(e),
        }
    }

    /// The buyer confirms receipt of trade `trade_no` (确认收货): a shipped escrow or COD trade
    /// (`WAIT_BUYER_CONFIRM_GOODS`) becomes `TRADE_FINISHED`, and the change is notified to its
    /// `notify_url` (signed and encoded like the trade's earlier notifications). The cashier's
    /// "confirm receipt" button does the same for a buyer in a browser.
    ///
    /// # Errors
    ///
    /// [`SandboxError::Invalid`] for an unknown trade or one not waiting for the buyer's
    /// confirmation (naming its status); [`SandboxError::State`] when the state file cannot be
    /// written.
    pub fn confirm_receipt(&self, trade_no: &str) -> Result<SandboxTrade, SandboxError> {
        use crate::receipt::{ConfirmError, Refused};
        crate::receipt::confirm(&self.world, trade_no).map_err(|e| match e {
            ConfirmError::Refused(Refused::NoTrade) => {
                SandboxError::Invalid(format!("no trade {trade_no:?}"))
            }
            ConfirmError::Refused(Refused::NotShipped(status)) => SandboxError::Invalid(format!(
                "trade {trade_no:?} is {status}: only a shipped escrow or COD trade \
                 (WAIT_BUYER_CONFIRM_GOODS) can be confirmed received"
            )),
            ConfirmError::State(e) => e,
        })
    }

    /// Delivers the newest notification of trade `trade_no` again now, with a fresh `notify_id`
    /// and `notify_time`, whether or not the merchant acknowledged it (a re-delivery on demand,
    /// to test that the business step does not run twice). Unacknowledged, it then follows the
    /// re-send schedule from the attempts already made. Returns the notification job's id.
    ///
    /// The delivery runs in the background: watch [`notifications`](Self::notifications).
    pub fn redeliver(&self, trade_no: &str) -> Result<u64, SandboxError> {
        let job = self.world.state.latest_job(trade_no).ok_or_else(|| {
            SandboxError::Invalid(format!(
                "trade {trade_no:?} has no notification (of this run)"
            ))
        })?;
        if !self.world.request_redelivery(job.id) {
            return Err(SandboxError::Invalid(
                "the sandbox is not delivering notifications (shutting down)".into(),
            ));
        }
        Ok(job.id)
    }

    /// Adds a scripted fault ([`FaultRule`]): the next matching requests (a service, a trade) get
    /// its action, before or after they are handled. Tried in the order added, before the random
    /// [`Faults`].
    pub fn add_fault(&self, rule: FaultRule) {
        self.world.add_fault_rule(rule);
    }

    /// The scripted faults still to strike, in order (each with the count it has left).
    pub fn fault_rules(&self) -> Vec<FaultRule> {
        self.world.fault_rules()
    }

    /// Forgets every scripted fault.
    pub fn clear_faults(&self) {
        self.world.clear_fault_rules();
    }

    fn known_partner(&self, partner: &str) -> Result<(), SandboxError> {
        match self.world.state.partner(partner) {
            Some(_) => Ok(()),
            None => Err(SandboxError::UnknownPartner(partner.to_owned())),
        }
    }
}

fn check_id(what: &str, value: &str) -> Result<(), SandboxError> {
    if value.is_empty() || value.chars().count() > MAX_ID {
        return Err(SandboxError::Invalid(format!(
            "{what} must have 1 to {MAX_ID} characters"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(SandboxError::Invalid(format!(
            "{what} must not hold control characters"
        )));
    }
    Ok(())
}
