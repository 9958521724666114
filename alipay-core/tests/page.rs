//! Page services: the form a buyer's browser posts to the gateway, checked with a strict parser
//! written here (not with the crate's escaping), against a page service declared with the derive.
//!
//! Known signatures come from Python, not from this crate:
//!
//! ```text
//! python3 - <<'PY'
//! import hashlib
//! base = [('_input_charset','utf-8'),
//!  ('body','"><script>alert(\'x\')</script><input name="evil" value="1"/>'),
//!  ('notify_url','http://www.test.com/notify/alipay/interface.htm'),
//!  ('out_trade_no','6843192280647118'),('partner','2088002464631181'),('payment_type','1'),
//!  ('return_url','https://www.test.com/return?a=1&b=2'),('seller_id','2088002464631181'),
//!  ('service','create_direct_pay_by_user'),('subject','<b>"&\'</b> 二手围巾 &amp;'),
//!  ('token','20110511EF39E0403F8F48EF8E02121C9824210F'),('total_fee','100.40')]
//! key='demo0000000000000000000000000000'
//! for cs in ['utf-8','gbk']:
//!     p=[(k,(cs if k=='_input_charset' else v)) for k,v in base]
//!     s='&'.join(f'{k}={v}' for k,v in p)
//!     print(cs, hashlib.md5((s+key).encode(cs)).hexdigest())
//! PY
//! ```

#![allow(clippy::unwrap_used, missing_docs)]

use alipay_core::canonical::{is_signature_param, signing_string};
use alipay_core::page::{FORM_ID, Method, page_content_type, page_form, page_url};
use alipay_core::request::{SignedRequest, prepare_request};
use alipay_core::sign::{Md5Key, Signer};
use alipay_core::types::{Amount, HttpUrl, Partner};
use alipay_core::{Charset, GATEWAY, Request};

const PARTNER: &str = "2088002464631181";
const KEY: &str = "demo0000000000000000000000000000";
const UTF8_SIGN: &str = "f52e23afddba3054db4575b50e593626";
const GBK_SIGN: &str = "93bc19c178794670ce10b55a435ca42d";

const SUBJECT: &str = "<b>\"&'</b> 二手围巾 &amp;";
const BODY: &str = "\"><script>alert('x')</script><input name=\"evil\" value=\"1\"/>";
const TOKEN: &str = "20110511EF39E0403F8F48EF8E02121C9824210F";

/// A `create_direct_pay_by_user`-shaped page service (即时到账): a few rows of its table.
#[derive(Clone, PartialEq, Eq, alipay_core::Request)]
#[alipay(service = "create_direct_pay_by_user", response = (), method = GET)]
pub struct CreateDirectPayByUser {
    /// 服务器异步通知页面路径
    #[alipay(label = "服务器异步通知页面路径", ty = "String(190)")]
    pub notify_url: Option<HttpUrl>,
    /// 页面跳转同步通知页面路径
    #[alipay(label = "页面跳转同步通知页面路径", ty = "String(200)")]
    pub return_url: Option<HttpUrl>,
    /// 商户网站唯一订单号
    #[alipay(label = "商户网站唯一订单号", ty = "String(64)")]
    pub out_trade_no: String,
    /// 商品名称
    #[alipay(label = "商品名称", ty = "String(256)")]
    pub subject: String,
    /// 支付类型
    #[alipay(label = "支付类型", ty = "String(4)")]
    pub payment_type: String,
    /// 交易金额
    #[alipay(label = "交易金额", ty = "String(12)")]
    pub total_fee: Amount,
    /// 卖家支付宝用户号
    #[alipay(label = "卖家支付宝用户号", ty = "String(16)")]
    pub seller_id: String,
    /// 商品描述
    #[alipay(label = "商品描述", ty = "String(1000)")]
    pub body: Option<String>,
    /// 快捷登录授权令牌 (secret: sent, but never in `Debug`)
    #[alipay(label = "快捷登录授权令牌", ty = "String(40)", secret)]
    pub token: Option<String>,
}

fn request() -> CreateDirectPayByUser {
    CreateDirectPayByUser {
        notify_url: Some(
            "http://www.test.com/notify/alipay/interface.htm"
                .parse()
                .unwrap(),
        ),
        return_url: Some("https://www.test.com/return?a=1&b=2".parse().unwrap()),
        out_trade_no: "6843192280647118".into(),
        subject: SUBJECT.into(),
        payment_type: "1".into(),
        total_fee: "100.40".parse().unwrap(),
        seller_id: PARTNER.into(),
        body: Some(BODY.into()),
        token: Some(TOKEN.into()),
    }
}

