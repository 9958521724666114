//! `account.page.query` (账务明细分页查询接口): page through the partner's account log (账务明细),
//! one page of records per call: every payment, refund, transfer, fee, top-up and withdrawal that
//! moved money on the account, with the balance after it.
//!
//! Declared from `specs/account.page.query.toml`. Alipay never published this document (it is
//! handed out with the contract); the request table and the error table come from transcriptions
//! in public code, the answer's shape from a real answer in a maintained SDK's tests, and the
//! record's children from field lists that agree on names and order but give no types. The file
//! cites them and says where they are silent.
//!
//! The answer is `<account_page_query_result>` ([`AccountPageQueryResult`]): `account_log_list`
//! holds the page's `<AccountQueryAccountLogVO>` records ([`AccountLog`], read as
//! [`Records`]), `has_next_page` says whether to ask for `page_no + 1`. Alipay signs the answer
//! over `account_log_list`'s whole XML fragment (its own tags included, empty elements expanded),
//! not over the records' values; the envelope parser keeps the fragment in that form, so the
//! signature is checked as for any answer.
//!
//! The request's times are `yyyy-MM-dd HH:mm:ss` in Beijing time, the range is `[start, end)`,
//! at most one day long, not after now, not more than three years back. Those rules depend on the
//! gateway's clock and are Alipay's to check (its codes `ILLEGAL_DATE_TOO_LONG`,
//! `START_DATE_AFTER_NOW`, …); this declaration checks the format and, before sending, that both
//! times are given unless one of the four ids is. The record's children have no type column in
//! any source: amounts of money are read as [`Amount`] (every answer seen has them in yuan), the
//! time as [`DateTime`], everything else as text, every child optional.
//!
//! Repeating a query is safe (`idempotent`).

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, DateTime, Records};
use alipay_core::{Request, Response};

alipay_core::wire_enum! {
    /// 是否有下一页 (`has_next_page`).
    pub enum HasNextPage {
        /// `T`: there is a next page; ask for `page_no + 1`.
        T = "T",
        /// `F`: this is the last page.
        F = "F",
    }
}

/// `page_no` and `page_size` are positive.
fn positive(n: &u32) -> Result<(), &'static str> {
    if *n > 0 {
        Ok(())
    } else {
        Err("must be a positive whole number")
    }
}

/// `iw_account_log_id` is a positive number (the code `ILLEGAL_ACCOUNT_LOG_ID`:
/// 账务流水必须为数字且大于0).
fn log_id_digits(id: &str) -> Result<(), &'static str> {
    if id.bytes().all(|b| b.is_ascii_digit()) && id.bytes().any(|b| b != b'0') {
        Ok(())
    } else {
        Err("must be a positive number in digits")
    }
}

