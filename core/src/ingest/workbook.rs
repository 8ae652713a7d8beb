//! Workbook containers through calamine, with size limits checked before
//! anything is inflated.

use super::format::{lying_entry, password_error, Format};
use super::grid::{read_delimited, Limits, RawSheet, Store};
use super::Progress;
use crate::error::{Error, Result};
use calamine::{Data, Ods, Range, Reader, Xls, Xlsb, Xlsx};
use std::io::Cursor;

pub fn read_all(
    bytes: std::borrow::Cow<'_, [u8]>,
    file_name: &str,
    format: Format,
    limits: &Limits,
    progress: &dyn Progress,
) -> Result<(Vec<RawSheet>, Option<&'static str>)> {
    if format == Format::Csv {
        let (sheet, enc) = read_delimited(bytes, sheet_name_for_text(file_name), limits)?;
        return Ok((vec![sheet], Some(enc)));
    }
    let bytes = &*bytes;
    if matches!(format, Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Ods) {
        check_zip(bytes, limits)?;
    }
    if format == Format::Ods {
        check_ods_repeats(bytes, limits)?;
    }
    if format == Format::Xls {
        super::guards::cfb_check::check(bytes).map_err(|why| open_error(&format!("OLE structure: {why}")))?;
    }
    // calamine may panic on malformed input; a damaged file is the user's
    // problem to fix, so it becomes an ordinary "unreadable" error.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_container(bytes, format, limits, progress)));
    let sheets = read.unwrap_or_else(|_| Err(open_error("the reader stopped on malformed data")))?;
    Ok((sheets, None))
}

fn read_container(bytes: &[u8], format: Format, limits: &Limits, progress: &dyn Progress) -> Result<Vec<RawSheet>> {
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsx | Format::Xlsm => match super::xlsx_fast::read(bytes, limits, progress)? {
            Some(sheets) => no_sheets_check(sheets),
            None => {
                verify_inflated_sizes(bytes)?;
                read_with(Xlsx::new(cursor).map_err(|e| open_error(&e.to_string()))?, limits, progress)
            }
        },
        Format::Xlsb => {
            verify_inflated_sizes(bytes)?;
            read_with(Xlsb::new(cursor).map_err(|e| open_error(&e.to_string()))?, limits, progress)
        }
        Format::Xls => read_with(Xls::new(cursor).map_err(|e| open_error(&e.to_string()))?, limits, progress),
        Format::Ods => {
            verify_inflated_sizes(bytes)?;
            read_with(Ods::new(cursor).map_err(|e| open_error(&e.to_string()))?, limits, progress)
        }
        Format::Csv => unreachable_csv(),
    }
}

/// The sheets as calamine alone reads them: the reference that the
/// streaming .xlsx reader is tested against.
pub fn read_reference(bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<RawSheet>> {
    match format {
        Format::Xlsx | Format::Xlsm => {
            read_with(Xlsx::new(Cursor::new(bytes)).map_err(|e| open_error(&e.to_string()))?, limits, &super::NoProgress)
        }
        _ => read_all(bytes.into(), "reference", format, limits, &super::NoProgress).map(|r| r.0),
    }
}

fn unreachable_csv() -> Result<Vec<RawSheet>> {
    Err(Error::internal("csv handled above"))
}

/// The one sheet of a text file is named after the file, without folders.
fn sheet_name_for_text(file_name: &str) -> &str {
    file_name.rsplit(['/', '\\']).next().unwrap_or(file_name)
}

fn open_error(detail: &str) -> Error {
    let lower = detail.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        return password_error();
    }
    // The reader's own words («File not found 'xl/_rels/…'») mean nothing
    // to the user: they go to `detail`.
    Error::new(
        "unreadable_workbook",
        "Không mở được bảng tính: tệp bị hỏng, chưa tải về hết, hoặc không đúng định dạng như tên đuôi tệp. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx; nếu không mở được, hãy xin lại tệp gốc.",
        "Cannot open the workbook: the file is damaged, incompletely downloaded, or not in the format its extension says. Open it in Excel or LibreOffice and save it as .xlsx; if it will not open, ask for the original file again.",
    )
    .with_detail(detail)
}

