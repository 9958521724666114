//! Gateway and service error codes, and how a client should react to each.
//!
//! When a call fails, the gateway answers `<is_success>F</is_success><error>CODE</error>`.
//! [`ErrorCode`] names every code the project's specs mention; any other code is kept verbatim in
//! [`ErrorCode::Unknown`], never rejected. [`ErrorCode::kind`] sorts the codes into the few
//! reactions a client has ([`ErrorKind`]): call again, query the trade state, fix the input, fix the
//! configuration.
//!
//! Every fact about a code (wire text, the spec's Chinese text, English meaning, advice, kind)
//! lives in one table at the bottom of this file; all the methods are generated from it.
//!
//! ```
//! use alipay_core::error::{ErrorCode, ErrorKind};
//!
//! let code = ErrorCode::from_code("TRADE_STATUS_NOT_AVAILD");
//! assert_eq!(code, ErrorCode::TradeStatusNotAvaild);
//! assert_eq!(code.kind(), ErrorKind::QueryTradeState);
//! assert!(!code.is_retryable());
//! assert_eq!(code.chinese(), "交易状态不合法");
//!
//! let odd = ErrorCode::from_code("SOME_NEW_CODE");
//! assert_eq!(odd.as_str(), "SOME_NEW_CODE");
//! assert_eq!(odd.kind(), ErrorKind::Unknown);
//! ```

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// What a client should do about an [`ErrorCode`].
///
/// Retrying is the client's decision, and this is the one place it is made:
/// [`ErrorKind::is_retryable`] is true only for [`ErrorKind::Retry`]. Even then, repeat only calls
/// that are idempotent. `send_goods_confirm_by_platform` is (its rules say "call again, the service
/// is idempotent"); a call that creates something (e.g. `sns.create.goods.ws`) may already have taken
/// effect, so query before calling again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Transient failure on Alipay's side (`RETRY`, `SYSTEM_ERROR`, `SYSTEM_EXCEPTION`,
    /// `SESSION_TIMEOUT`, `QUERY_ERROR`): calling again with the same parameters is the remedy, for
    /// idempotent calls. Batch calls should stay about 10 s apart.
    Retry,
    /// The trade is not in a state that allows the operation (`TRADE_STATUS_NOT_AVAILD`). Never
    /// repeat the call: query the trade state, and contact Alipay support if the states disagree.
    QueryTradeState,
    /// The request was refused because of its content or the business state: a bad parameter, a
    /// trade that does not exist, goods that already exist, a user who is not bound or verified.
    /// Repeating the same request gives the same answer; fix the input first.
    Caller,
    /// The merchant's setup is wrong: partner id, key, signature, sign type, charset, encoding, or
    /// a service that is not enabled on the contract. Every call will fail until it is fixed.
    Configuration,
    /// A code this crate does not know ([`ErrorCode::Unknown`]). Do not retry automatically.
    Unknown,
}

