//! Several sheets of one kind read as one table: a workbook with one
//! village sheet per commune is scored whole, never by its largest sheet
//! alone. Which sheets were pooled, and which look alike but were left out
//! (and why), is reported beside the results.

use super::columns::Canon;
use super::{DossierTable, Indicators, Kind, PlanRow, Sheet, UnitTable, Workbook};
use polars::prelude::*;
use crate::text::{fold_key, name_key};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One sheet read into a pooled table.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PooledSheet {
    pub name: String,
    /// Rows taken from it: villages (with a name), dossiers or plan rows.
    pub units: usize,
    /// The sheet has no commune column: its sheet name («Xã Sơn Hà» →
    /// «Sơn Hà») stands in as every row's commune.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub commune_from_name: bool,
}

/// A sheet that looks like one of the pooled kind but was not read, and why.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IgnoredSheet {
    pub name: String,
    pub reason: String,
    pub reason_en: String,
}

/// The sheets to read as one table, in workbook order, and the sheets left out.
pub struct PoolPlan {
    pub names: Vec<String>,
    pub ignored: Vec<IgnoredSheet>,
}

/// The column that makes a sheet look like `kind` even when it was not
/// classified so (too few indicator columns, say).
fn telltale(kind: Kind) -> Option<Canon> {
    match kind {
        Kind::Villages => Some(Canon::Village),
        Kind::Dossiers => Some(Canon::ReceivedAt),
        Kind::Plan => Some(Canon::Planned),
        _ => None,
    }
}

/// The commune a sheet name stands for: «Xã Sơn Hà» → «Sơn Hà», «Thị trấn
/// Phố Lu» → «Phố Lu»; a name that is only the prefix stays as it is.
pub fn commune_of_sheet_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold_key(w)).collect();
    let drop = match folded.as_slice() {
        [a, b, _, ..] if a == "thi" && b == "tran" => 2,
        [a, _, ..] if a == "xa" || a == "phuong" || a == "tt" => 1,
        _ => 0,
    };
    words[drop..].join(" ")
}

/// A commune key that ignores the administrative prefix ("Xã", "Phường").
fn commune_key(s: &str) -> String {
    name_key(&commune_of_sheet_name(s))
}

/// What identifies a row across sheets, for the duplicate check: (commune,
/// village) for villages, the dossier id for dossiers, the commune for plan
/// rows. `None` when the sheet lacks what identifies its rows.
fn identity_keys(sheet: &Sheet, kind: Kind) -> Option<HashSet<String>> {
    let col = |c: Canon| sheet.canon_col(c);
    let keys: HashSet<String> = match kind {
        Kind::Villages => {
            let villages = sheet.text_column(Some(col(Canon::Village)?));
            let fallback = commune_of_sheet_name(sheet.name());
            let communes = match col(Canon::Commune) {
                Some(c) => sheet.text_column(Some(c)),
                None => vec![Some(fallback); villages.len()],
            };
            communes
                .into_iter()
                .zip(villages)
                .filter_map(|(c, v)| Some(format!("{}\u{1}{}", commune_key(&c.unwrap_or_default()), name_key(&v?))))
                .collect()
        }
        Kind::Dossiers => sheet.text_column(Some(col(Canon::DossierId)?)).into_iter().flatten().map(|s| name_key(&s)).collect(),
        Kind::Plan => sheet.text_column(Some(col(Canon::Commune)?)).into_iter().flatten().map(|s| commune_key(&s)).collect(),
        _ => return None,
    };
    Some(keys)
}

