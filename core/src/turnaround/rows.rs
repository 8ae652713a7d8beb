//! Per-dossier facts: scope, completion, calendar and working days, due
//! date (given or derived from the legal deadline), on-time, censoring.

use super::{Bin, TurnaroundWarning};
use crate::calendar::Calendar;
use crate::date::Date;
use crate::error::{Error, Result};
use crate::ingest::{Dict, DossierTable};
use crate::text::fold_key;
use super::status::{StatusClass, StatusRow, StatusSource, StatusTable};
use polars::prelude::*;
use std::collections::HashMap;

/// 15:00: a certified copy received later is due the next working day.
const CERTIFIED_COPY_CUTOFF_SECS: u32 = 15 * 3600;

pub struct Prepared<'a> {
    pub table: &'a DossierTable,
    /// Each distinct status value with its class and count.
    pub statuses: Vec<StatusRow>,
    /// The grouping dimensions, one row per dossier, all UInt32 without
    /// nulls: the text dimensions as the table's codes, `month` as year × 12
    /// + month (`Prepared::month_name`); 0 is no value.
    pub df: DataFrame,
    /// What the metrics are computed from, one entry per dossier.
    pub facts: Facts,
    pub as_of: Date,
    pub warnings: Vec<TurnaroundWarning>,
    /// Per row (all rows of the table): the received date.
    pub received: Vec<Option<i32>>,
    /// Rows that repeated another row's dossier id, left out of every count.
    pub duplicates: u32,
    /// Per row: the due date the metrics judged it by (given, or derived
    /// from the legal deadline); `None` out of scope or without one. The
    /// report form (`report_form`) splits early from on time by it.
    pub due: Vec<Option<i32>>,
}

/// Per-dossier inputs of the metrics, one 24-byte record per dossier: a
/// group's rows are scattered over the table, and one record per row is one
/// cache miss where a vector per field was twelve.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fact {
    /// Calendar and working days to completion; NaN when not completed.
    pub days: f64,
    pub wd: f64,
    /// Kaplan–Meier time (working days) and, in `flags`, its event.
    pub km_t: i32,
    pub flags: u16,
    /// `EXCLUDED_*` (out of scope, with the reason) or `PAUSED`.
    pub class: u8,
}

impl Fact {
    pub const IN_SCOPE: u16 = 1;
    pub const COMPLETED: u16 = 1 << 1;
    pub const OVERDUE_OPEN: u16 = 1 << 2;
    pub const KM_EVENT: u16 = 1 << 3;
    /// Five yes/no facts, each a (known, yes) pair of bits from bit 4 on.
    pub const ON_TIME: u16 = 4;
    pub const LATE_ANY: u16 = 6;
    pub const ONLINE: u16 = 8;
    pub const PAID_ONLINE: u16 = 10;
    pub const DIGITISED: u16 = 12;
    /// `class`: out of scope, by reason (cli-contract `excluded`), or paused.
    pub const EXCLUDED_CANCELLED: u8 = 1;
    pub const EXCLUDED_WITHDRAWN: u8 = 2;
    pub const EXCLUDED_NOT_ACCEPTED: u8 = 3;
    pub const PAUSED: u8 = 4;

    pub fn has(self, flag: u16) -> bool {
        self.flags & flag != 0
    }
    /// The yes/no fact whose pair of bits starts at `shift`.
    pub fn tri(self, shift: u16) -> Option<bool> {
        (self.flags >> shift & 1 == 1).then_some(self.flags >> (shift + 1) & 1 == 1)
    }
    fn set_tri(&mut self, shift: u16, v: Option<bool>) {
        if let Some(v) = v {
            self.flags |= 1 << shift | u16::from(v) << (shift + 1);
        }
    }
}

pub struct Facts {
    pub rows: Vec<Fact>,
}

