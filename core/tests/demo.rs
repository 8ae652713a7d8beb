//! The built-in demo tells the Bảo Thắng story (domain brief §1); these are
//! the district's reported figures, asserted through the real scorer.

use thonso_core::scoring::Status;
use thonso_core::session::TurnaroundOptions;
use thonso_core::Session;

fn demo() -> Session {
    let bytes = thonso_core::demo::demo_workbook().expect("demo builds");
    Session::open_simple(&bytes, "demo.xlsx").expect("demo opens")
}

#[test]
fn demo_is_deterministic() {
    let a = thonso_core::demo::demo_workbook().expect("demo");
    let b = thonso_core::demo::demo_workbook().expect("demo");
    assert_eq!(thonso_core::sha256_hex(&a), thonso_core::sha256_hex(&b));
}

#[test]
fn demo_scores_exactly_the_reported_figures() {
    let s = demo();
    let r = s.score_required(&Default::default()).expect("score");
    assert_eq!(r.summary.recognized, 20, "20 villages recognized");
    let c = |name: &str| r.communes.iter().find(|c| c.commune == name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(c("Phố Lu").recognized, 4);
    assert_eq!(c("Sơn Hà").recognized, 3);
    assert_eq!(r.summary.communes, 14, "3 towns + 11 communes");
    assert_eq!(r.summary.communes_covered, 14, "every commune covered");
    let above: f64 = [c("Phố Lu"), c("Sơn Hà")].iter().map(|c| c.recognized as f64 - c.plan.expect("plan")).sum();
    assert_eq!(c("Phố Lu").recognized + c("Sơn Hà").recognized, 7);
    assert!(above > 0.0, "Phố Lu + Sơn Hà exceed their plan");
    for name in ["Tà Hà 1", "Phú Thành 3"] {
        let u = r.units.iter().find(|u| u.village == name).expect(name);
        assert_eq!(u.status, Status::Recognized, "{name}");
    }
    // The framework came from the workbook's criteria sheet and equals the default.
    let d = thonso_core::framework::Framework::default_vn();
    for (_, i) in d.indicators() {
        let f = r.framework.find(&i.id).unwrap_or_else(|| panic!("{} in sheet framework", i.id));
        assert_eq!((f.threshold, f.weight, f.mandatory, f.rule), (i.threshold, i.weight, i.mandatory, i.rule), "{}", i.id);
    }
    assert_eq!(r.derived, vec!["CQ3".to_string()], "CQ3 comes from the dossier sheet");
}

#[test]
fn demo_turnaround_falls_from_two_weeks_to_two_days() {
    let s = demo();
    let t = s.turnaround_required(&TurnaroundOptions::default()).expect("turnaround");
    let pooled = t.before_after.iter().find(|b| b.unit_kind == "all_launched").expect("pooled before/after");
    let before = pooled.before.median_days.expect("before median");
    let after = pooled.after.median_days.expect("after median");
    assert!((14.0..=20.0).contains(&before), "before {before}");
    assert!(after <= 3.0, "after {after}");
    assert!(pooled.log_rank_p.is_some_and(|p| p < 0.001));
    for v in ["Tà Hà 1", "Phú Thành 3"] {
        let b = t.before_after.iter().find(|b| b.village.as_deref() == Some(v)).expect(v);
        assert!(b.before.median_days.is_some_and(|d| d >= 14.0), "{v} before");
        assert!(b.after.median_days.is_some_and(|d| d <= 3.0), "{v} after");
        assert!(b.after.km_median_working_days.is_some_and(|d| d <= 2.0), "{v} KM after");
    }
}

#[test]
fn xlsx_report_reads_back_with_the_same_numbers() {
    let s = demo();
    let score = s.score_required(&Default::default()).expect("score");
    let bytes = s.report_xlsx(&Default::default(), &TurnaroundOptions::default()).expect("report");
    let back = Session::open_simple(&bytes, "report.xlsx").expect("report opens");
    let r = back.inspect();
    let names: Vec<&str> = r.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Tổng hợp", "Thôn", "Xã", "Thời gian giải quyết", "Chẩn đoán"]);
    let villages = r.sheets.iter().find(|s| s.name == "Thôn").expect("villages sheet");
    assert_eq!(villages.kind, "villages");
    assert_eq!(villages.header_rows, 1);
    assert_eq!(villages.rows, score.units.len());
    // Re-scoring the exported indicator values gives the same statuses.
    let rescored = back.score_required(&Default::default()).expect("rescore");
    assert_eq!(rescored.summary.recognized, score.summary.recognized);
}

/// Grouping by several dimensions (one mixed-radix integer key) finds
/// exactly the groups of the decoded text: the same dossier counts per
/// (commune, village, channel) as counting the rows' values directly, keys
/// sorted with missing values last, and the groups add up to the whole.
#[test]
fn multi_dimension_groups_equal_a_direct_count() {
    let s = demo();
    let by: Vec<String> = ["commune", "village", "channel"].map(String::from).to_vec();
    let t = s.turnaround_required(&TurnaroundOptions { by: by.clone(), ..Default::default() }).expect("turnaround");
    let d = s.dossiers.as_ref().expect("dossier table");
    let dims: Vec<_> = by.iter().map(|b| d.dim(b).expect("dim")).collect();
    let as_of = t.as_of.0;
    let received: Vec<Option<i32>> = d.df.column("received").unwrap().i32().unwrap().into_iter().collect();
    let mut direct: std::collections::BTreeMap<Vec<Option<String>>, u32> = Default::default();
    for (i, r) in received.iter().enumerate() {
        if r.is_some_and(|r| r <= as_of) {
            let key = dims.iter().map(|(codes, dict)| dict.get(codes[i]).map(str::to_string)).collect();
            *direct.entry(key).or_default() += 1;
        }
    }
    assert!(direct.len() > 100, "the demo has many (commune, village, channel) groups: {}", direct.len());
    let got: std::collections::BTreeMap<Vec<Option<String>>, u32> =
        t.groups.iter().map(|g| (by.iter().map(|b| g.by[b].clone()).collect(), g.metrics.dossiers)).collect();
    assert_eq!(got.len(), t.groups.len(), "no group twice");
    assert_eq!(got, direct);
    assert_eq!(t.groups.iter().map(|g| g.metrics.dossiers).sum::<u32>(), t.overall.dossiers);
    let keys: Vec<Vec<Option<String>>> = t.groups.iter().map(|g| by.iter().map(|b| g.by[b].clone()).collect()).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| a.iter().zip(b).map(|(x, y)| match (x, y) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }).find(|o| o.is_ne()).unwrap_or(std::cmp::Ordering::Equal));
    assert_eq!(keys, sorted, "groups ordered by key, missing last");
    // Month × procedure: the monthly totals are the sums over procedures.
    let t2 = s.turnaround_required(&TurnaroundOptions { by: vec!["month".into(), "procedure_name".into()], ..Default::default() }).expect("turnaround");
    for m in &t2.monthly {
        let month = m.by["month"].clone();
        let sum: u32 = t2.groups.iter().filter(|g| g.by["month"] == month).map(|g| g.metrics.dossiers).sum();
        assert_eq!(sum, m.metrics.dossiers, "{month:?}");
    }
}
