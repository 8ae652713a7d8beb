//! Exports: an XLSX report (summary, villages, communes, turnaround,
//! diagnostics) and CSV with formula injection neutralised.
//!
//! Cells from files are always written as strings or numbers, never as
//! formulas; CSV cells starting with `=`, `+`, `-`, `@` (or tab/CR) get a
//! leading apostrophe so a spreadsheet program shows them as text.

use crate::error::{Error, Result};
use crate::ingest::InspectReport;
use crate::scoring::{ScoreReport, Status};
use crate::turnaround::{Metrics, TurnaroundReport};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

fn xerr(e: XlsxError) -> Error {
    Error::internal(format!("xlsx export: {e}"))
}

pub fn status_vi(s: Status) -> &'static str {
    match s {
        Status::Recognized => "Đạt",
        Status::Near => "Gần đạt",
        Status::NotRecognized => "Chưa đạt",
    }
}

/// Neutralises spreadsheet formula injection in one CSV cell.
pub fn csv_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s = if risky { format!("'{s}") } else { s.to_string() };
    // `;` too: Excel with a Vietnamese (or any decimal-comma) locale splits on it.
    if s.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_line(cells: &[String]) -> String {
    let mut l = cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",");
    l.push_str("\r\n");
    l
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// One cell of a table the page exports as shown (its columns, filter and
/// order): a number is written as is, text neutralised, nothing empty.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[serde(untagged)]
pub enum CsvValue {
    Number(f64),
    Text(String),
}

/// Rows (the first one the header) as CSV for Excel: UTF-8 with a BOM, CRLF
/// line ends, every text cell through `csv_cell`.
pub fn table_csv(rows: &[Vec<Option<CsvValue>>]) -> String {
    let mut out = String::from("\u{FEFF}");
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                None => String::new(),
                Some(CsvValue::Number(n)) if n.is_finite() => n.to_string(),
                Some(CsvValue::Number(_)) => String::new(),
                Some(CsvValue::Text(t)) => csv_cell(t),
            })
            .collect();
        out += &cells.join(",");
        out += "\r\n";
    }
    out
}

/// The village table as CSV (UTF-8 with BOM so Excel shows Vietnamese).
pub fn villages_csv(r: &ScoreReport) -> String {
    let ids: Vec<String> = r.framework.indicators().map(|(_, i)| i.id.clone()).collect();
    let mut head = vec!["Xã".to_string(), "Thôn".into(), "Trạng thái".into(), "Mức sẵn sàng".into()];
    head.extend(ids.iter().cloned());
    head.push("Chỉ tiêu chưa đạt".into());
    head.push("Thiếu dữ liệu".into());
    let mut out = String::from("\u{FEFF}");
    out += &csv_line(&head);
    for u in &r.units {
        let mut row = vec![u.commune.clone(), u.village.clone(), status_vi(u.status).into(), u.readiness.to_string()];
        row.extend(ids.iter().map(|id| num(u.values.get(id).copied().flatten())));
        row.push(u.failed.iter().map(|f| format!("{} (thiếu {})", f.indicator, f.gap)).collect::<Vec<_>>().join("; "));
        row.push(u.missing.join("; "));
        out += &csv_line(&row);
    }
    out
}

fn write_row(ws: &mut Worksheet, row: u32, cells: &[Cell<'_>], fmt: Option<&Format>) -> std::result::Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        let c = c as u16;
        match (v, fmt) {
            (Cell::S(s), Some(f)) => ws.write_string_with_format(row, c, *s, f).map(|_| ())?,
            (Cell::S(s), None) => ws.write_string(row, c, *s).map(|_| ())?,
            (Cell::N(Some(n)), _) => ws.write_number(row, c, *n).map(|_| ())?,
            (Cell::N(None), _) => {}
        }
    }
    Ok(())
}

enum Cell<'a> {
    S(&'a str),
    N(Option<f64>),
}

const METRIC_HEAD: [&str; 12] = [
    "Số hồ sơ", "Đã xong", "Đang xử lý", "Quá hạn", "Trung vị (ngày)", "P90 (ngày)", "Trung vị (ngày làm việc)", "P90 (ngày làm việc)",
    "KM trung vị (ngày làm việc)", "Tỷ lệ đúng hạn", "Tỷ lệ trực tuyến", "Tỷ lệ trễ (Gia Lai)",
];

