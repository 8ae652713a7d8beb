//! A session: one opened file, its framework, and the analyses on it. Both
//! the CLI and the browser worker go through this one entry point.

use crate::calendar::Calendar;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::framework::{framework_from_rows, Framework};
use crate::ingest::{self, DossierTable, InspectReport, Kind, NoProgress, OpenOptions, PlanRow, Progress, UnitTable, Workbook};
use crate::scoring::{self, Overrides, ScoreReport};
use crate::text::name_key;
use crate::turnaround::{self, LaunchDates, TurnaroundReport};
use polars::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

mod many;
pub use many::{expand_archives, SHEET_SEP};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum FrameworkSource {
    Given,
    Sheet,
    Default,
}

pub struct Session {
    pub workbook: Workbook,
    pub framework: Framework,
    pub framework_source: FrameworkSource,
    pub units: Option<UnitTable>,
    pub dossiers: Option<DossierTable>,
    pub plan: Option<Vec<PlanRow>>,
    pub calendar_ext: Option<crate::calendar::CalendarExtension>,
    /// Set when the file was a `.thonso` workspace: its calendar additions
    /// and launch dates apply to every analysis.
    pub workspace: Option<crate::store::Workspace>,
}

#[derive(Default)]
pub struct SessionOptions {
    pub framework: Option<Framework>,
    pub open: OpenOptions,
}

impl Session {
    pub fn open_simple(bytes: &[u8], file_name: &str) -> Result<Session> {
        Session::open(bytes, file_name, SessionOptions::default(), &NoProgress)
    }

