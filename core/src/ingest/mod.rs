//! Spreadsheet intake: any workbook or delimited text into classified sheets
//! with a detected header, mapped columns, and typed values.
//!
//! Pipeline per sheet: raw grid (`grid`) → header (`header`) → column mapping
//! (`columns`, plus framework indicators) → kind (`classify`) → typed columns
//! and polars frames (`typed`). Problems with cells are diagnostics; only a
//! file that cannot be used at all is an `Error`.

pub mod columns;
pub mod criteria;
pub mod format;
pub mod grid;
pub mod header;
pub mod labels;
mod classify;
mod encoding;
mod guards;
mod indicators;
mod pool;
mod typed;
mod workbook;
mod xlsx_fast;

pub use classify::Kind;
pub use encoding::overrides_for;
pub use format::Format;
pub use indicators::{IndicatorSpec, Indicators};
pub use pool::{commune_of_sheet_name, IgnoredSheet, PoolPlan, PooledSheet};
pub use grid::{column_letter, Cell, Host, Limits, RawSheet, CLI_MAX_MB};
pub use typed::{CompletionSource, Dict, DossierTable, PlanRow, UnitTable, NOT_ONLINE};

use crate::error::{Diagnostic, Error, Result};
use crate::text::legacy::LegacyEncoding;
use columns::{Canon, ColType};
use header::Header;
use serde::Serialize;
use std::collections::BTreeMap;

/// Progress callback: (done, total, stage). The browser shows a bar.
pub trait Progress {
    fn report(&self, done: usize, total: usize, stage: &str);
}

/// No-op progress for the CLI and tests.
pub struct NoProgress;
impl Progress for NoProgress {
    fn report(&self, _: usize, _: usize, _: &str) {}
}

/// The raw sheets of a file, before any interpretation; with `reference`,
/// .xlsx files are read by calamine alone instead of the streaming reader.
/// For tests that compare the two readers.
#[doc(hidden)]
pub fn raw_sheets(bytes: &[u8], file_name: &str, reference: bool) -> Result<Vec<RawSheet>> {
    let format = format::detect_named(bytes, file_name)?;
    let limits = Limits::default();
    if reference {
        workbook::read_reference(bytes, format, &limits)
    } else {
        workbook::read_all(bytes.into(), file_name, format, &limits, &NoProgress).map(|r| r.0)
    }
}

/// Where a column goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Target {
    Canon(Canon),
    Indicator(String),
}

