//! Canonical columns and their header aliases (domain brief §3 table).
//!
//! Headers are compared after `text::fold_key` (NFC, case-fold, accent-fold,
//! punctuation and whitespace collapse), so the alias lists below are written
//! the way officials write them and folded once at start-up.

use crate::text::fold_key;
use serde::Serialize;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Canon {
    // Dossiers.
    DossierId,
    ProcedureCode,
    ProcedureName,
    Field,
    Applicant,
    Village,
    Commune,
    Channel,
    ReceivedAt,
    DueAt,
    CompletedAt,
    ReturnedAt,
    LegalDeadlineDays,
    Status,
    Timeliness,
    ProcessingUnit,
    PaidOnline,
    Fee,
    Digitised,
    // Units (villages sheet) and plans.
    Province,
    District,
    Households,
    LaunchDate,
    Planned,
    // Calendar sheet.
    Date,
    DayKind,
    Note,
    // Row numbers ("STT"), recognised but never used as data.
    RowNumber,
}

/// The value type a canonical column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColType {
    Text,
    Datetime,
    Number,
    Percent,
    YesNo,
    Channel,
}

impl ColType {
    pub fn name(self) -> &'static str {
        match self {
            ColType::Text => "text",
            ColType::Datetime => "datetime",
            ColType::Number => "number",
            ColType::Percent => "percent",
            ColType::YesNo => "yes_no",
            ColType::Channel => "channel",
        }
    }
}

impl Canon {
    pub fn name(self) -> &'static str {
        use Canon::*;
        match self {
            DossierId => "dossier_id",
            ProcedureCode => "procedure_code",
            ProcedureName => "procedure_name",
            Field => "field",
            Applicant => "applicant",
            Village => "village",
            Commune => "commune",
            Channel => "channel",
            ReceivedAt => "received_at",
            DueAt => "due_at",
            CompletedAt => "completed_at",
            ReturnedAt => "returned_at",
            LegalDeadlineDays => "legal_deadline_days",
            Status => "status",
            Timeliness => "timeliness",
            ProcessingUnit => "processing_unit",
            PaidOnline => "paid_online",
            Fee => "fee",
            Digitised => "digitised",
            Province => "province",
            District => "district",
            Households => "households",
            LaunchDate => "launch_date",
            Planned => "planned",
            Date => "date",
            DayKind => "day_kind",
            Note => "note",
            RowNumber => "row_number",
        }
    }

    pub fn from_name(s: &str) -> Option<Canon> {
        ALL.iter().copied().find(|c| c.name() == s)
    }

    pub fn col_type(self) -> ColType {
        use Canon::*;
        match self {
            ReceivedAt | DueAt | CompletedAt | ReturnedAt | LaunchDate | Date => ColType::Datetime,
            LegalDeadlineDays | Fee | Households | Planned | RowNumber => ColType::Number,
            PaidOnline | Digitised => ColType::YesNo,
            Channel => ColType::Channel,
            _ => ColType::Text,
        }
    }

    /// Personal data: never leaves the machine, never enters a share link.
    pub fn is_personal(self) -> bool {
        matches!(self, Canon::Applicant | Canon::DossierId)
    }
}

pub const ALL: &[Canon] = &[
    Canon::DossierId,
    Canon::ProcedureCode,
    Canon::ProcedureName,
    Canon::Field,
    Canon::Applicant,
    Canon::Village,
    Canon::Commune,
    Canon::Channel,
    Canon::ReceivedAt,
    Canon::DueAt,
    Canon::CompletedAt,
    Canon::ReturnedAt,
    Canon::LegalDeadlineDays,
    Canon::Status,
    Canon::Timeliness,
    Canon::ProcessingUnit,
    Canon::PaidOnline,
    Canon::Fee,
    Canon::Digitised,
    Canon::Province,
    Canon::District,
    Canon::Households,
    Canon::LaunchDate,
    Canon::Planned,
    Canon::Date,
    Canon::DayKind,
    Canon::Note,
    Canon::RowNumber,
];

