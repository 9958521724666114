//! Page services: what the buyer's browser sees when a merchant's page sends it to the gateway.
//!
//! Every page service that passes the checks is answered with a cashier page (HTML, HTTP 200, in
//! the request charset) listing what was asked. The trade-creating services
//! (`create_partner_trade_by_buyer`: escrow; `create_direct_pay_by_user` and
//! `alipay.wap.create.direct.pay.by.user`, the phone's cashier: instant payment;
//! `trade_create_by_buyer`: the buyer chooses at the cashier, whose two buttons pay it as escrow,
//! `WAIT_SELLER_SEND_GOODS`, or as an instant payment, `TRADE_FINISHED` at once) also create the
//! trade, waiting for the buyer to pay (`WAIT_BUYER_PAY`), or
//! show the partner's existing trade of that `out_trade_no`. A refusal is an HTML page naming the
//! error code, as Alipay's are.

use alipay_core::ErrorCode;
use alipay_core::types::{Amount, DateTime, TradeStatus};

use crate::model::{SandboxTrade, TradeKind};
use crate::registry::{Call, Outcome, Refusal, Reply, param as get};
use crate::state::TradeConflict;

/// The services that create a trade, and its kind.
const TRADE_SERVICES: [(&str, TradeKind); 5] = [
    ("create_partner_trade_by_buyer", TradeKind::Escrow),
    ("trade_create_by_buyer", TradeKind::Dual),
    ("create_direct_pay_by_user", TradeKind::Instant),
    ("alipay.wap.create.direct.pay.by.user", TradeKind::Instant),
    ("create_forex_trade", TradeKind::Forex),
];

/// The kind of trade `service` creates, if it creates one.
pub(crate) fn trade_kind(service: &str) -> Option<TradeKind> {
    TRADE_SERVICES
        .iter()
        .find(|(name, _)| *name == service)
        .map(|&(_, kind)| kind)
}

/// The cashier page of any page service.
pub(crate) fn cashier(call: &Call<'_>, params: &[(String, String)]) -> Result<Outcome, Refusal> {
    super::timestamp::check(call, params)?;
    let service = get(params, "service").unwrap_or_default();
    let trade = match trade_kind(service) {
        Some(kind) => Some(open_trade(call, params, kind)?),
        None => None,
    };
    Ok(Reply::Page(page(call, service, params, trade.as_ref())).into())
}

/// The partner's trade of this `out_trade_no`, created waiting for payment when there is none.
fn open_trade(
    call: &Call<'_>,
    params: &[(String, String)],
    kind: TradeKind,
) -> Result<SandboxTrade, Refusal> {
    let partner = call.partner_id();
    let out = get(params, "out_trade_no").ok_or(ErrorCode::IllegalArgument)?;
    let state = &call.world.state;
    if let Some(trade) = state.trade_by_out(partner, out) {
        return Ok(trade);
    }
    // A forex trade is priced in its currency: total_fee, or rmb_fee at the sandbox's rate.
    let rmb_fee = match kind {
        TradeKind::Forex => {
            let rate = get(params, "currency")
                .and_then(super::forex::rate)
                .ok_or_else(|| ErrorCode::from_code("FOREX_MERCHANT_NOT_SUPPORT_THIS_CURRENCY"))?;
            // At least a cent of the currency: an RMB price too small to convert still costs one.
            get(params, "rmb_fee")
                .and_then(|fee| fee.parse::<Amount>().ok())
                .map(|rmb| Amount::from_fen(super::forex::to_foreign(rmb.fen(), rate).max(1)))
        }
        _ => None,
    };
    let total_fee = match (get(params, "total_fee"), rmb_fee) {
        (Some(fee), _) => fee
            .parse::<Amount>()
            .map_err(|_| ErrorCode::IllegalArgument)?,
        (None, Some(converted)) => converted,
        (None, None) => {
            let price = get(params, "price")
                .and_then(|p| p.parse::<Amount>().ok())
                .ok_or(ErrorCode::IllegalArgument)?;
            let quantity = get(params, "quantity")
                .and_then(|q| q.parse::<u64>().ok())
                .unwrap_or(1);
            Amount::from_fen(
                price
                    .fen()
                    .checked_mul(quantity)
                    .ok_or(ErrorCode::IllegalArgument)?,
            )
        }
    };
    let now = DateTime::now();
    let trade = SandboxTrade {
        trade_no: String::new(),
        out_trade_no: out.to_owned(),
        partner: partner.to_owned(),
        total_fee,
        kind,
        status: TradeStatus::WaitBuyerPay,
        notify_url: get(params, "notify_url").map(str::to_owned),
        buyer_user_id: call.world.buyer_user_id(),
        create_time: now,
        last_modified_time: now,
        shipment: None,
    };
    let world = &call.world;
    match state.insert_trade(trade, false, || world.dated_number()) {
        Ok(Ok(trade)) => {
            let order = params
                .iter()
                .filter(|(k, _)| {
                    !matches!(
                        k.as_str(),
                        // The charset and sign type stay: `Admin::pay` signs the return with them.
                        "sign" | "service" | "partner"
                    )
                })
                .cloned()
                .collect();
            world.remember_order(&trade.trade_no, order);
            crate::timeouts::opened(world, &trade.trade_no, params);
            Ok(trade)
        }
        // Created by a concurrent visit of the same page: show that one.
        Ok(Err(TradeConflict::OutTradeNo | TradeConflict::TradeNo)) => state
            .trade_by_out(partner, out)
            .ok_or_else(|| ErrorCode::SystemError.into()),
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store the trade");
            Err(ErrorCode::SystemError.into())
        }
    }
}

/// Text escaped for an HTML element or a quoted attribute (the XML writer's escaping, which HTML
/// reads the same).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    alipay_core::xml::write::escape_into(&mut out, text);
    out
}

