//! `thonso report-form` (issue 15, part 4): the period, the commune, the
//! .xlsx and the JSON rows; the counts are hand-computed in
//! core/tests/report_form.rs, whose fixture this is a slice of.

use std::path::PathBuf;
use std::process::Command;

fn thonso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_thonso"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("thonso-cli-report-form-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

/// Q2 2025, Sơn Hà: H1 carried over and finished early, H2 new online on
/// time, H3 new by post late, H4 new in person open overdue, H5 cancelled,
/// H6 another commune (new in person, finished early).
const CSV: &str = "\
Mã hồ sơ,Lĩnh vực,Xã,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái
H1,Hộ tịch,Sơn Hà,Trực tiếp,25/03/2025,08/04/2025,03/04/2025,Đã trả kết quả
H2,Hộ tịch,Sơn Hà,Trực tuyến,02/04/2025,09/04/2025,09/04/2025,Đã trả kết quả
H3,Hộ tịch,Sơn Hà,Bưu chính,05/05/2025,12/05/2025,15/05/2025,Đã trả kết quả
H4,Đất đai,Sơn Hà,Trực tiếp,20/06/2025,25/06/2025,,Đang xử lý
H5,Hộ tịch,Sơn Hà,Trực tuyến,15/04/2025,,,Đã hủy
H6,Đất đai,Tà Hà,Trực tiếp,10/04/2025,20/04/2025,15/04/2025,Đã trả kết quả
";

fn input() -> PathBuf {
    let p = tmp("q2.csv");
    std::fs::write(&p, CSV).expect("write");
    p
}

#[test]
fn json_rows_for_one_commune() {
    let out = thonso().arg("report-form").arg(input()).args(["--from", "2025-04-01", "--to", "2025-06-30", "--commune", "Xã Sơn Hà", "--json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["from"], "2025-04-01");
    assert_eq!(v["unit"], "Sơn Hà");
    assert_eq!(v["rows"][0]["field"], "Hộ tịch");
    let cols = |r: &serde_json::Value| {
        ["received", "new_online", "new_offline", "carried_over", "finished", "finished_early", "finished_on_time", "finished_late", "open", "open_within", "open_overdue"]
            .map(|k| r[k].as_u64().unwrap_or(u64::MAX))
    };
    assert_eq!(cols(&v["rows"][0]), [3, 1, 1, 1, 3, 1, 1, 1, 0, 0, 0]);
    assert_eq!(v["rows"][1]["field"], "Đất đai");
    assert_eq!(cols(&v["rows"][1]), [1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1]);
    assert_eq!(cols(&v["total"]), [4, 1, 2, 1, 3, 1, 1, 1, 1, 0, 1]);
    assert_eq!(v["left_out"]["excluded"]["cancelled"], 1);
    assert_eq!(v["left_out"]["other_units"], 1);
}

#[test]
fn writes_the_xlsx_and_prints_a_table() {
    let xlsx = tmp("form.xlsx");
    let out = thonso().arg("report-form").arg(input()).args(["--from", "2025-04-01", "--to", "2025-06-30", "--out"]).arg(&xlsx).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("form.xlsx"));
    let bytes = std::fs::read(&xlsx).expect("written");
    assert_eq!(&bytes[..2], b"PK");
    let out = thonso().arg("report-form").arg(input()).args(["--from", "2025-04-01", "--to", "2025-06-30"]).output().expect("runs");
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Quý II năm 2025"), "{s}");
    // Whole file: H6 adds to Đất đai.
    assert!(s.lines().any(|l| l.starts_with("Tổng cộng") && l.split_whitespace().skip(4).take(3).collect::<Vec<_>>() == ["5", "1", "3"]), "{s}");
}

#[test]
fn missing_period_and_unknown_commune_exit_2() {
    let out = thonso().arg("report-form").arg(input()).args(["--from", "2025-04-01"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to"));
    let out = thonso().arg("report-form").arg(input()).args(["--from", "2025-04-01", "--to", "2025-06-30", "--commune", "Nơi Khác", "--json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_eq!(v["error"]["code"], "unknown_commune");
}
