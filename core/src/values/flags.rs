//! Yes/no cells: "Có"/"Không", "Đạt"/"Chưa đạt", x/blank, ✓, 1/0, Yes/No.

use super::numbers::parse_number;
use crate::text::fold_key;

/// Keys (after [`fold_key`]) that mean yes.
const YES: [&str; 13] = [
    "co", "x", "yes", "y", "true", "dat", "da", "ok", "da co", "co roi", "da dat", "roi", "da xong",
];
/// Keys that mean no.
const NO: [&str; 16] = [
    "khong",
    "no",
    "n",
    "false",
    "chua",
    "chua dat",
    "khong dat",
    "ko",
    "k",
    "kh",
    "khg",
    "khong co",
    "chua co",
    "chua xong",
    "none",
    "khong co du lieu",
];
/// Words that decide the answer when they open a cell followed by a remark:
/// "Có (Zalo)", "Không, chưa lắp".
const LEADING_YES: [&str; 5] = ["co", "dat", "da", "yes", "x"];
const LEADING_NO: [&str; 4] = ["khong", "chua", "no", "ko"];

/// Check marks that mean yes; also what an x/blank column is made of.
fn is_x_mark(s: &str) -> bool {
    matches!(s, "x" | "X" | "✓" | "✔" | "☑" | "✅" | "×")
}

fn is_cross_mark(s: &str) -> bool {
    matches!(s, "✗" | "✘" | "☒" | "❌")
}

/// Reads a yes/no cell, ignoring case, accents and NFC/NFD. Blank and
/// unrecognized text give `None`; in an x/blank column (see
/// [`column_is_x_blank`]) the caller reads blank as no.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if is_x_mark(t) {
        return Some(true);
    }
    if is_cross_mark(t) {
        return Some(false);
    }
    if t.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return match parse_number(t) {
            Some(n) if !n.percent && n.value == 1.0 => Some(true),
            Some(n) if !n.percent && n.value == 0.0 => Some(false),
            _ => None,
        };
    }
    let key = fold_key(t);
    if YES.contains(&key.as_str()) {
        return Some(true);
    }
    if NO.contains(&key.as_str()) {
        return Some(false);
    }
    leading_word(t)
}

/// "Có (Zalo)" → yes: the first word decides when punctuation, not more
/// words, follows it, so "có thể" (maybe) stays unrecognized. A slash does
/// not count: "Có/Không" is a template's placeholder, not an answer.
fn leading_word(t: &str) -> Option<bool> {
    let end =
        t.find(|c: char| !c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(c))?;
    let rest = t[end..].trim_start();
    if !rest.starts_with(['(', ',', ':', ';', '-', '–', '.']) {
        return None;
    }
    let word = fold_key(&t[..end]);
    if LEADING_YES.contains(&word.as_str()) {
        Some(true)
    } else if LEADING_NO.contains(&word.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// True when a column marks yes with "x" (or a check mark) and no with a
/// blank: every non-blank sample is such a mark, and there is at least one.
pub fn column_is_x_blank(samples: &[&str]) -> bool {
    let mut marks = 0;
    for s in samples {
        let t = s.trim();
        if t.is_empty() {
            continue;
        }
        if !is_x_mark(t) {
            return false;
        }
        marks += 1;
    }
    marks > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// Each word, composed and decomposed (NFD), reads as `want`.
    fn all_read_as(words: &[&str], want: Option<bool>) {
        for s in words {
            assert_eq!(parse_yes_no(s), want, "{s}");
            let nfd: String = s.nfd().collect();
            assert_eq!(parse_yes_no(&nfd), want, "NFD {s}");
        }
    }

    #[test]
    fn yes_words() {
        all_read_as(
            &[
                "Có",
                "có",
                "CÓ",
                "Co",
                "co",
                "Đạt",
                "ĐẠT",
                "dat",
                "Đã",
                "x",
                "X",
                "✓",
                "✔",
                "☑",
                "1",
                "Yes",
                "Y",
                "TRUE",
                "True",
                "Đã có",
                "Có (Zalo)",
                "Có, qua Zalo",
                "Đạt - 85%",
                " có ",
            ],
            Some(true),
        );
    }

    #[test]
    fn no_words() {
        all_read_as(
            &[
                "Không",
                "không",
                "KHÔNG",
                "Khong",
                "Chưa đạt",
                "Không đạt",
                "Chưa",
                "✗",
                "✘",
                "0",
                "No",
                "N",
                "FALSE",
                "Không (chưa lắp)",
                "Chưa có",
                "ko",
            ],
            Some(false),
        );
    }

    #[test]
    fn unknown_and_blank() {
        for s in [
            "",
            "   ",
            "có thể",
            "Có/Không",
            "2",
            "85%",
            "abc",
            "Zalo",
            "-",
            "1,5",
        ] {
            assert_eq!(parse_yes_no(s), None, "{s}");
        }
    }

    #[test]
    fn x_blank_columns() {
        assert!(column_is_x_blank(&["x", "", "X", " ", "x"]));
        assert!(column_is_x_blank(&["✓", ""]));
        assert!(!column_is_x_blank(&["x", "Không", ""]));
        assert!(!column_is_x_blank(&["", " "]));
        assert!(!column_is_x_blank(&[]));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_yes_no(&s);
            let _ = column_is_x_blank(&[&s]);
        }
    }
}