    /// Opens a file. Given the bytes by value (`Vec<u8>`), delimited text
    /// becomes the table's own buffer instead of a copy: a 130 MB CSV then
    /// costs its size once, not twice.
    pub fn open<'a>(bytes: impl Into<std::borrow::Cow<'a, [u8]>>, file_name: &str, mut opts: SessionOptions, progress: &dyn Progress) -> Result<Session> {
        let bytes = bytes.into();
        if crate::store::is_workspace(&bytes) {
            let (ws, files) = crate::store::decode(&bytes).map_err(|e| e.in_file(file_name))?;
            let inner = files.get(ws.current).filter(|f| !crate::store::is_workspace(f)).ok_or_else(|| {
                Error::new(
                    "workspace_empty",
                    "Không gian làm việc không có tệp dữ liệu nào.",
                    "The workspace holds no data file.",
                )
                .in_file(file_name)
            })?;
            let inner_name = ws.files[ws.current].name.clone();
            if opts.framework.is_none() {
                opts.framework = ws.framework.clone();
            }
            for (sheet, m) in &ws.mapping {
                opts.open.mapping.entry(sheet.clone()).or_default().extend(m.clone());
            }
            let mut s = Session::open(inner.as_slice(), &inner_name, opts, progress)?;
            s.workspace = Some(ws);
            return Ok(s);
        }
        let fw = opts.framework.clone().unwrap_or_else(Framework::default_vn);
        let wb = ingest::open(bytes, file_name, &fw.intake(), &opts.open, progress)?;
        Session::from_workbook(wb, opts, progress)
    }

    /// The analysis of a read workbook: its own criteria sheet (unless a
    /// framework was given), then every sheet of each kind pooled.
    fn from_workbook(mut wb: Workbook, opts: SessionOptions, progress: &dyn Progress) -> Result<Session> {
        let file_name = wb.file_name.clone();
        let file_name = file_name.as_str();
        let default = Framework::default_vn();
        let given = opts.framework.is_some();
        let mut fw = opts.framework.unwrap_or(default.clone());
        let mut source = if given { FrameworkSource::Given } else { FrameworkSource::Default };
        if !given {
            if let Some(sheet) = wb.main_sheet(Kind::Framework) {
                let (sheet_fw, _diags) = framework_from_rows(sheet, &default).map_err(|e| e.in_file(file_name))?;
                fw = sheet_fw;
                source = FrameworkSource::Sheet;
                let indicators = fw.intake();
                for s in wb.sheets.iter_mut().filter(|s| s.kind != Kind::Framework) {
                    let ov = ingest::overrides_for(&opts.open.mapping, s).cloned();
                    s.refresh(&indicators, ov.as_ref());
                }
            }
        }
        // Progress: reading 0–50, sheets and columns 50–75 (ingest), the
        // typed tables 75–100.
        progress.report(75, 100, "table");
        let main_of = |wb: &Workbook, k: Kind| wb.main_sheet(k).map(|s| s.name().to_string());
        // Every sheet of a kind is read (one village sheet per commune is
        // common); the reports say which sheets, and which were left out.
        let dossiers = DossierTable::pooled(&mut wb)?;
        let units = UnitTable::pooled(&mut wb, &fw.intake())?;
        let plan = PlanRow::pooled(&mut wb);
        let calendar_ext = match main_of(&wb, Kind::Calendar) {
            Some(name) => wb.sheet_mut(&name).map(|s| {
                let dcol = s.canon_col(ingest::columns::Canon::Date);
                let kcol = s.canon_col(ingest::columns::Canon::DayKind);
                let ncol = s.canon_col(ingest::columns::Canon::Note);
                let (dates, _) = s.date_column(dcol);
                let kinds = s.text_column(kcol);
                let notes = s.text_column(ncol);
                let rows: Vec<(Date, String, String)> = dates
                    .into_iter()
                    .zip(kinds)
                    .zip(notes)
                    .filter_map(|((d, k), n)| Some((Date(d?), k.unwrap_or_default(), n.unwrap_or_default())))
                    .collect();
                crate::calendar::CalendarExtension::from_rows(rows.iter().map(|(d, k, n)| (*d, k.as_str(), n.as_str()))).0
            }),
            None => None,
        };
        progress.report(100, 100, "done");
        Ok(Session { workbook: wb, framework: fw, framework_source: source, units, dossiers, plan, calendar_ext, workspace: None })
    }

    pub fn inspect(&self) -> InspectReport {
        self.workbook.inspect()
    }

    /// The calendar in use: the Vietnamese calendar (with or without Vietnam
    /// Culture Day) plus a "Lịch" sheet, a workspace's days and `extra`.
    pub fn calendar(&self, extra: Option<&crate::calendar::CalendarExtension>, culture_day: bool) -> Calendar {
        // The option first: user days are then laid over the right base once.
        let mut cal = Calendar::vietnam().with_culture_day(culture_day);
        if let Some(ext) = &self.calendar_ext {
            cal = cal.with_extension(ext);
        }
        if let Some(ws) = &self.workspace {
            cal = cal.with_extension(&ws.calendar);
        }
        if let Some(ext) = extra {
            cal = cal.with_extension(ext);
        }
        cal
    }

    /// Scores the villages sheet; `None` when the file has none.
    pub fn score(&self, overrides: &Overrides) -> Result<Option<ScoreReport>> {
        let Some(units) = &self.units else { return Ok(None) };
        let fw = scoring::apply_overrides(&self.framework, overrides);
        let (table, derived) = self.with_cq3(units, &fw)?;
        scoring::score(table.as_ref().unwrap_or(units), &fw, self.plan.as_deref(), &derived)
            .map(Some)
            .map_err(|e| e.in_file(&self.workbook.file_name))
    }

    /// Summary, communes and one-step-away without per-indicator detail;
    /// units carry names, status and readiness only. The page does not call
    /// it (its sliders call `what_if`).
    pub fn score_summary(&self, overrides: &Overrides) -> Result<Option<ScoreReport>> {
        let Some(units) = &self.units else { return Ok(None) };
        let fw = scoring::apply_overrides(&self.framework, overrides);
        let (table, derived) = self.with_cq3(units, &fw)?;
        scoring::score_with(table.as_ref().unwrap_or(units), &fw, self.plan.as_deref(), &derived, scoring::Detail::Summary)
            .map(Some)
            .map_err(|e| e.in_file(&self.workbook.file_name))
    }

    /// What the what-if sliders get: each village's outcome under the
    /// changes, without the names and values the page already holds
    /// (`scoring::WhatIf`); `None` when the file has no villages sheet.
    pub fn what_if(&self, overrides: &Overrides) -> Result<Option<scoring::WhatIf>> {
        let Some(units) = &self.units else { return Ok(None) };
        let fw = scoring::apply_overrides(&self.framework, overrides);
        let (table, derived) = self.with_cq3(units, &fw)?;
        scoring::score_with(table.as_ref().unwrap_or(units), &fw, self.plan.as_deref(), &derived, scoring::Detail::Outcomes)
            .map(|r| Some(scoring::WhatIf::from_report(r)))
            .map_err(|e| e.in_file(&self.workbook.file_name))
    }

    pub fn score_required(&self, overrides: &Overrides) -> Result<ScoreReport> {
        self.score(overrides)?.ok_or_else(|| ingest::no_sheet_error(Kind::Villages).in_file(&self.workbook.file_name))
    }

    /// This file against an `earlier` one (e.g. Q2 against Q1), each scored
    /// with its own criteria and no what-if changes, villages matched by
    /// name key (`scoring::compare`); None when either has no villages.
    pub fn compare(&self, earlier: &Session) -> Result<Option<scoring::SnapshotDiff>> {
        let none = Overrides::default();
        match (earlier.score(&none)?, self.score(&none)?) {
            (Some(before), Some(after)) => Ok(Some(scoring::compare(&before, &after))),
            _ => Ok(None),
        }
    }

    /// CQ3 (share of dossiers submitted online) per village from the
    /// dossier sheet, unless the villages sheet gives it.
    fn with_cq3(&self, units: &UnitTable, fw: &Framework) -> Result<(Option<UnitTable>, Vec<String>)> {
        // The indicator is found by what it measures — the default's CQ3
        // name or one of its aliases — never by the id alone: a criteria
        // sheet numbers its own indicators, and its "CQ3" may be anything.
        let Some(target) = online_share_indicator(fw) else { return Ok((None, vec![])) };
        let target = target.as_str();
        let (Some(d), true) = (&self.dossiers, !units.provided.iter().any(|p| p == target)) else {
            return Ok((None, vec![]));
        };
        let (dc, cdict) = d.dim("commune")?;
        let (dv, vdict) = d.dim("village")?;
        let (ch, chdict) = d.dim("channel")?;
        let online = chdict.find("online");
        // Counted per (commune, village) code, then merged by matching key.
        let mut by_code: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
        for i in 0..dc.len() {
            if dv[i] == ingest::Dict::NONE || ch[i] == ingest::Dict::NONE {
                continue;
            }
            let e = by_code.entry((dc[i], dv[i])).or_default();
            e.1 += 1;
            e.0 += u32::from(Some(ch[i]) == online);
        }
        let mut acc: HashMap<(String, String), (u32, u32)> = HashMap::new();
        let mut keys = crate::text::NameKeys::default();
        for ((c, v), (on, n)) in by_code {
            let e = acc.entry((keys.get(cdict.get(c)), keys.get(vdict.get(v)))).or_default();
            e.0 += on;
            e.1 += n;
        }
        if acc.is_empty() {
            return Ok((None, vec![]));
        }
        let uc: Vec<Option<&str>> = units.df.column("commune")?.str()?.into_iter().collect();
        let uv: Vec<Option<&str>> = units.df.column("village")?.str()?.into_iter().collect();
        let cq3: Vec<Option<f64>> = (0..uc.len())
            .map(|i| {
                let key = (uc[i].map(name_key).unwrap_or_default(), uv[i].map(name_key).unwrap_or_default());
                acc.get(&key).filter(|(_, n)| *n > 0).map(|(on, n)| f64::from(*on) / f64::from(*n) * 100.0)
            })
            .collect();
        let mut df = units.df.clone();
        df.with_column(Column::new(target.into(), cq3))?;
        Ok((
            Some(UnitTable { df, sheets: units.sheets.clone(), ignored: units.ignored.clone(), provided: units.provided.clone() }),
            vec![target.to_string()],
        ))
    }

    /// Launch dates from the villages sheet ("Ngày ra mắt").
    pub fn launch_dates(&self) -> Result<LaunchDates> {
        let Some(u) = &self.units else { return Ok(LaunchDates::default()) };
        let c: Vec<Option<&str>> = u.df.column("commune")?.str()?.into_iter().collect();
        let v: Vec<Option<&str>> = u.df.column("village")?.str()?.into_iter().collect();
        let d: Vec<Option<i32>> = u.df.column("launch_date")?.i32()?.into_iter().collect();
        Ok(LaunchDates(
            (0..c.len())
                .filter_map(|i| Some((c[i]?.to_string(), v[i].unwrap_or("").to_string(), Date(d[i]?))))
                .collect(),
        ))
    }

    pub fn turnaround(&self, opts: &TurnaroundOptions) -> Result<Option<TurnaroundReport>> {
        let Some(d) = &self.dossiers else { return Ok(None) };
        let cal = self.calendar(opts.calendar.as_ref(), opts.culture_day());
        let file_launch = self.launch_dates()?;
        let mut user_launch = LaunchDates(self.workspace.as_ref().map(|ws| ws.launch_dates.clone()).unwrap_or_default());
        user_launch.0.extend(opts.launch.iter().cloned());
        let in_force = turnaround::launches_in_force(&file_launch, &user_launch);
        let mut launch = file_launch;
        launch.0.extend(user_launch.0);
        // The workspace's status table, then the caller's entries on top.
        let mut statuses = self.workspace.as_ref().map(|w| w.statuses.clone()).unwrap_or_default();
        statuses.extend(opts.statuses.clone());
        let t = turnaround::Options { as_of: opts.as_of, by: opts.by.clone(), launch, statuses };
        let mut r = turnaround::analyse(d, &cal, &t).map_err(|e| e.in_file(&self.workbook.file_name))?;
        r.launch_dates = in_force;
        Ok(Some(r))
    }

    /// The exactly mergeable histograms behind `turnaround`'s `overall` and
    /// `groups` (same dossiers, calendar, statuses and `as_of`); `None` when
    /// the file has no dossier sheet.
    pub fn turnaround_hists(&self, opts: &TurnaroundOptions) -> Result<Option<turnaround::TurnaroundHists>> {
        let Some(d) = &self.dossiers else { return Ok(None) };
        let cal = self.calendar(opts.calendar.as_ref(), opts.culture_day());
        let mut statuses = self.workspace.as_ref().map(|w| w.statuses.clone()).unwrap_or_default();
        statuses.extend(opts.statuses.clone());
        let t = turnaround::Options { as_of: opts.as_of, by: opts.by.clone(), launch: Default::default(), statuses };
        turnaround::hists(d, &cal, &t).map(Some).map_err(|e| e.in_file(&self.workbook.file_name))
    }

    /// The XLSX report of everything this file supports.
    pub fn report_xlsx(&self, overrides: &Overrides, t: &TurnaroundOptions) -> Result<Vec<u8>> {
        let score = self.score(overrides)?;
        let turn = self.turnaround(t)?;
        crate::export::report_xlsx(&self.inspect(), score.as_ref(), turn.as_ref())
    }

    /// The aggregates-only share payload; `at` is the host's clock.
    pub fn share_payload(&self, at: &str, overrides: &Overrides, t: &TurnaroundOptions) -> Result<crate::share::SharePayload> {
        let prov = crate::share::Provenance {
            app: crate::VERSION.to_string(),
            at: at.to_string(),
            file_sha256: self.workbook.sha256.clone(),
            file: self.workbook.file_name.clone(),
        };
        let mut p = crate::share::SharePayload::build(prov, self.score(overrides)?.as_ref(), self.turnaround(t)?.as_ref());
        // A what-if in force makes the link a scenario: say which indicators
        // it changed, so the report cannot pass for the standard result.
        p.scenario = overrides
            .0
            .iter()
            .filter(|(id, o)| {
                self.framework.find(id).is_some_and(|i| o.threshold.is_some_and(|x| x != i.threshold) || o.weight.is_some_and(|x| x != i.weight) || o.mandatory.is_some_and(|x| x != i.mandatory))
            })
            .map(|(id, _)| id.clone())
            .collect();
        Ok(p)
    }

    /// The merge link's payload: the full link's plus the turnaround
    /// histograms behind its headline and monthly series
    /// (`share::ShareHists`), so that several communes' links combine
    /// exactly (`share::merge`).
    pub fn share_merge_payload(&self, at: &str, overrides: &Overrides, t: &TurnaroundOptions) -> Result<crate::share::SharePayload> {
        let p = self.share_payload(at, overrides, t)?;
        if p.turnaround.is_none() {
            return Ok(p);
        }
        let by_month = TurnaroundOptions { by: vec!["month".to_string()], ..t.clone() };
        Ok(match self.turnaround_hists(&by_month)? {
            Some(h) => p.with_hists(&h),
            None => p,
        })
    }

    /// The short payload a QR code carries: headline numbers, the commune
    /// roll-up and the turnaround headline (`SharePayload::summary_only`).
    pub fn share_summary_payload(&self, at: &str, overrides: &Overrides, t: &TurnaroundOptions) -> Result<crate::share::SharePayload> {
        Ok(self.share_payload(at, overrides, t)?.summary_only())
    }

    pub fn turnaround_required(&self, opts: &TurnaroundOptions) -> Result<TurnaroundReport> {
        self.turnaround(opts)?.ok_or_else(|| ingest::no_sheet_error(Kind::Dossiers).in_file(&self.workbook.file_name))
    }
}

