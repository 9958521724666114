//! Items the derive's generated code uses. Not public API: names and signatures change freely.
//!
//! Generated code reaches the runtime only through this module, so the derive never depends on the
//! crate's public layout.

use std::borrow::Cow;
use std::fmt;

pub use crate::catalog::{ServiceInfo, Visitor};
pub use crate::charset::Charset;
pub use crate::error::{CodeSpec, ErrorKind};
pub use crate::service::{
    ApiService, CommonParams, FieldSpec, Kind, Method, Notification, NotificationKind, PageService,
    ParamSpec, Repeat, Request, Response, ResponseErrorKind, ResponseFieldError, Rule, RuleSpec,
    ValidationErrors, Violation,
};
/// `s` cut to a number of characters (for the client crate's messages echoing received text).
pub use crate::sign::truncated_to;
pub use crate::types::{
    Amount, FieldKind, HttpUrl, ListItem, TimestampMillis, WireValue, WireValueError,
};
pub use crate::xml::Payload;
pub use std::borrow::Cow as __Cow;

use crate::types;

/// The [`WireValue`] functions of one field type, gathered once per field in a `const`
/// (`const __W0: Wire<T> = wire::<T>();`, spanned on the field's type). Everything else the
/// generated code does with the field goes through this value, so a type without `WireValue` is
/// reported once, at the field, and the public impls carry no `where` clauses.
pub struct Wire<T> {
    /// [`WireValue::to_wire`].
    pub to_wire: for<'a> fn(&'a T) -> Cow<'a, str>,
    /// [`WireValue::parse_wire`].
    pub parse: fn(&str) -> Result<T, WireValueError>,
    /// [`WireValue::FORMAT`].
    pub format: &'static str,
    /// [`WireValue::wire_chars`].
    pub chars: fn(&T) -> usize,
    /// [`WireValue::RECORDS`].
    pub records: Option<crate::types::RecordTable>,
}

/// The [`Wire`] functions of `T` (a missing `WireValue` is reported here, as E0277 at the field).
pub const fn wire<T: WireValue>() -> Wire<T> {
    Wire {
        to_wire: T::to_wire,
        parse: T::parse_wire,
        format: T::FORMAT,
        chars: T::wire_chars,
        records: T::RECORDS,
    }
}

// ---------------------------------------------------------------------------------------------
// Signing parameters.

/// Appends `(name, wire text)` unless the wire text is empty.
#[inline]
pub fn push<'a, T>(
    out: &mut Vec<(&'static str, Cow<'a, str>)>,
    name: &'static str,
    w: &Wire<T>,
    value: &'a T,
) {
    let wire = (w.to_wire)(value);
    if !wire.is_empty() {
        out.push((name, wire));
    }
}

/// Appends a borrowed common value unless it is empty.
#[inline]
pub fn push_str<'a>(
    out: &mut Vec<(&'static str, Cow<'a, str>)>,
    name: &'static str,
    value: &'a str,
) {
    if !value.is_empty() {
        out.push((name, Cow::Borrowed(value)));
    }
}

// ---------------------------------------------------------------------------------------------
// Validation.

/// True when `value`'s wire text is one of `values`.
#[inline]
pub fn wire_is<T>(w: &Wire<T>, value: &T, values: &[&str]) -> bool {
    let wire = (w.to_wire)(value);
    values.contains(&wire.as_ref())
}

/// True when an optional value is set and its wire text is not empty.
#[inline]
pub fn present<T>(w: &Wire<T>, value: Option<&T>) -> bool {
    value.is_some_and(|v| !(w.to_wire)(v).is_empty())
}

/// `> 0`, for `required_if(…, field > 0)`.
pub trait Positive {
    /// True when the value is greater than zero.
    fn is_positive(&self) -> bool;
}

impl Positive for Amount {
    #[inline]
    fn is_positive(&self) -> bool {
        !self.is_zero()
    }
}

impl Positive for u32 {
    #[inline]
    fn is_positive(&self) -> bool {
        *self > 0
    }
}

impl Positive for u64 {
    #[inline]
    fn is_positive(&self) -> bool {
        *self > 0
    }
}

