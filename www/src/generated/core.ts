// Generated from the Rust types by ts-rs (core/src/ts_types.rs). Do not edit:
// change the Rust type, then run `make types`. `make test` fails when this
// file and the Rust types differ.
/* eslint-disable */

export type Kind = "villages" | "dossiers" | "framework" | "plan" | "calendar" | "unknown";

export type Confidence = "exact" | "field_name" | "near" | "user" | "doubtful" | "none";

export type ColumnInfo = { index: number, header: string, canonical: string | null, type: string | null, 
/**
 * True when the user overrode the automatic mapping.
 */
overridden: boolean, 
/**
 * Why the column maps where it does (or nowhere), Vietnamese then English.
 */
reason: string, reason_en: string, 
/**
 * `exact` (the whole header is a known name), `field_name` (a field of
 * the national portal's sync format), `near` (an indicator's name with
 * trivial differences), `user` (set by the user), `doubtful` (mapped,
 * but the values or the layout say to check it) or `none` (unmapped).
 */
confidence: Confidence, 
/**
 * `numerator` or `denominator`: the column is not an indicator itself
 * but one side of a ratio indicator (`canonical` names it), e.g. «Số
 * hộ có Internet cáp quang» for HT1.
 */
ratio_part: string | null, };

export type Diagnostic = { 
/**
 * 1-based row, as Excel numbers it; `None` for whole-column/sheet notes.
 */
row: number | null, column: string | null, value: string | null, message: string, message_en: string, };

export type RepairedCell = { 
/**
 * 1-based; 0 for the sheet name.
 */
row: number, 
/**
 * Column letter; empty for the sheet name.
 */
column: string, from: string, to: string, 
/**
 * True when what was repaired is the sheet's name, not a cell.
 */
sheet_name: boolean, };

export type SheetReport = { name: string, rows: number, header_row: number | null, header_rows: number, kind: string, kind_reason: string, kind_reason_en: string, columns: Array<ColumnInfo>, warnings: Array<Diagnostic>, repaired_encoding: string | null, repaired_cells: Array<RepairedCell>, repaired_count: number, skipped_rows: { [key in string]: number }, };

export type InspectReport = { file: string, format: string, text_encoding: string | null, sha256: string, sheets: Array<SheetReport>, };

export type PooledSheet = { name: string, 
/**
 * Rows taken from it: villages (with a name), dossiers or plan rows.
 */
units: number, 
/**
 * The sheet has no commune column: its sheet name («Xã Sơn Hà» →
 * «Sơn Hà») stands in as every row's commune.
 */
commune_from_name?: boolean, };

export type IgnoredSheet = { name: string, reason: string, reason_en: string, };

export type CanonLabel = { 
/**
 * The canonical name (`Canon::name`), what a mapping fix stores.
 */
name: string, vi: string, en: string, };

export type CanonGroup = { vi: string, en: string, names: Array<CanonLabel>, };

export type Unit = "percent" | "yes_no" | "number";

export type Rule = ">=" | "<=" | "=";

export type Ratio = { numerator: Array<string>, denominator: Array<string>, };

export type Indicator = { id: string, name: string, name_en: string, unit: Unit, rule: Rule, threshold: number, weight: number, 
/**
 * Bắt buộc (BB) when true, tự chọn (TC) when false.
 */
mandatory: boolean, aliases: Array<string>, ratio?: Ratio | null, 
/**
 * How the criteria sheet explains the indicator («Giải thích chỉ tiêu»).
 */
explanation?: string, };

export type Pillar = { id: string, name: string, name_en: string, indicators: Array<Indicator>, };

export type Assumption = { code: string, message: string, message_en: string, };

export type StatusRules = { 
/**
 * Recognition also needs at least this many self-selected (TC) passes.
 */
min_optional_passed: number | null, 
/**
 * "Nearly": at most this many mandatory items fail (domain: exactly one).
 */
near_max_mandatory_failed: number, 
/**
 * "Nearly" also when readiness reaches this.
 */
near_readiness: number, };

export type Readiness = "weighted" | "share_met";

export type Framework = { format: string, version: number, id: string, name: string, name_en: string, rules: StatusRules, 
/**
 * How readiness is computed; absent in older files = weighted.
 */
readiness?: Readiness, 
/**
 * What the reader had to assume about the criteria (e.g. a published
 * sheet without weights or BB/TC), to be stated beside the scores.
 */
assumptions?: Array<Assumption>, pillars: Array<Pillar>, };

