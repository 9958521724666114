//! Typed wire values: accepted and rejected texts, round trips, error messages, `wire_enum!` from
//! another crate. Known answers come from the source documents or were computed with Python's `datetime`.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use alipay_core::types::{
    Amount, BEIJING, CompactTime, DateTime, HttpUrl, Rule, TimestampMillis, TradeStatus,
    TransportType, WireEnum, WireValue, WireValueError,
};
use time::macros::datetime;

fn rule_of<T: WireValue + std::fmt::Debug>(s: &str) -> Rule {
    let err = T::parse_wire(s).expect_err(s);
    assert_eq!(err.value(), s, "the error keeps the offending text");
    assert_eq!(err.format(), T::FORMAT);
    err.rule()
}

fn wire<T: WireValue>(v: &T) -> String {
    let mut out = String::from("prefix:");
    v.write_wire(&mut out);
    let written = out["prefix:".len()..].to_owned();
    assert_eq!(written, v.to_wire(), "write_wire and to_wire agree");
    written
}

// ---------------------------------------------------------------- Amount

#[test]
fn amount_accepts_strict_yuan() {
    for (text, fen, display) in [
        ("100.40", 10040, "100.40"),
        ("100", 10000, "100.00"),
        ("0.01", 1, "0.01"),
        ("11.50", 1150, "11.50"),
        ("11.5", 1150, "11.50"),
        ("5.00", 500, "5.00"),
        ("55.55", 5555, "55.55"),
        ("0", 0, "0.00"),
        ("0.00", 0, "0.00"),
        ("007.10", 710, "7.10"),
        ("184467440737095516.15", u64::MAX, "184467440737095516.15"),
    ] {
        let a = Amount::parse(text).expect(text);
        assert_eq!(a.fen(), fen, "{text}");
        assert_eq!(a, Amount::from_fen(fen));
        assert_eq!(a.to_string(), display, "{text}");
        assert_eq!(wire(&a), display);
        assert_eq!(text.parse::<Amount>().unwrap(), a);
        assert_eq!(Amount::parse_wire(text).unwrap(), a);
    }
}

#[test]
fn amount_display_always_has_two_decimals() {
    assert_eq!(Amount::from_fen(10040).to_string(), "100.40");
    assert_eq!(Amount::from_fen(1150).to_string(), "11.50");
    assert_eq!(Amount::from_fen(1).to_string(), "0.01");
    assert_eq!(Amount::from_fen(10).to_string(), "0.10");
    assert_eq!(Amount::ZERO.to_string(), "0.00");
    assert_eq!(format!("{:?}", Amount::from_fen(10040)), "Amount(100.40)");
}

#[test]
fn amount_round_trips() {
    for fen in [
        0,
        1,
        9,
        10,
        99,
        100,
        101,
        10040,
        1150,
        123_456_789,
        u64::MAX - 1,
        u64::MAX,
    ] {
        let a = Amount::from_fen(fen);
        assert_eq!(Amount::parse(&a.to_string()).unwrap(), a, "{fen}");
    }
}

#[test]
fn amount_rejects_with_the_rule() {
    let cases: [(&str, Rule); 16] = [
        ("1.005", Rule::TooManyDecimals),
        ("-1", Rule::Sign),
        ("+1", Rule::Sign),
        ("1e3", Rule::InvalidCharacter { found: 'e', at: 1 }),
        ("", Rule::Empty),
        (".5", Rule::MissingIntegerPart),
        ("5.", Rule::MissingDecimals),
        (" 1", Rule::Whitespace),
        ("1 ", Rule::Whitespace),
        ("１", Rule::NonAsciiDigit('１')),
        ("1,000", Rule::InvalidCharacter { found: ',', at: 1 }),
        ("1.2.3", Rule::InvalidCharacter { found: '.', at: 3 }),
        ("1\n", Rule::Whitespace),
        ("1\0", Rule::ControlCharacter('\0')),
        (
            "184467440737095516.16",
            Rule::Overflow {
                max: "184467440737095516.15",
            },
        ),
        (
            "99999999999999999999999",
            Rule::Overflow {
                max: "184467440737095516.15",
            },
        ),
    ];
    for (text, rule) in cases {
        assert_eq!(rule_of::<Amount>(text), rule, "{text:?}");
        assert!(text.parse::<Amount>().is_err());
    }
    // More rejections without pinning the exact rule.
    for text in ["1..0", ".", "1.-1", "NaN", "inf", "0x10", "1_000", "¥1"] {
        assert!(Amount::parse(text).is_err(), "{text:?}");
    }
}

