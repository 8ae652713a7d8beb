//! The workspace file format (`.thonso`), shared by the browser store
//! (IndexedDB keeps exactly these bytes) and the CLI.
//!
//! Layout: `THONSO` magic, format version (u16 LE), manifest length (u32
//! LE), the manifest as JSON, the source files' bytes back to back, then a
//! SHA-256 of everything before it. A record whose checksum does not match
//! is reported, never used. Older versions are migrated on read.

use crate::error::{Error, Result};
use crate::sha256_hex;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const MAGIC: &[u8; 6] = b"THONSO";
pub const VERSION: u16 = 1;
const HEADER: usize = 6 + 2 + 4;
const CHECKSUM: usize = 32;
/// The manifest is small (mappings, framework, results); bound it anyway.
const MAX_MANIFEST: usize = 64 << 20;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StoredFile {
    pub name: String,
    pub sha256: String,
    pub size: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Snapshot {
    /// e.g. "Q1 2024".
    pub name: String,
    /// Index into `files`.
    pub file: usize,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Workspace {
    pub name: String,
    /// ISO date-times given by the host (the core reads no clock).
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub updated: String,
    #[serde(default)]
    pub files: Vec<StoredFile>,
    /// Index into `files` of the file being worked on.
    #[serde(default)]
    pub current: usize,
    #[serde(default)]
    pub mapping: crate::ingest::MappingOverrides,
    #[serde(default)]
    pub framework: Option<crate::framework::Framework>,
    #[serde(default)]
    pub calendar: crate::calendar::CalendarExtension,
    /// (commune, village or "", YYYY-MM-DD).
    #[serde(default)]
    pub launch_dates: Vec<(String, String, crate::date::Date)>,
    /// The user's status table: status word → class name (turnaround).
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Record<string, StatusClass>"))]
    pub statuses: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// The last results the host showed, as it serialised them.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "unknown"))]
    pub last_results: Option<Value>,
}

fn corrupt(what: &str) -> Error {
    Error::new(
        "workspace_corrupt",
        format!("Tệp không gian làm việc bị hỏng hoặc không phải tệp .thonso ({what}). Dữ liệu này không được dùng; hãy mở bản sao lưu khác."),
        format!("The workspace file is damaged or not a .thonso file ({what}). It was not used; open another backup."),
    )
}

pub fn is_workspace(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Writes a workspace with the bytes of each of its files (same order).
pub fn encode(ws: &Workspace, files: &[Vec<u8>]) -> Result<Vec<u8>> {
    if files.len() != ws.files.len() {
        return Err(Error::internal("workspace files and manifest disagree"));
    }
    let mut ws = ws.clone();
    for (meta, bytes) in ws.files.iter_mut().zip(files) {
        meta.sha256 = sha256_hex(bytes);
        meta.size = bytes.len() as u64;
    }
    let manifest = serde_json::to_vec(&ws).map_err(Error::internal)?;
    let total: usize = files.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(HEADER + manifest.len() + total + CHECKSUM);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(manifest.len() as u32).to_le_bytes());
    out.extend_from_slice(&manifest);
    for f in files {
        out.extend_from_slice(f);
    }
    use sha2::{Digest, Sha256};
    let sum = Sha256::digest(&out);
    out.extend_from_slice(&sum);
    Ok(out)
}

/// Reads a workspace, checking the checksum and migrating old versions.
pub fn decode(bytes: &[u8]) -> Result<(Workspace, Vec<Vec<u8>>)> {
    if !is_workspace(bytes) || bytes.len() < HEADER + CHECKSUM {
        return Err(corrupt("magic"));
    }
    let (body, sum) = bytes.split_at(bytes.len() - CHECKSUM);
    use sha2::{Digest, Sha256};
    if Sha256::digest(body).as_slice() != sum {
        return Err(corrupt("checksum"));
    }
    let version = u16::from_le_bytes([body[6], body[7]]);
    if version > VERSION {
        return Err(Error::new(
            "workspace_newer",
            format!("Tệp .thonso do phiên bản Thôn Số mới hơn tạo (định dạng {version}). Hãy cập nhật Thôn Số."),
            format!("This .thonso file was made by a newer Thôn Số (format {version}). Update Thôn Số."),
        ));
    }
    let mlen = u32::from_le_bytes([body[8], body[9], body[10], body[11]]) as usize;
    if mlen > MAX_MANIFEST || HEADER + mlen > body.len() {
        return Err(corrupt("manifest length"));
    }
    let raw: Value = serde_json::from_slice(&body[HEADER..HEADER + mlen]).map_err(|_| corrupt("manifest"))?;
    let ws: Workspace = serde_json::from_value(migrate(raw, version)).map_err(|_| corrupt("manifest schema"))?;
    let mut files = Vec::with_capacity(ws.files.len());
    let mut at = HEADER + mlen;
    for f in &ws.files {
        let end = usize::try_from(f.size).ok().and_then(|s| at.checked_add(s)).filter(|&e| e <= body.len()).ok_or_else(|| corrupt("file size"))?;
        let data = body[at..end].to_vec();
        if sha256_hex(&data) != f.sha256 {
            return Err(corrupt("file checksum"));
        }
        files.push(data);
        at = end;
    }
    if at != body.len() || (!ws.files.is_empty() && ws.current >= ws.files.len()) || ws.snapshots.iter().any(|s| s.file >= ws.files.len()) {
        return Err(corrupt("layout"));
    }
    Ok((ws, files))
}

/// Manifests of older formats, brought to the current one. Format 0 was the
/// development format: one file, its name under "file" and no snapshots.
fn migrate(mut m: Value, from: u16) -> Value {
    if from == 0 {
        if let Some(obj) = m.as_object_mut() {
            if let Some(f) = obj.remove("file") {
                obj.insert("files".into(), Value::Array(vec![f]));
            }
            obj.entry("snapshots").or_insert(Value::Array(vec![]));
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Workspace, Vec<Vec<u8>>) {
        let ws = Workspace {
            name: "Bảo Thắng Q2".into(),
            files: vec![StoredFile { name: "q1.xlsx".into(), sha256: String::new(), size: 0 }, StoredFile { name: "q2.csv".into(), sha256: String::new(), size: 0 }],
            current: 1,
            snapshots: vec![Snapshot { name: "Q1 2024".into(), file: 0 }],
            ..Default::default()
        };
        (ws, vec![b"first file".to_vec(), "Xã;Thôn\n".as_bytes().to_vec()])
    }

    #[test]
    fn round_trip_and_corruption() {
        let (ws, files) = sample();
        let bytes = encode(&ws, &files).expect("encode");
        let (back, fb) = decode(&bytes).expect("decode");
        assert_eq!(fb, files);
        assert_eq!(back.snapshots, ws.snapshots);
        assert_eq!(back.files[1].sha256, sha256_hex(&files[1]));
        let mut bad = bytes.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 1;
        assert_eq!(decode(&bad).map(|_| ()).map_err(|e| e.code), Err("workspace_corrupt"));
        assert_eq!(decode(&bytes[..bytes.len() - 5]).map(|_| ()).map_err(|e| e.code), Err("workspace_corrupt"));
        assert!(decode(b"PK\x03\x04junk").is_err());
    }

    #[test]
    fn newer_versions_are_refused_and_old_ones_migrate() {
        let (ws, files) = sample();
        let mut bytes = encode(&ws, &files).expect("encode");
        bytes[6] = 9;
        let n = bytes.len() - CHECKSUM;
        use sha2::{Digest, Sha256};
        let sum = Sha256::digest(&bytes[..n]);
        bytes[n..].copy_from_slice(&sum);
        assert_eq!(decode(&bytes).map(|_| ()).map_err(|e| e.code), Err("workspace_newer"));
        let old = serde_json::json!({"name": "x", "file": {"name": "a.csv", "sha256": "", "size": 0}});
        let m: Workspace = serde_json::from_value(migrate(old, 0)).expect("migrated");
        assert_eq!(m.files.len(), 1);
    }
}
