//! Plain-text output for people at a terminal (the JSON is the contract).

use thonso_core::ingest::InspectReport;
use thonso_core::scoring::{ScoreReport, Status};
use thonso_core::turnaround::{Metrics, TurnaroundReport};

fn opt(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into())
}
fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:.1}%", x * 100.0)).unwrap_or_else(|| "—".into())
}

pub fn inspect(r: &InspectReport) -> String {
    let mut s = format!("{} ({}), {} trang tính / sheets\n", r.file, r.format, r.sheets.len());
    for sh in &r.sheets {
        s += &format!(
            "  «{}»: {} dòng / rows, loại / kind: {}, dòng tiêu đề / header row: {}{}\n",
            sh.name,
            sh.rows,
            sh.kind,
            sh.header_row.map(|h| h.to_string()).unwrap_or_else(|| "—".into()),
            sh.repaired_encoding.map(|e| format!(", đã sửa mã / repaired: {e}")).unwrap_or_default()
        );
        for c in sh.columns.iter().filter(|c| c.canonical.is_some()) {
            s += &format!("      {} → {}\n", c.header, c.canonical.as_deref().unwrap_or(""));
        }
        if !sh.warnings.is_empty() {
            s += &format!("      {} cảnh báo / warnings\n", sh.warnings.len());
        }
    }
    s
}

pub fn score(r: &ScoreReport) -> String {
    let m = &r.summary;
    let mut s = format!(
        "Thôn/TDP: {}  Đạt: {}  Gần đạt: {}  Chưa đạt: {}\nXã có thôn đạt / communes covered: {}/{}\n\n",
        m.units, m.recognized, m.near, m.not_recognized, m.communes_covered, m.communes
    );
    s += &sheets_lines(&r.sheets, &r.ignored_sheets);
    s += "Xã / Commune                     thôn  đạt  kế hoạch\n";
    for c in &r.communes {
        s += &format!("{:<32} {:>4} {:>4} {:>9}\n", c.commune, c.units, c.recognized, opt(c.plan));
    }
    if !r.one_step_away.is_empty() {
        s += "\nCòn một bước / One step away:\n";
        for o in &r.one_step_away {
            s += &format!("  {} — {}: {} (cần thêm / needs {})\n", o.commune, o.village, o.indicator, opt(o.gap));
        }
    }
    let rec: Vec<String> = r.units.iter().filter(|u| u.status == Status::Recognized).map(|u| format!("{} ({})", u.village, u.commune)).collect();
    s += &format!("\nĐạt / Recognized: {}\n", rec.join(", "));
    s
}

fn metrics_line(m: &Metrics) -> String {
    let e = m.excluded;
    let excluded = if e.total() > 0 {
        format!(" | loại trừ {} (hủy {}, rút {}, không tiếp nhận {})", e.total(), e.cancelled, e.withdrawn, e.not_accepted)
    } else {
        String::new()
    };
    format!(
        "hồ sơ {} | xong {} | đang xử lý {} (quá hạn {}, tạm dừng/chờ bổ sung {}){excluded} | trung vị {} ngày LV, p90 {} | KM trung vị {} | đúng hạn {} | trực tuyến {}",
        m.dossiers,
        m.completed,
        m.open,
        m.overdue_open,
        m.paused,
        opt(m.median_working_days),
        opt(m.p90_working_days),
        opt(m.km_median_working_days),
        pct(m.on_time_rate),
        pct(m.online_rate)
    )
}

/// Which sheets were read together and which were left out, when there
/// is more than one sheet to speak of.
fn sheets_lines(pooled: &[thonso_core::ingest::PooledSheet], ignored: &[thonso_core::ingest::IgnoredSheet]) -> String {
    let mut s = String::new();
    if pooled.len() > 1 {
        let list: Vec<String> = pooled.iter().map(|p| format!("{} ({})", p.name, p.units)).collect();
        s += &format!("Gộp các trang tính / Sheets pooled: {}\n", list.join("; "));
    }
    for i in ignored {
        s += &format!("Bỏ qua trang tính / Sheet ignored «{}»: {} / {}\n", i.name, i.reason, i.reason_en);
    }
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

pub fn turnaround(r: &TurnaroundReport) -> String {
    let mut s = format!("Tính đến / as of {} (lịch / calendar: {})\n{}\n", r.as_of, r.calendar, metrics_line(&r.overall));
    s += &sheets_lines(&r.sheets, &r.ignored_sheets);
    for g in &r.groups {
        let key: Vec<String> = g.by.values().map(|v| v.clone().unwrap_or_else(|| "—".into())).collect();
        s += &format!("  {}: {}\n", key.join(" / "), metrics_line(&g.metrics));
    }
    for w in &r.warnings {
        let at = match (&w.sheet, w.row) {
            (Some(sh), Some(row)) if r.sheets.len() > 1 => format!("«{sh}» dòng {row}: "),
            _ => String::new(),
        };
        s += &format!("  ! {at}{} / {}\n", w.message, w.message_en);
    }
    for b in r.before_after.iter().filter(|b| b.unit_kind == "commune") {
        s += &format!(
            "  {} (ra mắt {}): trung vị {} → {} ngày làm việc\n",
            b.commune,
            b.launch_date,
            opt(b.before.median_working_days),
            opt(b.after.median_working_days)
        );
    }
    s
}
