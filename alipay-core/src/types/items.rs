//! List-valued parameters: items of fields, with the service's own separators.
//!
//! Several MAPI parameters carry a list in one value: a batch refund's `detail_data` is items
//! `trade_no^amount^reason` joined by `#`, a batch payout's items `serial^account^name^amount^remark`
//! joined by `|`. [`Items`] is such a value: its items are typed ([`ListItem`]), its text is
//! written and read with the separators, and an error names the item and the field
//! (`detail_data[3].reason`).
//!
//! No field may contain a character the list reserves ([`ListItem::RESERVED`], the separators
//! among them): it would change where an item or a field ends, and so what Alipay reads. Such a
//! value is refused when the list is built ([`Items::new`]) and when it is read.

use std::borrow::Cow;
use std::fmt;

use super::field_kind::FieldKind;
use super::{ItemPath, Rule, WireValue, WireValueError};

/// One item of a list-valued parameter: its fields in wire order, and how they are read and
/// written. Implemented by hand for each item type (see [`Items`] for an example).
pub trait ListItem: Sized {
    /// The fields' names, in wire order (they name the field in errors: `[3].reason`).
    const FIELDS: &'static [&'static str];
    /// What each field holds, in [`FIELDS`](Self::FIELDS) order: a declaration's `example` of the
    /// list is checked against them at compile time. A field whose type has a rule this does not
    /// know (a closed set, a date) is [`FieldKind::Text`] here and is checked when read.
    const KINDS: &'static [FieldKind];
    /// The character between two fields of an item, e.g. `^`.
    const FIELD_SEP: char;
    /// Every character no field may contain: at least [`FIELD_SEP`](Self::FIELD_SEP) and the
    /// list's separator, and whatever else the document reserves (e.g. `^|$#`).
    const RESERVED: &'static str;
    /// The item's format in words, for errors, e.g. `trade_no^amount^reason (e.g. 2011011201037066^5.00^协商退款)`.
    const FORMAT: &'static str;
    /// How many fields an item has at least: the fields after these may be left out at the end
    /// of an item (a refund result's `$fee` part). All of them by default.
    const REQUIRED_FIELDS: usize = Self::FIELDS.len();
    /// Whether every item is followed by the list's separator, the last one too, as Alipay writes
    /// a batch payout's results (`…^20081024143652|`). Such a list is written so, and read with or
    /// without the last separator. `false` by default: separators only between items.
    const TERMINATED: bool = false;

    /// Reads an item from its fields' texts (from [`REQUIRED_FIELDS`](Self::REQUIRED_FIELDS) to
    /// `FIELDS.len()` of them, separators and reserved characters already ruled out). An error
    /// gives the index of the failing field.
    fn from_fields(fields: &[&str]) -> Result<Self, (usize, WireValueError)>;

    /// The fields' wire texts, in [`FIELDS`](Self::FIELDS) order (optional fields left out at
    /// the end are not written).
    fn field_texts(&self) -> Vec<Cow<'_, str>>;
}

