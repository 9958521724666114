//! The cashier's buttons: the buyer pays the trade a page service opened (`POST /cashier/pay`),
//! or leaves without paying (`POST /cashier/cancel`: nothing changes, back to the order's
//! `show_url`, else `return_url`).
//!
//! The cashier page (`services::page`) holds a form with the trade number and the page request's
//! `return_url`, `_input_charset` and `sign_type`. Paying moves the trade to the state its service
//! defines (escrow and COD: `WAIT_SELLER_SEND_GOODS`; instant payment: `TRADE_SUCCESS`), schedules
//! the `trade_status_sync` notification to the trade's `notify_url`, and sends the browser back
//! (HTTP 302) to `return_url` with the signed return parameters (`is_success=T`, `notify_id`,
//! `notify_time`, `notify_type`, `trade_no`, `out_trade_no`, `trade_status`, `total_fee`,
//! `seller_id`, `buyer_id`), encoded in the request's charset and signed as notifications are. The
//! return's `notify_id` answers `notify_verify` like a notification's. Paying a trade that no longer
//! waits for payment changes nothing and shows "already paid" (never a second payment); without a
//! `return_url`, the page says the payment is done. A `return_url` takes no query of its own (the
//! official demo: "不能加?id=123这类自定义参数"): one it has is kept in front of the return's
//! parameters, and a verifier that checks every received parameter then fails, as with Alipay.
//!
//! After shipping, the buyer's view of the trade (`GET /cashier/trade?trade_no=…`) has a "confirm
//! receipt" button (`POST /cashier/confirm`): the trade becomes `TRADE_FINISHED` and is notified
//! ([`crate::receipt`]).
//!
//! The order's rows the return and the notification carry (`subject`, `price`, `quantity`,
//! `seller_email`, …) come from the page request that opened the trade, kept in the state (and its
//! file): a trade opened before a restart is paid with them too. A trade the admin API created
//! has no such request and is paid with defaults for them.

use alipay_core::types::TradeStatus;
use alipay_core::{Charset, form};

use crate::gateway::Gateway;
use crate::registry::param;
use crate::request::raw_params;
use crate::services::page::{escape, html};

/// What the cashier answers.
#[derive(Debug)]
pub(crate) enum Cashier {
    /// `302 Found` to this URL (the merchant's `return_url`).
    Redirect(String),
    /// An HTML page with this HTTP status, in `charset`.
    Page {
        status: u16,
        charset: Charset,
        html: String,
    },
}

/// A page with a heading and one line of text (both plain text).
fn page(status: u16, charset: Charset, title: &str, text: &str) -> Cashier {
    Cashier::Page {
        status,
        charset,
        html: html(
            charset.as_str(),
            title,
            &format!("<h1>{}</h1>\n<p>{}</p>", escape(title), escape(text)),
        ),
    }
}

/// The cashier form's fields and their charset, or the page refusing an unreadable form.
fn read_form(body: &[u8]) -> Result<(Vec<(String, String)>, Charset), Cashier> {
    let Ok(raw) = raw_params(b"", body) else {
        return Err(page(400, Charset::Utf8, "支付宝 - 错误", "表单不完整"));
    };
    let charset = form::declared_charset(&raw)
        .ok()
        .flatten()
        .unwrap_or(Charset::Utf8);
    match form::decode_pairs(&raw, charset) {
        Ok(fields) => Ok((fields, charset)),
        Err(_) => Err(page(400, charset, "支付宝 - 错误", "表单不完整")),
    }
}

/// `POST /cashier/cancel`: the buyer leaves the cashier without paying. Nothing changes; the
/// browser goes back to the order's `show_url`, else its `return_url` (without a return: nothing
/// was paid), else a page saying the payment was cancelled.
pub(crate) fn cancel(gw: &Gateway, body: &[u8]) -> Cashier {
    let (fields, charset) = match read_form(body) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let trade_no = param(&fields, "trade_no").unwrap_or_default();
    let order = gw.world.order(trade_no);
    let back = ["show_url", "return_url"]
        .iter()
        .find_map(|name| param(&order, name).map(str::to_owned));
    match back {
        Some(url) => Cashier::Redirect(url),
        None => page(200, charset, "支付宝 - 已取消", "付款已取消，交易未改变。"),
    }
}

