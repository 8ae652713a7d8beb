//! Raw sheets: cells as the file holds them, before any interpretation.
//!
//! Workbooks come through calamine as a `Range<Data>`. Delimited text is kept
//! as one decoded buffer plus field offsets (not a `String` per cell), so a
//! 130 MB CSV costs about its own size in memory.

use crate::date::Date;
use crate::error::{Diagnostic, Error, Result};
use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Range};
use std::sync::Arc;

/// "A", "B", … "AA": how Excel names a 0-based column.
pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// One cell, borrowed from its sheet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Bool(bool),
    /// A date cell (Excel serial with a date format, or ODS/ISO date).
    Date { date: Date, seconds: Option<u32> },
    /// `#N/A`, `#DIV/0!` and friends.
    Error,
}

impl Cell<'_> {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
    /// The cell as the user would read it, for diagnostics.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => (*s).to_string(),
            Cell::Number(n) => format_number(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date { date, .. } => date.to_string(),
            Cell::Error => "#ERROR".to_string(),
        }
    }
}

pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub enum Store {
    Range(Range<Data>),
    Text(TextGrid),
    /// An .xlsx sheet read by the streaming reader (`xlsx_fast`).
    Fast(FastGrid),
}

/// One cell as stored: 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Slot {
    Empty,
    /// Index into the workbook's shared-string table.
    Shared(u32),
    /// Index into the sheet's own strings (inline strings, formula strings).
    Own(u32),
    Number(f64),
    /// A number under a date or time format: an Excel serial.
    DateTime(f64),
    Bool(bool),
    Error,
}

/// A sheet read by the streaming .xlsx reader (`xlsx_fast`): a dense
/// row-major grid of [`Slot`]s. The reader fills it; this module reads it.
pub struct FastGrid {
    pub(super) shared: Arc<Vec<String>>,
    pub(super) own: String,
    pub(super) own_ends: Vec<u32>,
    pub(super) cells: Vec<Slot>,
    pub(super) width: usize,
    pub(super) height: usize,
    /// 0-based row and column of the grid's top-left cell in the sheet.
    pub(super) start: (u32, u32),
    pub(super) is_1904: bool,
}

impl FastGrid {
    pub fn height(&self) -> usize {
        self.height
    }
    pub fn width(&self) -> usize {
        self.width
    }
    pub fn start(&self) -> (u32, u32) {
        self.start
    }
    pub fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        if row >= self.height || col >= self.width {
            return Cell::Empty;
        }
        match self.cells[row * self.width + col] {
            Slot::Empty => Cell::Empty,
            Slot::Shared(i) => self.shared.get(i as usize).map_or(Cell::Empty, |s| Cell::Text(s)),
            Slot::Own(i) => Cell::Text(self.own_str(i)),
            Slot::Number(n) => Cell::Number(n),
            Slot::DateTime(n) => date_cell(&ExcelDateTime::new(n, ExcelDateTimeType::DateTime, self.is_1904)),
            Slot::Bool(b) => Cell::Bool(b),
            Slot::Error => Cell::Error,
        }
    }
    fn own_str(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.own_ends[i - 1] as usize };
        self.own.get(start..self.own_ends[i] as usize).unwrap_or("")
    }
}

pub struct RawSheet {
    pub name: String,
    pub store: Store,
}

