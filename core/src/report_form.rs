//! The periodic report form on dossier handling that communes and provinces
//! send upward every quarter: «Tình hình, kết quả giải quyết thủ tục hành
//! chính» (issue 15, part 4; domain brief §3a, last point).
//!
//! # The form
//!
//! Thông tư 01/2020/TT-VPCP of 21 October 2020 (Văn phòng Chính phủ: the
//! periodic reporting regime on TTHC control, one-stop handling and TTHC
//! online), annex form «Biểu số 06a/VPCP/KSTT — Tình hình, kết quả giải
//! quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC». The circular's
//! own text was not among the sources that could be searched here; the
//! columns below were checked against two independent renderings of the
//! form in public one-stop-system code (a provincial system's form labelled
//! «Biểu số 06 /VPCP/KSTT — Ban hành theo Thông tư số 01/2020/TT-VPCP ngày
//! 21/10/2020 — TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC
//! TIẾP GIẢI QUYẾT TTHC», and another system's «Biểu số II.06a/VPCP/KSTT»
//! for a public-administration service centre), which agree on these 13
//! numbered columns, "Đơn vị tính: Số hồ sơ TTHC", a reporting unit, a
//! receiving unit and "Kỳ báo cáo (Từ ngày … đến ngày …)":
//!
//! | (n) | header (merged groups) | here |
//! |---|---|---|
//! | (1) | STT | row number |
//! | (2) | Lĩnh vực, công việc giải quyết theo cấp | the dossier's field (lĩnh vực) |
//! | (3) | Số hồ sơ nhận giải quyết › Tổng số | `received` = (4) + (5) + (6) |
//! | (4) | › Trong đó › Trực tuyến | `new_online` |
//! | (5) | › Trong đó › Trực tiếp, dịch vụ bưu chính | `new_offline` |
//! | (6) | › Từ kỳ trước | `carried_over` |
//! | (7) | Số hồ sơ đã giải quyết › Tổng số | `finished` |
//! | (8) | › Trước hạn | `finished_early` |
//! | (9) | › Đúng hạn | `finished_on_time` |
//! | (10) | › Quá hạn | `finished_late` |
//! | (11) | Số hồ sơ đang giải quyết › Tổng số | `open` = (12) + (13) |
//! | (12) | › Trong hạn | `open_within` |
//! | (13) | › Quá hạn | `open_overdue` |
//!
//! Not confirmed against the circular itself: the form's number (the
//! renderings say «06» and «II.06a»; the domain brief says 06a), whether
//! the in-period columns are captioned «Số mới tiếp nhận» in the original,
//! and whether a newer circular has since amended the annex (none was found
//! in the searchable sources). Later renderings group rows by level (Sở,
//! huyện, xã); this form groups by field only, for the one unit chosen.
//!
//! # Definitions (the period is [`from`, `to`], both days included)
//!
//! Every dossier is judged exactly as the turnaround metrics judge it with
//! `as_of = to` (`turnaround::Prepared`): Vietnam-local dates; the
//! completion date rule (result ready, the return date only when the file
//! has no completion column); the due date (the original appointment, else
//! derived from the legal deadline in working days); status classes
//! (cancelled, withdrawn, not accepted are left out and counted by reason;
//! a refusal after acceptance is finished; paused is open); a completion
//! after `to`, or before receipt, is not a completion; online is the channel
//! classification. Then, for a dossier received on `r`, completed on `c`
//! (if at all by `to`) and due on `d`:
//!
//! - **carried over (6)**: `r < from` and not `c < from` (received before
//!   the period and not finished before it). This equals the turnaround's
//!   `open` with `as_of = from − 1`.
//! - **new (4), (5)**: `from ≤ r ≤ to`; (4) when the channel is online,
//!   (5) otherwise — in person, postal, *or unknown* (a paper register has
//!   no channel column); the unknown ones are counted in
//!   `new_channel_unknown` and the note.
//! - **finished (7)**: `from ≤ c ≤ to`. Against the due date (dates only):
//!   **early (8)** `c < d`, **on time (9)** `c = d`, **late (10)** `c > d`;
//!   (8) + (9) are exactly the contract's on-time rule (`c ≤ d`). A finished
//!   dossier without any due date is in (7) but in none of (8)–(10):
//!   `finished_no_due`, said in the note, so (7) = (8) + (9) + (10) +
//!   `finished_no_due`.
//! - **open (11)**: received by `to` and not completed by `to` (and not
//!   finished before the period). **Overdue (13)**: `d < to`, the
//!   turnaround's `overdue_open`; **within time (12)**: the rest, including
//!   a dossier without a due date (`open_no_due`) and one due on `to`
//!   itself. Paused dossiers are open (`open_paused` counts them).
//! - Identities: (3) = (7) + (11); (3) = (4) + (5) + (6).
//! - **Left out**, each counted in the note: out-of-scope statuses received
//!   in the period (by reason); dossiers received before the period and
//!   finished before it; rows without a readable received date; rows of
//!   other units when a commune is chosen; rows repeating a dossier id of
//!   another sheet (when the turnaround merges duplicates).
//!
//! With the turnaround report these hold exactly (tests/report_form.rs):
//! (11) = `open(to)`, (13) = `overdue_open(to)`, (6) = `open(from − 1)`,
//! (7) = `completed(to) − completed(from − 1)`, (4) + (5) =
//! `dossiers(to) − dossiers(from − 1)`, and the excluded counts =
//! `excluded(to) − excluded(from − 1)`.

