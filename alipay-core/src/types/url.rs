//! Absolute `http://` and `https://` URLs (`notify_url`, `return_url`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::{Rule, WireValue, WireValueError};

/// An absolute `http://` or `https://` URL with a host, such as a `notify_url`.
///
/// The checks are the ones a gateway parameter needs, not a full URL parser:
/// - the scheme is `http://` or `https://` (ASCII case-insensitive);
/// - a host follows: a name of letters (non-ASCII letters too, for internationalised names), digits,
///   `-`, `_`, `~` and `.` (no empty labels), or a bracketed IPv6 address; an optional port
///   `:1`–`:65535`;
/// - no user information (`user:password@`), which would leak credentials into logs;
/// - no whitespace or control characters anywhere.
///
/// The text is kept exactly as given. Some services also forbid a query string on notification URLs
/// ("不能加?id=123这类自定义参数"); that is a rule of the service, not of the type.
///
/// ```
/// use alipay_core::types::HttpUrl;
///
/// let url: HttpUrl = "http://www.test.com/notify/alipay/interface.htm".parse()?;
/// assert_eq!(url.as_str(), "http://www.test.com/notify/alipay/interface.htm");
/// assert!(!url.is_https());
/// assert!("ftp://example.com/".parse::<HttpUrl>().is_err());
/// # Ok::<(), alipay_core::types::WireValueError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HttpUrl(String);

impl HttpUrl {
    /// Checks `s` and keeps it unchanged.
    pub fn parse(s: &str) -> Result<Self, WireValueError> {
        match check(s) {
            Ok(()) => Ok(Self(s.to_owned())),
            Err(rule) => Err(WireValueError::new(Self::FORMAT, rule, s)),
        }
    }

    /// The URL text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL text, by value.
    #[inline]
    pub fn into_string(self) -> String {
        self.0
    }

    /// True for an `https://` URL.
    pub fn is_https(&self) -> bool {
        self.0.as_bytes()[..5].eq_ignore_ascii_case(b"https")
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn check(s: &str) -> Result<(), Rule> {
    if s.is_empty() {
        return Err(Rule::Empty);
    }
    if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(if c.is_whitespace() {
            Rule::Whitespace
        } else {
            Rule::ControlCharacter(c)
        });
    }
    let rest = strip_prefix_ignore_case(s, "http://")
        .or_else(|| strip_prefix_ignore_case(s, "https://"))
        .ok_or(Rule::UrlScheme)?;
    let authority = match rest.find(['/', '?', '#']) {
        Some(end) => &rest[..end],
        None => rest,
    };
    if authority.contains('@') {
        return Err(Rule::UrlUserInfo);
    }
    let port = if let Some(bracketed) = authority.strip_prefix('[') {
        let (ip, after) = bracketed.split_once(']').ok_or(Rule::UrlHost)?;
        let ip_ok = ip.contains(':')
            && ip
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if !ip_ok {
            return Err(Rule::UrlHost);
        }
        match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(Rule::UrlHost)?),
        }
    } else {
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if !is_host_name(host) {
            return Err(Rule::UrlHost);
        }
        port
    };
    if let Some(port) = port {
        let valid = (1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p != 0);
        if !valid {
            return Err(Rule::UrlPort);
        }
    }
    Ok(())
}

/// A DNS-style name or an IPv4 address: labels of letters, digits, `-`, `_`, `~`, separated by
/// single dots; a trailing dot (fully qualified name) is allowed.
fn is_host_name(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, '-' | '_' | '~')
                        || (!c.is_ascii() && c.is_alphanumeric())
                })
        })
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HttpUrl({:?})", self.0)
    }
}

impl AsRef<str> for HttpUrl {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for HttpUrl {
    type Err = WireValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for HttpUrl {
    type Error = WireValueError;

    /// Checks `s` and keeps it without copying.
    fn try_from(s: String) -> Result<Self, Self::Error> {
        match check(&s) {
            Ok(()) => Ok(Self(s)),
            Err(rule) => Err(WireValueError::new(Self::FORMAT, rule, s)),
        }
    }
}

impl TryFrom<&str> for HttpUrl {
    type Error = WireValueError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl From<HttpUrl> for String {
    fn from(url: HttpUrl) -> Self {
        url.0
    }
}

impl WireValue for HttpUrl {
    const FORMAT: &'static str = "an absolute http:// or https:// URL";

    fn parse_wire(s: &str) -> Result<Self, WireValueError> {
        Self::parse(s)
    }

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }

    fn write_wire(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}
