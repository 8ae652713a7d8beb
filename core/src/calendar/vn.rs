//! The built-in Vietnamese civil-servant calendar: statutory holidays by
//! rule, and the official arrangements known so far as data.
//!
//! Every function here works one Gregorian year at a time and returns the
//! year's special days as [`Mark`]s; `mod.rs` turns them into the lookup
//! tables. The rules, their history and their limits are documented in the
//! module docs of `calendar`.

use super::day::Source;
use super::lunar;
use super::{DayKind, Holiday, Mark};
use crate::date::Date;
use std::collections::BTreeMap;

/// Years the official table covers; rules are not consulted for them.
pub(super) const OFFICIAL_YEARS: std::ops::RangeInclusive<i32> = 2023..=2026;

/// What one day of the official table is.
#[derive(Clone, Copy)]
enum Official {
    /// The holiday itself (for Tết: every weekday of the Tết break).
    H(Holiday),
    /// Nghỉ bù for a holiday that fell on a weekend.
    C(Holiday),
    /// A weekday off paid back on the Saturday (day, month).
    Swap(u32, u32),
    /// A Saturday worked to pay back the weekday (day, month).
    MakeUp(u32, u32),
}

use Holiday::*;
use Official::*;

/// One year of the official table.
type OfficialYear = (i32, &'static [(u32, u32, Official)]);

/// Civil-servant weekdays off and make-up Saturdays as announced for each
/// year, copied from the domain brief §3 (which cites the government's
/// notices). Entries are (day, month, what), in the Vietnamese order.
const OFFICIAL: &[OfficialYear] = &[
    (
        2023,
        &[
            (2, 1, C(NewYear)),
            (20, 1, H(LunarNewYear)),
            (23, 1, H(LunarNewYear)),
            (24, 1, H(LunarNewYear)),
            (25, 1, H(LunarNewYear)),
            (26, 1, H(LunarNewYear)),
            (1, 5, H(LabourDay)),
            (2, 5, C(HungKings)),
            (3, 5, C(Reunification)),
            (1, 9, H(NationalDay)),
            (4, 9, C(NationalDay)),
        ],
    ),
    (
        2024,
        &[
            (1, 1, H(NewYear)),
            (8, 2, H(LunarNewYear)),
            (9, 2, H(LunarNewYear)),
            (12, 2, H(LunarNewYear)),
            (13, 2, H(LunarNewYear)),
            (14, 2, H(LunarNewYear)),
            (18, 4, H(HungKings)),
            (29, 4, Swap(4, 5)),
            (30, 4, H(Reunification)),
            (1, 5, H(LabourDay)),
            (4, 5, MakeUp(29, 4)),
            (2, 9, H(NationalDay)),
            (3, 9, H(NationalDay)),
        ],
    ),
    (
        2025,
        &[
            (1, 1, H(NewYear)),
            (27, 1, H(LunarNewYear)),
            (28, 1, H(LunarNewYear)),
            (29, 1, H(LunarNewYear)),
            (30, 1, H(LunarNewYear)),
            (31, 1, H(LunarNewYear)),
            (7, 4, H(HungKings)),
            (26, 4, MakeUp(2, 5)),
            (30, 4, H(Reunification)),
            (1, 5, H(LabourDay)),
            (2, 5, Swap(26, 4)),
            (1, 9, H(NationalDay)),
            (2, 9, H(NationalDay)),
        ],
    ),
    (
        2026,
        &[
            (1, 1, H(NewYear)),
            (2, 1, Swap(10, 1)),
            (10, 1, MakeUp(2, 1)),
            (16, 2, H(LunarNewYear)),
            (17, 2, H(LunarNewYear)),
            (18, 2, H(LunarNewYear)),
            (19, 2, H(LunarNewYear)),
            (20, 2, H(LunarNewYear)),
            (27, 4, C(HungKings)),
            (30, 4, H(Reunification)),
            (1, 5, H(LabourDay)),
            (22, 8, MakeUp(31, 8)),
            (31, 8, Swap(22, 8)),
            (1, 9, H(NationalDay)),
            (2, 9, H(NationalDay)),
            (24, 11, H(CultureDay)),
        ],
    ),
];

/// The 2026 New Year swap: Friday 2/1 off, Saturday 10/1 worked.
const VPCP_12729: Source = Source {
    vi: "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ",
    en: "Government Office letter 12729/VPCP-KGVX of 25/12/2025",
};

/// Vietnam Culture Day (24/11) from 2026. The amendment of art. 112 was set
/// in motion, not yet in force, when this was written: hence a source shown
/// beside it, and an option to switch it off.
pub(super) const CULTURE_DAY_SOURCE: Source = Source {
    vi: "Nghị quyết 30/NQ-CP (tháng 2/2026) của Chính phủ khởi động việc sửa Điều 112 \
         Bộ luật Lao động để thêm ngày này; thư viện python-holidays 0.109 đã liệt kê",
    en: "Government Resolution 30/NQ-CP (February 2026) set in motion the amendment of \
         Labour Code art. 112 adding this day; python-holidays 0.109 lists it",
};

/// Official days whose source is known beyond the domain brief's table:
/// (year, day, month, source).
const OFFICIAL_SOURCES: &[(i32, u32, u32, &Source)] =
    &[(2026, 2, 1, &VPCP_12729), (2026, 10, 1, &VPCP_12729)];

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd(y, m, d)
}

