//! Format detection from the bytes, never from the file name.

use crate::error::{Error, Result};
pub use super::grid::utf16_without_bom;
use super::grid::mostly_utf8;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
        }
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What a file that is not a spreadsheet is, in words, and what to do.
struct Foreign {
    vi: &'static str,
    en: &'static str,
    /// An archive: the spreadsheet may be inside it.
    archive: bool,
}

const fn foreign(vi: &'static str, en: &'static str) -> Foreign {
    Foreign { vi, en, archive: false }
}

/// Recognizes the files people pick by mistake (a PDF or a scan renamed
/// .xlsx, a Word document, an archive, a program) by their magic bytes, so
/// that they are refused by name instead of being read as text.
fn what_foreign(bytes: &[u8]) -> Option<Foreign> {
    let head = &bytes[..bytes.len().min(1024)];
    let starts = |m: &[u8]| bytes.starts_with(m);
    // The PDF header may follow a few bytes of junk (the standard allows
    // 1024); text that merely mentions «%PDF-» has no control bytes.
    let binary = head.iter().any(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)));
    if starts(b"%PDF-") || (binary && memfind(head, b"%PDF-")) {
        return Some(foreign("một tài liệu PDF", "a PDF document"));
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some(foreign("một ảnh PNG", "a PNG image"));
    }
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Some(foreign("một ảnh JPEG (ảnh chụp hoặc ảnh quét)", "a JPEG image (a photo or a scan)"));
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some(foreign("một ảnh GIF", "a GIF image"));
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some(foreign("một ảnh WebP", "a WebP image"));
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return Some(foreign("một ảnh TIFF (thường là bản quét)", "a TIFF image (usually a scan)"));
    }
    if starts(&[0x1F, 0x8B]) || starts(b"7z\xBC\xAF\x27\x1C") || starts(b"Rar!\x1A\x07") {
        return Some(Foreign { vi: "một tệp nén (gzip, 7z hoặc RAR)", en: "a compressed archive (gzip, 7z or RAR)", archive: true });
    }
    if starts(b"\x7FELF") || (starts(b"MZ") && memfind(head, b"This program")) {
        return Some(foreign("một chương trình máy tính", "a computer program"));
    }
    if starts(b"{\\rtf") {
        return Some(foreign("một văn bản RTF (Word)", "an RTF (Word) document"));
    }
    if starts(ZIP) || starts(b"PK\x05\x06") {
        let has = |name: &[u8]| memfind(bytes, name);
        if !has(b"xl/") {
            if has(b"word/document.xml") {
                return Some(foreign("một văn bản Word (.docx)", "a Word document (.docx)"));
            }
            if has(b"ppt/presentation.xml") {
                return Some(foreign("một bài trình chiếu PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)"));
            }
            if has(b"mimetypeapplication/vnd.oasis.opendocument.text") {
                return Some(foreign("một văn bản OpenDocument (.odt)", "an OpenDocument text (.odt)"));
            }
            if has(b"mimetypeapplication/vnd.oasis.opendocument.presentation") {
                return Some(foreign("một bài trình chiếu OpenDocument (.odp)", "an OpenDocument presentation (.odp)"));
            }
        }
    }
    if starts(CFB) {
        // The stream names first: the workbook stream is copied only for
        // an OLE file that names a Word or PowerPoint stream.
        let no_workbook = || super::guards::cfb_check::workbook_stream(bytes).is_none();
        if memfind(bytes, &utf16le("WordDocument")) && no_workbook() {
            return Some(foreign("một văn bản Word đời cũ (.doc)", "an old Word document (.doc)"));
        }
        if memfind(bytes, &utf16le("PowerPoint Document")) && no_workbook() {
            return Some(foreign("một bài trình chiếu PowerPoint đời cũ (.ppt)", "an old PowerPoint presentation (.ppt)"));
        }
    }
    None
}

