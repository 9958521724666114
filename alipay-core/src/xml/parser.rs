//! The pull parser: one pass over XML events (the [`Scanner`]'s, else quick-xml's), no DOM.

use std::borrow::Cow;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::{EscapeError, resolve_xml_entity};
use quick_xml::events::{BytesDecl, BytesRef, BytesStart, BytesText, Event};
use quick_xml::{Reader, XmlVersion};

use super::envelope::{Envelope, Limits, Payload};
use super::error::EnvelopeError;
use super::fields::Fields;
use super::html;
use super::scan::Scanner;
use crate::charset::Charset;
use crate::error::ErrorCode;

/// Parses a body whose size was already checked against the limits.
///
/// `fast`: try the [`Scanner`] first (always, except to compare it against quick-xml alone).
pub(super) fn parse_body(
    body: &[u8],
    limits: &Limits,
    fast: bool,
) -> Result<Envelope, EnvelopeError> {
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
    // The body is read as UTF-8 until its XML declaration says otherwise.
    match parse_text(body, base, Charset::Utf8, limits, body, fast)? {
        Document::Envelope(envelope) => Ok(envelope),
        Document::Gbk => {
            let text = Charset::Gbk
                .decode(body)
                .map_err(|err| EnvelopeError::InvalidBytes {
                    charset: Charset::Gbk,
                    position: base + undecodable_offset(&err),
                })?;
            match parse_text(text.as_bytes(), base, Charset::Gbk, limits, body, fast)? {
                Document::Envelope(envelope) => Ok(envelope),
                // Only a UTF-8 pass looks at the declared encoding.
                Document::Gbk => unreachable!("the GBK pass never starts over"),
            }
        }
    }
}

/// What a pass over the document found.
// Returned once per parse and moved straight out: boxing the envelope would add an allocation to
// every parse for nothing.
#[allow(clippy::large_enum_variant)]
enum Document {
    /// The envelope.
    Envelope(Envelope),
    /// An XML declaration naming GBK, in a UTF-8 pass: decode the body and start over.
    Gbk,
}

/// One pass over `text` (the body in UTF-8: as received, or transcoded from GBK).
///
/// The fast scanner reads it first; if it meets anything it does not handle, or the document
/// is not a valid envelope, quick-xml reads it again and its answer (the envelope, or the error
/// to report) stands. Every error therefore comes from quick-xml, positions included.
fn parse_text(
    text: &[u8],
    base: usize,
    charset: Charset,
    limits: &Limits,
    body: &[u8],
    fast: bool,
) -> Result<Document, EnvelopeError> {
    if let Some(scanner) = Scanner::new(text).filter(|_| fast)
        && let Ok(document) = Parser::new(scanner, text, base, charset, limits).document(body)
    {
        return Ok(document);
    }
    // quick-xml validates UTF-8 as it reads each event: no separate pass.
    Parser::new(Reader::from_reader(text), text, base, charset, limits).document(body)
}

/// Where the parser's events come from: quick-xml's reader, or the [`Scanner`] for the
/// common case. Offsets are in the text less one leading byte order mark (both strip it).
trait Source<'a> {
    /// The next event.
    fn read_event(&mut self) -> Result<Event<'a>, XmlError>;
    /// Offset of the next byte to read.
    fn position(&self) -> usize;
    /// Offset where the last error was found.
    fn error_position(&self) -> usize;
    /// Whether whitespace before character data is skipped.
    fn set_trim_text_start(&mut self, trim: bool);
    /// Right after a start tag: when the element holds only character data with nothing to
    /// resolve or normalise (no markup, reference or carriage return), that text, read up to
    /// and including the end tag, as the `Text` (if any) and `End` events would have been;
    /// otherwise `None`, and nothing is read.
    fn leaf_text(&mut self) -> Option<&'a str> {
        None
    }
}

