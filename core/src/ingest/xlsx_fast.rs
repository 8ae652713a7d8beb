//! A streaming reader for the cells of .xlsx / .xlsm sheets.
//!
//! calamine walks the sheet XML through quick-xml events and builds a
//! `Range<Data>` with an owned `String` for every shared-string cell; for a
//! 100k-row dossier export that was ~90% of the time from bytes to a
//! DataFrame. This reader scans the inflated XML for the few elements a
//! worksheet's cells use (`row`, `c`, `v`, `is`/`t`, `f`) and keeps each cell
//! in 16 bytes that point into one shared-string table.
//!
//! calamine stays the reference. Anything outside the subset read here (a
//! workbook without the usual parts, malformed markup) makes [`read`] answer
//! `Ok(None)`, and the caller reads the file with calamine instead. A test
//! reads every .xlsx in the corpus both ways and compares them cell by cell.
//! A document type declaration is skipped and nothing it defines is ever
//! expanded: a reference to such an entity (how "billion laughs" bombs are
//! built; Excel never writes one) refuses the file, naming the sheet.
//! Every part is inflated no further than the size its zip entry declares.
//!
//! Unlike calamine, the cells are placed by their smallest and largest row
//! and column (calamine assumes rows arrive in order and indexes out of
//! bounds when they do not), and the grid's size is checked against the cell
//! limit before it is allocated, so two cells at A1 and XFD1048576 are a
//! clear "too many cells" error, not a 17-billion-cell allocation.

use super::format::lying_entry;
use super::grid::{FastGrid, Limits, RawSheet, Slot, Store};
use super::Progress;
use crate::error::{Error, Result};
use memchr::{memchr, memchr3, memmem};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::Arc;

/// Why the fast path handed the file back to calamine.
#[derive(Debug)]
struct Unsupported(#[allow(dead_code)] &'static str);

type Scan<T> = std::result::Result<T, Unsupported>;

/// The reason for an entity reference no DTD-free XML can hold.
const ENTITY: &str = "entity";

fn entity_error() -> Error {
    Error::new(
        "unreadable_workbook",
        "Bảng tính dùng thực thể XML tự định nghĩa (DTD), điều mà Excel không bao giờ tạo ra; tệp có thể đã bị sửa để gây hại. Hãy mở bằng Excel và lưu lại dạng .xlsx.",
        "The workbook uses self-defined XML entities (a DTD), which Excel never writes; the file may have been crafted to do harm. Open it in Excel and save it as .xlsx.",
    )
}

/// Reads every sheet of an .xlsx/.xlsm, or `Ok(None)` when the file uses
/// something this reader leaves to calamine. Limit violations are errors.
pub fn read(bytes: &[u8], limits: &Limits, progress: &dyn Progress) -> Result<Option<Vec<RawSheet>>> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(None) };
    // Part names are matched as calamine does: case-insensitively, with
    // backslashes read as slashes.
    let index: HashMap<String, usize> = (0..zip.len())
        .filter_map(|i| zip.name_for_index(i).map(|n| (n.replace('\\', "/").to_ascii_lowercase(), i)))
        .collect();
    let mut part = |path: &str| -> Result<Option<Vec<u8>>> {
        let Some(&i) = index.get(&path.to_ascii_lowercase()) else { return Ok(None) };
        let Ok(entry) = zip.by_index(i) else { return Ok(None) };
        // The central directory's sizes were checked against the limits
        // (`check_zip`); a part that inflates past its declared size is a
        // bomb that lied, stopped one byte over.
        let declared = entry.size().min(limits.max_unzipped_bytes);
        let mut out = Vec::with_capacity((declared as usize).min(256 << 20));
        match entry.take(declared.saturating_add(1)).read_to_end(&mut out) {
            Ok(_) if out.len() as u64 > declared => Err(lying_entry(path, declared)),
            Ok(_) => Ok(Some(out)),
            Err(_) => Ok(None),
        }
    };

    let Some(rels) = part("xl/_rels/workbook.xml.rels")? else { return Ok(None) };
    let Some(workbook) = part("xl/workbook.xml")? else { return Ok(None) };
    let Ok(rels) = relationships(&rels) else { return Ok(None) };
    let Ok((sheets, is_1904)) = sheet_list(&workbook, &rels) else { return Ok(None) };
    if sheets.len() > limits.max_sheets {
        return Err(limits.too_large("too_many_sheets", &format!("{} trang tính", sheets.len()), &format!("{} sheets", sheets.len())));
    }
    let formats = match part("xl/styles.xml")? {
        None => Vec::new(),
        Some(xml) => match styles(&xml) {
            Ok(f) => f,
            Err(_) => return Ok(None),
        },
    };
    let shared = match part("xl/sharedStrings.xml")? {
        None => Vec::new(),
        Some(xml) => match shared_strings(&xml) {
            Ok(s) => s,
            Err(u) if u.0 == ENTITY => return Err(entity_error()),
            Err(_) => return Ok(None),
        },
    };
    let shared = Arc::new(shared);

    let mut out = Vec::with_capacity(sheets.len());
    let mut budget = limits.max_cells;
    let n = sheets.len();
    for (i, (name, path)) in sheets.into_iter().enumerate() {
        progress.report(50 * i / n.max(1), 100, "read");
        let xml = if path.starts_with("xl/worksheets/") { part(&path)? } else { None };
        let grid = match xml {
            // A chart or dialog sheet, or a sheet whose part is missing: an
            // empty sheet, as calamine gives.
            None => empty_grid(&shared, is_1904),
            Some(xml) => {
                let on_progress = |done: usize| progress.report(50 * i / n + 50 * done / xml.len().max(1) / n, 100, "read");
                let sheet = SheetCtx { shared: &shared, formats: &formats, is_1904, limits, name: &name };
                match sheet.read(&xml, &mut budget, &on_progress)? {
                    Some(g) => g,
                    None => return Ok(None),
                }
            }
        };
        out.push(RawSheet { name, store: Store::Fast(grid) });
    }
    Ok(Some(out))
}

