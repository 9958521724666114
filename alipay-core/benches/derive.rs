//! The derive's generated code on the SNS document service `sns.create.goods.ws`.
//!
//! - `parse_goods`: the SNS document's goods response bytes → envelope → typed `Goods`. Target: median at
//!   most 6 µs.
//! - `signing_params/derive` vs `signing_params/hand`: the generated signed-parameter list against
//!   the same list written by hand (borrowing strings, one `String` per number), then joined into
//!   the signing string. Target: derive at most 1.2× hand.

use std::borrow::Cow;
use std::hint::black_box;

use alipay_core::canonical;
use alipay_core::service::{CommonParams, Request, Response};
use alipay_core::types::WireValue;
use alipay_core::{Charset, xml};
use alipay_services::sns_create_goods_ws::{CreateGoods, Goods};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SNS_GOODS: &[u8] = include_bytes!("../tests/fixtures/xml/sns_create_goods_ws.xml");

fn parse_goods(c: &mut Criterion) {
    let mut group = c.benchmark_group("derive");
    group.throughput(Throughput::Bytes(SNS_GOODS.len() as u64));
    group.bench_function("parse_goods", |b| {
        b.iter(|| {
            let envelope = xml::parse(black_box(SNS_GOODS)).expect("fixture parses");
            Goods::from_response(envelope.response.as_ref()).expect("goods parse")
        });
    });
    let envelope = xml::parse(SNS_GOODS).expect("fixture parses");
    group.bench_function("parse_goods_envelope_only", |b| {
        b.iter(|| xml::parse(black_box(SNS_GOODS)).expect("fixture parses"));
    });
    group.bench_function("parse_goods_payload_only", |b| {
        b.iter(|| {
            Goods::from_response(black_box(envelope.response.as_ref())).expect("goods parse")
        });
    });
    group.finish();
}

/// The hand-written equivalent of the generated `signing_params`.
fn hand_params<'a>(
    g: &'a CreateGoods,
    common: &CommonParams<'a>,
    out: &mut Vec<(&'static str, Cow<'a, str>)>,
) {
    out.reserve(17);
    out.push(("_input_charset", Cow::Borrowed(common.charset.as_str())));
    out.push(("buy_max_num", Cow::Owned(g.buy_max_num.to_string())));
    if let Some(fee) = &g.flow_fee {
        out.push(("flow_fee", Cow::Owned(fee.to_string())));
    }
    out.push(("flow_type", Cow::Borrowed(g.flow_type.as_str())));
    out.push(("goods_fee", Cow::Owned(g.goods_fee.to_string())));
    if !g.goods_info.is_empty() {
        out.push(("goods_info", Cow::Borrowed(&g.goods_info)));
    }
    if !g.goods_name.is_empty() {
        out.push(("goods_name", Cow::Borrowed(&g.goods_name)));
    }
    out.push(("goods_total_num", Cow::Owned(g.goods_total_num.to_string())));
    if !g.key.is_empty() {
        out.push(("key", Cow::Borrowed(&g.key)));
    }
    out.push(("notify_url", Cow::Borrowed(g.notify_url.as_str())));
    if !g.outer_goods_id.is_empty() {
        out.push(("outer_goods_id", Cow::Borrowed(&g.outer_goods_id)));
    }
    if !common.partner.is_empty() {
        out.push(("partner", Cow::Borrowed(common.partner)));
    }
    out.push(("service", Cow::Borrowed("sns.create.goods.ws")));
    if !g.sns_user_id.is_empty() {
        out.push(("sns_user_id", Cow::Borrowed(&g.sns_user_id)));
    }
    if let Some(t) = &g.timestamp {
        out.push(("timestamp", t.to_wire()));
    }
    out.push(("valid_date", Cow::Borrowed(g.valid_date.as_str())));
    if let Some(w) = &g.who_pay {
        out.push(("who_pay", Cow::Borrowed(w.as_str())));
    }
}

fn signing_params(c: &mut Criterion) {
    let goods = CreateGoods::example();
    let common = CommonParams {
        partner: "2088002464631181",
        charset: Charset::Utf8,
    };
    let mut group = c.benchmark_group("signing_params");
    group.bench_function("derive", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            black_box(&goods).signing_params(&common, &mut out);
            canonical::signing_string(&out)
        });
    });
    group.bench_function("hand", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            hand_params(black_box(&goods), &common, &mut out);
            canonical::signing_string(&out)
        });
    });
    group.bench_function("validate", |b| {
        b.iter(|| black_box(&goods).validate());
    });
    group.finish();
}

criterion_group!(benches, parse_goods, signing_params);
criterion_main!(benches);
