//! The generated code is warning-free: every feature of the derive, under `deny(warnings)` and
//! clippy's default and pedantic groups (`cargo clippy --all-targets -- -D warnings` checks this file).

#![deny(warnings, clippy::all, clippy::pedantic)]
#![deny(missing_docs, unreachable_pub, unused_qualifications, unused_results)]

use alipay_core::service::Violation;
use alipay_core::types::{Amount, CompactTime, HttpUrl, TimestampMillis, TransportType};
use alipay_core::{Request, Response};

alipay_core::wire_enum! {
    /// A closed set.
    pub enum Kind {
        /// One.
        One = "1",
        /// Two.
        Two = "2",
    }
}

/// Every container rule and every field kind.
#[derive(Clone, PartialEq, Eq, Request)]
#[alipay(service = "lint.all.features", response = Option<Payload>, method = GET)]
#[alipay(one_of(transport_type, create_transport_type))]
#[alipay(required_if(kind = "2", fee > 0, note))]
#[alipay(relation(min <= max), relation(max != min))]
#[alipay(custom = whole)]
pub struct AllFeatures {
    /// A URL.
    #[alipay(
        label = "通知URL",
        ty = "String(200)",
        example = "https://example.com/n"
    )]
    pub notify_url: HttpUrl,
    /// A secret.
    #[alipay(
        name = "key",
        label = "用户key",
        ty = "String(40)",
        secret,
        example = "k"
    )]
    pub user_key: String,
    /// Free text with a length and a custom check.
    #[alipay(max_len = 10, custom = no_spaces, example = "abc")]
    pub code: String,
    /// An amount.
    #[alipay(example = "1.00")]
    pub fee: Option<Amount>,
    /// A closed set.
    #[alipay(example = "2")]
    pub kind: Kind,
    /// An optional note.
    #[alipay(example = "x")]
    pub note: Option<String>,
    /// Numbers.
    #[alipay(ty = "String(5)", example = "1")]
    pub min: u32,
    /// Numbers.
    #[alipay(ty = "String(5)", example = "2")]
    pub max: u32,
    /// One of two.
    #[alipay(example = "EMS")]
    pub transport_type: Option<TransportType>,
    /// One of two.
    #[alipay(example = "POST")]
    pub create_transport_type: Option<TransportType>,
    /// Milliseconds.
    #[alipay(example = "1309437333420")]
    pub timestamp: Option<TimestampMillis>,
    /// A raw identifier.
    #[alipay(example = "20110707203533")]
    pub r#type: CompactTime,
    /// A big number.
    #[alipay(example = "18446744073709551615")]
    pub big: u64,
}

fn no_spaces(code: &str) -> Result<(), String> {
    if code.contains(' ') {
        Err(format!("{code:?} has spaces"))
    } else {
        Ok(())
    }
}

fn whole(all: &AllFeatures) -> Result<(), Violation> {
    if all.code == "forbidden" {
        return Err(Violation::custom("code", "is forbidden", None));
    }
    Ok(())
}

/// A payload.
#[derive(Debug, Clone, PartialEq, Eq, Response)]
#[alipay(element = "payload")]
pub struct Payload {
    /// Required.
    #[alipay(label = "商品id", ty = "String(25)", example = "2011")]
    pub goods_id: String,
    /// Optional.
    #[alipay(name = "fee", example = "5.00")]
    pub amount: Option<Amount>,
    /// Time.
    pub time: Option<CompactTime>,
}

/// No fields at all.
#[derive(Debug, Default, Response)]
#[alipay(element = "empty")]
pub struct Empty {}

/// No fields, no rules.
#[derive(Request)]
#[alipay(service = "lint.empty", response = Empty)]
pub struct NoParams {}

/// Only optional fields, no examples.
#[derive(Request)]
#[alipay(service = "lint.optional", response = ())]
pub struct OnlyOptional {
    /// Optional.
    pub a: Option<String>,
}

#[test]
fn generated_code_runs() {
    let all = AllFeatures::example();
    all.validate().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(AllFeatures::PARAMS.len(), 13);
    assert!(NoParams {}.validate().is_ok());
    assert!(OnlyOptional { a: None }.validate().is_ok());
    assert!(NoParams::from_params::<&str, &str>(&[]).is_ok());
    assert_eq!(Payload::FIELDS.len(), 3);
    assert_eq!(Empty::ELEMENT, "empty");
    // The derived `Debug`: the secret hidden, the rest shown.
    let debug = format!("{all:?}");
    assert!(
        debug.contains("user_key: <secret>, code: \"abc\""),
        "{debug}"
    );
    assert_eq!(format!("{:?}", NoParams {}), "NoParams");
    assert_eq!(
        format!("{:?}", OnlyOptional { a: None }),
        "OnlyOptional { a: None }"
    );
}
