//! The CLI contract: commands, JSON keys, exit codes (cli-contract.md).

use std::path::PathBuf;
use std::process::Command;

fn thonso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_thonso"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("thonso-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

#[test]
fn inspect_json_lists_sheets_and_rows() {
    let out = thonso().args(["inspect"]).arg(fixture("dossiers_messy.xlsx")).arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["format"], "xlsx");
    assert_eq!(v["sheets"][0]["name"], "Hồ sơ");
    assert_eq!(v["sheets"][0]["rows"], 6);
    assert_eq!(v["sheets"][0]["header_row"], 4);
    assert_eq!(v["sheets"][0]["kind"], "dossiers");
    let cols = v["sheets"][0]["columns"].as_array().expect("columns");
    assert!(cols.iter().any(|c| c["canonical"] == "received_at" && c["type"] == "datetime"));
    assert!(v["sheets"][0]["repaired_encoding"].is_null());
}

#[test]
fn inspect_text_output() {
    let out = thonso().arg("inspect").arg(fixture("dossiers_messy.xlsx")).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("«Hồ sơ»: 6 dòng"), "{s}");
}

#[test]
fn bad_file_exits_2_with_a_clear_message() {
    let p = tmp("random.xlsx");
    let noise: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 9) as u8).collect();
    std::fs::write(&p, noise).expect("write");
    let out = thonso().arg("inspect").arg(&p).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("random.xlsx") && err.contains("không phải Excel"), "{err}");
    let out = thonso().arg("score").arg(&p).arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_eq!(v["error"]["code"], "unknown_format");
    assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
}

