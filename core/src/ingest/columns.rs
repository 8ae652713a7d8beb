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
#[cfg_attr(test, derive(ts_rs::TS))]
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
    /// A renewed appointment after an apology slip («Ngày hẹn lại»): never
    /// the due date (cli-contract: due date).
    RenewedDueAt,
    /// When the citizen submitted online («Ngày nộp hồ sơ trực tuyến»): not
    /// the reception date, from which deadlines run.
    SubmittedOnlineAt,
    /// «Chuyển hồ sơ đến cơ quan giải quyết» in the Mẫu 06 register.
    TransferredAt,
    /// How the result goes back to the citizen («Phương thức nhận kết quả»):
    /// neither a commune nor the submission channel.
    ResultDelivery,
    /// Yes/no «Hồ sơ trực tuyến»: the channel when no channel column exists.
    OnlineFlag,
    /// The online level of the procedure («Mức độ», «DVC mức độ 3/4»), not
    /// how one dossier came in.
    ProcedureLevel,
    /// «Số ngày quá hạn» as the system computed it: recomputed, never used.
    OverdueDays,
    /// «Số lượng hồ sơ (bộ)» in the register.
    Quantity,
    /// «Địa chỉ, số điện thoại»: personal data.
    Address,
    /// «Ký nhận»: the citizen's signature column of a paper register.
    Signature,
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
    // Row numbers ("STT"), recognized but never used as data.
    RowNumber,
}

