//! Share links: the results travel in the URL fragment (`#s=v1.` + base64url
//! of deflate-compressed JSON with a 4-byte checksum; see `dict` for the
//! preset dictionary), never through a server.
//!
//! The payload is built only from aggregates — per-village status and
//! readiness, commune roll-ups, turnaround headline numbers and a small
//! monthly series — so no applicant name or dossier id can enter it: the
//! types below have no field that could hold one. Decoding is bounded
//! (≤ 1 MB inflated), versioned, and validated before use.

use crate::error::{Error, Result};
use crate::scoring::{CommuneRollup, ScoreReport, Status};
use crate::turnaround::TurnaroundReport;
use base64::Engine;
use serde::{Deserialize, Serialize};

mod hist;
mod merge;
pub use hist::{ShareHist, ShareHists, HIST_MONTHS};
pub use merge::{merge, ShareConflict};

pub const PREFIX: &str = "v1.";
/// Largest inflated payload a link may carry.
pub const MAX_INFLATED: usize = 1 << 20;
/// Links longer than this are hard to send by Zalo/SMS; the UI warns and
/// offers the `.thonso` export instead.
pub const COMFORTABLE_LINK_CHARS: usize = 2000;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Provenance {
    pub app: String,
    /// When the link was made (ISO date-time, given by the caller).
    pub at: String,
    pub file_sha256: String,
    pub file: String,
}

/// The framework as a difference from the built-in default, so a link for
/// the usual criteria spends no characters on them.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareFramework {
    pub name: String,
    /// Indicators that differ from (or are absent in) the default:
    /// (indicator id, rule, threshold, weight, mandatory).
    pub changed: Vec<(String, String, f64, f64, bool)>,
    /// Default indicators this framework does not use.
    pub dropped: Vec<String>,
}

/// Units column by column (compresses far better than row objects).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareScore {
    pub communes: Vec<String>,
    /// Per commune: planned count, if a plan was given.
    pub plan: Vec<Option<f64>>,
    /// Per unit: index into `communes`. Units are sorted by commune, then
    /// village, which is also what makes the names compress well.
    pub commune: Vec<u32>,
    /// Village names joined by newlines (saves a quote pair per name).
    pub village: String,
    /// Per unit, one digit: 0 recognized, 1 near, 2 not yet.
    pub status: String,
    /// Per unit: readiness rounded to a whole point (0–100).
    pub readiness: Vec<u8>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareTurnaround {
    pub as_of: String,
    pub dossiers: u32,
    pub completed: u32,
    pub open: u32,
    pub overdue_open: u32,
    pub median_working_days: Option<f64>,
    pub p90_working_days: Option<f64>,
    pub km_median_working_days: Option<f64>,
    pub median_days: Option<f64>,
    pub on_time_rate: Option<f64>,
    pub online_rate: Option<f64>,
    /// (month, dossiers, median working days).
    pub monthly: Vec<(String, u32, Option<f64>)>,
    /// Pooled before/after launch: (median days before, after).
    pub before_after_days: Option<(Option<f64>, Option<f64>)>,
    /// The same in working days: the headline a shared report leads with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_after_working_days: Option<(Option<f64>, Option<f64>)>,
    /// The histograms behind the headline and the monthly series, so that
    /// links merge exactly ([`ShareHists`]). Full links only; absent from
    /// the summary (QR) link and from links made before they existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<ShareHists>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SharePayload {
    pub v: u32,
    pub provenance: Provenance,
    pub framework: Option<ShareFramework>,
    pub score: Option<ShareScore>,
    pub turnaround: Option<ShareTurnaround>,
    /// The short form a QR code carries (`summary_only`): headline numbers
    /// and the commune roll-up without villages. Absent in full links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<ShareSummary>,
    /// Indicators a what-if changed when the link was made: the report is a
    /// scenario, not the result under the criteria in force. Empty (and
    /// absent from the JSON) for a plain result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenario: Vec<String>,
}

/// Headline numbers and the commune roll-up, for a link short enough to
/// scan as a QR code from a laptop screen.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareSummary {
    pub units: u32,
    pub recognized: u32,
    pub near: u32,
    /// Per commune: (name, units, recognized, near, planned).
    pub communes: Vec<(String, u32, u32, u32, Option<f64>)>,
}

