//! `close_trade` (交易关闭接口): close a trade that has not been paid. Every column of every row,
//! and the error table with its codes core does not know, come from `specs/close_trade.toml`.

alipay::wire_enum! {
    /// 交易角色: who closes the trade.
    pub enum TradeRole {
        /// `B`: the buyer.
        Buyer = "B",
        /// `S`: the seller.
        Seller = "S",
        /// `D`: a COD trade that timed out, closed by the partner.
        CodTimeout = "D",
    }
}

/// The request: one of the two trade numbers, optionally who closes and from where.
#[derive(Clone, PartialEq, Eq, alipay::Request)]
#[alipay(
    service = "close_trade",
    response = (),
    method = GET,
    spec = "specs/close_trade.toml",
    conflict = "TRADE_STATUS_NOT_AVAILD",
    one_of(trade_no, out_order_no)
)]
pub struct CloseTrade {
    pub trade_no: Option<String>,
    pub out_order_no: Option<String>,
    pub trade_role: Option<TradeRole>,
    pub ip: Option<String>,
}
