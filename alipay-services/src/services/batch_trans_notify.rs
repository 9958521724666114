//! `batch_trans_notify` (批量付款到支付宝账户有密接口): pay many Alipay accounts from the partner's
//! account in one batch. A page service: the payer's browser carries the batch to Alipay, where
//! the payer confirms it with the payment password; the outcome comes to `notify_url` as the
//! `batch_trans_notify` notification ([`BatchTransNotifyNotify`]): the paid items in
//! `success_details`, the failed ones, each with its reason, in `fail_details`.
//!
//! Declared from `specs/batch_trans_notify.toml`: Alipay's document v1.0 (2011-01-07) for the
//! tables, its older 2009 document for the rules and the error table, and later codes from
//! third-party transcriptions (the file cites each and says where they disagree), scaffolded with
//! `alipay spec scaffold`, then refined:
//! - `detail_data` is [`Items`] of [`PayoutDetail`] (`serial^account^name^amount^remark`, joined by
//!   `|`); `count(batch_num = detail_data)` and `total(batch_fee = detail_data.amount)` hold the
//!   stated count and sum to the items, and a batch has at most 1000 items.
//! - `batch_no` is 11 to 32 letters and digits (the later document's rule; the older documents'
//!   "today's date and a 3–16 digit sequence" fits it). `pay_date` is a date `yyyyMMdd`; that it is
//!   today is Alipay's to check.
//! - The result lists are [`Items`] of [`PayoutResult`], each item followed by `|` as Alipay writes
//!   them (`…^20081024143652|`); a success's reason is empty in real notifications where the
//!   document prints `null`.
//! - The method is `GET`, as the official demo sends it.
//!
//! The examples are the document's: its sample states `batch_num=1000` and `batch_fee=20000` for
//! one item of 20.00, so `BatchTransNotify::example()` breaks the count and total rules, as the
//! document's sample does.
//!
//! Repeating a batch: `conflict = "BATCH_OUT_BIZ_NO_DUPLICATE"` (业务唯一校验失败): the later
//! document makes `batch_no` the key of idempotency, so a second submission is refused and the
//! first one's outcome is in its notification.

use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_core::types::{Amount, DateTime, HttpUrl, Items};
use alipay_core::{ListItem, Notification, Request};

/// One payment of `detail_data`: 流水号^收款方账号^收款账号姓名^付款金额^备注说明.
#[derive(Clone, Debug, PartialEq, Eq, ListItem)]
#[alipay(field_sep = '^', reserved = "^|")]
pub struct PayoutDetail {
    /// 流水号: the merchant's serial number of the item, unique in the batch.
    pub serial: String,
    /// 收款方账号: the receiving Alipay account (email or phone).
    pub account: String,
    /// 收款账号姓名: the receiver's real name, as registered with the account.
    pub name: String,
    /// 付款金额: the amount (yuan).
    pub amount: Amount,
    /// 备注说明: the remark.
    pub remark: String,
}

/// One item of `success_details` / `fail_details`:
/// 流水号^收款方账号^收款账号姓名^付款金额^标识^原因^支付宝内部流水号^完成时间, each followed by `|`.
#[derive(Clone, Debug, PartialEq, Eq, ListItem)]
#[alipay(field_sep = '^', reserved = "^|", terminated)]
pub struct PayoutResult {
    /// 流水号: the item's serial number.
    pub serial: String,
    /// 收款方账号: the receiving account.
    pub account: String,
    /// 收款账号姓名: the receiver's name.
    pub name: String,
    /// 付款金额: the amount.
    pub amount: Amount,
    /// 标识: `S` (paid) or `F` (failed).
    pub flag: String,
    /// 原因: empty (or `null`) for a success; the failure's code (`RECEIVE_USER_NOT_EXIST`, …).
    pub reason: String,
    /// 支付宝内部流水号: Alipay's number of the transfer.
    pub alipay_no: String,
    /// 完成时间: when it completed, `yyyyMMddHHmmss`.
    pub time: String,
}

impl PayoutResult {
    /// Whether the item was paid (`S`).
    pub fn is_success(&self) -> bool {
        self.flag == "S"
    }
}

/// `batch_no`: 11～32 位的数字或字母或数字与字母的组合.
fn batch_no_format(batch_no: &str) -> Result<(), &'static str> {
    if (11..=32).contains(&batch_no.len()) && batch_no.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err("must be 11 to 32 letters and digits (e.g. today's date and a sequence: 20080107001)")
    }
}

