// Page-side handle on the worker: request/reply by id, progress callbacks,
// and cancel = terminate + fresh worker. The page keeps the *source* of each
// loaded workbook (a File, or "demo"), so a fresh worker can reopen it on
// demand after a cancel or a crash; the worker never outlives its usefulness.
import { createWorker } from './worker-factory';
import type {
  AppError,
  CanonGroup,
  CsvCell,
  ExportOptions,
  Framework,
  InspectReport,
  Manifest,
  OpenOptions,
  ShareView,
  ScoreOptions,
  SnapshotDiff,
  ScoreReport,
  Slot,
  TurnaroundOptions,
  TurnaroundReport,
  WhatIf,
  WorkerReply,
  WorkerRequest,
} from './types';

/** Where a slot's workbook comes from, and how to read it (mapping fixes). */
export type Source = ({ kind: 'demo' } | { kind: 'file'; file: File } | { kind: 'bytes'; name: string; bytes: Uint8Array }) & {
  options?: OpenOptions;
};
export type ProgressFn = (done: number, total: number, stage: string) => void;

/** Rejection value of a request the user cancelled. */
export const CANCELLED: AppError = {
  message: 'Đã hủy.',
  message_en: 'Cancelled.',
  code: 'cancelled',
};

/**
 * Options as plain JSON: the core reads a key that is present but
 * `undefined` as a wrong type (serde-wasm-bindgen), so such keys are dropped.
 */
function plain<T>(o: T | undefined): T | undefined {
  return o === undefined ? undefined : (JSON.parse(JSON.stringify(o)) as T);
}

// Distributive Omit, so each request variant keeps its own fields.
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type RequestBody = DistributiveOmit<WorkerRequest, 'id'>;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  onProgress?: ProgressFn;
}