fn mark(kind: DayKind, holiday: Option<Holiday>, partner: Option<Date>) -> Mark {
    Mark {
        kind,
        holiday,
        partner,
        note: String::new(),
        source: (holiday == Some(CultureDay)).then_some(&CULTURE_DAY_SOURCE),
        replaces: None,
    }
}

/// Special days of year `y`: the official table when it covers `y`, else
/// the rules; plus, for information, the holidays that fell on a weekend.
///
/// With `culture_day` off, 24/11 is an ordinary day; on a weekday it is
/// still listed, as a working day that replaces the holiday, so that people
/// see what was switched off.
pub(super) fn year_marks(y: i32, culture_day: bool) -> BTreeMap<Date, Mark> {
    let mut out = official_marks(y, culture_day).unwrap_or_else(|| rule_marks(y, culture_day));
    for (d, h) in nominal_holidays(y, culture_day) {
        if d.is_weekend() {
            out.entry(d)
                .or_insert_with(|| mark(DayKind::Holiday, Some(h), None));
        }
    }
    if !culture_day {
        if let Some(d) = culture_day_date(y).filter(|d| !d.is_weekend()) {
            let mut m = mark(DayKind::Working, Some(CultureDay), None);
            m.replaces = Some(DayKind::Holiday);
            out.insert(d, m);
        }
    }
    out
}

/// 24/11 of `y` if it is Vietnam Culture Day (2026 on).
fn culture_day_date(y: i32) -> Option<Date> {
    if y >= 2026 {
        ymd(y, 11, 24)
    } else {
        None
    }
}

/// The official table's days for `y`, or `None` if the table lacks `y`.
pub(super) fn official_marks(y: i32, culture_day: bool) -> Option<BTreeMap<Date, Mark>> {
    if !OFFICIAL_YEARS.contains(&y) {
        return None;
    }
    let (_, days) = OFFICIAL.iter().find(|(year, _)| *year == y)?;
    let mut out = BTreeMap::new();
    for &(d, m, what) in days.iter() {
        if let (false, H(CultureDay) | C(CultureDay)) = (culture_day, what) {
            continue;
        }
        let date = ymd(y, m, d)?;
        let mut mk = match what {
            H(h) => mark(DayKind::Holiday, Some(h), None),
            C(h) => mark(DayKind::Compensatory, Some(h), None),
            Swap(pd, pm) => mark(DayKind::SwappedOff, None, ymd(y, pm, pd)),
            MakeUp(pd, pm) => mark(DayKind::MakeUp, None, ymd(y, pm, pd)),
        };
        if let Some(&(.., src)) = OFFICIAL_SOURCES
            .iter()
            .find(|&&(sy, sd, sm, _)| (sy, sd, sm) == (y, d, m))
        {
            mk.source = Some(src);
        }
        out.insert(date, mk);
    }
    Some(out)
}

/// Length of the Tết break in law: 4 days under the 1994 Labour Code, 5
/// since the 2012 Code (in force 1 May 2013, so first applied to Tết 2014).
fn tet_days(y: i32) -> i32 {
    if y >= 2014 {
        5
    } else {
        4
    }
}

/// The nominal holiday dates of year `y` (before any weekend compensation);
/// Vietnam Culture Day only when `culture_day` is on.
pub(super) fn nominal_holidays(y: i32, culture_day: bool) -> Vec<(Date, Holiday)> {
    let mut out = Vec::new();
    if let Some(t) = lunar::tet(y) {
        // The break is the last day of the old year plus lunar 1/1, 1/2, …
        for i in -1..tet_days(y) - 1 {
            out.push((t.add_days(i), LunarNewYear));
        }
    }
    let fixed = [
        (1, 1, NewYear, true),
        (30, 4, Reunification, true),
        (1, 5, LabourDay, true),
        (2, 9, NationalDay, true),
        // Added by the amended Labour Code from 2026 on.
        (24, 11, CultureDay, culture_day && y >= 2026),
    ];
    for (d, m, h, applies) in fixed {
        if let (true, Some(date)) = (applies, ymd(y, m, d)) {
            out.push((date, h));
        }
    }
    // Giỗ Tổ Hùng Vương became a paid holiday with the 2007 amendment.
    if y >= 2007 {
        if let Some(h) = lunar::hung_kings(y) {
            out.push((h, HungKings));
        }
    }
    out.sort();
    out
}