/// A list of items written `field^field…` and joined by `SEP` (e.g. `#`): a list-valued
/// parameter's value. It holds at least one item, and no field holds a reserved character.
///
/// ```
/// use std::borrow::Cow;
/// use alipay_core::types::{Amount, FieldKind, Items, ListItem, WireValue, WireValueError};
///
/// /// One refund of a batch: 原付款支付宝交易号^退款总金额^退款理由.
/// #[derive(Clone, Debug, PartialEq, Eq)]
/// struct Refund { trade_no: String, amount: Amount, reason: String }
///
/// impl ListItem for Refund {
///     const FIELDS: &'static [&'static str] = &["trade_no", "amount", "reason"];
///     const KINDS: &'static [FieldKind] = &[FieldKind::Text, FieldKind::Amount, FieldKind::Text];
///     const FIELD_SEP: char = '^';
///     const RESERVED: &'static str = "^|$#";
///     const FORMAT: &'static str = "trade_no^amount^reason";
///
///     fn from_fields(f: &[&str]) -> Result<Self, (usize, WireValueError)> {
///         Ok(Refund {
///             trade_no: f[0].to_owned(),
///             amount: Amount::parse_wire(f[1]).map_err(|e| (1, e))?,
///             reason: f[2].to_owned(),
///         })
///     }
///
///     fn field_texts(&self) -> Vec<Cow<'_, str>> {
///         vec![self.trade_no.as_str().into(), self.amount.to_wire(), self.reason.as_str().into()]
///     }
/// }
///
/// let detail: Items<Refund, '#'> = Items::parse_wire("2011011201037066^5.00^协商退款#2011011201037067^1^退货")?;
/// assert_eq!(detail.len(), 2);
/// assert_eq!(detail.to_wire(), "2011011201037066^5.00^协商退款#2011011201037067^1.00^退货");
///
/// let e = Items::<Refund, '#'>::parse_wire("2011011201037066^5.00^a#2011011201037067^1.005^b").unwrap_err();
/// assert_eq!(e.item().map(|p| p.to_string()).as_deref(), Some("[1].amount"));
///
/// // A reason holding a separator would move where the next item starts: refused when built.
/// let bad = Refund { trade_no: "2011011201037066".into(), amount: "5".parse()?, reason: "a#b".into() };
/// assert_eq!(Items::<Refund, '#'>::new(vec![bad]).unwrap_err().item().map(|p| p.to_string()).as_deref(), Some("[0].reason"));
/// # Ok::<(), WireValueError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Items<T, const SEP: char>(Vec<T>);

impl<T: ListItem, const SEP: char> Items<T, SEP> {
    /// The list of `items`: at least one, and no field holding a reserved character (the error
    /// names the item and the field).
    pub fn new(items: Vec<T>) -> Result<Self, WireValueError> {
        if items.is_empty() {
            return Err(WireValueError::new(T::FORMAT, Rule::Empty, ""));
        }
        for (index, item) in items.iter().enumerate() {
            check_item::<T, SEP>(index, item)?;
        }
        Ok(Self(items))
    }

    /// The items, in order.
    pub fn items(&self) -> &[T] {
        &self.0
    }

    /// The number of items (never 0).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a list holds at least one item.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The items, owned.
    pub fn into_items(self) -> Vec<T> {
        self.0
    }

    /// The list's format in words (an item's own is [`ListItem::FORMAT`], which errors about an
    /// item name).
    const FORMAT: &'static str = "a list of items separated as the service's table says";

    /// For the derive's compile-time check of an `example`: at least one item, each with one
    /// field per [`ListItem::FIELDS`], none holding a reserved character, each accepted by its
    /// [`ListItem::KINDS`]. Separators and reserved characters must be ASCII (a list whose are not
    /// takes no example).
    #[doc(hidden)]
    pub const fn __alipay_accepts(s: &str) -> bool {
        let s = s.as_bytes();
        let (sep, field_sep) = (SEP as u32, T::FIELD_SEP as u32);
        if sep > 0x7f || field_sep > 0x7f || T::KINDS.len() != T::FIELDS.len() || s.is_empty() {
            return false;
        }
        let (sep, field_sep) = (sep as u8, field_sep as u8);
        let s = match s.split_last() {
            Some((&last, rest)) if T::TERMINATED && last == sep && !rest.is_empty() => rest,
            _ => s,
        };
        let reserved = T::RESERVED.as_bytes();
        // Each field is s[start..i], ended by a separator or the end.
        let (mut start, mut field, mut i) = (0, 0, 0);
        while i <= s.len() {
            let end = i == s.len() || s[i] == sep || s[i] == field_sep;
            if !end {
                let mut r = 0;
                while r < reserved.len() {
                    if s[i] == reserved[r] {
                        return false;
                    }
                    r += 1;
                }
                i += 1;
                continue;
            }
            if field >= T::KINDS.len() {
                return false;
            }
            let (text, _) = s.split_at(i);
            let (_, text) = text.split_at(start);
            if !T::KINDS[field].accepts(text) {
                return false;
            }
            let item_ends = i == s.len() || s[i] == sep;
            if item_ends {
                if field + 1 < T::REQUIRED_FIELDS {
                    return false;
                }
                field = 0;
            } else {
                field += 1;
            }
            i += 1;
            start = i;
        }
        true
    }
}