export type Status = "recognized" | "near" | "not_recognized";

export type PillarScore = { id: string, score: number, max: number, 
/**
 * Every indicator of the pillar passes.
 */
passed: boolean, };

export type Failed = { indicator: string, value: number, threshold: number, gap: number, mandatory: boolean, };

export type UnitScore = { district?: string | null, commune: string, village: string, status: Status, readiness: number, pillars: Array<PillarScore>, failed: Array<Failed>, missing: Array<string>, 
/**
 * Indicator values on the indicator's scale (0–100 percentages, 1/0 yes/no).
 */
values: { [key in string]: number | null }, 
/**
 * Source row, as Excel numbers it.
 */
row: number, 
/**
 * Source sheet: a workbook's village sheets are pooled.
 */
sheet: string, };

export type CommuneRollup = { commune: string, units: number, recognized: number, near: number, plan: number | null, 
/**
 * recognized − plan, when a plan is known.
 */
vs_plan: number | null, };

export type OneStep = { commune: string, village: string, indicator: string, value: number | null, threshold: number, gap: number | null, mandatory: boolean, };

export type Summary = { units: number, recognized: number, near: number, not_recognized: number, communes: number, communes_covered: number, planned: number | null, 
/**
 * Communes at or above their plan, among those with a plan.
 */
communes_meeting_plan: number | null, };

export type ScoreReport = { framework: Framework, units: Array<UnitScore>, communes: Array<CommuneRollup>, one_step_away: Array<OneStep>, summary: Summary, 
/**
 * Indicators whose values came from the dossier sheet (CQ3).
 */
derived: Array<string>, 
/**
 * Indicators with no column in the file: every village lacks them.
 */
absent: Array<string>, 
/**
 * What was assumed about the criteria (the framework's notes), for the
 * page to state beside the scores.
 */
assumptions: Array<Assumption>, 
/**
 * The village sheets read, pooled, with their village counts.
 */
sheets: Array<PooledSheet>, 
/**
 * Village-like sheets left out, with the reason.
 */
ignored_sheets: Array<IgnoredSheet>, };

export type IndicatorOverride = { threshold?: number, weight?: number, mandatory?: boolean, };

export type Overrides = { [key in string]: IndicatorOverride };

export type UnitRef = { commune: string, village: string, readiness_before: number | null, readiness_after: number | null, 
/**
 * None: the village is not in that file.
 */
status_before: Status | null, status_after: Status | null, };

export type CommuneChange = { commune: string, recognized_before: number, recognized_after: number, change: number, };

export type SnapshotDiff = { newly_recognized: Array<UnitRef>, lost_recognition: Array<UnitRef>, 
/**
 * Villages only in the later file / only in the earlier one.
 */
added: Array<UnitRef>, removed: Array<UnitRef>, 
/**
 * Every village of the later file whose status differs from the
 * earlier file's (or that the earlier file lacks), in the later file's
 * order: the page's table of changes.
 */
changed: Array<UnitRef>, communes: Array<CommuneChange>, recognized_before: number, recognized_after: number, };

export type Outcome = { status: Status, readiness: number, 
/**
 * Pillar scores, in the framework's pillar order.
 */
pillars: Array<number>, 
/**
 * Bit k set: every indicator of pillar k passes.
 */
passed: number, 
/**
 * Failed indicators with a value: (position in the framework's
 * indicator order, gap).
 */
failed: Array<[number, number]>, 
/**
 * Indicators without a value (a fail): positions, as above.
 */
missing: Array<number>, };

export type WhatIf = { 
/**
 * The framework with the changes applied (the page saves it with the
 * workspace, so the CLI scores the same way).
 */
framework: Framework, summary: Summary, communes: Array<CommuneRollup>, one_step_away: Array<OneStep>, 
/**
 * Each pillar's maximum score (the same for every village).
 */
pillar_max: Array<number>, units: Array<Outcome>, };

export type StatusClass = "cancelled" | "withdrawn" | "not_accepted" | "finished" | "paused" | "open";

export type StatusSource = "user" | "table" | "portal_code" | "unknown";

export type StatusRow = { status: string, class: StatusClass | null, source: StatusSource, dossiers: number, };

export type Excluded = { cancelled: number, withdrawn: number, not_accepted: number, };

