//! A minimal loopback gateway for the client benchmarks: every request gets the same signed
//! `sns.create.goods.ws` envelope, nothing is recorded (so memory stays flat over millions of
//! calls). It runs on its own runtime thread, apart from the measured client.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;

use axum::Router;
use axum::http::header::CONTENT_TYPE;
use md5::{Digest, Md5};

pub const KEY: &str = "0123456789abcdef0123456789abcdef";
pub const PARTNER: &str = "2088002464631181";

#[path = "../../tests/support/goods_fields.rs"]
mod goods_fields;
use goods_fields::GOODS_FIELDS as GOODS;

/// The envelope, MD5-signed over the payload's children (already in name order) + the key.
pub fn signed_goods() -> Vec<u8> {
    let signed: Vec<String> = GOODS.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let digest = Md5::digest(format!("{}{KEY}", signed.join("&")).as_bytes());
    let sign: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let children: String = GOODS
        .iter()
        .map(|(k, v)| format!("<{k}>{v}</{k}>"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success>\
         <response><goods>{children}</goods></response><sign>{sign}</sign>\
         <sign_type>MD5</sign_type></alipay>"
    )
    .into_bytes()
}

/// Starts the gateway on a runtime of its own (`threads` workers) and returns its address.
pub fn start(threads: usize) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let body = signed_goods();
            let app = Router::new().fallback(move || {
                let body = body.clone();
                async move { ([(CONTENT_TYPE, "text/xml; charset=utf-8")], body) }
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}
