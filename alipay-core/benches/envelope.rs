//! Parsing the real 1.7 KB `send_goods_confirm_by_platform` response into an `Envelope`.
//! Target: median at most 8 µs.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const FIXTURE: &[u8] = include_bytes!("../tests/fixtures/xml/send_goods_confirm_success.xml");

fn parse_envelope(c: &mut Criterion) {
    let mut group = c.benchmark_group("envelope");
    group.throughput(Throughput::Bytes(FIXTURE.len() as u64));
    group.bench_function("parse_envelope", |b| {
        b.iter(|| {
            let envelope = alipay_core::xml::parse(black_box(FIXTURE)).expect("fixture parses");
            assert_eq!(envelope.response.as_ref().map(|p| p.fields.len()), Some(26));
            envelope
        });
    });
    group.bench_function("parse_and_signing_string", |b| {
        b.iter(|| {
            let envelope = alipay_core::xml::parse(black_box(FIXTURE)).expect("fixture parses");
            envelope.response_signing_string()
        });
    });
    // Baseline for comparison: the quick-xml event loop alone, producing nothing.
    group.bench_function("quick_xml_events_only", |b| {
        b.iter(|| {
            let text = std::str::from_utf8(black_box(FIXTURE)).expect("UTF-8 fixture");
            let mut reader = quick_xml::Reader::from_str(text);
            let mut events = 0usize;
            loop {
                match reader.read_event().expect("well-formed fixture") {
                    quick_xml::events::Event::Eof => break events,
                    _ => events += 1,
                }
            }
        });
    });
    group.finish();
}

criterion_group!(benches, parse_envelope);
criterion_main!(benches);