impl ErrorKind {
    /// `retry`, `query_trade_state`, `caller`, `configuration` or `unknown` (the names spec files
    /// use).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Retry => "retry",
            Self::QueryTradeState => "query_trade_state",
            Self::Caller => "caller",
            Self::Configuration => "configuration",
            Self::Unknown => "unknown",
        }
    }

    /// True only for [`ErrorKind::Retry`]: the call may be repeated unchanged (if idempotent).
    #[inline]
    pub const fn is_retryable(self) -> bool {
        matches!(self, Self::Retry)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Generates [`ErrorCode`] and every per-code method from one table.
macro_rules! error_codes {
    ($(
        $(#[$meta:meta])*
        $variant:ident = $code:literal {
            kind: $kind:ident,
            chinese: $chinese:literal,
            meaning: $meaning:literal,
            advice: $advice:literal $(,)?
        }
    )+) => {
        /// An error code returned in `<error>`; unknown codes are kept verbatim.
        ///
        /// Build one with [`ErrorCode::from_code`] (never fails); get the wire text back with
        /// [`ErrorCode::as_str`] or `Display`. Codes are case-sensitive: `illegal_sign` is
        /// `Unknown("illegal_sign")`.
        ///
        /// Variants may be added as the project learns new codes, moving them out of `Unknown`;
        /// match on [`ErrorCode::kind`] or [`ErrorCode::as_str`] when that matters.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = concat!("`", $code, "` (", $chinese, "): ", $meaning)]
                $(#[$meta])*
                $variant,
            )+
            /// A code this crate does not know, kept verbatim (including its case and any odd text).
            Unknown(String),
        }

        impl ErrorCode {
            /// Every known code, in table order (not [`ErrorCode::Unknown`]).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// Maps a wire code to its variant; never fails. Exact, case-sensitive match; any other
            /// text becomes [`ErrorCode::Unknown`] unchanged.
            pub fn from_code(code: &str) -> Self {
                Self::known(code).unwrap_or_else(|| Self::Unknown(code.to_owned()))
            }

            /// The known variant for `code`, if any.
            fn known(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The code as it appears on the wire; for [`ErrorCode::Unknown`], the text received.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $code,)+
                    Self::Unknown(code) => code,
                }
            }

            /// The Chinese description: the spec's 说明 text verbatim for the codes in
            /// `sns.create.goods.ws`, Alipay's usual short text for the others, `未知错误代码` for
            /// unknown codes.
            pub fn chinese(&self) -> &'static str {
                match self {
                    $(Self::$variant => $chinese,)+
                    Self::Unknown(_) => "未知错误代码",
                }
            }

            /// What the code means, in English.
            pub fn meaning(&self) -> &'static str {
                match self {
                    $(Self::$variant => $meaning,)+
                    Self::Unknown(_) => "A code this SDK does not know; see the service's documentation.",
                }
            }

            /// What the merchant should do about it.
            pub fn advice(&self) -> &'static str {
                match self {
                    $(Self::$variant => $advice,)+
                    Self::Unknown(_) => "Look the code up in the service's documentation or ask Alipay \
                        support; do not retry automatically, and log the full response.",
                }
            }

            /// How a client should react (see [`ErrorKind`]).
            pub fn kind(&self) -> ErrorKind {
                match self {
                    $(Self::$variant => ErrorKind::$kind,)+
                    Self::Unknown(_) => ErrorKind::Unknown,
                }
            }
        }
    };
}

impl ErrorCode {
    /// True when calling again with the same parameters is the remedy (see [`ErrorKind::Retry`]).
    #[inline]
    pub fn is_retryable(&self) -> bool {
        self.kind().is_retryable()
    }

    /// True for every variant but [`ErrorCode::Unknown`].
    #[inline]
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Unknown(_))
    }
}

impl fmt::Display for ErrorCode {
    /// Writes the wire code (honouring width and alignment, e.g. `{:<27}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for ErrorCode {
    type Err = Infallible;

    /// Same as [`ErrorCode::from_code`]; never fails.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::from_code(s))
    }
}

impl From<&str> for ErrorCode {
    fn from(code: &str) -> Self {
        Self::from_code(code)
    }
}

impl From<String> for ErrorCode {
    /// Like [`ErrorCode::from_code`], reusing the allocation for unknown codes.
    fn from(code: String) -> Self {
        Self::known(&code).unwrap_or(Self::Unknown(code))
    }
}

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

