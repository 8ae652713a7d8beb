//! Hand-checked expectations over the fixtures in tests/fixtures/ (made by
//! `cargo run -p thonso-core --example make_fixtures`).

use std::path::Path;
use thonso_core::date::Date;
use thonso_core::scoring::Status;
use thonso_core::session::TurnaroundOptions;
use thonso_core::Session;

fn open(name: &str) -> Session {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Session::open_simple(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("iso date")
}

#[test]
fn messy_dossiers_header_titles_totals_and_dates() {
    let s = open("dossiers_messy.xlsx");
    let r = s.inspect();
    let sh = &r.sheets[0];
    assert_eq!(sh.kind, "dossiers");
    // Two title rows, a blank row, then a two-row header on rows 4–5.
    assert_eq!(sh.header_row, Some(4));
    assert_eq!(sh.header_rows, 2);
    assert_eq!(sh.rows, 6, "six dossiers; the totals row is skipped");
    assert_eq!(sh.skipped_rows.get("totals"), Some(&1));
    let canon = |h: &str| sh.columns.iter().find(|c| c.header == h).and_then(|c| c.canonical.clone());
    assert_eq!(canon("Kết quả / Ngày có kết quả").as_deref(), Some("completed_at"));
    assert_eq!(canon("Kết quả / Ngày trả").as_deref(), Some("returned_at"));
    assert_eq!(canon("Ngày tiếp nhận").as_deref(), Some("received_at"));
    // mm/dd-only and impossible dates are diagnostics with Excel row numbers.
    let w_mmdd = sh.warnings.iter().find(|w| w.value.as_deref() == Some("03/15/2024")).expect("mm/dd warning");
    assert_eq!(w_mmdd.row, Some(10));
    assert!(w_mmdd.message.contains("tháng/ngày"));
    let w_bad = sh.warnings.iter().find(|w| w.value.as_deref() == Some("31/02/2024")).expect("impossible date warning");
    assert_eq!(w_bad.row, Some(11));
    assert_eq!(w_bad.column.as_deref(), Some("Ngày hẹn trả"));

    let t = s.turnaround_required(&TurnaroundOptions { as_of: Some(d("2024-05-31")), by: vec![], ..Default::default() }).expect("turnaround");
    // HS-005 has no readable received date: 5 dossiers in scope.
    assert_eq!(t.overall.dossiers, 5);
    // Completed: HS-001 (1 wd across Tết 2024), HS-002 (2 wd, make-up Saturday 04/05),
    // HS-003 (05/03 → 07/03: 2 wd), HS-006 (15/03 Fri → 18/03 Mon: 1 wd). HS-004 open.
    assert_eq!(t.overall.completed, 4);
    assert_eq!(t.overall.open, 1);
    // Working days sorted: 1, 1, 2, 2 → median 1.5, p90 = 2.
    assert_eq!(t.overall.median_working_days, Some(1.5));
    assert_eq!(t.overall.p90_working_days, Some(2.0));
    // Calendar days: 8 (07/02→15/02), 3 (03/05→06/05), 2, 3 → sorted 2,3,3,8: median 3.
    assert_eq!(t.overall.median_days, Some(3.0));
    // On time: HS-001 15/02 ≤ 16/02 yes; HS-002 06/05 ≤ 06/05 yes; HS-003 07/03 ≤ 08/03 yes;
    // HS-006's due date is impossible (no due) → 3 of 3.
    assert_eq!(t.overall.on_time_rate, Some(1.0));
    // Channels known for all 5 in scope: online HS-001, HS-003 (DVC trực tuyến), HS-006 → 3/5.
    assert_eq!(t.overall.online_rate, Some(0.6));
}

#[test]
fn villages_value_forms_statuses_and_plan_join() {
    let s = open("villages_forms.xlsx");
    let r = s.score_required(&Default::default()).expect("score");
    let unit = |v: &str| r.units.iter().find(|u| u.village == v).unwrap_or_else(|| panic!("{v} missing"));
    assert_eq!(r.units.len(), 4, "group row and totals row are not villages");
    let ta_ha_1 = unit("Tà Hà 1");
    assert_eq!(ta_ha_1.status, Status::Recognized);
    // HT1 from numerator/denominator: 180 / 200 = 90 %.
    assert_eq!(ta_ha_1.values["HT1"], Some(90.0));
    // HT4 was a 0–1 fraction column: 0.85 → 85.
    assert_eq!(ta_ha_1.values["HT4"], Some(85.0));
    // CQ3 as text "85,5%".
    assert_eq!(ta_ha_1.values["CQ3"], Some(85.5));
    let ta_ha_2 = unit("Tà Hà 2");
    assert_eq!(ta_ha_2.status, Status::Near, "exactly one BB (HT3) fails");
    assert_eq!(ta_ha_2.failed.iter().map(|f| f.indicator.as_str()).collect::<Vec<_>>(), vec!["HT3"]);
    let pt3 = unit("Phú Thành 3");
    assert_eq!(pt3.status, Status::NotRecognized);
    assert_eq!(pt3.missing, vec!["CQ4".to_string()], "a blank value is a fail listed as missing");
    // HT1 = 30/120 = 25 % → gap 55 to the 80 % threshold.
    let ht1 = pt3.failed.iter().find(|f| f.indicator == "HT1").expect("HT1 failed");
    assert_eq!((ht1.value, ht1.gap), (25.0, 55.0));
    assert_eq!(unit("Tổ dân phố 1").status, Status::Recognized, "✓ and 1 are yes");
    // NFD "Sơn Hà" in the villages sheet joins NFC "Sơn Hà" in the plan sheet.
    assert_eq!(r.communes.len(), 2);
    let son_ha = r.communes.iter().find(|c| c.commune.contains("Hà")).expect("Sơn Hà");
    assert_eq!((son_ha.units, son_ha.recognized, son_ha.plan), (2, 1, Some(2.0)));
    assert_eq!(son_ha.vs_plan, Some(-1.0));
    assert_eq!(r.summary.communes_covered, 2);
    // One step away: Tà Hà 2 needs HT3.
    assert!(r.one_step_away.iter().any(|o| o.village == "Tà Hà 2" && o.indicator == "HT3"));
}

#[test]
fn legacy_encodings_are_repaired_and_reported() {
    let s = open("legacy_names.xlsx");
    let r = s.inspect();
    let tcvn = r.sheets.iter().find(|x| x.name == "TCVN3").expect("TCVN3 sheet");
    assert_eq!(tcvn.repaired_encoding, Some("tcvn3"));
    let to: Vec<&str> = tcvn.repaired_cells.iter().map(|c| c.to.as_str()).collect();
    assert!(to.contains(&"Bảo Thắng"), "{to:?}");
    assert!(to.contains(&"Mường Khương"), "{to:?}");
    assert!(to.contains(&"Bát Xát"), "{to:?}");
    let vni = r.sheets.iter().find(|x| x.name == "VNI").expect("VNI sheet");
    assert_eq!(vni.repaired_encoding, Some("vni"));
    assert!(vni.repaired_cells.iter().any(|c| c.to == "Xin chào các bạn"));
}

#[test]
fn semicolon_bom_csv_with_vietnamese_numbers() {
    let s = open("villages_semicolon_bom.csv");
    let r = s.inspect();
    assert_eq!(r.format, "csv");
    assert_eq!(r.text_encoding, Some("utf-8-bom"));
    assert_eq!(r.sheets[0].rows, 2);
    let sc = s.score_required(&Default::default()).expect("score");
    let u = &sc.units[0];
    assert_eq!(u.values["HT4"], Some(85.5));
    // "1.234,5" is Vietnamese style: one thousand two hundred thirty-four and a half.
    assert_eq!(u.values["KT1"], Some(1234.5));
}

#[test]
fn utf16_tab_export_with_certified_copy_rule() {
    let s = open("dossiers_utf16.txt");
    let r = s.inspect();
    assert_eq!(r.text_encoding, Some("utf-16le"));
    assert_eq!(r.sheets[0].kind, "dossiers");
    assert_eq!(r.sheets[0].rows, 3);
    let t = s.turnaround_required(&TurnaroundOptions::default()).expect("turnaround");
    assert_eq!(t.as_of, d("2024-04-08"));
    // HS-1 01/04 → 03/04: 2 wd; HS-2 02/04 → 08/04: 4 wd; HS-3 03/04 → 04/04: 1 wd.
    assert_eq!(t.overall.median_working_days, Some(2.0));
    // HS-3 is a certified copy with no due date, received at 15:30: due next working
    // day 04/04, completed 04/04 → on time. HS-1 on time, HS-2 late (08/04 > 05/04).
    assert_eq!(t.overall.on_time_rate, Some(0.6667));
}

#[test]
fn random_bytes_are_refused_clearly() {
    let noise: Vec<u8> = (0..10_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    let e = Session::open_simple(&noise, "bad.xlsx").err().expect("refused");
    assert_eq!(e.code, "unknown_format");
    assert_eq!(e.file.as_deref(), Some("bad.xlsx"));
    let mut zipish = b"PK\x03\x04".to_vec();
    zipish.extend_from_slice(&noise[..500]);
    let e = Session::open_simple(&zipish, "truncated.xlsx").err().expect("refused");
    assert_ne!(e.code, "internal");
}

#[test]
fn tcvn3_villages_score_under_their_unicode_names() {
    let s = open("legacy_names.xlsx");
    let r = s.score_required(&Default::default()).expect("the TCVN3 sheet is a villages sheet");
    let communes: Vec<&str> = r.communes.iter().map(|c| c.commune.as_str()).collect();
    assert_eq!(communes, vec!["Phố Lu", "Bát Xát", "Mường Khương"]);
    let pt3 = r.units.iter().find(|u| u.village == "Phú Thành 3").expect("Phú Thành 3");
    // "Cã" is TCVN3 for "Có": every BB given is yes.
    for id in ["HT2", "HT3", "CQ1", "CQ2"] {
        assert_eq!(pt3.values[id], Some(1.0), "{id}");
    }
}
