//! Legacy 8-bit workbooks (.xls typed in a TCVN3 or VNI font) read as their
//! authors meant them: sheet names, headers and cells repaired, totals rows
//! recognized after repair, a short plan sheet classified and read. The
//! workbooks are written here, byte by byte (support/xls.rs); every
//! expected value below is written by hand.

#[path = "support/xls.rs"]
mod xls;

use thonso_core::scoring::Overrides;
use thonso_core::session::Session;
use xls::{XCell, XSheet};

/// Unicode → TCVN3 (ABC), from the table in domain.md §4: each letter to the
/// Latin-1 character its code shows up as. Other characters stay.
fn tcvn3(s: &str) -> String {
    const UNICODE: &str = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
    const CODES: &str = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u{AD}õøö÷ùúýûüþ¡¢§£¤¥¦";
    assert_eq!(UNICODE.chars().count(), CODES.chars().count());
    s.chars()
        .map(|c| match UNICODE.chars().position(|u| u == c) {
            Some(i) => CODES.chars().nth(i).unwrap_or(c),
            None => {
                assert!(c.is_ascii(), "no TCVN3 code for {c:?}");
                c
            }
        })
        .collect()
}

/// A sheet of rows from column A; `None` leaves a cell empty.
fn grid<'a>(name: &'a str, rows: Vec<Vec<Option<XCell<'a>>>>) -> XSheet<'a> {
    let mut cells = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        for (c, cell) in row.into_iter().enumerate() {
            if let Some(cell) = cell {
                cells.push((r as u16, c as u16, cell));
            }
        }
    }
    XSheet { name, cells, dims: None }
}

fn t(s: &str) -> Option<XCell<'_>> {
    Some(XCell::Text(s))
}
fn n<'a>(v: f64) -> Option<XCell<'a>> {
    Some(XCell::Number(v))
}

fn json(v: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).expect("serialises")
}

#[test]
fn the_encoder_follows_the_table() {
    for (unicode, want) in [
        ("Bảo Thắng", "B¶o Th¾ng"),
        ("Mường Khương", "M\u{AD}êng Kh\u{AD}¬ng"),
        ("Tổng cộng", "Tæng céng"),
        ("Kế hoạch", "KÕ ho¹ch"),
        ("Xã", "X·"),
    ] {
        assert_eq!(tcvn3(unicode), want, "{unicode:?}");
    }
}

