//! A structural check of OLE compound files (.xls) before calamine reads
//! them. calamine follows sector chains without cycle or bounds checks, so a
//! hostile or damaged file (e.g. a FAT loop) would hang or panic the reader.
//! Here every chain table is checked: no pointer out of range, no cycle.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Values at or above this are markers (free, end, FAT, DIFAT), not pointers.
const RESERVED: u32 = 0xFFFF_FFFA;

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    b.get(off..off + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn sector(bytes: &[u8], size: usize, id: u32) -> Option<&[u8]> {
    // Sector n starts after the header, which is one sector long.
    let start = (id as usize).checked_add(1)?.checked_mul(size)?;
    bytes.get(start..start.checked_add(size)?.min(bytes.len())).filter(|s| !s.is_empty())
}

/// `true` when every chain in `table` ends without a loop and every pointer
/// stays inside the table.
fn chains_ok(table: &[u32]) -> bool {
    // 0 = unvisited, 1 = on the current path, 2 = known to terminate.
    let mut state = vec![0u8; table.len()];
    for start in 0..table.len() {
        let mut path = Vec::new();
        let mut cur = start as u32;
        loop {
            if cur >= RESERVED {
                break;
            }
            let Some(&next) = table.get(cur as usize) else {
                return false;
            };
            match state[cur as usize] {
                2 => break,
                1 => return false,
                _ => {}
            }
            state[cur as usize] = 1;
            path.push(cur);
            cur = next;
        }
        for p in path {
            state[p as usize] = 2;
        }
    }
    true
}

fn follow(table: &[u32], start: u32, limit: usize) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut cur = start;
    while cur != ENDOFCHAIN && cur < RESERVED {
        out.push(cur);
        if out.len() > limit {
            return None;
        }
        cur = *table.get(cur as usize)?;
    }
    Some(out)
}

/// Sector size and the FAT (every DIFAT and FAT sector read, bounded by the
/// file's size).
fn sector_size_and_fat(bytes: &[u8]) -> Result<(usize, Vec<u32>), &'static str> {
    let header = bytes.get(..512).ok_or("header too short")?;
    let shift = u16::from_le_bytes([header[30], header[31]]);
    let size = match shift {
        9 => 512,
        12 => 4096,
        _ => return Err("bad sector size"),
    };
    let n_sectors = bytes.len() / size + 1;
    // DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(header, 76 + 4 * i)).collect();
    let mut next = u32_at(header, 68).ok_or("header")?;
    let mut seen = std::collections::HashSet::new();
    while next < RESERVED {
        if !seen.insert(next) || seen.len() > n_sectors {
            return Err("DIFAT loop");
        }
        let s = sector(bytes, size, next).ok_or("DIFAT beyond end of file")?;
        let entries: Vec<u32> = (0..size / 4).filter_map(|i| u32_at(s, 4 * i)).collect();
        let (last, rest) = entries.split_last().ok_or("DIFAT sector")?;
        difat.extend_from_slice(rest);
        next = *last;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < RESERVED) {
        let s = sector(bytes, size, id).ok_or("FAT sector beyond end of file")?;
        fat.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
        if fat.len() > n_sectors * (size / 4) {
            return Err("FAT larger than the file");
        }
    }
    Ok((size, fat))
}