fn metric_cells(m: &Metrics) -> Vec<Cell<'static>> {
    vec![
        Cell::N(Some(f64::from(m.dossiers))),
        Cell::N(Some(f64::from(m.completed))),
        Cell::N(Some(f64::from(m.open))),
        Cell::N(Some(f64::from(m.overdue_open))),
        Cell::N(m.median_days),
        Cell::N(m.p90_days),
        Cell::N(m.median_working_days),
        Cell::N(m.p90_working_days),
        Cell::N(m.km_median_working_days),
        Cell::N(m.on_time_rate),
        Cell::N(m.online_rate),
        Cell::N(m.late_rate_gia_lai),
    ]
}

/// The XLSX report. Sheet names are fixed so other tools can find them.
pub fn report_xlsx(inspect: &InspectReport, score: Option<&ScoreReport>, turnaround: Option<&TurnaroundReport>) -> Result<Vec<u8>> {
    build(inspect, score, turnaround).map_err(xerr)
}

/// The report's sheets in order: summary, villages and communes (with
/// scores), turnaround (with a turnaround), diagnostics.
fn build(inspect: &InspectReport, score: Option<&ScoreReport>, turnaround: Option<&TurnaroundReport>) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    summary_sheet(wb.add_worksheet().set_name("Tổng hợp")?, &bold, inspect, score, turnaround)?;
    if let Some(s) = score {
        villages_sheet(wb.add_worksheet().set_name("Thôn")?, &bold, s)?;
        communes_sheet(wb.add_worksheet().set_name("Xã")?, &bold, s)?;
    }
    if let Some(t) = turnaround {
        turnaround_sheet(wb.add_worksheet().set_name("Thời gian giải quyết")?, &bold, t)?;
    }
    diagnostics_sheet(wb.add_worksheet().set_name("Chẩn đoán")?, &bold, inspect, turnaround)?;
    wb.save_to_buffer()
}

/// «Tổng hợp»: the source file and its hash, the score summary's counts,
/// and the overall turnaround metrics as of their date.
fn summary_sheet(ws: &mut Worksheet, bold: &Format, inspect: &InspectReport, score: Option<&ScoreReport>, turnaround: Option<&TurnaroundReport>) -> std::result::Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, "Báo cáo Thôn Số", bold)?;
    ws.write_string(1, 0, "Tệp nguồn")?;
    ws.write_string(1, 1, &inspect.file)?;
    ws.write_string(2, 0, "SHA-256")?;
    ws.write_string(2, 1, &inspect.sha256)?;
    let mut r = 4;
    if let Some(s) = score {
        let m = &s.summary;
        for (k, v) in [
            ("Số thôn/TDP", m.units as f64),
            ("Đạt", m.recognized as f64),
            ("Gần đạt", m.near as f64),
            ("Chưa đạt", m.not_recognized as f64),
            ("Số xã", m.communes as f64),
            ("Xã có thôn đạt", m.communes_covered as f64),
        ] {
            ws.write_string(r, 0, k)?;
            ws.write_number(r, 1, v)?;
            r += 1;
        }
    }
    if let Some(t) = turnaround {
        r += 1;
        ws.write_string_with_format(r, 0, "Thời gian giải quyết (tính đến)", bold)?;
        ws.write_string(r, 1, t.as_of.to_string())?;
        r += 1;
        for (i, h) in METRIC_HEAD.iter().enumerate() {
            ws.write_string(r + i as u32, 0, *h)?;
        }
        for (i, c) in metric_cells(&t.overall).iter().enumerate() {
            if let Cell::N(Some(n)) = c {
                ws.write_number(r + i as u32, 1, *n)?;
            }
        }
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 20)?;
    Ok(())
}

/// «Thôn»: one row per village: status, readiness, every indicator's
/// value, the indicators failed (with the gap) and those missing.
fn villages_sheet(ws: &mut Worksheet, bold: &Format, s: &ScoreReport) -> std::result::Result<(), XlsxError> {
    let ids: Vec<String> = s.framework.indicators().map(|(_, i)| i.id.clone()).collect();
    let mut head: Vec<&str> = vec!["Xã", "Thôn/TDP", "Trạng thái", "Mức sẵn sàng"];
    head.extend(ids.iter().map(String::as_str));
    head.push("Chỉ tiêu chưa đạt");
    head.push("Thiếu dữ liệu");
    write_row(ws, 0, &head.iter().map(|h| Cell::S(h)).collect::<Vec<_>>(), Some(bold))?;
    for (i, u) in s.units.iter().enumerate() {
        let failed = u.failed.iter().map(|f| format!("{} (thiếu {})", f.indicator, f.gap)).collect::<Vec<_>>().join("; ");
        let missing = u.missing.join("; ");
        let mut cells = vec![Cell::S(&u.commune), Cell::S(&u.village), Cell::S(status_vi(u.status)), Cell::N(Some(u.readiness))];
        cells.extend(ids.iter().map(|id| Cell::N(u.values.get(id).copied().flatten())));
        cells.push(Cell::S(&failed));
        cells.push(Cell::S(&missing));
        write_row(ws, 1 + i as u32, &cells, None)?;
    }
    ws.set_column_width(0, 20)?;
    ws.set_column_width(1, 20)?;
    Ok(())
}