/// The request of `account.page.query` (账务明细分页查询接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "account.page.query",
    response = AccountPageQueryResult,
    method = POST,
    error_codes = ERROR_CODES,
    idempotent, // a query changes nothing
    one_of(gmt_start_time, iw_account_log_id, trade_no, merchant_out_order_no, deposit_bank_no),
    one_of(gmt_end_time, iw_account_log_id, trade_no, merchant_out_order_no, deposit_bank_no)
)]
pub struct AccountPageQuery {
    /// 查询页号。必须是正整数。
    #[alipay(label = "查询页号", ty = "String", custom = positive, example = "1")]
    pub page_no: u32,
    /// 账务查询开始时间。格式为yyyy-MM-dd HH:mm:ss。开始时间不能大于当前时间和查询结束时间，并且与账务查询结束时间的间隔不能大于1天。开始时间最早为当前时间前3年。当查询条件含有账务流水号、支付宝交易号、商户订单号、充值网银流水号中任意一个时，本参数可空，否则不可空。查询结果数据包含该时间点数据。
    #[alipay(
        label = "账务查询开始时间",
        ty = "String",
        example = "2010-09-25 00:00:00"
    )]
    pub gmt_start_time: Option<DateTime>,
    /// 账务查询结束时间。格式为yyyy-MM-dd HH:mm:ss。结束时间不能小于账务查询开始时间，并且与账务查询开始时间的间隔不能大于1天。当查询条件含有账务流水号、支付宝交易号、商户订单号、充值网银流水号中任意一个时，本参数可空，否则不可空。查询结果数据不包含该时间点数据。
    #[alipay(
        label = "账务查询结束时间",
        ty = "String",
        example = "2010-09-26 00:00:00"
    )]
    pub gmt_end_time: Option<DateTime>,
    /// 查询的收款账户，需要联系支付宝绑定与商户PID的对应关系。若为空，表示查PID所属交易。
    #[alipay(label = "交易收款账户", ty = "String", example = "air001@alitest.com")]
    pub logon_id: Option<String>,
    /// 业务流水号字段对于交易数据为交易号，对于转账、充值、提现等资金操作，此处为业务流水号。当查询条件含有账务流水号、业务流水号、商户订单号、充值网银流水号中任意一个时，账务查询开始时间和账务查询结束时间无效。查询优先级如下：账务流水号>业务流水号>商户订单号>充值网银流水号。当存在优先级高的参数时，优先级低的参数无效。
    #[alipay(
        label = "账务流水号",
        ty = "String(16)",
        custom = log_id_digits,
        example = "340005462320"
    )]
    pub iw_account_log_id: Option<String>,
    /// 业务流水号
    #[alipay(label = "业务流水号", ty = "String(64)", example = "2012050726014177")]
    pub trade_no: Option<String>,
    /// 商户订单号
    #[alipay(
        label = "商户订单号",
        ty = "String(128)",
        example = "201205131708360139"
    )]
    pub merchant_out_order_no: Option<String>,
    /// 充值网银流水号
    #[alipay(
        label = "充值网银流水号",
        ty = "String(128)",
        example = "2012145258965236"
    )]
    pub deposit_bank_no: Option<String>,
    /// 每页记录数。小于等于5000的正整数。为空或者大于5000时，默认为5000。
    #[alipay(label = "分页大小", ty = "String", custom = positive, example = "1")]
    pub page_size: Option<u32>,
    /// 交易类型代码，参见“7.3 交易类型代码”。多个交易类型代码之间以半角逗号“,”分隔。
    #[alipay(label = "交易类型代码", ty = "String", example = "6001")]
    pub trans_code: Option<String>,
}

/// The `<account_page_query_result>` payload of a successful `account.page.query` response.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "account_page_query_result")]
pub struct AccountPageQueryResult {
    /// 账务明细列表
    #[alipay(label = "账务明细列表")]
    pub account_log_list: Option<Records<AccountLog>>,
    /// 是否有下一页
    #[alipay(label = "是否有下一页", example = "F")]
    pub has_next_page: HasNextPage,
    /// 当前页号
    #[alipay(label = "当前页号", example = "1")]
    pub page_no: Option<u32>,
    /// 分页大小
    #[alipay(label = "分页大小", example = "5000")]
    pub page_size: Option<u32>,
}

