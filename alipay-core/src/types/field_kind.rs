//! What a field of a list item holds, for the compile-time check of a list's `example`: its kind
//! and, for amounts, the amount rules as a `const fn`.

/// What a field of a list item holds, as far as a check at compile time can tell: a declaration's
/// `example` of a list-valued parameter is checked against these before it is accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldKind {
    /// Any text without the list's reserved characters (a `String`).
    Text,
    /// An [`Amount`](super::Amount): yuan with at most two decimals.
    Amount,
}

impl FieldKind {
    /// Whether `text` is a wire value of this kind (the reserved characters are checked apart).
    pub const fn accepts(self, text: &[u8]) -> bool {
        match self {
            Self::Text => true,
            Self::Amount => fen_of(text).is_some(),
        }
    }
}

/// The fen of a wire amount, or `None` where [`Amount::parse`](super::Amount::parse) gives an error: the same rules in a
/// `const fn`, for checks at compile time (a list item's example, [`ListItem::KINDS`](super::ListItem::KINDS)).
pub(crate) const fn fen_of(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut yuan: u64 = 0;
    let mut frac: u64 = 0;
    let mut int_digits = 0;
    let mut frac_digits = 0;
    let mut dot = false;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b'.' {
            if dot {
                return None;
            }
            dot = true;
        } else if b.is_ascii_digit() {
            let d = (b - b'0') as u64;
            if dot {
                frac_digits += 1;
                if frac_digits > 2 {
                    return None;
                }
                frac = frac * 10 + d;
            } else {
                int_digits += 1;
                yuan = match yuan.checked_mul(10) {
                    Some(n) => match n.checked_add(d) {
                        Some(n) => n,
                        None => return None,
                    },
                    None => return None,
                };
            }
        } else {
            return None;
        }
        i += 1;
    }
    if int_digits == 0 || (dot && frac_digits == 0) {
        return None;
    }
    if frac_digits == 1 {
        frac *= 10;
    }
    match yuan.checked_mul(100) {
        Some(n) => n.checked_add(frac),
        None => None,
    }
}
