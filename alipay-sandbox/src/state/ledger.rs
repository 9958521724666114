//! The account log (账务明细): every movement of money the sandbox performs, one entry per account
//! moved, as `account.page.query` pages through it.
//!
//! - A trade's money reaches the seller when the trade first becomes `TRADE_SUCCESS` or
//!   `TRADE_FINISHED`: a payment (在线支付, income `total_fee`) on the partner's own account, and
//!   the sandbox's fee (收费, outcome `total_fee` × [`FEE_RATE_PER_MILLE`] ‰, rounded to the fen,
//!   none when that is 0.00).
//! - A refund item takes the refunded amount back (在线支付, outcome), after returning the fee in
//!   proportion (收费, income: the fee × refunded ÷ `total_fee`, rounded up, so a whole refund
//!   returns the whole fee and the account never goes below zero).
//! - A payout item moves its amount from the payer's account (转账, outcome) to the receiver's
//!   (转账, income).
//! - Cross-border (forex) trades settle outside the RMB account and are not in the log.
//!
//! The partner's own account starts at zero and is named by the partner id; a payout account is
//! named by its login and its balance is the [`Account`](super::Account)'s.

use std::collections::HashMap;

use alipay_core::types::DateTime;

/// The sandbox's fee on a payment, in thousandths of `total_fee` (6‰, the rate one merchant SDK
/// shows as an example; Alipay's real rate depends on the contract).
pub const FEE_RATE_PER_MILLE: u64 = 6;

/// The first entry's `iw_account_log_id`; entries are numbered from it in the order they were
/// made.
const FIRST_ID: u64 = 340_005_462_300;

/// What moved the money.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Movement {
    /// A buyer's payment reached the seller (在线支付, income).
    Payment,
    /// The fee on a payment (收费, outcome).
    Fee,
    /// A refund taken back from the seller (在线支付, outcome).
    Refund,
    /// The fee returned with a refund (收费, income).
    FeeReturn,
    /// A payout item paid (转账, outcome of the payer).
    PayoutSent,
    /// A payout item received (转账, income of the receiver).
    PayoutReceived,
}

impl Movement {
    /// Every movement.
    pub const ALL: &'static [Self] = &[
        Self::Payment,
        Self::Fee,
        Self::Refund,
        Self::FeeReturn,
        Self::PayoutSent,
        Self::PayoutReceived,
    ];

    /// The transaction type code (交易类型代码, the document's §7.3): 6001 在线支付, 3012 收费,
    /// 3011 转账.
    pub fn trans_code(self) -> &'static str {
        match self {
            Self::Payment | Self::Refund => "6001",
            Self::Fee | Self::FeeReturn => "3012",
            Self::PayoutSent | Self::PayoutReceived => "3011",
        }
    }

    /// `trans_code_msg`: the words of the type code.
    pub fn trans_code_msg(self) -> &'static str {
        match self {
            Self::Payment | Self::Refund => "在线支付",
            Self::Fee | Self::FeeReturn => "收费",
            Self::PayoutSent | Self::PayoutReceived => "转账",
        }
    }

    /// `sub_trans_code_msg`: the sandbox's own words for the movement.
    pub fn sub_trans_code_msg(self) -> &'static str {
        match self {
            Self::Payment => "交易付款",
            Self::Fee => "交易服务费",
            Self::Refund => "交易退款",
            Self::FeeReturn => "退还交易服务费",
            Self::PayoutSent => "批量付款",
            Self::PayoutReceived => "批量付款收款",
        }
    }

    /// The name the state file stores.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Payment => "payment",
            Self::Fee => "fee",
            Self::Refund => "refund",
            Self::FeeReturn => "fee_return",
            Self::PayoutSent => "payout_sent",
            Self::PayoutReceived => "payout_received",
        }
    }

    /// The movement the state file names `name`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|m| m.name() == name)
    }
}

/// One entry of the account log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerEntry {
    /// `iw_account_log_id` (账务流水号): unique, increasing in the order entries were made.
    pub id: u64,
    /// The account moved: a partner id for the partner's own account, else a payout account's
    /// login.
    pub account: String,
    /// The user id (`2088…`) of the account's holder: whose log it is.
    pub owner: String,
    /// What moved the money.
    pub movement: Movement,
    /// When (Beijing time).
    pub time: DateTime,
    /// Money in, in fen (0 for an outcome).
    pub income_fen: u64,
    /// Money out, in fen (0 for an income).
    pub outcome_fen: u64,
    /// The account's balance after the entry, in fen.
    pub balance_fen: u64,
    /// The trade (payments, fees, refunds) or the payout batch number.
    pub trade_no: String,
    /// The merchant's order number (`out_trade_no`), or the payout item's serial number.
    pub merchant_out_order_no: Option<String>,
    /// The other side: the buyer's user id, or the other account's login.
    pub other: Option<String>,
    /// The trade's amount, for payments, fees and refunds.
    pub total_fee_fen: Option<u64>,
    /// The payout item's remark, the refund's reason.
    pub memo: Option<String>,
}

