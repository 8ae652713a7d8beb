//! Dates and date-times written as text, and Excel serial dates.
//!
//! Vietnamese sheets write day first. A text date is never read month first:
//! "03/04/2024" is 3 April. When only the month-first reading exists
//! ("03/15/2024") the result is [`DateParse::MonthFirstOnly`] so the intake
//! can tell the user, instead of guessing.
//!
//! Conventions:
//! - Two-digit years pivot at [`TWO_DIGIT_YEAR_PIVOT`]: 00–49 → 2000–2049,
//!   50–99 → 1950–1999. Dossier and programme data start in the 2000s and
//!   deadlines run a few years ahead, so 2000–2049 covers all of it.
//! - Years outside 1900–2200 are invalid: exports write placeholders such
//!   as "01/01/0001" for "no date".
//! - An ISO time zone ("Z", "+07:00") is accepted and ignored: the date and
//!   time are taken as written, which is local time in these exports.
//! - Seconds of day are whole seconds; fractions are dropped.

use crate::date::Date;
use crate::text::plain_letter;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;

/// Two-digit years below this are 20xx, the others 19xx.
pub const TWO_DIGIT_YEAR_PIVOT: u32 = 50;
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;
const SECONDS_PER_DAY: u32 = 86_400;

/// Result of reading a text cell as a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateParse {
    /// A valid date, with the time of day in seconds after midnight when the
    /// text had one.
    Date { date: Date, seconds: Option<u32> },
    /// Only valid read as mm/dd ("03/15/2024"): reported, never accepted.
    MonthFirstOnly,
    /// Not a date, or an impossible one ("31/02/2024").
    Invalid,
}

/// Reads a date or date-time typed as text. Accepted forms (any case, NFC or
/// NFD, surrounding whitespace ignored):
/// `dd/mm/yyyy`, `d/m/yy`, with `-` or `.` instead of `/`; optionally
/// followed or preceded by `hh:mm[:ss]` (also `14h32`, and `SA`/`CH`/`AM`/`PM`);
/// `yyyy-mm-dd`, `yyyy/mm/dd`, ISO `yyyy-mm-ddThh:mm:ss[.fff][Z|±hh:mm]`;
/// `ngày 5 tháng 3 năm 2024` and `ngày 05/03/2024`.
pub fn parse_date_text(s: &str) -> DateParse {
    let s = s.trim();
    if s.is_ascii() {
        return parse_ascii(s);
    }
    // Vietnamese words ("ngày", "tháng", "năm") fold to ASCII; any other
    // non-ASCII letter means this is not a date.
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            folded.push(c);
        } else if let Some(plain) = plain_letter(c) {
            folded.push(char::from(plain));
        } else if c.is_whitespace() {
            folded.push(' ');
        } else if !is_combining_mark(c) {
            return DateParse::Invalid;
        }
    }
    parse_ascii(&folded)
}

