//! Several communes' share links as one picture (issue 15, part 3): a
//! district pastes its communes' full links and gets the combined scorecard
//! and turnaround without anyone's file.
//!
//! * **Villages** are pooled. Communes are matched by name key (the same
//!   commune in two links is one commune, spelled as the first link spells
//!   it; its plan is the first one given). A village in two links (same
//!   commune and village name key) is a [`ShareConflict`]: listed, counted
//!   once, from the first link. The roll-up and totals are then counted
//!   from the pooled villages exactly as for one link.
//! * **Turnaround** comes from the links' histograms, merged
//!   (`TurnaroundHist::merge`) and turned into metrics: the numbers of the
//!   pooled dossiers, exactly (medians, p90, Kaplan–Meier included). The
//!   before/after launch comparison needs launch dates per village and is
//!   not merged.
//! * **Refused**, with the link named: a summary (QR) link, a link whose
//!   turnaround has no histograms (made by an older version), links at
//!   different `as_of` dates or on different calendars, links scored under
//!   different criteria, and the same file's link twice (its dossiers would
//!   count twice). Dossiers that two communes' files *both* hold cannot be
//!   seen in aggregates and would count twice.

use super::{Provenance, SharePayload, ShareScore, ShareTurnaround, ShareView, MAX_MONTHS};
use crate::error::{Error, Result};
use crate::text::name_key;
use crate::turnaround::TurnaroundHist;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A village found in more than one link.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareConflict {
    pub commune: String,
    pub village: String,
    /// The links holding it (1-based, in the order given); the first one's
    /// values are used.
    pub links: Vec<u32>,
    /// Whether every link gives it the same status and readiness.
    pub same: bool,
}

/// How a link is named in messages: its number and file.
fn name(links: &[SharePayload], k: usize) -> String {
    let f = &links[k].provenance.file;
    if f.is_empty() {
        format!("{}", k + 1)
    } else {
        format!("{} ({f})", k + 1)
    }
}

fn refuse(vi: String, en: String) -> Error {
    Error::new("share_merge", vi, en)
}

/// Everything that makes a merge impossible or wrong, link by link.
fn check(links: &[SharePayload]) -> Result<()> {
    if links.is_empty() {
        return Err(refuse("Chưa có liên kết nào để gộp: hãy dán mỗi liên kết trên một dòng.".into(), "No link to combine: paste one link per line.".into()));
    }
    let n = |k| name(links, k);
    for (k, p) in links.iter().enumerate() {
        p.validate()?;
        if p.summary.is_some() {
            return Err(refuse(
                format!("Liên kết {} là liên kết rút gọn (mã QR), không mang đủ số liệu để gộp. Hãy dán liên kết đầy đủ.", n(k)),
                format!("Link {} is the short (QR code) link and does not carry enough to combine. Paste the full link.", n(k)),
            ));
        }
        if p.turnaround.as_ref().is_some_and(|t| t.h.is_none()) {
            return Err(refuse(
                format!("Liên kết {} do phiên bản cũ của Thôn Số tạo, không mang số liệu để gộp chính xác thời gian giải quyết. Hãy xin người gửi một liên kết mới.", n(k)),
                format!("Link {} was made by an older version of Thôn Số and does not carry what an exact merge of turnaround needs. Ask the sender for a new link.", n(k)),
            ));
        }
        for j in 0..k {
            let (a, b) = (&links[j].provenance, &p.provenance);
            if !a.file_sha256.is_empty() && a.file_sha256 == b.file_sha256 {
                return Err(refuse(
                    format!("Liên kết {} và liên kết {} được tạo từ cùng một tệp: gộp sẽ tính hai lần. Hãy bỏ một liên kết.", n(j), n(k)),
                    format!("Links {} and {} were made from the same file: combining them would count it twice. Remove one.", n(j), n(k)),
                ));
            }
        }
    }
    let turn: Vec<(usize, &ShareTurnaround)> = links.iter().enumerate().filter_map(|(k, p)| Some((k, p.turnaround.as_ref()?))).collect();
    if let Some(&(j, first)) = turn.first() {
        let cal = |t: &ShareTurnaround| t.h.as_ref().map(|h| h.cal.clone()).unwrap_or_default();
        for &(k, t) in &turn[1..] {
            if t.as_of != first.as_of {
                return Err(refuse(
                    format!(
                        "Liên kết {} tính đến ngày {}, còn liên kết {} đến ngày {}: số ngày làm việc của hồ sơ đang giải quyết không cộng được. Hãy tạo lại các liên kết với cùng một ngày tính.",
                        n(k),
                        t.as_of,
                        n(j),
                        first.as_of
                    ),
                    format!(
                        "Link {} stands at {}, link {} at {}: open dossiers' working days do not add up. Make the links again at the same date.",
                        n(k),
                        t.as_of,
                        n(j),
                        first.as_of
                    ),
                ));
            }
            if cal(t) != cal(first) {
                return Err(refuse(
                    format!("Liên kết {} dùng lịch ngày làm việc «{}», còn liên kết {} dùng «{}». Hãy tạo lại các liên kết với cùng một lịch.", n(k), cal(t), n(j), cal(first)),
                    format!("Link {} uses the working-day calendar «{}», link {} uses «{}». Make the links again with the same calendar.", n(k), cal(t), n(j), cal(first)),
                ));
            }
        }
    }
    let scored: Vec<usize> = (0..links.len()).filter(|&k| links[k].score.is_some()).collect();
    if let Some(&j) = scored.first() {
        for &k in &scored[1..] {
            if links[k].framework != links[j].framework {
                return Err(refuse(
                    format!("Liên kết {} chấm theo bộ tiêu chí khác liên kết {}: kết quả không cộng được.", n(k), n(j)),
                    format!("Link {} was scored under different criteria from link {}: the results do not add up.", n(k), n(j)),
                ));
            }
        }
    }
    Ok(())
}