/// The wire text to show in a violation (callers pass it to [`Checker::report`], which drops it
/// for secrets).
fn shown<T>(w: &Wire<T>, value: &T) -> Option<String> {
    Some((w.to_wire)(value).into_owned())
}

/// A parsed wire parameter in [`Checker::parse`].
pub enum Slot<T> {
    /// Not received.
    Absent,
    /// Received but broken (already reported).
    Invalid,
    /// Received and parsed.
    Value(T),
}

impl<T> Slot<T> {
    /// The value, if parsed.
    #[inline]
    pub fn value(self) -> Option<T> {
        match self {
            Self::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Collects violations for one service; every check appends, none stops.
pub struct Checker {
    service: &'static str,
    violations: Vec<Violation>,
}

impl Checker {
    /// An empty collection for `service`.
    #[inline]
    pub fn new(service: &'static str) -> Self {
        Self {
            service,
            violations: Vec::new(),
        }
    }

    /// True when `param` already has a violation (a broken received value is not reported again
    /// by a rule across parameters).
    fn reported(&self, param: &str) -> bool {
        // An item of a list-valued parameter is reported as `param[3].field`.
        self.violations.iter().any(|v| {
            v.param == param
                || v.param
                    .strip_prefix(param)
                    .is_some_and(|rest| rest.starts_with('['))
        })
    }

    /// Records a violation of `spec`'s parameter.
    #[cold]
    pub fn report(&mut self, spec: &ParamSpec, rule: Rule, value: Option<String>) {
        let withheld = spec.secret && value.is_some();
        self.violations.push(Violation {
            param: Cow::Borrowed(spec.name),
            rule,
            value: if spec.secret { None } else { value },
            secret: withheld,
        });
    }

    /// Checks a text-like value (its wire text is borrowed or cheap): required/empty and length.
    pub fn text<T>(&mut self, spec: &ParamSpec, w: &Wire<T>, value: Option<&T>) {
        let Some(value) = value else {
            if !spec.nullable {
                self.report(spec, Rule::Required, None);
            }
            return;
        };
        let wire = (w.to_wire)(value);
        if wire.is_empty() {
            let rule = if spec.nullable {
                Rule::Empty
            } else {
                Rule::Required
            };
            self.report(spec, rule, None);
            return;
        }
        if let Some(max) = spec.max_len {
            // Byte length bounds the character count from above: skip counting short values.
            if wire.len() > max {
                let actual = wire.chars().count();
                if actual > max {
                    let shown = Some(wire.into_owned());
                    self.report(spec, Rule::MaxLength { max, actual }, shown);
                }
            }
        }
    }

    /// Checks a number (never empty): length of its wire text, counted without allocating.
    pub fn number<T>(&mut self, spec: &ParamSpec, w: &Wire<T>, value: Option<&T>) {
        let Some(value) = value else {
            if !spec.nullable {
                self.report(spec, Rule::Required, None);
            }
            return;
        };
        if let Some(max) = spec.max_len {
            let actual = (w.chars)(value);
            if actual > max {
                let shown = shown(w, value);
                self.report(spec, Rule::MaxLength { max, actual }, shown);
            }
        }
    }

    /// `timestamp`: milliseconds are 13 digits (2001-09-09 to 2286-11-20).
    pub fn millis13(&mut self, spec: &ParamSpec, value: Option<&TimestampMillis>) {
        if let Some(t) = value {
            let digits = t.wire_chars();
            if digits != 13 {
                let shown = Some(t.millis().to_string());
                self.report(
                    spec,
                    Rule::Format {
                        expected: "13 digits of milliseconds since the Unix epoch (e.g. 1309437333420)",
                        problem: types::Rule::Length {
                            expected: 13,
                            found: digits,
                        },
                    },
                    shown,
                );
            }
        }
    }

    /// Records a field's failed custom check (`fn(&T) -> Result<(), E: Display>`; the generated
    /// code calls it directly, so it may take `&str` for a `String` field).
    pub fn custom<T, E: fmt::Display>(
        &mut self,
        spec: &ParamSpec,
        w: &Wire<T>,
        value: &T,
        result: Result<(), E>,
    ) {
        if let Err(message) = result {
            let shown = shown(w, value);
            self.report(spec, Rule::Custom(message.to_string()), shown);
        }
    }

    /// `one_of`: at least one of the group is present.
    pub fn one_of(&mut self, first: &ParamSpec, params: &'static [&'static str], any: bool) {
        if !any && !params.iter().any(|p| self.reported(p)) {
            self.violations.push(Violation {
                param: Cow::Borrowed(first.name),
                rule: Rule::OneOf { params },
                value: None,
                secret: false,
            });
        }
    }

    /// `required_if`: `spec` must be present because the condition holds.
    pub fn required_if<T>(
        &mut self,
        spec: &ParamSpec,
        value: Option<&T>,
        when: &'static str,
        values: &'static [&'static str],
    ) {
        // Present but empty is reported as `Empty` by the field's own check; a received value that
        // did not parse (hence `None` here) was reported too.
        if value.is_none() && !self.reported(spec.name) {
            self.report(spec, Rule::RequiredIf { when, values }, None);
        }
    }

    /// `required_if(…, field > 0)`: a present `spec` must be greater than zero.
    pub fn positive_if<T: Positive>(
        &mut self,
        spec: &ParamSpec,
        w: &Wire<T>,
        value: Option<&T>,
        when: &'static str,
        values: &'static [&'static str],
    ) {
        if let Some(v) = value
            && !v.is_positive()
        {
            let shown = shown(w, v);
            self.report(spec, Rule::PositiveIf { when, values }, shown);
        }
    }

