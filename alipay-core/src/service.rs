//! The contract between a declared service and the runtime.
//!
//! A service is two structs that mirror its spec table: a request (`#[derive(Request)]`) and a
//! response payload (`#[derive(Response)]`). The derives implement [`Request`] and [`Response`];
//! everything the runtime needs (the service name, the parameter table, validation, the signed
//! parameters in order, the typed response) comes from these traits.
//!
//! ```
//! use alipay_core::service::{CommonParams, Request};
//! use alipay_services::sns_create_goods_ws::CreateGoods;
//! use alipay_core::{canonical, Charset};
//!
//! let goods = CreateGoods::example();
//! goods.validate()?;
//! let mut params = Vec::new();
//! let common = CommonParams { partner: "2088002464631181", charset: Charset::Utf8 };
//! goods.signing_params(&common, &mut params);
//! assert!(canonical::signing_string(&params).starts_with("_input_charset=utf-8&buy_max_num=100&"));
//! # Ok::<(), alipay_core::service::ValidationErrors>(())
//! ```
//!
//! The attributes the derives read are documented on [`Request`](macro@crate::Request) and
//! [`Response`](macro@crate::Response).

use std::borrow::Cow;
use std::fmt;

use crate::charset::Charset;
use crate::error::CodeSpec;
use crate::types::{self, WireValueError};
use crate::xml::Payload;

/// The HTTP method a service is called with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: parameters in the query string.
    Get,
    /// `POST`: parameters in a form body (`_input_charset` also in the query string).
    Post,
}

impl Method {
    /// `GET` or `POST`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sending a request again means, declared on the service: the client's retry rule reads it.
///
/// Declared with `#[alipay(idempotent)]` or `#[alipay(conflict = "CODE")]` on the request; a
/// service that declares neither is [`Repeat::Unsafe`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Repeat {
    /// Nothing makes a repeat safe: after an attempt that may have reached Alipay (a timeout, a
    /// connection lost after sending, an error code such as `SYSTEM_ERROR`), the call is not
    /// repeated, since the change could be applied twice. Only a failure to connect is retried.
    Unsafe,
    /// Repeating has the effect of calling once (the service's document says so, e.g.
    /// send_goods_confirm_by_platform's "接口有幂等性控制", or it only reads): every retryable
    /// failure is retried.
    Idempotent,
    /// Not idempotent, but Alipay refuses a repeat of an applied request with this error code
    /// (e.g. `GOODS_EXISTS_ERROR` for sns.create.goods.ws): every retryable failure is retried, and
    /// this code after an uncertain attempt means "possibly applied by that attempt".
    Conflict(&'static str),
}

/// Who sends a service's request to the gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The merchant's server calls the gateway and reads an XML answer
    /// ([`ApiService`]: `Client::execute`).
    Api,
    /// The buyer's browser is sent to the gateway (a redirect or an auto-submitted form) and sees
    /// Alipay's pages; the outcome comes back as a return to `return_url` and a notification to
    /// `notify_url` ([`PageService`]: `Client::page_url` / `page_form`). Declared
    /// `#[alipay(page)]`.
    Page,
}

impl Kind {
    /// `api` or `page`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Page => "page",
        }
    }
}

/// An API service: the merchant's server calls it and reads an XML answer. Implemented by
/// `#[derive(Request)]` for every request not declared `#[alipay(page)]`; `Client::execute`
/// requires it, so a page service given to `execute` does not compile.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a page service: the buyer's browser carries it, the server does not call it",
    label = "declared `#[alipay(page)]`",
    note = "send the buyer to `client.page_url(&request)` or serve `client.page_form(&request, …)`; the outcome arrives at return_url and notify_url"
)]
pub trait ApiService: Request {}

/// A page service: the buyer's browser carries the request to the gateway. Implemented by
/// `#[derive(Request)]` for a request declared `#[alipay(page)]`; `Client::page_url` and
/// `page_form` require it, so an API service given to them does not compile.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is an API service: the server calls it and reads the XML answer, no browser visits it",
    label = "not declared `#[alipay(page)]`",
    note = "call it with `client.execute(&request)`; a service the buyer's browser visits is declared `#[alipay(page)]`"
)]
pub trait PageService: Request {}

