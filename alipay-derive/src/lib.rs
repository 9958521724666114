//! Derive macros for Alipay MAPI services: a service is a request struct and a response struct whose
//! attributes mirror the rows of the service's spec table. Use them through `alipay_core`, which
//! re-exports them next to the traits they implement (`alipay_core::service::{Request, Response}`).
//!
//! Layout (serde_derive / thiserror / garde): `internals::attr` parses what was written,
//! `internals::check` proves it consistent and builds the model, `expand` emits code from the model
//! only, and `fallback` emits stub impls beside errors so one mistake does not cascade.

mod expand;
mod fallback;
mod internals;
mod list_item;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

use internals::ast::{Container, ContainerAttrs};
use internals::attr::Derive;
use internals::ctxt::Ctxt;

/// Implements `alipay_core::service::Request` for a struct that mirrors a service's request table
/// (请求输入参数表); one field per business parameter.
///
/// ```
/// use alipay_core::service::{CommonParams, Request as _, Rule};
/// use alipay_core::types::{Amount, HttpUrl};
/// use alipay_core::{Charset, Request, Response, canonical};
///
/// alipay_core::wire_enum! {
///     /// 物流方式.
///     pub enum FlowType { NoLogistics = "8", Post = "1", Express = "2" }
/// }
///
/// #[derive(Clone, Request)] // `Request` also implements `Debug`
/// #[alipay(service = "sns.create.goods.ws", response = Goods, method = GET)]
/// #[alipay(required_if(flow_type = "1" | "2", flow_fee > 0))]
/// #[alipay(relation(buy_max_num <= goods_total_num))]
/// pub struct CreateGoods {
///     /// 支付宝处理完请求后,通知给SNS的url
///     #[alipay(label = "通知URL", ty = "String(200)", example = "http://www.test.com/notify/alipay/interface.htm")]
///     pub notify_url: HttpUrl,
///     /// 支付宝分配给每个SNS用户的key
///     #[alipay(label = "用户key", ty = "String(40)", secret, example = "20110511EF39E0403F8F48EF8E02121C9824210F")]
///     pub key: String,
///     /// 单个商品价格
///     #[alipay(label = "商品单价", ty = "String(12)", example = "100.40")]
///     pub goods_fee: Amount,
///     /// 总共商品数量
///     #[alipay(label = "商品总数", ty = "String(5)", example = "100")]
///     pub goods_total_num: u32,
///     /// 对同一个商品,单个用户最多购买数量 .必须<= goods_total_num
///     #[alipay(label = "单个用户最多购买数量", ty = "String(5)", example = "100")]
///     pub buy_max_num: u32,
///     /// 8不需要物流,1平邮, 2快递
///     #[alipay(label = "物流方式", ty = "String(1)", example = "1")]
///     pub flow_type: FlowType,
///     /// 当物流方式为平邮或快递时,该字段不为空且大于0。
///     #[alipay(label = "运费", ty = "String(12)", example = "11.50")]
///     pub flow_fee: Option<Amount>,
/// }
///
/// /// The `<goods>` payload.
/// #[derive(Debug, Response)]
/// #[alipay(element = "goods")]
/// pub struct Goods {
///     /// 商品在支付宝的id
///     #[alipay(label = "商品id", ty = "String(25)", example = "2011063000011840")]
///     pub goods_id: String,
/// }
///
/// let mut goods = CreateGoods::example();
/// goods.validate()?;
/// let mut params = Vec::new();
/// goods.signing_params(&CommonParams { partner: "2088002464631181", charset: Charset::Utf8 }, &mut params);
/// assert_eq!(
///     canonical::signing_string(&params),
///     "_input_charset=utf-8&buy_max_num=100&flow_fee=11.50&flow_type=1&goods_fee=100.40&goods_total_num=100\
///      &key=20110511EF39E0403F8F48EF8E02121C9824210F&notify_url=http://www.test.com/notify/alipay/interface.htm\
///      &partner=2088002464631181&service=sns.create.goods.ws",
/// );
///
/// let debug = format!("{goods:?}");
/// assert!(debug.starts_with("CreateGoods { notify_url: HttpUrl(\"http://www.test.com/notify/alipay/interface.htm\"), key: <secret>, "));
/// assert!(!debug.contains("20110511EF39E0403F8F48EF8E02121C9824210F"));
///
/// goods.buy_max_num = 101;
/// goods.flow_fee = None;
/// let err = goods.validate().unwrap_err();
/// assert_eq!(err.violations().len(), 2);
/// assert!(matches!(err.violations()[0].rule, Rule::RequiredIf { when: "flow_type", .. }));
/// # Ok::<(), alipay_core::service::ValidationErrors>(())
/// ```
///
/// Container keys (`#[alipay(…)]` on the struct; may be split over several attributes):
///
/// | key | meaning |
/// |---|---|
/// | `service = "name"` | the `service` parameter (required) |
/// | `response = Type` | the `Response` type (required for an API service; `Option<T>` when the payload may be absent, `()` when the service answers no payload, e.g. `response = ()` for `close_trade`) |
/// | `page` | a page service: the buyer's browser carries the request (`Client::page_url` / `page_form`), there is no `response`; without it the service is an API service (`Client::execute`). Calling the wrong one does not compile |
/// | `method = GET` / `POST` | the HTTP method (default `POST`) |
/// | `error_codes = PATH` | the service's error table, a `const ERROR_CODES: &[CodeSpec] = &[CodeSpec::new("TRADE_NOT_EXIST", "交易不存在"), …]` (`Request::ERROR_CODES`): a code's text, meaning, advice and kind as this service means them, codes the shared `ErrorCode` does not know included |
/// | `spec = "specs/x.toml"` | the spec file (relative to the crate's `Cargo.toml`) the request table is held to while compiling: a drifted row is an error at its field, and editing the file rebuilds. Its error table becomes `ERROR_CODES` unless `error_codes` is given. `alipay_spec::assert_matches` checks the rest (response, notification tables) in a test |
/// | `idempotent` | repeating the request has the effect of sending it once: the client retries it after a timeout too (`Request::REPEAT`) |
/// | `identifies(a, b, …)` | the parameters that say what the request is about (`trade_no`, `out_trade_no`): a response carrying a field of the same name with another value is refused (`Request::IDENTIFIERS`) |
/// | `conflict = "CODE"` | not idempotent, but Alipay refuses a repeat of an applied request with `CODE`: retried, and `CODE` after an uncertain attempt reads "possibly applied" |
/// | `crate = "path"` | where generated code reaches `alipay_core` (default: found from the declaring crate's dependencies, `alipay_core` or `alipay::core`) |
/// | `one_of(a, b, …)` | at least one of these `Option` fields is set |
/// | `required_if(f = "v" \| "w", a, b > 0)` | when `f`'s wire value is `v` or `w`, the `Option` fields `a`, `b` are required (`> 0`: and greater than zero) |
/// | `relation(a <= b)` | `a op b` holds when both are set (`<`, `<=`, `>`, `>=`, `==`, `!=`) |
/// | `count(n = list)` | integer `n` equals the number of items of list parameter `list` (an `Items`), when both are set: a batch's `batch_num` |
/// | `total(sum = list.field)` | `Amount` `sum` equals the sum of the items' `field`, when both are set: a batch's `batch_fee` |
/// | `custom = path` | `fn(&Self) -> Result<(), Violation>`, run by `validate()` |
///
/// Field keys:
///
/// | key | column | meaning |
/// |---|---|---|
/// | `name = "wire"` | 参数名 | the wire name (default: the field name without `r#`) |
/// | `label = "…"` | 参数说明 | the label |
/// | `ty = "String(128)"` | 类型(精度) | the column text, kept verbatim; `String(N)` bounds the wire text to N characters |
/// | `max_len = N` | | a length for a free-text `String` field whose table gives no type column |
/// | `example = "…"` | 样例 | the sample value, checked at compile time against the field's type |
/// | `secret` | | never show the value in errors or `Debug` |
/// | `custom = path` | | `fn(&T) -> Result<(), E: Display>`, run on a present value |
///
/// 可空 is the field's type: `Option<T>` is `Y`, anything else `N`. 备注 is the doc comment.
/// The common parameters (`service`, `partner`, `_input_charset`, `sign_type`, `sign`) are added by
/// the runtime and cannot be declared. When every field has an example, an inherent
/// `fn example() -> Self` builds the sample request.
///
/// The derive also implements `Debug`, so do not derive it as well (`#[derive(Debug, Request)]` is
/// rustc's "conflicting implementations of trait `Debug`"). It prints every field in declaration
/// order with its own `Debug` (so those field types must implement it), except a `secret` field,
/// which prints `<secret>` whatever its value: `key: <secret>` for a `String`, and `<secret>` too
/// (not `None` / `Some(…)`) for an `Option`, so not even whether a secret is set reaches a log.
#[proc_macro_derive(Request, attributes(alipay))]
pub fn derive_request(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    request(&input).into()
}

