//! What a day is, and how the calendar explains it to people in
//! Vietnamese and English.

use super::DATE_LIMIT;
use crate::date::Date;
use serde::{Deserialize, Serialize};

/// A statutory holiday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Holiday {
    NewYear,
    LunarNewYear,
    HungKings,
    Reunification,
    LabourDay,
    NationalDay,
    CultureDay,
}

impl Holiday {
    pub fn name_vi(self) -> &'static str {
        match self {
            Holiday::NewYear => "Tết Dương lịch",
            Holiday::LunarNewYear => "Tết Nguyên đán",
            Holiday::HungKings => "Giỗ Tổ Hùng Vương",
            Holiday::Reunification => "Ngày Chiến thắng (30/4)",
            Holiday::LabourDay => "Ngày Quốc tế Lao động (1/5)",
            Holiday::NationalDay => "Quốc khánh (2/9)",
            Holiday::CultureDay => "Ngày Văn hóa Việt Nam (24/11)",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Holiday::NewYear => "New Year's Day",
            Holiday::LunarNewYear => "Lunar New Year",
            Holiday::HungKings => "Hùng Kings' Commemoration Day",
            Holiday::Reunification => "Reunification Day (30 April)",
            Holiday::LabourDay => "International Labour Day (1 May)",
            Holiday::NationalDay => "National Day (2 September)",
            Holiday::CultureDay => "Vietnam Culture Day (24 November)",
        }
    }
}

/// Why a day is (not) a working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DayKind {
    Working,
    Weekend,
    /// A statutory holiday (on a weekend too, for information).
    Holiday,
    /// Nghỉ bù: a weekday off paying back a holiday that fell on a weekend.
    Compensatory,
    /// A weekday off that is paid back by a make-up Saturday.
    SwappedOff,
    /// Làm bù: a Saturday worked.
    MakeUp,
    UserOff,
    UserWorkday,
}

impl DayKind {
    pub fn is_working(self) -> bool {
        matches!(
            self,
            DayKind::Working | DayKind::MakeUp | DayKind::UserWorkday
        )
    }
}

/// One day as the calendar sees it, with a reason in Vietnamese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DayInfo {
    pub date: Date,
    pub working: bool,
    pub kind: DayKind,
    /// The holiday behind a holiday or nghỉ bù.
    pub holiday: Option<Holiday>,
    pub reason_vi: String,
    pub reason_en: String,
    /// Where the day comes from, when the law alone does not say it: the
    /// official letter behind a swap, or the decision behind Vietnam Culture
    /// Day. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_vi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_en: Option<String>,
    /// The built-in calendar's kind of this day when a user day or an option
    /// turned it the other way (a holiday made a working day, a make-up
    /// Saturday made a day off, Culture Day switched off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<DayKind>,
}

/// Where a day of the built-in calendar comes from, in Vietnamese and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Source {
    pub(super) vi: &'static str,
    pub(super) en: &'static str,
}

/// A special day, stored; texts are made only when asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mark {
    pub(super) kind: DayKind,
    pub(super) holiday: Option<Holiday>,
    /// The other day of a swap.
    pub(super) partner: Option<Date>,
    pub(super) note: String,
    pub(super) source: Option<&'static Source>,
    /// The built-in kind this day had before a user day or an option turned
    /// its working status around (`kind` is then the new status).
    pub(super) replaces: Option<DayKind>,
}

/// dd/mm/yyyy, as Vietnamese officials write dates; guarded because
/// `Date::ymd` overflows on day numbers near `i32`'s limits.
pub(super) fn vn_date(d: Date) -> String {
    if i64::from(d.0).abs() > DATE_LIMIT {
        return format!("ngày số {} / day number {}", d.0, d.0);
    }
    let (y, m, dd) = d.ymd();
    format!("{dd:02}/{m:02}/{y:04}")
}

fn weekday_vi_en(d: Date) -> (&'static str, &'static str) {
    if d.weekday() == 6 {
        ("Thứ Bảy", "Saturday")
    } else {
        ("Chủ nhật", "Sunday")
    }
}

