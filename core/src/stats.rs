//! Statistics for turnaround: quantiles as officials' spreadsheets compute
//! them, and survival analysis for dossiers that are still open.
//!
//! * [`quantile_linear`] is numpy's default and Excel's `PERCENTILE.INC`, so
//!   a median or 90th percentile can be checked in Excel cell by cell.
//! * Open dossiers are right-censored: dropping them makes turnaround look
//!   faster than it is. [`kaplan_meier`] counts them properly; its median
//!   ([`km_quantile`]) is the smallest time with S(t) ≤ 0.5. Working days are
//!   integers, so [`kaplan_meier_int`] buckets them and handles 10⁶ dossiers
//!   in linear time.
//! * [`log_rank`] tests whether two groups (say online and in-person
//!   dossiers) differ, with one degree of freedom.
//!
//! Nothing here panics: empty or degenerate input gives `None` or an empty
//! curve, NaN times are skipped.

use serde::{Deserialize, Serialize};

/// Linear interpolation between order statistics: with h = (n − 1)·p,
/// x\[⌊h⌋\] + (h − ⌊h⌋)·(x\[⌊h⌋+1\] − x\[⌊h⌋\]). `sorted` must be ascending;
/// `None` when it is empty or `p` is outside 0..=1.
pub fn quantile_linear(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let a = *sorted.get(lo)?;
    let b = *sorted.get(lo + 1).unwrap_or(&a);
    Some(lerp(a, b, h - lo as f64))
}