/// Skips everything before `<sheetData>` (dimension, views, columns: the
/// grid's size comes from the cells themselves). `false` when the sheet has
/// no cells: `<sheetData/>`, or none at all.
fn seek_sheet_data(x: &mut Xml) -> Scan<bool> {
    loop {
        match x.next_tag()? {
            Some(t) if t.name == b"sheetData" && !t.end => return Ok(!t.empty),
            Some(_) => {}
            None => return Ok(false),
        }
    }
}

/// A sheet's cells as scanned, before they are placed in a grid.
struct Scanned {
    sparse: Vec<(u32, u32, Slot)>,
    own: String,
    own_ends: Vec<u32>,
}

fn empty_grid(shared: &Arc<Vec<String>>, is_1904: bool) -> FastGrid {
    FastGrid { shared: Arc::clone(shared), own: String::new(), own_ends: Vec::new(), cells: Vec::new(), width: 0, height: 0, start: (0, 0), is_1904 }
}

/// The error for a cell longer than the limit, named by its A1 reference.
pub(crate) fn cell_too_long(row: u32, col: u32, limits: &Limits, sheet: &str) -> Error {
    let at = super::grid::column_letter(col as usize) + &(u64::from(row) + 1).to_string();
    Error::new(
        "cell_too_long",
        format!("Ô {at} có hơn {} ký tự; tệp có thể bị hỏng.", limits.max_cell_chars),
        format!("Cell {at} has more than {} characters; the file may be damaged.", limits.max_cell_chars),
    )
    .in_sheet(sheet)
}

fn too_many_cells(limits: &Limits, sheet: &str) -> Error {
    limits.too_large("too_many_cells", &format!("hơn {} ô", limits.max_cells), &format!("more than {} cells", limits.max_cells)).in_sheet(sheet)
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Other,
    DateTime,
    TimeDelta,
}

struct SheetCtx<'a> {
    shared: &'a Arc<Vec<String>>,
    formats: &'a [Format],
    is_1904: bool,
    limits: &'a Limits,
    name: &'a str,
}

