//! [`Fields`]: the `(name, text)` pairs of the request echo and of the payload.

use std::fmt;
use std::iter::FusedIterator;

/// `(name, text)` pairs in document order, duplicates kept: the `<param>`s of the request echo
/// ([`Envelope::request`](super::Envelope::request)) or the children of the business payload
/// ([`Payload::fields`](super::Payload::fields)).
///
/// All names and texts live in one buffer (one allocation for the text, one for the offsets,
/// whatever the number of pairs); [`iter`](Self::iter) and [`get`](Self::get) borrow from it.
///
/// ```
/// use alipay_core::xml::Fields;
///
/// let fields: Fields = [("goods_id", "2011092300022596"), ("flow_fee", "1.00")]
///     .into_iter()
///     .collect();
/// assert_eq!(fields.len(), 2);
/// assert_eq!(fields.get("flow_fee"), Some("1.00"));
/// let pairs: Vec<(&str, &str)> = fields.iter().collect();
/// assert_eq!(pairs, [("goods_id", "2011092300022596"), ("flow_fee", "1.00")]);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// Every name and text, back to back, in document order.
    text: String,
    /// Per pair: where its name ends and where its text ends, in `text`. A name starts where the
    /// previous pair's text ends (at 0 for the first pair).
    ends: Vec<(usize, usize)>,
    /// The indices of the pairs whose text is XML markup (an element with child elements), in
    /// increasing order; empty (no allocation) for a flat payload.
    markup: Vec<usize>,
}

impl Fields {
    /// No pairs.
    pub const fn new() -> Self {
        Self {
            text: String::new(),
            ends: Vec::new(),
            markup: Vec::new(),
        }
    }

    /// No pairs, with room for `pairs` pairs totalling `text_bytes` bytes of names and texts.
    pub fn with_capacity(text_bytes: usize, pairs: usize) -> Self {
        Self {
            text: String::with_capacity(text_bytes),
            ends: Vec::with_capacity(pairs),
            markup: Vec::new(),
        }
    }

    /// Appends a pair.
    pub fn push(&mut self, name: &str, text: &str) {
        self.text.push_str(name);
        let name_end = self.text.len();
        self.text.push_str(text);
        self.ends.push((name_end, self.text.len()));
    }

    /// Appends a pair whose value is XML markup: the inner XML of an element with child elements,
    /// empty elements expanded ([`expand_empty_elements`](super::expand_empty_elements)).
    pub fn push_markup(&mut self, name: &str, xml: &str) {
        self.markup.push(self.ends.len());
        self.push(name, xml);
    }

    /// Whether pair `index` is XML markup ([`push_markup`](Self::push_markup)), not text.
    pub fn is_markup(&self, index: usize) -> bool {
        self.markup.binary_search(&index).is_ok()
    }

    /// Whether any pair is XML markup.
    pub fn has_markup(&self) -> bool {
        !self.markup.is_empty()
    }

    /// The number of pairs.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of the first pair named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|&(key, _)| key == name)
            .map(|(_, text)| text)
    }

    /// The pairs, in document order.
    pub fn iter(&self) -> FieldsIter<'_> {
        FieldsIter {
            text: &self.text,
            ends: self.ends.iter(),
            start: 0,
        }
    }

    /// Gives back spare capacity when much more was reserved than used (the parser reserves
    /// for the worst case).
    pub(super) fn shrink_if_oversized(&mut self) {
        if self.text.capacity() > 2 * self.text.len() + 4096 {
            self.text.shrink_to_fit();
        }
    }
}

impl fmt::Debug for Fields {
    /// Like a `Vec<(String, String)>`: `[("name", "text"), …]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a str, &'a str);
    type IntoIter = FieldsIter<'a>;

    fn into_iter(self) -> FieldsIter<'a> {
        self.iter()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Extend<(K, V)> for Fields {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        for (name, text) in pairs {
            self.push(name.as_ref(), text.as_ref());
        }
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Fields {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut fields = Self::new();
        fields.extend(pairs);
        fields
    }
}

/// The pairs of a [`Fields`], as `(name, text)`, in document order.
#[derive(Clone, Debug)]
pub struct FieldsIter<'a> {
    text: &'a str,
    ends: std::slice::Iter<'a, (usize, usize)>,
    /// Where the next pair's name starts.
    start: usize,
}

impl<'a> Iterator for FieldsIter<'a> {
    type Item = (&'a str, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let &(name_end, end) = self.ends.next()?;
        let pair = (&self.text[self.start..name_end], &self.text[name_end..end]);
        self.start = end;
        Some(pair)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ends.size_hint()
    }
}

impl ExactSizeIterator for FieldsIter<'_> {}

impl FusedIterator for FieldsIter<'_> {}