/// [`quantile_linear`] of unsorted values without sorting them: two
/// selections, O(n). `values` is reordered; NaN must not be among them.
pub fn quantile_select(values: &mut [f64], p: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (values.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let (_, &mut a, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let b = above.iter().copied().min_by(f64::total_cmp).unwrap_or(a);
    Some(lerp(a, b, h - lo as f64))
}

/// numpy's `_lerp` between neighbouring order statistics.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    if t == 0.0 || a == b {
        return a;
    }
    // From the nearer end, so the result stays monotone in p and matches
    // numpy to the last bit.
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// The values without NaN, ascending.
pub fn sorted_values(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Median of unsorted values (NaN skipped), interpolated like
/// [`quantile_linear`].
pub fn median(values: &[f64]) -> Option<f64> {
    quantile_linear(&sorted_values(values), 0.5)
}

/// Arithmetic mean (NaN skipped).
pub fn mean(values: &[f64]) -> Option<f64> {
    let (sum, n) = values
        .iter()
        .filter(|x| !x.is_nan())
        .fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// A Kaplan–Meier survival curve: S drops only at event times, and
/// `points` holds (t, S(t)) just after each drop, ascending in t. Before the
/// first point S = 1.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KmCurve {
    pub points: Vec<(f64, f64)>,
}

impl KmCurve {
    /// S(t): the share still open after time t.
    pub fn survival_at(&self, t: f64) -> f64 {
        let i = self.points.partition_point(|&(pt, _)| pt <= t);
        if i == 0 {
            1.0
        } else {
            self.points[i - 1].1
        }
    }
}

/// Steps through distinct times in ascending order, given (time, events,
/// censored) per time, and builds the curve. At a time with both, events
/// come first: the censored are still at risk then (the usual convention).
fn km_from_groups(n: usize, groups: impl Iterator<Item = (f64, usize, usize)>) -> KmCurve {
    let mut at_risk = n;
    let mut s = 1.0;
    let mut points = Vec::new();
    for (t, d, c) in groups {
        if d > 0 && at_risk > 0 {
            s *= 1.0 - d as f64 / at_risk as f64;
            points.push((t, s));
        }
        at_risk = at_risk.saturating_sub(d + c);
    }
    KmCurve { points }
}

/// Kaplan–Meier estimate from (time, event) pairs; event = true means
/// completed, false means still open (censored) at that time. O(n log n).
pub fn kaplan_meier(obs: &[(f64, bool)]) -> KmCurve {
    let mut v: Vec<(f64, bool)> = obs.iter().copied().filter(|(t, _)| !t.is_nan()).collect();
    v.sort_by(|x, y| x.0.total_cmp(&y.0));
    let n = v.len();
    let mut i = 0;
    let groups = std::iter::from_fn(|| {
        let t = v.get(i)?.0;
        let (mut d, mut c) = (0, 0);
        while let Some(&(ti, e)) = v.get(i) {
            if ti != t {
                break;
            }
            if e {
                d += 1;
            } else {
                c += 1;
            }
            i += 1;
        }
        Some((t, d, c))
    });
    km_from_groups(n, groups)
}

/// Kaplan–Meier for integer times (working days), pairing `times[i]` with
/// `events[i]` up to the shorter slice. Counting sort when the times span a
/// range comparable to their number (the usual case), else a sort.
pub fn kaplan_meier_int(times: &[i32], events: &[bool]) -> KmCurve {
    let n = times.len().min(events.len());
    let (Some(&min), Some(&max)) = (times[..n].iter().min(), times[..n].iter().max()) else {
        return KmCurve::default();
    };
    let span = i64::from(max) - i64::from(min) + 1;
    // Compared as i64 first: on wasm32 a usize cannot hold every i32 span.
    // The counting arrays cost O(span): bounded by the group's own size, so
    // a thousand small groups do not each zero a 64k-entry table.
    if span <= 4 * n as i64 + 256 {
        let span = span as usize;
        let mut d = vec![0usize; span];
        let mut c = vec![0usize; span];
        for (&t, &e) in times.iter().zip(events) {
            let k = (i64::from(t) - i64::from(min)) as usize;
            if e {
                d[k] += 1;
            } else {
                c[k] += 1;
            }
        }
        let groups = (0..span)
            .filter(|&k| d[k] + c[k] > 0)
            .map(|k| ((i64::from(min) + k as i64) as f64, d[k], c[k]));
        km_from_groups(n, groups)
    } else {
        let obs: Vec<(f64, bool)> = times
            .iter()
            .zip(events)
            .map(|(&t, &e)| (f64::from(t), e))
            .collect();
        kaplan_meier(&obs)
    }
}

/// Kaplan–Meier from integer times already counted: (time, events,
/// censored) ascending in time, `n` the total of events and censored. The
/// same curve, to the bit, as [`kaplan_meier_int`] over the expanded
/// observations (`turnaround::TurnaroundHist` relies on it).
pub fn kaplan_meier_counts(n: usize, groups: impl Iterator<Item = (i32, usize, usize)>) -> KmCurve {
    km_from_groups(n, groups.map(|(t, d, c)| (f64::from(t), d, c)))
}

/// [`quantile_select`] over a histogram: `bins` are (value, count) with
/// values ascending, `n` the total count. The same order statistics and the
/// same interpolation, so the same bits as over the expanded values.
pub fn quantile_counts(bins: &[(i32, u32)], n: usize, p: f64) -> Option<f64> {
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    // The values at sorted positions lo and lo + 1 (lo itself when last).
    let at = |k: usize| {
        let mut seen = 0usize;
        bins.iter().find(|&&(_, c)| {
            seen += c as usize;
            seen > k
        })
    };
    let a = f64::from(at(lo)?.0);
    let b = at(lo + 1).map_or(a, |&(v, _)| f64::from(v));
    Some(lerp(a, b, h - lo as f64))
}

/// Products of fractions are not exact in floating point: an S within this
/// of the threshold counts as reaching it, so 10 of 20 done is a median.
const KM_TOLERANCE: f64 = 1e-9;

/// The smallest t with S(t) ≤ 1 − p, for p in (0, 1]; `None` if S never
/// gets there (too many dossiers still open).
pub fn km_quantile(curve: &KmCurve, p: f64) -> Option<f64> {
    if !(p > 0.0 && p <= 1.0) {
        return None;
    }
    let level = 1.0 - p + KM_TOLERANCE;
    curve
        .points
        .iter()
        .find(|&&(_, s)| s <= level)
        .map(|&(t, _)| t)
}

/// The Kaplan–Meier median: the smallest t with S(t) ≤ 0.5.
pub fn km_median(curve: &KmCurve) -> Option<f64> {
    km_quantile(curve, 0.5)
}

/// Result of a two-group log-rank test (1 degree of freedom).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogRank {
    pub chi2: f64,
    pub p_value: f64,
    /// Events observed in group a and the number expected if the groups
    /// did not differ: the direction of a difference.
    pub observed_a: f64,
    pub expected_a: f64,
}

/// Mantel's log-rank test of a against b. `None` when it is undefined: a
/// group is empty, there are no events, or the variance is zero.
pub fn log_rank(a: &[(f64, bool)], b: &[(f64, bool)]) -> Option<LogRank> {
    let mut all: Vec<(f64, bool, bool)> = a
        .iter()
        .map(|&(t, e)| (t, true, e))
        .chain(b.iter().map(|&(t, e)| (t, false, e)))
        .filter(|(t, _, _)| !t.is_nan())
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut n_a = all.iter().filter(|x| x.1).count() as f64;
    let mut n_b = all.len() as f64 - n_a;
    if n_a == 0.0 || n_b == 0.0 {
        return None;
    }
    let (mut observed, mut expected, mut var) = (0.0, 0.0, 0.0);
    let mut i = 0;
    while let Some(&(t, _, _)) = all.get(i) {
        // Events and removals of each group at time t.
        let (mut d_a, mut d_b, mut r_a, mut r_b) = (0.0, 0.0, 0.0, 0.0);
        while let Some(&(ti, in_a, e)) = all.get(i) {
            if ti != t {
                break;
            }
            match (in_a, e) {
                (true, true) => d_a += 1.0,
                (false, true) => d_b += 1.0,
                _ => {}
            }
            if in_a {
                r_a += 1.0;
            } else {
                r_b += 1.0;
            }
            i += 1;
        }
        let d = d_a + d_b;
        let n = n_a + n_b;
        if d > 0.0 {
            observed += d_a;
            expected += d * n_a / n;
            if n > 1.0 {
                var += d * (n_a / n) * (n_b / n) * (n - d) / (n - 1.0);
            }
        }
        n_a -= r_a;
        n_b -= r_b;
    }
    // Also rejects NaN.
    if var.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    let chi2 = (observed - expected).powi(2) / var;
    chi2.is_finite().then(|| LogRank {
        chi2,
        p_value: erfc((chi2 / 2.0).sqrt()),
        observed_a: observed,
        expected_a: expected,
    })
}

/// The complementary error function, Numerical Recipes' `erfcc`
/// (Chebyshev fit, relative error below 1.2·10⁻⁷ everywhere). The upper tail
/// of χ² with one degree of freedom is `erfc(sqrt(x / 2))`.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let ans = t * poly.exp();
    if x >= 0.0 {
        ans
    } else {
        2.0 - ans
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-300)
    }

    #[test]
    fn quantiles_match_numpy_and_excel() {
        let x = [1.0, 2.0, 3.0, 4.0, 10.0];
        // np.percentile(x, [0, 25, 50, 90, 100]) = 1, 2, 3, 7.6, 10
        assert_eq!(quantile_linear(&x, 0.0), Some(1.0));
        assert_eq!(quantile_linear(&x, 0.25), Some(2.0));
        assert_eq!(quantile_linear(&x, 0.5), Some(3.0));
        assert!(close(
            quantile_linear(&x, 0.9).unwrap_or(f64::NAN),
            7.6,
            1e-15
        ));
        assert_eq!(quantile_linear(&x, 1.0), Some(10.0));
        // Even count: the median is the midpoint; h = 1.5.
        assert_eq!(quantile_linear(&[1.0, 2.0, 4.0, 8.0], 0.5), Some(3.0));
        assert_eq!(quantile_linear(&[5.0], 0.9), Some(5.0));
        assert_eq!(quantile_linear(&[], 0.5), None);
        assert_eq!(quantile_linear(&x, 1.1), None);
        assert_eq!(quantile_linear(&x, f64::NAN), None);
        assert_eq!(median(&[3.0, f64::NAN, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[]), None);
        assert_eq!(mean(&[1.0, 2.0, f64::NAN, 6.0]), Some(3.0));
        assert_eq!(mean(&[f64::NAN]), None);
    }

    #[test]
    fn km_hand_computed_with_ties_and_censoring() {
        // time: 1E 2C 3E 3E 3C 4C 5E 6C  (E completed, C still open), n = 8
        // t=1: 8 at risk, 1 event  -> S = 7/8            = 0.875
        // t=2: 1 censored          -> 6 left
        // t=3: 6 at risk (the one censored at 3 included), 2 events
        //                          -> S = 7/8 * 4/6      = 7/12 ≈ 0.5833
        //      3 leave             -> 3 left; t=4 censored -> 2 left
        // t=5: 2 at risk, 1 event  -> S = 7/12 * 1/2     = 7/24 ≈ 0.2917
        // Median: first S <= 0.5 is at t = 5; quartile (S <= 0.75) at t = 3.
        let obs = [
            (1.0, true),
            (2.0, false),
            (3.0, true),
            (3.0, true),
            (3.0, false),
            (4.0, false),
            (5.0, true),
            (6.0, false),
        ];
        let km = kaplan_meier(&obs);
        let want = [(1.0, 7.0 / 8.0), (3.0, 7.0 / 12.0), (5.0, 7.0 / 24.0)];
        assert_eq!(km.points.len(), 3);
        for ((t, s), (wt, ws)) in km.points.iter().zip(want) {
            assert_eq!(*t, wt);
            assert!(close(*s, ws, 1e-14), "{s} vs {ws}");
        }
        assert_eq!(km_median(&km), Some(5.0));
        assert_eq!(km_quantile(&km, 0.25), Some(3.0));
        assert_eq!(km_quantile(&km, 0.8), None, "S never reaches 0.2");
        assert_eq!(km.survival_at(0.5), 1.0);
        assert!(close(km.survival_at(4.0), 7.0 / 12.0, 1e-14));
        let times = [1, 2, 3, 3, 3, 4, 5, 6];
        let events: Vec<bool> = obs.iter().map(|o| o.1).collect();
        assert_eq!(kaplan_meier_int(&times, &events), km);
    }

    #[test]
    fn km_degenerate_inputs() {
        assert!(kaplan_meier(&[]).points.is_empty());
        assert!(kaplan_meier_int(&[], &[]).points.is_empty());
        assert_eq!(
            km_median(&kaplan_meier(&[(1.0, false), (2.0, false)])),
            None
        );
        assert_eq!(
            km_median(&kaplan_meier(&[(f64::NAN, true), (2.0, true)])),
            Some(2.0)
        );
        // Mismatched lengths pair up to the shorter slice.
        assert_eq!(kaplan_meier_int(&[4, 9], &[true]).points, vec![(4.0, 0.0)]);
        // A huge span falls back to sorting instead of a giant bucket array.
        let km = kaplan_meier_int(&[i32::MIN, i32::MAX, 0], &[true, true, true]);
        assert_eq!(km_median(&km), Some(0.0));
        assert_eq!(km_quantile(&km, 0.0), None);
        assert_eq!(km_quantile(&km, f64::NAN), None);
    }

    #[test]
    fn km_gehan_6mp_textbook() {
        // Gehan (1965) leukaemia remission data, 6-MP arm; the KM estimates
        // below are the textbook ones (Kleinbaum & Klein, ch. 2).
        let events = [6, 6, 6, 7, 10, 13, 16, 22, 23];
        let censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
        let obs: Vec<(f64, bool)> = events
            .iter()
            .map(|&t| (f64::from(t), true))
            .chain(censored.iter().map(|&t| (f64::from(t), false)))
            .collect();
        let km = kaplan_meier(&obs);
        let want = [
            (6.0, 0.8571),
            (7.0, 0.8067),
            (10.0, 0.7529),
            (13.0, 0.6902),
            (16.0, 0.6275),
            (22.0, 0.5378),
            (23.0, 0.4482),
        ];
        assert_eq!(km.points.len(), want.len());
        for ((t, s), (wt, ws)) in km.points.iter().zip(want) {
            assert_eq!(*t, wt);
            assert!((s - ws).abs() < 5e-5, "S({t}) = {s}, textbook {ws}");
        }
        assert_eq!(km_median(&km), Some(23.0));
    }

    #[test]
    fn log_rank_gehan_textbook() {
        // Same study, 6-MP vs placebo: O = 9 vs E = 19.25 in the 6-MP arm,
        // log-rank χ² = 16.79 (R's survdiff prints 16.8, p = 4.2e-05).
        let mp: Vec<(f64, bool)> = [6, 6, 6, 7, 10, 13, 16, 22, 23]
            .iter()
            .map(|&t| (f64::from(t), true))
            .chain(
                [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35]
                    .iter()
                    .map(|&t| (f64::from(t), false)),
            )
            .collect();
        let placebo: Vec<(f64, bool)> = [
            1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23,
        ]
        .iter()
        .map(|&t| (f64::from(t), true))
        .collect();
        let lr = log_rank(&mp, &placebo).expect("defined");
        assert_eq!(lr.observed_a, 9.0);
        assert!((lr.expected_a - 19.25).abs() < 0.005, "{}", lr.expected_a);
        assert!((lr.chi2 - 16.79).abs() < 0.005, "{}", lr.chi2);
        assert!((lr.p_value - 4.17e-5).abs() < 0.01e-5, "{}", lr.p_value);
        let swapped = log_rank(&placebo, &mp).expect("defined");
        assert!(close(swapped.chi2, lr.chi2, 1e-12));
    }

    #[test]
    fn log_rank_hand_computed() {
        // a: events at 1, 2; b: events at 3, 4.
        // t=1: n=4 (2+2), d=1 in a: E_a = 2/4, V = 1*(2/4)(2/4)(3/3) = 1/4
        // t=2: n=3 (1+2), d=1 in a: E_a += 1/3, V += (1/3)(2/3)(2/2) = 2/9
        // t=3, t=4: a has no one at risk: E_a += 0, V += 0
        // O_a - E_a = 2 - 5/6 = 7/6, V = 17/36, χ² = (49/36)/(17/36) = 49/17
        let a = [(1.0, true), (2.0, true)];
        let b = [(3.0, true), (4.0, true)];
        let lr = log_rank(&a, &b).expect("defined");
        assert!(close(lr.chi2, 49.0 / 17.0, 1e-12), "{}", lr.chi2);
        // Python: math.erfc(math.sqrt(49/34)) = 0.08955507441364256
        assert!(close(lr.p_value, 0.089_555_074_413_642_56, 2e-7));
        assert_eq!(log_rank(&a, &[]), None);
        assert_eq!(log_rank(&[(1.0, false)], &[(2.0, false)]), None);
    }

    #[test]
    fn erfc_accuracy() {
        // Reference values from Python's math.erfc.
        for (x, want) in [
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_13),
            (2.0, 0.004_677_734_981_047_265),
            (3.0, 2.209_049_699_858_543_8e-5),
            (-1.0, 1.842_700_792_949_715),
            ((3.841_458_820_694_124_f64 / 2.0).sqrt(), 0.05),
        ] {
            assert!(
                close(erfc(x), want, 2e-7),
                "erfc({x}) = {} vs {want}",
                erfc(x)
            );
        }
        assert!(erfc(f64::NAN).is_nan());
        assert_eq!(erfc(f64::INFINITY), 0.0);
    }

    #[test]
    fn km_int_is_fast_on_a_million() {
        let n: usize = 1_000_000;
        let times: Vec<i32> = (0..n).map(|i| ((i * 7919) % 60) as i32).collect();
        // 7 is coprime to 60, so every time gets events and censorings.
        let events: Vec<bool> = (0..n).map(|i| i % 7 != 0).collect();
        let km = kaplan_meier_int(&times, &events);
        assert_eq!(km.points.len(), 60);
        assert!(km_median(&km).is_some());
    }

    proptest! {
        #[test]
        fn km_without_censoring_is_the_lower_median(mut x in prop::collection::vec(0i32..40, 1..200)) {
            let events = vec![true; x.len()];
            let km = kaplan_meier_int(&x, &events);
            x.sort();
            let n = x.len();
            let lower = f64::from(x[n.div_ceil(2) - 1]);
            prop_assert_eq!(km_median(&km), Some(lower));
            let xs: Vec<f64> = x.iter().map(|&v| f64::from(v)).collect();
            if n % 2 == 1 {
                prop_assert_eq!(km_median(&km), quantile_linear(&xs, 0.5));
            }
            // Every quantile is the inverse ECDF: smallest x with F(x) >= p.
            for p in [0.1, 0.25, 0.9, 1.0] {
                let k = ((p * n as f64) - 1e-9).ceil().max(1.0) as usize;
                prop_assert_eq!(km_quantile(&km, p), Some(xs[k - 1]));
            }
        }

        #[test]
        fn km_int_matches_km_float(pairs in prop::collection::vec((-5i32..30, any::<bool>()), 0..150)) {
            let times: Vec<i32> = pairs.iter().map(|p| p.0).collect();
            let events: Vec<bool> = pairs.iter().map(|p| p.1).collect();
            let obs: Vec<(f64, bool)> = pairs.iter().map(|&(t, e)| (f64::from(t), e)).collect();
            prop_assert_eq!(kaplan_meier_int(&times, &events), kaplan_meier(&obs));
        }

        #[test]
        fn km_is_monotone_and_in_unit_interval(pairs in prop::collection::vec((0.0f64..100.0, any::<bool>()), 0..150)) {
            let km = kaplan_meier(&pairs);
            let mut prev = (f64::NEG_INFINITY, 1.0);
            for &(t, s) in &km.points {
                prop_assert!(t > prev.0 && s < prev.1 && s >= 0.0);
                prev = (t, s);
            }
        }

        #[test]
        fn selection_gives_the_sorted_quantile(x in prop::collection::vec(-50i32..50, 1..60), p in 0.0f64..=1.0) {
            let v: Vec<f64> = x.iter().map(|&i| f64::from(i) / 2.0).collect();
            let sorted = sorted_values(&v);
            let mut scratch = v.clone();
            prop_assert_eq!(quantile_select(&mut scratch, p), quantile_linear(&sorted, p));
        }

        #[test]
        fn quantile_is_monotone_and_bounded(mut x in prop::collection::vec(-1e6f64..1e6, 1..50), p in 0.0f64..=1.0, q in 0.0f64..=1.0) {
            x.sort_by(f64::total_cmp);
            let (lo, hi) = if p <= q { (p, q) } else { (q, p) };
            let a = quantile_linear(&x, lo).unwrap_or(f64::NAN);
            let b = quantile_linear(&x, hi).unwrap_or(f64::NAN);
            prop_assert!(a <= b);
            prop_assert!(x[0] <= a && b <= x[x.len() - 1]);
        }
    }
}
