//! Aligned text tables measured in display columns (`unicode-width`): a Chinese name is two
//! columns a character wide, so the column after it still starts where it does on every other
//! row.

use unicode_width::UnicodeWidthStr;

/// The display width of `s` in terminal columns (CJK characters count 2).
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded on the right with spaces to `w` display columns (as `{:<w}` does by characters).
pub(crate) fn left(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    out.push_str(&" ".repeat(w.saturating_sub(width(s))));
    out
}

/// `s` padded on the left with spaces to `w` display columns (as `{:>w}`).
pub(crate) fn right(s: &str, w: usize) -> String {
    let mut out = " ".repeat(w.saturating_sub(width(s)));
    out.push_str(s);
    out
}

/// `rows` as aligned columns two spaces apart, the first `left_columns` left-aligned and the
/// rest right-aligned (`usize::MAX`: all left); with `rule`, a line of dashes under the first
/// row. Trailing spaces are trimmed.
pub(crate) fn columns(rows: &[Vec<String>], left_columns: usize, rule: bool) -> String {
    let left_columns = if left_columns == 0 {
        usize::MAX
    } else {
        left_columns
    };
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut w = vec![0; n];
    for r in rows {
        for (k, c) in r.iter().enumerate() {
            w[k] = w[k].max(width(c));
        }
    }
    let line = |r: &[String]| {
        let mut line = String::new();
        for (k, c) in r.iter().enumerate() {
            if k > 0 {
                line.push_str("  ");
            }
            if k < left_columns {
                line.push_str(&left(c, w[k]));
            } else {
                line.push_str(&right(c, w[k]));
            }
        }
        let mut line = line.trim_end().to_owned();
        line.push('\n');
        line
    };
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        out.push_str(&line(r));
        if i == 0 && rule {
            let dashes: Vec<String> = w.iter().map(|&n| "-".repeat(n)).collect();
            out.push_str(&line(&dashes));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_width_characters_count_twice() {
        // 设计 is two characters of two columns each; "Build" five of one.
        assert_eq!(width("设计"), 4);
        assert_eq!(left("设计", 6), "设计  ");
        assert_eq!(right("Build", 7), "  Build");
        let rows = vec![
            vec!["ID".into(), "Task".into(), "Days".into()],
            vec!["1".into(), "设计".into(), "3".into()],
            vec!["2".into(), "Build".into(), "12".into()],
        ];
        // Task is 5 columns wide (Build); Days right-aligned in 4.
        assert_eq!(
            columns(&rows, 2, true),
            "ID  Task   Days\n--  -----  ----\n1   设计      3\n2   Build    12\n"
        );
    }
}