/// A share link as the page shows it: the payload, its villages as rows
/// and the commune roll-up with totals. The payload stores villages column
/// by column and, for a full link, no roll-up; the counting is done here,
/// once, rather than in the page.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareView {
    #[serde(flatten)]
    pub payload: SharePayload,
    /// The villages of a full link (empty for a summary link).
    pub rows: Vec<ShareUnit>,
    /// Per commune: carried by a summary link, counted from the villages of
    /// a full link (empty without a score part).
    pub communes: Vec<CommuneRollup>,
    /// Villages, recognized, near and planned; `None` without a score part.
    pub totals: Option<ShareTotals>,
    /// The links this view was made from: one, or every link of a merge
    /// ([`merge`]), in the order given.
    pub sources: Vec<Provenance>,
    /// Villages found in more than one merged link (counted once, from the
    /// first); empty for a single link.
    pub conflicts: Vec<ShareConflict>,
}

/// The headline counts of a share link's score part.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareTotals {
    pub units: u32,
    pub recognized: u32,
    pub near: u32,
    /// Villages planned, summed over the communes with a plan.
    pub planned: Option<f64>,
}

/// One village of a share link.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ShareUnit {
    pub commune: String,
    pub village: String,
    pub status: Status,
    /// Readiness rounded to a whole point, as the link carries it.
    pub readiness: f64,
}

fn status_of_code(b: u8) -> Status {
    match b {
        b'0' => Status::Recognized,
        b'1' => Status::Near,
        _ => Status::NotRecognized,
    }
}

fn status_code(s: Status) -> u8 {
    match s {
        Status::Recognized => 0,
        Status::Near => 1,
        Status::NotRecognized => 2,
    }
}

/// Months kept in a link (the most recent ones).
const MAX_MONTHS: usize = 24;

