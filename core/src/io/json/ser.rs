//! A serde `Serializer` for jindu's one-line JSON layout: serde_json's compact format with a
//! space after each `,` and `:`, appended to a byte buffer.
//!
//! It writes exactly the bytes `serde_json::Serializer` writes with that layout (numbers and
//! strings that need escaping go through serde_json's own formatting), only faster: strings
//! without characters to escape (every date, duration and almost every key) are copied in one
//! go instead of byte by byte, `collect_str` formats on the stack, and nothing is written
//! through `io::Write` per fragment. The output schema types (`out`) stay the only
//! definition of the output; this is just the serializer they go through.

use std::fmt::{self, Display, Write as _};

use serde::ser::{self, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};

/// An error raised by a `Serialize` implementation (writing into memory cannot fail).
#[derive(Debug)]
pub(crate) struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

impl From<Error> for std::io::Error {
    fn from(e: Error) -> std::io::Error {
        std::io::Error::other(e)
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

/// Appends `v` to `out` on one line.
pub(crate) fn line<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> Result {
    v.serialize(&mut Line { out })
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte of `v` below 0x20 or equal to `"` or `\` (the classic "has
/// a byte less than n" test: a byte can be flagged wrongly only above one flagged rightly, so
/// the word is non-zero exactly when such a byte is there).
#[inline]
fn escapes(v: u64) -> u64 {
    let q = v ^ (ONES * b'"' as u64);
    let s = v ^ (ONES * b'\\' as u64);
    (v.wrapping_sub(ONES * 0x20) | q.wrapping_sub(ONES) | s.wrapping_sub(ONES)) & !v & HIGH
}

/// Eight bytes of `c` (which has at least eight) as a little-endian word.
#[inline]
fn load8(c: &[u8]) -> [u8; 8] {
    [c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]
}

/// Whether `b` holds a byte that JSON strings escape (`"`, `\` or a control character).
#[cfg(test)]
fn needs_escape(b: &[u8]) -> bool {
    let mut out = Vec::new();
    !push_plain(&mut out, b)
}

/// Appends `b` in quotes if no byte of it needs escaping (and returns whether it did so).
/// Short strings, which are most of them (keys, dates, durations), are checked and copied
/// a word at a time.
#[inline]
fn push_plain(out: &mut Vec<u8>, b: &[u8]) -> bool {
    let n = b.len();
    let start = out.len();
    if n < 8 {
        // The bytes as one word, zero above them.
        let v = if n >= 4 {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
            lo | (hi >> (8 * (8 - n))) << 32
        } else if n > 0 {
            b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))
        } else {
            0
        };
        let live = (1u64 << (8 * n)) - 1;
        if escapes(v) & live != 0 {
            return false;
        }
        if n <= 6 {
            let quoted = b'"' as u64 | v << 8 | (b'"' as u64) << (8 * (n + 1));
            out.extend_from_slice(&quoted.to_le_bytes());
            out.truncate(start + n + 2);
        } else {
            out.push(b'"');
            out.extend_from_slice(&v.to_le_bytes());
            out.truncate(start + 1 + n);
            out.push(b'"');
        }
        return true;
    }
    let last = load8(&b[n - 8..]);
    let mut found = escapes(u64::from_le_bytes(last));
    for c in b.chunks_exact(8) {
        found |= escapes(u64::from_le_bytes(load8(c)));
    }
    if found != 0 {
        return false;
    }
    out.push(b'"');
    if n <= 32 {
        // Whole words, the last one overlapping the one before.
        for c in b.chunks_exact(8) {
            out.extend_from_slice(&load8(c));
        }
        out.truncate(start + 1 + n - 8);
        out.extend_from_slice(&last);
    } else {
        out.extend_from_slice(b);
    }
    out.push(b'"');
    true
}

/// Appends `s` as a JSON string.
#[inline]
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    if !push_plain(out, s.as_bytes()) {
        // serde_json's own escaping, for the exact same bytes. Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// The serializer: appends to `out`.
pub(crate) struct Line<'b> {
    out: &'b mut Vec<u8>,
}

/// A sequence, map or struct being written; `end` closes it with `close`.
pub(crate) struct Compound<'a, 'b> {
    ser: &'a mut Line<'b>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    #[inline]
    fn sep(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.ser.out.extend_from_slice(b", ");
        }
    }

