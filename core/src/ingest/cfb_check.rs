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
            let Some(&next) = table.get(cur as usize) else { return false };
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

/// `Err(reason)` when the compound file would send a reader into a loop or
/// out of bounds.
pub fn check(bytes: &[u8]) -> Result<(), &'static str> {
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
    Ok(())
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