impl Target {
    pub fn name(&self) -> String {
        match self {
            Target::Canon(c) => c.name().to_string(),
            Target::Indicator(id) => id.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ColumnInfo {
    pub index: usize,
    pub header: String,
    pub canonical: Option<String>,
    #[serde(rename = "type")]
    pub col_type: Option<&'static str>,
    /// True when the user overrode the automatic mapping.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub overridden: bool,
    /// Why the column maps where it does (or nowhere), Vietnamese then English.
    pub reason: String,
    pub reason_en: String,
    /// `exact` (the whole header is a known name), `field_name` (a field of
    /// the national portal's sync format), `near` (an indicator's name with
    /// trivial differences), `user` (set by the user), `doubtful` (mapped,
    /// but the values or the layout say to check it) or `none` (unmapped).
    pub confidence: Confidence,
    /// `numerator` or `denominator`: the column is not an indicator itself
    /// but one side of a ratio indicator (`canonical` names it), e.g. «Số
    /// hộ có Internet cáp quang» for HT1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio_part: Option<&'static str>,
    #[serde(skip)]
    pub target: Option<Target>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Confidence {
    Exact,
    FieldName,
    Near,
    User,
    Doubtful,
    None,
}

impl ColumnInfo {
    /// Marks a mapped column as needing a look, with the reason.
    pub fn doubt(&mut self, vi: &str, en: &str) {
        self.confidence = Confidence::Doubtful;
        self.reason = format!("{} {vi}", self.reason).trim().to_string();
        self.reason_en = format!("{} {en}", self.reason_en).trim().to_string();
    }
}

/// A user's fix to the automatic mapping: column header → canonical name
/// (or indicator id, or "" to ignore the column).
pub type MappingOverrides = BTreeMap<String, BTreeMap<String, String>>;

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RepairedCell {
    /// 1-based; 0 for the sheet name.
    pub row: u32,
    /// Column letter; empty for the sheet name.
    pub column: String,
    pub from: String,
    pub to: String,
    /// True when what was repaired is the sheet's name, not a cell.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sheet_name: bool,
}

/// Everything intake learned about one sheet.
pub struct Sheet {
    pub raw: RawSheet,
    /// The name every report shows: the file's name (`raw.name`, which
    /// addresses the sheet in the file) repaired from TCVN3/VNI when the
    /// workbook is in one of them. Mapping fixes are keyed by it.
    pub name: String,
    pub header: Option<Header>,
    pub columns: Vec<ColumnInfo>,
    pub kind: Kind,
    pub kind_reason_vi: String,
    pub kind_reason_en: String,
    pub data_rows: Vec<usize>,
    pub skipped: BTreeMap<&'static str, usize>,
    pub legacy: Option<LegacyEncoding>,
    /// The encoding other sheets of the workbook settled on (`encoding`).
    pub workbook_legacy: Option<LegacyEncoding>,
    /// `legacy` came from the workbook: the sheet could not decide alone.
    pub legacy_inherited: bool,
    pub nfd: bool,
    pub repaired: Vec<RepairedCell>,
    pub repaired_count: usize,
    pub warnings: Vec<Diagnostic>,
}

impl Sheet {
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn column_of(&self, t: &Target) -> Option<usize> {
        self.columns.iter().find(|c| c.target.as_ref() == Some(t)).map(|c| c.index)
    }
    pub fn canon_col(&self, c: Canon) -> Option<usize> {
        self.column_of(&Target::Canon(c))
    }
    pub fn header_name(&self, col: usize) -> String {
        self.header.as_ref().and_then(|h| h.names.get(col).cloned()).filter(|s| !s.is_empty()).unwrap_or_else(|| column_letter(col))
    }
    pub fn repaired_encoding(&self) -> Option<&'static str> {
        match self.legacy {
            Some(LegacyEncoding::Tcvn3) => Some("tcvn3"),
            Some(LegacyEncoding::Vni) => Some("vni"),
            None if self.nfd => Some("nfd"),
            None => None,
        }
    }
}

pub struct Workbook {
    pub file_name: String,
    pub format: Format,
    pub text_encoding: Option<&'static str>,
    pub sheets: Vec<Sheet>,
    pub sha256: String,
}

#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    pub limits: Limits,
    pub mapping: MappingOverrides,
    /// The file's SHA-256 when the host already has it: the browser computes
    /// it with `crypto.subtle` (native code, ~10× the speed of sha2 in wasm).
    /// Anything but 64 hex digits is ignored and the core hashes the bytes.
    pub sha256: Option<String>,
}

/// Reads, classifies and maps every sheet of a file.
pub fn open(bytes: std::borrow::Cow<'_, [u8]>, file_name: &str, ind: &Indicators, opts: &OpenOptions, progress: &dyn Progress) -> Result<Workbook> {
    let result = (|| -> Result<Workbook> {
        opts.limits.check_size(bytes.len() as u64)?;
        let format = format::detect_with(&bytes, file_name, &opts.limits)?;
        let sha256 = known_sha256(opts.sha256.as_deref()).unwrap_or_else(|| crate::sha256_hex(&bytes));
        progress.report(0, 100, "read");
        let (raws, text_encoding) = workbook::read_all(bytes, file_name, format, &opts.limits, progress)?;
        let total = raws.len();
        let (legacy, names) = encoding::plan(&raws);
        let mut sheets = Vec::with_capacity(total);
        for (i, (raw, name)) in raws.into_iter().zip(names).enumerate() {
            progress.report(50 + 25 * i / total.max(1), 100, "analyse");
            let mut sheet = Sheet::unread(raw);
            sheet.name = name;
            sheet.workbook_legacy = legacy;
            let overrides = overrides_for(&opts.mapping, &sheet).cloned();
            sheet.refresh(ind, overrides.as_ref());
            sheets.push(sheet);
        }
        Ok(Workbook { file_name: file_name.to_string(), format, text_encoding, sheets, sha256 })
    })();
    result.map_err(|e| e.in_file(file_name))
}

/// A host-supplied digest, if it is one (64 hex digits), in lower case.
fn known_sha256(h: Option<&str>) -> Option<String> {
    h.filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())).map(str::to_ascii_lowercase)
}

