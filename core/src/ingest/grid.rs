//! Raw sheets: cells as the file holds them, before any interpretation.
//!
//! Workbooks come through calamine as a `Range<Data>`. Delimited text is kept
//! as one decoded buffer plus field offsets (not a `String` per cell), so a
//! 130 MB CSV costs about its own size in memory.

use crate::date::Date;
use crate::error::{Diagnostic, Error, Result};
use calamine::{Data, ExcelDateTime, Range};

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
    Fast(super::xlsx_fast::FastGrid),
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
    pub fn row_is_empty(&self, row: usize) -> bool {
        (0..self.width()).all(|c| self.cell(row, c).is_empty())
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

/// Delimited text as one buffer: field `j` of row `i` is
/// `buf[field_start..field_end]`.
///
/// Two layouts share it. Text with quotes goes through the csv crate and its
/// unquoted fields are packed end to end (`gap` 0). Text without a single
/// `"` is split where it lies: `buf` is the decoded file itself, and a field
/// starts one byte (the delimiter, `gap` 1) after the previous one ends, so
/// a 130 MB export costs no second copy.
pub struct TextGrid {
    buf: String,
    gap: u32,
    /// End offset of every field, row after row.
    ends: Vec<u32>,
    /// Index into `ends` where each row starts (plus the start offset in buf).
    row_starts: Vec<(u32, u32)>,
    width: usize,
    notes: Vec<Diagnostic>,
}

impl TextGrid {
    fn field(&self, row: usize, col: usize) -> Option<&str> {
        let (first, start_off) = *self.row_starts.get(row)?;
        let next = self.row_starts.get(row + 1).map(|r| r.0).unwrap_or(self.ends.len() as u32);
        let idx = first as usize + col;
        if idx >= next as usize {
            return None;
        }
        let start = if col == 0 { start_off as usize } else { (self.ends[idx - 1] + self.gap) as usize };
        let end = self.ends[idx] as usize;
        self.buf.get(start..end)
    }
}

/// Limits that keep a hostile or oversized file from exhausting the tab.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_cells: usize,
    pub max_cell_chars: usize,
    pub max_sheets: usize,
    /// Total uncompressed size a zip container may declare.
    pub max_unzipped_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 400 << 20,
            max_cells: 40_000_000,
            max_cell_chars: 32_767,
            max_sheets: 500,
            max_unzipped_bytes: 1 << 30,
        }
    }
}

pub fn too_large(code: &'static str, what_vi: &str, what_en: &str) -> Error {
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
        super::format::utf16_without_bom(bytes).map(|le| (bytes, le))
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
        Err(_) if super::format::mostly_utf8(bytes) => {
            let (text, replaced) = utf8_lossy(bytes);
            Decoded { text, encoding: "utf-8", replaced }
        }
        Err(_) => Decoded { text: bytes.iter().map(|&b| b as char).collect(), encoding: "latin-1", replaced: 0 },
    }
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
        Some((row, col, value)) => Diagnostic::cell(row, &super::column_letter(col), value, vi, en),
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

pub fn read_delimited(bytes: &[u8], name: &str, limits: &Limits) -> Result<(RawSheet, &'static str)> {
    let Decoded { text, encoding, replaced } = decode_text_counted(bytes);
    let delim = sniff_delimiter(&text);
    if memchr::memchr(b'"', text.as_bytes()).is_none() {
        return split_plain(text, delim, name, limits, encoding, replaced);
    }
    split_quoted(text, delim, name, limits, encoding, replaced)
}

