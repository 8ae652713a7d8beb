//! Reading a criteria sheet as officials draw it: STT, group rows in Roman
//! numerals naming the pillars, then one row per indicator.

use super::{Framework, Indicator, Pillar, Rule, Unit};
use crate::error::{Diagnostic, Error, Result};
use crate::ingest::{header, Sheet};
use crate::text::fold_key;
use crate::values;

fn find_col(names: &[String], keys: &[&str]) -> Option<usize> {
    let folded: Vec<String> = names.iter().map(|n| fold_key(n)).collect();
    for k in keys {
        if let Some(i) = folded.iter().position(|f| f == k) {
            return Some(i);
        }
    }
    keys.iter().find_map(|k| folded.iter().position(|f| f.starts_with(&format!("{k} "))))
}

/// "IV. Xã hội số" → "Xã hội số" (the X of "Xã" is not a numeral).
fn strip_roman(s: &str) -> String {
    let t = s.trim();
    let numeral = t.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L')).count();
    let rest = &t[numeral..];
    match rest.chars().next() {
        Some('.') | Some(')') | Some('-') | Some(' ') | None => rest.trim_start_matches(['.', ')', '-', ' ']).trim().to_string(),
        _ => t.to_string(),
    }
}

fn pillar_id(name: &str, n: usize) -> String {
    let f = fold_key(name);
    for (key, id) in [("ha tang so", "HT"), ("chinh quyen so", "CQ"), ("kinh te so", "KT"), ("xa hoi so", "XH")] {
        if f.contains(key) {
            return id.to_string();
        }
    }
    format!("P{n}")
}