/// Header, mapping, kind and data rows of one raw sheet.
pub fn analyse(raw: RawSheet, ind: &Indicators, overrides: Option<&BTreeMap<String, String>>) -> Sheet {
    let mut sheet = Sheet::unread(raw);
    sheet.refresh(ind, overrides);
    sheet
}

impl Sheet {
    /// A sheet not analysed yet: `refresh` fills it in.
    fn unread(raw: RawSheet) -> Sheet {
        Sheet {
            name: raw.name.clone(),
            raw,
            header: None,
            columns: Vec::new(),
            kind: Kind::Unknown,
            kind_reason_vi: String::new(),
            kind_reason_en: String::new(),
            data_rows: Vec::new(),
            skipped: BTreeMap::new(),
            legacy: None,
            workbook_legacy: None,
            legacy_inherited: false,
            nfd: false,
            repaired: Vec::new(),
            repaired_count: 0,
            warnings: Vec::new(),
        }
    }
}

impl Sheet {
    /// (Re)derives header, mapping, rows and kind, e.g. after the framework
    /// changed (a criteria sheet was found) or the user fixed a mapping.
    pub fn refresh(&mut self, ind: &Indicators, overrides: Option<&BTreeMap<String, String>>) {
        self.columns.clear();
        self.data_rows.clear();
        self.skipped.clear();
        self.warnings.clear();
        self.warnings.extend(self.raw.read_notes().iter().cloned());
        // The encoding first: the header is looked for in repaired text.
        typed::detect_text_repair(self);
        self.header = match self.legacy {
            Some(enc) => header::detect(&encoding::repaired_head(&self.raw, enc), ind),
            None => header::detect(&self.raw, ind),
        };
        if let Some(h) = self.header.clone() {
            self.columns = map_columns(&h.names, ind, overrides);
            for r in h.first_data_row()..self.raw.height() {
                match header::skip_reason(&self.raw, r, &h, self.legacy) {
                    None => self.data_rows.push(r),
                    Some(header::SkipReason::Blank) => {}
                    Some(header::SkipReason::Totals) => *self.skipped.entry("totals").or_default() += 1,
                    Some(header::SkipReason::Group) => *self.skipped.entry("group").or_default() += 1,
                    Some(header::SkipReason::RepeatedHeader) => *self.skipped.entry("repeated_header").or_default() += 1,
                    Some(header::SkipReason::ColumnNumbers) => *self.skipped.entry("column_numbers").or_default() += 1,
                    Some(header::SkipReason::Footer) => *self.skipped.entry("footer").or_default() += 1,
                }
            }
        }
        let (kind, vi, en) = classify::classify(self);
        self.kind = kind;
        self.kind_reason_vi = vi;
        self.kind_reason_en = en;
    }
}

/// One header's best match, with what the reason needs.
struct Proposal {
    col: usize,
    target: Target,
    score: u32,
    confidence: Confidence,
    reason: (String, String),
}