impl SheetCtx<'_> {
    /// What to do with markup this reader does not take: an entity that only
    /// a document type declaration could define is refused here, naming the
    /// sheet (calamine cannot read it either and would leave the sheet
    /// silently empty); anything else goes to calamine.
    fn declined<T>(&self, u: Unsupported) -> Result<Option<T>> {
        if u.0 == ENTITY {
            return Err(entity_error().in_sheet(self.name));
        }
        Ok(None)
    }

    /// One worksheet's XML as a grid: `Ok(None)` hands the file back to
    /// calamine. Three phases: find `<sheetData>`, scan its cells, place them.
    fn read(&self, xml: &[u8], budget: &mut usize, progress: &dyn Fn(usize)) -> Result<Option<FastGrid>> {
        let mut x = Xml::new(xml);
        match seek_sheet_data(&mut x) {
            Ok(true) => {}
            Ok(false) => return Ok(Some(empty_grid(self.shared, self.is_1904))),
            Err(u) => return self.declined(u),
        }
        let Some(scanned) = self.scan(&mut x, budget, progress)? else { return Ok(None) };
        self.place(scanned, budget).map(Some)
    }

    /// The cells inside `<sheetData>`, in file order, each at its 0-based
    /// row and column; text that is not a shared string goes into the
    /// sheet's own strings. Checks each cell's length and the cell budget as
    /// it goes; `Ok(None)` on markup outside the subset read here.
    fn scan(&self, x: &mut Xml, budget: &usize, progress: &dyn Fn(usize)) -> Result<Option<Scanned>> {
        let max_chars = self.limits.max_cell_chars;
        let mut sparse: Vec<(u32, u32, Slot)> = Vec::new();
        let mut own = String::new();
        let mut own_ends: Vec<u32> = Vec::new();
        let mut v = String::new();
        let mut inline = String::new();
        let (mut row, mut col) = (0u32, 0u32);
        let mut next_report = 4 << 20;
        loop {
            let tag = match x.next_tag() {
                Ok(Some(t)) => t,
                // A sheet cut short after its last row still has its cells.
                Ok(None) => break,
                Err(u) => return self.declined(u),
            };
            if x.p > next_report {
                progress(x.p);
                next_report = x.p + (4 << 20);
            }
            match (tag.name, tag.end) {
                (b"row", false) => {
                    if let Some(r) = attr(tag.attrs, b"r") {
                        match parse_u32(r).and_then(|r| r.checked_sub(1)) {
                            Some(r) => row = r,
                            None => return Ok(None),
                        }
                    }
                    if tag.empty {
                        row = row.saturating_add(1);
                        col = 0;
                    }
                }
                (b"row", true) => {
                    row = row.saturating_add(1);
                    col = 0;
                }
                (b"sheetData", true) => break,
                (b"c", false) => {
                    let (mut r_attr, mut s_attr, mut t_attr) = (None, None, None);
                    for_each_attr(tag.attrs, |k, val| match k {
                        b"r" => r_attr = Some(val),
                        b"s" => s_attr = Some(val),
                        b"t" => t_attr = Some(val),
                        _ => {}
                    });
                    let pos = match r_attr {
                        Some(r) => match cell_ref(r) {
                            Some((r, c)) => {
                                col = c;
                                (r, c)
                            }
                            None => return Ok(None),
                        },
                        None => (row, col),
                    };
                    col = col.saturating_add(1);
                    if tag.empty {
                        continue;
                    }
                    // Children: <f> (skipped), <v> and <is>; the last wins, as in calamine.
                    let mut value: Option<Value> = None;
                    loop {
                        let child = match x.next_tag() {
                            Ok(Some(t)) => t,
                            Ok(None) => return Ok(None),
                            Err(u) => return self.declined(u),
                        };
                        match (child.name, child.end) {
                            (b"c", true) => break,
                            (b"v", false) => {
                                v.clear();
                                if !child.empty {
                                    if let Err(u) = x.text_until(b"v", &mut v) {
                                        return self.declined(u);
                                    }
                                }
                                value = Some(Value::V);
                            }
                            (b"is", false) => {
                                inline.clear();
                                if !child.empty {
                                    if let Err(u) = x.rich_text(b"is", &mut inline) {
                                        return self.declined(u);
                                    }
                                }
                                value = Some(Value::Inline);
                            }
                            (b"f", false) => {
                                if !child.empty {
                                    if let Err(u) = x.skip_until(b"f") {
                                        return self.declined(u);
                                    }
                                }
                                value = None;
                            }
                            _ => {}
                        }
                    }
                    let slot = match value {
                        None => continue,
                        Some(Value::Inline) => {
                            push_own(&mut own, &mut own_ends, &inline);
                            Slot::Own(own_ends.len() as u32 - 1)
                        }
                        Some(Value::V) => match self.slot_for(&v, t_attr, s_attr) {
                            Some(Slot::Own(_)) => {
                                push_own(&mut own, &mut own_ends, &v);
                                Slot::Own(own_ends.len() as u32 - 1)
                            }
                            Some(s) => s,
                            None => continue,
                        },
                    };
                    let text = match slot {
                        Slot::Own(i) => own.get(if i == 0 { 0 } else { own_ends[i as usize - 1] as usize }..own_ends[i as usize] as usize),
                        Slot::Shared(i) => self.shared.get(i as usize).map(String::as_str),
                        _ => None,
                    };
                    if text.is_some_and(|t| t.len() > max_chars && t.chars().count() > max_chars) {
                        return Err(cell_too_long(pos.0, pos.1, self.limits, self.name));
                    }
                    if own.len() > u32::MAX as usize - 1 {
                        return Err(self.limits.too_large_fixed("file_too_large", "quá 4 GB văn bản", "over 4 GB of text"));
                    }
                    sparse.push((pos.0, pos.1, slot));
                    if sparse.len() > *budget {
                        return Err(too_many_cells(self.limits, self.name));
                    }
                }
                _ => {}
            }
        }
        Ok(Some(Scanned { sparse, own, own_ends }))
    }

    /// Places the scanned cells by their bounds, after checking what the
    /// grid costs against the budget (which it then takes from).
    fn place(&self, scanned: Scanned, budget: &mut usize) -> Result<FastGrid> {
        let Scanned { sparse, own, own_ends } = scanned;
        let Some(first) = sparse.first() else { return Ok(empty_grid(self.shared, self.is_1904)) };
        let (mut r0, mut r1, mut c0, mut c1) = (first.0, first.0, first.1, first.1);
        for &(r, c, _) in &sparse {
            r0 = r0.min(r);
            r1 = r1.max(r);
            c0 = c0.min(c);
            c1 = c1.max(c);
        }
        let height = (r1 - r0) as usize + 1;
        let width = (c1 - c0) as usize + 1;
        let size = height.checked_mul(width).filter(|&s| s <= *budget).ok_or_else(|| too_many_cells(self.limits, self.name))?;
        *budget -= size;
        let mut cells = vec![Slot::Empty; size];
        for (r, c, s) in sparse {
            cells[(r - r0) as usize * width + (c - c0) as usize] = s;
        }
        Ok(FastGrid { shared: Arc::clone(self.shared), own, own_ends, cells, width, height, start: (r0, c0), is_1904: self.is_1904 })
    }

    /// The cell for a `<v>` value, by its `t` and `s` attributes, as calamine
    /// reads it; `Slot::Own(0)` means "the text itself", `None` nothing.
    fn slot_for(&self, v: &str, t: Option<&[u8]>, s: Option<&[u8]>) -> Option<Slot> {
        let number = |v: &str| -> Option<Slot> {
            let n: f64 = v.parse().ok()?;
            let format = match s {
                None => Format::Other,
                Some(s) => parse_u32(s).and_then(|i| self.formats.get(i as usize).copied()).unwrap_or(Format::Other),
            };
            Some(if format == Format::DateTime { Slot::DateTime(n) } else { Slot::Number(n) })
        };
        match t {
            Some(b"s") => {
                let i = parse_u32(v.trim().as_bytes())?;
                ((i as usize) < self.shared.len()).then_some(Slot::Shared(i))
            }
            Some(b"b") => Some(Slot::Bool(v != "0")),
            Some(b"e") => Some(Slot::Error),
            Some(b"d") | Some(b"str") => Some(Slot::Own(0)),
            Some(b"n") => {
                if v.is_empty() {
                    None
                } else {
                    number(v)
                }
            }
            None => number(v).or(Some(Slot::Own(0))),
            Some(_) => None,
        }
    }
}

