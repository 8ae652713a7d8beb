//! What each canonical column (`columns::Canon`) is called on the page, in
//! Vietnamese and English, grouped as the mapping editor lists them. The
//! page builds its "read as" choices from `canon_groups`; a new `Canon`
//! fails a test until it has a label in `LABELS`.

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

/// The mapping editor's groups: (Vietnamese, English) names.
const DOSSIERS: (&str, &str) = ("Hồ sơ TTHC", "Dossiers");
const UNITS: (&str, &str) = ("Đơn vị hành chính", "Administrative units");
const CALENDAR: (&str, &str) = ("Lịch", "Calendar");

/// Every column in the mapping editor's order, with its group and its
/// (Vietnamese, English) label: more telling than `Canon::label`
/// (messages), e.g. «Ngày hẹn lại (không dùng làm hạn)». The one list of
/// labels: a new `Canon` fails `every_canonical_column_is_listed_once` until
/// it stands here, in its group's run.
const LABELS: &[((&str, &str), Canon, &str, &str)] = {
    use Canon::*;
    &[
        (DOSSIERS, DossierId, "Mã hồ sơ", "Dossier id"),
        (DOSSIERS, ProcedureCode, "Mã thủ tục", "Procedure code"),
        (DOSSIERS, ProcedureName, "Tên thủ tục", "Procedure name"),
        (DOSSIERS, Field, "Lĩnh vực", "Field"),
        (DOSSIERS, Applicant, "Chủ hồ sơ", "Applicant"),
        (DOSSIERS, Channel, "Hình thức nộp", "Channel"),
        (DOSSIERS, ReceivedAt, "Ngày tiếp nhận", "Received"),
        (DOSSIERS, DueAt, "Ngày hẹn trả", "Due"),
        (DOSSIERS, CompletedAt, "Ngày có kết quả", "Completed"),
        (DOSSIERS, ReturnedAt, "Ngày trả kết quả", "Returned to citizen"),
        (DOSSIERS, LegalDeadlineDays, "Thời hạn giải quyết (ngày)", "Legal deadline (days)"),
        (DOSSIERS, Status, "Trạng thái", "Status"),
        (DOSSIERS, Timeliness, "Tiến độ", "Timeliness"),
        (DOSSIERS, ProcessingUnit, "Đơn vị xử lý", "Processing unit"),
        (DOSSIERS, PaidOnline, "Thanh toán trực tuyến", "Paid online"),
        (DOSSIERS, Fee, "Phí, lệ phí", "Fee"),
        (DOSSIERS, Digitised, "Số hóa", "Digitised"),
        (DOSSIERS, RenewedDueAt, "Ngày hẹn lại (không dùng làm hạn)", "Renewed appointment (never the due date)"),
        (DOSSIERS, SubmittedOnlineAt, "Ngày nộp trực tuyến (không phải ngày tiếp nhận)", "Submitted online (not reception)"),
        (DOSSIERS, TransferredAt, "Chuyển hồ sơ đến cơ quan giải quyết", "Sent to the deciding agency"),
        (DOSSIERS, ResultDelivery, "Phương thức nhận kết quả", "How the result is delivered"),
        (DOSSIERS, OnlineFlag, "Hồ sơ trực tuyến (có/không)", "Online dossier (yes/no)"),
        (DOSSIERS, ProcedureLevel, "Mức độ dịch vụ công", "Online level of the procedure"),
        (DOSSIERS, OverdueDays, "Số ngày quá hạn (của hệ thống)", "Days overdue (system figure)"),
        (DOSSIERS, Quantity, "Số lượng hồ sơ", "Number of dossiers"),
        (DOSSIERS, Address, "Địa chỉ, số điện thoại", "Address, phone"),
        (DOSSIERS, Signature, "Ký nhận", "Signature"),
        (UNITS, Province, "Tỉnh", "Province"),
        (UNITS, District, "Huyện", "District"),
        (UNITS, Commune, "Xã", "Commune"),
        (UNITS, Village, "Thôn", "Village"),
        (UNITS, Households, "Số hộ", "Households"),
        (UNITS, LaunchDate, "Ngày ra mắt", "Launch date"),
        (UNITS, Planned, "Kế hoạch", "Plan"),
        (UNITS, RowNumber, "STT", "Row number"),
        (CALENDAR, Date, "Ngày", "Date"),
        (CALENDAR, DayKind, "Loại ngày", "Kind of day"),
        (CALENDAR, Note, "Ghi chú", "Note"),
    ]
};

/// Every canonical column with its labels, grouped for the mapping editor.
pub fn canon_groups() -> Vec<CanonGroup> {
    LABELS
        .chunk_by(|a, b| a.0 == b.0)
        .map(|run| {
            let (vi, en) = run[0].0;
            CanonGroup { vi, en, names: run.iter().map(|&(_, c, vi, en)| CanonLabel { name: c.name(), vi, en }).collect() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::columns::ALL;

    #[test]
    fn every_canonical_column_is_listed_once() {
        let listed: Vec<Canon> = LABELS.iter().map(|l| l.1).collect();
        for c in ALL {
            assert_eq!(listed.iter().filter(|x| *x == c).count(), 1, "{c:?}");
        }
        assert_eq!(listed.len(), ALL.len());
        // Each group's columns stand in one run: one group each, in order.
        let g = canon_groups();
        assert_eq!(g.iter().map(|g| g.en).collect::<Vec<_>>(), ["Dossiers", "Administrative units", "Calendar"]);
        assert_eq!(g[1].names[2], CanonLabel { name: "commune", vi: "Xã", en: "Commune" });
    }
}
