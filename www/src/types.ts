// Shapes of the reports the wasm core returns. They follow
// ../shared/docs/cli-contract.md (the `--json` output of the CLI); keys marked
// optional are extras the UI renders when present and ignores when absent.

export type SheetKind = 'villages' | 'dossiers' | 'framework' | 'plan' | 'calendar' | 'unknown';

export interface ColumnInfo {
  index?: number;
  header: string;
  /** A canonical column name or an indicator id; null when not recognized. */
  canonical: string | null;
  type?: string | null;
  /** True when the user's mapping fix decided this column. */
  overridden?: boolean;
  /** Why the column maps where it does (or nowhere). */
  reason?: string;
  reason_en?: string;
  confidence?: 'exact' | 'field_name' | 'near' | 'user' | 'doubtful' | 'none';
}

export interface Diagnostic {
  row?: number | null;
  column?: string | null;
  value?: string | null;
  message: string;
  message_en?: string | null;
}

export interface RepairedCell {
  row: number;
  column: string;
  from: string;
  to: string;
}

export interface SheetInfo {
  name: string;
  rows: number;
  header_row: number | null;
  header_rows?: number;
  kind: SheetKind | string;
  kind_reason?: string;
  kind_reason_en?: string;
  columns: ColumnInfo[];
  warnings: Diagnostic[];
  repaired_encoding: 'tcvn3' | 'vni' | 'nfd' | null | string;
  repaired_cells?: RepairedCell[];
  repaired_count?: number;
  skipped_rows?: Record<string, number>;
}

export interface InspectReport {
  file: string;
  format: string;
  text_encoding?: string | null;
  sha256?: string;
  sheets: SheetInfo[];
}

export interface Indicator {
  id: string;
  name: string;
  name_en?: string | null;
  /** 'percent' (0–100), 'yes_no' or 'number'. */
  unit?: string | null;
  /** '>=', '<=' or '=' (a yes/no item that must be yes). */
  rule: string;
  threshold: number | boolean | string | null;
  weight: number;
  mandatory: boolean;
}

export interface Pillar {
  id: string;
  name: string;
  name_en?: string | null;
  indicators: Indicator[];
}

/** A bilingual note on how the criteria were read (e.g. no weights, no BB/TC). */
export interface Assumption {
  code: string;
  message: string;
  message_en?: string | null;
}

export interface Framework {
  id?: string;
  name: string;
  name_en?: string | null;
  pillars: Pillar[];
  /** 'weighted' (default, partial credit) or 'share_met' (credit 1 when met, 0 otherwise). */
  readiness?: 'weighted' | 'share_met' | string;
  assumptions?: Assumption[];
  rules?: { min_optional_passed?: number | null; near_max_mandatory_failed?: number; near_readiness?: number };
}

export type Status = 'recognized' | 'near' | 'not_recognized';

export interface PillarScore {
  id: string;
  score: number;
  max: number;
  passed: boolean;
}

export interface FailedIndicator {
  indicator: string;
  value: number | null;
  threshold: number | null;
  gap: number | null;
  mandatory: boolean;
}

export interface ScoreUnit {
  commune: string;
  village: string;
  district?: string | null;
  status: Status;
  readiness: number;
  pillars?: PillarScore[];
  failed?: FailedIndicator[];
  missing?: string[];
  /** Optional: every indicator's value, keyed by indicator id. */
  values?: Record<string, number | boolean | null>;
}

export interface CommuneRow {
  commune: string;
  units: number;
  recognized: number;
  near?: number;
  plan: number | null;
  vs_plan?: number | null;
}

export interface OneStepAway {
  commune: string;
  village: string;
  indicator: string;
  value: number | null;
  threshold: number | null;
  gap: number | null;
  mandatory?: boolean;
}

export interface ScoreSummary {
  units: number;
  recognized: number;
  near: number;
  not_recognized?: number;
  communes: number;
  communes_covered: number;
  /** Villages planned for recognition, summed over communes; null without a plan sheet. */
  planned?: number | null;
  plan?: number | null;
  communes_meeting_plan?: number | null;
}

/** A sheet read into a pooled table, and one left out with the reason (core ingest/pool.rs). */
export interface PooledSheet {
  name: string;
  units: number;
  commune_from_name?: boolean;
}
export interface IgnoredSheet {
  name: string;
  reason: string;
  reason_en: string;
}

export interface ScoreReport {
  sheets?: PooledSheet[];
  ignored_sheets?: IgnoredSheet[];
  framework: Framework;
  units: ScoreUnit[];
  communes: CommuneRow[];
  summary: ScoreSummary;
  one_step_away?: OneStepAway[];
  warnings?: Diagnostic[];
  /** Indicators computed by the core (e.g. CQ3 from the dossier sheet). */
  derived?: string[];
  /** Indicators the villages sheet has no column for. */
  absent?: string[];
  /** What was assumed about the criteria; stated beside the scores. */
  assumptions?: Assumption[];
}