/// Maps header names to targets. Each target is taken once, by the column
/// that matches it best; user overrides win. Every column carries the reason
/// for its mapping (or for having none) and a confidence.
pub fn map_columns(names: &[String], ind: &Indicators, overrides: Option<&BTreeMap<String, String>>) -> Vec<ColumnInfo> {
    let matcher = header::IndicatorMatcher::new(ind);
    let mut proposals: Vec<Proposal> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        let cands = header::candidates(n);
        let mut best: Option<Proposal> = None;
        for (k, cand) in cands.iter().enumerate() {
            // The whole header first; a part of a two-row header, or the
            // header without its notes, says so in the reason.
            let part = if k == 0 { String::new() } else { format!(" (phần «{cand}»)") };
            if let Some(m) = matcher.find(cand) {
                let id = m.id;
                let near = m.confidence == header::MatchConfidence::Near;
                let part_en = if k == 0 { String::new() } else { format!(" (part \"{cand}\")") };
                best = Some(Proposal {
                    col: i,
                    target: Target::Indicator(id.clone()),
                    score: 2000,
                    confidence: if near { Confidence::Near } else { Confidence::Exact },
                    reason: if near {
                        (
                            format!("Tiêu đề{part} gần đúng tên chỉ tiêu {id} (khác thứ tự từ hoặc một từ đệm); hãy kiểm tra."),
                            format!("The header{part_en} nearly equals the name of indicator {id} (word order or one filler word differs); check it."),
                        )
                    } else {
                        (format!("Tiêu đề{part} nêu mã hoặc tên của chỉ tiêu {id}."), format!("The header{part_en} names indicator {id} by its code or name."))
                    },
                });
                break;
            }
            if let Some((c, s, alias)) = columns::best_canon_alias(cand) {
                if best.as_ref().is_none_or(|b| s > b.score) {
                    let field = s < 1000;
                    best = Some(Proposal {
                        col: i,
                        target: Target::Canon(c),
                        score: s,
                        confidence: if field { Confidence::FieldName } else { Confidence::Exact },
                        reason: if field {
                            (format!("Tên trường kiểu Cổng DVC quốc gia, tức «{alias}»."), format!("A national-portal field name, i.e. \"{alias}\"."))
                        } else if k == 0 {
                            (format!("Tiêu đề đúng là «{alias}»."), format!("The header is \"{alias}\"."))
                        } else {
                            (format!("Phần «{alias}» của tiêu đề (tiêu đề nhiều dòng hoặc có ghi chú)."), format!("The part \"{alias}\" of the header (a multi-row header or a note)."))
                        },
                    });
                }
            }
        }
        if let Some(p) = best {
            proposals.push(p);
        }
    }
    // Highest score claims a target first.
    let mut order: Vec<usize> = (0..proposals.len()).collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(proposals[k].score), proposals[k].col));
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    let mut assigned: BTreeMap<usize, usize> = BTreeMap::new();
    let mut lost: BTreeMap<usize, usize> = BTreeMap::new();
    for k in order {
        let key = proposals[k].target.name();
        match taken.get(&key) {
            None => {
                taken.insert(key, proposals[k].col);
                assigned.insert(proposals[k].col, k);
            }
            Some(&winner) => {
                lost.insert(proposals[k].col, winner);
            }
        }
    }
    let mut cols: Vec<ColumnInfo> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (target, confidence, reason) = match assigned.get(&i) {
                Some(&k) => (Some(proposals[k].target.clone()), proposals[k].confidence, proposals[k].reason.clone()),
                None => match lost.get(&i) {
                    Some(&w) => {
                        let other = names.get(w).cloned().unwrap_or_default();
                        (
                            None,
                            Confidence::None,
                            (
                                format!("Cũng khớp cột chuẩn này, nhưng cột «{other}» khớp rõ hơn nên được dùng; cột này bị bỏ qua."),
                                format!("Also matches this canonical column, but \"{other}\" matches it better and is used; this one is ignored."),
                            ),
                        )
                    }
                    None => (
                        None,
                        Confidence::None,
                        ("Không khớp tên cột nào Thôn Số biết; cột bị bỏ qua. Chọn ánh xạ nếu cần.".to_string(), "Matches no column name Thôn Số knows; ignored. Pick a mapping if needed.".to_string()),
                    ),
                },
            };
            ColumnInfo { index: i, header: n.clone(), canonical: None, col_type: None, overridden: false, reason: reason.0, reason_en: reason.1, confidence, ratio_part: None, target }
        })
        .collect();
    if let Some(ov) = overrides {
        for (header, to) in ov {
            let new_target = if to.is_empty() {
                None
            } else if let Some(c) = Canon::from_name(to) {
                Some(Target::Canon(c))
            } else {
                ind.find(to).map(|i| Target::Indicator(i.id.clone()))
            };
            // The target moves: whoever held it loses it.
            if let Some(t) = &new_target {
                for c in cols.iter_mut() {
                    if c.target.as_ref() == Some(t) {
                        c.target = None;
                        c.confidence = Confidence::None;
                        c.reason = "Người dùng đã gán cột chuẩn này cho cột khác.".into();
                        c.reason_en = "The user gave this canonical column to another column.".into();
                    }
                }
            }
            for c in cols.iter_mut().filter(|c| &c.header == header) {
                c.target = new_target.clone();
                c.overridden = true;
                c.confidence = Confidence::User;
                c.reason = "Do người dùng chọn.".into();
                c.reason_en = "Chosen by the user.".into();
            }
        }
    }
    for c in cols.iter_mut() {
        c.canonical = c.target.as_ref().map(Target::name);
        c.col_type = c.target.as_ref().map(|t| match t {
            Target::Canon(k) => k.col_type().name(),
            Target::Indicator(id) => match ind.find(id).map(|i| i.col_type) {
                Some(t @ (ColType::YesNo | ColType::Percent)) => t.name(),
                _ => ColType::Number.name(),
            },
        });
    }
    mark_ratio_parts(&mut cols, names, ind);
    cols
}