impl RawSheet {
    pub fn height(&self) -> usize {
        match &self.store {
            Store::Range(r) => r.height(),
            Store::Text(t) => t.row_starts.len(),
            Store::Fast(g) => g.height(),
        }
    }
    pub fn width(&self) -> usize {
        match &self.store {
            Store::Range(r) => r.width(),
            Store::Text(t) => t.width,
            Store::Fast(g) => g.width(),
        }
    }
    pub fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        match &self.store {
            Store::Range(r) => match r.get((row, col)) {
                None => Cell::Empty,
                Some(d) => from_data(d),
            },
            Store::Text(t) => match t.field(row, col) {
                None | Some("") => Cell::Empty,
                Some(s) => Cell::Text(s),
            },
            Store::Fast(g) => g.cell(row, col),
        }
    }
    /// The 1-based row number Excel shows for a 0-based row of this grid.
    pub fn excel_row(&self, row: usize) -> u32 {
        (self.origin().0 + row + 1).min(u32::MAX as usize) as u32
    }
    /// The 0-based sheet row and column of this grid's top-left cell.
    pub fn origin(&self) -> (usize, usize) {
        match &self.store {
            Store::Range(r) => r.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0)),
            Store::Text(_) => (0, 0),
            Store::Fast(g) => (g.start().0 as usize, g.start().1 as usize),
        }
    }
    /// Each cell of a row in column order (cells past the row's last field
    /// may be left out: they are empty), until `f` returns false. Delimited
    /// text walks the row's fields instead of looking each one up.
    pub fn for_each_cell<'a>(&'a self, row: usize, mut f: impl FnMut(Cell<'a>) -> bool) {
        if let Store::Text(t) = &self.store {
            let Some(&(first, mut start)) = t.row_starts.get(row) else { return };
            let next = t.row_starts.get(row + 1).map_or(t.ends.len() as u32, |r| r.0);
            for idx in first as usize..next as usize {
                let e = t.ends[idx];
                let end = (e & OFFSET) as usize;
                let value = if e & (OWNED | QUOTED) != 0 { t.field(row, idx - first as usize) } else { t.buf.get(start as usize..end) };
                start = end as u32 + 1;
                let cell = match value {
                    None | Some("") => Cell::Empty,
                    Some(s) => Cell::Text(s),
                };
                if !f(cell) {
                    return;
                }
            }
            return;
        }
        for c in 0..self.width() {
            if !f(self.cell(row, c)) {
                return;
            }
        }
    }
    pub fn row_is_empty(&self, row: usize) -> bool {
        let mut empty = true;
        self.for_each_cell(row, |c| {
            empty = c.is_empty();
            empty
        });
        empty
    }
}

fn from_data(d: &Data) -> Cell<'_> {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Error(_) => Cell::Error,
    }
}

/// A date cell from an Excel serial under a date format; a duration format
/// ([h]:mm) or a serial outside the calendar stays a number.
pub(crate) fn date_cell(dt: &ExcelDateTime) -> Cell<'static> {
    if !dt.is_datetime() {
        return Cell::Number(dt.as_f64());
    }
    let (y, m, day, h, mi, s, _) = dt.to_ymd_hms_milli();
    match Date::from_ymd(i32::from(y), u32::from(m), u32::from(day)) {
        Some(date) => {
            let secs = u32::from(h) * 3600 + u32::from(mi) * 60 + u32::from(s);
            Cell::Date { date, seconds: if dt.as_f64().fract() == 0.0 { None } else { Some(secs) } }
        }
        None => Cell::Number(dt.as_f64()),
    }
}

/// Delimited text as one buffer: the decoded file itself, with the end
/// offset of every field. A field starts one byte (the delimiter) after the
/// previous one ends, or where its row starts; a quoted field's value lies
/// inside its quotes (`QUOTED`). Values that are not a slice of the text
/// (doubled quotes, text after a closing quote) are kept in `owned`
/// (`OWNED`). A 130 MB export thus costs its own size plus 4 bytes a field.
pub struct TextGrid {
    buf: String,
    /// End offset of every field, row after row, with the flags above.
    ends: Vec<u32>,
    /// Index into `ends` where each row starts, and the row's offset in buf.
    row_starts: Vec<(u32, u32)>,
    /// `OWNED` values end to end, and for each its field index and end.
    owned: String,
    owned_at: Vec<(u32, u32)>,
    width: usize,
    notes: Vec<Diagnostic>,
}

/// The field is `"…"` in the text; its value is what the quotes enclose.
const QUOTED: u32 = 1 << 31;
/// The field's value differs from its text and is kept in `owned`.
const OWNED: u32 = 1 << 30;
const OFFSET: u32 = OWNED - 1;

impl TextGrid {
    fn field(&self, row: usize, col: usize) -> Option<&str> {
        let (first, start_off) = *self.row_starts.get(row)?;
        let next = self.row_starts.get(row + 1).map(|r| r.0).unwrap_or(self.ends.len() as u32);
        let idx = first as usize + col;
        if idx >= next as usize {
            return None;
        }
        let e = self.ends[idx];
        if e & OWNED != 0 {
            let k = self.owned_at.binary_search_by_key(&(idx as u32), |p| p.0).ok()?;
            let start = if k == 0 { 0 } else { self.owned_at[k - 1].1 as usize };
            return self.owned.get(start..self.owned_at[k].1 as usize);
        }
        let start = if col == 0 { start_off as usize } else { (self.ends[idx - 1] & OFFSET) as usize + 1 };
        let end = (e & OFFSET) as usize;
        if e & QUOTED != 0 {
            self.buf.get(start + 1..end - 1)
        } else {
            self.buf.get(start..end)
        }
    }
}

