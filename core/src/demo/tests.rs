#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use super::generate::{build, day, score, weekday, Channel, Intent, Status, AS_OF, PERIOD_START};
use super::model::{Form, Kind, COMMUNES, CQ3, HT1, INDICATORS, N_IND};
use super::*;
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

fn expected_recognized(commune: &str) -> usize {
    match commune {
        "Phố Lu" => 4,
        "Sơn Hà" => 3,
        "Gia Phú" => 2,
        _ => 1,
    }
}

fn median(mut xs: Vec<i64>) -> f64 {
    xs.sort_unstable();
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2] as f64
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) as f64 / 2.0
    }
}

#[test]
fn framework_matches_default_json() {
    let json: serde_json::Value = serde_json::from_str(include_str!("../framework/default.json")).unwrap();
    let mut from_json = Vec::new();
    for p in json["pillars"].as_array().unwrap() {
        for i in p["indicators"].as_array().unwrap() {
            from_json.push((
                i["id"].as_str().unwrap().to_string(),
                i["name"].as_str().unwrap().to_string(),
                i["threshold"].as_f64().unwrap(),
                i["weight"].as_f64().unwrap(),
                i["mandatory"].as_bool().unwrap(),
                i["unit"].as_str().unwrap() == "yes_no",
            ));
        }
    }
    let ours: Vec<_> = INDICATORS
        .iter()
        .map(|i| (i.id.to_string(), i.name.to_string(), i.threshold, i.weight, i.mandatory, i.kind == Kind::YesNo))
        .collect();
    assert_eq!(ours, from_json);
    assert_eq!(INDICATORS.iter().map(|i| i.weight).sum::<f64>(), 100.0);
}

#[test]
fn same_bytes_every_call() {
    assert_eq!(demo_workbook().unwrap(), demo_workbook().unwrap());
}

#[test]
fn status_counts_follow_the_story() {
    let demo = build();
    assert!((160..=190).contains(&demo.villages.len()));
    let mut per: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let (mut near, mut one_step) = (0, 0);
    for v in &demo.villages {
        let (status, readiness, bb_failed) = score(&v.values);
        let e = per.entry(COMMUNES[v.commune].name).or_default();
        e.2 += 1;
        match status {
            Status::Recognized => {
                e.0 += 1;
                assert_eq!(v.intent, Intent::Recognized, "{}", v.name);
                assert!(v.launch.is_some());
            }
            Status::Near => {
                e.1 += 1;
                near += 1;
                if bb_failed == 1 {
                    one_step += 1;
                }
                assert!(matches!(v.intent, Intent::OneStep(_) | Intent::NearByReadiness), "{} {readiness}", v.name);
            }
            Status::NotYet => assert_eq!(v.intent, Intent::NotYet, "{} {readiness}", v.name),
        }
        // Recognition never rests on readiness, but high values make the
        // story credible.
        if status == Status::Recognized {
            assert!(readiness > 80.0, "{} {readiness}", v.name);
        }
    }
    for c in COMMUNES.iter() {
        assert!((8..=16).contains(&c.villages.len()), "{}", c.name);
        assert_eq!(per[c.name].0, expected_recognized(c.name), "{}", c.name);
    }
    let total: usize = per.values().map(|e| e.0).sum();
    assert_eq!(total, 20);
    assert!((10..=20).contains(&near), "near {near}");
    assert!(one_step >= 5, "one step {one_step}");
    let planned = |n: &str| COMMUNES.iter().find(|c| c.name == n).unwrap().planned as usize;
    assert!(per["Phố Lu"].0 + per["Sơn Hà"].0 > planned("Phố Lu") + planned("Sơn Hà"));
    assert_eq!(planned("Gia Phú"), 1);
    for (c, (rec, near, n)) in &per {
        eprintln!("{c}: {n} villages, {rec} recognized, {near} near");
    }
    eprintln!("near {near} (one step {one_step}), villages {}", demo.villages.len());
}

#[test]
fn online_share_separates_recognized_villages() {
    let demo = build();
    for (vi, v) in demo.villages.iter().enumerate() {
        let ds: Vec<_> = demo.dossiers.iter().filter(|d| d.village == vi).collect();
        assert!(!ds.is_empty(), "{}", v.name);
        let online = ds.iter().filter(|d| d.channel == Channel::Online).count();
        let share = online as f64 / ds.len() as f64;
        assert!((v.values[CQ3].unwrap() - share * 100.0).abs() < 1e-9);
        if v.launch.is_some() {
            assert!(share >= 0.5, "{} {share}", v.name);
        } else {
            assert!(share < 0.5, "{} {share}", v.name);
        }
    }
}