/// One row of a service's request table (请求输入参数表), as declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSpec {
    /// 参数名: the wire name.
    pub name: &'static str,
    /// 参数说明: the label.
    pub label: &'static str,
    /// 类型(精度): the column text verbatim, e.g. `String(128)` (empty when the spec gives none).
    pub ty: &'static str,
    /// The most characters the wire text may have, from `String(N)`.
    pub max_len: Option<usize>,
    /// 可空: `true` for `Y` (an `Option` field).
    pub nullable: bool,
    /// 样例: the sample value.
    pub example: Option<&'static str>,
    /// 备注: the field's doc comment.
    pub note: &'static str,
    /// The closed set of wire values, empty when the value is not from a closed set.
    pub allowed: &'static [&'static str],
    /// True for a value that must never appear in errors or logs (e.g. the SNS user `key`).
    pub secret: bool,
    /// The format of the field's type in words (see [`WireValue::FORMAT`](crate::types::WireValue::FORMAT)).
    pub format: &'static str,
}

/// One row of a service's response table (xml返回的参数列表), as declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// 参数名: the child element's tag.
    pub name: &'static str,
    /// 参数说明: the label.
    pub label: &'static str,
    /// 类型(精度): the column text verbatim (empty when the spec gives none).
    pub ty: &'static str,
    /// 可空: `true` for `Y` (an `Option` field: the element may be missing or empty).
    pub nullable: bool,
    /// 样例: the sample value.
    pub example: Option<&'static str>,
    /// 备注: the field's doc comment.
    pub note: &'static str,
    /// The closed set of wire values, empty when the value is not from a closed set.
    pub allowed: &'static [&'static str],
    /// The format of the field's type in words.
    pub format: &'static str,
    /// For a field holding repeated child records ([`Records`](types::Records)), their table;
    /// `None` for a text field.
    pub records: Option<types::RecordTable>,
}

/// A cross-field rule of a request, as declared (`one_of`, `required_if`, `relation`, `custom`):
/// the metadata [`Request::RULES`] lists for tools (a spec checker, documentation, a gateway);
/// [`Request::validate`] enforces them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleSpec {
    /// `one_of(a, b, …)`: at least one of these parameters is set.
    OneOf(&'static [&'static str]),
    /// `required_if(when = "v" | "w", a, b > 0)`: when `when`'s wire value is one of `values`, each
    /// target is required (and, when its flag is true, greater than zero).
    RequiredIf {
        /// The parameter whose value triggers the rule.
        when: &'static str,
        /// The wire values that trigger it.
        values: &'static [&'static str],
        /// The required parameters, each with "must be greater than zero".
        then: &'static [(&'static str, bool)],
    },
    /// `relation(left op right)`: holds when both are set.
    Relation {
        /// The left parameter.
        left: &'static str,
        /// `<`, `<=`, `>`, `>=`, `==` or `!=`.
        op: &'static str,
        /// The right parameter.
        right: &'static str,
    },
    /// `count(count = list)`: `count` states how many items list parameter `list` holds.
    Count {
        /// The parameter stating the number (e.g. `batch_num`).
        count: &'static str,
        /// The list parameter (e.g. `detail_data`).
        list: &'static str,
    },
    /// `total(total = list.field)`: `total` states the sum of the items' amount `field`.
    Total {
        /// The parameter stating the sum (e.g. `batch_fee`).
        total: &'static str,
        /// The list parameter (e.g. `detail_data`).
        list: &'static str,
        /// The items' amount field (e.g. `amount`).
        field: &'static str,
    },
    /// `custom = path`: a check over the whole request, named by its path as written.
    Custom(&'static str),
}

/// The signed common parameters the runtime adds to every request (`sign` and `sign_type` are
/// added after signing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommonParams<'a> {
    /// `partner`: the 16-digit partner id (omitted from the signed parameters when empty).
    pub partner: &'a str,
    /// `_input_charset`.
    pub charset: Charset,
}