/// Who runs the core: the limits protect its memory, and a "too large"
/// message says what that host's user can do about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Host {
    /// A browser tab: wasm32 (at most 4 GiB of linear memory, less in
    /// practice) shared with the page. Too large → use the CLI.
    #[default]
    Browser,
    /// The `thonso` command-line tool on the user's own machine. Too large →
    /// split the file, or raise the limits with `--max-mb`.
    Cli,
}

/// Limits that keep a hostile or oversized file from exhausting the host's
/// memory. `Limits::default()` is the browser's; `Limits::cli()` the CLI's.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_cells: usize,
    pub max_cell_chars: usize,
    pub max_sheets: usize,
    /// Total uncompressed size a zip container may declare.
    pub max_unzipped_bytes: u64,
    pub host: Host,
}

impl Default for Limits {
    /// The browser's limits: a tab's wasm memory is 4 GiB at most, and a CSV
    /// peaks at about 2.5× its size (BENCHMARKS.md: 132 MiB → 330 MiB), so a
    /// 400 MB file stays near 1 GiB.
    fn default() -> Self {
        Limits {
            max_bytes: 400 << 20,
            max_cells: 40_000_000,
            max_cell_chars: 32_767,
            max_sheets: 500,
            max_unzipped_bytes: 1 << 30,
            host: Host::Browser,
        }
    }
}

/// The CLI's file size limit in MiB (`--max-mb` changes it).
pub const CLI_MAX_MB: u64 = 1024;

impl Limits {
    /// The browser's limits (the same as `Limits::default()`).
    pub fn browser() -> Limits {
        Limits::default()
    }

    /// The CLI's limits, sized for a laptop rather than a tab. The machine
    /// the product targets is a commune office's laptop with 8 GB of memory
    /// (this repository's build machine has 24 GB); the CLI should peak under
    /// about 3 GiB so that the OS and an open browser still fit:
    /// - 1 GiB a file: a CSV peaks at ~2.5× its size (BENCHMARKS.md, 132 MiB
    ///   → 330 MiB), so ~2.5 GiB; the text grid's 30-bit offsets cap
    ///   delimited text at 1 GiB anyway.
    /// - 100 M cells (2.5× the tab's 40 M): an .xlsx cell is 16 bytes in the
    ///   streaming reader, 1.6 GB for the grid.
    /// - 2.5 GiB unzipped (2.5× the tab's), bounding the inflated sheet XML.
    /// - 2,000 sheets: each costs little, the cells are bounded above.
    ///
    /// A cell keeps Excel's own limit of 32,767 characters.
    pub fn cli() -> Limits {
        Limits::cli_with_max_mb(CLI_MAX_MB)
    }

    /// The CLI's limits with the file size limit set to `max_mb` MiB (the
    /// `--max-mb` flag); the cell and unzipped-size limits scale with it,
    /// since memory does.
    pub fn cli_with_max_mb(max_mb: u64) -> Limits {
        let max_mb = max_mb.max(1);
        let scale = |full: u64| (full.saturating_mul(max_mb) / CLI_MAX_MB).max(1);
        Limits {
            max_bytes: usize::try_from(max_mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX),
            max_cells: usize::try_from(scale(100_000_000)).unwrap_or(usize::MAX).min(u32::MAX as usize),
            max_cell_chars: 32_767,
            max_sheets: 2_000,
            max_unzipped_bytes: scale(5 << 29),
            host: Host::Cli,
        }
    }

    /// The one size check: `Ok` when a file of `size` bytes is within
    /// `max_bytes`, else the "too large" error for this host. The browser
    /// calls it with the file's size before reading the file; the CLI with
    /// the file's length on disk; `ingest::open` with the bytes it is given.
    pub fn check_size(&self, size: u64) -> Result<()> {
        if size <= self.max_bytes as u64 {
            return Ok(());
        }
        // Rounded up: a file of 1.5 MB over a 1 MB limit reads "2 MB, limit 1 MB".
        let (mb, max) = (size.div_ceil(1 << 20), self.max_bytes >> 20);
        Err(self.too_large("file_too_large", &format!("{mb} MB, giới hạn {max} MB"), &format!("{mb} MB, limit {max} MB")))
    }