/// `GET /cashier/trade?trade_no=…`: the buyer's view of a trade (as in the buyer's Alipay
/// account), with a "confirm receipt" button (`POST /cashier/confirm`) while the trade waits for
/// it (`WAIT_BUYER_CONFIRM_GOODS`).
pub(crate) fn trade_page(gw: &Gateway, query: &[u8]) -> Cashier {
    let (fields, charset) = match read_form(query) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let Some(trade) = param(&fields, "trade_no").and_then(|no| gw.world.state.trade(no)) else {
        return page(404, charset, "支付宝 - 错误", "交易不存在");
    };
    let confirm = if trade.status == TradeStatus::WaitBuyerConfirmGoods {
        format!(
            "<form id=\"confirm\" method=\"post\" action=\"/cashier/confirm\">\
             <input type=\"hidden\" name=\"trade_no\" value=\"{}\"/>\
             <input type=\"hidden\" name=\"_input_charset\" value=\"{}\"/>\
             <button type=\"submit\">确认收货</button></form>\n",
            escape(&trade.trade_no),
            charset.as_str()
        )
    } else {
        String::new()
    };
    Cashier::Page {
        status: 200,
        charset,
        html: html(
            charset.as_str(),
            "支付宝 - 我的交易",
            &format!(
                "<h1>我的交易</h1>\n<p id=\"trade\">交易号 <span id=\"trade_no\">{}</span>，\
                 商户订单号 <span id=\"out_trade_no\">{}</span>，金额 <span id=\"total_fee\">{}</span> 元，\
                 状态 <span id=\"trade_status\">{}</span></p>\n{confirm}",
                escape(&trade.trade_no),
                escape(&trade.out_trade_no),
                trade.total_fee,
                trade.status.as_str()
            ),
        ),
    }
}

/// `GET /cashier/scan?trade_no=…`: the buyer's phone after scanning a face-to-face QR code
/// (`alipay.acquire.precreate`'s `qr_code`) or confirming a code payment that waits
/// (`ORDER_SUCCESS_PAY_INPROCESS`): the order and, while it waits for payment, a pay button
/// (`POST /cashier/pay`).
pub(crate) fn scan_page(gw: &Gateway, query: &[u8]) -> Cashier {
    let (fields, charset) = match read_form(query) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let Some(trade) = param(&fields, "trade_no").and_then(|no| gw.world.state.trade(no)) else {
        return page(404, charset, "支付宝 - 错误", "交易不存在");
    };
    let (form_charset, sign_type) = crate::notify_sender::trade_form(&gw.world, &trade.trade_no);
    let order = gw.world.order(&trade.trade_no);
    let subject = param(&order, "subject").unwrap_or_default();
    let pay = if trade.status == TradeStatus::WaitBuyerPay {
        format!(
            "<form id=\"pay\" method=\"post\" action=\"/cashier/pay\">\
             <input type=\"hidden\" name=\"trade_no\" value=\"{}\"/>\
             <input type=\"hidden\" name=\"_input_charset\" value=\"{}\"/>\
             <input type=\"hidden\" name=\"sign_type\" value=\"{}\"/>\
             <button type=\"submit\">确认付款</button></form>\n",
            escape(&trade.trade_no),
            form_charset.as_str(),
            sign_type.as_str()
        )
    } else {
        String::new()
    };
    Cashier::Page {
        status: 200,
        charset,
        html: html(
            charset.as_str(),
            "支付宝 - 付款",
            &format!(
                "<h1>付款</h1>\n<p id=\"order\"><span id=\"subject\">{}</span>，\
                 金额 <span id=\"total_fee\">{}</span> 元，状态 <span id=\"trade_status\">{}</span></p>\n{pay}",
                escape(subject),
                trade.total_fee,
                trade.status.as_str()
            ),
        ),
    }
}

/// `POST /cashier/confirm`: the buyer confirms receipt of a shipped trade ([`crate::receipt`]).
pub(crate) fn confirm(gw: &Gateway, body: &[u8]) -> Cashier {
    use crate::receipt::{ConfirmError, Refused};
    let (fields, charset) = match read_form(body) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let Some(trade_no) = param(&fields, "trade_no") else {
        return page(400, charset, "支付宝 - 错误", "没有交易号");
    };
    match crate::receipt::confirm(&gw.world, trade_no) {
        Ok(_) => page(200, charset, "支付宝 - 交易成功", "已确认收货，交易成功。"),
        Err(ConfirmError::Refused(Refused::NoTrade)) => {
            page(404, charset, "支付宝 - 错误", "交易不存在")
        }
        Err(ConfirmError::Refused(Refused::NotShipped(status))) => page(
            409,
            charset,
            "支付宝 - 不能确认收货",
            &format!("该交易（{}）不在等待确认收货的状态。", status.as_str()),
        ),
        Err(ConfirmError::State(e)) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the trade");
            page(500, charset, "支付宝 - 错误", "系统错误")
        }
    }
}

