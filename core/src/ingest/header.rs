//! Finding the header: title rows above it, two-row merged headers, and the
//! rows below it that are not data (totals, Roman-numeral group rows).

use super::columns::best_canon;
use super::grid::{Cell, RawSheet};
use crate::framework::Framework;
use crate::text::legacy::{self, LegacyEncoding};
use crate::text::{fold_key, nfc};

/// How many leading rows are searched for the header.
pub(super) const SEARCH_ROWS: usize = 40;

#[derive(Clone, Debug)]
pub struct Header {
    /// 0-based grid row of the (last) header row.
    pub row: usize,
    /// 1 or 2 header rows.
    pub rows: usize,
    /// Display text per column (joined "Top / Bottom" for two-row headers).
    pub names: Vec<String>,
}

impl Header {
    pub fn first_data_row(&self) -> usize {
        self.row + 1
    }
}

/// Longest text taken as a column name; longer cells are data.
const MAX_HEADER_CHARS: usize = 200;

/// Text of a header-ish cell, NFC and trimmed.
fn header_text(c: Cell<'_>) -> String {
    match c {
        Cell::Text(s) if s.len() > MAX_HEADER_CHARS * 4 => String::new(),
        Cell::Text(s) => nfc(s.trim()).split_whitespace().collect::<Vec<_>>().join(" "),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e6 => format!("{}", n as i64),
        _ => String::new(),
    }
}

/// How many cells of a candidate header look like column names we know.
fn score(names: &[String], m: &IndicatorMatcher) -> (usize, usize) {
    let mut matched = 0;
    let mut texts = 0;
    for n in names {
        if n.is_empty() {
            continue;
        }
        if n.chars().any(|c| c.is_alphabetic()) {
            texts += 1;
        }
        let parts = candidates(n);
        if parts.iter().any(|p| best_canon(p).is_some() || m.find(p).is_some()) {
            matched += 1;
        }
    }
    (matched, texts)
}

/// Folded forms to try for a (possibly joined) header: whole, then each part.
pub fn candidates(name: &str) -> Vec<String> {
    let mut v = vec![fold_key(name)];
    if name.contains(" / ") {
        for part in name.rsplit(" / ") {
            v.push(fold_key(part));
        }
    }
    v
}

/// A framework's indicator ids and names, folded once per analysis.
pub struct IndicatorMatcher {
    ids: Vec<(String, String)>,
    /// (" folded alias ", indicator id), longest first.
    names: Vec<(String, String)>,
    /// Folded numerator/denominator headers of ratio indicators.
    ratio_parts: Vec<String>,
}

impl IndicatorMatcher {
    pub fn new(fw: &Framework) -> IndicatorMatcher {
        let ids = fw.indicators().map(|(_, i)| (i.id.to_ascii_lowercase(), i.id.clone())).collect();
        let mut names: Vec<(String, String)> = fw
            .indicators()
            .flat_map(|(_, i)| std::iter::once(&i.name).chain(i.aliases.iter()).map(move |a| (fold_key(a), i.id.clone())))
            .filter(|(f, _)| f.len() >= 6)
            .map(|(f, id)| (format!(" {f} "), id))
            .collect();
        names.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        let ratio_parts = fw
            .indicators()
            .filter_map(|(_, i)| i.ratio.as_ref())
            .flat_map(|r| r.numerator.iter().chain(r.denominator.iter()))
            .map(|a| fold_key(a))
            .collect();
        IndicatorMatcher { ids, names, ratio_parts }
    }

    /// "Số hộ có cáp quang" is a numerator column, not the HT1 rate itself.
    pub fn is_ratio_part(&self, folded: &str) -> bool {
        self.ratio_parts.iter().any(|p| p == folded)
    }

    /// Indicator id for a folded header: the id as a token anywhere
    /// ("HT1. Tỷ lệ…", "(HT1)"), else the indicator's name or an alias.
    pub fn find(&self, folded: &str) -> Option<String> {
        if self.is_ratio_part(folded) {
            return None;
        }
        for (lower, id) in &self.ids {
            if folded.split(' ').any(|t| t == lower) {
                return Some(id.clone());
            }
        }
        let padded = format!(" {folded} ");
        self.names.iter().find(|(a, _)| padded.contains(a.as_str())).map(|(_, id)| id.clone())
    }
}

fn row_names(sheet: &RawSheet, row: usize) -> Vec<String> {
    (0..sheet.width()).map(|c| header_text(sheet.cell(row, c))).collect()
}

/// Joins a two-row header. A blank top cell inherits the text to its left
/// when there is a sub-header below it (the shape a horizontal merge leaves).
fn join_rows(top: &[String], bottom: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(top.len());
    let mut carry = String::new();
    for (i, b) in bottom.iter().enumerate() {
        let t = top.get(i).cloned().unwrap_or_default();
        if !t.is_empty() {
            carry = t.clone();
        } else if b.is_empty() {
            carry.clear();
        }
        let t_eff = if t.is_empty() && !b.is_empty() { carry.clone() } else { t };
        out.push(match (t_eff.is_empty(), b.is_empty()) {
            (true, _) => b.clone(),
            (false, true) => t_eff,
            (false, false) if t_eff == *b => t_eff,
            (false, false) => format!("{t_eff} / {b}"),
        });
    }
    out
}