export type Metrics = { 
/**
 * Dossiers in scope: received on or before `as_of`, status not out of scope.
 */
dossiers: number, completed: number, open: number, 
/**
 * Open dossiers whose status says they wait for documents or are suspended.
 */
paused: number, 
/**
 * Out-of-scope dossiers, per reason: in no other count or rate.
 */
excluded: Excluded, overdue_open: number, median_days: number | null, p90_days: number | null, mean_days: number | null, median_working_days: number | null, p90_working_days: number | null, mean_working_days: number | null, on_time_rate: number | null, 
/**
 * Gia Lai: (finished late + open past due) ÷ all dossiers in scope.
 */
late_rate_gia_lai: number | null, online_rate: number | null, online_payment_rate: number | null, digitisation_rate: number | null, km_median_working_days: number | null, km_p90_working_days: number | null, };

export type Group = { by: { [key in string]: string | null } } & Metrics;

export type Bin = { working_days: number, count: number, };

export type Side = { dossiers: number, completed: number, 
/**
 * Calendar days: the unit the story is told in ("14–20 days → 2").
 */
median_days: number | null, median_working_days: number | null, km_median_working_days: number | null, };

export type BeforeAfter = { unit_kind: string, commune: string, village: string | null, launch_date: IsoDate, before: Side, after: Side, change_median_days: number | null, change_median_working_days: number | null, change_km_median_working_days: number | null, log_rank_p: number | null, };

export type LaunchInForce = { commune: string, village: string, date: IsoDate, 
/**
 * True when the user (or the workspace) set it; false: the file's «Ngày ra mắt».
 */
user: boolean, };

export type CompletionSource = "result_ready" | "returned" | "none";

export type IsoDate = string;

export type Holiday = "new_year" | "lunar_new_year" | "hung_kings" | "reunification" | "labour_day" | "national_day" | "culture_day";

export type DayKind = "working" | "weekend" | "holiday" | "compensatory" | "swapped_off" | "make_up" | "user_off" | "user_workday";

export type DayInfo = { date: IsoDate, working: boolean, kind: DayKind, 
/**
 * The holiday behind a holiday or nghỉ bù.
 */
holiday: Holiday | null, reason_vi: string, reason_en: string, 
/**
 * Where the day comes from, when the law alone does not say it: the
 * official letter behind a swap, or the decision behind Vietnam Culture
 * Day. Absent otherwise.
 */
source_vi?: string | null, source_en?: string | null, 
/**
 * The built-in calendar's kind of this day when a user day or an option
 * turned it the other way (a holiday made a working day, a make-up
 * Saturday made a day off, Culture Day switched off).
 */
replaces?: DayKind | null, };

export type UserDay = { date: IsoDate, note: string, };

export type CalendarExtension = { days_off: Array<UserDay>, workdays: Array<UserDay>, };

export type TurnaroundWarning = { row: number | null, 
/**
 * The sheet of `row`: a workbook's dossier sheets are pooled.
 */
sheet?: string | null, message: string, message_en: string, };

export type TurnaroundReport = { as_of: IsoDate, calendar: string, overall: Metrics, groups: Array<Group>, monthly: Array<Group>, by_procedure: Array<Group>, distribution: Array<Bin>, before_after: Array<BeforeAfter>, 
/**
 * The calendar in use over the years the data covers: holidays,
 * compensatory days, swaps, make-up Saturdays, user days.
 */
calendar_days_off: Array<DayInfo>, 
/**
 * Each distinct status value: its class, where the class came from
 * (the user, the built-in table, a portal code, or unknown) and count.
 */
statuses: Array<StatusRow>, 
/**
 * Which column gives the completion date (cli-contract: completion date).
 */
completion_from: CompletionSource, warnings: Array<TurnaroundWarning>, 
/**
 * The dossier sheets read, pooled, with their row counts.
 */
sheets: Array<PooledSheet>, 
/**
 * Dossier-like sheets left out, with the reason.
 */
ignored_sheets: Array<IgnoredSheet>, 
/**
 * Rows that repeat a dossier id of another sheet or file (overlapping
 * exports), counted once: the most advanced status won.
 */
duplicates?: number, 
/**
 * Each village's launch date as applied to `before_after`: the user's
 * over the file's (the page lists and edits them from this).
 */
launch_dates: Array<LaunchInForce>, };

export type Tally = [number, number];