#[test]
fn amount_errors_say_the_rule() {
    let msg = |s: &str| Amount::parse(s).unwrap_err().to_string();
    assert_eq!(
        msg("1.005"),
        "\"1.005\" is not an amount in yuan with at most two decimals (e.g. 100.40): \
         at most two decimals are allowed (amounts are counted in fen)"
    );
    assert!(msg("-1").contains("a sign (+ or -) is not allowed"));
    assert!(msg("+1").contains("a sign (+ or -) is not allowed"));
    assert!(msg("1e3").contains("character 'e' at byte 1 is not allowed"));
    assert!(msg("").contains("must not be empty"));
    assert!(msg(".5").contains("integer part is missing"));
    assert!(msg("5.").contains("decimal point must be followed by one or two digits"));
    assert!(msg(" 1").contains("whitespace is not allowed"));
    assert!(msg("１").contains("not an ASCII digit"));
    assert!(msg("1,000").contains("character ',' at byte 1"));
    assert!(msg("184467440737095516.16").contains("larger than the maximum 184467440737095516.15"));
}

#[test]
fn amount_helpers() {
    assert!(Amount::ZERO.is_zero());
    assert!(Amount::parse("0.00").unwrap().is_zero());
    assert!(!Amount::from_fen(1).is_zero());
    assert_eq!(Amount::from_yuan(100), Some(Amount::from_fen(10000)));
    assert_eq!(Amount::from_yuan(u64::MAX), None);
    assert_eq!(
        Amount::from_fen(1).checked_add(Amount::from_fen(2)),
        Some(Amount::from_fen(3))
    );
    assert_eq!(Amount::MAX.checked_add(Amount::from_fen(1)), None);
    assert_eq!(Amount::ZERO.checked_sub(Amount::from_fen(1)), None);
    assert!(Amount::from_fen(1) < Amount::from_fen(2));
}

// ---------------------------------------------------------------- integers

#[test]
fn integers_accept_ascii_digits() {
    assert_eq!(u32::parse_wire("100").unwrap(), 100);
    assert_eq!(u32::parse_wire("0").unwrap(), 0);
    assert_eq!(u32::parse_wire("4294967295").unwrap(), u32::MAX);
    assert_eq!(u64::parse_wire("18446744073709551615").unwrap(), u64::MAX);
    // Leading zeros are accepted; the written form is canonical.
    assert_eq!(u32::parse_wire("007").unwrap(), 7);
    assert_eq!(wire(&7u32), "7");
    assert_eq!(wire(&12345u64), "12345");
    for n in [0u64, 1, 10, 99_999, u64::MAX] {
        assert_eq!(u64::parse_wire(&wire(&n)).unwrap(), n);
    }
}

#[test]
fn integers_reject_with_the_rule() {
    assert_eq!(rule_of::<u32>(""), Rule::Empty);
    assert_eq!(rule_of::<u32>("-1"), Rule::Sign);
    assert_eq!(rule_of::<u32>("+1"), Rule::Sign);
    assert_eq!(rule_of::<u32>(" 1"), Rule::Whitespace);
    assert_eq!(rule_of::<u32>("1 "), Rule::Whitespace);
    assert_eq!(rule_of::<u32>("１"), Rule::NonAsciiDigit('１'));
    assert_eq!(
        rule_of::<u32>("1.0"),
        Rule::InvalidCharacter { found: '.', at: 1 }
    );
    assert_eq!(
        rule_of::<u32>("1e3"),
        Rule::InvalidCharacter { found: 'e', at: 1 }
    );
    assert_eq!(
        rule_of::<u32>("4294967296"),
        Rule::Overflow { max: "4294967295" }
    );
    assert_eq!(
        rule_of::<u64>("18446744073709551616"),
        Rule::Overflow {
            max: "18446744073709551615"
        }
    );
    assert_eq!(
        rule_of::<u32>("99999999999999999999999999"),
        Rule::Overflow { max: "4294967295" }
    );
    let msg = u32::parse_wire("4294967296").unwrap_err().to_string();
    assert!(msg.contains("larger than the maximum 4294967295"), "{msg}");
}