/// Excel serial (1900 or 1904 system) to a date and, when the serial has a
/// fractional part, the time of day in seconds (rounded to the nearest
/// second; 23:59:59.6 rolls over to the next day at 00:00:00).
pub fn excel_serial_to_date(f: f64, date1904: bool) -> Option<(Date, Option<u32>)> {
    if !f.is_finite() || f < 0.0 {
        return None;
    }
    let whole = f.floor();
    let frac = f - whole;
    // frac is in [0, 1), so the product is in [0, 86400] and the cast is exact.
    let mut secs = (frac * f64::from(SECONDS_PER_DAY)).round() as u32;
    let mut day = whole;
    if secs >= SECONDS_PER_DAY {
        secs = 0;
        day += 1.0;
    }
    let date = Date::from_excel_serial(day, date1904)?;
    Some((date, (frac > 0.0).then_some(secs)))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok<'a> {
    /// Value and digit count; runs longer than 9 digits never tokenize.
    Num(u32, u8),
    Sym(u8),
    Word(&'a str),
}

/// Enough for the longest accepted form with room to spare; longer input is
/// not a date.
const MAX_TOKENS: usize = 24;

fn parse_ascii(s: &str) -> DateParse {
    if let Some(p) = fixed_dmy(s.as_bytes()) {
        return p;
    }
    if let Some(p) = compact_ymd(s.as_bytes()) {
        return p;
    }
    let mut toks = [Tok::Sym(0); MAX_TOKENS];
    let Some(n) = tokenize(s, &mut toks) else {
        return DateParse::Invalid;
    };
    parse_tokens(&toks[..n]).unwrap_or(DateParse::Invalid)
}

/// `yyyyMMdd`, `yyyyMMddHHmm` and `yyyyMMddHHmmss`: the national portal's
/// sync format (NgayTiepNhan = "20240315143200"). Only all-digit text of
/// exactly these lengths whose year lies in 1900–2200; anything else is
/// left to the general reader (which rejects it).
pub fn compact_ymd(s: &[u8]) -> Option<DateParse> {
    let n = s.len();
    if !matches!(n, 8 | 12 | 14) || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let num = |a: usize, b: usize| s[a..b].iter().fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
    let y = num(0, 4) as i32;
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    let Some(date) = Date::from_ymd(y, num(4, 6), num(6, 8)) else {
        return Some(DateParse::Invalid);
    };
    let seconds = if n == 8 {
        None
    } else {
        let (h, mi, sec) = (num(8, 10), num(10, 12), if n == 14 { num(12, 14) } else { 0 });
        if h >= 24 || mi >= 60 || sec >= 60 {
            return Some(DateParse::Invalid);
        }
        Some(h * 3600 + mi * 60 + sec)
    };
    Some(DateParse::Date { date, seconds })
}

/// The shapes machine exports write a million times over, `dd/mm/yyyy`,
/// `dd/mm/yyyy hh:mm` and `dd/mm/yyyy hh:mm:ss` (`/`, `-` or `.`), read at
/// fixed offsets. Gives exactly what the general path gives (a property
/// test checks), or `None` to let it decide.
fn fixed_dmy(s: &[u8]) -> Option<DateParse> {
    let n = s.len();
    if n != 10 && n != 16 && n != 19 {
        return None;
    }
    let two = |i: usize| -> Option<u32> {
        let (a, b) = (s[i], s[i + 1]);
        (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
    };
    let sep = s[2];
    if !matches!(sep, b'/' | b'-' | b'.') || s[5] != sep {
        return None;
    }
    let (d, m, y) = (two(0)?, two(3)?, two(6)? * 100 + two(8)?);
    let seconds = if n == 10 {
        None
    } else {
        if s[10] != b' ' || s[13] != b':' || (n == 19 && s[16] != b':') {
            return None;
        }
        let (h, mi, sec) = (two(11)?, two(14)?, if n == 19 { two(17)? } else { 0 });
        if h >= 24 || mi >= 60 || sec >= 60 {
            return Some(DateParse::Invalid);
        }
        Some(h * 3600 + mi * 60 + sec)
    };
    Some(match core_dmy(i32::try_from(y).ok()?, m, d, true) {
        Core::Valid(date) => DateParse::Date { date, seconds },
        Core::MonthFirst => DateParse::MonthFirstOnly,
        Core::Impossible => DateParse::Invalid,
    })
}

fn tokenize<'a>(s: &'a str, out: &mut [Tok<'a>; MAX_TOKENS]) -> Option<usize> {
    let b = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let start = i;
        let tok = match b[i] {
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            c if c.is_ascii_digit() => {
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let len = i - start;
                if len > 9 {
                    return None;
                }
                Tok::Num(s.get(start..i)?.parse().ok()?, len as u8)
            }
            c if c.is_ascii_alphabetic() => {
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                Tok::Word(s.get(start..i)?)
            }
            c @ (b'/' | b'-' | b'.' | b':' | b',' | b'+') => {
                i += 1;
                Tok::Sym(c)
            }
            _ => return None,
        };
        *out.get_mut(n)? = tok;
        n += 1;
    }
    Some(n)
}

fn word_at(t: &[Tok], i: usize, words: &[&str]) -> bool {
    matches!(t.get(i), Some(Tok::Word(w)) if words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

fn sym_at(t: &[Tok], i: usize, sym: u8) -> bool {
    t.get(i) == Some(&Tok::Sym(sym))
}

fn num_at(t: &[Tok], i: usize) -> Option<(u32, u8)> {
    match t.get(i) {
        Some(&Tok::Num(v, len)) => Some((v, len)),
        _ => None,
    }
}

/// A date-shaped group of tokens, before it is known to be a real date.
enum Core {
    Valid(Date),
    MonthFirst,
    Impossible,
}

fn year_ok(y: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
}

fn expand_year(y: u32, len: u8) -> Option<i32> {
    let y = i32::try_from(y).ok()?;
    match len {
        4 => Some(y),
        2 if y < TWO_DIGIT_YEAR_PIVOT as i32 => Some(2000 + y),
        2 => Some(1900 + y),
        _ => None,
    }
}

fn core_dmy(y: i32, m: u32, d: u32, month_first_possible: bool) -> Core {
    if !year_ok(y) {
        return Core::Impossible;
    }
    match Date::from_ymd(y, m, d) {
        Some(date) => Core::Valid(date),
        None if month_first_possible && m > 12 && Date::from_ymd(y, d, m).is_some() => {
            Core::MonthFirst
        }
        None => Core::Impossible,
    }
}

/// `d/m/y`, `y-m-d` and friends starting at `i`; returns the index after.
fn numeric_date(t: &[Tok], i: usize) -> Option<(Core, usize)> {
    let (a, la) = num_at(t, i)?;
    let (b, lb) = num_at(t, i + 2)?;
    let (c, lc) = num_at(t, i + 4)?;
    let sep = match t.get(i + 1) {
        Some(&Tok::Sym(s @ (b'/' | b'-' | b'.'))) => s,
        _ => return None,
    };
    if !sym_at(t, i + 3, sep) {
        return None;
    }
    let core = if la == 4 && lb <= 2 && lc <= 2 {
        core_dmy(expand_year(a, la)?, b, c, false)
    } else if la <= 2 && lb <= 2 {
        core_dmy(expand_year(c, lc)?, b, a, true)
    } else {
        return None;
    };
    Some((core, i + 5))
}

/// `5 tháng 3 năm 2024` (already folded to ASCII) starting at `i`.
fn word_date(t: &[Tok], i: usize) -> Option<(Core, usize)> {
    let (d, ld) = num_at(t, i)?;
    let (m, lm) = num_at(t, i + 2)?;
    let mut j = i + 3;
    if !word_at(t, i + 1, &["thang"]) || ld > 2 || lm > 2 {
        return None;
    }
    if sym_at(t, j, b',') {
        j += 1;
    }
    if !word_at(t, j, &["nam"]) {
        return None;
    }
    let (y, ly) = num_at(t, j + 1)?;
    Some((core_dmy(expand_year(y, ly)?, m, d, false), j + 2))
}

/// `:` and two digits at `j` (the minutes or seconds of a time): `Some(None)`
/// without a colon, `None` when the colon is not followed by two digits.
fn colon_two_digits(t: &[Tok], j: usize) -> Option<Option<u32>> {
    if !sym_at(t, j, b':') {
        return Some(None);
    }
    let (v, len) = num_at(t, j + 1)?;
    (len == 2).then_some(Some(v))
}

/// A time of day at `i`: `Some(None, _)` when time-shaped but impossible.
fn time_of_day(t: &[Tok], i: usize) -> Option<(Option<u32>, usize)> {
    let (h, lh) = num_at(t, i)?;
    if lh > 2 {
        return None;
    }
    let (mut m, mut s, mut j) = (0, 0, i + 1);
    if let Some(mm) = colon_two_digits(t, j)? {
        m = mm;
        j += 2;
        if let Some(ss) = colon_two_digits(t, j)? {
            s = ss;
            j += 2;
            if sym_at(t, j, b'.') && num_at(t, j + 1).is_some() {
                j += 2;
            }
        }
    } else if word_at(t, j, &["h", "g", "gio"]) {
        j += 1;
        if let Some((mm, lm)) = num_at(t, j) {
            if lm > 2 {
                return None;
            }
            m = mm;
            j += 1;
            if word_at(t, j, &["p", "phut"]) {
                j += 1;
            }
        }
    } else {
        return None;
    }
    let mut hour = Some(h);
    if word_at(t, j, &["am", "sa"]) {
        hour = (1..=12).contains(&h).then_some(h % 12);
        j += 1;
    } else if word_at(t, j, &["pm", "ch"]) {
        hour = (1..=12).contains(&h).then_some(h % 12 + 12);
        j += 1;
    }
    let secs = hour
        .filter(|&h| h < 24 && m < 60 && s < 60)
        .map(|h| h * 3600 + m * 60 + s);
    Some((secs, j))
}

/// Skips an ISO zone designator (`Z`, `+07:00`, `+0700`, `-05`) at `i`.
fn skip_zone(t: &[Tok], i: usize) -> usize {
    if word_at(t, i, &["z"]) {
        return i + 1;
    }
    if sym_at(t, i, b'+') || sym_at(t, i, b'-') {
        if let Some((_, len)) = num_at(t, i + 1) {
            if len == 2 && sym_at(t, i + 2, b':') && num_at(t, i + 3).is_some_and(|(_, l)| l == 2) {
                return i + 4;
            }
            if len == 2 || len == 4 {
                return i + 2;
            }
        }
    }
    i
}

fn parse_tokens(t: &[Tok]) -> Option<DateParse> {
    let mut i = 0;
    let mut time: Option<Option<u32>> = None;
    // "14:32 15/03/2024", as some Vietnamese systems export.
    if let Some((secs, j)) = time_of_day(t, i) {
        time = Some(secs);
        i = j;
        if sym_at(t, i, b',') || sym_at(t, i, b'-') {
            i += 1;
        }
    }
    if word_at(t, i, &["ngay"]) {
        i += 1;
        if sym_at(t, i, b':') {
            i += 1;
        }
    }
    let (core, j) = word_date(t, i).or_else(|| numeric_date(t, i))?;
    i = j;
    if time.is_none() && i < t.len() {
        if word_at(t, i, &["t", "luc"]) || sym_at(t, i, b',') || sym_at(t, i, b'-') {
            i += 1;
        }
        let (secs, j) = time_of_day(t, i)?;
        time = Some(secs);
        i = skip_zone(t, j);
    }
    if i != t.len() {
        return None;
    }
    let seconds = match time {
        Some(None) => return Some(DateParse::Invalid),
        Some(secs) => secs,
        None => None,
    };
    Some(match core {
        Core::Valid(date) => DateParse::Date { date, seconds },
        Core::MonthFirst => DateParse::MonthFirstOnly,
        Core::Impossible => DateParse::Invalid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn ymd(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).unwrap_or(Date(i32::MIN))
    }

    fn at(y: i32, m: u32, d: u32, secs: Option<u32>) -> DateParse {
        DateParse::Date {
            date: ymd(y, m, d),
            seconds: secs,
        }
    }

    #[test]
    fn day_first_forms() {
        let d = at(2024, 3, 15, None);
        for s in [
            "15/03/2024",
            " 15/3/2024 ",
            "15-03-2024",
            "15.03.2024",
            "15/03/24",
            "2024-03-15",
            "2024/03/15",
            "ngày 15/03/2024",
            "Ngày: 15/03/2024",
        ] {
            assert_eq!(parse_date_text(s), d, "{s}");
        }
        assert_eq!(
            parse_date_text("03/04/2024"),
            at(2024, 4, 3, None),
            "never month first"
        );
        assert_eq!(parse_date_text("5/3/2024"), at(2024, 3, 5, None));
    }

    #[test]
    fn times() {
        let t = |h: u32, m: u32, s: u32| Some(h * 3600 + m * 60 + s);
        assert_eq!(
            parse_date_text("15/03/2024 14:32"),
            at(2024, 3, 15, t(14, 32, 0))
        );
        assert_eq!(
            parse_date_text("15/03/2024 14:32:07"),
            at(2024, 3, 15, t(14, 32, 7))
        );
        assert_eq!(
            parse_date_text("14:32 15/03/2024"),
            at(2024, 3, 15, t(14, 32, 0))
        );
        assert_eq!(
            parse_date_text("08:05:09 15/03/2024"),
            at(2024, 3, 15, t(8, 5, 9))
        );
        assert_eq!(
            parse_date_text("2024-03-15T14:32:00"),
            at(2024, 3, 15, t(14, 32, 0))
        );
        assert_eq!(
            parse_date_text("2024-03-15T14:32:00.123Z"),
            at(2024, 3, 15, t(14, 32, 0))
        );
        assert_eq!(
            parse_date_text("2024-03-15T23:30:00+07:00"),
            at(2024, 3, 15, t(23, 30, 0))
        );
        assert_eq!(
            parse_date_text("2024-03-15 23:30:00-0500"),
            at(2024, 3, 15, t(23, 30, 0))
        );
        assert_eq!(
            parse_date_text("15/03/2024 2:32:00 CH"),
            at(2024, 3, 15, t(14, 32, 0))
        );
        assert_eq!(
            parse_date_text("15/03/2024 12:05 SA"),
            at(2024, 3, 15, t(0, 5, 0))
        );
        assert_eq!(
            parse_date_text("14h32 15/03/2024"),
            at(2024, 3, 15, t(14, 32, 0))
        );
        assert_eq!(
            parse_date_text("15/03/2024 lúc 9 giờ 30 phút"),
            at(2024, 3, 15, t(9, 30, 0))
        );
        assert_eq!(parse_date_text("15/03/2024 24:00"), DateParse::Invalid);
        assert_eq!(parse_date_text("15/03/2024 14:60"), DateParse::Invalid);
    }

    #[test]
    fn vietnamese_words() {
        let d = at(2024, 3, 5, None);
        assert_eq!(parse_date_text("ngày 5 tháng 3 năm 2024"), d);
        assert_eq!(parse_date_text("Ngày 05 tháng 03 năm 2024"), d);
        assert_eq!(parse_date_text("NGÀY 5 THÁNG 3 NĂM 2024"), d);
        let nfd: String = "ngày 5 tháng 3 năm 2024".nfd().collect();
        assert_eq!(parse_date_text(&nfd), d);
        assert_eq!(parse_date_text("5 tháng 3, năm 2024"), d);
        assert_eq!(
            parse_date_text("ngày 31 tháng 2 năm 2024"),
            DateParse::Invalid
        );
    }

    #[test]
    fn rejections() {
        assert_eq!(parse_date_text("03/15/2024"), DateParse::MonthFirstOnly);
        assert_eq!(parse_date_text("12/31/24 10:00"), DateParse::MonthFirstOnly);
        for s in [
            "31/02/2024",
            "29/02/2023",
            "32/01/2024",
            "00/01/2024",
            "15/13/2024",
            "2024-15-03",
            "01/01/0001",
            "",
            "  ",
            "abc",
            "15/03",
            "15/03/2024/1",
            "15/03-2024",
            "15/03/202",
            "1234567890",
            "Hà Nội",
            "15/03/2024 xyz",
            "45366",
        ] {
            assert_eq!(parse_date_text(s), DateParse::Invalid, "{s}");
        }
        assert_eq!(parse_date_text("29/02/2024"), at(2024, 2, 29, None));
    }

    #[test]
    fn two_digit_year_pivot() {
        assert_eq!(parse_date_text("15/03/24"), at(2024, 3, 15, None));
        assert_eq!(parse_date_text("15/03/49"), at(2049, 3, 15, None));
        assert_eq!(parse_date_text("15/03/50"), at(1950, 3, 15, None));
        assert_eq!(parse_date_text("15/03/99"), at(1999, 3, 15, None));
    }

    #[test]
    fn excel_serials() {
        assert_eq!(
            excel_serial_to_date(45366.0, false),
            Some((ymd(2024, 3, 15), None))
        );
        assert_eq!(
            excel_serial_to_date(45366.5, false),
            Some((ymd(2024, 3, 15), Some(43_200)))
        );
        assert_eq!(
            excel_serial_to_date(45366.6055555556, false),
            Some((ymd(2024, 3, 15), Some(52_320)))
        );
        assert_eq!(
            excel_serial_to_date(45366.999999999, false),
            Some((ymd(2024, 3, 16), Some(0)))
        );
        assert_eq!(
            excel_serial_to_date(0.0, true),
            Some((ymd(1904, 1, 1), None))
        );
        assert_eq!(excel_serial_to_date(f64::NAN, false), None);
        assert_eq!(excel_serial_to_date(-1.0, false), None);
        assert_eq!(excel_serial_to_date(f64::INFINITY, false), None);
    }

    proptest! {
        #[test]
        fn formatted_dates_round_trip(y in 1990i32..2100, m in 1u32..=12, d in 1u32..=31) {
            let Some(date) = Date::from_ymd(y, m, d) else { return Ok(()) };
            let expected = DateParse::Date { date, seconds: None };
            for s in [
                format!("{d:02}/{m:02}/{y}"),
                format!("{d}/{m}/{y}"),
                format!("{y}-{m:02}-{d:02}"),
                format!("ngày {d} tháng {m} năm {y}"),
                format!("{d:02}-{m:02}-{y}"),
                format!("{d:02}.{m:02}.{y}"),
            ] {
                prop_assert_eq!(parse_date_text(&s), expected, "{}", s);
            }
            prop_assert_eq!(
                parse_date_text(&format!("{d:02}/{m:02}/{y} 07:08:09")),
                DateParse::Date { date, seconds: Some(7 * 3600 + 8 * 60 + 9) }
            );
            if d > 12 {
                prop_assert_eq!(parse_date_text(&format!("{m:02}/{d:02}/{y}")), DateParse::MonthFirstOnly);
                prop_assert_eq!(parse_date_text(&format!("{m}/{d}/{y}")), DateParse::MonthFirstOnly);
            }
        }

        #[test]
        fn fixed_shapes_read_as_the_general_path_does(s in "[0-9]{2}[/.-][0-9]{2}[/.-][0-9]{4}( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?") {
            let mut toks = [Tok::Sym(0); MAX_TOKENS];
            let general = tokenize(&s, &mut toks).and_then(|n| parse_tokens(&toks[..n])).unwrap_or(DateParse::Invalid);
            prop_assert_eq!(parse_date_text(&s), general, "{}", s);
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_date_text(&s);
        }

        #[test]
        fn never_panics_on_date_like(s in "[0-9/:.\\- TZ+ngayth]{0,30}") {
            let _ = parse_date_text(&s);
        }

        #[test]
        fn serials_never_panic(f in proptest::num::f64::ANY, b in proptest::bool::ANY) {
            let _ = excel_serial_to_date(f, b);
        }
    }
}

#[cfg(test)]
mod compact_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32, secs: Option<u32>) -> DateParse {
        DateParse::Date { date: Date::from_ymd(y, m, day).expect("valid"), seconds: secs }
    }

    #[test]
    fn portal_sync_dates() {
        // NgayTiepNhan as the national portal sends it.
        assert_eq!(parse_date_text("20240315143205"), d(2024, 3, 15, Some(14 * 3600 + 32 * 60 + 5)));
        assert_eq!(parse_date_text("202403151432"), d(2024, 3, 15, Some(14 * 3600 + 32 * 60)));
        assert_eq!(parse_date_text("20240315"), d(2024, 3, 15, None));
        assert_eq!(parse_date_text(" 20251121092405 "), d(2025, 11, 21, Some(9 * 3600 + 24 * 60 + 5)));
        // Impossible parts are invalid, never shifted.
        assert_eq!(parse_date_text("20240231"), DateParse::Invalid);
        assert_eq!(parse_date_text("20240315250000"), DateParse::Invalid);
        // Other digit runs are not dates: a dossier number, a year.
        assert_eq!(compact_ymd(b"000012345678"), None);
        assert_eq!(compact_ymd(b"2024031"), None);
        assert_eq!(parse_date_text("1234567890"), DateParse::Invalid);
    }

    #[test]
    fn text_with_seconds_keeps_the_time() {
        assert_eq!(parse_date_text("21/11/2025 09:24:05"), d(2025, 11, 21, Some(9 * 3600 + 24 * 60 + 5)));
    }
}