    /// The error for a file over one of these limits: the browser's points to
    /// the CLI; the CLI's says to split the file or raise `--max-mb`.
    pub fn too_large(&self, code: &'static str, what_vi: &str, what_en: &str) -> Error {
        match self.host {
            Host::Browser => browser_too_large(code, what_vi, what_en),
            Host::Cli => {
                let (mb, cells) = (self.max_bytes >> 20, self.max_cells);
                Error::new(
                    code,
                    format!("Tệp vượt giới hạn của công cụ dòng lệnh `thonso` ({what_vi}; giới hạn hiện tại: tệp {mb} MB, {cells} ô). Hãy chia nhỏ tệp; nếu máy còn đủ bộ nhớ, có thể nâng giới hạn bằng `--max-mb` (ví dụ `--max-mb {}`).", mb * 2),
                    format!("The file is over the `thonso` command-line tool's limits ({what_en}; current limits: {mb} MB a file, {cells} cells). Split the file; if the machine has the memory, raise the limits with `--max-mb` (e.g. `--max-mb {}`).", mb * 2),
                )
            }
        }
    }

    /// The error for a limit no setting raises (a reader's offsets, the
    /// number of zip entries): split the file.
    pub fn too_large_fixed(&self, code: &'static str, what_vi: &str, what_en: &str) -> Error {
        match self.host {
            Host::Browser => browser_too_large(code, what_vi, what_en),
            Host::Cli => Error::new(
                code,
                format!("Tệp vượt một giới hạn cố định của Thôn Số ({what_vi}). Hãy chia nhỏ tệp."),
                format!("The file is over one of Thôn Số's fixed limits ({what_en}). Split the file."),
            ),
        }
    }
}

fn browser_too_large(code: &'static str, what_vi: &str, what_en: &str) -> Error {
    Error::new(
        code,
        format!("Tệp quá lớn để xử lý trong trình duyệt ({what_vi}). Hãy dùng công cụ dòng lệnh `thonso`, hoặc chia nhỏ tệp."),
        format!("The file is too large to process in the browser ({what_en}). Use the `thonso` command-line tool, or split the file."),
    )
}

/// Text decoded from a file's bytes, and how many invalid sequences were
/// replaced with U+FFFD (or, for half a UTF-16 unit at the end, dropped).
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub replaced: usize,
}

/// Decodes delimited text: UTF-8 (with or without BOM), UTF-16 LE/BE with
/// BOM; anything else as Latin-1, which is how legacy TCVN3 text arrives.
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    let d = decode_text_counted(bytes);
    (d.text, d.encoding)
}

/// [`decode_text`], counting what could not be decoded. UTF-8 with a few
/// damaged bytes stays UTF-8 (read as Latin-1, every Vietnamese letter of
/// the file would turn to mojibake); the damage is counted and reported.
pub fn decode_text_counted(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let (text, replaced) = utf8_lossy(rest);
        return Decoded { text, encoding: "utf-8-bom", replaced };
    }
    let utf16 = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Some((rest, true))
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some((rest, false))
    } else {
        utf16_without_bom(bytes).map(|le| (bytes, le))
    };
    if let Some((rest, le)) = utf16 {
        let mut replaced = rest.len() % 2;
        let units = rest.chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
        let text = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    replaced += 1;
                    '\u{FFFD}'
                })
            })
            .collect();
        return Decoded { text, encoding: if le { "utf-16le" } else { "utf-16be" }, replaced };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded { text: s.to_string(), encoding: "utf-8", replaced: 0 },
        Err(_) if mostly_utf8(bytes) => {
            let (text, replaced) = utf8_lossy(bytes);
            Decoded { text, encoding: "utf-8", replaced }
        }
        Err(_) => Decoded { text: bytes.iter().map(|&b| b as char).collect(), encoding: "latin-1", replaced: 0 },
    }
}

