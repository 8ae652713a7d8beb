//! Typed values: text repair, then cells into typed columns and polars
//! frames, with a diagnostic for every cell that could not be read.

use super::columns::{Canon, ColType};
use super::grid::Cell;
use super::{Indicators, RepairedCell, Sheet, Target};
use crate::date::Date;
use crate::error::Diagnostic;
use crate::text::{self, legacy};
use crate::values::{self, DateParse};
use polars::prelude::*;
use std::borrow::Cow;

/// Cells sampled to decide whether a sheet is in a legacy encoding.
const LEGACY_SAMPLE: usize = 4000;
/// Repaired cells listed in reports (the count covers all of them).
const LISTED_REPAIRS: usize = 50;
/// Cell diagnostics kept per sheet; beyond that they are counted.
const MAX_WARNINGS: usize = 5000;

/// The non-ASCII text of a sheet (a prefix of each long cell), up to
/// `LEGACY_SAMPLE` cells: what its encoding is judged by; and whether any of
/// it is decomposed (NFD).
pub(super) fn text_sample(raw: &super::RawSheet) -> (Vec<&str>, bool) {
    let mut sample: Vec<&str> = Vec::new();
    let mut nfd = false;
    'outer: for r in 0..raw.height() {
        for c in 0..raw.width() {
            if let Cell::Text(s) = raw.cell(r, c) {
                if !s.is_ascii() {
                    // A prefix is enough to judge the encoding of a long cell.
                    let s = prefix(s, 400);
                    if !nfd && text::is_nfd_variant(s) {
                        nfd = true;
                    }
                    sample.push(s);
                    if sample.len() >= LEGACY_SAMPLE {
                        break 'outer;
                    }
                }
            }
        }
    }
    (sample, nfd)
}

/// Decides per sheet whether text is TCVN3/VNI (repaired) or NFD
/// (normalised), from the statistics of its text cells; a sheet too short
/// to decide takes the workbook's encoding when its text fits it (see
/// `encoding`). Lists the repaired cells, the sheet name first if it was.
pub fn detect_text_repair(sheet: &mut Sheet) {
    let (sample, nfd) = text_sample(&sheet.raw);
    let own = legacy::detect(&sample);
    let inherited = own.is_none() && sheet.workbook_legacy.is_some_and(|e| legacy::fits(&sample, e));
    sheet.legacy = if inherited { sheet.workbook_legacy } else { own };
    sheet.legacy_inherited = inherited;
    sheet.nfd = nfd;
    let mut count = 0;
    let mut listed = Vec::new();
    if sheet.name != sheet.raw.name {
        count += 1;
        listed.push(RepairedCell { row: 0, column: String::new(), from: sheet.raw.name.clone(), to: sheet.name.clone(), sheet_name: true });
    }
    if let Some(enc) = sheet.legacy {
        for r in 0..sheet.raw.height() {
            for c in 0..sheet.raw.width() {
                if let Cell::Text(s) = sheet.raw.cell(r, c) {
                    if let Some(fixed) = legacy::repair(s, enc) {
                        count += 1;
                        if listed.len() < LISTED_REPAIRS {
                            listed.push(RepairedCell {
                                row: sheet.raw.excel_row(r),
                                column: super::column_letter(c),
                                from: s.to_string(),
                                to: fixed,
                                sheet_name: false,
                            });
                        }
                    }
                }
            }
        }
    }
    sheet.repaired = listed;
    sheet.repaired_count = count;
}

