//! Turnaround analytics over administrative-procedure dossiers.
//!
//! Definitions are normative (cli-contract.md): dates are Vietnam-local
//! dates; `working_days` counts working days d with received < d ≤
//! completed; completed = completion date on or before `as_of`; open =
//! everything else received by `as_of`; quantiles interpolate linearly;
//! on-time compares completion (never citizen pickup) with the due date;
//! Kaplan–Meier treats open dossiers as censored at `as_of`.
//!
//! Per-row calendar arithmetic runs in Rust over the typed columns (an O(1)
//! prefix-sum lookup per dossier); aggregation is one polars plan, shared by
//! the overall figures and every group-by; Kaplan–Meier is computed per group
//! from the same rows.

mod before_after;
mod hist;
mod rows;
pub mod status;

pub use before_after::{before_after, launches_in_force, BeforeAfter, LaunchDates, LaunchInForce, Side};
pub use hist::{HistGroup, Tally, TurnaroundHist, TurnaroundHists};
pub use rows::Prepared;

use crate::calendar::Calendar;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::ingest::DossierTable;
use crate::stats;
pub use rows::Fact;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

/// Dimensions a user may group by.
pub const DIMENSIONS: &[&str] = &["procedure_name", "procedure_code", "commune", "village", "channel", "field", "processing_unit", "month"];

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Metrics {
    /// Dossiers in scope: received on or before `as_of`, status not out of scope.
    pub dossiers: u32,
    pub completed: u32,
    pub open: u32,
    /// Open dossiers whose status says they wait for documents or are suspended.
    pub paused: u32,
    /// Out-of-scope dossiers, per reason: in no other count or rate.
    pub excluded: Excluded,
    pub overdue_open: u32,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
    pub mean_days: Option<f64>,
    pub median_working_days: Option<f64>,
    pub p90_working_days: Option<f64>,
    pub mean_working_days: Option<f64>,
    pub on_time_rate: Option<f64>,
    /// Gia Lai: (finished late + open past due) ÷ all dossiers in scope.
    pub late_rate_gia_lai: Option<f64>,
    pub online_rate: Option<f64>,
    pub online_payment_rate: Option<f64>,
    pub digitisation_rate: Option<f64>,
    pub km_median_working_days: Option<f64>,
    pub km_p90_working_days: Option<f64>,
}

/// Out-of-scope dossiers by reason (cli-contract `excluded`).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Excluded {
    pub cancelled: u32,
    pub withdrawn: u32,
    pub not_accepted: u32,
}

