//! Issue 19: a workbook with one village sheet per commune is scored whole
//! (every village sheet pooled, each row keeping its sheet and row), the
//! sheets left out are listed with the reason, dossier and plan sheets pool
//! the same way, and a ratio indicator's numerator column is reported as
//! used. Workbooks are built here; every expected number is counted by hand
//! in the comments.

use rust_xlsxwriter::Workbook;
use thonso_core::scoring::Status;
use thonso_core::Session;

const HEAD: [&str; 8] = ["Xã", "Thôn", "Tổng số hộ", "Số hộ có Internet cáp quang", "HT2", "HT3", "CQ1", "CQ2"];

/// One commune sheet of villages «Thôn 1» … «Thôn 8» (data in Excel rows
/// 2–9). Every mandatory indicator passes (HT2, HT3, CQ2 «Có») except CQ1,
/// which is «Có» only for the villages in `recognized` (1-based): those
/// and only those are «Đạt». HT1 = 85 ÷ 100 households = 85%.
/// Without `with_commune` the sheet has no «Xã» column.
fn commune_sheet(wb: &mut Workbook, sheet: &str, commune: &str, recognized: &[u32], with_commune: bool) {
    let ws = wb.add_worksheet().set_name(sheet).expect("sheet name");
    let skip = usize::from(!with_commune);
    for (c, h) in HEAD.iter().skip(skip).enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for v in 1..=8u32 {
        let mut cells: Vec<String> = vec![commune.to_string(), format!("Thôn {v}"), "100".into(), "85".into(), "Có".into(), "Có".into()];
        cells.push(if recognized.contains(&v) { "Có" } else { "Không" }.into());
        cells.push("Có".into());
        for (c, x) in cells.iter().skip(skip).enumerate() {
            match x.parse::<f64>() {
                Ok(n) => ws.write_number(v, c as u16, n),
                Err(_) => ws.write_string(v, c as u16, x),
            }
            .expect("write");
        }
    }
}

fn table(wb: &mut Workbook, sheet: &str, rows: &[&[&str]]) {
    let ws = wb.add_worksheet().set_name(sheet).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, x) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *x).expect("write");
        }
    }
}

/// Three communes of 8 villages: Sơn Hà (villages 1, 2, 5 recognized: 3),
/// Phố Lu (3, 4, 6, 7, 8: 5) and Gia Phú (8: 1), the last without a «Xã»
/// column. 24 villages, 3 + 5 + 1 = 9 recognized. A «Ghi chú» sheet has a
/// «Thôn» column but no indicator: village-like, left out. Two plan sheets:
/// Sơn Hà 3, Phố Lu 4.
fn three_communes() -> Vec<u8> {
    let mut wb = Workbook::new();
    commune_sheet(&mut wb, "Xã Sơn Hà", "Sơn Hà", &[1, 2, 5], true);
    commune_sheet(&mut wb, "Xã Phố Lu", "Phố Lu", &[3, 4, 6, 7, 8], true);
    commune_sheet(&mut wb, "Xã Gia Phú", "", &[8], false);
    table(&mut wb, "Ghi chú", &[&["Thôn", "Ghi chú"], &["Thôn 1", "Đã kiểm tra"], &["Thôn 2", "Chờ số liệu"]]);
    table(&mut wb, "Kế hoạch 1", &[&["Xã", "Kế hoạch"], &["Sơn Hà", "3"]]);
    table(&mut wb, "Kế hoạch 2", &[&["Xã", "Kế hoạch"], &["Phố Lu", "4"]]);
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn every_village_sheet_is_scored() {
    let s = Session::open_simple(&three_communes(), "ba-xa.xlsx").expect("opens");
    let r = s.score(&Default::default()).expect("scores").expect("has villages");
    // 3 sheets × 8 villages; 3 + 5 + 1 recognized.
    assert_eq!(r.summary.units, 24);
    assert_eq!(r.summary.recognized, 9);
    assert_eq!(r.units.iter().filter(|u| u.status == Status::Recognized).count(), 9);
    let pooled: Vec<(&str, usize, bool)> = r.sheets.iter().map(|p| (p.name.as_str(), p.units, p.commune_from_name)).collect();
    assert_eq!(pooled, vec![("Xã Sơn Hà", 8, false), ("Xã Phố Lu", 8, false), ("Xã Gia Phú", 8, true)]);
    // The sheet with no «Xã» column: its name, without «Xã», is the commune.
    let communes: Vec<(&str, usize, usize)> = r.communes.iter().map(|c| (c.commune.as_str(), c.units, c.recognized)).collect();
    assert_eq!(communes, vec![("Sơn Hà", 8, 3), ("Phố Lu", 8, 5), ("Gia Phú", 8, 1)]);
    // Plan sheets pooled too: Sơn Hà 3, Phố Lu 4, Gia Phú none.
    let plans: Vec<Option<f64>> = r.communes.iter().map(|c| c.plan).collect();
    assert_eq!(plans, vec![Some(3.0), Some(4.0), None]);
    // Provenance: «Thôn 5» of Phố Lu is Excel row 6 of its sheet.
    let u = r.units.iter().find(|u| u.commune == "Phố Lu" && u.village == "Thôn 5").expect("unit");
    assert_eq!((u.sheet.as_str(), u.row), ("Xã Phố Lu", 6));
    // One mandatory failure (CQ1 «Không») makes it «Gần đạt», not «Đạt».
    assert_eq!(u.status, Status::Near, "{u:?}");
    // The village-like sheet left out, with the reason.
    assert_eq!(r.ignored_sheets.len(), 1, "{:?}", r.ignored_sheets);
    assert_eq!(r.ignored_sheets[0].name, "Ghi chú");
    assert!(r.ignored_sheets[0].reason.starts_with("Không đọc: ") && r.ignored_sheets[0].reason_en.starts_with("Not read: "), "{:?}", r.ignored_sheets);
    // HT1 from its numerator and denominator: 85 ÷ 100.
    assert_eq!(u.values.get("HT1"), Some(&Some(85.0)));
    assert!(!r.absent.contains(&"HT1".to_string()));
    // The JSON the hosts receive carries both lists and each unit's sheet.
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["sheets"][2]["commune_from_name"], true);
    assert_eq!(json["units"][0]["sheet"], "Xã Sơn Hà");
    assert_eq!(json["ignored_sheets"][0]["name"], "Ghi chú");
}

