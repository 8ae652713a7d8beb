//! thonso-wasm: a thin wasm-bindgen skin over `thonso-core`.
//!
//! Every export decodes its arguments, makes one core call, and encodes the
//! result (style.md §2). File bytes come in as one `Uint8Array`; exports go
//! out as bytes; the large reports (score, turnaround) leave as JSON text
//! (`to_json`) that the page parses, smaller results as objects built from
//! the same JSON (`to_js`); options come in as JSON text too;
//! errors become JS `Error`s in one helper (`to_error`).

use serde::{Deserialize, Serialize};
use thonso_core as core;
use wasm_bindgen::prelude::*;

/// Modest results (inspect, framework, a share payload) go straight through
/// serde-wasm-bindgen, as plain objects (maps as objects, None as null).
fn to_js_small<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| to_error(&core::Error::internal(e)))
}

/// Reports can hold a row per village (63,619 for the whole country).
/// Building them value by value across the boundary costs seconds; one JSON
/// string parsed by the engine's native `JSON.parse` costs milliseconds.
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let json = to_json(v)?;
    js_sys::JSON::parse(&json).map_err(|_| to_error(&core::Error::internal("JSON.parse")))
}

/// The large reports (score, turnaround) leave as JSON text and are parsed
/// where they are shown: the worker posts the string to the page (one copy
/// of its characters), where a parsed object would be walked and cloned
/// value by value by `postMessage` — for 2,000 villages that clone cost
/// more than the scoring. Callers: `JSON.parse(session.score(...))`.
fn to_json<T: Serialize>(v: &T) -> Result<String, JsValue> {
    serde_json::to_string(v).map_err(|e| to_error(&core::Error::internal(e)))
}

/// Options arrive as plain JS objects; going through `JSON.stringify`
/// drops keys whose value is `undefined`, as callers expect.
fn from_js<T: for<'de> Deserialize<'de> + Default>(v: JsValue) -> Result<T, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    let bad = |detail: String| {
        to_error(&core::Error::new("bad_options", format!("Tùy chọn không hợp lệ: {detail}"), format!("Invalid options: {detail}")))
    };
    let text: String = js_sys::JSON::stringify(&v).map_err(|_| bad("not JSON".into()))?.into();
    serde_json::from_str(&text).map_err(|e| bad(e.to_string()))
}

/// A real JS `Error` with the located, bilingual fields as properties.
fn to_error(e: &core::Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(e.code));
    set("message_en", JsValue::from_str(&e.message_en));
    let opt_s = |v: &Option<String>| v.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL);
    set("file", opt_s(&e.file));
    set("sheet", opt_s(&e.sheet));
    set("column", opt_s(&e.column));
    set("row", e.row.map(|r| JsValue::from_f64(f64::from(r))).unwrap_or(JsValue::NULL));
    err.into()
}

#[wasm_bindgen(start)]
pub fn start() {
    // A panic is a bug; surface it as a readable error in the console
    // instead of "unreachable executed".
    std::panic::set_hook(Box::new(|info| {
        web_log(&format!("thonso panic: {info}"));
    }));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn web_log(s: &str);
}

#[wasm_bindgen]
pub fn version() -> String {
    core::VERSION.to_string()
}

#[wasm_bindgen]
pub fn demo_workbook() -> Result<Vec<u8>, JsValue> {
    core::demo::demo_workbook().map_err(|e| to_error(&core::Error::internal(e)))
}

/// The largest file `Session.open` reads (`Limits::max_bytes`), so the page
/// can refuse a bigger one by its size, before reading it into memory.
#[wasm_bindgen]
pub fn max_file_bytes() -> f64 {
    core::ingest::Limits::default().max_bytes as f64
}

/// The error `Session.open` would give a file of `size` bytes that is over
/// the limit, without its bytes; `Ok` when the size is within the limit
/// (`Limits::check_size`, the same check `Session.open` makes).
#[wasm_bindgen]
pub fn check_file_size(size: f64, file_name: &str) -> Result<(), JsValue> {
    core::ingest::Limits::default().check_size(size as u64).map_err(|e| to_error(&e.in_file(file_name)))
}

/// True when `bytes` start as a `.thonso` workspace does (`store::is_workspace`);
/// the page passes the file's first bytes only.
#[wasm_bindgen]
pub fn is_workspace(bytes: &[u8]) -> bool {
    core::store::is_workspace(bytes)
}

/// Links longer than this are hard to send by Zalo/SMS (`share::COMFORTABLE_LINK_CHARS`).
#[wasm_bindgen]
pub fn comfortable_link_chars() -> usize {
    core::share::COMFORTABLE_LINK_CHARS
}