fn prefix(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let mut end = max_bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl Sheet {
    /// A text cell as the user meant it: legacy-repaired, NFC, trimmed.
    pub fn text(&self, row: usize, col: usize) -> Option<String> {
        match self.raw.cell(row, col) {
            Cell::Text(s) => {
                let s = s.trim();
                if s.is_empty() {
                    return None;
                }
                let fixed: Cow<str> = match self.legacy.and_then(|e| legacy::repair(s, e)) {
                    Some(f) => Cow::Owned(f),
                    None => Cow::Borrowed(s),
                };
                Some(text::nfc(fixed.trim()))
            }
            Cell::Number(n) => Some(super::grid::format_number(n)),
            Cell::Date { date, .. } => Some(date.to_string()),
            Cell::Bool(b) => Some(if b { "TRUE".into() } else { "FALSE".into() }),
            Cell::Empty | Cell::Error => None,
        }
    }

    fn warn(&mut self, row: usize, col: usize, vi: String, en: String) {
        if self.warnings.len() < MAX_WARNINGS {
            let value = self.raw.cell(row, col).display();
            let d = Diagnostic::cell(self.raw.excel_row(row), &self.header_name(col), &value, vi, en);
            self.warnings.push(d);
        }
    }

    /// A date column: date cells, Excel serials, and text dates in the
    /// Vietnamese forms. mm/dd-only text is a diagnostic, never a guess.
    pub fn date_column(&mut self, col: Option<usize>) -> (Vec<Option<i32>>, Vec<Option<u32>>) {
        let rows = self.data_rows.clone();
        let mut dates = Vec::with_capacity(rows.len());
        let mut secs = Vec::with_capacity(rows.len());
        let Some(col) = col else {
            return (vec![None; rows.len()], vec![None; rows.len()]);
        };
        for &r in &rows {
            let (d, s) = match self.raw.cell(r, col) {
                Cell::Date { date, seconds } => (Some(date), seconds),
                // 20240315 or 20240315143200 stored as a number (the portal's
                // yyyyMMdd[HHmmss]): far above any Excel serial date.
                Cell::Number(n) if n >= 1.0e7 && n.fract() == 0.0 && n < 1.0e15 => match values::compact_ymd(format!("{}", n as u64).as_bytes()) {
                    Some(DateParse::Date { date, seconds }) => (Some(date), seconds),
                    _ => {
                        self.warn(r, col, "Số này không phải ngày hợp lệ (dạng nămthángngày như 20240315).".into(), "This number is not a valid date (yyyyMMdd like 20240315).".into());
                        (None, None)
                    }
                },
                Cell::Number(n) => match values::excel_serial_to_date(n, false) {
                    Some((d, s)) if n >= 20_000.0 => (Some(d), s),
                    _ => {
                        self.warn(r, col, "Số này không phải ngày hợp lệ.".into(), "This number is not a valid date.".into());
                        (None, None)
                    }
                },
                Cell::Text(t) if t.trim().is_empty() => (None, None),
                Cell::Text(t) => match values::parse_date_text(t) {
                    DateParse::Date { date, seconds } => (Some(date), seconds),
                    DateParse::MonthFirstOnly => {
                        self.warn(
                            r,
                            col,
                            "Ngày này chỉ đúng nếu đọc theo kiểu tháng/ngày (mm/dd); Thôn Số không đoán. Hãy sửa thành ngày/tháng/năm.".into(),
                            "This date only works as month/day (mm/dd); Thôn Số does not guess. Rewrite it as day/month/year.".into(),
                        );
                        (None, None)
                    }
                    DateParse::Invalid => {
                        self.warn(
                            r,
                            col,
                            "Không đọc được ngày (cần dạng ngày/tháng/năm, ví dụ 15/03/2024).".into(),
                            "Cannot read this date (expected day/month/year, e.g. 15/03/2024).".into(),
                        );
                        (None, None)
                    }
                },
                Cell::Empty => (None, None),
                Cell::Bool(_) | Cell::Error => {
                    self.warn(r, col, "Ô không chứa ngày.".into(), "The cell holds no date.".into());
                    (None, None)
                }
            };
            dates.push(d.map(|d: Date| d.0));
            secs.push(s);
        }
        (dates, secs)
    }

    pub fn text_column(&self, col: Option<usize>) -> Vec<Option<String>> {
        match col {
            None => vec![None; self.data_rows.len()],
            Some(c) => self.data_rows.iter().map(|&r| self.text(r, c)).collect(),
        }
    }

    /// A text column as a code per row into its distinct cleaned values
    /// (what polars calls categorical; that dtype is not in the wasm build).
    /// Values repeat heavily (communes, procedures), so each distinct raw
    /// cell is cleaned once, and grouping later hashes integers, not text.
    pub fn text_codes(&self, col: Option<usize>, dict: &mut Dict) -> Vec<u32> {
        let Some(c) = col else { return vec![Dict::NONE; self.data_rows.len()] };
        let mut cache: PlHashMap<&str, u32> = PlHashMap::default();
        let mut codes = Vec::with_capacity(self.data_rows.len());
        // Exports are usually sorted by commune, village or procedure: a
        // cell equal to the one above needs no hashing.
        let mut last: Option<(&str, u32)> = None;
        for &r in &self.data_rows {
            let code = match self.raw.cell(r, c) {
                Cell::Text(s) => match last {
                    Some((prev, code)) if prev == s => code,
                    _ => {
                        let code = *cache.entry(s).or_insert_with(|| dict.code(self.text(r, c)));
                        last = Some((s, code));
                        code
                    }
                },
                _ => dict.code(self.text(r, c)),
            };
            codes.push(code);
        }
        codes
    }

    /// Numbers; `percent_scale` turns 0–1 fraction columns into 0–100.
    pub fn number_column(&mut self, col: Option<usize>, percent_scale: bool) -> Vec<Option<f64>> {
        let rows = self.data_rows.clone();
        let Some(col) = col else { return vec![None; rows.len()] };
        let samples: Vec<String> = rows.iter().take(500).filter_map(|&r| match self.raw.cell(r, col) {
            Cell::Text(t) => Some(t.to_string()),
            _ => None,
        }).collect();
        let sample_refs: Vec<&str> = samples.iter().map(String::as_str).collect();
        let style = values::detect_number_style(&sample_refs);
        let mut out = Vec::with_capacity(rows.len());
        let mut explicit_pct = Vec::with_capacity(rows.len());
        for &r in &rows {
            let v = match self.raw.cell(r, col) {
                Cell::Number(n) if n.is_finite() => Some((n, false)),
                Cell::Bool(b) => Some((if b { 1.0 } else { 0.0 }, false)),
                Cell::Text(t) if t.trim().is_empty() || is_dash(t) => None,
                Cell::Text(_) => match values::parse_number_with(&self.text(r, col).unwrap_or_default(), style) {
                    Some(n) => Some((n.value, n.percent)),
                    None => {
                        self.warn(r, col, "Không đọc được số (ví dụ hợp lệ: 1.234,5 hoặc 85%).".into(), "Cannot read this number (valid examples: 1.234,5 or 85%).".into());
                        None
                    }
                },
                Cell::Empty => None,
                _ => {
                    self.warn(r, col, "Ô không chứa số.".into(), "The cell holds no number.".into());
                    None
                }
            };
            out.push(v.map(|x| x.0));
            explicit_pct.push(v.map(|x| x.1).unwrap_or(false));
        }
        if percent_scale {
            let plain_max = out.iter().zip(&explicit_pct).filter(|(_, p)| !**p).filter_map(|(v, _)| *v).fold(f64::NEG_INFINITY, f64::max);
            let any_plain = plain_max > f64::NEG_INFINITY;
            // A column whose plain numbers all lie in [0, 1] holds fractions.
            if any_plain && plain_max <= 1.0 {
                for (v, p) in out.iter_mut().zip(&explicit_pct) {
                    if !*p {
                        *v = v.map(|x| x * 100.0);
                    }
                }
            }
        }
        out
    }

    pub fn yes_no_column(&mut self, col: Option<usize>) -> Vec<Option<bool>> {
        let rows = self.data_rows.clone();
        let Some(col) = col else { return vec![None; rows.len()] };
        let samples: Vec<String> = rows.iter().map(|&r| match self.raw.cell(r, col) {
            Cell::Text(t) => t.to_string(),
            _ => String::new(),
        }).collect();
        let refs: Vec<&str> = samples.iter().map(String::as_str).collect();
        let x_blank = values::column_is_x_blank(&refs);
        let mut out = Vec::with_capacity(rows.len());
        for &r in &rows {
            let v = match self.raw.cell(r, col) {
                Cell::Bool(b) => Some(b),
                Cell::Number(n) if n == 1.0 => Some(true),
                Cell::Number(n) if n == 0.0 => Some(false),
                Cell::Empty => x_blank.then_some(false),
                Cell::Text(t) if t.trim().is_empty() => x_blank.then_some(false),
                Cell::Text(_) => match values::parse_yes_no(&self.text(r, col).unwrap_or_default()) {
                    Some(b) => Some(b),
                    None => {
                        self.warn(r, col, "Không hiểu giá trị có/không (dùng Có/Không, Đạt/Chưa đạt, x, 1/0).".into(), "Cannot read this yes/no value (use Có/Không, Đạt/Chưa đạt, x, 1/0).".into());
                        None
                    }
                },
                _ => {
                    self.warn(r, col, "Không hiểu giá trị có/không.".into(), "Cannot read this yes/no value.".into());
                    None
                }
            };
            out.push(v);
        }
        out
    }

    pub fn excel_rows(&self) -> Vec<u32> {
        self.data_rows.iter().map(|&r| self.raw.excel_row(r)).collect()
    }
}

fn is_dash(s: &str) -> bool {
    matches!(s.trim(), "-" | "–" | "—" | "x/" | "N/A" | "n/a")
}

pub fn channel_name(c: values::Channel) -> &'static str {
    match c {
        values::Channel::Online => "online",
        values::Channel::InPerson => "in_person",
        values::Channel::Postal => "postal",
    }
}