#[test]
fn string_takes_any_text_unchanged() {
    for text in ["", " 二手围巾 ", "a&b=c", "8成新"] {
        let s = String::parse_wire(text).unwrap();
        assert_eq!(s, text);
        assert_eq!(wire(&s), text);
    }
}

// ---------------------------------------------------------------- times

#[test]
fn compact_time_parses_and_round_trips() {
    for text in [
        "20110707203533",
        "20110630203533",
        "20110923093412",
        "20240229235959",
    ] {
        let t = CompactTime::parse(text).expect(text);
        assert_eq!(t.to_string(), text);
        assert_eq!(wire(&t), text);
        assert_eq!(text.parse::<CompactTime>().unwrap(), t);
    }
    let t = CompactTime::parse("20110707203533").unwrap();
    assert_eq!(t.beijing(), datetime!(2011-07-07 20:35:33));
    // Python: datetime(2011,7,7,20,35,33,tzinfo=UTC+8).timestamp() == 1310042133
    let odt = t.to_offset_date_time();
    assert_eq!(odt.unix_timestamp(), 1_310_042_133);
    assert_eq!(odt.offset(), BEIJING);
    assert_eq!(BEIJING.whole_hours(), 8);
}

#[test]
fn compact_time_rejects_with_the_rule() {
    assert_eq!(rule_of::<CompactTime>(""), Rule::Empty);
    assert_eq!(
        rule_of::<CompactTime>("2011070720353"),
        Rule::Length {
            expected: 14,
            found: 13
        }
    );
    assert_eq!(
        rule_of::<CompactTime>("201107072035330"),
        Rule::Length {
            expected: 14,
            found: 15
        }
    );
    assert_eq!(
        rule_of::<CompactTime>("2011-07-07 20:35:33"),
        Rule::InvalidCharacter { found: '-', at: 4 }
    );
    assert_eq!(rule_of::<CompactTime>(" 20110707203533"), Rule::Whitespace);
    assert_eq!(rule_of::<CompactTime>("20110707203533 "), Rule::Whitespace);
    assert_eq!(rule_of::<CompactTime>("+2011070720353"), Rule::Sign);
    assert_eq!(
        rule_of::<CompactTime>("2011070720353３"),
        Rule::NonAsciiDigit('３')
    );
    for (text, component) in [
        ("20111307203533", "month"),
        ("20110007203533", "month"),
        ("20110230203533", "day"),
        ("20110700203533", "day"),
        ("20110707243533", "hour"),
        ("20110707206033", "minute"),
        ("20110707203560", "second"),
        ("20230229120000", "day"),
    ] {
        assert_eq!(
            rule_of::<CompactTime>(text),
            Rule::InvalidDateTime { component },
            "{text}"
        );
    }
    let msg = CompactTime::parse("20110230203533")
        .unwrap_err()
        .to_string();
    assert_eq!(
        msg,
        "\"20110230203533\" is not a Beijing time as yyyyMMddHHmmss (e.g. 20110707203533): \
         the day is out of range (not a valid date and time)"
    );
}

