//! Calendar tests: the official table cell by cell, hand-checked dossiers,
//! rule years against remembered notices, and properties of the counting.

use super::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("test literal")
}

fn vn() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::vietnam)
}

/// The domain brief's table, as printed there (dd/mm, ranges with "–").
const DOMAIN_TABLE: &[(i32, &str, &str)] = &[
    (
        2023,
        "02/01; 20/01, 23–26/01; 01/05, 02/05, 03/05; 01/09, 04/09",
        "—",
    ),
    (
        2024,
        "01/01; 08/02, 09/02, 12–14/02; 18/04; 29/04, 30/04, 01/05; 02/09, 03/09",
        "04/05",
    ),
    (
        2025,
        "01/01; 27–31/01; 07/04; 30/04, 01/05, 02/05; 01/09, 02/09",
        "26/04",
    ),
    (
        2026,
        "01/01, 02/01; 16–20/02; 27/04; 30/04, 01/05; 31/08, 01/09, 02/09; 24/11",
        "10/01, 22/08",
    ),
];

fn parse_doc_days(year: i32, text: &str) -> BTreeSet<Date> {
    let mut out = BTreeSet::new();
    for item in text
        .split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "—")
    {
        let (days, month) = item.split_once('/').expect("dd/mm");
        let month: u32 = month.parse().expect("month");
        let (a, b) = days.split_once('–').unwrap_or((days, days));
        let (a, b): (u32, u32) = (a.parse().expect("day"), b.parse().expect("day"));
        for day in a..=b {
            out.insert(Date::from_ymd(year, month, day).expect("real date"));
        }
    }
    out
}

fn year_days(year: i32) -> impl Iterator<Item = Date> {
    let first = Date::from_ymd(year, 1, 1).expect("year").0;
    let last = Date::from_ymd(year, 12, 31).expect("year").0;
    (first..=last).map(Date)
}

#[test]
fn table_constants() {
    assert_eq!(Date::from_ymd(FIRST_YEAR, 1, 1), Some(Date(TABLE_FIRST)));
    assert_eq!(Date::from_ymd(LAST_YEAR, 12, 31), Some(Date(TABLE_LAST)));
    assert_eq!(
        Date(-3).weekday(),
        1,
        "weekdays_before counts from a Monday"
    );
}

#[test]
fn official_years_equal_the_domain_table_exactly() {
    for &(year, off, makeup) in DOMAIN_TABLE {
        let off = parse_doc_days(year, off);
        let makeup = parse_doc_days(year, makeup);
        for day in year_days(year) {
            let w = vn().is_working_day(day);
            match day.weekday() {
                1..=5 => assert_eq!(!w, off.contains(&day), "{day} weekday"),
                6 => assert_eq!(w, makeup.contains(&day), "{day} Saturday"),
                _ => assert!(!w, "{day} Sunday"),
            }
        }
        // days_off lists exactly the table for these years.
        let listed: BTreeSet<Date> = vn().days_off(year).iter().map(|i| i.date).collect();
        let want: BTreeSet<Date> = off.union(&makeup).copied().collect();
        assert_eq!(listed, want, "{year}");
    }
}

#[test]
fn rules_miss_only_the_four_discretionary_swaps() {
    let mut diff = BTreeSet::new();
    for year in vn::OFFICIAL_YEARS {
        let rule = vn::rule_marks(year, true);
        let official = vn::official_marks(year, true).expect("official year");
        for day in year_days(year) {
            let status = |m: &BTreeMap<Date, Mark>| {
                m.get(&day)
                    .map_or(!day.is_weekend(), |m| m.kind.is_working())
            };
            if status(&rule) != status(&official) {
                diff.insert(day.to_string());
            }
        }
    }
    let want = [
        "2024-04-29",
        "2024-05-04",
        "2025-04-26",
        "2025-05-02",
        "2026-01-02",
        "2026-01-10",
        "2026-08-22",
        "2026-08-31",
    ];
    assert_eq!(diff, want.iter().map(|s| s.to_string()).collect());
}

