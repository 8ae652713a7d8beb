//! `thonso report-form`: the quarterly «Tình hình, kết quả giải quyết TTHC»
//! form (thonso_core::report_form) as .xlsx, JSON or a text table.

use super::{open, parse_as_of, to_json, turnaround_options, usage_error, Args};
use thonso_core::error::Error;
use thonso_core::report_form::{self, ReportForm};

pub(crate) fn run(a: &Args) -> Result<String, Error> {
    let need = |v: &Option<String>, name: &str| v.clone().ok_or_else(|| usage_error(&format!("report-form cần {name} YYYY-MM-DD. / report-form needs {name} YYYY-MM-DD.")));
    let from = parse_as_of(&need(&a.from, "--from")?)?;
    let to = parse_as_of(&need(&a.to, "--to")?)?;
    let s = open(a)?;
    let opts = turnaround_options(a)?;
    let form = s.report_form(from, to, a.commune.as_deref(), &opts)?;
    let mut lines = Vec::new();
    if let Some(out) = &a.out {
        let bytes = report_form::to_xlsx(&form, Some(&s.workbook.file_name))?;
        std::fs::write(out, &bytes).map_err(|e| Error::new("file_not_writable", format!("Không ghi được tệp: {e}."), format!("Cannot write the file: {e}.")).in_file(out))?;
        if !a.json {
            lines.push(format!("Đã ghi biểu / Wrote the form: {out} ({} bytes)", bytes.len()));
        }
    }
    if a.json {
        return to_json(&form);
    }
    if a.out.is_none() {
        lines.push(text(&form));
    }
    Ok(lines.join("\n"))
}

/// The form as a plain table: one line per field, the total, the note.
fn text(f: &ReportForm) -> String {
    let mut out = format!("{} — {}\n", report_form::FORM_NUMBER, report_form::FORM_TITLE);
    let label = report_form::period_label(f.from, f.to);
    out += &format!("Kỳ / Period: {} {} – {}; đơn vị / unit: {}\n", label, f.from, f.to, f.unit.as_deref().unwrap_or("(cả tệp / whole file)"));
    out += "Lĩnh vực / Field                     (3)   (4)   (5)   (6)   (7)   (8)   (9)  (10)  (11)  (12)  (13)\n";
    let line = |name: &str, cols: [u32; 11]| {
        let name: String = name.chars().take(34).collect();
        let pad = 34usize.saturating_sub(name.chars().count());
        format!("{name}{} {}\n", " ".repeat(pad), cols.iter().map(|v| format!("{v:>5}")).collect::<Vec<_>>().join(" "))
    };
    for r in &f.rows {
        out += &line(r.field.as_deref().unwrap_or("(Không ghi lĩnh vực)"), r.counts.columns());
    }
    out += &line("Tổng cộng / Total", f.total.columns());
    for n in report_form::notes(f) {
        out += &format!("{n}\n");
    }
    out.trim_end().to_string()
}
