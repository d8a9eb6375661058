//! Writing SVG by hand: numbers with one decimal at most, escaped text, and text widths
//! estimated without a font (East Asian wide characters count twice).

use std::fmt;

/// The font stack of every chart: the system's sans-serif face, with CJK faces before the
/// generic fallback.
pub(crate) const FONT: &str =
    "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";

/// A coordinate written with at most one decimal (`12`, `12.5`), so that files stay small and
/// the output is the same on every platform.
#[derive(Clone, Copy)]
pub(crate) struct N(pub f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let a = tenths.unsigned_abs();
        if a % 10 == 0 {
            write!(f, "{sign}{}", a / 10)
        } else {
            write!(f, "{sign}{}.{}", a / 10, a % 10)
        }
    }
}

/// Appends `s` as XML character data or attribute text: the five special characters become
/// entities and characters XML 1.0 cannot hold (most control characters) become U+FFFD.
pub(crate) fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}' => {
                out.push(c)
            }
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Whether `c` is East Asian Wide or Fullwidth (Unicode UAX #11): CJK ideographs, kana,
/// hangul, fullwidth forms, CJK punctuation and most emoji, drawn about twice as wide as a
/// Latin letter.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x231A..=0x231B
        | 0x2329..=0x232A
        | 0x23E9..=0x23EC
        | 0x25FD..=0x25FE
        | 0x2614..=0x2615
        | 0x2648..=0x2653
        | 0x26AA..=0x26AB
        | 0x26BD..=0x26BE
        | 0x26C4..=0x26C5
        | 0x2705
        | 0x270A..=0x270B
        | 0x2728
        | 0x274C
        | 0x2753..=0x2755
        | 0x2757
        | 0x2795..=0x2797
        | 0x2B1B..=0x2B1C
        | 0x2B50
        | 0x2B55
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD)
}

/// The advance of `c` in ems for a typical sans-serif face: 1 for wide characters, 0 for
/// combining marks and zero-width characters, and about half an em for the rest (narrower
/// for `i`, `l`, punctuation; wider for capitals and `m`, `w`).
pub fn char_width(c: char) -> f64 {
    if is_wide(c) {
        return 1.0;
    }
    match c {
        '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' => 0.0,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' | ' ' | '(' | ')' => 0.3,
        'f' | 't' | 'r' | '-' | '/' => 0.38,
        'm' | 'w' | 'M' | 'W' => 0.85,
        'A'..='Z' => 0.66,
        '0'..='9' => 0.56,
        _ => 0.53,
    }
}

/// The estimated width in ems of `s` (see [`char_width`]).
///
/// ```
/// use jindu::render::text_width;
/// // Two ideographs are as wide as four lower-case Latin letters (about 0.5 em each).
/// assert_eq!(text_width("进度"), 2.0);
/// assert!((text_width("abcd") - 2.12).abs() < 1e-9);
/// ```
pub fn text_width(s: &str) -> f64 {
    s.chars().map(char_width).sum()
}

/// `s`, cut with an ellipsis so that it is at most `max_em` ems wide (whole characters only).
///
/// ```
/// use jindu::render::truncate;
/// assert_eq!(truncate("Design", 10.0), "Design");
/// // 设计评审 is 4 em wide; 2.9 em leaves room for two ideographs and the ellipsis (0.8 em).
/// assert_eq!(truncate("设计评审", 2.9), "设计…");
/// ```
pub fn truncate(s: &str, max_em: f64) -> String {
    if text_width(s) <= max_em {
        return s.to_owned();
    }
    let budget = max_em - ELLIPSIS;
    let mut w = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        w += char_width(c);
        if w > budget {
            break;
        }
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// The width of `…` in ems.
const ELLIPSIS: f64 = 0.8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal_at_most() {
        let s: Vec<String> = [0.0, 12.0, 12.04, 12.05, -3.25, -0.04, 1e6 / 3.0]
            .iter()
            .map(|&v| N(v).to_string())
            .collect();
        // 12.05 * 10 = 120.5 rounds away from zero to 121; -3.25 * 10 = -32.5 to -33;
        // -0.04 rounds to zero and loses its sign; 1e6 / 3 = 333333.33… to 333333.3.
        assert_eq!(s, ["0", "12", "12", "12.1", "-3.3", "0", "333333.3"]);
    }

    #[test]
    fn escapes_markup_and_control_characters() {
        let mut out = String::new();
        escape(&mut out, "R&D <\"x\"> 'y'\u{1}\tz");
        assert_eq!(out, "R&amp;D &lt;&quot;x&quot;&gt; &apos;y&apos;\u{FFFD} z");
    }

    #[test]
    fn wide_characters_count_twice() {
        // "Go-live 上线": G 0.66 + o 0.53 + - 0.38 + l 0.3 + i 0.3 + v 0.53 + e 0.53
        // + space 0.3 + two ideographs 2.0 = 5.53.
        assert!((text_width("Go-live 上线") - 5.53).abs() < 1e-9);
        assert!(is_wide('中') && is_wide('ア') && is_wide('한') && is_wide('Ａ'));
        assert!(!is_wide('a') && !is_wide('é'));
        // Cutting "Go-live 上线" to 5 em: budget 4.2 em holds "Go-live " (3.53) and not 上
        // (4.53); the trailing space is dropped before the ellipsis.
        assert_eq!(truncate("Go-live 上线", 5.0), "Go-live…");
    }
}