#[test]
fn date_time_parses_and_round_trips() {
    let text = "2013-10-22 18:43:17";
    let t = DateTime::parse(text).unwrap();
    assert_eq!(t.to_string(), text);
    assert_eq!(wire(&t), text);
    assert_eq!(t.beijing(), datetime!(2013-10-22 18:43:17));
    // Python: datetime(2013,10,22,18,43,17,tzinfo=UTC+8).timestamp() == 1382438597
    assert_eq!(t.to_offset_date_time().unix_timestamp(), 1_382_438_597);
    assert_eq!(CompactTime::from(t).to_string(), "20131022184317");
    assert_eq!(DateTime::from(CompactTime::from(t)), t);
    assert_eq!(
        DateTime::parse("2013-10-22 18:52:56").unwrap().to_string(),
        "2013-10-22 18:52:56"
    );
}

#[test]
fn date_time_rejects_with_the_rule() {
    assert_eq!(rule_of::<DateTime>(""), Rule::Empty);
    assert_eq!(
        rule_of::<DateTime>("2013-10-22T18:43:17"),
        Rule::InvalidCharacter { found: 'T', at: 10 }
    );
    assert_eq!(
        rule_of::<DateTime>("2013-10-22 18:43"),
        Rule::Length {
            expected: 19,
            found: 16
        }
    );
    assert_eq!(
        rule_of::<DateTime>("2013-10-22 18:43:17 "),
        Rule::Length {
            expected: 19,
            found: 20
        }
    );
    assert_eq!(
        rule_of::<DateTime>("2013-10-22\t18:43:17"),
        Rule::Whitespace
    );
    assert_eq!(
        rule_of::<DateTime>("2013/10/22 18:43:17"),
        Rule::InvalidCharacter { found: '/', at: 4 }
    );
    assert_eq!(
        rule_of::<DateTime>("2013-10-22 18-43-17"),
        Rule::Layout("yyyy-MM-dd HH:mm:ss")
    );
    assert_eq!(
        rule_of::<DateTime>("13-10-22  18:43:17:"),
        Rule::Layout("yyyy-MM-dd HH:mm:ss")
    );
    assert_eq!(
        rule_of::<DateTime>("20131022184317"),
        Rule::Length {
            expected: 19,
            found: 14
        }
    );
    assert_eq!(
        rule_of::<DateTime>("2013-02-29 18:43:17"),
        Rule::InvalidDateTime { component: "day" }
    );
    assert_eq!(
        rule_of::<DateTime>("2013-10-22 25:43:17"),
        Rule::InvalidDateTime { component: "hour" }
    );
    let msg = DateTime::parse("2013-10-22 18-43-17")
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("must have the layout yyyy-MM-dd HH:mm:ss"),
        "{msg}"
    );
}

#[test]
fn beijing_time_conversions() {
    // The same instant given in UTC is seen at 20:35:33 in Beijing.
    let utc = datetime!(2011-07-07 12:35:33.999 UTC);
    let t = CompactTime::from_offset_date_time(utc).unwrap();
    assert_eq!(t.to_string(), "20110707203533"); // sub-seconds dropped
    let back: time::OffsetDateTime = t.into();
    assert_eq!(back, datetime!(2011-07-07 12:35:33 UTC));
    assert_eq!(back.offset(), BEIJING);

    let t = DateTime::new(datetime!(2013-10-22 18:43:17.5)).unwrap();
    assert_eq!(t.to_string(), "2013-10-22 18:43:17");
    assert_eq!(CompactTime::new(datetime!(-0001-01-01 0:00)), None);
    // Year 9999 in UTC is year 10000 in Beijing after 16:00.
    assert_eq!(
        CompactTime::from_offset_date_time(datetime!(9999-12-31 16:00 UTC)),
        None
    );

    let now = CompactTime::now();
    assert_eq!(now.to_string().len(), 14);
    assert_eq!(CompactTime::parse(&now.to_string()).unwrap(), now);
    assert_eq!(DateTime::now().to_string().len(), 19);
}