/// Text without quotes: records end at `\n`, `\r\n` or `\r`, blank lines are
/// skipped and fields end at the delimiter, exactly as the csv crate reads
/// it (a property test compares the two).
fn split_plain(text: String, delim: u8, name: &str, limits: &Limits, encoding: &'static str, replaced: usize) -> Result<(RawSheet, &'static str)> {
    if text.len() > u32::MAX as usize - 1 {
        return Err(too_large("file_too_large", "quá 4 GB văn bản", "over 4 GB of text"));
    }
    let b = text.as_bytes();
    let mut ends: Vec<u32> = Vec::new();
    let mut row_starts: Vec<(u32, u32)> = Vec::new();
    let mut width = 0usize;
    let mut first_damaged: Option<(u32, usize, String)> = None;
    let mut pos = 0usize;
    while pos < b.len() {
        let line_end = memchr::memchr2(b'\n', b'\r', &b[pos..]).map_or(b.len(), |i| pos + i);
        let next = if b.get(line_end) == Some(&b'\r') && b.get(line_end + 1) == Some(&b'\n') { line_end + 2 } else { line_end + 1 };
        if line_end == pos {
            pos = next;
            continue;
        }
        let first = ends.len();
        row_starts.push((first as u32, pos as u32));
        let row = row_starts.len() as u32;
        let mut start = pos;
        let line = &b[pos..line_end];
        for end in memchr::memchr_iter(delim, line).map(|i| pos + i).chain(std::iter::once(line_end)) {
            let field = &text[start..end];
            let col = ends.len() - first;
            if field.len() > limits.max_cell_chars && field.chars().count() > limits.max_cell_chars {
                return Err(cell_too_long_text(limits, name, row, col));
            }
            if replaced > 0 && first_damaged.is_none() && field.contains('\u{FFFD}') {
                first_damaged = Some((row, col, field.to_string()));
            }
            ends.push(end as u32);
            start = end + 1;
        }
        width = width.max(ends.len() - first);
        if ends.len() > limits.max_cells {
            return Err(too_many_text_cells(limits));
        }
        pos = next;
    }
    let notes = damage_notes(replaced, encoding, first_damaged);
    let grid = TextGrid { buf: text, gap: 1, ends, row_starts, width, notes };
    Ok((RawSheet { name: name.to_string(), store: Store::Text(grid) }, encoding))
}

fn cell_too_long_text(limits: &Limits, name: &str, row: u32, col: usize) -> Error {
    Error::new(
        "cell_too_long",
        format!("Ô {}{row} có hơn {} ký tự; tệp có thể bị hỏng. Hãy kiểm tra ô này.", super::column_letter(col), limits.max_cell_chars),
        format!("Cell {}{row} has more than {} characters; the file may be damaged. Check this cell.", super::column_letter(col), limits.max_cell_chars),
    )
    .in_sheet(name)
    .at(Some(row), None)
}

fn too_many_text_cells(limits: &Limits) -> Error {
    too_large("too_many_cells", &format!("hơn {} ô", limits.max_cells), &format!("more than {} cells", limits.max_cells))
}

fn damage_notes(replaced: usize, encoding: &str, first_damaged: Option<(u32, usize, String)>) -> Vec<Diagnostic> {
    if replaced > 0 {
        vec![decode_note(replaced, encoding, first_damaged.as_ref().map(|(r, c, v)| (*r, *c, v.as_str())))]
    } else {
        Vec::new()
    }
}

