//! Payload fields whose value is XML, not text: [`expand_empty_elements`], the one form such a
//! value is kept, written and signed in.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::Event;

/// `fragment` (well-formed XML content: elements, text, references) with every empty-element tag
/// written as a start and an end tag: `<memo/>` and `<memo />` become `<memo></memo>`,
/// `<a x="1"/>` becomes `<a x="1"></a>`. Everything else is kept byte for byte (text, escapes,
/// whitespace between elements, comments, CDATA). Borrowed when there is nothing to expand.
///
/// This is the form Alipay signs a payload child with child elements in: `account.page.query`'s
/// document says the signed value of `account_log_list` is the element's XML fragment "with
/// empty elements expanded, e.g. `<memo/>` as `<memo></memo>`"; the envelope parser keeps such
/// a child's inner XML in this form, and the writer writes it so.
///
/// ```
/// use alipay_core::xml::expand_empty_elements;
///
/// assert_eq!(
///     expand_empty_elements("<r><memo/><b x=\"/>\" /></r>"),
///     "<r><memo></memo><b x=\"/>\"></b></r>"
/// );
/// assert!(matches!(expand_empty_elements("<a>1</a>"), std::borrow::Cow::Borrowed(_)));
/// ```
///
/// A fragment that is not well-formed is returned as it is from the first place the reader
/// stops at.
pub fn expand_empty_elements(fragment: &str) -> Cow<'_, str> {
    if !fragment.contains("/>") {
        return Cow::Borrowed(fragment);
    }
    let mut reader = Reader::from_str(fragment);
    // Content is copied from the source by position: nothing is trimmed or checked here beyond
    // finding the tags.
    reader.config_mut().check_end_names = false;
    let mut out = String::with_capacity(fragment.len() + 16);
    let mut copied = 0usize;
    loop {
        let before = position(&reader);
        match reader.read_event() {
            Ok(Event::Empty(tag)) => {
                let after = position(&reader);
                // `<name attributes/>`: everything between `<` and `/>`, trailing spaces dropped.
                let inner = fragment[before + 1..after - 2].trim_end();
                out.push_str(&fragment[copied..before]);
                out.push('<');
                out.push_str(inner);
                out.push_str("></");
                out.push_str(tag.name().into_inner());
                out.push('>');
                copied = after;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out.push_str(&fragment[copied..]);
    Cow::Owned(out)
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::expand_empty_elements;

    #[test]
    fn expands_only_empty_element_tags() {
        let cases = [
            ("", ""),
            ("text only", "text only"),
            ("<a/>", "<a></a>"),
            ("<a />", "<a></a>"),
            ("<a\tx='1'\n/>", "<a\tx='1'></a>"),
            ("<a>x/>y</a>", "<a>x/>y</a>"),
            (" <a/> <b/>\n", " <a></a> <b></b>\n"),
            ("<a x=\"/>\"/>", "<a x=\"/>\"></a>"),
            ("<!-- <c/> --><a/>", "<!-- <c/> --><a></a>"),
            ("<a><![CDATA[<c/>]]></a>", "<a><![CDATA[<c/>]]></a>"),
            (
                "<r><memo/><m>&lt;x/&gt;</m></r>",
                "<r><memo></memo><m>&lt;x/&gt;</m></r>",
            ),
            ("<中文/>", "<中文></中文>"),
        ];
        for (fragment, expanded) in cases {
            assert_eq!(expand_empty_elements(fragment), expanded, "{fragment:?}");
        }
    }
}