/// The log and what it implies, kept in step with it.
#[derive(Default)]
pub(crate) struct Ledger {
    pub(crate) entries: Vec<LedgerEntry>,
    /// The balance of each partner's own account (payout accounts keep theirs).
    balances: HashMap<String, u64>,
    /// Per trade paid in: the fee charged and the fee returned so far.
    fees: HashMap<String, (u64, u64)>,
}

impl Ledger {
    /// Adds entries made by a [`Drafts`] (after they were stored).
    pub(crate) fn apply(&mut self, entries: Vec<LedgerEntry>) {
        for e in entries {
            self.note(&e);
            self.entries.push(e);
        }
    }

    fn note(&mut self, e: &LedgerEntry) {
        if matches!(
            e.movement,
            Movement::Payment | Movement::Fee | Movement::Refund | Movement::FeeReturn
        ) {
            self.balances.insert(e.account.clone(), e.balance_fen);
            let fees = self.fees.entry(e.trade_no.clone()).or_default();
            match e.movement {
                Movement::Fee => fees.0 += e.outcome_fen,
                Movement::FeeReturn => fees.1 += e.income_fen,
                _ => {}
            }
        }
    }

    /// Whether trade `trade_no`'s payment is in the log.
    pub(crate) fn paid_in(&self, trade_no: &str) -> bool {
        self.fees.contains_key(trade_no)
    }
}

/// Entries being made by one change of the state, before they are stored: balances and fees
/// carry from one to the next.
pub(crate) struct Drafts<'a> {
    ledger: &'a Ledger,
    pub(crate) new: Vec<LedgerEntry>,
}

/// What a payment, fee or refund entry is about.
pub(crate) struct TradeRef<'a> {
    pub(crate) partner: &'a str,
    pub(crate) trade_no: &'a str,
    pub(crate) out_trade_no: &'a str,
    pub(crate) buyer: &'a str,
    pub(crate) total_fen: u64,
}

impl<'a> Drafts<'a> {
    pub(crate) fn new(ledger: &'a Ledger) -> Self {
        Self {
            ledger,
            new: Vec::new(),
        }
    }

    fn next_id(&self) -> u64 {
        FIRST_ID + (self.ledger.entries.len() + self.new.len()) as u64
    }

    /// The balance of partner `account`'s own account, these drafts included.
    fn own_balance(&self, account: &str) -> u64 {
        self.new
            .iter()
            .rev()
            .find(|e| e.account == account)
            .map(|e| e.balance_fen)
            .or_else(|| self.ledger.balances.get(account).copied())
            .unwrap_or(0)
    }

    /// `(fee charged, fee returned)` of trade `trade_no`, these drafts included.
    fn fees(&self, trade_no: &str) -> (u64, u64) {
        let (mut charged, mut returned) = self.ledger.fees.get(trade_no).copied().unwrap_or((0, 0));
        for e in self.new.iter().filter(|e| e.trade_no == trade_no) {
            match e.movement {
                Movement::Fee => charged += e.outcome_fen,
                Movement::FeeReturn => returned += e.income_fen,
                _ => {}
            }
        }
        (charged, returned)
    }

    fn own(&mut self, t: &TradeRef<'_>, movement: Movement, time: DateTime, signed: i128) {
        let balance = i128::from(self.own_balance(t.partner)) + signed;
        let (income_fen, outcome_fen) = if signed >= 0 {
            (signed as u64, 0)
        } else {
            (0, signed.unsigned_abs() as u64)
        };
        let id = self.next_id();
        self.new.push(LedgerEntry {
            id,
            account: t.partner.to_owned(),
            owner: t.partner.to_owned(),
            movement,
            time,
            income_fen,
            outcome_fen,
            balance_fen: u64::try_from(balance.max(0)).unwrap_or(u64::MAX),
            trade_no: t.trade_no.to_owned(),
            merchant_out_order_no: Some(t.out_trade_no.to_owned()),
            other: Some(t.buyer.to_owned()),
            total_fee_fen: Some(t.total_fen),
            memo: None,
        });
    }