fn signed(charset: Charset) -> SignedRequest {
    let partner: Partner = PARTNER.parse().unwrap();
    let signer = Signer::md5(Md5Key::new(KEY));
    prepare_request(&request(), &partner, charset, &signer).unwrap()
}

/// The parameters the gateway must receive, in wire order, for `charset`.
fn expected(charset: &str, sign: &str) -> Vec<(String, String)> {
    [
        ("_input_charset", charset),
        ("body", BODY),
        (
            "notify_url",
            "http://www.test.com/notify/alipay/interface.htm",
        ),
        ("out_trade_no", "6843192280647118"),
        ("partner", PARTNER),
        ("payment_type", "1"),
        ("return_url", "https://www.test.com/return?a=1&b=2"),
        ("seller_id", PARTNER),
        ("service", "create_direct_pay_by_user"),
        ("subject", SUBJECT),
        ("token", TOKEN),
        ("total_fee", "100.40"),
        ("sign_type", "MD5"),
        ("sign", sign),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// Strict HTML unescaping of an attribute value: only the five entities `page_form` may emit; any
/// other `&`, and any raw `<`, `>`, `"` or `'`, fails the test.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        assert!(
            !matches!(c, '<' | '>' | '"' | '\''),
            "raw {c:?} in attribute {s:?}"
        );
        if c == '&' {
            let (entity, ch) = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
            ]
            .into_iter()
            .find(|(e, _)| rest.starts_with(e))
            .unwrap_or_else(|| panic!("bare & in attribute {s:?}"));
            out.push(ch);
            rest = &rest[entity.len()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// What a strict reading of a `page_form` fragment finds.
#[derive(Debug)]
struct Parsed {
    action: String,
    method: String,
    inputs: Vec<(String, String)>,
    /// Whatever follows `</form>`.
    after: String,
}

/// Reads `<form id="alipaysubmit" name="alipaysubmit" action="…" method="…">` followed only by
/// `<input type="hidden" name="…" value="…"/>` elements, then `</form>` and the rest. Anything else
/// (another element, text, another attribute, whitespace) fails the test.
fn parse(html: &str) -> Parsed {
    fn take(rest: &mut &str, prefix: &str) {
        assert!(
            rest.starts_with(prefix),
            "expected {prefix:?} at {:?}",
            &rest[..rest.len().min(80)]
        );
        *rest = &rest[prefix.len()..];
    }
    fn attr(rest: &mut &str) -> String {
        let end = rest.find('"').expect("unterminated attribute");
        let value = unescape(&rest[..end]);
        *rest = &rest[end + 1..];
        value
    }

    let mut rest = html;
    take(
        &mut rest,
        "<form id=\"alipaysubmit\" name=\"alipaysubmit\" action=\"",
    );
    let action = attr(&mut rest);
    take(&mut rest, " method=\"");
    let method = attr(&mut rest);
    take(&mut rest, ">");
    let end = rest.find("</form>").expect("no </form>");
    let (mut inside, after) = (&rest[..end], &rest[end + "</form>".len()..]);
    assert!(!inside.contains("<script"), "script inside the form");
    assert!(!after.contains("</form>"), "two forms");
    let count = inside.matches("<input").count();
    assert_eq!(
        count,
        inside.matches("<").count(),
        "elements other than inputs"
    );

    let mut inputs = Vec::new();
    while !inside.is_empty() {
        take(&mut inside, "<input type=\"hidden\" name=\"");
        let name = attr(&mut inside);
        take(&mut inside, " value=\"");
        let value = attr(&mut inside);
        take(&mut inside, "/>");
        inputs.push((name, value));
    }
    assert_eq!(inputs.len(), count);
    Parsed {
        action,
        method,
        inputs,
        after: after.to_owned(),
    }
}

fn owned_pairs(signed: &SignedRequest) -> Vec<(String, String)> {
    signed.pairs()
}

#[test]
fn the_page_service_is_declared_for_get() {
    assert_eq!(CreateDirectPayByUser::METHOD, Method::Get);
    assert_eq!(CreateDirectPayByUser::SERVICE, "create_direct_pay_by_user");
}

#[test]
fn pairs_are_what_is_signed_and_sent() {
    for (charset, label, sign) in [
        (Charset::Utf8, "utf-8", UTF8_SIGN),
        (Charset::Gbk, "gbk", GBK_SIGN),
    ] {
        let signed = signed(charset);
        assert_eq!(signed.sign(), sign, "{label}");
        let pairs = owned_pairs(&signed);
        assert_eq!(pairs, expected(label, sign), "{label}");
        // Minus sign/sign_type, the pairs are exactly the signed string…
        let unsigned: Vec<_> = pairs
            .iter()
            .filter(|(k, _)| !is_signature_param(k))
            .cloned()
            .collect();
        assert_eq!(unsigned.len(), pairs.len() - 2);
        assert_eq!(signing_string(&unsigned), signed.string_to_sign());
        // …and, all of them, exactly the wire form.
        let decoded = alipay_core::form::decode(signed.encoded().as_bytes(), charset).unwrap();
        assert_eq!(decoded, pairs, "{label}");
    }
}

#[test]
fn the_form_holds_one_hidden_input_per_sent_parameter_and_nothing_else() {
    for (charset, label, sign) in [
        (Charset::Utf8, "utf-8", UTF8_SIGN),
        (Charset::Gbk, "gbk", GBK_SIGN),
    ] {
        let signed = signed(charset);
        for (method, method_attr) in [(Method::Get, "get"), (Method::Post, "post")] {
            let html = page_form(&signed, GATEWAY, method, false);
            let parsed = parse(&html);
            assert_eq!(
                parsed.action,
                format!("https://mapi.alipay.com/gateway.do?_input_charset={label}")
            );
            assert_eq!(parsed.method, method_attr);
            assert_eq!(parsed.inputs, expected(label, sign));
            assert_eq!(parsed.inputs, owned_pairs(&signed));
            assert_eq!(parsed.after, "", "no auto-submit unless asked");
            assert!(!html.contains("<script"), "{html}");
        }
        assert_eq!(
            page_content_type(&signed),
            format!("text/html; charset={label}")
        );
        assert_eq!(signed.charset().as_str(), label);
    }
}

#[test]
fn auto_submit_is_one_script_after_the_form() {
    let signed = signed(Charset::Utf8);
    let html = page_form(&signed, GATEWAY, Method::Post, true);
    let parsed = parse(&html);
    assert_eq!(
        parsed.after,
        format!("<script>document.forms['{FORM_ID}'].submit();</script>")
    );
    assert_eq!(parsed.inputs, owned_pairs(&signed));
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.find("<script").unwrap() > html.find("</form>").unwrap());
}

#[test]
fn hostile_values_cannot_break_out() {
    let html = page_form(&signed(Charset::Utf8), GATEWAY, Method::Get, true);
    let form = &html[..html.find("</form>").unwrap()];
    for raw in ["\"><script>", "<input name=\"evil\"", "<b>", "'x'"] {
        assert!(!html.contains(raw), "{raw:?} unescaped in {html}");
    }
    // The only elements are the form and its 14 inputs; the only quotes delimit attributes.
    assert_eq!(form.matches('<').count(), 1 + 14);
    assert_eq!(form.matches('"').count(), 2 * (4 + 3 * 14));
    assert!(form.contains(
        "name=\"subject\" value=\"&lt;b&gt;&quot;&amp;&#39;&lt;/b&gt; 二手围巾 &amp;amp;\""
    ));
}

#[test]
fn the_action_carries_only_the_charset() {
    let signed = signed(Charset::Gbk);
    let parsed = parse(&page_form(&signed, GATEWAY, Method::Post, false));
    assert_eq!(parsed.action, signed.post_url(GATEWAY));
    assert!(!parsed.action.contains("sign"));
    assert!(!parsed.action.contains("service"));
    // A gateway with its own query string keeps it, escaped in the attribute.
    let html = page_form(&signed, "https://example.test/gw?x=1", Method::Get, false);
    assert!(html.contains("action=\"https://example.test/gw?x=1&amp;_input_charset=gbk\""));
    assert_eq!(
        parse(&html).action,
        "https://example.test/gw?x=1&_input_charset=gbk"
    );
}

#[test]
fn page_url_is_the_get_url() {
    let signed = signed(Charset::Utf8);
    let url = page_url(&signed, GATEWAY);
    assert_eq!(url, signed.get_url(GATEWAY));
    assert_eq!(url, format!("{GATEWAY}?{}", signed.encoded()));
    assert!(url.is_ascii());
}

#[test]
fn the_secret_is_sent_but_debug_still_redacts_it() {
    let signed = signed(Charset::Utf8);
    let html = page_form(&signed, GATEWAY, Method::Post, false);
    assert!(
        parse(&html)
            .inputs
            .contains(&("token".into(), TOKEN.into()))
    );
    let debug = format!("{signed:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("token=<secret>"), "{debug}");
}