/// Checks what item `index` writes: one text per field of `T::FIELDS` (a `ListItem` that writes
/// another number would write a list it cannot read back), none holding a reserved character.
fn check_item<T: ListItem, const SEP: char>(index: usize, item: &T) -> Result<(), WireValueError> {
    let texts = item.field_texts();
    if !arity_ok::<T>(texts.len()) {
        return Err(WireValueError::new(
            T::FORMAT,
            Rule::Other("the item's field_texts do not give one text per field of FIELDS"),
            texts.join(&T::FIELD_SEP.to_string()),
        )
        .in_item(ItemPath { index, field: None }));
    }
    for (i, text) in texts.iter().enumerate() {
        check_field::<T, SEP>(index, i, text)?;
    }
    Ok(())
}

/// Whether an item of `T` may have `n` fields.
fn arity_ok<T: ListItem>(n: usize) -> bool {
    (T::REQUIRED_FIELDS.max(1)..=T::FIELDS.len()).contains(&n)
}

/// Refuses a field text holding a reserved character or the list's separator.
fn check_field<T: ListItem, const SEP: char>(
    index: usize,
    field: usize,
    text: &str,
) -> Result<(), WireValueError> {
    let reserved = |c: char| c == SEP || c == T::FIELD_SEP || T::RESERVED.contains(c);
    match text.char_indices().find(|&(_, c)| reserved(c)) {
        Some((at, found)) => Err(WireValueError::new(
            T::FORMAT,
            Rule::InvalidCharacter { found, at },
            text,
        )
        .in_item(ItemPath {
            index,
            field: T::FIELDS.get(field).copied(),
        })),
        None => Ok(()),
    }
}

impl<T: ListItem, const SEP: char> WireValue for Items<T, SEP> {
    const FORMAT: &'static str = Self::FORMAT;

    /// Splits at `SEP`, then each item at the field separator: each item must have exactly
    /// `T::FIELDS.len()` fields, none holding a reserved character, each reading as its type.
    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        let s = match s.strip_suffix(SEP) {
            Some(rest) if T::TERMINATED && !rest.is_empty() => rest,
            _ => s,
        };
        if s.is_empty() {
            return Err(WireValueError::new(T::FORMAT, Rule::Empty, s));
        }
        let mut items = Vec::new();
        let mut fields = Vec::with_capacity(T::FIELDS.len());
        for (index, item) in s.split(SEP).enumerate() {
            fields.clear();
            fields.extend(item.split(T::FIELD_SEP));
            if !arity_ok::<T>(fields.len()) {
                return Err(WireValueError::new(
                    T::FORMAT,
                    Rule::Other("the item does not have the number of fields its format has"),
                    item,
                )
                .in_item(ItemPath { index, field: None }));
            }
            for (i, text) in fields.iter().enumerate() {
                check_field::<T, SEP>(index, i, text)?;
            }
            let value = T::from_fields(&fields).map_err(|(field, e)| {
                e.in_item(ItemPath {
                    index,
                    field: T::FIELDS.get(field).copied(),
                })
            })?;
            // What the item writes back must be a list item too (a type that normalises a field
            // into a reserved character would otherwise write another list).
            check_item::<T, SEP>(index, &value)?;
            items.push(value);
        }
        Ok(Self(items))
    }

    fn to_wire(&self) -> Cow<'_, str> {
        let mut out = String::new();
        self.write_wire(&mut out);
        Cow::Owned(out)
    }

    fn write_wire(&self, out: &mut String) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 && !T::TERMINATED {
                out.push(SEP);
            }
            for (j, text) in item.field_texts().iter().enumerate() {
                if j > 0 {
                    out.push(T::FIELD_SEP);
                }
                out.push_str(text);
            }
            if T::TERMINATED {
                out.push(SEP);
            }
        }
    }
}

impl<T: ListItem, const SEP: char> std::str::FromStr for Items<T, SEP> {
    type Err = WireValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_wire(s)
    }
}

impl<T: ListItem + fmt::Debug, const SEP: char> fmt::Debug for Items<T, SEP> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

impl<T: ListItem, const SEP: char> fmt::Display for Items<T, SEP> {
    /// The wire text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

/// One item of fields as a single value (`trade_no^amount^result`): what a field of an outer item
/// holds when it has fields of its own, as a refund result's trade part and fee part
/// (`2010031906272929^80^SUCCESS$jax@alipay.com^2088101003147483^0.01^SUCCESS`: items joined by `#`,
/// each a trade part and an optional fee part joined by `$`, each part's fields joined by `^`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Fields<T>(pub T);

impl<T: ListItem> WireValue for Fields<T> {
    const FORMAT: &'static str = T::FORMAT;

