//! A fast event source for the XML gateways actually send; quick-xml reads everything else.
//!
//! [`Scanner`] produces the same [`Event`]s, with the same offsets, as quick-xml's
//! `Reader<&[u8]>` with the parser's configuration (end names checked, no dangling `&`, no text
//! trimmed at its end, `trim_text_start` switched by the parser), for documents made of the
//! constructs MAPI responses use: a declaration, elements, attributes, text and references. It
//! checks UTF-8 once for the whole document instead of event by event.
//!
//! It never reports an error of its own: on anything else (comments, CDATA, DOCTYPE, a stray
//! `<` or `&`, a mismatched end tag, bytes that are not UTF-8, nesting deeper than
//! [`MAX_OPEN`]) it stops with [`unsupported`], and the caller reads the whole document again
//! with quick-xml, which decides what the document means or which error it is. The parser also
//! falls back on every envelope error, so errors always come from the quick-xml pass.

use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::{BytesDecl, BytesEnd, BytesPI, BytesRef, BytesStart, BytesText, Event};

/// Deepest nesting handled here (deeper documents are left to quick-xml).
const MAX_OPEN: usize = 32;

/// What the scanner expects next (as quick-xml's reader states).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Character data, or markup right away.
    Text,
    /// At `<`.
    Markup,
    /// At `&`.
    Reference,
    /// At the end.
    Done,
}

/// See the [module docs](self).
#[derive(Clone)]
pub(super) struct Scanner<'a> {
    /// The document, less the one leading byte order mark quick-xml would strip.
    text: &'a str,
    /// Offset in `text` of the next byte to read.
    pos: usize,
    state: State,
    /// Names of the open elements, to check end tags.
    open: [&'a str; MAX_OPEN],
    depth: usize,
    /// Skip whitespace before character data (quick-xml's `trim_text_start`).
    trim_text_start: bool,
}

/// The "not handled here" signal (see the [module docs](self)): the caller discards the pass.
fn unsupported() -> XmlError {
    XmlError::Syntax(SyntaxError::UnclosedTag)
}

impl<'a> Scanner<'a> {
    /// A scanner over `src`, or `None` when `src` is not UTF-8 (quick-xml reports where).
    pub(super) fn new(src: &'a [u8]) -> Option<Self> {
        let src = src.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(src);
        Some(Self {
            text: std::str::from_utf8(src).ok()?,
            pos: 0,
            state: State::Text,
            open: [""; MAX_OPEN],
            depth: 0,
            trim_text_start: false,
        })
    }

    /// Offset of the next byte to read (quick-xml's `buffer_position`).
    pub(super) fn position(&self) -> usize {
        self.pos
    }

    /// quick-xml's `config_mut().trim_text_start`.
    pub(super) fn set_trim_text_start(&mut self, trim: bool) {
        self.trim_text_start = trim;
    }