/// `file` in a message: «name» when known.
fn named(file: &str) -> (String, String) {
    if file.is_empty() {
        ("Tệp này".into(), "This file".into())
    } else {
        (format!("Tệp «{file}»"), format!("The file \"{file}\""))
    }
}

fn not_a_spreadsheet(f: &Foreign, file: &str) -> Error {
    let (nv, ne) = named(file);
    let (todo_vi, todo_en) = if f.archive {
        (
            "Hãy giải nén nó rồi chọn tệp bảng tính (.xlsx, .xls, .ods hoặc .csv) bên trong.",
            "Extract it and choose the spreadsheet inside (.xlsx, .xls, .ods or .csv).",
        )
    } else {
        (
            "Hãy chọn tệp Excel (.xlsx, .xls), ODS hoặc CSV; nếu số liệu chỉ có trong tệp này, hãy chép sang Excel rồi lưu dạng .xlsx.",
            "Choose an Excel (.xlsx, .xls), ODS or CSV file; if the data exists only in this file, copy it into Excel and save it as .xlsx.",
        )
    };
    Error::new(
        "not_a_spreadsheet",
        format!("{nv} là {}, không phải bảng tính, nên Thôn Số không đọc được. {todo_vi}", f.vi),
        format!("{ne} is {}, not a spreadsheet, so Thôn Số cannot read it. {todo_en}", f.en),
    )
}

/// Sniffs the container (see [`detect_named`]).
pub fn detect(bytes: &[u8]) -> Result<Format> {
    detect_named(bytes, "")
}

/// Sniffs the container; `file` (the file's name) is named in the message
/// when the file is not a spreadsheet. Zip entries are looked up by name in
/// the central directory (via the raw bytes, cheaply) to tell
/// xlsx/xlsm/xlsb/ods apart.
pub fn detect_named(bytes: &[u8], file: &str) -> Result<Format> {
    detect_with(bytes, file, &super::grid::Limits::default())
}