/// `POST /cashier/pay` with the cashier form's body ([`crate::payment`]).
pub(crate) fn pay(gw: &Gateway, body: &[u8]) -> Cashier {
    use crate::payment::{HowPaid, PayError};
    let (fields, charset) = match read_form(body) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let get = |name| param(&fields, name);
    let sign_type = get("sign_type")
        .and_then(|t| t.parse().ok())
        .unwrap_or(alipay_core::SignType::Md5);
    let Some(trade_no) = get("trade_no") else {
        return page(400, charset, "支付宝 - 错误", "没有交易号");
    };
    let how = HowPaid {
        charset,
        sign_type,
        return_url: get("return_url"),
        // A dual trade's buyer pays it as an instant payment (`payment=instant`) or as escrow.
        instant: get("payment") == Some("instant"),
    };
    match crate::payment::pay(&gw.world, trade_no, &how) {
        Ok(paid) => match paid.return_to {
            Some(to) => Cashier::Redirect(to),
            None => page(200, charset, "支付宝 - 付款成功", "付款成功。"),
        },
        Err(PayError::NoTrade) => page(404, charset, "支付宝 - 错误", "交易不存在"),
        Err(PayError::NotWaiting(status)) => page(
            409,
            charset,
            "支付宝 - 已付款",
            &format!(
                "该交易已付款或已结束（{}），不会再次付款。",
                status.as_str()
            ),
        ),
        Err(PayError::State(e)) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot pay the trade");
            page(500, charset, "支付宝 - 错误", "系统错误")
        }
    }
}

/// `POST /cashier/refund`: the seller confirms a refund batch with the payment password
/// ([`crate::services::refund`]). A wrong password changes nothing and says so.
pub(crate) fn refund(gw: &Gateway, body: &[u8]) -> Cashier {
    use crate::services::refund::{Confirmed, SELLER_PASSWORD, confirm};
    let (fields, charset) = match read_form(body) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let get = |name| param(&fields, name);
    let (Some(partner), Some(batch_no)) = (get("partner"), get("batch_no")) else {
        return page(400, charset, "支付宝 - 错误", "没有退款批次号");
    };
    if get("password") != Some(SELLER_PASSWORD) {
        return page(
            403,
            charset,
            "支付宝 - 支付密码不正确",
            "支付密码不正确，退款未执行。",
        );
    }
    let done = |results: &str, n: u32| {
        page(
            200,
            charset,
            "支付宝 - 退款已处理",
            &format!("批次 {batch_no} 已处理：成功 {n} 笔。{results}"),
        )
    };
    match confirm(&gw.world, partner, batch_no, true) {
        Confirmed::Done(results, n) | Confirmed::Already(results, n) => done(&results, n),
        Confirmed::NoBatch => page(404, charset, "支付宝 - 错误", "退款批次不存在"),
        Confirmed::Failed => page(500, charset, "支付宝 - 错误", "系统错误"),
    }
}

/// `POST /cashier/payout`: the payer confirms a payout batch with the payment password
/// ([`crate::services::payout`]). A wrong password changes nothing and says so.
pub(crate) fn payout(gw: &Gateway, body: &[u8]) -> Cashier {
    use crate::services::payout::{PaidOut, confirm};
    use crate::services::refund::SELLER_PASSWORD;
    let (fields, charset) = match read_form(body) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let get = |name| param(&fields, name);
    let (Some(partner), Some(batch_no)) = (get("partner"), get("batch_no")) else {
        return page(400, charset, "支付宝 - 错误", "没有付款批次号");
    };
    if get("password") != Some(SELLER_PASSWORD) {
        return page(
            403,
            charset,
            "支付宝 - 支付密码不正确",
            "支付密码不正确，付款未执行。",
        );
    }
    match confirm(&gw.world, partner, batch_no) {
        PaidOut::Done(success, fail) => page(
            200,
            charset,
            "支付宝 - 批量付款已处理",
            &format!("批次 {batch_no} 已处理。成功：{success} 失败：{fail}"),
        ),
        PaidOut::NoBatch => page(404, charset, "支付宝 - 错误", "付款批次不存在"),
        PaidOut::Failed => page(500, charset, "支付宝 - 错误", "系统错误"),
    }
}