/// One `<AccountQueryAccountLogVO>` record of `account.page.query`'s `account_log_list`.
#[derive(Clone, Debug, PartialEq, Eq, Response)]
#[alipay(element = "AccountQueryAccountLogVO")]
pub struct AccountLog {
    /// 余额
    #[alipay(label = "余额", example = "21640857.99")]
    pub balance: Option<Amount>,
    /// 收入金额
    #[alipay(label = "收入金额", example = "0.00")]
    pub income: Option<Amount>,
    /// 支出金额
    #[alipay(label = "支出金额", example = "500.00")]
    pub outcome: Option<Amount>,
    /// 交易付款时间
    #[alipay(label = "交易付款时间", example = "2010-09-25 17:27:30")]
    pub trans_date: Option<DateTime>,
    /// 子业务类型
    #[alipay(label = "子业务类型", example = "冻结余额")]
    pub sub_trans_code_msg: Option<String>,
    /// 业务类型
    #[alipay(label = "业务类型", example = "转账")]
    pub trans_code_msg: Option<String>,
    /// 商户订单号
    #[alipay(label = "商户订单号", example = "8914444063140954")]
    pub merchant_out_order_no: Option<String>,
    /// 订单号
    #[alipay(label = "订单号", example = "2012050726014177")]
    pub trans_out_order_no: Option<String>,
    /// 银行名称
    #[alipay(label = "银行名称", example = "中国工商银行")]
    pub bank_name: Option<String>,
    /// 银行账号
    #[alipay(label = "银行账号", example = "6228098765432109877")]
    pub bank_account_no: Option<String>,
    /// 银行账户名字
    #[alipay(label = "银行账户名字", example = "张三")]
    pub bank_account_name: Option<String>,
    /// 备注
    #[alipay(label = "备注", example = "交易付款")]
    pub memo: Option<String>,
    /// 买家支付宝人民币资金账号
    #[alipay(label = "买家支付宝人民币资金账号", example = "20881010118937730156")]
    pub buyer_account: Option<String>,
    /// 卖家支付宝人民币资金账号
    #[alipay(label = "卖家支付宝人民币资金账号", example = "20881010118937520156")]
    pub seller_account: Option<String>,
    /// 卖家姓名
    #[alipay(label = "卖家姓名", example = "xx商户")]
    pub seller_fullname: Option<String>,
    /// 货币代码
    #[alipay(label = "货币代码", example = "156")]
    pub currency: Option<String>,
    /// 充值网银流水号
    #[alipay(label = "充值网银流水号", example = "1407872714662639")]
    pub deposit_bank_no: Option<String>,
    /// 商品名称
    #[alipay(label = "商品名称", example = "商品１")]
    pub goods_title: Option<String>,
    /// 账务序列号
    #[alipay(label = "账务序列号", example = "340005462311")]
    pub iw_account_log_id: Option<String>,
    /// 账务本方支付宝人民币资金账号
    #[alipay(
        label = "账务本方支付宝人民币资金账号",
        example = "20881010118937220156"
    )]
    pub trans_account: Option<String>,
    /// 账务对方邮箱
    #[alipay(label = "账务对方邮箱", example = "other@alipay.com")]
    pub other_account_email: Option<String>,
    /// 账务对方全称
    #[alipay(label = "账务对方全称", example = "xx公司")]
    pub other_account_fullname: Option<String>,
    /// 账务对方支付宝用户号
    #[alipay(label = "账务对方支付宝用户号", example = "2088001368431897")]
    pub other_user_id: Option<String>,
    /// 合作者身份ID
    #[alipay(label = "合作者身份ID", example = "2088101118137074")]
    pub partner_id: Option<String>,
    /// 交易服务费
    #[alipay(label = "交易服务费", example = "1.00")]
    pub service_fee: Option<Amount>,
    /// 交易服务费率
    #[alipay(label = "交易服务费率", example = "0.02")]
    pub service_fee_ratio: Option<String>,
    /// 交易总金额
    #[alipay(label = "交易总金额", example = "30.00")]
    pub total_fee: Option<Amount>,
    /// 支付宝交易号
    #[alipay(label = "支付宝交易号", example = "2012050726014177")]
    pub trade_no: Option<String>,
    /// 累积退款金额
    #[alipay(label = "累积退款金额", example = "1.00")]
    pub trade_refund_amount: Option<Amount>,
    /// 签约产品
    #[alipay(label = "签约产品", example = "高级即时到账")]
    pub sign_product_name: Option<String>,
    /// 费率
    #[alipay(label = "费率", example = "0.003")]
    pub rate: Option<String>,
    /// 拓展字段
    #[alipay(label = "拓展字段")]
    pub ext_info: Option<String>,
}

