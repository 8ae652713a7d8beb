//! The periodic report form (issue 15, part 4): a hand-computed fixture,
//! the identities with the turnaround report, and the .xlsx read back.

use calamine::{Data, Reader, Xlsx};
use thonso_core::date::Date;
use thonso_core::report_form::{self, FormCounts, ReportForm};
use thonso_core::session::TurnaroundOptions;
use thonso_core::turnaround::Metrics;
use thonso_core::Session;

/// Period: the second quarter of 2025, 01/04/2025–30/06/2025. Each row
/// says where it lands for commune Sơn Hà.
const CSV: &str = "\
Mã hồ sơ,Lĩnh vực,Xã,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái
H01,Hộ tịch,Sơn Hà,Trực tuyến,10/03/2025,20/03/2025,18/03/2025,Đã trả kết quả
H02,Hộ tịch,Sơn Hà,Trực tiếp,25/03/2025,08/04/2025,03/04/2025,Đã trả kết quả
H03,Đất đai,Sơn Hà,Trực tiếp,20/03/2025,31/03/2025,,Đang xử lý
H04,Hộ tịch,Sơn Hà,Trực tuyến,02/04/2025,09/04/2025,09/04/2025,Đã trả kết quả
H05,Hộ tịch,Sơn Hà,Bưu chính,05/05/2025,12/05/2025,15/05/2025,Đã trả kết quả
H06,Đất đai,Sơn Hà,Trực tuyến,10/06/2025,15/07/2025,,Đang xử lý
H07,Đất đai,Sơn Hà,Trực tiếp,20/06/2025,25/06/2025,,Chờ bổ sung
H08,Chứng thực,Sơn Hà,Trực tiếp,30/06/2025,30/06/2025,,Đang xử lý
H09,Hộ tịch,Sơn Hà,Trực tuyến,15/04/2025,,,Đã hủy
H10,Đất đai,Sơn Hà,Trực tiếp,28/06/2025,10/07/2025,02/07/2025,Đang xử lý
H11,Hộ tịch,Sơn Hà,Trực tiếp,01/07/2025,08/07/2025,,Đang xử lý
H12,Chứng thực,Sơn Hà,,01/04/2025,01/04/2025,01/04/2025,Đã trả kết quả
H13,Hộ tịch,Sơn Hà,Trực tiếp,31/03/2025,07/04/2025,31/03/2025,Đã trả kết quả
H14,Hộ tịch,Sơn Hà,Trực tiếp,31/03/2025,07/04/2025,01/04/2025,Đã trả kết quả
H15,Đất đai,Tà Hà,Trực tiếp,10/04/2025,20/04/2025,15/04/2025,Đã trả kết quả
H16,Đất đai,Sơn Hà,Trực tuyến,12/05/2025,,20/05/2025,Đã trả kết quả
H17,Hộ tịch,Sơn Hà,Trực tiếp,20/06/2025,,,Đang xử lý
";
// Where each row lands, for Sơn Hà in Q2 2025 (r received, c completed,
// d due):
//   H01 r 10/03 c 18/03            finished before the period: left out
//   H02 r 25/03 c 03/04 < d 08/04  Hộ tịch: carried over, early
//   H03 r 20/03, open, d 31/03     Đất đai: carried over, open overdue
//   H04 r 02/04 online, c = d      Hộ tịch: new online, on time
//   H05 r 05/05 post, c 15 > d 12  Hộ tịch: new offline, late
//   H06 r 10/06 online, d 15/07    Đất đai: new online, open within time
//   H07 r 20/06, paused, d 25/06   Đất đai: new offline, open overdue (paused)
//   H08 r 30/06, d 30/06 = to      Chứng thực: new offline, open within (due on `to` is not past)
//   H09 cancelled                  left out: cancelled
//   H10 r 28/06, c 02/07 > to      Đất đai: new offline, open within (a completion after `to` does not count)
//   H11 r 01/07                    left out: received after the period
//   H12 r 01/04, no channel, c = d Chứng thực: new offline (channel unknown), on time
//   H13 r 31/03 c 31/03            finished before the period: left out
//   H14 r 31/03 c 01/04 < d 07/04  Hộ tịch: carried over, early
//   H15 commune Tà Hà              left out: other unit (whole file: Đất đai new offline, early)
//   H16 r 12/05 online, no due     Đất đai: new online, finished without due date
//   H17 r 20/06, open, no due      Hộ tịch: new offline, open within (no due date)