/// «Xã»: one row per commune: villages, recognized, near, plan and the gap
/// to it.
fn communes_sheet(ws: &mut Worksheet, bold: &Format, s: &ScoreReport) -> std::result::Result<(), XlsxError> {
    write_row(ws, 0, &["Xã", "Số thôn", "Đạt", "Gần đạt", "Kế hoạch", "So với kế hoạch"].map(Cell::S), Some(bold))?;
    for (i, c) in s.communes.iter().enumerate() {
        let cells = [
            Cell::S(&c.commune),
            Cell::N(Some(c.units as f64)),
            Cell::N(Some(c.recognized as f64)),
            Cell::N(Some(c.near as f64)),
            Cell::N(c.plan),
            Cell::N(c.vs_plan),
        ];
        write_row(ws, 1 + i as u32, &cells, None)?;
    }
    ws.set_column_width(0, 24)?;
    Ok(())
}

/// «Thời gian giải quyết»: the metrics overall, by month and by procedure.
fn turnaround_sheet(ws: &mut Worksheet, bold: &Format, t: &TurnaroundReport) -> std::result::Result<(), XlsxError> {
    let mut head = vec!["Nhóm", "Giá trị"];
    head.extend(METRIC_HEAD);
    write_row(ws, 0, &head.iter().map(|h| Cell::S(h)).collect::<Vec<_>>(), Some(bold))?;
    let mut r = 1;
    let mut put = |ws: &mut Worksheet, group: &str, value: &str, m: &Metrics| -> std::result::Result<(), XlsxError> {
        let mut cells = vec![Cell::S(group), Cell::S(value)];
        cells.extend(metric_cells(m));
        write_row(ws, r, &cells, None)?;
        r += 1;
        Ok(())
    };
    put(ws, "Toàn bộ", "", &t.overall)?;
    for g in &t.monthly {
        put(ws, "Tháng", g.by.get("month").cloned().flatten().as_deref().unwrap_or(""), &g.metrics)?;
    }
    for g in &t.by_procedure {
        put(ws, "Thủ tục", g.by.get("procedure_name").cloned().flatten().as_deref().unwrap_or(""), &g.metrics)?;
    }
    ws.set_column_width(1, 40)?;
    Ok(())
}

/// «Chẩn đoán»: every cell warning of every sheet, then the turnaround's
/// row warnings.
fn diagnostics_sheet(ws: &mut Worksheet, bold: &Format, inspect: &InspectReport, turnaround: Option<&TurnaroundReport>) -> std::result::Result<(), XlsxError> {
    write_row(ws, 0, &["Trang tính", "Dòng", "Cột", "Giá trị", "Vấn đề", "Problem"].map(Cell::S), Some(bold))?;
    let mut r = 1;
    for sh in &inspect.sheets {
        for w in &sh.warnings {
            let cells = [
                Cell::S(&sh.name),
                Cell::N(w.row.map(f64::from)),
                Cell::S(w.column.as_deref().unwrap_or("")),
                Cell::S(w.value.as_deref().unwrap_or("")),
                Cell::S(&w.message),
                Cell::S(&w.message_en),
            ];
            write_row(ws, r, &cells, None)?;
            r += 1;
        }
    }
    if let Some(t) = turnaround {
        for w in &t.warnings {
            write_row(ws, r, &[Cell::S("Hồ sơ"), Cell::N(w.row.map(f64::from)), Cell::S(""), Cell::S(""), Cell::S(&w.message), Cell::S(&w.message_en)], None)?;
            r += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_injection() {
        for (cell, want) in [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+84 912", "'+84 912"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("Tà Hà 1", "Tà Hà 1"),
        ] {
            assert_eq!(csv_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn table_csv_writes_numbers_as_numbers_and_neutralises_text() {
        let t = |s: &str| Some(CsvValue::Text(s.into()));
        let rows = vec![
            vec![t("Xã"), t("Thôn"), t("Mức sẵn sàng")],
            vec![t("Sơn Hà"), t("=1+1"), Some(CsvValue::Number(-0.5))],
            vec![t("a; b"), None, Some(CsvValue::Number(85.0))],
        ];
        assert_eq!(table_csv(&rows), "\u{FEFF}Xã,Thôn,Mức sẵn sàng\r\nSơn Hà,'=1+1,-0.5\r\n\"a; b\",,85\r\n");
    }
}