/// Hidden form inputs carrying `fields` (names and values escaped).
pub(crate) fn hidden_inputs(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\"/>",
                escape(k),
                escape(v)
            )
        })
        .collect()
}

fn page(
    call: &Call<'_>,
    service: &str,
    params: &[(String, String)],
    trade: Option<&SandboxTrade>,
) -> String {
    let mut rows = String::new();
    for (k, v) in params {
        if k == "sign" {
            continue;
        }
        rows += &format!("<tr><th>{}</th><td>{}</td></tr>\n", escape(k), escape(v));
    }
    let pay = match trade {
        Some(t) if t.status == TradeStatus::WaitBuyerPay => {
            let mut hidden = vec![
                ("trade_no", t.trade_no.as_str()),
                ("_input_charset", call.charset.as_str()),
                ("sign_type", call.sign_type.as_str()),
            ];
            if let Some(url) = get(params, "return_url") {
                hidden.push(("return_url", url));
            }
            let inputs = hidden_inputs(&hidden);
            // 标准双接口: the buyer chooses escrow or instant payment with the button pressed.
            let buttons = if t.kind == TradeKind::Dual {
                "<button type=\"submit\" name=\"payment\" value=\"escrow\" id=\"pay-escrow\" \
                 class=\"primary\">担保交易付款</button>\
                 <button type=\"submit\" name=\"payment\" value=\"instant\" id=\"pay-instant\">\
                 即时到账付款</button>"
            } else {
                "<button type=\"submit\" class=\"primary\">确认付款</button>"
            };
            format!(
                "<div class=\"actions\"><form id=\"pay\" method=\"post\" action=\"/cashier/pay\">{inputs}\
                 {buttons}</form>\n\
                 <form id=\"cancel\" method=\"post\" action=\"/cashier/cancel\">\
                 <input type=\"hidden\" name=\"trade_no\" value=\"{}\"/>\
                 <button type=\"submit\">取消付款</button></form></div>\n",
                escape(&t.trade_no)
            )
        }
        Some(t) => format!(
            "<p id=\"paid\">该交易已付款或已结束（{}），不会再次付款。</p>\n",
            t.status.as_str()
        ),
        None => String::new(),
    };
    let summary = trade.map_or_else(String::new, |t| {
        let get = |name| get(params, name).unwrap_or_default();
        let logistics_fee = ["logistics_fee", "logistics_fee_1", "logistics_fee_2"]
            .iter()
            .filter_map(|name| get(name).parse::<Amount>().ok())
            .next()
            .unwrap_or(Amount::ZERO);
        let seller = [
            get("seller_email"),
            get("seller_account_name"),
            get("seller_id"),
        ]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or(&t.partner);
        format!(
            "<p class=\"amount\">¥ <span id=\"total_fee\">{}</span></p>\n\
             <dl id=\"trade\">\
             <dt>商品</dt><dd id=\"subject\">{}</dd>\
             <dt>卖家</dt><dd id=\"seller\">{}</dd>\
             <dt>物流费用</dt><dd id=\"logistics_fee\">{}</dd>\
             <dt>付款账户</dt><dd id=\"buyer\">沙箱买家 {}</dd>\
             <dt>交易号</dt><dd id=\"trade_no\">{}</dd>\
             <dt>商户订单号</dt><dd id=\"out_trade_no\">{}</dd>\
             <dt>状态</dt><dd id=\"trade_status\">{}</dd></dl>\n",
            t.total_fee,
            escape(get("subject")),
            escape(seller),
            logistics_fee,
            escape(&t.buyer_user_id),
            escape(&t.trade_no),
            escape(&t.out_trade_no),
            t.status.as_str()
        )
    });
    html(
        call.charset.as_str(),
        "支付宝沙箱收银台",
        &format!(
            "<h1>支付宝沙箱收银台</h1>\n<p class=\"service\">服务 <code id=\"service\">{}</code></p>\n\
             {summary}{pay}<details><summary>请求参数</summary><table id=\"params\">\n{rows}</table></details>",
            escape(service)
        ),
    )
}

/// The pages' look: a narrow column that fits a phone, no script.
const STYLE: &str = "body{margin:0;background:#f2f4f7;font-family:sans-serif;color:#222}\
main{max-width:30rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh;box-sizing:border-box}\
h1{font-size:1.3rem;color:#1677ff}.service{color:#666;font-size:.85rem}\
.amount{font-size:2rem;font-weight:bold;margin:.5rem 0}\
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem .8rem}dt{color:#666}dd{margin:0;word-break:break-all}\
.actions{display:flex;gap:.6rem;margin:1rem 0}.actions form{flex:1;display:flex;flex-direction:column;gap:.6rem}\
button{width:100%;padding:.7rem;font-size:1rem;border:1px solid #1677ff;border-radius:.3rem;background:#fff;color:#1677ff}\
button.primary{background:#1677ff;color:#fff}\
details{margin-top:1rem;font-size:.8rem}table{border-collapse:collapse}\
th,td{text-align:left;padding:.15rem .4rem;word-break:break-all}";

/// A whole page in `charset` (declared in its `<meta>`): `title` (plain text) and `body` (HTML).
pub(crate) fn html(charset: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>\
         <style>{STYLE}</style></head>\n<body><main>{body}</main></body></html>\n",
        escape(title)
    )
}

/// The page a refused page request shows: the error code and its text, as Alipay's error pages.
pub(crate) fn error_page(charset: &str, code: &ErrorCode) -> String {
    html(
        charset,
        "支付宝 - 错误",
        &format!(
            "<h1>错误代码 <span id=\"error\">{}</span></h1>\n<p>{}</p>",
            escape(code.as_str()),
            escape(code.chinese()),
        ),
    )
}
