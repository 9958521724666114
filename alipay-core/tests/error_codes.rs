//! Error codes: the table, the SNS document's texts, the retry classification, unknown codes.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::HashSet;

use alipay_core::error::{ErrorCode, ErrorKind};

/// The 14 codes of the SNS goods-creation document (section 5.3, names corrected per
/// `docs/protocol.md`) with their 说明 text, copied by hand from the document.
const SEED_002: [(&str, &str); 14] = [
    ("GOODS_CREATE_FAIL", "商品创建失败"),
    ("NO_AUTHORIZE_ACCOUNT", "合作伙伴用户账号未绑定支付宝账号"),
    ("ILLEGAL_PARTNER", "表示请求中的partner错误"),
    ("SYSTEM_ERROR", "支付宝系统错误"),
    ("HAS_NO_PRIVILEGE", "无权访问该接口"),
    ("SESSION_TIMEOUT", "连接超时错误"),
    ("ILLEGAL_SIGN", "数字验签失败"),
    ("QUERY_ERROR", "系统查询错误"),
    ("ILLEGAL_ARGUMENT", "参数不正确"),
    ("ILLEGAL_SERVICE", "请求的接口信息不存在"),
    ("CUSTOMER_NOT_SIGNED", "客户未有效签约"),
    ("BIND_ERROR_NO_CERTIFIED", "用户未实名认证"),
    ("ILLEGAL_USER_KEY", "社区用户key不正确"),
    ("GOODS_EXISTS_ERROR", "商品已经存在"),
];

/// The codes `docs/protocol.md` adds (send_goods_confirm_by_platform and the gateway-level list).
const PROTOCOL: [&str; 9] = [
    "TRADE_NOT_EXIST",
    "TRADE_STATUS_NOT_AVAILD",
    "RETRY",
    "ILLEGAL_SIGN_TYPE",
    "ILLEGAL_CHARSET",
    "ILLEGAL_ENCODING",
    "SYSTEM_EXCEPTION",
    "ILLEGAL_PARTNER_EXTERFACE",
    // Also in the SNS document; listed again by the gateway-level list.
    "SESSION_TIMEOUT",
];

/// The anti-phishing codes of the page services (MAPI's common error appendix, as transcribed in
/// `specs/close_trade.toml`'s sources), which the sandbox answers for `anti_phishing_key` and
/// `exter_invoke_ip`.
const ANTI_PHISHING: [&str; 3] = [
    "ILLEGAL_ANTI_PHISHING_KEY",
    "ANTI_PHISHING_KEY_TIMEOUT",
    "ILLEGAL_EXTER_INVOKE_IP",
];

#[test]
fn every_spec_code_is_known() {
    for code in SEED_002
        .iter()
        .map(|(c, _)| *c)
        .chain(PROTOCOL)
        .chain(ANTI_PHISHING)
    {
        let parsed = ErrorCode::from_code(code);
        assert!(parsed.is_known(), "{code} is not a known variant");
        assert_eq!(parsed.as_str(), code);
        assert!(ErrorCode::ALL.contains(&parsed), "{code} missing from ALL");
    }
    // 14 SNS codes + 8 new ones from docs/protocol.md + 3 anti-phishing ones.
    assert_eq!(ErrorCode::ALL.len(), 25);
}

#[test]
fn every_known_code_round_trips() {
    let mut seen = HashSet::new();
    for code in ErrorCode::ALL {
        assert!(code.is_known());
        let text = code.as_str();
        assert!(seen.insert(text), "{text} listed twice");
        assert_eq!(&ErrorCode::from_code(text), code);
        assert_eq!(code.to_string(), text);
        assert_eq!(text.parse::<ErrorCode>(), Ok(code.clone()));
        assert_eq!(&ErrorCode::from(text.to_owned()), code);
        assert!(!code.chinese().is_empty());
        assert!(!code.meaning().is_empty());
        assert!(!code.advice().is_empty());
        assert_ne!(code.kind(), ErrorKind::Unknown, "{text}");
    }
}

#[test]
fn seed_codes_have_the_seed_chinese_text() {
    for (code, chinese) in SEED_002 {
        assert_eq!(ErrorCode::from_code(code).chinese(), chinese, "{code}");
    }
}

#[test]
fn other_codes_have_chinese_text() {
    assert_eq!(ErrorCode::TradeNotExist.chinese(), "交易不存在");
    assert_eq!(ErrorCode::TradeStatusNotAvaild.chinese(), "交易状态不合法");
    assert_eq!(ErrorCode::Retry.chinese(), "系统繁忙，请重试");
}