/// The error codes of `account.page.query`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("REQUIRED_DATE", "起始和结束时间不能为空")
        .kind(ErrorKind::Caller)
        .meaning("gmt_start_time or gmt_end_time is missing and no id (iw_account_log_id, trade_no, merchant_out_order_no, deposit_bank_no) was given.")
        .advice("Send both times, yyyy-MM-dd HH:mm:ss, or query by one of the ids."),
    CodeSpec::new("ILLEGAL_DATE_FORMAT", "起始和结束时间格式不正确")
        .kind(ErrorKind::Caller)
        .meaning("A time is not yyyy-MM-dd HH:mm:ss.")
        .advice("Send both times as yyyy-MM-dd HH:mm:ss (Beijing time)."),
    CodeSpec::new("ILLEGAL_DATE_TOO_LONG", "起始和结束时间间隔超过最大间隔")
        .kind(ErrorKind::Caller)
        .meaning("The time range is longer than the most allowed (one day).")
        .advice("Query at most one day per request: split a longer period into days."),
    CodeSpec::new("START_DATE_AFTER_NOW", "起始时间大于当前时间")
        .kind(ErrorKind::Caller)
        .meaning("gmt_start_time is after the current time.")
        .advice("Send a start time in the past; check the server's clock and that the time is Beijing time."),
    CodeSpec::new("START_DATE_AFTER_END_DATE", "起始时间大于结束时间")
        .kind(ErrorKind::Caller)
        .meaning("gmt_start_time is after gmt_end_time.")
        .advice("Swap the times: the range is [gmt_start_time, gmt_end_time)."),
    CodeSpec::new("ILLEGAL_PAGE_NO", "当前页码必须为数据且必须大于0")
        .kind(ErrorKind::Caller)
        .meaning("page_no is not a positive number.")
        .advice("Start at page 1 and add 1 while has_next_page is T."),
    CodeSpec::new("START_DATE_OUT_OF_RANGE", "查询时间超出范围")
        .kind(ErrorKind::Caller)
        .meaning("The time range is out of the allowed range: more than three years back.")
        .advice("Query at most three years back."),
    CodeSpec::new("ILLEGAL_PAGE_SIZE", "分页大小必须为数字且大于0")
        .kind(ErrorKind::Caller)
        .meaning("page_size is not a positive number.")
        .advice("Send a page size from 1 to 5000, or none for 5000."),
    CodeSpec::new("ILLEGAL_ACCOUNT_LOG_ID", "账务流水必须为数字且大于0")
        .kind(ErrorKind::Caller)
        .meaning("iw_account_log_id is not a positive number.")
        .advice("Send the account log id as digits, as a record's iw_account_log_id gives it."),
    CodeSpec::new("TOO_MANY_QUERY", "当前查询量太多")
        .kind(ErrorKind::Retry)
        .meaning("Too many queries at once.")
        .advice("Wait and query again, more slowly; the document gives no rate."),
    CodeSpec::new("ACCOUNT_NOT_EXIST", "要查询的用户不存在")
        .kind(ErrorKind::Caller)
        .meaning("The account to query (logon_id) does not exist.")
        .advice("Check logon_id, or leave it out to query the partner's own account."),
    CodeSpec::new("ACCESS_ACCOUNT_DENIED", "无权查询该账户的账务明细")
        .kind(ErrorKind::Configuration)
        .meaning("The partner may not query this account's log.")
        .advice("Have Alipay bind the account (logon_id) to the partner's PID, or query the partner's own account."),
    CodeSpec::new("SYSTEM_BUSY", "系统繁忙")
        .kind(ErrorKind::Retry)
        .meaning("Alipay's system is busy.")
        .advice("Query again later."),
    CodeSpec::new("ILLEGAL_SIGN", "签名不正确"),
    CodeSpec::new("ILLEGAL_ARGUMENT", "参数不正确"),
    CodeSpec::new("ILLEGAL_SERVICE", "非法服务名称"),
    CodeSpec::new("ILLEGAL_USER", "用户ID不正确")
        .kind(ErrorKind::Caller)
        .meaning("The user id is wrong.")
        .advice("Check partner and logon_id."),
    CodeSpec::new("ILLEGAL_PARTNER", "合作伙伴信息不正确"),
    CodeSpec::new("ILLEGAL_EXTERFACE", "接口配置不正确")
        .kind(ErrorKind::Configuration)
        .meaning("The service's configuration on Alipay's side is wrong.")
        .advice("Ask Alipay support to check that account.page.query is configured for the partner (it is opened on request)."),
    CodeSpec::new("ILLEGAL_PARTNER_EXTERFACE", "合作伙伴接口信息不正确"),
    CodeSpec::new("ILLEGAL_SECURITY_PROFILE", "未找到匹配的密钥配置")
        .kind(ErrorKind::Configuration)
        .meaning("No key is configured for the partner and this sign_type.")
        .advice("Use the sign_type whose key is set up on the contract, or have that key configured."),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "签名类型不正确"),
    CodeSpec::new("ILLEGAL_CHARSET", "字符集不合法"),
    CodeSpec::new("ILLEGAL_CLIENT_IP", "客户端IP地址无权访问服务")
        .kind(ErrorKind::Configuration)
        .meaning("The calling server's IP address may not use the service.")
        .advice("Call from an address on the partner's IP allow-list, or have the address added."),
    CodeSpec::new("HAS_NO_PRIVILEGE", "未开通此接口权限"),
    CodeSpec::new(
        "USER_DATA_MIGRATE_ERROR",
        "用户的数据未迁移或者迁移状态未完成",
    )
    .kind(ErrorKind::Retry)
    .meaning("The user's data has not been migrated, or its migration has not finished.")
    .advice("Query again later; contact Alipay support if it lasts."),
    CodeSpec::new("ILLEGAL_TRANS_CODE", "非法账务类别码")
        .kind(ErrorKind::Caller)
        .meaning("trans_code holds a code that is not a transaction type code.")
        .advice("Send codes of the document's list (3011, 3012, 4003, 5004, 5103, 6001) joined by commas, or none."),
    CodeSpec::new("ACCOUNT_RELEASED", "账号ID非唯一，查询失败，请改用UID查询")
        .kind(ErrorKind::Caller)
        .meaning("The account id is not unique: the query failed.")
        .advice("Query by the user id (UID, 2088…) instead of the logon id."),
    CodeSpec::new("SYSTEM_ERROR", "支付宝系统错误"),
    CodeSpec::new("SESSION_TIMEOUT", "session超时"),
    CodeSpec::new("ILLEGAL_TARGET_SERVICE", "错误的target_service")
        .kind(ErrorKind::Configuration)
        .meaning("The target service is wrong.")
        .advice("Check the service name; contact Alipay support if it is right."),
    CodeSpec::new(
        "ILLEGAL_ACCESS_SWITCH_SYSTEM",
        "partner不允许访问该类型的系统",
    )
    .kind(ErrorKind::Configuration)
    .meaning("The partner may not use this kind of system.")
    .advice("Contact Alipay support."),
    CodeSpec::new("ILLEGAL_SWITCH_SYSTEM", "切换系统异常")
        .kind(ErrorKind::Retry)
        .meaning("Switching systems failed on Alipay's side.")
        .advice("Query again later; contact Alipay support if it lasts."),
    CodeSpec::new("ILLEGAL_ENCODING", "不支持该编码类型"),
    CodeSpec::new("EXTERFACE_IS_CLOSED", "接口已关闭")
        .kind(ErrorKind::Configuration)
        .meaning("The service is closed for the partner.")
        .advice("Contact Alipay support to have the service opened on the contract."),
];