/// Columns read as the numerator or denominator of a ratio indicator are
/// used, not ignored: they say so (the target stays empty, so nothing else
/// reads them as the indicator itself).
fn mark_ratio_parts(cols: &mut [ColumnInfo], names: &[String], ind: &Indicators) {
    let households = cols.iter().find(|c| c.target == Some(Target::Canon(Canon::Households))).map(|c| c.index);
    let direct: Vec<String> = cols
        .iter()
        .filter_map(|c| match &c.target {
            Some(Target::Indicator(id)) => Some(id.clone()),
            _ => None,
        })
        .collect();
    for r in typed::ratio_sources(names, ind, |id| direct.iter().any(|d| d == id), households) {
        let head = |i: usize| names.get(i).cloned().unwrap_or_default();
        let (num, den) = (head(r.numerator), head(r.denominator));
        let id = &r.id;
        for (col, part, vi, en) in [(r.numerator, "numerator", "Tử số", "Numerator"), (r.denominator, "denominator", "Mẫu số", "Denominator")] {
            let Some(c) = cols.iter_mut().find(|c| c.index == col) else { continue };
            let why_vi = format!("{vi} của {id} ({num} ÷ {den}).");
            let why_en = format!("{en} of {id} ({num} ÷ {den}).");
            if c.target.is_some() {
                // The households column doubling as the denominator.
                c.reason = format!("{} Cũng là {} của {id} ({num} ÷ {den}).", c.reason, vi.to_lowercase());
                c.reason_en = format!("{} Also the {} of {id} ({num} ÷ {den}).", c.reason_en, en.to_lowercase());
                continue;
            }
            c.canonical = Some(id.clone());
            c.col_type = Some(ColType::Number.name());
            c.ratio_part = Some(part);
            if !c.overridden {
                c.confidence = Confidence::Exact;
            }
            c.reason = why_vi;
            c.reason_en = why_en;
        }
    }
}