/// [`decode_text_counted`]; valid UTF-8 given by value becomes the text
/// without a copy.
fn decode_owned(bytes: std::borrow::Cow<'_, [u8]>) -> Decoded {
    match bytes {
        std::borrow::Cow::Owned(v) if !v.starts_with(&[0xFF, 0xFE]) && !v.starts_with(&[0xFE, 0xFF]) && utf16_without_bom(&v).is_none() => {
            match String::from_utf8(v) {
                Ok(mut text) if text.starts_with('\u{FEFF}') => {
                    text.drain(..3);
                    Decoded { text, encoding: "utf-8-bom", replaced: 0 }
                }
                Ok(text) => Decoded { text, encoding: "utf-8", replaced: 0 },
                Err(e) => decode_text_counted(e.as_bytes()),
            }
        }
        bytes => decode_text_counted(&bytes),
    }
}

/// UTF-16 text without a BOM: every other byte is zero (ASCII-heavy text).
pub fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 < pairs {
        Some(true)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 < pairs {
        Some(false)
    } else {
        None
    }
}

/// UTF-8 but for a few damaged spots: well-formed non-ASCII characters
/// outnumber runs of invalid bytes two to one. Legacy 8-bit text (TCVN3,
/// VNI, Windows code pages) almost never forms a valid multi-byte sequence:
/// the domain brief in TCVN3 has none in 15 KB.
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= 2 * bad.max(1)
}

/// UTF-8 with one U+FFFD for each run of invalid bytes, and how many.
fn utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push('\u{FFFD}');
            replaced += 1;
        }
    }
    (text, replaced)
}

/// The warning for text that could not be decoded cleanly, at its first
/// damaged cell when one is known (1-based row, 0-based column).
fn decode_note(replaced: usize, encoding: &str, first: Option<(u32, usize, &str)>) -> Diagnostic {
    let vi = format!(
        "Tệp có {replaced} chỗ không đúng mã {encoding}; đã thay bằng dấu «\u{FFFD}». Hãy kiểm tra các ô có dấu này, hoặc mở tệp bằng Excel và lưu lại dạng CSV UTF-8."
    );
    let en = format!(
        "{replaced} invalid byte sequence(s) in this {encoding} text were replaced with \"\u{FFFD}\". Check the cells showing it, or open the file in Excel and save it as CSV UTF-8."
    );
    match first {
        Some((row, col, value)) => Diagnostic::cell(row, &column_letter(col), value, vi, en),
        None => Diagnostic::note(vi, en),
    }
}

impl RawSheet {
    /// What reading the file noticed about the sheet as a whole (text that
    /// could not be decoded cleanly); listed among the sheet's warnings.
    pub fn read_notes(&self) -> &[Diagnostic] {
        match &self.store {
            Store::Text(t) => &t.notes,
            _ => &[],
        }
    }
}

/// Picks the delimiter that splits the most lines into the same number of
/// fields (title rows above the header have none and are ignored).
pub fn sniff_delimiter(text: &str) -> u8 {
    let candidates = [b',', b';', b'\t', b'|'];
    let mut best = (b',', 0usize, 0usize);
    for &d in &candidates {
        let mut counts: Vec<usize> = Vec::new();
        for line in text.lines().take(60) {
            let mut n = 0;
            let mut quoted = false;
            for &b in line.as_bytes() {
                if b == b'"' {
                    quoted = !quoted;
                } else if b == d && !quoted {
                    n += 1;
                }
            }
            if n > 0 {
                counts.push(n);
            }
        }
        if counts.is_empty() {
            continue;
        }
        // The most common field count, and how many lines share it.
        counts.sort_unstable();
        let (mut mode, mut mode_n, mut i) = (0, 0, 0);
        while i < counts.len() {
            let j = counts[i..].iter().take_while(|&&c| c == counts[i]).count();
            if j > mode_n || (j == mode_n && counts[i] > mode) {
                mode = counts[i];
                mode_n = j;
            }
            i += j;
        }
        if (mode_n, mode) > (best.1, best.2) {
            best = (d, mode_n, mode);
        }
    }
    best.0
}

pub fn read_delimited(bytes: std::borrow::Cow<'_, [u8]>, name: &str, limits: &Limits) -> Result<(RawSheet, &'static str)> {
    let Decoded { text, encoding, replaced } = decode_owned(bytes);
    let delim = sniff_delimiter(&text);
    split(text, delim, name, limits, encoding, replaced)
}