fn bools(df: &DataFrame, name: &str) -> Result<Vec<Option<bool>>> {
    let ca = df.column(name)?.bool()?;
    // A yes/no column the sheet does not have is all null.
    if ca.null_count() == ca.len() {
        return Ok(vec![None; ca.len()]);
    }
    Ok(ca.into_iter().collect())
}

fn i32s(df: &DataFrame, name: &str) -> Result<Vec<Option<i32>>> {
    Ok(numbers(df.column(name)?.i32()?))
}

/// A numeric column as options, chunk by chunk (values zipped with the
/// validity bits: the generic iterator is several times slower in wasm).
fn numbers<T: PolarsNumericType>(ca: &ChunkedArray<T>) -> Vec<Option<T::Native>> {
    if ca.null_count() == ca.len() {
        return vec![None; ca.len()];
    }
    let mut out = Vec::with_capacity(ca.len());
    for arr in ca.downcast_iter() {
        match arr.validity() {
            None => out.extend(arr.values().iter().map(|&v| Some(v))),
            Some(valid) => out.extend(arr.values().iter().zip(valid.iter()).map(|(&v, ok)| ok.then_some(v))),
        }
    }
    out
}

/// A received month as `year × 12 + month` (0 = none).
fn month_code(d: Date) -> u32 {
    let (y, m, _) = d.ymd();
    u32::try_from(y * 12 + m as i32).unwrap_or(0)
}

/// The day the analysis stands at: `as_of` when given, else the latest
/// received or completion date; an error when the list has no date at all.
fn as_of_or_latest(as_of: Option<Date>, received: &[Option<i32>], completed: &[Option<i32>], table: &DossierTable) -> Result<Date> {
    let latest = received.iter().chain(completed.iter()).flatten().copied().max();
    match (as_of, latest) {
        (Some(d), _) => Ok(d),
        (None, Some(d)) => Ok(Date(d)),
        (None, None) => Err(Error::new(
            "no_dates",
            "Danh sách hồ sơ không có ngày tiếp nhận nào đọc được, nên không tính được thời gian giải quyết. Hãy kiểm tra cột «Ngày tiếp nhận».",
            "The dossier list has no readable received date, so turnaround cannot be computed. Check the \"Ngày tiếp nhận\" column.",
        )
        .in_sheet(&table.sheet)),
    }
}

/// A procedure's usual legal deadline (its most common one, the shorter on
/// a tie), for rows that lack one; procedures keyed as `proc_key` gives them.
fn usual_deadlines(n: usize, proc_key: impl Fn(usize) -> Option<(bool, u32)>, deadline: &[Option<f64>]) -> PlHashMap<(bool, u32), i64> {
    let mut per_proc: PlHashMap<(bool, u32), HashMap<i64, u32>> = PlHashMap::default();
    for i in 0..n {
        if let (Some(p), Some(d)) = (proc_key(i), deadline[i]) {
            *per_proc.entry(p).or_default().entry(d.round() as i64).or_default() += 1;
        }
    }
    per_proc.into_iter().filter_map(|(p, counts)| counts.into_iter().max_by_key(|&(d, c)| (c, -d)).map(|(d, _)| (p, d))).collect()
}