fn str_series(name: &str, v: Vec<Option<String>>) -> Column {
    Series::new(name.into(), v).into()
}

/// The distinct values of a dictionary-coded text column, in order of
/// first appearance: code `k ≥ 1` is `values[k - 1]`, code 0 no value (so
/// code columns have no nulls and are read as plain slices).
#[derive(Clone, Debug, Default)]
pub struct Dict {
    pub values: Vec<String>,
    index: PlHashMap<String, u32>,
}

impl Dict {
    pub const NONE: u32 = 0;

    pub fn code(&mut self, v: Option<String>) -> u32 {
        let Some(v) = v else { return Self::NONE };
        if let Some(&k) = self.index.get(&v) {
            return k;
        }
        self.values.push(v.clone());
        let k = self.values.len() as u32;
        self.index.insert(v, k);
        k
    }
    pub fn get(&self, code: u32) -> Option<&str> {
        self.values.get((code as usize).checked_sub(1)?).map(String::as_str)
    }
    /// The code of a value, if any row holds it.
    pub fn find(&self, v: &str) -> Option<u32> {
        self.index.get(v).copied()
    }
}

/// The text dimensions of a dossier table, dictionary-coded.
pub const DOSSIER_DIMS: [Canon; 8] =
    [Canon::Commune, Canon::Village, Canon::ProcedureName, Canon::ProcedureCode, Canon::Field, Canon::ProcessingUnit, Canon::Status, Canon::Channel];

