//! Before/after a village (or commune) launched its digital service point:
//! the chart the district shows its province.

use super::Prepared;
use crate::date::Date;
use crate::stats;
use crate::text::name_key;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Launch dates by unit: keys are `(commune, village)`; a commune-level
/// launch has an empty village.
#[derive(Clone, Debug, Default)]
pub struct LaunchDates(pub Vec<(String, String, Date)>);

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Side {
    pub dossiers: u32,
    pub completed: u32,
    /// Calendar days: the unit the story is told in ("14–20 days → 2").
    pub median_days: Option<f64>,
    pub median_working_days: Option<f64>,
    pub km_median_working_days: Option<f64>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BeforeAfter {
    pub unit_kind: String,
    pub commune: String,
    pub village: Option<String>,
    pub launch_date: Date,
    pub before: Side,
    pub after: Side,
    pub change_median_days: Option<f64>,
    pub change_median_working_days: Option<f64>,
    pub change_km_median_working_days: Option<f64>,
    pub log_rank_p: Option<f64>,
}

/// One dossier: (working days, completed?, calendar days if completed).
type Obs = (i32, bool, Option<i32>);

fn side(obs: &[Obs]) -> Side {
    let mut done: Vec<f64> = obs.iter().filter(|o| o.1).map(|o| f64::from(o.0)).collect();
    done.sort_by(f64::total_cmp);
    let mut cal: Vec<f64> = obs.iter().filter_map(|o| o.2).map(f64::from).collect();
    cal.sort_by(f64::total_cmp);
    let times: Vec<i32> = obs.iter().map(|o| o.0).collect();
    let events: Vec<bool> = obs.iter().map(|o| o.1).collect();
    let curve = stats::kaplan_meier_int(&times, &events);
    Side {
        dossiers: obs.len() as u32,
        completed: done.len() as u32,
        median_days: stats::quantile_linear(&cal, 0.5),
        median_working_days: stats::quantile_linear(&done, 0.5),
        km_median_working_days: stats::km_quantile(&curve, 0.5),
    }
}

/// A village's launch date as the analysis applies it, and whose it is.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LaunchInForce {
    pub commune: String,
    pub village: String,
    pub date: Date,
    /// True when the user (or the workspace) set it; false: the file's «Ngày ra mắt».
    pub user: bool,
}

/// The launch date in force per village, matched as [`before_after`]
/// matches them (by name key): the user's over the file's, one per village,
/// sorted by commune and village.
pub fn launches_in_force(file: &LaunchDates, user: &LaunchDates) -> Vec<LaunchInForce> {
    let mut out: BTreeMap<(String, String), LaunchInForce> = BTreeMap::new();
    let both = file.0.iter().map(|l| (l, false)).chain(user.0.iter().map(|l| (l, true)));
    for ((c, v, d), user) in both.filter(|((_, v, _), _)| !v.is_empty()) {
        out.insert((name_key(c), name_key(v)), LaunchInForce { commune: c.clone(), village: v.clone(), date: *d, user });
    }
    out.into_values().collect()
}