#[test]
fn timestamp_millis() {
    let t = TimestampMillis::parse("1309437333420").unwrap();
    assert_eq!(t.millis(), 1_309_437_333_420);
    assert_eq!(t.to_string(), "1309437333420");
    assert_eq!(wire(&t), "1309437333420");
    assert_eq!("1309437333420".parse::<TimestampMillis>().unwrap(), t);
    // Python: datetime.fromtimestamp(1309437333.420, UTC+8) == 2011-06-30 20:35:33.420, which is
    // the SNS document's create_time sample 20110630203533.
    let odt = t.to_offset_date_time().unwrap();
    assert_eq!(odt, datetime!(2011-06-30 12:35:33.420 UTC));
    assert_eq!(
        CompactTime::from_offset_date_time(odt).unwrap().to_string(),
        "20110630203533"
    );
    assert_eq!(TimestampMillis::from_offset_date_time(odt), Some(t));

    let st = t.to_system_time().unwrap();
    assert_eq!(st, UNIX_EPOCH + Duration::from_millis(1_309_437_333_420));
    assert_eq!(TimestampMillis::from_system_time(st), Some(t));
    assert_eq!(
        TimestampMillis::from_system_time(UNIX_EPOCH - Duration::from_millis(1)),
        None
    );
    assert_eq!(
        TimestampMillis::from_offset_date_time(datetime!(1969-12-31 23:59:59.9995 UTC)),
        None
    );

    let before = SystemTime::now();
    let now = TimestampMillis::now();
    assert!(now >= TimestampMillis::from_system_time(before).unwrap());
    assert_eq!(now.to_string().len(), 13);
}

#[test]
fn timestamp_millis_rejects_with_the_rule() {
    assert_eq!(rule_of::<TimestampMillis>(""), Rule::Empty);
    assert_eq!(rule_of::<TimestampMillis>("-1309437333420"), Rule::Sign);
    assert_eq!(rule_of::<TimestampMillis>("+1309437333420"), Rule::Sign);
    assert_eq!(
        rule_of::<TimestampMillis>("1309437333.420"),
        Rule::InvalidCharacter { found: '.', at: 10 }
    );
    assert_eq!(
        rule_of::<TimestampMillis>("1309437333420 "),
        Rule::Whitespace
    );
    assert_eq!(
        rule_of::<TimestampMillis>("18446744073709551616"),
        Rule::Overflow {
            max: "18446744073709551615"
        }
    );
}

// ---------------------------------------------------------------- HttpUrl

#[test]
fn http_url_accepts() {
    for text in [
        "http://www.test.com/notify/alipay/interface.htm",
        "https://mapi.alipay.com/gateway.do",
        "http://hudson.d11.alipay.net:8180/cynthia/tools/notify",
        "HTTPS://Example.COM",
        "http://example.com",
        "http://example.com?x=1",
        "http://example.com#top",
        "http://127.0.0.1:65535/",
        "http://[::1]:8080/notify",
        "http://[2001:db8::1]/",
        "http://例子.中国/通知",
        "http://example.com./",
        "http://my_host.local/a%20b",
    ] {
        let url = HttpUrl::parse(text).expect(text);
        assert_eq!(url.as_str(), text);
        assert_eq!(url.to_string(), text);
        assert_eq!(wire(&url), text);
        assert_eq!(HttpUrl::try_from(text.to_owned()).unwrap(), url);
        assert_eq!(String::from(url), text);
    }
    assert!(HttpUrl::parse("https://a.b/").unwrap().is_https());
    assert!(HttpUrl::parse("HTTPS://a.b/").unwrap().is_https());
    assert!(!HttpUrl::parse("http://a.b/").unwrap().is_https());
}