/// A TCVN3 village list: villages (with a totals row), a two-column plan,
/// a one-cell sheet that cannot tell its encoding alone, and a sheet added
/// later in Unicode that must stay as it is.
#[test]
fn tcvn3_workbook_is_read_as_meant() {
    // (commune, village, HT1, HT2, HT3), in Unicode as the author meant it.
    let villages = [
        ("Sơn Hà", "Tà Hà 1", 90.0, 1.0, 1.0),
        ("Sơn Hà", "Tà Hà 2", 85.0, 1.0, 0.0),
        ("Sơn Hà", "Phú Hà", 60.0, 0.0, 1.0),
        ("Xuân Quang", "Cốc Sâm", 95.0, 1.0, 1.0),
        ("Xuân Quang", "Khe Đền", 70.0, 1.0, 1.0),
        ("Mường Khương", "Sín Chải", 82.0, 1.0, 1.0),
    ];
    let enc: Vec<(String, String)> = villages.iter().map(|v| (tcvn3(v.0), tcvn3(v.1))).collect();
    let (xa, thon, total, plan_h) = (tcvn3("Xã"), tcvn3("Thôn"), tcvn3("Tổng cộng"), tcvn3("Kế hoạch"));
    let mut rows = vec![vec![t(&xa), t(&thon), t("HT1"), t("HT2"), t("HT3")]];
    for (v, (c, name)) in villages.iter().zip(&enc) {
        rows.push(vec![t(c), t(name), n(v.2), n(v.3), n(v.4)]);
    }
    rows.push(vec![t(&total), None, n(80.3), n(5.0), n(5.0)]);
    let plan = [("Sơn Hà", 2.0), ("Xuân Quang", 1.0), ("Mường Khương", 1.0)];
    let plan_enc: Vec<String> = plan.iter().map(|p| tcvn3(p.0)).collect();
    let mut plan_rows = vec![vec![t(&xa), t(&plan_h)]];
    for (p, c) in plan.iter().zip(&plan_enc) {
        plan_rows.push(vec![t(c), n(p.1)]);
    }
    // "Cốc San": only codes that European text also has (è for ố) — too
    // little evidence alone.
    let note = tcvn3("Cốc San");
    assert_eq!(note, "Cèc San");
    let (name_v, name_p, name_n) = (tcvn3("Danh sách thôn"), tcvn3("Kế hoạch"), tcvn3("Thông tin"));
    assert_eq!((name_v.as_str(), name_p.as_str(), name_n.as_str()), ("Danh s¸ch th«n", "KÕ ho¹ch", "Th«ng tin"));
    let bytes = xls::workbook(&[
        grid(&name_v, rows),
        grid(&name_p, plan_rows),
        grid(&name_n, vec![vec![t(&note)]]),
        // Unicode, Latin-1 letters only in its name and one cell: stays.
        grid("Ghi chú", vec![vec![t("Người lập")], vec![t("Gia Phú")]]),
    ]);

    let s = Session::open_simple(&bytes, "thon.xls").expect("opens");
    let inspect = s.inspect();
    let names: Vec<&str> = inspect.sheets.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Danh sách thôn", "Kế hoạch", "Thông tin", "Ghi chú"]);
    let kinds: Vec<&str> = inspect.sheets.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, ["villages", "plan", "unknown", "unknown"]);
    let enc_of: Vec<Option<&str>> = inspect.sheets.iter().map(|x| x.repaired_encoding).collect();
    assert_eq!(enc_of, [Some("tcvn3"), Some("tcvn3"), Some("tcvn3"), None]);

    let v = &inspect.sheets[0];
    assert_eq!(v.rows, 6, "six villages; the totals row is not one");
    assert_eq!(v.skipped_rows.get("totals"), Some(&1));
    let headers: Vec<&str> = v.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers, ["Xã", "Thôn", "HT1", "HT2", "HT3"]);
    // Name + 2 header cells + 6 communes + 6 villages + the totals label.
    assert_eq!(v.repaired_count, 16);
    let name_entry = json(&v.repaired_cells[0]);
    assert_eq!(name_entry["sheet_name"], true);
    assert_eq!(name_entry["from"], "Danh s¸ch th«n");
    assert_eq!(name_entry["to"], "Danh sách thôn");
    assert!(json(&v.repaired_cells[1]).get("sheet_name").is_none(), "cells carry no sheet_name flag");
    assert!(v.repaired_cells.iter().any(|c| c.from == "M\u{AD}êng Kh\u{AD}¬ng" && c.to == "Mường Khương" && c.row == 7 && c.column == "A"));
    assert!(v.repaired_cells.iter().any(|c| c.from == "Tæng céng" && c.to == "Tổng cộng" && c.row == 8));

    let p = &inspect.sheets[1];
    assert_eq!(p.rows, 3);
    let headers: Vec<&str> = p.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers, ["Xã", "Kế hoạch"]);
    let canon: Vec<Option<&str>> = p.columns.iter().map(|c| c.canonical.as_deref()).collect();
    assert_eq!(canon, [Some("commune"), Some("planned")]);
    // Name + 2 header cells + 3 communes.
    assert_eq!(p.repaired_count, 6);

    let note_sheet = &inspect.sheets[2];
    assert_eq!(note_sheet.repaired_count, 2);
    assert_eq!(note_sheet.repaired_cells[1].to, "Cốc San");

    let unicode = &inspect.sheets[3];
    assert_eq!(unicode.repaired_count, 0);
    assert!(unicode.repaired_cells.is_empty());

    // The scores: six villages in three communes, each with its plan.
    let score = s.score_required(&Overrides::default()).expect("scores");
    assert_eq!(score.summary.units, 6);
    assert_eq!(score.summary.communes, 3);
    assert_eq!(score.summary.planned, Some(4.0));
    let mut communes: Vec<(String, usize, Option<f64>)> = score.communes.iter().map(|c| (c.commune.clone(), c.units, c.plan)).collect();
    communes.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        communes,
        [
            ("Mường Khương".to_string(), 1, Some(1.0)),
            ("Sơn Hà".to_string(), 3, Some(2.0)),
            ("Xuân Quang".to_string(), 2, Some(1.0)),
        ]
    );
    let mut units: Vec<(String, String)> = score.units.iter().map(|u| (u.commune.clone(), u.village.clone())).collect();
    units.sort();
    assert_eq!(units[0], ("Mường Khương".to_string(), "Sín Chải".to_string()));
    assert!(units.iter().all(|(c, _)| !c.is_empty()));
    // NFC, precomposed: "ờ" is one character.
    assert_eq!("Mường Khương".chars().count(), 12);
    assert!(score.communes.iter().any(|c| c.commune.chars().count() == 12));
}

