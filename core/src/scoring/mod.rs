//! Criteria scoring: per-village status, readiness, pillar scores, what is
//! missing and by how much; commune roll-ups against plan; the villages one
//! step away; snapshot comparison.
//!
//! Rules (domain brief §2, product rules): Đạt = every mandatory (BB)
//! indicator passes (and, if set, at least k self-selected ones); Gần đạt =
//! at most `near_max_mandatory_failed` BB fail, or readiness ≥ 70, or all BB
//! pass but the TC count falls short; otherwise Chưa đạt. Readiness ranks
//! villages and never decides recognition. A missing value is a fail.
//! Readiness is Σ weight × credit scaled to 100; the credit is how close
//! the value is to its threshold (`Readiness::Weighted`), or 1 when met and
//! 0 otherwise (`Readiness::ShareMet`, a published sheet without weights:
//! equal weights, so readiness is the share of indicators met).
//!
//! The per-indicator pass/credit arithmetic runs as one polars plan over the
//! whole table, so the country's 63,619 villages score in one pass.

mod compare;
mod what_if;

pub use compare::{compare, CommuneChange, SnapshotDiff, UnitRef};
pub use what_if::{Outcome, WhatIf};

use crate::error::Result;
use crate::framework::{Assumption, Framework, Indicator, Pillar, Readiness, Rule};
use crate::ingest::{PlanRow, UnitTable};
use crate::text::name_key;
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Status {
    Recognized,
    Near,
    NotRecognized,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PillarScore {
    pub id: String,
    pub score: f64,
    pub max: f64,
    /// Every indicator of the pillar passes.
    pub passed: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Failed {
    pub indicator: String,
    pub value: f64,
    pub threshold: f64,
    pub gap: f64,
    pub mandatory: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UnitScore {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub district: Option<String>,
    pub commune: String,
    pub village: String,
    pub status: Status,
    pub readiness: f64,
    pub pillars: Vec<PillarScore>,
    pub failed: Vec<Failed>,
    pub missing: Vec<String>,
    /// Indicator values on the indicator's scale (0–100 percentages, 1/0 yes/no).
    pub values: BTreeMap<String, Option<f64>>,
    /// Source row, as Excel numbers it.
    pub row: u32,
    /// Source sheet: a workbook's village sheets are pooled.
    #[serde(default)]
    pub sheet: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommuneRollup {
    pub commune: String,
    pub units: usize,
    pub recognized: usize,
    pub near: usize,
    pub plan: Option<f64>,
    /// recognized − plan, when a plan is known.
    pub vs_plan: Option<f64>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OneStep {
    pub commune: String,
    pub village: String,
    pub indicator: String,
    pub value: Option<f64>,
    pub threshold: f64,
    pub gap: Option<f64>,
    pub mandatory: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Summary {
    pub units: usize,
    pub recognized: usize,
    pub near: usize,
    pub not_recognized: usize,
    pub communes: usize,
    pub communes_covered: usize,
    pub planned: Option<f64>,
    /// Communes at or above their plan, among those with a plan.
    pub communes_meeting_plan: Option<usize>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ScoreReport {
    pub framework: Framework,
    pub units: Vec<UnitScore>,
    pub communes: Vec<CommuneRollup>,
    pub one_step_away: Vec<OneStep>,
    pub summary: Summary,
    /// Indicators whose values came from the dossier sheet (CQ3).
    #[serde(default)]
    pub derived: Vec<String>,
    /// Indicators with no column in the file: every village lacks them.
    #[serde(default)]
    pub absent: Vec<String>,
    /// What was assumed about the criteria (the framework's notes), for the
    /// page to state beside the scores.
    #[serde(default)]
    pub assumptions: Vec<Assumption>,
    /// The village sheets read, pooled, with their village counts.
    #[serde(default)]
    pub sheets: Vec<crate::ingest::PooledSheet>,
    /// Village-like sheets left out, with the reason.
    #[serde(default)]
    pub ignored_sheets: Vec<crate::ingest::IgnoredSheet>,
}

/// What-if: thresholds and weights to try without editing the framework.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Overrides(pub BTreeMap<String, IndicatorOverride>);

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct IndicatorOverride {
    pub threshold: Option<f64>,
    pub weight: Option<f64>,
    pub mandatory: Option<bool>,
}

pub fn apply_overrides(fw: &Framework, ov: &Overrides) -> Framework {
    let mut fw = fw.clone();
    for (id, o) in &ov.0 {
        if let Some(ind) = fw.find_mut(id) {
            if let Some(t) = o.threshold.filter(|t| t.is_finite()) {
                ind.threshold = t;
            }
            if let Some(w) = o.weight.filter(|w| w.is_finite() && *w >= 0.0) {
                ind.weight = w;
            }
            if let Some(m) = o.mandatory {
                ind.mandatory = m;
            }
        }
    }
    fw
}

fn pass_expr(id: &str, rule: Rule, threshold: f64) -> Expr {
    let c = col(id);
    match rule {
        Rule::AtLeast => c.gt_eq(lit(threshold)),
        Rule::AtMost => c.lt_eq(lit(threshold)),
        Rule::Yes => c.gt_eq(lit(0.5)),
    }
    .fill_null(lit(false))
}

/// min(1, max(0, e)); nulls stay null (polars' `clip` needs an extra feature).
fn clamp01(e: Expr) -> Expr {
    when(e.clone().gt(lit(1.0))).then(lit(1.0)).otherwise(when(e.clone().lt(lit(0.0))).then(lit(0.0)).otherwise(e))
}

/// Scores every unit of the table.
pub fn score(table: &UnitTable, fw: &Framework, plan: Option<&[PlanRow]>, derived: &[String]) -> Result<ScoreReport> {
    score_with(table, fw, plan, derived, Detail::Full)
}

/// How much of each unit a report carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Names, status and readiness (plus the failures the one-step list needs).
    Summary,
    /// Also pillar scores and every failure: what a what-if can change.
    Outcomes,
    /// Also every indicator's value: the full report.
    Full,
}

/// Like [`score`], with as much of each unit as `detail` asks for: a
/// what-if slider over the whole country needs no values, and building
/// them is much of the time.
pub fn score_with(table: &UnitTable, fw: &Framework, plan: Option<&[PlanRow]>, derived: &[String], detail: Detail) -> Result<ScoreReport> {
    let total_w = fw.total_weight();
    let scale = if total_w > 0.0 { 100.0 / total_w } else { 0.0 };
    let computed = compute(table, fw, scale)?;
    let c = Computed::read(&computed, table, fw)?;
    let inds: Vec<_> = fw.indicators().collect();
    let mut units = Vec::with_capacity(c.n);
    for i in 0..c.n {
        if let Some(u) = unit_score(&c, i, fw, &inds, scale, detail) {
            units.push(u);
        }
    }
    let one_step_away = one_step(&units, fw);
    let communes = rollup(&units, plan);
    let summary = summarise(&units, &communes, plan.is_some());
    let absent = fw
        .indicators()
        .filter(|(_, i)| !table.provided.contains(&i.id) && !derived.contains(&i.id))
        .map(|(_, i)| i.id.clone())
        .collect();
    Ok(ScoreReport {
        framework: fw.clone(),
        units,
        communes,
        one_step_away,
        summary,
        derived: derived.to_vec(),
        absent,
        assumptions: fw.assumptions.clone(),
        sheets: table.sheets.clone(),
        ignored_sheets: table.ignored.clone(),
    })
}

/// The polars plan: per indicator its ratio to the threshold and whether it
/// passes, then its readiness credit, then per unit the mandatory
/// indicators failed, the optional ones passed and the readiness (0–100).
fn compute(table: &UnitTable, fw: &Framework, scale: f64) -> Result<DataFrame> {
    // Three flat stages that refer to columns by name: nested copies of
    // the same sub-expression made polars' optimiser the bottleneck.
    let inds_list: Vec<_> = fw.indicators().map(|(_, i)| i).collect();
    let stage1: Vec<Expr> = inds_list
        .iter()
        .map(|i| match i.rule {
            Rule::AtLeast if i.threshold <= 0.0 => lit(1.0).alias(format!("ratio:{}", i.id)),
            Rule::AtLeast => (col(i.id.as_str()) / lit(i.threshold)).alias(format!("ratio:{}", i.id)),
            Rule::AtMost => when(col(i.id.as_str()).lt_eq(lit(i.threshold)))
                .then(lit(1.0))
                .otherwise(lit(i.threshold) / col(i.id.as_str()))
                .alias(format!("ratio:{}", i.id)),
            Rule::Yes => col(i.id.as_str()).alias(format!("ratio:{}", i.id)),
        })
        .chain(inds_list.iter().map(|i| pass_expr(&i.id, i.rule, i.threshold).alias(format!("pass:{}", i.id))))
        .collect();
    let stage2: Vec<Expr> = inds_list
        .iter()
        .map(|i| match fw.readiness {
            Readiness::Weighted => clamp01(col(format!("ratio:{}", i.id))).fill_null(lit(0.0)),
            Readiness::ShareMet => col(format!("pass:{}", i.id)).cast(DataType::Float64),
        }
        .alias(format!("credit:{}", i.id)))
        .collect();
    let mut bb_failed = lit(0i32);
    let mut tc_passed = lit(0i32);
    let mut readiness = lit(0.0);
    for i in &inds_list {
        let p = col(format!("pass:{}", i.id));
        if i.mandatory {
            bb_failed = bb_failed + p.not().cast(DataType::Int32);
        } else {
            tc_passed = tc_passed + p.cast(DataType::Int32);
        }
        readiness = readiness + col(format!("credit:{}", i.id)) * lit(i.weight * scale);
    }
    let stage3 = vec![bb_failed.alias("bb_failed"), tc_passed.alias("tc_passed"), readiness.alias("readiness")];
    let computed = table
        .df
        .clone()
        .lazy()
        .with_columns(stage1)
        .with_columns(stage2)
        .with_columns(stage3)
        .with_optimizations(OptFlags::empty())
        .collect()?;
    Ok(computed)
}

/// The computed frame's columns, read out once for the per-unit pass;
/// `values`, `passes` and `credits` hold one column per indicator, in the
/// framework's order.
struct Computed {
    n: usize,
    communes: Vec<Option<String>>,
    villages: Vec<Option<String>>,
    districts: Vec<Option<String>>,
    rows: Vec<u32>,
    sheets: Vec<String>,
    readiness: Vec<Option<f64>>,
    bb: Vec<i32>,
    tc: Vec<i32>,
    values: Vec<Vec<Option<f64>>>,
    passes: Vec<Vec<bool>>,
    credits: Vec<Vec<Option<f64>>>,
}

impl Computed {
    fn read(computed: &DataFrame, table: &UnitTable, fw: &Framework) -> Result<Computed> {
        let n = computed.height();
        let get_f = |name: &str| -> Result<Vec<Option<f64>>> { Ok(computed.column(name)?.f64()?.into_iter().collect()) };
        let get_b = |name: &str| -> Result<Vec<bool>> {
            Ok(computed.column(name)?.bool()?.into_iter().map(|b| b.unwrap_or(false)).collect())
        };
        let get_s = |name: &str| -> Result<Vec<Option<String>>> {
            Ok(computed.column(name)?.str()?.into_iter().map(|s| s.map(str::to_string)).collect())
        };
        let communes = get_s("commune")?;
        let villages = get_s("village")?;
        let districts = get_s("district")?;
        let rows: Vec<u32> = computed.column("row")?.u32()?.into_iter().map(|r| r.unwrap_or(0)).collect();
        let sheets: Vec<String> = match computed.column("sheet") {
            Ok(c) => c.str()?.into_iter().map(|s| s.unwrap_or_default().to_string()).collect(),
            Err(_) => vec![table.sheets.first().map(|s| s.name.clone()).unwrap_or_default(); n],
        };
        let readiness = get_f("readiness")?;
        let bb: Vec<i32> = computed.column("bb_failed")?.i32()?.into_iter().map(|v| v.unwrap_or(0)).collect();
        let tc: Vec<i32> = computed.column("tc_passed")?.i32()?.into_iter().map(|v| v.unwrap_or(0)).collect();
        let mut values: Vec<Vec<Option<f64>>> = Vec::new();
        let mut passes: Vec<Vec<bool>> = Vec::new();
        let mut credits: Vec<Vec<Option<f64>>> = Vec::new();
        let inds: Vec<_> = fw.indicators().collect();
        for (_, ind) in &inds {
            values.push(get_f(&ind.id)?);
            passes.push(get_b(&format!("pass:{}", ind.id))?);
            credits.push(get_f(&format!("credit:{}", ind.id))?);
        }
        Ok(Computed { n, communes, villages, districts, rows, sheets, readiness, bb, tc, values, passes, credits })
    }
}

/// Unit `i`'s status and readiness; beyond `Detail::Summary` its pillar
/// scores and failed and missing indicators, and with `Detail::Full` its
/// values. `None` for a row without a commune or village name.
fn unit_score(c: &Computed, i: usize, fw: &Framework, inds: &[(&Pillar, &Indicator)], scale: f64, level: Detail) -> Option<UnitScore> {
    let detail = level != Detail::Summary;
    let Computed { communes, villages, districts, rows, sheets, readiness, bb, tc, values, passes, credits, .. } = c;
    let rules = &fw.rules;
    let commune = communes[i].clone().unwrap_or_default();
    let village = villages[i].clone().unwrap_or_default();
    if commune.is_empty() && village.is_empty() {
        return None;
    }
    let r = round2(readiness[i].unwrap_or(0.0));
    let tc_short = rules.min_optional_passed.is_some_and(|k| (tc[i] as u32) < k);
    let recognized = bb[i] == 0 && !tc_short;
    let status = if recognized {
        Status::Recognized
    } else if (bb[i] >= 1 && bb[i] as u32 <= rules.near_max_mandatory_failed) || r >= rules.near_readiness || (bb[i] == 0 && tc_short) {
        Status::Near
    } else {
        Status::NotRecognized
    };
    let mut failed = Vec::new();
    let mut missing = Vec::new();
    let mut vals = BTreeMap::new();
    let mut pillar_acc: Vec<PillarScore> = if detail {
        fw.pillars.iter().map(|p| PillarScore { id: p.id.clone(), score: 0.0, max: 0.0, passed: true }).collect()
    } else {
        Vec::new()
    };
    // Without detail, failures are needed only where a one-step entry
    // can come from.
    let want_failures = detail || (status != Status::Recognized && (bb[i] <= 1 || tc_short));
    for (k, (pillar, ind)) in inds.iter().enumerate() {
        if !want_failures {
            break;
        }
        let v = values[k][i];
        if level == Detail::Full {
            vals.insert(ind.id.clone(), v.map(round2));
        }
        if let Some(ps) = pillar_acc.iter_mut().find(|p| p.id == pillar.id) {
            ps.score += credits[k][i].unwrap_or(0.0) * ind.weight * scale;
            ps.max += ind.weight * scale;
            ps.passed &= passes[k][i];
        }
        if passes[k][i] {
            continue;
        }
        match v {
            None => missing.push(ind.id.clone()),
            Some(v) => failed.push(Failed {
                indicator: ind.id.clone(),
                value: round2(v),
                threshold: ind.threshold,
                gap: gap(ind.rule, v, ind.threshold),
                mandatory: ind.mandatory,
            }),
        }
    }
    for p in pillar_acc.iter_mut() {
        p.score = round2(p.score);
        p.max = round2(p.max);
    }
    Some(UnitScore {
        district: districts[i].clone(),
        commune,
        village,
        status,
        readiness: r,
        pillars: pillar_acc,
        failed,
        missing,
        values: vals,
        row: rows[i],
        sheet: sheets[i].clone(),
    })
}

/// How far a failing value is from passing, in the indicator's unit; never 0
/// for a failure (a value a hair below the threshold gets its true gap).
fn gap(rule: Rule, v: f64, t: f64) -> f64 {
    let g = match rule {
        Rule::AtLeast => t - v,
        Rule::AtMost => v - t,
        Rule::Yes => 1.0 - v,
    };
    let r = round2(g);
    if r > 0.0 {
        r
    } else {
        g.max(f64::MIN_POSITIVE)
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Villages that become recognized if exactly one more indicator passes.
fn one_step(units: &[UnitScore], fw: &Framework) -> Vec<OneStep> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| u.status != Status::Recognized) {
        let failing_bb: Vec<(&str, Option<&Failed>)> = u
            .failed
            .iter()
            .filter(|f| f.mandatory)
            .map(|f| (f.indicator.as_str(), Some(f)))
            .chain(u.missing.iter().filter(|m| fw.find(m).is_some_and(|i| i.mandatory)).map(|m| (m.as_str(), None)))
            .collect();
        let tc_passed = fw.indicators().filter(|(_, i)| !i.mandatory).count()
            - u.failed.iter().filter(|f| !f.mandatory).count()
            - u.missing.iter().filter(|m| fw.find(m).is_some_and(|i| !i.mandatory)).count();
        let tc_short = fw.rules.min_optional_passed.map(|k| (k as usize).saturating_sub(tc_passed)).unwrap_or(0);
        let pick = match (failing_bb.len(), tc_short) {
            (1, 0) => Some(failing_bb[0]),
            // All BB pass but one more TC is needed: the closest TC.
            (0, 1) => u
                .failed
                .iter()
                .filter(|f| !f.mandatory)
                .min_by(|a, b| (a.gap / a.threshold.max(1.0)).total_cmp(&(b.gap / b.threshold.max(1.0))))
                .map(|f| (f.indicator.as_str(), Some(f))),
            _ => None,
        };
        if let Some((id, f)) = pick {
            let threshold = fw.find(id).map(|i| i.threshold).unwrap_or(0.0);
            out.push(OneStep {
                commune: u.commune.clone(),
                village: u.village.clone(),
                indicator: id.to_string(),
                value: f.map(|f| f.value),
                threshold,
                gap: f.map(|f| f.gap),
                mandatory: fw.find(id).is_some_and(|i| i.mandatory),
            });
        }
    }
    out.sort_by(|a, b| a.commune.cmp(&b.commune).then(a.village.cmp(&b.village)));
    out
}

/// Per commune, joined by `name_key` so NFD/NFC spellings and old/new tone
/// placement in different sheets meet.
fn rollup(units: &[UnitScore], plan: Option<&[PlanRow]>) -> Vec<CommuneRollup> {
    let mut order: Vec<String> = Vec::new();
    let mut acc: HashMap<String, CommuneRollup> = HashMap::new();
    let mut keys = crate::text::NameKeys::default();
    for u in units {
        let key = keys.get(Some(&u.commune));
        let e = acc.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            CommuneRollup { commune: u.commune.clone(), units: 0, recognized: 0, near: 0, plan: None, vs_plan: None }
        });
        e.units += 1;
        match u.status {
            Status::Recognized => e.recognized += 1,
            Status::Near => e.near += 1,
            Status::NotRecognized => {}
        }
    }
    if let Some(plan) = plan {
        for p in plan {
            if let Some(e) = acc.get_mut(&name_key(&p.commune)) {
                e.plan = Some(e.plan.unwrap_or(0.0) + p.planned);
            }
        }
    }
    let mut out: Vec<CommuneRollup> = order.into_iter().filter_map(|k| acc.remove(&k)).collect();
    for c in out.iter_mut() {
        c.vs_plan = c.plan.map(|p| c.recognized as f64 - p);
    }
    out
}

fn summarise(units: &[UnitScore], communes: &[CommuneRollup], has_plan: bool) -> Summary {
    let count = |s: Status| units.iter().filter(|u| u.status == s).count();
    Summary {
        units: units.len(),
        recognized: count(Status::Recognized),
        near: count(Status::Near),
        not_recognized: count(Status::NotRecognized),
        communes: communes.len(),
        communes_covered: communes.iter().filter(|c| c.recognized > 0).count(),
        planned: has_plan.then(|| communes.iter().filter_map(|c| c.plan).sum()),
        communes_meeting_plan: has_plan.then(|| communes.iter().filter(|c| c.vs_plan.is_some_and(|v| v >= 0.0)).count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Indicator, Pillar, StatusRules, Unit};

    fn ind(id: &str, unit: Unit, rule: Rule, threshold: f64, weight: f64, mandatory: bool) -> Indicator {
        Indicator { id: id.into(), name: id.into(), name_en: String::new(), unit, rule, threshold, weight, mandatory, aliases: vec![], ratio: None, explanation: String::new() }
    }

    /// A ≥ 50 (BB), B ≤ 10 (TC), C yes (TC), D yes (BB); at least 1 TC.
    fn framework() -> Framework {
        let mut fw = Framework::default_vn();
        fw.pillars = vec![Pillar {
            id: "P".into(),
            name: "P".into(),
            name_en: String::new(),
            indicators: vec![
                ind("A", Unit::Percent, Rule::AtLeast, 50.0, 40.0, true),
                ind("B", Unit::Percent, Rule::AtMost, 10.0, 30.0, false),
                ind("C", Unit::YesNo, Rule::Yes, 1.0, 20.0, false),
                ind("D", Unit::YesNo, Rule::Yes, 1.0, 10.0, true),
            ],
        }];
        fw.rules = StatusRules { min_optional_passed: Some(1), ..StatusRules::default() };
        fw
    }

    fn table() -> UnitTable {
        let f = |v: [Option<f64>; 4]| Column::new("x".into(), v.to_vec());
        let mut a = f([Some(60.0), Some(60.0), Some(40.0), None]);
        a.rename("A".into());
        let mut b = f([Some(5.0), Some(12.0), Some(5.0), None]);
        b.rename("B".into());
        let mut c = f([Some(0.0), Some(0.0), Some(1.0), None]);
        c.rename("C".into());
        let mut d = f([Some(1.0), Some(1.0), Some(1.0), None]);
        d.rename("D".into());
        let s = |name: &str, v: [&str; 4]| Column::new(name.into(), v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>());
        let df = DataFrame::new(vec![
            Column::new("row".into(), vec![2u32, 3, 4, 5]),
            Column::new("district".into(), vec![None::<String>; 4]),
            s("commune", ["X", "X", "Y", "Y"]),
            s("village", ["v1", "v2", "v3", "v4"]),
            a,
            b,
            c,
            d,
        ])
        .expect("frame");
        UnitTable { df, sheets: vec![], ignored: vec![], provided: vec!["A".into(), "B".into(), "C".into(), "D".into()] }
    }

    #[test]
    fn at_most_rule_tc_minimum_and_near_rules() {
        let r = score(&table(), &framework(), None, &[]).expect("scores");
        let u = |v: &str| r.units.iter().find(|u| u.village == v).expect("unit");
        // v1: every BB passes and B (≤ 10) passes: one TC, as required.
        assert_eq!(u("v1").status, Status::Recognized);
        assert_eq!(u("v1").readiness, 80.0);
        // v2: BB pass but no TC passes (B = 12 > 10): near; credit B = 10/12.
        assert_eq!(u("v2").status, Status::Near);
        assert_eq!(u("v2").readiness, 75.0);
        let b = u("v2").failed.iter().find(|f| f.indicator == "B").expect("B failed");
        assert_eq!((b.value, b.threshold, b.gap), (12.0, 10.0, 2.0));
        // v3: exactly one BB fails (A = 40 < 50): near, gap 10.
        assert_eq!(u("v3").status, Status::Near);
        assert_eq!(u("v3").readiness, 92.0);
        assert_eq!(u("v3").failed[0].gap, 10.0);
        // v4: everything missing: two BB fail, listed as missing, not failed.
        assert_eq!(u("v4").status, Status::NotRecognized);
        assert_eq!(u("v4").missing, vec!["A", "B", "C", "D"]);
        assert!(u("v4").failed.is_empty());
        // One step: v2 needs one TC (B is closest), v3 needs A.
        let steps: Vec<(&str, &str)> = r.one_step_away.iter().map(|o| (o.village.as_str(), o.indicator.as_str())).collect();
        assert_eq!(steps, vec![("v2", "B"), ("v3", "A")]);
        assert_eq!(r.summary.communes_covered, 1);
    }

    #[test]
    fn share_met_readiness_gives_credit_one_or_zero() {
        let mut fw = framework();
        fw.readiness = crate::framework::Readiness::ShareMet;
        for i in fw.pillars.iter_mut().flat_map(|p| p.indicators.iter_mut()) {
            i.weight = 1.0;
        }
        let r = score(&table(), &fw, None, &[]).expect("scores");
        let u = |v: &str| r.units.iter().find(|u| u.village == v).expect("unit");
        // v1: A, B, D met, C not: 3 of 4. v2: A, D: 2 of 4 (B = 12 earns no
        // partial credit). v3: B, C, D: 3 of 4. v4: nothing.
        assert_eq!(u("v1").readiness, 75.0);
        assert_eq!(u("v2").readiness, 50.0);
        assert_eq!(u("v3").readiness, 75.0);
        assert_eq!(u("v4").readiness, 0.0);
        // Pillar score is on the same footing: 3 of 4 shares of 100.
        assert_eq!(u("v1").pillars[0].score, 75.0);
        // Status rules are unchanged: v3 still fails the BB indicator A.
        assert_eq!(u("v3").status, Status::Near);
    }

    #[test]
    fn what_if_overrides_change_thresholds_and_weights() {
        let fw = framework();
        let mut ov = Overrides::default();
        ov.0.insert("A".into(), IndicatorOverride { threshold: Some(35.0), weight: None, mandatory: None });
        let r = score(&table(), &apply_overrides(&fw, &ov), None, &[]).expect("scores");
        assert_eq!(r.units.iter().find(|u| u.village == "v3").map(|u| u.status), Some(Status::Recognized));
        assert_eq!(r.summary.recognized, 2);
    }
}

#[cfg(test)]
mod summary_tests {
    #[test]
    fn summary_path_matches_the_full_report() {
        let bytes = crate::demo::demo_workbook().expect("demo");
        let s = crate::Session::open_simple(&bytes, "demo.xlsx").expect("open");
        let mut ov = super::Overrides::default();
        ov.0.insert("HT3".into(), super::IndicatorOverride { mandatory: Some(false), ..Default::default() });
        for o in [super::Overrides::default(), ov] {
            let full = s.score(&o).expect("score").expect("villages");
            let lean = s.score_summary(&o).expect("score").expect("villages");
            assert_eq!(full.summary, lean.summary);
            assert_eq!(full.communes, lean.communes);
            assert_eq!(full.one_step_away, lean.one_step_away);
        }
    }
}
