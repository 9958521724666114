//! Page services: requests a buyer's browser carries to the gateway (a redirect or an HTML form),
//! instead of the merchant's server calling it.
//!
//! The usage rules (send_goods_confirm_by_platform's, 表3-1, 接口构造; `docs/protocol.md`) allow exactly
//! two shapes, both built from a [`SignedRequest`]:
//!
//! - [`page_url`]: the GET URL to redirect the browser to (`gateway?<every parameter>`);
//! - [`page_form`]: an HTML `<form>` that posts to `gateway?_input_charset=…` only, with one hidden
//!   input per sent parameter (names and values HTML-escaped) and no other field: no submit button,
//!   no merchant-named data (“禁止出现商户自行命名，不在接口技术文档请求参数列表中的其他数据”). GET or
//!   POST, optionally submitted by a script placed after the form.
//!
//! **The page must be served in the request charset.** Form inputs hold the raw values; the browser
//! percent-encodes them in the charset of the page that holds the form, and the gateway decodes
//! them in `_input_charset`. Serve the page with `Content-Type: text/html; charset=…` (see
//! [`page_content_type`]) and/or `<meta charset="…">` naming [`SignedRequest::charset`]
//! (`utf-8` or `gbk`, [`Charset::as_str`](crate::Charset::as_str)). A GBK request in a UTF-8 page
//! is received as mojibake and fails with `ILLEGAL_SIGN`.
//!
//! ```
//! use alipay_core::page::{Method, page_content_type, page_form};
//! use alipay_services::single_trade_query::SingleTradeQuery;
//! use alipay_core::sign::{Md5Key, Signer};
//! use alipay_core::{Charset, GATEWAY, request::prepare_request};
//!
//! let signer = Signer::md5(Md5Key::new("demo-key"));
//! let partner = "2088002464631181".parse()?;
//! let signed = prepare_request(&SingleTradeQuery::example(), &partner, Charset::Utf8, &signer)?;
//! let form = page_form(&signed, GATEWAY, Method::Post, true);
//! assert!(form.starts_with(
//!     "<form id=\"alipaysubmit\" name=\"alipaysubmit\" \
//!      action=\"https://mapi.alipay.com/gateway.do?_input_charset=utf-8\" method=\"post\">"
//! ));
//! assert!(form.ends_with("</form><script>document.forms['alipaysubmit'].submit();</script>"));
//! assert_eq!(page_content_type(&signed), "text/html; charset=utf-8");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::request::SignedRequest;

/// How the form is submitted: the same `GET` / `POST` as a server-to-server call
/// ([`crate::service::Method`]).
pub use crate::service::Method;

/// The `id` and `name` of the form [`page_form`] builds.
pub const FORM_ID: &str = "alipaysubmit";

/// The URL to send the buyer's browser to (an HTTP redirect or a link): `gateway?<every parameter>`,
/// percent-encoded in the request charset.
///
/// This is exactly [`SignedRequest::get_url`], to which it delegates; the URL is pure ASCII, so the
/// page charset does not matter for it.
pub fn page_url(signed: &SignedRequest, gateway: &str) -> String {
    signed.get_url(gateway)
}

/// The `Content-Type` of a page that holds a [`page_form`] of `signed`:
/// `text/html; charset=utf-8` or `text/html; charset=gbk` (the request charset).
pub fn page_content_type(signed: &SignedRequest) -> String {
    format!("text/html; charset={}", signed.charset().as_str())
}

/// An HTML fragment with the form that sends `signed` to `gateway` from the buyer's browser:
///
/// ```text
/// <form id="alipaysubmit" name="alipaysubmit" action="{gateway}?_input_charset={charset}" method="get|post">
/// <input type="hidden" name="…" value="…"/>   (one per sent parameter, in wire order)
/// </form>
/// <script>document.forms['alipaysubmit'].submit();</script>   (only with `auto_submit`)
/// ```
///
/// (without the line breaks). The inputs are [`SignedRequest::pairs`]: every signed parameter
/// (`_input_charset`, `partner`, `service` included), then `sign_type` and `sign`; names and raw
/// values are HTML-escaped (`&`, `<`, `>`, `"`, `'`), so no value can end the attribute or the form.
/// Nothing else is inside the form (no submit button): without `auto_submit`, the caller submits
/// it with its own script or a button placed outside the form (`<button form="alipaysubmit">`).
///
/// The action carries only `_input_charset` (so the gateway can decode a POST body); a browser
/// replaces an action's query string with the form data on GET, which is why `_input_charset` is
/// also an input. The other parameters are never in the action.
///
/// Serve the page in the request charset (see the [module docs](self) and
/// [`page_content_type`]). Secret parameter values are in the form (they must be sent): do not log
/// it.
pub fn page_form(
    signed: &SignedRequest,
    gateway: &str,
    method: Method,
    auto_submit: bool,
) -> String {
    let action = signed.post_url(gateway);
    let method = match method {
        Method::Get => "get",
        Method::Post => "post",
    };
    let mut out = String::with_capacity(160 + action.len() + 2 * signed.encoded().len());
    out.push_str("<form id=\"");
    out.push_str(FORM_ID);
    out.push_str("\" name=\"");
    out.push_str(FORM_ID);
    out.push_str("\" action=\"");
    push_escaped(&mut out, &action);
    out.push_str("\" method=\"");
    out.push_str(method);
    out.push_str("\">");
    for (name, value) in &signed.pairs() {
        out.push_str("<input type=\"hidden\" name=\"");
        push_escaped(&mut out, name);
        out.push_str("\" value=\"");
        push_escaped(&mut out, value);
        out.push_str("\"/>");
    }
    out.push_str("</form>");
    if auto_submit {
        out.push_str("<script>document.forms['");
        out.push_str(FORM_ID);
        out.push_str("'].submit();</script>");
    }
    out
}

/// Appends `text` HTML-escaped for a double-quoted attribute value (or text content).
fn push_escaped(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

#[cfg(test)]
mod tests {
    use super::push_escaped;

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        let mut out = String::new();
        push_escaped(&mut out, "a&b<c>d\"e'f 中文&amp;");
        assert_eq!(out, "a&amp;b&lt;c&gt;d&quot;e&#39;f 中文&amp;amp;");
    }
}
