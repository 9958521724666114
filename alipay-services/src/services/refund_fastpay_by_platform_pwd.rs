//! `refund_fastpay_by_platform_pwd` (即时到账批量退款有密接口): refund paid instant-payment trades
//! in a batch. A page service: the seller's browser carries the request to Alipay, where the seller
//! confirms the batch with the payment password; the outcome comes to `notify_url` as the
//! `batch_refund_notify` notification ([`BatchRefundNotify`]), one result per refunded trade. There
//! is no synchronous return (the document has no `return_url`).
//!
//! Declared from `specs/refund_fastpay_by_platform_pwd.toml`: Alipay's document v1.5 (2013-06-19)
//! and its usage rules, from Alipay's download package vendored in a public repository (the file
//! cites it), scaffolded with `alipay spec scaffold`, then refined:
//! - `detail_data` is [`Items`] of [`RefundDetail`] (`trade_no^amount^reason`, joined by `#`): a
//!   reason holding one of `^ | $ #` is refused, and an error names the item and the field
//!   (`detail_data[3].reason`); `count(batch_num = detail_data)` holds `batch_num` to the number of
//!   items, and `batch_num` is at most 1000.
//! - `batch_no` is checked for its documented shape: a date `yyyyMMdd` and a 3–24 character
//!   sequence of letters and digits, not `000`. That the date is today's and that the number is new
//!   for the partner are Alipay's to check (`BATCH_NO_FORMAT_ERROR`, `DUPLICATE_BATCH_NO`).
//! - `refund_date` is a `DateTime` (`yyyy-MM-dd HH:mm:ss`; the table prints `hh`, the sample,
//!   the demo and the usage rules say 24-hour).
//! - A reason is at most 256 bytes in UTF-8. No document states a number; the issue and the Ruby
//!   gem say 256 bytes. The method is `GET`, as the official demo sends it (the usage rules say
//!   POST; the gateway takes both).
//! - `result_details` is [`Items`] of [`RefundResult`]: each the trade part
//!   (`trade_no^amount^result`) and, when Alipay refunded its service fee too, the fee part after
//!   `$`.
//!
//! Repeating a batch: declared `conflict = "DUPLICATE_BATCH_NO"`. A batch number is used once per
//! partner, so a second submission of the same batch is refused with that code; the first one's
//! outcome is in its notification.
//!
//! ```
//! use alipay_core::Request as _;
//! use alipay_core::types::WireValue as _;
//! use alipay_services::refund_fastpay_by_platform_pwd::RefundFastpayByPlatformPwd;
//!
//! let mut batch = RefundFastpayByPlatformPwd::example();
//! assert!(batch.validate().is_ok());
//! batch.batch_num = 2;
//! let e = batch.validate().unwrap_err();
//! assert_eq!(e.violations()[0].param, "batch_num");
//! assert!(RefundFastpayByPlatformPwd::from_params(&[
//!     ("seller_user_id", "2088101008267254"),
//!     ("refund_date", "2011-01-12 11:21:00"),
//!     ("batch_no", "201101120001"),
//!     ("batch_num", "2"),
//!     ("detail_data", "2011011201037066^5.00^协商退款#2011011201037067^1.00^退$货"),
//! ])
//! .unwrap_err()
//! .to_string()
//! .contains("detail_data[1].reason"));
//! ```

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::service::Violation;
use alipay_core::types::{Amount, DateTime, Fields, HttpUrl, Items};
use alipay_core::{ListItem, Notification, Request};

/// One refund of `detail_data`: 原付款支付宝交易号^退款总金额^退款理由 (§4.3). The reason may be empty;
/// it holds none of `^ | $ #`.
#[derive(Clone, Debug, PartialEq, Eq, ListItem)]
#[alipay(field_sep = '^', reserved = "^|$#")]
pub struct RefundDetail {
    /// 原付款支付宝交易号: the trade to refund.
    pub trade_no: String,
    /// 退款总金额: how much of it to refund (yuan).
    pub amount: Amount,
    /// 退款理由: why (at most 256 bytes in UTF-8).
    pub reason: String,
}

