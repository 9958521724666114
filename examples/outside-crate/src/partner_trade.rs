//! `create_partner_trade_by_buyer` (纯担保交易接口): the buyer's browser creates an escrow trade.
//! A page service: every column of every row comes from `specs/create_partner_trade_by_buyer.toml`.

use alipay::types::{Amount, DateTime, HttpUrl, TradeStatus};

/// The request (表4-1): the order, the goods, the logistics, the buyer and the timeouts.
#[derive(Clone, PartialEq, Eq, alipay::Request)]
#[alipay(service = "create_partner_trade_by_buyer", page, method = GET)]
#[alipay(spec = "specs/create_partner_trade_by_buyer.toml")]
pub struct PartnerTrade {
    pub notify_url: Option<HttpUrl>,
    pub return_url: Option<HttpUrl>,
    pub out_trade_no: String,
    pub subject: String,
    pub payment_type: String,
    pub logistics_type: String,
    pub logistics_fee: Amount,
    pub logistics_payment: String,
    pub price: Amount,
    pub quantity: u32,
    pub seller_email: String,
    pub buyer_email: Option<String>,
    pub seller_id: Option<String>,
    pub buyer_id: Option<String>,
    pub seller_account_name: Option<String>,
    pub buyer_account_name: Option<String>,
    pub body: Option<String>,
    pub show_url: Option<String>,
    pub total_fee: Option<Amount>,
    pub discount: Option<String>,
    pub receive_name: Option<String>,
    pub receive_address: Option<String>,
    pub receive_zip: Option<String>,
    pub receive_phone: Option<String>,
    pub receive_mobile: Option<String>,
    pub logistics_type_1: Option<String>,
    pub logistics_fee_1: Option<String>,
    pub logistics_payment_1: Option<String>,
    pub logistics_type_2: Option<String>,
    pub logistics_fee_2: Option<String>,
    pub logistics_payment_2: Option<String>,
    pub t_s_send_1: Option<String>,
    pub t_s_send_2: Option<String>,
    pub t_b_rec_post: Option<String>,
    pub it_b_pay: Option<String>,
    pub token: Option<String>,
}

/// The rows of the asynchronous notification (表6-1) a merchant acts on; the others are kept.
#[derive(Clone, PartialEq, Eq, alipay::Notification)]
#[alipay(kind = "notify", spec = "specs/create_partner_trade_by_buyer.toml")]
pub struct TradeStatusSync {
    pub notify_time: DateTime,
    pub trade_no: String,
    pub out_trade_no: Option<String>,
    pub trade_status: TradeStatus,
    pub total_fee: Amount,
}
