//! What each fuzz target checks, shared with the corpus replay test
//! (`alipay-core/tests/fuzz_corpus.rs`), which runs every committed input through the same checks.
//!
//! Beyond "no panic, no hang, no unbounded allocation", each check states a property that must
//! hold for every input.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use alipay_core::Response;
use alipay_core::charset::Charset;
use alipay_core::notify::{self, NotifyLimits};
use alipay_core::service::Notification;
use alipay_core::sign::{Md5Key, Verifier};
use alipay_core::xml::{self, Fields, Limits, Payload};
use alipay_services::batch_trans_notify::BatchTransNotifyNotify;
use alipay_services::create_direct_pay_by_user::{
    CreateDirectPayByUserNotify, CreateDirectPayByUserReturn,
};
use alipay_services::create_forex_trade::{CreateForexTradeNotify, CreateForexTradeReturn};
use alipay_services::create_partner_trade_by_buyer::{
    CreatePartnerTradeByBuyerNotify, CreatePartnerTradeByBuyerReturn,
};
use alipay_services::forex_refund::ForexRefundNotify;
use alipay_services::refund_fastpay_by_platform_nopwd::BatchRefundNopwdNotify;
use alipay_services::refund_fastpay_by_platform_pwd::BatchRefundNotify;
use alipay_services::send_goods_confirm_by_platform::TradeBase;
use alipay_services::single_trade_query::Trade;
use alipay_services::sns_create_goods_ws::Goods;

const KEY: &str = "0123456789abcdef0123456789abcdef";

/// The envelope parser: the fast scanner and quick-xml alone give the same answer (differential),
/// and a parsed envelope's signing string and signature check never panic.
pub fn envelope(data: &[u8]) {
    let limits = Limits::default();
    let fast = xml::parse_with(data, &limits);
    let slow = xml::__parse_with_quick_xml_only(data, &limits);
    assert_eq!(fast, slow, "scanner and quick-xml disagree");
    if let Ok(env) = fast {
        let _ = env.response_signing_string();
        let _ = env.verify_signature(&Verifier::md5(Md5Key::new(KEY)));
    }
}

/// Every declared response parser: no panic; a payload that parses writes back fields that parse
/// to the same value.
pub fn responses(data: &[u8]) {
    let Ok(env) = xml::parse(data) else { return };
    round_trip::<Goods>(env.response.as_ref());
    round_trip::<TradeBase>(env.response.as_ref());
    round_trip::<Trade>(env.response.as_ref());
    // The same children under each service's element name, whatever the document called it.
    if let Some(p) = &env.response {
        for element in [Goods::ELEMENT, TradeBase::ELEMENT, Trade::ELEMENT] {
            let renamed = Payload {
                name: element.to_owned(),
                fields: p.fields.clone(),
            };
            round_trip::<Goods>(Some(&renamed));
            round_trip::<TradeBase>(Some(&renamed));
            round_trip::<Trade>(Some(&renamed));
        }
    }
}

fn round_trip<R: Response + PartialEq + std::fmt::Debug>(payload: Option<&Payload>) {
    let Ok(value) = R::from_response(payload) else {
        return;
    };
    let fields = value.to_fields();
    let mut rebuilt = Fields::with_capacity(0, fields.len());
    for (k, v) in &fields {
        rebuilt.push(k, v);
    }
    let again = R::from_payload(&Payload {
        name: R::ELEMENT.to_owned(),
        fields: rebuilt,
    })
    .expect("written fields parse");
    assert_eq!(again, value, "write_fields/from_payload round trip");
}

/// The notification decoder and verifier: no panic; a decoded notification has a notify_id and
/// unique names; verification gives an answer.
pub fn notification(data: &[u8]) {
    let hint = match data.first() {
        Some(b) if b % 3 == 0 => Some(Charset::Gbk),
        Some(b) if b % 3 == 1 => Some(Charset::Utf8),
        _ => None,
    };
    let Ok(n) = notify::decode_notification(data, hint, &NotifyLimits::DEFAULT) else {
        return;
    };
    assert!(!n.notify_id().is_empty());
    let mut names: Vec<&str> = n.params().iter().map(|(k, _)| k.as_str()).collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "duplicate names after decoding");
    let _ = n.trade_status();
    let _ = n.total_fee();
    let _ = notify::verify_notification_signature(&n, &Verifier::md5(Md5Key::new(KEY)));
}

/// Form decoding in both charsets: no panic; what decodes re-encodes to something that decodes
/// to the same pairs.
pub fn form(data: &[u8]) {
    for charset in [Charset::Utf8, Charset::Gbk] {
        let Ok(pairs) = alipay_core::form::decode(data, charset) else {
            continue;
        };
        let Ok(encoded) = alipay_core::form::encode(&pairs, charset) else {
            continue;
        };
        let again = alipay_core::form::decode(encoded.as_bytes(), charset).unwrap();
        assert_eq!(again, pairs, "encode/decode round trip in {charset}");
    }
}