/// A service's request, implemented by `#[derive(Request)]` (which also implements `Debug`,
/// printing `secret` parameters as `<secret>`).
pub trait Request: Sized {
    /// The `service` parameter, e.g. `sns.create.goods.ws`.
    const SERVICE: &'static str;
    /// How the service is called.
    const METHOD: Method;
    /// The business parameters of the request table, in declaration (table) order. The common
    /// parameters (`service`, `partner`, `_input_charset`, `sign_type`, `sign`) are not listed.
    const PARAMS: &'static [ParamSpec];
    /// The cross-field rules, in declaration order (each parameter's own rules are in
    /// [`PARAMS`](Self::PARAMS)).
    const RULES: &'static [RuleSpec] = &[];
    /// The parameters that say what the request is about (`#[alipay(identifies(trade_no, …))]`):
    /// a response that carries a field of the same name must carry the same value, else it is
    /// an answer about something else (a replayed or substituted response) and the client refuses
    /// it.
    const IDENTIFIERS: &'static [&'static str] = &[];
    /// What sending the request again means (`#[alipay(idempotent)]`,
    /// `#[alipay(conflict = "CODE")]`; [`Repeat::Unsafe`] when neither is declared).
    const REPEAT: Repeat = Repeat::Unsafe;
    /// The service's error table (`#[alipay(error_codes = PATH)]`; empty when not declared): what
    /// each code means and what to do about it for this service (see
    /// [`CodeSpec`] and [`ErrorCode::described_by`](crate::ErrorCode::described_by)).
    const ERROR_CODES: &'static [crate::error::CodeSpec] = &[];
    /// Who sends the request: [`Kind::Api`], or [`Kind::Page`] for `#[alipay(page)]`.
    const KIND: Kind = Kind::Api;
    /// The typed business payload of a successful response (`Option<…>` when it may be absent).
    type Response: Response;

    /// Checks every rule of the table and the declaration; all violations are returned together.
    fn validate(&self) -> Result<(), ValidationErrors>;

    /// Appends every signed parameter (the business parameters plus `_input_charset`, `partner`
    /// and `service`) to `out`, in byte order of name, with absent and empty values omitted:
    /// exactly what [`canonical::signing_string`](crate::canonical::signing_string) joins.
    /// `sign` and `sign_type` are not included. Values borrow from `self` where they can.
    fn signing_params<'a>(
        &'a self,
        common: &CommonParams<'a>,
        out: &mut Vec<(&'static str, Cow<'a, str>)>,
    );

    /// Calls `visitor`'s method for this request's kind ([`Visitor::visit_api`] or
    /// [`Visitor::visit_page`]) with `Self`: how a catalog hands a type to a runtime that needs
    /// its kind (see [`crate::catalog`]).
    ///
    fn accept<V: Visitor + ?Sized>(visitor: &mut V, info: &ServiceInfo)
    where
        Self: 'static;

    /// Builds the request from received wire parameters (a sandbox or a test gateway), checking
    /// every rule; all violations are returned together. The common parameters are skipped; any
    /// other name not in [`Request::PARAMS`] is a [`Rule::Unknown`] violation.
    fn from_params<K: AsRef<str>, V: AsRef<str>>(
        params: &[(K, V)],
    ) -> Result<Self, ValidationErrors>;

    /// The declared row of parameter `name`.
    fn param(name: &str) -> Option<&'static ParamSpec> {
        Self::PARAMS.iter().find(|p| p.name == name)
    }
}

/// Which table Alipay sends a [`Notification`] in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    /// 服务器异步通知参数: posted by Alipay's servers to `notify_url` (confirm it with
    /// `notify_verify` and answer `success`).
    Notify,
    /// 页面跳转同步通知参数: the query string of `return_url`, carried by the buyer's browser.
    Return,
}

/// A table of parameters Alipay sends (a notification or a return), implemented by
/// `#[derive(Notification)]` (see the derive's docs).
///
/// The signature covers every received parameter, declared or not; a verifying client checks it
/// over all of them first, then reads the declared ones with [`from_params`](Self::from_params)
/// and keeps the rest.
pub trait Notification: Sized {
    /// The service whose document has the table (`service = "…"`; empty when not given).
    const SERVICE: &'static str;
    /// Notification or return.
    const KIND: NotificationKind;
    /// The table's rows, in declaration (table) order.
    const FIELDS: &'static [ParamSpec];