/// Splits delimited text into fields where they lie, as the csv crate reads
/// it (a property test compares the two): records end at `\n`, `\r\n` or
/// `\r`, blank lines are skipped, a field that starts with `"` runs to the
/// closing quote (`""` inside is one quote, line breaks are part of it, text
/// after the closing quote is kept), quotes anywhere else are plain text.
/// Lines without a quote, nearly all of them, take a one-pass fast path
/// (a byte-class table: delimiter, line end, quote).
fn split(text: String, delim: u8, name: &str, limits: &Limits, encoding: &'static str, replaced: usize) -> Result<(RawSheet, &'static str)> {
    if text.len() >= OFFSET as usize {
        return Err(limits.too_large_fixed("file_too_large", "quá 1 GB văn bản", "over 1 GB of text"));
    }
    let mut s = Splitter { text: &text, delim, name, limits, replaced, ends: Vec::new(), row_starts: Vec::new(), owned: String::new(), owned_at: Vec::new(), first_damaged: None };
    let b = text.as_bytes();
    let mut class = [0u8; 256];
    class[usize::from(delim)] = DELIM;
    class[usize::from(b'\n')] = LINE_END;
    class[usize::from(b'\r')] = LINE_END;
    class[usize::from(b'"')] = QUOTE;
    let mut width = 0usize;
    let mut pos = 0usize;
    while pos < b.len() {
        if matches!(b[pos], b'\n' | b'\r') {
            pos += 1;
            continue;
        }
        let first = s.ends.len();
        s.row_starts.push((first as u32, pos as u32));
        // One pass over the line: fields end at the delimiter; a quote
        // sends the whole record to the slow path.
        let (mut i, mut start) = (pos, pos);
        let quoted = loop {
            match b.get(i).map(|&c| class[usize::from(c)]) {
                None | Some(LINE_END) => break false,
                Some(DELIM) => {
                    s.push(start, i, 0)?;
                    start = i + 1;
                }
                Some(QUOTE) => break true,
                _ => {}
            }
            i += 1;
        };
        pos = if quoted {
            s.ends.truncate(first);
            s.record(pos)?
        } else {
            s.push(start, i, 0)?;
            i + 1
        };
        width = width.max(s.ends.len() - first);
        if s.ends.len() > limits.max_cells {
            return Err(too_many_text_cells(limits));
        }
    }
    let notes = damage_notes(replaced, encoding, s.first_damaged.take());
    let Splitter { ends, row_starts, owned, owned_at, .. } = s;
    let grid = TextGrid { buf: text, ends, row_starts, owned, owned_at, width, notes };
    Ok((RawSheet { name: name.to_string(), store: Store::Text(grid) }, encoding))
}

/// Byte classes of the splitter's fast path.
const DELIM: u8 = 1;
const LINE_END: u8 = 2;
const QUOTE: u8 = 3;

struct Splitter<'a> {
    text: &'a str,
    delim: u8,
    name: &'a str,
    limits: &'a Limits,
    replaced: usize,
    ends: Vec<u32>,
    row_starts: Vec<(u32, u32)>,
    owned: String,
    owned_at: Vec<(u32, u32)>,
    /// The first cell holding a U+FFFD that decoding put there.
    first_damaged: Option<(u32, usize, String)>,
}

