//! The in-memory maps behind [`State`](super::State).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::ledger::Ledger;
use super::records::{
    Account, GoodsRecord, Job, MerchantCode, PartnerRecord, PayoutBatch, RefundBatch,
};
use crate::model::{SandboxTrade, SentNotification};

/// Below this many remembered notify ids, none is forgotten.
const NOTIFY_IDS_KEPT: usize = 4096;

/// Everything the sandbox knows.
#[derive(Default)]
pub(crate) struct Memory {
    /// The private key (PEM) of the sandbox's Alipay key.
    pub(crate) alipay_key_pem: Option<String>,
    /// Partners in creation order (the first is the sandbox's first partner).
    pub(crate) partners: Vec<Arc<PartnerRecord>>,
    /// Index into `partners` by partner id.
    pub(crate) partner_index: HashMap<String, usize>,
    /// `(partner, sns_user_id)` → the user's key.
    pub(crate) sns_users: HashMap<(String, String), String>,
    /// `(partner, outer_goods_id)` → goods.
    pub(crate) goods: HashMap<(String, String), GoodsRecord>,
    /// Every goods id handed out.
    pub(crate) goods_ids: HashSet<String>,
    /// `trade_no` → trade.
    pub(crate) trades: HashMap<String, SandboxTrade>,
    /// `(partner, out_trade_no)` → `trade_no`.
    pub(crate) trades_by_out: HashMap<(String, String), String>,
    /// Notification jobs not done yet, by id.
    pub(crate) jobs: HashMap<u64, Job>,
    /// The largest job id handed out.
    pub(crate) next_job_id: u64,
    /// Every delivery attempt, in order.
    pub(crate) deliveries: Vec<SentNotification>,
    /// `notify_id` → (partner, when it was sent).
    pub(crate) notify_ids: HashMap<String, (String, SystemTime)>,
    /// Forget old notify ids once there are this many.
    pub(crate) notify_ids_prune_at: usize,
    /// `(partner, batch_no)` → refund batch.
    pub(crate) refund_batches: HashMap<(String, String), RefundBatch>,
    /// `trade_no` → fen refunded so far (the successful items of confirmed batches).
    pub(crate) refunded: HashMap<String, u64>,
    /// Accounts by login.
    pub(crate) accounts: HashMap<String, Account>,
    /// `(partner, batch_no)` → payout batch.
    pub(crate) payout_batches: HashMap<(String, String), PayoutBatch>,
    /// The account log: every movement of money.
    pub(crate) ledger: Ledger,
    /// `trade_no` → the parameters of the page request that opened the trade.
    pub(crate) orders: HashMap<String, Vec<(String, String)>>,
    /// The merchant QR codes (`alipay.commerce.qrcode.*`), by code.
    pub(crate) qrcodes: HashMap<String, MerchantCode>,
}

impl Memory {
    /// Appends a partner.
    pub(crate) fn add_partner(&mut self, record: PartnerRecord) {
        self.partner_index
            .insert(record.credentials.partner.clone(), self.partners.len());
        self.partners.push(Arc::new(record));
    }

    /// Stores a refund batch; a confirmed one adds its successful items to [`Self::refunded`].
    pub(crate) fn put_refund_batch(&mut self, batch: RefundBatch) {
        if let Some((results, _)) = &batch.outcome {
            for item in results.split('#') {
                let mut fields = item.split(['^', '$']);
                if let (Some(trade_no), Some(amount), Some(result)) =
                    (fields.next(), fields.next(), fields.next())
                    && result == "SUCCESS"
                    && let Ok(amount) = amount.parse::<alipay_core::types::Amount>()
                {
                    *self.refunded.entry(trade_no.to_owned()).or_default() += amount.fen();
                }
            }
        }
        self.refund_batches
            .insert((batch.partner.clone(), batch.batch_no.clone()), batch);
    }

    /// Inserts or replaces a trade, keeping the `out_trade_no` index.
    pub(crate) fn put_trade(&mut self, trade: SandboxTrade) {
        if let Some(old) = self.trades.get(&trade.trade_no) {
            let old_key = (old.partner.clone(), old.out_trade_no.clone());
            if self.trades_by_out.get(&old_key) == Some(&trade.trade_no) {
                self.trades_by_out.remove(&old_key);
            }
        }
        self.trades_by_out.insert(
            (trade.partner.clone(), trade.out_trade_no.clone()),
            trade.trade_no.clone(),
        );
        self.trades.insert(trade.trade_no.clone(), trade);
    }

    /// Remembers a notify id; when many are remembered, forgets those older than `keep`.
    pub(crate) fn register_notify_id(
        &mut self,
        notify_id: &str,
        partner: &str,
        time: SystemTime,
        keep: Duration,
    ) {
        self.notify_ids
            .insert(notify_id.to_owned(), (partner.to_owned(), time));
        if self.notify_ids.len() >= self.notify_ids_prune_at.max(NOTIFY_IDS_KEPT) {
            self.notify_ids
                .retain(|_, (_, sent)| time.duration_since(*sent).map_or(true, |age| age <= keep));
            self.notify_ids_prune_at = (2 * self.notify_ids.len()).max(NOTIFY_IDS_KEPT);
        }
    }
}
