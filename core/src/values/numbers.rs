//! Numbers and percentages written as text, in Vietnamese or English style.
//!
//! Vietnamese writes "1.234,5" ("." groups thousands, "," is the decimal
//! mark); English-configured software writes "1,234.5". Most cells say which
//! by themselves: both marks present (the last one is the decimal mark), one
//! mark repeated (it groups thousands), or one mark not followed by exactly
//! three digits (it is the decimal mark). The only ambiguous shape is a single
//! mark followed by exactly three digits after a 1–3 digit group that is not
//! "0": "1.234", "12,500". [`parse_number`] reads those the Vietnamese way
//! (1.234 → 1234, 1,234 → 1.234); [`detect_number_style`] votes over a column
//! so that a column that elsewhere says "1,234.5" reads "1,234" as 1234 via
//! [`parse_number_with`].
//!
//! Also accepted: a leading `+`/`-`/`−`, accounting negatives "(12)", spaces
//! and no-break spaces grouping thousands ("1 234,5"), a trailing `%`
//! (possibly after a space), a trailing currency word (đ, ₫, VNĐ, VND,
//! đồng), and an exponent ("1,5E+3", as Excel writes long numbers).

use serde::{Deserialize, Serialize};

/// A parsed number; `percent` when the text ended in `%` (the value is then
/// the number before the sign: "85%" → 85).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Number {
    pub value: f64,
    pub percent: bool,
}

/// How to read a single separator followed by exactly three digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberStyle {
    /// "." groups thousands, "," is the decimal mark.
    #[default]
    Vietnamese,
    /// "," groups thousands, "." is the decimal mark.
    English,
}

/// Reads a number, Vietnamese style for the ambiguous shapes.
pub fn parse_number(s: &str) -> Option<Number> {
    parse_number_with(s, NumberStyle::Vietnamese)
}

/// Reads a number, using `style` only for the ambiguous shapes.
pub fn parse_number_with(s: &str, style: NumberStyle) -> Option<Number> {
    analyze(s, style).map(|(number, _)| number)
}

/// The style a column is written in: the majority of the cells that reveal
/// a style, Vietnamese on a tie or when none does.
pub fn detect_number_style(samples: &[&str]) -> NumberStyle {
    let (mut vi, mut en) = (0usize, 0usize);
    for s in samples {
        match analyze(s, NumberStyle::Vietnamese).and_then(|(_, evidence)| evidence) {
            Some(NumberStyle::Vietnamese) => vi += 1,
            Some(NumberStyle::English) => en += 1,
            None => {}
        }
    }
    if en > vi {
        NumberStyle::English
    } else {
        NumberStyle::Vietnamese
    }
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}'
    )
}

const CURRENCY_SUFFIXES: [&str; 13] = [
    "₫", "đ", "Đ", "đồng", "Đồng", "ĐỒNG", "vnđ", "Vnđ", "VNĐ", "vnd", "Vnd", "VND", "đ.",
];

fn strip_currency(s: &str) -> &str {
    for suffix in CURRENCY_SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix) {
            let rest = rest.trim_end_matches(is_space);
            if rest.ends_with(|c: char| c.is_ascii_digit()) {
                return rest;
            }
        }
    }
    s
}

/// The number and, when the text shows it, the style it was written in.
fn analyze(s: &str, style: NumberStyle) -> Option<(Number, Option<NumberStyle>)> {
    let mut s = s.trim_matches(|c: char| c.is_whitespace());
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim_matches(is_space);
    }
    let percent = match s.strip_suffix('%') {
        Some(rest) => {
            s = rest.trim_end_matches(is_space);
            true
        }
        None => {
            s = strip_currency(s);
            false
        }
    };
    let mut chars = s.chars();
    match chars.next() {
        Some('-' | '−') if !negative => {
            negative = true;
            s = chars.as_str().trim_start_matches(is_space);
        }
        Some('+') if !negative => s = chars.as_str().trim_start_matches(is_space),
        _ => {}
    }
    let (value, evidence) = body(s, style)?;
    Some((
        Number {
            value: if negative { -value } else { value },
            percent,
        },
        evidence,
    ))
}

