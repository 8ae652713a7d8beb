//! Reading a criteria sheet as officials draw it: STT, group rows in Roman
//! numerals naming the pillars, then one row per indicator.
//!
//! Two layouts are read (domain brief §3a, "Criteria sheets as published"):
//! Thôn Số's own (Mã | Tên chỉ tiêu | Đơn vị tính | Điều kiện | Ngưỡng |
//! Trọng số | Loại BB/TC) and the one communes publish (STT | Tên chỉ tiêu |
//! Giải thích chỉ tiêu | Đơn vị tính | Chỉ tiêu cụ thể), whose targets are
//! text («≥ 80%», «Từ 80% trở lên», «Có», «01 mô hình») and which has no
//! weights and no BB/TC column: then every indicator is required and
//! readiness is the share of indicators met, an assumption the framework
//! carries so the scores can state it.

use super::{Assumption, Framework, Indicator, Pillar, Readiness, Rule, Unit};
use crate::error::{Diagnostic, Error, Result};
pub use crate::ingest::criteria::{criteria_columns, is_criteria_header_cell, CriteriaColumns};
use crate::ingest::{header, Cell, Sheet};
use crate::text::{fold_key, nfc};
use crate::values;

/// A target as the sheet writes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParsedTarget {
    pub rule: Rule,
    pub threshold: f64,
    pub unit: Unit,
}

