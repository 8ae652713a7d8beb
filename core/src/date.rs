//! Civil dates as a day count, independent of any platform clock.
//!
//! Every date in the product is a Vietnam-local civil date. We store it as the
//! number of days since 1970-01-01 so that polars columns are plain `i32` and
//! calendar arithmetic is integer arithmetic. "Today" is always a parameter,
//! never read from a system clock (style.md §1).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A civil date: days since 1970-01-01 (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(type = "string", rename = "IsoDate"))]
pub struct Date(pub i32);

impl Date {
    /// Builds a date from year, month (1–12) and day (1–31); `None` when the day
    /// does not exist (31/02, 29/02 in a common year, month 13, ...).
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        // Years far outside any real file are refused rather than wrapped.
        if !(-5_000_000..=5_000_000).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date(days_from_civil(y, m, d)))
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// ISO weekday: Monday = 1 ... Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.0.rem_euclid(7) + 3) % 7 + 1) as u32
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 6
    }

    pub fn add_days(self, n: i32) -> Date {
        Date(self.0.saturating_add(n))
    }

    /// Excel serial date (1900 system, with Lotus' phantom 29/02/1900) to a date.
    /// Serial 61 is 1900-03-01; serials below 61 are shifted by one day.
    pub fn from_excel_serial(serial: f64, date1904: bool) -> Option<Date> {
        if !serial.is_finite() || serial < 0.0 || serial > 2_958_465.0 {
            return None;
        }
        let whole = serial.floor() as i32;
        let days = if date1904 {
            whole + days_from_civil(1904, 1, 1)
        } else if whole >= 61 {
            whole + days_from_civil(1899, 12, 30)
        } else if whole >= 1 {
            whole + days_from_civil(1899, 12, 31)
        } else {
            return None;
        };
        Some(Date(days))
    }

    /// ISO `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        Date::from_ymd(y, m, d)
    }

    /// `YYYY-MM`, the month key used for grouping.
    pub fn month_key(self) -> String {
        let (y, m, _) = self.ymd();
        format!("{y:04}-{m:02}")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Date, String> {
        Date::parse_iso(&s).ok_or_else(|| format!("not a YYYY-MM-DD date: {s}"))
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's algorithms (public domain), in i64 so that no i32 day
// number or year an input can produce overflows.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468).clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = i64::from(z) + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let d = Date::from_ymd(2024, 2, 10).unwrap();
        assert_eq!(d.to_string(), "2024-02-10");
        assert_eq!(d.weekday(), 6, "Tết 2024 day 1 was a Saturday");
        assert_eq!(Date::from_ymd(2023, 1, 22).unwrap().weekday(), 7);
        assert!(Date::from_ymd(2024, 2, 30).is_none());
        assert!(Date::from_ymd(2023, 2, 29).is_none());
        for z in -1000..100_000 {
            let (y, m, dd) = Date(z).ymd();
            assert_eq!(Date::from_ymd(y, m, dd), Some(Date(z)));
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(Date::from_excel_serial(45366.6, false).unwrap().to_string(), "2024-03-15");
        assert_eq!(Date::from_excel_serial(1.0, false).unwrap().to_string(), "1900-01-01");
        assert_eq!(Date::from_excel_serial(61.0, false).unwrap().to_string(), "1900-03-01");
        assert_eq!(Date::from_excel_serial(0.0, true).unwrap().to_string(), "1904-01-01");
        assert!(Date::from_excel_serial(f64::NAN, false).is_none());
    }
}
