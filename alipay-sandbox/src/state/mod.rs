//! The sandbox's state: partners and their keys, SNS users, goods, trades, pending notifications,
//! deliveries and the notify ids they used.
//!
//! Everything lives in memory ([`memory::Memory`], behind one mutex); with a state file, every change
//! is also written to SQLite ([`sqlite::Db`]) before it is applied in memory, in the same critical
//! section, and the whole state is loaded back on start. Reads never touch the file. Writes are
//! small synchronous statements (WAL journal, `synchronous=NORMAL`), done on the calling thread.

mod ledger;
mod memory;
mod records;
mod sqlite;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use alipay_core::types::TradeStatus;

use crate::SandboxError;
use crate::model::{SandboxTrade, SentNotification, TradeKind};
use ledger::{Drafts, TradeRef};
pub use ledger::{FEE_RATE_PER_MILLE, LedgerEntry, Movement, fee_of};
pub(crate) use memory::Memory;
pub use records::Account;
pub(crate) use records::{
    GoodsRecord, Job, MerchantCode, PartnerRecord, PayoutBatch, RefundBatch, TradeConflict,
};
use sqlite::Db;

/// A refund batch carried out (the batch with its outcome, the trades it refunded), or the
/// batch as it is when it was not pending (`None`: no such batch).
pub(crate) type Confirmation = Result<(RefundBatch, Vec<SandboxTrade>), Option<RefundBatch>>;

/// One item of a payout batch, as the state carries it out.
pub(crate) struct PayoutItem {
    /// The receiving account's login.
    pub(crate) receiver: String,
    /// The item's serial number (流水号).
    pub(crate) serial: String,
    /// The item's remark (备注).
    pub(crate) remark: String,
}

/// The account log's entries for `trade` as it is about to be stored: its payment and fee, the
/// first time its money reaches the seller (`TRADE_SUCCESS` or `TRADE_FINISHED`, however it got
/// there: paid, confirmed, or created so by the admin); none for a cross-border trade.
fn settlement(m: &Memory, trade: &SandboxTrade) -> Vec<LedgerEntry> {
    let settled = matches!(
        trade.status,
        TradeStatus::TradeSuccess | TradeStatus::TradeFinished
    );
    let mut drafts = Drafts::new(&m.ledger);
    if settled && trade.kind != TradeKind::Forex && !m.ledger.paid_in(&trade.trade_no) {
        drafts.payment(&trade_ref(trade), trade.last_modified_time);
    }
    drafts.new
}

/// What the account log says about `trade`.
fn trade_ref(trade: &SandboxTrade) -> TradeRef<'_> {
    TradeRef {
        partner: &trade.partner,
        trade_no: &trade.trade_no,
        out_trade_no: &trade.out_trade_no,
        buyer: &trade.buyer_user_id,
        total_fen: trade.total_fee.fen(),
    }
}

/// The state, in memory, optionally persisted.
pub(crate) struct State {
    memory: Mutex<Memory>,
    db: Option<Mutex<Db>>,
}

