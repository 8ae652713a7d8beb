//! Working-day calendars: which days count when a deadline or a turnaround
//! is measured in working days (ngày làm việc).
//!
//! A [`Calendar`] is data: a named base (`"vn"`, the Vietnamese civil-servant
//! calendar, or `"weekends"`, Saturdays and Sundays only) plus a user
//! [`CalendarExtension`]. It serialises as
//! `{"base":"vn","days_off":[{"date":"2027-02-05","note":"…"}],"workdays":[…]}`
//! so it can be shown, exported and shared.
//!
//! # The Vietnamese calendar (`"vn"`)
//! * **2023–2026: the official arrangements**, as listed in the domain brief
//!   §3 (weekdays off and make-up Saturdays). For these years the table is the
//!   whole truth; rules are not consulted. Days whose source is known beyond
//!   that table carry it (the 2026 New Year swap: Government Office letter
//!   12729/VPCP-KGVX of 25/12/2025).
//! * **Users remove days as well as add them**: a user working day on a
//!   holiday, nghỉ bù or swapped day makes it a working day, and a user day
//!   off on a make-up Saturday makes it a day off; [`Calendar::days_off`]
//!   lists such days with the built-in reason and "removed by user".
//! * **1990–2022 and 2027–2100: rules** (Labour Code 2019 art. 112 and its
//!   predecessors):
//!   - Weekend: Saturday and Sunday.
//!   - 1/1, 30/4, 1/5, 2/9; Giỗ Tổ Hùng Vương (lunar 10/3) from 2007;
//!     Vietnam Culture Day 24/11 from 2026. One on a weekend is paid back on
//!     the next weekday that is not itself a holiday or already a nghỉ bù.
//!   - National Day's extra day from 2021: 1/9, or 3/9 when 1/9 is a weekend
//!     day or 2/9 a Thursday (keeps both on weekdays, joins the weekend when
//!     it can).
//!   - Tết Nguyên đán: 5 days from 2014 (4 before: the 2012 Labour Code came
//!     into force in May 2013), nominally the last day of the lunar year plus
//!     lunar 1/1, 1/2, …. Weekend days in that break are paid back by weekdays
//!     joined to it, placed so that (1) at least the two days before 1/1 are
//!     off, (2) the unbroken rest is longest, (3) on a tie half go before the
//!     break, the odd one first. (A strict "next working days after the break"
//!     rule would miss 2020, 2021, 2023, 2024 and 2025; this one reproduces
//!     every announced break of 2019–2026.)
//!   - Limits: the government's discretionary swaps (a weekday between a
//!     holiday and a weekend given off and paid back by a Saturday, as 29/4/2024,
//!     2/5/2025, 2/1/2026 and 31/8/2026 were) cannot be predicted, so rule years
//!     have none; users add them as an extension. Run over 2023–2026 the rules
//!     differ from the table in exactly those four swaps (a test pins this). Before
//!     1995 the rules of 1995–2006 are used, and the six-day week that civil
//!     servants worked until late 1999 is not modelled: data that old is
//!     outside the product's scope.
//!   - Vietnam Culture Day is new: each of its days carries its source (the
//!     resolution that set the amendment of art. 112 in motion), and
//!     [`Calendar::with_culture_day`] switches it off; 24/11 is then listed as
//!     a working day that replaces the holiday.
//!   - Verified: over 2023–2026 against the table (above); for 2019–2022
//!     against the announced arrangements (every Tết break, and the 2021–2022
//!     holidays and nghỉ bù), in `tests.rs`.
//! * **Outside 1990–2100** only the weekend rule (and user days) applies.
//! * Lunar dates come from [`lunar`] (Hồ Ngọc Đức's algorithm, UTC+7). It is
//!   checked against the published Vietnamese Tết dates of 1990–2029 and
//!   1985 (Vietnam a month before China) and 2007 (a day before), 13 Hùng
//!   Kings' days (2012–2026), three leap months, and a day-by-day round trip
//!   over 1990–2100. Tết 2030 comes out as 2 February (new moon about 23:07
//!   in Hanoi), a day before China's; that one is pinned, not published.

//! # Speed
//! Counting is O(1) inside 1990-01-01..=2100-12-31: a prefix sum of working
//! days (160 KB) is built when a calendar is made or extended; the built-in
//! bases are built once per process. Outside that range the count is weekday
//! arithmetic corrected by the user's days, still exact.

use crate::date::Date;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