impl<'a> Source<'a> for Reader<&'a [u8]> {
    #[inline]
    fn read_event(&mut self) -> Result<Event<'a>, XmlError> {
        Reader::read_event(self)
    }

    #[inline]
    fn position(&self) -> usize {
        usize::try_from(self.buffer_position()).unwrap_or(usize::MAX)
    }

    fn error_position(&self) -> usize {
        usize::try_from(Reader::error_position(self)).unwrap_or(usize::MAX)
    }

    #[inline]
    fn set_trim_text_start(&mut self, trim: bool) {
        self.config_mut().trim_text_start = trim;
    }
}

impl<'a> Source<'a> for Scanner<'a> {
    #[inline]
    fn read_event(&mut self) -> Result<Event<'a>, XmlError> {
        Scanner::read_event(self)
    }

    #[inline]
    fn position(&self) -> usize {
        Scanner::position(self)
    }

    fn error_position(&self) -> usize {
        Scanner::position(self)
    }

    #[inline]
    fn set_trim_text_start(&mut self, trim: bool) {
        Scanner::set_trim_text_start(self, trim);
    }

    #[inline]
    fn leaf_text(&mut self) -> Option<&'a str> {
        Scanner::leaf_text(self)
    }
}

fn undecodable_offset(err: &crate::charset::CharsetError) -> usize {
    match err {
        crate::charset::CharsetError::Undecodable { offset, .. } => *offset,
        _ => 0,
    }
}

/// The encoding named by an XML declaration; UTF-8 when it names none (or cannot be read: the
/// declaration's own errors are the main pass's to report).
fn declared_charset(decl: &BytesDecl<'_>) -> Result<Charset, EnvelopeError> {
    match decl.encoding() {
        Some(Ok(label)) => {
            Charset::from_label(&label).map_err(|_| EnvelopeError::UnsupportedEncoding {
                label: label.into_owned(),
            })
        }
        _ => Ok(Charset::Utf8),
    }
}

fn is_blank(text: &str) -> bool {
    text.bytes().all(is_xml_space)
}

fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A child element of a container, as returned by [`Parser::next_child`].
struct Child<'a> {
    start: BytesStart<'a>,
    /// False for `<empty/>` elements.
    has_content: bool,
    /// Byte offset of the start tag (relative to the parsed text).
    at: usize,
}

impl Child<'_> {
    /// The offsets of the element's name in the parsed text.
    fn name_span(&self) -> (usize, usize) {
        (self.at + 1, self.at + 1 + self.start.name().as_ref().len())
    }
}

/// Where the start tag `start`, just read, begins in the parsed text: the reader is right after
/// its `>`, and the event holds everything between `<` and `>` (or `/>` when `empty`).
fn tag_start(end: usize, start: &BytesStart<'_>, empty: bool) -> usize {
    end - start.len() - if empty { 3 } else { 2 }
}

struct Parser<'a, 'l, S> {
    reader: S,
    /// The document the reader runs over: the body itself (UTF-8, validated by the reader), or
    /// its UTF-8 transcoding (GBK).
    src: &'a [u8],
    /// What the reader's offsets index: `src`, less the byte order mark the reader itself strips
    /// when `src` starts with one (a body with two).
    text: &'a [u8],
    /// The document's declared charset.
    charset: Charset,
    /// Bytes stripped before `src` (a byte order mark), added to reported positions.
    base: usize,
    limits: &'l Limits,
    /// The open elements' names, as offsets in `text`; the length is the nesting depth. The path
    /// (`alipay/response/goods`) is only joined for an error.
    open: Vec<(usize, usize)>,
    /// Offset (in `text`) where the reader was when the last event was requested. Between
    /// elements the reader skips whitespace first (`trim_text_start`), so a markup event may
    /// start later: see [`Parser::markup_at`].
    at: usize,
    /// Whether the last [`Parser::text`] read an element with child elements (its value is
    /// markup).
    markup: bool,
}

