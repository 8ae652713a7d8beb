//! `thonso`: the command line over the same core as the browser.
//! Contract: ../shared/docs/cli-contract.md (commands, JSON keys, exit codes).

use std::io::Write;
use std::process::ExitCode;
use thonso_core::error::Error;
use thonso_core::framework::Framework;
use thonso_core::ingest::Limits;
use thonso_core::scoring::Overrides;
use thonso_core::session::{parse_as_of, Session, SessionOptions, TurnaroundOptions};

mod render;
mod report_form;

const USAGE: &str = "Thôn Số — chấm tiêu chí thôn chuyển đổi số và thời gian giải quyết hồ sơ.

Cách dùng / Usage:
  thonso inspect    FILE... [--json]
  thonso score      FILE... [--framework FILE] [--json]
  thonso turnaround FILE... [--calendar FILE] [--by DIM[,DIM...]] [--as-of YYYY-MM-DD]
                         [--status \"WORD=CLASS\"]... [--no-culture-day] [--json]
  thonso report-form FILE --from YYYY-MM-DD --to YYYY-MM-DD [--commune NAME] [--out FORM.xlsx]
                         [--calendar FILE] [--status \"WORD=CLASS\"]... [--no-culture-day] [--json]
  thonso demo       --out FILE.xlsx
  thonso --version
Mọi lệnh đọc tệp / every command that reads FILE: [--max-mb N]

FILE: .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt (UTF-8, UTF-8 BOM, UTF-16), or a .thonso workspace.
FILE...: nhiều tệp, một thư mục hoặc một tệp .zip được đọc như một phân tích: thôn của mọi tệp
  được gộp, hồ sơ trùng mã giữa các bản xuất chỉ tính một lần (giữ trạng thái tiến xa nhất).
  / several files, a folder or a .zip are read as one analysis: villages from every file are
  pooled, a dossier in several exports counts once (its most advanced status wins).
--status: classify a status word the built-in table does not know (or override it);
  CLASS is cancelled, withdrawn, not_accepted, finished, paused or open.
  Ví dụ / e.g. --status \"Hồ sơ lỗi=cancelled\"
--no-culture-day: không tính Ngày Văn hóa Việt Nam (24/11, từ 2026) là ngày nghỉ /
  count Vietnam Culture Day (24/11, from 2026) as a working day (its law was still being amended).
--max-mb: giới hạn kích thước tệp, mặc định 1024 MB (trình duyệt: 400 MB); giới hạn số ô
  và dung lượng giải nén đổi theo cùng tỷ lệ. Chỉ nâng khi máy đủ bộ nhớ (CSV cần ~2,5× cỡ tệp). /
  the file size limit, 1024 MB by default (the browser's: 400 MB); the cell and unzipped-size
  limits scale with it. Raise it only with memory to spare (a CSV needs ~2.5× its size).
report-form: biểu «Tình hình, kết quả giải quyết TTHC» (Biểu 06a/VPCP/KSTT, Thông tư 01/2020/TT-VPCP)
  theo lĩnh vực cho kỳ từ --from đến --to (cả hai ngày), một xã/phường (--commune) hoặc cả tệp;
  --out ghi tệp .xlsx theo mẫu, --json in các dòng. / the quarterly report form on dossier handling,
  by field, for the period --from..--to (both days), one commune or the whole file; --out writes
  the .xlsx laid out like the form, --json prints its rows.
Exit codes: 0 ok, 2 unusable input, 1 internal error.";

struct Args {
    cmd: String,
    /// Input paths: files, folders (their spreadsheets), .zip archives.
    files: Vec<String>,
    json: bool,
    framework: Option<String>,
    calendar: Option<String>,
    by: Vec<String>,
    as_of: Option<String>,
    out: Option<String>,
    statuses: std::collections::BTreeMap<String, String>,
    no_culture_day: bool,
    /// `--max-mb`: the CLI's file size limit in MiB (`Limits::cli_with_max_mb`).
    max_mb: Option<u64>,
    /// `report-form`: the period and the commune.
    from: Option<String>,
    to: Option<String>,
    commune: Option<String>,
}

fn usage_error(msg: &str) -> Error {
    Error::new("usage", format!("{msg}\n\n{USAGE}"), msg.to_string())
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, Error> {
    let cmd = it.next().ok_or_else(|| usage_error("Thiếu lệnh. / Missing command."))?;
    let mut a = Args { cmd, files: Vec::new(), json: false, framework: None, calendar: None, by: vec![], as_of: None, out: None, statuses: Default::default(), no_culture_day: false, max_mb: None, from: None, to: None, commune: None };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| usage_error(&format!("{name} cần một giá trị. / {name} needs a value.")));
        match arg.as_str() {
            "--json" => a.json = true,
            "--no-culture-day" => a.no_culture_day = true,
            "--framework" => a.framework = Some(value("--framework")?),
            "--calendar" => a.calendar = Some(value("--calendar")?),
            "--by" => a.by = value("--by")?.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            "--as-of" => a.as_of = Some(value("--as-of")?),
            "--out" => a.out = Some(value("--out")?),
            "--from" => a.from = Some(value("--from")?),
            "--to" => a.to = Some(value("--to")?),
            "--commune" => a.commune = Some(value("--commune")?),
            "--max-mb" => {
                let v = value("--max-mb")?;
                let mb = v.trim().parse::<u64>().ok().filter(|&mb| mb > 0);
                a.max_mb = Some(mb.ok_or_else(|| usage_error(&format!("--max-mb cần một số MB dương, không phải «{v}». / --max-mb needs a positive number of MB, not \"{v}\".")))?);
            }
            "--status" => {
                let v = value("--status")?;
                let (word, class) = v.rsplit_once('=').ok_or_else(|| usage_error("--status cần dạng «TỪ=LOẠI». / --status needs \"WORD=CLASS\"."))?;
                if thonso_core::turnaround::status::StatusClass::from_name(class.trim()).is_none() {
                    return Err(usage_error(&format!(
                        "Loại trạng thái lạ «{class}»: dùng cancelled, withdrawn, not_accepted, finished, paused hoặc open. / Unknown status class \"{class}\": use cancelled, withdrawn, not_accepted, finished, paused or open."
                    )));
                }
                a.statuses.insert(word.trim().to_string(), class.trim().to_string());
            }
            s if s.starts_with("--") => return Err(usage_error(&format!("Tùy chọn lạ «{s}». / Unknown option \"{s}\"."))),
            _ => a.files.push(arg),
        }
    }
    Ok(a)
}

fn read_file(path: &str) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| {
        Error::new(
            "file_not_readable",
            format!("Không đọc được tệp: {e}. Hãy kiểm tra đường dẫn."),
            format!("Cannot read the file: {e}. Check the path."),
        )
        .in_file(path)
    })
}

