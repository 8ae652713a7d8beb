//! Several files read as one analysis: a commune's village self-assessments
//! and one or more dossier exports, or a .zip of them. Every file is read
//! and classified on its own; their sheets are then pooled as one
//! workbook's (`ingest/pool.rs`), each sheet named after its file
//! («file.xlsx › Sheet1»), so every village and dossier keeps its
//! provenance (file, sheet, row). Dossiers that appear in more than one
//! export count once (`turnaround::rows`, `merge_duplicates`).

use super::{Session, SessionOptions};
use crate::error::{Error, Result};
use crate::ingest::{self, Format, Progress};
use std::io::{Cursor, Read};

/// Between a file's name and its sheet's in a pooled workbook.
pub const SHEET_SEP: &str = " › ";

/// What a zip may hold to be read as files: spreadsheets and delimited text.
const READABLE: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "tsv", "txt"];

/// Files inside a .zip of files (not an .xlsx/.ods, which are zips too), at
/// most this many.
const MAX_ZIP_FILES: usize = 2000;

/// A plain .zip of files (an archive someone made), as opposed to an Office
/// or OpenDocument file, which are zips with a manifest.
fn is_archive(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    let office = zip.file_names().any(|n| n == "[Content_Types].xml" || n == "mimetype" || n == "META-INF/manifest.xml");
    !office
}

fn readable(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    !base.starts_with('.') && !name.starts_with("__MACOSX/") && base.rsplit_once('.').is_some_and(|(_, ext)| READABLE.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The files a list of inputs stands for: a .zip of files is replaced by the
/// readable files inside it (named «archive.zip/inner.xlsx»), within the
/// limits' unzipped budget.
pub fn expand_archives(files: Vec<(String, Vec<u8>)>, limits: &ingest::Limits) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut budget = limits.max_unzipped_bytes;
    for (name, bytes) in files {
        if !is_archive(&bytes) {
            out.push((name, bytes));
            continue;
        }
        let bad = |e: String| {
            Error::new("zip_unreadable", format!("Không mở được tệp nén: {e}. Hãy giải nén rồi chọn các tệp bên trong."), format!("The archive cannot be opened: {e}. Unzip it and pick the files inside."))
                .in_file(&name)
        };
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).map_err(|e| bad(e.to_string()))?;
        let mut found = 0usize;
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
            if f.is_dir() || !readable(f.name()) {
                continue;
            }
            found += 1;
            if found > MAX_ZIP_FILES || f.size() > budget {
                return Err(Error::new(
                    "zip_too_large",
                    format!("Tệp nén chứa quá nhiều hoặc quá lớn (tối đa {MAX_ZIP_FILES} tệp, {} MB giải nén). Hãy chia nhỏ.", limits.max_unzipped_bytes >> 20),
                    format!("The archive holds too many or too large files (at most {MAX_ZIP_FILES} files, {} MB unzipped). Split it.", limits.max_unzipped_bytes >> 20),
                )
                .in_file(&name));
            }
            let inner = format!("{name}/{}", f.name());
            let mut data = Vec::with_capacity(f.size() as usize);
            // Read at most what the entry declared (plus one byte to notice a lie).
            (&mut f).take(budget.saturating_add(1)).read_to_end(&mut data).map_err(|e| bad(e.to_string()))?;
            if data.len() as u64 > budget {
                return Err(bad("giải nén vượt giới hạn / unzipped size over the limit".into()));
            }
            budget -= data.len() as u64;
            out.push((inner, data));
        }
        if found == 0 {
            return Err(Error::new(
                "zip_empty",
                "Tệp nén không có bảng tính nào (.xlsx, .xls, .ods, .csv).",
                "The archive holds no spreadsheet (.xlsx, .xls, .ods, .csv).",
            )
            .in_file(&name));
        }
    }
    Ok(out)
}

impl Session {
    /// Several files as one analysis (see the module doc). One file is read
    /// exactly as [`Session::open`] reads it. A mapping fix names a sheet as
    /// the page shows it, «file › sheet».
    pub fn open_files(files: Vec<(String, Vec<u8>)>, opts: SessionOptions, progress: &dyn Progress) -> Result<Session> {
        let files = expand_archives(files, &opts.open.limits)?;
        if files.len() == 1 {
            let (name, bytes) = files.into_iter().next().expect("one file");
            return Session::open(bytes, &name, opts, progress);
        }
        if files.is_empty() {
            return Err(Error::new("no_files", "Chưa chọn tệp nào.", "No file was given."));
        }
        if let Some((name, _)) = files.iter().find(|(_, b)| crate::store::is_workspace(b)) {
            return Err(Error::new(
                "workspace_among_files",
                "Không gian làm việc (.thonso) được mở riêng, không cùng các tệp khác.",
                "A workspace (.thonso) is opened on its own, not with other files.",
            )
            .in_file(name));
        }
        let fw = opts.framework.clone().unwrap_or_else(crate::framework::Framework::default_vn);
        let intake = fw.intake();
        let n = files.len();
        let mut pooled = ingest::Workbook { file_name: String::new(), format: Format::Csv, text_encoding: None, sheets: Vec::new(), sha256: String::new() };
        let mut hashes = String::new();
        let mut names = Vec::with_capacity(n);
        for (k, (name, bytes)) in files.into_iter().enumerate() {
            progress.report(50 * k / n, 100, "read");
            // The user's mapping fixes for this file's sheets, by the sheet's own name.
            let prefix = format!("{name}{SHEET_SEP}");
            let mut open = opts.open.clone();
            open.sha256 = None;
            open.mapping = opts.open.mapping.iter().filter_map(|(s, m)| s.strip_prefix(&prefix).map(|s| (s.to_string(), m.clone()))).collect();
            let wb = ingest::open(bytes.into(), &name, &intake, &open, &ingest::NoProgress)?;
            hashes.push_str(&wb.sha256);
            pooled.format = wb.format;
            for mut s in wb.sheets {
                s.name = format!("{prefix}{}", s.name);
                pooled.sheets.push(s);
            }
            names.push(name);
        }
        pooled.file_name = format!("{n} tệp / files: {}", names.join(", "));
        pooled.sha256 = crate::sha256_hex(hashes.as_bytes());
        Session::from_workbook(pooled, opts, progress)
    }
}