/// One trade's result in `result_details`: its trade part and, when Alipay refunded its service
/// fee too, the fee part (`…^SUCCESS$jax_chuanhang@alipay.com^2088101003147483^0.01^SUCCESS`).
#[derive(Clone, Debug, PartialEq, Eq, ListItem)]
#[alipay(field_sep = '$', reserved = "$#")]
pub struct RefundResult {
    /// 交易号^退款金额^处理结果.
    pub trade: Fields<TradeRefundResult>,
    /// 退费账号^退费账户 ID^退费金额^处理结果, when the fee was refunded.
    pub fee: Option<Fields<FeeRefundResult>>,
}

/// A trade's refund result: 交易号^退款金额^处理结果.
#[derive(Clone, Debug, PartialEq, Eq, ListItem)]
#[alipay(field_sep = '^', reserved = "^|$#")]
pub struct TradeRefundResult {
    /// 交易号: the refunded trade.
    pub trade_no: String,
    /// 退款金额: the amount refunded.
    pub amount: Amount,
    /// 处理结果: `SUCCESS`, or an error code of the service's table (`REFUND_AMOUNT_NOT_VALID`, …).
    pub result: String,
}

impl TradeRefundResult {
    /// Whether the trade was refunded (`SUCCESS`; the document's note writes `success`).
    pub fn is_success(&self) -> bool {
        self.result.eq_ignore_ascii_case("SUCCESS")
    }
}

/// The refund of Alipay's service fee: 退费账号^退费账户 ID^退费金额^处理结果.
#[derive(Clone, Debug, PartialEq, Eq, ListItem)]
#[alipay(field_sep = '^', reserved = "^|$#")]
pub struct FeeRefundResult {
    /// 退费账号: the account the fee went to.
    pub account: String,
    /// 退费账户 ID: its user id (2088…).
    pub user_id: String,
    /// 退费金额: the fee refunded.
    pub amount: Amount,
    /// 处理结果: `SUCCESS` or an error code.
    pub result: String,
}

/// `batch_no`: 退款日期（8 位）+流水号（3～24 位）; the sequence takes letters, not `000`.
pub(crate) fn batch_no_format(batch_no: &str) -> Result<(), &'static str> {
    const RULE: &str = "must be the refund date yyyyMMdd and a 3 to 24 character sequence of letters and digits, not 000 (e.g. 201101120001)";
    let (date, seq) = match batch_no.char_indices().nth(8) {
        Some((at, _)) => batch_no.split_at(at),
        None => return Err(RULE),
    };
    let date_ok = crate::rules::is_yyyymmdd(date);
    let seq_ok = (3..=24).contains(&seq.len())
        && seq.bytes().all(|b| b.is_ascii_alphanumeric())
        && seq != "000";
    if date_ok && seq_ok { Ok(()) } else { Err(RULE) }
}

/// `batch_num`: 最大支持 1000 笔.
pub(crate) fn at_most_1000(batch_num: &u32) -> Result<(), &'static str> {
    if (1..=1000).contains(batch_num) {
        Ok(())
    } else {
        Err("must be from 1 to 1000: a batch holds at most 1000 refunds")
    }
}

/// The most bytes a reason may have (UTF-8).
const REASON_BYTES: usize = 256;

/// Each item's reason is at most [`REASON_BYTES`] bytes (that no trade is refunded twice in a
/// batch is Alipay's business check, `DUBL_TRADE_NO_IN_SAME_BATCH`, not a rule of the table).
fn details_fit(batch: &RefundFastpayByPlatformPwd) -> Result<(), Violation> {
    details_fit_in(&batch.detail_data)
}

/// Each reason of `detail` is at most [`REASON_BYTES`] bytes, and each item refunds something.
pub(crate) fn details_fit_in(detail: &Items<RefundDetail, '#'>) -> Result<(), Violation> {
    for (i, item) in detail.items().iter().enumerate() {
        if item.reason.len() > REASON_BYTES {
            return Err(Violation::custom(
                format!("detail_data[{i}].reason"),
                format!(
                    "is {} bytes long, a reason may have at most {REASON_BYTES}",
                    item.reason.len()
                ),
                Some(item.reason.clone()),
            ));
        }
    }
    crate::rules::items_pay_something("detail_data", detail.items(), |i| i.amount)
}

