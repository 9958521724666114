//! The main job at this stage: sign the SNS document's `sns.create.goods.ws` sample and print the request.
//!
//! Uses an embedded demo MD5 key (no account, no network). Pass `gbk` as the first argument to sign
//! in GBK instead of UTF-8.
//!
//! ```sh
//! cargo run --example sign_request          # UTF-8
//! cargo run --example sign_request -- gbk   # GBK
//! ```
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use alipay::request::prepare_request;
use alipay::services::sns_create_goods_ws::CreateGoods;
use alipay::sign::{Md5Key, Signer};
use alipay::types::Partner;
use alipay::{Charset, GATEWAY};

/// The SNS document's sample partner id.
const PARTNER: &str = "2088002464631181";
/// A demo MD5 key: real keys come from Alipay's merchant console and are never printed.
const DEMO_MD5_KEY: &str = "demo0000000000000000000000000000";

fn main() -> ExitCode {
    let charset = match std::env::args().nth(1) {
        None => Charset::Utf8,
        Some(label) => match Charset::from_label(&label) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
    };
    let partner: Partner = match PARTNER.parse() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("partner: {e}");
            return ExitCode::FAILURE;
        }
    };
    let signer = Signer::md5(Md5Key::new(DEMO_MD5_KEY));
    let request = CreateGoods::example();
    match prepare_request(&request, &partner, charset, &signer) {
        Ok(signed) => {
            println!(
                "service:        sns.create.goods.ws (the SNS document's sample, 样例 column)"
            );
            println!("charset:        {}", signed.charset());
            println!("sign_type:      {}", signed.sign_type());
            println!("string to sign: {}", signed.string_to_sign());
            println!("sign:           {}", signed.sign());
            println!("GET:            {}", signed.get_url(GATEWAY));
            println!("POST to:        {}", signed.post_url(GATEWAY));
            println!("POST body:      {}", signed.post_body());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot prepare the request: {e}");
            ExitCode::FAILURE
        }
    }
}