    /// `relation`: `left op right` does not hold.
    pub fn relation<L, R>(
        &mut self,
        (left, lw, left_value): (&ParamSpec, &Wire<L>, &L),
        op: &'static str,
        (right, rw, right_value): (&ParamSpec, &Wire<R>, &R),
    ) {
        let shown_left = shown(lw, left_value);
        let other_value = if right.secret {
            None
        } else {
            shown(rw, right_value)
        };
        self.report(
            left,
            Rule::Relation {
                op,
                other: right.name,
                other_value,
            },
            shown_left,
        );
    }

    /// `count(stated = list)` does not hold: `stated` says another number than the `items` the
    /// list holds.
    pub fn count<T: Copy + Into<u64>>(
        &mut self,
        spec: &ParamSpec,
        w: &Wire<T>,
        stated: &T,
        list: &'static str,
        items: usize,
    ) {
        if (*stated).into() != items as u64 {
            self.report(spec, Rule::Count { list, items }, shown(w, stated));
        }
    }

    /// `total(stated = list.field)` does not hold: `stated` is not the sum of the items' `field`
    /// (`sum` in fen, `None` when it overflows).
    pub fn total(
        &mut self,
        spec: &ParamSpec,
        w: &Wire<Amount>,
        stated: &Amount,
        (list, field): (&'static str, &'static str),
        sum: Option<u64>,
    ) {
        if sum != Some(stated.fen()) {
            let sum = sum.map(|fen| Amount::from_fen(fen).to_string());
            self.report(spec, Rule::Total { list, field, sum }, shown(w, stated));
        }
    }

    /// Appends the violation a struct-level custom check returned.
    pub fn push(&mut self, result: Result<(), Violation>) {
        if let Err(v) = result {
            self.violations.push(v);
        }
    }