/// `pay_date`: a date `yyyyMMdd`.
fn pay_date_format(pay_date: &str) -> Result<(), &'static str> {
    if crate::rules::is_yyyymmdd(pay_date) {
        Ok(())
    } else {
        Err("must be the payment date yyyyMMdd (today), e.g. 20080107")
    }
}

/// `batch_num`: 最多 1000 笔.
fn at_most_1000(batch_num: &u32) -> Result<(), &'static str> {
    if (1..=1000).contains(batch_num) {
        Ok(())
    } else {
        Err("must be from 1 to 1000: a batch holds at most 1000 payments")
    }
}

/// Each item pays more than zero (the codes `AMOUNT_FORMAT_ERROR`, `RECEIVE_MONEY_ERROR`: 金额必须大于0).
fn pays_something(batch: &BatchTransNotify) -> Result<(), alipay_core::service::Violation> {
    crate::rules::items_pay_something("detail_data", batch.detail_data.items(), |i| i.amount)
}

/// The request of `batch_trans_notify` (批量付款到支付宝账户有密接口).
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(
    service = "batch_trans_notify",
    page,
    method = GET,
    error_codes = ERROR_CODES,
    conflict = "BATCH_OUT_BIZ_NO_DUPLICATE", // batch_no is the key of idempotency (module docs)
    one_of(email, buyer_account_name),
    count(batch_num = detail_data),
    total(batch_fee = detail_data.amount),
    custom = pays_something
)]
pub struct BatchTransNotify {
    /// 支付宝服务器主动通知商户网站里指定的页面 http 路径。
    #[alipay(
        label = "服务器异步通知页面路径",
        ty = "String",
        example = "http://www.test.com/notify/alipay/interface.htm"
    )]
    pub notify_url: Option<HttpUrl>,
    /// 付款方的支付宝账户名。
    #[alipay(label = "付款账号名", ty = "String", example = "maomao@alipay.com")]
    pub account_name: String,
    /// 付款的详细数据，最多支持 1000 笔。格式为：流水号 1^收款方账号 1^收款账号姓名 1^付款金额 1^备注说明 1|流水号 2^收款方账号 2^收款账号姓名 2^付款金额 2^备注说明 2。每条记录以“|”间隔。
    #[alipay(
        label = "付款详细数据",
        ty = "String",
        example = "0315006^testture0002@126.com^常炜买家^20.00^hello"
    )]
    pub detail_data: Items<PayoutDetail, '|'>,
    /// 批量付款批次号。
    #[alipay(
        label = "批量付款批次号",
        ty = "String",
        custom = batch_no_format,
        example = "20080107001"
    )]
    pub batch_no: String,
    /// 批量付款笔数（最多 1000 笔）。
    #[alipay(
        label = "付款总笔数",
        ty = "String",
        custom = at_most_1000,
        example = "1000"
    )]
    pub batch_num: u32,
    /// 付款文件中的总金额。
    #[alipay(label = "付款总金额", ty = "String", example = "20000")]
    pub batch_fee: Amount,
    /// 支付时间（必须为当前日期）。格式：YYYYMMDD
    #[alipay(
        label = "支付日期",
        ty = "String",
        custom = pay_date_format,
        example = "20080107"
    )]
    pub pay_date: String,
    /// 付款方的支付宝账号。
    #[alipay(label = "付款账号", ty = "String", example = "biz_932@alitest.com")]
    pub email: Option<String>,
    /// 同 email 参数，可以使用该参数名代替 email 输入参数；优先级大于 email。
    #[alipay(label = "付款账号别名", ty = "String", example = "maomao@alipay.com")]
    pub buyer_account_name: Option<String>,
    /// 用于商户的特定业务信息的传递，只有商户与支付宝约定了传递此参数且约定了参数含义，此参数才有效。
    #[alipay(label = "业务扩展参数", ty = "String")]
    pub extend_param: Option<String>,
}