impl SharePayload {
    pub fn build(provenance: Provenance, score: Option<&ScoreReport>, turnaround: Option<&TurnaroundReport>) -> SharePayload {
        let framework = score.map(|s| {
            let default = crate::framework::Framework::default_vn();
            let rule = |r| match r {
                crate::framework::Rule::AtLeast => ">=",
                crate::framework::Rule::AtMost => "<=",
                crate::framework::Rule::Yes => "=",
            };
            ShareFramework {
                name: s.framework.name.clone(),
                changed: s
                    .framework
                    .indicators()
                    .filter(|(_, i)| {
                        default.find(&i.id).is_none_or(|d| (d.rule, d.threshold, d.weight, d.mandatory) != (i.rule, i.threshold, i.weight, i.mandatory))
                    })
                    .map(|(_, i)| (i.id.clone(), rule(i.rule).to_string(), i.threshold, i.weight, i.mandatory))
                    .collect(),
                dropped: default.indicators().filter(|(_, d)| s.framework.find(&d.id).is_none()).map(|(_, d)| d.id.clone()).collect(),
            }
        });
        let score = score.map(|s| {
            let communes: Vec<String> = s.communes.iter().map(|c| c.commune.clone()).collect();
            let keys: Vec<String> = communes.iter().map(|c| crate::text::name_key(c)).collect();
            let plan = s.communes.iter().map(|c| c.plan).collect();
            let mut names = crate::text::NameKeys::default();
            let mut units: Vec<(u32, &crate::scoring::UnitScore)> = s
                .units
                .iter()
                .map(|u| {
                    let k = names.get(Some(&u.commune));
                    (keys.iter().position(|c| *c == k).unwrap_or(0) as u32, u)
                })
                .collect();
            units.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.village.cmp(&b.1.village)));
            ShareScore {
                communes,
                plan,
                commune: units.iter().map(|u| u.0).collect(),
                // A newline inside a name would shift every later unit.
                village: units.iter().map(|u| u.1.village.replace(['\n', '\r'], " ")).collect::<Vec<_>>().join("\n"),
                status: units.iter().map(|u| char::from(b'0' + status_code(u.1.status))).collect(),
                readiness: units.iter().map(|u| u.1.readiness.round().clamp(0.0, 100.0) as u8).collect(),
            }
        });
        let turnaround = turnaround.map(|t| {
            let o = &t.overall;
            let months = t.monthly.len().saturating_sub(MAX_MONTHS);
            let pooled = t.before_after.iter().find(|b| b.unit_kind == "all_launched");
            let monthly = t.monthly[months..]
                .iter()
                .map(|g| (g.by.get("month").cloned().flatten().unwrap_or_default(), g.metrics.dossiers, g.metrics.median_working_days))
                .collect();
            ShareTurnaround {
                before_after_days: pooled.map(|p| (p.before.median_days, p.after.median_days)),
                before_after_working_days: pooled.map(|p| (p.before.median_working_days, p.after.median_working_days)),
                ..ShareTurnaround::headline(t.as_of.to_string(), o, monthly)
            }
        });
        SharePayload { v: 1, provenance, framework, score, turnaround, summary: None, scenario: Vec::new() }
    }

    /// The summary link's payload: the commune roll-up instead of every
    /// village, and the turnaround headline without its monthly series.
    pub fn summary_only(&self) -> SharePayload {
        let summary = self.score.as_ref().map(|s| {
            let mut communes: Vec<(String, u32, u32, u32, Option<f64>)> = s.communes.iter().zip(&s.plan).map(|(c, p)| (c.clone(), 0, 0, 0, *p)).collect();
            for (&c, st) in s.commune.iter().zip(s.status.bytes()) {
                if let Some(row) = communes.get_mut(c as usize) {
                    row.1 += 1;
                    row.2 += u32::from(st == b'0');
                    row.3 += u32::from(st == b'1');
                }
            }
            ShareSummary {
                units: s.commune.len() as u32,
                recognized: s.status.bytes().filter(|&b| b == b'0').count() as u32,
                near: s.status.bytes().filter(|&b| b == b'1').count() as u32,
                communes,
            }
        });
        let turnaround = self.turnaround.clone().map(|mut t| {
            t.monthly.clear();
            t.h = None;
            t
        });
        SharePayload { v: self.v, provenance: self.provenance.clone(), framework: self.framework.clone(), score: None, turnaround, summary, scenario: self.scenario.clone() }
    }

    /// Adds the histograms of `h` (`Session::turnaround_hists` grouped by
    /// month, with the options of the link's turnaround) to the turnaround
    /// part; nothing when there is none or they cannot be packed.
    pub fn with_hists(mut self, h: &crate::turnaround::TurnaroundHists) -> SharePayload {
        if let Some(t) = self.turnaround.as_mut() {
            t.h = ShareHists::pack(h);
        }
        self
    }

    /// The payload unpacked for display (see [`ShareView`]).
    pub fn view(self) -> ShareView {
        let rollup = self.summary.clone().or_else(|| self.summary_only().summary);
        let communes: Vec<CommuneRollup> = rollup
            .iter()
            .flat_map(|r| &r.communes)
            .map(|(commune, units, recognized, near, plan)| CommuneRollup {
                commune: commune.clone(),
                units: *units as usize,
                recognized: *recognized as usize,
                near: *near as usize,
                plan: *plan,
                vs_plan: plan.map(|p| *recognized as f64 - p),
            })
            .collect();
        let totals = rollup.map(|r| {
            let plans: Vec<f64> = r.communes.iter().filter_map(|c| c.4).collect();
            ShareTotals { units: r.units, recognized: r.recognized, near: r.near, planned: (!plans.is_empty()).then(|| plans.iter().sum()) }
        });
        let rows = match &self.score {
            Some(s) => s
                .commune
                .iter()
                .zip(s.village.split('\n'))
                .zip(s.status.bytes())
                .zip(&s.readiness)
                .map(|(((&c, v), st), &r)| ShareUnit {
                    commune: s.communes.get(c as usize).cloned().unwrap_or_default(),
                    village: v.to_string(),
                    status: status_of_code(st),
                    readiness: f64::from(r),
                })
                .collect(),
            None => Vec::new(),
        };
        let sources = vec![self.provenance.clone()];
        ShareView { payload: self, rows, communes, totals, sources, conflicts: Vec::new() }
    }

    /// Checks what serde cannot: sizes, ranges and references.
    pub fn validate(&self) -> Result<()> {
        let bad = |what: &str| Err(tampered(what));
        if self.v != 1 {
            return bad("version");
        }
        if let Some(s) = &self.score {
            let n = s.commune.len();
            if (n == 0) != s.village.is_empty() || (n > 0 && s.village.split('\n').count() != n) {
                return bad("villages");
            }
            if s.plan.len() != s.communes.len() || s.communes.len() > 100_000 || n > 200_000 {
                return bad("sizes");
            }
            if s.readiness.len() != n || s.status.len() != n {
                return bad("columns");
            }
            if s.commune.iter().any(|&c| c as usize >= s.communes.len())
                || s.status.bytes().any(|b| !(b'0'..=b'2').contains(&b))
                || s.readiness.iter().any(|&r| r > 100)
                || s.village.split('\n').chain(s.communes.iter().map(String::as_str)).any(|v| v.chars().count() > 200)
            {
                return bad("unit");
            }
        }
        if self.scenario.len() > 10_000 || self.scenario.iter().any(|id| id.chars().count() > 64) {
            return bad("scenario");
        }
        if let Some(s) = &self.summary {
            let sum = |f: fn(&(String, u32, u32, u32, Option<f64>)) -> u32| s.communes.iter().map(f).fold(0u32, u32::saturating_add);
            if s.communes.len() > 100_000
                || s.communes.iter().any(|c| c.0.chars().count() > 200 || c.2 + c.3 > c.1)
                || sum(|c| c.1) != s.units
                || sum(|c| c.2) != s.recognized
                || sum(|c| c.3) != s.near
            {
                return bad("summary");
            }
        }
        if let Some(t) = &self.turnaround {
            let rate_ok = |r: Option<f64>| r.is_none_or(|r| (0.0..=1.0).contains(&r));
            if !rate_ok(t.on_time_rate) || !rate_ok(t.online_rate) || t.completed > t.dossiers || t.monthly.len() > 120 {
                return bad("turnaround");
            }
            if let Some(h) = &t.h {
                let (all, months) = h.unpack().ok_or_else(|| tampered("histograms"))?;
                if !headline_matches(t, &all.metrics()) {
                    return bad("histogram totals");
                }
                // A month in both the series and the histograms counts the same dossiers.
                if months.iter().any(|(m, h)| t.monthly.iter().any(|x| x.0 == *m && x.1 != h.metrics().dossiers)) {
                    return bad("histogram months");
                }
            }
        }
        Ok(())
    }

    pub fn encode(&self) -> Result<String> {
        let json = serde_json::to_vec(self).map_err(Error::internal)?;
        Ok(frame_json(&json))
    }

    /// Decodes the text after `#s=`.
    pub fn decode(link: &str) -> Result<SharePayload> {
        let body = link.trim().strip_prefix(PREFIX).ok_or_else(|| {
            Error::new(
                "share_version",
                "Liên kết chia sẻ không đúng định dạng hoặc do phiên bản Thôn Số khác tạo ra. Hãy xin người gửi liên kết mới hoặc tệp .thonso.",
                "The share link is not in a format this version understands. Ask the sender for a new link or the .thonso file.",
            )
        })?;
        let framed = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(body.trim_end_matches('=')).map_err(|_| tampered("base64"))?;
        if framed.len() < 5 {
            return Err(tampered("length"));
        }
        let (sum, packed) = framed.split_at(4);
        let json = dict::inflate(packed, MAX_INFLATED).ok_or_else(|| tampered("deflate"))?;
        if sum != checksum(&json) {
            return Err(tampered("checksum"));
        }
        let p: SharePayload = serde_json::from_slice(&json).map_err(|_| tampered("schema"))?;
        p.validate()?;
        Ok(p)
    }
}