#[test]
fn rule_years_match_known_arrangements() {
    // Weekdays off in windows whose civil-servant arrangement is well known
    // (none of these years had a discretionary swap in these windows).
    let cases: &[(&str, &str, &[&str])] = &[
        // Tết 2019 (Tue 5/2): Mon 4/2 – Fri 8/2.
        (
            "2019-01-28",
            "2019-02-15",
            &[
                "2019-02-04",
                "2019-02-05",
                "2019-02-06",
                "2019-02-07",
                "2019-02-08",
            ],
        ),
        // Tết 2020 (Sat 25/1): Thu 23/1 – Wed 29/1.
        (
            "2020-01-20",
            "2020-02-07",
            &[
                "2020-01-23",
                "2020-01-24",
                "2020-01-27",
                "2020-01-28",
                "2020-01-29",
            ],
        ),
        // Tết 2021 (Fri 12/2): Wed 10/2 – Tue 16/2.
        (
            "2021-02-01",
            "2021-02-26",
            &[
                "2021-02-10",
                "2021-02-11",
                "2021-02-12",
                "2021-02-15",
                "2021-02-16",
            ],
        ),
        // 30/4 Fri, 1/5 Sat -> nghỉ bù Mon 3/5; 2/9 Thu + Fri 3/9.
        ("2021-04-26", "2021-05-07", &["2021-04-30", "2021-05-03"]),
        ("2021-08-30", "2021-09-10", &["2021-09-02", "2021-09-03"]),
        // 2022: 1/1 Sat -> Mon 3/1; Tết (Tue 1/2): Mon 31/1 – Fri 4/2;
        // Hùng Kings Sun 10/4 -> Mon 11/4; 30/4 Sat, 1/5 Sun -> Mon 2/5, Tue 3/5;
        // 2/9 Fri + Thu 1/9.
        ("2022-01-01", "2022-01-14", &["2022-01-03"]),
        (
            "2022-01-24",
            "2022-02-11",
            &[
                "2022-01-31",
                "2022-02-01",
                "2022-02-02",
                "2022-02-03",
                "2022-02-04",
            ],
        ),
        ("2022-04-04", "2022-04-15", &["2022-04-11"]),
        ("2022-04-25", "2022-05-13", &["2022-05-02", "2022-05-03"]),
        ("2022-08-29", "2022-09-09", &["2022-09-01", "2022-09-02"]),
        // Before 2021 National Day was one day: 2/9/2020 was a Wednesday.
        ("2020-08-31", "2020-09-04", &["2020-09-02"]),
    ];
    for &(from, to, off) in cases {
        for z in d(from).0..=d(to).0 {
            let day = Date(z);
            let want_off = day.is_weekend() || off.contains(&day.to_string().as_str());
            assert_eq!(vn().is_working_day(day), !want_off, "{day}");
        }
    }
}

