//! The canonical signing string: the one place the MAPI signing rule lives.
//!
//! Rule (docs/protocol.md, "Signing"): take every parameter except `sign` and `sign_type`, drop those whose
//! value is empty (never trim), sort by *name* in byte order, and join the raw, unencoded values as
//! `k1=v1&k2=v2…`. The caller then encodes the string in the request charset and signs the bytes.

/// Returns true for the two parameters that never take part in a signature.
#[inline]
pub fn is_signature_param(name: &str) -> bool {
    name == "sign" || name == "sign_type"
}

/// The parameters that take part in a signature, in signing order: every parameter except `sign`
/// and `sign_type`, empty values dropped, sorted by name in byte order (stable for equal names).
///
/// This is the signing rule; [`signing_string`] and the wire encoding both read it, so what is signed
/// is exactly what is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedParams<'a>(Vec<(&'a str, &'a str)>);

impl<'a> SignedParams<'a> {
    /// Selects and orders the signed parameters of `params`.
    pub fn new<K: AsRef<str>, V: AsRef<str>>(params: &'a [(K, V)]) -> Self {
        Self::from_pairs(params.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
    }

    /// Selects and orders the signed parameters among `(name, value)` pairs (e.g. the fields of
    /// a response payload, [`xml::Fields`](crate::xml::Fields)).
    pub fn from_pairs<I: IntoIterator<Item = (&'a str, &'a str)>>(pairs: I) -> Self {
        let pairs = pairs.into_iter();
        // One allocation: a filter's lower size bound is 0, so `collect` would grow the vector
        // from 4 pairs upward.
        // An upper bound is trusted up to 256 pairs (a split of a long text may promise far more).
        let (low, high) = pairs.size_hint();
        let mut kept: Vec<(&str, &str)> = Vec::with_capacity(high.unwrap_or(low).min(low.max(256)));
        kept.extend(pairs.filter(|(k, v)| !v.is_empty() && !is_signature_param(k)));
        // Callers that already hold their parameters in order (the derive) pay one linear check.
        if !kept.is_sorted_by(|a, b| name_order(a.0, b.0).is_le()) {
            kept.sort_by(|a, b| name_order(a.0, b.0));
        }
        Self(kept)
    }

    /// The `(name, value)` pairs in signing order.
    pub fn pairs(&self) -> &[(&'a str, &'a str)] {
        &self.0
    }

    /// Appends `k1=v1&k2=v2…` (raw values, nothing trimmed or encoded) to `out`.
    pub fn write_string(&self, out: &mut String) {
        let len: usize = self.0.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
        out.reserve(len);
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(k);
            out.push('=');
            out.push_str(v);
        }
    }

    /// The canonical signing string.
    pub fn to_signing_string(&self) -> String {
        let mut out = String::new();
        self.write_string(&mut out);
        out
    }
}

/// Byte order of two parameter names. Names are short and usually differ in their first bytes, so
/// an inline loop beats a `memcmp` call per comparison (same order as `a.as_bytes().cmp(b)`).
#[inline]
fn name_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// Builds the canonical signing string of `params`.
///
/// Order in the input does not matter; parameters with the same name keep their input order.
/// Values are used exactly as given (no trimming, no encoding).
///
/// ```
/// let s = alipay_core::canonical::signing_string(&[
///     ("service", "x"), ("sign", "ignored"), ("a1", "2"), ("a", ""), ("_input_charset", "utf-8"),
/// ]);
/// assert_eq!(s, "_input_charset=utf-8&a1=2&service=x");
/// ```
pub fn signing_string<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)]) -> String {
    SignedParams::new(params).to_signing_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_name_not_by_joined_pair() {
        // Joined strings would sort "a=2" after "a1=1" ('=' 0x3D > '1' 0x31); by name, "a" comes first.
        let s = signing_string(&[("a1", "1"), ("a", "2"), ("a_b", "3"), ("A", "4")]);
        assert_eq!(s, "A=4&a=2&a1=1&a_b=3");
    }

    #[test]
    fn drops_empty_and_signature_params_never_trims() {
        let s = signing_string(&[
            ("sign_type", "MD5"),
            ("sign", "abc"),
            ("empty", ""),
            ("space", " "),
            ("x", " v "),
        ]);
        assert_eq!(s, "space= &x= v ");
    }

    #[test]
    fn raw_values() {
        let s = signing_string(&[("q", "a&b=c+d%20")]);
        assert_eq!(s, "q=a&b=c+d%20");
    }
}
