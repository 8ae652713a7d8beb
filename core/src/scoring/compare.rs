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
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CommuneChange {
    pub commune: String,
    pub recognized_before: usize,
#[cfg_attr(test, derive(ts_rs::TS))]
    pub recognized_after: usize,
    pub change: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SnapshotDiff {
    pub newly_recognized: Vec<UnitRef>,
    pub lost_recognition: Vec<UnitRef>,
#[cfg_attr(test, derive(ts_rs::TS))]
    /// Villages only in the later file / only in the earlier one.
    pub added: Vec<UnitRef>,
    pub removed: Vec<UnitRef>,
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
        communes: vec![],
        recognized_before: before.summary.recognized,
        recognized_after: after.summary.recognized,
    };
    for u in &after.units {
        let k = key(&u.commune, &u.village);
        let r = |prev: Option<f64>| UnitRef {
            commune: u.commune.clone(),
            village: u.village.clone(),
            readiness_before: prev,
            readiness_after: Some(u.readiness),
        };
        match b.get(&k) {
            None => diff.added.push(r(None)),
            Some(p) => {
                let was = p.status == Status::Recognized;
                let is = u.status == Status::Recognized;
                if is && !was {
                    diff.newly_recognized.push(r(Some(p.readiness)));
                } else if was && !is {
                    diff.lost_recognition.push(r(Some(p.readiness)));
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
