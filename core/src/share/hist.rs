//! The turnaround histograms a full share link carries (issue 15, part 3),
//! so that several communes' links merge into the exact combined picture
//! (`share::merge`).
//!
//! What is carried: the histograms behind the link's turnaround headline
//! (`overall`) and behind its monthly series, one group per month of receipt
//! in the 24 months ending with `as_of`'s month (a window fixed by `as_of`,
//! so links at the same date cover the same months and merge month by
//! month). Each group is a [`crate::turnaround::TurnaroundHist`] in a compact
//! form: a histogram is one flat array `[v₀, n₀, Δv₁, n₁, …]` (the first value,
//! then each value as its gap from the one before, ≥ 1; counts ≥ 1), and the
//! fifteen counts of the group one array `n`. Short keys, small integers:
//! the gaps and counts repeat, which deflate packs well.
//!
//! They travel in the **merge link** (`Session::share_merge_payload`: the
//! full link plus these), not in the plain full link nor in the summary (QR)
//! link, whose sizes are unchanged.
//!
//! Budget, measured (`share::tests::demo_hist_bytes_per_group`,
//! `tests/share_merge.rs`): about **92 link characters per group** after
//! deflate and base64 (plain JSON ≈ 220 B per group). The demo district
//! (168 villages, overall + 9 months) goes from 1,911 to 2,833 characters,
//! over `COMFORTABLE_LINK_CHARS` (2,000): a whole district is not what the
//! merge link is for. A commune's (8 villages, 120 dossiers, overall + 15
//! months) is about 1,100 characters, under it.
//!
//! Decoding checks every histogram (ascending, positive gaps and counts,
//! bounded sizes and totals) and that the overall histogram gives the
//! link's own headline numbers; anything else is `share_invalid`.

use crate::turnaround::{Excluded, Tally, TurnaroundHist, TurnaroundHists};
use serde::{Deserialize, Serialize};

/// Months of receipt kept, ending with `as_of`'s month.
pub const HIST_MONTHS: u32 = 24;
/// Most (value, count) pairs in one histogram.
const MAX_BINS: usize = 20_000;
/// Largest count a link may state (each field; sums stay far from u32::MAX).
const MAX_COUNT: u32 = 100_000_000;

/// One group's histograms and counts, compact (see the module).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareHist {
    /// Completed dossiers: calendar days, `[v₀, n₀, Δv₁, n₁, …]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub d: Vec<u32>,
    /// Completed dossiers: working days (the Kaplan–Meier events).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub w: Vec<u32>,
    /// Open dossiers: working days to `as_of` (censored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub c: Vec<u32>,
    /// paused, overdue open, cancelled, withdrawn, not accepted, then
    /// (yes, known) of on time, late (Gia Lai), online, online payment,
    /// digitised: 15 counts.
    pub n: Vec<u32>,
}

/// The histograms of a link's turnaround part.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareHists {
    /// The working-day calendar's name: links merge only on the same one.
    pub cal: String,
    /// All dossiers: the headline.
    pub all: ShareHist,
    /// Per month of receipt ("YYYY-MM", ascending), within the window.
    pub m: Vec<(String, ShareHist)>,
}

fn pack_bins(h: &[(i32, u32)]) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(h.len() * 2);
    let mut prev: Option<i32> = None;
    for &(v, n) in h {
        let gap = match prev {
            None => u32::try_from(v).ok()?,
            Some(p) => u32::try_from(v.checked_sub(p)?).ok().filter(|&g| g > 0)?,
        };
        out.extend([gap, n]);
        prev = Some(v);
    }
    Some(out)
}

/// The sparse histogram, or `None` when the array is not one.
fn unpack_bins(flat: &[u32]) -> Option<Vec<(i32, u32)>> {
    if flat.len() % 2 != 0 || flat.len() / 2 > MAX_BINS {
        return None;
    }
    let mut out = Vec::with_capacity(flat.len() / 2);
    let mut v: i64 = 0;
    for (k, pair) in flat.chunks_exact(2).enumerate() {
        let (gap, n) = (i64::from(pair[0]), pair[1]);
        if (k > 0 && gap == 0) || n == 0 || n > MAX_COUNT {
            return None;
        }
        v += gap;
        out.push((i32::try_from(v).ok()?, n));
    }
    Some(out)
}

fn total(h: &[(i32, u32)]) -> u64 {
    h.iter().map(|&(_, n)| u64::from(n)).sum()
}