/// `Err(reason)` when the compound file would send a reader into a loop or
/// out of bounds.
pub fn check(bytes: &[u8]) -> Result<(), &'static str> {
    let (size, fat) = sector_size_and_fat(bytes)?;
    let header = bytes.get(..512).ok_or("header too short")?;
    if !chains_ok(&fat) {
        return Err("FAT chain loop or out-of-range pointer");
    }
    for start in [u32_at(header, 48).ok_or("header")?, u32_at(header, 60).ok_or("header")?] {
        if start < RESERVED && start as usize >= fat.len() {
            return Err("chain start out of range");
        }
    }
    // Mini FAT, read through the (now safe) FAT.
    let mini_start = u32_at(header, 60).ok_or("header")?;
    let mini_ids = follow(&fat, mini_start, fat.len()).ok_or("mini FAT chain")?;
    let mut mini = Vec::new();
    // calamine reads no mini FAT at all when the header counts no sectors for it.
    let mini_ids = if u32_at(header, 64).ok_or("header")? == 0 { Vec::new() } else { mini_ids };
    for id in mini_ids {
        let s = sector(bytes, size, id).ok_or("mini FAT beyond end of file")?;
        mini.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    if !chains_ok(&mini) {
        return Err("mini FAT chain loop");
    }
    // Directory entries: stream starts must be inside their table.
    let dir_start = u32_at(header, 48).ok_or("header")?;
    let dir_ids = follow(&fat, dir_start, fat.len()).ok_or("directory chain")?;
    for id in dir_ids {
        let s = sector(bytes, size, id).ok_or("directory beyond end of file")?;
        for e in s.chunks(128).filter(|e| e.len() == 128) {
            let kind = e[66];
            let start = u32_at(e, 116).unwrap_or(ENDOFCHAIN);
            let len = u32_at(e, 120).unwrap_or(0);
            if kind == 0 || start >= RESERVED {
                continue;
            }
            let table_len = if kind == 5 || len >= 4096 { fat.len() } else { mini.len() };
            if start as usize >= table_len {
                return Err("stream start out of range");
            }
        }
    }
    calamine_reads(bytes, size, &fat, &mini)
}

/// calamine's `Sectors`: sector `id` lives at `data[id * size..]`, where
/// `data` is filled from the file (after the header) on demand and padded
/// with zeros past its end. A sector that starts beyond the bytes read when
/// the end of file is reached is sliced out of range: a panic.
struct Sectors {
    size: usize,
    maxid: usize,
    data_len: usize,
}

/// What calamine does on a read: `Err(true)` panics, `Err(false)` returns
/// an error (so reads nothing further).
type Read = Result<usize, bool>;

struct Reader {
    /// Bytes of the file after the header.
    avail: usize,
    pos: usize,
}

impl Sectors {
    fn get(&mut self, id: u32, r: &mut Reader) -> Read {
        if self.maxid < id as usize {
            return Err(false);
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data_len {
            let mut len = self.data_len;
            self.data_len = end;
            while len < end {
                let read = (end - len).min(r.avail - r.pos);
                if read == 0 {
                    return if start > len { Err(true) } else { Ok(len - start) };
                }
                len += read;
                r.pos += read;
            }
        }
        Ok(self.size)
    }

    /// `get_chain`: the chain's length in bytes (before truncation).
    fn chain(&mut self, mut id: u32, table: &[u32], r: &mut Reader) -> Read {
        let mut total = 0usize;
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            total += self.get(id, r)?;
            id = *table.get(id as usize).ok_or(true)?;
            steps += 1;
            // Loops were refused above; this only bounds the walk.
            if steps > table.len() {
                return Err(false);
            }
        }
        Ok(total)
    }
}