/// Implements `alipay_core::service::Response` for a struct that mirrors a response table
/// (xml返回的参数列表): one field per child element of the payload.
///
/// ```
/// use alipay_core::service::Response as _;
/// use alipay_core::types::Amount;
/// use alipay_core::{Response, xml};
///
/// #[derive(Debug, Response)]
/// #[alipay(element = "goods")]
/// pub struct Goods {
///     /// 单个商品价格
///     #[alipay(label = "商品单价", ty = "String(12)", example = "55.55")]
///     pub goods_fee: Amount,
///     /// 对同一个商品,用户购买最大数量
///     #[alipay(name = "buyer_max_num", label = "单个用户购买商品最大数量", ty = "String(5)")]
///     pub max_per_buyer: u32,
///     #[alipay(label = "运费", ty = "String(12)", example = "5.00")]
///     pub flow_fee: Option<Amount>,
/// }
///
/// let body = "<alipay><is_success>T</is_success><response><goods>\
///             <goods_fee>55.55</goods_fee><buyer_max_num>100</buyer_max_num><new>x</new>\
///             </goods></response></alipay>";
/// let envelope = xml::parse(body.as_bytes())?;
/// let goods = Goods::from_response(envelope.response.as_ref())?;
/// assert_eq!((goods.goods_fee.fen(), goods.max_per_buyer, goods.flow_fee), (5555, 100, None));
///
/// let bad = xml::parse(body.replace("55.55", "55,55").as_bytes())?;
/// let err = Goods::from_response(bad.response.as_ref()).unwrap_err();
/// assert_eq!(err.path(), "response/goods/goods_fee");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Container keys: `element = "tag"`, the payload element inside `<response>` (required);
/// `crate = "path"`, as for requests.
/// Field keys: `name`, `label`, `ty`, `example`, as for requests. An `Option` field may be missing
/// or empty; any other field must be present. Unknown children are ignored.
#[proc_macro_derive(Response, attributes(alipay))]
pub fn derive_response(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    response(&input).into()
}

