//! Exactly mergeable turnaround aggregates (issue 15, part 3): the
//! histograms of a file give the report's metrics to the bit, and merging
//! the histograms of parts gives the metrics of the pooled rows.

use proptest::prelude::*;
use thonso_core::date::Date;
use thonso_core::session::TurnaroundOptions;
use thonso_core::turnaround::{Group, Metrics, TurnaroundHist, TurnaroundHists, TurnaroundReport};
use thonso_core::Session;

fn fixture(name: &str) -> Session {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    Session::open_simple(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn demo() -> Session {
    let bytes = thonso_core::demo::demo_workbook().expect("demo builds");
    Session::open_simple(&bytes, "demo.xlsx").expect("demo opens")
}

/// Equal, and equal to the bit (`==` would take −0.0 for 0.0).
fn same_metrics(a: &Metrics, b: &Metrics, what: &str) {
    assert_eq!(a, b, "{what}");
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{what}: bits");
}

fn same_groups(a: &[Group], b: &[Group], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: groups");
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x.by, y.by, "{what}: group keys in order");
        same_metrics(&x.metrics, &y.metrics, &format!("{what} {:?}", x.by));
    }
}

/// The histograms' metrics against the report's overall and groups, and
/// again after a JSON round trip.
fn check_against_report(h: &TurnaroundHists, t: &TurnaroundReport, what: &str) {
    let (overall, groups) = h.metrics();
    same_metrics(&overall, &t.overall, &format!("{what} overall"));
    same_groups(&groups, &t.groups, what);
    let back: TurnaroundHists = serde_json::from_str(&serde_json::to_string(h).expect("json")).expect("parse");
    assert_eq!(&back, h, "{what}: JSON round trip");
}

fn groupings() -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = vec![vec![]];
    v.extend(thonso_core::turnaround::DIMENSIONS.iter().map(|d| vec![d.to_string()]));
    v.push(vec!["month".into(), "procedure_name".into()]);
    v.push(vec!["commune".into(), "channel".into()]);
    v
}

#[test]
fn fixture_histograms_give_the_report_metrics_exactly() {
    let files = ["opencps_list.xlsx", "register_mau06.xlsx", "portal_fields.csv", "dossiers_messy.xlsx", "dossiers_utf16.txt"];
    let sessions: Vec<(String, Session)> =
        std::iter::once(("demo".to_string(), demo())).chain(files.iter().map(|f| (f.to_string(), fixture(f)))).collect();
    for (name, s) in &sessions {
        for by in groupings() {
            let opts = TurnaroundOptions { by: by.clone(), ..Default::default() };
            let t = s.turnaround_required(&opts).expect("turnaround");
            let h = s.turnaround_hists(&opts).expect("hists").expect("dossiers");
            assert_eq!(h.as_of, t.as_of);
            check_against_report(&h, &t, &format!("{name} by {by:?}"));
        }
    }
}

/// Also at an `as_of` inside the demo's range: many dossiers open, censored.
#[test]
fn demo_histograms_at_an_earlier_date_with_many_open() {
    let s = demo();
    for by in groupings() {
        let opts = TurnaroundOptions { by: by.clone(), as_of: Some(Date::from_ymd(2024, 3, 15).expect("date")), ..Default::default() };
        let t = s.turnaround_required(&opts).expect("turnaround");
        assert!(t.overall.open > 0);
        let h = s.turnaround_hists(&opts).expect("hists").expect("dossiers");
        check_against_report(&h, &t, &format!("demo 2024-03-15 by {by:?}"));
    }
}

