//! Parts of an .xlsb that would make calamine 0.32 panic.
//!
//! Like `xls_guard` for .xls: the browser build aborts on panic, so the
//! slices calamine takes without bounds checks while opening an .xlsb
//! (shared-string count, style counts, the sheet list in xl/workbook.bin,
//! extern sheets, defined names and their formulas) and while reading each
//! worksheet's cells are checked here first, mirroring calamine/src/xlsb
//! step by step, including its habit of not consuming the body of a record
//! type it does not handle. Not covered: cell formulas, which calamine
//! parses only when asked for them (the intake never does).

use std::io::{Cursor, Read};

/// No part is inflated past this for the check, nor all parts together past
/// `MAX_TOTAL` (the check runs before the zip-bomb check); what is bigger is
/// left to the zip-size checks and calamine.
const MAX_PART: u64 = 64 << 20;
const MAX_TOTAL: u64 = 256 << 20;

/// calamine's `RecordIter` over one inflated part. `None` from a read is an
/// I/O error, on which calamine stops.
struct Records<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Records<'_> {
    fn u8(&mut self) -> Option<u8> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }
    fn read_type(&mut self) -> Option<u16> {
        let b = self.u8()?;
        Some(if b & 0x80 != 0 { u16::from(b & 0x7F) + (u16::from(self.u8()? & 0x7F) << 7) } else { u16::from(b) })
    }
    /// Reads a record body into `buf`, which like calamine's only grows;
    /// returns the body's length.
    fn fill(&mut self, buf: &mut Vec<u8>) -> Option<usize> {
        let mut b = self.u8()?;
        let mut len = (b & 0x7F) as usize;
        for i in 1..4 {
            if b & 0x80 == 0 {
                break;
            }
            b = self.u8()?;
            len += ((b & 0x7F) as usize) << (7 * i);
        }
        if buf.len() < len {
            *buf = vec![0; len];
        }
        let body = self.data.get(self.pos..self.pos.checked_add(len)?)?;
        buf[..len].copy_from_slice(body);
        self.pos += len;
        Some(len)
    }
    /// calamine's `next_skip_blocks` with no blocks to skip.
    fn next_of(&mut self, typ: u16, buf: &mut Vec<u8>) -> Option<usize> {
        loop {
            let t = self.read_type()?;
            let len = self.fill(buf)?;
            if t == typ {
                return Some(len);
            }
        }
    }
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i.checked_add(4)?).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A part of the zip, found as calamine finds it (`exact`: by exact name,
/// otherwise case-insensitively with `\` read as `/`). `None`: absent or
/// unreadable, which calamine skips or stops on.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str, budget: &mut u64) -> Option<Vec<u8>> {
    let name = zip.file_names().find(|n| n.replace('\\', "/").eq_ignore_ascii_case(path)).unwrap_or(path).to_string();
    let f = zip.by_name(&name).ok()?;
    let limit = MAX_PART.min(*budget);
    let mut out = Vec::new();
    // calamine reads a part as a stream, so a damaged part still yields the
    // bytes before the damage: keep them too.
    let _ = f.take(limit + 1).read_to_end(&mut out);
    *budget = budget.saturating_sub(out.len() as u64);
    (out.len() as u64 <= limit).then_some(out)
}

