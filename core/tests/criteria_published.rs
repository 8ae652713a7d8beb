//! A criteria workbook as a commune publishes it (issue 14): the villages
//! are scored against the workbook's own criteria sheet, read in the
//! published layout, never against the built-in default.
//!
//! The workbook is the committed fixture tests/fixtures/criteria_published.xlsx,
//! written by `cargo run -p thonso-core --example make_fixtures`
//! (`criteria_published` in core/examples/make_fixtures.rs); the browser
//! tests use the same file.

use std::collections::BTreeMap;
use thonso_core::framework::{Readiness, Rule, Unit};
use thonso_core::scoring::Status;
use thonso_core::session::FrameworkSource;
use thonso_core::Session;

fn fixture() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/criteria_published.xlsx");
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!("fixture {} is missing ({e}); write it with `cargo run -p thonso-core --example make_fixtures`", path.display())
    })
}

fn open() -> Session {
    Session::open_simple(&fixture(), "criteria_published.xlsx").expect("the workbook opens")
}

#[test]
fn the_criteria_sheet_is_read_in_the_published_layout() {
    let s = open();
    assert_eq!(s.framework_source, FrameworkSource::Sheet);
    let fw = &s.framework;
    let pillars: Vec<(&str, &str, usize)> = fw.pillars.iter().map(|p| (p.id.as_str(), p.name.as_str(), p.indicators.len())).collect();
    assert_eq!(
        pillars,
        vec![("HT", "HẠ TẦNG SỐ", 3), ("CQ", "CHÍNH QUYỀN SỐ", 3), ("KT", "KINH TẾ SỐ VÀ XÃ HỘI SỐ", 2)]
    );
    // (id, name, rule, threshold, unit) as the sheet writes them.
    let got: Vec<(String, String, Rule, f64, Unit)> =
        fw.indicators().map(|(_, i)| (i.id.clone(), i.name.clone(), i.rule, i.threshold, i.unit)).collect();
    let want = [
        ("HT1", "Tỷ lệ hộ gia đình có đường Internet cáp quang", Rule::AtLeast, 80.0, Unit::Percent), // «≥ 80%»
        ("HT2", "Thôn có sóng di động 4G/5G", Rule::Yes, 1.0, Unit::YesNo),                          // «Có»
        ("HT3", "Tỷ lệ người dân trưởng thành có điện thoại thông minh", Rule::AtLeast, 80.0, Unit::Percent), // «Từ 80% trở lên»
        ("CQ1", "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", Rule::AtLeast, 50.0, Unit::Percent), // «Tối thiểu 50%»
        ("CQ2", "Tổ công nghệ số cộng đồng hoạt động hiệu quả", Rule::Yes, 1.0, Unit::YesNo),        // «Đạt»
        ("CQ3", "Tỷ lệ người trưởng thành có tài khoản định danh điện tử mức 2", Rule::AtLeast, 70.0, Unit::Percent), // «>= 70%»
        ("KT1", "Mô hình ứng dụng công nghệ số trong sản xuất, kinh doanh", Rule::AtLeast, 1.0, Unit::Number), // «01 mô hình»
        ("KT2", "Tỷ lệ hộ gia đình được gắn địa chỉ số", Rule::AtLeast, 100.0, Unit::Percent),      // «100%»
    ];
    let want: Vec<(String, String, Rule, f64, Unit)> =
        want.iter().map(|(a, b, r, t, u)| (a.to_string(), b.to_string(), *r, *t, *u)).collect();
    assert_eq!(got, want);
    // No weights and no BB/TC column: every indicator mandatory, weight 1,
    // readiness = share met, and the page is told so.
    assert!(fw.indicators().all(|(_, i)| i.mandatory && i.weight == 1.0));
    assert_eq!(fw.readiness, Readiness::ShareMet);
    assert_eq!(fw.assumptions.len(), 1);
    // The explanation is kept, and was taken for neither name nor target.
    assert_eq!(fw.find("HT1").map(|i| i.explanation.as_str()), Some("Số hộ có cáp quang / tổng số hộ của thôn"));
    assert_eq!(fw.find("CQ3").map(|i| i.explanation.as_str()), Some(""));
}