#[test]
fn golden_dossiers() {
    let cal = vn();
    let wd = |a: &str, b: &str| cal.working_days_between(d(a), d(b));
    // Received Wed 7/2/2024, done Thu 15/2: 8, 9, 12, 13, 14 Tết, 10-11 weekend.
    assert_eq!(wd("2024-02-07", "2024-02-15"), 1);
    assert_eq!(wd("2024-02-15", "2024-02-07"), -1);
    // Fri 3/5/2024 -> Mon 6/5: Saturday 4/5 was worked.
    assert_eq!(wd("2024-05-03", "2024-05-06"), 2);
    // Fri 26/4/2024 -> Mon 6/5: 29/4 (swapped), 30/4, 1/5 off; 2, 3, 4 (Sat), 6.
    assert_eq!(wd("2024-04-26", "2024-05-06"), 4);
    // Thu 19/1/2023 -> Mon 30/1: 20, 23–26 off; 27 and 30 worked.
    assert_eq!(wd("2023-01-19", "2023-01-30"), 2);
    // Fri 25/4/2025 -> Mon 28/4: Saturday 26/4 worked.
    assert_eq!(wd("2025-04-25", "2025-04-28"), 2);
    // Fri 28/8/2026 -> Fri 4/9: 31/8 swapped, 1–2/9 National Day; 3 and 4 worked.
    assert_eq!(wd("2026-08-28", "2026-09-04"), 2);
    // Same day is 0; a plain week is 5.
    assert_eq!(wd("2024-03-05", "2024-03-05"), 0);
    assert_eq!(wd("2024-03-01", "2024-03-08"), 5);
    // Without holidays the Tết dossier spans six working days.
    assert_eq!(
        Calendar::weekends_only().working_days_between(d("2024-02-07"), d("2024-02-15")),
        6
    );

    // Deadlines: 3 working days from Fri 26/4/2024 ends on the make-up Saturday.
    assert_eq!(cal.add_working_days(d("2024-04-26"), 3), d("2024-05-04"));
    assert_eq!(cal.add_working_days(d("2024-02-07"), 1), d("2024-02-15"));
    assert_eq!(cal.add_working_days(d("2024-02-07"), 0), d("2024-02-07"));
    // From a day off the count starts with the next working day.
    assert_eq!(cal.add_working_days(d("2024-02-10"), 1), d("2024-02-15"));
}

#[test]
fn rule_year_2027() {
    // Tết 2027 is Saturday 6/2; nominal break Fri 5/2 – Tue 9/2; the two
    // weekend days go to Thu 4/2 and Wed 10/2 (rule; not yet announced).
    let off: Vec<String> = vn()
        .days_off(2027)
        .iter()
        .map(|i| i.date.to_string())
        .collect();
    let want = [
        "2027-01-01",
        "2027-02-04",
        "2027-02-05",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
        // Hùng Kings 16/4/2027 (Fri); 30/4 Fri; 1/5 Sat -> Mon 3/5;
        "2027-04-16",
        "2027-04-30",
        "2027-05-03",
        // 2/9 Thu + Fri 3/9; 24/11 Wed.
        "2027-09-02",
        "2027-09-03",
        "2027-11-24",
    ];
    assert_eq!(off, want);
}

#[test]
fn day_info_reasons() {
    let cal = vn();
    let i = cal.day_info(d("2024-02-12"));
    assert_eq!(
        (i.working, i.kind, i.holiday),
        (false, DayKind::Holiday, Some(Holiday::LunarNewYear))
    );
    assert_eq!(
        (i.reason_vi.as_str(), i.reason_en.as_str()),
        ("Tết Nguyên đán", "Lunar New Year")
    );
    let i = cal.day_info(d("2024-05-04"));
    assert_eq!((i.working, i.kind), (true, DayKind::MakeUp));
    assert_eq!(i.reason_vi, "Làm bù cho ngày nghỉ 29/04/2024");
    assert_eq!(i.reason_en, "Make-up working Saturday for 2024-04-29");
    let i = cal.day_info(d("2024-04-29"));
    assert_eq!((i.working, i.kind), (false, DayKind::SwappedOff));
    let i = cal.day_info(d("2023-05-02"));
    assert_eq!(
        (i.kind, i.holiday),
        (DayKind::Compensatory, Some(Holiday::HungKings))
    );
    assert!(i.reason_vi.starts_with("Nghỉ bù") && i.reason_en.starts_with("Compensatory day off"));
    // A holiday on a weekend is shown as such but not listed by days_off.
    let i = cal.day_info(d("2023-04-29"));
    assert_eq!(
        (i.working, i.kind, i.holiday),
        (false, DayKind::Holiday, Some(Holiday::HungKings))
    );
    assert!(!cal.days_off(2023).iter().any(|x| x.date == d("2023-04-29")));
    assert_eq!(cal.day_info(d("2024-03-05")).kind, DayKind::Working);
    assert_eq!(
        cal.day_info(d("2024-03-09")).reason_en,
        "Weekend (Saturday)"
    );
    // Far outside the table: weekend rule, and nothing panics.
    assert!(cal.is_working_day(d("2200-01-01")), "a Wednesday");
    assert!(!cal.is_working_day(d("2200-01-04")), "a Saturday");
    assert_eq!(
        cal.working_days_between(d("2199-12-31"), d("2200-01-07")),
        5
    );
    assert_eq!(cal.day_info(Date(i32::MAX)).kind, DayKind::Working);
    assert!(cal.days_off(i32::MAX).is_empty() && cal.days_off(i32::MIN).is_empty());
}