#[test]
fn http_url_rejects_with_the_rule() {
    let cases: [(&str, Rule); 20] = [
        ("", Rule::Empty),
        ("ftp://example.com/", Rule::UrlScheme),
        ("www.example.com/notify", Rule::UrlScheme),
        ("/notify", Rule::UrlScheme),
        ("http:/example.com", Rule::UrlScheme),
        ("httpx://example.com", Rule::UrlScheme),
        ("http://", Rule::UrlHost),
        ("http:///path", Rule::UrlHost),
        ("http://:80/", Rule::UrlHost),
        ("http://a..b/", Rule::UrlHost),
        ("http://.a/", Rule::UrlHost),
        ("http://exa<mple.com/", Rule::UrlHost),
        ("http://[::1/", Rule::UrlHost),
        ("http://user:pw@example.com/", Rule::UrlUserInfo),
        ("http://example.com:0/", Rule::UrlPort),
        ("http://example.com:65536/", Rule::UrlPort),
        ("http://example.com:http/", Rule::UrlPort),
        ("http://www.test.com/ notify", Rule::Whitespace),
        (" http://www.test.com/", Rule::Whitespace),
        (
            "http://www.test.com/\u{7f}",
            Rule::ControlCharacter('\u{7f}'),
        ),
    ];
    for (text, rule) in cases {
        assert_eq!(rule_of::<HttpUrl>(text), rule, "{text:?}");
    }
    assert_eq!(rule_of::<HttpUrl>("http://a.b/\r\n"), Rule::Whitespace);
    assert_eq!(
        rule_of::<HttpUrl>("http://a.b/\0"),
        Rule::ControlCharacter('\0')
    );
    let msg = HttpUrl::parse("ftp://x/").unwrap_err().to_string();
    assert_eq!(
        msg,
        "\"ftp://x/\" is not an absolute http:// or https:// URL: \
         the URL must start with http:// or https://"
    );
}

// ---------------------------------------------------------------- closed sets

// Declared here, in another crate: proves the macro only uses `$crate` paths.
alipay_core::wire_enum! {
    /// 物流方式 (flow_type).
    pub enum FlowType {
        /// 不需要物流 (no logistics).
        NoLogistics = "8",
        /// 平邮 (surface mail).
        Post = "1",
        /// 快递 (express).
        Express = "2",
    }
}

alipay_core::wire_enum! {
    /// A private set with a trailing-comma-free list and extra derives.
    #[derive(PartialOrd, Ord)]
    enum BizStatus {
        /// 进行中.
        Active = "1",
        /// 卖家关闭.
        ClosedBySeller = "2",
        /// 超时关闭.
        TimedOut = "3",
        /// 商品售完关闭.
        SoldOut = "4"
    }
}

fn generic_values<E: WireEnum>() -> Vec<&'static str> {
    E::ALL.iter().map(|v| v.as_str()).collect()
}

#[test]
fn wire_enum_from_another_crate() {
    assert_eq!(
        FlowType::ALL,
        [FlowType::NoLogistics, FlowType::Post, FlowType::Express]
    );
    assert_eq!(FlowType::VALUES, ["8", "1", "2"]);
    assert_eq!(<FlowType as WireEnum>::VALUES, FlowType::VALUES);
    assert_eq!(generic_values::<FlowType>(), ["8", "1", "2"]);
    for (v, text) in FlowType::ALL.iter().zip(FlowType::VALUES) {
        assert_eq!(v.as_str(), *text);
        assert_eq!(v.to_string(), *text);
        assert_eq!(wire(v), *text);
        assert_eq!(FlowType::parse_wire(text).unwrap(), *v);
        assert_eq!(text.parse::<FlowType>().unwrap(), *v);
        assert_eq!(FlowType::from_wire(text), Some(*v));
    }
    assert_eq!(format!("{:>3}", FlowType::Post), "  1");
    assert_eq!(FlowType::FORMAT, "a value of FlowType");

    for bad in ["3", "", " 8", "8 ", "Post", "08", "８"] {
        let err = FlowType::parse_wire(bad).unwrap_err();
        assert_eq!(err.rule(), Rule::NotOneOf(&["8", "1", "2"]));
        assert_eq!(err.value(), bad);
        assert_eq!(FlowType::from_wire(bad), None);
    }
    assert_eq!(
        FlowType::parse_wire("3").unwrap_err().to_string(),
        "\"3\" is not a value of FlowType: the value must be one of `8`, `1`, `2` \
         (exact, case-sensitive)"
    );

    assert_eq!(BizStatus::parse_wire("4").unwrap(), BizStatus::SoldOut);
    assert!(BizStatus::Active < BizStatus::SoldOut);
    assert_eq!(generic_values::<BizStatus>(), ["1", "2", "3", "4"]);
}