    /// Parses one received parameter: empty, length, then the type's format.
    pub fn parse<T>(
        &mut self,
        spec: &ParamSpec,
        w: &Wire<T>,
        slot: &Slot<T>,
        text: &str,
    ) -> Slot<T> {
        if !matches!(slot, Slot::Absent) {
            self.report(spec, Rule::Duplicate, Some(text.to_owned()));
            return Slot::Invalid;
        }
        if text.is_empty() {
            let rule = if spec.nullable {
                Rule::Empty
            } else {
                Rule::Required
            };
            self.report(spec, rule, None);
            return Slot::Invalid;
        }
        let mut ok = true;
        if let Some(max) = spec.max_len {
            let actual = text.chars().count();
            if actual > max {
                self.report(spec, Rule::MaxLength { max, actual }, Some(text.to_owned()));
                ok = false;
            }
        }
        match (w.parse)(text) {
            Ok(v) if ok => Slot::Value(v),
            Ok(_) => Slot::Invalid,
            Err(err) => {
                let rule = match err.rule() {
                    types::Rule::NotOneOf(allowed) => Rule::NotInSet { allowed },
                    problem => Rule::Format {
                        expected: err.format(),
                        problem,
                    },
                };
                if let Some(json) = err.json() {
                    // A field inside a JSON-valued parameter: `biz_data.channel_fee.type`.
                    let param = match json.path.as_str() {
                        "." | "?" | "" => spec.name.to_owned(),
                        path => format!("{}.{path}", spec.name),
                    };
                    let withheld = spec.secret;
                    self.violations.push(Violation {
                        param: Cow::Owned(param),
                        rule: Rule::Custom(format!("does not read: {}", json.message)),
                        value: (!withheld).then(|| err.value().to_owned()),
                        secret: withheld,
                    });
                    return Slot::Invalid;
                }
                match err.item() {
                    // An item of a list-valued parameter: `detail_data[3].reason`, its own text.
                    Some(path) => {
                        let withheld = spec.secret;
                        self.violations.push(Violation {
                            param: Cow::Owned(format!("{}{path}", spec.name)),
                            rule,
                            value: (!withheld).then(|| err.value().to_owned()),
                            secret: withheld,
                        });
                    }
                    None => self.report(spec, rule, Some(text.to_owned())),
                }
                Slot::Invalid
            }
        }
    }

    /// A required received parameter: `Absent` is reported as [`Rule::Required`].
    pub fn required<T>(&mut self, spec: &ParamSpec, slot: Slot<T>) -> Option<T> {
        match slot {
            Slot::Value(v) => Some(v),
            Slot::Absent => {
                self.report(spec, Rule::Required, None);
                None
            }
            Slot::Invalid => None,
        }
    }

    /// A received parameter that is not in the table (common parameters are skipped by the caller).
    pub fn unknown(&mut self, name: &str, text: &str) {
        self.violations.push(Violation {
            param: Cow::Owned(name.to_owned()),
            rule: Rule::Unknown,
            value: Some(text.to_owned()),
            secret: false,
        });
    }

    /// The violations so far (for a caller that knows there is at least one).
    #[cold]
    pub fn into_errors(self) -> ValidationErrors {
        ValidationErrors::new(self.service, self.violations)
    }

    /// `Ok` when nothing was reported, else every violation.
    #[inline]
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors::new(self.service, self.violations))
        }
    }
}

/// True for the parameters the runtime adds (skipped by `from_params`).
#[inline]
pub fn is_common(name: &str) -> bool {
    matches!(
        name,
        "service" | "partner" | "_input_charset" | "sign_type" | "sign"
    )
}

/// The closed set of a field type: `<T>::VALUES` resolves to the inherent `VALUES` of a
/// [`wire_enum!`](crate::wire_enum) type (inherent items win), and to this empty default otherwise.
pub trait NoValues {
    /// No closed set.
    const VALUES: &'static [&'static str] = &[];
}

impl<T: ?Sized> NoValues for T {}

/// What the compile-time example check says of a refused text: `<T>::__ALIPAY_EXPECTED` resolves
/// to the inherent one of a [`wire_enum!`](crate::wire_enum) (listing its values), `CompactTime`
/// or `DateTime`, and to this default for a type that only implements `__alipay_accepts`.
pub trait NoExpected {
    /// The default message.
    const __ALIPAY_EXPECTED: &'static str =
        "this text is not a wire value of the field's type (its `__alipay_accepts` refuses it)";
}

impl<T: ?Sized> NoExpected for T {}

// ---------------------------------------------------------------------------------------------
// Debug.

/// What the derived `Debug` prints in place of a `secret` parameter: `<secret>`, whatever the
/// value (also for an `Option` field, so not even presence is shown).
pub struct Secret;

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

// ---------------------------------------------------------------------------------------------
// Responses.

/// Parses a required child element's text.
#[inline]
pub fn field<T>(
    w: &Wire<T>,
    element: &'static str,
    name: &'static str,
    text: &str,
) -> Result<Option<T>, ResponseFieldError> {
    // Empty text is no value, even for a text field: a required element must carry one.
    if text.is_empty() {
        return Err(ResponseFieldError::new(
            element,
            Some(name),
            ResponseErrorKind::Missing,
        ));
    }
    match (w.parse)(text) {
        Ok(v) => Ok(Some(v)),
        Err(err) => Err(ResponseFieldError::new(
            element,
            Some(name),
            ResponseErrorKind::Invalid(err),
        )),
    }
}