/// [`detect_named`] under the host's limits (an .xls sheet's declared size
/// is checked against `limits.max_cells`).
pub fn detect_with(bytes: &[u8], file: &str, limits: &super::grid::Limits) -> Result<Format> {
    if bytes.is_empty() {
        let (nv, ne) = named(file);
        return Err(Error::new(
            "empty_file",
            format!("{nv} rỗng (0 byte). Hãy chọn lại đúng tệp Excel/CSV."),
            format!("{ne} is empty (0 bytes). Choose the right Excel/CSV file again."),
        ));
    }
    if let Some(f) = what_foreign(bytes) {
        return Err(not_a_spreadsheet(&f, file));
    }
    if bytes.starts_with(ZIP) || bytes.starts_with(b"PK\x05\x06") {
        let has = |name: &[u8]| memfind(bytes, name);
        if has(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet") || has(b"content.xml") && !has(b"xl/") {
            return Ok(Format::Ods);
        }
        if has(b"xl/workbook.bin") {
            // A part calamine would slice out of range (see `xls_guard` on why).
            if let Some(what) = super::guards::xlsb_guard::hazard(bytes) {
                return Err(guard_error(".xlsb", &format!("xlsb {what}"), "Excel"));
            }
            return Ok(Format::Xlsb);
        }
        if has(b"xl/vbaProject.bin") || has(b"macroEnabled") {
            return Ok(Format::Xlsm);
        }
        if has(b"xl/") || has(b"[Content_Types].xml") {
            return Ok(Format::Xlsx);
        }
        let (nv, ne) = named(file);
        return Err(Error::new(
            "unknown_zip",
            format!("{nv} là tệp nén (zip) nhưng không phải bảng tính Excel hay ODS. Nếu trong đó có bảng tính, hãy giải nén rồi chọn tệp .xlsx, .ods hoặc .csv bên trong; nếu không, hãy mở bằng Excel rồi lưu lại dạng .xlsx."),
            format!("{ne} is a zip archive but not an Excel or ODS spreadsheet. If it holds a spreadsheet, extract it and choose the .xlsx, .ods or .csv inside; otherwise open it in Excel and save it as .xlsx."),
        ));
    }
    if bytes.starts_with(CFB) {
        // An OLE container: old .xls, or an encrypted (password-protected) xlsx.
        if memfind(bytes, &utf16le("EncryptedPackage")) || memfind(bytes, &utf16le("EncryptionInfo")) {
            return Err(password_error());
        }
        // An .xls with a password to open.
        if super::guards::cfb_check::xls_encrypted(bytes) {
            return Err(password_error());
        }
        // A sheet size calamine would reserve before reading a cell.
        let max = limits.max_cells;
        if let Some((sheet, cells)) = super::guards::cfb_check::xls_largest_claim(bytes).filter(|c| c.1 > max as u64) {
            return Err(limits.too_large(
                "too_many_cells",
                &format!("trang tính khai báo {cells} ô, giới hạn {max}"),
                &format!("the sheet declares {cells} cells, limit {max}"),
            )
            .in_sheet(&sheet));
        }
        // A record calamine would slice out of range: in the browser a panic
        // aborts the worker, so the file is refused here instead.
        match super::guards::cfb_check::workbook_stream(bytes).as_deref().and_then(|s| super::guards::xls_guard::hazard(s, max as u64)) {
            Some(super::guards::xls_guard::Hazard::Panic(what)) => return Err(guard_error(".xls", &format!("xls {what}"), "Excel 5/95")),
            // calamine would allocate the whole rectangle around a sheet's cells.
            Some(super::guards::xls_guard::Hazard::Spread(cells)) => {
                return Err(limits.too_large(
                    "too_many_cells",
                    &format!("các ô của một trang tính trải trên {cells} ô, giới hạn {max}"),
                    &format!("the cells of one sheet span {cells} cells, limit {max}"),
                ))
            }
            None => {}
        }
        return Ok(Format::Xls);
    }
    // BIFF2–4 worksheets: a bare BOF record, no OLE container.
    if bytes.len() >= 4 && matches!(bytes[0..2], [0x09, 0x00] | [0x09, 0x02] | [0x09, 0x04]) && bytes[2] < 0x20 && bytes[3] == 0 {
        return Err(Error::new(
            "old_excel",
            "Tệp Excel đời cũ (Excel 2.x–4.x, trước 1994) không đọc được. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.",
            "This is a very old Excel file (Excel 2.x–4.x, before 1994) and cannot be read. Open it in Excel or LibreOffice and save it as .xlsx.",
        ));
    }
    if looks_like_text(bytes) || utf16_without_bom(bytes).is_some() {
        return Ok(Format::Csv);
    }
    // Binary content, or text that is mostly control bytes.
    let (nv, ne) = named(file);
    Err(Error::new(
        "unknown_format",
        format!("{nv} không phải Excel (.xlsx, .xls), ODS hay CSV: nội dung là dữ liệu nhị phân Thôn Số không nhận ra. Hãy mở tệp bằng phần mềm đã tạo ra nó và lưu lại dạng .xlsx hoặc .csv."),
        format!("{ne} is not Excel (.xlsx, .xls), ODS or CSV: its content is binary data Thôn Số does not recognize. Open it in the program that made it and save it as .xlsx or .csv."),
    ))
}

pub fn password_error() -> Error {
    Error::new(
        "password_protected",
        "Tệp được đặt mật khẩu nên không đọc được. Hãy mở bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại.",
        "The file is password-protected and cannot be read. Open it in Excel, remove the password (File → Info → Protect Workbook) and save it again.",
    )
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn memfind(hay: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() || hay.len() < needle.len() {
        return false;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1].iter().position(|&b| b == first) {
            None => return false,
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return true;
                }
                i += 1;
            }
        }
    }
    false
}

