//! `sns.create.goods.ws`: create goods for an SNS seller.
//!
//! ```sh
//! cargo run --example create_goods                          # the SNS document's sample, embedded sandbox
//! cargo run --example create_goods -- goods_name=围巾 …      # k=v override the sample's parameters
//! ALIPAY_PARTNER=2088… ALIPAY_KEY=… cargo run --example create_goods -- sns_user_id=… key=… …
//! ```
//!
//! With `ALIPAY_*` set (see `alipay::client::settings`) it calls that gateway; otherwise it
//! starts the embedded sandbox and registers the sample's SNS user there first. Calling twice with
//! the same `outer_goods_id` shows `GOODS_EXISTS_ERROR`.
#![allow(clippy::print_stdout)]

use std::borrow::Cow;

use alipay::Request;
use alipay::client::Error;
use alipay::service::CommonParams;
use alipay::services::sns_create_goods_ws::CreateGoods;
use alipay_examples::{BoxError, Setup, pairs};

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let setup = Setup::new().await?;
    println!("calling {}", setup.describe());

    // The sample's parameters, overridden by any k=v arguments, checked by the service's table.
    let mut params: Vec<(String, String)> = sample_params();
    for (k, v) in pairs(std::env::args().skip(1))? {
        match params.iter_mut().find(|(name, _)| *name == k) {
            Some(slot) => slot.1 = v,
            None => params.push((k, v)),
        }
    }
    let goods = match CreateGoods::from_params(&params) {
        Ok(goods) => goods,
        Err(errors) => {
            for v in errors.violations() {
                println!("invalid: {v}");
            }
            return Err("the request breaks the sns.create.goods.ws table".into());
        }
    };
    if let Some(sandbox) = &setup.sandbox {
        let me = sandbox.first_partner();
        sandbox
            .admin()
            .create_sns_user(&me.partner, &goods.sns_user_id, &goods.key);
    }

    for attempt in ["first call", "same outer_goods_id again"] {
        match setup.client.execute(&goods).await {
            Ok(created) => println!(
                "{attempt}: created goods {} (outer {}), {} yuan, valid until {}, rec_days {}",
                created.goods_id,
                created.outer_goods_id,
                created.goods_fee,
                created.valid_time,
                created.rec_days
            ),
            Err(Error::Service(e)) => println!(
                "{attempt}: {} ({}): {}",
                e.code,
                e.code.meaning(),
                e.code.advice()
            ),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// The SNS document's sample as wire parameters.
fn sample_params() -> Vec<(String, String)> {
    let sample = CreateGoods::example();
    let common = CommonParams {
        partner: "",
        charset: alipay::Charset::Utf8,
    };
    let mut out: Vec<(&'static str, Cow<'_, str>)> = Vec::new();
    sample.signing_params(&common, &mut out);
    out.into_iter()
        .filter(|(k, _)| !matches!(*k, "service" | "partner" | "_input_charset"))
        .map(|(k, v)| (k.to_owned(), v.into_owned()))
        .collect()
}
