//! Two snapshots of the same district (e.g. Q1 vs Q2): who gained or lost
//! recognition, and how each commune moved.

use super::{ScoreReport, Status};
use crate::text::name_key;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UnitRef {
    pub commune: String,
    pub village: String,
    pub readiness_before: Option<f64>,
    pub readiness_after: Option<f64>,
    /// None: the village is not in that file.
    pub status_before: Option<Status>,
    pub status_after: Option<Status>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommuneChange {
    pub commune: String,
    pub recognized_before: usize,
    pub recognized_after: usize,
    pub change: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SnapshotDiff {
    pub newly_recognized: Vec<UnitRef>,
    pub lost_recognition: Vec<UnitRef>,
    /// Villages only in the later file / only in the earlier one.
    pub added: Vec<UnitRef>,
    pub removed: Vec<UnitRef>,
    /// Every village of the later file whose status differs from the
    /// earlier file's (or that the earlier file lacks), in the later file's
    /// order: the page's table of changes.
    pub changed: Vec<UnitRef>,
    pub communes: Vec<CommuneChange>,
    pub recognized_before: usize,
    pub recognized_after: usize,
}

fn key(c: &str, v: &str) -> (String, String) {
    (name_key(c), name_key(v))
}

pub fn compare(before: &ScoreReport, after: &ScoreReport) -> SnapshotDiff {
    let b: HashMap<_, _> = before.units.iter().map(|u| (key(&u.commune, &u.village), u)).collect();
    let a: HashMap<_, _> = after.units.iter().map(|u| (key(&u.commune, &u.village), u)).collect();
    let mut diff = SnapshotDiff {
        newly_recognized: vec![],
        lost_recognition: vec![],
        added: vec![],
        removed: vec![],
        changed: vec![],
        communes: vec![],
        recognized_before: before.summary.recognized,
        recognized_after: after.summary.recognized,
    };
    for u in &after.units {
        let k = key(&u.commune, &u.village);
        let prev = b.get(&k);
        let r = UnitRef {
            commune: u.commune.clone(),
            village: u.village.clone(),
            readiness_before: prev.map(|p| p.readiness),
            readiness_after: Some(u.readiness),
            status_before: prev.map(|p| p.status),
            status_after: Some(u.status),
        };
        if prev.map(|p| p.status) != Some(u.status) {
            diff.changed.push(r.clone());
        }
        match prev {
            None => diff.added.push(r),
            Some(p) => {
                let was = p.status == Status::Recognized;
                let is = u.status == Status::Recognized;
                if is && !was {
                    diff.newly_recognized.push(r);
                } else if was && !is {
                    diff.lost_recognition.push(r);
                }
            }
        }
    }
    for u in &before.units {
        if !a.contains_key(&key(&u.commune, &u.village)) {
            diff.removed.push(UnitRef {
                commune: u.commune.clone(),
                village: u.village.clone(),
                readiness_before: Some(u.readiness),
                readiness_after: None,
                status_before: Some(u.status),
                status_after: None,
            });
        }
    }
    let mut communes: BTreeMap<String, CommuneChange> = BTreeMap::new();
    for (report, is_after) in [(before, false), (after, true)] {
        for c in &report.communes {
            let e = communes.entry(name_key(&c.commune)).or_insert_with(|| CommuneChange {
                commune: c.commune.clone(),
                recognized_before: 0,
                recognized_after: 0,
                change: 0,
            });
            if is_after {
                e.recognized_after = c.recognized;
            } else {
                e.recognized_before = c.recognized;
            }
        }
    }
    diff.communes = communes
        .into_values()
        .map(|mut c| {
            c.change = c.recognized_after as i64 - c.recognized_before as i64;
            c
        })
        .collect();
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Framework;
    use crate::scoring::{CommuneRollup, Summary, UnitScore};

    fn unit(commune: &str, village: &str, status: Status, readiness: f64) -> UnitScore {
        UnitScore {
            district: None,
            commune: commune.into(),
            village: village.into(),
            status,
            readiness,
            pillars: vec![],
            failed: vec![],
            missing: vec![],
            values: Default::default(),
            row: 2,
            sheet: String::new(),
        }
    }

    fn report(commune: &str, units: Vec<UnitScore>) -> ScoreReport {
        let recognized = units.iter().filter(|u| u.status == Status::Recognized).count();
        ScoreReport {
            framework: Framework::default_vn(),
            communes: vec![CommuneRollup { commune: commune.into(), units: units.len(), recognized, near: 0, plan: None, vs_plan: None }],
            one_step_away: vec![],
            summary: Summary {
                units: units.len(),
                recognized,
                near: 0,
                not_recognized: 0,
                communes: 1,
                communes_covered: 1,
                planned: None,
                communes_meeting_plan: None,
            },
            units,
            derived: vec![],
            absent: vec![],
            assumptions: vec![],
            sheets: vec![],
            ignored_sheets: vec![],
        }
    }

    /// Q1 → Q2 of one commune, computed by hand:
    /// - «Thôn Hoà» (Q1) is «thôn  Hòa» (Q2): case, spacing and tone
    ///   placement differ, `name_key` joins them; recognized both times, so
    ///   neither changed, added nor removed;
    /// - «Thôn 2» near → recognized: newly recognized, changed;
    /// - «Thôn 3» not recognized → near: changed only;
    /// - «Thôn 4» recognized → near: lost recognition, changed;
    /// - «Thôn Mới» only in Q2: added, changed (nothing before);
    /// - «Thôn Cũ» only in Q1: removed.
    /// Recognized: Q1 3 (Hoà, 4, Cũ), Q2 2 (Hòa, 2); the commune, spelled
    /// «Xã Sơn Hà» then «xã  sơn hà», is one row: 3 → 2, change −1.
    #[test]
    fn compare_matches_villages_by_name_key() {
        use Status::*;
        // Each village in Q1 and in Q2: (name, status, readiness), None
        // where the snapshot lacks it.
        let villages = [
            (Some(("Thôn Hoà", Recognized, 0.9)), Some(("thôn  Hòa", Recognized, 0.95))),
            (Some(("Thôn 2", Near, 0.7)), Some(("Thôn 2", Recognized, 0.85))),
            (Some(("Thôn 3", NotRecognized, 0.2)), Some(("Thôn 3", Near, 0.6))),
            (Some(("Thôn 4", Recognized, 0.8)), Some(("Thôn 4", Near, 0.75))),
            (Some(("Thôn Cũ", Recognized, 0.85)), None),
            (None, Some(("Thôn Mới", Near, 0.5))),
        ];
        let snapshot = |commune: &str, side: Vec<(&str, Status, f64)>| report(commune, side.into_iter().map(|(v, s, r)| unit(commune, v, s, r)).collect());
        let before = snapshot("Xã Sơn Hà", villages.iter().filter_map(|v| v.0).collect());
        let after = snapshot("xã  sơn hà", villages.iter().filter_map(|v| v.1).collect());
        let d = compare(&before, &after);
        let names = |v: &[UnitRef]| v.iter().map(|u| u.village.clone()).collect::<Vec<_>>();
        assert_eq!(names(&d.changed), ["Thôn 2", "Thôn 3", "Thôn 4", "Thôn Mới"]);
        assert_eq!(names(&d.newly_recognized), ["Thôn 2"]);
        assert_eq!(names(&d.lost_recognition), ["Thôn 4"]);
        assert_eq!(names(&d.added), ["Thôn Mới"]);
        assert_eq!(names(&d.removed), ["Thôn Cũ"]);
        assert_eq!(
            d.changed[0],
            UnitRef {
                commune: "xã  sơn hà".into(),
                village: "Thôn 2".into(),
                readiness_before: Some(0.7),
                readiness_after: Some(0.85),
                status_before: Some(Status::Near),
                status_after: Some(Status::Recognized),
            }
        );
        assert_eq!((d.changed[3].status_before, d.changed[3].readiness_before), (None, None));
        assert_eq!((d.recognized_before, d.recognized_after), (3, 2));
        assert_eq!(
            d.communes,
            [CommuneChange { commune: "Xã Sơn Hà".into(), recognized_before: 3, recognized_after: 2, change: -1 }]
        );
    }
}
