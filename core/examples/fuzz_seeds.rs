//! Writes the generated seed inputs for the fuzz targets (see
//! fuzz/README.md): real share links and payloads, framework JSON variants,
//! the demo workbook and a `.thonso` workspace. Seeds are not committed;
//! `fuzz/seed.sh` runs this and adds the corpus files.
//! Run: `cargo run -p thonso-core --example fuzz_seeds -- OUT_DIR`.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use thonso_core::framework::Framework;
use thonso_core::session::TurnaroundOptions;
use thonso_core::share::{frame_json, Provenance, SharePayload};
use thonso_core::store::{StoredFile, Workspace};
use thonso_core::Session;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: fuzz_seeds OUT_DIR")?);
    let demo = thonso_core::demo::demo_workbook()?;
    intake(&out.join("intake"), &demo)?;
    share(&out.join("share"), &demo)?;
    framework(&out.join("framework"))?;
    Ok(())
}

fn write(dir: &Path, name: &str, prefix: &[u8], bytes: &[u8]) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(name), [prefix, bytes].concat())?;
    Ok(())
}

/// Intake seeds carry the fuzz target's name byte: 0 = "book.xlsx", 5 = "data.csv", 8 = "work.thonso".
fn intake(dir: &Path, demo: &[u8]) -> Res<()> {
    write(dir, "gen-demo.xlsx", &[0], demo)?;
    let csv = "Xã;Thôn;HT2;HT4\nSơn Hà;Thôn 1;có;85,5\n".as_bytes().to_vec();
    let ws = Workspace {
        name: "Bảo Thắng".into(),
        files: vec![
            StoredFile { name: "villages.csv".into(), sha256: String::new(), size: 0 },
            StoredFile { name: "demo.xlsx".into(), sha256: String::new(), size: 0 },
        ],
        framework: Some(Framework::default_vn()),
        ..Default::default()
    };
    write(dir, "gen-csv.thonso", &[8], &thonso_core::store::encode(&ws, &[csv, demo.to_vec()])?)?;
    Ok(())
}

/// Share seeds: first byte 0 = link text, 1 = payload JSON (framed by the target).
fn share(dir: &Path, demo: &[u8]) -> Res<()> {
    let s = Session::open_simple(demo, "demo.xlsx")?;
    let score = s.score(&Default::default())?;
    let t = s.turnaround(&TurnaroundOptions::default())?;
    let prov = Provenance {
        app: thonso_core::VERSION.into(),
        at: "2024-07-01T08:00:00+07:00".into(),
        file_sha256: thonso_core::sha256_hex(demo),
        file: "demo.xlsx".into(),
    };
    let full = SharePayload::build(prov.clone(), score.as_ref(), t.as_ref());
    let only_score = SharePayload::build(prov.clone(), score.as_ref(), None);
    let only_t = SharePayload::build(prov.clone(), None, t.as_ref());
    let empty = SharePayload::build(prov, None, None);
    for (name, p) in [("full", &full), ("score", &only_score), ("turnaround", &only_t), ("empty", &empty)] {
        write(dir, &format!("gen-link-{name}"), &[0], p.encode()?.as_bytes())?;
        write(dir, &format!("gen-json-{name}"), &[1], &serde_json::to_vec(p)?)?;
    }
    // A changed framework, and a payload with a framework difference.
    let mut v = serde_json::to_value(&only_score)?;
    v["framework"] = json!({"name": "Lào Cai 2025", "changed": [["HT1", ">=", 90.0, 7.0, true]], "dropped": ["KT3"]});
    write(dir, "gen-json-framework", &[1], &serde_json::to_vec(&v)?)?;
    write(dir, "gen-link-framework", &[0], frame_json(&serde_json::to_vec(&v)?).as_bytes())?;
    // Garbage around the format.
    for (name, text) in [("prefix", "v1."), ("short", "v1.AAAA"), ("version", "v9.abc"), ("spaces", "  v1.AAAAAAAAAA==  "), ("nonb64", "v1.!!??**")] {
        write(dir, &format!("gen-garbage-{name}"), &[0], text.as_bytes())?;
    }
    let link = full.encode()?;
    write(dir, "gen-garbage-truncated", &[0], &link.as_bytes()[..link.len() / 2])?;
    Ok(())
}

fn framework(dir: &Path) -> Res<()> {
    let base: Value = serde_json::from_str(include_str!("../src/framework/default.json"))?;
    write(dir, "default.json", &[], serde_json::to_string_pretty(&base)?.as_bytes())?;
    write(dir, "default-compact.json", &[], serde_json::to_string(&base)?.as_bytes())?;
    let mut v = base.clone();
    v["rules"] = json!({"min_optional_passed": 3, "near_max_mandatory_failed": 0, "near_readiness": 99.5});
    write(dir, "rules.json", &[], serde_json::to_string(&v)?.as_bytes())?;
    let one = json!({"name": "Một chỉ tiêu", "pillars": [{"id": "P", "name": "P", "indicators": [
        {"id": "X1", "name": "Tỷ lệ", "unit": "percent", "rule": "<=", "threshold": 0.5, "weight": 0, "mandatory": false, "aliases": ["x"],
         "ratio": {"numerator": ["Số hộ"], "denominator": ["Tổng số hộ"]}}]}]});
    write(dir, "one.json", &[], serde_json::to_string(&one)?.as_bytes())?;
    let mut v = base;
    if let Some(p) = v["pillars"].as_array_mut() {
        p.truncate(1);
    }
    v["version"] = json!(2);
    write(dir, "newer-version.json", &[], serde_json::to_string(&v)?.as_bytes())?;
    Ok(())
}