enum Value {
    V,
    Inline,
}

fn push_own(own: &mut String, ends: &mut Vec<u32>, s: &str) {
    own.push_str(s);
    ends.push(own.len().min(u32::MAX as usize) as u32);
}

// ---------------------------------------------------------------- parts --

/// `Id → part path` from xl/_rels/workbook.xml.rels, resolved as calamine does.
fn relationships(xml: &[u8]) -> Scan<HashMap<Vec<u8>, String>> {
    let mut x = Xml::new(xml);
    let mut out = HashMap::new();
    while let Some(t) = x.next_tag()? {
        if t.name == b"Relationship" && !t.end {
            let (Some(id), Some(target)) = (attr(t.attrs, b"Id"), attr(t.attrs, b"Target")) else { continue };
            let target = unescape_attr(target)?;
            let path = if let Some(rest) = target.strip_prefix("/xl/") {
                format!("xl/{rest}")
            } else if target.starts_with("xl/") {
                target
            } else {
                format!("xl/{target}")
            };
            out.insert(id.to_vec(), path);
        }
    }
    Ok(out)
}

/// The sheets in workbook order as (name, part path), and the 1904 flag.
fn sheet_list(xml: &[u8], rels: &HashMap<Vec<u8>, String>) -> Scan<(Vec<(String, String)>, bool)> {
    let mut x = Xml::new(xml);
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    while let Some(t) = x.next_tag()? {
        if t.end {
            continue;
        }
        match t.name {
            b"sheet" => {
                let name = unescape_attr(attr(t.attrs, b"name").ok_or(Unsupported("sheet without a name"))?)?;
                let mut rid = None;
                for_each_attr(t.attrs, |k, v| {
                    if k.ends_with(b":id") {
                        rid = Some(v);
                    }
                });
                let path = rid.and_then(|r| rels.get(r)).ok_or(Unsupported("sheet relationship"))?;
                sheets.push((name, path.clone()));
            }
            // Only the main element: `x15:workbookPr` in an extension list
            // has no date system.
            b"workbookPr" if t.qname == b"workbookPr" => {
                is_1904 = matches!(attr(t.attrs, b"date1904"), Some(b"1") | Some(b"true"));
            }
            _ => {}
        }
    }
    Ok((sheets, is_1904))
}