mod day;
mod extension;
pub mod lunar;
mod vn;

#[cfg(test)]
mod tests;

pub use day::{DayInfo, DayKind, Holiday};
pub use extension::{parse_day_kind, CalendarExtension, UserDay};

use day::{describe, Mark};

/// Day numbers of 1990-01-01 and 2100-12-31: the range of the prefix table.
const TABLE_FIRST: i32 = 7_305;
const TABLE_LAST: i32 = 47_846;
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2100;
/// `add_working_days` saturates here (about ±2.7 million years), so that a
/// nonsense deadline still gives a date `Date::ymd` can print.
const DATE_LIMIT: i64 = 1_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    Vietnam,
    Weekends,
}

impl Base {
    fn name(self) -> &'static str {
        match self {
            Base::Vietnam => "vn",
            Base::Weekends => "weekends",
        }
    }
}

struct Tables {
    marks: BTreeMap<Date, Mark>,
    /// `prefix[i]`: working days in TABLE_FIRST..=TABLE_FIRST + i.
    prefix: Vec<u32>,
}

/// A working-day calendar; cheap to clone and to query.
#[derive(Clone)]
pub struct Calendar {
    base: Base,
    /// Whether Vietnam Culture Day (24/11, from 2026) is a holiday.
    culture_day: bool,
    ext: CalendarExtension,
    tables: Arc<Tables>,
}

/// The tables of a base without user days, built once per process.
fn shared_tables(base: Base, culture_day: bool) -> Arc<Tables> {
    static VN: OnceLock<Arc<Tables>> = OnceLock::new();
    static VN_NO_CULTURE_DAY: OnceLock<Arc<Tables>> = OnceLock::new();
    static WE: OnceLock<Arc<Tables>> = OnceLock::new();
    let cell = match (base, culture_day) {
        (Base::Weekends, _) => &WE,
        (Base::Vietnam, true) => &VN,
        (Base::Vietnam, false) => &VN_NO_CULTURE_DAY,
    };
    Arc::clone(
        cell.get_or_init(|| Arc::new(build(base, culture_day, &CalendarExtension::default()))),
    )
}

impl Calendar {
    /// The Vietnamese civil-servant calendar, named `"vn"`.
    pub fn vietnam() -> Calendar {
        Calendar {
            base: Base::Vietnam,
            culture_day: true,
            ext: CalendarExtension::default(),
            tables: shared_tables(Base::Vietnam, true),
        }
    }

    /// Saturdays and Sundays off, nothing else; named `"weekends"`.
    pub fn weekends_only() -> Calendar {
        Calendar {
            base: Base::Weekends,
            culture_day: true,
            ext: CalendarExtension::default(),
            tables: shared_tables(Base::Weekends, true),
        }
    }

    /// This calendar with Vietnam Culture Day (24/11, from 2026) as a holiday
    /// (`true`, the default) or as an ordinary day. The day is new and its
    /// legal basis was still being enacted in 2026, so people may need to
    /// measure without it. The weekends-only base has no holidays to drop.
    pub fn with_culture_day(self, on: bool) -> Calendar {
        if on == self.culture_day || self.base == Base::Weekends {
            return self;
        }
        let tables = if self.ext.is_empty() {
            shared_tables(self.base, on)
        } else {
            Arc::new(build(self.base, on, &self.ext))
        };
        Calendar {
            culture_day: on,
            tables,
            ..self
        }
    }

    /// Whether Vietnam Culture Day counts as a holiday (see
    /// [`Calendar::with_culture_day`]).
    pub fn culture_day(&self) -> bool {
        self.culture_day
    }

    /// A base calendar by its name (`"vn"`, `"weekends"`).
    pub fn by_name(name: &str) -> Option<Calendar> {
        match name.trim().to_ascii_lowercase().as_str() {
            "vn" => Some(Calendar::vietnam()),
            "weekends" => Some(Calendar::weekends_only()),
            _ => None,
        }
    }

    /// The base's name; user days do not change it.
    pub fn name(&self) -> &str {
        self.base.name()
    }

    /// The user days in force, one entry per date, sorted.
    pub fn extension(&self) -> &CalendarExtension {
        &self.ext
    }

