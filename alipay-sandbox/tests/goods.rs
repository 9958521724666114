//! `sns.create.goods.ws` end to end: the client against the sandbox, every sign type and charset,
//! and every rule of the service.

#![allow(clippy::unwrap_used)]

mod support;

use alipay_client::{Client, Error};
use alipay_core::sign::SignType;
use alipay_core::types::{Amount, CompactTime};
use alipay_core::{Charset, ErrorCode};
use alipay_sandbox::Sandbox;
use alipay_services::sns_create_goods_ws::{
    BizStatus, CreateGoods, FlowType, Goods, ValidDate, WhoPay,
};
use support::*;

fn goods(outer_goods_id: &str) -> CreateGoods {
    CreateGoods {
        outer_goods_id: outer_goods_id.into(),
        ..CreateGoods::example()
    }
}

/// The service error code of a failed call.
fn code(result: Result<Goods, Error>) -> ErrorCode {
    match result {
        Err(Error::Service(e)) => e.code,
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// Checks the answer against the request and the service's rules; `before`/`after` bracket the
/// call in Beijing time.
fn check(goods: &Goods, request: &CreateGoods, before: CompactTime, after: CompactTime) {
    assert_eq!(goods.seller_sns_id, request.sns_user_id);
    assert_eq!(goods.outer_goods_id, request.outer_goods_id);
    assert_eq!(goods.goods_name, request.goods_name);
    assert_eq!(goods.goods_info, request.goods_info);
    assert_eq!(goods.goods_fee, request.goods_fee);
    assert_eq!(goods.goods_total_num, request.goods_total_num);
    assert_eq!(goods.buyer_max_num, request.buy_max_num);
    assert_eq!(goods.flow_type, request.flow_type);
    assert_eq!(goods.flow_fee, request.flow_fee);
    assert_eq!(goods.biz_status, BizStatus::OnSale);
    assert!(before <= goods.create_time && goods.create_time <= after);
    // goods_id: 16 digits, the Beijing date of creation first.
    assert_eq!(goods.goods_id.len(), 16);
    assert!(goods.goods_id.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(&goods.goods_id[..8], &goods.create_time.to_string()[..8]);
    // valid_time = create_time + valid_date days, to the second.
    let days: i64 = request.valid_date.as_str().parse().unwrap();
    let elapsed = goods.valid_time.to_offset_date_time() - goods.create_time.to_offset_date_time();
    assert_eq!(elapsed, time::Duration::days(days));
    // rec_days by flow type: surface mail 30, express and no logistics 10.
    let rec_days = if request.flow_type == FlowType::Post {
        30
    } else {
        10
    };
    assert_eq!(goods.rec_days, rec_days);
}

async fn create(client: &Client, request: &CreateGoods) -> Goods {
    let before = CompactTime::now();
    let goods = client.execute(request).await.unwrap();
    check(&goods, request, before, CompactTime::now());
    goods
}

fn register_example_user(sandbox: &Sandbox, partner: &str) {
    let example = CreateGoods::example();
    sandbox
        .admin()
        .create_sns_user(partner, &example.sns_user_id, &example.key);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn created_with_every_sign_type_and_charset() {
    let sandbox = start().await;
    let me = sandbox.first_partner().clone();
    register_example_user(&sandbox, &me.partner);
    add_known_partner(&sandbox);
    register_example_user(&sandbox, KNOWN_PARTNER);
    sandbox
        .admin()
        .register_dsa_key(KNOWN_PARTNER, KNOWN_DSA_PUBLIC)
        .unwrap();
    let known = sandbox.admin().partner(KNOWN_PARTNER).unwrap();
    let mut n = 0;
    for sign_type in [SignType::Md5, SignType::Rsa, SignType::Rsa2, SignType::Dsa] {
        for charset in [Charset::Utf8, Charset::Gbk] {
            let partner = if sign_type == SignType::Dsa {
                &known
            } else {
                &me
            };
            let client = client(&sandbox, partner, sign_type, charset);
            n += 1;
            let request = goods(&format!("goods-{n}"));
            let reply = client.execute_detailed(&request).await.unwrap();
            let before = reply.response.create_time;
            check(&reply.response, &request, before, CompactTime::now());
            // Signed with the request's sign type (the client required and verified it), in the
            // request's charset; DSA answers are unsigned.
            match sign_type {
                SignType::Dsa => assert_eq!(reply.envelope.sign, None),
                other => {
                    assert_eq!(reply.envelope.sign_type.as_deref(), Some(other.as_str()));
                }
            }
            assert_eq!(reply.envelope.charset, charset);
            let echoed = reply.envelope.request_param("goods_name");
            assert_eq!(echoed, Some("二手围巾"), "{sign_type} {charset}");
        }
    }
    assert_eq!(n, 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn goods_exist_per_partner_and_outer_goods_id() {
    let sandbox = start().await;
    let me = sandbox.first_partner().clone();
    register_example_user(&sandbox, &me.partner);
    let client = md5_client(&sandbox);
    let first = create(&client, &goods("g-1")).await;
    // The same outer_goods_id again: refused, even with other content; nothing changes.
    let again = CreateGoods {
        goods_name: "另一个".into(),
        ..goods("g-1")
    };
    assert_eq!(
        code(client.execute(&again).await),
        ErrorCode::GoodsExistsError
    );
    let stored = sandbox.admin().goods(&me.partner, "g-1").unwrap();
    assert_eq!(param(&stored, "goods_id"), Some(first.goods_id.as_str()));
    assert_eq!(param(&stored, "goods_name"), Some("二手围巾"));
    // Another outer_goods_id of the same partner: a new goods id.
    let second = create(&client, &goods("g-2")).await;
    assert_ne!(second.goods_id, first.goods_id);
    // The same outer_goods_id for another partner: its own goods.
    let other = sandbox.admin().create_partner();
    register_example_user(&sandbox, &other.partner);
    let other_client = client_for(&sandbox, &other);
    let theirs = create(&other_client, &goods("g-1")).await;
    assert_ne!(theirs.goods_id, first.goods_id);
    assert_eq!(
        code(other_client.execute(&goods("g-1")).await),
        ErrorCode::GoodsExistsError
    );
}

fn client_for(sandbox: &Sandbox, partner: &alipay_sandbox::PartnerCredentials) -> Client {
    client(sandbox, partner, SignType::Md5, Charset::Utf8)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sns_user_key_must_match() {
    let sandbox = start().await;
    let me = sandbox.first_partner().clone();
    let client = md5_client(&sandbox);
    // No such user yet.
    assert_eq!(
        code(client.execute(&goods("k-1")).await),
        ErrorCode::IllegalUserKey
    );
    register_example_user(&sandbox, &me.partner);
    // A wrong key, an unknown user, a user of another partner.
    let wrong_key = CreateGoods {
        key: "20110511EF39E0403F8F48EF8E02121C9824210E".into(),
        ..goods("k-2")
    };
    assert_eq!(
        code(client.execute(&wrong_key).await),
        ErrorCode::IllegalUserKey
    );
    let unknown = CreateGoods {
        sns_user_id: "nobody".into(),
        ..goods("k-3")
    };
    assert_eq!(
        code(client.execute(&unknown).await),
        ErrorCode::IllegalUserKey
    );
    let other = sandbox.admin().create_partner();
    sandbox
        .admin()
        .create_sns_user(&other.partner, "theirs", "their-key");
    let theirs = CreateGoods {
        sns_user_id: "theirs".into(),
        key: "their-key".into(),
        ..goods("k-4")
    };
    assert_eq!(
        code(client.execute(&theirs).await),
        ErrorCode::IllegalUserKey
    );
    // Nothing was stored by the refusals; the right key works.
    assert!(sandbox.admin().goods(&me.partner, "k-1").is_none());
    create(&client, &goods("k-1")).await;
    // ILLEGAL_USER_KEY comes before GOODS_EXISTS_ERROR.
    assert_eq!(
        code(
            client
                .execute(&CreateGoods {
                    key: "x".into(),
                    ..goods("k-1")
                })
                .await
        ),
        ErrorCode::IllegalUserKey
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_time_rec_days_and_who_pay_rules() {
    let sandbox = start().await;
    let me = sandbox.first_partner().clone();
    register_example_user(&sandbox, &me.partner);
    let client = md5_client(&sandbox);
    let mut n = 0;
    for valid_date in ValidDate::ALL {
        for flow_type in FlowType::ALL {
            n += 1;
            let logistics = *flow_type != FlowType::NoLogistics;
            let request = CreateGoods {
                valid_date: *valid_date,
                flow_type: *flow_type,
                flow_fee: logistics.then(|| Amount::from_fen(550)),
                who_pay: logistics.then_some(WhoPay::Buyer),
                ..goods(&format!("rule-{n}"))
            };
            let created = create(&client, &request).await;
            // who_pay is echoed; without logistics it defaults to the seller (`2`).
            let who_pay = if logistics {
                WhoPay::Buyer
            } else {
                WhoPay::Seller
            };
            assert_eq!(created.who_pay, who_pay);
            assert_eq!(created.flow_fee.map(|f| f.fen()), logistics.then_some(550));
        }
    }
    assert_eq!(n, 15);
    // The raw answer writes amounts with two decimals and leaves an absent flow_fee out.
    // rule-1: no logistics, rule-2: surface mail, rule-3: express (FlowType::ALL's order).
    let stored = sandbox.admin().goods(&me.partner, "rule-1").unwrap();
    assert_eq!(param(&stored, "flow_type"), Some("8"));
    assert_eq!(param(&stored, "flow_fee"), None);
    assert_eq!(param(&stored, "who_pay"), Some("2"));
    assert_eq!(param(&stored, "goods_fee"), Some("100.40"));
    let stored = sandbox.admin().goods(&me.partner, "rule-2").unwrap();
    assert_eq!(param(&stored, "rec_days"), Some("30"));
    let stored = sandbox.admin().goods(&me.partner, "rule-3").unwrap();
    assert_eq!(param(&stored, "flow_fee"), Some("5.50"));
    assert_eq!(param(&stored, "rec_days"), Some("10"));
}