/// The number format kind of every cell style (`cellXfs`), in order.
fn styles(xml: &[u8]) -> Scan<Vec<Format>> {
    let mut x = Xml::new(xml);
    let mut custom: HashMap<Vec<u8>, Format> = HashMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    while let Some(t) = x.next_tag()? {
        match (t.name, t.end) {
            (b"numFmt", false) => {
                if let (Some(id), Some(code)) = (attr(t.attrs, b"numFmtId"), attr(t.attrs, b"formatCode")) {
                    let code = unescape_attr(code)?;
                    if !code.is_empty() {
                        custom.insert(id.to_vec(), custom_format(&code));
                    }
                }
            }
            (b"cellXfs", false) => in_xfs = !t.empty,
            (b"cellXfs", true) => in_xfs = false,
            (b"xf", false) if in_xfs => out.push(match attr(t.attrs, b"numFmtId") {
                None => Format::Other,
                Some(id) => custom.get(id).copied().unwrap_or_else(|| builtin_format(id)),
            }),
            _ => {}
        }
    }
    Ok(out)
}

/// The shared-string table: the text of every `<si>`, phonetic runs left out.
fn shared_strings(xml: &[u8]) -> Scan<Vec<String>> {
    let mut x = Xml::new(xml);
    let mut out = Vec::new();
    while let Some(t) = x.next_tag()? {
        match (t.name, t.end) {
            (b"sst", false) => {
                if let Some(n) = attr(t.attrs, b"uniqueCount").and_then(parse_u32) {
                    // A declared count is a hint, never trusted beyond the bytes.
                    out.reserve((n as usize).min(xml.len() / 8));
                }
            }
            (b"si", false) => {
                let mut s = String::new();
                if !t.empty {
                    x.rich_text(b"si", &mut s)?;
                }
                out.push(s);
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Built-in number formats that are dates or times (ECMA-376 §18.8.30).
fn builtin_format(id: &[u8]) -> Format {
    match parse_u32(id) {
        Some(14..=22 | 45 | 47) => Format::DateTime,
        Some(46) => Format::TimeDelta,
        _ => Format::Other,
    }
}

/// Whether a custom number format shows a date or time: the first section
/// has a date/time letter outside quotes, escapes and brackets (calamine's
/// rule, so both readers agree).
fn custom_format(format: &str) -> Format {
    let (mut escaped, mut is_quote, mut brackets, mut prev, mut hms, mut ap) = (false, false, 0u8, ' ', false, false);
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return Format::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Format::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Format::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => return Format::DateTime,
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Format::Other
}

// ------------------------------------------------------------- scanning --

struct Tag<'a> {
    /// Local name (any namespace prefix removed).
    name: &'a [u8],
    /// Name as written, prefix included.
    qname: &'a [u8],
    attrs: &'a [u8],
    end: bool,
    empty: bool,
}

struct Xml<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Xml<'a> {
    fn new(b: &'a [u8]) -> Self {
        // A UTF-8 byte-order mark before the declaration is allowed.
        let p = if b.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
        Xml { b, p }
    }

    /// The next element tag; comments, processing instructions and CDATA
    /// between tags are skipped. `None` at the end of the input.
    fn next_tag(&mut self) -> Scan<Option<Tag<'a>>> {
        loop {
            let Some(i) = memchr(b'<', &self.b[self.p..]) else {
                self.p = self.b.len();
                return Ok(None);
            };
            let s = self.p + i;
            if self.skip_special(s)? {
                continue;
            }
            let end = self.tag_end(s + 1)?;
            let b: &'a [u8] = self.b;
            let mut inner = &b[s + 1..end];
            self.p = end + 1;
            let is_end = inner.first() == Some(&b'/');
            if is_end {
                inner = &inner[1..];
            }
            let empty = inner.last() == Some(&b'/');
            if empty {
                inner = &inner[..inner.len() - 1];
            }
            let name_end = inner.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(inner.len());
            let qname = &inner[..name_end];
            let name = match memchr(b':', qname) {
                Some(c) => &qname[c + 1..],
                None => qname,
            };
            return Ok(Some(Tag { name, qname, attrs: &inner[name_end..], end: is_end, empty }));
        }
    }

    /// Skips `<!-- -->`, `<? ?>` and `<![CDATA[ ]]>` at `s`; refuses DTDs.
    fn skip_special(&mut self, s: usize) -> Scan<bool> {
        let rest = &self.b[s..];
        let (close, what): (&[u8], _) = if rest.starts_with(b"<!--") {
            (b"-->", "comment")
        } else if rest.starts_with(b"<?") {
            (b"?>", "processing instruction")
        } else if rest.starts_with(b"<![CDATA[") {
            (b"]]>", "CDATA")
        } else if rest.starts_with(b"<!") {
            // A document type declaration: skipped, internal subset and all.
            // Nothing it defines is ever expanded (see `unescape_into`).
            self.p = s + doctype_len(rest).ok_or(Unsupported("document type declaration"))?;
            return Ok(true);
        } else {
            return Ok(false);
        };
        let e = memmem::find(&rest[2..], close).ok_or(Unsupported(what))?;
        self.p = s + 2 + e + close.len();
        Ok(true)
    }

    /// Index of the `>` that closes the tag starting at `from`, skipping
    /// quoted attribute values (which may hold `>`).
    fn tag_end(&self, mut from: usize) -> Scan<usize> {
        loop {
            let i = memchr3(b'>', b'"', b'\'', &self.b[from..]).ok_or(Unsupported("unterminated tag"))?;
            let at = from + i;
            match self.b[at] {
                b'>' => return Ok(at),
                q => {
                    let close = memchr(q, &self.b[at + 1..]).ok_or(Unsupported("unterminated attribute"))?;
                    from = at + 1 + close + 1;
                }
            }
        }
    }

    /// Appends the text up to the closing tag `name` (entities and CDATA
    /// decoded, line ends normalised); nested elements are skipped.
    fn text_until(&mut self, name: &[u8], out: &mut String) -> Scan<()> {
        loop {
            let i = memchr(b'<', &self.b[self.p..]).ok_or(Unsupported("unterminated text"))?;
            push_text(&self.b[self.p..self.p + i], out)?;
            let s = self.p + i;
            if self.b[s..].starts_with(b"<![CDATA[") {
                let e = memmem::find(&self.b[s + 9..], b"]]>").ok_or(Unsupported("CDATA"))?;
                let raw = std::str::from_utf8(&self.b[s + 9..s + 9 + e]).map_err(|_| Unsupported("utf-8"))?;
                push_eol_normalised(raw, out);
                self.p = s + 9 + e + 3;
                continue;
            }
            self.p = s;
            let t = self.next_tag()?.ok_or(Unsupported("unterminated text"))?;
            if t.end && t.name == name {
                return Ok(());
            }
        }
    }

    fn skip_until(&mut self, name: &[u8]) -> Scan<()> {
        while let Some(t) = self.next_tag()? {
            if t.end && t.name == name {
                return Ok(());
            }
        }
        Err(Unsupported("unterminated element"))
    }

    /// The text of a string item (`<si>` or `<is>`): every `<t>` outside
    /// phonetic runs (`<rPh>`), with `_xHHHH_` escapes decoded as calamine does.
    fn rich_text(&mut self, closing: &[u8], out: &mut String) -> Scan<()> {
        let mut phonetic = false;
        let mut t_text = String::new();
        loop {
            let t = self.next_tag()?.ok_or(Unsupported("unterminated string"))?;
            match (t.name, t.end) {
                (n, true) if n == closing => return Ok(()),
                (b"rPh", false) => phonetic = !t.empty,
                (b"rPh", true) => phonetic = false,
                (b"t", false) if !t.empty => {
                    t_text.clear();
                    self.text_until(b"t", &mut t_text)?;
                    if !phonetic {
                        unescape_ooxml(&t_text, out);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Length of `<!DOCTYPE …>` including an internal subset `[ … ]`, whose
/// declarations hold `>` of their own; quoted text is skipped.
fn doctype_len(b: &[u8]) -> Option<usize> {
    let (mut depth, mut quote) = (0u32, 0u8);
    for (i, &c) in b.iter().enumerate().skip(2) {
        match (quote, c) {
            (0, b'"' | b'\'') => quote = c,
            (q, c) if q != 0 && c == q => quote = 0,
            (0, b'[') => depth += 1,
            (0, b']') => depth = depth.saturating_sub(1),
            (0, b'>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn push_text(raw: &[u8], out: &mut String) -> Scan<()> {
    let s = std::str::from_utf8(raw).map_err(|_| Unsupported("utf-8"))?;
    if !s.contains('&') {
        push_eol_normalised(s, out);
        return Ok(());
    }
    let mut normalised = String::new();
    let s = if s.contains('\r') {
        push_eol_normalised(s, &mut normalised);
        normalised.as_str()
    } else {
        s
    };
    unescape_into(s, out)
}

/// XML 1.0 line ends: `\r\n` and a lone `\r` read as `\n`.
fn push_eol_normalised(s: &str, out: &mut String) {
    if !s.contains('\r') {
        out.push_str(s);
        return;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            out.push('\n');
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
}

/// The five predefined entities and character references; anything else
/// (an entity a DTD would define) is left to calamine.
fn unescape_into(s: &str, out: &mut String) -> Scan<()> {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let r = &rest[i + 1..];
        let semi = r.find(';').filter(|&j| j <= 12).ok_or(Unsupported(ENTITY))?;
        let ent = &r[..semi];
        let ch = match ent {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            _ => {
                let code = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                    u32::from_str_radix(h, 16).ok()
                } else if let Some(d) = ent.strip_prefix('#') {
                    d.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32).ok_or(Unsupported(ENTITY))?
            }
        };
        out.push(ch);
        rest = &r[semi + 1..];
    }
    out.push_str(rest);
    Ok(())
}

fn unescape_attr(v: &[u8]) -> Scan<String> {
    let mut out = String::with_capacity(v.len());
    push_text(v, &mut out)?;
    Ok(out)
}

/// OOXML's `_x00HH_` escapes for control characters in strings, decoded
/// exactly as calamine's `unescape_xml` does.
fn unescape_ooxml(s: &str, out: &mut String) {
    if !s.contains("_x00") {
        out.push_str(s);
        return;
    }
    let b = s.as_bytes();
    let mut i = 0;
    let mut plain = 0;
    while i < b.len() {
        if i + 7 <= b.len() && b[i..].starts_with(b"_x00") && b[i + 6] == b'_' {
            if let Some(v) = std::str::from_utf8(&b[i + 4..i + 6]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push_str(&s[plain..i]);
                out.push(v as char);
                i += 7;
                plain = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&s[plain..]);
}

/// Calls `f(key, raw value)` for every attribute of a tag.
fn for_each_attr<'a>(mut a: &'a [u8], mut f: impl FnMut(&'a [u8], &'a [u8])) {
    loop {
        let Some(k0) = a.iter().position(|b| !b.is_ascii_whitespace()) else { return };
        a = &a[k0..];
        let Some(eq) = memchr(b'=', a) else { return };
        let key = a[..eq].trim_ascii_end();
        a = a[eq + 1..].trim_ascii_start();
        let Some(&q) = a.first().filter(|&&q| q == b'"' || q == b'\'') else { return };
        let Some(close) = memchr(q, &a[1..]) else { return };
        f(key, &a[1..1 + close]);
        a = &a[close + 2..];
    }
}

fn attr<'a>(attrs: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut found = None;
    for_each_attr(attrs, |k, v| {
        if found.is_none() && k == key {
            found = Some(v);
        }
    });
    found
}

fn parse_u32(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 10 {
        return None;
    }
    let mut n: u64 = 0;
    for &b in s {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    u32::try_from(n).ok()
}

/// "AB12" → (11, 27), 0-based; `None` for anything else or beyond Excel's grid.
fn cell_ref(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for &b in &r[..letters] {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    let row = parse_u32(&r[letters..])?;
    if row == 0 || row > 1_048_576 || col > 16_384 {
        return None;
    }
    Some((row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref(b"A1"), Some((0, 0)));
        assert_eq!(cell_ref(b"AB12"), Some((11, 27)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref(b"XFE1"), None);
        assert_eq!(cell_ref(b"A0"), None);
        assert_eq!(cell_ref(b"12"), None);
    }

    #[test]
    fn text_entities_cdata_and_line_ends() {
        let mut x = Xml::new(b"<t>a &amp; b &#x1EA1;&#7841;\r\nc<![CDATA[<x>]]></t>");
        assert!(x.next_tag().unwrap().is_some());
        let mut s = String::new();
        x.text_until(b"t", &mut s).unwrap();
        assert_eq!(s, "a & b ạạ\nc<x>");
        let mut x = Xml::new(b"<t>&custom;</t>");
        x.next_tag().unwrap();
        assert!(x.text_until(b"t", &mut String::new()).is_err());
    }

    #[test]
    fn rich_text_skips_phonetic_runs_and_decodes_escapes() {
        let xml = br#"<sst><si><r><rPr><b/></rPr><t xml:space="preserve">Th&#244;n </t></r><r><t>1_x000D_</t></r><rPh sb="0"><t>x</t></rPh></si><si><t/></si></sst>"#;
        assert_eq!(shared_strings(xml).unwrap(), vec!["Thôn 1\r".to_string(), String::new()]);
    }

    #[test]
    fn a_dtd_is_skipped_and_its_entities_never_expanded() {
        let xml = br#"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "a>a">]><sst><si><t>&a;</t></si></sst>"#;
        assert_eq!(shared_strings(xml).unwrap_err().0, ENTITY);
        let xml = br#"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "a>a">]><sst><si><t>b</t></si></sst>"#;
        assert_eq!(shared_strings(xml).unwrap(), vec!["b".to_string()]);
    }

    #[test]
    fn attributes_with_either_quote_and_a_greater_than_sign() {
        let mut x = Xml::new(b"<sheet name='a>b' r:id=\"rId1\"/><c/>");
        let t = x.next_tag().unwrap().unwrap();
        assert_eq!(attr(t.attrs, b"name"), Some(&b"a>b"[..]));
        assert_eq!(attr(t.attrs, b"r:id"), Some(&b"rId1"[..]));
        assert!(t.empty);
        assert_eq!(x.next_tag().unwrap().unwrap().name, b"c");
    }

    #[test]
    fn date_formats() {
        assert!(custom_format("dd/mm/yyyy hh:mm") == Format::DateTime);
        assert!(custom_format("#,##0.00") == Format::Other);
        assert!(custom_format("[h]:mm:ss") == Format::TimeDelta);
        assert!(custom_format("\"ngày\" 0") == Format::Other);
        assert!(builtin_format(b"14") == Format::DateTime);
        assert!(builtin_format(b"3") == Format::Other);
    }
}