fn raw_aliases(c: Canon) -> &'static [&'static str] {
    use Canon::*;
    match c {
        DossierId => &["Mã hồ sơ", "Số hồ sơ", "Mã số hồ sơ", "Số biên nhận", "Mã HS", "Dossier id", "Dossier code", "Dossier ID"],
        ProcedureCode => &["Mã thủ tục", "Mã TTHC", "Mã thủ tục hành chính", "Procedure code"],
        ProcedureName => &["Tên thủ tục", "Tên TTHC", "Thủ tục hành chính", "Tên dịch vụ công", "Thủ tục", "Tên thủ tục hành chính", "Procedure", "Procedure name"],
        Field => &["Lĩnh vực", "Field", "Sector"],
        Applicant => &["Chủ hồ sơ", "Người nộp", "Họ và tên", "Họ tên", "Người nộp hồ sơ", "Tên người nộp", "Applicant"],
        Village => &["Thôn", "Tổ dân phố", "Thôn/TDP", "Thôn, bản", "Thôn/Tổ dân phố", "Thôn, tổ dân phố", "Tên thôn", "Thôn/Bản", "Bản", "TDP", "Village"],
        Commune => &["Xã", "Phường", "Xã/Phường/Thị trấn", "Xã, phường, thị trấn", "Xã/Phường", "Xã/Thị trấn", "Thị trấn", "Đơn vị hành chính", "Tên xã", "Đơn vị cấp xã", "Commune", "Ward"],
        Channel => &["Hình thức nộp", "Kênh nộp", "Phương thức nộp", "Hình thức tiếp nhận", "Kênh tiếp nhận", "Channel"],
        ReceivedAt => &["Ngày tiếp nhận", "Ngày nhận", "Ngày nộp", "Ngày nhận hồ sơ", "Thời gian tiếp nhận", "Received", "Received at", "Received date"],
        DueAt => &["Ngày hẹn trả", "Hẹn trả kết quả", "Hạn xử lý", "Hạn giải quyết", "Ngày hẹn trả kết quả", "Hẹn trả", "Due", "Due date", "Due at"],
        CompletedAt => &["Ngày có kết quả", "Ngày hoàn thành", "Ngày xử lý xong", "Ngày kết thúc xử lý", "Ngày giải quyết xong", "Completed", "Completed at", "Completion date"],
        ReturnedAt => &["Ngày trả kết quả", "Ngày trả thực tế", "Ngày trả", "Returned", "Returned at", "Pickup date"],
        LegalDeadlineDays => &["Thời hạn giải quyết", "Số ngày quy định", "Thời hạn giải quyết (ngày)", "Thời gian giải quyết theo quy định", "Legal deadline", "Deadline days"],
        Status => &["Trạng thái", "Tình trạng", "Trạng thái hồ sơ", "Status"],
        Timeliness => &["Tiến độ", "Đúng hạn/Trễ hạn", "Kết quả xử lý đúng hạn", "Timeliness"],
        ProcessingUnit => &["Đơn vị xử lý", "Cơ quan giải quyết", "Nơi tiếp nhận", "Đơn vị tiếp nhận", "Cơ quan xử lý", "Processing unit"],
        PaidOnline => &["Thanh toán trực tuyến", "Thanh toán trực tuyến phí, lệ phí", "Paid online", "Online payment"],
        Fee => &["Phí, lệ phí", "Phí lệ phí", "Lệ phí", "Phí", "Fee"],
        Digitised => &["Số hóa", "Kết quả điện tử", "Số hóa hồ sơ", "Digitised", "Digitized"],
        Province => &["Tỉnh", "Tỉnh/Thành phố", "Tỉnh, thành phố", "Province"],
        District => &["Huyện", "Quận/Huyện", "Huyện/Thị xã/Thành phố", "Quận, huyện", "District"],
        Households => &["Tổng số hộ", "Số hộ", "Số hộ gia đình", "Households"],
        LaunchDate => &["Ngày ra mắt", "Ngày ra mắt điểm phục vụ", "Ngày triển khai", "Ngày khai trương", "Ngày ra mắt mô hình", "Launch date", "Launched"],
        Planned => &["Kế hoạch", "Số thôn kế hoạch", "Chỉ tiêu kế hoạch", "Số thôn đăng ký", "Kế hoạch năm", "Số thôn theo kế hoạch", "Planned", "Plan"],
        Date => &["Ngày", "Date", "Ngày nghỉ"],
        DayKind => &["Loại", "Loại ngày", "Nghỉ/Làm bù", "Kind", "Type"],
        Note => &["Ghi chú", "Lý do", "Nội dung", "Note", "Reason"],
        RowNumber => &["STT", "TT", "Số TT", "Số thứ tự", "No", "No."],
    }
}