/// Implements `alipay_core::service::Notification` for a struct that mirrors a table Alipay sends:
/// the asynchronous notification posted to `notify_url` (服务器异步通知参数, `kind = "notify"`, the
/// default) or the synchronous return on `return_url`'s query (页面跳转同步通知参数,
/// `kind = "return"`). One field per row, with the request's field attributes (`label`, `ty`,
/// `max_len`, `example`, `secret`, `custom`, `name`); `Option<T>` for 可空 Y.
///
/// The struct is read from the received parameters (`from_params`): every declared row is checked
/// (required, format, length, closed set), and parameters it does not declare are not refused
/// (Alipay adds rows over time); the signature is always checked over every received parameter,
/// declared or not, by the client before the struct is read, and the client hands back all of
/// them beside the typed value.
///
/// ```
/// use alipay_core::Notification;
/// use alipay_core::service::{Notification as _, NotificationKind};
/// use alipay_core::types::{Amount, TradeStatus};
///
/// /// The trade status notification of a page service.
/// #[derive(Clone, Notification)]
/// #[alipay(service = "create_partner_trade_by_buyer", kind = "notify")]
/// pub struct TradeStatusSync {
///     /// 通知校验ID
///     #[alipay(label = "通知校验ID", example = "RqPnCoPT3K9%2Fvwbh3I%2BODmZS9o4qChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG")]
///     pub notify_id: String,
///     /// 支付宝交易号
///     #[alipay(label = "支付宝交易号", ty = "String(64)", example = "2014040311001004370000361525")]
///     pub trade_no: String,
///     /// 交易状态
///     #[alipay(label = "交易状态", example = "WAIT_BUYER_PAY")]
///     pub trade_status: TradeStatus,
///     /// 交易金额
///     #[alipay(label = "交易金额", example = "0.01")]
///     pub total_fee: Option<Amount>,
/// }
///
/// assert_eq!(TradeStatusSync::KIND, NotificationKind::Notify);
/// let n = TradeStatusSync::from_params(&[
///     ("notify_id", "abc"),
///     ("trade_no", "2014040311001004370000361525"),
///     ("trade_status", "TRADE_FINISHED"),
///     ("buyer_email", "kept by the caller, not refused"),
/// ])?;
/// assert_eq!(n.trade_status, TradeStatus::TradeFinished);
/// assert!(TradeStatusSync::from_params(&[("notify_id", "abc")]).is_err()); // trade_no is required
/// # Ok::<(), alipay_core::service::ValidationErrors>(())
/// ```
#[proc_macro_derive(Notification, attributes(alipay))]
pub fn derive_notification(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    notification(&input).into()
}