/** Out-of-scope dossiers by reason: in no other count or rate. */
export interface Excluded {
  cancelled: number;
  withdrawn: number;
  not_accepted: number;
}

export type StatusClass = 'cancelled' | 'withdrawn' | 'not_accepted' | 'finished' | 'paused' | 'open';

/** One distinct status value of the file and how it was classified. */
export interface StatusRow {
  status: string;
  class: StatusClass | null;
  source: 'user' | 'table' | 'portal_code' | 'unknown';
  dossiers: number;
}

export interface Metrics {
  dossiers: number;
  completed: number;
  open: number;
  /** Open dossiers waiting for documents or suspended. */
  paused?: number;
  excluded?: Excluded;
  /** Open dossiers already past their due date. */
  overdue_open?: number | null;
  overdue?: number | null;
  mean_working_days?: number | null;
  late_rate_gia_lai?: number | null;
  online_payment_rate?: number | null;
  digitisation_rate?: number | null;
  km_p90_working_days?: number | null;
  median_days: number | null;
  p90_days: number | null;
  mean_days?: number | null;
  median_working_days: number | null;
  p90_working_days: number | null;
  on_time_rate: number | null;
  online_rate: number | null;
  km_median_working_days: number | null;
}

/** Metrics of one group; `by` names the group (e.g. {month: "2024-03"}). */
export interface GroupRow extends Partial<Metrics> {
  by: Record<string, string | null>;
}

export interface BeforeAfterSide {
  dossiers: number;
  completed?: number;
  median_working_days: number | null;
  km_median_working_days: number | null;
}

export interface BeforeAfterRow {
  /** 'village', 'commune', or 'all_launched' (every launched village together). */
  unit_kind: 'village' | 'commune' | 'all_launched' | string;
  commune: string;
  village?: string | null;
  launch_date: string;
  before: BeforeAfterSide;
  after: BeforeAfterSide;
  change_median_working_days: number | null;
  change_km_median_working_days?: number | null;
  log_rank_p: number | null;
}

export interface DayOff {
  date: string;
  /** True for a make-up day (a Saturday worked), false for a day off. */
  working?: boolean;
  kind?: string | null;
  holiday?: string | null;
  reason_vi?: string | null;
  reason_en?: string | null;
  /** Where the day comes from when the law alone does not say (an official letter, a resolution). */
  source_vi?: string | null;
  source_en?: string | null;
  /** The built-in kind a user day or an option turned around (e.g. a holiday made a working day). */
  replaces?: string | null;
}

export interface TurnaroundReport {
  sheets?: PooledSheet[];
  ignored_sheets?: IgnoredSheet[];
  as_of: string;
  calendar: string;
  overall: Metrics;
  groups: GroupRow[];
  warnings: Diagnostic[];
  monthly?: GroupRow[];
  by_procedure?: GroupRow[];
  before_after?: BeforeAfterRow[];
  distribution?: { working_days: number; count: number }[];
  calendar_days_off?: DayOff[];
  calendar_make_up_days?: DayOff[];
  statuses?: StatusRow[];
  completion_from?: 'result_ready' | 'returned' | 'none';
}

export interface Overrides {
  [indicatorId: string]: { threshold?: number; weight?: number; mandatory?: boolean };
}

export interface ScoreOptions {
  overrides?: Overrides;
}

/** A user's fix to the automatic column mapping: sheet → header → canonical name, indicator id, or "" to ignore. */
export type MappingOverrides = Record<string, Record<string, string>>;

export interface OpenOptions {
  mapping?: MappingOverrides;
  framework?: object;
  /** Hex SHA-256 of the file, computed by the worker with crypto.subtle. */
  sha256?: string;
}

/** Days the user adds to the working calendar (dates as YYYY-MM-DD). */
export interface CalendarEdits {
  days_off: { date: string; note?: string }[];
  workdays: { date: string; note?: string }[];
}

/** A launch date the user (or a workspace) adds: [commune, village or "", YYYY-MM-DD]. */
export type LaunchDate = [string, string, string];

export interface TurnaroundOptions {
  as_of?: string;
  by?: string[];
  calendar?: CalendarEdits;
  launch?: LaunchDate[];
  /** Vietnam Culture Day (24/11, from 2026) as a holiday; absent means yes. */
  culture_day?: boolean;
  /** The user's status table: status word → class. */
  statuses?: Record<string, StatusClass>;
}

