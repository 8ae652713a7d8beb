//! Several communes' share links merged (issue 15, part 3): the combined
//! view equals the analysis of the communes' files pooled into one, to the
//! bit, and links that cannot be combined exactly are refused by name.

use rust_xlsxwriter::Workbook;
use thonso_core::date::Date;
use thonso_core::scoring::Status;
use thonso_core::session::TurnaroundOptions;
use thonso_core::share::{self, Provenance, SharePayload, ShareScore, ShareView};
use thonso_core::Session;

const COMMUNES: [&str; 3] = ["Sơn Hà", "Phố Lu", "Gia Phú"];
const VILLAGE_HEAD: [&str; 8] = ["Xã", "Thôn", "Tổng số hộ", "Số hộ có Internet cáp quang", "HT2", "HT3", "CQ1", "CQ2"];
const DOSSIER_HEAD: [&str; 8] = ["Mã hồ sơ", "Tên thủ tục", "Xã", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Hình thức nộp"];
const STATUSES: [&str; 5] = ["Đã trả kết quả", "Đã trả kết quả", "Đang xử lý", "Chờ bổ sung", "Đã hủy"];
const CHANNELS: [&str; 3] = ["Trực tuyến", "Trực tiếp", "Bưu chính"];
const PROCEDURES: [&str; 3] = ["Đăng ký khai sinh", "Cấp giấy phép xây dựng", "Đăng ký kết hôn"];

fn as_of() -> Date {
    Date::from_ymd(2025, 3, 31).expect("date")
}

fn dmy(d: i32) -> String {
    let (y, m, dd) = Date(d).ymd();
    format!("{dd:02}/{m:02}/{y}")
}

/// A small deterministic generator (the same rows every run).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Commune `c`'s villages (8, `c + 2` of them recognized) and dossiers
/// (120, received over 2024 to March 2025, some open, paused, cancelled,
/// a few completed before receipt), as rows of text.
fn commune_rows(c: usize) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let villages = (1..=8)
        .map(|v| {
            let yes = if v <= c + 2 { "Có" } else { "Không" };
            vec![COMMUNES[c].into(), format!("Thôn {v}"), "100".into(), format!("{}", 60 + 4 * v), "Có".into(), "Có".into(), yes.into(), "Có".into()]
        })
        .collect();
    let mut g = Lcg(c as u64 + 7);
    let day0 = Date::from_ymd(2024, 1, 1).expect("date").0;
    let dossiers = (0..120)
        .map(|i| {
            let received = day0 + g.below(455) as i32;
            let status = STATUSES[g.below(5) as usize];
            let done = status == "Đã trả kết quả" && received + 40 < as_of().0;
            let completed = if done { dmy(received + g.below(30) as i32 - i32::from(g.below(20) == 0) * 3) } else { String::new() };
            vec![
                format!("{c}-{i}"),
                PROCEDURES[g.below(3) as usize].into(),
                COMMUNES[c].into(),
                dmy(received),
                dmy(received + 5 + g.below(15) as i32),
                completed,
                status.into(),
                CHANNELS[g.below(3) as usize].into(),
            ]
        })
        .collect();
    (villages, dossiers)
}

fn sheet(wb: &mut Workbook, name: &str, head: &[&str], rows: &[Vec<String>]) {
    let ws = wb.add_worksheet().set_name(name).expect("sheet name");
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, x) in row.iter().enumerate() {
            match x.parse::<f64>() {
                Ok(n) if c >= 2 && head[c] != "Mã hồ sơ" => ws.write_number(r as u32 + 1, c as u16, n),
                _ => ws.write_string(r as u32 + 1, c as u16, x),
            }
            .expect("write");
        }
    }
}

/// A workbook of the given communes: villages, plan (each commune plans
/// 3) and dossiers, all in one sheet each.
fn workbook(communes: &[usize]) -> Vec<u8> {
    let (mut villages, mut dossiers) = (Vec::new(), Vec::new());
    for &c in communes {
        let (v, d) = commune_rows(c);
        villages.extend(v);
        dossiers.extend(d);
    }
    let plan: Vec<Vec<String>> = communes.iter().map(|&c| vec![COMMUNES[c].to_string(), "3".to_string()]).collect();
    let mut wb = Workbook::new();
    sheet(&mut wb, "Thôn", &VILLAGE_HEAD, &villages);
    sheet(&mut wb, "Kế hoạch", &["Xã", "Kế hoạch"], &plan);
    sheet(&mut wb, "Hồ sơ", &DOSSIER_HEAD, &dossiers);
    wb.save_to_buffer().expect("xlsx")
}