/// The id of the indicator "share of dossiers submitted online" in `fw`:
/// the one named as the default framework's CQ3 (or an alias of it).
fn online_share_indicator(fw: &Framework) -> Option<String> {
    // Folded once: scoring runs on every what-if change.
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        Framework::default_vn()
            .find("CQ3")
            .map(|r| std::iter::once(&r.name).chain(&r.aliases).map(|n| crate::text::fold_key(n)).collect())
            .unwrap_or_default()
    });
    fw.indicators()
        .map(|(_, i)| i)
        .find(|i| std::iter::once(&i.name).chain(&i.aliases).any(|n| names.contains(&crate::text::fold_key(n))))
        .map(|i| i.id.clone())
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct TurnaroundOptions {
    #[serde(default)]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub by: Vec<String>,
    #[serde(default)]
    pub calendar: Option<crate::calendar::CalendarExtension>,
    /// Extra launch dates from the user: (commune, village or "", date).
    #[serde(default)]
    pub launch: Vec<(String, String, Date)>,
    /// The user's status table: status word → class name (`cancelled`,
    /// `withdrawn`, `not_accepted`, `finished`, `paused`, `open`).
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Record<string, StatusClass>"))]
    pub statuses: std::collections::BTreeMap<String, String>,
    /// Vietnam Culture Day (24/11, from 2026) as a holiday: on when absent
    /// (`None`); `Some(false)` switches it off (its legal basis was still
    /// being enacted in 2026). See [`TurnaroundOptions::culture_day`].
    #[serde(default)]
    pub culture_day: Option<bool>,
}

