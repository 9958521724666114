//! `single_trade_query`: the trade of the calling partner with this `trade_no` (and, when both
//! are given, this `out_trade_no`), or by `out_trade_no` alone; else `TRADE_NOT_EXIST`.

use alipay_core::ErrorCode;
use alipay_services::single_trade_query::{SingleTradeQuery, Trade as TradePayload};

use crate::registry::{Call, Outcome, Payload, Reply};

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
    Ok(Reply::Payload(Payload::of::<TradePayload>(|name| {
        Some(match name {
            "trade_no" => trade.trade_no.clone(),
            "out_trade_no" => trade.out_trade_no.clone(),
            "total_fee" => trade.total_fee.to_string(),
            "trade_status" => trade.status.as_str().to_owned(),
            "gmt_create" => trade.create_time.to_string(),
            _ => return None,
        })
    }))
    .into())
}