export class WorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** What each slot of the *current* worker holds; cleared when the worker is replaced. */
  private opened = new Map<Slot, Source>();
  /** What each slot should hold; survives worker replacement. */
  private wanted = new Map<Slot, Source>();

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = createWorker();
    w.addEventListener('message', (ev: MessageEvent<WorkerReply>) => this.onMessage(ev.data));
    w.addEventListener('error', (ev) => {
      // A worker that failed to start (script or wasm missing) fails every request.
      ev.preventDefault();
      this.reset({
        message: 'Không khởi động được bộ xử lý trong trình duyệt. Hãy tải lại trang.',
        message_en: 'The in-browser engine could not start. Please reload the page.',
        code: 'worker_failed',
        fatal: true,
      });
    });
    this.worker = w;
    return w;
  }

  private onMessage(msg: WorkerReply): void {
    if ('type' in msg) {
      if (msg.type === 'progress') this.pending.get(msg.id)?.onProgress?.(msg.done, msg.total, msg.stage);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) {
      p.resolve(msg.result);
    } else {
      p.reject(msg.error);
      if (msg.error.fatal) this.reset(null);
    }
  }

  /** Drop the worker; reject what is in flight with `error` (or leave them if null: already answered). */
  private reset(error: AppError | null): void {
    this.worker?.terminate();
    this.worker = null;
    this.opened.clear();
    const pending = [...this.pending.values()];
    this.pending.clear();
    if (error) for (const p of pending) p.reject(error);
  }

  private send<T>(body: RequestBody, onProgress?: ProgressFn, transfer: Transferable[] = []): Promise<T> {
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      w.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  /** Stop whatever the worker is doing. The page stays usable; sessions reopen on demand. */
  cancel(): void {
    this.reset(CANCELLED);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  version(): Promise<string> {
    return this.send<string>({ type: 'version' });
  }

  async open(slot: Slot, source: Source, onProgress?: ProgressFn): Promise<InspectReport> {
    let report: InspectReport;
    if (source.kind === 'demo') {
      report = await this.send<InspectReport>({ type: 'demo', slot, options: plain(source.options) }, onProgress);
    } else {
      // The page keeps its own copy of 'bytes' sources (the workspace store needs them).
      const bytes = source.kind === 'file' ? (await this.readFile(source.file)).buffer : source.bytes.slice().buffer;
      const name = source.kind === 'file' ? source.file.name : source.name;
      report = await this.send<InspectReport>({ type: 'open', slot, name, bytes, options: plain(source.options) }, onProgress, [bytes]);
    }
    this.opened.set(slot, source);
    this.wanted.set(slot, source);
    return report;
  }

  /**
   * Reads a picked or dropped file, after the core has checked its size: a
   * file over the core's limit is refused (code file_too_large) by its
   * `size` alone, before any of it is read into memory.
   */
  async readFile(file: File): Promise<Uint8Array<ArrayBuffer>> {
    // A .thonso workspace may bundle several files; the core checks each one it opens.
    if (!/\.thonso$/i.test(file.name)) await this.send<null>({ type: 'check_size', name: file.name, size: file.size });
    return new Uint8Array(await file.arrayBuffer());
  }

  async close(slot: Slot): Promise<void> {
    this.wanted.delete(slot);
    if (this.opened.delete(slot)) await this.send({ type: 'close', slot });
  }

  /** Reopen the slot's workbook in a fresh worker if a cancel or crash dropped it. */
  private async ensure(slot: Slot): Promise<void> {
    if (this.opened.has(slot)) return;
    const src = this.wanted.get(slot);
    if (!src) return; // the worker answers with a clear "no file open" error
    await this.open(slot, src);
  }

  async inspect(slot: Slot = 'main'): Promise<InspectReport> {
    await this.ensure(slot);
    return this.send<InspectReport>({ type: 'inspect', slot });
  }

  async framework(slot: Slot = 'main'): Promise<Framework> {
    await this.ensure(slot);
    return this.send<Framework>({ type: 'framework', slot });
  }

  /** The score report (null: no villages sheet). It crosses as JSON text, parsed here. */
  async score(slot: Slot = 'main', options?: ScoreOptions): Promise<ScoreReport | null> {
    await this.ensure(slot);
    return parseReport<ScoreReport>(await this.send<string | null>({ type: 'score', slot, options: plain(options) }));
  }

  /** A what-if slider's answer: the villages' outcomes under the changes (www/src/whatif-merge.ts lays them over the report). */
  async whatIf(slot: Slot = 'main', options?: ScoreOptions): Promise<WhatIf | null> {
    await this.ensure(slot);
    return parseReport<WhatIf>(await this.send<string | null>({ type: 'what_if', slot, options: plain(options) }));
  }

  /** The turnaround report (null: no dossier sheet), as JSON text parsed here. */
  async turnaround(slot: Slot = 'main', options?: TurnaroundOptions): Promise<TurnaroundReport | null> {
    await this.ensure(slot);
    return parseReport<TurnaroundReport>(await this.send<string | null>({ type: 'turnaround', slot, options: plain(options) }));
  }

  async exportXlsx(slot: Slot = 'main', options?: ExportOptions): Promise<ArrayBuffer> {
    await this.ensure(slot);
    return this.send<ArrayBuffer>({ type: 'export_xlsx', slot, options: plain(options) });
  }

  /** The `v1.…` share-link text for the slot's current results (aggregates only). */
  async shareLink(slot: Slot, at: string, options?: ExportOptions): Promise<string> {
    await this.ensure(slot);
    return this.send<string>({ type: 'share_link', slot, at, options: plain(options) });
  }

  /** The summary link text (headline numbers, commune roll-up): what the QR code carries when the full link is too long to scan. */
  async shareLinkSummary(slot: Slot, at: string, options?: ExportOptions): Promise<string> {
    await this.ensure(slot);
    return this.send<string>({ type: 'share_link_summary', slot, at, options: plain(options) });
  }

  /** The merge link: the full link plus the histograms that let links combine exactly. */
  async shareLinkMerge(slot: Slot, at: string, options?: ExportOptions): Promise<string> {
    await this.ensure(slot);
    return this.send<string>({ type: 'share_link_merge', slot, at, options: plain(options) });
  }

  /** Several communes' merge links as one report (core `share::merge`). */
  mergeShares(links: string[]): Promise<ShareView> {
    return this.send<ShareView>({ type: 'share_merge', links });
  }

  /** The main file against the compare slot's (core `compare`); null when either has no villages. */
  async compare(): Promise<SnapshotDiff | null> {
    await this.ensure('main');
    await this.ensure('compare');
    return this.send<SnapshotDiff | null>({ type: 'compare' });
  }

  /** True when the bytes are a `.thonso` workspace (the core's check, on the first bytes only). */
  isWorkspace(bytes: Uint8Array): Promise<boolean> {
    // The core's check reads the start of the file; 64 bytes hold its signature many times over.
    const head = bytes.slice(0, 64).buffer;
    return this.send<boolean>({ type: 'is_workspace', head }, undefined, [head]);
  }

  /** The canonical columns with their labels, grouped, for the mapping editor. */
  canonGroups(): Promise<CanonGroup[]> {
    return this.send<CanonGroup[]>({ type: 'canon_groups' });
  }

  /** Share links longer than this many characters are hard to send (the core's limit). */
  linkLimit(): Promise<number> {
    return this.send<number>({ type: 'link_limit' });
  }

  /** A table (header row first) as CSV text for Excel, every text cell neutralised by the core. */
  tableCsv(rows: CsvCell[][]): Promise<string> {
    return this.send<string>({ type: 'table_csv', rows });
  }

  /** Decodes and validates share-link text; rejects with a clear error when it is truncated or tampered. */
  /** A share link checked and unpacked by the core: the payload, its villages as rows, the commune roll-up. */
  decodeShare(text: string): Promise<ShareView> {
    return this.send<ShareView>({ type: 'share_decode', text });
  }

  async demoBytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.send<ArrayBuffer>({ type: 'demo_bytes' }));
  }

  /** Packs a workspace into `.thonso` bytes (the core fills in each file's sha256 and size). */
  async encodeWorkspace(manifest: Manifest, files: Uint8Array[]): Promise<Uint8Array> {
    const copies = files.map((f) => f.slice().buffer);
    return new Uint8Array(await this.send<ArrayBuffer>({ type: 'ws_encode', manifest: plain(manifest)!, files: copies }, undefined, copies));
  }

  /** Unpacks `.thonso` bytes; rejects (code workspace_corrupt / workspace_newer) when they cannot be used. */
  async decodeWorkspace(bytes: Uint8Array): Promise<{ manifest: Manifest; files: Uint8Array[] }> {
    const copy = bytes.slice().buffer;
    const r = await this.send<{ manifest: Manifest; files: ArrayBuffer[] }>({ type: 'ws_decode', bytes: copy }, undefined, [copy]);
    return { manifest: r.manifest, files: r.files.map((f) => new Uint8Array(f)) };
  }
}

/** A report the worker sent as the core's JSON text. */
function parseReport<T>(text: string | null): T | null {
  return text == null ? null : (JSON.parse(text) as T);
}