impl Splitter<'_> {
    /// Records the field whose text is `text[start..end]`.
    fn push(&mut self, start: usize, end: usize, flags: u32) -> Result<()> {
        // A value is never longer than its text: most fields need no look.
        if end - start > self.limits.max_cell_chars || self.replaced > 0 {
            self.check(start, end, flags)?;
        }
        self.ends.push(end as u32 | flags);
        Ok(())
    }

    /// Length limit and first damaged cell, for the field `push` records.
    fn check(&mut self, start: usize, end: usize, flags: u32) -> Result<()> {
        let value = if flags & OWNED != 0 {
            let from = self.owned_at.last().map_or(0, |p| p.1 as usize);
            &self.owned[from..]
        } else if flags & QUOTED != 0 {
            &self.text[start + 1..end - 1]
        } else {
            &self.text[start..end]
        };
        let row = self.row_starts.len() as u32;
        let col = self.ends.len() - self.row_starts.last().map_or(0, |r| r.0 as usize);
        if value.len() > self.limits.max_cell_chars && value.chars().count() > self.limits.max_cell_chars {
            return Err(cell_too_long_text(self.limits, self.name, row, col));
        }
        if self.replaced > 0 && self.first_damaged.is_none() && value.contains('\u{FFFD}') {
            self.first_damaged = Some((row, col, value.to_string()));
        }
        Ok(())
    }

    /// Reads one record with quotes from `pos`; returns where the next starts.
    fn record(&mut self, mut pos: usize) -> Result<usize> {
        let b = self.text.as_bytes();
        let delim = self.delim;
        let stops = |from: usize| memchr::memchr3(delim, b'\n', b'\r', &b[from..]).map_or(b.len(), |i| from + i);
        loop {
            let start = pos;
            let end = if b.get(pos) == Some(&b'"') {
                // The closing quote: the first `"` not followed by another.
                let mut j = pos + 1;
                let mut doubled = false;
                let close = loop {
                    match memchr::memchr(b'"', &b[j..]) {
                        None => break None,
                        Some(k) if b.get(j + k + 1) == Some(&b'"') => {
                            doubled = true;
                            j += k + 2;
                        }
                        Some(k) => break Some(j + k),
                    }
                };
                let (end, plain) = match close {
                    None => (b.len(), false),
                    Some(q) if q + 1 == b.len() || matches!(b[q + 1], b'\n' | b'\r') || b[q + 1] == delim => (q + 1, !doubled),
                    Some(q) => (stops(q + 1), false),
                };
                if plain {
                    self.push(start, end, QUOTED)?;
                } else {
                    if self.owned.len() + (end - start) >= OFFSET as usize {
                        return Err(self.limits.too_large_fixed("file_too_large", "quá 1 GB văn bản", "over 1 GB of text"));
                    }
                    unquote_into(&self.text[start..end], &mut self.owned);
                    self.push(start, end, OWNED)?;
                    self.owned_at.push(((self.ends.len() - 1) as u32, self.owned.len() as u32));
                }
                end
            } else {
                let end = stops(pos);
                self.push(start, end, 0)?;
                end
            };
            match b.get(end) {
                None => return Ok(end),
                Some(&d) if d == delim => pos = end + 1,
                Some(_) => return Ok(end + 1),
            }
        }
    }
}

fn cell_too_long_text(limits: &Limits, name: &str, row: u32, col: usize) -> Error {
    Error::new(
        "cell_too_long",
        format!("Ô {}{row} có hơn {} ký tự; tệp có thể bị hỏng. Hãy kiểm tra ô này.", column_letter(col), limits.max_cell_chars),
        format!("Cell {}{row} has more than {} characters; the file may be damaged. Check this cell.", column_letter(col), limits.max_cell_chars),
    )
    .in_sheet(name)
    .at(Some(row), None)
}

fn too_many_text_cells(limits: &Limits) -> Error {
    limits.too_large("too_many_cells", &format!("hơn {} ô", limits.max_cells), &format!("more than {} cells", limits.max_cells))
}

fn damage_notes(replaced: usize, encoding: &str, first_damaged: Option<(u32, usize, String)>) -> Vec<Diagnostic> {
    if replaced > 0 {
        vec![decode_note(replaced, encoding, first_damaged.as_ref().map(|(r, c, v)| (*r, *c, v.as_str())))]
    } else {
        Vec::new()
    }
}