// The table. Sources (docs/protocol.md, "Error codes"): the SNS goods-creation document
// (sns.create.goods.ws, 5.3 错误代码; the Chinese texts are its 说明 column verbatim), Alipay's public
// material (send_goods_confirm_by_platform and the gateway-level list), and
// send_goods_confirm_by_platform's usage rules (the retry rules for RETRY, SYSTEM_ERROR and
// TRADE_STATUS_NOT_AVAILD).
error_codes! {
    // --- sns.create.goods.ws (the SNS goods-creation document) ---
    GoodsCreateFail = "GOODS_CREATE_FAIL" {
        kind: Caller,
        chinese: "商品创建失败",
        meaning: "Alipay did not create the goods.",
        advice: "Check the goods parameters against the service table. Before creating again, check \
            whether the goods exist after all: a repeat may answer GOODS_EXISTS_ERROR.",
    }
    NoAuthorizeAccount = "NO_AUTHORIZE_ACCOUNT" {
        kind: Caller,
        chinese: "合作伙伴用户账号未绑定支付宝账号",
        meaning: "The partner site's user account (sns_user_id) is not bound to an Alipay account.",
        advice: "Ask the user to bind an Alipay account on the partner site, then call again.",
    }
    IllegalPartner = "ILLEGAL_PARTNER" {
        kind: Configuration,
        chinese: "表示请求中的partner错误",
        meaning: "The partner id in the request is wrong.",
        advice: "Check the configured partner id: the 16-digit id starting with 2088 on the contract, \
            the one that goes with the configured key.",
    }
    SystemError = "SYSTEM_ERROR" {
        kind: Retry,
        chinese: "支付宝系统错误",
        meaning: "Alipay's system failed while handling the request.",
        advice: "Call again with the same parameters if the call is idempotent (shipping is); \
            otherwise query first. Contact Alipay support if it persists.",
    }
    HasNoPrivilege = "HAS_NO_PRIVILEGE" {
        kind: Configuration,
        chinese: "无权访问该接口",
        meaning: "The partner is not allowed to call this service.",
        advice: "Have the service enabled on the contract for this partner id.",
    }
    SessionTimeout = "SESSION_TIMEOUT" {
        kind: Retry,
        chinese: "连接超时错误",
        meaning: "The session with Alipay timed out.",
        advice: "Send a fresh request (idempotent calls only; otherwise query first).",
    }
    IllegalSign = "ILLEGAL_SIGN" {
        kind: Configuration,
        chinese: "数字验签失败",
        meaning: "Alipay could not verify the request's signature.",
        advice: "Check the key (MD5) or private key (RSA/DSA), sign_type and _input_charset; compare \
            the signed string (parameters sorted by name, without sign, sign_type and empty values) \
            with the rule. Parameters outside the service's table also cause it.",
    }
    QueryError = "QUERY_ERROR" {
        kind: Retry,
        chinese: "系统查询错误",
        meaning: "A query inside Alipay's system failed.",
        advice: "Call again later if the call is idempotent; contact Alipay support if it persists.",
    }
    IllegalArgument = "ILLEGAL_ARGUMENT" {
        kind: Caller,
        chinese: "参数不正确",
        meaning: "A parameter is missing, empty, or does not match its format.",
        advice: "Check every parameter against the service's table: required ones set, optional ones \
            non-empty when sent, values in their format and length. Do not repeat the request unchanged.",
    }
    IllegalService = "ILLEGAL_SERVICE" {
        kind: Configuration,
        chinese: "请求的接口信息不存在",
        meaning: "The service named in `service` does not exist.",
        advice: "Check the service name's exact spelling and that the request goes to \
            https://mapi.alipay.com/gateway.do.",
    }
    CustomerNotSigned = "CUSTOMER_NOT_SIGNED" {
        kind: Configuration,
        chinese: "客户未有效签约",
        meaning: "The merchant has no valid contract for this product.",
        advice: "Sign (or renew) the product's contract with Alipay before calling.",
    }
    BindErrorNoCertified = "BIND_ERROR_NO_CERTIFIED" {
        kind: Caller,
        chinese: "用户未实名认证",
        meaning: "The user has not completed Alipay's real-name verification.",
        advice: "Ask the user to complete real-name verification (实名认证) with Alipay, then call again.",
    }
    IllegalUserKey = "ILLEGAL_USER_KEY" {
        kind: Caller,
        chinese: "社区用户key不正确",
        meaning: "The SNS user's `key` parameter is wrong.",
        advice: "Send the key Alipay issued to this SNS user (the `key` business parameter, not the \
            partner's MD5 key).",
    }
    GoodsExistsError = "GOODS_EXISTS_ERROR" {
        kind: Caller,
        chinese: "商品已经存在",
        meaning: "Goods with this outer_goods_id already exist.",
        advice: "If this repeats an earlier create, treat the goods as created; otherwise use a new \
            outer_goods_id.",
    }

    // --- send_goods_confirm_by_platform (public material, usage rules) ---
    TradeNotExist = "TRADE_NOT_EXIST" {
        kind: Caller,
        chinese: "交易不存在",
        meaning: "The trade does not exist.",
        advice: "Check trade_no: the trade must exist in Alipay and have been created by the same \
            partner that ships it.",
    }
    /// (Alipay's own spelling of "available".)
    TradeStatusNotAvaild = "TRADE_STATUS_NOT_AVAILD" {
        kind: QueryTradeState,
        chinese: "交易状态不合法",
        meaning: "The trade is not in a state that allows the operation.",
        advice: "Do not call again. Query the trade state (single_trade_query) and act on it; \
            contact Alipay support if it disagrees with your records.",
    }
    Retry = "RETRY" {
        kind: Retry,
        chinese: "系统繁忙，请重试",
        meaning: "Alipay was busy and did not finish the request.",
        advice: "Call again with the same parameters (shipping is idempotent); keep batch calls about \
            10 s apart.",
    }

    // --- gateway level, any service (docs/protocol.md, "Error codes") ---
    IllegalSignType = "ILLEGAL_SIGN_TYPE" {
        kind: Configuration,
        chinese: "签名类型不正确",
        meaning: "sign_type is not a type Alipay accepts for this partner.",
        advice: "Send MD5, RSA or DSA in upper case (RSA2 where the service supports it), matching the \
            key configured with Alipay.",
    }
    IllegalCharset = "ILLEGAL_CHARSET" {
        kind: Configuration,
        chinese: "字符集不合法",
        meaning: "_input_charset names a charset Alipay does not support.",
        advice: "Send utf-8 or gbk in _input_charset, and put it in the query string of a POST too.",
    }
    IllegalEncoding = "ILLEGAL_ENCODING" {
        kind: Configuration,
        chinese: "不支持该编码类型",
        meaning: "The request's encoding is not supported.",
        advice: "Encode every value in the charset named by _input_charset, then percent-encode it; \
            check that the charset is utf-8 or gbk.",
    }
    SystemException = "SYSTEM_EXCEPTION" {
        kind: Retry,
        chinese: "系统异常",
        meaning: "Alipay's system raised an exception while handling the request.",
        advice: "As for SYSTEM_ERROR: call again if the call is idempotent, otherwise query first; \
            contact Alipay support if it persists.",
    }
    IllegalPartnerExterface = "ILLEGAL_PARTNER_EXTERFACE" {
        kind: Configuration,
        chinese: "合作伙伴接口信息不正确",
        meaning: "The service is not enabled for this partner (Alipay's spelling of \"interface\").",
        advice: "Have the service enabled for this partner id, and check that the partner id is the \
            contracted one.",
    }
    IllegalAntiPhishingKey = "ILLEGAL_ANTI_PHISHING_KEY" {
        kind: Caller,
        chinese: "防钓鱼检查非法时间戳参数",
        meaning: "The anti-phishing timestamp (anti_phishing_key) is not one query_timestamp gave \
            this partner.",
        advice: "Fetch a fresh key with query_timestamp just before building the page request.",
    }
    AntiPhishingKeyTimeout = "ANTI_PHISHING_KEY_TIMEOUT" {
        kind: Caller,
        chinese: "防钓鱼检查时间戳超时",
        meaning: "The anti-phishing timestamp (anti_phishing_key) has expired.",
        advice: "Fetch a fresh key with query_timestamp just before building the page request; \
            never cache it.",
    }
    IllegalExterInvokeIp = "ILLEGAL_EXTER_INVOKE_IP" {
        kind: Configuration,
        chinese: "防钓鱼检查非法调用IP",
        meaning: "The anti-phishing check refused the buyer's IP address (exter_invoke_ip).",
        advice: "Send the buyer's real IP address in exter_invoke_ip, or check the contract's \
            anti-phishing settings.",
    }
}