impl<'a, 'l, S: Source<'a>> Parser<'a, 'l, S> {
    fn new(
        mut reader: S,
        src: &'a [u8],
        base: usize,
        charset: Charset,
        limits: &'l Limits,
    ) -> Self {
        // quick-xml's defaults are kept: end names are checked, `&` must close a reference, no
        // text is trimmed at its end. Whitespace before markup is skipped by the reader between
        // elements (where it is never content: no `Text` event for indentation); `text` turns
        // that off while it reads an element's content, which is kept verbatim.
        reader.set_trim_text_start(true);
        Self {
            reader,
            src,
            text: src.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(src),
            charset,
            base,
            limits,
            open: Vec::with_capacity(limits.max_depth.min(16)),
            at: 0,
            markup: false,
        }
    }

    /// The path of the open elements, joined with `/` (for errors).
    fn path(&self) -> String {
        let mut path = String::new();
        for &(start, end) in &self.open {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&String::from_utf8_lossy(&self.text[start..end]));
        }
        path
    }

    /// Where the markup (or end of input) just read starts: after any whitespace the reader
    /// skipped. A `Text` event starts at [`Parser::at`] itself (as it always has: the skipped
    /// whitespace belonged to it).
    fn markup_at(&self) -> usize {
        let rest = self.text.get(self.at..).unwrap_or_default();
        self.at + rest.iter().take_while(|&&b| is_xml_space(b)).count()
    }

    fn offset(&self) -> usize {
        self.reader.position()
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
                position: self.position(self.markup_at()),
            }
        }
    }

    fn xml_error(&self, err: XmlError) -> EnvelopeError {
        let position = self.base.saturating_add(self.reader.error_position());
        let path = self.path();
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

    /// The input ended (the event just read is `Eof`).
    fn truncated(&self) -> EnvelopeError {
        EnvelopeError::Truncated {
            path: self.path(),
            position: self.position(self.markup_at()),
        }
    }

    /// Character data starting at `at` where only elements belong.
    fn unexpected_text(&self, at: usize) -> EnvelopeError {
        EnvelopeError::UnexpectedText {
            path: self.path(),
            position: self.position(at),
        }
    }

    /// Enters an element whose name is `text[span.0..span.1]`: extends the path and enforces the
    /// depth limit.
    fn enter(&mut self, span: (usize, usize)) -> Result<(), EnvelopeError> {
        self.open.push(span);
        if self.open.len() > self.limits.max_depth {
            return Err(EnvelopeError::TooDeep {
                path: self.path(),
                max: self.limits.max_depth,
            });
        }
        Ok(())
    }

    /// Enters the element whose start tag `start` was just read.
    fn enter_tag(&mut self, start: &BytesStart<'_>, empty: bool) -> Result<(), EnvelopeError> {
        let at = tag_start(self.offset(), start, empty);
        self.enter((at + 1, at + 1 + start.name().as_ref().len()))
    }

    fn leave(&mut self) {
        self.open.pop();
    }

    /// Resolves `&name;` / `&#N;` / `&#xN;`: the five predefined entities and character references
    /// only, whatever features other crates enable in quick-xml.
    fn reference(&self, reference: &BytesRef<'_>) -> Result<Piece, EnvelopeError> {
        match reference.resolve_char_ref() {
            Ok(Some(ch)) => Ok(Piece::Char(ch)),
            Ok(None) => resolve_xml_entity(reference)
                .map(Piece::Str)
                .ok_or_else(|| EnvelopeError::UnknownEntity {
                    path: self.path(),
                    name: reference.to_string(),
                    position: self.position(self.markup_at()),
                }),
            Err(err) => Err(EnvelopeError::InvalidCharRef {
                path: self.path(),
                reason: err.to_string(),
                position: self.position(self.markup_at()),
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
                        at: tag_start(self.offset(), &start, false),
                        start,
                        has_content: true,
                    }));
                }
                Event::Empty(start) => {
                    return Ok(Some(Child {
                        at: tag_start(self.offset(), &start, true),
                        start,
                        has_content: false,
                    }));
                }
                Event::End(_) => return Ok(None),
                Event::Text(text) if is_blank(&text) => {}
                Event::Text(_) => return Err(self.unexpected_text(self.at)),
                Event::GeneralRef(_) => return Err(self.unexpected_text(self.markup_at())),
                Event::CData(cdata) if cdata.is_empty() => {}
                Event::CData(_) => return Err(self.unexpected_text(self.markup_at())),
                Event::Eof => return Err(self.truncated()),
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
            }
        }
    }

    /// The text of the element just entered, up to and including its end tag.
    ///
    /// Text, CDATA and references are concatenated verbatim (no trimming); a single text node is
    /// borrowed, not copied. If the element has child elements, the result is its raw inner XML
    /// as it appears in the document (markup and escapes included), empty elements expanded
    /// ([`expand_empty_elements`](super::expand_empty_elements)), and [`Parser::markup`] is set;
    /// the children are still checked for well-formedness, depth and entities.
    fn text(&mut self) -> Result<Cow<'a, str>, EnvelopeError> {
        self.markup = false;
        if let Some(text) = self.reader.leaf_text() {
            return Ok(Cow::Borrowed(text));
        }
        // Leading whitespace is content here; skipping it is turned back on at the end tag.
        self.reader.set_trim_text_start(false);
        let content_start = self.offset();
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        let mut raw = false;
        let mut open = 0usize;
        loop {
            match self.next()? {
                Event::Text(piece) if !raw => append(&mut text, text_content(piece)),
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
                    self.enter_tag(&start, false)?;
                }
                Event::Empty(start) => {
                    raw = true;
                    self.enter_tag(&start, true)?;
                    self.leave();
                }
                Event::End(_) if open > 0 => {
                    open -= 1;
                    self.leave();
                }
                Event::End(_) => {
                    self.reader.set_trim_text_start(true);
                    self.markup = raw;
                    return if raw {
                        self.raw(content_start)
                    } else {
                        Ok(text)
                    };
                }
                Event::Eof => return Err(self.truncated()),
                _ => {}
            }
        }
    }

    /// The source between `start` and the start of the end tag just read, as text, empty elements
    /// expanded. The reader has validated every byte of it already.
    fn raw(&self, start: usize) -> Result<Cow<'a, str>, EnvelopeError> {
        std::str::from_utf8(&self.text[start..self.at])
            .map(super::expand_empty_elements)
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
                    self.enter_tag(&start, false)?;
                }
                Event::Empty(start) => {
                    self.enter_tag(&start, true)?;
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
    ///
    /// An XML declaration as the first event names the encoding: a UTF-8 pass that meets
    /// `encoding="GBK"` starts over on the decoded body (the declaration is ASCII in both).
    fn document(mut self, body: &[u8]) -> Result<Document, EnvelopeError> {
        let mut first = true;
        let envelope = loop {
            let event = self.next()?;
            if std::mem::take(&mut first)
                && self.charset == Charset::Utf8
                && let Event::Decl(decl) = &event
                && declared_charset(decl)? == Charset::Gbk
            {
                return Ok(Document::Gbk);
            }
            match event {
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
                Event::Start(start) => {
                    self.enter_tag(&start, false)?;
                    break self.root()?;
                }
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
                Event::Eof => return Ok(Document::Envelope(envelope)),
                Event::Text(text) if is_blank(&text) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(_) => {
                    return Err(EnvelopeError::TrailingContent {
                        position: self.position(self.at),
                    });
                }
                _ => {
                    return Err(EnvelopeError::TrailingContent {
                        position: self.position(self.markup_at()),
                    });
                }
            }
        }
    }

    /// The children of `<alipay>`, whose start tag was just read and entered.
    fn root(&mut self) -> Result<Envelope, EnvelopeError> {
        let mut is_success = None;
        let mut error = None;
        let mut request = None;
        let mut response = None;
        let mut sign = None;
        let mut sign_type = None;
        while let Some(child) = self.next_child()? {
            self.enter(child.name_span())?;
            match child.start.name().into_inner() {
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
                        Fields::new()
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
                path: self.path(),
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
            self.markup = false;
            Ok(Cow::Borrowed(""))
        }
    }

    fn too_many_fields(&self) -> EnvelopeError {
        EnvelopeError::TooManyFields {
            path: self.path(),
            max: self.limits.max_fields,
        }
    }

    /// `<request><param name="…">…</param>…</request>`; other elements are skipped.
    fn request(&mut self) -> Result<Fields, EnvelopeError> {
        let mut params = self.fields_for(16);
        while let Some(child) = self.next_child()? {
            let is_param = child.start.name().into_inner() == "param";
            if is_param && params.len() >= self.limits.max_fields {
                return Err(self.too_many_fields());
            }
            self.enter(child.name_span())?;
            if is_param {
                let name = self.param_name(&child)?;
                let value = self.text_of(&child)?;
                params.push(&name, &value);
            } else if child.has_content {
                self.skip()?;
            }
            self.leave();
        }
        params.shrink_if_oversized();
        Ok(params)
    }

    /// Room for the pairs of the container whose start tag was just read: their names and texts
    /// take at most as many bytes as the rest of the document (entities only shrink), so the
    /// text buffer never grows while parsing (except for expanded empty elements in a nested
    /// field).
    fn fields_for(&self, pairs: usize) -> Fields {
        Fields::with_capacity(self.text.len().saturating_sub(self.offset()), pairs)
    }

    /// The `name` attribute of a `<param>`, unescaped.
    fn param_name<'c>(&self, child: &'c Child<'_>) -> Result<Cow<'c, str>, EnvelopeError> {
        if let Some(name) = plain_name_attribute(child.start.attributes_raw()) {
            return Ok(Cow::Borrowed(name));
        }
        let attribute = child
            .start
            .try_get_attribute("name")
            .map_err(|err| EnvelopeError::Malformed {
                path: self.path(),
                position: self.position(child.at),
                reason: err.to_string(),
            })?
            .ok_or_else(|| EnvelopeError::MissingParamName {
                path: self.path(),
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
        Ok(value)
    }

    /// `<response>`: at most one payload element; `None` when empty.
    fn response(&mut self) -> Result<Option<Payload>, EnvelopeError> {
        let mut payload = None;
        while let Some(child) = self.next_child()? {
            self.enter(child.name_span())?;
            self.once(payload.is_some(), &child)?;
            let fields = if child.has_content {
                self.payload_fields()?
            } else {
                Fields::new()
            };
            payload = Some(Payload {
                name: child.start.name().into_inner().to_owned(),
                fields,
            });
            self.leave();
        }
        Ok(payload)
    }

    /// The children of the payload element, in order.
    fn payload_fields(&mut self) -> Result<Fields, EnvelopeError> {
        let mut fields = self.fields_for(32);
        while let Some(child) = self.next_child()? {
            if fields.len() >= self.limits.max_fields {
                return Err(self.too_many_fields());
            }
            self.enter(child.name_span())?;
            let value = self.text_of(&child)?;
            if self.markup {
                fields.push_markup(child.start.name().into_inner(), &value);
            } else {
                fields.push(child.start.name().into_inner(), &value);
            }
            self.leave();
        }
        fields.shrink_if_oversized();
        Ok(fields)
    }
}

/// The value of the attributes ` name="…"` of a `<param>`, when that is all there is and the value
/// needs no normalisation (no reference, tab or line break): what quick-xml's attribute parser
/// returns for it, found without running it.
fn plain_name_attribute(attributes: &str) -> Option<&str> {
    let value = attributes.strip_prefix(" name=\"")?.strip_suffix('"')?;
    let plain = !value
        .bytes()
        .any(|b| matches!(b, b'"' | b'&' | b'<' | b'\t' | b'\n' | b'\r'));
    plain.then_some(value)
}

/// A text node's content, line ends normalised (`\r\n` and `\r` become `\n`).
fn text_content(text: BytesText<'_>) -> Cow<'_, str> {
    if text.as_bytes().contains(&b'\r') {
        text.xml10_content()
    } else {
        text.into_inner()
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

#[cfg(test)]
mod tests {
    //! The fast scanner against quick-xml: same events where the scanner reads at all, and the
    //! same outcome for every pass it completes.

    use super::*;

    const SEND_GOODS: &[u8] =
        include_bytes!("../../tests/fixtures/xml/send_goods_confirm_success.xml");
    const SNS_GOODS: &[u8] = include_bytes!("../../tests/fixtures/xml/sns_create_goods_ws.xml");

    /// Documents with everything the scanner handles and much it hands over to quick-xml.
    const DOCUMENTS: &[&str] = &[
        "<alipay><is_success>T</is_success></alipay>",
        "\u{feff}<alipay><is_success>T</is_success></alipay>",
        "\u{feff}\u{feff}<alipay><is_success>T</is_success>\
         <response><t><n><a>1</a> x </n></t></response></alipay>",
        "<?xml version='1.0' encoding='utf-8' ?>\r\n<alipay >\r\n <is_success >T</is_success >\r\n \
         <request >\r\n  <param name = 'a' >x&amp;y</param >\r\n  \
         <param  name=\"b>c\" x='1'>&#38;&lt;</param>\r\n <other a=\"'>'\"><x/></other>\r\n \
         </request>\r\n <response><trade><a b=\"c\">1&#x20;2</a><e/><r>\r\n</r><q>a\rb</q><?pi?>\
         </trade></response>\r\n<sign>s</sign><new/><sign_type>RSA</sign_type></alipay >\r\n\
         <?pi x?> \r\n",
        "<?xml version=\"1.0\"?><?xml-stylesheet href=\"x\"?><alipay><is_success>F</is_success>\
         <error>TRADE_NOT_EXIST</error><response/></alipay>",
        "<?xml version=\"1.0\" encoding=\"GBK\"?><alipay><is_success>T</is_success>\
         <response><t><a>ascii</a></t></response></alipay>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><alipay><is_success>T</is_success></alipay>",
        "<alipay><is_success>T</is_success><response><t><a>&amp;&apos;&quot;&gt;&lt;</a>\
         <b>&#20013;&#x6587;</b><c>x&#10;y</c><d>&nbsp;</d></t></response></alipay>",
        "<alipay><is_success>T</is_success><response><t><s><![CDATA[a < b]]></s><!-- c -->\
         <u>  v  </u></t></response></alipay>",
        "<alipay><is_success>T</is_success><request><param name=\"a\tb\">1</param>\
         <param>2</param></request></alipay>",
        "<alipay><is_success>T</is_success><response><t><a1.b-c:d>1</a1.b-c:d><中>文</中></t>\
         </response></alipay>",
        "<alipay><is_success>T</is_success><response><t><a>1</b></t></response></alipay>",
        "<alipay><is_success>T</is_success></alipay>trailing",
        "<alipay>T<is_success>T</is_success></alipay>",
        "<alipay><is_success>T</is_success><x a=\"1\"/><x a=\"1\" / ><y></y ></alipay><!-- end -->",
        "<!DOCTYPE alipay><alipay><is_success>T</is_success></alipay>",
        "<html><body>ILLEGAL_PARTNER</body></html>",
        "<alipay><is_success>T</is_success><sign>a</sign><sign>b</sign></alipay>",
        "<alipay><is_success>T</is_success><response><t><a>x &amp y</a></t></response></alipay>",
    ];

    /// The documents, every prefix of the fixtures and a few corruptions of each byte.
    fn corpus() -> Vec<Vec<u8>> {
        let mut corpus: Vec<Vec<u8>> = DOCUMENTS.iter().map(|d| d.as_bytes().to_vec()).collect();
        // Deeper than the scanner goes (`MAX_OPEN`).
        let deep = format!(
            "<alipay><is_success>T</is_success><response><t><deep>{}1{}</deep></t></response></alipay>",
            "<a>".repeat(40),
            "</a>".repeat(40)
        );
        corpus.push(deep.into_bytes());
        corpus.push(SEND_GOODS.to_vec());
        corpus.push(SNS_GOODS.to_vec());
        for fixture in [SEND_GOODS, SNS_GOODS, DOCUMENTS[3].as_bytes()] {
            for cut in 0..fixture.len() {
                corpus.push(fixture[..cut].to_vec());
            }
            for at in 0..fixture.len() {
                for byte in [b'<', b'>', b'&', b'"', 0xff] {
                    let mut body = fixture.to_vec();
                    body[at] = byte;
                    corpus.push(body);
                }
            }
        }
        corpus
    }

    /// Every event the scanner reads is the one quick-xml reads, ending at the same offset (with
    /// whitespace skipping on and off); `leaf_text` reads what `Text` + `End` would. The scanner
    /// may stop (unsupported) where quick-xml goes on, never read something else.
    #[test]
    fn scanner_reads_what_quick_xml_reads() {
        for doc in corpus() {
            for trim in [false, true] {
                let Some(mut scanner) = Scanner::new(&doc) else {
                    continue;
                };
                let mut reader = Reader::from_reader(doc.as_slice());
                reader.set_trim_text_start(trim);
                scanner.set_trim_text_start(trim);
                while let Ok(ours) = scanner.read_event() {
                    let theirs = reader.read_event().ok();
                    assert_eq!(
                        Some(&ours),
                        theirs.as_ref(),
                        "{:?}",
                        String::from_utf8_lossy(&doc)
                    );
                    assert_eq!(scanner.position(), Source::position(&reader));
                    if ours == Event::Eof {
                        break;
                    }
                    if !trim && matches!(ours, Event::Start(_)) {
                        let mut shortcut = scanner.clone();
                        if let Some(text) = shortcut.leaf_text() {
                            let mut reader = reader.clone();
                            if !text.is_empty() {
                                let event = reader.read_event().ok();
                                assert_eq!(event, Some(Event::Text(BytesText::from_escaped(text))));
                            }
                            assert!(matches!(reader.read_event(), Ok(Event::End(_))));
                            assert_eq!(shortcut.position(), Source::position(&reader));
                        }
                    }
                }
            }
        }
    }

    /// A pass the scanner completes gives what the quick-xml pass gives.
    #[test]
    fn fast_pass_agrees_with_the_quick_xml_pass() {
        let limits = [
            Limits::default(),
            Limits {
                max_depth: 4,
                max_fields: 6,
                ..Limits::default()
            },
        ];
        let mut fast = 0;
        for doc in corpus() {
            for limits in &limits {
                let Some(scanner) = Scanner::new(&doc) else {
                    continue;
                };
                let ours = Parser::new(scanner, &doc, 0, Charset::Utf8, limits).document(&doc);
                let theirs = Parser::new(
                    Reader::from_reader(doc.as_slice()),
                    &doc,
                    0,
                    Charset::Utf8,
                    limits,
                )
                .document(&doc);
                match (ours, theirs) {
                    (Ok(Document::Envelope(ours)), Ok(Document::Envelope(theirs))) => {
                        fast += 1;
                        assert_eq!(ours, theirs, "{:?}", String::from_utf8_lossy(&doc));
                    }
                    (Ok(Document::Gbk), Ok(Document::Gbk)) | (Err(_), _) => {}
                    (ours, theirs) => panic!(
                        "{:?}: fast {:?}, quick-xml {:?}",
                        String::from_utf8_lossy(&doc),
                        ours.map(|d| matches!(d, Document::Gbk)),
                        theirs.map(|d| matches!(d, Document::Gbk)),
                    ),
                }
            }
        }
        assert!(fast > 100, "the fast pass completed only {fast} times");
    }
}