/// A row holding dates or numbers (cells, or text that reads as one) is
/// data, never the second row of a header.
fn is_data_like(sheet: &RawSheet, row: usize) -> bool {
    (0..sheet.width()).any(|c| match sheet.cell(row, c) {
        Cell::Date { .. } | Cell::Number(_) => true,
        Cell::Text(t) => {
            let t = t.trim();
            !t.is_empty() && (crate::values::parse_number(t).is_some() || matches!(crate::values::parse_date_text(t), crate::values::DateParse::Date { .. }))
        }
        _ => false,
    })
}

/// The "(1) (2) (3) …" or "1 2 3 …" row official forms put under a header.
fn is_column_number_row(sheet: &RawSheet, row: usize) -> bool {
    let mut expected = 1.0;
    let mut n = 0;
    for c in 0..sheet.width() {
        let v = match sheet.cell(row, c) {
            Cell::Empty => continue,
            Cell::Number(x) => x,
            Cell::Text(t) => match t.trim().trim_start_matches('(').trim_end_matches(')').parse::<f64>() {
                Ok(x) => x,
                Err(_) => return false,
            },
            _ => return false,
        };
        if v != expected {
            return false;
        }
        expected += 1.0;
        n += 1;
    }
    n >= 3
}

/// Finds the header. `None` when no row looks like one (the sheet is then
/// classified `unknown`).
pub fn detect(sheet: &RawSheet, fw: &Framework) -> Option<Header> {
    let m = IndicatorMatcher::new(fw);
    let fw = &m;
    let h = sheet.height().min(SEARCH_ROWS);
    let mut best: Option<((usize, usize), Header)> = None;
    for r in 0..h {
        if sheet.row_is_empty(r) {
            continue;
        }
        let names = row_names(sheet, r);
        let s = score(&names, fw);
        let single = Header { row: r, rows: 1, names };
        if s.1 >= 2 && best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, single.clone()));
        }
        if r + 1 < sheet.height() && !is_data_like(sheet, r + 1) && !sheet.row_is_empty(r + 1) {
            let below = row_names(sheet, r + 1);
            let joined = join_rows(&single.names, &below);
            let sj = score(&joined, fw);
            // A two-row header must explain more columns than either row alone.
            let sb = score(&below, fw);
            if sj.0 > s.0 && sj.0 > sb.0 && best.as_ref().is_none_or(|(b, _)| sj > *b) {
                best = Some((sj, Header { row: r + 1, rows: 2, names: joined }));
            }
        }
    }
    best.filter(|((m, t), _)| *m >= 1 || *t >= 3).map(|(_, h)| h)
}

/// Why a row below the header is not data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    Blank,
    Totals,
    Group,
    RepeatedHeader,
    ColumnNumbers,
}

/// `legacy`: the sheet's TCVN3/VNI encoding, if any; totals labels and
/// repeated headers are then recognised in their repaired form too.
pub fn skip_reason(sheet: &RawSheet, row: usize, header: &Header, legacy: Option<LegacyEncoding>) -> Option<SkipReason> {
    // The first three non-empty cells, without allocating: this runs once
    // per data row, a million times for a large export.
    let mut first_texts = [Cell::Empty; 3];
    let mut non_empty = 0;
    sheet.for_each_cell(row, |cell| {
        if !cell.is_empty() {
            first_texts[non_empty] = cell;
            non_empty += 1;
        }
        non_empty < 3
    });
    if non_empty == 0 {
        return Some(SkipReason::Blank);
    }
    let first_texts = &first_texts[..non_empty.min(3)];
    if row == header.first_data_row() && is_column_number_row(sheet, row) {
        return Some(SkipReason::ColumnNumbers);
    }
    for cell in first_texts {
        if let Cell::Text(s) = cell {
            if is_totals_label(s) || legacy.is_some_and(|enc| is_legacy_totals_label(s, enc)) {
                return Some(SkipReason::Totals);
            }
        }
    }
    if let Some(Cell::Text(s)) = first_texts.first() {
        if is_roman_group(s) {
            return Some(SkipReason::Group);
        }
    }
    // A header repeated on every printed page: compare the first non-empty
    // cell before building the whole row.
    let first_header = header.names.iter().find(|n| !n.is_empty());
    if let (Some(Cell::Text(s)), Some(h)) = (first_texts.first(), first_header) {
        if s.trim() == h.as_str() && row_names(sheet, row) == header.names {
            return Some(SkipReason::RepeatedHeader);
        }
        // The header's names are repaired; a repeated one is in the file's
        // encoding. Only a cell about as short as the name is repaired.
        if let Some(enc) = legacy {
            let t = s.trim();
            if !t.is_ascii() && t.len() <= 2 * h.len() + 4 && legacy::repair(t, enc).is_some_and(|f| header_text(Cell::Text(&f)) == *h) && repaired_row_names(sheet, row, enc) == header.names {
                return Some(SkipReason::RepeatedHeader);
            }
        }
    }
    None
}