/// Mapping fixes are keyed by the name reports show (repaired); a key with
/// the name as the file holds it (saved before names were repaired) works
/// too.
#[test]
fn mapping_fixes_follow_the_repaired_sheet_name() {
    let (xa, plan_h) = (tcvn3("Xã"), tcvn3("Kế hoạch"));
    let communes = [tcvn3("Sơn Hà"), tcvn3("Bảo Thắng")];
    let villages_rows = vec![
        vec![t(&xa), t("Th«n"), t("HT1"), t("HT2")],
        vec![t(&communes[0]), t("Tµ Hµ 1"), n(90.0), n(1.0)],
        vec![t(&communes[1]), t("Phè Lu"), n(90.0), n(1.0)],
    ];
    let plan_rows = vec![vec![t(&xa), t(&plan_h)], vec![t(&communes[0]), n(2.0)], vec![t(&communes[1]), n(3.0)]];
    let bytes = xls::workbook(&[grid("Danh s¸ch th«n", villages_rows), grid("KÕ ho¹ch", plan_rows)]);
    for key in ["Kế hoạch", "KÕ ho¹ch"] {
        let mut opts = thonso_core::session::SessionOptions::default();
        // Ignore the plan column: the plan sheet then has no plan.
        opts.open.mapping.entry(key.to_string()).or_default().insert("Kế hoạch".to_string(), String::new());
        let s = Session::open(bytes.as_slice(), "thon.xls", opts, &thonso_core::ingest::NoProgress).expect("opens");
        let p = &s.inspect().sheets[1];
        assert_eq!(p.name, "Kế hoạch");
        assert_eq!(p.kind, "unknown", "key {key}");
        assert!(p.columns.iter().any(|c| c.header == "Kế hoạch" && c.overridden && c.canonical.is_none()), "key {key}");
    }
    // Without the fix, both plans are read.
    let s = Session::open_simple(&bytes, "thon.xls").expect("opens");
    let score = s.score_required(&Overrides::default()).expect("scores");
    assert_eq!(score.summary.planned, Some(5.0));
}

/// The same in VNI (base letter + diacritic code), written here by hand.
#[test]
fn vni_workbook_with_a_short_sheet() {
    let rows = vec![
        vec![t("Xaõ"), t("Thoân"), t("HT1"), t("HT2")],
        vec![t("Sôn Haø"), t("Taø Haø 1"), n(90.0), n(1.0)],
        vec![t("Sôn Haø"), t("Taø Haø 2"), n(40.0), n(1.0)],
        vec![t("Baûo Thaéng"), t("Phoá Môùi"), n(85.0), n(0.0)],
        vec![t("Toång coäng"), None, n(71.7), n(2.0)],
    ];
    let plan = vec![vec![t("Xaõ"), t("Keá hoaïch")], vec![t("Sôn Haø"), n(2.0)], vec![t("Baûo Thaéng"), n(1.0)]];
    // "Coù" (Có): "où" is French too, weak evidence alone.
    let bytes = xls::workbook(&[grid("Danh saùch thoân", rows), grid("Keá hoaïch", plan), grid("Ghi chuù", vec![vec![t("Coù")]])]);
    let s = Session::open_simple(&bytes, "thon-vni.xls").expect("opens");
    let inspect = s.inspect();
    let names: Vec<&str> = inspect.sheets.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Danh sách thôn", "Kế hoạch", "Ghi chú"]);
    let kinds: Vec<&str> = inspect.sheets.iter().map(|x| x.kind).collect();
    assert_eq!(kinds, ["villages", "plan", "unknown"]);
    let enc_of: Vec<Option<&str>> = inspect.sheets.iter().map(|x| x.repaired_encoding).collect();
    assert_eq!(enc_of, [Some("vni"), Some("vni"), Some("vni")]);
    assert_eq!(inspect.sheets[0].rows, 3);
    assert_eq!(inspect.sheets[0].skipped_rows.get("totals"), Some(&1));
    let note: Vec<&str> = inspect.sheets[2].repaired_cells.iter().map(|c| c.to.as_str()).collect();
    assert_eq!(note, ["Ghi chú", "Có"]);

    let score = s.score_required(&Overrides::default()).expect("scores");
    assert_eq!(score.summary.units, 3);
    let mut communes: Vec<(String, usize, Option<f64>)> = score.communes.iter().map(|c| (c.commune.clone(), c.units, c.plan)).collect();
    communes.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(communes, [("Bảo Thắng".to_string(), 1, Some(1.0)), ("Sơn Hà".to_string(), 2, Some(2.0))]);
    let mut villages: Vec<String> = score.units.iter().map(|u| u.village.clone()).collect();
    villages.sort();
    assert_eq!(villages, ["Phố Mới", "Tà Hà 1", "Tà Hà 2"]);
}
