//! The payment lifecycle in a real browser: headless Chromium, driven through Debian's
//! chromedriver (WebDriver), clicks through the merchant's checkout page, the sandbox's cashier and
//! the merchant's `return_url`, then the buyer confirms receipt; the merchant's service handles
//! each notification once, ships in between, and the trade ends `TRADE_FINISHED` by
//! `single_trade_query`. Also: the buyer cancels at the cashier; a GBK shop.
//!
//! Needs `chromium` and `chromedriver` (`apt-get install chromium chromium-driver`; or set
//! `CHROMIUM` and `CHROMEDRIVER` to their paths). Without them the tests say so and pass, except
//! under CI (`CI` set), where a missing browser fails them. `SCREENSHOTS_OVERWRITE=1` writes the
//! cashier's screenshots into `docs/screenshots/` (each run writes them under the target dir).
#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay::Charset;
use alipay::client::sqlite::Database;
use alipay::client::{Client, NotificationHandler};
use alipay::sandbox::{Sandbox, SandboxConfig};
use alipay::services::single_trade_query::SingleTradeQuery;
use alipay::types::TradeStatus;
use alipay_example_merchant::{Shop, app, rsa2_client_in};
use fantoccini::{ClientBuilder, Locator};

/// Chromium and chromedriver, or `None` (after saying how to install them) off CI.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let find = |var: &str, default: &str| {
        let path = PathBuf::from(std::env::var(var).unwrap_or_else(|_| default.to_owned()));
        path.exists().then_some(path)
    };
    match (
        find("CHROMIUM", "/usr/bin/chromium"),
        find("CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI runs the browser tests: apt-get install chromium chromium-driver")
        }
        _ => {
            eprintln!(
                "browser test not run: no Chromium or chromedriver. Install them with \
                 `apt-get install chromium chromium-driver` (or set CHROMIUM and CHROMEDRIVER)"
            );
            None
        }
    }
}

/// A running chromedriver and the browser session it drives; both end on drop.
struct Browser {
    driver: Child,
    port: u16,
    session: fantoccini::Client,
    _profile: TempDir,
}