    /// Reads the declared rows from received parameters, checking each (required, format,
    /// length, closed set); all violations are returned together. Parameters the table does not
    /// declare are skipped, not refused.
    fn from_params<K: AsRef<str>, V: AsRef<str>>(
        params: &[(K, V)],
    ) -> Result<Self, ValidationErrors>;
}

/// A service's response payload (`<response><ELEMENT>…</ELEMENT></response>`), implemented by
/// `#[derive(Response)]`.
///
/// `Option<T>` is a response whose payload may be absent; `()` ignores the payload.
pub trait Response: Sized {
    /// The payload element's tag, e.g. `goods`.
    const ELEMENT: &'static str;
    /// The fields of the response table, in declaration order.
    const FIELDS: &'static [FieldSpec];

    /// Reads the payload's child elements (the element's own name is not checked). Unknown
    /// children are ignored; a missing required child or a value that does not parse is an error
    /// naming the element path and the text.
    fn from_payload(payload: &Payload) -> Result<Self, ResponseFieldError>;

    /// Appends the payload's fields in table order as `(tag, wire text)`, absent optional fields
    /// and empty values omitted: what a gateway (the sandbox) puts inside `<ELEMENT>`, and what a
    /// tool prints. `from_payload` of the result gives back an equal value.
    fn write_fields<'a>(&'a self, out: &mut Vec<(&'static str, Cow<'a, str>)>);

    /// [`write_fields`](Self::write_fields) into a new list.
    fn to_fields(&self) -> Vec<(&'static str, Cow<'_, str>)> {
        let mut out = Vec::with_capacity(Self::FIELDS.len());
        self.write_fields(&mut out);
        out
    }

    /// The answers of a service that answers in plain text instead of the XML envelope
    /// (`notify_verify`: `true`, `false`, `invalid`); empty, the default, for an XML answer. For a
    /// text answer the client reads the body with [`from_text`](Self::from_text): there is no
    /// envelope, no error code and no signature, and [`ELEMENT`](Self::ELEMENT) is empty. A text
    /// answer is declared by implementing this trait by hand (see
    /// [`NotifyVerify`](crate::notify::NotifyVerify)); `#[derive(Response)]` is for XML payloads.
    const TEXT: &'static [&'static str] = &[];

    /// Reads a plain-text answer (the body; surrounding ASCII whitespace is not significant). Only
    /// called when [`TEXT`](Self::TEXT) is not empty; the default refuses every text.
    fn from_text(text: &[u8]) -> Result<Self, ResponseFieldError> {
        Err(ResponseFieldError::new(
            Self::ELEMENT,
            None,
            ResponseErrorKind::UnexpectedText {
                found: crate::sign::truncated_to(&String::from_utf8_lossy(text), 64),
                expected: Self::TEXT,
            },
        ))
    }

    /// Reads the envelope's payload: it must be present and named [`Response::ELEMENT`].
    fn from_response(payload: Option<&Payload>) -> Result<Self, ResponseFieldError> {
        match payload {
            Some(p) if p.name == Self::ELEMENT => Self::from_payload(p),
            Some(p) => Err(ResponseFieldError::new(
                Self::ELEMENT,
                None,
                ResponseErrorKind::WrongElement {
                    found: p.name.clone(),
                },
            )),
            None => Err(ResponseFieldError::new(
                Self::ELEMENT,
                None,
                ResponseErrorKind::MissingPayload,
            )),
        }
    }
}

impl<T: Response> Response for Option<T> {
    const ELEMENT: &'static str = T::ELEMENT;
    const FIELDS: &'static [FieldSpec] = T::FIELDS;
    const TEXT: &'static [&'static str] = T::TEXT;

    fn from_text(text: &[u8]) -> Result<Self, ResponseFieldError> {
        T::from_text(text).map(Some)
    }

    fn from_payload(payload: &Payload) -> Result<Self, ResponseFieldError> {
        T::from_payload(payload).map(Some)
    }

    fn write_fields<'a>(&'a self, out: &mut Vec<(&'static str, Cow<'a, str>)>) {
        if let Some(inner) = self {
            inner.write_fields(out);
        }
    }

    /// A missing payload is `None`; a present one must be `T`'s.
    fn from_response(payload: Option<&Payload>) -> Result<Self, ResponseFieldError> {
        match payload {
            None => Ok(None),
            Some(_) => T::from_response(payload).map(Some),
        }
    }
}

