//! The XML tree of an MSPDI document: a small element tree built with quick-xml's pull parser,
//! within size, depth and element-count limits, without DTDs or entity expansion.

use quick_xml::events::Event;

use super::{MAX_DEPTH, MAX_ELEMENTS};
use crate::{Error, Result, XmlError};

/// One element: its local name, text, children and byte offset.
#[derive(Debug, Default)]
pub(super) struct El {
    pub(super) name: String,
    pub(super) text: String,
    pub(super) children: Vec<El>,
    pub(super) pos: usize,
}

impl El {
    /// The first child `name`.
    pub(super) fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    /// Every child `name`, in order.
    pub(super) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The text of child `name` as written, spaces around it included (a name), if present
    /// and not blank.
    pub(super) fn get_raw(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.as_str())
            .filter(|t| !t.trim().is_empty())
    }
    /// The trimmed text of child `name`, if present and non-empty.
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }
}

/// Line and column (1-based, columns in characters) of byte offset `pos`.
pub(super) fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let pos = pos.min(bytes.len());
    let before = &bytes[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |k| k + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// An [`Error::Xml`] at byte offset `pos` of the document.
fn xml_err(bytes: &[u8], pos: usize, element: &str, message: impl Into<String>) -> Error {
    let (line, column) = line_col(bytes, pos);
    Error::Xml(Box::new(XmlError {
        item: None,
        element: element.to_owned(),
        line,
        column,
        message: message.into(),
    }))
}

/// Parses the document into a tree of elements and returns its `<Project>` element, within
/// `limits.max_input_bytes` and the limits [`MAX_DEPTH`] and [`MAX_ELEMENTS`]: no DTD, no entities but the
/// predefined ones, UTF-8 only.
pub(super) fn parse_tree(
    bytes: &[u8],
    limits: &crate::Limits,
    tick: &mut crate::io::Ticker<'_, '_>,
) -> Result<El> {
    limits.check_input(bytes.len())?;
    // UTF-16, with a byte-order mark or without (a zero byte in the first two: text in
    // UTF-8 has none), is named as such: read as UTF-8 without a mark, it parses as elements
    // of NUL-separated names and fails far from the cause.
    if bytes.starts_with(b"\xff\xfe")
        || bytes.starts_with(b"\xfe\xff")
        || bytes.len() >= 2 && (bytes[0] == 0) != (bytes[1] == 0)
    {
        return Err(xml_err(
            bytes,
            0,
            "",
            "the document is UTF-16: MSPDI files are read as UTF-8 (save it as UTF-8)",
        ));
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let off = bytes.len() - body.len();
    if let Err(e) = std::str::from_utf8(body) {
        return Err(xml_err(
            bytes,
            off + e.valid_up_to(),
            "",
            "the document is not valid UTF-8 (MSPDI files are UTF-8)",
        ));
    }
    let mut r = quick_xml::Reader::from_reader(body);
    r.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El::default()];
    let mut count = 0usize;
    let path = |stack: &[El]| {
        stack[1..]
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join("/")
    };
    loop {
        let at = off + r.buffer_position() as usize;
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let pos = off + r.error_position() as usize;
                return Err(xml_err(
                    bytes,
                    pos,
                    &path(&stack),
                    format!("malformed XML: {e}"),
                ));
            }
        };
        let open = |e: &quick_xml::events::BytesStart<'_>| El {
            name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
            pos: at,
            ..El::default()
        };
        match ev {
            Event::Start(e) => {
                count += 1;
                tick.at(at, bytes.len())?;
                if stack.len() > MAX_DEPTH {
                    return Err(Error::Limit {
                        what: "XML element nesting depth",
                        limit: MAX_DEPTH as u64,
                        actual: stack.len() as u64,
                    });
                }
                stack.push(open(&e));
            }
            Event::Empty(e) => {
                count += 1;
                let el = open(&e);
                if let Some(top) = stack.last_mut() {
                    top.children.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(top) => top.children.push(el),
                    None => return Err(xml_err(bytes, at, "", "unbalanced end tag")),
                }
            }
            Event::Text(t) => {
                let s = t
                    .decode()
                    .map_err(|e| xml_err(bytes, at, &path(&stack), format!("bad text: {e}")))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::CData(t) => {
                let s = t
                    .decode()
                    .map_err(|e| xml_err(bytes, at, &path(&stack), format!("bad CDATA: {e}")))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match g.as_ref() {
                        b"lt" => '<',
                        b"gt" => '>',
                        b"amp" => '&',
                        b"apos" => '\'',
                        b"quot" => '"',
                        other => {
                            return Err(xml_err(
                                bytes,
                                at,
                                &path(&stack),
                                format!(
                                    "undefined entity &{};: only the predefined XML entities are \
                                     read (DTD entities are never expanded)",
                                    String::from_utf8_lossy(other)
                                ),
                            ))
                        }
                    },
                    Err(e) => {
                        return Err(xml_err(
                            bytes,
                            at,
                            &path(&stack),
                            format!("bad character reference: {e}"),
                        ))
                    }
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push(c);
                }
            }
            Event::DocType(_) => {
                return Err(xml_err(
                    bytes,
                    at,
                    "",
                    "a <!DOCTYPE> is not allowed in MSPDI (DTDs are never read or expanded)",
                ))
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" && enc != "us-ascii" && enc != "ascii" {
                        return Err(xml_err(
                            bytes,
                            at,
                            "",
                            format!("encoding {enc:?} is not supported: save the file as UTF-8"),
                        ));
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
        if count > MAX_ELEMENTS {
            return Err(Error::Limit {
                what: "XML elements in one document",
                limit: MAX_ELEMENTS as u64,
                actual: count as u64,
            });
        }
    }
    if stack.len() > 1 {
        return Err(xml_err(
            bytes,
            bytes.len(),
            &path(&stack),
            "the document ends before this element is closed (truncated file?)",
        ));
    }
    let mut root = stack.pop().unwrap_or_default();
    let Some(k) = root.children.iter().position(|c| c.name == "Project") else {
        let pos = root.children.first().map_or(0, |c| c.pos);
        return Err(xml_err(
            bytes,
            pos,
            "",
            "not an MSPDI document: the root element must be <Project>",
        ));
    };
    Ok(root.children.swap_remove(k))
}