/// Replays the reads calamine's `Cfb::new` and `get_stream("Workbook" or
/// "Book")` make, with its own offsets and lookups, and refuses the file
/// where one would slice out of range, index past a table or reserve more
/// than the file holds.
fn calamine_reads(bytes: &[u8], size: usize, fat: &[u32], mini: &[u32]) -> Result<(), &'static str> {
    let header = bytes.get(..512).ok_or("header too short")?;
    let n = bytes.len();
    // calamine reserves u32s for the DIFAT by the u32 at header offset 62
    // (it straddles the mini FAT start and count): 4 × 4 billion bytes for a
    // hostile header. Real files ask for far less than 16 bytes per file byte.
    let difat_reserve = u64::from(u32_at(header, 62).ok_or("header")?) * 4;
    if difat_reserve > (n as u64 * 16).max(64 << 20) {
        return Err("header asks for an oversized table");
    }
    // It also reserves the directory and mini FAT by their sector counts
    // (offsets 40 and 64) before reading a sector of them.
    for at in [40, 64] {
        if u64::from(u32_at(header, at).ok_or("header")?) * size as u64 > (n as u64 * 2).max(1 << 20) {
            return Err("header asks for an oversized table");
        }
    }
    let mut r = Reader { avail: n.saturating_sub(size), pos: 0 };
    let mut main = Sectors { size, maxid: n / size, data_len: 0 };
    let out_of_range = |e: bool| {
        if e {
            Err("sector beyond end of file")
        } else {
            Ok(())
        }
    };
    // DIFAT and FAT sectors, in calamine's order.
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(header, 76 + 4 * i)).collect();
    let mut next = u32_at(header, 68).ok_or("header")?;
    let mut steps = 0usize;
    while next < RESERVED {
        match main.get(next, &mut r) {
            // calamine asserts a table sector cut by the end of file is whole u32s.
            Ok(len) if len % 4 != 0 => return Err("table sector cut short"),
            Ok(len) => {
                let at = size * (next as usize + 1);
                difat.extend((0..len / 4).filter_map(|i| u32_at(bytes, at + 4 * i)));
            }
            Err(e) => return out_of_range(e),
        }
        next = difat.pop().ok_or("DIFAT")?;
        steps += 1;
        if steps > main.maxid + 1 {
            return Err("DIFAT loop");
        }
    }
    for id in difat.into_iter().filter(|&id| id < 0xFFFF_FFFC) {
        match main.get(id, &mut r) {
            Ok(len) if len % 4 != 0 => return Err("table sector cut short"),
            Ok(_) => {}
            Err(e) => return out_of_range(e),
        }
    }
    // The directory: every 128-byte entry must be whole.
    let dir_len = u32_at(header, 40).ok_or("header")? as usize;
    let dir_bytes = match main.chain(u32_at(header, 48).ok_or("header")?, fat, &mut r) {
        Ok(len) if dir_len > 0 => len.min(dir_len.saturating_mul(size)),
        Ok(len) => len,
        Err(e) => return out_of_range(e),
    };
    if dir_bytes % 128 != 0 {
        return Err("directory entry cut short");
    }
    let dir_ids = follow(fat, u32_at(header, 48).ok_or("header")?, fat.len()).ok_or("directory chain")?;
    let mut entries: Vec<(String, u32, u64)> = Vec::new();
    for id in dir_ids {
        let s = sector(bytes, size, id).ok_or("directory beyond end of file")?;
        for e in s.chunks(128).filter(|e| e.len() == 128) {
            let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let name = String::from_utf16_lossy(&units);
            let name = name.split('\0').next().unwrap_or_default().to_string();
            let len = if size == 512 { u64::from(u32_at(e, 120).unwrap_or(0)) } else { u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8])) };
            entries.push((name, u32_at(e, 116).unwrap_or(ENDOFCHAIN), len));
        }
    }
    // calamine reserves a stream's declared length before reading it.
    let fits = |len: u64| len <= n as u64;
    let Some(root) = entries.first().cloned() else {
        return Ok(());
    };
    let mut mini_sectors = None;
    if u32_at(header, 64).ok_or("header")? > 0 {
        if !fits(root.2) {
            return Err("mini stream longer than the file");
        }
        let ministream = match main.chain(root.1, fat, &mut r) {
            Ok(len) => len.min(if root.2 > 0 { root.2 as usize } else { usize::MAX }),
            Err(e) => return out_of_range(e),
        };
        let mini_fat_len = (u32_at(header, 64).ok_or("header")? as usize).saturating_mul(size);
        match main.chain(u32_at(header, 60).ok_or("header")?, fat, &mut r) {
            Ok(len) if len.min(mini_fat_len) % 4 != 0 => return Err("table sector cut short"),
            Ok(_) => {}
            Err(e) => return out_of_range(e),
        }
        mini_sectors = Some(Sectors { size: 64, maxid: n / size * 8, data_len: ministream });
    }
    for name in ["Workbook", "Book"] {
        let Some(entry) = entries.iter().find(|e| e.0 == name) else {
            continue;
        };
        if !fits(entry.2) {
            return Err("stream longer than the file");
        }
        let read = if entry.2 < 4096 {
            let table: &[u32] = if mini_sectors.is_some() { mini } else { &[] };
            let mut empty = Sectors { size: 64, maxid: n / size * 8, data_len: 0 };
            mini_sectors.as_mut().unwrap_or(&mut empty).chain(entry.1, table, &mut r)
        } else {
            main.chain(entry.1, fat, &mut r)
        };
        match read {
            Ok(_) => return Ok(()),
            Err(true) => return Err("sector beyond end of file"),
            Err(false) => {}
        }
    }
    Ok(())
}