/// Longest digit string we read; far beyond any real cell.
const MAX_DIGITS: usize = 64;

/// Parses an unsigned number with optional grouping, decimal mark and exponent.
fn body(s: &str, style: NumberStyle) -> Option<(f64, Option<NumberStyle>)> {
    let (mantissa, exponent) = split_exponent(s)?;
    let marks = marks(mantissa, style)?;
    let value = assemble(mantissa, exponent, &marks)?;
    Some((value, marks.evidence))
}

/// What the dots and commas of a mantissa are.
struct Marks {
    decimal: Option<char>,
    group: Option<char>,
    /// The style the marks prove (`None` when they fit both, or are absent).
    evidence: Option<NumberStyle>,
}

/// Which of `.` and `,` is the decimal mark and which the grouping mark,
/// from their counts and order; a lone mark before exactly three digits
/// («1.234») is read by `style`. `None` when the text has other characters
/// or the marks contradict each other.
fn marks(mantissa: &str, style: NumberStyle) -> Option<Marks> {
    let (mut dots, mut commas, mut spaces) = (0, 0, 0);
    let (mut last_dot, mut last_comma) = (0, 0);
    for (i, c) in mantissa.char_indices() {
        match c {
            '0'..='9' => {}
            '.' => {
                dots += 1;
                last_dot = i;
            }
            ',' => {
                commas += 1;
                last_comma = i;
            }
            c if is_space(c) => spaces += 1,
            _ => return None,
        }
    }
    let vi_or_en = |mark: char| {
        if mark == ',' {
            NumberStyle::Vietnamese
        } else {
            NumberStyle::English
        }
    };
    // (decimal mark, grouping mark, evidence)
    let (decimal, group, evidence) = if dots > 0 && commas > 0 {
        let (dec, grp, count) = if last_dot > last_comma {
            ('.', ',', dots)
        } else {
            (',', '.', commas)
        };
        if count != 1 {
            return None;
        }
        (Some(dec), Some(grp), Some(vi_or_en(dec)))
    } else if dots + commas == 0 {
        (None, None, None)
    } else {
        let (mark, count, pos) = if dots > 0 {
            ('.', dots, last_dot)
        } else {
            (',', commas, last_comma)
        };
        if count > 1 {
            (
                None,
                Some(mark),
                Some(vi_or_en(if mark == '.' { ',' } else { '.' })),
            )
        } else {
            let before = &mantissa[..pos];
            let after = &mantissa[pos + 1..];
            let ambiguous = spaces == 0
                && after.len() == 3
                && (1..=3).contains(&before.len())
                && !before.starts_with('0');
            if !ambiguous {
                (Some(mark), None, Some(vi_or_en(mark)))
            } else {
                let grouping = match style {
                    NumberStyle::Vietnamese => '.',
                    NumberStyle::English => ',',
                };
                if mark == grouping {
                    (None, Some(mark), None)
                } else {
                    (Some(mark), None, None)
                }
            }
        }
    };
    Some(Marks { decimal, group, evidence })
}