#[test]
fn variants_match_their_codes() {
    assert_eq!(ErrorCode::from_code("ILLEGAL_SIGN"), ErrorCode::IllegalSign);
    assert_eq!(ErrorCode::from_code("RETRY"), ErrorCode::Retry);
    assert_eq!(ErrorCode::from_code("SYSTEM_ERROR"), ErrorCode::SystemError);
    assert_eq!(
        ErrorCode::from_code("TRADE_STATUS_NOT_AVAILD"),
        ErrorCode::TradeStatusNotAvaild
    );
    assert_eq!(
        ErrorCode::from_code("ILLEGAL_PARTNER_EXTERFACE"),
        ErrorCode::IllegalPartnerExterface
    );
    assert_eq!(
        ErrorCode::from_code("GOODS_EXISTS_ERROR"),
        ErrorCode::GoodsExistsError
    );
}

#[test]
fn retry_classification() {
    // The usage rules: RETRY and SYSTEM_ERROR → call again (the service is idempotent).
    for code in ["RETRY", "SYSTEM_ERROR"] {
        let c = ErrorCode::from_code(code);
        assert_eq!(c.kind(), ErrorKind::Retry, "{code}");
        assert!(c.is_retryable(), "{code}");
    }
    // The usage rules: TRADE_STATUS_NOT_AVAILD → never repeat; query the trade state.
    let c = ErrorCode::from_code("TRADE_STATUS_NOT_AVAILD");
    assert_eq!(c.kind(), ErrorKind::QueryTradeState);
    assert!(!c.is_retryable());

    let c = ErrorCode::from_code("ILLEGAL_SIGN");
    assert_eq!(c.kind(), ErrorKind::Configuration);
    assert!(!c.is_retryable());

    let c = ErrorCode::from_code("ILLEGAL_ARGUMENT");
    assert_eq!(c.kind(), ErrorKind::Caller);
    assert!(!c.is_retryable());
}

#[test]
fn other_classifications() {
    use ErrorKind::*;
    let expected = [
        ("SYSTEM_EXCEPTION", Retry),
        ("SESSION_TIMEOUT", Retry),
        ("TRADE_NOT_EXIST", Caller),
        ("GOODS_EXISTS_ERROR", Caller),
        ("ILLEGAL_PARTNER", Configuration),
        ("ILLEGAL_SIGN_TYPE", Configuration),
        ("HAS_NO_PRIVILEGE", Configuration),
        ("CUSTOMER_NOT_SIGNED", Configuration),
        ("ILLEGAL_CHARSET", Configuration),
        ("ILLEGAL_PARTNER_EXTERFACE", Configuration),
    ];
    for (code, kind) in expected {
        assert_eq!(ErrorCode::from_code(code).kind(), kind, "{code}");
    }
    // Only the Retry kind is retryable.
    for code in ErrorCode::ALL {
        assert_eq!(code.is_retryable(), code.kind() == Retry, "{code}");
    }
}

#[test]
fn unknown_codes_are_kept_verbatim() {
    for text in [
        "SOME_NEW_CODE",
        "illegal_sign",
        "Illegal_Sign",
        " ILLEGAL_SIGN",
        "ILLEGAL_SIGN ",
        "TRADE_STATUS_NOT_AVAILABLE",
        "参数不正确",
        "a&b<c>\"d\"",
        "",
    ] {
        let code = ErrorCode::from_code(text);
        assert_eq!(code, ErrorCode::Unknown(text.to_owned()));
        assert!(!code.is_known());
        assert_eq!(code.as_str(), text);
        assert_eq!(code.to_string(), text);
        assert_eq!(code.kind(), ErrorKind::Unknown);
        assert!(!code.is_retryable());
        assert_eq!(text.parse::<ErrorCode>(), Ok(code.clone()));
        assert_eq!(ErrorCode::from(text.to_owned()), code);
        assert!(!ErrorCode::ALL.contains(&code));
        assert!(!code.advice().is_empty());
    }
}

#[test]
fn kinds_have_the_names_spec_files_use() {
    let names: Vec<String> = [
        ErrorKind::Retry,
        ErrorKind::QueryTradeState,
        ErrorKind::Caller,
        ErrorKind::Configuration,
        ErrorKind::Unknown,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        names,
        [
            "retry",
            "query_trade_state",
            "caller",
            "configuration",
            "unknown"
        ]
    );
    assert_eq!(
        "TRADE_STATUS_NOT_AVAILD"
            .parse::<ErrorCode>()
            .unwrap()
            .kind()
            .as_str(),
        "query_trade_state"
    );
}