/// A stream of the compound file, read in place through its sector chain
/// (no copy of the stream is made).
struct Stream<'a> {
    bytes: &'a [u8],
    /// File offset of each unit of the stream, in order.
    units: Vec<usize>,
    unit: usize,
    len: usize,
}

impl Stream<'_> {
    /// `out.len()` bytes from `pos`, or `None` past the end.
    fn read(&self, pos: usize, out: &mut [u8]) -> Option<()> {
        if pos.checked_add(out.len())? > self.len {
            return None;
        }
        for (i, b) in out.iter_mut().enumerate() {
            let p = pos + i;
            *b = *self.bytes.get(self.units.get(p / self.unit)? + p % self.unit)?;
        }
        Some(())
    }
    /// The BIFF record header (type, length) at `pos`.
    fn record(&self, pos: usize) -> Option<(u16, usize)> {
        let mut h = [0u8; 4];
        self.read(pos, &mut h)?;
        Some((u16::from_le_bytes([h[0], h[1]]), u16::from_le_bytes([h[2], h[3]]) as usize))
    }
}

/// The stream called one of `names` (the first name that exists, in the
/// order given) in the root storage; every chain is followed with bounds.
fn stream<'a>(bytes: &'a [u8], names: &[&str]) -> Option<Stream<'a>> {
    let (size, fat) = sector_size_and_fat(bytes).ok()?;
    let header = bytes.get(..512)?;
    let dir_ids = follow(&fat, u32_at(header, 48)?, fat.len())?;
    let mut root_start = ENDOFCHAIN;
    let mut found = None;
    for id in dir_ids {
        for e in sector(bytes, size, id)?.chunks(128).filter(|e| e.len() == 128) {
            let name_len = (u16::from_le_bytes([e[64], e[65]]) as usize).min(64);
            let units: Vec<u16> = e[..name_len].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let name = String::from_utf16_lossy(&units);
            let name = name.trim_end_matches('\0');
            match e[66] {
                5 => root_start = u32_at(e, 116)?,
                // Earlier names win, as calamine tries "Workbook" before "Book".
                2 => {
                    if let Some(rank) = names.iter().position(|n| n.eq_ignore_ascii_case(name)) {
                        if found.is_none_or(|(r, _, _)| rank < r) {
                            found = Some((rank, u32_at(e, 116)?, u32_at(e, 120)?));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let (_, start, len) = found?;
    let len = len as usize;
    let at = |id: u32| (id as usize).checked_add(1)?.checked_mul(size);
    if len >= u32_at(header, 56)? as usize {
        let units = follow(&fat, start, fat.len())?.into_iter().map(at).collect::<Option<Vec<usize>>>()?;
        return Some(Stream { bytes, units, unit: size, len });
    }
    // A small stream lives in the mini stream (the root entry's chain), in
    // 64-byte units chained by the mini FAT.
    let root = follow(&fat, root_start, fat.len())?;
    let mut mini = Vec::new();
    for id in follow(&fat, u32_at(header, 60)?, fat.len())? {
        let s = sector(bytes, size, id)?;
        mini.extend((0..s.len() / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    let units = follow(&mini, start, mini.len())?
        .into_iter()
        .map(|id| {
            let off = (id as usize).checked_mul(64)?;
            Some(at(*root.get(off / size)?)? + off % size)
        })
        .collect::<Option<Vec<usize>>>()?;
    Some(Stream { bytes, units, unit: 64, len })
}

/// A copy of the workbook stream ("Workbook", or "Book" in BIFF5 files),
/// read through its bounded sector chain, for the checks in `xls_guard`.
pub(in crate::ingest) fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let s = stream(bytes, &["Workbook", "Book"])?;
    // As much of the declared length as the chain and the file really hold.
    let mut out = Vec::with_capacity(s.len.min(bytes.len()));
    for unit in s.units.iter() {
        let want = s.unit.min(s.len - out.len());
        match bytes.get(*unit..unit.saturating_add(want)) {
            Some(b) => out.extend_from_slice(b),
            None => break,
        }
        if out.len() == s.len {
            break;
        }
    }
    Some(out)
}

const BOF: [u16; 4] = [0x0809, 0x0409, 0x0209, 0x0009];

/// Whether an .xls is encrypted ("password to open"): in its workbook
/// stream a FILEPASS record (0x002F) follows the first BOF record, after at
/// most a WRITEPROT record (0x0086). calamine does not notice every kind
/// (XOR obfuscation reads as garbage code pages).
pub fn xls_encrypted(bytes: &[u8]) -> bool {
    let Some(s) = stream(bytes, &["Workbook", "Book"]) else {
        return false;
    };
    let Some((kind, len)) = s.record(0) else {
        return false;
    };
    if !BOF.contains(&kind) {
        return false;
    }
    let mut at = 4 + len;
    while let Some((kind, len)) = s.record(at) {
        match kind {
            0x002F => return true,
            0x0086 => at += 4 + len,
            _ => return false,
        }
    }
    false
}

/// The largest number of cells a DIMENSIONS record of the .xls claims for a
/// sheet, with the sheet's name. calamine reserves that many cells up front
/// (at 40 bytes each): a claim of four billion rows in a 2 KB file is an
/// allocation failure, which aborts the process rather than panicking. The
/// count mirrors calamine's arithmetic, including its wrap-around.
pub fn xls_largest_claim(bytes: &[u8]) -> Option<(String, u64)> {
    let s = stream(bytes, &["Workbook", "Book"])?;
    let mut names: Vec<(usize, String)> = Vec::new();
    let mut current = String::new();
    let mut best: Option<(String, u64)> = None;
    let mut at = 0usize;
    let mut data = [0u8; 14];
    while let Some((kind, len)) = s.record(at) {
        let body = at + 4;
        match kind {
            // BOUNDSHEET: where a sheet's substream starts, and its name.
            0x0085 if len >= 8 => {
                let mut h = [0u8; 8];
                s.read(body, &mut h)?;
                let pos = u32::from_le_bytes([h[0], h[1], h[2], h[3]]) as usize;
                let (cch, wide) = (h[6] as usize, h[7] & 1 == 1);
                let mut raw = vec![0u8; if wide { 2 * cch } else { cch }.min(len.saturating_sub(8))];
                s.read(body + 8, &mut raw)?;
                let name = if wide {
                    String::from_utf16_lossy(&raw.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect::<Vec<_>>())
                } else {
                    raw.iter().map(|&b| b as char).collect()
                };
                names.push((pos, name));
            }
            k if BOF.contains(&k) => {
                if let Some((_, n)) = names.iter().find(|(pos, _)| *pos == at) {
                    current = n.clone();
                }
            }
            0x0200 if len == 10 || len == 14 => {
                s.read(body, &mut data[..len])?;
                let u16_at = |i: usize| u32::from(u16::from_le_bytes([data[i], data[i + 1]]));
                let u32_at = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
                let (rf, rl, mut cf, cl) = if len == 10 { (u16_at(0), u16_at(2), u16_at(4), u16_at(6)) } else { (u32_at(0), u32_at(4), u16_at(8), u16_at(10)) };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                let (end_r, end_c) = if 1 <= rl && 1 <= cl { (rl - 1, cl - 1) } else { (rf, cf) };
                let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
                let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
                let cells = rows.saturating_mul(cols);
                if best.as_ref().is_none_or(|(_, b)| cells > *b) {
                    best = Some((current.clone(), cells));
                }
            }
            _ => {}
        }
        at = body + len;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_and_bad_pointers_are_caught() {
        assert!(chains_ok(&[1, 2, ENDOFCHAIN, 0xFFFF_FFFF]));
        assert!(!chains_ok(&[1, 2, 0]));
        assert!(!chains_ok(&[5]));
        assert!(chains_ok(&[]));
    }
}