    /// Right after a start tag: the element's text when it is plain character data (no
    /// reference, no carriage return) followed by its own end tag (`<a>text</a>`), read through
    /// the end tag; `None` (nothing read) otherwise. The same as the `Text` (when not empty) and
    /// `End` events.
    pub(super) fn leaf_text(&mut self) -> Option<&'a str> {
        if self.state != State::Text {
            return None;
        }
        let name = self.open[self.depth.checked_sub(1)?];
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        let len = find(rest, [b'<', b'&', b'\r']);
        let end_tag = &rest[len..];
        let closes = end_tag.starts_with(b"</")
            && end_tag[2..].starts_with(name.as_bytes())
            && end_tag.get(2 + name.len()) == Some(&b'>');
        if !closes {
            return None;
        }
        self.depth -= 1;
        self.pos = start + len + 3 + name.len();
        Some(&self.text[start..start + len])
    }

    /// The next event, as quick-xml would read it.
    pub(super) fn read_event(&mut self) -> Result<Event<'a>, XmlError> {
        let event = match self.state {
            State::Text => self.character_data(),
            State::Markup => self.markup(),
            State::Reference => self.reference(),
            State::Done => Ok(Event::Eof),
        };
        if event.is_err() {
            self.state = State::Done;
        }
        event
    }

    fn character_data(&mut self) -> Result<Event<'a>, XmlError> {
        let bytes = self.text.as_bytes();
        if self.trim_text_start {
            self.pos += spaces(&bytes[self.pos..]);
        }
        let start = self.pos;
        let rest = &bytes[start..];
        let len = find(rest, [b'<', b'&']);
        match rest.get(len) {
            Some(b'<') if len == 0 => self.markup(),
            Some(_) if len == 0 => self.reference(),
            Some(&b) => {
                self.state = if b == b'<' {
                    State::Markup
                } else {
                    State::Reference
                };
                self.pos += len;
                Ok(Event::Text(BytesText::from_escaped(
                    &self.text[start..start + len],
                )))
            }
            None => {
                self.state = State::Done;
                self.pos = bytes.len();
                if rest.is_empty() {
                    Ok(Event::Eof)
                } else {
                    Ok(Event::Text(BytesText::from_escaped(&self.text[start..])))
                }
            }
        }
    }

    /// At `<`: a start, empty or end tag, a declaration or a processing instruction.
    fn markup(&mut self) -> Result<Event<'a>, XmlError> {
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        let event = match rest.get(1) {
            Some(b'/') => {
                let expected = match self.depth.checked_sub(1) {
                    Some(top) => self.open[top],
                    None => return Err(unsupported()),
                };
                let len = expected.len();
                let end = if rest[2..].starts_with(expected.as_bytes())
                    && rest.get(2 + len) == Some(&b'>')
                {
                    // `</name>` (names here hold no quote, so this `>` ends the tag).
                    2 + len
                } else {
                    let end = tag_end(rest).ok_or_else(unsupported)?;
                    // quick-xml trims whitespace after the name of an end tag.
                    let name = self.text[start + 2..start + end].trim_end_matches(is_space_char);
                    if name != expected {
                        return Err(unsupported());
                    }
                    end
                };
                self.depth -= 1;
                self.pos += end + 1;
                Event::End(BytesEnd::new(&self.text[start + 2..start + 2 + len]))
            }
            Some(b'?') => {
                // `<?…?>`: the first `>` after a `?`.
                let end = (2..rest.len())
                    .find(|&i| rest[i] == b'>' && rest[i - 1] == b'?')
                    .ok_or_else(unsupported)?;
                if end < 3 {
                    return Err(unsupported());
                }
                let content = &self.text[start + 2..start + end - 1];
                self.pos += end + 1;
                let bytes = content.as_bytes();
                if bytes.starts_with(b"xml") && bytes.get(3).is_none_or(|&b| is_space(b)) {
                    Event::Decl(BytesDecl::from_start(BytesStart::from_content(content, 3)))
                } else {
                    Event::PI(BytesPI::new(content))
                }
            }
            Some(b'!') | None => return Err(unsupported()),
            Some(_) => {
                // `<name>` and `<name/>` directly; anything else (attributes, whitespace) with
                // quick-xml's rule: the first `>` outside quotes.
                let name_end = 1 + name_len(&rest[1..]);
                let (end, empty, name_len) = match &rest[name_end..] {
                    [b'>', ..] => (name_end, false, name_end - 1),
                    [b'/', b'>', ..] => (name_end + 1, true, name_end - 1),
                    _ => {
                        let end = tag_end(rest).ok_or_else(unsupported)?;
                        let empty = rest[end - 1] == b'/';
                        // quick-xml: the name runs to the first whitespace.
                        let name = &rest[1..end - usize::from(empty)];
                        let name_len = scan(name, SPACE);
                        // A quote in a name would make `</name>` ambiguous for the end-tag
                        // shortcut (quick-xml would read past that `>`).
                        if scan(&name[..name_len], QUOTE) != name_len {
                            return Err(unsupported());
                        }
                        (end, empty, name_len)
                    }
                };
                if name_len == 0 {
                    return Err(unsupported());
                }
                let content = &self.text[start + 1..start + end - usize::from(empty)];
                let tag = BytesStart::from_content(content, name_len);
                self.pos += end + 1;
                if empty {
                    Event::Empty(tag)
                } else {
                    if self.depth == MAX_OPEN {
                        return Err(unsupported());
                    }
                    self.open[self.depth] = &content[..name_len];
                    self.depth += 1;
                    Event::Start(tag)
                }
            }
        };
        self.state = State::Text;
        Ok(event)
    }

    /// At `&`: a reference closed by `;` before any `&` or `<`.
    fn reference(&mut self) -> Result<Event<'a>, XmlError> {
        let start = self.pos;
        let rest = &self.text.as_bytes()[start + 1..];
        match rest.iter().position(|&b| matches!(b, b';' | b'&' | b'<')) {
            Some(len) if rest[len] == b';' => {
                self.pos += len + 2;
                self.state = State::Text;
                Ok(Event::GeneralRef(BytesRef::new(
                    &self.text[start + 1..start + 1 + len],
                )))
            }
            _ => Err(unsupported()),
        }
    }
}