/// Text with quotes, through the csv crate; unquoted fields packed end to end.
fn split_quoted(text: String, delim: u8, name: &str, limits: &Limits, encoding: &'static str, replaced: usize) -> Result<(RawSheet, &'static str)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    // Byte records: the text is valid UTF-8 and fields split at ASCII bytes,
    // so the packed fields are too; validated once at the end instead of
    // record by record (half the time of this loop in wasm).
    let mut buf: Vec<u8> = Vec::with_capacity(text.len());
    let mut ends: Vec<u32> = Vec::new();
    let mut row_starts = Vec::new();
    let mut width = 0usize;
    let mut rec = csv::ByteRecord::new();
    let max_buf = u32::MAX as usize - 1;
    // The first cell holding a U+FFFD that decoding put there.
    let mut first_damaged: Option<(u32, usize, String)> = None;
    let chars = |f: &[u8]| f.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e.position().map(|p| p.line() as u32);
                return Err(Error::new(
                    "csv_invalid",
                    format!("Không đọc được tệp CSV: {e}. Hãy kiểm tra dấu ngoặc kép ở dòng này, hoặc mở bằng Excel và lưu lại."),
                    format!("Cannot read the CSV file: {e}. Check the quotes on this line, or open it in Excel and save it again."),
                )
                .in_sheet(name)
                .at(row, None));
            }
        }
        row_starts.push((ends.len() as u32, buf.len() as u32));
        width = width.max(rec.len());
        for (col, f) in rec.iter().enumerate() {
            if replaced > 0 && first_damaged.is_none() && f.windows(3).any(|w| w == "\u{FFFD}".as_bytes()) {
                first_damaged = Some((row_starts.len() as u32, col, String::from_utf8_lossy(f).into_owned()));
            }
            if f.len() > limits.max_cell_chars && chars(f) > limits.max_cell_chars {
                return Err(cell_too_long_text(limits, name, row_starts.len() as u32, col));
            }
            buf.extend_from_slice(f);
            if buf.len() > max_buf {
                return Err(too_large("file_too_large", "quá 4 GB văn bản", "over 4 GB of text"));
            }
            ends.push(buf.len() as u32);
        }
        if ends.len() > limits.max_cells {
            return Err(too_many_text_cells(limits));
        }
    }
    drop(rdr);
    drop(text);
    let buf = String::from_utf8(buf).map_err(|_| Error::internal("CSV fields split inside a UTF-8 sequence"))?;
    let notes = damage_notes(replaced, encoding, first_damaged);
    let grid = TextGrid { buf, gap: 0, ends, row_starts, width, notes };
    Ok((RawSheet { name: name.to_string(), store: Store::Text(grid) }, encoding))
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
        let (s, _) = read_delimited(b"Th\xc3\xb4n;X\xc3\xa3\nS\xc6\xa1n H\xc3\xa0;\xff\n", "t.csv", &Limits::default()).unwrap();
        let note = &s.read_notes()[0];
        assert_eq!((note.row, note.column.as_deref()), (Some(2), Some("B")));
    }

    #[test]
    fn text_grid_fields() {
        let (s, enc) = read_delimited("\u{FEFF}a;b\n1;\"x;y\"\n;3\n".as_bytes(), "t.csv", &Limits::default()).unwrap();
        assert_eq!(enc, "utf-8-bom");
        assert_eq!(s.height(), 3);
        assert_eq!(s.cell(1, 1), Cell::Text("x;y"));
        assert_eq!(s.cell(2, 0), Cell::Empty);
        assert_eq!(s.cell(2, 5), Cell::Empty);
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Xã\tThôn\r\nA\tB\r\n".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let (s, enc) = read_delimited(&utf16, "t.txt", &Limits::default()).unwrap();
        assert_eq!(enc, "utf-16le");
        assert_eq!(s.cell(0, 1), Cell::Text("Thôn"));
    }

    fn cells(s: &RawSheet) -> Vec<Vec<String>> {
        (0..s.height()).map(|r| (0..s.width()).map(|c| s.cell(r, c).display()).collect()).collect()
    }

    #[test]
    fn plain_split_handles_line_ends_and_blank_lines() {
        let text = "a;b\r\n\r\n1;;3\r4\n;\n\nlast;x";
        let (plain, _) = split_plain(text.to_string(), b';', "t.csv", &Limits::default(), "utf-8", 0).unwrap();
        let (quoted, _) = split_quoted(text.to_string(), b';', "t.csv", &Limits::default(), "utf-8", 0).unwrap();
        assert_eq!(cells(&plain), cells(&quoted));
        assert_eq!(plain.height(), 5);
        assert_eq!(plain.cell(1, 2), Cell::Text("3"));
    }

    proptest::proptest! {
        #[test]
        fn plain_split_equals_the_csv_crate(text in "[a-cà ,;\t\r\n]{0,80}", d in proptest::sample::select(vec![b',', b';', b'\t'])) {
            let (plain, _) = split_plain(text.clone(), d, "t.csv", &Limits::default(), "utf-8", 0).unwrap();
            let (quoted, _) = split_quoted(text.clone(), d, "t.csv", &Limits::default(), "utf-8", 0).unwrap();
            proptest::prop_assert_eq!(cells(&plain), cells(&quoted), "{:?}", text);
        }
    }
}
