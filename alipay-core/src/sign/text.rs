//! Untrusted text echoed in messages, cut to a bound.

/// At most this many characters of an untrusted value are echoed in an error.
const ECHO_LIMIT: usize = 32;

/// `s`, cut to [`ECHO_LIMIT`] characters, so an error never echoes a whole attacker-sent field.
pub(crate) fn truncated(s: &str) -> String {
    truncated_to(s, ECHO_LIMIT)
}

/// `s` cut to `limit` characters (with `…` when cut), for echoing received text in messages.
pub fn truncated_to(s: &str, limit: usize) -> String {
    match s.char_indices().nth(limit) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}