/// The value of a field that starts with a quote: `""` inside the quotes is
/// one quote; after the closing quote, text (quotes included) is literal.
fn unquote_into(raw: &str, out: &mut String) {
    let mut rest = &raw[1..];
    while let Some(k) = rest.find('"') {
        out.push_str(&rest[..k]);
        if rest[k + 1..].starts_with('"') {
            out.push('"');
            rest = &rest[k + 2..];
        } else {
            out.push_str(&rest[k + 1..]);
            return;
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters_with_title_rows() {
        assert_eq!(sniff_delimiter("DANH SÁCH\na;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b\n\"x|y\"|2\n"), b'|');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
    }

    #[test]
    fn damaged_utf8_stays_utf8_and_is_counted() {
        let d = decode_text_counted(b"Th\xc3\xb4n;X\xc3\xa3\n\xff;S\xc6\xa1n H\xc3\xa0\n");
        assert_eq!((d.encoding, d.replaced), ("utf-8", 1));
        assert!(d.text.contains("Thôn") && d.text.contains('\u{FFFD}'));
        // Legacy 8-bit text (TCVN3 "Thôn" is "Th«n") stays Latin-1 for the repair step.
        let d = decode_text_counted(b"Th\xabn;X\xb7\n");
        assert_eq!((d.encoding, d.replaced), ("latin-1", 0));
        let (s, _) = read_delimited(b"Th\xc3\xb4n;X\xc3\xa3\nS\xc6\xa1n H\xc3\xa0;\xff\n".to_vec().into(), "t.csv", &Limits::default()).unwrap();
        let note = &s.read_notes()[0];
        assert_eq!((note.row, note.column.as_deref()), (Some(2), Some("B")));
    }

    #[test]
    fn text_grid_fields() {
        let (s, enc) = read_delimited("\u{FEFF}a;b\n1;\"x;y\"\n;3\n".as_bytes().to_vec().into(), "t.csv", &Limits::default()).unwrap();
        assert_eq!(enc, "utf-8-bom");
        assert_eq!(s.height(), 3);
        assert_eq!(s.cell(1, 1), Cell::Text("x;y"));
        assert_eq!(s.cell(2, 0), Cell::Empty);
        assert_eq!(s.cell(2, 5), Cell::Empty);
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Xã\tThôn\r\nA\tB\r\n".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let (s, enc) = read_delimited(utf16.into(), "t.txt", &Limits::default()).unwrap();
        assert_eq!(enc, "utf-16le");
        assert_eq!(s.cell(0, 1), Cell::Text("Thôn"));
    }

    fn cells(s: &RawSheet) -> Vec<Vec<String>> {
        (0..s.height()).map(|r| (0..s.width()).map(|c| s.cell(r, c).display()).collect()).collect()
    }

    #[test]
    fn plain_split_handles_line_ends_and_blank_lines() {
        let text = "a;b\r\n\r\n1;;3\r4\n;\n\nlast;x";
        let (plain, _) = split(text.to_string(), b';', "t.csv", &Limits::default(), "utf-8", 0).unwrap();
        assert_eq!(cells(&plain), csv_crate(text, b';'));
        assert_eq!(plain.height(), 5);
        assert_eq!(plain.cell(1, 2), Cell::Text("3"));
    }

    /// The reference: the csv crate's reading of the same text, padded to
    /// the widest record as the grid is.
    fn csv_crate(text: &str, d: u8) -> Vec<Vec<String>> {
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(d).from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> = rdr.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        rows.into_iter().map(|mut r| { r.resize(width, String::new()); r }).collect()
    }

    #[test]
    fn quoted_fields_where_they_lie() {
        let text = "a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"x\"tail,\"\"\r\n\"open";
        let (s, _) = split(text.to_string(), b',', "t.csv", &Limits::default(), "utf-8", 0).unwrap();
        assert_eq!(cells(&s), csv_crate(text, b','));
        assert_eq!(s.cell(0, 1), Cell::Text("b,c"));
        assert_eq!(s.cell(0, 2), Cell::Text("say \"hi\""));
        assert_eq!(s.cell(1, 0), Cell::Text("two\nlines"));
        assert_eq!(s.cell(1, 1), Cell::Text("xtail"));
        assert_eq!(s.cell(1, 2), Cell::Empty);
        assert_eq!(s.cell(2, 0), Cell::Text("open"));
    }

    proptest::proptest! {
        #[test]
        fn split_equals_the_csv_crate(text in "[a-cà ,;\t\r\n\"]{0,80}", d in proptest::sample::select(vec![b',', b';', b'\t'])) {
            let (grid, _) = split(text.clone(), d, "t.csv", &Limits::default(), "utf-8", 0).unwrap();
            proptest::prop_assert_eq!(cells(&grid), csv_crate(&text, d), "{:?}", text);
            // Walking a row gives the same cells as looking each one up.
            for r in 0..grid.height() {
                let mut walked = Vec::new();
                grid.for_each_cell(r, |c| { walked.push(c.display()); true });
                walked.resize(grid.width(), String::new());
                proptest::prop_assert_eq!(&walked, &cells(&grid)[r]);
            }
        }
    }
}