fn opts() -> TurnaroundOptions {
    TurnaroundOptions { as_of: Some(as_of()), ..Default::default() }
}

fn merge_link(bytes: &[u8], name: &str) -> String {
    let s = Session::open_simple(bytes, name).expect("opens");
    s.share_merge_payload("2025-04-01T08:00:00+07:00", &Default::default(), &opts()).expect("payload").encode().expect("encode")
}

fn decoded(links: &[String]) -> Vec<SharePayload> {
    links.iter().map(|l| SharePayload::decode(l).expect("decodes")).collect()
}

fn rollup(v: &ShareView) -> Vec<(String, usize, usize, usize, Option<f64>)> {
    let mut r: Vec<_> = v.communes.iter().map(|c| (c.commune.clone(), c.units, c.recognized, c.near, c.plan)).collect();
    r.sort_by(|a, b| a.0.cmp(&b.0));
    r
}

#[test]
fn three_commune_links_merge_into_the_pooled_files_numbers_exactly() {
    let links: Vec<String> = (0..3).map(|c| merge_link(&workbook(&[c]), &format!("xa-{c}.xlsx"))).collect();
    for l in &links {
        // A commune's merge link stays comfortable to send.
        println!("commune merge link: {} chars", l.len());
        assert!(l.len() < share::COMFORTABLE_LINK_CHARS, "{} chars", l.len());
    }
    let pooled_bytes = workbook(&[0, 1, 2]);
    let pooled = Session::open_simple(&pooled_bytes, "huyen.xlsx").expect("opens");
    let want = pooled.share_merge_payload("2025-04-01T08:00:00+07:00", &Default::default(), &opts()).expect("payload").view();
    let report = pooled.turnaround_required(&opts()).expect("turnaround");
    assert!(report.overall.open > 0 && report.overall.completed > 0 && report.overall.excluded.cancelled > 0);

    // In any order.
    for order in [[0usize, 1, 2], [2, 0, 1]] {
        let got = share::merge(&decoded(&order.map(|k| links[k].clone()))).expect("merges");
        assert_eq!(got.sources.len(), 3);
        assert_eq!(got.sources.iter().map(|p| p.file.clone()).collect::<Vec<_>>(), order.map(|k| format!("xa-{k}.xlsx")));
        assert!(got.conflicts.is_empty());
        // Score: every village once, the roll-up and totals of the pooled file.
        assert_eq!(got.totals, want.totals);
        assert_eq!(rollup(&got), rollup(&want));
        let mut rows: Vec<_> = got.rows.iter().map(|u| (u.commune.clone(), u.village.clone(), format!("{:?}", u.status), u.readiness.to_bits())).collect();
        let mut want_rows: Vec<_> = want.rows.iter().map(|u| (u.commune.clone(), u.village.clone(), format!("{:?}", u.status), u.readiness.to_bits())).collect();
        rows.sort();
        want_rows.sort();
        assert_eq!(rows, want_rows);
        // Turnaround: the pooled rows' numbers, to the bit, and the same histograms.
        let (t, w) = (got.payload.turnaround.as_ref().expect("turnaround"), want.payload.turnaround.as_ref().expect("turnaround"));
        let o = &report.overall;
        let bits = |x: Option<f64>| x.map(f64::to_bits);
        assert_eq!((t.dossiers, t.completed, t.open, t.overdue_open), (o.dossiers, o.completed, o.open, o.overdue_open));
        for (a, b) in [
            (t.median_working_days, o.median_working_days),
            (t.p90_working_days, o.p90_working_days),
            (t.km_median_working_days, o.km_median_working_days),
            (t.median_days, o.median_days),
            (t.on_time_rate, o.on_time_rate),
            (t.online_rate, o.online_rate),
        ] {
            assert_eq!(bits(a), bits(b));
        }
        assert_eq!(t.monthly, w.monthly);
        assert_eq!(t.h, w.h);
        assert_eq!(t.as_of, as_of().to_string());
    }
}