impl Workbook {
    /// Every sheet of `kind` with data rows, except a sheet whose rows all
    /// appear in larger ones (a summary sheet beside its parts, or the
    /// parts beside it, is read once); and every sheet that has the kind's
    /// telltale column but was classified otherwise, with the reason.
    pub fn pool_plan(&self, kind: Kind) -> PoolPlan {
        let mut ignored = Vec::new();
        let mut candidates: Vec<&Sheet> = Vec::new();
        for s in &self.sheets {
            if s.kind == kind {
                if s.data_rows.is_empty() {
                    ignored.push(IgnoredSheet {
                        name: s.name.clone(),
                        reason: "Trang tính có tiêu đề cột nhưng không có dòng dữ liệu nào.".into(),
                        reason_en: "The sheet has a header but no data rows.".into(),
                    });
                } else {
                    candidates.push(s);
                }
            } else if s.kind == Kind::Unknown && telltale(kind).is_some_and(|c| s.canon_col(c).is_some()) && !s.data_rows.is_empty() {
                ignored.push(IgnoredSheet {
                    name: s.name.clone(),
                    reason: format!("Không đọc: {}", s.kind_reason_vi),
                    reason_en: format!("Not read: {}", s.kind_reason_en),
                });
            }
        }
        // Largest first: a sheet is a duplicate of what was taken before it.
        // On a tie the later sheet wins, as the largest-sheet rule did.
        let mut by_size: Vec<(usize, &Sheet)> = candidates.iter().copied().enumerate().collect();
        by_size.sort_by_key(|(i, s)| (std::cmp::Reverse(s.data_rows.len()), std::cmp::Reverse(*i)));
        let mut seen: HashSet<String> = HashSet::new();
        let mut taken: Vec<&str> = Vec::new();
        let mut dup: Vec<(&str, Vec<&str>)> = Vec::new();
        for (_, s) in by_size {
            // A lone sheet is never a duplicate: no keys to build (for a
            // million-row export they were a string per row, ~2 s in wasm).
            if candidates.len() < 2 {
                taken.push(s.name());
                continue;
            }
            // Dossiers with ids are never dropped as a whole: overlapping
            // exports are merged row by row (the most advanced status of a
            // dossier wins; `turnaround::rows`), which a sheet-level rule
            // cannot do.
            if kind == Kind::Dossiers && s.canon_col(Canon::DossierId).is_some() {
                taken.push(s.name());
                continue;
            }
            let keys = identity_keys(s, kind);
            match keys {
                Some(k) if !taken.is_empty() && !k.is_empty() && k.iter().all(|x| seen.contains(x)) => {
                    dup.push((s.name(), taken.clone()));
                }
                _ => {
                    seen.extend(keys.into_iter().flatten());
                    taken.push(s.name());
                }
            }
        }
        for (name, others) in dup {
            let others = others.iter().map(|o| format!("«{o}»")).collect::<Vec<_>>().join(", ");
            ignored.push(IgnoredSheet {
                name: name.to_string(),
                reason: format!("Mọi dòng của trang tính này đã có trong {others}; không tính hai lần."),
                reason_en: format!("Every row of this sheet is already in {others}; not counted twice."),
            });
        }
        let names = candidates.iter().filter(|s| taken.contains(&s.name())).map(|s| s.name().to_string()).collect();
        // Ignored sheets in workbook order.
        let order = |n: &str| self.sheets.iter().position(|s| s.name == n).unwrap_or(usize::MAX);
        ignored.sort_by_key(|i| order(&i.name));
        PoolPlan { names, ignored }
    }

    /// The sheets named in `names`, mutably, in workbook order.
    pub fn sheets_named_mut(&mut self, names: &[String]) -> Vec<&mut Sheet> {
        self.sheets.iter_mut().filter(|s| names.contains(&s.name)).collect()
    }
}

impl UnitTable {
    /// Every villages sheet of the workbook as one table (`Workbook::pool_plan`);
    /// `None` when there is none. With several sheets, one without a commune
    /// column takes its sheet name as the commune of its villages.
    pub fn pooled(wb: &mut Workbook, ind: &Indicators) -> PolarsResult<Option<UnitTable>> {
        let plan = wb.pool_plan(Kind::Villages);
        let many = plan.names.len() > 1;
        let mut acc: Option<UnitTable> = None;
        for s in wb.sheets_named_mut(&plan.names) {
            let mut t = UnitTable::from_sheet(s, ind)?;
            if many && s.canon_col(Canon::Commune).is_none() {
                let commune = commune_of_sheet_name(s.name());
                let villages: Vec<Option<String>> = t.df.column("village")?.str()?.into_iter().map(|v| v.map(str::to_string)).collect();
                let communes: Vec<Option<String>> = villages.iter().map(|v| v.as_deref().filter(|v| !v.is_empty()).map(|_| commune.clone())).collect();
                t.df.with_column(Column::new("commune".into(), communes))?;
                for p in t.sheets.iter_mut() {
                    p.commune_from_name = true;
                }
            }
            match acc.as_mut() {
                None => acc = Some(t),
                Some(a) => {
                    a.df.vstack_mut_owned(t.df)?;
                    a.sheets.extend(t.sheets);
                    for id in t.provided {
                        if !a.provided.contains(&id) {
                            a.provided.push(id);
                        }
                    }
                }
            }
        }
        Ok(acc.map(|mut a| {
            a.df.rechunk_mut();
            a.ignored = plan.ignored;
            a
        }))
    }
}

impl DossierTable {
    /// Every dossier sheet of the workbook as one table; `None` when there is none.
    pub fn pooled(wb: &mut Workbook) -> PolarsResult<Option<DossierTable>> {
        let plan = wb.pool_plan(Kind::Dossiers);
        if plan.names.is_empty() {
            return Ok(None);
        }
        let mut sheets = wb.sheets_named_mut(&plan.names);
        let mut t = DossierTable::from_sheets(&mut sheets)?;
        t.ignored = plan.ignored;
        Ok(Some(t))
    }
}

impl PlanRow {
    /// The rows of every plan sheet; `None` when there is none.
    pub fn pooled(wb: &mut Workbook) -> Option<Vec<PlanRow>> {
        let plan = wb.pool_plan(Kind::Plan);
        if plan.names.is_empty() {
            return None;
        }
        Some(wb.sheets_named_mut(&plan.names).into_iter().flat_map(PlanRow::from_sheet).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_lose_the_commune_prefix() {
        for (name, want) in [
            ("Xã Sơn Hà", "Sơn Hà"),
            ("Thị trấn Phố Lu", "Phố Lu"),
            ("XA Son Ha", "Son Ha"),
            ("Sơn Hà", "Sơn Hà"),
            ("Xã", "Xã"),
        ] {
            assert_eq!(commune_of_sheet_name(name), want, "{name:?}");
        }
    }
}
