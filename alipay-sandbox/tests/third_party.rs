//! Merchants' existing code against the sandbox, not our client:
//! - the widely used PyPI MAPI client `alipay` 0.7.4 (lxneng/alipay), run by Python. It adds
//!   `payment_type=1` and `seller_id` to every service it signs, builds its own signing string and
//!   URL, pastes the decoded `notify_id` into the `notify_verify` URL raw, and reads answers as
//!   text. Needs `python3` with `pip install alipay==0.7.4`.
//! - the npm package `alipay` 0.0.4 (lodengo/alipay, a port of Alipay's official Node.js MAPI
//!   demo), run by Node.js: its `AlipaySubmit` filters, sorts and MD5-signs the parameters and
//!   POSTs them as a form to `gateway.do?_input_charset=…` (`buildRequestHttp`), and builds the
//!   auto-submitting page form (`buildRequestForm`). It only speaks HTTPS to mapi.alipay.com on
//!   port 443, so the driver points its `https.request` at the loopback sandbox (a proxy would do
//!   the same); everything above the socket is the package's. Its `AlipayNotify` cannot be run:
//!   `getSignVeryfy` calls an undefined `createLinkstring`. Needs `node` and the package under
//!   `ALIPAY_TEST_NODE_MODULES` (default `~/.cache/alipay-third-party/node_modules`).
//!
//! CI installs both; without them the tests say so and pass, unless `CI` is set.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use alipay_core::types::TransportType;
use alipay_sandbox::{NewTrade, Sandbox, SandboxTrade, TradeKind};
use alipay_services::send_goods_confirm_by_platform::SendGoodsConfirm;
use support::*;

/// Drives the client: `calls GATEWAY PID KEY TRADE_NO` prints a JSON object of what it got;
/// `verify GATEWAY PID KEY BODY_FILE` prints whether it accepts the notification in the file.
const SCRIPT: &str = r#"
import json, sys
from urllib.parse import parse_qs

import requests
from alipay import Alipay

mode, gateway, pid, key, arg = sys.argv[1:6]
Alipay.GATEWAY_URL = gateway
Alipay.NOTIFY_GATEWAY_URL = gateway + '?service=notify_verify&partner=%s&notify_id=%s'
client = Alipay(pid=pid, key=key, seller_id=pid)
out = {}
if mode == 'calls':
    out['query'] = client.single_trade_query(trade_no=arg)
    url = client.send_goods_confirm_by_platform(
        trade_no=arg, logistics_name='申通快递', transport_type='EXPRESS', invoice_no='TS1')
    out['ship_url'] = url
    out['ship'] = requests.get(url).text
    url = client.create_direct_pay_by_user_url(
        out_trade_no='PY-' + arg, subject='二手围巾', total_fee='0.01',
        notify_url='http://127.0.0.1:9/notify', return_url='http://127.0.0.1:9/return')
    page = requests.get(url)
    out['page_status'] = page.status_code
    out['page'] = page.text
else:
    body = open(arg, 'rb').read().decode('utf-8')
    params = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
    out['verified'] = client.verify_notify(**params)
    out['tampered'] = client.verify_notify(**dict(params, total_fee='9.99'))
print(json.dumps(out, ensure_ascii=False))
"#;

/// `python3` if it can import the client, else `None` (or a failure under CI).
fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import alipay, requests, six, pytz"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some("python3");
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "python3 cannot import the PyPI client: run `python3 -m pip install alipay==0.7.4`"
    );
    eprintln!(
        "SKIPPED: python3 cannot import the PyPI `alipay` client (pip install alipay==0.7.4)"
    );
    None
}