fn prov(file: &str, sha: &str) -> Provenance {
    Provenance { app: "t".into(), at: "2025-01-01T00:00:00+07:00".into(), file_sha256: sha.into(), file: file.into() }
}

fn villages_link(file: &str, communes: &[&str], villages: &[(u32, &str, &str, u8)]) -> SharePayload {
    let score = ShareScore {
        communes: communes.iter().map(|c| c.to_string()).collect(),
        plan: communes.iter().map(|_| Some(2.0)).collect(),
        commune: villages.iter().map(|v| v.0).collect(),
        village: villages.iter().map(|v| v.1).collect::<Vec<_>>().join("\n"),
        status: villages.iter().map(|v| v.2).collect(),
        readiness: villages.iter().map(|v| v.3).collect(),
    };
    SharePayload { v: 1, provenance: prov(file, file), framework: None, score: Some(score), turnaround: None, summary: None, scenario: vec![] }
}

/// «Xã A» and «xã a» are one commune; «Thôn 1» of A in both links is one
/// village (the first link's), listed as a conflict; B comes from link 2.
#[test]
fn a_village_in_two_links_is_counted_once_and_listed() {
    let a = villages_link("a.xlsx", &["Xã A"], &[(0, "Thôn 1", "0", 90), (0, "Thôn 2", "1", 70)]);
    let b = villages_link("b.xlsx", &["B", "xã a"], &[(0, "Thôn 3", "2", 40), (1, "thôn 1", "2", 30)]);
    let v = share::merge(&[a, b]).expect("merges");
    assert_eq!(v.totals.as_ref().map(|t| (t.units, t.recognized, t.near, t.planned)), Some((3, 1, 1, Some(4.0))));
    let communes: Vec<(&str, usize, usize)> = v.communes.iter().map(|c| (c.commune.as_str(), c.units, c.recognized)).collect();
    assert_eq!(communes, [("Xã A", 2, 1), ("B", 1, 0)]);
    let rows: Vec<(&str, &str, Status)> = v.rows.iter().map(|u| (u.commune.as_str(), u.village.as_str(), u.status)).collect();
    assert_eq!(rows, [("Xã A", "Thôn 1", Status::Recognized), ("Xã A", "Thôn 2", Status::Near), ("B", "Thôn 3", Status::NotRecognized)]);
    assert_eq!(v.conflicts.len(), 1);
    let c = &v.conflicts[0];
    assert_eq!((c.commune.as_str(), c.village.as_str(), c.links.clone(), c.same), ("Xã A", "Thôn 1", vec![1, 2], false));
    assert!(v.payload.turnaround.is_none());
}

#[test]
fn links_that_cannot_be_combined_exactly_are_refused_by_name() {
    let one = merge_link(&workbook(&[0]), "xa-0.xlsx");
    let two = merge_link(&workbook(&[1]), "xa-1.xlsx");
    let (p0, p1) = (SharePayload::decode(&one).expect("decodes"), SharePayload::decode(&two).expect("decodes"));
    let refused = |links: &[SharePayload], says: &str| {
        let e = share::merge(links).expect_err("refused");
        assert_eq!(e.code, "share_merge");
        assert!(e.message.contains(says) && e.message_en.contains(says), "{} / {}", e.message, e.message_en);
    };
    // The QR's summary link.
    refused(&[p0.clone(), p1.summary_only()], "2 (xa-1.xlsx)");
    // A link made before histograms (the plain full link has none).
    let s = Session::open_simple(&workbook(&[1]), "xa-1.xlsx").expect("opens");
    let old = s.share_payload("2025-04-01T08:00:00+07:00", &Default::default(), &opts()).expect("payload");
    refused(&[p0.clone(), old], "2 (xa-1.xlsx)");
    // Different dates.
    let earlier = s
        .share_merge_payload("2025-04-01T08:00:00+07:00", &Default::default(), &TurnaroundOptions { as_of: Some(Date::from_ymd(2025, 2, 28).expect("d")), ..Default::default() })
        .expect("payload");
    refused(&[p0.clone(), earlier], "2025-02-28");
    // The same file twice.
    refused(&[p0.clone(), p1.clone(), p0.clone()], "1 (xa-0.xlsx)");
    refused(&[], "");
    assert!(share::merge(&[p0, p1]).is_ok());
}
