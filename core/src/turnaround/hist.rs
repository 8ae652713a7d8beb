//! Turnaround aggregates that merge exactly (issue 15, part 3).
//!
//! A [`TurnaroundHist`] holds, for one group of dossiers, only integer
//! counts, and they are enough to recompute every field of [`Metrics`] with
//! the report's own arithmetic:
//!
//! * **Quantiles** (median, p90 of calendar and working days, linear
//!   interpolation between order statistics): a sparse histogram of each,
//!   over completed dossiers. The order statistics at ⌊h⌋ and ⌊h⌋ + 1 are
//!   read off the cumulative counts and interpolated by the same `lerp`
//!   (`stats::quantile_counts`), so the result has the same bits as
//!   `stats::quantile_select` over the rows.
//! * **Means**: the histogram's Σ value·count, an exact integer. The rows'
//!   f64 running sum is exact too (every partial sum is an integer far below
//!   2⁵³), so both divide the same sum by the same count. A separate sum
//!   field would only be a way to disagree with the histogram, so there is
//!   none.
//! * **Kaplan–Meier**: events are the completed dossiers at their working
//!   days, which is the working-days histogram itself (rows.rs sets
//!   `km_t = wd` and `KM_EVENT` exactly when a dossier is completed);
//!   `censored` holds the open dossiers at their working days from receipt
//!   to `as_of`. `stats::kaplan_meier_counts` walks the same (t, events,
//!   censored) steps as `kaplan_meier_int`.
//! * **Counts and rates**: numerators and denominators, never rates.
//!   `completed` is the histogram's total, `open` the censored total,
//!   `dossiers` their sum: nothing to keep consistent by hand.
//!
//! Values are whole days ≥ 0 by construction: `days` is completion − receipt
//! in whole dates, `working_days` a count of working days in
//! (received, completed], and a completion before receipt is turned into an
//! open dossier upstream (rows.rs, with a warning), censored at `as_of` like
//! every open one. The histograms are `i32` like the facts all the same, so a
//! negative value would be counted where it is, never clamped.
//!
//! What does **not** merge: the due date a row lacks is derived from its
//! procedure's most common legal deadline *in the file*, so two files that
//! derive it differently give different on-time counts than their pooled
//! rows would; and parts must share `as_of` and the calendar (the censoring
//! times and working days depend on both) — [`TurnaroundHists::merge`]
//! refuses otherwise.

use super::rows::Fact;
use super::{Excluded, Group, Metrics};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::stats;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A yes/no fact over the dossiers that have it: (yes, known).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Tally(pub u32, pub u32);

impl Tally {
    fn add(&mut self, v: Option<bool>) {
        if let Some(v) = v {
            self.1 += 1;
            self.0 += u32::from(v);
        }
    }
    fn merge(&mut self, o: Tally) {
        self.0 = self.0.saturating_add(o.0);
        self.1 = self.1.saturating_add(o.1);
    }
    /// The rate as the report computes it (`Rate::get`), rounded likewise.
    fn rate(self) -> Option<f64> {
        round4((self.1 > 0).then(|| f64::from(self.0) / f64::from(self.1)))
    }
}

/// One group's turnaround as integer counts; see the module documentation.
/// Histograms are sparse: (value, count) pairs, values strictly ascending,
/// counts > 0.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TurnaroundHist {
    /// Completed dossiers: calendar days from receipt to completion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<(i32, u32)>,
    /// Completed dossiers: working days; also the Kaplan–Meier events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_days: Vec<(i32, u32)>,
    /// Open dossiers: working days from receipt to `as_of`, where
    /// Kaplan–Meier censors them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub censored: Vec<(i32, u32)>,
    /// Open dossiers waiting for documents or suspended.
    pub paused: u32,
    pub overdue_open: u32,
    pub excluded: Excluded,
    /// Completed on or before the due date, over completed with a due date.
    pub on_time: Tally,
    /// Gia Lai: finished late or open past due, over all in scope.
    pub late: Tally,
    pub online: Tally,
    pub online_payment: Tally,
    pub digitised: Tally,
}

fn round4(v: Option<f64>) -> Option<f64> {
    v.map(|x| (x * 10_000.0).round() / 10_000.0)
}

fn round2(v: Option<f64>) -> Option<f64> {
    v.map(crate::scoring::round2)
}

fn total(h: &[(i32, u32)]) -> usize {
    h.iter().map(|&(_, c)| c as usize).sum()
}