/// A service whose response carries no payload: any payload is ignored.
impl Response for () {
    const ELEMENT: &'static str = "";
    const FIELDS: &'static [FieldSpec] = &[];

    fn from_payload(_: &Payload) -> Result<Self, ResponseFieldError> {
        Ok(())
    }

    fn write_fields<'a>(&'a self, _: &mut Vec<(&'static str, Cow<'a, str>)>) {}

    fn from_response(_: Option<&Payload>) -> Result<Self, ResponseFieldError> {
        Ok(())
    }
}

/// Which rule a parameter breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A required parameter (可空 `N`) is missing or empty.
    Required,
    /// An optional parameter is present but empty: when used, it must have a value.
    Empty,
    /// The wire text is longer than the column's `String(N)`, in characters.
    MaxLength {
        /// The column's limit.
        max: usize,
        /// The length of the value.
        actual: usize,
    },
    /// The value is not in the column's closed set.
    NotInSet {
        /// The allowed wire values.
        allowed: &'static [&'static str],
    },
    /// The value does not have the format of the column's type.
    Format {
        /// The format in words, e.g. `an amount in yuan with at most two decimals (e.g. 100.40)`.
        expected: &'static str,
        /// What is wrong with it.
        problem: types::Rule,
    },
    /// None of a group of parameters is set; at least one must be.
    OneOf {
        /// The group.
        params: &'static [&'static str],
    },
    /// The parameter is required because another parameter has one of some values.
    RequiredIf {
        /// The parameter the condition reads.
        when: &'static str,
        /// The values that make this parameter required.
        values: &'static [&'static str],
    },
    /// The parameter must be greater than zero because another parameter has one of some values.
    PositiveIf {
        /// The parameter the condition reads.
        when: &'static str,
        /// The values that make the bound apply.
        values: &'static [&'static str],
    },
    /// A relation with another parameter does not hold: `param op other` is false.
    Relation {
        /// The comparison that must hold, e.g. `<=`.
        op: &'static str,
        /// The other parameter.
        other: &'static str,
        /// The other parameter's value (`None` when it is secret).
        other_value: Option<String>,
    },
    /// The parameter states how many items a list parameter holds, and it holds another number.
    Count {
        /// The list parameter.
        list: &'static str,
        /// How many items it holds.
        items: usize,
    },
    /// The parameter states the sum of an amount field of a list parameter's items, and they sum
    /// to something else.
    Total {
        /// The list parameter.
        list: &'static str,
        /// The items' field.
        field: &'static str,
        /// Their sum, in yuan (`None` when it overflows).
        sum: Option<String>,
    },
    /// The parameter is given more than once.
    Duplicate,
    /// The parameter is not in the service's table.
    Unknown,
    /// A custom check failed, with its message.
    Custom(String),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, items: &[&str], sep: &str| {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                f.write_str(item)?;
            }
            Ok(())
        };
        match self {
            Self::Required => f.write_str("is required (可空 N) but missing or empty"),
            Self::Empty => f.write_str("is optional, but when given it must not be empty"),
            Self::MaxLength { max, actual } => {
                write!(
                    f,
                    "is {actual} characters long, the column allows at most {max}"
                )
            }
            Self::NotInSet { allowed } => {
                f.write_str("must be one of ")?;
                list(f, allowed, ", ")
            }
            Self::Format { expected, problem } => write!(f, "is not {expected}: {problem}"),
            Self::OneOf { params } => {
                f.write_str("is part of a group of which at least one must be set: ")?;
                list(f, params, ", ")
            }
            Self::RequiredIf { when, values } => {
                write!(f, "is required when {when} is ")?;
                list(f, values, " or ")
            }
            Self::PositiveIf { when, values } => {
                write!(f, "must be greater than 0 when {when} is ")?;
                list(f, values, " or ")
            }
            Self::Relation {
                op,
                other,
                other_value,
            } => {
                write!(f, "must be {op} {other}")?;
                match other_value {
                    Some(v) => write!(f, " ({other} = {v:?})"),
                    None => Ok(()),
                }
            }
            Self::Count { list, items } => {
                write!(f, "must equal the number of items of {list} ({items})")
            }
            Self::Total { list, field, sum } => {
                write!(f, "must equal the sum of {list}'s {field} (")?;
                match sum {
                    Some(sum) => write!(f, "{sum})"),
                    None => f.write_str("too large to add up)"),
                }
            }
            Self::Duplicate => f.write_str("is given more than once"),
            Self::Unknown => f.write_str("is not a parameter of this service"),
            Self::Custom(message) => f.write_str(message),
        }
    }
}

