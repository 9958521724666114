//! The records the state keeps: partners, goods, notification jobs.

use std::time::SystemTime;

use alipay_core::Charset;
use alipay_core::sign::{SignType, Verifier};

use crate::SandboxError;
use crate::keys::{PartnerCredentials, PartnerKeys};

/// A merchant QR code the sandbox made (`alipay.commerce.qrcode.*`).
#[derive(Clone, Debug)]
pub(crate) struct MerchantCode {
    /// The partner that made it.
    pub(crate) partner: String,
    /// Its business data, as last set.
    pub(crate) data: alipay_services::alipay_commerce_qrcode_create::QrcodeBizData,
}

/// A registered partner: its credentials and its parsed keys.
pub(crate) struct PartnerRecord {
    pub(crate) credentials: PartnerCredentials,
    /// The DSA public key registered for `DSA` requests, if any.
    pub(crate) dsa_public_key_pem: Option<String>,
    pub(crate) keys: PartnerKeys,
}

impl PartnerRecord {
    /// Parses the keys of `credentials` (and of a registered DSA key).
    pub(crate) fn new(
        credentials: PartnerCredentials,
        dsa_public_key_pem: Option<String>,
    ) -> Result<Self, SandboxError> {
        let keys = PartnerKeys::parse(&credentials, dsa_public_key_pem.as_deref())?;
        Ok(Self {
            credentials,
            dsa_public_key_pem,
            keys,
        })
    }

    /// The verifier of this partner's requests signed with `sign_type` (`None` for `DSA` without
    /// a registered key).
    pub(crate) fn verifier(&self, sign_type: SignType) -> Option<&Verifier> {
        match sign_type {
            SignType::Md5 => Some(&self.keys.md5),
            SignType::Rsa => Some(&self.keys.rsa),
            SignType::Rsa2 => Some(&self.keys.rsa2),
            SignType::Dsa => self.keys.dsa.as_ref(),
        }
    }
}

/// Goods created by `sns.create.goods.ws`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GoodsRecord {
    pub(crate) partner: String,
    pub(crate) outer_goods_id: String,
    pub(crate) goods_id: String,
    /// The `<goods>` fields as answered.
    pub(crate) fields: Vec<(String, String)>,
}

/// A notification to deliver until acknowledged (8 deliveries at most).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Job {
    pub(crate) id: u64,
    pub(crate) partner: String,
    pub(crate) trade_no: String,
    pub(crate) notify_url: String,
    pub(crate) charset: Charset,
    pub(crate) sign_type: SignType,
    /// The content, without `notify_id`, `notify_time`, `sign` and `sign_type` (added per delivery).
    pub(crate) params: Vec<(String, String)>,
    /// Deliveries made so far.
    pub(crate) attempts: u32,
    /// When the next delivery is due.
    pub(crate) next_due: SystemTime,
    /// Acknowledged, or every delivery made.
    pub(crate) done: bool,
}

impl Job {
    /// A new notification to `notify_url`, due now: what it is about (`trade_no`, or a batch
    /// number), its content, and the charset and sign type it is sent in. The state gives it its
    /// id when it is stored.
    pub(crate) fn due_now(
        partner: &str,
        trade_no: &str,
        notify_url: &str,
        form: (Charset, SignType),
        params: Vec<(String, String)>,
    ) -> Self {
        Self {
            id: 0,
            partner: partner.to_owned(),
            trade_no: trade_no.to_owned(),
            notify_url: notify_url.to_owned(),
            charset: form.0,
            sign_type: form.1,
            params,
            attempts: 0,
            next_due: SystemTime::now(),
            done: false,
        }
    }
}

/// Why a trade could not be inserted.
#[derive(Debug)]
pub(crate) enum TradeConflict {
    /// The trade number is taken.
    TradeNo,
    /// The partner already has a trade with this `out_trade_no`.
    OutTradeNo,
}

/// A batch of refunds (`refund_fastpay_by_platform_pwd`), from the page request that opened it to
/// the seller's confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RefundBatch {
    pub(crate) partner: String,
    pub(crate) batch_no: String,
    pub(crate) notify_url: Option<String>,
    /// `detail_data` as received (`trade_no^amount^reason#…`).
    pub(crate) detail: String,
    /// The charset and sign type of the request (the notification's).
    pub(crate) charset: Charset,
    pub(crate) sign_type: SignType,
    /// Once the seller confirmed: `result_details` (`trade_no^amount^SUCCESS#…`) and how many
    /// items succeeded.
    pub(crate) outcome: Option<(String, u32)>,
}

/// A sandbox Alipay account that batch payouts (`batch_trans_notify`) pay from and to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The login (email or phone) payouts name it by.
    pub logon: String,
    /// The holder's real name (a payout's `收款账号姓名` must match it).
    pub name: String,
    /// The Alipay user id (`2088…`).
    pub user_id: String,
    /// The balance, in fen.
    pub balance_fen: u64,
}

/// A batch payout (`batch_trans_notify`), from the page request to the payer's confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PayoutBatch {
    pub(crate) partner: String,
    pub(crate) batch_no: String,
    /// The paying account's login.
    pub(crate) payer: String,
    pub(crate) notify_url: Option<String>,
    /// `detail_data` as received.
    pub(crate) detail: String,
    pub(crate) charset: Charset,
    pub(crate) sign_type: SignType,
    /// Once confirmed: `success_details` and `fail_details`.
    pub(crate) outcome: Option<(String, String)>,
}
