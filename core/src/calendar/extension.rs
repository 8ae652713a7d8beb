//! User additions to a calendar: days off and working days that the
//! built-in rules do not know yet (the government announces each year's
//! swaps only months ahead), read from a "Lịch" sheet or entered in the UI.

use super::day::vn_date;
use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One user-listed day with the user's own note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UserDay {
    pub date: Date,
    #[serde(default)]
    pub note: String,
}

/// Days that override the base calendar: `days_off` are never working days,
/// `workdays` always are. So users remove days as well as add them: a working
/// day on a holiday, nghỉ bù or swapped weekday makes it a working day (the
/// calendar still names the holiday and says the user removed it), and a day
/// off on a make-up Saturday makes it a day off.
///
/// Within one extension a date in both lists is a day off. When extensions
/// are stacked ([`super::Calendar::with_extension`]), a later one overrides
/// an earlier one date by date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CalendarExtension {
    #[serde(default)]
    pub days_off: Vec<UserDay>,
    #[serde(default)]
    pub workdays: Vec<UserDay>,
}

impl CalendarExtension {
    pub fn is_empty(&self) -> bool {
        self.days_off.is_empty() && self.workdays.is_empty()
    }

    /// Reads rows of a calendar sheet: (date, kind text, note).
    ///
    /// Kinds such as "Nghỉ", "nghỉ bù", "Nghỉ lễ", "off", "holiday" make a day
    /// off; "Làm bù", "làm việc", "Working", "workday", "make-up" a working
    /// day, on a holiday too (which removes the holiday). Accents,
    /// case and Unicode form (NFC/NFD) do not matter. Rows whose kind cannot
    /// be read, and dates listed as both, come back as problems (Vietnamese /
    /// English) naming the date; the rest is still used.
    pub fn from_rows<'a>(
        rows: impl IntoIterator<Item = (Date, &'a str, &'a str)>,
    ) -> (CalendarExtension, Vec<String>) {
        let mut off: BTreeMap<Date, String> = BTreeMap::new();
        let mut work: BTreeMap<Date, String> = BTreeMap::new();
        let mut problems = Vec::new();
        for (date, kind, note) in rows {
            let note = note.trim().to_string();
            match parse_day_kind(kind) {
                Some(false) => {
                    off.entry(date).or_insert(note);
                }
                Some(true) => {
                    work.entry(date).or_insert(note);
                }
                None if kind.trim().is_empty() => problems.push(format!(
                    "{}: thiếu loại ngày (ghi \"Nghỉ\" hoặc \"Làm bù\") / missing day kind \
                     (write \"Nghỉ\" for a day off or \"Làm bù\" for a working day)",
                    vn_date(date)
                )),
                None => problems.push(format!(
                    "{}: không hiểu loại ngày \"{}\" (ghi \"Nghỉ\" hoặc \"Làm bù\") / unknown day \
                     kind \"{}\" (write \"Nghỉ\" for a day off or \"Làm bù\" for a working day)",
                    vn_date(date),
                    kind.trim(),
                    kind.trim()
                )),
            }
        }
        work.retain(|date, _| {
            let clash = off.contains_key(date);
            if clash {
                problems.push(format!(
                    "{}: vừa ghi là ngày nghỉ vừa ghi là ngày làm việc, tính là ngày nghỉ / listed \
                     both as a day off and as a working day, counted as a day off",
                    vn_date(*date)
                ));
            }
            !clash
        });
        let to_days = |m: BTreeMap<Date, String>| {
            m.into_iter()
                .map(|(date, note)| UserDay { date, note })
                .collect()
        };
        (
            CalendarExtension {
                days_off: to_days(off),
                workdays: to_days(work),
            },
            problems,
        )
    }

    /// `self` overridden by `later`, sorted by date, one entry per date.
    pub(super) fn merged(&self, later: &CalendarExtension) -> CalendarExtension {
        // Status per date; applying workdays before days off makes a day off
        // win inside one extension.
        let mut all: BTreeMap<Date, (bool, String)> = BTreeMap::new();
        for ext in [self, later] {
            for u in &ext.workdays {
                all.insert(u.date, (true, u.note.clone()));
            }
            for u in &ext.days_off {
                all.insert(u.date, (false, u.note.clone()));
            }
        }
        let mut out = CalendarExtension::default();
        for (date, (working, note)) in all {
            let list = if working {
                &mut out.workdays
            } else {
                &mut out.days_off
            };
            list.push(UserDay { date, note });
        }
        out
    }
}