/// Rejects zip bombs by the sizes the central directory declares, before
/// calamine inflates anything.
fn check_zip(bytes: &[u8], limits: &Limits) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| open_error(&format!("zip: {e}")))?;
    if zip.len() > 20_000 {
        return Err(limits.too_large_fixed("too_many_entries", &format!("{} mục trong tệp nén", zip.len()), &format!("{} zip entries", zip.len())));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| open_error(&format!("zip: {e}")))?;
        total = total.saturating_add(f.size());
        let ratio = f.size() / f.compressed_size().max(1);
        if f.size() > 64 << 20 && ratio > 200 {
            return Err(Error::new(
                "zip_bomb",
                format!("Tệp có một phần nén bất thường ({} MB khi giải nén, gấp {ratio} lần). Tệp này không an toàn để mở; hãy xin lại tệp gốc từ người gửi.", f.size() >> 20),
                format!("The file has an abnormally compressed part ({} MB unpacked, {ratio}× its packed size). It is not safe to open; ask the sender for the original file.", f.size() >> 20),
            )
            .with_detail(format!("zip entry {}", f.name())));
        }
    }
    if total > limits.max_unzipped_bytes {
        return Err(limits.too_large("unzipped_too_large", &format!("{} MB khi giải nén", total >> 20), &format!("{} MB unpacked", total >> 20)));
    }
    Ok(())
}

/// calamine inflates parts without looking at their declared sizes. Before
/// it reads a zip container, every entry is inflated once into nothing,
/// stopping one byte past its declared size (which `check_zip` bounded).
fn verify_inflated_sizes(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| open_error(&format!("zip: {e}")))?;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let (name, declared) = (entry.name().to_string(), entry.size());
        // A damaged stream is calamine's to report; only excess matters here.
        if let Ok(n) = std::io::copy(&mut std::io::Read::take(entry, declared.saturating_add(1)), &mut std::io::sink()) {
            if n > declared {
                return Err(lying_entry(&name, declared));
            }
        }
    }
    Ok(())
}

/// ODS compresses runs of equal cells as "repeated" counts; a hostile file
/// can claim 10^18 non-empty cells in 600 bytes. Count what the repeats
/// expand to before calamine materialises them.
fn check_ods_repeats(bytes: &[u8], limits: &Limits) -> Result<()> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| open_error(&format!("zip: {e}")))?;
    let Ok(entry) = zip.by_name("content.xml") else { return Ok(()) };
    let declared = entry.size().min(limits.max_unzipped_bytes);
    let mut xml = Vec::new();
    entry.take(declared.saturating_add(1)).read_to_end(&mut xml).map_err(|e| open_error(&format!("content.xml: {e}")))?;
    if xml.len() as u64 > declared {
        return Err(lying_entry("content.xml", declared));
    }
    let attr = |tag: &[u8], name: &[u8]| -> u64 {
        let Some(p) = find(tag, name) else { return 1 };
        let rest = &tag[p + name.len()..];
        let digits: Vec<u8> = rest.iter().skip_while(|&&b| b == b'=' || b == b'"' || b == b'\'').take_while(|b| b.is_ascii_digit()).copied().collect();
        std::str::from_utf8(&digits).ok().and_then(|s| s.parse().ok()).unwrap_or(1)
    };
    let mut cells: u64 = 0;
    let mut row_rep: u64 = 1;
    let mut i = 0;
    while let Some(p) = find(&xml[i..], b"<table:table-") {
        let start = i + p;
        let end = xml[start..].iter().position(|&b| b == b'>').map(|e| start + e + 1).unwrap_or(xml.len());
        let tag = &xml[start..end];
        if tag.starts_with(b"<table:table-row") {
            row_rep = attr(tag, b"table:number-rows-repeated");
        } else if tag.starts_with(b"<table:table-cell") {
            let has_content = find(tag, b"office:value-type").is_some() || !tag.ends_with(b"/>");
            if has_content {
                let cols = attr(tag, b"table:number-columns-repeated");
                cells = cells.saturating_add(row_rep.saturating_mul(cols));
                if cells > limits.max_cells as u64 {
                    return Err(limits.too_large(
                        "too_many_cells",
                        &format!("bảng ODS khai báo hơn {} ô có dữ liệu", limits.max_cells),
                        &format!("the ODS table declares more than {} non-empty cells", limits.max_cells),
                    ));
                }
            }
        }
        i = end;
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The area (rows × columns) calamine's `Range::from_sparse` will allocate
/// for a sheet, measured by streaming its cells first. Only the readers that
/// allocate by the cells' span need it: two cells at A1 and XFD1048576 would
/// otherwise ask for 17 billion cells and abort the tab.
trait Span {
    fn span(&mut self, _name: &str) -> Option<u64> {
        None
    }
}

impl Span for Xls<Cursor<&[u8]>> {}
impl Span for Ods<Cursor<&[u8]>> {}

/// Both readers stream cells the same way, through different types.
macro_rules! span_by_cells {
    ($reader:ty) => {
        impl Span for $reader {
            fn span(&mut self, name: &str) -> Option<u64> {
                let mut r = self.worksheet_cells_reader(name).ok()?;
                let mut b = Bounds::default();
                while let Ok(Some(c)) = r.next_cell() {
                    if !matches!(c.get_value(), calamine::DataRef::Empty) {
                        b.add(c.get_position());
                    }
                }
                Some(b.area())
            }
        }
    };
}
span_by_cells!(Xlsx<Cursor<&[u8]>>);
span_by_cells!(Xlsb<Cursor<&[u8]>>);

#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, (r, c): (u32, u32)) {
        self.0 = Some(match self.0 {
            None => (r, r, c, c),
            Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
        });
    }
    fn area(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
    }
}