/// The asynchronous notification (服务器异步通知参数) of `batch_trans_notify`: the paid and the
/// failed items.
#[derive(Clone, PartialEq, Eq, Notification)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[alipay(service = "batch_trans_notify", kind = "notify")]
pub struct BatchTransNotifyNotify {
    /// 通知的发送时间。格式 yyyy-MM-dd HH:mm:ss。
    #[alipay(label = "通知时间", ty = "Date", example = "2009-08-12 11:08:32")]
    pub notify_time: DateTime,
    /// 通知的类型。
    #[alipay(label = "通知类型", ty = "String", example = "batch_trans_notify")]
    pub notify_type: String,
    /// 支付宝通知校验 ID，商户可以用这个流水号询问支付宝该条通知的合法性。
    #[alipay(
        label = "通知校验 ID",
        ty = "String",
        example = "70fec0c2730b27528665af4517c27b95"
    )]
    pub notify_id: String,
    /// 转账批次号。
    #[alipay(label = "批次号", ty = "String", example = "20100101001")]
    pub batch_no: String,
    /// 付款的支付宝账号对应的支付宝唯一用户号。以 2088 开头的 16 位纯数字组成。
    #[alipay(label = "付款账号 ID", ty = "String", example = "2088002464631181")]
    pub pay_user_id: String,
    /// 付款账号姓名。
    #[alipay(label = "付款账号姓名", ty = "String", example = "毛毛")]
    pub pay_user_name: String,
    /// 付款账号。
    #[alipay(label = "付款账号", ty = "String", example = "20880024646311810156")]
    pub pay_account_no: String,
    /// 批量付款中成功付款的信息。格式为：流水号^收款方账号^收款账号姓名^付款金额^成功标识(S)^成功原因(null)^支付宝内部流水号^完成时间。每条记录以“|”间隔。
    #[alipay(
        label = "转账成功的详细信息",
        ty = "String",
        example = "0315001^gonglei1@handsome.com.cn^龚本林^20.00^S^null^200810248427067^20081024143652|"
    )]
    pub success_details: Option<Items<PayoutResult, '|'>>,
    /// 批量付款中未成功付款的信息。格式为：流水号^收款方账号^收款账号姓名^付款金额^失败标识(F)^失败原因^支付宝内部流水号^完成时间。每条记录以“|”间隔。
    #[alipay(
        label = "转账失败的详细信息",
        ty = "String",
        example = "0315006^xinjie_xj@163.com^星辰公司1^20.00^F^TXN_RESULT_TRANSFER_OUT_CAN_NOT_EQUAL_IN^200810248427065^20081024143651|"
    )]
    pub fail_details: Option<Items<PayoutResult, '|'>>,
}