/// Two sparse histograms as one: a merge of two ascending lists.
fn merge_bins(a: &[(i32, u32)], b: &[(i32, u32)]) -> Vec<(i32, u32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&(x, n)), Some(&(y, m))) if x == y => {
                out.push((x, n.saturating_add(m)));
                i += 1;
                j += 1;
            }
            (Some(&(x, n)), Some(&(y, _))) if x < y => {
                out.push((x, n));
                i += 1;
            }
            (Some(&p), None) => {
                out.push(p);
                i += 1;
            }
            (_, Some(&p)) => {
                out.push(p);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Builds a [`TurnaroundHist`] row by row: counts per value in maps, made
/// sparse lists at the end.
#[derive(Default)]
pub(crate) struct HistBuilder {
    days: BTreeMap<i32, u32>,
    wd: BTreeMap<i32, u32>,
    censored: BTreeMap<i32, u32>,
    h: TurnaroundHist,
    in_scope: u32,
}

impl HistBuilder {
    /// One dossier's fact, with the same tests as the report's `Acc::add`.
    pub(crate) fn add(&mut self, r: &Fact) {
        let h = &mut self.h;
        match r.class {
            Fact::EXCLUDED_CANCELLED => h.excluded.cancelled += 1,
            Fact::EXCLUDED_WITHDRAWN => h.excluded.withdrawn += 1,
            Fact::EXCLUDED_NOT_ACCEPTED => h.excluded.not_accepted += 1,
            Fact::PAUSED => h.paused += 1,
            _ => {}
        }
        if !r.has(Fact::IN_SCOPE) {
            return;
        }
        self.in_scope += 1;
        h.overdue_open += u32::from(r.has(Fact::OVERDUE_OPEN));
        h.on_time.add(r.tri(Fact::ON_TIME));
        h.late.add(r.tri(Fact::LATE_ANY));
        h.online.add(r.tri(Fact::ONLINE));
        h.online_payment.add(r.tri(Fact::PAID_ONLINE));
        h.digitised.add(r.tri(Fact::DIGITISED));
        // Completed ⇔ days and working days known ⇔ a Kaplan–Meier event at
        // km_t = working days (rows.rs); the histograms rely on it.
        debug_assert_eq!(r.has(Fact::COMPLETED), !r.days.is_nan());
        debug_assert_eq!(r.has(Fact::COMPLETED), r.has(Fact::KM_EVENT));
        debug_assert!(!r.has(Fact::KM_EVENT) || f64::from(r.km_t) == r.wd);
        if r.has(Fact::KM_EVENT) {
            // Whole days (differences of dates, counts of days): exact.
            *self.days.entry(r.days as i32).or_default() += 1;
            *self.wd.entry(r.km_t).or_default() += 1;
        } else {
            *self.censored.entry(r.km_t).or_default() += 1;
        }
    }

    /// The histogram; `None` when no dossier is in scope or excluded (the
    /// report has no such group).
    pub(crate) fn finish(self) -> Option<TurnaroundHist> {
        let mut h = self.h;
        if self.in_scope == 0 && h.excluded.total() == 0 {
            return None;
        }
        h.days = self.days.into_iter().collect();
        h.working_days = self.wd.into_iter().collect();
        h.censored = self.censored.into_iter().collect();
        Some(h)
    }
}

impl TurnaroundHist {
    /// The histogram of these dossiers' facts, in one pass.
    pub(crate) fn from_facts<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> TurnaroundHist {
        let mut b = HistBuilder::default();
        facts.into_iter().for_each(|f| b.add(f));
        b.finish().unwrap_or_default()
    }

    /// No dossier in scope and none excluded.
    pub fn is_empty(&self) -> bool {
        self.working_days.is_empty() && self.censored.is_empty() && self.excluded.total() == 0
    }

    /// Adds `other`'s dossiers: exact, associative and commutative (counts
    /// add; histograms add value by value). Counts saturate at `u32::MAX`
    /// rather than wrap: no real group comes near it.
    pub fn merge(&mut self, other: &TurnaroundHist) {
        self.days = merge_bins(&self.days, &other.days);
        self.working_days = merge_bins(&self.working_days, &other.working_days);
        self.censored = merge_bins(&self.censored, &other.censored);
        self.paused = self.paused.saturating_add(other.paused);
        self.overdue_open = self.overdue_open.saturating_add(other.overdue_open);
        let (e, o) = (&mut self.excluded, other.excluded);
        e.cancelled = e.cancelled.saturating_add(o.cancelled);
        e.withdrawn = e.withdrawn.saturating_add(o.withdrawn);
        e.not_accepted = e.not_accepted.saturating_add(o.not_accepted);
        self.on_time.merge(other.on_time);
        self.late.merge(other.late);
        self.online.merge(other.online);
        self.online_payment.merge(other.online_payment);
        self.digitised.merge(other.digitised);
    }

    /// Every field of [`Metrics`], with the report's definitions and
    /// arithmetic (equal to the report's to the bit; tests hold it).
    pub fn metrics(&self) -> Metrics {
        let completed = total(&self.working_days);
        let open = total(&self.censored);
        let dossiers = completed + open;
        let mean = |h: &[(i32, u32)]| {
            let n = total(h);
            let sum: i64 = h.iter().map(|&(v, c)| i64::from(v) * i64::from(c)).sum();
            (n > 0).then(|| sum as f64 / n as f64)
        };
        // Kaplan–Meier steps: each working day with its events and censored,
        // ascending.
        let (w, c) = (&self.working_days, &self.censored);
        let (mut i, mut j) = (0, 0);
        let steps = std::iter::from_fn(|| {
            let t = match (w.get(i), c.get(j)) {
                (Some(&(a, _)), Some(&(b, _))) => a.min(b),
                (Some(&(a, _)), None) => a,
                (None, Some(&(b, _))) => b,
                (None, None) => return None,
            };
            let d = w.get(i).filter(|p| p.0 == t).map_or(0, |p| p.1 as usize);
            let k = c.get(j).filter(|p| p.0 == t).map_or(0, |p| p.1 as usize);
            i += usize::from(w.get(i).is_some_and(|p| p.0 == t));
            j += usize::from(c.get(j).is_some_and(|p| p.0 == t));
            Some((t, d, k))
        });
        let curve = stats::kaplan_meier_counts(dossiers, steps);
        let u = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Metrics {
            dossiers: u(dossiers),
            completed: u(completed),
            open: u(open),
            paused: self.paused,
            excluded: self.excluded,
            overdue_open: self.overdue_open,
            median_days: round2(stats::quantile_counts(&self.days, total(&self.days), 0.5)),
            p90_days: round2(stats::quantile_counts(&self.days, total(&self.days), 0.9)),
            mean_days: round2(mean(&self.days)),
            median_working_days: round2(stats::quantile_counts(w, completed, 0.5)),
            p90_working_days: round2(stats::quantile_counts(w, completed, 0.9)),
            mean_working_days: round2(mean(w)),
            on_time_rate: self.on_time.rate(),
            late_rate_gia_lai: self.late.rate(),
            online_rate: self.online.rate(),
            online_payment_rate: self.online_payment.rate(),
            digitisation_rate: self.digitised.rate(),
            km_median_working_days: stats::km_quantile(&curve, 0.5),
            km_p90_working_days: stats::km_quantile(&curve, 0.9),
        }
    }
}

/// One group's histogram, keyed like [`Group`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HistGroup {
    pub by: BTreeMap<String, Option<String>>,
    #[serde(flatten)]
    pub hist: TurnaroundHist,
}