/// The number in plain ASCII (digits, `.`, exponent), checked for
/// well-formed grouping (three digits a group, the first one to three, none
/// in the fraction) and parsed; `None` when malformed, too long or not finite.
fn assemble(mantissa: &str, exponent: Option<&str>, marks: &Marks) -> Option<f64> {
    let &Marks { decimal, group, .. } = marks;
    let mut buf = [0u8; MAX_DIGITS + 8];
    let mut n = 0;
    let mut push = |b: u8| -> Option<()> {
        *buf.get_mut(n)? = b;
        n += 1;
        Some(())
    };
    push(b'0')?;
    let (mut run, mut grouped, mut first_group, mut in_fraction) = (0usize, false, true, false);
    for c in mantissa.chars() {
        if c.is_ascii_digit() {
            push(c as u8)?;
            run += 1;
        } else if Some(c) == decimal {
            if grouped && run != 3 {
                return None;
            }
            in_fraction = true;
            push(b'.')?;
            run = 0;
        } else if Some(c) == group || is_space(c) {
            let ok = if first_group {
                (1..=3).contains(&run)
            } else {
                run == 3
            };
            if in_fraction || !ok {
                return None;
            }
            grouped = true;
            first_group = false;
            run = 0;
        } else {
            return None;
        }
    }
    let complete = if in_fraction {
        run > 0
    } else if grouped {
        run == 3
    } else {
        run > 0
    };
    if !complete || (grouped && exponent.is_some()) {
        return None;
    }
    if let Some(exp) = exponent {
        push(b'e')?;
        for b in exp.bytes() {
            push(b)?;
        }
    }
    let text = std::str::from_utf8(buf.get(..n)?).ok()?;
    let value: f64 = text.parse().ok()?;
    value.is_finite().then_some(value)
}