/// The warnings that count rows over the whole list: no received date, a
/// finished status without a completion date, statuses not known (the
/// first eight words listed), and completions before receipt beyond the
/// 200 reported one by one.
fn count_warnings(out: &mut Vec<TurnaroundWarning>, no_received: u32, finished_no_date: u32, unknown_status: u32, unknown_words: &[&str], negative: u32) {
    if no_received > 0 {
        out.push(whole_list(
            format!("{no_received} hồ sơ không có ngày tiếp nhận đọc được nên không được tính."),
            format!("{no_received} dossiers have no readable received date and are not counted."),
        ));
    }
    if finished_no_date > 0 {
        out.push(whole_list(
            format!("{finished_no_date} hồ sơ có trạng thái đã xong nhưng không có ngày có kết quả đọc được; chúng được tính là chưa xong. Hãy kiểm tra cột ngày có kết quả."),
            format!("{finished_no_date} dossiers have a finished status but no readable completion date; they are counted as open. Check the completion-date column."),
        ));
    }
    if unknown_status > 0 {
        let list = unknown_words.iter().take(8).map(|w| format!("«{w}»")).collect::<Vec<_>>().join(", ");
        out.push(whole_list(
            format!("{unknown_status} hồ sơ có trạng thái Thôn Số chưa biết ({list}); chúng được tính theo ngày tháng, không loại trừ. Hãy xếp loại các trạng thái này trong bảng trạng thái."),
            format!("{unknown_status} dossiers have a status Thôn Số does not know ({list}); they are counted by their dates, not excluded. Classify these statuses in the status table."),
        ));
    }
    if negative > 200 {
        out.push(whole_list(
            format!("Tổng cộng {negative} hồ sơ có ngày có kết quả trước ngày tiếp nhận."),
            format!("In all, {negative} dossiers have a completion date before the received date."),
        ));
    }
}

/// A warning about the whole list, not one row.
/// Rows with the same dossier id (`id_key`, set when several sheets or files
/// were pooled) count once: the most advanced state wins — finished or out
/// of scope (cancelled, withdrawn, not accepted), then paused, then open —
/// and on a tie the later row, i.e. the later sheet or file. The others are
/// emptied (in no count, like a row without a received date) after `drop`
/// is told their index. Returns how many rows were dropped.
fn merge_duplicates(df: &DataFrame, facts: &mut [Fact], month: &mut [u32], mut drop: impl FnMut(usize)) -> Result<u32> {
    let Ok(keys) = df.column("id_key") else { return Ok(0) };
    let keys = keys.u64()?;
    let rank = |f: &Fact| {
        let out_of_scope = (Fact::EXCLUDED_CANCELLED..=Fact::EXCLUDED_NOT_ACCEPTED).contains(&f.class);
        if out_of_scope || f.has(Fact::COMPLETED) {
            3
        } else if f.class == Fact::PAUSED {
            2
        } else {
            u8::from(f.has(Fact::IN_SCOPE))
        }
    };
    let mut best: PlHashMap<u64, usize> = PlHashMap::default();
    let mut dropped = 0u32;
    for (i, k) in keys.into_iter().enumerate() {
        let Some(k) = k.filter(|&k| k != 0) else { continue };
        let Some(&j) = best.get(&k) else {
            best.insert(k, i);
            continue;
        };
        let (keep, gone) = if rank(&facts[i]) >= rank(&facts[j]) { (i, j) } else { (j, i) };
        best.insert(k, keep);
        drop(gone);
        facts[gone] = Fact { days: f64::NAN, wd: f64::NAN, km_t: 0, flags: 0, class: 0 };
        month[gone] = 0;
        dropped += 1;
    }
    Ok(dropped)
}

fn whole_list(message: String, message_en: String) -> TurnaroundWarning {
    TurnaroundWarning { row: None, sheet: None, message, message_en }
}

fn is_certified_copy(field: Option<&str>, procedure: Option<&str>) -> bool {
    let f = field.map(fold_key).unwrap_or_default();
    let p = procedure.map(fold_key).unwrap_or_default();
    f.contains("chung thuc") || p.contains("chung thuc ban sao") || p.starts_with("chung thuc")
}

