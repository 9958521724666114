//! `refund_fastpay_by_platform_nopwd` (即时到账批量退款无密接口): refund paid instant-payment trades in
//! a batch, server to server, without the seller's password (a separate contract). The answer is
//! the bare envelope: `T` means the batch was accepted, not that the trades were refunded; each
//! item's outcome comes to `notify_url` as `batch_refund_notify` ([`BatchRefundNopwdNotify`]).
//! `F` refuses the whole batch, and then no notification is sent.
//!
//! Declared from `specs/refund_fastpay_by_platform_nopwd.toml`, which is second-hand: Alipay's own
//! document for this service was not found; the rows come from a maintained SDK's transcriptions,
//! copies of Alipay's demo and three independent transcriptions of the error table (the file cites
//! them and says where they are silent). Refined like the password service
//! ([`crate::refund_fastpay_by_platform_pwd`]), whose document is first-hand: `detail_data` is
//! [`Items`] of [`RefundDetail`], `count(batch_num = detail_data)`, `batch_no`'s shape, at most
//! 1000 items, reasons of at most 256 bytes (this table's `BATCH_MEMO_LENGTH_EXCEED_LIMIT` says
//! 256 bytes).
//!
//! Not supported: the royalty (`|分润退款数据集`) and sub-trade (`$$退子交易`) parts this service's
//! items may carry. An item with them is refused before sending (`|` and `$` are reserved in a
//! [`RefundDetail`]); send such refunds by other means. For the same reason `result_details` is
//! read as the password service's [`RefundResult`] items.
//!
//! Repeating a batch: `conflict = "DUPLICATE_BATCH_NO"`, as for the password service.

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::service::Violation;
use alipay_core::types::{DateTime, HttpUrl, Items};
use alipay_core::{Notification, Request};

pub use crate::refund_fastpay_by_platform_pwd::{RefundDetail, RefundResult};
use crate::refund_fastpay_by_platform_pwd::{at_most_1000, batch_no_format, details_fit_in};

/// Each item's reason is at most 256 bytes.
fn details_fit(batch: &RefundFastpayByPlatformNopwd) -> Result<(), Violation> {
    details_fit_in(&batch.detail_data)
}

alipay_core::wire_enum! {
    /// 是否使用冻结金额退款 (`use_freeze_amount`): Y：可以使用冻结金额退款；N：不可使用冻结金额退款；如果不提供，则默认值为 N。
    pub enum UseFreezeAmount {
        /// `Y`.
        Y = "Y",
        /// `N`.
        N = "N",
    }
}

alipay_core::wire_enum! {
    /// 申请结果返回类型 (`return_type`): 结果返回类型：xml。xml：以 XML 格式返回执行结果。
    pub enum ReturnType {
        /// `xml`.
        Xml = "xml",
    }
}