pub fn before_after(prep: &Prepared, launch: &LaunchDates) -> Vec<BeforeAfter> {
    // Earliest launch per commune stands for the commune.
    let mut commune_launch: BTreeMap<String, (String, Date)> = BTreeMap::new();
    let mut village_launch: BTreeMap<(String, String), (String, String, Date)> = BTreeMap::new();
    for (c, v, d) in &launch.0 {
        let ck = name_key(c);
        let e = commune_launch.entry(ck.clone()).or_insert((c.clone(), *d));
        if *d < e.1 {
            e.1 = *d;
        }
        if !v.is_empty() {
            village_launch.insert((ck, name_key(v)), (c.clone(), v.clone(), *d));
        }
    }
    if commune_launch.is_empty() {
        return Vec::new();
    }
    type Pair = (Vec<Obs>, Vec<Obs>);
    let mut by_village: BTreeMap<(String, String), Pair> = BTreeMap::new();
    let mut by_commune: BTreeMap<String, Pair> = BTreeMap::new();
    // Every launched village pooled, each dossier against its own village's
    // launch: the district's headline before/after.
    let mut pooled: Pair = (Vec::new(), Vec::new());
    let (Ok((communes, cdict)), Ok((villages, vdict))) = (prep.table.dim("commune"), prep.table.dim("village")) else {
        return Vec::new();
    };
    // Matching keys per distinct name (the codes), not per dossier.
    let keys_of = |d: &crate::ingest::Dict| std::iter::once(String::new()).chain(d.values.iter().map(|v| name_key(v))).collect::<Vec<_>>();
    let (ckeys, vkeys) = (keys_of(cdict), keys_of(vdict));
    let key = |keys: &[String], k: u32| keys.get(k as usize).cloned().unwrap_or_default();
    for i in 0..prep.received.len() {
        let (Some(rec), Some(obs)) = (prep.received[i], prep.observation(i)) else { continue };
        let ck = key(&ckeys, communes[i]);
        let vk = key(&vkeys, villages[i]);
        if let Some((_, _, d)) = village_launch.get(&(ck.clone(), vk.clone())) {
            let e = by_village.entry((ck.clone(), vk)).or_default();
            if rec < d.0 {
                e.0.push(obs);
                pooled.0.push(obs);
            } else {
                e.1.push(obs);
                pooled.1.push(obs);
            }
        }
        if let Some((_, d)) = commune_launch.get(&ck) {
            let e = by_commune.entry(ck).or_default();
            if rec < d.0 { e.0.push(obs) } else { e.1.push(obs) }
        }
    }
    let mut out = Vec::new();
    let make = |kind: &str, commune: String, village: Option<String>, d: Date, b: &[Obs], a: &[Obs]| {
        let (sb, sa) = (side(b), side(a));
        let to_f = |v: &[Obs]| v.iter().map(|&(t, e, _)| (f64::from(t), e)).collect::<Vec<_>>();
        let lr = stats::log_rank(&to_f(b), &to_f(a)).map(|l| l.p_value);
        BeforeAfter {
            unit_kind: kind.to_string(),
            commune,
            village,
            launch_date: d,
            change_median_days: sa.median_days.zip(sb.median_days).map(|(x, y)| x - y),
            change_median_working_days: sa.median_working_days.zip(sb.median_working_days).map(|(x, y)| x - y),
            change_km_median_working_days: sa.km_median_working_days.zip(sb.km_median_working_days).map(|(x, y)| x - y),
            before: sb,
            after: sa,
            log_rank_p: lr,
        }
    };
    if let Some(first) = village_launch.values().map(|v| v.2).min() {
        if !pooled.0.is_empty() || !pooled.1.is_empty() {
            out.push(make("all_launched", String::new(), None, first, &pooled.0, &pooled.1));
        }
    }
    for (ck, (b, a)) in &by_commune {
        if let Some((name, d)) = commune_launch.get(ck) {
            out.push(make("commune", name.clone(), None, *d, b, a));
        }
    }
    for (k, (b, a)) in &by_village {
        if let Some((c, v, d)) = village_launch.get(k) {
            out.push(make("village", c.clone(), Some(v.clone()), *d, b, a));
        }
    }
    out
}

#[cfg(test)]
mod launch_tests {
    use super::*;

    /// The user's date for «phú  thành 3» (case and spacing differ)
    /// in «sơn hà» replaces the file's; a village only the file dates keeps the
    /// file's; a commune-wide date (no village) is not a village's.
    #[test]
    fn the_users_launch_date_wins_over_the_files_for_the_same_village_however_spelled() {
        let d = |s: &str| Date::parse_iso(s).expect("date");
        let file = LaunchDates(vec![
            ("Sơn Hà".into(), "Phú Thành 3".into(), d("2024-03-01")),
            ("Sơn Hà".into(), "Tà Hà 1".into(), d("2024-05-10")),
            ("Sơn Hà".into(), String::new(), d("2024-01-01")),
        ]);
        let user = LaunchDates(vec![("sơn hà".into(), "phú  thành 3".into(), d("2024-04-15"))]);
        let got: Vec<(String, String, String, bool)> = launches_in_force(&file, &user).into_iter().map(|l| (l.commune, l.village, l.date.to_string(), l.user)).collect();
        let want = vec![
            ("sơn hà".to_string(), "phú  thành 3".to_string(), "2024-04-15".to_string(), true),
            ("Sơn Hà".to_string(), "Tà Hà 1".to_string(), "2024-05-10".to_string(), false),
        ];
        assert_eq!(got, want);
    }
}