/// The input files: each path as given, a folder as the spreadsheets
/// below it (sorted, hidden files skipped).
fn input_files(a: &Args) -> Result<Vec<String>, Error> {
    if a.files.is_empty() {
        return Err(usage_error("Thiếu tệp đầu vào. / Missing input FILE."));
    }
    let mut out = Vec::new();
    for p in &a.files {
        if std::path::Path::new(p).is_dir() {
            let before = out.len();
            walk(std::path::Path::new(p), &mut out).map_err(|e| Error::new("folder_unreadable", format!("Không đọc được thư mục: {e}."), format!("Cannot read the folder: {e}.")).in_file(p))?;
            if out.len() == before {
                return Err(Error::new("folder_empty", "Thư mục không có bảng tính nào (.xlsx, .xls, .ods, .csv, .zip).", "The folder holds no spreadsheet (.xlsx, .xls, .ods, .csv, .zip).").in_file(p));
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

const FOLDER_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "tsv", "txt", "zip"];

fn walk(dir: &std::path::Path, out: &mut Vec<String>) -> std::io::Result<()> {
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| FOLDER_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())) {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// The CLI's own limits (a laptop's, not a tab's), or `--max-mb`'s.
fn limits(a: &Args) -> Limits {
    a.max_mb.map_or_else(Limits::cli, Limits::cli_with_max_mb)
}

fn open(a: &Args) -> Result<Session, Error> {
    let paths = input_files(a)?;
    let limits = limits(a);
    let mut files = Vec::with_capacity(paths.len());
    for path in &paths {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        // Refused by its size on disk, before it is read into memory.
        if let Ok(meta) = std::fs::metadata(path) {
            limits.check_size(meta.len()).map_err(|e| e.in_file(name))?;
        }
        files.push((name.to_string(), read_file(path)?));
    }
    let mut opts = SessionOptions::default();
    opts.open.limits = limits;
    if let Some(fp) = &a.framework {
        let fb = read_file(fp)?;
        let fw = if fb.first() == Some(&b'{') || fp.ends_with(".json") {
            Framework::from_json(&String::from_utf8_lossy(&fb)).map_err(|e| e.in_file(fp))?
        } else {
            Session::open_simple(&fb, fp)?.framework
        };
        opts.framework = Some(fw);
    }
    Session::open_files(files, opts, &thonso_core::ingest::NoProgress)
}

/// The turnaround settings of the command line: `--by`, `--as-of`,
/// `--status`, `--no-culture-day`, `--calendar` (report-form uses the same).
fn turnaround_options(a: &Args) -> Result<TurnaroundOptions, Error> {
    let mut opts = TurnaroundOptions { by: a.by.clone(), statuses: a.statuses.clone(), ..Default::default() };
    if let Some(d) = &a.as_of {
        opts.as_of = Some(parse_as_of(d)?);
    }
    if a.no_culture_day {
        opts.culture_day = Some(false);
    }
    if let Some(cp) = &a.calendar {
        let text = String::from_utf8_lossy(&read_file(cp)?).into_owned();
        let ext: thonso_core::calendar::CalendarExtension = serde_json::from_str(&text).map_err(|e| {
            Error::new(
                "calendar_json",
                format!("Tệp lịch (JSON) không hợp lệ: {e}. Cần dạng {{\"days_off\": [{{\"date\": \"2025-02-03\"}}], \"workdays\": []}}."),
                format!("The calendar JSON is invalid: {e}. Expected {{\"days_off\": [{{\"date\": \"2025-02-03\"}}], \"workdays\": []}}."),
            )
            .in_file(cp)
        })?;
        opts.calendar = Some(ext);
    }
    Ok(opts)
}

fn run(a: &Args) -> Result<String, Error> {
    match a.cmd.as_str() {
        "inspect" => {
            let s = open(a)?;
            let r = s.inspect();
            Ok(if a.json { to_json(&r)? } else { render::inspect(&r) })
        }
        "score" => {
            let s = open(a)?;
            let r = s.score_required(&Overrides::default())?;
            Ok(if a.json { to_json(&r)? } else { render::score(&r) })
        }
        "turnaround" => {
            let s = open(a)?;
            let opts = turnaround_options(a)?;
            let r = s.turnaround_required(&opts)?;
            Ok(if a.json { to_json(&r)? } else { render::turnaround(&r) })
        }
        "report-form" => report_form::run(a),
        "demo" => {
            let out = a.out.as_deref().or(a.files.first().map(String::as_str)).ok_or_else(|| usage_error("demo cần --out FILE.xlsx. / demo needs --out FILE.xlsx."))?;
            let bytes = thonso_core::demo::demo_workbook().map_err(Error::internal)?;
            std::fs::write(out, &bytes).map_err(|e| {
                Error::new("file_not_writable", format!("Không ghi được tệp: {e}."), format!("Cannot write the file: {e}.")).in_file(out)
            })?;
            Ok(format!("Đã ghi tệp mẫu / Wrote the demo workbook: {out} ({} bytes)", bytes.len()))
        }
        "--version" | "-V" | "version" => Ok(format!("thonso {}", thonso_core::VERSION)),
        "--help" | "-h" | "help" => Ok(USAGE.to_string()),
        other => Err(usage_error(&format!("Lệnh lạ «{other}». / Unknown command \"{other}\"."))),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(v).map_err(Error::internal)
}

fn main() -> ExitCode {
    // A bug must never surface as a Rust panic message and exit code 101.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("Lỗi nội bộ của Thôn Số / Internal Thôn Số error: {info}");
    }));
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{}", e.message);
            return ExitCode::from(2);
        }
    };
    let json = args.json;
    let result = std::panic::catch_unwind(|| run(&args));
    let result = match result {
        Ok(r) => r,
        Err(_) => Err(Error::internal("panic")),
    };
    match result {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            if json {
                let body = serde_json::json!({"error": {"code": e.code, "message": e.message, "message_en": e.message_en,
                    "file": e.file, "sheet": e.sheet, "row": e.row, "column": e.column, "detail": e.detail}});
                println!("{}", serde_json::to_string_pretty(&body).unwrap_or_default());
            }
            eprintln!("{e}");
            if let (true, Some(d)) = (e.is_internal(), &e.detail) {
                eprintln!("Chi tiết kỹ thuật / Technical detail: {d}");
            }
            ExitCode::from(if e.is_internal() { 1 } else { 2 })
        }
    }
}