/// The catalog's declared notification and return tables (`#[derive(Notification)]`). The first
/// byte picks the charset and the table; the rest is a form body. Whatever it holds: no panic; a
/// table read means every row the table requires was received with a value; a refusal lists at
/// least one violation, each naming a row of the table, never a secret value.
pub fn declared_notification(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let charset = if mode & 1 == 0 {
        Charset::Utf8
    } else {
        Charset::Gbk
    };
    let Ok(params) = alipay_core::form::decode(rest, charset) else {
        return;
    };
    match (mode >> 1) % 10 {
        0 => table::<CreateDirectPayByUserNotify>(&params),
        1 => table::<CreateDirectPayByUserReturn>(&params),
        2 => table::<CreatePartnerTradeByBuyerNotify>(&params),
        3 => table::<CreatePartnerTradeByBuyerReturn>(&params),
        // Tables with per-item result lists.
        4 => table::<BatchRefundNotify>(&params),
        5 => table::<BatchRefundNopwdNotify>(&params),
        6 => table::<BatchTransNotifyNotify>(&params),
        7 => table::<CreateForexTradeNotify>(&params),
        8 => table::<CreateForexTradeReturn>(&params),
        _ => table::<ForexRefundNotify>(&params),
    }
}

fn table<N: Notification>(params: &[(String, String)]) {
    match N::from_params(params) {
        Ok(_) => {
            for field in N::FIELDS.iter().filter(|f| !f.nullable) {
                assert!(
                    params.iter().any(|(k, v)| k == field.name && !v.is_empty()),
                    "{} read without its required {}",
                    N::SERVICE,
                    field.name
                );
            }
        }
        Err(errors) => {
            assert!(
                !errors.violations().is_empty(),
                "a refusal without a violation"
            );
            for violation in errors.violations() {
                // A list-valued row's item is reported as `row[3].field`.
                let row = violation
                    .param
                    .split_once('[')
                    .map_or(&*violation.param, |(row, _)| row);
                assert!(
                    N::FIELDS.iter().any(|f| f.name == row),
                    "a violation of {} names no row of the table",
                    violation.param
                );
                if violation.secret {
                    assert!(violation.value.is_none(), "a secret value in an error");
                }
            }
        }
    }
}

/// A refund line of a batch refund's `detail_data`: trade_no^amount^reason, items joined by `#`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RefundLine {
    trade_no: String,
    amount: alipay_core::types::Amount,
    reason: String,
}

impl alipay_core::types::ListItem for RefundLine {
    const FIELDS: &'static [&'static str] = &["trade_no", "amount", "reason"];
    const KINDS: &'static [alipay_core::types::FieldKind] = &[
        alipay_core::types::FieldKind::Text,
        alipay_core::types::FieldKind::Amount,
        alipay_core::types::FieldKind::Text,
    ];
    const FIELD_SEP: char = '^';
    const RESERVED: &'static str = "^|$#";
    const FORMAT: &'static str = "trade_no^amount^reason";

    fn from_fields(f: &[&str]) -> Result<Self, (usize, alipay_core::types::WireValueError)> {
        use alipay_core::types::WireValue as _;
        Ok(Self {
            trade_no: f[0].to_owned(),
            amount: alipay_core::types::Amount::parse_wire(f[1]).map_err(|e| (1, e))?,
            reason: f[2].to_owned(),
        })
    }

    fn field_texts(&self) -> Vec<std::borrow::Cow<'_, str>> {
        use alipay_core::types::WireValue as _;
        vec![
            self.trade_no.as_str().into(),
            self.amount.to_wire(),
            self.reason.as_str().into(),
        ]
    }
}

/// A list-valued parameter (`alipay_core::types::Items`) read from any text: the compile-time
/// example check accepts exactly the texts that read; a list read writes back to a text that reads
/// as the same list, and building it again from its items succeeds; a
/// refusal names an item that exists (its index below the number of `#`-separated parts) and, when
/// it names a field, one of the item's fields.
pub fn items(data: &[u8]) {
    use alipay_core::types::{Items, ListItem, WireValue};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = Items::<RefundLine, '#'>::parse_wire(text);
    // The derive's compile-time check of an example says exactly what reading says.
    assert_eq!(
        Items::<RefundLine, '#'>::__alipay_accepts(text),
        parsed.is_ok(),
        "{text:?}: {parsed:?}"
    );
    match parsed {
        Ok(list) => {
            assert!(!list.is_empty());
            assert_eq!(list.len(), text.split('#').count());
            let written = list.to_wire();
            let again = Items::<RefundLine, '#'>::parse_wire(&written).unwrap();
            assert_eq!(again, list, "{text:?} → {written:?}");
            assert_eq!(
                Items::<RefundLine, '#'>::new(list.into_items()).unwrap(),
                again
            );
        }
        Err(e) => {
            if let Some(path) = e.item() {
                assert!(path.index < text.split('#').count(), "{e}");
                if let Some(field) = path.field {
                    assert!(RefundLine::FIELDS.contains(&field), "{e}");
                }
            }
            let _ = e.to_string();
        }
    }
}