use crate::calendar::Calendar;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::ingest::{Dict, DossierTable};
use crate::text::fold_key;
use crate::turnaround::{Excluded, Fact, Prepared, TurnaroundWarning};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use std::collections::BTreeMap;

/// The form as cited on the sheet.
pub const FORM_NUMBER: &str = "Biểu số 06a/VPCP/KSTT";
pub const FORM_SOURCE: &str = "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ";
pub const FORM_TITLE: &str = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC";

/// One row's counts: the form's columns (3)–(13), then what the form does
/// not show but the note does.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct FormCounts {
    /// (3) received: carried over + new.
    pub received: u32,
    /// (4) new in the period, online.
    pub new_online: u32,
    /// (5) new in the period, in person or by post (or channel unknown).
    pub new_offline: u32,
    /// (6) carried over from before the period.
    pub carried_over: u32,
    /// (7) finished in the period.
    pub finished: u32,
    /// (8) finished before the due date.
    pub finished_early: u32,
    /// (9) finished on the due date.
    pub finished_on_time: u32,
    /// (10) finished after the due date.
    pub finished_late: u32,
    /// (11) still open at the end of the period.
    pub open: u32,
    /// (12) open, due date not passed (or no due date).
    pub open_within: u32,
    /// (13) open, due date passed.
    pub open_overdue: u32,
    /// In (7), in none of (8)–(10): no due date.
    pub finished_no_due: u32,
    /// In (12): open without a due date.
    pub open_no_due: u32,
    /// In (11): open, waiting for documents or suspended.
    pub open_paused: u32,
    /// In (5): new, channel not known.
    pub new_channel_unknown: u32,
}

impl FormCounts {
    fn add(&mut self, o: &FormCounts) {
        self.received += o.received;
        self.new_online += o.new_online;
        self.new_offline += o.new_offline;
        self.carried_over += o.carried_over;
        self.finished += o.finished;
        self.finished_early += o.finished_early;
        self.finished_on_time += o.finished_on_time;
        self.finished_late += o.finished_late;
        self.open += o.open;
        self.open_within += o.open_within;
        self.open_overdue += o.open_overdue;
        self.finished_no_due += o.finished_no_due;
        self.open_no_due += o.open_no_due;
        self.open_paused += o.open_paused;
        self.new_channel_unknown += o.new_channel_unknown;
    }

