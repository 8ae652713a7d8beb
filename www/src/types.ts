// The shapes that cross between the core and the page. Every report,
// option and payload type is generated from the Rust types
// (generated/core.ts, by ts-rs: core/src/ts_types.rs; `make types`), and
// re-exported here under the names the page uses. What is written by hand
// below belongs to the page alone: the worker protocol, the page's own
// record of its last view, and the error as the page shows it.
import type * as Core from './generated/core';
import type { CommuneRollup, Framework, Metrics, Summary } from './generated/core';

export type {
  Assumption,
  Bin,
  CanonGroup,
  CanonLabel,
  ColumnInfo,
  CommuneChange,
  Diagnostic,
  Excluded,
  Framework,
  IgnoredSheet,
  Indicator,
  InspectReport,
  IsoDate,
  LaunchInForce,
  Metrics,
  Pillar,
  PillarScore,
  PooledSheet,
  RepairedCell,
  ScoreReport,
  SharePayload,
  ShareTotals,
  ShareUnit,
  ShareView,
  SnapshotDiff,
  Status,
  StatusClass,
  StatusRow,
  StoredFile,
  TurnaroundReport,
  UnitRef,
  WhatIf,
} from './generated/core';

export type {
  Kind as SheetKind,
  SheetReport as SheetInfo,
  Failed as FailedIndicator,
  UnitScore as ScoreUnit,
  CommuneRollup as CommuneRow,
  OneStep as OneStepAway,
  Summary as ScoreSummary,
  /** Metrics of one group; `by` names the group (e.g. {month: "2024-03"}). */
  Group as GroupRow,
  Side as BeforeAfterSide,
  BeforeAfter as BeforeAfterRow,
  DayInfo as DayOff,
} from './generated/core';
/** What-if changes: indicator id → the threshold, weight or BB flag to try. */
export type Overrides = Core.Overrides;
/** A user's fix to the automatic column mapping: sheet → header → canonical name, indicator id, or "" to ignore. */
export type MappingOverrides = Core.Workspace['mapping'];
/** Days the user adds to the working calendar (dates as YYYY-MM-DD). */
export type CalendarEdits = Core.CalendarExtension;
/** A launch date: [commune, village or "", YYYY-MM-DD]. */
export type LaunchDate = Core.TurnaroundOptions['launch'][number];
/** Options the page sends: every key may be left out (the core's defaults). */
export type ScoreOptions = Partial<Core.ScoreOptions>;
export type TurnaroundOptions = Partial<Core.TurnaroundOptions>;
export interface ExportOptions {
  overrides?: Overrides;
  turnaround?: TurnaroundOptions;
}
export type OpenOptions = Partial<Core.FileOptions>;

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

/** What the page keeps in a workspace's `last_results` (the core stores it as given). */
export interface LastResults {
  app: 'thonso-web';
  at: string;
  /** Headline numbers of the last analysis, for the list and for checking. */
  score?: { summary: Summary; communes: CommuneRollup[] } | null;
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

/** The `.thonso` manifest (core/src/store.rs, `Workspace`); `last_results` is the page's own record. */
export type Manifest = Omit<Core.Workspace, 'last_results'> & { last_results: LastResults | null };

export type WorkerRequest =
  | { id: number; type: 'version' }
  | { id: number; type: 'demo'; slot: Slot; options?: OpenOptions }
  | { id: number; type: 'open'; slot: Slot; name: string; bytes: ArrayBuffer; options?: OpenOptions }
  | { id: number; type: 'inspect'; slot: Slot }
  | { id: number; type: 'framework'; slot: Slot }
  | { id: number; type: 'score'; slot: Slot; options?: ScoreOptions }
  | { id: number; type: 'what_if'; slot: Slot; options?: ScoreOptions }
  | { id: number; type: 'turnaround'; slot: Slot; options?: TurnaroundOptions }
  | { id: number; type: 'export_xlsx'; slot: Slot; options?: ExportOptions }
  | { id: number; type: 'close'; slot: Slot }
  | { id: number; type: 'demo_bytes' }
  | { id: number; type: 'share_link'; slot: Slot; at: string; options?: ExportOptions }
  | { id: number; type: 'share_link_summary'; slot: Slot; at: string; options?: ExportOptions }
  | { id: number; type: 'share_decode'; text: string }
  | { id: number; type: 'share_link_merge'; slot: Slot; at: string; options?: ExportOptions }
  | { id: number; type: 'share_merge'; links: string[] }
  | { id: number; type: 'ws_encode'; manifest: Manifest; files: ArrayBuffer[] }
  | { id: number; type: 'ws_decode'; bytes: ArrayBuffer }
  | { id: number; type: 'check_size'; name: string; size: number }
  | { id: number; type: 'compare' }
  | { id: number; type: 'is_workspace'; head: ArrayBuffer }
  | { id: number; type: 'canon_groups' }
  | { id: number; type: 'link_limit' }
  | { id: number; type: 'table_csv'; rows: CsvCell[][] };

export type WorkerReply =
  | { type: 'ready'; version: string }
  | { type: 'progress'; id: number; done: number; total: number; stage: string }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: AppError };

/** One cell of a table exported as CSV by the core (`export::table_csv`). */
export type CsvCell = string | number | null;