fn session() -> Session {
    Session::open_simple(CSV.as_bytes(), "q2.csv").expect("fixture opens")
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

fn counts(cols: [u32; 11], extra: [u32; 4]) -> FormCounts {
    let [received, new_online, new_offline, carried_over, finished, finished_early, finished_on_time, finished_late, open, open_within, open_overdue] = cols;
    let [finished_no_due, open_no_due, open_paused, new_channel_unknown] = extra;
    FormCounts { received, new_online, new_offline, carried_over, finished, finished_early, finished_on_time, finished_late, open, open_within, open_overdue, finished_no_due, open_no_due, open_paused, new_channel_unknown }
}

fn son_ha() -> ReportForm {
    session().report_form(d("2025-04-01"), d("2025-06-30"), Some("xã Sơn Hà"), &TurnaroundOptions::default()).expect("form")
}

#[test]
fn hand_computed_quarter_for_one_commune() {
    let f = son_ha();
    assert_eq!(f.unit.as_deref(), Some("Sơn Hà"));
    let fields: Vec<Option<&str>> = f.rows.iter().map(|r| r.field.as_deref()).collect();
    assert_eq!(fields, [Some("Chứng thực"), Some("Hộ tịch"), Some("Đất đai")]);
    //                        (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13)   no-due fin, no-due open, paused, channel unknown
    // Chứng thực: H08, H12
    assert_eq!(f.rows[0].counts, counts([2, 0, 2, 0, 1, 0, 1, 0, 1, 1, 0], [0, 0, 0, 1]));
    // Hộ tịch: H02, H14 carried; H04 online; H05, H17 offline
    assert_eq!(f.rows[1].counts, counts([5, 1, 2, 2, 4, 2, 1, 1, 1, 1, 0], [0, 1, 0, 0]));
    // Đất đai: H03 carried; H06, H16 online; H07, H10 offline
    assert_eq!(f.rows[2].counts, counts([5, 2, 2, 1, 1, 0, 0, 0, 4, 2, 2], [1, 0, 1, 0]));
    assert_eq!(f.total, counts([12, 3, 6, 3, 6, 2, 2, 1, 6, 4, 2], [1, 1, 1, 1]));
    let t = &f.total;
    assert_eq!(t.received, t.finished + t.open);
    assert_eq!(t.received, t.new_online + t.new_offline + t.carried_over);
    assert_eq!(t.finished, t.finished_early + t.finished_on_time + t.finished_late + t.finished_no_due);
    assert_eq!(t.open, t.open_within + t.open_overdue);
    let l = f.left_out;
    assert_eq!((l.excluded.cancelled, l.excluded.withdrawn, l.excluded.not_accepted), (1, 0, 0));
    assert_eq!((l.finished_before, l.received_after, l.no_received_date, l.other_units), (2, 1, 0, 1));
}

#[test]
fn whole_file_adds_the_other_commune() {
    let f = session().report_form(d("2025-04-01"), d("2025-06-30"), None, &TurnaroundOptions::default()).expect("form");
    assert_eq!(f.unit, None);
    // H15: Đất đai, new in person, finished early.
    assert_eq!(f.rows[2].counts, counts([6, 2, 3, 1, 2, 1, 0, 0, 4, 2, 2], [1, 0, 1, 0]));
    assert_eq!(f.total, counts([13, 3, 7, 3, 7, 3, 2, 1, 6, 4, 2], [1, 1, 1, 1]));
    assert_eq!(f.left_out.other_units, 0);
}

fn turnaround(s: &Session, as_of: &str, commune: Option<&str>) -> Metrics {
    let by = if commune.is_some() { vec!["commune".to_string()] } else { vec![] };
    let opts = TurnaroundOptions { as_of: Some(d(as_of)), by, ..Default::default() };
    let r = s.turnaround_required(&opts).expect("turnaround");
    match commune {
        None => r.overall,
        Some(c) => r.groups.into_iter().find(|g| g.by["commune"].as_deref() == Some(c)).expect("group").metrics,
    }
}

/// The form against the turnaround report at `to` and at the day before
/// `from`: these identities hold exactly, for any period.
fn check_identities(f: &ReportForm, at_to: &Metrics, before: &Metrics) {
    let t = &f.total;
    assert_eq!(t.open, at_to.open, "(11) = open at to");
    assert_eq!(t.open_overdue, at_to.overdue_open, "(13) = overdue_open at to");
    assert_eq!(t.open_paused, at_to.paused, "paused at to");
    assert_eq!(t.carried_over, before.open, "(6) = open at from - 1");
    assert_eq!(t.finished, at_to.completed - before.completed, "(7) = completed(to) - completed(from - 1)");
    assert_eq!(t.new_online + t.new_offline, at_to.dossiers - before.dossiers, "(4) + (5) = dossiers(to) - dossiers(from - 1)");
    assert_eq!(t.received, at_to.dossiers - before.completed, "(3) = dossiers(to) - completed(from - 1)");
    let ex = f.left_out.excluded;
    assert_eq!(
        (ex.cancelled, ex.withdrawn, ex.not_accepted),
        (at_to.excluded.cancelled - before.excluded.cancelled, at_to.excluded.withdrawn - before.excluded.withdrawn, at_to.excluded.not_accepted - before.excluded.not_accepted)
    );
}

#[test]
fn totals_equal_the_turnaround_numbers() {
    let s = session();
    let f = son_ha();
    check_identities(&f, &turnaround(&s, "2025-06-30", Some("Sơn Hà")), &turnaround(&s, "2025-03-31", Some("Sơn Hà")));
    // Whole file, and other periods (a month, a period starting on a
    // boundary day, one covering every receipt).
    for (from, to, before) in [("2025-04-01", "2025-06-30", "2025-03-31"), ("2025-05-01", "2025-05-31", "2025-04-30"), ("2025-03-31", "2025-04-01", "2025-03-30"), ("2025-01-01", "2025-12-31", "2024-12-31")] {
        let f = s.report_form(d(from), d(to), None, &TurnaroundOptions::default()).expect("form");
        check_identities(&f, &turnaround(&s, to, None), &turnaround(&s, before, None));
    }
    // Over a period holding every receipt, (8) + (9) over the finished with
    // a due date is the turnaround's on-time rate.
    let f = s.report_form(d("2025-01-01"), d("2025-06-30"), None, &TurnaroundOptions::default()).expect("form");
    let t = &f.total;
    let rate = f64::from(t.finished_early + t.finished_on_time) / f64::from(t.finished - t.finished_no_due);
    assert_eq!(turnaround(&s, "2025-06-30", None).on_time_rate, Some((rate * 10_000.0).round() / 10_000.0));
}

#[test]
fn bad_period_and_unknown_commune_are_errors() {
    let s = session();
    let e = s.report_form(d("2025-06-30"), d("2025-04-01"), None, &TurnaroundOptions::default()).expect_err("reversed");
    assert_eq!(e.code, "bad_period");
    let e = s.report_form(d("2025-04-01"), d("2025-06-30"), Some("Phường Không Có"), &TurnaroundOptions::default()).expect_err("unknown");
    assert_eq!(e.code, "unknown_commune");
    assert!(e.message.contains("Sơn Hà") && e.message.contains("Tà Hà"), "{}", e.message);
}

#[test]
fn period_labels() {
    for (from, to, label) in [
        ("2025-04-01", "2025-06-30", "Quý II năm 2025"),
        ("2025-10-01", "2025-12-31", "Quý IV năm 2025"),
        ("2025-01-01", "2025-12-31", "Năm 2025"),
        ("2025-01-01", "2025-06-30", "6 tháng đầu năm 2025"),
        ("2024-02-01", "2024-02-29", "Tháng 2 năm 2024"),
        ("2025-04-02", "2025-06-30", ""),
        ("2025-02-01", "2025-04-30", ""),
    ] {
        assert_eq!(report_form::period_label(d(from), d(to)), label, "{from}..{to}");
    }
}

fn text(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(x)) => x.to_string(),
        Some(Data::Int(x)) => x.to_string(),
        other => format!("{other:?}"),
    }
}