/// Text if it has a Unicode BOM, or the first 64 KiB has no NUL/control
/// garbage. UTF-16 without BOM is not accepted (we cannot tell its byte order
/// reliably); Excel's "Unicode text" always writes one.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) || bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(65_536)];
    let bad = sample.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))).count();
    if bad > 0 {
        return false;
    }
    // Random high bytes are mostly invalid UTF-8; legacy 8-bit text (TCVN3
    // exported as Latin-1/CP1252) is accepted and decoded as Windows-1252.
    let valid_prefix = match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.valid_up_to() + 4 >= sample.len(),
    };
    valid_prefix || mostly_utf8(sample) || sample.iter().filter(|&&b| b >= 0x80).count() * 4 < sample.len()
}

/// A zip entry that inflates past the size the central directory declares
/// is a bomb that lied about itself.
pub(super) fn lying_entry(name: &str, declared: u64) -> Error {
    Error::new(
        "zip_bomb",
        format!("Một phần bên trong tệp giải nén ra nhiều hơn kích thước nó khai báo ({declared} byte): tệp bị hỏng, hoặc bị sửa để gây hại. Hãy mở bằng Excel và lưu lại, hoặc xin lại tệp gốc."),
        format!("A part inside the file unpacks to more than its declared size ({declared} bytes): the file is damaged, or was crafted to do harm. Open it in Excel and save it again, or ask for the original file."),
    )
    .with_detail(format!("zip entry {name}"))
}

/// A workbook refused by a reader guard (`xls_guard`, `xlsb_guard`): one
/// structure the reader library would fail on.
fn guard_error(ext: &str, what: &str, old: &str) -> Error {
    Error::new(
        "unreadable_workbook",
        format!("Không mở được tệp {ext} này: có cấu trúc bên trong không đọc được; tệp có thể bị hỏng, hoặc do phần mềm khác hay {old} tạo ra. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx."),
        format!("Cannot open this {ext} file: an internal structure cannot be read; the file may be damaged, or written by other software or {old}. Open it in Excel or LibreOffice and save it as .xlsx."),
    )
    .with_detail(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_text_and_rejects_noise() {
        assert_eq!(detect(b"a,b\n1,2\n").ok(), Some(Format::Csv));
        assert_eq!(detect(&[0xFF, 0xFE, b'a', 0]).ok(), Some(Format::Csv));
        assert_eq!(detect(b"").unwrap_err().code, "empty_file");
        let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert_eq!(detect(&noise).unwrap_err().code, "unknown_format");
    }

    #[test]
    fn refuses_what_is_not_a_spreadsheet_by_name() {
        let cases: [(&[u8], &str); 8] = [
            (b"%PDF-1.4\n1 0 obj\n", "PDF"),
            (b"\x89PNG\r\n\x1a\n\0\0", "PNG"),
            (&[0xFF, 0xD8, 0xFF, 0xE1, 0, 0], "JPEG"),
            (b"GIF87a\x01\x00", "GIF"),
            (b"{\\rtf1\\ansi hello}", "RTF"),
            (&[0x1F, 0x8B, 8, 0, 0, 0], "gzip"),
            (b"PK\x03\x04....word/document.xml....", "Word"),
            (b"\x7FELF\x02\x01\x01", "program"),
        ];
        for (bytes, what) in cases {
            let e = detect_named(bytes, "x.xlsx").unwrap_err();
            assert_eq!(e.code, "not_a_spreadsheet", "{what}");
            assert!(e.message.starts_with("Tệp «x.xlsx» là "), "{}", e.message);
            assert!(e.message_en.contains(what) || e.message.contains(what), "{what}: {}", e.message_en);
        }
        // Text that merely mentions a PDF is still text; junk before the
        // header is still a PDF.
        assert_eq!(detect(b"a,b\nx,%PDF-1\n").ok(), Some(Format::Csv));
        assert_eq!(detect(b"\x00\x01junk%PDF-1.7\n").unwrap_err().code, "not_a_spreadsheet");
    }
}