/// Implements `alipay_core::types::ListItem` for one item of a list-valued parameter (a batch
/// refund's `trade_no^amount^reason`, joined into `detail_data` by `#`): one named field per field
/// of the item, in wire order, each of a type with a `WireValue` (text, `Amount`, integers, a
/// `wire_enum!`). The list itself is `alipay_core::types::Items<Item, '#'>`, a parameter like any
/// other: the request derive checks it, signs its text and reads it back, and an error names the
/// item and the field (`detail_data[3].reason`).
///
/// ```
/// use alipay_core::ListItem;
/// use alipay_core::types::{Amount, Items, WireValue as _};
///
/// /// 原付款支付宝交易号^退款总金额^退款理由.
/// #[derive(Clone, Debug, PartialEq, Eq, ListItem)]
/// #[alipay(field_sep = '^', reserved = "^|$#")]
/// pub struct Refund {
///     /// 原付款支付宝交易号
///     pub trade_no: String,
///     /// 退款总金额
///     pub amount: Amount,
///     /// 退款理由
///     pub reason: String,
/// }
///
/// let detail: Items<Refund, '#'> = "2011011201037066^5.00^协商退款#2011011201037067^1^退货".parse()?;
/// assert_eq!(detail.items()[1].amount.fen(), 100);
/// assert_eq!(detail.to_wire(), "2011011201037066^5.00^协商退款#2011011201037067^1.00^退货");
/// let e = "2011011201037066^5.00^a$b".parse::<Items<Refund, '#'>>().unwrap_err();
/// assert_eq!(e.item().unwrap().to_string(), "[0].reason");
/// # Ok::<(), alipay_core::types::WireValueError>(())
/// ```
///
/// Container keys: `field_sep = '^'` (required), the character between fields; `reserved = "…"`,
/// the characters no field may hold besides the separators (the document's special characters);
/// `terminated`, every item followed by the list's separator, the last one too (a batch payout's
/// result lists; read with or without it);
/// `crate = "path"`, as for requests. Field key: `name = "…"`, the field's name in errors (default:
/// the Rust name).
#[proc_macro_derive(ListItem, attributes(alipay))]
pub fn derive_list_item(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    list_item::expand(&input, runtime(None)).into()
}

fn request(input: &DeriveInput) -> proc_macro2::TokenStream {
    let cx = Ctxt::new();
    let span = input.ident.span();
    let cont = Container::from_ast(&cx, input, Derive::Request);
    let runtime = runtime(cont.as_ref());
    expand::with_runtime(runtime, || request_with(cx, input, span, cont))
}