/// One row of a service's error table (错误代码), as the service declares it: what the code means
/// *for that service*.
///
/// A service lists its codes in a `const` and names it on the request
/// (`#[alipay(error_codes = ERROR_CODES)]`, read back as
/// [`Request::ERROR_CODES`](crate::service::Request::ERROR_CODES)). Only the code and the
/// document's 说明 text are required; whatever a row leaves out is taken from the shared table
/// ([`ErrorCode`]) when it knows the code, so gateway-level codes (`ILLEGAL_SIGN`,
/// `ILLEGAL_PARTNER`, …) need no more than a line. A code [`ErrorCode`] does not know (an outside
/// crate's service may return any) declares its kind, meaning and advice here.
///
/// ```
/// use alipay_core::error::{CodeSpec, ErrorCode, ErrorKind};
///
/// const ERROR_CODES: &[CodeSpec] = &[
///     CodeSpec::new("TRADE_STATUS_NOT_AVAILD", "交易状态不符合")
///         .kind(ErrorKind::QueryTradeState)
///         .meaning("The trade can no longer be closed: it was paid or closed meanwhile.")
///         .advice("Query the trade: TRADE_CLOSED means the close is done."),
///     CodeSpec::new("ILLEGAL_PARTNER", "合作伙伴ID不正确"),
///     CodeSpec::new("ILLEGAL_CLIENT_IP", "客户端IP地址无权访问服务")
///         .kind(ErrorKind::Configuration)
///         .meaning("The server's IP address is not allowed to call the service.")
///         .advice("Add the address to the partner's IP allow-list."),
/// ];
///
/// let code = ErrorCode::from_code("TRADE_STATUS_NOT_AVAILD");
/// let described = code.described_by(ERROR_CODES);
/// assert_eq!(described.text(), "交易状态不符合");
/// assert!(described.advice().starts_with("Query the trade"));
///
/// // A shared code keeps the shared meaning; the text is the service's.
/// let partner = ErrorCode::from_code("ILLEGAL_PARTNER");
/// assert_eq!(partner.described_by(ERROR_CODES).meaning(), partner.meaning());
/// assert_eq!(partner.described_by(ERROR_CODES).text(), "合作伙伴ID不正确");
///
/// // A code the shared table does not know, declared by the service.
/// let ip = ErrorCode::from_code("ILLEGAL_CLIENT_IP");
/// assert!(!ip.is_known());
/// assert_eq!(ip.described_by(ERROR_CODES).kind(), ErrorKind::Configuration);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeSpec {
    /// The code as Alipay sends it, e.g. `TRADE_STATUS_NOT_AVAILD`.
    pub code: &'static str,
    /// The document's 说明 text for the code, verbatim (empty when the source gives none: the
    /// shared table's text is shown).
    pub text: &'static str,
    /// How a client should react; `None` takes the shared table's kind.
    pub kind: Option<ErrorKind>,
    /// What the code means for this service, in English; `None` takes the shared table's.
    pub meaning: Option<&'static str>,
    /// What the merchant should do about it for this service; `None` takes the shared table's.
    pub advice: Option<&'static str>,
}