/// The five (before 2014: four) weekdays off for Tết whose nominal break
/// starts the day before `tet`.
///
/// Weekend days inside the nominal break are paid back with weekdays joined
/// to it. Of the ways to place them, the chosen one (in this order):
/// 1. leaves at least the two days before lunar 1/1 off (tất niên: 2023 gave
///    Friday 20/1 rather than make 23–27/1 a full week);
/// 2. gives the longest unbroken rest (2025 took Monday 27/1, completing a
///    Monday–Friday week, rather than Monday 3/2);
/// 3. puts half of the extra days before the break, the odd one first.
///
/// This reproduces the announced breaks of 2019–2026 (tests pin them).
pub(super) fn tet_weekdays(tet: Date, days: i32) -> Vec<Date> {
    let first = tet.add_days(-1);
    let last = first.add_days(days - 1);
    let core: Vec<Date> = (0..days)
        .map(|i| first.add_days(i))
        .filter(|d| !d.is_weekend())
        .collect();
    let extra = days as usize - core.len();
    let prefer_before = extra.div_ceil(2);
    // (eve rule met, run length, closeness to the balanced split)
    type Score = (bool, usize, std::cmp::Reverse<usize>);
    let mut best: Option<(Score, Vec<Date>)> = None;
    for before in 0..=extra {
        let mut set = core.clone();
        let mut d = first;
        for _ in 0..before {
            d = step_weekday(d, -1);
            set.push(d);
        }
        let mut d = last;
        for _ in before..extra {
            d = step_weekday(d, 1);
            set.push(d);
        }
        set.sort();
        let (eve, run) = rest_around(tet, &set);
        let score = (
            eve >= 2,
            run,
            std::cmp::Reverse(before.abs_diff(prefer_before)),
        );
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, set));
        }
    }
    best.map(|(_, set)| set).unwrap_or(core)
}

fn step_weekday(mut d: Date, dir: i32) -> Date {
    loop {
        d = d.add_days(dir);
        if !d.is_weekend() {
            return d;
        }
    }
}

/// Days off just before `day`, and the length of the whole run of
/// consecutive days off (weekends or `off`) around it.
fn rest_around(day: Date, off: &[Date]) -> (usize, usize) {
    let is_off = |d: Date| d.is_weekend() || off.binary_search(&d).is_ok();
    let mut before = 0;
    let mut d = day.add_days(-1);
    while is_off(d) {
        before += 1;
        d = d.add_days(-1);
    }
    let mut after = 0;
    let mut d = day.add_days(1);
    while is_off(d) {
        after += 1;
        d = d.add_days(1);
    }
    (before, before + 1 + after)
}

/// The day added to National Day since 2021: 1/9, unless 1/9 is a weekend
/// day or 2/9 is a Thursday, then 3/9. This keeps the pair on weekdays and
/// joins it to the weekend when it can; it matches 2021–2026.
pub(super) fn national_day_extra(y: i32) -> Option<Date> {
    let sep2 = ymd(y, 9, 2)?;
    let day = match sep2.weekday() {
        1 | 4 | 7 => 3,
        _ => 1,
    };
    ymd(y, 9, day)
}

/// Rule-computed special days of year `y`.
pub(super) fn rule_marks(y: i32, culture_day: bool) -> BTreeMap<Date, Mark> {
    let mut out = BTreeMap::new();
    if let Some(t) = lunar::tet(y) {
        for d in tet_weekdays(t, tet_days(y)) {
            out.insert(d, mark(DayKind::Holiday, Some(LunarNewYear), None));
        }
    }
    let singles: Vec<(Date, Holiday)> = nominal_holidays(y, culture_day)
        .into_iter()
        .filter(|(_, h)| *h != LunarNewYear)
        .collect();
    for &(d, h) in &singles {
        if !d.is_weekend() {
            out.insert(d, mark(DayKind::Holiday, Some(h), None));
        }
    }
    if y >= 2021 {
        if let Some(d) = national_day_extra(y) {
            out.insert(d, mark(DayKind::Holiday, Some(NationalDay), None));
        }
    }
    // All holidays are placed first so that nghỉ bù skips every one of them
    // (2023: Hùng Kings' Saturday is paid back on 2/5 because 1/5 is taken).
    for &(d, h) in &singles {
        if d.is_weekend() {
            let mut c = d.add_days(1);
            while c.is_weekend() || out.contains_key(&c) {
                c = c.add_days(1);
            }
            out.insert(c, mark(DayKind::Compensatory, Some(h), None));
        }
    }
    out
}