/// The dossier sheet as a frame. Personal columns (applicant, dossier id)
/// are never copied into it: analytics do not need them. Text dimensions
/// (`DOSSIER_DIMS`, `channel` as "online"/"in_person"/"postal") are UInt32
/// codes into `dicts`.
pub struct DossierTable {
    pub df: DataFrame,
    pub dicts: std::collections::BTreeMap<&'static str, Dict>,
    /// The first (or only) sheet read.
    pub sheet: String,
    /// Every sheet read into the table, in workbook order.
    pub sheets: Vec<super::PooledSheet>,
    /// Dossier-like sheets left out, with the reason.
    pub ignored: Vec<super::IgnoredSheet>,
    pub present: Vec<Canon>,
    /// Where `completed` comes from: the result-ready column, or — only when
    /// the file has none — the return date (cli-contract: completion date).
    pub completion_from: CompletionSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum CompletionSource {
    /// «Ngày có kết quả», «Nhận kết quả từ cơ quan giải quyết», NgayKetThucXuLy.
    ResultReady,
    /// «Trả kết quả», «Ngày trả kết quả», NgayTra: the file has no result-ready column.
    Returned,
    /// Neither column: every dossier is open.
    None,
}

/// A dossier id as a key: its folded form (case, spacing, NFD) hashed to 64
/// bits, never 0. Collisions between two real ids in one analysis are
/// negligible (~n²/2⁶⁵: 10⁻⁸ for a million dossiers).
fn id_key(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let key = crate::text::name_key(id);
    if key.is_empty() {
        return 0;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish().max(1)
}

impl DossierTable {
    pub fn from_sheet(sheet: &mut Sheet) -> PolarsResult<DossierTable> {
        DossierTable::from_sheets(&mut [sheet])
    }

    /// Several dossier sheets as one table (one dictionary per dimension
    /// across them); a `sheet` column holds each row's index into `sheets`.
    pub fn from_sheets(sheets: &mut [&mut Sheet]) -> PolarsResult<DossierTable> {
        let present: Vec<Canon> = super::columns::ALL.iter().copied().filter(|c| sheets.iter().any(|s| s.canon_col(*c).is_some())).collect();
        let col = |s: &Sheet, c: Canon| s.canon_col(c);
        let (mut row, mut sheet_ix) = (Vec::new(), Vec::new());
        let (mut received, mut received_secs, mut due, mut returned, mut completed) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut deadline, mut fee, mut paid, mut digitised) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut dicts: std::collections::BTreeMap<&'static str, Dict> = DOSSIER_DIMS.iter().map(|c| (c.name(), Dict::default())).collect();
        let mut codes: Vec<Vec<u32>> = vec![Vec::new(); DOSSIER_DIMS.len()];
        let mut sources = Vec::new();
        let mut pooled = Vec::new();
        for (k, sheet) in sheets.iter_mut().enumerate() {
            let sheet: &mut Sheet = sheet;
            let n = sheet.data_rows.len();
            row.extend(sheet.excel_rows());
            sheet_ix.extend(std::iter::repeat_n(k as u32, n));
            let (r, rs) = sheet.date_column(col(sheet, Canon::ReceivedAt));
            received.extend(r);
            received_secs.extend(rs);
            due.extend(sheet.date_column(col(sheet, Canon::DueAt)).0);
            let (ret, _) = sheet.date_column(col(sheet, Canon::ReturnedAt));
            let (comp, source) = match (col(sheet, Canon::CompletedAt), col(sheet, Canon::ReturnedAt)) {
                (Some(c), _) => (sheet.date_column(Some(c)).0, CompletionSource::ResultReady),
                (None, Some(r)) => {
                    if let Some(ci) = sheet.columns.iter_mut().find(|ci| ci.index == r) {
                        ci.doubt(
                            "Tệp không có cột ngày có kết quả, nên ngày trả kết quả được dùng làm ngày hoàn thành (có thể muộn hơn ngày có kết quả thật).",
                            "The file has no result-ready date column, so the return date stands in for completion (it may be later than the real result date).",
                        );
                    }
                    (ret.clone(), CompletionSource::Returned)
                }
                (None, None) => (vec![None; n], CompletionSource::None),
            };
            completed.extend(comp);
            returned.extend(ret);
            sources.push(source);
            deadline.extend(sheet.number_column(col(sheet, Canon::LegalDeadlineDays), false));
            fee.extend(sheet.number_column(col(sheet, Canon::Fee), false));
            paid.extend(sheet.yes_no_column(col(sheet, Canon::PaidOnline)));
            digitised.extend(sheet.yes_no_column(col(sheet, Canon::Digitised)));
            for (i, c) in DOSSIER_DIMS.iter().enumerate() {
                let Some(dict) = dicts.get_mut(c.name()) else { continue };
                let v = if *c == Canon::Channel { channel_codes(sheet, dict) } else { sheet.text_codes(col(sheet, *c), dict) };
                codes[i].extend(v);
            }
            pooled.push(super::PooledSheet { name: sheet.name().to_string(), units: n, commune_from_name: false });
        }
        // One sheet that had to use the return date is enough for the
        // warning that says so.
        let completion_from = if sources.contains(&CompletionSource::Returned) {
            CompletionSource::Returned
        } else if sources.contains(&CompletionSource::ResultReady) {
            CompletionSource::ResultReady
        } else {
            CompletionSource::None
        };
        let mut cols = vec![
            Column::new("row".into(), row),
            Column::new("sheet".into(), sheet_ix),
            Column::new("received".into(), received),
            Column::new("received_secs".into(), received_secs),
            Column::new("due".into(), due),
            Column::new("completed".into(), completed),
            Column::new("returned".into(), returned),
            Column::new("legal_deadline_days".into(), deadline),
            Column::new("fee".into(), fee),
            Column::new("paid_online".into(), paid),
            Column::new("digitised".into(), digitised),
        ];
        for (c, v) in DOSSIER_DIMS.iter().zip(codes) {
            cols.push(Column::new(c.name().into(), v));
        }
        // Several sheets (or files) may hold the same dossier: each row's id
        // as a 64-bit key (0: none), never the id itself, so duplicates can
        // be merged (`turnaround::rows`). A lone sheet needs none.
        if sheets.len() > 1 && sheets.iter().any(|s| col(s, Canon::DossierId).is_some()) {
            let mut keys: Vec<u64> = Vec::new();
            for sheet in sheets.iter() {
                let sheet: &Sheet = sheet;
                keys.extend(sheet.text_column(col(sheet, Canon::DossierId)).into_iter().map(|v| v.map_or(0, |v| id_key(&v))));
            }
            cols.push(Column::new("id_key".into(), keys));
        }
        let sheet = pooled.first().map(|p| p.name.clone()).unwrap_or_default();
        Ok(DossierTable { df: DataFrame::new(cols)?, dicts, sheet, sheets: pooled, ignored: Vec::new(), present, completion_from })
    }

    /// A dimension's code per row (`Dict::NONE` = no value) and its dictionary.
    pub fn dim(&self, name: &str) -> PolarsResult<(&[u32], &Dict)> {
        let dict = self.dicts.get(name).ok_or_else(|| PolarsError::ColumnNotFound(name.to_string().into()))?;
        Ok((self.df.column(name)?.u32()?.cont_slice()?, dict))
    }
}

/// The submission channel of each row, coded into "online", "in_person",
/// "postal"; a value that names no channel gets a diagnostic.
fn channel_codes(sheet: &mut Sheet, dict: &mut Dict) -> Vec<u32> {
    let col = sheet.canon_col(Canon::Channel);
    if col.is_none() {
        // A yes/no «Hồ sơ trực tuyến» column: yes is online; no says only
        // "not online" (in person or by post), which still counts as a
        // known channel for the online rate.
        if let Some(flag) = sheet.canon_col(Canon::OnlineFlag) {
            return sheet
                .yes_no_column(Some(flag))
                .into_iter()
                .map(|v| match v {
                    Some(true) => dict.code(Some("online".to_string())),
                    Some(false) => dict.code(Some(NOT_ONLINE.to_string())),
                    None => Dict::NONE,
                })
                .collect();
        }
    }
    // The cell texts, coded like any dimension; then each distinct text is
    // parsed once (a million rows use a handful).
    let mut texts = Dict::default();
    let mut codes = sheet.text_codes(col, &mut texts);
    let channel_of: Vec<Option<u32>> = std::iter::once(Some(Dict::NONE))
        .chain(texts.values.iter().map(|t| values::parse_channel(t).map(|ch| dict.code(Some(channel_name(ch).to_string())))))
        .collect();
    let mut unknown = Vec::new();
    for (i, code) in codes.iter_mut().enumerate() {
        let parsed = channel_of[*code as usize];
        if parsed.is_none() {
            unknown.push(sheet.data_rows[i]);
        }
        *code = parsed.unwrap_or(Dict::NONE);
    }
    if let Some(c) = col {
        let known = codes.iter().filter(|&&k| k != Dict::NONE).count();
        let unknown_share = unknown.len() as f64 / (known + unknown.len()).max(1) as f64;
        for r in unknown {
            sheet.warn(r, c, "Không hiểu hình thức nộp (Trực tuyến / Trực tiếp / Bưu chính).".into(), "Unknown submission channel (online / in person / postal).".into());
        }
        if unknown_share > 0.2 {
            let pct = (unknown_share * 100.0).round();
            if let Some(ci) = sheet.columns.iter_mut().find(|ci| ci.index == c) {
                ci.doubt(
                    &format!("{pct}% giá trị không phải kênh nộp (có thể cột này ghi mức độ dịch vụ công, không phải cách nộp của từng hồ sơ); tỷ lệ trực tuyến chỉ tính trên giá trị đọc được."),
                    &format!("{pct}% of the values name no channel (the column may hold the procedure's online level, not each dossier's channel); the online rate counts only the values read."),
                );
            }
        }
    }
    codes
}

/// The channel value of a «Hồ sơ trực tuyến: Không» dossier: not online,
/// in person or by post.
pub const NOT_ONLINE: &str = "not_online";

/// The villages sheet as a frame: unit names plus one Float64 column per
/// indicator, already on the indicator's scale (0–100 for percentages,
/// 1/0 for yes/no); null means missing.
/// A `sheet` column (the sheet's name) and `row` (as Excel numbers it) keep
/// each row's provenance when several sheets are pooled (`pool`).
pub struct UnitTable {
    pub df: DataFrame,
    /// The sheets read into the table, in workbook order.
    pub sheets: Vec<super::PooledSheet>,
    /// Village-like sheets left out, with the reason.
    pub ignored: Vec<super::IgnoredSheet>,
    /// Indicators the sheets provide (a column, or numerator and
    /// denominator), in any of the pooled sheets.
    pub provided: Vec<String>,
}

impl UnitTable {
    pub fn from_sheet(sheet: &mut Sheet, ind: &Indicators) -> PolarsResult<UnitTable> {
        let col = |s: &Sheet, c: Canon| s.canon_col(c);
        let n = sheet.data_rows.len();
        let mut cols = vec![Column::new("row".into(), sheet.excel_rows()), Column::new("sheet".into(), vec![sheet.name().to_string(); n])];
        let mut named = vec![false; n];
        for c in [Canon::Province, Canon::District, Canon::Commune, Canon::Village] {
            let v = sheet.text_column(col(sheet, c));
            if matches!(c, Canon::Commune | Canon::Village) {
                for (k, x) in v.iter().enumerate() {
                    named[k] |= x.as_deref().is_some_and(|x| !x.is_empty());
                }
            }
            cols.push(str_series(c.name(), v));
        }
        let (launch, _) = sheet.date_column(col(sheet, Canon::LaunchDate));
        cols.push(Column::new("launch_date".into(), launch));
        let households = sheet.number_column(col(sheet, Canon::Households), false);
        let mut provided = Vec::new();
        let header_names: Vec<String> = sheet.header.as_ref().map(|h| h.names.clone()).unwrap_or_default();
        let ratios = ratio_sources(&header_names, ind, |id| sheet.column_of(&Target::Indicator(id.to_string())).is_some(), col(sheet, Canon::Households));
        for ind in ind.iter() {
            let direct = sheet.column_of(&Target::Indicator(ind.id.clone()));
            let values: Option<Vec<Option<f64>>> = match (direct, ind.col_type) {
                (Some(c), ColType::YesNo) => Some(sheet.yes_no_column(Some(c)).into_iter().map(|b| b.map(|b| if b { 1.0 } else { 0.0 })).collect()),
                (Some(c), ColType::Percent) => Some(sheet.number_column(Some(c), true)),
                (Some(c), _) => Some(sheet.number_column(Some(c), false)),
                (None, _) => ratios.iter().find(|r| r.id == ind.id).map(|r| {
                    let (num_c, den_c) = (r.numerator, r.denominator);
                    let num = sheet.number_column(Some(num_c), false);
                    let den = if Some(den_c) == col(sheet, Canon::Households) { households.clone() } else { sheet.number_column(Some(den_c), false) };
                    num.iter()
                        .zip(&den)
                        .map(|(n, d)| match (n, d) {
                            (Some(n), Some(d)) if *d > 0.0 => Some(n / d * 100.0),
                            _ => None,
                        })
                        .collect()
                }),
            };
            if let Some(v) = values {
                provided.push(ind.id.clone());
                cols.push(Column::new(ind.id.as_str().into(), v));
            } else {
                cols.push(Column::new(ind.id.as_str().into(), vec![None::<f64>; sheet.data_rows.len()]));
            }
        }
        cols.push(Column::new("households".into(), households));
        let units = named.iter().filter(|&&b| b).count();
        Ok(UnitTable {
            df: DataFrame::new(cols)?,
            sheets: vec![super::PooledSheet { name: sheet.name().to_string(), units, commune_from_name: false }],
            ignored: Vec::new(),
            provided,
        })
    }
}

/// A ratio indicator read from two columns because the sheet has no
/// column of its own for it: `numerator ÷ denominator × 100`.
pub struct RatioSource {
    pub id: String,
    pub numerator: usize,
    /// A denominator column by name, else the households column.
    pub denominator: usize,
}

/// The ratio indicators of `ind` that `names` (a sheet's header) gives as
/// numerator and denominator, for the indicators without a direct column.
/// Headers match an alias as a whole (folded). Both the scores and the
/// column mapping's report use this, so the report says what is scored.
pub fn ratio_sources(names: &[String], ind: &Indicators, has_direct: impl Fn(&str) -> bool, households: Option<usize>) -> Vec<RatioSource> {
    let folded: Vec<String> = names.iter().map(|h| text::fold_key(h)).collect();
    let find = |aliases: &[String]| {
        let aliases: Vec<String> = aliases.iter().map(|a| text::fold_key(a)).collect();
        folded.iter().position(|fh| aliases.contains(fh))
    };
    ind.iter()
        .filter(|ind| !has_direct(&ind.id))
        .filter_map(|ind| {
            let (numerator, denominator) = ind.ratio.as_ref()?;
            let numerator = find(numerator)?;
            let denominator = find(denominator).or(households)?;
            Some(RatioSource { id: ind.id.clone(), numerator, denominator })
        })
        .collect()
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct PlanRow {
    pub commune: String,
    pub planned: f64,
}

impl PlanRow {
    pub fn from_sheet(sheet: &mut Sheet) -> Vec<PlanRow> {
        let communes = sheet.text_column(sheet.canon_col(Canon::Commune));
        let planned = sheet.number_column(sheet.canon_col(Canon::Planned), false);
        communes
            .into_iter()
            .zip(planned)
            .filter_map(|(c, p)| Some(PlanRow { commune: c?, planned: p? }))
            .collect()
    }
}
