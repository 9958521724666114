//! Fault injection: `RETRY` / `SYSTEM_ERROR` before anything happens, added latency, dropped
//! connections; seeded and reproducible; the client's retries against them.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use alipay_client::{Client, Config, Error, RetryPolicy, SignaturePolicy, TransportKind};
use alipay_core::ErrorCode;
use alipay_core::sign::Md5Key;
use alipay_sandbox::{Faults, Sandbox, SandboxConfig};
use alipay_services::sns_create_goods_ws::CreateGoods;
use support::*;

fn goods(outer_goods_id: &str) -> CreateGoods {
    CreateGoods {
        outer_goods_id: outer_goods_id.into(),
        ..CreateGoods::example()
    }
}

async fn sandbox_with(faults: Faults, seed: u64) -> Sandbox {
    let sandbox = Sandbox::start(SandboxConfig {
        faults,
        seed: Some(seed),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let example = CreateGoods::example();
    let me = sandbox.first_partner().partner.clone();
    sandbox
        .admin()
        .create_sns_user(&me, &example.sns_user_id, &example.key);
    sandbox
}

/// An MD5 client that retries up to `attempts` times, quickly.
fn retrying_client(sandbox: &Sandbox, attempts: u32) -> Client {
    let me = sandbox.first_partner();
    let config = Config::md5(
        me.partner.parse().unwrap(),
        Md5Key::new(me.md5_key.as_str()),
    )
    .gateway(sandbox.gateway_url())
    .signature_policy(SignaturePolicy::Require)
    .timeout(Duration::from_secs(5))
    .retry(RetryPolicy {
        max_attempts: attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(2),
        multiplier: 2,
        deadline: Duration::from_secs(30),
    })
    .build()
    .unwrap();
    Client::new(config).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_and_system_error_come_before_anything() {
    let faults = Faults {
        retry_rate: 1.0,
        ..Faults::default()
    };
    let sandbox = sandbox_with(faults, 1).await;
    let me = sandbox.first_partner().clone();
    let client = retrying_client(&sandbox, 3);
    match client.execute(&goods("f-1")).await {
        Err(Error::Service(e)) => {
            assert_eq!(e.code, ErrorCode::Retry);
            assert_eq!(e.attempts, 3, "RETRY is retried");
        }
        other => panic!("{other:?}"),
    }
    // Even an unknown service or a bad signature gets the fault: it comes first.
    let http = http();
    assert_eq!(get(&http, &sandbox, "service=nope").await.code(), "RETRY");
    sandbox.admin().set_faults(Faults {
        system_error_rate: 1.0,
        ..Faults::default()
    });
    assert_eq!(
        get(&http, &sandbox, "service=nope").await.code(),
        "SYSTEM_ERROR"
    );
    // notify_verify answers in plain text: no XML fault is injected into it.
    let verify = format!("service=notify_verify&partner={}&notify_id=x", me.partner);
    assert_eq!(get(&http, &sandbox, &verify).await.text(), "false");
    // Nothing was created by the faulted calls; the log shows them.
    assert!(sandbox.admin().goods(&me.partner, "f-1").is_none());
    let answers: Vec<String> = sandbox
        .admin()
        .requests()
        .iter()
        .map(|r| r.answer.clone())
        .collect();
    assert_eq!(answers[..3], ["RETRY", "RETRY", "RETRY"]);
    assert!(answers.contains(&"SYSTEM_ERROR".to_owned()));
    // Faults off again: the same call succeeds.
    sandbox.admin().set_faults(Faults::default());
    client.execute(&goods("f-1")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_gets_through_a_faulty_gateway() {
    let faults = Faults {
        retry_rate: 0.3,
        system_error_rate: 0.2,
        ..Faults::default()
    };
    let sandbox = sandbox_with(faults, 7).await;
    let client = retrying_client(&sandbox, 20);
    let mut retried = 0;
    for i in 0..30 {
        let reply = client
            .execute_detailed(&goods(&format!("g-{i}")))
            .await
            .unwrap();
        retried += reply.attempts - 1;
    }
    // Each goods was created once: a faulted attempt changes nothing, so no GOODS_EXISTS_ERROR.
    let answers: Vec<String> = sandbox
        .admin()
        .requests()
        .iter()
        .map(|r| r.answer.clone())
        .collect();
    let count = |code: &str| answers.iter().filter(|a| *a == code).count();
    assert_eq!(count("T"), 30);
    assert_eq!(count("RETRY") + count("SYSTEM_ERROR"), retried as usize);
    assert!(count("RETRY") > 0 && count("SYSTEM_ERROR") > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_faults_are_reproducible() {
    let faults = Faults {
        retry_rate: 0.25,
        system_error_rate: 0.25,
        ..Faults::default()
    };
    let mut runs = Vec::new();
    for _ in 0..2 {
        let sandbox = sandbox_with(faults, 42).await;
        let http = http();
        let mut answers = String::new();
        for _ in 0..60 {
            let code = get(&http, &sandbox, "service=nope").await.code();
            answers.push(match code.as_str() {
                "RETRY" => 'R',
                "SYSTEM_ERROR" => 'S',
                "ILLEGAL_SERVICE" => '.',
                other => panic!("{other}"),
            });
        }
        runs.push(answers);
    }
    assert_eq!(runs[0], runs[1]);
    assert!(runs[0].contains('R') && runs[0].contains('S') && runs[0].contains('.'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency_and_dropped_connections() {
    let faults = Faults {
        latency: Duration::from_millis(150),
        ..Faults::default()
    };
    let sandbox = sandbox_with(faults, 3).await;
    let http = http();
    let started = Instant::now();
    assert_eq!(
        get(&http, &sandbox, "service=nope").await.code(),
        "ILLEGAL_SERVICE"
    );
    assert!(started.elapsed() >= Duration::from_millis(150));

    // Every connection dropped: the client sees a transport failure, never an answer.
    sandbox.admin().set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    let url = format!("{}?service=nope", sandbox.gateway_url());
    let err = http.get(&url).send().await.unwrap_err();
    assert!(!err.is_status(), "{err}");
    let client = retrying_client(&sandbox, 1);
    match client.execute(&goods("d-1")).await {
        Err(Error::Transport(t)) => assert_ne!(t.kind, TransportKind::Connect),
        other => panic!("{other:?}"),
    }
    let answers: Vec<String> = sandbox
        .admin()
        .requests()
        .iter()
        .map(|r| r.answer.clone())
        .collect();
    assert_eq!(answers.iter().filter(|a| *a == "DROPPED").count(), 2);
    assert!(
        sandbox
            .admin()
            .goods(&sandbox.first_partner().partner, "d-1")
            .is_none()
    );

    // Half the connections dropped: a client that retries dropped calls would get through, and
    // the gateway keeps serving.
    sandbox.admin().set_faults(Faults {
        drop_rate: 0.5,
        ..Faults::default()
    });
    let mut answered = 0;
    for _ in 0..40 {
        if let Ok(response) = http.get(&url).send().await {
            assert_eq!(response.status(), 200);
            answered += 1;
        }
    }
    assert!((5..=35).contains(&answered), "{answered} of 40 answered");
    sandbox.admin().set_faults(Faults::default());
    client.execute(&goods("d-2")).await.unwrap();
}

#[test]
fn invalid_rates_are_refused() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        for faults in [
            Faults {
                retry_rate: 1.5,
                ..Faults::default()
            },
            Faults {
                drop_rate: -0.1,
                ..Faults::default()
            },
            Faults {
                retry_rate: 0.6,
                system_error_rate: 0.6,
                ..Faults::default()
            },
        ] {
            let config = SandboxConfig {
                faults,
                ..SandboxConfig::default()
            };
            assert!(Sandbox::start(config).await.is_err(), "{faults:?}");
        }
        let config = SandboxConfig {
            time_factor: 0.0,
            ..SandboxConfig::default()
        };
        assert!(Sandbox::start(config).await.is_err());
        let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
        assert!(
            sandbox
                .admin()
                .try_set_faults(Faults {
                    system_error_rate: f64::NAN,
                    ..Faults::default()
                })
                .is_err()
        );
    });
}