/// The request of `refund_fastpay_by_platform_pwd` (即时到账批量退款有密接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "refund_fastpay_by_platform_pwd",
    page,
    method = GET,
    error_codes = ERROR_CODES,
    conflict = "DUPLICATE_BATCH_NO", // a batch number is used once per partner (module docs)
    identifies(batch_no),
    one_of(seller_user_id, seller_email),
    count(batch_num = detail_data),
    custom = details_fit
)]
pub struct RefundFastpayByPlatformPwd {
    /// 支付宝服务器主动通知商户网站里指定的页面 http 路径。
    #[alipay(
        label = "服务器异步通知页面路径",
        ty = "String(200)",
        example = "http://api.test.alipay.net/atinterface/receive_notify.htm"
    )]
    pub notify_url: Option<HttpUrl>,
    /// 如果卖家 Id 已填，则此字段可为空。
    #[alipay(
        label = "卖家支付宝账号",
        ty = "String",
        example = "Jier1105@alitest.com"
    )]
    pub seller_email: Option<String>,
    /// 卖家支付宝账号对应的支付宝唯一用户号。以 2088 开头的纯 16 位数字。登录时，seller_email 和 seller_user_id 两者必填一个。如果两者都填，以 seller_user_id 为准。
    #[alipay(label = "卖家用户 ID", ty = "String", example = "2088101008267254")]
    pub seller_user_id: Option<String>,
    /// 退款请求的当前时间。格式为：yyyy-MM-dd hh:mm:ss。
    #[alipay(label = "退款请求时间", ty = "String", example = "2011-01-12 11:21:00")]
    pub refund_date: DateTime,
    /// 每进行一次即时到账批量退款，都需要提供一个批次号，通过该批次号可以查询这一批次的退款交易记录，对于每一个合作伙伴，传递的每一个批次号都必须保证唯一性。格式为：退款日期（8 位）+流水号（3～24 位）。不可重复，且退款日期必须是当天日期。流水号不能接受“000”，但能接受英文字符。
    #[alipay(
        label = "退款批次号",
        ty = "String",
        custom = batch_no_format,
        example = "201101120001"
    )]
    pub batch_no: String,
    /// 即参数 detail_data 的值中，“#”字符出现的数量加 1，最大支持 1000 笔（即“#”字符出现的最大数量为 999 个）。
    #[alipay(label = "总笔数", ty = "String", custom = at_most_1000, example = "1")]
    pub batch_num: u32,
    /// 退款请求的明细数据。格式详情参见“4.3 单笔数据集参数说明”。
    #[alipay(
        label = "单笔数据集",
        ty = "String",
        example = "2011011201037066^5.00^协商退款"
    )]
    pub detail_data: Items<RefundDetail, '#'>,
}

/// The asynchronous notification (服务器异步通知参数) of `refund_fastpay_by_platform_pwd`:
/// `batch_refund_notify`, one result per item of the batch.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "refund_fastpay_by_platform_pwd", kind = "notify")]
pub struct BatchRefundNotify {
    /// 通知发送的时间。格式为：yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "通知时间", ty = "Date", example = "2009-08-12 11:08:32")]
    pub notify_time: DateTime,
    /// 通知的类型。
    #[alipay(label = "通知类型", ty = "String", example = "batch_refund_notify")]
    pub notify_type: String,
    /// 通知校验 ID。
    #[alipay(
        label = "通知校验 ID",
        ty = "String",
        example = "70fec0c2730b27528665af4517c27b95"
    )]
    pub notify_id: String,
    /// 原请求退款批次号。
    #[alipay(label = "退款批次号", ty = "String", example = "20060702001")]
    pub batch_no: String,
    /// 一次退款请求成功完成处理的总笔数。一笔交易，退交易款成功才是成功。0<= success_num<= 总退款笔数。
    #[alipay(label = "退款成功总数", ty = "String", example = "2")]
    pub success_num: u32,
    /// 退款结果明细。格式为：交易号^退款金额^处理结果$退费账号^退费账户 ID^退费金额^处理结果。若退款申请提交成功，处理结果会返回“success”。若提交失败，退款的处理结果中会有报错码，参见“10.1 即时到账批量退款业务错误码”。
    #[alipay(
        label = "退款结果明细",
        ty = "String",
        example = "2010031906272929^80^SUCCESS$jax_chuanhang@alipay.com^2088101003147483^0.01^SUCCESS"
    )]
    pub result_details: Option<Items<RefundResult, '#'>>,
}