/// The first structure calamine would slice out of range while opening the
/// .xlsb, named, or `None`.
pub fn hazard(bytes: &[u8]) -> Option<&'static str> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut budget = MAX_TOTAL;
    // The shared strings calamine holds: the count BrtBeginSst declares
    // (opening fails if fewer follow).
    let mut strings = 0u64;
    if let Some(sst) = part(&mut zip, "xl/sharedStrings.bin", &mut budget) {
        let mut buf = Vec::new();
        // BrtBeginSst: the count is read from bytes 4..8 of the buffer.
        if (Records { data: &sst, pos: 0 }).next_of(0x009F, &mut buf).is_some() {
            match u32_at(&buf, 4) {
                Some(n) => strings = u64::from(n),
                None => return Some("shared strings header"),
            }
        }
    }
    if let Some(styles) = part(&mut zip, "xl/styles.bin", &mut budget) {
        if let Err(what) = styles_walk(&styles) {
            return what;
        }
    }
    let rels = relationship_ids(zip.by_name("xl/_rels/workbook.bin.rels").ok().and_then(|f| {
        let mut s = Vec::new();
        f.take(MAX_PART).read_to_end(&mut s).ok().map(|_| s)
    }));
    let wb = part(&mut zip, "xl/workbook.bin", &mut budget)?;
    let mut sheets = Vec::new();
    match workbook_walk(&wb, rels.as_ref(), &mut sheets) {
        Err(Some(what)) => return Some(what),
        Err(None) => return None,
        Ok(()) => {}
    }
    // Each sheet is read on its own; one that fails is skipped.
    for path in sheets {
        if let Some(data) = part(&mut zip, &path, &mut budget) {
            if let Err(Some(what)) = sheet_walk(&data, strings) {
                return Some(what);
            }
        }
    }
    None
}

/// calamine's `XlsbCellsReader`: the sheet dimensions, then each cell.
fn sheet_walk(data: &[u8], strings: u64) -> Walk {
    let mut it = Records { data, pos: 0 };
    let mut buf: Vec<u8> = Vec::new();
    it.next_of(0x0094, &mut buf).ok_or(None)?;
    let dims = buf.get(..16).ok_or(Some("sheet dimensions"))?;
    let u = |i: usize| u32_at(dims, i).unwrap_or(0);
    // `Dimensions::len` subtracts in u32.
    let (r0, r1, c0, c1) = (u(0), u(4), u(8), u(12));
    if super::xls_guard::OVERFLOW_PANICS && (r1 < r0 || c1 < c0 || r1 - r0 == u32::MAX || c1 - c0 == u32::MAX) {
        return Err(Some("sheet dimensions"));
    }
    // BrtBeginSheetData, skipping the blocks calamine skips.
    loop {
        let t = it.read_type().ok_or(None)?;
        it.fill(&mut buf).ok_or(None)?;
        if t == 0x0091 {
            break;
        }
        let end = match t {
            0x0085 => 0x0086,
            0x0025 => 0x0026,
            0x0186 => 0x0187,
            _ => continue,
        };
        while it.read_type().ok_or(None)? != end {
            it.fill(&mut buf).ok_or(None)?;
        }
        it.fill(&mut buf).ok_or(None)?;
    }
    loop {
        buf.clear();
        let t = it.read_type().ok_or(None)?;
        let len = it.fill(&mut buf).ok_or(None)?;
        let need = match t {
            0x0002 | 0x0007 => 12,
            0x0003 | 0x0004 | 0x000A => 9,
            0x0005 | 0x0009 => 16,
            0x0006 | 0x0008 => 12,
            0x0000 => 4,
            0x0092 => return Ok(()),
            _ => continue,
        };
        if len < need {
            return Err(Some("sheet cell"));
        }
        match t {
            0x0003 if !matches!(buf[8], 0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B) => return Err(None),
            0x0006 | 0x0008 if (len as u64) < 12 + 2 * u64::from(u32_at(&buf, 8).unwrap_or(0)) => return Err(None),
            // A shared-string index past the table.
            0x0007 if u64::from(u32_at(&buf, 8).unwrap_or(0)) >= strings => return Err(Some("shared string index")),
            0x0000 if u32_at(&buf, 0).unwrap_or(0) > 0x0010_0000 => return Ok(()),
            _ => {}
        }
    }
}

/// `Err(Some(what))`: calamine panics; `Err(None)`: it stops with an error.
type Walk = Result<(), Option<&'static str>>;