/// Splits "1,5E+3" into ("1,5", Some("+3")); `None` when an `e` is there but
/// no well-formed exponent follows it.
fn split_exponent(s: &str) -> Option<(&str, Option<&str>)> {
    let Some(at) = s.find(['e', 'E']) else {
        return Some((s, None));
    };
    let exp = &s[at + 1..];
    let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let ok = (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then_some((&s[..at], Some(exp)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn num(s: &str) -> Option<(f64, bool)> {
        parse_number(s).map(|n| (n.value, n.percent))
    }

    #[test]
    fn both_styles() {
        assert_eq!(num("1.234,5"), Some((1234.5, false)));
        assert_eq!(num("1,234.5"), Some((1234.5, false)));
        assert_eq!(num("1.234.567"), Some((1_234_567.0, false)));
        assert_eq!(num("1,234,567"), Some((1_234_567.0, false)));
        assert_eq!(num("1.234.567,89"), Some((1_234_567.89, false)));
        assert_eq!(num("0,85"), Some((0.85, false)));
        assert_eq!(num("0.85"), Some((0.85, false)));
        assert_eq!(num("0,123"), Some((0.123, false)));
        assert_eq!(num("1234.567"), Some((1234.567, false)));
        assert_eq!(num("1 234,5"), Some((1234.5, false)));
        assert_eq!(num("1\u{a0}234\u{a0}567"), Some((1_234_567.0, false)));
        assert_eq!(num("12"), Some((12.0, false)));
        assert_eq!(num(".5"), Some((0.5, false)));
        assert_eq!(num("1,5E+3"), Some((1500.0, false)));
        assert_eq!(num("1.23E+11"), Some((123_000_000_000.0, false)));
    }

    #[test]
    fn signs_percent_currency() {
        assert_eq!(num("-12"), Some((-12.0, false)));
        assert_eq!(num("+12"), Some((12.0, false)));
        assert_eq!(num("−12,5"), Some((-12.5, false)));
        assert_eq!(num("(12)"), Some((-12.0, false)));
        assert_eq!(num("(1.234,5)"), Some((-1234.5, false)));
        assert_eq!(num("85%"), Some((85.0, true)));
        assert_eq!(num("85,5%"), Some((85.5, true)));
        assert_eq!(num("85,5 %"), Some((85.5, true)));
        assert_eq!(num(" -3,25% "), Some((-3.25, true)));
        assert_eq!(num("50.000 đ"), Some((50_000.0, false)));
        assert_eq!(num("50.000đ"), Some((50_000.0, false)));
        assert_eq!(num("1.200.000 VNĐ"), Some((1_200_000.0, false)));
    }

    #[test]
    fn ambiguity_follows_style() {
        assert_eq!(num("1.234"), Some((1234.0, false)));
        assert_eq!(num("1,234"), Some((1.234, false)));
        let en = |s| parse_number_with(s, NumberStyle::English).map(|n| n.value);
        assert_eq!(en("1.234"), Some(1.234));
        assert_eq!(en("1,234"), Some(1234.0));
        assert_eq!(
            en("1.234,5"),
            Some(1234.5),
            "unambiguous cells ignore the style"
        );
        assert_eq!(
            detect_number_style(&["1,234", "1,234.5", "12"]),
            NumberStyle::English
        );
        assert_eq!(
            detect_number_style(&["1.234", "85,5", "12"]),
            NumberStyle::Vietnamese
        );
        assert_eq!(
            detect_number_style(&["1.234", "1,234", ""]),
            NumberStyle::Vietnamese
        );
        assert_eq!(
            detect_number_style(&["1,234,567", "0.5"]),
            NumberStyle::English
        );
        assert_eq!(detect_number_style(&[]), NumberStyle::Vietnamese);
    }

    #[test]
    fn rejections() {
        for s in [
            "",
            " ",
            "-",
            "+",
            "%",
            "()",
            "12abc",
            "abc",
            "1.2.3,4,5",
            "1,2,3",
            "1.23.456",
            "12 34",
            "5.",
            "1,234.5.6",
            "--1",
            "(-1)",
            "1e",
            "1e+",
            "1.234e5",
            "NaN",
            "inf",
            "1/2",
            "đ",
            "12 %%",
            "1,234,56",
        ] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    fn group(int: u64, sep: char) -> String {
        let digits = int.to_string();
        let head = match digits.len() % 3 {
            0 => 3,
            r => r,
        };
        let mut out = digits[..head].to_string();
        for chunk in digits.as_bytes()[head..].chunks(3) {
            out.push(sep);
            out.extend(chunk.iter().map(|&b| char::from(b)));
        }
        out
    }

    proptest! {
        #[test]
        fn round_trips_both_styles(int in 0u64..10_000_000_000, frac in 0u32..100, two in proptest::bool::ANY, neg in proptest::bool::ANY) {
            let (frac_text, value) = if two {
                (format!("{frac:02}"), int as f64 + f64::from(frac) / 100.0)
            } else {
                (format!("{}", frac % 10), int as f64 + f64::from(frac % 10) / 10.0)
            };
            let sign = if neg { "-" } else { "" };
            let expected = if neg { -value } else { value };
            let vi = format!("{sign}{},{frac_text}", group(int, '.'));
            let en = format!("{sign}{}.{frac_text}", group(int, ','));
            for (s, style) in [(&vi, NumberStyle::Vietnamese), (&en, NumberStyle::English)] {
                let parsed = parse_number_with(s, style).map(|n| n.value);
                prop_assert!(parsed.is_some_and(|p| (p - expected).abs() <= 1e-9 * expected.abs().max(1.0)), "{} -> {:?}", s, parsed);
                let parsed = parse_number(s).map(|n| n.value);
                prop_assert!(parsed.is_some_and(|p| (p - expected).abs() <= 1e-9 * expected.abs().max(1.0)), "{} -> {:?}", s, parsed);
            }
            let vi_int = group(int, '.');
            let en_int = group(int, ',');
            prop_assert_eq!(parse_number_with(&vi_int, NumberStyle::Vietnamese).map(|n| n.value), Some(int as f64));
            prop_assert_eq!(parse_number_with(&en_int, NumberStyle::English).map(|n| n.value), Some(int as f64));
            prop_assert_eq!(parse_number(&format!("{vi},5%")).map(|n| n.percent), None);
            prop_assert_eq!(parse_number(&format!("{vi}%")).map(|n| n.percent), Some(true));
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_number(&s);
            let _ = detect_number_style(&[&s]);
        }

        #[test]
        fn never_panics_on_number_like(s in "[0-9.,%()+\\- eE\u{a0}đ₫]{0,30}") {
            let _ = parse_number_with(&s, NumberStyle::English);
            let _ = parse_number(&s);
        }
    }
}