/// What the page sends with `score` and `what_if`: what-if changes.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct ScoreOptions {
    #[serde(default)]
    pub overrides: Overrides,
}

/// What the page sends with exports and share links: the what-if changes
/// and the turnaround settings on show.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct ExportOptions {
    #[serde(default)]
    pub overrides: Overrides,
    #[serde(default)]
    pub turnaround: TurnaroundOptions,
}

/// What the page sends when it opens a file: a framework (a workspace's),
/// the user's column mapping, and the file's SHA-256 when the browser
/// computed it (WebCrypto), so the core need not hash the bytes again.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct FileOptions {
    #[serde(default)]
    pub framework: Option<Framework>,
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Record<string, Record<string, string>>"))]
    pub mapping: ingest::MappingOverrides,
    /// Hex SHA-256 of the bytes.
    #[serde(default)]
    pub sha256: Option<String>,
}

impl FileOptions {
    /// The session options these stand for.
    pub fn into_session(self) -> SessionOptions {
        SessionOptions { framework: self.framework, open: OpenOptions { mapping: self.mapping, sha256: self.sha256, ..Default::default() } }
    }
}

impl TurnaroundOptions {
    /// Whether Vietnam Culture Day counts as a holiday (default: yes).
    pub fn culture_day(&self) -> bool {
        self.culture_day.unwrap_or(true)
    }
}

pub fn parse_as_of(s: &str) -> Result<Date> {
    Date::parse_iso(s).ok_or_else(|| {
        Error::new(
            "bad_date",
            format!("Ngày «{s}» không hợp lệ; hãy viết dạng YYYY-MM-DD, ví dụ 2024-06-30."),
            format!("Invalid date \"{s}\"; write it as YYYY-MM-DD, e.g. 2024-06-30."),
        )
    })
}