// ---------------------------------------------------------------- reports

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct InspectReport {
    pub file: String,
    pub format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_encoding: Option<&'static str>,
    pub sha256: String,
    pub sheets: Vec<SheetReport>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SheetReport {
    pub name: String,
    pub rows: usize,
    pub header_row: Option<u32>,
    pub header_rows: usize,
    pub kind: &'static str,
    pub kind_reason: String,
    pub kind_reason_en: String,
    pub columns: Vec<ColumnInfo>,
    pub warnings: Vec<Diagnostic>,
    pub repaired_encoding: Option<&'static str>,
    pub repaired_cells: Vec<RepairedCell>,
    pub repaired_count: usize,
    pub skipped_rows: BTreeMap<&'static str, usize>,
}

/// Warnings listed per sheet in a report (the full list stays in memory).
const MAX_LISTED_WARNINGS: usize = 200;

impl Workbook {
    pub fn inspect(&self) -> InspectReport {
        InspectReport {
            file: self.file_name.clone(),
            format: self.format.name(),
            text_encoding: self.text_encoding,
            sha256: self.sha256.clone(),
            sheets: self
                .sheets
                .iter()
                .map(|s| SheetReport {
                    name: s.name.clone(),
                    rows: s.data_rows.len(),
                    header_row: s.header.as_ref().map(|h| s.raw.excel_row(h.row) + 1 - h.rows as u32),
                    header_rows: s.header.as_ref().map(|h| h.rows).unwrap_or(0),
                    kind: s.kind.name(),
                    kind_reason: s.kind_reason_vi.clone(),
                    kind_reason_en: s.kind_reason_en.clone(),
                    columns: s.columns.iter().filter(|c| !c.header.is_empty()).cloned().collect(),
                    warnings: s.warnings.iter().take(MAX_LISTED_WARNINGS).cloned().collect(),
                    repaired_encoding: s.repaired_encoding(),
                    repaired_cells: s.repaired.clone(),
                    repaired_count: s.repaired_count,
                    skipped_rows: s.skipped.clone(),
                })
                .collect(),
        }
    }

    pub fn sheets_of(&self, kind: Kind) -> impl Iterator<Item = &Sheet> {
        self.sheets.iter().filter(move |s| s.kind == kind)
    }

    /// The largest sheet of a kind (a workbook may hold several).
    pub fn main_sheet(&self, kind: Kind) -> Option<&Sheet> {
        self.sheets_of(kind).max_by_key(|s| s.data_rows.len())
    }

    pub fn sheet_mut(&mut self, name: &str) -> Option<&mut Sheet> {
        self.sheets.iter_mut().find(|s| s.name == name)
    }
}

pub(crate) fn no_sheet_error(kind: Kind) -> Error {
    let (vi, en) = match kind {
        Kind::Villages => (
            "Không tìm thấy trang tính danh sách thôn (cần cột «Thôn» và các cột chỉ tiêu như «HT1», «CQ1»). Hãy kiểm tra tên cột hoặc chỉnh ánh xạ cột.",
            "No villages sheet found (it needs a \"Thôn\" column and indicator columns such as \"HT1\", \"CQ1\"). Check the column headers or fix the column mapping.",
        ),
        Kind::Dossiers => (
            "Không tìm thấy trang tính danh sách hồ sơ (cần cột «Ngày tiếp nhận» và «Ngày có kết quả» hoặc «Ngày hẹn trả»). Hãy kiểm tra tên cột hoặc chỉnh ánh xạ cột.",
            "No dossier sheet found (it needs a \"Ngày tiếp nhận\" column and \"Ngày có kết quả\" or \"Ngày hẹn trả\"). Check the column headers or fix the column mapping.",
        ),
        _ => ("Không tìm thấy trang tính phù hợp.", "No suitable sheet found."),
    };
    Error::new(if kind == Kind::Villages { "no_villages_sheet" } else { "no_dossier_sheet" }, vi, en)
}
