//! A tiny .xls writer for tests: BIFF8 records in a minimal OLE compound
//! file. Sheets of numbers and text (a shared-string table and LABELSST
//! cells, as Excel writes them). Text and sheet names made only of
//! characters up to U+00FF are stored as 8-bit "compressed" strings, the
//! way a pre-Unicode workbook typed in a TCVN3 or VNI font holds them;
//! anything else as UTF-16.
#![allow(dead_code)]

/// A cell value.
pub enum XCell<'a> {
    Number(f64),
    Text(&'a str),
}

/// One worksheet: its name, its cells (0-based row, column) and, if given,
/// the DIMENSIONS it claims (first row, last row exclusive, last column
/// exclusive) instead of the cells' true bounds.
pub struct XSheet<'a> {
    pub name: &'a str,
    pub cells: Vec<(u16, u16, XCell<'a>)>,
    pub dims: Option<(u32, u32, u16)>,
}

/// A BIFF8 record.
pub fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut r = kind.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

/// The option byte and characters of a BIFF8 string: 8-bit when every
/// character fits in a byte (fHighByte = 0), else UTF-16 (fHighByte = 1).
fn string_body(s: &str) -> (u8, Vec<u8>) {
    if s.chars().all(|c| (c as u32) < 0x100) {
        (0, s.chars().map(|c| c as u8).collect())
    } else {
        (1, s.encode_utf16().flat_map(u16::to_le_bytes).collect())
    }
}

fn char_count(s: &str) -> usize {
    if s.chars().all(|c| (c as u32) < 0x100) {
        s.chars().count()
    } else {
        s.encode_utf16().count()
    }
}

fn bof(dt: u16) -> Vec<u8> {
    let mut d = Vec::new();
    for v in [0x0600u16, dt, 0x0DBB, 0x07CC] {
        d.extend(v.to_le_bytes());
    }
    d.extend([0u8; 4]);
    d.extend(6u32.to_le_bytes());
    record(0x0809, &d)
}

/// BOUNDSHEET: the sheet's stream offset and its (short) name.
fn boundsheet(pos: u32, name: &str) -> Vec<u8> {
    let mut d = pos.to_le_bytes().to_vec();
    let (flag, body) = string_body(name);
    // Visible worksheet, then ShortXLUnicodeString (8-bit count).
    d.extend([0, 0, char_count(name) as u8, flag]);
    d.extend(body);
    record(0x0085, &d)
}