#[test]
fn xlsx_reads_back_laid_out_like_the_form() {
    let f = son_ha();
    let bytes = report_form::to_xlsx(&f, Some("q2.csv")).expect("xlsx");
    let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("opens");
    assert_eq!(x.sheet_names(), ["Biểu 06a"]);
    let r = x.worksheet_range("Biểu 06a").expect("sheet");
    assert!(text(&r, 0, 0).starts_with("Biểu số 06a/VPCP/KSTT\nBan hành kèm theo Thông tư số 01/2020/TT-VPCP"));
    assert!(text(&r, 0, 3).starts_with("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"));
    assert_eq!(text(&r, 1, 3), "Kỳ báo cáo: Quý II năm 2025\n(Từ ngày 01/04/2025 đến ngày 30/06/2025)");
    assert!(text(&r, 0, 10).contains("Đơn vị báo cáo: Sơn Hà"));
    assert_eq!(text(&r, 2, 9), "Đơn vị tính: Số hồ sơ TTHC");
    for (row, col, want) in [
        (3, 0, "STT"),
        (3, 1, "Lĩnh vực, công việc giải quyết theo cấp"),
        (3, 2, "Số hồ sơ nhận giải quyết"),
        (3, 6, "Số hồ sơ đã giải quyết"),
        (3, 10, "Số hồ sơ đang giải quyết"),
        (4, 2, "Tổng số"),
        (4, 3, "Trong đó"),
        (5, 3, "Trực tuyến"),
        (5, 4, "Trực tiếp, dịch vụ bưu chính"),
        (4, 5, "Từ kỳ trước"),
        (4, 6, "Tổng số"),
        (4, 7, "Trước hạn"),
        (4, 8, "Đúng hạn"),
        (4, 9, "Quá hạn"),
        (4, 10, "Tổng số"),
        (4, 11, "Trong hạn"),
        (4, 12, "Quá hạn"),
        (6, 0, "(1)"),
        (6, 12, "(13)"),
        (7, 1, "Chứng thực"),
        (8, 1, "Hộ tịch"),
        (9, 1, "Đất đai"),
        (10, 1, "Tổng cộng"),
    ] {
        assert_eq!(text(&r, row, col), want, "cell ({row}, {col})");
    }
    let row_values = |row: u32| (2..13).map(|c| text(&r, row, c)).collect::<Vec<_>>().join(" ");
    assert_eq!(row_values(7), "2 0 2 0 1 0 1 0 1 1 0");
    assert_eq!(row_values(8), "5 1 2 2 4 2 1 1 1 1 0");
    assert_eq!(row_values(9), "5 2 2 1 1 0 0 0 4 2 2");
    assert_eq!(row_values(10), "12 3 6 3 6 2 2 1 6 4 2");
    assert_eq!(text(&r, 7, 0), "1");
    // The note: how each column was counted and what was left out.
    let notes: Vec<String> = (12..22).map(|row| text(&r, row, 0)).collect();
    assert!(notes.iter().any(|n| n.starts_with("(6) Từ kỳ trước: tiếp nhận trước ngày 01/04/2025")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("1 hồ sơ đã hủy") && n.contains("2 hồ sơ tiếp nhận và có kết quả trước kỳ") && n.contains("1 hồ sơ tiếp nhận sau kỳ")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("1 hồ sơ của đơn vị khác")), "{notes:?}");
    assert!(notes.iter().any(|n| n == "Tệp nguồn: q2.csv"), "{notes:?}");
    // The header's merged cells, as in the annex.
    x.load_merged_regions().expect("merged regions");
    let merged: Vec<String> = x.merged_regions_by_sheet("Biểu 06a").iter().map(|(_, _, d)| format!("{:?}-{:?}", d.start, d.end)).collect();
    for want in ["(3, 0)-(5, 0)", "(3, 1)-(5, 1)", "(3, 2)-(3, 5)", "(3, 6)-(3, 9)", "(3, 10)-(3, 12)", "(4, 2)-(5, 2)", "(4, 3)-(4, 4)", "(4, 5)-(5, 5)", "(4, 12)-(5, 12)"] {
        assert!(merged.iter().any(|m| m == want), "{want} not merged: {merged:?}");
    }
}
