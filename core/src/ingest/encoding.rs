//! Legacy encodings (TCVN3, VNI) decided per workbook as well as per sheet.
//!
//! A sheet decides its own encoding from the statistics of its text
//! (`typed::detect_text_repair`). A two-column plan sheet, a sheet with a
//! handful of cells and a sheet name hold too few words for that; they
//! belong to the same file, typed in the same font, so once a sibling sheet
//! has settled the encoding they are read with it too, each cell or name
//! only where its repair is plausible (`legacy::fits`, `legacy::repair`).
//! Headers are looked for in repaired text, so «X·» | «KÕ ho¹ch» is the
//! header «Xã» | «Kế hoạch» and the sheet is a plan.

use super::grid::{Cell, RawSheet, Store};
use super::{MappingOverrides, Sheet};
use crate::text::legacy::{self, LegacyEncoding};
use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Range};
use std::collections::BTreeMap;

/// The workbook's encoding (the one most of its sheets find on their own
/// text; none on a tie) and the name each sheet is shown by: its name in the
/// file, repaired where that is plausible. Decided before the sheets are
/// analysed, so each is analysed once, under its shown name.
pub(super) fn plan(raws: &[RawSheet]) -> (Option<LegacyEncoding>, Vec<String>) {
    let own: Vec<Option<LegacyEncoding>> = raws.iter().map(|r| legacy::detect(&super::typed::text_sample(r).0)).collect();
    let count = |e: LegacyEncoding| own.iter().filter(|o| **o == Some(e)).count();
    let workbook = match count(LegacyEncoding::Tcvn3).cmp(&count(LegacyEncoding::Vni)) {
        std::cmp::Ordering::Greater => Some(LegacyEncoding::Tcvn3),
        std::cmp::Ordering::Less => Some(LegacyEncoding::Vni),
        std::cmp::Ordering::Equal => None,
    };
    let mut names: Vec<String> = raws.iter().map(|r| r.name.clone()).collect();
    for (i, raw) in raws.iter().enumerate() {
        let Some(enc) = own[i].or(workbook) else { continue };
        let name = raw.name.as_str();
        if let Some(fixed) = legacy::fits(&[name], enc).then(|| legacy::repair(name, enc)).flatten() {
            // Two sheets of one file never share a name; a repair that would
            // make them do keeps the name as it is in the file.
            if !names.contains(&fixed) {
                names[i] = fixed;
            }
        }
    }
    (workbook, names)
}

/// The mapping fixes of a sheet: keyed by the name reports show (repaired),
/// or by the name in the file, as workspaces saved before names were
/// repaired have them.
pub fn overrides_for<'a>(mapping: &'a MappingOverrides, sheet: &Sheet) -> Option<&'a BTreeMap<String, String>> {
    mapping.get(sheet.name()).or_else(|| mapping.get(&sheet.raw.name))
}

/// The first rows of a sheet (all the header search looks at) with text
/// cells repaired from `enc` where the repair is plausible, other cells as
/// they are. Row and column indices are those of the sheet.
pub(super) fn repaired_head(raw: &RawSheet, enc: LegacyEncoding) -> RawSheet {
    let (h, w) = (raw.height().min(super::header::SEARCH_ROWS + 1), raw.width());
    if h == 0 || w == 0 {
        return RawSheet { name: raw.name.clone(), store: Store::Range(Range::empty()) };
    }
    let mut range = Range::new((0, 0), (h as u32 - 1, w as u32 - 1));
    for r in 0..h {
        for c in 0..w {
            let v = match raw.cell(r, c) {
                Cell::Empty => continue,
                Cell::Text(s) => Data::String(legacy::repair(s, enc).unwrap_or_else(|| s.to_string())),
                Cell::Number(n) => Data::Float(n),
                Cell::Bool(b) => Data::Bool(b),
                // Only "a date is here" matters to the header search.
                Cell::Date { date, seconds } => {
                    let serial = f64::from(date.0) + 25_569.0 + f64::from(seconds.unwrap_or(0)) / 86_400.0;
                    Data::DateTime(ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false))
                }
                Cell::Error => Data::Error(calamine::CellErrorType::NA),
            };
            range.set_value((r as u32, c as u32), v);
        }
    }
    RawSheet { name: raw.name.clone(), store: Store::Range(range) }
}