export type TurnaroundHist = { 
/**
 * Completed dossiers: calendar days from receipt to completion.
 */
days?: Array<[number, number]>, 
/**
 * Completed dossiers: working days; also the Kaplan–Meier events.
 */
working_days?: Array<[number, number]>, 
/**
 * Open dossiers: working days from receipt to `as_of`, where
 * Kaplan–Meier censors them.
 */
censored?: Array<[number, number]>, 
/**
 * Open dossiers waiting for documents or suspended.
 */
paused: number, overdue_open: number, excluded: Excluded, 
/**
 * Completed on or before the due date, over completed with a due date.
 */
on_time: Tally, 
/**
 * Gia Lai: finished late or open past due, over all in scope.
 */
late: Tally, online: Tally, online_payment: Tally, digitised: Tally, };

export type HistGroup = { by: { [key in string]: string | null }, 
/**
 * Completed dossiers: calendar days from receipt to completion.
 */
days?: Array<[number, number]>, 
/**
 * Completed dossiers: working days; also the Kaplan–Meier events.
 */
working_days?: Array<[number, number]>, 
/**
 * Open dossiers: working days from receipt to `as_of`, where
 * Kaplan–Meier censors them.
 */
censored?: Array<[number, number]>, 
/**
 * Open dossiers waiting for documents or suspended.
 */
paused: number, overdue_open: number, excluded: Excluded, 
/**
 * Completed on or before the due date, over completed with a due date.
 */
on_time: Tally, 
/**
 * Gia Lai: finished late or open past due, over all in scope.
 */
late: Tally, online: Tally, online_payment: Tally, digitised: Tally, };

export type TurnaroundHists = { as_of: IsoDate, calendar: string, 
/**
 * The grouping dimensions, in the order groups are sorted by.
 */
by: Array<string>, overall: TurnaroundHist, groups: Array<HistGroup>, };

export type TurnaroundOptions = { as_of?: IsoDate, by: Array<string>, calendar?: CalendarExtension, 
/**
 * Extra launch dates from the user: (commune, village or "", date).
 */
launch: Array<[string, string, IsoDate]>, 
/**
 * The user's status table: status word → class name (`cancelled`,
 * `withdrawn`, `not_accepted`, `finished`, `paused`, `open`).
 */
statuses: Record<string, StatusClass>, 
/**
 * Vietnam Culture Day (24/11, from 2026) as a holiday: on when absent
 * (`None`); `Some(false)` switches it off (its legal basis was still
 * being enacted in 2026). See [`TurnaroundOptions::culture_day`].
 */
culture_day?: boolean, };

export type ScoreOptions = { overrides: Overrides, };

export type ExportOptions = { overrides: Overrides, turnaround: TurnaroundOptions, };

export type FileOptions = { framework: Framework | null, mapping: Record<string, Record<string, string>>, 
/**
 * Hex SHA-256 of the bytes.
 */
sha256: string | null, };

export type Provenance = { app: string, 
/**
 * When the link was made (ISO date-time, given by the caller).
 */
at: string, file_sha256: string, file: string, };

export type ShareFramework = { name: string, 
/**
 * Indicators that differ from (or are absent in) the default:
 * (indicator id, rule, threshold, weight, mandatory).
 */
changed: Array<[string, string, number, number, boolean]>, 
/**
 * Default indicators this framework does not use.
 */
dropped: Array<string>, };

export type ShareScore = { communes: Array<string>, 
/**
 * Per commune: planned count, if a plan was given.
 */
plan: Array<number | null>, 
/**
 * Per unit: index into `communes`. Units are sorted by commune, then
 * village, which is also what makes the names compress well.
 */
commune: Array<number>, 
/**
 * Village names joined by newlines (saves a quote pair per name).
 */
village: string, 
/**
 * Per unit, one digit: 0 recognized, 1 near, 2 not yet.
 */
status: string, 
/**
 * Per unit: readiness rounded to a whole point (0–100).
 */
readiness: Array<number>, };

export type ShareTurnaround = { as_of: string, dossiers: number, completed: number, open: number, overdue_open: number, median_working_days: number | null, p90_working_days: number | null, km_median_working_days: number | null, median_days: number | null, on_time_rate: number | null, online_rate: number | null, 
/**
 * (month, dossiers, median working days).
 */
monthly: Array<[string, number, number | null]>, 
/**
 * Pooled before/after launch: (median days before, after).
 */
before_after_days: [number | null, number | null] | null, 
/**
 * The same in working days: the headline a shared report leads with.
 */
before_after_working_days?: [number | null, number | null] | null, 
/**
 * The histograms behind the headline and the monthly series, so that
 * links merge exactly ([`ShareHists`]). Full links only; absent from
 * the summary (QR) link and from links made before they existed.
 */
h?: ShareHists | null, };