/// A report's histograms: overall and per group of `by`, the groups of
/// `TurnaroundReport::groups` in the same order. Built by
/// [`super::hists`]; merged across files by [`TurnaroundHists::merge`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TurnaroundHists {
    pub as_of: Date,
    pub calendar: String,
    /// The grouping dimensions, in the order groups are sorted by.
    pub by: Vec<String>,
    pub overall: TurnaroundHist,
    pub groups: Vec<HistGroup>,
}

impl TurnaroundHists {
    /// Adds `other`'s dossiers, group by group (a group only one side has
    /// is taken as it is), groups sorted as the report sorts them. Refused
    /// when the two stand at different dates, use different calendars or
    /// group by different dimensions: their working days and censoring
    /// would not mean the same.
    pub fn merge(&mut self, other: &TurnaroundHists) -> Result<()> {
        if self.as_of != other.as_of || self.calendar != other.calendar || self.by != other.by {
            return Err(Error::new(
                "hist_mismatch",
                format!(
                    "Không gộp được: hai bảng tính đến ngày khác nhau ({} và {}), theo lịch khác nhau hoặc nhóm theo cách khác nhau.",
                    self.as_of, other.as_of
                ),
                format!(
                    "Cannot combine: the two stand at different dates ({} and {}), use different calendars or group differently.",
                    self.as_of, other.as_of
                ),
            ));
        }
        self.overall.merge(&other.overall);
        for g in &other.groups {
            match self.groups.iter_mut().find(|m| m.by == g.by) {
                Some(m) => m.hist.merge(&g.hist),
                None => self.groups.push(g.clone()),
            }
        }
        let by = &self.by;
        let keys = |g: &HistGroup| by.iter().map(|d| g.by.get(d).cloned().flatten()).collect::<Vec<_>>();
        self.groups.sort_by(|a, b| super::cmp_keys(&keys(a), &keys(b)));
        Ok(())
    }