/// The share-link budget: bytes of JSON per group of the demo.
#[test]
fn demo_histogram_bytes_per_group() {
    let s = demo();
    let mut worst = 0usize;
    for by in [vec!["commune".to_string()], vec!["procedure_name".into()], vec!["month".into()], vec!["commune".into(), "channel".into()]] {
        let h = s.turnaround_hists(&TurnaroundOptions { by: by.clone(), ..Default::default() }).expect("hists").expect("dossiers");
        let sizes: Vec<usize> = h.groups.iter().map(|g| serde_json::to_string(&g.hist).expect("json").len()).collect();
        let keys: usize = h.groups.iter().map(|g| serde_json::to_string(&g.by).expect("json").len()).sum();
        let total: usize = sizes.iter().sum();
        let max = sizes.iter().copied().max().unwrap_or(0);
        let overall = serde_json::to_string(&h.overall).expect("json").len();
        println!(
            "by {by:?}: {} groups, histogram JSON {} B/group on average (max {max}, min {}), keys {} B/group; overall {overall} B; whole TurnaroundHists {} B",
            sizes.len(),
            total / sizes.len().max(1),
            sizes.iter().copied().min().unwrap_or(0),
            keys / sizes.len().max(1),
            serde_json::to_string(&h).expect("json").len(),
        );
        worst = worst.max(max);
    }
    // The demo's widest group stays under a kilobyte of plain JSON (before
    // the share link's deflate).
    assert!(worst < 1024, "largest group {worst} B");
}

#[test]
fn merge_is_commutative_associative_with_the_empty_histogram_as_identity() {
    let s = demo();
    let by_month = s.turnaround_hists(&TurnaroundOptions { by: vec!["month".into()], ..Default::default() }).expect("h").expect("d");
    let parts: Vec<&TurnaroundHist> = by_month.groups.iter().map(|g| &g.hist).take(3).collect();
    let (a, b, c) = (parts[0], parts[1], parts[2]);
    let merged = |x: &TurnaroundHist, y: &TurnaroundHist| {
        let mut m = x.clone();
        m.merge(y);
        m
    };
    assert_eq!(merged(a, b), merged(b, a));
    assert_eq!(merged(&merged(a, b), c), merged(a, &merged(b, c)));
    assert_eq!(merged(a, &TurnaroundHist::default()), *a);
    assert_eq!(merged(&TurnaroundHist::default(), a), *a);
    // Every month merged is the whole demo.
    let all = by_month.groups.iter().fold(TurnaroundHist::default(), |acc, g| merged(&acc, &g.hist));
    assert_eq!(all, by_month.overall);
}

#[test]
fn merging_reports_at_different_dates_is_refused() {
    let s = demo();
    let a = s.turnaround_hists(&TurnaroundOptions::default()).expect("h").expect("d");
    let mut b = s.turnaround_hists(&TurnaroundOptions { as_of: Some(Date::from_ymd(2024, 3, 15).expect("date")), ..Default::default() }).expect("h").expect("d");
    let e = b.merge(&a).err().expect("refused");
    assert_eq!(e.code, "hist_mismatch");
}

// ---- random dossier sets, split into random parts ----

const STATUSES: &[&str] = &["", "Đã trả kết quả", "Đang xử lý", "Chờ bổ sung", "Đã hủy", "Rút hồ sơ", "Không tiếp nhận", "Từ chối giải quyết", "Tình trạng lạ"];
const CHANNELS: &[&str] = &["", "Trực tuyến", "Trực tiếp", "Bưu chính"];
const COMMUNES: &[&str] = &["", "Xã Gia Phú", "Xã Sơn Hà", "Phố Lu", "Xã Bản Cầm"];
const PROCEDURES: &[&str] = &["Đăng ký khai sinh", "Cấp giấy phép xây dựng", "Đăng ký kết hôn"];
const YES_NO: &[&str] = &["", "Có", "Không"];

#[derive(Clone, Debug)]
struct Row {
    received: i32,
    /// Days from receipt to completion (negative: before receipt).
    completed: Option<i32>,
    due: Option<i32>,
    status: usize,
    channel: usize,
    commune: usize,
    procedure: usize,
    paid: usize,
    digitised: usize,
}

/// 2024-01-01 as a day number, and the fixed `as_of` (every part must
/// stand at the same date).
fn day0() -> i32 {
    Date::from_ymd(2024, 1, 1).expect("date").0
}
fn as_of() -> Date {
    Date::from_ymd(2025, 3, 31).expect("date")
}