impl Excluded {
    pub fn total(self) -> u32 {
        self.cancelled + self.withdrawn + self.not_accepted
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
// The metrics by reference, not written out again in the TypeScript.
#[cfg_attr(test, ts(type = "{ by: { [key in string]: string | null } } & Metrics"))]
pub struct Group {
    pub by: std::collections::BTreeMap<String, Option<String>>,
    #[serde(flatten)]
    pub metrics: Metrics,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Bin {
    pub working_days: i32,
    pub count: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TurnaroundWarning {
    pub row: Option<u32>,
    /// The sheet of `row`: a workbook's dossier sheets are pooled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub message: String,
    pub message_en: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TurnaroundReport {
    pub as_of: Date,
    pub calendar: String,
    pub overall: Metrics,
    pub groups: Vec<Group>,
    pub monthly: Vec<Group>,
    pub by_procedure: Vec<Group>,
    pub distribution: Vec<Bin>,
    pub before_after: Vec<BeforeAfter>,
    /// The calendar in use over the years the data covers: holidays,
    /// compensatory days, swaps, make-up Saturdays, user days.
    pub calendar_days_off: Vec<crate::calendar::DayInfo>,
    /// Each distinct status value: its class, where the class came from
    /// (the user, the built-in table, a portal code, or unknown) and count.
    pub statuses: Vec<status::StatusRow>,
    /// Which column gives the completion date (cli-contract: completion date).
    pub completion_from: crate::ingest::CompletionSource,
    pub warnings: Vec<TurnaroundWarning>,
    /// The dossier sheets read, pooled, with their row counts.
    #[serde(default)]
    pub sheets: Vec<crate::ingest::PooledSheet>,
    /// Dossier-like sheets left out, with the reason.
    #[serde(default)]
    pub ignored_sheets: Vec<crate::ingest::IgnoredSheet>,
    /// Rows that repeat a dossier id of another sheet or file (overlapping
    /// exports), counted once: the most advanced status won.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub duplicates: u32,
    /// Each village's launch date as applied to `before_after`: the user's
    /// over the file's (the page lists and edits them from this).
    #[serde(default)]
    pub launch_dates: Vec<LaunchInForce>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub as_of: Option<Date>,
    pub by: Vec<String>,
    pub launch: LaunchDates,
    /// The user's status words → class names (`status::StatusClass::name`).
    pub statuses: std::collections::BTreeMap<String, String>,
}

pub fn validate_dims(by: &[String]) -> Result<()> {
    for d in by {
        if !DIMENSIONS.contains(&d.as_str()) {
            return Err(Error::new(
                "bad_dimension",
                format!("Không nhóm được theo «{d}». Chọn một trong: {}.", DIMENSIONS.join(", ")),
                format!("Cannot group by \"{d}\". Choose from: {}.", DIMENSIONS.join(", ")),
            ));
        }
    }
    Ok(())
}

pub fn analyse(table: &DossierTable, cal: &Calendar, opts: &Options) -> Result<TurnaroundReport> {
    validate_dims(&opts.by)?;
    let prep = Prepared::with_statuses(table, cal, opts.as_of, &opts.statuses)?;
    let overall = metrics_for(&prep, &[])?.pop().map(|g| g.metrics).unwrap_or_default();
    let groups = if opts.by.is_empty() { Vec::new() } else { metrics_for(&prep, &opts.by)? };
    let monthly = metrics_for(&prep, &["month".to_string()])?;
    let by_procedure = if table.present.contains(&crate::ingest::columns::Canon::ProcedureName) {
        metrics_for(&prep, &["procedure_name".to_string()])?
    } else {
        Vec::new()
    };
    let distribution = prep.distribution();
    let before_after = before_after(&prep, &opts.launch);
    let first_year = prep.received.iter().flatten().min().map(|&d| Date(d).year()).unwrap_or(prep.as_of.year());
    let calendar_days_off = (first_year.max(prep.as_of.year() - 10)..=prep.as_of.year()).flat_map(|y| cal.days_off(y)).collect();
    Ok(TurnaroundReport {
        as_of: prep.as_of,
        calendar: cal.name().to_string(),
        overall,
        groups,
        monthly,
        by_procedure,
        distribution,
        before_after,
        calendar_days_off,
        statuses: prep.statuses.clone(),
        completion_from: table.completion_from,
        warnings: prep.warnings.clone(),
        sheets: table.sheets.clone(),
        ignored_sheets: table.ignored.clone(),
        duplicates: prep.duplicates,
        launch_dates: Vec::new(),
    })
}

/// The exactly mergeable form of [`analyse`]'s `overall` and `groups`:
/// per group, integer histograms and counts from which
/// [`TurnaroundHist::metrics`] gives the same metrics, to the bit.
pub fn hists(table: &DossierTable, cal: &Calendar, opts: &Options) -> Result<TurnaroundHists> {
    validate_dims(&opts.by)?;
    let prep = Prepared::with_statuses(table, cal, opts.as_of, &opts.statuses)?;
    let overall = TurnaroundHist::from_facts(&prep.facts.rows);
    let groups = if opts.by.is_empty() { Vec::new() } else { grouped::<hist::HistBuilder>(&prep, &opts.by)? };
    Ok(TurnaroundHists {
        as_of: prep.as_of,
        calendar: cal.name().to_string(),
        by: opts.by.clone(),
        overall,
        groups: groups.into_iter().map(|(by, hist)| HistGroup { by, hist }).collect(),
    })
}

/// What one group's dossiers are gathered into, row by row.
trait GroupAcc {
    type Out;
    fn with_capacity(n: usize) -> Self;
    fn add(&mut self, f: &Fact);
    /// `None` when no dossier of the group is in scope or excluded.
    fn finish(self) -> Option<Self::Out>;
}

impl GroupAcc for Acc {
    type Out = Metrics;
    fn with_capacity(n: usize) -> Acc {
        Acc::with_capacity(n)
    }
    fn add(&mut self, f: &Fact) {
        Acc::add(self, f)
    }
    fn finish(mut self) -> Option<Metrics> {
        self.metrics()
    }
}

impl GroupAcc for hist::HistBuilder {
    type Out = TurnaroundHist;
    fn with_capacity(_: usize) -> Self {
        Self::default()
    }
    fn add(&mut self, f: &Fact) {
        hist::HistBuilder::add(self, f)
    }
    fn finish(self) -> Option<TurnaroundHist> {
        hist::HistBuilder::finish(self)
    }
}

/// Group keys in the order of the dimensions: values ascending, a missing
/// value after every value.
fn cmp_keys(a: &[Option<String>], b: &[Option<String>]) -> std::cmp::Ordering {
    a.iter()
        .zip(b)
        .map(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        })
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// The metrics of every group of `by` (all in-scope dossiers when `by` is
/// empty), ordered by the group keys with missing keys last.
///
/// polars finds the groups (hash grouping on the dimension columns); the
/// metrics then come from one pass over the dossiers. Letting polars aggregate
/// median, p90 and the Kaplan–Meier lists instead gathered every column once
/// per aggregate and group: 65% of a 1M-row analysis in wasm.
fn metrics_for(prep: &Prepared, by: &[String]) -> Result<Vec<Group>> {
    if by.is_empty() {
        let mut acc = Acc::with_capacity(prep.facts.rows.len());
        prep.facts.rows.iter().for_each(|f| acc.add(f));
        return Ok(vec![Group { by: Default::default(), metrics: acc.metrics().unwrap_or_default() }]);
    }
    Ok(grouped::<Acc>(prep, by)?.into_iter().map(|(by, metrics)| Group { by, metrics }).collect())
}

/// Each group of `by` (not empty) gathered into an `A`, keyed and ordered
/// as [`metrics_for`] says.
fn grouped<A: GroupAcc>(prep: &Prepared, by: &[String]) -> Result<Vec<(std::collections::BTreeMap<String, Option<String>>, A::Out)>> {
    // One UInt64 key per row (the codes in mixed radix) lets polars group on
    // a single integer column; grouping on several columns row-encodes
    // every row first. Several text columns of a huge file would overflow
    // 64 bits only with millions of distinct values each: then polars
    // groups the columns themselves.
    let cols: Vec<&[u32]> = by.iter().map(|b| -> Result<&[u32]> { Ok(prep.df.column(b)?.u32()?.cont_slice()?) }).collect::<Result<_>>()?;
    let radices: Vec<u64> = cols.iter().map(|c| u64::from(c.iter().copied().max().unwrap_or(0)) + 1).collect();
    let fits = radices.iter().try_fold(1u64, |acc, &r| acc.checked_mul(r)).is_some();
    let positions = if fits && by.len() > 1 {
        let key: Vec<u64> = (0..prep.df.height()).map(|i| cols.iter().zip(&radices).fold(0u64, |k, (c, &r)| k * r + u64::from(c[i]))).collect();
        DataFrame::new(vec![Column::new("key".into(), key)])?.group_by(["key"])?.take_groups()
    } else {
        prep.df.group_by(by.iter().map(String::as_str))?.take_groups()
    };
    // Rows are visited in table order, each appended to its group's buffers:
    // visiting each group's rows in turn would jump across the whole table
    // (a cache miss per row, most of the time of this function).
    let mut gid = vec![u32::MAX; prep.df.height()];
    let mut firsts = Vec::with_capacity(positions.len());
    for (g, ind) in positions.iter().enumerate() {
        match ind {
            GroupsIndicator::Idx((first, idx)) => {
                firsts.push(first as usize);
                idx.iter().for_each(|&i| gid[i as usize] = g as u32)
            }
            GroupsIndicator::Slice([first, len]) => {
                firsts.push(first as usize);
                gid[first as usize..(first + len) as usize].fill(g as u32)
            }
        }
    }
    let key_cols: Vec<&Column> = by.iter().map(|b| prep.df.column(b)).collect::<PolarsResult<_>>()?;
    // Sized by group up front: growing a million-entry buffer by doubling
    // copies it about twenty times.
    let mut accs: Vec<A> = positions.iter().map(|ind| A::with_capacity(ind.len())).collect();
    for (fact, &g) in prep.facts.rows.iter().zip(&gid) {
        if let Some(acc) = accs.get_mut(g as usize) {
            acc.add(fact);
        }
    }
    let mut groups: Vec<(Vec<Option<String>>, A::Out)> = Vec::with_capacity(accs.len());
    for (g, acc) in accs.into_iter().enumerate() {
        // A group with no dossier in scope does not exist for the analysis.
        if let Some(m) = acc.finish() {
            let keys = key_cols.iter().map(|c| prep.key_name(c, firsts[g])).collect::<Result<_>>()?;
            groups.push((keys, m));
        }
    }
    groups.sort_by(|a, b| cmp_keys(&a.0, &b.0));
    Ok(groups.into_iter().map(|(k, out)| (by.iter().cloned().zip(k).collect(), out)).collect())
}

/// One group's dossiers in scope, accumulated row by row.
#[derive(Default)]
struct Acc {
    dossiers: u32,
    completed: u32,
    paused: u32,
    excluded: Excluded,
    overdue: u32,
    days: Vec<f64>,
    wd: Vec<f64>,
    km_t: Vec<i32>,
    km_event: Vec<bool>,
    on_time: Rate,
    late: Rate,
    online: Rate,
    paid: Rate,
    digitised: Rate,
}

/// Share of `true` among the known values, as polars' mean of a boolean cast.
#[derive(Default, Clone, Copy)]
struct Rate {
    yes: u32,
    known: u32,
}

impl Rate {
    fn add(&mut self, v: Option<bool>) {
        if let Some(v) = v {
            self.known += 1;
            self.yes += u32::from(v);
        }
    }
    fn get(self) -> Option<f64> {
        (self.known > 0).then(|| f64::from(self.yes) / f64::from(self.known))
    }
}

impl Acc {
    fn with_capacity(n: usize) -> Acc {
        Acc { days: Vec::with_capacity(n), wd: Vec::with_capacity(n), km_t: Vec::with_capacity(n), km_event: Vec::with_capacity(n), ..Acc::default() }
    }

    fn add(&mut self, r: &Fact) {
        match r.class {
            Fact::EXCLUDED_CANCELLED => self.excluded.cancelled += 1,
            Fact::EXCLUDED_WITHDRAWN => self.excluded.withdrawn += 1,
            Fact::EXCLUDED_NOT_ACCEPTED => self.excluded.not_accepted += 1,
            Fact::PAUSED => self.paused += 1,
            _ => {}
        }
        if !r.has(Fact::IN_SCOPE) {
            return;
        }
        self.dossiers += 1;
        self.completed += u32::from(r.has(Fact::COMPLETED));
        self.overdue += u32::from(r.has(Fact::OVERDUE_OPEN));
        if !r.days.is_nan() {
            self.days.push(r.days);
        }
        if !r.wd.is_nan() {
            self.wd.push(r.wd);
        }
        self.on_time.add(r.tri(Fact::ON_TIME));
        self.late.add(r.tri(Fact::LATE_ANY));
        self.online.add(r.tri(Fact::ONLINE));
        self.paid.add(r.tri(Fact::PAID_ONLINE));
        self.digitised.add(r.tri(Fact::DIGITISED));
        self.km_t.push(r.km_t);
        self.km_event.push(r.has(Fact::KM_EVENT));
    }

    /// The group's metrics; `None` when no dossier of it is in scope or
    /// excluded (a month of only cancelled dossiers is shown, with its counts).
    fn metrics(&mut self) -> Option<Metrics> {
        if self.dossiers == 0 && self.excluded.total() == 0 {
            return None;
        }
        let curve = stats::kaplan_meier_int(&self.km_t, &self.km_event);
        let r4 = |v: Option<f64>| v.map(|x| (x * 10_000.0).round() / 10_000.0);
        let r2 = |v: Option<f64>| v.map(crate::scoring::round2);
        Some(Metrics {
            dossiers: self.dossiers,
            completed: self.completed,
            open: self.dossiers - self.completed,
            paused: self.paused,
            excluded: self.excluded,
            overdue_open: self.overdue,
            median_days: r2(stats::quantile_select(&mut self.days, 0.5)),
            p90_days: r2(stats::quantile_select(&mut self.days, 0.9)),
            mean_days: r2(stats::mean(&self.days)),
            median_working_days: r2(stats::quantile_select(&mut self.wd, 0.5)),
            p90_working_days: r2(stats::quantile_select(&mut self.wd, 0.9)),
            mean_working_days: r2(stats::mean(&self.wd)),
            on_time_rate: r4(self.on_time.get()),
            late_rate_gia_lai: r4(self.late.get()),
            online_rate: r4(self.online.get()),
            online_payment_rate: r4(self.paid.get()),
            digitisation_rate: r4(self.digitised.get()),
            km_median_working_days: stats::km_quantile(&curve, 0.5),
            km_p90_working_days: stats::km_quantile(&curve, 0.9),
        })
    }
}