pub(super) fn describe(date: Date, mark: Option<&Mark>) -> DayInfo {
    if let Some((m, was)) = mark.and_then(|m| m.replaces.map(|r| (m, r))) {
        return describe_replaced(date, m, was);
    }
    let (kind, holiday) = match mark {
        Some(m) => (m.kind, m.holiday),
        None if date.is_weekend() => (DayKind::Weekend, None),
        None => (DayKind::Working, None),
    };
    let hname = |f: fn(Holiday) -> &'static str| holiday.map_or("", f);
    let partner = mark
        .and_then(|m| m.partner)
        .map(|p| (vn_date(p), p.to_string()));
    let note = mark.map_or("", |m| m.note.as_str());
    let with_note = |s: &str| {
        if note.is_empty() {
            s.to_string()
        } else {
            format!("{s}: {note}")
        }
    };
    let (vi, en) = match kind {
        DayKind::Working => ("Ngày làm việc".to_string(), "Working day".to_string()),
        DayKind::Weekend => {
            let (wvi, wen) = weekday_vi_en(date);
            (format!("Cuối tuần ({wvi})"), format!("Weekend ({wen})"))
        }
        DayKind::Holiday if date.is_weekend() => {
            let (wvi, wen) = weekday_vi_en(date);
            (
                format!("{} (trùng {wvi}, được nghỉ bù)", hname(Holiday::name_vi)),
                format!("{} (falls on a {wen}, paid back)", hname(Holiday::name_en)),
            )
        }
        DayKind::Holiday => (
            hname(Holiday::name_vi).to_string(),
            hname(Holiday::name_en).to_string(),
        ),
        DayKind::Compensatory => (
            format!("Nghỉ bù {}", hname(Holiday::name_vi)),
            format!("Compensatory day off for {}", hname(Holiday::name_en)),
        ),
        DayKind::SwappedOff => match &partner {
            Some((pvi, pen)) => (
                format!("Nghỉ hoán đổi, làm bù Thứ Bảy {pvi}"),
                format!("Swapped day off, made up on Saturday {pen}"),
            ),
            None => ("Nghỉ hoán đổi".to_string(), "Swapped day off".to_string()),
        },
        DayKind::MakeUp => match &partner {
            Some((pvi, pen)) => (
                format!("Làm bù cho ngày nghỉ {pvi}"),
                format!("Make-up working Saturday for {pen}"),
            ),
            None => ("Làm bù".to_string(), "Make-up working Saturday".to_string()),
        },
        DayKind::UserOff => (
            with_note("Ngày nghỉ do người dùng thêm"),
            with_note("User day off"),
        ),
        DayKind::UserWorkday => (
            with_note("Ngày làm việc do người dùng thêm"),
            with_note("User working day"),
        ),
    };
    DayInfo {
        date,
        working: kind.is_working(),
        kind,
        holiday,
        reason_vi: vi,
        reason_en: en,
        source_vi: mark.and_then(|m| m.source).map(|s| s.vi.to_string()),
        source_en: mark.and_then(|m| m.source).map(|s| s.en.to_string()),
        replaces: None,
    }
}

/// A day whose built-in kind `was` has been turned around: the built-in
/// reason, then who turned it and what it counts as now.
fn describe_replaced(date: Date, m: &Mark, was: DayKind) -> DayInfo {
    let base = Mark {
        kind: was,
        note: String::new(),
        replaces: None,
        ..m.clone()
    };
    let b = describe(date, Some(&base));
    let (vi, en) = match m.kind {
        DayKind::UserWorkday => (
            "người dùng bỏ ngày nghỉ, tính là ngày làm việc",
            "removed by user, counted as a working day",
        ),
        DayKind::UserOff => (
            "người dùng bỏ ngày làm việc, tính là ngày nghỉ",
            "removed by user, counted as a day off",
        ),
        _ if m.kind.is_working() => (
            "đã tắt trong tùy chọn, tính là ngày làm việc",
            "switched off in the options, counted as a working day",
        ),
        _ => (
            "đã tắt trong tùy chọn, tính là ngày nghỉ",
            "switched off in the options, counted as a day off",
        ),
    };
    let with_note = |s: String| {
        if m.note.is_empty() {
            s
        } else {
            format!("{s}: {}", m.note)
        }
    };
    DayInfo {
        working: m.kind.is_working(),
        kind: m.kind,
        reason_vi: with_note(format!("{} — {vi}", b.reason_vi)),
        reason_en: with_note(format!("{} — {en}", b.reason_en)),
        replaces: Some(was),
        ..b
    }
}
