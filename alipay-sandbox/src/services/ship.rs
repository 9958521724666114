//! `send_goods_confirm_by_platform`: the seller confirms an escrow or COD trade shipped.
//!
//! The trade state machine (`docs/protocol.md`, "send_goods_confirm_by_platform"), checked and applied atomically:
//! - no such trade, or a trade of another partner (a partner cannot see others' trades):
//!   `TRADE_NOT_EXIST`;
//! - an instant-payment trade (nothing to ship): `TRADE_STATUS_NOT_AVAILD`;
//! - `WAIT_SELLER_SEND_GOODS`: shipped; the trade moves to `WAIT_BUYER_CONFIRM_GOODS`, the answer is
//!   the trade's `<tradeBase>`, and the status change is notified to the trade's `notify_url`;
//! - `WAIT_BUYER_CONFIRM_GOODS` (already shipped): `T` again with the same `<tradeBase>`, nothing
//!   changes and nothing is notified (the service is idempotent);
//! - any other state: `TRADE_STATUS_NOT_AVAILD`.

use alipay_core::ErrorCode;
use alipay_core::types::{Amount, DateTime, TradeStatus};
use alipay_services::send_goods_confirm_by_platform::{SendGoodsConfirm, TradeBase};

use crate::model::{SandboxTrade, Shipment, TradeKind};
use crate::notification;
use crate::registry::{Call, Outcome, Payload, Reply};

/// Ships the trade, or refuses.
pub(crate) fn confirm(call: &Call<'_>, request: SendGoodsConfirm) -> Result<Outcome, ErrorCode> {
    let partner = call.partner_id();
    let now = DateTime::now();
    let outcome = call.world.state.update_trade(&request.trade_no, |trade| {
        if trade.partner != partner {
            return Err(ErrorCode::TradeNotExist);
        }
        // An instant payment has nothing to ship (a dual trade not paid yet is refused below, by
        // its state).
        if trade.kind == TradeKind::Instant {
            return Err(ErrorCode::TradeStatusNotAvaild);
        }
        match trade.status {
            TradeStatus::WaitSellerSendGoods => {
                trade.status = TradeStatus::WaitBuyerConfirmGoods;
                trade.last_modified_time = now;
                trade.shipment = Some(Shipment {
                    logistics_name: request.logistics_name.clone(),
                    invoice_no: request.invoice_no.clone(),
                    transport_type: request.transport_type.or(request.create_transport_type),
                    time: now,
                });
                Ok(((trade.clone(), true), true))
            }
            TradeStatus::WaitBuyerConfirmGoods => Ok(((trade.clone(), false), false)),
            _ => Err(ErrorCode::TradeStatusNotAvaild),
        }
    });
    let (trade, shipped) = match outcome {
        None => return Err(ErrorCode::TradeNotExist),
        Some(Err(e)) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the trade");
            return Err(ErrorCode::SystemError);
        }
        Some(Ok(result)) => result?,
    };
    if shipped {
        // The buyer's time to confirm receipt starts now.
        let by_post = trade
            .shipment
            .as_ref()
            .is_some_and(|s| s.transport_type == Some(alipay_core::types::TransportType::Post));
        crate::timeouts::shipped(call.world, &trade.trade_no, by_post);
    }
    let mut notifications = Vec::new();
    if shipped && trade.notify_url.is_some() {
        notifications.push(notification::status_change(
            &trade,
            call.world.order_rows(&trade),
            call.charset,
            call.sign_type,
        ));
    }
    Ok(Outcome {
        reply: Reply::Payload(trade_base(&trade)),
        notifications,
    })
}

/// The `<tradeBase>` of `trade`: a typed [`TradeBase`], written in table order by the derive. The
/// buyer and seller accounts are derived from their user ids (`…0156`, as in the real capture);
/// the other constant fields are the capture's.
pub(crate) fn trade_base(trade: &SandboxTrade) -> Payload {
    let shipped = trade.status == TradeStatus::WaitBuyerConfirmGoods;
    let text = |s: &str| Some(s.to_owned());
    let when_shipped = |s: &str| shipped.then(|| s.to_owned());
    Payload::typed(&TradeBase {
        buyer_account: Some(format!("{}0156", trade.buyer_user_id)),
        buyer_actions: when_shipped("[REFUND, CONFIRM_GOODS]"),
        buyer_login_email: None,
        buyer_type: text("PRIVATE_ACCOUNT"),
        buyer_user_id: Some(trade.buyer_user_id.clone()),
        channel: text(match trade.kind {
            TradeKind::Cod => "interface/cod",
            _ => "interface/escrow",
        }),
        create_time: Some(trade.create_time),
        currency: text("156"),
        gathering_type: text("1"),
        last_modified_time: Some(trade.last_modified_time),
        operator_role: when_shipped("S"),
        out_trade_no: Some(trade.out_trade_no.clone()),
        partner_id: Some(trade.partner.clone()),
        seller_account: Some(format!("{}0156", trade.partner)),
        seller_actions: when_shipped("[EXTEND_TIMEOUT]"),
        seller_login_email: None,
        seller_type: text("CORPORATE_ACCOUNT"),
        seller_user_id: Some(trade.partner.clone()),
        service_fee: Some(Amount::ZERO),
        service_fee_ratio: text("0.0"),
        stop_timeout: text("F"),
        total_fee: Some(trade.total_fee),
        trade_from: text("INST_PARTNER"),
        trade_no: trade.trade_no.clone(),
        trade_status: trade.status.clone(),
        trade_type: text("S"),
    })
}

#[cfg(test)]
mod tests {
    use alipay_core::Response as _;

    use super::*;

    #[test]
    fn trade_base_parses_and_follows_the_declared_order() {
        let now: DateTime = "2013-10-22 18:43:17".parse().unwrap();
        let trade = SandboxTrade {
            trade_no: "2013102226991504".into(),
            out_trade_no: "o<1>".into(),
            partner: "2088701809260784".into(),
            total_fee: Amount::from_fen(1),
            kind: TradeKind::Escrow,
            status: TradeStatus::WaitBuyerConfirmGoods,
            notify_url: None,
            buyer_user_id: "2088402408834043".into(),
            create_time: now,
            last_modified_time: now,
            shipment: None,
        };
        let payload = trade_base(&trade);
        let order: Vec<&str> = TradeBase::FIELDS.iter().map(|f| f.name).collect();
        let names: Vec<&str> = payload.fields.iter().map(|(k, _)| *k).collect();
        let mut expected = order.clone();
        expected.retain(|n| names.contains(n));
        assert_eq!(names, expected);
        let xml = alipay_core::xml::Payload {
            name: "tradeBase".into(),
            fields: payload
                .fields
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect(),
        };
        let base = TradeBase::from_payload(&xml).unwrap();
        assert_eq!(base.trade_no, trade.trade_no);
        assert_eq!(base.trade_status, TradeStatus::WaitBuyerConfirmGoods);
        assert_eq!(base.total_fee, Some(Amount::from_fen(1)));
        assert_eq!(base.seller_account.as_deref(), Some("20887018092607840156"));
    }
}
