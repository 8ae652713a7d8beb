//! Errors and diagnostics, bilingual (Vietnamese first) and located.
//!
//! Expected problems with a file are data (`Diagnostic`), listed and shown to
//! the user; a file that cannot be used at all is one `Error`. Every message
//! names where (file, sheet, row as Excel numbers it, column) and says what to do.

use serde::Serialize;
use std::fmt;

/// One clear, located, bilingual error. Serialised for the CLI's `--json` and
/// thrown as a JS `Error` by the wasm skin.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Error {
    /// Stable machine-readable code, e.g. `unknown_format`, `too_many_cells`.
    pub code: &'static str,
    /// Vietnamese message (primary).
    pub message: String,
    /// English message.
    pub message_en: String,
    pub file: Option<String>,
    pub sheet: Option<String>,
    /// 1-based row, as Excel numbers it.
    pub row: Option<u32>,
    pub column: Option<String>,
    /// What a library reported (a zip or XML reader's words, a part's path
    /// inside the file): for a bug report, never part of the messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Error {
    pub fn new(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Error {
        Error { code, message: vi.into(), message_en: en.into(), file: None, sheet: None, row: None, column: None, detail: None }
    }
    /// Keeps a technical detail beside the plain messages.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Error {
        self.detail = Some(detail.into());
        self
    }
    pub fn in_file(mut self, file: &str) -> Error {
        if self.file.is_none() {
            self.file = Some(file.to_string());
        }
        self
    }
    pub fn in_sheet(mut self, sheet: &str) -> Error {
        self.sheet = Some(sheet.to_string());
        self
    }
    pub fn at(mut self, row: Option<u32>, column: Option<String>) -> Error {
        self.row = row;
        self.column = column;
        self
    }
    /// "file, sheet, row, column" prefix for plain-text output.
    pub fn location(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = &self.file {
            parts.push(f.clone());
        }
        if let Some(s) = &self.sheet {
            parts.push(format!("trang tính «{s}»"));
        }
        if let Some(r) = self.row {
            parts.push(format!("dòng {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(format!("cột «{c}»"));
        }
        parts.join(", ")
    }
    /// Internal failures (a bug, not the user's file): exit code 1 in the CLI.
    pub fn is_internal(&self) -> bool {
        self.code == "internal"
    }
    /// The library's words go to `detail`: a user cannot act on them.
    pub fn internal(what: impl fmt::Display) -> Error {
        Error::new(
            "internal",
            "Lỗi nội bộ của Thôn Số (không phải lỗi của tệp). Vui lòng báo lỗi kèm tệp mẫu và chi tiết kỹ thuật.",
            "Internal Thôn Số error (not a fault of the file). Please report it with a sample file and the technical detail.",
        )
        .with_detail(what.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = self.location();
        if loc.is_empty() {
            write!(f, "{}\n{}", self.message, self.message_en)
        } else {
            write!(f, "{loc}: {}\n{}", self.message, self.message_en)
        }
    }
}

impl std::error::Error for Error {}

impl From<polars::error::PolarsError> for Error {
    fn from(e: polars::error::PolarsError) -> Error {
        Error::internal(e)
    }
}

/// A problem with one cell or column that did not stop the file from being used.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Diagnostic {
    /// 1-based row, as Excel numbers it; `None` for whole-column/sheet notes.
    pub row: Option<u32>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub message: String,
    pub message_en: String,
}

impl Diagnostic {
    pub fn cell(row: u32, column: &str, value: &str, vi: impl Into<String>, en: impl Into<String>) -> Diagnostic {
        Diagnostic {
            row: Some(row),
            column: Some(column.to_string()),
            value: Some(truncate(value, 120)),
            message: vi.into(),
            message_en: en.into(),
        }
    }
    pub fn note(vi: impl Into<String>, en: impl Into<String>) -> Diagnostic {
        Diagnostic { row: None, column: None, value: None, message: vi.into(), message_en: en.into() }
    }
}

pub fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max_chars).collect();
        t.push('…');
        t
    }
}

pub type Result<T> = std::result::Result<T, Error>;