/// The canonical columns with their labels, grouped for the mapping editor.
#[wasm_bindgen]
pub fn canon_groups() -> Result<JsValue, JsValue> {
    to_js_small(&core::ingest::labels::canon_groups())
}

#[derive(Deserialize, Default)]
struct CsvTable {
    #[serde(default)]
    rows: Vec<Vec<Option<core::export::CsvValue>>>,
}

/// A table as the page shows it (`{rows}`, the header first) as CSV text,
/// every text cell neutralised (`export::table_csv`).
#[wasm_bindgen]
pub fn table_csv(table: JsValue) -> Result<String, JsValue> {
    let t: CsvTable = from_js(table)?;
    Ok(core::export::table_csv(&t.rows))
}

struct JsProgress(Option<js_sys::Function>);

impl core::ingest::Progress for JsProgress {
    fn report(&self, done: usize, total: usize, stage: &str) {
        if let Some(f) = &self.0 {
            let _ = f.call3(&JsValue::NULL, &JsValue::from_f64(done as f64), &JsValue::from_f64(total as f64), &JsValue::from_str(stage));
        }
    }
}

/// `score_summary`'s answer: the report without the framework and the
/// per-village rows, serialised straight from the report it borrows.
#[derive(Serialize)]
struct SummaryOut<'a> {
    summary: &'a core::scoring::Summary,
    communes: &'a [core::scoring::CommuneRollup],
    one_step_away: &'a [core::scoring::OneStep],
    derived: &'a [String],
    absent: &'a [String],
}

#[wasm_bindgen]
pub struct Session {
    inner: core::Session,
}

#[wasm_bindgen]
impl Session {
    /// Opens a file: reads, classifies and maps every sheet.
    pub fn open(bytes: Vec<u8>, file_name: &str, on_progress: Option<js_sys::Function>, options: JsValue) -> Result<Session, JsValue> {
        let o: core::session::FileOptions = from_js(options)?;
        core::Session::open(bytes, file_name, o.into_session(), &JsProgress(on_progress)).map(|inner| Session { inner }).map_err(|e| to_error(&e))
    }

    pub fn inspect(&self) -> Result<JsValue, JsValue> {
        to_js_small(&self.inner.inspect())
    }

    pub fn framework(&self) -> Result<JsValue, JsValue> {
        to_js_small(&self.inner.framework)
    }

    /// The `ScoreReport` as JSON text; `undefined` when the file has no
    /// villages sheet. The page asks for it once per file; its what-if
    /// sliders call `what_if`.
    pub fn score(&self, options: JsValue) -> Result<Option<String>, JsValue> {
        let o: core::session::ScoreOptions = from_js(options)?;
        self.inner.score(&o.overrides).map_err(|e| to_error(&e))?.map(|r| to_json(&r)).transpose()
    }

    /// A what-if slider's answer (`WhatIf`, JSON text): each village's
    /// outcome under the changes, laid by the page over the report it has.
    /// `undefined` when the file has no villages sheet.
    pub fn what_if(&self, options: JsValue) -> Result<Option<String>, JsValue> {
        let o: core::session::ScoreOptions = from_js(options)?;
        self.inner.what_if(&o.overrides).map_err(|e| to_error(&e))?.map(|w| to_json(&w)).transpose()
    }

    /// Summary, communes and one-step-away only (JSON text), without a row
    /// per village: for callers that need no village table. The page does
    /// not call it (its sliders call `what_if`); the benchmark measures it.
    pub fn score_summary(&self, options: JsValue) -> Result<Option<String>, JsValue> {
        let o: core::session::ScoreOptions = from_js(options)?;
        self.inner
            .score_summary(&o.overrides)
            .map_err(|e| to_error(&e))?
            .map(|r| to_json(&SummaryOut { summary: &r.summary, communes: &r.communes, one_step_away: &r.one_step_away, derived: &r.derived, absent: &r.absent }))
            .transpose()
    }

    /// The `TurnaroundReport` as JSON text; `undefined` when the file has
    /// no dossier sheet.
    pub fn turnaround(&self, options: JsValue) -> Result<Option<String>, JsValue> {
        let o: core::session::TurnaroundOptions = from_js(options)?;
        self.inner.turnaround(&o).map_err(|e| to_error(&e))?.map(|r| to_json(&r)).transpose()
    }

    /// The XLSX report (summary, villages, communes, turnaround, diagnostics) as bytes.
    pub fn export_xlsx(&self, options: JsValue) -> Result<Vec<u8>, JsValue> {
        let o: core::session::ExportOptions = from_js(options)?;
        self.inner.report_xlsx(&o.overrides, &o.turnaround).map_err(|e| to_error(&e))
    }

