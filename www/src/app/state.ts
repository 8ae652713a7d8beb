// The page's state in one typed store: what is on show (file, reports'
// inputs, view), the read in progress, the workspace auto-save writes, a
// report opened from a share link, and the questions waiting for the user.
// Modules read it directly and change it through the small functions below
// (or, for a field no other module depends on, by assignment); rendering
// is the caller's job.
import type { Source } from '../client';
import type { Replaced } from '../views/replaced';
import type { AppError, CanonGroup, Framework, InspectReport, Manifest, Overrides, ShareView } from '../types';

export type View = 'score' | 'turnaround' | 'data' | 'store';
export const VIEWS: View[] = ['score', 'turnaround', 'data', 'store'];

export interface Loading {
  name: string;
  done: number;
  total: number;
  stage: string;
}

export type SaveState = 'none' | 'pending' | 'saving' | 'saved' | 'error';

/** The workspace on show: what auto-save writes to the store. */
export interface WorkspaceState {
  /** Store id; null for the demo (never saved). */
  id: string | null;
  manifest: Manifest | null;
  /** Bytes of each manifest file, same order. */
  files: Uint8Array[];
  /** The framework the what-if changes apply to; null: the file's own (or the default). */
  baseFramework: Framework | null;
  /** Index of the snapshot being compared. */
  compare: number | null;
  save: SaveState;
  savedAt: string;
}

/** A report opened from a share link. */
export interface ShareState {
  text: string;
  payload: ShareView | null;
  error: AppError | null;
  /** The stored workspace holding it, once imported. */
  savedId: string | null;
}

export interface AppState {
  /** 'share': a read-only report opened from a #s= link. */
  mode: 'app' | 'share';
  view: View;
  isDemo: boolean;
  fileName: string;
  inspect: InspectReport | null;
  source: Source | null;
  framework: Framework | null;
  /** The canonical columns' labels, from the core (the mapping editor's choices). */
  canon: CanonGroup[];
  loading: Loading | null;
  /** Numbers the reads: a read's answer is used only while it is the latest. */
  loadSeq: number;
  error: AppError | null;
  status: string;
  version: string;
  exporting: boolean;
  offlineReady: boolean;
  ws: WorkspaceState;
  /** Stored workspaces whose bytes failed the core's checks: listed, never used or overwritten. */
  broken: Set<string>;
  storeUsable: boolean;
  persistAsked: boolean;
  share: ShareState;
  /** A what-if scenario saved in the workspace reopened at start-up: not in force until the user answers (issue 19). */
  pendingScenario: { id: string; overrides: Overrides } | null;
  /** A new file that dropped half of the previous workspace (villages or dossiers), for the notice; `forId` is the workspace it is about. */
  replaced: (Replaced & { forId: string }) | null;
}

export function viewFromHash(): View | null {
  const v = location.hash.replace(/^#/, '');
  return (VIEWS as string[]).includes(v) ? (v as View) : null;
}

export const state: AppState = {
  mode: 'app',
  view: viewFromHash() ?? 'score',
  isDemo: true,
  fileName: '',
  inspect: null,
  source: null,
  framework: null,
  canon: [],
  loading: null,
  loadSeq: 0,
  error: null,
  status: '',
  version: '',
  exporting: false,
  offlineReady: false,
  ws: { id: null, manifest: null, files: [], baseFramework: null, compare: null, save: 'none', savedAt: '' },
  broken: new Set<string>(),
  storeUsable: true,
  persistAsked: false,
  share: { text: '', payload: null, error: null, savedId: null },
  pendingScenario: null,
  replaced: null,
};

/** A new read starts: returns its number (a cancel or a newer read makes it stale). */
export function beginLoad(name: string): number {
  state.loading = { name, done: 0, total: 0, stage: '' };
  state.error = null;
  state.status = '';
  return ++state.loadSeq;
}

/** The read `seq` ended (false when it is stale: nothing changes). */
export function endLoad(seq: number, status: string, error: AppError | null): boolean {
  if (seq !== state.loadSeq) return false;
  state.loading = null;
  state.status = status;
  state.error = error && error.code !== 'cancelled' ? error : null;
  return true;
}

/** The read in progress was cancelled: whatever it answers is stale. */
export function cancelLoad(status: string): void {
  state.loadSeq += 1;
  state.loading = null;
  state.status = status;
}

/** The workspace on show changes (auto-save starts pending when it has a store id). */
export function setWorkspaceState(id: string | null, manifest: Manifest | null, files: Uint8Array[], baseFramework: Framework | null): void {
  Object.assign(state.ws, { id, manifest, files, baseFramework, compare: null, save: id ? 'pending' : 'none', savedAt: '' });
}

/** The saved scenario of the workspace on show that waits for an answer, if any. */
export function waitingScenario(): Overrides | null {
  const p = state.pendingScenario;
  return p && p.id === state.ws.id && state.mode === 'app' ? p.overrides : null;
}

/** Leaves share mode's report behind. */
export function clearShare(): void {
  Object.assign(state.share, { text: '', payload: null, error: null });
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date on this computer's clock, YYYY-MM-DD (what a printed report is dated). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
