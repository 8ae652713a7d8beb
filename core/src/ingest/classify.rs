//! What a sheet is for, with the reason in words the UI can show.

use super::columns::Canon;
use super::{Sheet, Target};
use crate::text::fold_key;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Kind {
    Villages,
    Dossiers,
    Framework,
    Plan,
    Calendar,
    Unknown,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Villages => "villages",
            Kind::Dossiers => "dossiers",
            Kind::Framework => "framework",
            Kind::Plan => "plan",
            Kind::Calendar => "calendar",
            Kind::Unknown => "unknown",
        }
    }
}

/// Headers that make a criteria (framework) sheet: an indicator-name column
/// («Tên chỉ tiêu», «Tiêu chí», «Nội dung») and a separate target column
/// («Chỉ tiêu cụ thể», «Chỉ tiêu đạt», «Mức đạt», «Yêu cầu», «Kết quả cần
/// đạt», «Ngưỡng»). The lists live with the criteria-sheet reader
/// (`criteria::criteria_columns`), so a sheet classified as criteria is
/// always one the reader can read.
pub fn is_framework_header(names: &[String]) -> bool {
    super::criteria::criteria_columns(names).is_some()
}

pub fn classify(sheet: &Sheet) -> (Kind, String, String) {
    let Some(h) = &sheet.header else {
        return (
            Kind::Unknown,
            "Không tìm thấy dòng tiêu đề cột.".into(),
            "No header row found.".into(),
        );
    };
    let has = |c: Canon| sheet.canon_col(c).is_some();
    let indicators: Vec<&str> = sheet
        .columns
        .iter()
        .filter_map(|c| match &c.target {
            Some(Target::Indicator(id)) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let name = fold_key(sheet.name());
    let hdr = |c: Canon| sheet.canon_col(c).map(|i| sheet.header_name(i)).unwrap_or_default();

    if has(Canon::ReceivedAt) && (has(Canon::CompletedAt) || has(Canon::DueAt) || has(Canon::ProcedureName) || has(Canon::ProcedureCode) || has(Canon::DossierId)) {
        let r = hdr(Canon::ReceivedAt);
        return (
            Kind::Dossiers,
            format!("Có cột ngày tiếp nhận («{r}») và các cột của hồ sơ thủ tục hành chính."),
            format!("Has a received-date column (\"{r}\") and dossier columns."),
        );
    }
    if is_framework_header(&h.names) {
        return (
            Kind::Framework,
            "Có cột tên chỉ tiêu và cột ngưỡng/mục tiêu: đây là bộ tiêu chí.".into(),
            "Has an indicator-name column and a threshold/target column: a criteria sheet.".into(),
        );
    }
    if has(Canon::Village) && (indicators.len() >= 2 || (!indicators.is_empty() && name.contains("thon"))) {
        return (
            Kind::Villages,
            format!("Có cột thôn («{}») và {} cột chỉ tiêu ({}).", hdr(Canon::Village), indicators.len(), indicators.join(", ")),
            format!("Has a village column (\"{}\") and {} indicator columns ({}).", hdr(Canon::Village), indicators.len(), indicators.join(", ")),
        );
    }
    if has(Canon::Commune) && has(Canon::Planned) && indicators.len() < 2 {
        return (
            Kind::Plan,
            format!("Có cột xã và cột kế hoạch («{}»).", hdr(Canon::Planned)),
            format!("Has a commune column and a plan column (\"{}\").", hdr(Canon::Planned)),
        );
    }
    if has(Canon::Date) && (has(Canon::DayKind) || name.starts_with("lich") || name.contains("calendar")) {
        return (
            Kind::Calendar,
            "Có cột ngày và cột loại ngày (nghỉ/làm bù): đây là lịch làm việc.".into(),
            "Has a date column and a day-kind column (off/make-up): a working calendar.".into(),
        );
    }
    // The recognized columns by the file's own header and what they were
    // taken for in words, never by canonical ids («district», «received_at»).
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    for c in sheet.columns.iter().filter(|c| !c.header.is_empty()) {
        let (lv, le) = match &c.target {
            Some(Target::Canon(k)) => {
                let (v, e) = k.label();
                (v.to_string(), e)
            }
            Some(Target::Indicator(id)) => (format!("chỉ tiêu {id}"), format!("indicator {id}")),
            None => continue,
        };
        if fold_key(&c.header) == fold_key(&lv) {
            vi.push(format!("«{}»", c.header));
        } else {
            vi.push(format!("«{}» ({})", c.header, lv.to_lowercase()));
        }
        en.push(format!("\"{}\" ({})", c.header, le.to_lowercase()));
    }
    (
        Kind::Unknown,
        format!(
            "Không khớp loại nào (cột nhận ra: {}). Danh sách thôn cần cột «Thôn» và cột chỉ tiêu; danh sách hồ sơ cần «Ngày tiếp nhận».",
            if vi.is_empty() { "không có".to_string() } else { vi.join("; ") }
        ),
        format!(
            "Matches no kind (recognized columns: {}). A villages sheet needs \"Thôn\" and indicator columns; a dossier sheet needs \"Ngày tiếp nhận\".",
            if en.is_empty() { "none".to_string() } else { en.join("; ") }
        ),
    )
}