#[test]
fn extension_overrides_and_json_round_trip() {
    let ext = CalendarExtension {
        days_off: vec![UserDay {
            date: d("2027-02-11"),
            note: "Nghỉ Tết thêm".into(),
        }],
        workdays: vec![UserDay {
            date: d("2027-02-20"),
            note: String::new(),
        }],
    };
    let cal = Calendar::vietnam().with_extension(&ext);
    assert_eq!(cal.name(), "vn");
    assert!(!cal.is_working_day(d("2027-02-11")) && cal.is_working_day(d("2027-02-20")));
    let i = cal.day_info(d("2027-02-11"));
    assert_eq!(i.kind, DayKind::UserOff);
    assert_eq!(i.reason_vi, "Ngày nghỉ do người dùng thêm: Nghỉ Tết thêm");
    assert_eq!(i.reason_en, "User day off: Nghỉ Tết thêm");
    assert_eq!(cal.day_info(d("2027-02-20")).reason_en, "User working day");
    // Tết 2027 by rule: 4, 5, 8, 9, 10 off. Base (3/2, 19/2]: 11, 12, 15–19;
    // with the user's days the 11th is off; (3/2, 22/2] adds the 20th and 22nd.
    assert_eq!(
        vn().working_days_between(d("2027-02-03"), d("2027-02-19")),
        7
    );
    assert_eq!(
        cal.working_days_between(d("2027-02-03"), d("2027-02-19")),
        6
    );
    assert_eq!(
        vn().working_days_between(d("2027-02-03"), d("2027-02-22")),
        8
    );
    assert_eq!(
        cal.working_days_between(d("2027-02-03"), d("2027-02-22")),
        8
    );

    let json = serde_json::to_string(&cal).expect("serialise");
    assert_eq!(
        json,
        r#"{"base":"vn","days_off":[{"date":"2027-02-11","note":"Nghỉ Tết thêm"}],"workdays":[{"date":"2027-02-20","note":""}]}"#
    );
    let back: Calendar = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, cal);
    assert!(!back.is_working_day(d("2027-02-11")));
    let plain: Calendar = serde_json::from_str(r#"{"base":"weekends"}"#).expect("parse");
    assert_eq!(plain.name(), "weekends");
    assert!(plain.is_working_day(d("2024-02-12")));
    let bad = serde_json::from_str::<Calendar>(r#"{"base":"mars"}"#).expect_err("unknown base");
    assert!(bad.to_string().contains("unknown base calendar"));
    // A later extension overrides an earlier one.
    let undo = CalendarExtension {
        workdays: vec![UserDay {
            date: d("2027-02-11"),
            note: String::new(),
        }],
        ..Default::default()
    };
    assert!(cal
        .clone()
        .with_extension(&undo)
        .is_working_day(d("2027-02-11")));
    // User days outside the table count too.
    let far = CalendarExtension {
        days_off: vec![UserDay {
            date: d("2150-01-05"),
            note: String::new(),
        }],
        workdays: vec![UserDay {
            date: d("1980-01-05"),
            note: String::new(),
        }],
    };
    let cal = Calendar::weekends_only().with_extension(&far);
    assert_eq!(
        cal.working_days_between(d("2150-01-04"), d("2150-01-06")),
        1
    );
    assert_eq!(
        cal.working_days_between(d("1980-01-04"), d("1980-01-07")),
        2
    );
    assert_eq!(cal.add_working_days(d("2150-01-04"), 1), d("2150-01-06"));
    assert_eq!(cal.add_working_days(d("1980-01-04"), 1), d("1980-01-05"));
    assert_eq!(cal.days_off(2150).len(), 1);
}

#[test]
fn yearly_totals_follow_the_law() {
    // Every statutory holiday costs exactly one weekday (weekend ones are paid
    // back, swaps net to zero), so a year's working days are its weekdays
    // minus its holiday count: 249–250 now, 248–250 from 2026.
    for year in FIRST_YEAR..=LAST_YEAR {
        let first = Date::from_ymd(year, 1, 1).expect("year");
        let last = Date::from_ymd(year, 12, 31).expect("year");
        let weekdays = year_days(year).filter(|x| !x.is_weekend()).count() as i32;
        let holidays = if year >= 2014 { 5 } else { 4 }
            + 4
            + i32::from(year >= 2007)
            + i32::from(year >= 2021)
            + i32::from(year >= 2026);
        let n = vn().working_days_between(first.add_days(-1), last);
        assert_eq!(n, weekdays - holidays, "{year}");
        assert!((245..=254).contains(&n), "{year}: {n}");
        for info in vn().days_off(year) {
            assert_eq!(
                info.working,
                vn().is_working_day(info.date),
                "{}",
                info.date
            );
            assert_eq!(info.working, info.date.is_weekend(), "{}", info.date);
        }
    }
}

#[test]
fn extreme_inputs_do_not_panic() {
    let cal = vn();
    let (lo, hi) = (Date(i32::MIN), Date(i32::MAX));
    let n = cal.working_days_between(lo, hi);
    assert!(n > 1_000_000_000);
    assert_eq!(cal.working_days_between(hi, lo), -n);
    assert_eq!(cal.add_working_days(hi, u32::MAX), Date(DATE_LIMIT as i32));
    assert_eq!(cal.add_working_days(lo, 1), Date(-DATE_LIMIT as i32));
    let far = cal.add_working_days(d("2024-01-01"), u32::MAX);
    assert_eq!(far, Date(DATE_LIMIT as i32));
    let a = d("2024-01-01");
    let b = cal.add_working_days(a, 1_000_000);
    assert_eq!(cal.working_days_between(a, b), 1_000_000);
}

#[test]
fn a_million_counts_are_fast_and_agree_with_day_by_day() {
    let cal = vn();
    let base = d("2019-01-01").0;
    let mut total: i64 = 0;
    let start = std::time::Instant::now();
    for i in 0..1_000_000i32 {
        let a = Date(base + (i.wrapping_mul(7919)).rem_euclid(2500));
        let b = Date(a.0 + i % 45);
        total += i64::from(cal.working_days_between(a, b));
    }
    let elapsed = start.elapsed();
    assert!(total > 0);
    // Generous even for an unoptimised build on a busy machine.
    assert!(elapsed.as_secs() < 5, "{elapsed:?}");
}

fn naive_between(cal: &Calendar, a: Date, b: Date) -> i32 {
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    sign * (lo.0 + 1..=hi.0)
        .filter(|&z| cal.is_working_day(Date(z)))
        .count() as i32
}

/// Days from 1985 to 2106, plus a few far outside the table.
fn any_day() -> impl Strategy<Value = Date> {
    prop_oneof![
        8 => (5_479i32..50_000).prop_map(Date),
        1 => (-2_000_000i32..2_000_000).prop_map(Date),
    ]
}

proptest! {
    #[test]
    fn counts_add_up(a in any_day(), b in any_day(), c in any_day()) {
        let cal = vn();
        prop_assert_eq!(
            cal.working_days_between(a, b) + cal.working_days_between(b, c),
            cal.working_days_between(a, c)
        );
        prop_assert_eq!(cal.working_days_between(a, b), -cal.working_days_between(b, a));
    }

    #[test]
    fn counts_match_day_by_day(a in 5_400i32..48_000, span in -800i32..800) {
        let (a, b) = (Date(a), Date(a + span));
        prop_assert_eq!(vn().working_days_between(a, b), naive_between(vn(), a, b));
    }

    #[test]
    fn add_then_count(a in any_day(), k in 0u32..3_000) {
        let cal = vn();
        let r = cal.add_working_days(a, k);
        prop_assert_eq!(cal.working_days_between(a, r), k as i32);
        if k > 0 {
            prop_assert!(r > a);
            prop_assert!(cal.is_working_day(r));
            // Smallest such date: the day before still counts k - 1.
            prop_assert_eq!(cal.working_days_between(a, r.add_days(-1)), k as i32 - 1);
        } else {
            prop_assert_eq!(r, a);
        }
    }

    #[test]
    fn user_days_keep_counting_consistent(
        offs in prop::collection::vec(any_day(), 0..6),
        works in prop::collection::vec(any_day(), 0..6),
        a in any_day(), span in -1_500i32..1_500, k in 0u32..500,
    ) {
        let ext = CalendarExtension {
            days_off: offs.iter().map(|&date| UserDay { date, note: String::new() }).collect(),
            workdays: works.iter().map(|&date| UserDay { date, note: String::new() }).collect(),
        };
        let cal = Calendar::vietnam().with_extension(&ext);
        for u in &ext.days_off {
            prop_assert!(!cal.is_working_day(u.date));
        }
        let b = Date(a.0 + span);
        prop_assert_eq!(cal.working_days_between(a, b), naive_between(&cal, a, b));
        let r = cal.add_working_days(a, k);
        prop_assert_eq!(cal.working_days_between(a, r), k as i32);
    }
}

#[test]
fn new_year_swap_2026() {
    let cal = vn();
    let wd = |a: &str, b: &str| cal.working_days_between(d(a), d(b));
    // Wed 31/12/2025 -> Mon 12/1/2026: Thu 1/1 holiday, Fri 2/1 swapped off,
    // 3–4 weekend; Mon 5 – Fri 9 (5), Sat 10 made up (1), Sun 11, Mon 12 (1).
    assert_eq!(wd("2025-12-31", "2026-01-12"), 7);
    // The swap shows inside the span: Fri 9/1 is the 5th working day, not
    // the 6th as it would be with 2/1 worked.
    assert_eq!(wd("2025-12-31", "2026-01-09"), 5);
    assert_eq!(wd("2025-12-31", "2026-01-10"), 6);
    assert_eq!(wd("2026-01-09", "2026-01-12"), 2);
    assert_eq!(cal.add_working_days(d("2025-12-31"), 1), d("2026-01-05"));
    assert_eq!(cal.add_working_days(d("2025-12-31"), 6), d("2026-01-10"));
    let off = cal.day_info(d("2026-01-02"));
    assert_eq!((off.working, off.kind), (false, DayKind::SwappedOff));
    assert_eq!(off.reason_vi, "Nghỉ hoán đổi, làm bù Thứ Bảy 10/01/2026");
    let src = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ";
    assert_eq!(off.source_vi.as_deref(), Some(src));
    assert_eq!(
        off.source_en.as_deref(),
        Some("Government Office letter 12729/VPCP-KGVX of 25/12/2025")
    );
    let sat = cal.day_info(d("2026-01-10"));
    assert_eq!((sat.working, sat.kind), (true, DayKind::MakeUp));
    assert_eq!(sat.reason_en, "Make-up working Saturday for 2026-01-02");
    assert_eq!(sat.source_vi.as_deref(), Some(src));
    // Days without a known source beyond the table carry none.
    assert_eq!(cal.day_info(d("2026-08-31")).source_vi, None);
    assert_eq!(cal.day_info(d("2026-01-01")).source_vi, None);
}

#[test]
fn users_remove_holidays_with_a_working_row() {
    let (ext, problems) = CalendarExtension::from_rows([
        (d("2026-01-01"), "Làm việc", "Trực"),
        (d("2026-01-02"), "Working", ""),
        (d("2026-04-27"), "làm việc", ""),
        (d("2026-01-10"), "Nghỉ", ""),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    let cal = Calendar::vietnam().with_extension(&ext);
    // 1/1 holiday, 2/1 swapped day and 27/4 nghỉ bù are now working days;
    // the make-up Saturday 10/1 is a day off.
    for day in ["2026-01-01", "2026-01-02", "2026-04-27"] {
        assert!(cal.is_working_day(d(day)), "{day}");
    }
    assert!(!cal.is_working_day(d("2026-01-10")));
    // Wed 31/12/2025 -> Fri 2/1/2026: 0 built in, 2 with the user's rows.
    assert_eq!(
        vn().working_days_between(d("2025-12-31"), d("2026-01-02")),
        0
    );
    assert_eq!(
        cal.working_days_between(d("2025-12-31"), d("2026-01-02")),
        2
    );
    // -> Mon 12/1: 1, 2, 5–9, 12 (the 10th no longer worked) = 8.
    assert_eq!(
        cal.working_days_between(d("2025-12-31"), d("2026-01-12")),
        8
    );

    let i = cal.day_info(d("2026-01-01"));
    assert_eq!(
        (i.working, i.kind, i.holiday, i.replaces),
        (
            true,
            DayKind::UserWorkday,
            Some(Holiday::NewYear),
            Some(DayKind::Holiday)
        )
    );
    assert_eq!(
        i.reason_vi,
        "Tết Dương lịch — người dùng bỏ ngày nghỉ, tính là ngày làm việc: Trực"
    );
    assert_eq!(
        i.reason_en,
        "New Year's Day — removed by user, counted as a working day: Trực"
    );
    let i = cal.day_info(d("2026-04-27"));
    assert_eq!(i.replaces, Some(DayKind::Compensatory));
    assert_eq!(
        i.reason_en,
        "Compensatory day off for Hùng Kings' Commemoration Day — removed by user, counted as a working day"
    );
    let i = cal.day_info(d("2026-01-02"));
    assert!(i
        .reason_en
        .starts_with("Swapped day off, made up on Saturday 2026-01-10 — removed by user"));
    assert!(i.source_en.is_some(), "keeps the letter it came from");
    let i = cal.day_info(d("2026-01-10"));
    assert_eq!(
        (i.working, i.kind, i.replaces),
        (false, DayKind::UserOff, Some(DayKind::MakeUp))
    );
    assert!(i
        .reason_en
        .ends_with("— removed by user, counted as a day off"));
    // All four are listed among the year's special days, with the reason.
    let listed: Vec<(String, bool)> = cal
        .days_off(2026)
        .into_iter()
        .filter(|x| x.replaces.is_some())
        .map(|x| (x.date.to_string(), x.working))
        .collect();
    assert_eq!(
        listed,
        [
            ("2026-01-01".to_string(), true),
            ("2026-01-02".to_string(), true),
            ("2026-01-10".to_string(), false),
            ("2026-04-27".to_string(), true),
        ]
    );
    // A «Làm việc» row on an ordinary weekday changes nothing and is not listed.
    let (plain, _) = CalendarExtension::from_rows([(d("2026-03-03"), "Làm việc", "")]);
    let cal = Calendar::vietnam().with_extension(&plain);
    assert_eq!(cal.days_off(2026), vn().days_off(2026));
}

#[test]
fn culture_day_has_a_source_and_can_be_switched_off() {
    let on = vn();
    let off = Calendar::vietnam().with_culture_day(false);
    assert!(on.culture_day() && !off.culture_day());
    // Mon 23/11/2026 -> Wed 25/11: Tue 24/11 off by default.
    assert_eq!(on.working_days_between(d("2026-11-23"), d("2026-11-25")), 1);
    assert_eq!(
        off.working_days_between(d("2026-11-23"), d("2026-11-25")),
        2
    );
    let i = on.day_info(d("2026-11-24"));
    assert_eq!(
        (i.working, i.kind, i.holiday),
        (false, DayKind::Holiday, Some(Holiday::CultureDay))
    );
    assert!(i
        .source_vi
        .as_deref()
        .is_some_and(|s| s.contains("30/NQ-CP")));
    let en = i.source_en.expect("source");
    assert!(
        en.contains("30/NQ-CP") && en.contains("python-holidays 0.109"),
        "{en}"
    );
    // Switched off, 24/11 is still listed, as a working day, with its source.
    let i = off.day_info(d("2026-11-24"));
    assert_eq!(
        (i.working, i.kind, i.holiday, i.replaces),
        (
            true,
            DayKind::Working,
            Some(Holiday::CultureDay),
            Some(DayKind::Holiday)
        )
    );
    assert_eq!(
        i.reason_en,
        "Vietnam Culture Day (24 November) — switched off in the options, counted as a working day"
    );
    assert!(i.source_vi.is_some());
    assert!(off
        .days_off(2026)
        .iter()
        .any(|x| x.date == d("2026-11-24") && x.working));
    // Nothing else moves.
    let others = |c: &Calendar| -> Vec<DayInfo> {
        c.days_off(2026)
            .into_iter()
            .filter(|x| x.date != d("2026-11-24"))
            .collect()
    };
    assert_eq!(others(on), others(&off));
    // A rule year: Saturday 24/11/2029 is paid back on Monday 26/11, with the
    // source; switched off, the Monday is worked.
    let i = on.day_info(d("2029-11-26"));
    assert_eq!(
        (i.kind, i.holiday),
        (DayKind::Compensatory, Some(Holiday::CultureDay))
    );
    assert!(i.source_en.is_some());
    assert!(off.is_working_day(d("2029-11-26")));
    assert_eq!(off.day_info(d("2029-11-24")).kind, DayKind::Weekend);
    // A year has one holiday fewer.
    for year in [2026, 2027, 2029] {
        let (a, b) = (
            Date::from_ymd(year - 1, 12, 31).expect("y"),
            Date::from_ymd(year, 12, 31).expect("y"),
        );
        assert_eq!(
            off.working_days_between(a, b),
            on.working_days_between(a, b) + 1,
            "{year}"
        );
    }
    // Before 2026 the option changes nothing.
    assert_eq!(off.days_off(2025), on.days_off(2025));
    // Stacked with user days either way round, and through JSON.
    let ext = CalendarExtension {
        days_off: vec![UserDay {
            date: d("2026-11-23"),
            note: String::new(),
        }],
        ..Default::default()
    };
    let a = Calendar::vietnam()
        .with_extension(&ext)
        .with_culture_day(false);
    let b = Calendar::vietnam()
        .with_culture_day(false)
        .with_extension(&ext);
    assert_eq!(a, b);
    assert_eq!(a.working_days_between(d("2026-11-20"), d("2026-11-25")), 2);
    let json = serde_json::to_string(&a).expect("serialise");
    assert_eq!(
        json,
        r#"{"base":"vn","culture_day":false,"days_off":[{"date":"2026-11-23","note":""}],"workdays":[]}"#
    );
    let back: Calendar = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, a);
    assert!(back.is_working_day(d("2026-11-24")));
    // A user «Làm việc» row on 24/11 has the same effect, said differently.
    let (row, _) = CalendarExtension::from_rows([(d("2026-11-24"), "Làm việc", "")]);
    let by_row = Calendar::vietnam().with_extension(&row);
    assert!(by_row.is_working_day(d("2026-11-24")));
    assert!(by_row
        .day_info(d("2026-11-24"))
        .reason_en
        .contains("removed by user"));
}