/// The request of `refund_fastpay_by_platform_nopwd` (即时到账批量退款无密接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "refund_fastpay_by_platform_nopwd",
    response = (),
    method = POST,
    error_codes = ERROR_CODES,
    conflict = "DUPLICATE_BATCH_NO", // a batch number is used once per partner (module docs)
    count(batch_num = detail_data),
    custom = details_fit
)]
pub struct RefundFastpayByPlatformNopwd {
    /// 支付宝服务器主动通知商户服务器里指定的页面http/https路径。
    #[alipay(label = "服务器异步通知页面路径")]
    pub notify_url: Option<HttpUrl>,
    /// 支付宝服务器主动通知商户网站里指定的页面http 路径，用于通知商户交易充退结果。
    #[alipay(label = "充退通知地址")]
    pub dback_notify_url: Option<HttpUrl>,
    /// 每进行一次即时到账批量退款，都需要提供一个批次号，通过该批次号可以查询这一批次的退款交易记录。对于每一个合作伙伴，传递的每一个批次号都必须保证唯一性。格式为：退款日期（8 位当天日期）+流水号（3～24 位，流水号可以接受数字或英文字符，建议使用数字，但不可接受“000”）。
    #[alipay(
        label = "退款批次号",
        custom = batch_no_format,
        example = "201101120001"
    )]
    pub batch_no: String,
    /// 退款请求的当前时间。格式为：yyyy-MM-dd hh:mm:ss。
    #[alipay(label = "退款请求时间", example = "2011-01-12 11:21:00")]
    pub refund_date: DateTime,
    /// 即参数 detail_data 的值中，“#”字符出现的数量加 1，最大支持 1000 笔（即“#”字符出现的最大数量 999个）。
    #[alipay(label = "退款总笔数", custom = at_most_1000, example = "1")]
    pub batch_num: u32,
    /// 退款请求的明细数据。单笔数据集格式为：第一笔交易#第二笔交易#第三笔交易...#第 N 笔交易。其中每一笔交易按退交易、退分润、退子交易的组合来划分，有以下 4 种格式：交易退款数据集|分润退款数据集 1|分润退款数据集 2|...|分润退款数据集 N；交易退款数据集|分润退款数据集 1|分润退款数据集 2|...|分润退款数据集 N$$退子交易；交易退款数据集；交易退款数据集$$退子交易。交易退款数据集格式为：原付款支付宝交易号^退款总金额^退款理由。分润退款数据集格式为：转出人支付宝账号[原收到分润金额的账户]^转出人支付宝账号对应用户ID[2088开头16位纯数字]^转入人支付宝账号[原付出分润金额的账户]^转入人支付宝账号对应用户 ID^退款金额^退款理由。子交易退款数据集格式为：金额^退款理由。
    // The note's `[…]` are the document's brackets, not links.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[alipay(label = "单笔数据集", example = "2011011201037066^5.00^协商退款")]
    pub detail_data: Items<RefundDetail, '#'>,
    /// Y：可以使用冻结金额退款；N：不可使用冻结金额退款；如果不提供，则默认值为 N。
    #[alipay(label = "是否使用冻结金额退款")]
    pub use_freeze_amount: Option<UseFreezeAmount>,
    /// 结果返回类型：xml。xml：以 XML 格式返回执行结果。
    #[alipay(label = "申请结果返回类型")]
    pub return_type: Option<ReturnType>,
}

/// The asynchronous notification (服务器异步通知参数) of `refund_fastpay_by_platform_nopwd`:
/// `batch_refund_notify`, one result per item of the batch.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "refund_fastpay_by_platform_nopwd", kind = "notify")]
pub struct BatchRefundNopwdNotify {
    /// 通知发送的时间。格式为：yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "通知时间", ty = "Date")]
    pub notify_time: DateTime,
    /// 通知的类型。
    #[alipay(label = "通知类型", ty = "String", example = "batch_refund_notify")]
    pub notify_type: String,
    /// 通知校验 ID
    #[alipay(label = "通知校验 ID", ty = "String")]
    pub notify_id: String,
    /// 原请求退款批次号。
    #[alipay(label = "退款批次号")]
    pub batch_no: String,
    /// 退交易成功的笔数。0<= success_num<=batch_num
    #[alipay(label = "退款成功总数")]
    pub success_num: u32,
    /// 处理结果详情。格式为：原付款支付宝交易号^退款总金额^处理结果码。交易退款数据集$收费退款数据集|分润退款数据集|分润退款数据集|...|分润退款数据集$$退子交易
    #[alipay(
        label = "处理结果详情",
        example = "2010031206252779^10.00^NOT_THIS_PARTNERS_TRADE"
    )]
    pub result_details: Items<RefundResult, '#'>,
    /// 格式：解冻结订单号^冻结订单号^解冻结金额^交易号^处理时间^状态^描述码
    #[alipay(label = "解冻结果明细")]
    pub unfreezed_details: Option<String>,
}