/// The first number in a text and whether a % follows it: "≥ 80%" → (80,
/// true), "01 mô hình" → (1, false), "Từ 80,5% trở lên" → (80.5, true).
fn first_number(t: &str) -> Option<(f64, bool)> {
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let rest = &t[start..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(rest.len());
    let token = rest[..end].trim_end_matches(['.', ',']);
    let after = rest[end..].trim_start();
    let n = values::parse_number(token)?;
    Some((n.value, after.starts_with('%')))
}

/// Reads a target written as text. `unit_text` is the «Đơn vị tính» cell.
///
/// «≥ 80%», «>= 80%», «Từ 80% trở lên», «Tối thiểu 80%», «Ít nhất 80%»,
/// «100%» are at least; «≤ 5 ngày», «Tối đa 5 ngày», «Không quá 5 ngày» at
/// most; «Có», «Đạt» must be yes. «01 mô hình» is a count of at least 1
/// unless the unit says yes/no («Có/Không»), when it must be yes.
pub fn parse_target(text: &str, unit_text: &str) -> Option<ParsedTarget> {
    let t = nfc(text.trim());
    if t.is_empty() {
        return None;
    }
    let f = fold_key(&t);
    let unit_f = fold_key(unit_text);
    let unit_yes_no = ["co khong", "dat khong dat", "dat chua dat", "co chua co", "yes no"].iter().any(|k| unit_f.contains(k));
    let unit_percent = unit_text.contains('%') || unit_f.contains("ty le") || unit_f.contains("phan tram");
    let Some((value, percent)) = first_number(&t) else {
        let words: Vec<&str> = f.split(' ').collect();
        let yes = values::parse_yes_no(&t) == Some(true)
            || (matches!(words.first(), Some(&"co") | Some(&"dat")) && words.get(1) != Some(&"the"))
            || f.starts_with("hoan thanh")
            || f.starts_with("da co");
        return yes.then_some(ParsedTarget { rule: Rule::Yes, threshold: 1.0, unit: Unit::YesNo });
    };
    if unit_yes_no {
        return Some(ParsedTarget { rule: Rule::Yes, threshold: 1.0, unit: Unit::YesNo });
    }
    Some(ParsedTarget { rule: rule_of(&t).unwrap_or(Rule::AtLeast), threshold: value, unit: if percent || unit_percent { Unit::Percent } else { Unit::Number } })
}

/// The comparison a text states, if any: ≤ and its words, or ≥ and its.
fn rule_of(t: &str) -> Option<Rule> {
    let f = fold_key(t);
    let has = |words: &[&str]| words.iter().any(|w| f == *w || f.starts_with(&format!("{w} ")) || f.contains(&format!(" {w} ")) || f.ends_with(&format!(" {w}")));
    if t.contains(['≤', '⩽', '<']) || has(&["toi da", "khong qua", "khong vuot qua", "duoi", "it hon", "tro xuong", "khong lon hon", "khong nhieu hon"]) {
        Some(Rule::AtMost)
    } else if t.contains(['≥', '⩾', '>']) || has(&["toi thieu", "it nhat", "tro len", "tu", "tren", "khong duoi", "khong it hon"]) {
        Some(Rule::AtLeast)
    } else {
        None
    }
}

/// "IV. Xã hội số" → "Xã hội số" (the X of "Xã" is not a numeral).
fn strip_roman(s: &str) -> String {
    let t = s.trim();
    match roman_rest(t) {
        Some(rest) => rest.trim_start_matches(['.', ')', '-', '–', ':', ' ']).trim().to_string(),
        None => t.to_string(),
    }
}

/// What follows a leading Roman numeral («I.», «II», «IV)», «III -»), or
/// `None` when the text does not start with one.
fn roman_rest(t: &str) -> Option<&str> {
    let n = t.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L')).count();
    if n == 0 || n > 5 {
        return None;
    }
    let rest = &t[n..];
    match rest.chars().next() {
        None => Some(rest),
        Some(c) if matches!(c, '.' | ')' | '-' | '–' | ':') || c.is_whitespace() => Some(rest),
        _ => None,
    }
}

const PILLAR_KEYS: [(&str, &str); 4] = [("ha tang so", "HT"), ("chinh quyen so", "CQ"), ("kinh te so", "KT"), ("xa hoi so", "XH")];

/// "HẠ TẦNG SỐ" → HT; a group naming two pillars takes the first.
fn pillar_id(name: &str, n: usize) -> String {
    let f = fold_key(name);
    PILLAR_KEYS.iter().find(|(k, _)| f.contains(k)).map(|(_, id)| id.to_string()).unwrap_or_else(|| format!("P{n}"))
}

/// English name from the base pillars a group names: "Kinh tế số và xã hội
/// số" → "Digital economy and digital society".
fn pillar_name_en(name: &str, base: &Framework) -> String {
    let f = fold_key(name);
    let parts: Vec<String> = PILLAR_KEYS
        .iter()
        .filter(|(k, _)| f.contains(k))
        .filter_map(|(_, id)| base.pillars.iter().find(|p| p.id == *id).map(|p| p.name_en.clone()))
        .filter(|s| !s.is_empty())
        .enumerate()
        .map(|(i, s)| if i == 0 { s } else { s.to_lowercase() })
        .collect();
    parts.join(" and ")
}

/// The criteria header: the detected one when it has the criteria columns,
/// else the first row among the top 40 that does.
fn criteria_header(sheet: &Sheet) -> Option<(usize, Vec<String>, CriteriaColumns)> {
    if let Some(h) = &sheet.header {
        if let Some(c) = criteria_columns(&h.names) {
            return Some((h.first_data_row(), h.names.clone(), c));
        }
    }
    (0..sheet.raw.height().min(40)).find_map(|r| {
        let names: Vec<String> = (0..sheet.raw.width()).map(|c| sheet.text(r, c).unwrap_or_default()).collect();
        criteria_columns(&names).map(|c| (r + 1, names, c))
    })
}

/// Builds a framework from a criteria sheet. Ids come from the sheet (its
/// code column, else pillar + position: HT1, HT2…); an indicator the base
/// framework knows (same code, or same name) lends its English name,
/// aliases and ratio columns.
pub fn framework_from_rows(sheet: &Sheet, base: &Framework) -> Result<(Framework, Vec<Diagnostic>)> {
    let Some((first_row, names, cols)) = criteria_header(sheet) else {
        return Err(Error::new(
            "framework_sheet",
            "Trang bộ tiêu chí cần cột «Tên chỉ tiêu» và cột «Chỉ tiêu cụ thể» (hoặc «Ngưỡng»).",
            "The criteria sheet needs an indicator-name column and a target column («Chỉ tiêu cụ thể» or «Ngưỡng»).",
        )
        .in_sheet(sheet.name()));
    };
    let header_name = |c: usize| names.get(c).filter(|s| !s.is_empty()).cloned().unwrap_or_else(|| crate::ingest::column_letter(c));
    let mut diags = Vec::new();
    let mut pillars: Vec<Pillar> = Vec::new();
    let probe = header::Header { row: first_row.saturating_sub(1), rows: 1, names: names.clone() };
    for r in first_row..sheet.raw.height() {
        let cells: Vec<Option<String>> = (0..sheet.raw.width()).map(|c| sheet.text(r, c)).collect();
        let get = |c: Option<usize>| c.and_then(|c| cells.get(c).cloned().flatten());
        let Some(first) = cells.iter().flatten().next() else { continue };
        let target_text = get(Some(cols.target));
        // A group row: a Roman numeral and no target («I. HẠ TẦNG SỐ (03
        // chỉ tiêu)», «II Chính quyền số», or «I» | «Hạ tầng số»), or a
        // bare pillar name.
        let bare_pillar = get(Some(cols.name)).filter(|n| cells.iter().flatten().count() == 1 && pillar_id(n, 0) != "P0");
        if target_text.is_none() && (roman_rest(first).is_some() || bare_pillar.is_some()) {
            let name = if strip_roman(first).is_empty() {
                cells.iter().flatten().nth(1).cloned().unwrap_or_default()
            } else {
                strip_roman(first)
            };
            let name = name.split('(').next().unwrap_or(&name).trim().trim_end_matches(':').trim().to_string();
            let mut id = pillar_id(&name, pillars.len() + 1);
            if pillars.iter().any(|p| p.id == id) {
                id = format!("P{}", pillars.len() + 1);
            }
            let name_en = pillar_name_en(&name, base);
            pillars.push(Pillar { id, name, name_en, indicators: vec![] });
            continue;
        }
        if matches!(
            header::skip_reason(&sheet.raw, r, &probe, sheet.legacy),
            Some(header::SkipReason::Totals | header::SkipReason::ColumnNumbers | header::SkipReason::RepeatedHeader)
        ) {
            continue;
        }
        let Some(name) = get(Some(cols.name)).filter(|n| n.chars().any(char::is_alphabetic)) else { continue };
        let excel_row = sheet.raw.excel_row(r);
        let id_text = get(cols.id).filter(|s| !s.is_empty());
        let known = match &id_text {
            Some(i) => base.find(i),
            None => base.indicators().map(|(_, i)| i).find(|i| fold_key(&i.name) == fold_key(&name)),
        };
        let thr_text = target_text.unwrap_or_default();
        let unit_text = get(cols.unit).unwrap_or_default();
        let Some(mut target) = parse_target(&thr_text, &unit_text) else {
            diags.push(Diagnostic::cell(
                excel_row,
                &header_name(cols.target),
                &thr_text,
                "Không đọc được mức cần đạt (ví dụ hợp lệ: «≥ 80%», «Từ 80% trở lên», «Có», «01 mô hình»); chỉ tiêu bị bỏ qua.",
                "Cannot read the target (valid examples: «≥ 80%», «Từ 80% trở lên», «Có», «01 mô hình»); the indicator is skipped.",
            ));
            continue;
        };
        if target.unit == Unit::Number && known.is_some_and(|k| k.unit == Unit::Percent) && unit_text.is_empty() {
            target.unit = Unit::Percent;
        }
        // A percentage typed as a number and formatted as % in Excel is a
        // fraction: 0,8 → 80.
        if target.unit == Unit::Percent && matches!(sheet.raw.cell(r, cols.target), Cell::Number(n) if n > 0.0 && n <= 1.0) {
            target.threshold *= 100.0;
        }
        if target.rule != Rule::Yes {
            if let Some(rule) = get(cols.rule).as_deref().and_then(rule_of) {
                target.rule = rule;
            }
        }
        let weight = match cols.weight {
            Some(c) => get(Some(c)).and_then(|w| values::parse_number(&w)).map(|n| n.value).or(known.map(|k| k.weight)).unwrap_or(1.0),
            None => 1.0,
        };
        let mandatory = match cols.kind {
            None => true,
            Some(c) => {
                let kind = fold_key(&get(Some(c)).unwrap_or_default());
                if kind.contains("bb") || kind.contains("bat buoc") || kind.contains("mandatory") {
                    true
                } else if kind.contains("tc") || kind.contains("tu chon") || kind.contains("optional") {
                    false
                } else {
                    known.is_some_and(|k| k.mandatory)
                }
            }
        };
        if pillars.is_empty() {
            pillars.push(Pillar { id: "P1".into(), name: "Chỉ tiêu".into(), name_en: "Indicators".into(), indicators: vec![] });
        }
        let Some(pillar) = pillars.last_mut() else { continue };
        let id = match id_text {
            Some(i) => i,
            None => {
                let mut k = pillar.indicators.len() + 1;
                while pillar.indicators.iter().any(|i| i.id.eq_ignore_ascii_case(&format!("{}{k}", pillar.id))) {
                    k += 1;
                }
                format!("{}{k}", pillar.id)
            }
        };
        pillar.indicators.push(Indicator {
            id,
            name: name.clone(),
            name_en: known.map(|k| k.name_en.clone()).unwrap_or_default(),
            unit: target.unit,
            rule: target.rule,
            threshold: target.threshold,
            weight,
            mandatory,
            aliases: known.map(|k| k.aliases.clone()).unwrap_or_default(),
            ratio: known.and_then(|k| k.ratio.clone()),
            explanation: get(cols.explanation).unwrap_or_default(),
        });
    }
    pillars.retain(|p| !p.indicators.is_empty());
    let (readiness, assumptions) = assumptions(cols.weight.is_some(), cols.kind.is_some());
    let fw = Framework {
        format: super::FORMAT.into(),
        version: super::VERSION,
        id: format!("sheet:{}", sheet.name()),
        name: format!("Bộ tiêu chí từ trang «{}»", sheet.name()),
        name_en: format!("Criteria from sheet \"{}\"", sheet.name()),
        rules: base.rules.clone(),
        readiness,
        assumptions,
        pillars,
    };
    fw.validate().map_err(|e| e.in_sheet(sheet.name()))?;
    Ok((fw, diags))
}

/// What a sheet without weights or a BB/TC column means (domain brief §3a:
/// then every indicator is required).
fn assumptions(has_weights: bool, has_kind: bool) -> (Readiness, Vec<Assumption>) {
    let note = |code: &str, vi: &str, en: &str| Assumption { code: code.into(), message: vi.into(), message_en: en.into() };
    match (has_weights, has_kind) {
        (false, false) => (
            Readiness::ShareMet,
            vec![note(
                "no_weights_no_kind",
                "Bộ tiêu chí không có trọng số và cột BB/TC: mọi chỉ tiêu đều bắt buộc; mức sẵn sàng = tỷ lệ chỉ tiêu đạt.",
                "The criteria have no weights and no BB/TC column: every indicator is mandatory; readiness = share of indicators met.",
            )],
        ),
        (false, true) => (
            Readiness::Weighted,
            vec![note("no_weights", "Bộ tiêu chí không có trọng số: các chỉ tiêu có trọng số bằng nhau.", "The criteria have no weights: every indicator weighs the same.")],
        ),
        (true, false) => (
            Readiness::Weighted,
            vec![note("no_kind", "Bộ tiêu chí không có cột BB/TC: mọi chỉ tiêu đều bắt buộc.", "The criteria have no BB/TC column: every indicator is mandatory.")],
        ),
        (true, true) => (Readiness::Weighted, vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roman_group_names() {
        assert_eq!(strip_roman("IV. Xã hội số (05 chỉ tiêu)"), "Xã hội số (05 chỉ tiêu)");
        assert_eq!(strip_roman("I) Hạ tầng số"), "Hạ tầng số");
        assert_eq!(strip_roman("II Chính quyền số"), "Chính quyền số");
        assert_eq!(strip_roman("Xã hội số"), "Xã hội số");
        assert_eq!(pillar_id("Xã hội số", 4), "XH");
        assert_eq!(pillar_id("HẠ TẦNG SỐ", 1), "HT");
        assert_eq!(pillar_id("KINH TẾ SỐ VÀ XÃ HỘI SỐ", 3), "KT");
        assert_eq!(pillar_name_en("KINH TẾ SỐ VÀ XÃ HỘI SỐ", &Framework::default_vn()), "Digital economy and digital society");
        assert!(roman_rest("VNeID").is_none());
    }

    #[test]
    fn published_columns_are_found_and_the_explanation_is_neither_name_nor_target() {
        let c = criteria_columns(&names(&["STT", "Tên chỉ tiêu", "Giải thích chỉ tiêu", "Đơn vị tính", "Chỉ tiêu cụ thể"])).expect("criteria");
        assert_eq!((c.name, c.target, c.explanation, c.unit, c.weight, c.kind), (1, 4, Some(2), Some(3), None, None));
        // «Chỉ tiêu» as the name beside «Chỉ tiêu đạt»; «Tiêu chí» beside «Kết quả cần đạt».
        let c = criteria_columns(&names(&["TT", "Chỉ tiêu", "Chỉ tiêu đạt"])).expect("criteria");
        assert_eq!((c.name, c.target), (1, 2));
        let c = criteria_columns(&names(&["TT", "Tiêu chí", "Giải thích", "Kết quả cần đạt"])).expect("criteria");
        assert_eq!((c.name, c.target, c.explanation), (1, 3, Some(2)));
        let c = criteria_columns(&names(&["STT", "Nội dung", "Yêu cầu"])).expect("criteria");
        assert_eq!((c.name, c.target), (1, 2));
        let c = criteria_columns(&names(&["STT", "Nội dung", "Mức đạt (%)"])).expect("criteria");
        assert_eq!((c.name, c.target), (1, 2));
        // Thôn Số's own layout.
        let c = criteria_columns(&names(&["STT", "Mã", "Tên chỉ tiêu", "Đơn vị tính", "Điều kiện", "Ngưỡng", "Trọng số", "Loại (BB/TC)"])).expect("criteria");
        assert_eq!((c.id, c.name, c.unit, c.rule, c.target, c.weight, c.kind), (Some(1), 2, Some(3), Some(4), 5, Some(6), Some(7)));
        // A target alone, or an explanation alone, is not a criteria sheet.
        assert!(criteria_columns(&names(&["STT", "Chỉ tiêu cụ thể", "Giải thích chỉ tiêu"])).is_none());
        assert!(criteria_columns(&names(&["STT", "Xã", "Thôn", "Tỷ lệ hộ có Internet cáp quang"])).is_none());
    }

    #[test]
    fn header_cells_of_criteria_sheets() {
        for h in ["Tên chỉ tiêu", "Chỉ tiêu cụ thể", "Giải thích chỉ tiêu", "Đơn vị tính", "Tiêu chí", "Chỉ tiêu cụ thể năm 2025"] {
            assert!(is_criteria_header_cell(&fold_key(h)), "{h}");
        }
        for h in ["Yêu cầu bổ sung", "Chỉ tiêu kế hoạch", "Tỷ lệ hộ có Internet cáp quang", "Xã"] {
            assert!(!is_criteria_header_cell(&fold_key(h)), "{h}");
        }
    }

    fn t(text: &str, unit: &str) -> Option<(Rule, f64, Unit)> {
        parse_target(text, unit).map(|t| (t.rule, t.threshold, t.unit))
    }

    #[test]
    fn targets_as_text() {
        use Rule::*;
        use Unit::*;
        for s in ["≥ 80%", ">= 80%", "≥80%", "Từ 80% trở lên", "Tối thiểu 80%", "Ít nhất 80%", "80%", "Đạt 80%", "Trên 80 %"] {
            assert_eq!(t(s, ""), Some((AtLeast, 80.0, Percent)), "{s}");
        }
        assert_eq!(t("100%", ""), Some((AtLeast, 100.0, Percent)));
        assert_eq!(t("80", "%"), Some((AtLeast, 80.0, Percent)));
        assert_eq!(t("80,5", "Tỷ lệ"), Some((AtLeast, 80.5, Percent)));
        assert_eq!(t("Có", ""), Some((Yes, 1.0, YesNo)));
        assert_eq!(t("Đạt", "Có/Không"), Some((Yes, 1.0, YesNo)));
        assert_eq!(t("Có (hoạt động thường xuyên)", ""), Some((Yes, 1.0, YesNo)));
        assert_eq!(t("x", ""), Some((Yes, 1.0, YesNo)));
        // A count, unless the unit says yes/no.
        assert_eq!(t("01 mô hình", "Mô hình"), Some((AtLeast, 1.0, Number)));
        assert_eq!(t("01 mô hình", ""), Some((AtLeast, 1.0, Number)));
        assert_eq!(t("01 mô hình", "Có/Không"), Some((Yes, 1.0, YesNo)));
        assert_eq!(t("Tối thiểu 02 lần/năm", ""), Some((AtLeast, 2.0, Number)));
        // At most.
        assert_eq!(t("≤ 5 ngày", "Ngày"), Some((AtMost, 5.0, Number)));
        assert_eq!(t("<= 5", ""), Some((AtMost, 5.0, Number)));
        assert_eq!(t("Tối đa 5 ngày", ""), Some((AtMost, 5.0, Number)));
        assert_eq!(t("Không quá 10%", ""), Some((AtMost, 10.0, Percent)));
        assert_eq!(t("Dưới 3 ngày", ""), Some((AtMost, 3.0, Number)));
        // Not targets.
        for s in ["", "Không", "Có thể", "Theo hướng dẫn", "Chưa quy định"] {
            assert_eq!(t(s, ""), None, "{s}");
        }
    }

    #[test]
    fn no_weights_and_no_kind_column_mean_all_mandatory_and_share_met() {
        let (mode, notes) = assumptions(false, false);
        assert_eq!(mode, Readiness::ShareMet);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("mọi chỉ tiêu đều bắt buộc"));
        assert!(notes[0].message_en.contains("share of indicators met"));
        assert_eq!(assumptions(true, true), (Readiness::Weighted, vec![]));
    }
}