fn request_with(
    cx: Ctxt,
    input: &DeriveInput,
    span: proc_macro2::Span,
    cont: Option<Container<'_>>,
) -> proc_macro2::TokenStream {
    let checked = cont
        .as_ref()
        .and_then(|cont| internals::check::request(&cx, cont, span));
    let expanded = checked
        .as_ref()
        .filter(|_| cx.is_clean())
        .map(expand::request::expand);
    let response = cont.as_ref().and_then(|c| match &c.attrs {
        ContainerAttrs::Request(a) => a.response.clone(),
        ContainerAttrs::Response(_) | ContainerAttrs::Notification(_) => None,
    });
    match (cx.check(), expanded) {
        (Ok(()), Some(tokens)) => tokens,
        (Err(err), _) => {
            let mut tokens = err.to_compile_error();
            tokens.extend(fallback::request(input, response.as_ref()));
            tokens
        }
        (Ok(()), None) => fallback::request(input, response.as_ref()),
    }
}

fn notification(input: &DeriveInput) -> proc_macro2::TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input, Derive::Notification);
    let runtime = runtime(cont.as_ref());
    expand::with_runtime(runtime, || {
        let checked = cont
            .as_ref()
            .and_then(|cont| internals::check::notification(&cx, cont));
        let expanded = checked
            .as_ref()
            .filter(|_| cx.is_clean())
            .map(expand::request::expand);
        match (cx.check(), expanded) {
            (Ok(()), Some(tokens)) => tokens,
            (Err(err), _) => {
                let mut tokens = err.to_compile_error();
                tokens.extend(fallback::notification(input));
                tokens
            }
            (Ok(()), None) => fallback::notification(input),
        }
    })
}

fn response(input: &DeriveInput) -> proc_macro2::TokenStream {
    let cx = Ctxt::new();
    let span = input.ident.span();
    let cont = Container::from_ast(&cx, input, Derive::Response);
    let runtime = runtime(cont.as_ref());
    expand::with_runtime(runtime, || response_with(cx, input, span, cont))
}

fn response_with(
    cx: Ctxt,
    input: &DeriveInput,
    span: proc_macro2::Span,
    cont: Option<Container<'_>>,
) -> proc_macro2::TokenStream {
    let checked = cont
        .as_ref()
        .and_then(|cont| internals::check::response(&cx, cont, span));
    let expanded = checked
        .as_ref()
        .filter(|_| cx.is_clean())
        .map(expand::response::expand);
    match (cx.check(), expanded) {
        (Ok(()), Some(tokens)) => tokens,
        (Err(err), _) => {
            let mut tokens = err.to_compile_error();
            tokens.extend(fallback::response(input));
            tokens
        }
        (Ok(()), None) => fallback::response(input),
    }
}

/// The path generated code reaches the runtime by: the container's `crate = "…"` when given;
/// else `::alipay_core` when the declaring crate depends on `alipay-core` (under any name), else
/// `::alipay::core` when it depends on the `alipay` facade, else `::alipay_core`.
fn runtime(cont: Option<&Container<'_>>) -> proc_macro2::TokenStream {
    let explicit = cont.and_then(|c| match &c.attrs {
        ContainerAttrs::Request(a) => a.krate.clone(),
        ContainerAttrs::Response(a) => a.krate.clone(),
        ContainerAttrs::Notification(a) => a.krate.clone(),
    });
    if let Some(path) = explicit {
        return quote::quote!(#path);
    }
    use proc_macro_crate::{FoundCrate, crate_name};
    let ident = |name: &str| syn::Ident::new(name, proc_macro2::Span::call_site());
    match crate_name("alipay-core") {
        // Inside alipay-core, `extern crate self as alipay_core` makes the absolute path work.
        Ok(FoundCrate::Itself) => quote::quote!(::alipay_core),
        Ok(FoundCrate::Name(name)) => {
            let name = ident(&name);
            quote::quote!(::#name)
        }
        Err(_) => match crate_name("alipay") {
            Ok(FoundCrate::Name(name)) => {
                let name = ident(&name);
                quote::quote!(::#name::core)
            }
            Ok(FoundCrate::Itself) => quote::quote!(::alipay::core),
            Err(_) => quote::quote!(::alipay_core),
        },
    }
}