/// One village of the pool: (link, status digit, readiness) per link that
/// holds it; the first is used.
struct Village {
    commune: usize,
    name: String,
    seen: Vec<(u32, u8, u8)>,
}

fn merge_score(links: &[SharePayload]) -> (Option<ShareScore>, Vec<ShareConflict>) {
    let mut communes: Vec<String> = Vec::new();
    let mut plan: Vec<Option<f64>> = Vec::new();
    let mut commune_of: HashMap<String, usize> = HashMap::new();
    let mut villages: Vec<Village> = Vec::new();
    let mut village_of: HashMap<(usize, String), usize> = HashMap::new();
    let mut any = false;
    for (k, p) in links.iter().enumerate() {
        let Some(s) = &p.score else { continue };
        any = true;
        let ids: Vec<usize> = s
            .communes
            .iter()
            .zip(&s.plan)
            .map(|(c, pl)| {
                let id = *commune_of.entry(name_key(c)).or_insert_with(|| {
                    communes.push(c.clone());
                    plan.push(None);
                    communes.len() - 1
                });
                if plan[id].is_none() {
                    plan[id] = *pl;
                }
                id
            })
            .collect();
        for (((&c, v), st), &r) in s.commune.iter().zip(s.village.split('\n')).zip(s.status.bytes()).zip(&s.readiness) {
            let commune = ids[c as usize];
            let at = *village_of.entry((commune, name_key(v))).or_insert_with(|| {
                villages.push(Village { commune, name: v.to_string(), seen: Vec::new() });
                villages.len() - 1
            });
            villages[at].seen.push((k as u32 + 1, st, r));
        }
    }
    if !any {
        return (None, Vec::new());
    }
    let conflicts = villages
        .iter()
        .filter(|v| v.seen.len() > 1)
        .map(|v| ShareConflict {
            commune: communes[v.commune].clone(),
            village: v.name.clone(),
            links: v.seen.iter().map(|s| s.0).collect(),
            same: v.seen.iter().all(|s| (s.1, s.2) == (v.seen[0].1, v.seen[0].2)),
        })
        .collect();
    villages.sort_by(|a, b| a.commune.cmp(&b.commune).then_with(|| a.name.cmp(&b.name)));
    let score = ShareScore {
        communes,
        plan,
        commune: villages.iter().map(|v| v.commune as u32).collect(),
        village: villages.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join("\n"),
        status: villages.iter().map(|v| char::from(v.seen[0].1)).collect(),
        readiness: villages.iter().map(|v| v.seen[0].2).collect(),
    };
    (Some(score), conflicts)
}

/// The links' histograms merged into one turnaround part; `None` when no
/// link has one. `check` has made sure every one has histograms, the same
/// `as_of` and calendar.
fn merge_turnaround(links: &[SharePayload]) -> Result<Option<ShareTurnaround>> {
    let mut all = TurnaroundHist::default();
    let mut months: BTreeMap<String, TurnaroundHist> = BTreeMap::new();
    let mut first: Option<&ShareTurnaround> = None;
    for (k, p) in links.iter().enumerate() {
        let Some(t) = &p.turnaround else { continue };
        let (a, m) = t.h.as_ref().and_then(|h| h.unpack()).ok_or_else(|| super::tampered(&format!("histograms of link {}", k + 1)))?;
        all.merge(&a);
        for (key, h) in m {
            months.entry(key).or_default().merge(&h);
        }
        first.get_or_insert(t);
    }
    let Some(first) = first else { return Ok(None) };
    let h = super::ShareHists {
        cal: first.h.as_ref().map(|h| h.cal.clone()).unwrap_or_default(),
        all: super::ShareHist::pack(&all).unwrap_or_default(),
        m: months.iter().filter_map(|(k, h)| Some((k.clone(), super::ShareHist::pack(h)?))).collect(),
    };
    let o = all.metrics();
    let skip = months.len().saturating_sub(MAX_MONTHS);
    let monthly = months.iter().skip(skip).map(|(k, h)| (k.clone(), h.metrics().dossiers, h.metrics().median_working_days)).collect();
    Ok(Some(ShareTurnaround { h: Some(h), ..ShareTurnaround::headline(first.as_of.clone(), &o, monthly) }))
}

/// The combined picture of several communes' full links (see the module):
/// villages pooled (duplicates listed in `conflicts`, counted once), the
/// roll-up and totals counted again, turnaround from the merged histograms;
/// `sources` lists every link. Refused with a bilingual `share_merge` error
/// naming the link when they cannot be combined exactly.
pub fn merge(links: &[SharePayload]) -> Result<ShareView> {
    check(links)?;
    let (score, conflicts) = merge_score(links);
    let turnaround = merge_turnaround(links)?;
    let mut scenario: Vec<String> = links.iter().flat_map(|p| p.scenario.iter().cloned()).collect();
    scenario.sort();
    scenario.dedup();
    let at = links.iter().map(|p| p.provenance.at.as_str()).max().unwrap_or_default().to_string();
    let provenance = Provenance { app: crate::VERSION.to_string(), at, file_sha256: String::new(), file: String::new() };
    let framework = links.iter().find(|p| p.score.is_some()).and_then(|p| p.framework.clone());
    let payload = SharePayload { v: 1, provenance, framework, score, turnaround, summary: None, scenario };
    let mut view = payload.view();
    view.sources = links.iter().map(|p| p.provenance.clone()).collect();
    view.conflicts = conflicts;
    Ok(view)
}