/// One broken rule: which parameter, which rule, and the offending value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The wire name of the parameter.
    pub param: Cow<'static, str>,
    /// The rule it breaks.
    pub rule: Rule,
    /// The offending wire value; `None` when the parameter is absent or secret.
    pub value: Option<String>,
    /// True when the value was withheld because the parameter is secret.
    pub secret: bool,
}

impl Violation {
    /// A violation of a custom rule (for `#[alipay(custom = …)]` functions on the struct).
    pub fn custom(
        param: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
        value: Option<String>,
    ) -> Self {
        Self {
            param: param.into(),
            rule: Rule::Custom(message.into()),
            value,
            secret: false,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "parameter `{}` {}", self.param, self.rule)?;
        match (&self.value, self.secret) {
            (_, true) => f.write_str(" (value hidden: secret)"),
            (Some(v), false) => write!(f, " (value {v:?})"),
            (None, false) => Ok(()),
        }
    }
}

/// Every rule a request breaks, for one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationErrors {
    service: &'static str,
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// Groups `violations` of `service`.
    pub fn new(service: &'static str, violations: Vec<Violation>) -> Self {
        Self {
            service,
            violations,
        }
    }

    /// The service the request is for.
    pub fn service(&self) -> &'static str {
        self.service
    }

    /// Every violation: per-parameter rules first (in table order from `validate`, in the order
    /// received from `from_params`), then the rules across parameters.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations of parameter `param`.
    pub fn of<'s>(&'s self, param: &'s str) -> impl Iterator<Item = &'s Violation> + 's {
        self.violations.iter().filter(move |v| v.param == param)
    }

    /// Consumes the errors, returning the violations.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl fmt::Display for ValidationErrors {
    /// One line per violation, each naming the service.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}: {v}", self.service)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// What went wrong reading a response payload.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseErrorKind {
    /// A required child element is missing, or present with no text.
    Missing,
    /// A child element appears more than once.
    Duplicate,
    /// A child element's text does not parse as the field's type.
    Invalid(WireValueError),
    /// The envelope has no payload, but the service's response requires one.
    MissingPayload,
    /// The payload element has another name.
    WrongElement {
        /// The tag that was found.
        found: String,
    },
    /// A plain-text answer that is none of the service's [`Response::TEXT`].
    UnexpectedText {
        /// The text received (at most 64 characters).
        found: String,
        /// The answers the service gives.
        expected: &'static [&'static str],
    },
}

impl std::fmt::Display for ResponseErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing => f.write_str("missing or empty"),
            Self::Duplicate => f.write_str("repeated"),
            Self::Invalid(e) => write!(f, "invalid: {e}"),
            Self::MissingPayload => f.write_str("no payload"),
            Self::WrongElement { found } => write!(f, "another payload element: <{found}>"),
            Self::UnexpectedText { found, expected } => {
                write!(f, "plain-text answer {found:?} is none of {expected:?}")
            }
        }
    }
}

/// A response payload that does not match its declaration; names the element path
/// (`response/goods/goods_fee`) and the bad text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseFieldError {
    element: &'static str,
    field: Option<&'static str>,
    kind: ResponseErrorKind,
}

impl ResponseFieldError {
    /// An error about `field` (or the payload element itself when `None`) of `element`.
    pub fn new(
        element: &'static str,
        field: Option<&'static str>,
        kind: ResponseErrorKind,
    ) -> Self {
        Self {
            element,
            field,
            kind,
        }
    }