/// The index of the `>` closing the tag that `bytes` starts with, outside quoted attribute
/// values (quick-xml's element parser).
fn tag_end(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        i += find(&bytes[i..], [b'>', b'"', b'\'']);
        match *bytes.get(i)? {
            b'>' => return Some(i),
            quote => {
                let rest = &bytes[i + 1..];
                let close = find(rest, [quote]);
                if close == rest.len() {
                    return None;
                }
                i += close + 2;
            }
        }
    }
}

// Byte classes, for the byte-by-byte loops.
const SPACE: u8 = 1;
const LT: u8 = 2;
const AMP: u8 = 4;
const GT: u8 = 8;
const SLASH: u8 = 16;
const QUOTE: u8 = 32;

const CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    classes[b' ' as usize] = SPACE;
    classes[b'\t' as usize] = SPACE;
    classes[b'\r' as usize] = SPACE;
    classes[b'\n' as usize] = SPACE;
    classes[b'<' as usize] = LT;
    classes[b'&' as usize] = AMP;
    classes[b'>' as usize] = GT;
    classes[b'/' as usize] = SLASH;
    classes[b'"' as usize] = QUOTE;
    classes[b'\'' as usize] = QUOTE;
    classes
};

#[inline]
fn class(b: u8) -> u8 {
    CLASSES[usize::from(b)]
}

/// The length of the prefix of `bytes` with no byte in `classes`.
#[inline]
fn scan(bytes: &[u8], classes: u8) -> usize {
    bytes
        .iter()
        .position(|&b| class(b) & classes != 0)
        .unwrap_or(bytes.len())
}

fn is_space(b: u8) -> bool {
    class(b) & SPACE != 0
}

fn is_space_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

// Eight bytes at a time ("SWAR"): a word holds eight bytes, the first one lowest, and a mask
// holds the high bit of each byte that matches. The tests are exact byte by byte (no carry
// crosses bytes), so the lowest bit of a mask is the first match. Past the end of the input a
// word is padded with zero bytes, which no search below looks for.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `at` as a word, padded with zero bytes past the end.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(chunk) => {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            u64::from_le_bytes(word)
        }
        // Byte by byte (a short copy would be a call to `memcpy`).
        None => bytes[at..]
            .iter()
            .rev()
            .fold(0, |word, &b| (word << 8) | u64::from(b)),
    }
}

/// The bytes of `w` that are zero.
#[inline]
fn zero_bytes(w: u64) -> u64 {
    // (b & 0x7f) + 0x7f has its high bit set when b & 0x7f is not 0; `| w` adds b's own.
    !(((w & !HIGH) + !HIGH) | w) & HIGH
}

/// The bytes of `w` equal to `b`.
#[inline]
fn equal_bytes(w: u64, b: u8) -> u64 {
    zero_bytes(w ^ (ONES * u64::from(b)))
}

/// The bytes of `w` below `n` (`n` at most 0x80).
#[inline]
fn bytes_below(w: u64, n: u8) -> u64 {
    // (b & 0x7f) + (0x80 - n) has its high bit set when b & 0x7f >= n; `| w` adds b's own.
    !(((w & !HIGH) + ONES * u64::from(0x80 - n)) | w) & HIGH
}

/// The index of the first byte a mask marks.
#[inline]
fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The length of the prefix of `bytes` with none of `targets` (none of which is zero).
#[inline]
fn find<const N: usize>(bytes: &[u8], targets: [u8; N]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        let w = word_at(bytes, at);
        let hits = targets.iter().fold(0, |hits, &t| hits | equal_bytes(w, t));
        if hits != 0 {
            return at + first(hits);
        }
        at += 8;
    }
    bytes.len()
}