    /// The report's `overall`, and its `groups` with their metrics.
    pub fn metrics(&self) -> (Metrics, Vec<Group>) {
        let groups = self.groups.iter().map(|g| Group { by: g.by.clone(), metrics: g.hist.metrics() }).collect();
        (self.overall.metrics(), groups)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bins(values: &[i32]) -> Vec<(i32, u32)> {
        let mut m: BTreeMap<i32, u32> = BTreeMap::new();
        values.iter().for_each(|&v| *m.entry(v).or_default() += 1);
        m.into_iter().collect()
    }

    proptest! {
        /// Before any rounding: the histogram's quantiles have the bits of
        /// `quantile_select` over the rows, for any p.
        #[test]
        fn quantiles_from_counts_have_the_bits_of_the_rows(values in proptest::collection::vec(-3i32..400, 1..300), p in 0.0f64..=1.0) {
            let mut rows: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            let h = bins(&values);
            for q in [p, 0.5, 0.9, 0.0, 1.0] {
                let want = stats::quantile_select(&mut rows, q).map(f64::to_bits);
                prop_assert_eq!(stats::quantile_counts(&h, values.len(), q).map(f64::to_bits), want);
            }
        }

        /// The Kaplan–Meier curve from counts is the rows' curve, point by
        /// point and bit by bit (so every KM quantile is too).
        #[test]
        fn km_from_counts_is_the_rows_curve(obs in proptest::collection::vec((prop_oneof![0i32..120, 0i32..5000], any::<bool>()), 1..300)) {
            // Times over 5000 days take `kaplan_meier_int`'s sorting path.
            let times: Vec<i32> = obs.iter().map(|o| o.0).collect();
            let events: Vec<bool> = obs.iter().map(|o| o.1).collect();
            let want = stats::kaplan_meier_int(&times, &events);
            let d = bins(&obs.iter().filter(|o| o.1).map(|o| o.0).collect::<Vec<_>>());
            let c = bins(&obs.iter().filter(|o| !o.1).map(|o| o.0).collect::<Vec<_>>());
            let h = TurnaroundHist { working_days: d.clone(), days: d, censored: c, ..Default::default() };
            // Through `metrics`' own walk of the two histograms.
            let m = h.metrics();
            prop_assert_eq!(m.km_median_working_days.map(f64::to_bits), stats::km_quantile(&want, 0.5).map(f64::to_bits));
            prop_assert_eq!(m.km_p90_working_days.map(f64::to_bits), stats::km_quantile(&want, 0.9).map(f64::to_bits));
            let mut steps: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
            for &(t, e) in &obs {
                let s = steps.entry(t).or_default();
                if e { s.0 += 1 } else { s.1 += 1 }
            }
            let steps: Vec<(i32, usize, usize)> = steps.into_iter().map(|(t, (d, c))| (t, d, c)).collect();
            let got = stats::kaplan_meier_counts(obs.len(), steps.into_iter());
            let bits = |k: &stats::KmCurve| k.points.iter().map(|&(t, s)| (t.to_bits(), s.to_bits())).collect::<Vec<_>>();
            prop_assert_eq!(bits(&got), bits(&want));
        }

        /// Sparse merge: the histogram of the concatenation.
        #[test]
        fn merged_bins_are_the_bins_of_both(a in proptest::collection::vec(0i32..50, 0..100), b in proptest::collection::vec(0i32..50, 0..100)) {
            let both: Vec<i32> = a.iter().chain(&b).copied().collect();
            prop_assert_eq!(merge_bins(&bins(&a), &bins(&b)), bins(&both));
        }
    }
}