    #[inline]
    fn close(self) -> Result {
        self.ser.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'b> Line<'b> {
    #[inline]
    fn open(&mut self, open: &[u8], close: &'static [u8]) -> Compound<'_, 'b> {
        self.out.extend_from_slice(open);
        Compound {
            ser: self,
            first: true,
            close,
        }
    }

    /// `{"variant": ` before the value of a variant in serde_json's externally tagged form.
    fn variant_key(&mut self, variant: &str) {
        self.out.push(b'{');
        push_str(self.out, variant);
        self.out.extend_from_slice(b": ");
    }
}

macro_rules! via_serde_json {
    ($($method:ident: $t:ty => $write:ident,)*) => {
        $(
            #[inline]
            fn $method(self, v: $t) -> Result {
                // serde_json's compact formatter writes its numbers; a Vec cannot fail.
                let _ = CompactFormatter.$write(&mut *self.out, v);
                Ok(())
            }
        )*
    };
}

impl<'a, 'b> ser::Serializer for &'a mut Line<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    #[inline]
    fn serialize_bool(self, v: bool) -> Result {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    via_serde_json! {
        serialize_i8: i8 => write_i8,
        serialize_i16: i16 => write_i16,
        serialize_i32: i32 => write_i32,
        serialize_i64: i64 => write_i64,
        serialize_i128: i128 => write_i128,
        serialize_u8: u8 => write_u8,
        serialize_u16: u16 => write_u16,
        serialize_u32: u32 => write_u32,
        serialize_u64: u64 => write_u64,
        serialize_u128: u128 => write_u128,
    }

    fn serialize_f32(self, v: f32) -> Result {
        if v.is_finite() {
            let _ = CompactFormatter.write_f32(&mut *self.out, v);
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result {
        if v.is_finite() {
            let _ = CompactFormatter.write_f64(&mut *self.out, v);
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result {
        push_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    #[inline]
    fn serialize_str(self, v: &str) -> Result {
        push_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut seq = self.open(b"[", b"]");
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        seq.close()
    }

    #[inline]
    fn serialize_none(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result {
        v.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result {
        self.variant_key(variant);
        v.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    #[inline]
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'b>> {
        Ok(self.open(b"[", b"]"))
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, 'b>> {
        Ok(self.open(b"[", b"]"))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, 'b>> {
        Ok(self.open(b"[", b"]"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.variant_key(variant);
        Ok(self.open(b"[", b"]}"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'b>> {
        Ok(self.open(b"{", b"}"))
    }

    #[inline]
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, 'b>> {
        Ok(self.open(b"{", b"}"))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.variant_key(variant);
        Ok(self.open(b"{", b"}}"))
    }

    fn collect_str<T: Display + ?Sized>(self, v: &T) -> Result {
        let mut buf = StackText::default();
        match write!(buf, "{v}") {
            Ok(()) => self.serialize_str(buf.as_str()),
            Err(_) if buf.overflow => {
                let mut s = String::new();
                write!(s, "{v}")
                    .map_err(|_| ser::Error::custom("a Display implementation failed"))?;
                self.serialize_str(&s)
            }
            Err(_) => Err(ser::Error::custom("a Display implementation failed")),
        }
    }
}

/// Text formatted on the stack (`collect_str`), with a note when it did not fit.
struct StackText {
    buf: [u8; 64],
    len: usize,
    overflow: bool,
}

impl Default for StackText {
    fn default() -> StackText {
        StackText {
            buf: [0; 64],
            len: 0,
            overflow: false,
        }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are appended, so the bytes are UTF-8.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > self.buf.len() {
            self.overflow = true;
            return Err(fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result {
        self.sep();
        v.serialize(&mut *self.ser)
    }

    #[inline]
    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, v)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, v)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, v)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result {
        self.sep();
        k.serialize(Key {
            out: &mut *self.ser.out,
        })
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result {
        self.ser.out.extend_from_slice(b": ");
        v.serialize(&mut *self.ser)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result {
        self.sep();
        push_str(self.ser.out, key);
        self.ser.out.extend_from_slice(b": ");
        v.serialize(&mut *self.ser)
    }

    #[inline]
    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result {
        ser::SerializeStruct::serialize_field(self, key, v)
    }

    fn end(self) -> Result {
        self.close()
    }
}

/// A map key, as serde_json writes it: strings as they are, numbers, booleans and unit
/// variants quoted, anything else an error.
struct Key<'b> {
    out: &'b mut Vec<u8>,
}

fn key_error() -> Error {
    // serde_json's message.
    Error("key must be a string".to_owned())
}

macro_rules! quoted_number_key {
    ($($method:ident: $t:ty => $write:ident,)*) => {
        $(
            fn $method(self, v: $t) -> Result {
                self.out.push(b'"');
                let _ = CompactFormatter.$write(&mut *self.out, v);
                self.out.push(b'"');
                Ok(())
            }
        )*
    };
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result {
        push_str(self.out, v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result {
        push_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_bool(self, v: bool) -> Result {
        self.out
            .extend_from_slice(if v { b"\"true\"" } else { b"\"false\"" });
        Ok(())
    }

    quoted_number_key! {
        serialize_i8: i8 => write_i8,
        serialize_i16: i16 => write_i16,
        serialize_i32: i32 => write_i32,
        serialize_i64: i64 => write_i64,
        serialize_i128: i128 => write_i128,
        serialize_u8: u8 => write_u8,
        serialize_u16: u16 => write_u16,
        serialize_u32: u32 => write_u32,
        serialize_u64: u64 => write_u64,
        serialize_u128: u128 => write_u128,
    }

    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return Err(Error(
                "float key must be finite (got NaN or +/-inf)".to_owned(),
            ));
        }
        self.out.push(b'"');
        let _ = CompactFormatter.write_f32(&mut *self.out, v);
        self.out.push(b'"');
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(Error(
                "float key must be finite (got NaN or +/-inf)".to_owned(),
            ));
        }
        self.out.push(b'"');
        let _ = CompactFormatter.write_f64(&mut *self.out, v);
        self.out.push(b'"');
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(key_error())
    }
    fn serialize_none(self) -> Result {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Err(key_error())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(key_error())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_error())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_error())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_error())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    /// serde_json with the same layout, the reference.
    fn reference<T: Serialize + ?Sized>(v: &T) -> String {
        struct Spaced;
        impl Formatter for Spaced {
            fn begin_array_value<W: ?Sized + std::io::Write>(
                &mut self,
                w: &mut W,
                first: bool,
            ) -> std::io::Result<()> {
                if first {
                    Ok(())
                } else {
                    w.write_all(b", ")
                }
            }
            fn begin_object_key<W: ?Sized + std::io::Write>(
                &mut self,
                w: &mut W,
                first: bool,
            ) -> std::io::Result<()> {
                if first {
                    Ok(())
                } else {
                    w.write_all(b", ")
                }
            }
            fn begin_object_value<W: ?Sized + std::io::Write>(
                &mut self,
                w: &mut W,
            ) -> std::io::Result<()> {
                w.write_all(b": ")
            }
        }
        let mut out = Vec::new();
        v.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, Spaced,
        ))
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn ours<T: Serialize + ?Sized>(v: &T) -> String {
        let mut out = Vec::new();
        line(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(i32),
        Tuple(u8, bool),
        Empty(),
        Struct { a: f64, b: Option<String> },
    }

    #[derive(Serialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    enum Tagged {
        Plain,
        WithFields { from: String, lag: Option<u32> },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Empty {}

    #[derive(Serialize)]
    struct New(&'static str);

    struct Shown<'a>(&'a str);
    impl Serialize for Shown<'_> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.collect_str(&format_args!("<{}>", self.0))
        }
    }

    #[test]
    fn writes_the_bytes_serde_json_writes() {
        let long = "x".repeat(200);
        let strings = [
            "",
            "plain",
            "2026-01-05T08:00:00",
            "quote \" here",
            "back\\slash",
            "tab\tnew\nline",
            "\u{0}\u{1f}\u{7f}",
            "é 进度 🚀",
            "\r\u{8}\u{c}",
            &long,
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "0123456789abcdef",
            "0123456789abcdefg",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef!",
        ];
        for n in 0..40 {
            let s: String = (0..n).map(|k| (b'a' + k as u8 % 26) as char).collect();
            assert_eq!(ours(&s), reference(&s), "{s:?}");
            // After other text, so that offsets within the buffer vary.
            assert_eq!(ours(&[&s, "x", &s]), reference(&[&s, "x", &s]), "{s:?}");
        }
        for s in strings {
            assert_eq!(ours(s), reference(s), "{s:?}");
            assert_eq!(ours(&Shown(s)), reference(&Shown(s)), "{s:?}");
        }
        let values = json!([
            null, true, false, 0, -1, 1.5, -0.0, 1e300, 12345678901234567890u64,
            i64::MIN, [], {}, [[]], {"a": {"b": [1, {"c": null}]}},
            {"k\"ey": "v", "": ""}, ["a", "b"], {"x": [1, 2, 3], "y": "z"}
        ]);
        assert_eq!(ours(&values), reference(&values));
        let e = [
            E::Unit,
            E::New(-3),
            E::Tuple(7, true),
            E::Empty(),
            E::Struct {
                a: 2.25,
                b: Some("s".into()),
            },
            E::Struct {
                a: f64::NAN,
                b: None,
            },
        ];
        assert_eq!(ours(&e), reference(&e));
        let t = [
            Tagged::Plain,
            Tagged::WithFields {
                from: "A".into(),
                lag: Some(3),
            },
            Tagged::WithFields {
                from: "B".into(),
                lag: None,
            },
        ];
        assert_eq!(ours(&t), reference(&t));
        assert_eq!(
            ours(&(Unit, Empty {}, New("n"), 'c', (), Some(1u8), None::<u8>)),
            reference(&(Unit, Empty {}, New("n"), 'c', (), Some(1u8), None::<u8>))
        );
        assert_eq!(
            ours(&[f32::INFINITY, 0.1f32]),
            reference(&[f32::INFINITY, 0.1f32])
        );
        assert_eq!(
            ours(&(i128::MIN, u128::MAX)),
            reference(&(i128::MIN, u128::MAX))
        );
        let mut m = BTreeMap::new();
        m.insert(3u32, "three");
        m.insert(10u32, "ten");
        assert_eq!(ours(&m), reference(&m));
        let mut b = BTreeMap::new();
        b.insert(true, 1);
        b.insert(false, 0);
        assert_eq!(ours(&b), reference(&b));
        let mut f = BTreeMap::new();
        f.insert('k', 1.0f64);
        assert_eq!(ours(&f), reference(&f));
        let bytes = serde_bytes_like(&[0, 1, 255]);
        assert_eq!(ours(&bytes), reference(&bytes));
    }

    struct Bytes<'a>(&'a [u8]);
    impl Serialize for Bytes<'_> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    fn serde_bytes_like(b: &[u8]) -> Bytes<'_> {
        Bytes(b)
    }

    #[test]
    fn the_escape_test_finds_every_byte_that_needs_escaping() {
        let naive = |b: &[u8]| b.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\');
        for len in 0..41 {
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut b = vec![b'a'; len];
                    b[at] = c;
                    assert_eq!(needs_escape(&b), naive(&b), "{len} {at} {c}");
                    b.fill(0xff);
                    b[at] = c;
                    assert_eq!(needs_escape(&b), naive(&b), "{len} {at} {c}");
                }
            }
        }
    }

    #[test]
    fn bad_keys_are_errors_as_in_serde_json() {
        let mut m = BTreeMap::new();
        m.insert(vec![1], 1);
        let mut out = Vec::new();
        assert!(line(&mut out, &m).is_err());
        assert!(serde_json::to_string(&m).is_err());
    }
}