impl<'a> Prepared<'a> {
    pub fn new(table: &'a DossierTable, cal: &Calendar, as_of: Option<Date>) -> Result<Prepared<'a>> {
        Self::with_statuses(table, cal, as_of, &Default::default())
    }

    /// `user_statuses`: the user's status words → class names, which win
    /// over the built-in table.
    pub fn with_statuses(table: &'a DossierTable, cal: &Calendar, as_of: Option<Date>, user_statuses: &std::collections::BTreeMap<String, String>) -> Result<Prepared<'a>> {
        let df = &table.df;
        let n = df.height();
        let rows = df.column("row")?.u32()?;
        let sheet_ix = df.column("sheet").ok().and_then(|c| c.u32().ok());
        let sheet_of = |i: usize| sheet_ix.and_then(|c| c.get(i)).and_then(|k| table.sheets.get(k as usize)).map(|p| p.name.clone());
        let received = i32s(df, "received")?;
        let received_secs = numbers(df.column("received_secs")?.u32()?);
        let due_given = i32s(df, "due")?;
        let completed_raw = i32s(df, "completed")?;
        let deadline = numbers(df.column("legal_deadline_days")?.f64()?);
        let (procedure, procedures) = table.dim("procedure_name")?;
        let (procedure_code, _) = table.dim("procedure_code")?;
        let (field, fields) = table.dim("field")?;
        let (channel, channels) = table.dim("channel")?;
        let online = channels.find("online");
        // A procedure by name, else by code.
        let proc_key = |i: usize| match (procedure[i], procedure_code[i]) {
            (Dict::NONE, Dict::NONE) => None,
            (Dict::NONE, k) => Some((false, k)),
            (k, _) => Some((true, k)),
        };
        let (paid, digitised) = (bools(df, "paid_online")?, bools(df, "digitised")?);
        // Decision 766: the online-payment rate is over fee-bearing dossiers
        // when the file says which dossiers bear a fee.
        let has_fee = table.present.contains(&crate::ingest::columns::Canon::Fee);
        let fee = numbers(df.column("fee")?.f64()?);
        let mut warnings = Vec::new();
        if table.completion_from == crate::ingest::CompletionSource::Returned {
            warnings.push(TurnaroundWarning {
                row: None,
                sheet: None,
                message: "Tệp không có cột ngày có kết quả (ngày hồ sơ có kết quả tại bộ phận một cửa), nên ngày trả kết quả được dùng làm ngày hoàn thành: thời gian giải quyết có thể dài hơn thực tế và tỷ lệ đúng hạn thấp hơn.".into(),
                message_en: "The file has no result-ready date column, so the return (pickup) date stands in for completion: turnaround may look longer and the on-time rate lower than they are.".into(),
            });
        }
        // Each distinct status value is classified once.
        let (status, status_dict) = table.dim("status")?;
        let user = super::status::user_table(user_statuses);
        let status_table = StatusTable::builtin();
        let classes: Vec<(Option<StatusClass>, StatusSource)> = std::iter::once((None, StatusSource::Unknown))
            .chain(status_dict.values.iter().map(|v| status_table.classify(v, &user)))
            .collect();
        let mut status_counts = vec![0u32; classes.len()];
        let (mut finished_no_date, mut unknown_status) = (0u32, 0u32);

        let as_of = as_of_or_latest(as_of, &received, &completed_raw, table)?;
        let proc_deadline = usual_deadlines(n, &proc_key, &deadline);

        let mut cert_cache: PlHashMap<(u32, u32), bool> = PlHashMap::default();
        let is_cert = |f: u32, p: u32| is_certified_copy(fields.get(f), procedures.get(p));
        let mut facts = Vec::with_capacity(n);
        let mut due_of: Vec<Option<i32>> = vec![None; n];
        let mut month = Vec::with_capacity(n);
        let (mut no_received, mut negative) = (0u32, 0u32);
        for i in 0..n {
            let mut f = Fact { days: f64::NAN, wd: f64::NAN, km_t: 0, flags: 0, class: 0 };
            let (class, source) = classes[status[i] as usize];
            if received[i].is_none_or(|r| r <= as_of.0) {
                status_counts[status[i] as usize] += 1;
            }
            // Out of scope (cancelled, withdrawn, not accepted): counted by
            // reason, in no metric. Those received after `as_of` are ignored
            // like every other dossier.
            if let Some(reason) = class.and_then(|c| match c {
                StatusClass::Cancelled => Some(Fact::EXCLUDED_CANCELLED),
                StatusClass::Withdrawn => Some(Fact::EXCLUDED_WITHDRAWN),
                StatusClass::NotAccepted => Some(Fact::EXCLUDED_NOT_ACCEPTED),
                _ => None,
            }) {
                let in_period = received[i].is_none_or(|r| r <= as_of.0);
                if in_period {
                    f.class = reason;
                }
                month.push(received[i].filter(|_| in_period).map(|r| month_code(Date(r))).unwrap_or(0));
                facts.push(f);
                continue;
            }
            let Some(rec) = received[i].filter(|&r| r <= as_of.0) else {
                no_received += u32::from(received[i].is_none());
                facts.push(f);
                month.push(0u32);
                continue;
            };
            unknown_status += u32::from(status[i] != Dict::NONE && source == StatusSource::Unknown);
            let rec_d = Date(rec);
            let mut comp = completed_raw[i].filter(|&c| c <= as_of.0);
            if let Some(c) = comp.filter(|&c| c < rec) {
                negative += 1;
                if warnings.len() < 200 {
                    warnings.push(TurnaroundWarning {
                        row: Some(rows.get(i).unwrap_or(0)),
                        sheet: sheet_of(i),
                        message: format!("Ngày có kết quả ({}) trước ngày tiếp nhận ({}); hồ sơ được tính là chưa xong.", Date(c), rec_d),
                        message_en: format!("Completion date ({}) is before the received date ({}); counted as open.", Date(c), rec_d),
                    });
                }
                comp = None;
            }
            // Due date: as given, else derived from the legal deadline.
            let due = due_given[i].or_else(|| {
                let k = deadline[i].map(|d| d.round() as i64).or_else(|| proc_key(i).and_then(|p| proc_deadline.get(&p).copied()));
                let cert = *cert_cache.entry((field[i], procedure[i])).or_insert_with(|| is_cert(field[i], procedure[i]));
                match (k, cert) {
                    // A certified copy received after 15:00 (or on a day
                    // off) is due the next working day.
                    (Some(0) | None, true) => {
                        let late = received_secs[i].is_some_and(|s| s >= CERTIFIED_COPY_CUTOFF_SECS) || !cal.is_working_day(rec_d);
                        Some(if late { cal.add_working_days(rec_d, 1).0 } else { rec })
                    }
                    (Some(k), _) => Some(cal.add_working_days(rec_d, k.clamp(0, 3650) as u32).0),
                    (None, false) => None,
                }
            });
            f.flags |= Fact::IN_SCOPE;
            due_of[i] = due;
            month.push(month_code(rec_d));
            match comp {
                Some(c) => {
                    let w = cal.working_days_between(rec_d, Date(c));
                    f.days = f64::from(c - rec);
                    f.wd = f64::from(w);
                    f.km_t = w;
                    f.flags |= Fact::COMPLETED | Fact::KM_EVENT;
                    f.set_tri(Fact::ON_TIME, due.map(|d| c <= d));
                    f.set_tri(Fact::LATE_ANY, Some(due.is_some_and(|d| c > d)));
                }
                None => {
                    if class == Some(StatusClass::Paused) {
                        f.class = Fact::PAUSED;
                    }
                    finished_no_date += u32::from(class == Some(StatusClass::Finished));
                    let overdue = due.is_some_and(|d| d < as_of.0);
                    f.km_t = cal.working_days_between(rec_d, as_of);
                    if overdue {
                        f.flags |= Fact::OVERDUE_OPEN;
                    }
                    f.set_tri(Fact::LATE_ANY, Some(overdue));
                }
            }
            f.set_tri(Fact::ONLINE, (channel[i] != Dict::NONE).then(|| Some(channel[i]) == online));
            f.set_tri(Fact::PAID_ONLINE, if has_fee { paid[i].filter(|_| fee[i].is_some_and(|x| x > 0.0)) } else { paid[i] });
            f.set_tri(Fact::DIGITISED, digitised[i]);
            facts.push(f);
        }
        let duplicates = merge_duplicates(df, &mut facts, &mut month, |d| {
            if received[d].is_none_or(|r| r <= as_of.0) {
                status_counts[status[d] as usize] -= 1;
            }
        })?;
        if duplicates > 0 {
            warnings.push(whole_list(
                format!("{duplicates} dòng trùng mã hồ sơ với dòng của trang tính hoặc tệp khác (các bản xuất chồng lên nhau) được tính một lần: giữ trạng thái tiến xa nhất (đã xong hoặc ngoài phạm vi, rồi tạm dừng, rồi đang giải quyết), bằng nhau thì theo tệp sau."),
                format!("{duplicates} rows repeat the dossier id of a row in another sheet or file (overlapping exports) and are counted once: the most advanced status wins (finished or out of scope, then paused, then open), the later file on a tie."),
            ));
        }
        let unknown_words: Vec<&str> = classes.iter().enumerate().skip(1).filter(|(k, (_, src))| *src == StatusSource::Unknown && status_counts[*k] > 0).filter_map(|(k, _)| status_dict.get(k as u32)).collect();
        count_warnings(&mut warnings, no_received, finished_no_date, unknown_status, &unknown_words, negative);
        let mut cols = vec![Column::new("month".into(), month)];
        for d in ["procedure_name", "procedure_code", "commune", "village", "channel", "field", "processing_unit"] {
            cols.push(df.column(d)?.clone());
        }
        let statuses = classes
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(k, _)| status_counts[*k] > 0)
            .map(|(k, &(class, source))| StatusRow { status: status_dict.get(k as u32).unwrap_or_default().to_string(), class, source, dossiers: status_counts[k] })
            .collect();
        Ok(Prepared { table, statuses, df: DataFrame::new(cols)?, facts: Facts { rows: facts }, as_of, warnings, received, duplicates, due: due_of })
    }

    /// The grouping key of row `row` in column `c` of `df`, as the user
    /// reads it; `None` for no value.
    pub fn key_name(&self, c: &Column, row: usize) -> Result<Option<String>> {
        let code = c.u32()?.get(row).unwrap_or(Dict::NONE);
        if c.name().as_str() == "month" {
            return Ok((code != 0).then(|| Self::month_name(code)));
        }
        Ok(self.table.dicts.get(c.name().as_str()).and_then(|d| d.get(code)).map(str::to_string))
    }

    /// "YYYY-MM" for a `month` code of `df` (year × 12 + month; 0 = none).
    pub fn month_name(code: u32) -> String {
        let k = code.saturating_sub(1);
        format!("{:04}-{:02}", k / 12, k % 12 + 1)
    }

    /// Per dossier in scope: Kaplan–Meier time and event, and calendar days
    /// to completion when completed.
    pub fn observation(&self, i: usize) -> Option<(i32, bool, Option<i32>)> {
        let f = self.facts.rows.get(i).filter(|f| f.has(Fact::IN_SCOPE))?;
        Some((f.km_t, f.has(Fact::KM_EVENT), (!f.days.is_nan()).then_some(f.days as i32)))
    }

    /// Histogram of working days over completed dossiers.
    pub fn distribution(&self) -> Vec<Bin> {
        let mut counts: std::collections::BTreeMap<i32, u32> = std::collections::BTreeMap::new();
        for f in self.facts.rows.iter().filter(|f| f.has(Fact::IN_SCOPE) && f.has(Fact::KM_EVENT)) {
            *counts.entry(f.km_t).or_default() += 1;
        }
        counts.into_iter().map(|(working_days, count)| Bin { working_days, count }).collect()
    }
}
