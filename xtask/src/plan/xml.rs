//! XML for feeds and sitemaps: well-formed whatever the text in it.

use anyhow::Result;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// Text for an XML document, without the characters XML 1.0 forbids
/// (controls other than tab and line breaks, U+FFFE, U+FFFF): one would make
/// the whole feed ill-formed, and feed readers drop it. The writer escapes.
pub fn xml_text(text: &str) -> BytesText<'static> {
    BytesText::new(&xml_chars(text)).into_owned()
}

/// `text` without the characters XML 1.0 forbids, for an attribute's value
/// (which the writer escapes) as for text.
pub fn xml_chars(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect()
}

/// An XML document, indented, with its declaration.
pub fn xml_document(root: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> Result<String> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    root(&mut writer)?;
    let mut xml = String::from_utf8(writer.into_inner())?;
    xml.push('\n');
    Ok(xml)
}