export type ShareSummary = { units: number, recognized: number, near: number, 
/**
 * Per commune: (name, units, recognized, near, planned).
 */
communes: Array<[string, number, number, number, number | null]>, };

export type SharePayload = { v: number, provenance: Provenance, framework: ShareFramework | null, score: ShareScore | null, turnaround: ShareTurnaround | null, 
/**
 * The short form a QR code carries (`summary_only`): headline numbers
 * and the commune roll-up without villages. Absent in full links.
 */
summary?: ShareSummary | null, 
/**
 * Indicators a what-if changed when the link was made: the report is a
 * scenario, not the result under the criteria in force. Empty (and
 * absent from the JSON) for a plain result.
 */
scenario?: Array<string>, };

export type ShareUnit = { commune: string, village: string, status: Status, 
/**
 * Readiness rounded to a whole point, as the link carries it.
 */
readiness: number, };

export type ShareTotals = { units: number, recognized: number, near: number, 
/**
 * Villages planned, summed over the communes with a plan.
 */
planned: number | null, };

export type ShareView = { 
/**
 * The villages of a full link (empty for a summary link).
 */
rows: Array<ShareUnit>, 
/**
 * Per commune: carried by a summary link, counted from the villages of
 * a full link (empty without a score part).
 */
communes: Array<CommuneRollup>, 
/**
 * Villages, recognized, near and planned; `None` without a score part.
 */
totals: ShareTotals | null, 
/**
 * The links this view was made from: one, or every link of a merge
 * ([`merge`]), in the order given.
 */
sources: Array<Provenance>, 
/**
 * Villages found in more than one merged link (counted once, from the
 * first); empty for a single link.
 */
conflicts: Array<ShareConflict>, v: number, provenance: Provenance, framework: ShareFramework | null, score: ShareScore | null, turnaround: ShareTurnaround | null, 
/**
 * The short form a QR code carries (`summary_only`): headline numbers
 * and the commune roll-up without villages. Absent in full links.
 */
summary?: ShareSummary | null, 
/**
 * Indicators a what-if changed when the link was made: the report is a
 * scenario, not the result under the criteria in force. Empty (and
 * absent from the JSON) for a plain result.
 */
scenario?: Array<string>, };

export type ShareHist = { 
/**
 * Completed dossiers: calendar days, `[v₀, n₀, Δv₁, n₁, …]`.
 */
d?: Array<number>, 
/**
 * Completed dossiers: working days (the Kaplan–Meier events).
 */
w?: Array<number>, 
/**
 * Open dossiers: working days to `as_of` (censored).
 */
c?: Array<number>, 
/**
 * paused, overdue open, cancelled, withdrawn, not accepted, then
 * (yes, known) of on time, late (Gia Lai), online, online payment,
 * digitised: 15 counts.
 */
n: Array<number>, };

export type ShareHists = { 
/**
 * The working-day calendar's name: links merge only on the same one.
 */
cal: string, 
/**
 * All dossiers: the headline.
 */
all: ShareHist, 
/**
 * Per month of receipt ("YYYY-MM", ascending), within the window.
 */
m: Array<[string, ShareHist]>, };

export type ShareConflict = { commune: string, village: string, 
/**
 * The links holding it (1-based, in the order given); the first one's
 * values are used.
 */
links: Array<number>, 
/**
 * Whether every link gives it the same status and readiness.
 */
same: boolean, };

export type StoredFile = { name: string, sha256: string, size: number, };

export type Snapshot = { 
/**
 * e.g. "Q1 2024".
 */
name: string, 
/**
 * Index into `files`.
 */
file: number, };

export type Workspace = { name: string, 
/**
 * ISO date-times given by the host (the core reads no clock).
 */
created: string, updated: string, files: Array<StoredFile>, 
/**
 * Index into `files` of the file being worked on.
 */
current: number, mapping: { [key in string]: { [key in string]: string } }, framework: Framework | null, calendar: CalendarExtension, 
/**
 * (commune, village or "", YYYY-MM-DD).
 */
launch_dates: Array<[string, string, IsoDate]>, 
/**
 * The user's status table: status word → class name (turnaround).
 */
statuses: Record<string, StatusClass>, snapshots: Array<Snapshot>, 
/**
 * The last results the host showed, as it serialised them.
 */
last_results: unknown, };