    /// The payment of trade `t` reached the seller: the payment and the fee.
    pub(crate) fn payment(&mut self, t: &TradeRef<'_>, time: DateTime) {
        self.own(t, Movement::Payment, time, i128::from(t.total_fen));
        let fee = fee_of(t.total_fen);
        if fee > 0 {
            self.own(t, Movement::Fee, time, -i128::from(fee));
        }
    }

    /// `fen` of trade `t` refunded, `done` refunded before: the fee returned in proportion, then
    /// the refund.
    pub(crate) fn refund(&mut self, t: &TradeRef<'_>, done: u64, fen: u64, time: DateTime) {
        let (charged, returned) = self.fees(t.trade_no);
        let owed = ceil_div(
            u128::from(charged) * u128::from(done + fen),
            u128::from(t.total_fen.max(1)),
        )
        .min(charged);
        if owed > returned {
            self.own(t, Movement::FeeReturn, time, i128::from(owed - returned));
        }
        self.own(t, Movement::Refund, time, -i128::from(fen));
    }

    /// A payout item: `fen` from `payer` (balance after: `payer_balance`) to `receiver`
    /// (`receiver_balance`); the accounts are `(login, holder's user id)`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn payout(
        &mut self,
        batch_no: &str,
        serial: &str,
        payer: (&str, &str, u64),
        receiver: (&str, &str, u64),
        fen: u64,
        memo: Option<&str>,
        time: DateTime,
    ) {
        for (movement, (account, owner, balance), other) in [
            (Movement::PayoutSent, payer, receiver.0),
            (Movement::PayoutReceived, receiver, payer.0),
        ] {
            let sent = movement == Movement::PayoutSent;
            let id = self.next_id();
            self.new.push(LedgerEntry {
                id,
                account: account.to_owned(),
                owner: owner.to_owned(),
                movement,
                time,
                income_fen: if sent { 0 } else { fen },
                outcome_fen: if sent { fen } else { 0 },
                balance_fen: balance,
                trade_no: batch_no.to_owned(),
                merchant_out_order_no: Some(serial.to_owned()),
                other: Some(other.to_owned()),
                total_fee_fen: None,
                memo: memo.map(str::to_owned),
            });
        }
    }
}

/// The sandbox's fee on a payment of `total_fen`: [`FEE_RATE_PER_MILLE`] ‰, rounded half up to
/// the fen.
pub fn fee_of(total_fen: u64) -> u64 {
    ((u128::from(total_fen) * u128::from(FEE_RATE_PER_MILLE) + 500) / 1000) as u64
}

fn ceil_div(a: u128, b: u128) -> u64 {
    u64::try_from(a.div_ceil(b)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trade(total: u64) -> TradeRef<'static> {
        TradeRef {
            partner: "2088000000000001",
            trade_no: "2026120500000001",
            out_trade_no: "o1",
            buyer: "2088000000000009",
            total_fen: total,
        }
    }

    #[test]
    fn fees_round_half_up() {
        // 6‰ of 0.01 … 100.00 yuan: by hand, 0.06 fen → 0; 83 fen × 6 = 498 → 0.498 → 0;
        // 84 × 6 = 504 → 1; 10000 × 6 / 1000 = 60.
        assert_eq!(fee_of(1), 0);
        assert_eq!(fee_of(83), 0);
        assert_eq!(fee_of(84), 1);
        assert_eq!(fee_of(10_000), 60);
    }

    #[test]
    fn refunds_return_the_fee_in_proportion_and_never_go_below_zero() {
        let mut ledger = Ledger::default();
        let t = trade(10_001);
        let now = DateTime::now();
        let mut d = Drafts::new(&ledger);
        d.payment(&t, now);
        let new = d.new;
        assert_eq!(new.len(), 2);
        assert_eq!(new[1].balance_fen, 10_001 - 60);
        ledger.apply(new);
        let mut done = 0;
        for fen in [1, 3_333, 6_000, 667] {
            let mut d = Drafts::new(&ledger);
            d.refund(&t, done, fen, now);
            let new = d.new;
            assert_eq!(new.last().unwrap().movement, Movement::Refund);
            ledger.apply(new);
            done += fen;
        }
        assert_eq!(done, 10_001);
        assert_eq!(ledger.balances[t.partner], 0);
        let returned: u64 = ledger
            .entries
            .iter()
            .filter(|e| e.movement == Movement::FeeReturn)
            .map(|e| e.income_fen)
            .sum();
        assert_eq!(returned, 60);
        let ids: Vec<u64> = ledger.entries.iter().map(|e| e.id).collect();
        assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "{ids:?}");
    }
}