fn run(python: &str, args: &[&str]) -> serde_json::Value {
    let dir = std::env::temp_dir().join(format!("alipay-py-{}-{}", std::process::id(), args[0]));
    std::fs::create_dir_all(&dir).unwrap();
    let script: PathBuf = dir.join("client.py");
    std::fs::write(&script, SCRIPT).unwrap();
    let out = Command::new(python)
        .arg(&script)
        .args(args)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn paid_trade(sandbox: &Sandbox, notify_url: &str) -> SandboxTrade {
    sandbox.admin().create_trade(NewTrade {
        partner: sandbox.first_partner().partner.clone(),
        out_trade_no: format!("PY-{}", fastrand::u32(..)),
        total_fee: "0.01".parse().unwrap(),
        kind: TradeKind::Escrow,
        notify_url: Some(notify_url.into()),
        ..NewTrade::default()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pypi_client_queries_ships_and_opens_a_cashier_page() {
    let Some(python) = python() else { return };
    let sandbox = start().await;
    let me = sandbox.first_partner().clone();
    let trade = paid_trade(&sandbox, "http://127.0.0.1:9/notify");
    let gateway = sandbox.gateway_url();
    let out = tokio::task::spawn_blocking({
        let trade_no = trade.trade_no.clone();
        move || {
            run(
                python,
                &["calls", &gateway, &me.partner, &me.md5_key, &trade_no],
            )
        }
    })
    .await
    .unwrap();
    let query = out["query"].as_str().unwrap();
    assert!(query.contains("<is_success>T</is_success>"), "{query}");
    assert!(query.contains(&format!("<trade_no>{}</trade_no>", trade.trade_no)));
    // It signs payment_type and seller_id into a service that declares neither: accepted, as
    // Alipay accepts it, and noted in the request log.
    let ship_url = out["ship_url"].as_str().unwrap();
    assert!(ship_url.contains("payment_type=1") && ship_url.contains("seller_id="));
    let ship = out["ship"].as_str().unwrap();
    assert!(ship.contains("<is_success>T</is_success>"), "{ship}");
    assert!(ship.contains("WAIT_BUYER_CONFIRM_GOODS"), "{ship}");
    let logged = sandbox
        .admin()
        .requests()
        .into_iter()
        .find(|r| r.service.as_deref() == Some("send_goods_confirm_by_platform"))
        .unwrap();
    let detail = logged.detail.unwrap_or_default();
    assert!(
        detail.contains("payment_type") && detail.contains("seller_id"),
        "{detail}"
    );
    assert_eq!(out["page_status"], 200);
    let page = out["page"].as_str().unwrap();
    assert!(page.contains("/cashier/pay"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pypi_client_verifies_a_notification_with_notify_verify() {
    let Some(python) = python() else { return };
    let sandbox = start().await;
    let receiver = Receiver::start(&[], "success").await;
    let trade = paid_trade(&sandbox, &receiver.url);
    md5_client(&sandbox)
        .execute(&SendGoodsConfirm {
            trade_no: trade.trade_no.clone(),
            logistics_name: "申通快递".into(),
            invoice_no: None,
            transport_type: Some(TransportType::Express),
            create_transport_type: None,
            seller_ip: None,
        })
        .await
        .unwrap();
    let hit = receiver.wait_for(1, Duration::from_secs(5)).await.remove(0);
    let body = std::env::temp_dir().join(format!("alipay-py-notify-{}", std::process::id()));
    std::fs::write(&body, &hit.body).unwrap();
    let me = sandbox.first_partner().clone();
    let gateway = sandbox.gateway_url();
    let path = body.display().to_string();
    let out = tokio::task::spawn_blocking(move || {
        run(
            python,
            &["verify", &gateway, &me.partner, &me.md5_key, &path],
        )
    })
    .await
    .unwrap();
    let _ = std::fs::remove_file(&body);
    // Its signature check passes and the sandbox confirms the raw notify_id it pasted.
    assert_eq!(out["verified"], true, "{out}");
    assert_eq!(out["tampered"], false, "{out}");
}

/// Drives the npm package: `ship GATEWAY PID KEY TRADE_NO` and `page GATEWAY PID KEY OUT_TRADE_NO`
/// print what the gateway answered.
const NODE_SCRIPT: &str = r#"
const [mode, gateway, pid, key, arg] = process.argv.slice(1);
const http = require('http'), https = require('https'), fs = require('fs');
// The package speaks HTTPS to mapi.alipay.com:443; send its requests to the loopback sandbox.
const target = new URL(gateway);
https.request = (options, callback) => http.request(
    Object.assign({}, options, { hostname: target.hostname, port: target.port, cert: undefined }),
    callback);
const readFileSync = fs.readFileSync;
fs.readFileSync = (path, ...rest) => path === 'cacert.pem' ? '' : readFileSync(path, ...rest);
const { AlipaySubmit } = require('alipay/lib/alipay_submit.class');
const config = { partner: pid, key: key, sign_type: 'MD5', input_charset: 'utf-8',
                 transport: 'https', cacert: 'cacert.pem' };
const submit = new AlipaySubmit(config);
if (mode === 'ship') {
    submit.buildRequestHttp({ service: 'send_goods_confirm_by_platform', partner: pid,
        _input_charset: 'utf-8', trade_no: arg, logistics_name: 'EMS', invoice_no: 'EMS001',
        transport_type: 'EXPRESS', seller_ip: '' }, (text) => console.log(text));
} else {
    const form = submit.buildRequestForm({ service: 'create_direct_pay_by_user', partner: pid,
        _input_charset: 'utf-8', out_trade_no: arg, subject: 'scarf', total_fee: '0.01',
        payment_type: '1', seller_id: pid, notify_url: 'http://127.0.0.1:9/notify' }, 'get', 'pay');
    // What the buyer's browser does with the form: GET the gateway with its fields.
    const fields = [...form.matchAll(/name='([^']*)' value='([^']*)'/g)]
        .map(([, name, value]) => encodeURIComponent(name) + '=' + encodeURIComponent(value));
    http.get(gateway + '?' + fields.join('&'), (res) => {
        let body = '';
        res.on('data', (chunk) => body += chunk);
        res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, form, body })));
    });
}
"#;

/// `node` with the npm package's directory, else `None` (or a failure under CI).
fn node_modules() -> Option<PathBuf> {
    let dir = std::env::var_os("ALIPAY_TEST_NODE_MODULES")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/alipay-third-party/node_modules"))
        });
    let ok = dir.as_ref().is_some_and(|d| d.join("alipay/lib").is_dir())
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if ok {
        return dir;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "node or the npm package alipay@0.0.4 is missing: npm install --prefix \
         ~/.cache/alipay-third-party alipay@0.0.4"
    );
    eprintln!("SKIPPED: node or the npm package alipay@0.0.4 is missing");
    None
}

fn run_node(modules: &PathBuf, args: &[&str]) -> String {
    let out = Command::new("node")
        .args(["-e", NODE_SCRIPT, "--"])
        .args(args)
        .env("NODE_PATH", modules)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_npm_port_of_the_official_demo_ships_and_opens_a_cashier_page() {
    let Some(modules) = node_modules() else {
        return;
    };
    let sandbox = start().await;
    let me = sandbox.first_partner().clone();
    let trade = paid_trade(&sandbox, "http://127.0.0.1:9/notify");
    let gateway = sandbox.gateway_url();
    let (shipped, page) = tokio::task::spawn_blocking({
        let trade_no = trade.trade_no.clone();
        move || {
            let ship = run_node(
                &modules,
                &["ship", &gateway, &me.partner, &me.md5_key, &trade_no],
            );
            let page = run_node(
                &modules,
                &["page", &gateway, &me.partner, &me.md5_key, "NODE-1"],
            );
            (ship, page)
        }
    })
    .await
    .unwrap();
    // Its POST (form body, _input_charset in the query, an empty seller_ip left out of the
    // signature and sent) is accepted and answered signed.
    assert!(shipped.contains("<is_success>T</is_success>"), "{shipped}");
    assert!(shipped.contains("WAIT_BUYER_CONFIRM_GOODS"), "{shipped}");
    let logged = sandbox.admin().requests().remove(0);
    assert_eq!(logged.method, "POST");
    assert_eq!(logged.answer, "T");
    // Its page form, submitted as a browser would: the cashier page of a new trade.
    let page: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert!(
        page["form"].as_str().unwrap().contains("alipaysubmit"),
        "{page}"
    );
    assert_eq!(page["status"], 200, "{page}");
    assert!(
        page["body"].as_str().unwrap().contains("/cashier/pay"),
        "{page}"
    );
    let me = sandbox.first_partner();
    assert!(
        sandbox
            .admin()
            .trade_by_out(&me.partner, "NODE-1")
            .is_some()
    );
}