/// Builds a framework from a criteria sheet; ids, aliases and ratio columns
/// of indicators the base framework knows are kept.
pub fn framework_from_rows(sheet: &Sheet, base: &Framework) -> Result<(Framework, Vec<Diagnostic>)> {
    let h = sheet.header.as_ref().ok_or_else(|| Error::new("framework_sheet", "Trang bộ tiêu chí không có dòng tiêu đề.", "The criteria sheet has no header row.").in_sheet(sheet.name()))?;
    let c_id = find_col(&h.names, &["ma", "ma chi tieu", "ky hieu", "id", "code", "ma so"]);
    let c_name = find_col(&h.names, &["ten chi tieu", "chi tieu", "tieu chi", "ten tieu chi", "noi dung", "indicator", "noi dung chi tieu"]);
    let c_unit = find_col(&h.names, &["don vi tinh", "dvt", "don vi", "unit"]);
    let c_rule = find_col(&h.names, &["dieu kien", "so sanh", "rule", "quy tac"]);
    let c_thr = find_col(&h.names, &["nguong", "muc tieu", "chi tieu can dat", "yeu cau", "threshold", "target", "muc dat", "gia tri can dat"]);
    let c_w = find_col(&h.names, &["trong so", "diem", "weight"]);
    let c_kind = find_col(&h.names, &["loai bb tc", "loai", "bb tc", "bat buoc tu chon", "kind"]);
    let (Some(c_name), Some(c_thr)) = (c_name, c_thr) else {
        return Err(Error::new(
            "framework_sheet",
            "Trang bộ tiêu chí cần cột «Tên chỉ tiêu» và cột «Ngưỡng».",
            "The criteria sheet needs an indicator-name column and a threshold column.",
        )
        .in_sheet(sheet.name()));
    };
    let mut diags = Vec::new();
    let mut pillars: Vec<Pillar> = Vec::new();
    for r in h.first_data_row()..sheet.raw.height() {
        let cells: Vec<Option<String>> = (0..sheet.raw.width()).map(|c| sheet.text(r, c)).collect();
        let get = |c: Option<usize>| c.and_then(|c| cells.get(c).cloned().flatten());
        let Some(first) = cells.iter().flatten().next() else { continue };
        if header::is_roman_group(first) {
            let name = cells.iter().flatten().map(|s| s.as_str()).find(|s| !header::is_roman_group(s) || s.len() > 6).unwrap_or(first);
            let name = strip_roman(name);
            let name = name.split(" (").next().unwrap_or(&name).trim().to_string();
            pillars.push(Pillar { id: pillar_id(&name, pillars.len() + 1), name, name_en: String::new(), indicators: vec![] });
            continue;
        }
        let Some(name) = get(Some(c_name)) else { continue };
        let excel_row = sheet.raw.excel_row(r);
        let id_text = get(c_id).filter(|s| !s.is_empty());
        let known = id_text
            .as_deref()
            .and_then(|i| base.find(i))
            .or_else(|| base.indicators().map(|(_, i)| i).find(|i| fold_key(&i.name) == fold_key(&name)));
        let thr_text = get(Some(c_thr)).unwrap_or_default();
        let unit_text = fold_key(&get(c_unit).unwrap_or_default());
        let yes_threshold = values::parse_yes_no(&thr_text) == Some(true);
        let unit = if yes_threshold || unit_text.contains("co khong") {
            Unit::YesNo
        } else if unit_text.contains('%') || get(c_unit).is_some_and(|u| u.contains('%')) || thr_text.contains('%') || unit_text.contains("ty le") {
            Unit::Percent
        } else {
            known.map(|k| k.unit).unwrap_or(Unit::Number)
        };
        let threshold = if unit == Unit::YesNo {
            1.0
        } else {
            match values::parse_number(&thr_text) {
                Some(n) => n.value,
                None => {
                    diags.push(Diagnostic::cell(excel_row, &sheet.header_name(c_thr), &thr_text, "Ngưỡng không phải số; chỉ tiêu bị bỏ qua.", "The threshold is not a number; the indicator is skipped."));
                    continue;
                }
            }
        };
        let rule_text = get(c_rule).unwrap_or_default();
        let rule = if unit == Unit::YesNo {
            Rule::Yes
        } else if rule_text.contains('≤') || rule_text.contains("<=") || fold_key(&rule_text).contains("toi da") || fold_key(&rule_text).contains("khong qua") {
            Rule::AtMost
        } else {
            Rule::AtLeast
        };
        let weight = get(c_w).and_then(|w| values::parse_number(&w)).map(|n| n.value).or(known.map(|k| k.weight)).unwrap_or(1.0);
        let kind = fold_key(&get(c_kind).unwrap_or_default());
        let mandatory = if kind.contains("bb") || kind.contains("bat buoc") || kind.contains("mandatory") {
            true
        } else if kind.contains("tc") || kind.contains("tu chon") || kind.contains("optional") {
            false
        } else {
            known.is_some_and(|k| k.mandatory)
        };
        if pillars.is_empty() {
            pillars.push(Pillar { id: "P1".into(), name: "Chỉ tiêu".into(), name_en: "Indicators".into(), indicators: vec![] });
        }
        let Some(pillar) = pillars.last_mut() else { continue };
        let id = id_text.or_else(|| known.map(|k| k.id.clone())).unwrap_or_else(|| format!("{}{}", pillar.id, pillar.indicators.len() + 1));
        pillar.indicators.push(Indicator {
            id,
            name: name.clone(),
            name_en: known.map(|k| k.name_en.clone()).unwrap_or_default(),
            unit,
            rule,
            threshold,
            weight,
            mandatory,
            aliases: known.map(|k| k.aliases.clone()).unwrap_or_default(),
            ratio: known.and_then(|k| k.ratio.clone()),
        });
    }
    pillars.retain(|p| !p.indicators.is_empty());
    for p in pillars.iter_mut() {
        if let Some(bp) = base.pillars.iter().find(|b| b.id == p.id) {
            p.name_en = bp.name_en.clone();
        }
    }
    let fw = Framework {
        format: super::FORMAT.into(),
        version: super::VERSION,
        id: format!("sheet:{}", sheet.name()),
        name: format!("Bộ tiêu chí từ trang «{}»", sheet.name()),
        name_en: format!("Criteria from sheet \"{}\"", sheet.name()),
        rules: base.rules.clone(),
        pillars,
    };
    fw.validate().map_err(|e| e.in_sheet(sheet.name()))?;
    Ok((fw, diags))
}

#[cfg(test)]
mod tests {
    #[test]
    fn roman_group_names() {
        assert_eq!(super::strip_roman("IV. Xã hội số (05 chỉ tiêu)"), "Xã hội số (05 chỉ tiêu)");
        assert_eq!(super::strip_roman("I) Hạ tầng số"), "Hạ tầng số");
        assert_eq!(super::pillar_id("Xã hội số", 4), "XH");
    }
}