/// The error codes of `batch_trans_notify`, in the order of its error table.
pub const ERROR_CODES: &[CodeSpec] = &[
    CodeSpec::new("USER_BLOCKED", "用户被冻结")
        .kind(ErrorKind::Caller)
        .meaning("The payer's account is frozen.")
        .advice("Contact Alipay support about the payer's account."),
    CodeSpec::new("USER_NOT_EXIST", "用户不存在")
        .kind(ErrorKind::Caller)
        .meaning("The payer's account does not exist.")
        .advice("Check email / buyer_account_name and account_name: they name the paying account."),
    CodeSpec::new("NOT_ENOUGH_AMOUNT", "用户余额不足")
        .kind(ErrorKind::Caller)
        .meaning("The payer's balance is less than the batch.")
        .advice("Top up the paying account, then pay the batch under a new batch_no."),
    CodeSpec::new("FREEZE_AMOUNT_FAIL", "冻结余额失败")
        .kind(ErrorKind::Retry)
        .meaning("Freezing the batch's amount failed.")
        .advice("Query the batch's outcome before paying again; contact Alipay support if it persists."),
    CodeSpec::new("FREEZE_ALREADY", "已经冻结，防止并发")
        .kind(ErrorKind::Caller)
        .meaning("The amount is frozen already: a concurrent submission of the batch.")
        .advice("Do not submit the batch twice; wait for its notification."),
    CodeSpec::new("REGISTER_TASK_FAIL", "注册任务失败")
        .kind(ErrorKind::Retry)
        .meaning("Registering the batch task failed.")
        .advice("Pay the batch again later; contact Alipay support if it persists."),
    CodeSpec::new("DEL_FAIL", "删除任务失败")
        .kind(ErrorKind::Retry)
        .meaning("Deleting the batch task failed.")
        .advice("Contact Alipay support."),
    CodeSpec::new("TOTAL_NUMS_LIMIT", "超过最大笔限制")
        .kind(ErrorKind::Caller)
        .meaning("The batch has more items than allowed (1000).")
        .advice("Split the payouts into batches of at most 1000 items."),
    CodeSpec::new("NOT_USING_CERT", "未使用证书")
        .kind(ErrorKind::Configuration)
        .meaning("The payer did not use the digital certificate.")
        .advice("Confirm the batch with the account's digital certificate installed."),
    CodeSpec::new("USER_PASS_ERROR", "密码错误")
        .kind(ErrorKind::Caller)
        .meaning("The payment password is wrong.")
        .advice("The payer enters the right payment password."),
    CodeSpec::new("CHECK_NOT_PASS", "没有通过手机动态口令检查")
        .kind(ErrorKind::Caller)
        .meaning("The phone's dynamic password check failed.")
        .advice("The payer passes the phone's dynamic password check."),
    CodeSpec::new("ILLEGAL_SIGN", "签名验证出错"),
    CodeSpec::new("ILLEGAL_ARGUMENT", "参数格式有问题"),
    CodeSpec::new("ILLEGAL_SERVICE", "无效接口名称"),
    CodeSpec::new("ILLEGAL_PARTNER", "无效合作伙伴 ID"),
    CodeSpec::new("ILLEGAL_SIGN_TYPE", "无效签名方式"),
    CodeSpec::new("ILLEGAL_CHARSET", "无效字符集"),
    CodeSpec::new("HAS_NO_PUBLICKEY", "没有上传公钥")
        .kind(ErrorKind::Configuration)
        .meaning("No public key is uploaded for the partner.")
        .advice("Upload the partner's public key, or sign with MD5."),
    CodeSpec::new("HAS_NO_PRIVILEGE", "没有权限访问该服务"),
    CodeSpec::new("SYSTEM_ERROR", "支付宝系统出错"),
    CodeSpec::new("RECEIVE_EMAIL_NAME_NOT_MATCH", "帐户和姓名不匹配")
        .kind(ErrorKind::Caller)
        .meaning("A receiving account and its name do not match.")
        .advice("Send the receiver's real name as registered with the account."),
    CodeSpec::new("TXN_RESULT_TRANSFER_OUT_CAN_NOT_EQUAL_IN", "")
        .kind(ErrorKind::Caller)
        .meaning("An item pays the paying account itself (a result of an item in the notification; no text in the sources).")
        .advice("Do not pay the payer's own account."),
    CodeSpec::new("EMAIL_ACCOUNT_LOCKED", "您暂时无法使用此功能，请立即补全您的认证信息")
        .kind(ErrorKind::Caller)
        .meaning("The payer cannot use the function until its identity information is complete.")
        .advice("Complete the paying account's certification."),
    CodeSpec::new("BATCH_OUT_BIZ_NO_DUPLICATE", "业务唯一校验失败")
        .kind(ErrorKind::Caller)
        .meaning("The batch number was used before: the batch was submitted already.")
        .advice("Do not submit the batch again: wait for its notification. A new batch needs a new batch_no."),
    CodeSpec::new("BATCH_OUT_BIZ_NO_LIMIT_ERROR", "抱歉，上传文件的批次号必须为11~32位的数字、字母或数字与字母的组合")
        .kind(ErrorKind::Caller)
        .meaning("batch_no is not 11 to 32 letters or digits.")
        .advice("Build batch_no of 11 to 32 letters and digits (today's date and a sequence fits)."),
    CodeSpec::new("AMOUNT_FORMAT_ERROR", "抱歉，您上传的文件中，第二行第五列的金额不正确。格式必须为半角的数字，最高精确到分，金额必须大于0")
        .kind(ErrorKind::Caller)
        .meaning("An amount is not a positive number with at most two decimals.")
        .advice("Write each amount as yuan with at most two decimals, above zero."),
    CodeSpec::new("PAYER_FORMAT_ERROR", "您上传的文件中付款账户格式错误")
        .kind(ErrorKind::Caller)
        .meaning("The paying account's format is wrong.")
        .advice("Send the payer's Alipay account (email or phone) in email / buyer_account_name."),
    CodeSpec::new("PAYER_IS_NULL", "抱歉，您上传的文件中付款账户不能为空")
        .kind(ErrorKind::Caller)
        .meaning("The paying account is empty.")
        .advice("Send email or buyer_account_name."),
    CodeSpec::new("FILE_CONTENT_NULL", "抱歉，您上传的文件内容不能为空")
        .kind(ErrorKind::Caller)
        .meaning("detail_data is empty.")
        .advice("Send at least one item."),
    CodeSpec::new("FILE_CONTENT_LIMIT", "抱歉，您上传的文件付款笔数超过了最大限制")
        .kind(ErrorKind::Caller)
        .meaning("The batch has more items than allowed.")
        .advice("Split the payouts into batches of at most 1000 items."),
    CodeSpec::new("PAYER_USERINFO_NOT_EXIST", "抱歉，您上传文件中的付款账户，与其所对应的账户信息不匹配或状态异常")
        .kind(ErrorKind::Caller)
        .meaning("The paying account does not match its information, or its status is abnormal.")
        .advice("Check email / buyer_account_name and account_name."),
    CodeSpec::new("DAILY_QUOTA_LIMIT_EXCEED", "日限额超限")
        .kind(ErrorKind::Caller)
        .meaning("The daily limit is exceeded (per item).")
        .advice("Pay the rest another day, or have the limit raised."),
    CodeSpec::new("FILE_SUMMARY_NOT_MATCH", "抱歉，您填入的信息与上传文件中的数据不一致")
        .kind(ErrorKind::Caller)
        .meaning("batch_num / batch_fee do not match the items.")
        .advice("Send the items' count as batch_num and their sum as batch_fee."),
    CodeSpec::new("ILLEGAL_CONTENT_FORMAT", "文件内容格式非法")
        .kind(ErrorKind::Caller)
        .meaning("detail_data is not in its format.")
        .advice("Write each item serial^account^name^amount^remark and join the items with |."),
    CodeSpec::new("DETAIL_OUT_BIZ_NO_REPEATE", "同一批次中商户流水号重复")
        .kind(ErrorKind::Caller)
        .meaning("Two items of the batch have the same serial number.")
        .advice("Give each item of a batch its own serial number."),
    CodeSpec::new("TOTAL_COUNT_NOT_MATCH", "总笔数与明细汇总笔数不一致")
        .kind(ErrorKind::Caller)
        .meaning("batch_num differs from the number of items.")
        .advice("Send the number of items as batch_num."),
    CodeSpec::new("TOTAL_AMOUNT_NOT_MATCH", "总金额与明细汇总金额不一致")
        .kind(ErrorKind::Caller)
        .meaning("batch_fee differs from the items' sum.")
        .advice("Send the sum of the items' amounts as batch_fee."),
    CodeSpec::new("PAYER_ACCOUNT_IS_RELEASED", "付款账户名与他人重复，无法进行收付款。为保障资金安全，建议及时修改账户名")
        .kind(ErrorKind::Configuration)
        .meaning("The paying account's name is taken by another user: it cannot pay.")
        .advice("Change the paying account's name (Alipay's advice)."),
    CodeSpec::new("PAYEE_ACCOUNT_IS_RELEASED", "收款账户名与他人重复，无法进行收付款")
        .kind(ErrorKind::Caller)
        .meaning("The receiving account's name is taken by another user: it cannot receive (per item).")
        .advice("Ask the receiver for a current account."),
    CodeSpec::new("USER_SERIAL_NO_ERROR", "商户流水号的长度不正确，不能为空或必须小于等于32个字符")
        .kind(ErrorKind::Caller)
        .meaning("An item's serial number is empty or longer than 32 characters.")
        .advice("Give each item a serial number of 1 to 32 characters."),
    CodeSpec::new("USER_SERIAL_NO_REPEATE", "同一批次中商户流水号重复")
        .kind(ErrorKind::Caller)
        .meaning("Two items of the batch have the same serial number.")
        .advice("Give each item of a batch its own serial number."),
    CodeSpec::new("RECEIVE_EMAIL_ERROR", "收款人EMAIL的长度不正确，不能为空或必须小于等于100个字符")
        .kind(ErrorKind::Caller)
        .meaning("An item's receiving account is empty or longer than 100 characters.")
        .advice("Send the receiving account (at most 100 characters)."),
    CodeSpec::new("RECEIVE_NAME_ERROR", "收款人姓名的长度不正确，不能为空或必须小于等于128个字符")
        .kind(ErrorKind::Caller)
        .meaning("An item's receiver name is empty or longer than 128 characters.")
        .advice("Send the receiver's name (at most 128 characters)."),
    CodeSpec::new("RECEIVE_REASON_ERROR", "付款理由的长度不正确，不能为空或必须小于等于100个字符")
        .kind(ErrorKind::Caller)
        .meaning("An item's remark is empty or longer than 100 characters.")
        .advice("Send a remark of at most 100 characters."),
    CodeSpec::new("RECEIVE_MONEY_ERROR", "收款金额格式必须为半角的数字，最高精确到分，金额必须大于0")
        .kind(ErrorKind::Caller)
        .meaning("An item's amount is not a positive number with at most two decimals.")
        .advice("Write the amount as yuan with at most two decimals, above zero."),
    CodeSpec::new("RECEIVE_ACCOUNT_ERROR", "收款账户有误或不存在")
        .kind(ErrorKind::Caller)
        .meaning("A receiving account is wrong or does not exist (per item).")
        .advice("Check the item's receiving account."),
    CodeSpec::new("RECEIVE_SINGLE_MONEY_ERROR", "收款金额超限")
        .kind(ErrorKind::Caller)
        .meaning("An item's amount is over the receiver's limit (per item).")
        .advice("Pay less to the receiver, or in several batches."),
    CodeSpec::new("LINE_LENGTH_ERROR", "流水列数不正确，流水必须等于5列")
        .kind(ErrorKind::Caller)
        .meaning("An item does not have 5 fields.")
        .advice("Write each item as serial^account^name^amount^remark."),
    CodeSpec::new("SYSTEM_DISUSE_FILE", "用户逾期15天未复核，批次失败")
        .kind(ErrorKind::Caller)
        .meaning("The payer did not confirm within 15 days: the batch failed.")
        .advice("Submit the batch again under a new batch_no and have the payer confirm it."),
    CodeSpec::new("MERCHANT_DISUSE_FILE", "用户复核不通过，批次失败")
        .kind(ErrorKind::Caller)
        .meaning("The payer refused the batch at review: the batch failed.")
        .advice("Correct the batch and submit it under a new batch_no."),
    CodeSpec::new("TRANSFER_AMOUNT_NOT_ENOUGH", "转账余额不足，批次失败")
        .kind(ErrorKind::Caller)
        .meaning("The payer's balance was not enough (per item).")
        .advice("Top up the paying account, then pay the failed items in a new batch."),
    CodeSpec::new("RECEIVE_USER_NOT_EXIST", "收款用户不存在")
        .kind(ErrorKind::Caller)
        .meaning("The receiving account does not exist (per item).")
        .advice("Check the item's receiving account."),
    CodeSpec::new("ILLEGAL_USER_STATUS", "用户状态不正确")
        .kind(ErrorKind::Caller)
        .meaning("The receiving account's status does not allow payment (per item).")
        .advice("Ask the receiver to check the account."),
    CodeSpec::new("ACCOUN_NAME_NOT_MATCH", "用户姓名和收款名称不匹配")
        .kind(ErrorKind::Caller)
        .meaning("The receiver's name does not match the account (per item; Alipay's spelling).")
        .advice("Send the receiver's real name as registered with the account."),
    CodeSpec::new("ERROR_OTHER_CERTIFY_LEVEL_LIMIT", "收款账户实名认证信息不完整，无法收款")
        .kind(ErrorKind::Caller)
        .meaning("The receiver's real-name certification is incomplete: it cannot receive (per item).")
        .advice("Ask the receiver to complete the certification."),
    CodeSpec::new("ERROR_OTHER_NOT_REALNAMED", "收款账户尚未实名认证，无法收款")
        .kind(ErrorKind::Caller)
        .meaning("The receiver is not real-name certified: it cannot receive (per item).")
        .advice("Ask the receiver to certify the account."),
    CodeSpec::new("PERMIT_NON_BANK_LIMIT_PAYEE_L0_FORBIDDEN", "根据监管部门的要求，对方未完善身份信息，无法收款")
        .kind(ErrorKind::Caller)
        .meaning("By the regulator's rules the receiver must complete its identity information (per item).")
        .advice("Ask the receiver to complete the identity information."),
    CodeSpec::new("PERMIT_CHECK_PERM_AML_CERT_MISS_4_TRANS_LIMIT", "您的账户收付款额度超限")
        .kind(ErrorKind::Caller)
        .meaning("The account's payment limit is exceeded (per item).")
        .advice("Pay less, or have the account's identity information completed."),
];