/// The length of the name `bytes` starts with, as far as the `<name>` shortcut goes: up to a
/// byte in any class. Those are all below `?` (0x3f), which few name bytes are.
#[inline]
fn name_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        let candidates = bytes_below(word_at(bytes, at), b'?');
        if candidates == 0 {
            at += 8;
            continue;
        }
        let i = at + first(candidates);
        match bytes.get(i) {
            Some(&b) if class(b) == 0 => at = i + 1,
            _ => return i.min(bytes.len()),
        }
    }
    bytes.len()
}

/// The length of the leading whitespace of `bytes`.
#[inline]
fn spaces(bytes: &[u8]) -> usize {
    if bytes.first().is_none_or(|&b| !is_space(b)) {
        return 0;
    }
    // Spaces and line feeds eight at a time; a tab or a carriage return is stepped over.
    let mut at = 0;
    while at < bytes.len() {
        let w = word_at(bytes, at);
        let other = !(equal_bytes(w, b' ') | equal_bytes(w, b'\n')) & HIGH;
        if other == 0 {
            at += 8;
            continue;
        }
        let i = at + first(other);
        match bytes.get(i) {
            Some(b'\t' | b'\r') => at = i + 1,
            // Not whitespace, or the padding past the end.
            _ => return i.min(bytes.len()),
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words with `b` in each lane and every byte value around it.
    fn each_lane(mut check: impl FnMut(u64, usize, u8)) {
        for lane in 0..8 {
            for b in 0..=255u8 {
                for fill in [0x00, 0x20, 0x3e, 0x3f, 0x41, 0x7f, 0x80, 0xff] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    check(u64::from_le_bytes(bytes), lane, b);
                }
            }
        }
    }

    fn lane_bit(mask: u64, lane: usize) -> bool {
        mask & (0x80 << (8 * lane)) != 0
    }

    #[test]
    fn word_tests_are_exact_in_every_lane() {
        each_lane(|w, lane, b| {
            assert_eq!(lane_bit(zero_bytes(w), lane), b == 0);
            for t in [
                b'<', b'&', b'>', b'"', b'\'', b' ', b'\n', b'\r', 0x80, 0xff,
            ] {
                assert_eq!(lane_bit(equal_bytes(w, t), lane), b == t, "{b:#x} = {t:#x}");
            }
            for n in [b'?', 0x21, 0x80, 1] {
                assert_eq!(lane_bit(bytes_below(w, n), lane), b < n, "{b:#x} < {n:#x}");
            }
        });
    }

    #[test]
    fn searches_agree_with_byte_loops() {
        let samples: [&[u8]; 8] = [
            b"",
            b"abc",
            b"12345678<",
            b"goods_total_num>12345</goods_total_num>",
            b"  \n\t\r  \n        \r\n\x0c<a>",
            b"a1-b.c:d\xe4\xb8\xad/>x",
            b"name=\"a>b\" x='\"'>rest",
            b"\n            <x/>",
        ];
        for sample in samples {
            for start in 0..=sample.len() {
                let bytes = &sample[start..];
                let naive_find = |targets: &[u8]| {
                    bytes
                        .iter()
                        .position(|b| targets.contains(b))
                        .unwrap_or(bytes.len())
                };
                assert_eq!(find(bytes, [b'<', b'&']), naive_find(b"<&"));
                assert_eq!(find(bytes, [b'>', b'"', b'\'']), naive_find(b">\"'"));
                assert_eq!(find(bytes, [b'\r']), naive_find(b"\r"));
                let naive_name = bytes
                    .iter()
                    .position(|&b| class(b) != 0)
                    .unwrap_or(bytes.len());
                assert_eq!(name_len(bytes), naive_name, "{bytes:?}");
                let naive_spaces = bytes
                    .iter()
                    .position(|&b| !is_space(b))
                    .unwrap_or(bytes.len());
                assert_eq!(spaces(bytes), naive_spaces, "{bytes:?}");
            }
        }
    }
}
