//! [`Format`]: the file formats jindu reads, told apart by content or by file name.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::io::csv;
use crate::{Error, Result};

/// How many bytes of the input [`Format::sniff`] looks at.
const SNIFF_BYTES: usize = 4096;

/// The lines of a PSPLIB instance that only PSPLIB files have (any of them, at a line's start).
const PSPLIB_MARKERS: [&str; 3] = [
    "jobs (incl. supersource/sink",
    "file with basedata",
    "PRECEDENCE RELATIONS",
];

/// A file format jindu reads (and, for [`Json`](Format::Json) and [`Mspdi`](Format::Mspdi),
/// writes).
///
/// ```
/// use jindu::io::Format;
/// assert_eq!(Format::sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?><Project>"), Some(Format::Mspdi));
/// assert_eq!(Format::from_path("plan.XML"), Some(Format::Mspdi));
/// assert_eq!("psplib".parse::<Format>()?, Format::Psplib);
/// assert_eq!(Format::Csv.to_string(), "csv");
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Format {
    /// The jindu JSON document ([`io::json`](crate::io::json)); read and written.
    Json,
    /// Microsoft Project XML ([`io::mspdi`](crate::io::mspdi)); read, and written with a
    /// computed schedule.
    Mspdi,
    /// A spreadsheet task list ([`io::csv`](crate::io::csv)); read only.
    Csv,
    /// A PSPLIB single-mode instance ([`io::psplib`](crate::io::psplib)); read only.
    Psplib,
}

impl Format {
    /// Every format, in the order of this enum.
    pub const ALL: [Format; 4] = [Format::Json, Format::Mspdi, Format::Csv, Format::Psplib];

    /// The stable lowercase name: `"json"`, `"mspdi"`, `"csv"` or `"psplib"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Mspdi => "mspdi",
            Format::Csv => "csv",
            Format::Psplib => "psplib",
        }
    }

    /// Whether [`io::write`](crate::io::write) writes this format (JSON and MSPDI).
    pub fn is_writable(self) -> bool {
        matches!(self, Format::Json | Format::Mspdi)
    }

    /// The format the content of a file is in, judging by its first 4 KiB, or `None` when the
    /// content does not tell.
    ///
    /// The checks, in order:
    ///
    /// 1. **Text encoding.** A UTF-8 byte-order mark is skipped; UTF-16 (with a byte-order
    ///    mark, or without one when every other byte of the first characters is zero) is
    ///    decoded first. Leading whitespace is skipped.
    /// 2. **XML** (`<`: an XML declaration, a comment or an element) is MSPDI. Its reader
    ///    rejects a root other than `<Project>` and an encoding other than UTF-8 with an error
    ///    that says so.
    /// 3. **JSON** (`{`) is a jindu JSON document.
    /// 4. **PSPLIB**: a line that starts (after blanks) with one of the PSPLIB header lines
    ///    (`jobs (incl. supersource/sink )`, `file with basedata`, `PRECEDENCE RELATIONS`).
    /// 5. **CSV**: the first non-blank line is a header row naming at least one column the CSV
    ///    reader knows (`ID`, `Name`, `Duration`, `Predecessors`, `任务名称`, …; see
    ///    [`io::csv`](crate::io::csv)), with `,`, `;` or tab between fields.
    ///
    /// Anything else is `None` (an empty file too); [`from_path`](Self::from_path) may then
    /// tell by the file's name.
    ///
    /// ```
    /// use jindu::io::Format;
    /// assert_eq!(Format::sniff(b"  {\"name\": \"x\"}"), Some(Format::Json));
    /// assert_eq!(Format::sniff("编号,任务名称,工期\n1,设计,3天\n".as_bytes()), Some(Format::Csv));
    /// assert_eq!(Format::sniff(b"****\njobs (incl. supersource/sink ):  32\n"), Some(Format::Psplib));
    /// let utf16: Vec<u8> = "\u{feff}ID\tName\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    /// assert_eq!(Format::sniff(&utf16), Some(Format::Csv));
    /// assert_eq!(Format::sniff(b"Hello, world"), None);
    /// ```
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        let head = head_text(bytes);
        let text = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        match text.chars().next()? {
            '<' => return Some(Format::Mspdi),
            '{' => return Some(Format::Json),
            _ => {}
        }
        let psplib = text.lines().any(|l| {
            let l = l.trim_start();
            PSPLIB_MARKERS.iter().any(|m| l.starts_with(m))
        });
        if psplib {
            return Some(Format::Psplib);
        }
        is_csv_header(text.lines().next().unwrap_or("")).then_some(Format::Csv)
    }

    /// The format a file name (or path) suggests by its extension, in any letter case:
    /// `.json`; `.xml` or `.mspdi`; `.csv` or `.tsv`; `.sm`. `None` for any other name.
    ///
    /// ```
    /// use jindu::io::Format;
    /// assert_eq!(Format::from_path("data/j301_1.sm"), Some(Format::Psplib));
    /// assert_eq!(Format::from_path("tasks.TSV"), Some(Format::Csv));
    /// assert_eq!(Format::from_path("notes.txt"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        // The text after the last dot of the last component (either separator, on every
        // platform), as `Path::extension` reads it: a leading dot does not start one.
        let name = path.as_ref().to_str()?.rsplit(['/', '\\']).next()?;
        let (stem, ext) = name.rsplit_once('.')?;
        if stem.is_empty() {
            return None;
        }
        let ext = ext.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Format::Json,
            "xml" | "mspdi" => Format::Mspdi,
            "csv" | "tsv" => Format::Csv,
            "sm" => Format::Psplib,
            _ => return None,
        })
    }

    /// The format of a file: its content's where [`sniff`](Self::sniff) tells, else its name's
    /// ([`from_path`](Self::from_path)); content wins because a file's name can be anything
    /// (a download, standard input, a temporary file).
    /// An [`Error::UnknownFormat`] when neither tells.
    ///
    /// ```
    /// use jindu::io::Format;
    /// assert_eq!(Format::detect(b"{}", Some("plan.xml"))?, Format::Json);
    /// assert_eq!(Format::detect(b"", Some("plan.xml"))?, Format::Mspdi);
    /// let e = Format::detect(b"?", None).unwrap_err();
    /// assert_eq!(e.code().as_str(), "unknown_format");
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn detect(bytes: &[u8], file_name: Option<&str>) -> Result<Format> {
        Format::sniff(bytes)
            .or_else(|| file_name.and_then(Format::from_path))
            .ok_or_else(|| Error::UnknownFormat {
                file: file_name.map(str::to_owned),
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Reads a format's name ([`Format::as_str`]) in any letter case; `xml` is MSPDI.
    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "mspdi" | "xml" => Ok(Format::Mspdi),
            "csv" => Ok(Format::Csv),
            "psplib" => Ok(Format::Psplib),
            _ => Err(Error::parse(
                "format",
                s,
                "expected json, mspdi (or xml), csv or psplib",
            )),
        }
    }
}