impl State {
    /// An empty state in memory, or the state of `path` (created when missing).
    pub(crate) fn open(path: Option<&Path>) -> Result<Self, SandboxError> {
        match path {
            None => Ok(Self {
                memory: Mutex::new(Memory::default()),
                db: None,
            }),
            Some(path) => {
                let db = Db::open(path)?;
                let memory = db.load()?;
                Ok(Self {
                    memory: Mutex::new(memory),
                    db: Some(Mutex::new(db)),
                })
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Memory> {
        self.memory.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `write` on the database, if there is one.
    fn persist(
        &self,
        write: impl FnOnce(&Db) -> Result<(), rusqlite::Error>,
    ) -> Result<(), SandboxError> {
        match &self.db {
            Some(db) => write(&db.lock().unwrap_or_else(PoisonError::into_inner))
                .map_err(SandboxError::from),
            None => Ok(()),
        }
    }

    // -- the sandbox's Alipay key ---------------------------------------------------------------

    /// The stored private key of the sandbox's Alipay key, if any.
    pub(crate) fn alipay_key_pem(&self) -> Option<String> {
        self.lock().alipay_key_pem.clone()
    }

    /// Stores the private key of the sandbox's Alipay key.
    pub(crate) fn set_alipay_key_pem(&self, pem: &str) -> Result<(), SandboxError> {
        let mut m = self.lock();
        self.persist(|db| db.set_meta("alipay_private_key_pem", pem))?;
        m.alipay_key_pem = Some(pem.to_owned());
        Ok(())
    }

    // -- partners -------------------------------------------------------------------------------

    /// The partner created first.
    pub(crate) fn first_partner(&self) -> Option<Arc<PartnerRecord>> {
        self.lock().partners.first().cloned()
    }

    /// The partner `id`.
    pub(crate) fn partner(&self, id: &str) -> Option<Arc<PartnerRecord>> {
        let m = self.lock();
        m.partner_index.get(id).map(|&i| Arc::clone(&m.partners[i]))
    }

    /// Adds a partner; refused when the id is taken.
    pub(crate) fn insert_partner(&self, record: PartnerRecord) -> Result<(), SandboxError> {
        let mut m = self.lock();
        let id = record.credentials.partner.clone();
        if m.partner_index.contains_key(&id) {
            return Err(SandboxError::Exists(format!("partner {id}")));
        }
        self.persist(|db| db.insert_partner(&record))?;
        m.add_partner(record);
        Ok(())
    }

    /// Replaces partner `id`'s record with one that has `dsa_public_key_pem` registered.
    pub(crate) fn set_dsa_key(
        &self,
        id: &str,
        dsa_public_key_pem: &str,
    ) -> Result<(), SandboxError> {
        let mut m = self.lock();
        let Some(&i) = m.partner_index.get(id) else {
            return Err(SandboxError::UnknownPartner(id.to_owned()));
        };
        let record = PartnerRecord::new(
            m.partners[i].credentials.clone(),
            Some(dsa_public_key_pem.to_owned()),
        )?;
        self.persist(|db| db.set_dsa_key(id, dsa_public_key_pem))?;
        m.partners[i] = Arc::new(record);
        Ok(())
    }

    // -- SNS users ------------------------------------------------------------------------------

    /// The key of SNS user `sns_user_id` of `partner`.
    pub(crate) fn sns_user_key(&self, partner: &str, sns_user_id: &str) -> Option<String> {
        self.lock()
            .sns_users
            .get(&(partner.to_owned(), sns_user_id.to_owned()))
            .cloned()
    }

    /// Adds or replaces an SNS user.
    pub(crate) fn put_sns_user(
        &self,
        partner: &str,
        sns_user_id: &str,
        key: &str,
    ) -> Result<(), SandboxError> {
        let mut m = self.lock();
        self.persist(|db| db.put_sns_user(partner, sns_user_id, key))?;
        m.sns_users
            .insert((partner.to_owned(), sns_user_id.to_owned()), key.to_owned());
        Ok(())
    }

    // -- goods ----------------------------------------------------------------------------------

    /// Stores goods built by `build` from a fresh unique goods id (drawn with `next_id`), unless
    /// the partner already has goods with this `outer_goods_id` (`Ok(None)`).
    pub(crate) fn insert_goods(
        &self,
        partner: &str,
        outer_goods_id: &str,
        mut next_id: impl FnMut() -> String,
        build: impl FnOnce(String) -> GoodsRecord,
    ) -> Result<Option<GoodsRecord>, SandboxError> {
        let mut m = self.lock();
        let key = (partner.to_owned(), outer_goods_id.to_owned());
        if m.goods.contains_key(&key) {
            return Ok(None);
        }
        let goods_id = loop {
            let id = next_id();
            if !m.goods_ids.contains(&id) {
                break id;
            }
        };
        let record = build(goods_id);
        self.persist(|db| db.insert_goods(&record))?;
        m.goods_ids.insert(record.goods_id.clone());
        m.goods.insert(key, record.clone());
        Ok(Some(record))
    }

    /// The goods of `partner` with this `outer_goods_id`.
    pub(crate) fn goods(&self, partner: &str, outer_goods_id: &str) -> Option<GoodsRecord> {
        self.lock()
            .goods
            .get(&(partner.to_owned(), outer_goods_id.to_owned()))
            .cloned()
    }

    // -- trades ---------------------------------------------------------------------------------

    /// Stores a trade whose number is drawn with `next_no` when `trade.trade_no` is empty. With
    /// `replace`, a trade with the same number is replaced; otherwise a taken number or a taken
    /// `(partner, out_trade_no)` is a conflict.
    pub(crate) fn insert_trade(
        &self,
        mut trade: SandboxTrade,
        replace: bool,
        mut next_no: impl FnMut() -> String,
    ) -> Result<Result<SandboxTrade, TradeConflict>, SandboxError> {
        let mut m = self.lock();
        if trade.trade_no.is_empty() {
            trade.trade_no = loop {
                let no = next_no();
                if !m.trades.contains_key(&no) {
                    break no;
                }
            };
        } else if !replace && m.trades.contains_key(&trade.trade_no) {
            return Ok(Err(TradeConflict::TradeNo));
        }
        let out = (trade.partner.clone(), trade.out_trade_no.clone());
        if !replace && m.trades_by_out.contains_key(&out) {
            return Ok(Err(TradeConflict::OutTradeNo));
        }
        let entries = settlement(&m, &trade);
        self.persist(|db| {
            db.save_trade(&trade)?;
            entries.iter().try_for_each(|e| db.insert_ledger(e))
        })?;
        m.put_trade(trade.clone());
        m.ledger.apply(entries);
        Ok(Ok(trade))
    }

    /// The trade `trade_no`.
    pub(crate) fn trade(&self, trade_no: &str) -> Option<SandboxTrade> {
        self.lock().trades.get(trade_no).cloned()
    }

    /// The trade of `partner` with this `out_trade_no`.
    pub(crate) fn trade_by_out(&self, partner: &str, out_trade_no: &str) -> Option<SandboxTrade> {
        let m = self.lock();
        let no = m
            .trades_by_out
            .get(&(partner.to_owned(), out_trade_no.to_owned()))?;
        m.trades.get(no).cloned()
    }

    /// Applies `change` to trade `trade_no` atomically: when it returns `Ok((value, true))` the
    /// changed trade is stored; `Ok((value, false))` leaves it as it was. `None` when there is no
    /// such trade.
    pub(crate) fn update_trade<T, E>(
        &self,
        trade_no: &str,
        change: impl FnOnce(&mut SandboxTrade) -> Result<(T, bool), E>,
    ) -> Option<Result<Result<T, E>, SandboxError>> {
        let mut m = self.lock();
        let mut trade = m.trades.get(trade_no)?.clone();
        let (value, changed) = match change(&mut trade) {
            Ok(v) => v,
            Err(e) => return Some(Ok(Err(e))),
        };
        if changed {
            let entries = settlement(&m, &trade);
            if let Err(e) = self.persist(|db| {
                db.save_trade(&trade)?;
                entries.iter().try_for_each(|e| db.insert_ledger(e))
            }) {
                return Some(Err(e));
            }
            m.put_trade(trade);
            m.ledger.apply(entries);
        }
        Some(Ok(Ok(value)))
    }

    /// Sets trade `trade_no`'s status (admin); `false` when there is no such trade.
    pub(crate) fn set_trade_status(
        &self,
        trade_no: &str,
        status: TradeStatus,
        now: alipay_core::types::DateTime,
    ) -> Result<bool, SandboxError> {
        match self.update_trade(trade_no, |t| {
            t.status = status;
            t.last_modified_time = now;
            Ok::<_, std::convert::Infallible>(((), true))
        }) {
            None => Ok(false),
            Some(result) => result.map(|_| true),
        }
    }

    // -- refunds --------------------------------------------------------------------------------

    /// Refund batch `batch_no` of `partner`.
    pub(crate) fn refund_batch(&self, partner: &str, batch_no: &str) -> Option<RefundBatch> {
        self.lock()
            .refund_batches
            .get(&(partner.to_owned(), batch_no.to_owned()))
            .cloned()
    }

    /// Stores a new refund batch; `Ok(Some(existing))` when the partner has used the number.
    pub(crate) fn open_refund_batch(
        &self,
        batch: RefundBatch,
    ) -> Result<Option<RefundBatch>, SandboxError> {
        let mut m = self.lock();
        let key = (batch.partner.clone(), batch.batch_no.clone());
        if let Some(existing) = m.refund_batches.get(&key) {
            return Ok(Some(existing.clone()));
        }
        self.persist(|db| db.save_refund_batch(&batch))?;
        m.put_refund_batch(batch);
        Ok(None)
    }

    /// The fen refunded of trade `trade_no` so far.
    pub(crate) fn refunded(&self, trade_no: &str) -> u64 {
        self.lock().refunded.get(trade_no).copied().unwrap_or(0)
    }

    /// Carries out pending refund batch `batch_no` of `partner` at once: for each item (trade
    /// number, fen), `decide` gets the trade (when it exists) and the fen refunded of it so far
    /// (this batch's earlier items included) and answers the trade's new status or the item's
    /// error code. The refunded trades and the batch's outcome are stored together.
    pub(crate) fn confirm_refund_batch(
        &self,
        partner: &str,
        batch_no: &str,
        items: &[(String, u64)],
        mut decide: impl FnMut(Option<&SandboxTrade>, u64, u64) -> Result<TradeStatus, &'static str>,
        now: alipay_core::types::DateTime,
    ) -> Result<Confirmation, SandboxError> {
        let mut m = self.lock();
        let key = (partner.to_owned(), batch_no.to_owned());
        let mut batch = match m.refund_batches.get(&key) {
            Some(b) if b.outcome.is_none() => b.clone(),
            other => return Ok(Err(other.cloned())),
        };
        let mut refunded: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
        let mut changed: Vec<SandboxTrade> = Vec::new();
        let mut drafts = Drafts::new(&m.ledger);
        let mut results = Vec::new();
        let mut successes = 0;
        for (trade_no, fen) in items {
            let done = *refunded
                .entry(trade_no)
                .or_insert_with(|| m.refunded.get(trade_no).copied().unwrap_or(0));
            let trade = changed
                .iter()
                .find(|t| &t.trade_no == trade_no)
                .or_else(|| m.trades.get(trade_no));
            let amount = alipay_core::types::Amount::from_fen(*fen);
            match decide(trade, done, *fen) {
                Ok(status) => {
                    let mut trade = trade.cloned().ok_or_else(|| {
                        SandboxError::State(format!("refund of a missing trade {trade_no}"))
                    })?;
                    trade.status = status;
                    trade.last_modified_time = now;
                    if trade.kind != TradeKind::Forex {
                        drafts.refund(&trade_ref(&trade), done, *fen, now);
                    }
                    refunded.insert(trade_no, done + fen);
                    changed.retain(|t| &t.trade_no != trade_no);
                    changed.push(trade);
                    successes += 1;
                    results.push(format!("{trade_no}^{amount}^SUCCESS"));
                }
                Err(code) => results.push(format!("{trade_no}^{amount}^{code}")),
            }
        }
        batch.outcome = Some((results.join("#"), successes));
        let entries = drafts.new;
        self.persist(|db| {
            for trade in &changed {
                db.save_trade(trade)?;
            }
            entries.iter().try_for_each(|e| db.insert_ledger(e))?;
            db.save_refund_batch(&batch)
        })?;
        for trade in &changed {
            m.put_trade(trade.clone());
        }
        m.put_refund_batch(batch.clone());
        m.ledger.apply(entries);
        Ok(Ok((batch, changed)))
    }

    // -- accounts and payouts -------------------------------------------------------------------

    /// Account `logon`.
    pub(crate) fn account(&self, logon: &str) -> Option<Account> {
        self.lock().accounts.get(logon).cloned()
    }

    /// Every account, by login.
    pub(crate) fn accounts(&self) -> Vec<Account> {
        let mut all: Vec<Account> = self.lock().accounts.values().cloned().collect();
        all.sort_by(|a, b| a.logon.cmp(&b.logon));
        all
    }

    /// Stores `account`, replacing one of the same login.
    pub(crate) fn put_account(&self, account: Account) -> Result<(), SandboxError> {
        let mut m = self.lock();
        self.persist(|db| db.save_account(&account))?;
        m.accounts.insert(account.logon.clone(), account);
        Ok(())
    }

    /// Payout batch `batch_no` of `partner`.
    pub(crate) fn payout_batch(&self, partner: &str, batch_no: &str) -> Option<PayoutBatch> {
        self.lock()
            .payout_batches
            .get(&(partner.to_owned(), batch_no.to_owned()))
            .cloned()
    }

    /// Stores a new payout batch; `Ok(Some(existing))` when the partner has used the number.
    pub(crate) fn open_payout_batch(
        &self,
        batch: PayoutBatch,
    ) -> Result<Option<PayoutBatch>, SandboxError> {
        let mut m = self.lock();
        let key = (batch.partner.clone(), batch.batch_no.clone());
        if let Some(existing) = m.payout_batches.get(&key) {
            return Ok(Some(existing.clone()));
        }
        self.persist(|db| db.save_payout_batch(&batch))?;
        m.payout_batches.insert(key, batch);
        Ok(None)
    }

    /// Carries out pending payout batch `batch_no` of `partner` at once: `decide` gets each item
    /// (its index), the payer's and the receiver's accounts as they stand (the batch's earlier items
    /// applied) and answers the fen to move or the item's failure code; the moves and the outcome
    /// (`success_details`, `fail_details` written by `write`) are stored together. `None` when
    /// the batch is not pending (or does not exist).
    pub(crate) fn confirm_payout_batch(
        &self,
        partner: &str,
        batch_no: &str,
        items: &[PayoutItem],
        mut decide: impl FnMut(usize, &Account, Option<&Account>) -> Result<u64, &'static str>,
        mut write: impl FnMut(usize, Result<(), &'static str>) -> String,
    ) -> Result<Option<PayoutBatch>, SandboxError> {
        let mut m = self.lock();
        let key = (partner.to_owned(), batch_no.to_owned());
        let mut batch = match m.payout_batches.get(&key) {
            Some(b) if b.outcome.is_none() => b.clone(),
            _ => return Ok(None),
        };
        let mut accounts: std::collections::HashMap<String, Account> =
            std::collections::HashMap::new();
        let (mut success, mut fail) = (String::new(), String::new());
        let mut drafts = Drafts::new(&m.ledger);
        let now = alipay_core::types::DateTime::now();
        for (i, item) in items.iter().enumerate() {
            let receiver = &item.receiver;
            for logon in [&batch.payer, receiver] {
                if !accounts.contains_key(logon)
                    && let Some(a) = m.accounts.get(logon)
                {
                    accounts.insert(logon.clone(), a.clone());
                }
            }
            let Some(payer) = accounts.get(&batch.payer).cloned() else {
                fail += &write(i, Err("USER_NOT_EXIST"));
                continue;
            };
            match decide(i, &payer, accounts.get(receiver)) {
                Ok(fen) => {
                    let (Some(mut p), Some(mut r)) = (
                        accounts.get(&batch.payer).cloned(),
                        accounts.get(receiver).cloned(),
                    ) else {
                        fail += &write(i, Err("RECEIVE_USER_NOT_EXIST"));
                        continue;
                    };
                    p.balance_fen -= fen;
                    r.balance_fen += fen;
                    drafts.payout(
                        batch_no,
                        &item.serial,
                        (&p.logon, &p.user_id, p.balance_fen),
                        (&r.logon, &r.user_id, r.balance_fen),
                        fen,
                        Some(item.remark.as_str()).filter(|m| !m.is_empty()),
                        now,
                    );
                    accounts.insert(p.logon.clone(), p);
                    accounts.insert(r.logon.clone(), r);
                    success += &write(i, Ok(()));
                }
                Err(code) => fail += &write(i, Err(code)),
            }
        }
        batch.outcome = Some((success, fail));
        let entries = drafts.new;
        self.persist(|db| {
            for account in accounts.values() {
                db.save_account(account)?;
            }
            entries.iter().try_for_each(|e| db.insert_ledger(e))?;
            db.save_payout_batch(&batch)
        })?;
        m.accounts.extend(accounts);
        m.payout_batches.insert(key, batch.clone());
        m.ledger.apply(entries);
        Ok(Some(batch))
    }

    /// The account log, in order; entries of `owner`'s accounts only when given.
    pub(crate) fn ledger(&self, owner: Option<&str>) -> Vec<LedgerEntry> {
        self.lock()
            .ledger
            .entries
            .iter()
            .filter(|e| owner.is_none_or(|o| e.owner == o))
            .cloned()
            .collect()
    }

    // -- notifications --------------------------------------------------------------------------

    /// Stores a new notification job, giving it its id.
    pub(crate) fn insert_job(&self, mut job: Job) -> Result<Job, SandboxError> {
        let mut m = self.lock();
        m.next_job_id += 1;
        job.id = m.next_job_id;
        self.persist(|db| db.save_job(&job))?;
        m.jobs.insert(job.id, job.clone());
        Ok(job)
    }

    /// Stores the job's progress (a done job stays in memory, for a re-delivery on demand).
    pub(crate) fn save_job(&self, job: &Job) -> Result<(), SandboxError> {
        let mut m = self.lock();
        self.persist(|db| db.save_job(job))?;
        m.jobs.insert(job.id, job.clone());
        Ok(())
    }

    /// Notification job `id`, if this run knows it.
    pub(crate) fn job(&self, id: u64) -> Option<Job> {
        self.lock().jobs.get(&id).cloned()
    }

    /// The newest notification job of trade `trade_no` (of this run, or pending since the last).
    pub(crate) fn latest_job(&self, trade_no: &str) -> Option<Job> {
        let m = self.lock();
        m.jobs
            .values()
            .filter(|j| j.trade_no == trade_no)
            .max_by_key(|j| j.id)
            .cloned()
    }

    /// The jobs not done yet, by id.
    pub(crate) fn pending_jobs(&self) -> Vec<Job> {
        let m = self.lock();
        let mut jobs: Vec<Job> = m.jobs.values().filter(|j| !j.done).cloned().collect();
        jobs.sort_by_key(|j| j.id);
        jobs
    }

    /// Remembers that `notify_id` was sent for `partner` at `time` (for `notify_verify`); entries
    /// older than `keep` may be forgotten.
    pub(crate) fn register_notify_id(
        &self,
        notify_id: &str,
        partner: &str,
        time: SystemTime,
        keep: Duration,
    ) {
        self.lock()
            .register_notify_id(notify_id, partner, time, keep);
    }

    /// The partner `notify_id` was sent for, and when.
    pub(crate) fn notify_id(&self, notify_id: &str) -> Option<(String, SystemTime)> {
        self.lock().notify_ids.get(notify_id).cloned()
    }

    /// Records a delivery attempt.
    pub(crate) fn record_delivery(&self, delivery: SentNotification) -> Result<(), SandboxError> {
        let mut m = self.lock();
        self.persist(|db| db.insert_delivery(&delivery))?;
        m.deliveries.push(delivery);
        Ok(())
    }

    /// Every delivery attempt, in order.
    pub(crate) fn deliveries(&self) -> Vec<SentNotification> {
        self.lock().deliveries.clone()
    }

    // -- merchant QR codes ----------------------------------------------------------------------

    /// The least code (by its text) of the stored records `same` accepts, else `new_code()`,
    /// storing `record` under it.
    pub(crate) fn create_qrcode(
        &self,
        record: MerchantCode,
        same: impl Fn(&MerchantCode) -> bool,
        new_code: impl FnOnce() -> String,
    ) -> Result<String, SandboxError> {
        let mut m = self.lock();
        let existing = m.qrcodes.iter().filter(|(_, c)| same(c));
        if let Some(code) = existing.map(|(code, _)| code).min() {
            return Ok(code.clone());
        }
        let code = new_code();
        self.persist(|db| db.save_qrcode(&code, &record))?;
        m.qrcodes.insert(code.clone(), record);
        Ok(code)
    }

    /// Replaces code `code` with `record` when the code is `record.partner`'s and
    /// `allowed(current, &record)`; `Ok(false)` (nothing changed) otherwise.
    pub(crate) fn modify_qrcode(
        &self,
        code: &str,
        record: MerchantCode,
        allowed: impl FnOnce(&MerchantCode, &MerchantCode) -> bool,
    ) -> Result<bool, SandboxError> {
        let mut m = self.lock();
        let Some(current) = m.qrcodes.get(code) else {
            return Ok(false);
        };
        if current.partner != record.partner || !allowed(current, &record) {
            return Ok(false);
        }
        self.persist(|db| db.save_qrcode(code, &record))?;
        m.qrcodes.insert(code.to_owned(), record);
        Ok(true)
    }

    // -- the orders page services opened trades with -------------------------------------------

    /// Stores the parameters `order` of the page request that opened trade `trade_no`; in memory
    /// even when the file cannot be written (the error says so).
    pub(crate) fn remember_order(
        &self,
        trade_no: &str,
        order: Vec<(String, String)>,
    ) -> Result<(), SandboxError> {
        let mut m = self.lock();
        let stored = self.persist(|db| db.save_order(trade_no, &order));
        m.orders.insert(trade_no.to_owned(), order);
        stored
    }

    /// The order trade `trade_no` was opened with (empty when no page service opened it).
    pub(crate) fn order(&self, trade_no: &str) -> Vec<(String, String)> {
        self.lock()
            .orders
            .get(trade_no)
            .cloned()
            .unwrap_or_default()
    }
}