/// Frames JSON bytes as a link body exactly as [`SharePayload::encode`]
/// does (prefix, checksum, dictionary deflate, base64) without checking
/// them, so that fuzzers and tests can reach [`SharePayload::decode`]'s
/// schema and validation checks past the checksum.
pub fn frame_json(json: &[u8]) -> String {
    let mut framed = checksum(json).to_vec();
    framed.extend(dict::deflate(json));
    format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(framed))
}

/// First four bytes of the payload's SHA-256: catches truncation and edits.
fn checksum(json: &[u8]) -> [u8; 4] {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(json);
    [d[0], d[1], d[2], d[3]]
}

/// Raw deflate with a preset dictionary: JSON keys of the payload and the
/// syllables most common in Vietnamese unit names, so that a district's
/// village list fits a link that Zalo and SMS carry comfortably.
///
/// miniz_oxide has no preset-dictionary API, so the dictionary is
/// compressed first and the stream sync-flushed; only what follows is sent,
/// and it may refer back into the dictionary. The decoder re-creates the
/// same prefix (deterministic) and inflates prefix + body.
mod dict {
    use miniz_oxide::deflate::core::{compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus};
    use std::sync::OnceLock;

    const DICTIONARY: &str = concat!(
        r#"{"v":1,"provenance":{"app":"0.1.0","at":"2025-01-01T00:00:00","file_sha256":"","file":".xlsx"},"#,
        r#""framework":{"name":"Thôn chuyển đổi số thông minh","changed":[],"dropped":[]},"#,
        r#""score":{"communes":["Xã ","Thị trấn ","Phường "],"plan":[null,1.0,2.0],"commune":[0,0,0,0,1,1,1,1,2,2,2],"#,
        r#""village":"Thôn 1
Thôn 2
Tổ dân phố 1
Tổ dân phố 2
","status":"0000111122222222","readiness":[100,95,90,85,80,75,70,65,60,55,50,45,40,35,30]},"#,
        r#""turnaround":{"as_of":"2025-","dossiers":1,"completed":1,"open":0,"overdue_open":0,"median_working_days":2.0,"p90_working_days":9.0,"#,
        r#""km_median_working_days":2.0,"median_days":2.0,"on_time_rate":0.9,"online_rate":0.5,"monthly":[["2024-01",10,2.0],["2024-02",1,null]],"#,
        r#""before_after_days":[15.0,2.0]}}"#,
        "Thôn Bản Làng Xóm Khu Ấp Buôn Tổ Nà Pác Khuổi Lũng Cốc Khe Đồng Tân An Bình Hòa Phú Thành Trung Đông Tây Nam Bắc ",
        "Thượng Hạ Mới Quang Xuân Thái Lộc Phúc Thịnh Hưng Long Minh Hồng Vinh Sơn Hà Hải Giang Lâm Mỹ Thủy Tiến Thắng Lợi ",
        "Hợp Hiệp Thuận Yên Kim Ngọc Cát Lạc Trà Văn Đức Chiến Quyết Kết Lập Hạnh Tiên Cao Phong Niên Giao Trì Cường Việt ",
        "Lào Cai Bảo Thắng Phố Lu Sơn Hà Gia Phú Xuân Quang Bát Xát Mường Khương Sa Pa Bắc Hà Văn Bàn Yên Bái ",
    );