    /// This calendar with `ext`'s days added; they override the base and,
    /// date by date, any earlier extension.
    pub fn with_extension(self, ext: &CalendarExtension) -> Calendar {
        let merged = self.ext.merged(ext);
        if merged == self.ext {
            return self;
        }
        let tables = Arc::new(build(self.base, self.culture_day, &merged));
        Calendar {
            base: self.base,
            culture_day: self.culture_day,
            ext: merged,
            tables,
        }
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        match table_index(i64::from(d.0)) {
            Some(i) => {
                let before = if i == 0 { 0 } else { self.tables.prefix[i - 1] };
                self.tables.prefix[i] > before
            }
            None => self
                .tables
                .marks
                .get(&d)
                .map_or(!d.is_weekend(), |m| m.kind.is_working()),
        }
    }

    pub fn day_info(&self, d: Date) -> DayInfo {
        describe(d, self.tables.marks.get(&d))
    }

    /// The number of working days `d` with `a < d <= b`; when `b < a`, minus
    /// the number in `(b, a]`. Same day: 0. Saturates at ±`i32::MAX`.
    pub fn working_days_between(&self, a: Date, b: Date) -> i32 {
        let n = self.cumulative(i64::from(b.0)) - self.cumulative(i64::from(a.0));
        // Symmetric, so that swapping a and b always flips the sign.
        n.clamp(-i64::from(i32::MAX), i64::from(i32::MAX)) as i32
    }

    /// The first date `d > a` with `working_days_between(a, d) == k` (a
    /// working day); `a` itself when `k == 0`. Saturates ±1e9 days from 1970.
    pub fn add_working_days(&self, a: Date, k: u32) -> Date {
        if k == 0 {
            return a;
        }
        let target = self.cumulative(i64::from(a.0)) + i64::from(k);
        let last = self.tables.prefix.last().map_or(0, |&p| i64::from(p));
        let found = if target <= 0 {
            // Only possible when a is before the table: search (a, TABLE_FIRST).
            self.search(i64::from(a.0) + 1, i64::from(TABLE_FIRST) - 1, target)
        } else if target <= last {
            let i = self
                .tables
                .prefix
                .partition_point(|&p| i64::from(p) < target);
            i64::from(TABLE_FIRST) + i as i64
        } else {
            let from = i64::from(a.0).max(i64::from(TABLE_LAST)) + 1;
            // Generous: r working days fit in 2r + 7 days unless user days
            // off intervene, each of which costs at most one more day.
            let need = target - self.cumulative(from - 1);
            let hi = from + 2 * (need + self.tables.marks.len() as i64) + 7;
            self.search(from, hi, target)
        };
        Date(found.clamp(-DATE_LIMIT, DATE_LIMIT) as i32)
    }

    /// The year's special days for showing or exporting: weekdays off,
    /// weekend days worked, and built-in days a user day or an option turned
    /// around (a holiday made a working day, shown with its reason); holidays
    /// that fall on a weekend are left out.
    pub fn days_off(&self, year: i32) -> Vec<DayInfo> {
        // `Date::from_ymd` overflows on absurd years.
        if !(-1_000_000..=1_000_000).contains(&year) {
            return Vec::new();
        }
        let (Some(from), Some(to)) = (Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31))
        else {
            return Vec::new();
        };
        self.tables
            .marks
            .range(from..=to)
            .filter(|(d, m)| m.kind.is_working() == d.is_weekend() || m.replaces.is_some())
            .map(|(d, m)| describe(*d, Some(m)))
            .collect()
    }

    /// Working days from the start of the table up to and including day `x`
    /// (negative before it), so that differences count half-open intervals.
    fn cumulative(&self, x: i64) -> i64 {
        let first = i64::from(TABLE_FIRST);
        if x < first {
            return -self.slow_count(x + 1, first - 1);
        }
        match table_index(x) {
            Some(i) => i64::from(self.tables.prefix[i]),
            None => {
                let last = self.tables.prefix.last().map_or(0, |&p| i64::from(p));
                last + self.slow_count(i64::from(TABLE_LAST) + 1, x)
            }
        }
    }

    /// Working days in `s..=e` by weekday arithmetic plus user days; used
    /// only outside the table, where the base has no holidays.
    fn slow_count(&self, s: i64, e: i64) -> i64 {
        if s > e {
            return 0;
        }
        let mut n = weekdays_before(e + 1) - weekdays_before(s);
        let lo = Date(s.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
        let hi = Date(e.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
        for (d, m) in self.tables.marks.range(lo..=hi) {
            let working = m.kind.is_working();
            if working == d.is_weekend() {
                n += if working { 1 } else { -1 };
            }
        }
        n
    }

    /// Smallest x in `lo..=hi` with `cumulative(x) >= target` (`hi` if none).
    fn search(&self, mut lo: i64, mut hi: i64, target: i64) -> i64 {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.cumulative(mid) >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("base", &self.base.name())
            .field("culture_day", &self.culture_day)
            .field("ext", &self.ext)
            .finish()
    }
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Calendar) -> bool {
        self.base == other.base && self.culture_day == other.culture_day && self.ext == other.ext
    }
}