#[test]
fn a_numerator_column_is_reported_as_used() {
    let s = Session::open_simple(&three_communes(), "ba-xa.xlsx").expect("opens");
    let report = s.inspect();
    let sheet = report.sheets.iter().find(|sh| sh.name == "Xã Sơn Hà").expect("sheet");
    let col = |h: &str| sheet.columns.iter().find(|c| c.header == h).unwrap_or_else(|| panic!("column {h}"));
    let num = col("Số hộ có Internet cáp quang");
    assert_eq!(num.canonical.as_deref(), Some("HT1"));
    assert_eq!(num.ratio_part, Some("numerator"));
    assert_eq!(num.reason, "Tử số của HT1 (Số hộ có Internet cáp quang ÷ Tổng số hộ).");
    assert_eq!(num.reason_en, "Numerator of HT1 (Số hộ có Internet cáp quang ÷ Tổng số hộ).");
    assert_eq!(serde_json::to_value(num.confidence).expect("json"), "exact");
    // The denominator stays the households column and says it is also used.
    let den = col("Tổng số hộ");
    assert_eq!(den.canonical.as_deref(), Some("households"));
    assert!(den.reason.ends_with("Cũng là mẫu số của HT1 (Số hộ có Internet cáp quang ÷ Tổng số hộ)."), "{}", den.reason);
    assert_eq!(den.ratio_part, None);
    // Nothing else reads the numerator as the rate itself: 85, not 8500.
    let r = s.score(&Default::default()).expect("scores").expect("villages");
    assert!(r.units.iter().all(|u| u.values.get("HT1") == Some(&Some(85.0))));
}

/// A summary sheet of all 24 villages beside the three commune sheets (no
/// «Xã» column, commune in the sheet name): the villages are counted once.
#[test]
fn a_summary_sheet_and_its_parts_are_not_counted_twice() {
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet().set_name("Tổng hợp").expect("sheet");
        for (c, h) in HEAD.iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("write");
        }
        let mut r = 1u32;
        for commune in ["Sơn Hà", "Phố Lu", "Gia Phú"] {
            for v in 1..=8 {
                for (c, x) in [commune, &format!("Thôn {v}"), "100", "85", "Có", "Có", "Có", "Có"].iter().enumerate() {
                    ws.write_string(r, c as u16, *x).expect("write");
                }
                r += 1;
            }
        }
    }
    commune_sheet(&mut wb, "Xã Sơn Hà", "", &[1], false);
    commune_sheet(&mut wb, "Xã Phố Lu", "", &[1], false);
    commune_sheet(&mut wb, "Xã Gia Phú", "", &[1], false);
    let s = Session::open_simple(&wb.save_to_buffer().expect("xlsx"), "tong-hop.xlsx").expect("opens");
    let r = s.score(&Default::default()).expect("scores").expect("villages");
    assert_eq!(r.summary.units, 24);
    // The summary says «Có» everywhere: all 24 recognized.
    assert_eq!(r.summary.recognized, 24);
    assert_eq!(r.sheets.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["Tổng hợp"]);
    let ignored: Vec<&str> = r.ignored_sheets.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(ignored, vec!["Xã Sơn Hà", "Xã Phố Lu", "Xã Gia Phú"]);
    assert!(r.ignored_sheets.iter().all(|i| i.reason.contains("«Tổng hợp»") && i.reason_en.contains("not counted twice")), "{:?}", r.ignored_sheets);
}

/// Two dossier sheets (one a month): 3 + 2 dossiers, all completed; one of
/// T2 completed before it was received is open, and its warning names T2
/// and its row.
#[test]
fn dossier_sheets_are_pooled() {
    let head: &[&str] = &["Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Ngày có kết quả"];
    let mut wb = Workbook::new();
    table(
        &mut wb,
        "Tháng 1",
        &[head, &["A1", "Khai sinh", "02/01/2024", "03/01/2024"], &["A2", "Khai sinh", "03/01/2024", "05/01/2024"], &["A3", "Kết hôn", "04/01/2024", "04/01/2024"]],
    );
    table(&mut wb, "Tháng 2", &[head, &["B1", "Khai sinh", "01/02/2024", "02/02/2024"], &["B2", "Kết hôn", "06/02/2024", "05/02/2024"]]);
    let s = Session::open_simple(&wb.save_to_buffer().expect("xlsx"), "ho-so.xlsx").expect("opens");
    let t = s.turnaround(&Default::default()).expect("turnaround").expect("dossiers");
    // 5 dossiers; B2 (completed before received) counts as open.
    assert_eq!((t.overall.dossiers, t.overall.completed, t.overall.open), (5, 4, 1));
    let pooled: Vec<(&str, usize)> = t.sheets.iter().map(|p| (p.name.as_str(), p.units)).collect();
    assert_eq!(pooled, vec![("Tháng 1", 3), ("Tháng 2", 2)]);
    let w = t.warnings.iter().find(|w| w.row.is_some()).expect("row warning");
    assert_eq!((w.sheet.as_deref(), w.row), (Some("Tháng 2"), Some(3)));
}