/// The first [`SNIFF_BYTES`] of the input as text: UTF-16 decoded (by its byte-order mark, or
/// by zero bytes in every other place of the first characters), anything else read as UTF-8
/// with invalid bytes replaced.
fn head_text(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let utf16 = |body: &[u8], le: bool| {
        let units = body.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    match head {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => utf16(head, true),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => utf16(head, false),
        _ => {
            String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head)).into_owned()
        }
    }
}

/// Whether `line` is a CSV header row: fields (split on the separator the line uses most)
/// of which at least one is a column the CSV reader knows.
fn is_csv_header(line: &str) -> bool {
    let sep = csv::detect_separator(line) as char;
    line.split(sep)
        .map(|f| f.trim().trim_matches('"'))
        .any(csv::is_known_header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_in_order() {
        let s = |b: &[u8]| Format::sniff(b);
        assert_eq!(s(b""), None);
        assert_eq!(s(b" \r\n\t"), None);
        assert_eq!(
            s(b"\n\n<!-- saved by Project -->\n<Project>"),
            Some(Format::Mspdi)
        );
        assert_eq!(s(b"<html>"), Some(Format::Mspdi)); // XML: the MSPDI reader says why not
        assert_eq!(s(b"\xEF\xBB\xBF\n{\"version\": 1}"), Some(Format::Json));
        // UTF-16 XML is sniffed as MSPDI; its reader then asks for UTF-8.
        let be: Vec<u8> = "\u{feff}<?xml?>"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(s(&be), Some(Format::Mspdi));
        let bare: Vec<u8> = "ID;Name"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(s(&bare), Some(Format::Csv));
        // PSPLIB: its header lines, wherever in the first lines.
        assert_eq!(
            s(b"  - renewable : 1 R\nPRECEDENCE RELATIONS:\n"),
            Some(Format::Psplib)
        );
        // CSV: a known header in the first non-blank line, quoted or not, any separator.
        assert_eq!(s(b"\n\"Task Name\";\"Notes\"\nA;b\n"), Some(Format::Csv));
        assert_eq!(s(b"Colour,Size\nred,1\n"), None);
        assert_eq!(s(b"Colour,Size\nid,name\n"), None); // only the first line is the header
        assert_eq!(s(b"12 apples"), None);
    }

    #[test]
    fn names_and_detection() {
        assert_eq!(Format::from_path("/tmp/a.b/plan.json"), Some(Format::Json));
        assert_eq!(Format::from_path("plan.mspdi"), Some(Format::Mspdi));
        assert_eq!(Format::from_path("plan"), None);
        assert_eq!(Format::from_path("-"), None);
        assert_eq!(Format::from_path(".csv"), None); // a hidden file without an extension
        assert_eq!(
            Format::from_path(r"C:\plans\q1.v2\Plan.Xml"),
            Some(Format::Mspdi)
        );
        assert_eq!(Format::from_path("plans.d/notes"), None);
        // Content wins over the name where it tells.
        assert_eq!(
            Format::detect(b"<Project/>", Some("x.csv")).unwrap(),
            Format::Mspdi
        );
        assert_eq!(
            Format::detect(b"a,b\n1,2\n", Some("x.csv")).unwrap(),
            Format::Csv
        );
        let e = Format::detect(b"a,b", Some("x.dat")).unwrap_err();
        assert_eq!(
            e,
            Error::UnknownFormat {
                file: Some("x.dat".into())
            }
        );
        assert!(
            e.to_string()
                .starts_with("cannot tell the format of `x.dat`"),
            "{e}"
        );
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>().unwrap(), f);
        }
        assert_eq!("XML".parse::<Format>().unwrap(), Format::Mspdi);
        assert_eq!(
            "yaml".parse::<Format>().unwrap_err().code().as_str(),
            "parse"
        );
        assert!(Format::Json.is_writable() && !Format::Csv.is_writable());
    }
}