/// Issue 19: a PDF renamed .xlsx is refused by what it is, never read as text.
#[test]
fn pdf_renamed_xlsx_is_refused() {
    let p = tmp("bao-cao.xlsx");
    std::fs::write(&p, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n").expect("write");
    let out = thonso().arg("score").arg(&p).arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_eq!(v["error"]["code"], "not_a_spreadsheet");
    let m = v["error"]["message"].as_str().unwrap_or_default();
    assert!(m.contains("bao-cao.xlsx") && m.contains("PDF"), "{m}");
}

#[test]
fn missing_file_and_bad_usage_exit_2() {
    let out = thonso().args(["inspect", "/nonexistent/x.xlsx"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = thonso().args(["frobnicate"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = thonso().args(["turnaround"]).arg(fixture("dossiers_messy.xlsx")).args(["--by", "colour"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn demo_round_trip_scores_the_bao_thang_story() {
    let p = tmp("demo.xlsx");
    let out = thonso().args(["demo", "--out"]).arg(&p).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = thonso().arg("score").arg(&p).arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["recognized"], 20);
    assert_eq!(v["summary"]["communes"], v["summary"]["communes_covered"]);
    let out = thonso().arg("turnaround").arg(&p).args(["--json", "--by", "channel"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in ["dossiers", "completed", "open", "median_days", "p90_days", "mean_days", "median_working_days", "p90_working_days", "on_time_rate", "online_rate", "km_median_working_days"] {
        assert!(v["overall"].get(key).is_some(), "overall.{key} missing");
    }
    assert!(v["groups"].as_array().is_some_and(|g| !g.is_empty()));
    assert_eq!(v["calendar"], "vn");
}

#[test]
fn workspace_file_scores_like_its_source() {
    use thonso_core::store::{encode, StoredFile, Workspace};
    let demo = thonso_core::demo::demo_workbook().expect("demo");
    let ws = Workspace {
        name: "Bảo Thắng".into(),
        files: vec![StoredFile { name: "demo.xlsx".into(), sha256: String::new(), size: 0 }],
        ..Default::default()
    };
    let p = tmp("bao-thang.thonso");
    std::fs::write(&p, encode(&ws, &[demo]).expect("encode")).expect("write");
    let out = thonso().arg("score").arg(&p).arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["recognized"], 20);
    // A damaged workspace is refused with exit code 2, never used.
    let mut bytes = std::fs::read(&p).expect("read");
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&p, bytes).expect("write");
    let out = thonso().arg("score").arg(&p).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bị hỏng"));
}

#[test]
fn hostile_files_exit_2_with_the_vietnamese_message() {
    // A workbook cut in half, and a 10 MB cell in a CSV (issue #9; the full
    // set of hostile files is core/tests/hostile.rs).
    let demo = thonso_core::demo::demo_workbook().expect("demo");
    let cut = tmp("cut.xlsx");
    std::fs::write(&cut, &demo[..demo.len() / 2]).expect("write");
    let big = tmp("big-cell.csv");
    std::fs::write(&big, format!("Xã,Thôn,Ghi chú\nSơn Hà,Tà Hà 1,\"{}\"\n", "x".repeat(10 << 20))).expect("write");
    for (path, code, vi) in [(&cut, "unreadable_workbook", "Không mở được bảng tính"), (&big, "cell_too_long", "Ô C2 có hơn 32767 ký tự")] {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let started = std::time::Instant::now();
        let out = thonso().arg("inspect").arg(path).output().expect("runs");
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{name}: {:?}", started.elapsed());
        assert_eq!(out.status.code(), Some(2), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name) && err.contains(vi), "{name}: {err}");
        let out = thonso().arg("score").arg(path).arg("--json").output().expect("runs");
        assert_eq!(out.status.code(), Some(2));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json error");
        assert_eq!(v["error"]["code"], code, "{v}");
        assert!(v["error"]["message"].as_str().is_some_and(|m| m.contains(vi)), "{v}");
    }
}

#[test]
fn no_culture_day_counts_24_november_2026_as_a_working_day() {
    // Received Mon 23/11/2026, result Wed 25/11/2026: Tue 24/11 is Vietnam
    // Culture Day, so 1 working day; with --no-culture-day, 2.
    let p = tmp("culture_day.csv");
    std::fs::write(&p, "Mã hồ sơ,Ngày tiếp nhận,Ngày có kết quả\nHS-1,23/11/2026,25/11/2026\n").expect("write");
    let run = |extra: &[&str]| -> serde_json::Value {
        let out = thonso().arg("turnaround").arg(&p).arg("--json").args(extra).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let on = run(&[]);
    assert_eq!(on["overall"]["median_working_days"], 1.0);
    let day = on["calendar_days_off"].as_array().expect("days").iter().find(|d| d["date"] == "2026-11-24").cloned().expect("24/11 listed");
    assert_eq!(day["working"], false);
    assert!(day["source_en"].as_str().is_some_and(|s| s.contains("30/NQ-CP")), "{day}");
    let off = run(&["--no-culture-day"]);
    assert_eq!(off["overall"]["median_working_days"], 2.0);
    let day = off["calendar_days_off"].as_array().expect("days").iter().find(|d| d["date"] == "2026-11-24").cloned().expect("24/11 still listed");
    assert_eq!(day["working"], true);
    assert!(day["reason_en"].as_str().is_some_and(|s| s.contains("switched off")), "{day}");
    // The help names the flag.
    let out = thonso().arg("--help").output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("--no-culture-day"));
}

/// cli-contract "Status classes": `excluded` per reason and `paused` in
/// overall and in each group; `--status` classifies an unknown word.
#[test]
fn turnaround_json_has_excluded_and_paused_and_takes_status_words() {
    let run = |extra: &[&str]| {
        let out = thonso().arg("turnaround").arg(fixture("opencps_list.xlsx")).args(["--json", "--by", "channel"]).args(extra).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let v = run(&[]);
    // Hand count (core/examples/fixtures/exports.rs): 2 cancelled, 1 withdrawn, 1 not accepted; 1 paused.
    assert_eq!(v["overall"]["excluded"], serde_json::json!({"cancelled": 2, "withdrawn": 1, "not_accepted": 1}));
    assert_eq!(v["overall"]["paused"], 1);
    assert_eq!(v["overall"]["dossiers"], 10);
    let groups = v["groups"].as_array().expect("groups");
    let cancelled: u64 = groups.iter().map(|g| g["excluded"]["cancelled"].as_u64().expect("per group")).sum();
    assert_eq!(cancelled, 2, "cancelled dossiers counted in their channel's group");
    assert_eq!(v["completion_from"], "result_ready");
    let v = run(&["--status", "Chuyển liên thông=withdrawn"]);
    assert_eq!(v["overall"]["excluded"]["withdrawn"], 2);
    assert_eq!(v["overall"]["dossiers"], 9);
    let out = thonso().arg("turnaround").arg(fixture("opencps_list.xlsx")).args(["--status", "x=lost"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cancelled, withdrawn"));
}

/// Issue 17: the CLI has its own limits, not the browser's. A file is refused
/// by its size on disk under `--max-mb` with the CLI's message (its limit,
/// split the file or raise `--max-mb`), and read under the default limit.
#[test]
fn max_mb_limits_the_file_size_and_the_message_says_what_to_do() {
    let p = tmp("big_villages.csv");
    let mut csv = String::from("Thôn;Xã;Số hộ\n");
    let mut i = 0;
    while csv.len() <= 3 << 19 {
        i += 1;
        csv.push_str(&format!("Thôn {i};Xã Phong Niên;{}\n", 100 + i % 50));
    }
    std::fs::write(&p, &csv).expect("write");
    let out = thonso().arg("inspect").arg(&p).args(["--max-mb", "1", "--json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_eq!(v["error"]["code"], "file_too_large");
    let en = v["error"]["message_en"].as_str().unwrap_or_default();
    assert!(en.contains("2 MB, limit 1 MB") && en.contains("--max-mb") && en.contains("Split the file") && !en.contains("browser"), "{en}");
    let out = thonso().arg("inspect").arg(&p).arg("--json").output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = thonso().arg("inspect").arg(&p).args(["--max-mb", "lots"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

/// A file over the browser's 400 MB passes the CLI's size check: a sparse
/// 450 MB file (no disk blocks) of zeros is read and refused for what it is
/// (binary, not a spreadsheet), never for its size; core refuses the same
/// size under the browser's limits (`core/tests/limits.rs`).
#[test]
fn a_file_over_the_browser_limit_is_not_refused_for_size_by_the_cli() {
    let p = tmp("sparse.csv");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(450 << 20).expect("sparse file");
    drop(f);
    assert!(thonso_core::ingest::Limits::default().check_size(450 << 20).is_err());
    let out = thonso().arg("inspect").arg(&p).arg("--json").output().expect("runs");
    let _ = std::fs::remove_file(&p);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json error");
    assert_ne!(v["error"]["code"], "file_too_large", "{v}");
}

/// Two exports of the one-stop system taken a month apart overlap: D2, D3
/// and D4 are in both. By hand, as of 10/04/2024: six dossiers (D1–D6);
/// finished D1 (A), D2 (finished in the later export B, open in A: the most
/// advanced status wins), D4 and D5; open D3 and D6. Three rows repeat a
/// dossier and count once. The same numbers as one file holding the six
/// dossiers once, in either order of the exports, and from their folder.
#[test]
fn overlapping_exports_count_each_dossier_once_with_its_most_advanced_status() {
    let head = "Mã hồ sơ,Tên thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Xã\n";
    let d1 = "D1,Chứng thực,01/03/2024,08/03/2024,05/03/2024,Đã trả kết quả,Sơn Hà\n";
    let d2_open = "D2,Chứng thực,04/03/2024,11/03/2024,,Đang giải quyết,Sơn Hà\n";
    let d2_done = "D2,Chứng thực,04/03/2024,11/03/2024,20/03/2024,Đã trả kết quả,Sơn Hà\n";
    let d3 = "D3,Hộ tịch,06/03/2024,13/03/2024,,Đang giải quyết,Sơn Hà\n";
    let d4 = "D4,Hộ tịch,07/03/2024,14/03/2024,12/03/2024,Đã trả kết quả,Sơn Hà\n";
    let d5 = "D5,Hộ tịch,01/04/2024,08/04/2024,03/04/2024,Đã trả kết quả,Sơn Hà\n";
    let d6 = "D6,Chứng thực,02/04/2024,09/04/2024,,Đang giải quyết,Sơn Hà\n";
    let dir = tmp("exports");
    std::fs::create_dir_all(&dir).expect("dir");
    let a = dir.join("a_thang3.csv");
    let b = dir.join("b_thang4.csv");
    std::fs::write(&a, [head, d1, d2_open, d3, d4].concat()).expect("write");
    std::fs::write(&b, [head, d2_done, d3, d4, d5, d6].concat()).expect("write");
    let union = tmp("union.csv");
    std::fs::write(&union, [head, d1, d2_done, d3, d4, d5, d6].concat()).expect("write");
    let run = |paths: &[&std::path::Path]| -> serde_json::Value {
        let out = thonso().arg("turnaround").args(paths).args(["--as-of", "2024-04-10", "--json"]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let one = run(&[&union]);
    let o = &one["overall"];
    assert_eq!((o["dossiers"].as_u64(), o["completed"].as_u64(), o["open"].as_u64()), (Some(6), Some(4), Some(2)));
    // D2 finished late (20/03 > 11/03): 3 of 4 on time.
    assert_eq!(o["on_time_rate"].as_f64(), Some(0.75));
    for paths in [vec![a.as_path(), b.as_path()], vec![b.as_path(), a.as_path()], vec![dir.as_path()]] {
        let both = run(&paths);
        assert_eq!(both["overall"], one["overall"], "{paths:?}");
        assert_eq!(both["duplicates"].as_u64(), Some(3), "{paths:?}");
        assert_eq!(both["sheets"].as_array().map(Vec::len), Some(2), "both exports are read: {}", both["sheets"]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