fn dmy(d: i32) -> String {
    let (y, m, dd) = Date(d).ymd();
    format!("{dd:02}/{m:02}/{y}")
}

fn row() -> impl Strategy<Value = Row> {
    (
        // Received over 2024 and to 20 days past as_of (ignored rows),
        // across two Tết holidays.
        0i32..476,
        prop_oneof![3 => (0i32..70).prop_map(Some), 1 => Just(None), 1 => (-5i32..0).prop_map(Some)],
        prop_oneof![2 => (0i32..25).prop_map(Some), 1 => Just(None)],
        (0..STATUSES.len(), 0..CHANNELS.len(), 0..COMMUNES.len(), 0..PROCEDURES.len(), 0..YES_NO.len(), 0..YES_NO.len()),
    )
        .prop_map(|(r, c, due, (status, channel, commune, procedure, paid, digitised))| Row {
            received: day0() + r,
            completed: c,
            due,
            status,
            channel,
            commune,
            procedure,
            paid,
            digitised,
        })
}

fn csv(rows: &[&Row]) -> String {
    let mut s = String::from("Mã hồ sơ,Tên thủ tục,Xã,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Hình thức nộp,Thanh toán trực tuyến,Số hóa\n");
    for (i, r) in rows.iter().enumerate() {
        s.push_str(&format!(
            "H{i},{},{},{},{},{},{},{},{},{}\n",
            PROCEDURES[r.procedure],
            COMMUNES[r.commune],
            dmy(r.received),
            r.due.map(|k| dmy(r.received + k)).unwrap_or_default(),
            r.completed.map(|k| dmy(r.received + k)).unwrap_or_default(),
            STATUSES[r.status],
            CHANNELS[r.channel],
            YES_NO[r.paid],
            YES_NO[r.digitised],
        ));
    }
    s
}

fn open_rows(rows: &[&Row]) -> Session {
    Session::open_simple(csv(rows).as_bytes(), "ho-so.csv").expect("the CSV opens")
}

fn opts(by: &[&str]) -> TurnaroundOptions {
    TurnaroundOptions { as_of: Some(as_of()), by: by.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn merged_part_histograms_equal_the_pooled_rows(
        rows in proptest::collection::vec(row(), 1..90),
        part_of in proptest::collection::vec(0usize..4, 90),
        grouping in 0usize..3,
    ) {
        let by: &[&str] = [&[][..], &["commune"][..], &["commune", "channel"][..]][grouping];
        let o = opts(by);
        let all: Vec<&Row> = rows.iter().collect();
        let pooled = open_rows(&all);
        // The CSV reads back as the dossiers it was written from.
        let mapped: Vec<Option<String>> = pooled.inspect().sheets[0].columns.iter().map(|c| c.canonical.clone()).collect();
        let want = ["dossier_id", "procedure_name", "commune", "received_at", "due_at", "completed_at", "status", "channel", "paid_online", "digitised"];
        prop_assert_eq!(mapped, want.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>());
        let report = pooled.turnaround_required(&o).expect("turnaround");
        let pooled_h = pooled.turnaround_hists(&o).expect("hists").expect("dossiers");

        // Parts in a random order; an empty part sends nothing.
        let mut merged: Option<TurnaroundHists> = None;
        for p in [2usize, 0, 3, 1] {
            let part: Vec<&Row> = rows.iter().zip(&part_of).filter(|(_, &k)| k == p).map(|(r, _)| r).collect();
            if part.is_empty() {
                continue;
            }
            let h = open_rows(&part).turnaround_hists(&o).expect("hists").expect("dossiers");
            match &mut merged {
                None => merged = Some(h),
                Some(m) => m.merge(&h).expect("same as_of, calendar, dimensions"),
            }
        }
        let merged = merged.expect("at least one row");
        // The same counts, group by group...
        prop_assert_eq!(&merged, &pooled_h);
        // ...and the same metrics as the report on the pooled rows.
        check_against_report(&merged, &report, "merged parts");
        check_against_report(&pooled_h, &report, "pooled rows");
    }
}
