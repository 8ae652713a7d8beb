//! What a what-if change can change, for the page's sliders.
//!
//! A threshold, weight or BB flag changes each village's status, readiness,
//! pillar scores and failures, and the roll-ups; it never changes a name, a
//! value or a source row. The page already holds the full report of the
//! file (`score` without changes), so a slider move gets only the outcomes,
//! with indicators and pillars as positions in the framework: for 2,000
//! villages about a tenth of the full report's JSON, which is what made a
//! slider move slow (serialising, passing and parsing ~2 MB of text).
//!
//! The page lays the outcomes over its report (www/src/whatif-merge.ts); a
//! Node test holds that merge equal to the full `score` with the same
//! changes (tests/node/whatif.test.mjs).

use super::{CommuneRollup, OneStep, ScoreReport, Status, Summary};
use crate::framework::Framework;
use serde::Serialize;
use std::collections::HashMap;

/// One village's outcome under the what-if changes.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Outcome {
    pub status: Status,
    pub readiness: f64,
    /// Pillar scores, in the framework's pillar order.
    pub pillars: Vec<f64>,
    /// Bit k set: every indicator of pillar k passes.
    pub passed: u32,
    /// Failed indicators with a value: (position in the framework's
    /// indicator order, gap).
    pub failed: Vec<(u16, f64)>,
    /// Indicators without a value (a fail): positions, as above.
    pub missing: Vec<u16>,
}

/// The answer to a slider move. `units` are in the order of the full
/// report's `units` (the same rows of the same table).
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WhatIf {
    /// The framework with the changes applied (the page saves it with the
    /// workspace, so the CLI scores the same way).
    pub framework: Framework,
    pub summary: Summary,
    pub communes: Vec<CommuneRollup>,
    pub one_step_away: Vec<OneStep>,
    /// Each pillar's maximum score (the same for every village).
    pub pillar_max: Vec<f64>,
    pub units: Vec<Outcome>,
}

impl WhatIf {
    /// The outcomes of a full report.
    pub fn from_report(r: ScoreReport) -> WhatIf {
        let fw = &r.framework;
        let ind_pos: HashMap<&str, u16> = fw.indicators().enumerate().map(|(k, (_, i))| (i.id.as_str(), k as u16)).collect();
        let pos = |id: &str| ind_pos.get(id).copied().unwrap_or(u16::MAX);
        let pillar_max = match r.units.first() {
            Some(u) => fw.pillars.iter().map(|p| u.pillars.iter().find(|x| x.id == p.id).map_or(0.0, |x| x.max)).collect(),
            None => vec![0.0; fw.pillars.len()],
        };
        let units = r
            .units
            .iter()
            .map(|u| {
                let mut pillars = Vec::with_capacity(fw.pillars.len());
                let mut passed = 0u32;
                for (k, p) in fw.pillars.iter().enumerate() {
                    let s = u.pillars.iter().find(|x| x.id == p.id);
                    pillars.push(s.map_or(0.0, |x| x.score));
                    if s.is_some_and(|x| x.passed) && k < 32 {
                        passed |= 1 << k;
                    }
                }
                Outcome {
                    status: u.status,
                    readiness: u.readiness,
                    pillars,
                    passed,
                    failed: u.failed.iter().map(|f| (pos(&f.indicator), f.gap)).collect(),
                    missing: u.missing.iter().map(|m| pos(m)).collect(),
                }
            })
            .collect();
        WhatIf { pillar_max, units, summary: r.summary, communes: r.communes, one_step_away: r.one_step_away, framework: r.framework }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    #[test]
    fn outcomes_name_indicators_and_pillars_by_position() {
        let s = Session::open_simple(&crate::demo::demo_workbook().expect("demo"), "demo.xlsx").expect("opens");
        let full = s.score(&Default::default()).expect("scores").expect("villages");
        let w = WhatIf::from_report(full.clone());
        assert_eq!(w.units.len(), full.units.len());
        let ids: Vec<&str> = full.framework.indicators().map(|(_, i)| i.id.as_str()).collect();
        for (u, o) in full.units.iter().zip(&w.units) {
            assert_eq!((u.status, u.readiness), (o.status, o.readiness));
            let failed: Vec<(&str, f64)> = o.failed.iter().map(|&(k, g)| (ids[k as usize], g)).collect();
            assert_eq!(failed, u.failed.iter().map(|f| (f.indicator.as_str(), f.gap)).collect::<Vec<_>>());
            let missing: Vec<&str> = o.missing.iter().map(|&k| ids[k as usize]).collect();
            assert_eq!(missing, u.missing.iter().map(String::as_str).collect::<Vec<_>>());
            for (k, p) in full.framework.pillars.iter().enumerate() {
                let ps = u.pillars.iter().find(|x| x.id == p.id).expect("pillar");
                assert_eq!((o.pillars[k], o.passed >> k & 1 == 1, w.pillar_max[k]), (ps.score, ps.passed, ps.max));
            }
        }
    }
}