/// The error for a child element that appears twice.
#[cold]
pub fn duplicate(element: &'static str, name: &'static str) -> ResponseFieldError {
    ResponseFieldError::new(element, Some(name), ResponseErrorKind::Duplicate)
}

/// Parses an optional child element's text: empty text is `None`.
#[inline]
pub fn opt_field<T>(
    w: &Wire<T>,
    element: &'static str,
    name: &'static str,
    text: &str,
) -> Result<Option<T>, ResponseFieldError> {
    if text.is_empty() {
        Ok(None)
    } else {
        field(w, element, name, text)
    }
}

/// A required child element that never appeared.
#[inline]
pub fn required<T>(
    value: Option<T>,
    element: &'static str,
    name: &'static str,
) -> Result<T, ResponseFieldError> {
    value.ok_or_else(|| ResponseFieldError::new(element, Some(name), ResponseErrorKind::Missing))
}

// ---------------------------------------------------------------------------------------------
// Examples.

/// Builds an example value of a type the derive cannot construct directly.
///
/// The example was proven at compile time to be accepted (the derive checks URLs itself, and
/// asserts `T::__alipay_accepts(example)` in a `const` for other types), so the error branch
/// cannot be reached for a declaration that compiled.
pub fn example<T>(w: &Wire<T>, text: &'static str) -> T {
    match (w.parse)(text) {
        Ok(v) => v,
        Err(err) => unreachable!("example checked at compile time: {err}"),
    }
}

/// An example `String`.
#[inline]
pub fn text(text: &'static str) -> String {
    text.to_owned()
}

// The compile-time example checks of `CompactTime` and `DateTime` (`__alipay_accepts`) live
// beside their layouts in `types/beijing.rs`.

/// For `#[derive(ListItem)]`'s `from_fields`: `required` to `n` field texts (what [`types::Items`]
/// always gives), else an error about the item as a whole (an index past the fields) rather than
/// a panic.
pub fn list_item_arity(
    format: &'static str,
    fields: &[&str],
    required: usize,
    n: usize,
) -> Result<(), (usize, WireValueError)> {
    if (required..=n).contains(&fields.len()) {
        return Ok(());
    }
    Err((
        usize::MAX,
        WireValueError::new(
            format,
            types::Rule::Other("the item does not have the number of fields its format has"),
            fields.join(" "),
        ),
    ))
}

/// The sum in fen of `amounts` (`None` when it overflows), for `total(..)`.
pub fn fen_sum<'a>(mut amounts: impl Iterator<Item = &'a Amount>) -> Option<u64> {
    amounts.try_fold(0u64, |sum, a| sum.checked_add(a.fen()))
}

#[cfg(test)]
mod tests {
    use crate::types::{CompactTime, DateTime};

    /// The const checks agree with the runtime parsers (so `example()` cannot fail).
    #[test]
    fn time_checks_agree_with_parsers() {
        let compact = [
            "20110707203533",
            "20000229000000",
            "19000229000000",
            "20240229235959",
            "20110631000000",
            "20111301000000",
            "20110700000000",
            "20110707240000",
            "20110707206000",
            "20110707203560",
            "2011070720353",
            "201107072035331",
            "2011070720353a",
            "+0110707203533",
            "00000101000000",
        ];
        for s in compact {
            assert_eq!(
                CompactTime::__alipay_accepts(s),
                CompactTime::parse(s).is_ok(),
                "{s}"
            );
        }
        let dt = [
            "2013-10-22 18:43:17",
            "2013-02-29 18:43:17",
            "2012-02-29 00:00:00",
            "2013-10-22T18:43:17",
            "2013-10-22 24:00:00",
            "2013/10/22 18:43:17",
            "2013-10-22 18:43:1",
            "2013-13-01 00:00:00",
        ];
        for s in dt {
            assert_eq!(
                DateTime::__alipay_accepts(s),
                DateTime::parse(s).is_ok(),
                "{s}"
            );
        }
    }
}
