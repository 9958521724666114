//! The pull parser: one pass over quick-xml events, no DOM.

use std::borrow::Cow;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::{EscapeError, resolve_xml_entity};
use quick_xml::events::{BytesRef, BytesStart, BytesText, Event};
use quick_xml::{Reader, XmlVersion};

use super::error::EnvelopeError;
use super::{Envelope, Limits, Payload, html};
use crate::charset::Charset;
use crate::error::ErrorCode;

/// Parses a body whose size was already checked against the limits.
pub(super) fn parse_body(body: &[u8], limits: &Limits) -> Result<Envelope, EnvelopeError> {
    // A UTF-8 byte order mark is not part of the document.
    let (body, base) = match body.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (body, 0),
    };
    if html::looks_like_html(body) {
        return Err(EnvelopeError::HtmlPage {
            code: html::find_error_code(body),
        });
    }
    match declared_charset(body)? {
        // quick-xml validates UTF-8 as it reads each event: no separate pass.
        Charset::Utf8 => Parser::new(body, base, Charset::Utf8, limits).document(body),
        Charset::Gbk => {
            let text = Charset::Gbk
                .decode(body)
                .map_err(|err| EnvelopeError::InvalidBytes {
                    charset: Charset::Gbk,
                    position: base + undecodable_offset(&err),
                })?;
            Parser::new(text.as_bytes(), base, Charset::Gbk, limits).document(body)
        }
    }
}

fn undecodable_offset(err: &crate::charset::CharsetError) -> usize {
    match err {
        crate::charset::CharsetError::Undecodable { offset, .. } => *offset,
        _ => 0,
    }
}

/// The encoding named by the XML declaration; UTF-8 when there is none.
///
/// The declaration is ASCII in both UTF-8 and GBK, so it is read from the raw bytes before the
/// body is decoded. Errors in the declaration itself are left to the main pass to report.
fn declared_charset(body: &[u8]) -> Result<Charset, EnvelopeError> {
    if !body.trim_ascii_start().starts_with(b"<?xml") {
        return Ok(Charset::Utf8);
    }
    let mut reader = Reader::from_reader(body);
    loop {
        match reader.read_event() {
            Ok(Event::Decl(decl)) => {
                return match decl.encoding() {
                    Some(Ok(label)) => Charset::from_label(&label).map_err(|_| {
                        EnvelopeError::UnsupportedEncoding {
                            label: label.into_owned(),
                        }
                    }),
                    _ => Ok(Charset::Utf8),
                };
            }
            Ok(Event::Text(text)) if is_blank(&text) => {}
            _ => return Ok(Charset::Utf8),
        }
    }
}

fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// A child element of a container, as returned by [`Parser::next_child`].
struct Child<'a> {
    start: BytesStart<'a>,
    /// False for `<empty/>` elements.
    has_content: bool,
    /// Byte offset of the start tag (relative to the parsed text).
    at: usize,
}

struct Parser<'a, 'l> {
    reader: Reader<&'a [u8]>,
    /// The document the reader runs over: the body itself (UTF-8, validated event by event by
    /// the reader), or its UTF-8 transcoding (GBK).
    src: &'a [u8],
    /// The document's declared charset.
    charset: Charset,
    /// Bytes stripped before `src` (a byte order mark), added to reported positions.
    base: usize,
    limits: &'l Limits,
    /// Names of the open elements joined with `/`; one buffer, truncated on the way out.
    path: String,
    /// `path.len()` before each open element was entered; its length is the nesting depth.
    marks: Vec<usize>,
    /// Offset (in `src`) where the last event started.
    at: usize,
}

impl<'a, 'l> Parser<'a, 'l> {
    fn new(src: &'a [u8], base: usize, charset: Charset, limits: &'l Limits) -> Self {
        // Defaults: end names are checked, `&` must close a reference, text is not trimmed.
        Self {
            reader: Reader::from_reader(src),
            src,
            charset,
            base,
            limits,
            path: String::with_capacity(64),
            marks: Vec::with_capacity(limits.max_depth.min(32)),
            at: 0,
        }
    }

    fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// The next event; DOCTYPEs and reader errors become envelope errors here.
    fn next(&mut self) -> Result<Event<'a>, EnvelopeError> {
        self.at = self.offset();
        match self.reader.read_event() {
            Ok(Event::DocType(doctype)) => Err(self.doctype(&doctype)),
            Ok(event) => Ok(event),
            Err(err) => Err(self.xml_error(err)),
        }
    }

    fn doctype(&self, doctype: &BytesText<'_>) -> EnvelopeError {
        let name = doctype.trim_start().as_bytes();
        if name.len() >= 4 && name[..4].eq_ignore_ascii_case(b"html") {
            EnvelopeError::HtmlPage {
                code: html::find_error_code(self.src),
            }
        } else {
            EnvelopeError::Doctype {
                position: self.base + self.at,
            }
        }
    }

    fn xml_error(&self, err: XmlError) -> EnvelopeError {
        let position =
            self.base + usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
        let path = self.path.clone();
        match err {
            XmlError::Syntax(SyntaxError::InvalidBangMarkup) => EnvelopeError::Malformed {
                path,
                position,
                reason: err.to_string(),
            },
            // Every other syntax error is "the input ended inside this markup".
            XmlError::Syntax(_) | XmlError::IllFormed(IllFormedError::MissingEndTag(_)) => {
                EnvelopeError::Truncated { path, position }
            }
            XmlError::Encoding(_) => EnvelopeError::InvalidBytes {
                charset: self.charset,
                // Only on this error path is the whole document re-checked, for the exact offset.
                position: std::str::from_utf8(self.src)
                    .err()
                    .map_or(position, |err| self.base + err.valid_up_to()),
            },
            XmlError::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                EnvelopeError::UnknownEntity {
                    path,
                    name,
                    position,
                }
            }
            XmlError::Escape(EscapeError::InvalidCharRef(reason)) => {
                EnvelopeError::InvalidCharRef {
                    path,
                    reason: reason.to_string(),
                    position,
                }
            }
            other => EnvelopeError::Malformed {
                path,
                position,
                reason: other.to_string(),
            },
        }
    }

    fn position(&self, at: usize) -> usize {
        self.base + at
    }

    fn truncated(&self) -> EnvelopeError {
        EnvelopeError::Truncated {
            path: self.path.clone(),
            position: self.position(self.at),
        }
    }

    fn unexpected_text(&self) -> EnvelopeError {
        EnvelopeError::UnexpectedText {
            path: self.path.clone(),
            position: self.position(self.at),
        }
    }

    /// Enters an element: extends the path and enforces the depth limit.
    fn enter(&mut self, name: &str) -> Result<(), EnvelopeError> {
        self.marks.push(self.path.len());
        if !self.path.is_empty() {
            self.path.push('/');
        }
        self.path.push_str(name);
        if self.marks.len() > self.limits.max_depth {
            return Err(EnvelopeError::TooDeep {
                path: self.path.clone(),
                max: self.limits.max_depth,
            });
        }
        Ok(())
    }

    fn leave(&mut self) {
        let cut = self.marks.pop().unwrap_or(0);
        self.path.truncate(cut);
    }

    /// Resolves `&name;` / `&#N;` / `&#xN;`: the five predefined entities and character references
    /// only, whatever features other crates enable in quick-xml.
    fn reference(&self, reference: &BytesRef<'_>) -> Result<Piece, EnvelopeError> {
        match reference.resolve_char_ref() {
            Ok(Some(ch)) => Ok(Piece::Char(ch)),
            Ok(None) => resolve_xml_entity(reference)
                .map(Piece::Str)
                .ok_or_else(|| EnvelopeError::UnknownEntity {
                    path: self.path.clone(),
                    name: reference.to_string(),
                    position: self.position(self.at),
                }),
            Err(err) => Err(EnvelopeError::InvalidCharRef {
                path: self.path.clone(),
                reason: err.to_string(),
                position: self.position(self.at),
            }),
        }
    }

    /// The next child element of the current container, or `None` at its end tag.
    /// Whitespace, comments and processing instructions between children are skipped;
    /// any other character data is an error.
    fn next_child(&mut self) -> Result<Option<Child<'a>>, EnvelopeError> {
        loop {
            match self.next()? {
                Event::Start(start) => {
                    return Ok(Some(Child {
                        start,
                        has_content: true,
                        at: self.at,
                    }));
                }
                Event::Empty(start) => {
                    return Ok(Some(Child {
                        start,
                        has_content: false,
                        at: self.at,
                    }));
                }
                Event::End(_) => return Ok(None),
                Event::Text(text) if is_blank(&text) => {}
                Event::Text(_) | Event::GeneralRef(_) => return Err(self.unexpected_text()),
                Event::CData(cdata) if cdata.is_empty() => {}
                Event::CData(_) => return Err(self.unexpected_text()),
                Event::Eof => return Err(self.truncated()),
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
            }
        }
    }

    /// The text of the element just entered, up to and including its end tag.
    ///
    /// Text, CDATA and references are concatenated verbatim (no trimming); a single text node is
    /// borrowed, not copied. If the element has child elements, the result is its raw inner XML
    /// as it appears in the document (markup and escapes included); the children are still checked
    /// for well-formedness, depth and entities.
    fn text(&mut self) -> Result<Cow<'a, str>, EnvelopeError> {
        let content_start = self.offset();
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        let mut raw = false;
        let mut open = 0usize;
        loop {
            match self.next()? {
                Event::Text(piece) if !raw => append(&mut text, piece.xml10_content()),
                Event::CData(piece) if !raw => append(&mut text, piece.xml10_content()),
                Event::GeneralRef(reference) => {
                    let piece = self.reference(&reference)?;
                    if !raw {
                        match piece {
                            Piece::Char(ch) => text.to_mut().push(ch),
                            Piece::Str(s) => append(&mut text, Cow::Borrowed(s)),
                        }
                    }
                }
                Event::Start(start) => {
                    raw = true;
                    open += 1;
                    self.enter(start.name().into_inner())?;
                }
                Event::Empty(start) => {
                    raw = true;
                    self.enter(start.name().into_inner())?;
                    self.leave();
                }
                Event::End(_) if open > 0 => {
                    open -= 1;
                    self.leave();
                }
                Event::End(_) if raw => return self.raw(content_start),
                Event::End(_) => return Ok(text),
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }

    /// The source between `start` and the start of the end tag just read, as text. The reader
    /// has validated every byte of it already.
    fn raw(&self, start: usize) -> Result<Cow<'a, str>, EnvelopeError> {
        std::str::from_utf8(&self.src[start..self.at])
            .map(Cow::Borrowed)
            .map_err(|err| EnvelopeError::InvalidBytes {
                charset: self.charset,
                position: self.base + start + err.valid_up_to(),
            })
    }

    /// Skips the element just entered (an element this parser does not know), still checking
    /// well-formedness, depth and entity references.
    fn skip(&mut self) -> Result<(), EnvelopeError> {
        let mut open = 0usize;
        loop {
            match self.next()? {
                Event::Start(start) => {
                    open += 1;
                    self.enter(start.name().into_inner())?;
                }
                Event::Empty(start) => {
                    self.enter(start.name().into_inner())?;
                    self.leave();
                }
                Event::End(_) if open > 0 => {
                    open -= 1;
                    self.leave();
                }
                Event::End(_) => return Ok(()),
                Event::GeneralRef(reference) => {
                    self.reference(&reference)?;
                }
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }

    /// The whole document: prolog, `<alipay>`, epilog.
    fn document(mut self, body: &[u8]) -> Result<Envelope, EnvelopeError> {
        let envelope = loop {
            match self.next()? {
                Event::Start(start) | Event::Empty(start)
                    if start.name().into_inner() != "alipay" =>
                {
                    let name = start.name().into_inner();
                    return Err(if name.eq_ignore_ascii_case("html") {
                        EnvelopeError::HtmlPage {
                            code: html::find_error_code(body),
                        }
                    } else {
                        EnvelopeError::NoRoot {
                            found: Some(name.to_owned()),
                        }
                    });
                }
                Event::Start(_) => break self.root()?,
                Event::Empty(_) => return Err(EnvelopeError::MissingIsSuccess),
                Event::Text(text) if is_blank(&text) => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) | Event::Eof => {
                    return Err(EnvelopeError::NoRoot { found: None });
                }
                Event::End(_) => return Err(EnvelopeError::NoRoot { found: None }),
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
            }
        };
        loop {
            match self.next()? {
                Event::Eof => return Ok(envelope),
                Event::Text(text) if is_blank(&text) => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => {
                    return Err(EnvelopeError::TrailingContent {
                        position: self.position(self.at),
                    });
                }
            }
        }
    }

    /// The children of `<alipay>`, whose start tag was just read.
    fn root(&mut self) -> Result<Envelope, EnvelopeError> {
        self.enter("alipay")?;
        let mut is_success = None;
        let mut error = None;
        let mut request = None;
        let mut response = None;
        let mut sign = None;
        let mut sign_type = None;
        while let Some(child) = self.next_child()? {
            let name = child.start.name().into_inner();
            self.enter(name)?;
            match name {
                "is_success" => {
                    self.once(is_success.is_some(), &child)?;
                    let value = self.text_of(&child)?;
                    is_success = Some(match value.as_ref() {
                        "T" => true,
                        "F" => false,
                        _ => {
                            return Err(EnvelopeError::InvalidIsSuccess {
                                value: value.into_owned(),
                            });
                        }
                    });
                }
                "error" => {
                    self.once(error.is_some(), &child)?;
                    error = Some(ErrorCode::from_code(&self.text_of(&child)?));
                }
                "sign" => {
                    self.once(sign.is_some(), &child)?;
                    sign = Some(self.text_of(&child)?.into_owned());
                }
                "sign_type" => {
                    self.once(sign_type.is_some(), &child)?;
                    sign_type = Some(self.text_of(&child)?.into_owned());
                }
                "request" => {
                    self.once(request.is_some(), &child)?;
                    request = Some(if child.has_content {
                        self.request()?
                    } else {
                        Vec::new()
                    });
                }
                "response" => {
                    self.once(response.is_some(), &child)?;
                    response = Some(if child.has_content {
                        self.response()?
                    } else {
                        None
                    });
                }
                // Elements this version does not know are skipped, for forward compatibility.
                _ if child.has_content => self.skip()?,
                _ => {}
            }
            self.leave();
        }
        self.leave();
        Ok(Envelope {
            is_success: is_success.ok_or(EnvelopeError::MissingIsSuccess)?,
            error,
            request: request.unwrap_or_default(),
            response: response.flatten(),
            sign,
            sign_type,
            charset: self.charset,
        })
    }

    /// Fails with [`EnvelopeError::Duplicate`] when an element that may appear once was seen.
    fn once(&self, seen: bool, child: &Child<'_>) -> Result<(), EnvelopeError> {
        if seen {
            Err(EnvelopeError::Duplicate {
                path: self.path.clone(),
                position: self.position(child.at),
            })
        } else {
            Ok(())
        }
    }

    fn text_of(&mut self, child: &Child<'_>) -> Result<Cow<'a, str>, EnvelopeError> {
        if child.has_content {
            self.text()
        } else {
            Ok(Cow::Borrowed(""))
        }
    }

    fn too_many_fields(&self) -> EnvelopeError {
        EnvelopeError::TooManyFields {
            path: self.path.clone(),
            max: self.limits.max_fields,
        }
    }

    /// `<request><param name="…">…</param>…</request>`; other elements are skipped.
    fn request(&mut self) -> Result<Vec<(String, String)>, EnvelopeError> {
        let mut params = Vec::with_capacity(8);
        while let Some(child) = self.next_child()? {
            let is_param = child.start.name().into_inner() == "param";
            if is_param && params.len() >= self.limits.max_fields {
                return Err(self.too_many_fields());
            }
            self.enter(child.start.name().into_inner())?;
            if is_param {
                let name = self.param_name(&child)?;
                let value = self.text_of(&child)?.into_owned();
                params.push((name, value));
            } else if child.has_content {
                self.skip()?;
            }
            self.leave();
        }
        Ok(params)
    }

    /// The `name` attribute of a `<param>`, unescaped.
    fn param_name(&self, child: &Child<'_>) -> Result<String, EnvelopeError> {
        let attribute = child
            .start
            .try_get_attribute("name")
            .map_err(|err| EnvelopeError::Malformed {
                path: self.path.clone(),
                position: self.position(child.at),
                reason: err.to_string(),
            })?
            .ok_or_else(|| EnvelopeError::MissingParamName {
                path: self.path.clone(),
                position: self.position(child.at),
            })?;
        let value = attribute
            .normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_xml_entity)
            .map_err(|err| {
                // Report the start tag, not the reader's position.
                match self.xml_error(err) {
                    EnvelopeError::UnknownEntity { path, name, .. } => {
                        EnvelopeError::UnknownEntity {
                            path,
                            name,
                            position: self.position(child.at),
                        }
                    }
                    EnvelopeError::InvalidCharRef { path, reason, .. } => {
                        EnvelopeError::InvalidCharRef {
                            path,
                            reason,
                            position: self.position(child.at),
                        }
                    }
                    other => other,
                }
            })?;
        Ok(value.into_owned())
    }

    /// `<response>`: at most one payload element; `None` when empty.
    fn response(&mut self) -> Result<Option<Payload>, EnvelopeError> {
        let mut payload = None;
        while let Some(child) = self.next_child()? {
            let name = child.start.name().into_inner();
            self.enter(name)?;
            self.once(payload.is_some(), &child)?;
            let fields = if child.has_content {
                self.payload_fields()?
            } else {
                Vec::new()
            };
            payload = Some(Payload {
                name: name.to_owned(),
                fields,
            });
            self.leave();
        }
        Ok(payload)
    }

    /// The children of the payload element, in order.
    fn payload_fields(&mut self) -> Result<Vec<(String, String)>, EnvelopeError> {
        let mut fields = Vec::with_capacity(32);
        while let Some(child) = self.next_child()? {
            if fields.len() >= self.limits.max_fields {
                return Err(self.too_many_fields());
            }
            let name = child.start.name().into_inner();
            self.enter(name)?;
            let value = self.text_of(&child)?.into_owned();
            fields.push((name.to_owned(), value));
            self.leave();
        }
        Ok(fields)
    }
}

/// A resolved reference.
enum Piece {
    Char(char),
    Str(&'static str),
}

/// Appends `piece` to `text`, borrowing while `text` is still empty.
fn append<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        *text = piece;
    } else if !piece.is_empty() {
        text.to_mut().push_str(&piece);
    }
}