#[test]
fn transport_type() {
    assert_eq!(TransportType::VALUES, ["POST", "EXPRESS", "EMS", "DIRECT"]);
    assert_eq!(
        TransportType::parse_wire("EXPRESS").unwrap(),
        TransportType::Express
    );
    assert_eq!(TransportType::Direct.as_str(), "DIRECT");
    assert_eq!(TransportType::Ems.to_string(), "EMS");
    let err = TransportType::parse_wire("express").unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"express\" is not a value of TransportType: the value must be one of `POST`, `EXPRESS`, \
         `EMS`, `DIRECT` (exact, case-sensitive)"
    );
}

#[test]
fn trade_status() {
    for text in [
        "WAIT_BUYER_PAY",
        "WAIT_SELLER_SEND_GOODS",
        "WAIT_BUYER_CONFIRM_GOODS",
        "TRADE_FINISHED",
        "TRADE_CLOSED",
        "TRADE_SUCCESS",
        "TRADE_PENDING",
    ] {
        assert_eq!(TradeStatus::parse_wire(text).unwrap().as_str(), text);
    }
    assert_eq!(TradeStatus::ALL.len(), 7);
    // The state in the shipping fixture.
    assert_eq!(
        TradeStatus::parse_wire("WAIT_BUYER_CONFIRM_GOODS").unwrap(),
        TradeStatus::WaitBuyerConfirmGoods
    );
    assert!(TradeStatus::parse_wire("wait_buyer_pay").is_err());
    // A state Alipay adds later is kept, with its text; it is not one of the known ones.
    let later = TradeStatus::parse_wire("TRADE_REFUND_PENDING").unwrap();
    assert_eq!(later, TradeStatus::Other("TRADE_REFUND_PENDING".to_owned()));
    assert!(!later.is_known() && TradeStatus::TradeClosed.is_known());
    assert_eq!(later.to_string(), "TRADE_REFUND_PENDING");
    assert_eq!(String::from(later.clone()), "TRADE_REFUND_PENDING");
    assert!(later == "TRADE_REFUND_PENDING" && TradeStatus::TradeClosed == "TRADE_CLOSED");
    // Only upper-case letters, digits and `_`: anything else is refused, naming the character.
    for bad in [
        "",
        "TRADE FINISHED",
        "TRADE-FINISHED",
        "TRADE_FINISHED\n",
        "交易完成",
    ] {
        assert!(TradeStatus::parse_wire(bad).is_err(), "{bad:?}");
    }
    let err = TradeStatus::parse_wire("TRADE FINISHED").unwrap_err();
    assert_eq!(err.rule(), Rule::InvalidCharacter { found: ' ', at: 5 });
}

#[test]
fn wire_value_error_accessors() {
    let err = WireValueError::new("a test format", Rule::Other("a custom rule"), "x y");
    assert_eq!(err.format(), "a test format");
    assert_eq!(err.rule(), Rule::Other("a custom rule"));
    assert_eq!(err.value(), "x y");
    assert_eq!(
        err.to_string(),
        "\"x y\" is not a test format: a custom rule"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.to_string().contains("a custom rule"));
}

/// `wire_chars` counts without formatting; it must equal the length of the wire text.
#[test]
fn wire_chars_equals_the_wire_text_length() {
    use alipay_core::types::{Amount, TimestampMillis, WireValue};
    for n in [
        0u64,
        1,
        9,
        10,
        99,
        100,
        99_999,
        100_000,
        u64::from(u32::MAX),
        u64::MAX,
    ] {
        assert_eq!(n.wire_chars(), n.to_wire().chars().count(), "{n}");
        if let Ok(small) = u32::try_from(n) {
            assert_eq!(small.wire_chars(), small.to_wire().len(), "{small}");
        }
        let amount = Amount::from_fen(n);
        assert_eq!(amount.wire_chars(), amount.to_wire().len(), "{amount}");
        let t = TimestampMillis::from_millis(n);
        assert_eq!(t.wire_chars(), t.to_wire().len(), "{n}");
    }
    assert_eq!("围巾".to_owned().wire_chars(), 2);
}