export interface ExportOptions {
  overrides?: Overrides;
  turnaround?: TurnaroundOptions;
}

/** An error as the worker reports it: a plain, cloneable copy of the JS Error the wasm threw. */
export interface AppError {
  message: string;
  message_en?: string | null;
  code?: string | null;
  file?: string | null;
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  /** True when the worker can no longer be trusted (wasm trap, init failure). */
  fatal?: boolean;
  /** Heading of the message box (defaults to "the file could not be read"). */
  title?: string;
}

/** Which loaded workbook a request is about: the main one or the snapshot to compare with. */
export type Slot = 'main' | 'compare';

// ------------------------------------------------------------ workspaces

export interface StoredFile {
  name: string;
  sha256: string;
  size: number;
}

/** What the page keeps in a workspace's `last_results` (the core stores it as given). */
export interface LastResults {
  app: 'thonso-web';
  at: string;
  /** Headline numbers of the last analysis, for the list and for checking. */
  score?: { summary: ScoreSummary; communes: CommuneRow[] } | null;
  turnaround?: { as_of: string; overall: Metrics } | null;
  /** The view the user left: what-if changes, turnaround settings, the snapshot compared. */
  ui?: {
    overrides?: Overrides;
    /** The framework the what-if changes apply to (the manifest's framework has them applied, for the CLI). */
    base_framework?: Framework | null;
    as_of?: string;
    by?: string[];
    culture_day?: boolean;
    compare?: number | null;
  };
  /** A report received by link and imported: the link text (`v1.…`). */
  share?: string;
}

/** The `.thonso` manifest (core/src/store.rs, `Workspace`). */
export interface Manifest {
  name: string;
  created: string;
  updated: string;
  files: StoredFile[];
  current: number;
  mapping: MappingOverrides;
  framework: Framework | null;
  calendar: CalendarEdits;
  /** The user's status table (turnaround). */
  statuses?: Record<string, StatusClass>;
  launch_dates: LaunchDate[];
  snapshots: { name: string; file: number }[];
  last_results: LastResults | null;
}

// ------------------------------------------------------------ share links

export interface SharePayload {
  v: number;
  /** Indicators a what-if changed when the link was made (absent for a plain result). */
  scenario?: string[];
  /** The QR's short form: headline numbers and the commune roll-up, no villages. */
  summary?: { units: number; recognized: number; near: number; communes: [string, number, number, number, number | null][] } | null;
  provenance: { app: string; at: string; file_sha256: string; file: string };
  framework: { name: string; changed: [string, string, number, number, boolean][]; dropped: string[] } | null;
  score: {
    communes: string[];
    plan: (number | null)[];
    commune: number[];
    village: string;
    status: string;
    readiness: number[];
  } | null;
  turnaround: {
    as_of: string;
    dossiers: number;
    completed: number;
    open: number;
    overdue_open: number;
    median_working_days: number | null;
    p90_working_days: number | null;
    km_median_working_days: number | null;
    median_days: number | null;
    on_time_rate: number | null;
    online_rate: number | null;
    monthly: [string, number, number | null][];
    before_after_days: [number | null, number | null] | null;
    before_after_working_days?: [number | null, number | null] | null;
  } | null;
}

export type WorkerRequest =
  | { id: number; type: 'version' }
  | { id: number; type: 'demo'; slot: Slot; options?: OpenOptions }
  | { id: number; type: 'open'; slot: Slot; name: string; bytes: ArrayBuffer; options?: OpenOptions }
  | { id: number; type: 'inspect'; slot: Slot }
  | { id: number; type: 'framework'; slot: Slot }
  | { id: number; type: 'score'; slot: Slot; options?: ScoreOptions }
  | { id: number; type: 'turnaround'; slot: Slot; options?: TurnaroundOptions }
  | { id: number; type: 'export_xlsx'; slot: Slot; options?: ExportOptions }
  | { id: number; type: 'close'; slot: Slot }
  | { id: number; type: 'demo_bytes' }
  | { id: number; type: 'share_link'; slot: Slot; at: string; options?: ExportOptions }
  | { id: number; type: 'share_link_summary'; slot: Slot; at: string; options?: ExportOptions }
  | { id: number; type: 'share_decode'; text: string }
  | { id: number; type: 'ws_encode'; manifest: Manifest; files: ArrayBuffer[] }
  | { id: number; type: 'ws_decode'; bytes: ArrayBuffer }
  | { id: number; type: 'check_size'; name: string; size: number };

export type WorkerReply =
  | { type: 'ready'; version: string }
  | { type: 'progress'; id: number; done: number; total: number; stage: string }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: AppError };