    /// Splits at the field separator: the number of fields the item allows, none holding a
    /// reserved character, each reading as its type (an error names the field: `[0].amount`).
    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        let fields: Vec<&str> = s.split(T::FIELD_SEP).collect();
        if !arity_ok::<T>(fields.len()) {
            return Err(WireValueError::new(
                T::FORMAT,
                Rule::Other("the item does not have the number of fields its format has"),
                s,
            ));
        }
        for (i, text) in fields.iter().enumerate() {
            if let Some((at, found)) = text
                .char_indices()
                .find(|&(_, c)| c == T::FIELD_SEP || T::RESERVED.contains(c))
            {
                return Err(WireValueError::new(
                    T::FORMAT,
                    Rule::InvalidCharacter { found, at },
                    *text,
                )
                .in_item(ItemPath {
                    index: 0,
                    field: T::FIELDS.get(i).copied(),
                }));
            }
        }
        T::from_fields(&fields).map(Fields).map_err(|(field, e)| {
            e.in_item(ItemPath {
                index: 0,
                field: T::FIELDS.get(field).copied(),
            })
        })
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.0.field_texts().join(&T::FIELD_SEP.to_string()))
    }
}

impl<T: fmt::Debug> fmt::Debug for Fields<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> std::ops::Deref for Fields<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Amount;

    /// A payout line: serial^account^name^amount^remark, joined by `|`.
    #[derive(Clone, Debug, PartialEq, Eq)]
    struct Payout {
        serial: String,
        account: String,
        name: String,
        amount: Amount,
        remark: String,
    }

    impl ListItem for Payout {
        const FIELDS: &'static [&'static str] = &["serial", "account", "name", "amount", "remark"];
        const KINDS: &'static [FieldKind] = &[
            FieldKind::Text,
            FieldKind::Text,
            FieldKind::Text,
            FieldKind::Amount,
            FieldKind::Text,
        ];
        const FIELD_SEP: char = '^';
        const RESERVED: &'static str = "^|";
        const FORMAT: &'static str = "serial^account^name^amount^remark";

        fn from_fields(f: &[&str]) -> Result<Self, (usize, WireValueError)> {
            Ok(Self {
                serial: f[0].to_owned(),
                account: f[1].to_owned(),
                name: f[2].to_owned(),
                amount: Amount::parse_wire(f[3]).map_err(|e| (3, e))?,
                remark: f[4].to_owned(),
            })
        }

        fn field_texts(&self) -> Vec<Cow<'_, str>> {
            vec![
                self.serial.as_str().into(),
                self.account.as_str().into(),
                self.name.as_str().into(),
                self.amount.to_wire(),
                self.remark.as_str().into(),
            ]
        }
    }

    type Payouts = Items<Payout, '|'>;

    #[test]
    fn reads_and_writes_back() {
        let text = "0315001^gonglei1@handsome.com.cn^龚本林^20.00^hello|0315002^a@b.cn^张三^0.01^";
        let list = Payouts::parse_wire(text).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.items()[1].remark, "");
        assert_eq!(list.items()[0].amount.fen(), 2000);
        assert_eq!(list.to_wire(), text);
        assert_eq!(Payouts::new(list.clone().into_items()).unwrap(), list);
    }

    #[test]
    fn errors_name_the_item_and_the_field() {
        let path = |s: &str| {
            Payouts::parse_wire(s)
                .unwrap_err()
                .item()
                .map(|p| p.to_string())
        };
        // The second item's amount.
        assert_eq!(
            path("1^a@b.cn^x^1.00^r|2^a@b.cn^y^1.005^r").as_deref(),
            Some("[1].amount")
        );
        // A missing field: the item as a whole.
        assert_eq!(
            path("1^a@b.cn^x^1.00^r|2^a@b.cn^1.00^r").as_deref(),
            Some("[1]")
        );
        // An extra separator makes an extra field.
        assert_eq!(path("1^a@b.cn^x^1.00^r^s").as_deref(), Some("[0]"));
        // Empty list, empty item.
        assert_eq!(Payouts::parse_wire("").unwrap_err().rule(), Rule::Empty);
        assert_eq!(path("1^a@b.cn^x^1.00^r|").as_deref(), Some("[1]"));
        let e = Payouts::parse_wire("1^a@b.cn^x^1.005^r").unwrap_err();
        assert_eq!(e.value(), "1.005");
        assert!(
            e.to_string().starts_with("item [0].amount: \"1.005\""),
            "{e}"
        );
    }

    #[test]
    fn a_reserved_character_is_refused_when_built() {
        let item = |remark: &str| Payout {
            serial: "1".into(),
            account: "a@b.cn".into(),
            name: "x".into(),
            amount: "1".parse().unwrap(),
            remark: remark.into(),
        };
        for remark in ["a|b", "a^b"] {
            let e = Payouts::new(vec![item("ok"), item(remark)]).unwrap_err();
            assert_eq!(e.item().unwrap().to_string(), "[1].remark");
            assert_eq!(
                e.rule(),
                Rule::InvalidCharacter {
                    found: remark.chars().nth(1).unwrap(),
                    at: 1
                }
            );
        }
        assert_eq!(Payouts::new(Vec::new()).unwrap_err().rule(), Rule::Empty);
        // `$` is not reserved by this list: accepted and written as is.
        let list = Payouts::new(vec![item("a$b")]).unwrap();
        assert_eq!(list.to_wire(), "1^a@b.cn^x^1.00^a$b");
    }

    /// A `ListItem` whose `field_texts` forgets a field: the list is refused, not written wrong.
    #[test]
    fn an_item_that_writes_the_wrong_number_of_fields_is_refused() {
        #[derive(Debug)]
        struct Short;
        impl ListItem for Short {
            const FIELDS: &'static [&'static str] = &["a", "b"];
            const KINDS: &'static [FieldKind] = &[FieldKind::Text, FieldKind::Text];
            const FIELD_SEP: char = '^';
            const RESERVED: &'static str = "^#";
            const FORMAT: &'static str = "a^b";
            fn from_fields(_: &[&str]) -> Result<Self, (usize, WireValueError)> {
                Ok(Short)
            }
            fn field_texts(&self) -> Vec<Cow<'_, str>> {
                vec!["only".into()]
            }
        }
        let e = Items::<Short, '#'>::new(vec![Short]).unwrap_err();
        assert_eq!(e.item().unwrap().to_string(), "[0]");
        assert!(Items::<Short, '#'>::parse_wire("x^y").is_err());
    }

    /// The compile-time check of an example agrees with reading it, on texts that hit every rule.
    #[test]
    fn the_example_check_agrees_with_parsing() {
        let texts = [
            "1^a@b.cn^x^1.00^r",
            "1^a@b.cn^x^1^r|2^c@d.cn^y^0.5^",
            "1^a@b.cn^x^1.005^r",
            "1^a@b.cn^x^.5^r",
            "1^a@b.cn^x^5.^r",
            "1^a@b.cn^x^-1^r",
            "1^a@b.cn^x^1 ^r",
            "1^a@b.cn^x^184467440737095516^r",
            "1^a@b.cn^x^1844674407370955161^r",
            "1^a@b.cn^x^1.00",
            "1^a@b.cn^x^1.00^r^s",
            "1^a@b.cn^x^1.00^r|",
            "|1^a@b.cn^x^1.00^r",
            "",
            "^^^1^",
            "1^a@b.cn^x^1.00^r$",
            "1^a@b.cn^二手^1.00^围巾",
        ];
        for text in texts {
            assert_eq!(
                Payouts::__alipay_accepts(text),
                Payouts::parse_wire(text).is_ok(),
                "{text:?}"
            );
        }
        // The amounts alone, the const rule against the parser's.
        for text in [
            "0",
            "00.10",
            "1.1",
            "1.10",
            "1.",
            ".1",
            "1..1",
            "1e3",
            "１",
            "99999999999999999",
            "184467440737095516.15",
            "184467440737095516.16",
        ] {
            assert_eq!(
                crate::types::field_kind::fen_of(text.as_bytes()).is_some(),
                crate::types::Amount::parse(text).is_ok(),
                "{text:?}"
            );
        }
    }
}