#[test]
fn dossiers_tell_the_turnaround_story() {
    let demo = build();
    let n = demo.dossiers.len();
    assert!((2000..=4000).contains(&n), "{n}");
    let start = day(PERIOD_START.0, PERIOD_START.1, PERIOD_START.2);
    let end = day(AS_OF.0, AS_OF.1, AS_OF.2);
    let (mut before, mut after, mut never) = (vec![], vec![], vec![]);
    let (mut open, mut overdue_open, mut late) = (0, 0, 0);
    let mut ids = std::collections::BTreeSet::new();
    for d in &demo.dossiers {
        assert!(ids.insert(d.id.clone()), "duplicate {}", d.id);
        assert!(d.received >= start && d.received <= end);
        assert!(weekday(d.received) < 5);
        assert!(d.due >= d.received && weekday(d.due) < 5);
        assert_eq!(d.applicant.split(' ').count(), 3, "{}", d.applicant);
        match d.completed {
            Some(c) => {
                assert!(weekday(c) < 5 && c >= d.received && c <= end);
                if let Some(r) = d.returned {
                    assert!(r >= c && r <= end && weekday(r) < 5);
                    assert_eq!(d.status, "Đã trả kết quả");
                } else {
                    assert_eq!(d.status, "Đã có kết quả");
                }
                if c > d.due {
                    late += 1;
                }
                let days = c - d.received;
                match demo.villages[d.village].launch {
                    Some(l) if d.received >= l => after.push(days),
                    Some(_) => before.push(days),
                    None => never.push(days),
                }
            }
            None => {
                assert!(d.returned.is_none());
                assert!(d.status == "Đang xử lý" || d.status == "Chờ bổ sung");
                open += 1;
                if d.due < end {
                    overdue_open += 1;
                }
            }
        }
    }
    let (mb, ma, mn) = (median(before.clone()), median(after.clone()), median(never.clone()));
    eprintln!(
        "dossiers {n}; median calendar days before launch {mb} (n={}), after {ma} (n={}), never launched {mn} (n={}); open {open}, overdue open {overdue_open}, completed late {late}",
        before.len(),
        after.len(),
        never.len()
    );
    assert!((14.0..=20.0).contains(&mb));
    assert!((14.0..=20.0).contains(&mn));
    assert!(ma <= 2.5);
    // Tết 2024 stretches a few dossiers beyond 20 days.
    let in_story = before.iter().chain(&never).filter(|d| (14..=20).contains(*d)).count();
    assert!(in_story * 10 >= (before.len() + never.len()) * 9, "{in_story}");
    assert!(before.iter().chain(&never).all(|d| (13..=30).contains(d)));
    assert!(open > 0 && overdue_open > 0 && late > 0);
    // Most on time.
    assert!(late * 5 < n);
}

#[test]
fn story_villages_are_there() {
    let demo = build();
    let find = |c: &str, v: &str| demo.villages.iter().find(|x| COMMUNES[x.commune].name == c && x.name == v).unwrap();
    let ta_ha = find("Sơn Hà", "Tà Hà 1");
    let phu_thanh = find("Phố Lu", "Phú Thành 3");
    assert!(ta_ha.households >= 200);
    assert_eq!(phu_thanh.households, 120);
    let first_two = {
        let mut l: Vec<i64> = demo.villages.iter().filter_map(|v| v.launch).collect();
        l.sort_unstable();
        l[1]
    };
    assert!(ta_ha.launch.unwrap() <= first_two && phu_thanh.launch.unwrap() <= first_two);
    for v in demo.villages.iter().filter_map(|v| v.launch) {
        assert!(weekday(v) < 5 && v >= day(2024, 1, 1) && v <= day(2024, 4, 30));
    }
}

fn cell_text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn serial_day(d: Option<&Data>) -> Option<i64> {
    match d {
        Some(Data::DateTime(dt)) => Some(dt.as_f64().floor() as i64 - 25_569),
        _ => None,
    }
}