    fn flags() -> u32 {
        create_comp_flags_from_zip_params(9, -15, 0)
    }

    /// The bytes the dictionary compresses to, up to the sync flush.
    fn prefix() -> &'static [u8] {
        static P: OnceLock<Vec<u8>> = OnceLock::new();
        P.get_or_init(|| {
            let mut c = CompressorOxide::new(flags());
            let mut out = vec![0u8; DICTIONARY.len() * 2 + 1024];
            let (_, _, n) = compress(&mut c, DICTIONARY.as_bytes(), &mut out, TDEFLFlush::Sync);
            out.truncate(n);
            out
        })
    }

    pub fn deflate(data: &[u8]) -> Vec<u8> {
        let mut c = CompressorOxide::new(flags());
        let mut head = vec![0u8; DICTIONARY.len() * 2 + 1024];
        let _ = compress(&mut c, DICTIONARY.as_bytes(), &mut head, TDEFLFlush::Sync);
        let mut out = vec![0u8; data.len() + data.len() / 8 + 1024];
        let mut pos_in = 0;
        let mut pos_out = 0;
        loop {
            let (status, used_in, used_out) = compress(&mut c, &data[pos_in..], &mut out[pos_out..], TDEFLFlush::Finish);
            pos_in += used_in;
            pos_out += used_out;
            match status {
                TDEFLStatus::Done => break,
                TDEFLStatus::Okay if pos_out == out.len() => out.resize(out.len() * 2, 0),
                TDEFLStatus::Okay => {}
                // Only reachable on a bug in the compressor; an empty body then fails to decode.
                _ => return Vec::new(),
            }
        }
        out.truncate(pos_out);
        out
    }

    pub fn inflate(body: &[u8], limit: usize) -> Option<Vec<u8>> {
        let mut stream = prefix().to_vec();
        stream.extend_from_slice(body);
        let out = miniz_oxide::inflate::decompress_to_vec_with_limit(&stream, limit + DICTIONARY.len()).ok()?;
        out.strip_prefix(DICTIONARY.as_bytes()).map(<[u8]>::to_vec)
    }
}

/// The link's headline numbers are those of its overall histogram (the
/// rates and medians within rounding of the JSON round trip).
impl ShareTurnaround {
    /// The link's turnaround part from the overall metrics and the monthly
    /// series; no before/after and no histograms.
    pub fn headline(as_of: String, o: &crate::turnaround::Metrics, monthly: Vec<(String, u32, Option<f64>)>) -> ShareTurnaround {
        ShareTurnaround {
            as_of,
            dossiers: o.dossiers,
            completed: o.completed,
            open: o.open,
            overdue_open: o.overdue_open,
            median_working_days: o.median_working_days,
            p90_working_days: o.p90_working_days,
            km_median_working_days: o.km_median_working_days,
            median_days: o.median_days,
            on_time_rate: o.on_time_rate,
            online_rate: o.online_rate,
            monthly,
            before_after_days: None,
            before_after_working_days: None,
            h: None,
        }
    }
}

