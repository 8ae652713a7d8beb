//! The layouts officials' systems really export (domain.md §3a, issue 14):
//! the Mẫu 06 register, an OpenCPS/iGate-style list, the national portal's
//! sync fields and a VNPT-style list. Every column's mapping is asserted,
//! including the ones that must NOT map, and every number was computed by
//! hand from the rows in core/examples/fixtures/exports.rs (see the comment
//! beside each row there).

use std::collections::BTreeMap;
use std::path::Path;
use thonso_core::ingest::{Confidence, SheetReport};
use thonso_core::session::TurnaroundOptions;
use thonso_core::turnaround::{Excluded, TurnaroundReport};
use thonso_core::Session;

fn open(name: &str) -> Session {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e} (run `cargo run -p thonso-core --example make_fixtures`)", p.display()));
    Session::open_simple(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn mapping(sh: &SheetReport) -> BTreeMap<String, Option<String>> {
    sh.columns.iter().map(|c| (c.header.clone(), c.canonical.clone())).collect()
}

fn assert_mapping(sh: &SheetReport, want: &[(&str, Option<&str>)]) {
    let got = mapping(sh);
    for (h, c) in want {
        assert_eq!(got.get(*h).cloned().flatten().as_deref(), *c, "column «{h}»: {got:?}");
    }
    assert_eq!(got.len(), want.len(), "every column is asserted: {got:?}");
    for c in &sh.columns {
        assert!(!c.reason.is_empty() && !c.reason_en.is_empty(), "column «{}» carries a reason", c.header);
    }
}

fn turnaround(s: &Session) -> TurnaroundReport {
    s.turnaround_required(&TurnaroundOptions::default()).expect("turnaround")
}

#[test]
fn register_mau06_is_read_with_its_two_row_header() {
    let s = open("register_mau06.xlsx");
    let r = s.inspect();
    let sh = &r.sheets[0];
    assert_eq!(sh.kind, "dossiers", "{}", sh.kind_reason);
    assert_eq!((sh.header_row, sh.header_rows), (Some(7), 2));
    assert_eq!(sh.rows, 8, "eight dossiers");
    assert_eq!(sh.skipped_rows.get("column_numbers"), Some(&1), "the (1) … (13) row");
    assert_eq!(sh.skipped_rows.get("footer"), Some(&3), "the signature block");
    assert_mapping(
        sh,
        &[
            ("TT", Some("row_number")),
            ("Mã hồ sơ", Some("dossier_id")),
            ("Tên TTHC", Some("procedure_name")),
            ("Số lượng hồ sơ (bộ)", Some("quantity")),
            ("Tên cá nhân, tổ chức", Some("applicant")),
            // Not an indicator, not a commune: personal data.
            ("Địa chỉ, số điện thoại", Some("address")),
            ("Cơ quan chủ trì giải quyết", Some("processing_unit")),
            ("Ngày, tháng, năm / Nhận hồ sơ", Some("received_at")),
            ("Ngày, tháng, năm / Hẹn trả kết quả", Some("due_at")),
            ("Ngày, tháng, năm / Chuyển hồ sơ đến cơ quan giải quyết", Some("transferred_at")),
            // The result-ready date, not the pickup date.
            ("Ngày, tháng, năm / Nhận kết quả từ cơ quan giải quyết", Some("completed_at")),
            ("Ngày, tháng, năm / Trả kết quả", Some("returned_at")),
            ("Ghi chú", Some("note")),
        ],
    );
    let t = turnaround(&s);
    assert_eq!(t.as_of.to_string(), "2024-06-06");
    assert_eq!(t.completion_from, thonso_core::ingest::CompletionSource::ResultReady);
    let m = &t.overall;
    assert_eq!((m.dossiers, m.completed, m.open, m.paused, m.overdue_open), (8, 6, 2, 0, 1));
    assert_eq!(m.excluded, Excluded::default(), "no status column: nothing excluded");
    // Calendar days 1, 0, 7, 10, 0, 2 → sorted 0 0 1 2 7 10.
    assert_eq!((m.median_days, m.p90_days, m.mean_days), (Some(1.5), Some(8.5), Some(3.33)));
    // Working days 1, 0, 5, 4, 0, 2 (Tết-free quarter: 18/04, 29/04–01/05 off, Sat 04/05 worked).
    assert_eq!((m.median_working_days, m.p90_working_days), (Some(1.5), Some(4.5)));
    // On time: rows 1, 2, 6, 7 of 6 completed.
    assert_eq!(m.on_time_rate, Some(0.6667));
    // No channel column: no online rate rather than a made-up one.
    assert_eq!(m.online_rate, None);
    // KM: S(0) = 6/8, S(1) = .75 × 4/5 = .6, S(2) = .6 × 3/4 = .45.
    assert_eq!(m.km_median_working_days, Some(2.0));
}

#[test]
fn opencps_list_excludes_out_of_scope_and_keeps_the_original_due_date() {
    let s = open("opencps_list.xlsx");
    let r = s.inspect();
    let sh = &r.sheets[0];
    assert_eq!(sh.kind, "dossiers");
    assert_eq!(sh.rows, 14);
    assert_mapping(
        sh,
        &[
            ("STT", Some("row_number")),
            ("Mã hồ sơ", Some("dossier_id")),
            ("Tên thủ tục", Some("procedure_name")),
            ("Chủ hồ sơ", Some("applicant")),
            ("Lĩnh vực", Some("field")),
            ("Kênh thực hiện", Some("channel")),
            // Online submission, not reception: deadlines run from reception.
            ("Ngày nộp hồ sơ trực tuyến", Some("submitted_online_at")),
            ("Ngày tiếp nhận", Some("received_at")),
            ("Ngày hẹn trả", Some("due_at")),
            // A renewed appointment never replaces the due date.
            ("Ngày hẹn lại", Some("renewed_due_at")),
            ("Ngày hoàn thành thụ lý", Some("completed_at")),
            ("Ngày trả kết quả hồ sơ", Some("returned_at")),
            ("Trạng thái", Some("status")),
            // A second due-like column: «Ngày hẹn trả» matches better.
            ("Hạn xử lý", None),
            ("Số ngày quá hạn", Some("overdue_days")),
            // How the result goes back: neither «Phường» nor the channel.
            ("Phương thức nhận kết quả", Some("result_delivery")),
            ("Cơ quan thực hiện", Some("processing_unit")),
        ],
    );
    let han = sh.columns.iter().find(|c| c.header == "Hạn xử lý").expect("column");
    assert!(han.reason.contains("Ngày hẹn trả"), "{}", han.reason);
    let t = turnaround(&s);
    assert_eq!(t.as_of.to_string(), "2025-11-19");
    let m = &t.overall;
    // 14 rows: 2 cancelled, 1 withdrawn, 1 not accepted → 10 in scope.
    assert_eq!(m.excluded, Excluded { cancelled: 2, withdrawn: 1, not_accepted: 1 });
    assert_eq!((m.dossiers, m.completed, m.open, m.paused, m.overdue_open), (10, 7, 3, 1, 3));
    // Days 2, 7, 2, 2, 3, 5, 1 → sorted 1 2 2 2 3 5 7.
    assert_eq!((m.median_days, m.p90_days, m.mean_days), (Some(2.0), Some(5.8), Some(3.14)));
    // Working days 2, 5, 2, 2, 3, 3, 1 → sorted 1 2 2 2 3 3 5.
    assert_eq!((m.median_working_days, m.p90_working_days, m.mean_working_days), (Some(2.0), Some(3.8), Some(2.57)));
    // Row 2 is late against «Ngày hẹn trả» 06/11 (its renewed date 10/11 would make it on time): 6/7.
    assert_eq!(m.on_time_rate, Some(0.8571));
    // In scope: online 1, 5, 8, 11, 12 of 10 with a known channel.
    assert_eq!(m.online_rate, Some(0.5));
    // Gia Lai: (1 finished late + 3 open past due) / 10.
    assert_eq!(m.late_rate_gia_lai, Some(0.4));
    // KM: S(1) = .9, S(2) = .9 × 6/9 = .6, S(3) = .6 × 4/6 = .4.
    assert_eq!(m.km_median_working_days, Some(3.0));
    // The unknown status word is listed, never guessed.
    let unknown = t.statuses.iter().find(|s| s.status == "Chuyển liên thông").expect("listed");
    assert_eq!((unknown.class, unknown.dossiers), (None, 1));
    assert!(t.warnings.iter().any(|w| w.message.contains("Chuyển liên thông")));
    let cancelled = t.statuses.iter().find(|s| s.status == "Đã hủy").expect("listed");
    assert_eq!(cancelled.dossiers, 2);

    // The user classifies the unknown word: it becomes out of scope.
    let opts = TurnaroundOptions { statuses: BTreeMap::from([("Chuyển liên thông".to_string(), "cancelled".to_string())]), ..Default::default() };
    let t2 = s.turnaround_required(&opts).expect("turnaround");
    assert_eq!(t2.overall.excluded.cancelled, 3);
    assert_eq!((t2.overall.dossiers, t2.overall.open), (9, 2));
}

#[test]
fn portal_sync_fields_with_compact_dates_and_status_codes() {
    let s = open("portal_fields.csv");
    let r = s.inspect();
    let sh = &r.sheets[0];
    assert_eq!(sh.kind, "dossiers", "{}", sh.kind_reason);
    assert_eq!(sh.header_row, Some(1), "the field names are the header, not a data row");
    assert_eq!(sh.rows, 10);
    assert_mapping(
        sh,
        &[
            ("MaHoSo", Some("dossier_id")),
            ("MaTTHC", Some("procedure_code")),
            ("TenTTHC", Some("procedure_name")),
            ("TenLinhVuc", Some("field")),
            ("ChuHoSo", Some("applicant")),
            ("NgayTiepNhan", Some("received_at")),
            ("NgayHenTra", Some("due_at")),
            ("NgayKetThucXuLy", Some("completed_at")),
            ("NgayTra", Some("returned_at")),
            ("TrangThaiHoSo", Some("status")),
            // Its 0/1 codes are not a documented submission channel.
            ("HinhThuc", None),
            ("DonViXuLy", Some("processing_unit")),
        ],
    );
    assert!(sh.columns.iter().filter(|c| c.canonical.is_some()).all(|c| c.confidence == Confidence::FieldName));
    assert!(sh.warnings.is_empty(), "every yyyyMMddHHmmss date reads: {:?}", sh.warnings);
    let t = turnaround(&s);
    assert_eq!(t.as_of.to_string(), "2024-06-13");
    let m = &t.overall;
    // Codes: 3 not accepted, 7 withdrawn; 5 and 8 paused.
    assert_eq!(m.excluded, Excluded { cancelled: 0, withdrawn: 1, not_accepted: 1 });
    assert_eq!((m.dossiers, m.completed, m.open, m.paused, m.overdue_open), (8, 5, 3, 2, 2));
    // Days = working days: 1, 4, 0, 3, 1 → sorted 0 1 1 3 4.
    assert_eq!((m.median_days, m.p90_days, m.mean_days), (Some(1.0), Some(3.6), Some(1.8)));
    assert_eq!((m.median_working_days, m.p90_working_days), (Some(1.0), Some(3.6)));
    assert_eq!(m.on_time_rate, Some(0.8));
    assert_eq!(m.online_rate, None);
    // KM: S(0) = 7/8, S(1) = .875 × 5/7 = .625, (censored at 2), S(3) = .625 × 3/4.
    assert_eq!(m.km_median_working_days, Some(3.0));
    assert!(t.statuses.iter().all(|s| s.source == thonso_core::turnaround::status::StatusSource::PortalCode));
}

#[test]
fn portal_field_names_in_upper_snake_and_lower_case() {
    for header in ["MA_HO_SO,NGAY_TIEP_NHAN,NGAY_HEN_TRA,NGAY_KET_THUC_XU_LY,TRANG_THAI_HO_SO", "mahoso,ngaytiepnhan,ngayhentra,ngayketthucxuly,trangthaihoso"] {
        let csv = format!("{header}\nA1,20240603080000,20240605170000,20240604100000,10\nA2,20240603080000,20240605170000,,4\n");
        let s = Session::open_simple(csv.as_bytes(), "x.csv").expect("open");
        let r = s.inspect();
        let got: Vec<Option<String>> = r.sheets[0].columns.iter().map(|c| c.canonical.clone()).collect();
        let want = ["dossier_id", "received_at", "due_at", "completed_at", "status"].map(|s| Some(s.to_string()));
        assert_eq!(got, want, "{header}");
        let t = s.turnaround_required(&TurnaroundOptions::default()).expect("turnaround");
        assert_eq!((t.overall.completed, t.overall.open), (1, 1));
    }
}

/// VNPT-style: «Ngày nộp» is the reception date, «Hạn xử lý» the due date,
/// and no completion column: finished statuses cannot be timed, and the
/// report says so instead of inventing dates.
#[test]
fn vnpt_list_without_completion_dates() {
    let csv = "Mã hồ sơ,Tên thủ tục,Lĩnh vực,Ngày nộp,Hạn xử lý,Trạng thái\n\
A1,Đăng ký khai sinh,Hộ tịch,03/06/2024 08:00:00,05/06/2024 17:00:00,Đã trả kết quả\n\
A2,Đăng ký khai sinh,Hộ tịch,04/06/2024 08:00:00,06/06/2024 17:00:00,Đang xử lý\n\
A3,Đăng ký khai sinh,Hộ tịch,05/06/2024 08:00:00,07/06/2024 17:00:00,Đã hủy\n";
    let s = Session::open_simple(csv.as_bytes(), "vnpt.csv").expect("open");
    let r = s.inspect();
    let got = mapping(&r.sheets[0]);
    assert_eq!(got["Ngày nộp"].as_deref(), Some("received_at"));
    assert_eq!(got["Hạn xử lý"].as_deref(), Some("due_at"));
    assert_eq!(got["Trạng thái"].as_deref(), Some("status"));
    let t = s.turnaround_required(&TurnaroundOptions::default()).expect("turnaround");
    assert_eq!(t.completion_from, thonso_core::ingest::CompletionSource::None);
    assert_eq!((t.overall.dossiers, t.overall.completed, t.overall.open, t.overall.excluded.cancelled), (2, 0, 2, 1));
    assert!(t.warnings.iter().any(|w| w.message_en.contains("finished status but no readable completion date")), "{:?}", t.warnings);
}

/// A register variant without «Nhận kết quả từ cơ quan giải quyết»:
/// completion falls back to «Trả kết quả», and both the report and the
/// column's mapping say so.
#[test]
fn register_without_result_column_falls_back_to_return_date() {
    let csv = "TT,Mã hồ sơ,Tên TTHC,\"Tên cá nhân, tổ chức\",\"Địa chỉ, số điện thoại\",Cơ quan chủ trì giải quyết,Nhận hồ sơ,Hẹn trả kết quả,Trả kết quả,Phương thức nhận kết quả,Ký nhận\n\
1,A1,Đăng ký khai sinh,Lý Thị Mai,Thôn 1,UBND xã,03/06/2024,05/06/2024,06/06/2024,Trực tiếp,\n\
2,A2,Đăng ký khai sinh,Lý Văn Nam,Thôn 2,UBND xã,04/06/2024,06/06/2024,05/06/2024,Bưu chính,\n";
    let s = Session::open_simple(csv.as_bytes(), "register.csv").expect("open");
    let r = s.inspect();
    let sh = &r.sheets[0];
    let got = mapping(sh);
    assert_eq!(got["Trả kết quả"].as_deref(), Some("returned_at"));
    assert_eq!(got["Phương thức nhận kết quả"].as_deref(), Some("result_delivery"));
    assert_eq!(got["Ký nhận"].as_deref(), Some("signature"));
    assert_eq!(got["Địa chỉ, số điện thoại"].as_deref(), Some("address"));
    let ret = sh.columns.iter().find(|c| c.header == "Trả kết quả").expect("column");
    assert_eq!(ret.confidence, Confidence::Doubtful, "the fallback is flagged for review");
    let t = s.turnaround_required(&TurnaroundOptions::default()).expect("turnaround");
    assert_eq!(t.completion_from, thonso_core::ingest::CompletionSource::Returned);
    assert!(t.warnings.iter().any(|w| w.message_en.contains("return (pickup) date stands in")));
    // 03/06 → 06/06: 3 working days, late (due 05/06); 04/06 → 05/06: 1, on time.
    assert_eq!((t.overall.completed, t.overall.median_working_days, t.overall.on_time_rate), (2, Some(2.0), Some(0.5)));
    // «Phương thức nhận kết quả» says «Bưu chính»: still no submission channel.
    assert_eq!(t.overall.online_rate, None);
}

/// Decision 766: the online-payment rate is over fee-bearing dossiers when
/// the file has a fee column.
#[test]
fn payment_rate_is_over_fee_bearing_dossiers() {
    let csv = "Mã hồ sơ,Ngày tiếp nhận,Ngày có kết quả,Hình thức nộp,Phí, lệ phí,Thanh toán trực tuyến\n\
A1,03/06/2024,04/06/2024,Trực tuyến,8000,Có\n\
A2,03/06/2024,04/06/2024,Trực tuyến,8000,Không\n\
A3,03/06/2024,04/06/2024,Trực tuyến,0,Không\n\
A4,03/06/2024,04/06/2024,Trực tiếp,,Không\n";
    // The header «Phí, lệ phí» is quoted in real exports; unquoted it would split.
    let csv = csv.replace("Phí, lệ phí", "\"Phí, lệ phí\"");
    let s = Session::open_simple(csv.as_bytes(), "fees.csv").expect("open");
    let t = s.turnaround_required(&TurnaroundOptions::default()).expect("turnaround");
    // Fee-bearing: A1, A2; paid online: A1 → 1/2 (not 1/4).
    assert_eq!(t.overall.online_payment_rate, Some(0.5));
    assert_eq!(t.overall.online_rate, Some(0.75));
}

/// CQ3 is derived from the dossier sheet only for the indicator that
/// measures online submission, found by name: a framework whose own "CQ3"
/// is another indicator (criteria sheets number their own) never gets the
/// online share written into it.
#[test]
fn online_share_is_derived_for_the_indicator_that_measures_it() {
    use thonso_core::framework::Framework;
    let demo = thonso_core::demo::demo_workbook().expect("demo");
    let open = |fw: Framework| {
        let opts = thonso_core::session::SessionOptions { framework: Some(fw), ..Default::default() };
        let s = Session::open(demo.as_slice(), "demo.xlsx", opts, &thonso_core::ingest::NoProgress).expect("open");
        s.score_required(&Default::default()).expect("score").derived
    };
    assert_eq!(open(Framework::default_vn()), vec!["CQ3".to_string()], "the demo's villages sheet has no CQ3 column: derived from dossiers");
    // Renumbered: the online share is "CQ9"; "CQ3" is now VNeID's id.
    let mut fw = Framework::default_vn();
    for i in fw.pillars.iter_mut().flat_map(|p| p.indicators.iter_mut()) {
        i.id = match i.id.as_str() {
            "CQ3" => "CQ9".into(),
            "CQ4" => "CQ3".into(),
            other => other.into(),
        };
    }
    assert_eq!(open(fw), vec!["CQ9".to_string()]);
}