/// Folded aliases per canonical column, built once.
pub fn aliases() -> &'static [(Canon, Vec<String>)] {
    static CELL: OnceLock<Vec<(Canon, Vec<String>)>> = OnceLock::new();
    CELL.get_or_init(|| ALL.iter().map(|&c| (c, raw_aliases(c).iter().map(|a| fold_key(a)).collect())).collect())
}

/// How well a folded header matches a folded alias: exact beats prefix beats
/// contained phrase. Short one-word aliases ("xa", "thon") only match exactly
/// or as the first word, so "Xã hội số" never maps to the commune.
pub fn match_score(header: &str, alias: &str) -> u32 {
    if header.is_empty() || alias.is_empty() {
        return 0;
    }
    if header == alias {
        return 1000 + alias.len() as u32;
    }
    let one_word = !alias.contains(' ');
    if header.starts_with(alias) && header.as_bytes().get(alias.len()) == Some(&b' ') {
        // "Ngày tiếp nhận hồ sơ" → received_at; but "Xã hội" must not be "Xã".
        if one_word && is_stop_continuation(&header[alias.len() + 1..]) {
            return 0;
        }
        return 500 + alias.len() as u32;
    }
    if !one_word && contains_phrase(header, alias) {
        return 200 + alias.len() as u32;
    }
    0
}

/// `alias` as whole words somewhere in `header` (both folded, single spaces):
/// what `" {header} ".contains(" {alias} ")` says, without allocating. Header
/// detection asks this for every cell of the first rows against every alias.
fn contains_phrase(header: &str, alias: &str) -> bool {
    let h = header.as_bytes();
    header
        .match_indices(alias)
        .any(|(i, _)| (i == 0 || h[i - 1] == b' ') && h.get(i + alias.len()).is_none_or(|&b| b == b' '))
}

/// Words that turn a one-word unit alias into a different concept.
fn is_stop_continuation(rest: &str) -> bool {
    let first = rest.split(' ').next().unwrap_or("");
    matches!(first, "hoi" | "so" | "nha" | "tien" | "hang" | "nop" | "chuan")
}

/// Best canonical column for a header, with its score.
pub fn best_canon(header_folded: &str) -> Option<(Canon, u32)> {
    let mut best: Option<(Canon, u32)> = None;
    for (c, list) in aliases() {
        for a in list {
            let s = match_score(header_folded, a);
            if s > 0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((*c, s));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(h: &str) -> Option<Canon> {
        best_canon(&fold_key(h)).map(|(c, _)| c)
    }

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_phrase("so ho co internet", "ho co internet"));
        assert!(contains_phrase("ho co internet", "ho co internet"));
        assert!(!contains_phrase("so ho co internets", "ho co internet"));
        assert!(!contains_phrase("xho co internet", "ho co internet"));
        assert!(contains_phrase("xho co internet ho co internet x", "ho co internet"));
    }

    #[test]
    fn maps_vietnamese_headers() {
        assert_eq!(canon("Ngày tiếp nhận"), Some(Canon::ReceivedAt));
        assert_eq!(canon("NGÀY TIẾP NHẬN HỒ SƠ"), Some(Canon::ReceivedAt));
        assert_eq!(canon("Ngày hẹn trả"), Some(Canon::DueAt));
        assert_eq!(canon("Ngày trả kết quả"), Some(Canon::ReturnedAt));
        assert_eq!(canon("Ngày có kết quả"), Some(Canon::CompletedAt));
        assert_eq!(canon("Xã/Phường/Thị trấn"), Some(Canon::Commune));
        assert_eq!(canon("Thôn/TDP"), Some(Canon::Village));
        assert_eq!(canon("Hình thức nộp"), Some(Canon::Channel));
        assert_eq!(canon("Mã TTHC"), Some(Canon::ProcedureCode));
        assert_eq!(canon("Tên thủ tục"), Some(Canon::ProcedureName));
        assert_eq!(canon("Kết quả / Ngày trả"), Some(Canon::ReturnedAt));
        assert_eq!(canon("Xã hội số"), None);
        assert_eq!(canon("Số hộ"), Some(Canon::Households));
    }
}