/// An .xls workbook (BIFF8 in OLE) with these sheets.
pub fn workbook(sheets: &[XSheet<'_>]) -> Vec<u8> {
    // The shared strings, each once, in order of first use.
    let mut sst: Vec<&str> = Vec::new();
    let mut total = 0u32;
    for s in sheets {
        for (_, _, c) in &s.cells {
            if let XCell::Text(t) = c {
                total += 1;
                if !sst.contains(t) {
                    sst.push(t);
                }
            }
        }
    }
    let mut bodies = Vec::new();
    for s in sheets {
        let mut body = bof(0x0010);
        let (first, last, cols) = s.dims.unwrap_or_else(|| {
            let rows = s.cells.iter().map(|c| u32::from(c.0) + 1).max().unwrap_or(0);
            let cols = s.cells.iter().map(|c| c.1 + 1).max().unwrap_or(0);
            (0, rows, cols)
        });
        let mut d = first.to_le_bytes().to_vec();
        d.extend(last.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(cols.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        body.extend(record(0x0200, &d));
        for (row, col, cell) in &s.cells {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend(0u16.to_le_bytes()); // XF
            match cell {
                XCell::Number(v) => {
                    d.extend(v.to_le_bytes());
                    body.extend(record(0x0203, &d));
                }
                XCell::Text(t) => {
                    let k = sst.iter().position(|x| x == t).unwrap_or(0) as u32;
                    d.extend(k.to_le_bytes());
                    body.extend(record(0x00FD, &d));
                }
            }
        }
        body.extend(record(0x000A, &[]));
        bodies.push(body);
    }
    let mut head = bof(0x0005);
    head.extend(record(0x0042, &1200u16.to_le_bytes())); // CODEPAGE: UTF-16
    let mut tail = Vec::new();
    if !sst.is_empty() {
        let mut d = total.to_le_bytes().to_vec();
        d.extend((sst.len() as u32).to_le_bytes());
        for t in &sst {
            let (flag, body) = string_body(t);
            d.extend((char_count(t) as u16).to_le_bytes());
            d.push(flag);
            d.extend(body);
        }
        assert!(d.len() <= 8224, "one SST record, no CONTINUE");
        tail.extend(record(0x00FC, &d));
    }
    tail.extend(record(0x000A, &[]));
    let globals_len = head.len() + sheets.iter().map(|s| boundsheet(0, s.name).len()).sum::<usize>() + tail.len();
    let mut pos = globals_len as u32;
    let mut out = head;
    for (s, b) in sheets.iter().zip(&bodies) {
        out.extend(boundsheet(pos, s.name));
        pos += b.len() as u32;
    }
    out.extend(tail);
    for b in bodies {
        out.extend(b);
    }
    ole(&[("Workbook", out)])
}

/// A minimal OLE compound file (version 3, 512-byte sectors) with these
/// streams in its root storage. Each stream is padded to 4096 bytes so that
/// it lives in ordinary sectors (no mini stream); up to ~60 KB in all.
pub fn ole(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;
    // Sectors: 0 FAT, 1 directory, then the streams one after another.
    let mut fat = vec![FATSECT, END];
    let mut data = Vec::new();
    let mut starts = Vec::new();
    for (_, bytes) in streams {
        let mut bytes = bytes.clone();
        bytes.resize(bytes.len().max(4096).div_ceil(512) * 512, 0);
        let first = fat.len() as u32;
        let n = (bytes.len() / 512) as u32;
        for s in first..first + n {
            fat.push(if s == first + n - 1 { END } else { s + 1 });
        }
        starts.push((first, bytes.len() as u32));
        data.extend(bytes);
    }
    assert!(fat.len() <= 128 && streams.len() <= 3, "one FAT sector, one directory sector");
    fat.resize(128, FREE);
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put16 = |h: &mut Vec<u8>, off: usize, v: u16| h[off..off + 2].copy_from_slice(&v.to_le_bytes());
    put16(&mut h, 24, 0x3E);
    put16(&mut h, 26, 3);
    put16(&mut h, 28, 0xFFFE);
    put16(&mut h, 30, 9);
    put16(&mut h, 32, 6);
    let put32 = |h: &mut Vec<u8>, off: usize, v: u32| h[off..off + 4].copy_from_slice(&v.to_le_bytes());
    put32(&mut h, 44, 1); // FAT sectors
    put32(&mut h, 48, 1); // first directory sector
    put32(&mut h, 56, 4096); // mini stream cutoff
    put32(&mut h, 60, END); // no mini FAT
    put32(&mut h, 68, END); // no DIFAT sectors
    put32(&mut h, 76, 0); // DIFAT[0] = sector 0
    for i in 1..109 {
        put32(&mut h, 76 + 4 * i, FREE);
    }
    let entry = |name: &str, kind: u8, right: u32, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[67] = 1; // black
        e[68..72].copy_from_slice(&FREE.to_le_bytes()); // no left sibling
        e[72..76].copy_from_slice(&right.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    // The streams hang off the root as a chain of right siblings.
    let mut dir = entry("Root Entry", 5, FREE, if streams.is_empty() { FREE } else { 1 }, END, 0);
    for (i, ((name, _), (start, size))) in streams.iter().zip(&starts).enumerate() {
        let right = if i + 1 < streams.len() { i as u32 + 2 } else { FREE };
        dir.extend(entry(name, 2, right, FREE, *start, *size));
    }
    dir.resize(512, 0);
    let mut out = h;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(data);
    out
}