/// Reads the file back as a reader would and scores it independently of the
/// generator's own values.
#[test]
fn workbook_reads_back_and_scores() {
    let bytes = demo_workbook().unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), vec![SHEET_VILLAGES, SHEET_PLAN, SHEET_FRAMEWORK, SHEET_DOSSIERS]);

    let dossiers = wb.worksheet_range(SHEET_DOSSIERS).unwrap();
    assert_eq!(cell_text(dossiers.get_value((0, 0))), "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH");
    assert_eq!(cell_text(dossiers.get_value((3, 1))), "Mã hồ sơ");
    assert_eq!(cell_text(dossiers.get_value((3, 13))), "Thanh toán trực tuyến");
    let mut online: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut rows = 0;
    for r in 4..dossiers.end().unwrap().0 + 1 {
        let key = (cell_text(dossiers.get_value((r, 5))), cell_text(dossiers.get_value((r, 6))));
        let e = online.entry(key).or_default();
        e.1 += 1;
        if cell_text(dossiers.get_value((r, 7))) == "Trực tuyến" {
            e.0 += 1;
        }
        assert!(serial_day(dossiers.get_value((r, 8))).is_some());
        rows += 1;
    }
    assert!(rows >= 2000);

    let villages = wb.worksheet_range(SHEET_VILLAGES).unwrap();
    let header_row = 3;
    let header: Vec<String> = (0..21).map(|c| cell_text(villages.get_value((header_row, c)))).collect();
    assert_eq!(&header[..6], &["STT", "Xã/Thị trấn", "Thôn/TDP", "Ngày ra mắt", "Tổng số hộ", "Số hộ có Internet cáp quang"]);
    assert!(header.contains(&"CQ4. Tỷ lệ người trưởng thành có tài khoản VNeID mức 2 (%)".to_string()));
    assert!(header.contains(&"HT2. Thôn được phủ sóng 4G/5G".to_string()));
    assert!(!header.iter().any(|h| h.starts_with("CQ3") || h.starts_with("HT1")));
    let cols: Vec<(usize, u32)> = INDICATORS
        .iter()
        .enumerate()
        .filter(|(_, i)| i.form != Form::Derived)
        .map(|(i, ind)| (i, header.iter().position(|h| h.starts_with(&format!("{}.", ind.id))).unwrap() as u32))
        .collect();

    let mut recognized: BTreeMap<String, usize> = BTreeMap::new();
    let (mut seen, mut text_cells, mut blanks) = (0, 0, 0);
    let mut r = header_row + 1;
    loop {
        let commune = cell_text(villages.get_value((r, 1)));
        if commune == "Tổng cộng" {
            break;
        }
        let village = cell_text(villages.get_value((r, 2)));
        let num = |c: u32| match villages.get_value((r, c)) {
            Some(Data::Float(x)) => Some(*x),
            Some(Data::Int(x)) => Some(*x as f64),
            _ => None,
        };
        let mut values = [None; N_IND];
        values[HT1] = match (num(5), num(4)) {
            (Some(a), Some(b)) => Some(a / b * 100.0),
            _ => None,
        };
        if village == "Tà Hà 1" {
            assert!(num(4).unwrap() >= 200.0);
        }
        for &(i, c) in &cols {
            let ind = &INDICATORS[i];
            values[i] = match villages.get_value((r, c)) {
                Some(Data::String(s)) if s.ends_with('%') => {
                    text_cells += 1;
                    Some(s.trim_end_matches('%').replace(',', ".").parse::<f64>().unwrap())
                }
                Some(Data::String(s)) => Some(if ["Có", "Đạt", "x"].contains(&s.as_str()) { 1.0 } else { 0.0 }),
                Some(Data::Float(x)) if ind.form == Form::Fraction => Some(x * 100.0),
                Some(Data::Float(x)) => Some(*x),
                _ if ind.form == Form::Cross => Some(0.0),
                _ => {
                    blanks += 1;
                    None
                }
            };
        }
        let (on, n) = online[&(commune.clone(), village.clone())];
        values[CQ3] = Some(on as f64 * 100.0 / n as f64);
        let (status, _, _) = score(&values);
        if status == Status::Recognized {
            *recognized.entry(commune.clone()).or_default() += 1;
            assert!(serial_day(villages.get_value((r, 3))).is_some(), "{village} has no launch date");
        }
        seen += 1;
        r += 1;
    }
    assert_eq!(seen, build().villages.len());
    assert!(text_cells >= 5 && blanks >= 3, "text {text_cells} blanks {blanks}");
    for c in COMMUNES.iter() {
        assert_eq!(recognized.get(c.name).copied().unwrap_or(0), expected_recognized(c.name), "{}", c.name);
    }

    let plan = wb.worksheet_range(SHEET_PLAN).unwrap();
    assert_eq!(cell_text(plan.get_value((3, 2))), "Kế hoạch 2024 (số thôn)");
    assert_eq!(cell_text(plan.get_value((4, 1))), "Phố Lu");
    assert_eq!(plan.get_value((4, 2)), Some(&Data::Float(2.0)));

    let fw = wb.worksheet_range(SHEET_FRAMEWORK).unwrap();
    assert_eq!(cell_text(fw.get_value((3, 0))), "I. Hạ tầng số (04 chỉ tiêu)");
    assert_eq!(cell_text(fw.get_value((4, 1))), "HT1");
    assert_eq!(cell_text(fw.get_value((4, 4))), "≥");
    assert_eq!(fw.get_value((4, 5)), Some(&Data::Float(80.0)));
    assert_eq!(cell_text(fw.get_value((5, 5))), "Có");
    assert_eq!(cell_text(fw.get_value((5, 7))), "BB");
}
