//! Checks run before calamine sees a file: calamine trusts the sizes and
//! offsets a workbook declares, and in the browser build (`panic = "abort"`)
//! a panic or an allocation failure kills the worker. Each guard mirrors what
//! calamine 0.32 would read and reports the first thing it would trip on.
//!
//! - `cfb_check`: OLE compound files (.xls): sector chains in range and
//!   acyclic, the workbook stream, encryption, the largest claimed sheet.
//! - `xls_guard`: records of an .xls workbook stream that calamine would
//!   slice out of range, and cell spans it would allocate.
//! - `xlsb_guard`: the same for the parts of an .xlsb.
//!
//! They depend on nothing else in `ingest`; `format` calls them while
//! detecting a file's format, `workbook` before opening an .xls.

pub(super) mod cfb_check;
pub(super) mod xls_guard;
pub(super) mod xlsb_guard;
