//! Signing and verification speed, to compare with `openssl speed -seconds 3 rsa2048`.
//!
//! `cargo bench -p alipay-core --bench sign` (default backend: AWS-LC);
//! `cargo bench -p alipay-core --no-default-features --bench sign` (pure-Rust `rsa` crate).

#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use alipay_core::sign::{Md5Key, PrivateKey, PublicKey, Signer, Verifier};
use criterion::{Criterion, criterion_group, criterion_main};

const RSA2048: &str = include_str!("../tests/fixtures/keys/rsa2048_pkcs8.pem");
const RSA2048_PUB: &str = include_str!("../tests/fixtures/keys/rsa2048_pub_spki.pem");

/// A ~300-byte signing string, like a real request.
fn signing_string() -> Vec<u8> {
    let s = "_input_charset=utf-8&buy_max_num=100&flow_fee=11.50&flow_type=1&goods_fee=100.40\
             &goods_info=8成新&goods_name=二手围巾&goods_total_num=100\
             &outer_goods_id=id2011434535743854&partner=2088002464631181\
             &service=sns.create.goods.ws&sns_user_id=id20111107434343&timestamp=1309437333420\
             &valid_date=15&who_pay=2";
    s.as_bytes().to_vec()
}

fn bench(c: &mut Criterion) {
    let data = signing_string();
    assert!((280..=340).contains(&data.len()), "{} bytes", data.len());
    let key = PrivateKey::parse(RSA2048).unwrap();
    let public = PublicKey::parse(RSA2048_PUB).unwrap();
    let rsa2 = Signer::rsa2(key.clone()).unwrap();
    let rsa = Signer::rsa(key).unwrap();
    let verifier = Verifier::rsa2(public).unwrap();
    let signature = rsa2.sign(&data).unwrap();
    let md5 = Signer::md5(Md5Key::new("mx8ncr4hpr2k3w0u1q9zs7d6g5fl0vte"));

    c.bench_function("sign_rsa2", |b| {
        b.iter(|| rsa2.sign(black_box(&data)).unwrap())
    });
    c.bench_function("sign_rsa", |b| {
        b.iter(|| rsa.sign(black_box(&data)).unwrap())
    });
    c.bench_function("verify_rsa2", |b| {
        b.iter(|| {
            verifier
                .verify(black_box(&data), black_box(&signature))
                .unwrap()
        })
    });
    c.bench_function("sign_md5", |b| {
        b.iter(|| md5.sign(black_box(&data)).unwrap())
    });

    // The MD5 comparison's timing must not tell how much of a guessed `sign` is right: a guess
    // wrong in its first hex digit and one wrong only in its last take the same time (compare the
    // two medians; an early-exit comparison makes the second slower).
    let md5_verifier = Verifier::md5(Md5Key::new("mx8ncr4hpr2k3w0u1q9zs7d6g5fl0vte"));
    let good = md5.sign(&data).unwrap();
    let flip = |i: usize| {
        let mut bytes = good.clone().into_bytes();
        bytes[i] = if bytes[i] == b'0' { b'1' } else { b'0' };
        String::from_utf8(bytes).unwrap()
    };
    let (wrong_first, wrong_last) = (flip(0), flip(31));
    let mut group = c.benchmark_group("verify_md5_mismatch");
    for (name, guess) in [
        ("wrong_first_digit", &wrong_first),
        ("wrong_last_digit", &wrong_last),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                md5_verifier
                    .verify(black_box(&data), black_box(guess))
                    .unwrap_err()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