fn read_with<R, RS>(mut wb: R, limits: &Limits, progress: &dyn Progress) -> Result<Vec<RawSheet>>
where
    R: Reader<RS> + Span,
    RS: std::io::Read + std::io::Seek,
    R::Error: std::fmt::Display,
{
    let names = wb.sheet_names();
    if names.len() > limits.max_sheets {
        return Err(limits.too_large("too_many_sheets", &format!("{} trang tính", names.len()), &format!("{} sheets", names.len())));
    }
    let mut out = Vec::with_capacity(names.len());
    let mut cells = 0usize;
    let n = names.len();
    for (i, name) in names.into_iter().enumerate() {
        progress.report(50 * i / n.max(1), 100, "read");
        if wb.span(&name).is_some_and(|area| (cells as u64).saturating_add(area) > limits.max_cells as u64) {
            return Err(limits.too_large("too_many_cells", &format!("hơn {} ô", limits.max_cells), &format!("more than {} cells", limits.max_cells)).in_sheet(&name));
        }
        let range: Range<Data> = match wb.worksheet_range(&name) {
            Ok(r) => r,
            // A chart sheet or an unreadable sheet: keep the rest of the file.
            Err(e) => {
                let msg = e.to_string();
                if msg.to_ascii_lowercase().contains("password") {
                    return Err(password_error());
                }
                Range::empty()
            }
        };
        cells = cells.saturating_add(range.get_size().0.saturating_mul(range.get_size().1));
        if cells > limits.max_cells {
            return Err(limits.too_large("too_many_cells", &format!("hơn {} ô", limits.max_cells), &format!("more than {} cells", limits.max_cells)).in_sheet(&name));
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for c in range.used_cells() {
            if let Data::String(s) = c.2 {
                if s.len() > limits.max_cell_chars && s.chars().count() > limits.max_cell_chars {
                    return Err(super::xlsx_fast::cell_too_long(r0 + c.0 as u32, c0 + c.1 as u32, limits, &name));
                }
            }
        }
        out.push(RawSheet { name, store: Store::Range(range) });
    }
    no_sheets_check(out)
}

/// A workbook must have at least one sheet to be of any use.
fn no_sheets_check(out: Vec<RawSheet>) -> Result<Vec<RawSheet>> {
    if out.is_empty() {
        return Err(Error::new(
            "no_sheets",
            "Bảng tính không có trang tính nào đọc được.",
            "The workbook has no readable sheet.",
        ));
    }
    Ok(out)
}