    /// Columns (3)–(13) in the form's order.
    pub fn columns(&self) -> [u32; 11] {
        [
            self.received,
            self.new_online,
            self.new_offline,
            self.carried_over,
            self.finished,
            self.finished_early,
            self.finished_on_time,
            self.finished_late,
            self.open,
            self.open_within,
            self.open_overdue,
        ]
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FormRow {
    /// The field (lĩnh vực); `None` for dossiers without one.
    pub field: Option<String>,
    #[serde(flatten)]
    pub counts: FormCounts,
}

/// What the form leaves out, each counted.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct LeftOut {
    /// Out-of-scope statuses received in the period, by reason.
    pub excluded: Excluded,
    /// Received before the period and finished before it.
    pub finished_before: u32,
    /// Received after the period.
    pub received_after: u32,
    /// No readable received date.
    pub no_received_date: u32,
    /// Rows of other communes (when a commune is chosen).
    pub other_units: u32,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ReportForm {
    pub from: Date,
    pub to: Date,
    /// The commune chosen, as the file writes it (several spellings joined
    /// by «, »); `None` for the whole file.
    pub unit: Option<String>,
    pub calendar: String,
    pub rows: Vec<FormRow>,
    pub total: FormCounts,
    pub left_out: LeftOut,
    pub form: String,
    pub form_source: String,
    pub warnings: Vec<TurnaroundWarning>,
}

/// Comparison key of a commune name: accents and case folded, a leading
/// «xã», «phường», «thị trấn» or «đặc khu» dropped.
fn commune_key(s: &str) -> String {
    let k = fold_key(s);
    for p in ["xa ", "phuong ", "thi tran ", "dac khu "] {
        if let Some(rest) = k.strip_prefix(p) {
            if !rest.trim().is_empty() {
                return rest.trim().to_string();
            }
        }
    }
    k.trim().to_string()
}

/// The form over `table` for [`from`, `to`], for one commune or the whole
/// file; `statuses` are the user's status words (as the turnaround takes).
pub fn build(table: &DossierTable, cal: &Calendar, from: Date, to: Date, commune: Option<&str>, statuses: &BTreeMap<String, String>) -> Result<ReportForm> {
    if to < from {
        return Err(Error::new(
            "bad_period",
            format!("Kỳ báo cáo không hợp lệ: ngày cuối ({to}) trước ngày đầu ({from})."),
            format!("Invalid reporting period: the end ({to}) is before the start ({from})."),
        ));
    }
    let prep = Prepared::with_statuses(table, cal, Some(to), statuses)?;
    let (communes, commune_dict) = table.dim("commune")?;
    let (fields, field_dict) = table.dim("field")?;
    let (wanted, unit) = match commune {
        None => (None, None),
        Some(name) => {
            let key = commune_key(name);
            let codes: Vec<u32> = (1..=commune_dict.values.len() as u32).filter(|&c| commune_dict.get(c).is_some_and(|v| commune_key(v) == key)).collect();
            if codes.is_empty() {
                let known: Vec<&str> = commune_dict.values.iter().take(12).map(String::as_str).collect();
                let (vi, en) = if known.is_empty() {
                    ("Danh sách hồ sơ không có cột xã/phường.".to_string(), "The dossier list has no commune column.".to_string())
                } else {
                    (format!("Các xã/phường trong tệp: {}.", known.join(", ")), format!("Communes in the file: {}.", known.join(", ")))
                };
                return Err(Error::new(
                    "unknown_commune",
                    format!("Không có hồ sơ nào của xã/phường «{name}». {vi}"),
                    format!("No dossier belongs to the commune \"{name}\". {en}"),
                )
                .in_sheet(&table.sheet));
            }
            let unit = codes.iter().filter_map(|&c| commune_dict.get(c)).collect::<Vec<_>>().join(", ");
            (Some(codes), Some(unit))
        }
    };
    let (from_d, to_d) = (from.0, to.0);
    let mut per_field: BTreeMap<u32, FormCounts> = BTreeMap::new();
    let mut left = LeftOut::default();
    for (i, f) in prep.facts.rows.iter().enumerate() {
        if let Some(w) = &wanted {
            if !w.contains(&communes[i]) {
                left.other_units += 1;
                continue;
            }
        }
        let rec = prep.received[i];
        match f.class {
            Fact::EXCLUDED_CANCELLED | Fact::EXCLUDED_WITHDRAWN | Fact::EXCLUDED_NOT_ACCEPTED => {
                if rec.is_some_and(|r| r >= from_d && r <= to_d) {
                    match f.class {
                        Fact::EXCLUDED_CANCELLED => left.excluded.cancelled += 1,
                        Fact::EXCLUDED_WITHDRAWN => left.excluded.withdrawn += 1,
                        _ => left.excluded.not_accepted += 1,
                    }
                }
                continue;
            }
            _ => {}
        }
        if !f.has(Fact::IN_SCOPE) {
            match rec {
                None => left.no_received_date += 1,
                Some(r) if r > to_d => left.received_after += 1,
                // Out of scope with a date in range: a repeated dossier id
                // (counted by the turnaround's duplicates).
                Some(_) => {}
            }
            continue;
        }
        let Some(r) = rec else { continue };
        // `days` is exactly completion − receipt (both whole days).
        let comp = f.has(Fact::COMPLETED).then(|| r + f.days as i32);
        if r < from_d && comp.is_some_and(|c| c < from_d) {
            left.finished_before += 1;
            continue;
        }
        let row = per_field.entry(fields[i]).or_default();
        row.received += 1;
        if r < from_d {
            row.carried_over += 1;
        } else {
            match f.tri(Fact::ONLINE) {
                Some(true) => row.new_online += 1,
                Some(false) => row.new_offline += 1,
                None => {
                    row.new_offline += 1;
                    row.new_channel_unknown += 1;
                }
            }
        }
        let due = prep.due[i];
        match comp {
            Some(c) => {
                row.finished += 1;
                match due {
                    Some(d) if c < d => row.finished_early += 1,
                    Some(d) if c == d => row.finished_on_time += 1,
                    Some(_) => row.finished_late += 1,
                    None => row.finished_no_due += 1,
                }
            }
            None => {
                row.open += 1;
                row.open_paused += u32::from(f.class == Fact::PAUSED);
                if f.has(Fact::OVERDUE_OPEN) {
                    row.open_overdue += 1;
                } else {
                    row.open_within += 1;
                    row.open_no_due += u32::from(due.is_none());
                }
            }
        }
    }
    let mut rows: Vec<FormRow> = per_field.into_iter().map(|(code, counts)| FormRow { field: field_name(field_dict, code), counts }).collect();
    // Fields by name, dossiers without a field last (as the turnaround's groups).
    rows.sort_by(|a, b| match (&a.field, &b.field) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut total = FormCounts::default();
    rows.iter().for_each(|r| total.add(&r.counts));
    Ok(ReportForm {
        from,
        to,
        unit,
        calendar: cal.name().to_string(),
        rows,
        total,
        left_out: left,
        form: FORM_NUMBER.to_string(),
        form_source: FORM_SOURCE.to_string(),
        warnings: prep.warnings.clone(),
    })
}

fn field_name(dict: &Dict, code: u32) -> Option<String> {
    (code != Dict::NONE).then(|| dict.get(code).map(str::to_string)).flatten()
}

fn dmy(d: Date) -> String {
    let (y, m, day) = d.ymd();
    format!("{day:02}/{m:02}/{y}")
}

/// «Quý I năm 2025», «6 tháng đầu năm 2025», «Năm 2025», «Tháng 3 năm 2025»
/// when the period is one; else empty (the dates line says it).
pub fn period_label(from: Date, to: Date) -> String {
    let (fy, fm, fd) = from.ymd();
    let (ty, tm, td) = to.ymd();
    if fy != ty || fd != 1 || td != crate::date::days_in_month(ty, tm) {
        return String::new();
    }
    match (fm, tm) {
        (1, 12) => format!("Năm {fy}"),
        (1, 6) => format!("6 tháng đầu năm {fy}"),
        (7, 12) => format!("6 tháng cuối năm {fy}"),
        (m, n) if m == n => format!("Tháng {m} năm {fy}"),
        (m, n) if n == m + 2 && m % 3 == 1 => format!("Quý {} năm {fy}", ["I", "II", "III", "IV"][(m / 3) as usize]),
        _ => String::new(),
    }
}

/// The note under the table: how each column was counted and what was left
/// out, line by line (Vietnamese, as the form is).
pub fn notes(f: &ReportForm) -> Vec<String> {
    let t = &f.total;
    let l = &f.left_out;
    let mut v = vec![
        "Ghi chú — cách tính (Thôn Số, cùng định nghĩa với phần thời gian giải quyết, tính đến hết ngày cuối kỳ):".to_string(),
        format!("(6) Từ kỳ trước: tiếp nhận trước ngày {} và chưa có kết quả trước ngày đó.", dmy(f.from)),
        format!(
            "(4), (5) Mới tiếp nhận từ {} đến {}: (4) nộp trực tuyến; (5) trực tiếp, bưu chính hoặc không ghi hình thức nộp ({} hồ sơ không ghi).",
            dmy(f.from),
            dmy(f.to),
            t.new_channel_unknown
        ),
        "(7) Đã giải quyết: có kết quả (ngày có kết quả tại bộ phận một cửa, không phải ngày công dân nhận) trong kỳ; từ chối giải quyết sau khi tiếp nhận cũng là đã giải quyết.".to_string(),
        format!(
            "(8) Trước hạn: có kết quả trước ngày hẹn trả; (9) Đúng hạn: đúng ngày hẹn trả; (10) Quá hạn: sau ngày hẹn trả. Ngày hẹn trả là hẹn ban đầu (không theo hẹn lại), không có thì tính từ thời hạn giải quyết theo ngày làm việc. {} hồ sơ đã giải quyết không có hạn nên chỉ tính ở (7).",
            t.finished_no_due
        ),
        format!(
            "(11) Đang giải quyết: chưa có kết quả đến hết ngày {}; (13) Quá hạn: ngày hẹn trả trước ngày đó; (12) Trong hạn: còn lại ({} hồ sơ không có hạn). Hồ sơ chờ bổ sung, tạm dừng vẫn tính là đang giải quyết ({} hồ sơ).",
            dmy(f.to),
            t.open_no_due,
            t.open_paused
        ),
        format!(
            "Không tính: {} hồ sơ đã hủy, {} hồ sơ công dân rút, {} hồ sơ không được tiếp nhận (tiếp nhận trong kỳ); {} hồ sơ tiếp nhận và có kết quả trước kỳ; {} hồ sơ tiếp nhận sau kỳ; {} dòng không có ngày tiếp nhận đọc được.",
            l.excluded.cancelled, l.excluded.withdrawn, l.excluded.not_accepted, l.finished_before, l.received_after, l.no_received_date
        ),
    ];
    if f.unit.is_some() {
        v.push(format!("{} hồ sơ của đơn vị khác trong tệp không được tính.", l.other_units));
    }
    v.push(format!("Mẫu biểu: {FORM_NUMBER}, {FORM_SOURCE}. Số liệu do Thôn Số {} tính từ danh sách hồ sơ; cần rà soát trước khi ký gửi.", crate::VERSION));
    v
}

fn xerr(e: XlsxError) -> Error {
    Error::internal(format!("xlsx report form: {e}"))
}

/// The form as an .xlsx laid out like the annex: title block, unit and
/// period, the three header rows with merged cells, the column numbers, one
/// row per field, the total row, then the note.
pub fn to_xlsx(f: &ReportForm, source_file: Option<&str>) -> Result<Vec<u8>> {
    write(f, source_file).map_err(xerr)
}

/// Rows of the sheet (0-based): where the data starts.
pub const FIRST_DATA_ROW: u32 = 7;

fn write(f: &ReportForm, source_file: Option<&str>) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws: &mut Worksheet = wb.add_worksheet().set_name("Biểu 06a")?;
    let font = |fmt: Format| fmt.set_font_name("Times New Roman").set_font_size(12);
    let plain = font(Format::new());
    let bold = font(Format::new().set_bold());
    let center_bold = font(Format::new().set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_text_wrap());
    let center_italic = font(Format::new().set_italic().set_align(FormatAlign::Center).set_text_wrap());
    let right_italic = font(Format::new().set_italic().set_align(FormatAlign::Right));
    let left_wrap = font(Format::new().set_align(FormatAlign::Left).set_align(FormatAlign::Top).set_text_wrap());
    let head = center_bold.clone().set_border(FormatBorder::Thin);
    let cell = plain.clone().set_border(FormatBorder::Thin);
    let cell_left = cell.clone().set_text_wrap();
    let num_head = font(Format::new().set_italic().set_align(FormatAlign::Center).set_border(FormatBorder::Thin));
    let total_cell = bold.clone().set_border(FormatBorder::Thin);

    // Title block: form number and source (left), title (middle), units (right).
    ws.merge_range(0, 0, 1, 2, &format!("{FORM_NUMBER}\n{FORM_SOURCE}"), &left_wrap)?;
    ws.merge_range(0, 3, 0, 9, FORM_TITLE, &center_bold)?;
    let label = period_label(f.from, f.to);
    let period = if label.is_empty() { "Kỳ báo cáo: ……".to_string() } else { format!("Kỳ báo cáo: {label}") };
    ws.merge_range(1, 3, 1, 9, &format!("{period}\n(Từ ngày {} đến ngày {})", dmy(f.from), dmy(f.to)), &center_italic)?;
    let unit = f.unit.as_deref().unwrap_or("……");
    ws.merge_range(0, 10, 1, 12, &format!("- Đơn vị báo cáo: {unit}\n- Đơn vị nhận báo cáo: ……"), &left_wrap)?;
    ws.merge_range(2, 9, 2, 12, "Đơn vị tính: Số hồ sơ TTHC", &right_italic)?;
    ws.set_row_height(0, 48)?;
    ws.set_row_height(1, 48)?;

    // Header: rows 4–6 (1-based), merged as the annex.
    ws.merge_range(3, 0, 5, 0, "STT", &head)?;
    ws.merge_range(3, 1, 5, 1, "Lĩnh vực, công việc giải quyết theo cấp", &head)?;
    ws.merge_range(3, 2, 3, 5, "Số hồ sơ nhận giải quyết", &head)?;
    ws.merge_range(3, 6, 3, 9, "Số hồ sơ đã giải quyết", &head)?;
    ws.merge_range(3, 10, 3, 12, "Số hồ sơ đang giải quyết", &head)?;
    ws.merge_range(4, 2, 5, 2, "Tổng số", &head)?;
    ws.merge_range(4, 3, 4, 4, "Trong đó", &head)?;
    ws.write_string_with_format(5, 3, "Trực tuyến", &head)?;
    ws.write_string_with_format(5, 4, "Trực tiếp, dịch vụ bưu chính", &head)?;
    ws.merge_range(4, 5, 5, 5, "Từ kỳ trước", &head)?;
    for (c, t) in [(6u16, "Tổng số"), (7, "Trước hạn"), (8, "Đúng hạn"), (9, "Quá hạn"), (10, "Tổng số"), (11, "Trong hạn"), (12, "Quá hạn")] {
        ws.merge_range(4, c, 5, c, t, &head)?;
    }
    ws.set_row_height(5, 45)?;
    for c in 0..13u16 {
        ws.write_string_with_format(6, c, format!("({})", c + 1), &num_head)?;
    }
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 34)?;
    for c in 2..13u16 {
        ws.set_column_width(c, 11)?;
    }

    let mut r = FIRST_DATA_ROW;
    for (k, row) in f.rows.iter().enumerate() {
        ws.write_number_with_format(r, 0, (k + 1) as f64, &cell)?;
        ws.write_string_with_format(r, 1, row.field.as_deref().unwrap_or("(Không ghi lĩnh vực)"), &cell_left)?;
        for (j, v) in row.counts.columns().iter().enumerate() {
            ws.write_number_with_format(r, 2 + j as u16, f64::from(*v), &cell)?;
        }
        r += 1;
    }
    ws.write_string_with_format(r, 0, "", &total_cell)?;
    ws.write_string_with_format(r, 1, "Tổng cộng", &total_cell)?;
    for (j, v) in f.total.columns().iter().enumerate() {
        ws.write_number_with_format(r, 2 + j as u16, f64::from(*v), &total_cell)?;
    }
    r += 2;
    for line in notes(f) {
        ws.merge_range(r, 0, r, 12, &line, &left_wrap)?;
        ws.set_row_height(r, 32)?;
        r += 1;
    }
    if let Some(src) = source_file {
        ws.merge_range(r, 0, r, 12, &format!("Tệp nguồn: {src}"), &left_wrap)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    wb.save_to_buffer()
}

impl crate::Session {
    /// The report form over this file's dossiers for [`from`, `to`], for
    /// one commune or all; the calendar, status words and Culture Day
    /// setting come from `t` as for `turnaround` (its `as_of` is not used:
    /// the form stands at `to`). An error when the file has no dossiers.
    pub fn report_form(&self, from: Date, to: Date, commune: Option<&str>, t: &crate::session::TurnaroundOptions) -> Result<ReportForm> {
        let d = self.dossiers.as_ref().ok_or_else(|| crate::ingest::no_sheet_error(crate::ingest::Kind::Dossiers).in_file(&self.workbook.file_name))?;
        let cal = self.calendar(t.calendar.as_ref(), t.culture_day());
        let mut statuses = self.workspace.as_ref().map(|w| w.statuses.clone()).unwrap_or_default();
        statuses.extend(t.statuses.clone());
        build(d, &cal, from, to, commune, &statuses).map_err(|e| e.in_file(&self.workbook.file_name))
    }
}