impl Browser {
    async fn start(chromium: &Path, chromedriver: &Path, width: u32, height: u32) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = TempDir::new("chromium-profile");
        // Headless, and nothing that reaches beyond loopback (the machine has no network).
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.0.display()),
                    format!("--window-size={width},{height}"),
                ],
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let session = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap();
        Self {
            driver,
            port,
            session,
            _profile: profile,
        }
    }

    /// Clicks the element `css` once it is there.
    async fn click(&self, css: &str) {
        self.session
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// The text of the element `css` once it is there.
    async fn text(&self, css: &str) -> String {
        let element = self
            .session
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await;
        match element {
            Ok(element) => element.text().await.unwrap(),
            Err(e) => panic!(
                "no {css} ({e}) in {}",
                self.session.source().await.unwrap_or_default()
            ),
        }
    }

    /// Waits until the element `css` holds `needle` (after a click, the old page may still show).
    async fn wait_text(&self, css: &str, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(element) = self.session.find(Locator::Css(css)).await
                && element.text().await.is_ok_and(|text| text.contains(needle))
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never held {needle:?}: {}",
                self.session.source().await.unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a screenshot of the page as `name` under the target dir, and into `docs/screenshots/`
    /// with `SCREENSHOTS_OVERWRITE` when the docs show it (`publish`).
    async fn screenshot(&self, name: &str, publish: bool) {
        let png = self.session.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), &png).unwrap();
        if publish && std::env::var_os("SCREENSHOTS_OVERWRITE").is_some() {
            let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::write(docs.join(name), &png).unwrap();
        }
    }

    async fn close(self) {
        let _ = self.session.clone().close().await;
        // Drop stops chromedriver.
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask chromedriver to quit, which ends the Chromium it started (a test that panicked
        // before closing its session would leave it running otherwise), then make sure it is gone.
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.port)) {
            use std::io::{Read as _, Write as _};
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = stream.write_all(
                b"GET /shutdown HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n",
            );
            let _ = stream.read_to_end(&mut Vec::new());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "alipay-{what}-{}-{}",
            std::process::id(),
            UNIQUE.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static UNIQUE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The sandbox and the merchant's service (RSA2, requests in `charset`), on loopback.
struct Shopfront {
    sandbox: Sandbox,
    client: Client,
    shop: Arc<Shop>,
    base: String,
}

impl Shopfront {
    async fn start(charset: Charset) -> Self {
        let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
        let client =
            rsa2_client_in(sandbox.first_partner(), &sandbox.gateway_url(), charset).unwrap();
        let shop = Shop::new(client.clone());
        let handler = Arc::new(NotificationHandler::new(
            client.clone(),
            Arc::new(Database::in_memory().unwrap()),
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(axum::serve(listener, app(Arc::clone(&shop), handler)).into_future());
        Self {
            sandbox,
            client,
            shop,
            base,
        }
    }

    fn checkout_url(&self, out_trade_no: &str, subject: &str) -> String {
        let query: String = [("out_trade_no", out_trade_no), ("subject", subject)]
            .iter()
            .map(|(k, v)| {
                let mut encoded = Vec::new();
                alipay::form::push_component(&mut encoded, v.as_bytes());
                format!("{k}={}", String::from_utf8(encoded).unwrap())
            })
            .collect::<Vec<_>>()
            .join("&");
        format!("{}/checkout?{query}", self.base)
    }

    /// Waits until the shop's business step has run `n` times for `trade_no`.
    async fn steps(&self, trade_no: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self
            .shop
            .order(trade_no)
            .is_none_or(|o| o.notification_steps < n)
        {
            assert!(
                Instant::now() < deadline,
                "{n} notification step(s) for {trade_no}: {:?}",
                self.shop.order(trade_no)
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Pays in the browser, from the shop's checkout page to its return page; returns the trade
/// number the return page shows.
async fn pay(
    browser: &Browser,
    front: &Shopfront,
    out_trade_no: &str,
    subject: &str,
    screenshot: &str,
) -> String {
    browser
        .session
        .goto(&front.checkout_url(out_trade_no, subject))
        .await
        .unwrap();
    browser.click("#pay-with-alipay").await;
    // The sandbox's cashier: the order as Alipay shows it, and the pay button.
    assert_eq!(browser.text("#total_fee").await, "0.01");
    assert_eq!(browser.text("#subject").await, subject);
    browser
        .screenshot(screenshot, screenshot == "cashier-desktop.png")
        .await;
    browser.click("#pay button").await;
    // Back at the shop's return_url, verified.
    browser.wait_text("#paid", "Thank you").await;
    assert_eq!(
        browser.text("#trade_status").await,
        "WAIT_SELLER_SEND_GOODS"
    );
    assert_eq!(browser.text("#subject").await, subject);
    browser.text("#trade_no").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_pays_in_a_browser_and_the_trade_runs_to_finished() {
    let Some((chromium, chromedriver)) = tools() else {
        return;
    };
    let started = Instant::now();
    let front = Shopfront::start(Charset::Utf8).await;
    let browser = Browser::start(&chromium, &chromedriver, 1280, 900).await;

    let trade_no = pay(
        &browser,
        &front,
        "BROWSER-1",
        "二手围巾 & <hat>",
        "cashier-desktop.png",
    )
    .await;
    // The payment's notification: handled once.
    front.steps(&trade_no, 1).await;

    // The seller ships through the shop's own route logic.
    assert_eq!(
        front.shop.ship(&trade_no).await.unwrap(),
        TradeStatus::WaitBuyerConfirmGoods
    );
    front.steps(&trade_no, 2).await;

    // The buyer confirms receipt at Alipay (the sandbox's view of the buyer's trade).
    browser
        .session
        .goto(&format!(
            "http://{}/cashier/trade?trade_no={trade_no}",
            front.sandbox.addr()
        ))
        .await
        .unwrap();
    browser.click("#confirm button").await;
    browser.wait_text("h1", "交易成功").await;
    front.steps(&trade_no, 3).await;

    // Finished, by the notification and by a query; each notification ran the step once.
    let order = front.shop.order(&trade_no).unwrap();
    assert_eq!(order.status, Some(TradeStatus::TradeFinished));
    assert_eq!(order.notification_steps, 3);
    assert_eq!(front.shop.steps(), 3);
    let queried = front
        .client
        .execute(&SingleTradeQuery {
            trade_no: Some(trade_no.clone()),
            out_trade_no: None,
        })
        .await
        .unwrap();
    assert_eq!(queried.trade_status, TradeStatus::TradeFinished);
    let acknowledged = front.sandbox.admin().deliveries(&trade_no);
    assert_eq!(acknowledged.len(), 3, "{acknowledged:?}");
    browser.close().await;
    eprintln!(
        "browser flow (checkout → cashier → return → ship → confirm → query): {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buyer_who_cancels_at_the_cashier_changes_nothing() {
    let Some((chromium, chromedriver)) = tools() else {
        return;
    };
    let front = Shopfront::start(Charset::Utf8).await;
    // A phone's width: the cashier as the mobile site shows it.
    let browser = Browser::start(&chromium, &chromedriver, 390, 844).await;
    browser
        .session
        .goto(&front.checkout_url("BROWSER-CANCEL", "一顶帽子"))
        .await
        .unwrap();
    browser.click("#pay-with-alipay").await;
    let trade_no = browser.text("#trade_no").await;
    browser.screenshot("cashier-phone.png", true).await;
    browser.click("#cancel button").await;
    // Back at the order's show_url; the trade still waits for payment, and nothing was sent.
    assert_eq!(browser.text("#cancelled").await, "Payment cancelled");
    let trade = front.sandbox.admin().trade(&trade_no).unwrap();
    assert_eq!(trade.status, TradeStatus::WaitBuyerPay);
    assert!(front.sandbox.admin().deliveries(&trade_no).is_empty());
    assert!(front.shop.order(&trade_no).is_none());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gbk_shop_is_paid_in_a_browser() {
    let Some((chromium, chromedriver)) = tools() else {
        return;
    };
    let front = Shopfront::start(Charset::Gbk).await;
    let browser = Browser::start(&chromium, &chromedriver, 1280, 900).await;
    let trade_no = pay(
        &browser,
        &front,
        "BROWSER-GBK",
        "二手围巾（八成新）",
        "cashier-desktop-gbk.png",
    )
    .await;
    front.steps(&trade_no, 1).await;
    let order = front.shop.order(&trade_no).unwrap();
    assert_eq!(order.status, Some(TradeStatus::WaitSellerSendGoods));
    browser.close().await;
}