fn headline_matches(t: &ShareTurnaround, m: &crate::turnaround::Metrics) -> bool {
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (None, None) => true,
        _ => false,
    };
    (t.dossiers, t.completed, t.open, t.overdue_open) == (m.dossiers, m.completed, m.open, m.overdue_open)
        && close(t.median_working_days, m.median_working_days)
        && close(t.p90_working_days, m.p90_working_days)
        && close(t.km_median_working_days, m.km_median_working_days)
        && close(t.median_days, m.median_days)
        && close(t.on_time_rate, m.on_time_rate)
        && close(t.online_rate, m.online_rate)
}

fn tampered(what: &str) -> Error {
    Error::new(
        "share_invalid",
        "Liên kết chia sẻ bị cắt cụt hoặc bị sửa nên không mở được. Hãy sao chép lại toàn bộ liên kết, hoặc xin người gửi tệp .thonso.",
        format!("The share link is truncated or was altered and cannot be opened ({what}). Copy the whole link again, or ask the sender for the .thonso file."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::TurnaroundOptions;
    use crate::Session;

    /// Two communes, three villages: A has a plan of 2, one village
    /// recognized and one near; B has no plan and one village not yet.
    #[test]
    fn a_link_unpacks_into_village_rows_and_the_commune_rollup() {
        let prov = Provenance { app: "t".into(), at: "2025-01-01T00:00:00+07:00".into(), file_sha256: String::new(), file: "x.xlsx".into() };
        let score = ShareScore {
            communes: vec!["A".into(), "B".into()],
            plan: vec![Some(2.0), None],
            commune: vec![0, 0, 1],
            village: "Thôn 1\nThôn 2\nThôn 3".into(),
            status: "012".into(),
            readiness: vec![90, 75, 40],
        };
        let p = SharePayload { v: 1, provenance: prov, framework: None, score: Some(score), turnaround: None, summary: None, scenario: vec![] };
        let v = p.clone().view();
        let communes: Vec<(&str, usize, usize, usize, Option<f64>, Option<f64>)> = v.communes.iter().map(|c| (c.commune.as_str(), c.units, c.recognized, c.near, c.plan, c.vs_plan)).collect();
        let want_communes = [("A", 2, 1, 1, Some(2.0), Some(-1.0)), ("B", 1, 0, 0, None, None)];
        let want_totals = ShareTotals { units: 3, recognized: 1, near: 1, planned: Some(2.0) };
        assert_eq!(communes, want_communes);
        assert_eq!(v.totals.as_ref(), Some(&want_totals));
        let rows: Vec<(&str, &str, Status, f64)> = v.rows.iter().map(|u| (u.commune.as_str(), u.village.as_str(), u.status, u.readiness)).collect();
        assert_eq!(rows, [("A", "Thôn 1", Status::Recognized, 90.0), ("A", "Thôn 2", Status::Near, 75.0), ("B", "Thôn 3", Status::NotRecognized, 40.0)]);
        // The summary link (a QR code) carries the same roll-up and no villages.
        let short = p.summary_only().view();
        assert_eq!((short.communes, short.totals.as_ref(), short.rows.len()), (v.communes, Some(&want_totals), 0));
    }

    fn demo_payload() -> (SharePayload, Vec<u8>) {
        let bytes = crate::demo::demo_workbook().expect("demo");
        let s = Session::open_simple(&bytes, "demo.xlsx").expect("open");
        let sc = s.score(&Default::default()).expect("score");
        let t = s.turnaround(&TurnaroundOptions::default()).expect("turnaround");
        let prov = Provenance { app: crate::VERSION.into(), at: "2024-07-01T08:00:00+07:00".into(), file_sha256: crate::sha256_hex(&bytes), file: "demo.xlsx".into() };
        (SharePayload::build(prov, sc.as_ref(), t.as_ref()), bytes)
    }

    /// The demo's merge link payload: the full link plus histograms.
    fn demo_merge_payload() -> SharePayload {
        let bytes = crate::demo::demo_workbook().expect("demo");
        let s = Session::open_simple(&bytes, "demo.xlsx").expect("open");
        s.share_merge_payload("2024-07-01T08:00:00+07:00", &Default::default(), &TurnaroundOptions::default()).expect("payload")
    }

    /// The budget of the histograms in the merge link, measured on the
    /// demo: link characters (after deflate and base64) per group, overall
    /// and per month (92 for the demo's 10 groups). The summary (QR) link
    /// carries no histograms.
    #[test]
    fn demo_hist_bytes_per_group() {
        let p = demo_merge_payload();
        let h = p.turnaround.as_ref().and_then(|t| t.h.clone()).expect("the demo's link carries histograms");
        let groups = 1 + h.m.len();
        let mut bare = p.clone();
        if let Some(t) = bare.turnaround.as_mut() {
            t.h = None;
        }
        let (with, without) = (p.encode().expect("encode").len(), bare.encode().expect("encode").len());
        let json = serde_json::to_string(&h).expect("json").len();
        println!("demo: {groups} groups; link {without} → {with} chars, {} chars per group; plain JSON {} B per group", (with - without) / groups, json / groups);
        // The full link and the QR's are unchanged; the merge link is for a
        // commune's results (tests/share_merge.rs: under the comfortable
        // length), and a whole district's is longer.
        assert!(without < COMFORTABLE_LINK_CHARS && with < 3000, "demo links: {without}, {with} chars");
        assert!((with - without) / groups <= 100, "{} chars per group", (with - without) / groups);
        assert!(p.summary_only().turnaround.is_some_and(|t| t.h.is_none()), "the QR's summary link carries no histograms");
        // The histograms give the link's headline and monthly series.
        let (all, months) = h.unpack().expect("valid");
        let t = p.turnaround.as_ref().expect("turnaround");
        assert!(headline_matches(t, &all.metrics()));
        for (m, mh) in &months {
            let row = t.monthly.iter().find(|x| &x.0 == m).expect("month in the series");
            assert_eq!((row.1, row.2), (mh.metrics().dossiers, mh.metrics().median_working_days), "{m}");
        }
    }

    /// Histograms edited in a link are refused like any other tampering.
    #[test]
    fn tampered_histograms_are_refused() {
        let p = demo_merge_payload();
        let edits: [(&str, fn(&mut ShareHists)); 6] = [
            ("a count added", |h| h.all.w[1] += 1),
            ("a zero gap", |h| h.all.w[2] = 0),
            ("odd length", |h| {
                h.all.c.pop();
            }),
            ("a zero count", |h| h.m[0].1.d[1] = 0),
            ("months out of order", |h| h.m.swap(0, 1)),
            ("fourteen counts", |h| {
                h.all.n.pop();
            }),
        ];
        for (what, edit) in edits {
            let mut bad = p.clone();
            edit(bad.turnaround.as_mut().and_then(|t| t.h.as_mut()).expect("hists"));
            let framed = frame_json(&serde_json::to_vec(&bad).expect("json"));
            assert_eq!(SharePayload::decode(&framed).map_err(|e| e.code), Err("share_invalid"), "{what}");
        }
        // A link made before histograms existed still opens.
        let mut old = p.clone();
        if let Some(t) = old.turnaround.as_mut() {
            t.h = None;
        }
        let json = serde_json::to_string(&old).expect("json");
        assert!(!json.contains("\"h\""));
        assert_eq!(SharePayload::decode(&frame_json(json.as_bytes())).expect("old link"), old);
    }

    #[test]
    fn demo_link_round_trips_and_stays_short() {
        let (p, _) = demo_payload();
        let link = p.encode().expect("encode");
        assert!(link.len() < COMFORTABLE_LINK_CHARS, "demo link is {} chars", link.len());
        let back = SharePayload::decode(&link).expect("decode");
        assert_eq!(back, p);
        assert_eq!(back.score.as_ref().map(|s| s.status.bytes().filter(|&b| b == b'0').count()), Some(20));
        assert_eq!(back.framework.as_ref().map(|f| f.changed.len()), Some(0), "demo uses the default criteria");
    }

    #[test]
    fn payload_never_holds_personal_data() {
        let (p, bytes) = demo_payload();
        let json = serde_json::to_string(&p).expect("json");
        // Every applicant name and dossier id in the source file.
        let s = Session::open_simple(&bytes, "demo.xlsx").expect("open");
        let sheet = s.workbook.sheets.iter().find(|x| x.kind == crate::ingest::Kind::Dossiers).expect("dossier sheet");
        let col = |c| sheet.canon_col(c).expect("column");
        let names = sheet.text_column(Some(col(crate::ingest::columns::Canon::Applicant)));
        let ids = sheet.text_column(Some(col(crate::ingest::columns::Canon::DossierId)));
        let mut checked = 0;
        for v in names.iter().chain(ids.iter()).flatten() {
            assert!(!json.contains(v.as_str()), "share payload leaks {v}");
            checked += 1;
        }
        assert!(checked > 1000, "checked {checked} personal values");
    }

    #[test]
    fn tampered_and_truncated_links_are_refused() {
        let (p, _) = demo_payload();
        let link = p.encode().expect("encode");
        let truncated = &link[..link.len() / 2];
        assert_eq!(SharePayload::decode(truncated).map_err(|e| e.code), Err("share_invalid"));
        let mut chars: Vec<char> = link.chars().collect();
        let i = chars.len() / 3;
        chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
        let flipped: String = chars.into_iter().collect();
        assert!(SharePayload::decode(&flipped).is_err());
        assert_eq!(SharePayload::decode("v9.abc").map_err(|e| e.code), Err("share_version"));
        // A bomb: 2 MB of zeros compresses to a tiny link but must not inflate.
        let mut bomb = vec![0u8; 4];
        bomb.extend(dict::deflate(&vec![b' '; 2 << 20]));
        let link = format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bomb));
        assert_eq!(SharePayload::decode(&link).map_err(|e| e.code), Err("share_invalid"));
    }

    /// The QR's summary link: the demo's commune roll-up equals the full
    /// link's (counted from its villages), and it fits a QR code drawn at
    /// 4 px a module in 400 px: version 16 at error level L holds 586 bytes
    /// (ISO/IEC 18004 table 7), less the page's address (~40 characters).
    #[test]
    fn summary_link_keeps_the_roll_up_and_fits_a_scannable_qr() {
        let (p, _) = demo_payload();
        let summary = p.summary_only();
        let link = summary.encode().expect("encode");
        assert!(link.len() <= 540, "summary link is {} chars", link.len());
        let back = SharePayload::decode(&link).expect("decode");
        assert_eq!(back, summary);
        let sum = back.summary.expect("summary");
        assert_eq!((sum.units, sum.recognized), (168, 20), "the demo district: 168 villages, 20 recognized");
        let full = p.score.as_ref().expect("score");
        for (k, c) in sum.communes.iter().enumerate() {
            let mine: Vec<u8> = full.commune.iter().zip(full.status.bytes()).filter(|(&i, _)| i as usize == k).map(|(_, b)| b).collect();
            assert_eq!((c.1 as usize, c.2 as usize), (mine.len(), mine.iter().filter(|&&b| b == b'0').count()), "{}", c.0);
        }
        assert!(back.score.is_none() && back.turnaround.as_ref().is_some_and(|t| t.monthly.is_empty()));
        // A summary whose totals disagree with its communes is refused.
        let mut bad = summary.clone();
        if let Some(s) = bad.summary.as_mut() {
            s.recognized += 1;
        }
        let framed = frame_json(&serde_json::to_vec(&bad).expect("json"));
        assert_eq!(SharePayload::decode(&framed).map_err(|e| e.code), Err("share_invalid"));
    }

    /// A link made with a what-if in force names the changed indicators; a
    /// plain link has no `scenario` key at all (old readers are unaffected).
    #[test]
    fn what_if_links_are_marked_as_scenarios() {
        let bytes = crate::demo::demo_workbook().expect("demo");
        let s = Session::open_simple(&bytes, "demo.xlsx").expect("open");
        let plain = s.share_payload("2024-07-01T08:00:00+07:00", &Default::default(), &TurnaroundOptions::default()).expect("payload");
        assert!(plain.scenario.is_empty());
        assert!(!serde_json::to_string(&plain).expect("json").contains("scenario"));
        let mut ov = crate::scoring::Overrides::default();
        ov.0.insert("HT1".into(), crate::scoring::IndicatorOverride { threshold: Some(75.0), weight: None, mandatory: None });
        // An "override" equal to the framework's own value changes nothing.
        ov.0.insert("HT2".into(), crate::scoring::IndicatorOverride { threshold: None, weight: Some(6.0), mandatory: Some(true) });
        let p = s.share_payload("2024-07-01T08:00:00+07:00", &ov, &TurnaroundOptions::default()).expect("payload");
        assert_eq!(p.scenario, vec!["HT1".to_string()]);
        let back = SharePayload::decode(&p.encode().expect("encode")).expect("decode");
        assert_eq!(back.scenario, vec!["HT1".to_string()]);
        assert_eq!(back.summary_only().scenario, vec!["HT1".to_string()], "the QR's summary link is marked too");
    }
}