/// The shared form of a calendar.
#[derive(Serialize, Deserialize)]
struct CalendarData {
    base: String,
    /// Written only when off, so the usual form stays as it was.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    culture_day: bool,
    #[serde(default)]
    days_off: Vec<UserDay>,
    #[serde(default)]
    workdays: Vec<UserDay>,
}

impl Serialize for Calendar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        CalendarData {
            base: self.name().to_string(),
            culture_day: self.culture_day,
            days_off: self.ext.days_off.clone(),
            workdays: self.ext.workdays.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Calendar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Calendar, D::Error> {
        let data = CalendarData::deserialize(d)?;
        let base = Calendar::by_name(&data.base).ok_or_else(|| {
            D::Error::custom(format!(
                "lịch gốc \"{}\" không có; dùng \"vn\" hoặc \"weekends\" / unknown base calendar \"{}\"; \
                 use \"vn\" or \"weekends\"",
                data.base, data.base
            ))
        })?;
        Ok(base
            .with_culture_day(data.culture_day)
            .with_extension(&CalendarExtension {
                days_off: data.days_off,
                workdays: data.workdays,
            }))
    }
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

fn table_index(x: i64) -> Option<usize> {
    (i64::from(TABLE_FIRST)..=i64::from(TABLE_LAST))
        .contains(&x)
        .then(|| (x - i64::from(TABLE_FIRST)) as usize)
}

/// Weekdays among the days before day `n` (counted from Monday 1969-12-29,
/// day -3), negative for earlier days; exact for any i64 day in range.
fn weekdays_before(n: i64) -> i64 {
    let n = n + 3;
    5 * n.div_euclid(7) + n.rem_euclid(7).min(5)
}

fn build(base: Base, culture_day: bool, ext: &CalendarExtension) -> Tables {
    let mut marks = BTreeMap::new();
    if base == Base::Vietnam {
        for y in FIRST_YEAR..=LAST_YEAR {
            marks.extend(vn::year_marks(y, culture_day));
        }
        // Tết of 2101 may begin in 2100; nothing outside the table is base.
        marks.retain(|d, _| (TABLE_FIRST..=TABLE_LAST).contains(&d.0));
    }
    for (list, kind) in [
        (&ext.workdays, DayKind::UserWorkday),
        (&ext.days_off, DayKind::UserOff),
    ] {
        for u in list {
            let m = user_mark(u, kind, marks.get(&u.date));
            marks.insert(u.date, m);
        }
    }
    let mut prefix = Vec::with_capacity((TABLE_LAST - TABLE_FIRST + 1) as usize);
    let mut n = 0u32;
    for z in TABLE_FIRST..=TABLE_LAST {
        let d = Date(z);
        if marks
            .get(&d)
            .map_or(!d.is_weekend(), |m| m.kind.is_working())
        {
            n += 1;
        }
        prefix.push(n);
    }
    Tables { marks, prefix }
}

/// The mark of user day `u`. When it turns a special day of the base the
/// other way (a holiday, nghỉ bù or swapped day made a working day; a
/// make-up Saturday made a day off), the base day's holiday, partner and
/// source are kept, so the day still says what it was and that the user
/// removed it.
fn user_mark(u: &UserDay, kind: DayKind, base: Option<&Mark>) -> Mark {
    let plain = Mark {
        kind,
        holiday: None,
        partner: None,
        note: u.note.clone(),
        source: None,
        replaces: None,
    };
    match base {
        // A base day already turned around (Culture Day switched off) is
        // described by what it was originally.
        Some(b) if b.kind.is_working() != kind.is_working() || b.replaces.is_some() => {
            let was = b.replaces.unwrap_or(b.kind);
            if was.is_working() == kind.is_working() {
                return plain;
            }
            Mark {
                holiday: b.holiday,
                partner: b.partner,
                source: b.source,
                replaces: Some(was),
                ..plain
            }
        }
        _ => plain,
    }
}
