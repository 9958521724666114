//! The client's added cost per call: `execute` of the SNS document's `sns.create.goods.ws` (validate →
//! sign MD5 → GET → bounded read → envelope → verify MD5 response signature → typed `Goods`)
//! against a bare reqwest GET of the same, already signed URL reading the same body, through the
//! same connection pool to the same loopback gateway, side by side in one run (issue 4 target:
//! under 10 µs for MD5). A loopback round trip varies by more than that between runs, so
//! `client_work_md5` also times the client's own work without the exchange, and `client_load`
//! measures the difference with the two kinds of call interleaved.
#![allow(missing_docs, clippy::unwrap_used)]

#[path = "common/loopback.rs"]
mod loopback;

use std::hint::black_box;

use alipay_client::{Client, Config};
use alipay_core::Response;
use alipay_core::sign::Md5Key;
use alipay_services::sns_create_goods_ws::{CreateGoods, Goods};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let addr = loopback::start(1);
    let gateway = format!("http://{addr}/gateway.do");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let http = reqwest::Client::builder().build().unwrap();
    let config = Config::md5(
        loopback::PARTNER.parse().unwrap(),
        Md5Key::new(loopback::KEY),
    )
    .gateway(&gateway)
    .build()
    .unwrap();
    let client = Client::with_http_client(config, http.clone());
    let goods = CreateGoods::example();
    let url = client.prepare(&goods).unwrap().get_url(&gateway);
    // Both paths work before they are timed.
    assert_eq!(
        rt.block_on(client.execute(&goods)).unwrap().goods_id,
        "2011092300022596"
    );

    let mut g = c.benchmark_group("client");
    g.bench_function("bare_reqwest", |b| {
        b.iter(|| {
            rt.block_on(async {
                let body = http.get(&url).send().await.unwrap().bytes().await.unwrap();
                black_box(body)
            })
        })
    });
    let body = loopback::signed_goods();
    let verifier = client.config().verifier().unwrap().clone();
    // Everything `execute` does besides the HTTP exchange: validate, sign, build the URL, parse
    // the envelope, verify its MD5 signature, read the typed payload.
    g.bench_function("client_work_md5", |b| {
        b.iter(|| {
            let signed = client.prepare(&goods).unwrap();
            let url = signed.get_url(&gateway);
            let env = alipay_core::xml::parse(&body).unwrap();
            env.verify_signature(&verifier).unwrap();
            let goods = Goods::from_response(env.response.as_ref()).unwrap();
            black_box((url, goods))
        })
    });
    g.bench_function("execute_md5", |b| {
        b.iter(|| rt.block_on(async { black_box(client.execute(&goods).await.unwrap()) }))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