impl CodeSpec {
    /// A row with the code and the document's 说明 text; the rest comes from the shared table.
    pub const fn new(code: &'static str, text: &'static str) -> Self {
        Self {
            code,
            text,
            kind: None,
            meaning: None,
            advice: None,
        }
    }

    /// Sets how a client should react to the code from this service.
    pub const fn kind(mut self, kind: ErrorKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Sets what the code means for this service.
    pub const fn meaning(mut self, meaning: &'static str) -> Self {
        self.meaning = Some(meaning);
        self
    }

    /// Sets what the merchant should do about the code from this service.
    pub const fn advice(mut self, advice: &'static str) -> Self {
        self.advice = Some(advice);
        self
    }
}

impl ErrorCode {
    /// This code as a service's error table (`codes`, its
    /// [`ERROR_CODES`](crate::service::Request::ERROR_CODES)) describes it: the service's row where
    /// it has one, the shared table for what the row leaves out (see [`CodeSpec`]).
    pub fn described_by(&self, codes: &'static [CodeSpec]) -> Described<'_> {
        Described {
            code: self,
            row: codes.iter().find(|row| row.code == self.as_str()),
        }
    }
}

/// An [`ErrorCode`] as one service describes it (see [`ErrorCode::described_by`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Described<'a> {
    code: &'a ErrorCode,
    row: Option<&'static CodeSpec>,
}

impl<'a> Described<'a> {
    /// The code.
    pub fn code(&self) -> &'a ErrorCode {
        self.code
    }

    /// The service's row for the code, if the service declares it.
    pub fn row(&self) -> Option<&'static CodeSpec> {
        self.row
    }

    /// The Chinese text: the service's 说明 (when its row gives one), else the shared table's.
    pub fn text(&self) -> &'static str {
        self.row
            .map(|row| row.text)
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| self.code.chinese())
    }

    /// What the code means for the service, else the shared meaning. A code neither knows gets
    /// the service's 说明 text when the service lists it.
    pub fn meaning(&self) -> &'static str {
        match self.row {
            Some(CodeSpec {
                meaning: Some(m), ..
            }) => m,
            Some(row) if !self.code.is_known() && !row.text.is_empty() => row.text,
            _ => self.code.meaning(),
        }
    }

    /// What to do about the code from this service, else the shared advice.
    pub fn advice(&self) -> &'static str {
        self.row
            .and_then(|row| row.advice)
            .unwrap_or_else(|| self.code.advice())
    }

    /// How a client should react to the code from this service, else the shared kind.
    pub fn kind(&self) -> ErrorKind {
        self.row
            .and_then(|row| row.kind)
            .unwrap_or_else(|| self.code.kind())
    }
}