fn styles_walk(data: &[u8]) -> Walk {
    let mut it = Records { data, pos: 0 };
    let mut buf: Vec<u8> = Vec::new();
    loop {
        match it.read_type().ok_or(None)? {
            // BrtBeginFmts, then each BrtFmt: a count, a u16 and a wide string.
            0x0267 => {
                it.fill(&mut buf).ok_or(None)?;
                let n = u32_at(&buf, 0).ok_or(Some("styles: format count"))?;
                for _ in 0..n {
                    it.next_of(0x002C, &mut buf).ok_or(None)?;
                    let len = u64::from(u32_at(&buf, 2).ok_or(Some("styles: number format"))?);
                    if (buf.len() as u64) < 6 + 2 * len {
                        return Err(None);
                    }
                }
            }
            // BrtBeginCellXFs: a count, then a u16 at 2..4 of each BrtXF.
            0x0269 => {
                it.fill(&mut buf).ok_or(None)?;
                u32_at(&buf, 0).ok_or(Some("styles: cell format count"))?;
                return Ok(());
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Relationships of xl/_rels/workbook.bin.rels: `Id` raw as calamine keeps
/// it, and the target. `None` when the part is absent.
fn relationship_ids(xml: Option<Vec<u8>>) -> Option<Vec<(Vec<u8>, String)>> {
    let xml = xml?;
    let mut ids = Vec::new();
    let mut rest = &xml[..];
    while let Some(i) = rest.windows(13).position(|w| w == b"<Relationship") {
        rest = &rest[i + 13..];
        if !rest.first().is_some_and(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>') {
            continue;
        }
        let end = rest.iter().position(|&c| c == b'>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let attr = |key: &[u8]| -> Option<Vec<u8>> {
            let mut t = tag;
            while let Some(k) = t.windows(key.len() + 1).position(|w| &w[..key.len()] == key && w[key.len()] == b'=') {
                let before_ok = k == 0 || t[k - 1].is_ascii_whitespace();
                t = &t[k + key.len() + 1..];
                let q = *t.first()?;
                if before_ok && (q == b'"' || q == b'\'') {
                    let close = t[1..].iter().position(|&c| c == q)?;
                    return Some(t[1..1 + close].to_vec());
                }
            }
            None
        };
        if let (Some(id), Some(target)) = (attr(b"Id"), attr(b"Target")) {
            ids.push((id, String::from_utf8_lossy(&target).into_owned()));
        }
    }
    Some(ids)
}

/// Walks xl/workbook.bin; the sheets' part paths go to `sheets`.
fn workbook_walk(data: &[u8], rels: Option<&Vec<(Vec<u8>, String)>>, sheets: &mut Vec<String>) -> Walk {
    let mut it = Records { data, pos: 0 };
    let mut buf: Vec<u8> = Vec::new();
    loop {
        match it.read_type().ok_or(None)? {
            // BrtWbProp: its first byte.
            0x0099 => {
                it.fill(&mut buf).ok_or(None)?;
                if buf.is_empty() {
                    return Err(Some("workbook properties"));
                }
            }
            // BrtBundleSh: state, id, relationship id, name.
            0x009C => {
                let len = it.fill(&mut buf).ok_or(None)?;
                let rel_len = u32_at(&buf[..len], 8).ok_or(Some("sheet entry"))?;
                if rel_len != u32::MAX {
                    let id_end = 12 + 2 * rel_len as u64;
                    if (len as u64) < id_end {
                        return Err(Some("sheet entry"));
                    }
                    let id_end = id_end as usize;
                    let units: Vec<u16> = buf[12..id_end].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
                    let id = String::from_utf16_lossy(&units);
                    let Some((_, target)) = rels.and_then(|r| r.iter().find(|x| x.0 == id.as_bytes())) else {
                        return Err(Some("sheet relationship"));
                    };
                    let path = format!("xl/{target}");
                    if u32_at(&buf, 0).is_none_or(|v| v > 2) {
                        return Err(None);
                    }
                    // The sheet type comes from the target path, then the name.
                    let name_len = u32_at(&buf[..len], id_end).ok_or(Some("sheet name"))? as u64;
                    if (len as u64) < id_end as u64 + 4 + 2 * name_len || !matches!(path.split('/').nth(1), Some("worksheets" | "chartsheets" | "dialogsheets"))
                    {
                        return Err(None);
                    }
                    sheets.push(path);
                }
            }
            0x0090 => break,
            _ => {}
        }
        buf.clear();
    }
    loop {
        match it.read_type().ok_or(None)? {
            // BrtExternSheet: a count, then 12-byte entries read at 4..8.
            0x016A => {
                it.fill(&mut buf).ok_or(None)?;
                let n = u32_at(&buf, 0).ok_or(Some("extern sheets"))? as usize;
                if buf.get(4..).is_some_and(|b| b.chunks(12).take(n).any(|c| c.len() < 8)) {
                    return Err(Some("extern sheets"));
                }
            }
            // BrtName: flags, a wide-string name, then the formula.
            0x0027 => {
                let len = it.fill(&mut buf).ok_or(None)?;
                let name = buf.get(9..len).ok_or(Some("defined name"))?;
                let n = u64::from(u32_at(name, 0).ok_or(Some("defined name"))?);
                if (name.len() as u64) < 4 + 2 * n {
                    return Err(None);
                }
                let at = 13 + 2 * n as usize;
                let cce = u64::from(u32_at(&buf, at).ok_or(Some("defined name"))?);
                if (buf.len() as u64) < at as u64 + 4 + cce {
                    return Err(Some("defined name"));
                }
                formula(&buf[at + 4..at + 4 + cce as usize])?;
            }
            0x009D | 0x0225 | 0x018D | 0x0180 | 0x009A | 0x0252 | 0x0229 | 0x009B | 0x0084 => return Ok(()),
            _ => {}
        }
    }
}

/// calamine's xlsb `parse_formula` token walk (defined names): the slice
/// each token takes. Stack-depth errors are not modelled (see `xls_guard`).
fn formula(mut t: &[u8]) -> Walk {
    const P: Option<&str> = Some("defined-name formula");
    let overflow = super::xls_guard::OVERFLOW_PANICS;
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map(|s| u16::from_le_bytes([s[0], s[1]]));
    while let Some((&ptg, rest)) = t.split_first() {
        t = rest;
        let size = match ptg {
            0x3a | 0x5a | 0x7a => {
                if t.len() >= 8 && overflow && u32_at(t, 2) == Some(u32::MAX) {
                    return Err(P);
                }
                8
            }
            0x3b | 0x5b | 0x7b => {
                if t.len() >= 14 && overflow && (u32_at(t, 2) == Some(u32::MAX) || u32_at(t, 6) == Some(u32::MAX)) {
                    return Err(P);
                }
                14
            }
            0x3c | 0x5c | 0x7c => 8,
            0x3d | 0x5d | 0x7d | 0x20 | 0x40 | 0x60 => 14,
            0x01 => 4,
            0x03..=0x16 => 0,
            0x17 => 2 + 2 * u16_at(t, 0).ok_or(P)? as usize,
            0x18 => match *t.first().ok_or(P)? {
                0x19 => 13,
                0x1D => 5,
                _ => return Err(None),
            },
            0x19 => match *t.first().ok_or(P)? {
                0x01 | 0x02 | 0x08 | 0x20 | 0x21 | 0x40 | 0x41 | 0x80 | 0x10 => 3,
                0x04 => 11,
                _ => return Err(None),
            },
            0x1C => {
                if !matches!(*t.first().ok_or(P)?, 0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B) {
                    return Err(None);
                }
                1
            }
            0x1D => 1,
            0x1E => 2,
            0x1F => 8,
            0x21 | 0x41 | 0x61 => match u16_at(t, 0).ok_or(P)? as usize {
                i if i > 485 => return Err(None),
                485 => return Err(P),
                _ => 2,
            },
            // calamine indexes the function table directly here, with or without arguments.
            0x22 | 0x42 | 0x62 => {
                if u16_at(t, 1).ok_or(P)? as usize >= 485 {
                    return Err(P);
                }
                3
            }
            0x23 | 0x43 | 0x63 => {
                if u32_at(t, 0).ok_or(P)? == 0 && overflow {
                    return Err(P);
                }
                4
            }
            0x24 | 0x44 | 0x64 => {
                if t.len() >= 6 && overflow && u32_at(t, 0) == Some(u32::MAX) {
                    return Err(P);
                }
                6
            }
            0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => 12,
            0x2A | 0x4A | 0x6A | 0x39 | 0x59 | 0x79 => 6,
            0x29 | 0x49 | 0x69 => {
                let cce = u16_at(t, 0).ok_or(P)? as usize;
                formula(t.get(2..2 + cce).ok_or(P)?)?;
                2 + cce
            }
            _ => return Err(None),
        };
        t = t.get(size..).ok_or(P)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn xlsb(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, data) in parts {
            w.start_file(*name, opts).expect("zip entry");
            w.write_all(data).expect("zip write");
        }
        w.finish().expect("zip").into_inner()
    }

    /// One record: BrtBundleSh (0x9C) is type bytes 9C 01.
    fn rec(typ: &[u8], body: &[u8]) -> Vec<u8> {
        [typ, &[body.len() as u8], body].concat()
    }

    /// Whether calamine itself panics opening the file and reading its sheets.
    fn calamine_panics(file: &[u8]) -> bool {
        use calamine::Reader;
        std::panic::catch_unwind(|| {
            if let Ok(mut x) = calamine::Xlsb::new(Cursor::new(file)) {
                let _ = x.worksheets();
            }
        })
        .is_err()
    }

    const RELS: &[u8] = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.bin"/></Relationships>"#;

    fn bundle() -> Vec<u8> {
        // State, sheet id, relationship id "rId1" (4 UTF-16 units), name "S".
        let mut b = vec![0, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0];
        b.extend("rId1".encode_utf16().flat_map(u16::to_le_bytes));
        b.extend([1, 0, 0, 0, b'S', 0]);
        b
    }

    #[test]
    fn short_sheet_entry_is_a_hazard() {
        let wb = [rec(&[0x9C, 0x01], &[0, 0, 0, 0]), rec(&[0x90, 0x01], &[])].concat();
        let file = xlsb(&[("xl/workbook.bin", &wb), ("xl/_rels/workbook.bin.rels", RELS)]);
        assert_eq!(hazard(&file), Some("sheet entry"));
        assert!(calamine_panics(&file));
    }

    #[test]
    fn cells_are_walked_like_calamine() {
        let wb = [rec(&[0x9C, 0x01], &bundle()), rec(&[0x90, 0x01], &[]), rec(&[0x9D, 0x01], &[])].concat();
        let sheet = |cell: Vec<u8>| [rec(&[0x94, 0x01], &[0; 16]), rec(&[0x91, 0x01], &[]), cell, rec(&[0x92, 0x01], &[])].concat();
        // A shared-string cell pointing past an empty table.
        let isst = sheet(rec(&[0x07], &[0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0]));
        let file = xlsb(&[("xl/workbook.bin", &wb), ("xl/_rels/workbook.bin.rels", RELS), ("xl/worksheets/sheet1.bin", &isst)]);
        assert_eq!(hazard(&file), Some("shared string index"));
        assert!(calamine_panics(&file));
        // A number cell cut short, and a whole one.
        let short = sheet(rec(&[0x05], &[0; 10]));
        let file = xlsb(&[("xl/workbook.bin", &wb), ("xl/_rels/workbook.bin.rels", RELS), ("xl/worksheets/sheet1.bin", &short)]);
        assert_eq!(hazard(&file), Some("sheet cell"));
        assert!(calamine_panics(&file));
        let fine = sheet(rec(&[0x05], &[0; 16]));
        let file = xlsb(&[("xl/workbook.bin", &wb), ("xl/_rels/workbook.bin.rels", RELS), ("xl/worksheets/sheet1.bin", &fine)]);
        assert_eq!(hazard(&file), None);
        assert!(!calamine_panics(&file));
    }
}
