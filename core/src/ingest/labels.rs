//! What each canonical column (`columns::Canon`) is called on the page, in
//! Vietnamese and English, grouped as the mapping editor lists them. The
//! page builds its "read as" choices from `canon_groups`; a new `Canon`
//! does not compile until it has a label here.

use super::columns::Canon;
use serde::Serialize;

#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CanonLabel {
    /// The canonical name (`Canon::name`), what a mapping fix stores.
    pub name: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CanonGroup {
    pub vi: &'static str,
    pub en: &'static str,
    pub names: Vec<CanonLabel>,
}

impl Canon {
    /// (Vietnamese, English) label of the column among the mapping editor's
    /// choices; more telling than `label` (messages), e.g. «Ngày hẹn lại
    /// (không dùng làm hạn)».
    pub fn choice_label(self) -> (&'static str, &'static str) {
        use Canon::*;
        match self {
            DossierId => ("Mã hồ sơ", "Dossier id"),
            ProcedureCode => ("Mã thủ tục", "Procedure code"),
            ProcedureName => ("Tên thủ tục", "Procedure name"),
            Field => ("Lĩnh vực", "Field"),
            Applicant => ("Chủ hồ sơ", "Applicant"),
            Channel => ("Hình thức nộp", "Channel"),
            ReceivedAt => ("Ngày tiếp nhận", "Received"),
            DueAt => ("Ngày hẹn trả", "Due"),
            CompletedAt => ("Ngày có kết quả", "Completed"),
            ReturnedAt => ("Ngày trả kết quả", "Returned to citizen"),
            LegalDeadlineDays => ("Thời hạn giải quyết (ngày)", "Legal deadline (days)"),
            Status => ("Trạng thái", "Status"),
            Timeliness => ("Tiến độ", "Timeliness"),
            ProcessingUnit => ("Đơn vị xử lý", "Processing unit"),
            PaidOnline => ("Thanh toán trực tuyến", "Paid online"),
            Fee => ("Phí, lệ phí", "Fee"),
            Digitised => ("Số hóa", "Digitised"),
            RenewedDueAt => ("Ngày hẹn lại (không dùng làm hạn)", "Renewed appointment (never the due date)"),
            SubmittedOnlineAt => ("Ngày nộp trực tuyến (không phải ngày tiếp nhận)", "Submitted online (not reception)"),
            TransferredAt => ("Chuyển hồ sơ đến cơ quan giải quyết", "Sent to the deciding agency"),
            ResultDelivery => ("Phương thức nhận kết quả", "How the result is delivered"),
            OnlineFlag => ("Hồ sơ trực tuyến (có/không)", "Online dossier (yes/no)"),
            ProcedureLevel => ("Mức độ dịch vụ công", "Online level of the procedure"),
            OverdueDays => ("Số ngày quá hạn (của hệ thống)", "Days overdue (system figure)"),
            Quantity => ("Số lượng hồ sơ", "Number of dossiers"),
            Address => ("Địa chỉ, số điện thoại", "Address, phone"),
            Signature => ("Ký nhận", "Signature"),
            Province => ("Tỉnh", "Province"),
            District => ("Huyện", "District"),
            Commune => ("Xã", "Commune"),
            Village => ("Thôn", "Village"),
            Households => ("Số hộ", "Households"),
            LaunchDate => ("Ngày ra mắt", "Launch date"),
            Planned => ("Kế hoạch", "Plan"),
            RowNumber => ("STT", "Row number"),
            Date => ("Ngày", "Date"),
            DayKind => ("Loại ngày", "Kind of day"),
            Note => ("Ghi chú", "Note"),
        }
    }
}

/// The groups of the mapping editor, in order: (vi, en, members).
const GROUPS: &[(&str, &str, &[Canon])] = {
    use Canon::*;
    &[
        (
            "Hồ sơ TTHC",
            "Dossiers",
            &[
                DossierId,
                ProcedureCode,
                ProcedureName,
                Field,
                Applicant,
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
                RenewedDueAt,
                SubmittedOnlineAt,
                TransferredAt,
                ResultDelivery,
                OnlineFlag,
                ProcedureLevel,
                OverdueDays,
                Quantity,
                Address,
                Signature,
            ],
        ),
        ("Đơn vị hành chính", "Administrative units", &[Province, District, Commune, Village, Households, LaunchDate, Planned, RowNumber]),
        ("Lịch", "Calendar", &[Date, DayKind, Note]),
    ]
};

/// Every canonical column with its labels, grouped for the mapping editor.
pub fn canon_groups() -> Vec<CanonGroup> {
    GROUPS
        .iter()
        .map(|&(vi, en, members)| CanonGroup {
            vi,
            en,
            names: members
                .iter()
                .map(|&c| {
                    let (lvi, len) = c.choice_label();
                    CanonLabel { name: c.name(), vi: lvi, en: len }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::columns::ALL;

    #[test]
    fn every_canonical_column_is_listed_once() {
        let listed: Vec<Canon> = GROUPS.iter().flat_map(|g| g.2.iter().copied()).collect();
        for c in ALL {
            assert_eq!(listed.iter().filter(|x| *x == c).count(), 1, "{c:?}");
        }
        assert_eq!(listed.len(), ALL.len());
        let g = canon_groups();
        assert_eq!(g[1].names[2], CanonLabel { name: "commune", vi: "Xã", en: "Commune" });
    }
}