    /// `#s=` share link text for the current results (aggregates only).
    pub fn share_link(&self, at: &str, options: JsValue) -> Result<String, JsValue> {
        let o: core::session::ExportOptions = from_js(options)?;
        let p = self.inner.share_payload(at, &o.overrides, &o.turnaround).map_err(|e| to_error(&e))?;
        p.encode().map_err(|e| to_error(&e))
    }

    /// The summary link text (headline numbers and commune roll-up, no
    /// villages): short enough for a QR code that scans from a screen.
    pub fn share_link_summary(&self, at: &str, options: JsValue) -> Result<String, JsValue> {
        let o: core::session::ExportOptions = from_js(options)?;
        let p = self.inner.share_summary_payload(at, &o.overrides, &o.turnaround).map_err(|e| to_error(&e))?;
        p.encode().map_err(|e| to_error(&e))
    }

    /// The merge link text: the full link plus the turnaround histograms
    /// that let a district combine several communes' links exactly
    /// (`Session::share_merge_payload`).
    pub fn share_link_merge(&self, at: &str, options: JsValue) -> Result<String, JsValue> {
        let o: core::session::ExportOptions = from_js(options)?;
        let p = self.inner.share_merge_payload(at, &o.overrides, &o.turnaround).map_err(|e| to_error(&e))?;
        p.encode().map_err(|e| to_error(&e))
    }

    /// The workspace manifest when the file was a `.thonso`.
    pub fn workspace(&self) -> Result<JsValue, JsValue> {
        to_js_small(&self.inner.workspace)
    }

    /// This file against the `earlier` one, villages matched by name key
    /// (`SnapshotDiff`); `undefined` when either has no villages sheet.
    pub fn compare_with(&self, earlier: &Session) -> Result<JsValue, JsValue> {
        match self.inner.compare(&earlier.inner).map_err(|e| to_error(&e))? {
            Some(d) => to_js(&d),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The village table as CSV, formula injection neutralised.
    pub fn villages_csv(&self, options: JsValue) -> Result<String, JsValue> {
        let o: core::session::ScoreOptions = from_js(options)?;
        let r = self.inner.score_required(&o.overrides).map_err(|e| to_error(&e))?;
        Ok(core::export::villages_csv(&r))
    }
}

/// Decodes and validates the text after `#s=` and unpacks it for display
/// (`ShareView`: the payload, its villages as rows, the commune roll-up);
/// throws a clear error when the link is truncated, tampered with, or from
/// an unknown version.
#[wasm_bindgen]
pub fn decode_share(link: &str) -> Result<JsValue, JsValue> {
    core::share::SharePayload::decode(link).map_err(|e| to_error(&e)).and_then(|p| to_js_small(&p.view()))
}

/// Several communes' merge links (each the text after `#s=`) as one
/// `ShareView` (`share::merge`): villages pooled, conflicts listed,
/// turnaround from the merged histograms; throws when a link is invalid or
/// the links cannot be combined exactly (the message names the link).
#[wasm_bindgen]
pub fn merge_share(links: Vec<String>) -> Result<JsValue, JsValue> {
    let payloads = links
        .iter()
        .enumerate()
        .map(|(k, l)| {
            core::share::SharePayload::decode(l).map_err(|e| {
                let mut e = e;
                e.message = format!("Liên kết {}: {}", k + 1, e.message);
                e.message_en = format!("Link {}: {}", k + 1, e.message_en);
                to_error(&e)
            })
        })
        .collect::<Result<Vec<_>, JsValue>>()?;
    core::share::merge(&payloads).map_err(|e| to_error(&e)).and_then(|v| to_js_small(&v))
}

/// Packs a workspace manifest and its files into `.thonso` bytes.
#[wasm_bindgen]
pub fn workspace_encode(manifest: JsValue, files: Vec<js_sys::Uint8Array>) -> Result<Vec<u8>, JsValue> {
    let ws: core::store::Workspace = from_js(manifest)?;
    let bytes: Vec<Vec<u8>> = files.iter().map(|f| f.to_vec()).collect();
    core::store::encode(&ws, &bytes).map_err(|e| to_error(&e))
}

/// Unpacks `.thonso` bytes (checksum verified) into `{manifest, files}`.
#[wasm_bindgen]
pub fn workspace_decode(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let (ws, files) = core::store::decode(bytes).map_err(|e| to_error(&e))?;
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("manifest"), &to_js_small(&ws)?);
    let arr = js_sys::Array::new();
    for f in files {
        arr.push(&js_sys::Uint8Array::from(f.as_slice()));
    }
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("files"), &arr);
    Ok(out.into())
}