/// The value type a canonical column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
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
            RenewedDueAt => "renewed_due_at",
            SubmittedOnlineAt => "submitted_online_at",
            TransferredAt => "transferred_at",
            ResultDelivery => "result_delivery",
            OnlineFlag => "online_flag",
            ProcedureLevel => "procedure_level",
            OverdueDays => "overdue_days",
            Quantity => "quantity",
            Address => "address",
            Signature => "signature",
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
            ReceivedAt | DueAt | CompletedAt | ReturnedAt | LaunchDate | Date | RenewedDueAt | SubmittedOnlineAt | TransferredAt => ColType::Datetime,
            LegalDeadlineDays | Fee | Households | Planned | RowNumber | OverdueDays | Quantity => ColType::Number,
            PaidOnline | Digitised | OnlineFlag => ColType::YesNo,
            Channel => ColType::Channel,
            _ => ColType::Text,
        }
    }

    /// Personal data: never leaves the machine, never enters a share link.
    pub fn is_personal(self) -> bool {
        matches!(self, Canon::Applicant | Canon::DossierId | Canon::Address | Canon::Signature)
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
    Canon::RenewedDueAt,
    Canon::SubmittedOnlineAt,
    Canon::TransferredAt,
    Canon::ResultDelivery,
    Canon::OnlineFlag,
    Canon::ProcedureLevel,
    Canon::OverdueDays,
    Canon::Quantity,
    Canon::Address,
    Canon::Signature,
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
    // Whole headers only (after folding, and with parenthesised notes such as
    // «(bộ)» or «(dd/mm/yyyy)» removed). National-portal field names
    // (MaHoSo, NGAY_TIEP_NHAN, ngaytiepnhan) match an alias written with
    // spaces: see `compact`.
    match c {
        DossierId => &["Mã hồ sơ", "Số hồ sơ", "Mã số hồ sơ", "Số biên nhận", "Mã HS", "Mã biên nhận", "Dossier id", "Dossier code", "Dossier ID"],
        ProcedureCode => &["Mã thủ tục", "Mã TTHC", "Mã thủ tục hành chính", "Procedure code"],
        ProcedureName => &["Tên thủ tục", "Tên TTHC", "Thủ tục hành chính", "Tên dịch vụ công", "Thủ tục", "Tên thủ tục hành chính", "Procedure", "Procedure name"],
        Field => &["Lĩnh vực", "Tên lĩnh vực", "Lĩnh vực thủ tục", "Field", "Sector"],
        Applicant => &["Chủ hồ sơ", "Người nộp", "Họ và tên", "Họ tên", "Người nộp hồ sơ", "Tên người nộp", "Tên cá nhân, tổ chức", "Tên tổ chức, cá nhân", "Người đứng tên", "Applicant"],
        Village => &["Thôn", "Tổ dân phố", "Thôn/TDP", "Thôn, bản", "Thôn/Tổ dân phố", "Thôn, tổ dân phố", "Tên thôn", "Thôn/Bản", "Bản", "TDP", "Village"],
        Commune => &["Xã", "Phường", "Xã/Phường/Thị trấn", "Xã, phường, thị trấn", "Xã/Phường", "Phường/Xã", "Xã, phường", "Xã/Thị trấn", "Thị trấn", "Đơn vị hành chính", "Tên xã", "Đơn vị cấp xã", "Commune", "Ward"],
        Channel => &["Hình thức nộp", "Kênh nộp", "Phương thức nộp", "Hình thức tiếp nhận", "Kênh tiếp nhận", "Kênh thực hiện", "Cách thức thực hiện", "Hình thức", "Hình thức nộp hồ sơ", "Kênh nộp hồ sơ", "Phương thức nộp hồ sơ", "Channel"],
        ReceivedAt => &["Ngày tiếp nhận", "Ngày nhận", "Ngày nộp", "Ngày nhận hồ sơ", "Ngày tiếp nhận hồ sơ", "Ngày nộp hồ sơ", "Nhận hồ sơ", "Thời gian tiếp nhận", "Received", "Received at", "Received date"],
        DueAt => &["Ngày hẹn trả", "Hẹn trả kết quả", "Hạn xử lý", "Hạn giải quyết", "Ngày hẹn trả kết quả", "Hẹn trả", "Ngày hẹn", "Due", "Due date", "Due at"],
        CompletedAt => &["Ngày có kết quả", "Ngày hoàn thành", "Ngày xử lý xong", "Ngày kết thúc xử lý", "Ngày giải quyết xong", "Ngày hoàn thành thụ lý", "Ngày hoàn thành xử lý", "Nhận kết quả từ cơ quan giải quyết", "Ngày nhận kết quả từ cơ quan giải quyết", "Completed", "Completed at", "Completion date"],
        ReturnedAt => &["Ngày trả kết quả", "Ngày trả thực tế", "Ngày trả", "Trả kết quả", "Ngày trả kết quả hồ sơ", "Ngày trả kết quả cho công dân", "Returned", "Returned at", "Pickup date"],
        LegalDeadlineDays => &["Thời hạn giải quyết", "Số ngày quy định", "Thời gian giải quyết theo quy định", "Thời hạn giải quyết theo quy định", "Legal deadline", "Deadline days"],
        Status => &["Trạng thái", "Tình trạng", "Trạng thái hồ sơ", "Tình trạng hồ sơ", "Trạng thái xử lý", "Status"],
        Timeliness => &["Tiến độ", "Đúng hạn/Trễ hạn", "Kết quả xử lý đúng hạn", "Tiến độ giải quyết", "Tiến độ xử lý", "Timeliness"],
        ProcessingUnit => &["Đơn vị xử lý", "Cơ quan giải quyết", "Nơi tiếp nhận", "Đơn vị tiếp nhận", "Cơ quan xử lý", "Cơ quan chủ trì giải quyết", "Cơ quan tiếp nhận", "Cơ quan thực hiện", "Đơn vị", "Đơn vị thực hiện", "Đơn vị giải quyết", "Processing unit"],
        PaidOnline => &["Thanh toán trực tuyến", "Thanh toán trực tuyến phí, lệ phí", "Paid online", "Online payment"],
        Fee => &["Phí, lệ phí", "Phí lệ phí", "Lệ phí", "Phí", "Fee"],
        Digitised => &["Số hóa", "Kết quả điện tử", "Số hóa hồ sơ", "Digitised", "Digitized"],
        RenewedDueAt => &["Ngày hẹn lại", "Ngày hẹn trả lại", "Ngày hẹn trả mới", "Hẹn trả lại", "Ngày hẹn trả kết quả mới", "Renewed due date"],
        SubmittedOnlineAt => &["Ngày nộp hồ sơ trực tuyến", "Ngày nộp trực tuyến", "Thời gian nộp trực tuyến", "Submitted online"],
        TransferredAt => &["Chuyển hồ sơ đến cơ quan giải quyết", "Ngày chuyển hồ sơ", "Ngày chuyển xử lý"],
        ResultDelivery => &["Phương thức nhận kết quả", "Hình thức nhận kết quả", "Hình thức trả kết quả", "Cách thức nhận kết quả", "Phương thức trả kết quả", "Nhận kết quả qua"],
        OnlineFlag => &["Hồ sơ trực tuyến", "Nộp trực tuyến", "Là hồ sơ trực tuyến", "Online"],
        ProcedureLevel => &["Mức độ", "Mức độ DVC", "Mức độ dịch vụ công", "Mức độ DVCTT", "Mức độ thủ tục", "Loại dịch vụ công"],
        OverdueDays => &["Số ngày quá hạn", "Số ngày trễ hạn", "Số ngày chậm"],
        Quantity => &["Số lượng hồ sơ", "Số lượng", "Số bộ hồ sơ"],
        Address => &["Địa chỉ, số điện thoại", "Địa chỉ", "Số điện thoại", "Điện thoại", "Địa chỉ liên hệ", "Address", "Phone"],
        Signature => &["Ký nhận", "Ký tên", "Chữ ký", "Người nhận ký"],
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

impl Canon {
    /// How a person names the column: its first Vietnamese alias, and an
    /// English one (the id in words where the list has none). Messages use
    /// these, never the canonical id.
    pub fn label(self) -> (&'static str, String) {
        let list = raw_aliases(self);
        let vi = list.first().copied().unwrap_or("");
        let en = list
            .iter()
            .rev()
            .find(|a| a.is_ascii() && a.starts_with(|c: char| c.is_ascii_uppercase()) && !a.contains('_'))
            .map(|a| a.to_string())
            .unwrap_or_else(|| {
                let w = self.name().replace('_', " ");
                let mut c = w.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            });
        (vi, en)
    }
}

/// Folded aliases per canonical column, built once.
pub fn aliases() -> &'static [(Canon, Vec<String>)] {
    static CELL: OnceLock<Vec<(Canon, Vec<String>)>> = OnceLock::new();
    CELL.get_or_init(|| ALL.iter().map(|&c| (c, raw_aliases(c).iter().map(|a| fold_key(a)).collect())).collect())
}

/// An alias with its spaces removed: how the national portal's field names
/// fold ("NgayTiepNhan" → "ngaytiepnhan"; "NGAY_TIEP_NHAN" folds with spaces
/// and matches the alias itself).
fn compact(alias: &str) -> String {
    alias.chars().filter(|&c| c != ' ').collect()
}

/// Aliases whose compact form is a portal field that means something else.
/// `HinhThuc` in the national portal's sync is set from whether the result
/// goes back by post (OpenCPS `DVCQGIntegrationActionImpl`: 1 when
/// `viaPostal`), not the submission channel; its codes are undocumented, so
/// it stays unmapped rather than guessed. «Hình thức» written out as a
/// header (OpenCPS/iGate lists) is still the channel.
const NOT_FIELD_NAMES: &[&str] = &["hinh thuc"];

/// How a header matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// The whole folded header equals an alias.
    Exact,
    /// A one-word header equals an alias with its spaces removed: a field
    /// name of the national portal's sync format (MaHoSo, ngaytiepnhan).
    FieldName,
}