/// The error codes of `refund_fastpay_by_platform_nopwd`, in the order of its error table.
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
    CodeSpec::new("ILLEGAL_SERVICE", "Service参数不正确"),
    CodeSpec::new("ILLEGAL_USER", "用户ID不正确")
        .kind(ErrorKind::Caller)
        .meaning("The user id is wrong.")
        .advice("Check seller_user_id / seller_email: they must name the partner's own Alipay account."),
    CodeSpec::new("ILLEGAL_PARTNER", "合作伙伴ID不正确"),
    CodeSpec::new("ILLEGAL_EXTERFACE", "接口配置不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The service's configuration on Alipay's side is wrong.")
        .advice("Ask Alipay support to check that refund_fastpay_by_platform_pwd is configured for the partner."),
    CodeSpec::new("ILLEGAL_PARTNER_EXTERFACE", "合作伙伴接口信息不正确"),
    CodeSpec::new("ILLEGAL_SECURITY_PROFILE", "未找到匹配的密钥配置")
        .kind(ErrorKind::Configuration)
        .meaning("No key is configured for the partner and this sign_type.")
        .advice("Use the sign_type whose key is set up on the contract, or have that key configured."),
    CodeSpec::new("ILLEGAL_AGENT", "代理ID不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The agent id is wrong.")
        .advice("Check the agent id configured with the partner; send none unless Alipay issued one."),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "签名类型不正确"),
    CodeSpec::new("ILLEGAL_CHARSET", "字符集不合法"),
    CodeSpec::new("ILLEGAL_CLIENT_IP", "客户端IP地址无权访问服务")
        .kind(ErrorKind::Configuration)
        .meaning("The calling server's IP address may not use the service.")
        .advice("Call from an address on the partner's IP allow-list, or have the address added."),
    CodeSpec::new("HAS_NO_PRIVILEGE", "无权访问"),
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
    CodeSpec::new("ILLEGAL_ENCODING", "不支持该编码类型"),
    CodeSpec::new("ILLEGAL_REQUEST_REFERER", "防钓鱼检查不支持该请求来源")
        .kind(ErrorKind::Configuration)
        .meaning("The anti-phishing check refused the request's origin (Referer).")
        .advice("Check the anti-phishing settings of the contract, or send the page from the registered site."),
    CodeSpec::new("ILLEGAL_ANTI_PHISHING_KEY", "防钓鱼检查非法时间戳参数"),
    CodeSpec::new("ANTI_PHISHING_KEY_TIMEOUT", "防钓鱼检查时间戳超时"),
    CodeSpec::new("ILLEGAL_EXTER_INVOKE_IP", "防钓鱼检查非法调用IP"),
    CodeSpec::new("BATCH_NUM_EXCEED_LIMIT", "总笔数大于1000")
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
    CodeSpec::new("DUBL_ROYALTY_IN_DETAIL", "同一条明细中存在两条转入转出账户相同的分润信息")
        .kind(ErrorKind::Caller)
        .meaning("One item holds two royalty refunds between the same accounts.")
        .advice("Merge them into one royalty part per pair of accounts."),
    CodeSpec::new("BATCH_NUM_NOT_EQUAL_TOTAL", "传入的退款条数不等于数据集解析出的退款条数")
        .kind(ErrorKind::Caller)
        .meaning("batch_num differs from the number of items detail_data holds.")
        .advice("Send the number of #-separated items of detail_data as batch_num."),
    CodeSpec::new("SINGLE_DETAIL_DATA_EXCEED_LIMIT", "单笔退款明细超出限制")
        .kind(ErrorKind::Caller)
        .meaning("An item of detail_data is over the allowed size.")
        .advice("Shorten the item's reason."),
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
    CodeSpec::new("SELLER_NOT_SIGN_PROTOCOL", "卖家未签署协议")
        .kind(ErrorKind::Configuration)
        .meaning("The seller has not signed the agreement.")
        .advice("Have the seller sign the agreement for this service."),
    CodeSpec::new("INVALID_CHARACTER_SET", "字符集无效")
        .kind(ErrorKind::Caller)
        .meaning("The character set is not valid.")
        .advice("Send _input_charset as utf-8, gbk or gb2312."),
    CodeSpec::new("ACCOUNT_NOT_EXISTS", "账号不存在")
        .kind(ErrorKind::Caller)
        .meaning("An account of the request does not exist.")
        .advice("Check the accounts of the royalty parts."),
    CodeSpec::new("EMAIL_USERID_NOT_MATCH", "Email和用户ID不匹配")
        .kind(ErrorKind::Caller)
        .meaning("An account and its user id do not match.")
        .advice("Send the user id (2088…) that belongs to the account."),
    CodeSpec::new("REFUND_ROYALTY_FEE_ERROR", "退分润金额不合法")
        .kind(ErrorKind::Caller)
        .meaning("A royalty refund amount is not valid.")
        .advice("Refund at most the royalty paid."),
    CodeSpec::new("ROYALTYER_NOT_SIGN_PROTOCOL", "分润方未签署三方协议")
        .kind(ErrorKind::Configuration)
        .meaning("A royalty party has not signed the three-party agreement.")
        .advice("Have the royalty party sign the agreement."),
    CodeSpec::new("RESULT_AMOUNT_NOT_VALID", "退收费、退分润或者退款的金额错误")
        .kind(ErrorKind::Caller)
        .meaning("The refund amount is not reasonable (a result of an item in the notification), usually more than the trade's amount.")
        .advice("Check the item's amount against the trade and refund again in a new batch."),
    CodeSpec::new("REASON_REFUND_ROYALTY_ERROR", "退分润错误")
        .kind(ErrorKind::Caller)
        .meaning("Refunding a royalty failed (a result of an item in the notification).")
        .advice("Check the royalty part and refund it again in a new batch."),
    CodeSpec::new("TRADE_NOT_EXISTS", "交易不存在")
        .kind(ErrorKind::Caller)
        .meaning("A trade of detail_data does not exist.")
        .advice("Check the trade number (Alipay's trade_no, not out_trade_no)."),
    CodeSpec::new("WHOLE_DETAIL_FORBID_REFUND", "整条退款明细都禁止退款")
        .kind(ErrorKind::Caller)
        .meaning("The whole item may not be refunded.")
        .advice("Query the trade; contact Alipay support."),
    CodeSpec::new("TRADE_HAS_CLOSED", "交易已关闭，不允许退款")
        .kind(ErrorKind::QueryTradeState)
        .meaning("The trade is closed: no refund.")
        .advice("Query the trade: a fully refunded trade is closed; do not refund it again."),
    CodeSpec::new("TRADE_HAS_FINISHED", "交易已结束，不允许退款")
        .kind(ErrorKind::QueryTradeState)
        .meaning("The trade is finished: no refund.")
        .advice("Query the trade; a finished trade is no longer refunded by this service."),
    CodeSpec::new("NO_REFUND_CHARGE_PRIVILEDGE", "没有退收费的权限")
        .kind(ErrorKind::Configuration)
        .meaning("The partner may not refund the fee.")
        .advice("Leave the fee part out, or have the permission added to the contract."),
    CodeSpec::new("RESULT_BATCH_NO_FORMAT_ERROR", "批次号格式错误")
        .kind(ErrorKind::Caller)
        .meaning("batch_no is not in its format (a result in the notification).")
        .advice("Build batch_no as today's date yyyyMMdd and a 3–24 character sequence."),
    CodeSpec::new("BATCH_MEMO_LENGTH_EXCEED_LIMIT", "备注长度超过256字节")
        .kind(ErrorKind::Caller)
        .meaning("A reason (备注) is longer than 256 bytes.")
        .advice("Shorten the reason to at most 256 bytes."),
    CodeSpec::new("REFUND_CHARGE_FEE_GREATER_THAN_LIMIT", "退收费金额超过限制")
        .kind(ErrorKind::Caller)
        .meaning("The fee refund is over its limit.")
        .advice("Refund at most the fee charged."),
    CodeSpec::new("REFUND_TRADE_FEE_ERROR", "退交易金额不合法")
        .kind(ErrorKind::Caller)
        .meaning("The trade's refund amount differs from its paid amount (a result of an item in the notification).")
        .advice("Check the item's amount against the trade."),
    CodeSpec::new("SELLER_STATUS_NOT_ALLOW", "卖家状态不正常")
        .kind(ErrorKind::Caller)
        .meaning("The seller's account status does not allow the refund.")
        .advice("Contact Alipay support about the seller's account."),
    CodeSpec::new("SINGLE_DETAIL_DATA_ENCODING_NOT_SUPPORT", "单条数据集编码集不支持")
        .kind(ErrorKind::Caller)
        .meaning("An item's encoding is not supported.")
        .advice("Send the request in utf-8 or gbk and keep the item's text in that charset."),
    CodeSpec::new("TXN_RESULT_ACCOUNT_STATUS_NOT_VALID", "卖家账户状态无效或被冻结")
        .kind(ErrorKind::Caller)
        .meaning("An account's status does not allow the refund (a result of an item in the notification).")
        .advice("Contact Alipay support about the account."),
    CodeSpec::new("TXN_RESULT_ACCOUNT_BALANCE_NOT_ENOUGH", "卖家账户余额不足")
        .kind(ErrorKind::Caller)
        .meaning("The seller's balance is not enough for the refund (a result of an item in the notification).")
        .advice("Top up the seller's account and refund again in a new batch."),
    CodeSpec::new("CA_USER_NOT_USE_CA", "数字证书用户但未使用数字证书登录")
        .kind(ErrorKind::Configuration)
        .meaning("The seller uses a digital certificate but did not log in with it.")
        .advice("Use the account's digital certificate."),
    CodeSpec::new("BATCH_REFUND_LOCK_ERROR", "同一时间不允许进行多笔并发退款")
        .kind(ErrorKind::Retry)
        .meaning("Another refund of the same trade ran at the same time (a result of an item in the notification).")
        .advice("Refund the item again later in a new batch, one refund of a trade at a time."),
    CodeSpec::new("REFUND_SUBTRADE_FEE_ERROR", "退子交易金额不合法")
        .kind(ErrorKind::Caller)
        .meaning("A sub-trade refund amount is not valid.")
        .advice("Check the sub-trade part's amount."),
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
    CodeSpec::new("DUP_ROYALTY_REFUND_ITEM", "重复的退分润条目")
        .kind(ErrorKind::Caller)
        .meaning("A royalty refund appears twice.")
        .advice("Send each royalty part once."),
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
    CodeSpec::new("REASON_REFUND_AMOUNT_LESS_THAN_COUPON_FEE", "红包无法部分退款")
        .kind(ErrorKind::Caller)
        .meaning("A trade paid with a red packet (coupon) cannot be refunded in part.")
        .advice("Refund the whole trade, or contact Alipay support."),
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
    CodeSpec::new("REFUND_FAIL", "退款失败")
        .kind(ErrorKind::Caller)
        .meaning("The refund failed (only seen when Alipay restores data after an incident).")
        .advice("Contact Alipay support."),
    CodeSpec::new("SELLER_CONFLICT", "因商户账户手机登录号被释放，暂无法收付款。为保障资金安全，建议修改账户名。")
        .kind(ErrorKind::Configuration)
        .meaning("The seller's phone login was released: the account cannot receive or pay.")
        .advice("Change the seller account's name (Alipay's advice), then refund."),
    CodeSpec::new("ROYALTY_RECEIVE_EMAIL_CONFLICT", "因分润收款账户手机登录号被释放，无法进行收付款。为了保障资金安全，建议修改账户名。")
        .kind(ErrorKind::Configuration)
        .meaning("The royalty receiving account's phone login was released.")
        .advice("Have the account's name changed (Alipay's advice)."),
    CodeSpec::new("ROYALTY_PAY_EMAIL_CONFLICT", "因分润付款账户手机登录号被释放，无法进行收付款。为了保障资金安全，建议修改账户名。")
        .kind(ErrorKind::Configuration)
        .meaning("The royalty paying account's phone login was released.")
        .advice("Have the account's name changed (Alipay's advice)."),
    CodeSpec::new("TRADE_PRODUCT_NOT_ALLOW_REFUND", "交易产品不允许退款")
        .kind(ErrorKind::Caller)
        .meaning("The trade's product does not allow a refund.")
        .advice("Such trades are not refunded by this service; contact Alipay support."),
    CodeSpec::new("BUYER_ERROR", "因买家支付宝账户问题不允许退款")
        .kind(ErrorKind::Caller)
        .meaning("The buyer's Alipay account does not allow the refund.")
        .advice("Contact Alipay support."),
];