fn repaired_row_names(sheet: &RawSheet, row: usize, enc: LegacyEncoding) -> Vec<String> {
    (0..sheet.width())
        .map(|c| match sheet.cell(row, c) {
            Cell::Text(s) => header_text(Cell::Text(&legacy::repair(s, enc).unwrap_or_else(|| s.to_string()))),
            cell => header_text(cell),
        })
        .collect()
}

fn is_totals_label(s: &str) -> bool {
    if !could_be_totals(s) {
        return false;
    }
    let f = fold_key(s);
    f.starts_with("tong cong") || f == "cong" || f.starts_with("cong toan") || f.starts_with("tong so") || f == "tong" || f.starts_with("total") || f.starts_with("grand total")
}

/// A totals label in the sheet's legacy encoding: «Tæng céng» (TCVN3),
/// «Toång coäng» (VNI). Only a short non-ASCII cell that starts like one
/// (T, C or G, then o or a code) is repaired: this runs once per data row.
fn is_legacy_totals_label(s: &str, enc: LegacyEncoding) -> bool {
    let t = s.trim_start();
    let mut chars = t.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else { return false };
    !t.is_ascii()
        && t.len() <= 80
        && matches!(a, 'T' | 't' | 'C' | 'c' | 'G' | 'g')
        && (matches!(b, 'o' | 'O' | 'r' | 'R') || !b.is_ascii())
        && legacy::repair(t, enc).is_some_and(|f| is_totals_label(&f))
}

/// A cheap test before folding: every totals label («Tổng cộng», «Cộng»,
/// «Tổng số», "Total", "Grand total") is short and starts with T/C + o
/// (any accent) or G + r. Folding every cell of a million-row file costs
/// seconds; this rejects "Thanh Mỹ" or "Châu Quang" at the second letter.
fn could_be_totals(s: &str) -> bool {
    let t = s.trim_start();
    let mut chars = t.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else { return false };
    let o_like = |c: char| matches!(c, 'o' | 'O') || crate::text::plain_letter(c).is_some_and(|l| l.eq_ignore_ascii_case(&b'o'));
    t.len() <= 40
        && match a {
            'T' | 't' | 'C' | 'c' => o_like(b),
            'G' | 'g' => matches!(b, 'r' | 'R'),
            _ => false,
        }
}

/// "I", "II.", "IV)", "III. Hạ tầng số (04 chỉ tiêu)".
pub fn is_roman_group(s: &str) -> bool {
    let t = s.trim();
    let head = &t[..t.bytes().take_while(u8::is_ascii_alphabetic).count()];
    if head.is_empty() || head.len() > 5 || !head.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return false;
    }
    let rest = &t[head.len()..];
    rest.is_empty() || rest.starts_with('.') || rest.starts_with(')') || rest.starts_with(" -") || rest.starts_with(" –")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_labels_pass_the_cheap_check_and_names_do_not() {
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Tổng cộng").collect();
        for s in ["Tổng cộng", "TỔNG CỘNG", " Cộng", "Tổng số", "Total", "Grand total", nfd.as_str()] {
            assert!(could_be_totals(s), "{s}");
        }
        for s in ["Thanh Mỹ", "Châu Quang", "Giàng Chu Phìn", "Trực tiếp", "2402.046.000000", "T", ""] {
            assert!(!could_be_totals(s), "{s}");
        }
    }

    #[test]
    fn legacy_totals_labels_are_recognised_after_repair() {
        assert!(is_legacy_totals_label("T\u{e6}ng c\u{e9}ng", LegacyEncoding::Tcvn3));
        assert!(is_legacy_totals_label("T\u{e6}NG C\u{e9}NG", LegacyEncoding::Tcvn3));
        assert!(is_legacy_totals_label("C\u{e9}ng", LegacyEncoding::Tcvn3));
        assert!(is_legacy_totals_label("To\u{e5}ng co\u{e4}ng", LegacyEncoding::Vni));
        assert!(!is_legacy_totals_label("T\u{b5} H\u{b5} 1", LegacyEncoding::Tcvn3));
        assert!(!is_legacy_totals_label("Total", LegacyEncoding::Tcvn3));
        assert!(!is_totals_label("T\u{e6}ng c\u{e9}ng"));
    }

    #[test]
    fn roman_groups() {
        assert!(is_roman_group("I. Hạ tầng số (04 chỉ tiêu)"));
        assert!(is_roman_group("IV"));
        assert!(is_roman_group("XII)"));
        assert!(!is_roman_group("Ia Grai"));
        assert!(!is_roman_group("Việt"));
        assert!(!is_roman_group("X Quang"));
    }

    #[test]
    fn joins_merged_top_row() {
        let top = vec!["STT".to_string(), "Kết quả".into(), String::new(), String::new()];
        let bottom = vec![String::new(), "Ngày có kết quả".into(), "Ngày trả".into(), String::new()];
        assert_eq!(join_rows(&top, &bottom), vec!["STT", "Kết quả / Ngày có kết quả", "Kết quả / Ngày trả", ""]);
    }
}