/// The error codes of `refund_fastpay_by_platform_pwd`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("ILLEGAL_SIGN", "签名不正确"),
    CodeSpec::new("ILLEGAL_DYN_MD5_KEY", "动态密钥信息错误")
        .kind(ErrorKind::Configuration)
        .meaning("The dynamic MD5 key information is wrong.")
        .advice("Check the key configuration on the partner's account; ask Alipay support if it is not set up."),
    CodeSpec::new("ILLEGAL_ENCRYPT", "加密不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The request's encryption is wrong.")
        .advice("Check the sign_type and the key it uses; this service needs no encrypted parameter."),
    CodeSpec::new("ILLEGAL_ARGUMENT", "参数不正确"),
    CodeSpec::new("ILLEGAL_SERVICE", "Service 参数不正确"),
    CodeSpec::new("ILLEGAL_USER", "用户 ID 不正确")
        .kind(ErrorKind::Caller)
        .meaning("The user id is wrong.")
        .advice("Check seller_user_id / seller_email: they must name the partner's own Alipay account."),
    CodeSpec::new("ILLEGAL_PARTNER", "合作伙伴 ID 不正确"),
    CodeSpec::new("ILLEGAL_EXTERFACE", "接口配置不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The service's configuration on Alipay's side is wrong.")
        .advice("Ask Alipay support to check that refund_fastpay_by_platform_pwd is configured for the partner."),
    CodeSpec::new("ILLEGAL_PARTNER_EXTERFACE", "合作伙伴接口信息不正确"),
    CodeSpec::new("ILLEGAL_SECURITY_PROFILE", "未找到匹配的密钥配置")
        .kind(ErrorKind::Configuration)
        .meaning("No key is configured for the partner and this sign_type.")
        .advice("Use the sign_type whose key is set up on the contract, or have that key configured."),
    CodeSpec::new("ILLEGAL_AGENT", "代理 ID 不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The agent id is wrong.")
        .advice("Check the agent id configured with the partner; send none unless Alipay issued one."),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "签名类型不正确"),
    CodeSpec::new("ILLEGAL_CHARSET", "字符集不合法"),
    CodeSpec::new("ILLEGAL_CLIENT_IP", "客户端 IP 地址无权访问服务")
        .kind(ErrorKind::Configuration)
        .meaning("The calling server's IP address may not use the service.")
        .advice("Call from an address on the partner's IP allow-list, or have the address added."),
    CodeSpec::new("HAS_NO_PRIVILEGE", "无权访问"),
    CodeSpec::new("SESSION_TIMEOUT", "session 超时"),
    CodeSpec::new("ILLEGAL_DIGEST_TYPE", "摘要类型不正确")
        .kind(ErrorKind::Caller)
        .meaning("The digest type of an uploaded file is wrong.")
        .advice("This service uploads no file: check that the request goes to the intended service."),
    CodeSpec::new("ILLEGAL_DIGEST", "文件摘要不正确")
        .kind(ErrorKind::Caller)
        .meaning("An uploaded file's digest does not match.")
        .advice("This service uploads no file: check that the request goes to the intended service."),
    CodeSpec::new("ILLEGAL_FILE_FORMAT", "文件格式不正确")
        .kind(ErrorKind::Caller)
        .meaning("An uploaded file's format is wrong.")
        .advice("This service uploads no file: check that the request goes to the intended service."),
    CodeSpec::new("ILLEGAL_TARGET_SERVICE", "错误的 target_service")
        .kind(ErrorKind::Configuration)
        .meaning("The target service is wrong.")
        .advice("Check the service name; contact Alipay support if it is right."),
    CodeSpec::new("ILLEGAL_ACCESS_SWITCH_SYSTEM", "partner 不允许访问该类型的系统")
        .kind(ErrorKind::Configuration)
        .meaning("The partner may not use this kind of system.")
        .advice("Contact Alipay support."),
    CodeSpec::new("ILLEGAL_ENCODING", "不支持该编码类型"),
    CodeSpec::new("EXTERFACE_IS_CLOSED", "接口已关闭")
        .kind(ErrorKind::Configuration)
        .meaning("The service is closed for the partner.")
        .advice("Contact Alipay support to have the service opened on the contract."),
    CodeSpec::new("ILLEGAL_REQUEST_REFERER", "防钓鱼检查不支持该请求来源")
        .kind(ErrorKind::Configuration)
        .meaning("The anti-phishing check refused the request's origin (Referer).")
        .advice("Check the anti-phishing settings of the contract, or send the page from the registered site."),
    CodeSpec::new("ILLEGAL_ANTI_PHISHING_KEY", "防钓鱼检查非法时间戳参数"),
    CodeSpec::new("ANTI_PHISHING_KEY_TIMEOUT", "防钓鱼检查时间戳超时"),
    CodeSpec::new("ILLEGAL_EXTER_INVOKE_IP", "防钓鱼检查非法调用 IP"),
    CodeSpec::new("BATCH_NUM_EXCEED_LIMIT", "总比数大于 1000")
        .kind(ErrorKind::Caller)
        .meaning("batch_num is over 1000: a batch holds at most 1000 refunds.")
        .advice("Split the refunds into batches of at most 1000 items (the usage rules call 50 the most efficient), each with its own batch_no."),
    CodeSpec::new("REFUND_DATE_ERROR", "错误的退款时间")
        .kind(ErrorKind::Caller)
        .meaning("refund_date is missing, not yyyy-MM-dd HH:mm:ss, or its date is not the date in batch_no.")
        .advice("Send the current time as refund_date and start batch_no with the same date (yyyyMMdd)."),
    CodeSpec::new("BATCH_NUM_ERROR", "传入的总笔数格式错误")
        .kind(ErrorKind::Caller)
        .meaning("batch_num is not a number.")
        .advice("Send the number of items of detail_data as digits."),
    CodeSpec::new("BATCH_NUM_NOT_EQUAL_TOTAL", "传入的退款条数不等于数据集解析出的退款条数")
        .kind(ErrorKind::Caller)
        .meaning("batch_num differs from the number of items detail_data holds.")
        .advice("Send the number of #-separated items of detail_data as batch_num."),
    CodeSpec::new("SINGLE_DETAIL_DATA_EXCEED_LIMIT", "单笔退款明细超出限制")
        .kind(ErrorKind::Caller)
        .meaning("An item of detail_data is over the allowed size.")
        .advice("Shorten the item's reason."),
    CodeSpec::new("NOT_THIS_SELLER_TRADE", "不是当前卖家的交易")
        .kind(ErrorKind::Caller)
        .meaning("A trade of detail_data is not the seller's.")
        .advice("Refund only trades the seller (seller_user_id / seller_email) received."),
    CodeSpec::new("DUBL_TRADE_NO_IN_SAME_BATCH", "同一批退款中存在两条相同的退款记录")
        .kind(ErrorKind::Caller)
        .meaning("Two items of the batch refund the same trade.")
        .advice("Put one item per trade in a batch: add the amounts up, or send the second refund in another batch."),
    CodeSpec::new("DUPLICATE_BATCH_NO", "重复的批次号")
        .kind(ErrorKind::Caller)
        .meaning("The partner has used this batch_no already: the batch was submitted before.")
        .advice("Do not submit the batch again: look for its batch_refund_notify (or the earlier attempt's result). A new batch needs a new batch_no."),
    CodeSpec::new("TRADE_STATUS_ERROR", "交易状态不允许退款")
        .kind(ErrorKind::QueryTradeState)
        .meaning("A trade's status does not allow a refund: only a paid instant-payment trade (TRADE_SUCCESS) can be refunded; a finished, closed or locked trade cannot.")
        .advice("Query the trade (single_trade_query) before refunding; do not repeat the batch unchanged."),
    CodeSpec::new("BATCH_NO_FORMAT_ERROR", "批次号格式错误")
        .kind(ErrorKind::Caller)
        .meaning("batch_no is not today's date (yyyyMMdd) followed by a 3 to 24 character sequence (not 000).")
        .advice("Build batch_no as the refund date yyyyMMdd and a 3–24 character sequence, unique for the partner."),
    CodeSpec::new("SELLER_INFO_NOT_EXIST", "卖家信息不存在")
        .kind(ErrorKind::Caller)
        .meaning("The seller named by seller_user_id / seller_email does not exist.")
        .advice("Send the seller's Alipay user id (2088…) or account."),
    CodeSpec::new("PARTNER_NOT_SIGN_PROTOCOL", "平台商未签署协议")
        .kind(ErrorKind::Configuration)
        .meaning("The seller account is not the partner's own and has not signed the agreement.")
        .advice("Use the partner's own account as seller, or have the seller sign the agreement."),
    CodeSpec::new("NOT_THIS_PARTNERS_TRADE", "退款明细非本合作伙伴的交易")
        .kind(ErrorKind::Caller)
        .meaning("A trade of detail_data is not one of the partner's.")
        .advice("Refund only trades the partner created."),
    CodeSpec::new("DETAIL_DATA_FORMAT_ERROR", "数据集参数格式错误")
        .kind(ErrorKind::Caller)
        .meaning("detail_data is not items trade_no^amount^reason joined by #.")
        .advice("Write each item as trade_no^amount^reason, join the items with #, and keep ^ | $ # out of the reasons."),
    CodeSpec::new("PWD_REFUND_NOT_ALLOW_ROYALTY", "有密接口不允许退分润")
        .kind(ErrorKind::Caller)
        .meaning("This service does not refund royalties (分润).")
        .advice("Send only trade_no^amount^reason items; refund royalties with the password-less service if the contract has it."),
    CodeSpec::new("NANHANG_REFUND_CHARGE_AMOUNT_ERROR", "退票面价金额不合法")
        .kind(ErrorKind::Caller)
        .meaning("The face-value refund amount is not valid (an airline's refund).")
        .advice("Check the amounts of the item."),
    CodeSpec::new("REFUND_AMOUNT_NOT_VALID", "退款金额不合法")
        .kind(ErrorKind::Caller)
        .meaning("A refund amount is not valid: zero, or more than what is left to refund of the trade.")
        .advice("Refund at most what the trade was paid less what was refunded already; query the trade first."),
    CodeSpec::new("TRADE_PRODUCT_TYPE_NOT_ALLOW_REFUND", "交易类型不允许退交易")
        .kind(ErrorKind::Caller)
        .meaning("The trade's product type does not allow a refund.")
        .advice("Such trades are not refunded by this service; contact Alipay support."),
    CodeSpec::new("RESULT_FACE_AMOUNT_NOT_VALID", "退款票面价不能大于支付票面价")
        .kind(ErrorKind::Caller)
        .meaning("The refunded face value is more than the paid face value.")
        .advice("Check the item's amounts against the trade."),
    CodeSpec::new("REFUND_CHARGE_FEE_ERROR", "退收费金额不合法")
        .kind(ErrorKind::Caller)
        .meaning("The refunded fee amount is not valid.")
        .advice("Check the fee part of the refund."),
    CodeSpec::new("REASON_REFUND_CHARGE_ERR", "退收费失败")
        .kind(ErrorKind::Caller)
        .meaning("Refunding the fee failed.")
        .advice("Query the trade; contact Alipay support if the fee is not refunded."),
    CodeSpec::new("RESULT_AMOUNT_NOT_VALID", "退收费金额错误")
        .kind(ErrorKind::Caller)
        .meaning("The refund amount is not reasonable (a result of an item in the notification), usually more than the trade's amount.")
        .advice("Check the item's amount against the trade and refund again in a new batch."),
    CodeSpec::new("RESULT_ACCOUNT_NO_NOT_VALID", "账号无效")
        .kind(ErrorKind::Caller)
        .meaning("An account of the refund is not valid (a result of an item in the notification).")
        .advice("Check the accounts the refund moves money between; contact Alipay support."),
    CodeSpec::new("REASON_TRADE_REFUND_FEE_ERR", "退款金额错误")
        .kind(ErrorKind::Caller)
        .meaning("The refund amount is wrong (a result of an item in the notification).")
        .advice("Check the item's amount and refund again in a new batch."),
    CodeSpec::new("REASON_HAS_REFUND_FEE_NOT_MATCH", "已退款金额错误")
        .kind(ErrorKind::Caller)
        .meaning("The amount refunded already does not match (a result of an item in the notification).")
        .advice("Query the trade's refunds before refunding again."),
    CodeSpec::new("TXN_RESULT_ACCOUNT_STATUS_NOT_VALID", "账户状态无效")
        .kind(ErrorKind::Caller)
        .meaning("An account's status does not allow the refund (a result of an item in the notification).")
        .advice("Contact Alipay support about the account."),
    CodeSpec::new("TXN_RESULT_ACCOUNT_BALANCE_NOT_ENOUGH", "账户余额不足")
        .kind(ErrorKind::Caller)
        .meaning("The seller's balance is not enough for the refund (a result of an item in the notification).")
        .advice("Top up the seller's account and refund again in a new batch."),
    CodeSpec::new("REASON_REFUND_AMOUNT_LESS_THAN_COUPON_FEE", "红包无法部分退款")
        .kind(ErrorKind::Caller)
        .meaning("A trade paid with a red packet (coupon) cannot be refunded in part.")
        .advice("Refund the whole trade, or contact Alipay support."),
    CodeSpec::new("SYSTEM_ERROR", "支付宝系统错误"),
    CodeSpec::new("BATCH_REFUND_STATUS_ERROR", "退款记录状态错误")
        .kind(ErrorKind::Retry)
        .meaning("A system error: the refund record's status is wrong.")
        .advice("The document says to contact Alipay support for system errors; do not resubmit the batch unchanged."),
    CodeSpec::new("BATCH_REFUND_DATA_ERROR", "批量退款后数据检查错误")
        .kind(ErrorKind::Retry)
        .meaning("A system error: the data check after the batch refund failed.")
        .advice("Contact Alipay support (the document's advice for system errors)."),
    CodeSpec::new("REFUND_TRADE_FAILED", "不存在退交易，但是退收费和退分润失败")
        .kind(ErrorKind::Retry)
        .meaning("A system error: no trade refund, but refunding the fee or royalties failed.")
        .advice("Contact Alipay support (the document's advice for system errors)."),
    CodeSpec::new("REFUND_FAIL", "退款失败（该结果码只会出现在做意外数据恢复时，找不到结果码的情况）")
        .kind(ErrorKind::Caller)
        .meaning("The refund failed (only seen when Alipay restores data after an incident).")
        .advice("Contact Alipay support."),
    CodeSpec::new("REFUND_TRADE_FEE_ERROR", "交易退款金额与付款金额不一致")
        .kind(ErrorKind::Caller)
        .meaning("The trade's refund amount differs from its paid amount (a result of an item in the notification).")
        .advice("Check the item's amount against the trade."),
    CodeSpec::new("BATCH_REFUND_LOCK_ERROR", "同一时间不允许进行多笔并发退款")
        .kind(ErrorKind::Retry)
        .meaning("Another refund of the same trade ran at the same time (a result of an item in the notification).")
        .advice("Refund the item again later in a new batch, one refund of a trade at a time."),
    CodeSpec::new("UNKNOWN_EXCEPTION", "须暂停后续操作，或者联系支付宝技术支持协助处理（接入与使用规则；无含义文本）")
        .kind(ErrorKind::Retry)
        .meaning("An unexpected error; the request may have reached Alipay.")
        .advice("Stop and check (the usage rules): look for the batch's notification before submitting again; contact Alipay support."),
    CodeSpec::new("GENERIC_FAILURE", "须暂停后续操作，或者联系支付宝技术支持协助处理（接入与使用规则；无含义文本）")
        .kind(ErrorKind::Retry)
        .meaning("A generic failure; the request may have reached Alipay.")
        .advice("Stop and check (the usage rules): look for the batch's notification before submitting again; contact Alipay support."),
    CodeSpec::new("TRADE_PAYMENT_ERROR", "支付宝系统内部错误，可以由支付宝内部自行解决（系统会启动重试机制，商户无需处理）")
        .kind(ErrorKind::Retry)
        .meaning("An internal Alipay error Alipay retries itself.")
        .advice("Nothing to do: Alipay retries (the usage rules); wait for the notification."),
    CodeSpec::new("TRADE_PROCESS_ERROR", "支付宝系统内部错误，可以由支付宝内部自行解决（系统会启动重试机制，商户无需处理）")
        .kind(ErrorKind::Retry)
        .meaning("An internal Alipay error Alipay retries itself.")
        .advice("Nothing to do: Alipay retries (the usage rules); wait for the notification."),
    CodeSpec::new("QUERY_PARTICIPANT_ERROR", "支付宝系统内部错误，可以由支付宝内部自行解决（系统会启动重试机制，商户无需处理）")
        .kind(ErrorKind::Retry)
        .meaning("An internal Alipay error Alipay retries itself.")
        .advice("Nothing to do: Alipay retries (the usage rules); wait for the notification."),
];