impl ShareHist {
    /// `None` when a value is negative (never, by construction: see
    /// `turnaround::hist`); the link then carries no histograms at all.
    pub fn pack(h: &TurnaroundHist) -> Option<ShareHist> {
        let t = |t: Tally| [t.0, t.1];
        let mut n = vec![h.paused, h.overdue_open, h.excluded.cancelled, h.excluded.withdrawn, h.excluded.not_accepted];
        for x in [h.on_time, h.late, h.online, h.online_payment, h.digitised] {
            n.extend(t(x));
        }
        Some(ShareHist { d: pack_bins(&h.days)?, w: pack_bins(&h.working_days)?, c: pack_bins(&h.censored)?, n })
    }

    /// The histogram, checked: `None` when any part is malformed or the
    /// counts disagree with each other.
    pub fn unpack(&self) -> Option<TurnaroundHist> {
        let (days, working_days, censored) = (unpack_bins(&self.d)?, unpack_bins(&self.w)?, unpack_bins(&self.c)?);
        let n = &self.n;
        if n.len() != 15 || n.iter().any(|&x| x > MAX_COUNT) {
            return None;
        }
        let (completed, open) = (total(&working_days), total(&censored));
        let dossiers = completed + open;
        let tally = |k: usize, most: u64| (n[k] <= n[k + 1] && u64::from(n[k + 1]) <= most).then_some(Tally(n[k], n[k + 1]));
        let h = TurnaroundHist {
            paused: n[0],
            overdue_open: n[1],
            excluded: Excluded { cancelled: n[2], withdrawn: n[3], not_accepted: n[4] },
            on_time: tally(5, completed)?,
            late: tally(7, dossiers)?,
            online: tally(9, dossiers)?,
            online_payment: tally(11, dossiers)?,
            digitised: tally(13, dossiers)?,
            days,
            working_days,
            censored,
        };
        if total(&h.days) != completed || u64::from(h.overdue_open) > open || dossiers > u64::from(MAX_COUNT) {
            return None;
        }
        Some(h)
    }
}

/// "YYYY-MM" → months since year 0, or `None`.
pub(crate) fn month_index(m: &str) -> Option<u32> {
    let (y, mm) = m.split_once('-')?;
    if y.len() != 4 || mm.len() != 2 {
        return None;
    }
    let (y, mm): (u32, u32) = (y.parse().ok()?, mm.parse().ok()?);
    (1..=12).contains(&mm).then(|| y * 12 + mm - 1)
}

impl ShareHists {
    /// The link's histograms from `Session::turnaround_hists` grouped by
    /// month; `None` if they are not grouped by month alone or cannot be
    /// packed.
    pub fn pack(h: &TurnaroundHists) -> Option<ShareHists> {
        if h.by != ["month"] {
            return None;
        }
        let (y, m, _) = h.as_of.ymd();
        let last = u32::try_from(y).ok()? * 12 + m - 1;
        let first = last.saturating_sub(HIST_MONTHS - 1);
        let mut months = Vec::new();
        for g in &h.groups {
            let Some(Some(key)) = g.by.get("month") else { continue };
            if month_index(key).is_some_and(|k| (first..=last).contains(&k)) {
                months.push((key.clone(), ShareHist::pack(&g.hist)?));
            }
        }
        Some(ShareHists { cal: h.calendar.clone(), all: ShareHist::pack(&h.overall)?, m: months })
    }

    /// Overall and per month, checked (`None` when malformed: months not
    /// strictly ascending "YYYY-MM", too many, a bad histogram, or months
    /// holding more dossiers than the whole).
    pub fn unpack(&self) -> Option<(TurnaroundHist, Vec<(String, TurnaroundHist)>)> {
        if self.cal.chars().count() > 200 || self.m.len() > 120 {
            return None;
        }
        let all = self.all.unpack()?;
        let mut months = Vec::with_capacity(self.m.len());
        let mut prev = None;
        let mut sum = 0u64;
        for (key, h) in &self.m {
            let k = month_index(key)?;
            if prev.is_some_and(|p| k <= p) {
                return None;
            }
            prev = Some(k);
            let h = h.unpack()?;
            sum += total(&h.working_days) + total(&h.censored);
            months.push((key.clone(), h));
        }
        (sum <= total(&all.working_days) + total(&all.censored)).then_some((all, months))
    }
}
