//! `single_trade_query`: the trade of the calling partner with this `trade_no` (and, when both
//! are given, this `out_trade_no`), or by `out_trade_no` alone; else `TRADE_NOT_EXIST`.

use alipay_core::ErrorCode;
use alipay_core::types::TradeStatus;
use alipay_services::single_trade_query::{SingleTradeQuery, Trade as TradePayload};

use crate::registry::{Call, Outcome, Payload, Reply, param};

/// Answers the trade as `<trade>`.
pub(crate) fn single_trade(
    call: &Call<'_>,
    request: SingleTradeQuery,
) -> Result<Outcome, ErrorCode> {
    let partner = call.partner_id();
    let state = &call.world.state;
    let trade = match (&request.trade_no, &request.out_trade_no) {
        (Some(no), out) => state
            .trade(no)
            .filter(|t| out.as_ref().is_none_or(|out| *out == t.out_trade_no)),
        (None, Some(out)) => state.trade_by_out(partner, out),
        // from_params enforces one_of(trade_no, out_trade_no).
        (None, None) => return Err(ErrorCode::IllegalArgument),
    };
    let trade = trade
        .filter(|t| t.partner == partner)
        .ok_or(ErrorCode::TradeNotExist)?;
    // The order's rows (subject, price, quantity, seller_email, buyer_email, …), as the trade's
    // notifications carry them.
    let order = call.world.order_rows(&trade);
    let row = |name: &str| param(&order, name).map(str::to_owned);
    let closed = trade.status == TradeStatus::TradeClosed;
    Ok(Reply::Payload(Payload::of::<TradePayload>(|name| {
        Some(match name {
            "trade_no" => trade.trade_no.clone(),
            "out_trade_no" => trade.out_trade_no.clone(),
            "total_fee" => trade.total_fee.to_string(),
            "trade_status" => trade.status.as_str().to_owned(),
            "gmt_create" => trade.create_time.to_string(),
            "gmt_last_modified_time" => trade.last_modified_time.to_string(),
            "gmt_close" if closed => trade.last_modified_time.to_string(),
            "gmt_send_goods" => trade.shipment.as_ref()?.time.to_string(),
            "buyer_id" => trade.buyer_user_id.clone(),
            "seller_id" => trade.partner.clone(),
            "is_total_fee_adjust" => "F".to_owned(),
            "use_coupon" => "F".to_owned(),
            "flag_trade_locked" => "0".to_owned(),
            "operator_role" => "B".to_owned(),
            "payment_type" => row("payment_type").unwrap_or_else(|| "1".to_owned()),
            "subject" | "body" | "price" | "quantity" | "discount" | "seller_email"
            | "buyer_email" => row(name)?,
            _ => return None,
        })
    }))
    .into())
}