#[test]
fn village_columns_map_to_the_sheet_indicators_only() {
    let s = open();
    let report = s.inspect();
    let kinds: Vec<(&str, &str)> = report.sheets.iter().map(|sh| (sh.name.as_str(), sh.kind)).collect();
    assert_eq!(kinds, vec![("Bộ tiêu chí", "framework"), ("Đánh giá thôn", "villages")]);
    let villages = report.sheets.iter().find(|sh| sh.kind == "villages").expect("villages sheet");
    assert_eq!(villages.rows, 24, "24 villages; the totals row is skipped");
    let ids: Vec<&str> = s.framework.indicators().map(|(_, i)| i.id.as_str()).collect();
    // The contact column may be a canonical column (the register's address)
    // or nothing; what matters here is that it is no indicator.
    let mapping: Vec<(&str, Option<&str>)> = villages
        .columns
        .iter()
        .map(|c| match (c.header.as_str(), c.canonical.as_deref()) {
            ("Địa chỉ, số điện thoại", t) if t.is_none_or(|t| !ids.contains(&t)) => (c.header.as_str(), Some("(not an indicator)")),
            (h, t) => (h, t),
        })
        .collect();
    assert_eq!(
        mapping,
        vec![
            ("STT", Some("row_number")),
            ("Xã", Some("commune")),
            ("Thôn", Some("village")),
            ("Tỷ lệ hộ gia đình có đường Internet cáp quang", Some("HT1")),
            ("Thôn có sóng di động 4G/5G (Có/Không)", Some("HT2")),
            ("Tỷ lệ người dân trưởng thành có điện thoại thông minh (%)", Some("HT3")),
            // Not procedure_name, though it holds «thủ tục hành chính».
            ("Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", Some("CQ1")),
            ("Tổ công nghệ số cộng đồng hoạt động hiệu quả", Some("CQ2")),
            ("Tỷ lệ người trưởng thành có tài khoản định danh điện tử mức 2", Some("CQ3")),
            ("Mô hình ứng dụng công nghệ số trong sản xuất, kinh doanh", Some("KT1")),
            // One filler phrase more («của thôn»): a near match.
            ("Tỷ lệ hộ gia đình của thôn được gắn địa chỉ số", Some("KT2")),
            // Holds no indicator's name (the default's alias «Địa chỉ số» is not in this framework either).
            ("Địa chỉ, số điện thoại", Some("(not an indicator)")),
            ("Ghi chú", Some("note")),
        ]
    );
    // Every indicator id in use is one of the sheet's; none is only the default's.
    for c in &villages.columns {
        if let Some(t) = c.canonical.as_deref().filter(|t| t.chars().any(|ch| ch.is_ascii_digit())) {
            assert!(ids.contains(&t), "{t} is not an indicator of the sheet");
        }
    }
    assert!(s.framework.find("XH5").is_none() && s.framework.find("CQ4").is_none());
}

#[test]
fn villages_meeting_every_criterion_are_recognized() {
    let s = open();
    let r = s.score(&Default::default()).expect("scores").expect("villages");
    assert!(r.absent.is_empty(), "every indicator has a column: {:?}", r.absent);
    // Hand count over the 24 villages (core/examples/make_fixtures.rs):
    // Bản Mạ fails HT1 (0,75 < 80%); Phú Hà fails HT2 (Không) and CQ1 (40%);
    // Khe Mụ fails KT1 (0 models); Phú Lâm fails CQ2 (blank in an x/blank
    // column), CQ3 (65 < 70) and KT2 (95 < 100); Gia Hạ has no HT3 value.
    // The other 19 meet all 8, the boundary values included (0,80 = 80%,
    // "50%", 70, "100" and "100%").
    let failing = ["Thôn Bản Mạ", "Thôn Phú Hà", "Thôn Khe Mụ", "Thôn Phú Lâm", "Thôn Gia Hạ"];
    let recognized: Vec<&str> = r.units.iter().filter(|u| u.status == Status::Recognized).map(|u| u.village.as_str()).collect();
    assert_eq!(r.summary.units, 24);
    assert_eq!(r.summary.recognized, 19);
    assert_eq!(recognized.len(), 19);
    assert!(recognized.iter().all(|v| !failing.contains(v)));
    let by_commune: BTreeMap<&str, usize> = r.communes.iter().map(|c| (c.commune.as_str(), c.recognized)).collect();
    assert_eq!(by_commune, BTreeMap::from([("Gia Phú", 5), ("Phong Hải", 7), ("Xuân Quang", 7)]));

    let unit = |v: &str| r.units.iter().find(|u| u.village == v).unwrap_or_else(|| panic!("{v}"));
    // Readiness = share of the 8 indicators met × 100.
    assert_eq!(unit("Thôn Cốc Sâm 2").readiness, 100.0); // 8 of 8, on every boundary
    assert_eq!(unit("Thôn Phú Lâm").readiness, 62.5); // 5 of 8
    assert_eq!(unit("Thôn Phú Hà").readiness, 75.0); // 6 of 8
    assert_eq!(unit("Thôn Bản Mạ").readiness, 87.5); // 7 of 8, 0,75 earns no partial credit
    assert_eq!(unit("Thôn Gia Hạ").missing, vec!["HT3"]);
    // All indicators are mandatory: one failure is "nearly", three with
    // readiness under 70 is "not yet".
    assert_eq!(unit("Thôn Bản Mạ").status, Status::Near);
    assert_eq!(unit("Thôn Phú Lâm").status, Status::NotRecognized);
    let mut phu_lam: Vec<&str> = unit("Thôn Phú Lâm").failed.iter().map(|f| f.indicator.as_str()).collect();
    phu_lam.sort_unstable();
    assert_eq!(phu_lam, vec!["CQ2", "CQ3", "KT2"]);

    // The assumption note travels with the report, in both languages.
    assert_eq!(r.assumptions.len(), 1);
    assert_eq!(
        r.assumptions[0].message,
        "Bộ tiêu chí không có trọng số và cột BB/TC: mọi chỉ tiêu đều bắt buộc; mức sẵn sàng = tỷ lệ chỉ tiêu đạt."
    );
    assert!(r.assumptions[0].message_en.contains("every indicator is mandatory"));
    let json = serde_json::to_value(&r).expect("serialises");
    assert_eq!(json["assumptions"][0]["message_en"], r.assumptions[0].message_en.as_str());
}
