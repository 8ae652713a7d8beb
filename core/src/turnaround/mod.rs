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
mod rows;

pub use before_after::{before_after, BeforeAfter, LaunchDates, Side};
pub use rows::Prepared;

use crate::calendar::Calendar;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::ingest::DossierTable;
use crate::stats;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

/// Dimensions a user may group by.
pub const DIMENSIONS: &[&str] = &["procedure_name", "procedure_code", "commune", "village", "channel", "field", "processing_unit", "month"];

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Metrics {
    pub dossiers: u32,
    pub completed: u32,
    pub open: u32,
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

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Group {
    pub by: std::collections::BTreeMap<String, Option<String>>,
    #[serde(flatten)]
    pub metrics: Metrics,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Bin {
    pub working_days: i32,
    pub count: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TurnaroundWarning {
    pub row: Option<u32>,
    pub message: String,
    pub message_en: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
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
    pub warnings: Vec<TurnaroundWarning>,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub as_of: Option<Date>,
    pub by: Vec<String>,
    pub launch: LaunchDates,
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
    let prep = Prepared::new(table, cal, opts.as_of)?;
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
        warnings: prep.warnings.clone(),
    })
}

fn aggs() -> Vec<Expr> {
    let rate = |c: &str| col(c).cast(DataType::Float64).mean();
    let q = |c: &str, p: f64| col(c).quantile(lit(p), QuantileMethod::Linear);
    vec![
        len().cast(DataType::UInt32).alias("dossiers"),
        col("is_completed").cast(DataType::UInt32).sum().alias("completed"),
        col("overdue_open").cast(DataType::UInt32).sum().alias("overdue_open"),
        col("days").median().alias("median_days"),
        q("days", 0.9).alias("p90_days"),
        col("days").mean().alias("mean_days"),
        col("wd").median().alias("median_working_days"),
        q("wd", 0.9).alias("p90_working_days"),
        col("wd").mean().alias("mean_working_days"),
        rate("on_time").alias("on_time_rate"),
        rate("late_any").alias("late_rate_gia_lai"),
        rate("online").alias("online_rate"),
        rate("paid_online").alias("online_payment_rate"),
        rate("digitised").alias("digitisation_rate"),
        col("km_t"),
        col("km_event"),
    ]
}

/// One polars plan for the standard metrics (grouped or not), then
/// Kaplan–Meier from each group's (time, event) lists.
fn metrics_for(prep: &Prepared, by: &[String]) -> Result<Vec<Group>> {
    let lf = prep.df.clone().lazy().filter(col("in_scope"));
    let out = if by.is_empty() {
        let mut a = aggs();
        // Outside a group-by, plain columns are not lists: implode them.
        let km_t = a.pop().map(|e| e.implode());
        let km_e = a.pop().map(|e| e.implode());
        a.extend(km_e);
        a.extend(km_t);
        lf.select(a).collect()?
    } else {
        let keys: Vec<Expr> = by.iter().map(|d| col(d.as_str())).collect();
        lf.group_by(keys).agg(aggs()).sort(by.iter().map(String::as_str).collect::<Vec<_>>(), SortMultipleOptions::default().with_nulls_last(true)).collect()?
    };
    let n = out.height();
    let f = |name: &str| -> Result<Vec<Option<f64>>> { Ok(out.column(name)?.cast(&DataType::Float64)?.f64()?.into_iter().collect()) };
    let u = |name: &str| -> Result<Vec<u32>> { Ok(out.column(name)?.cast(&DataType::UInt32)?.u32()?.into_iter().map(|v| v.unwrap_or(0)).collect()) };
    let dossiers = u("dossiers")?;
    let completed = u("completed")?;
    let overdue = u("overdue_open")?;
    let cols: Vec<Vec<Option<f64>>> = [
        "median_days", "p90_days", "mean_days", "median_working_days", "p90_working_days", "mean_working_days", "on_time_rate",
        "late_rate_gia_lai", "online_rate", "online_payment_rate", "digitisation_rate",
    ]
    .iter()
    .map(|c| f(c))
    .collect::<Result<_>>()?;
    let km_t = out.column("km_t")?.list()?.clone();
    let km_e = out.column("km_event")?.list()?.clone();
    let key_vals: Vec<Vec<Option<String>>> = by
        .iter()
        .map(|d| -> Result<Vec<Option<String>>> { Ok(out.column(d.as_str())?.str()?.into_iter().map(|s| s.map(str::to_string)).collect()) })
        .collect::<Result<_>>()?;
    let mut groups = Vec::with_capacity(n);
    for i in 0..n {
        let times: Vec<i32> = km_t.get_as_series(i).map(|s| s.i32().map(|c| c.into_no_null_iter().collect()).unwrap_or_default()).unwrap_or_default();
        let events: Vec<bool> = km_e.get_as_series(i).map(|s| s.bool().map(|c| c.into_no_null_iter().collect()).unwrap_or_default()).unwrap_or_default();
        let curve = stats::kaplan_meier_int(&times, &events);
        let r4 = |v: Option<f64>| v.map(|x| (x * 10_000.0).round() / 10_000.0);
        let r2 = |v: Option<f64>| v.map(crate::scoring::round2);
        let m = Metrics {
            dossiers: dossiers[i],
            completed: completed[i],
            open: dossiers[i] - completed[i],
            overdue_open: overdue[i],
            median_days: r2(cols[0][i]),
            p90_days: r2(cols[1][i]),
            mean_days: r2(cols[2][i]),
            median_working_days: r2(cols[3][i]),
            p90_working_days: r2(cols[4][i]),
            mean_working_days: r2(cols[5][i]),
            on_time_rate: r4(cols[6][i]),
            late_rate_gia_lai: r4(cols[7][i]),
            online_rate: r4(cols[8][i]),
            online_payment_rate: r4(cols[9][i]),
            digitisation_rate: r4(cols[10][i]),
            km_median_working_days: stats::km_quantile(&curve, 0.5),
            km_p90_working_days: stats::km_quantile(&curve, 0.9),
        };
        let by_map = by.iter().enumerate().map(|(k, d)| (d.clone(), key_vals[k][i].clone())).collect();
        groups.push(Group { by: by_map, metrics: m });
    }
    Ok(groups)
}