/// How well a folded header matches a folded alias. Only the **whole**
/// header counts (cli-contract, issue 14): «Phương thức nhận kết quả» is
/// not «Phường», «Ngày hẹn lại» is not «Ngày hẹn», and «Tỷ lệ hồ sơ TTHC nộp
/// trực tuyến» is not a procedure name. A longer alias scores higher, so the
/// most specific one wins when two columns claim the same target.
pub fn match_score(header: &str, alias: &str) -> u32 {
    match match_kind(header, alias) {
        Some(MatchKind::Exact) => 1000 + alias.len() as u32,
        Some(MatchKind::FieldName) => 900 + alias.len() as u32,
        None => 0,
    }
}

pub fn match_kind(header: &str, alias: &str) -> Option<MatchKind> {
    if header.is_empty() || alias.is_empty() {
        return None;
    }
    if header == alias {
        return Some(MatchKind::Exact);
    }
    if header.len() >= 4 && !header.contains(' ') && alias.contains(' ') && header.len() < alias.len() && !NOT_FIELD_NAMES.contains(&alias) && compact(alias) == header {
        return Some(MatchKind::FieldName);
    }
    None
}

/// Best canonical column for a folded header: its score, and the alias (as
/// written in `raw_aliases`) that matched.
pub fn best_canon_alias(header_folded: &str) -> Option<(Canon, u32, &'static str)> {
    let mut best: Option<(Canon, u32, &'static str)> = None;
    for (c, list) in aliases() {
        for (a, raw) in list.iter().zip(raw_aliases(*c)) {
            let s = match_score(header_folded, a);
            if s > 0 && best.is_none_or(|(_, b, _)| s > b) {
                best = Some((*c, s, raw));
            }
        }
    }
    best
}

/// Best canonical column for a header, with its score.
pub fn best_canon(header_folded: &str) -> Option<(Canon, u32)> {
    best_canon_alias(header_folded).map(|(c, s, _)| (c, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(h: &str) -> Option<Canon> {
        best_canon(&fold_key(h)).map(|(c, _)| c)
    }

    /// Which column each header maps to, if any.
    #[test]
    fn each_header_maps_to_its_column_or_none() {
        for (h, want) in [
            // Headers as officials write them.
            ("Ngày tiếp nhận", Some(Canon::ReceivedAt)),
            ("NGÀY TIẾP NHẬN HỒ SƠ", Some(Canon::ReceivedAt)),
            ("Ngày hẹn trả", Some(Canon::DueAt)),
            ("Ngày trả kết quả", Some(Canon::ReturnedAt)),
            ("Ngày có kết quả", Some(Canon::CompletedAt)),
            ("Xã/Phường/Thị trấn", Some(Canon::Commune)),
            ("Thôn/TDP", Some(Canon::Village)),
            ("Hình thức nộp", Some(Canon::Channel)),
            ("Mã TTHC", Some(Canon::ProcedureCode)),
            ("Tên thủ tục", Some(Canon::ProcedureName)),
            ("Số hộ", Some(Canon::Households)),
            // Whole headers only (issue 14): a one-word alias never matches
            // the start of a longer phrase.
            ("Phương thức nhận kết quả", Some(Canon::ResultDelivery)),
            ("Ngày hẹn lại", Some(Canon::RenewedDueAt)),
            ("Ngày nộp hồ sơ trực tuyến", Some(Canon::SubmittedOnlineAt)),
            ("Địa chỉ, số điện thoại", Some(Canon::Address)),
            // «Hình thức» written out is the channel (but see HinhThuc below).
            ("Hình thức", Some(Canon::Channel)),
            // Field names of the national portal's sync format.
            ("MaHoSo", Some(Canon::DossierId)),
            ("MaTTHC", Some(Canon::ProcedureCode)),
            ("TenTTHC", Some(Canon::ProcedureName)),
            ("TenLinhVuc", Some(Canon::Field)),
            ("ChuHoSo", Some(Canon::Applicant)),
            ("NgayTiepNhan", Some(Canon::ReceivedAt)),
            ("NGAY_TIEP_NHAN", Some(Canon::ReceivedAt)),
            ("ngaytiepnhan", Some(Canon::ReceivedAt)),
            ("NgayHenTra", Some(Canon::DueAt)),
            ("NgayKetThucXuLy", Some(Canon::CompletedAt)),
            ("NgayTra", Some(Canon::ReturnedAt)),
            ("TrangThaiHoSo", Some(Canon::Status)),
            ("DonViXuLy", Some(Canon::ProcessingUnit)),
            ("NgayHenTraMoi", Some(Canon::RenewedDueAt)),
            ("ngay_hen_tra_moi", Some(Canon::RenewedDueAt)),
            // Near-misses stay unmapped for the user (issue 14).
            ("Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", None),
            ("Xã hội số", None),
            ("Phường Phố Lu", None),
            ("Thôn được phủ sóng 4G/5G", None),
            ("Ngày tiếp nhận hồ sơ trực tuyến qua cổng", None),
            // A compact word that is not a field name stays unmapped, and so
            // does HinhThuc, whose portal codes are not the submission
            // channel.
            ("Ngaytieptheo", None),
            ("HinhThuc", None),
        ] {
            assert_eq!(canon(h), want, "{h}");
        }
    }

    /// A two-row header is tried whole and part by part (header::candidates).
    #[test]
    fn two_row_header_maps_by_its_parts() {
        let joined = crate::ingest::header::candidates("Kết quả / Ngày trả");
        assert_eq!(joined.iter().find_map(|c| best_canon(c)).map(|(c, _)| c), Some(Canon::ReturnedAt));
    }

    #[test]
    fn address_is_personal() {
        assert!(Canon::Address.is_personal());
    }
}