/// Reads a day-kind cell: `Some(false)` for a day off, `Some(true)` for a
/// working day, `None` when it says neither or both.
pub fn parse_day_kind(text: &str) -> Option<bool> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let off = has(&[
        "nghi", "off", "dayoff", "holiday", "holidays", "le", "tet", "closed",
    ]);
    let work = has(&[
        "lam", "work", "workday", "working", "makeup", "make", "business",
    ]);
    match (off, work) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

/// Lower-case, accent-free form of Vietnamese text, for keyword matching.
/// Precomposed (NFC) letters are mapped; combining marks (NFD input) dropped.
pub(super) fn fold(s: &str) -> String {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    s.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| {
            GROUPS
                .iter()
                .find(|(g, _)| g.contains(c))
                .map_or(c, |&(_, base)| base)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).expect("test literal")
    }

    #[test]
    fn kinds() {
        for t in [
            "Nghỉ",
            "nghỉ bù",
            "NGHỈ LỄ",
            "off",
            "Holiday",
            "Day off",
            "Nghỉ Tết",
            "nghi\u{309}",
        ] {
            assert_eq!(parse_day_kind(t), Some(false), "{t}");
        }
        for t in [
            "Làm bù",
            "làm việc",
            "Workday",
            "make-up",
            "Đi làm",
            "working day",
            "la\u{300}m bu\u{300}",
        ] {
            assert_eq!(parse_day_kind(t), Some(true), "{t}");
        }
        for t in ["", "  ", "abc", "Nghỉ, làm bù thứ Bảy", "x"] {
            assert_eq!(parse_day_kind(t), None, "{t}");
        }
    }

    #[test]
    fn rows_with_problems() {
        let rows = vec![
            (d("2027-02-05"), "Nghỉ", "Tết Đinh Mùi"),
            (d("2027-02-20"), "Làm bù", " bù 05/02 "),
            (d("2027-03-01"), "???", ""),
            (d("2027-03-02"), "", ""),
            (d("2027-03-03"), "nghỉ", "a"),
            (d("2027-03-03"), "làm bù", "b"),
            (d("2027-02-05"), "nghỉ", "duplicate, first note kept"),
        ];
        let (ext, problems) = CalendarExtension::from_rows(rows);
        assert_eq!(
            ext.days_off,
            vec![
                UserDay {
                    date: d("2027-02-05"),
                    note: "Tết Đinh Mùi".into()
                },
                UserDay {
                    date: d("2027-03-03"),
                    note: "a".into()
                },
            ]
        );
        assert_eq!(
            ext.workdays,
            vec![UserDay {
                date: d("2027-02-20"),
                note: "bù 05/02".into()
            }]
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("01/03/2027: không hiểu loại ngày \"???\""));
        assert!(problems[1].contains("02/03/2027: thiếu loại ngày"));
        assert!(problems[2].contains("03/03/2027") && problems[2].contains("counted as a day off"));
    }

    #[test]
    fn merge_later_wins_and_off_wins_within_one() {
        let a = CalendarExtension {
            days_off: vec![UserDay {
                date: d("2027-01-04"),
                note: String::new(),
            }],
            workdays: vec![UserDay {
                date: d("2027-01-09"),
                note: String::new(),
            }],
        };
        let b = CalendarExtension {
            days_off: vec![UserDay {
                date: d("2027-01-09"),
                note: "x".into(),
            }],
            workdays: vec![
                UserDay {
                    date: d("2027-01-04"),
                    note: String::new(),
                },
                UserDay {
                    date: d("2027-01-09"),
                    note: "y".into(),
                },
            ],
        };
        let m = a.merged(&b);
        assert_eq!(
            m.days_off,
            vec![UserDay {
                date: d("2027-01-09"),
                note: "x".into()
            }]
        );
        assert_eq!(
            m.workdays,
            vec![UserDay {
                date: d("2027-01-04"),
                note: String::new()
            }]
        );
    }
}