    /// The payload element, e.g. `goods`.
    pub fn element(&self) -> &'static str {
        self.element
    }

    /// The child element, when the error is about one.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }

    /// What went wrong.
    pub fn kind(&self) -> &ResponseErrorKind {
        &self.kind
    }

    /// The element path, e.g. `response/goods/goods_fee`; inside repeated records
    /// ([`Records`](crate::types::Records)), the record and its field:
    /// `response/account_page_query_result/account_log_list/[4]/balance`.
    pub fn path(&self) -> String {
        let mut path = match self.field {
            Some(field) => format!("response/{}/{field}", self.element),
            None => format!("response/{}", self.element),
        };
        if let ResponseErrorKind::Invalid(err) = &self.kind
            && let Some(item) = err.item()
        {
            path += &format!("/[{}]", item.index);
            if let Some(field) = item.field {
                path += &format!("/{field}");
            }
        }
        path
    }
}

impl fmt::Display for ResponseFieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ResponseErrorKind::UnexpectedText { found, expected } = &self.kind {
            return write!(
                f,
                "plain-text answer {found:?}: expected one of {}",
                expected.join(", ")
            );
        }
        write!(f, "response/{}", self.element)?;
        if let Some(field) = self.field {
            write!(f, "/{field}")?;
        }
        match &self.kind {
            ResponseErrorKind::Missing => f.write_str(": required element is missing or empty"),
            ResponseErrorKind::Duplicate => f.write_str(": element appears more than once"),
            ResponseErrorKind::Invalid(err) => write!(f, ": {err}"),
            ResponseErrorKind::MissingPayload => f.write_str(": the response has no payload"),
            ResponseErrorKind::WrongElement { found } => {
                write!(f, ": found <{found}> instead")
            }
            ResponseErrorKind::UnexpectedText { .. } => Ok(()),
        }
    }
}

impl std::error::Error for ResponseFieldError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ResponseErrorKind::Invalid(err) => Some(err),
            _ => None,
        }
    }
}

// --- the catalog's view of a service (re-exported as `crate::catalog`) ---

/// One declared service, as data: everything a listing, a documentation generator or a gateway's
/// dispatch table reads without knowing the request type.
#[derive(Debug)]
pub struct ServiceInfo {
    /// The `service` parameter, e.g. `sns.create.goods.ws`.
    pub name: &'static str,
    /// How the service is called.
    pub method: Method,
    /// Who sends it: the merchant's server (API) or the buyer's browser (page).
    pub kind: Kind,
    /// The request table (business parameters, in table order).
    pub params: &'static [ParamSpec],
    /// The request's cross-field rules.
    pub rules: &'static [RuleSpec],
    /// The response payload's element, empty for a service without a payload.
    pub response_element: &'static str,
    /// The response table, empty for a service without a payload.
    pub response_fields: &'static [FieldSpec],
    /// The service's error table ([`Request::ERROR_CODES`]).
    pub error_codes: &'static [CodeSpec],
    /// What sending a request again means.
    pub repeat: Repeat,
}

impl ServiceInfo {
    /// The description of request type `R`.
    pub const fn of<R: Request>() -> Self {
        Self {
            name: R::SERVICE,
            method: R::METHOD,
            kind: R::KIND,
            params: R::PARAMS,
            rules: R::RULES,
            response_element: <R::Response as Response>::ELEMENT,
            response_fields: <R::Response as Response>::FIELDS,
            error_codes: R::ERROR_CODES,
            repeat: R::REPEAT,
        }
    }

    /// The declared row of parameter `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// Receives each service of a catalog with its request type (see the [`catalog`](crate::catalog) module docs), by
/// kind: a runtime needs the kind in the type to call a service (`Client::execute` takes an
/// [`ApiService`], `Client::page_url` a [`PageService`]).
///
/// A catalog calls [`Request::accept`] for each request type, which calls the method of its kind.
pub trait Visitor {
    /// Called once per API service: `R` is its declared request type, `info` its description.
    fn visit_api<R: ApiService + 'static>(&mut self, info: &ServiceInfo);
    /// Called once per page service (`#[alipay(page)]`).
    fn visit_page<R: PageService + 'static>(&mut self, info: &ServiceInfo);
}
