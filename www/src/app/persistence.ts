// Workspace persistence: the workspace on show auto-saved to IndexedDB
// (store.ts) as `.thonso` bytes the core encodes, the save indicator, the
// list of stored workspaces (open, rename, delete, import, export), the
// same file reopening its workspace, snapshots, and reopening the last
// workspace at start-up.
import { h, download } from '../dom';
import { t, getLang, pick } from '../i18n';
import * as store from '../store';
import { emptyManifest, pruneFiles, safeFileName, stem } from '../workspace';
import { changedIds } from '../views/scenario';
import type { Replaced } from '../views/replaced';
import type { AppError, Framework, Manifest } from '../types';
import { state, nowIso, setWorkspaceState, waitingScenario } from './state';
import { client, scorecard, turnaround, workspaces } from './views';
import { renderAll, renderMessages, showError } from './shell';
import { loadDemo, loadMain } from './loading';
import { showShare } from './share';

const THONSO_MIME = 'application/octet-stream';
const DEMO_FILE = 'thonso-demo.xlsx';
const ws = state.ws;

export const saveEl = h('span', { class: 'save-state', 'data-testid': 'save-state', 'aria-live': 'polite' });

/** The auto-save queue: the debounce timer, and the saves in order. */
const saving = { timer: undefined as ReturnType<typeof setTimeout> | undefined, chain: Promise.resolve() as Promise<void> };

export function renderSaveState(): void {
  const s = ws.id ? ws.save : 'none';
  saveEl.dataset.state = s;
  saveEl.className = `save-state${s === 'error' ? ' bad' : ''}`;
  const time = ws.savedAt ? new Intl.DateTimeFormat(getLang() === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'short' }).format(new Date(ws.savedAt)) : '';
  saveEl.textContent =
    s === 'none'
      ? state.isDemo
        ? t('save_demo')
        : ''
      : s === 'saved'
        ? t('save_saved', { time })
        : s === 'error'
          ? t('save_error')
          : t('save_saving');
}

/** Opens the stored workspace holding this very file (same SHA-256) instead of making a duplicate; false when none is usable. */
export async function reuseStored(sha: string | undefined, lost: Replaced | null): Promise<boolean> {
  if (!sha || !state.storeUsable) return false;
  const entries = await store.findBySha(sha).catch(() => [] as store.IndexEntry[]);
  for (const e of entries) {
    if (state.broken.has(e.id)) continue;
    const decoded = await readStored(e.id);
    if (!('manifest' in decoded)) continue; // damaged: listed as such, a new workspace is made
    await store.setLast(e.id).catch(() => undefined);
    state.replaced = lost ? { ...lost, forId: e.id } : null;
    const err = await openDecoded(e.id, decoded, t('ws_reused', { name: decoded.manifest.name }));
    if (err) showError(err);
    void refreshStore();
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- workspace store

export function setWorkspace(id: string | null, manifest: Manifest | null, files: Uint8Array[], baseFramework: Framework | null): void {
  clearTimeout(saving.timer);
  setWorkspaceState(id, manifest, files, baseFramework);
  renderStorePanel();
}

/** The manifest as the page stands: mapping fixes, framework, calendar, snapshots and the last results. */
export function buildManifest(base: Manifest): Manifest {
  const now = nowIso();
  const overrides = scorecard.currentOverrides();
  const hasOverrides = Object.keys(overrides).length > 0;
  const fw = ws.baseFramework ?? state.framework;
  const ta = turnaround.options();
  const score = scorecard.currentReport();
  const tr = turnaround.currentReport();
  return {
    ...base,
    updated: now,
    mapping: state.source?.options?.mapping ?? {},
    // With what-if changes in force the manifest carries the framework they
    // make (the score report's, changes applied by the core), so
    // `thonso score workspace.thonso` gives what the page shows.
    framework: hasOverrides && score ? score.framework : ws.baseFramework,
    calendar: { days_off: ta.calendar?.days_off ?? [], workdays: ta.calendar?.workdays ?? [] },
    statuses: ta.statuses ?? {},
    launch_dates: ta.launch ?? [],
    last_results: {
      app: 'thonso-web',
      at: now,
      score: score ? { summary: score.summary, communes: score.communes } : null,
      turnaround: tr ? { as_of: tr.as_of, overall: tr.overall } : null,
      ui: {
        // A scenario still waiting for the user's answer is kept, not dropped by an unrelated save.
        overrides: hasOverrides ? overrides : (waitingScenario() ?? overrides),
        base_framework: hasOverrides ? fw : ws.baseFramework,
        as_of: ta.as_of,
        by: ta.by,
        culture_day: ta.culture_day,
        compare: ws.compare,
      },
    },
  };
}


/** Auto-save after a change (debounced; saves run one at a time, in order). */
export function scheduleSave(delay = 400): void {
  if (!ws.id || !state.storeUsable) return;
  clearTimeout(saving.timer);
  ws.save = 'pending';
  renderSaveState();
  saving.timer = setTimeout(() => {
    saving.chain = saving.chain.then(saveNow);
  }, delay);
}

export async function saveNow(): Promise<void> {
  const id = ws.id;
  if (!id || !ws.manifest) return;
  const manifest = buildManifest(ws.manifest);
  const files = ws.files;
  ws.save = 'saving';
  renderSaveState();
  try {
    const bytes = await client.encodeWorkspace(manifest, files);
    await store.put({ id, name: manifest.name, updated: manifest.updated, size: bytes.length, kind: 'data', sha256: manifest.files[manifest.current]?.sha256 || undefined }, bytes);
    if (ws.id === id) {
      ws.manifest = manifest;
      ws.save = 'saved';
      ws.savedAt = manifest.updated;
      renderSaveState();
    }
    if (!state.persistAsked) {
      state.persistAsked = true;
      await store.persist();
    }
    void refreshStore();
  } catch (e) {
    const err = e as AppError;
    if (err.code === 'cancelled') {
      scheduleSave();
      return;
    }
    if (err.code === 'store_unavailable') state.storeUsable = false;
    if (ws.id === id) {
      ws.save = 'error';
      renderSaveState();
    }
    showError({ ...err, title: t('store_error_title') });
    void refreshStore();
  }
}

export function renderStorePanel(): void {
  workspaces.set({ currentId: ws.id, broken: state.broken, snapshots: ws.manifest?.snapshots ?? [], comparing: ws.compare });
}

export async function refreshStore(): Promise<void> {
  const [entries, storage] = await Promise.all([store.list().catch((e: store.StoreError) => e), store.storageInfo()]);
  if (Array.isArray(entries)) workspaces.set({ entries, unavailable: null, storage });
  else workspaces.set({ entries: [], unavailable: pick(entries.message, entries.message_en), storage });
  renderStorePanel();
}

/** Reads and checks a stored workspace. Never uses bytes the core rejects. */
export async function readStored(id: string): Promise<{ manifest: Manifest; files: Uint8Array[] } | AppError> {
  let bytes: Uint8Array | null;
  try {
    bytes = await store.getBytes(id);
  } catch (e) {
    return { ...(e as AppError), title: t('ws_error_title') };
  }
  if (!bytes) return { message: 'Không tìm thấy không gian làm việc này.', message_en: 'This workspace was not found.', code: 'workspace_missing', title: t('ws_error_title') };
  try {
    return await client.decodeWorkspace(bytes);
  } catch (e) {
    state.broken.add(id);
    const entries = await store.list().catch(() => []);
    const name = entries.find((x) => x.id === id)?.name;
    return { ...(e as AppError), title: t('ws_error_title'), file: name ?? null };
  }
}

/** Opens a decoded workspace: its current file with its settings, or a saved share report. */
export async function openDecoded(
  id: string,
  decoded: { manifest: Manifest; files: Uint8Array[] },
  status?: string,
  /** At start-up a saved what-if is asked about, never put back silently (issue 19). */
  askScenario = false,
): Promise<AppError | null> {
  const { manifest, files } = decoded;
  if (!manifest.files.length) {
    const text = manifest.last_results?.share;
    if (!text) return { message: 'Không gian làm việc không có tệp dữ liệu nào.', message_en: 'The workspace holds no data file.', code: 'workspace_empty', title: t('ws_error_title') };
    await showShare(text, id);
    return null;
  }
  const ui = manifest.last_results?.ui ?? {};
  const baseFramework = ui.base_framework ?? manifest.framework ?? null;
  const file = manifest.files[manifest.current];
  const snap = ui.compare != null ? manifest.snapshots[ui.compare] : undefined;
  const ask = askScenario && changedIds(ui.overrides).length > 0;
  state.pendingScenario = ask ? { id, overrides: ui.overrides ?? {} } : null;
  state.mode = 'app';
  return loadMain(
    { kind: 'bytes', name: file.name, bytes: files[manifest.current], options: { mapping: manifest.mapping ?? {}, framework: baseFramework ?? undefined } },
    file.name,
    {
      kind: 'restore',
      restore: { id, manifest, files, baseFramework, compare: snap ? (ui.compare ?? null) : null },
      overrides: ask ? {} : (ui.overrides ?? {}),
      turnaround: { as_of: ui.as_of, by: ui.by, calendar: manifest.calendar, culture_day: ui.culture_day, statuses: manifest.statuses ?? {} },
      compare: snap ? { name: snap.name, bytes: files[snap.file] } : null,
      status: status ?? t('ws_restored', { name: manifest.name }),
    },
  );
}

export async function openFromList(id: string): Promise<void> {
  const decoded = await readStored(id);
  if (!('manifest' in decoded)) {
    showError(decoded);
    renderStorePanel();
    return;
  }
  if (decoded.manifest.files.length) await store.setLast(id).catch(() => undefined);
  const err = await openDecoded(id, decoded);
  if (err) showError(err);
}

export async function importFile(file: File): Promise<void> {
  await importThonso(new Uint8Array(await file.arrayBuffer()), file.name);
}

/** A `.thonso` file: checked by the core, stored as it is, then opened. */
export async function importThonso(bytes: Uint8Array, fileName: string): Promise<void> {
  let decoded: { manifest: Manifest; files: Uint8Array[] };
  try {
    decoded = await client.decodeWorkspace(bytes);
  } catch (e) {
    showError({ ...(e as AppError), title: t('ws_error_title'), file: fileName });
    return;
  }
  const m = decoded.manifest;
  const id = store.newId();
  const name = m.name || stem(fileName);
  const kind = m.files.length ? 'data' : 'share';
  try {
    await store.put({ id, name, updated: m.updated || nowIso(), size: bytes.length, kind, sha256: m.files[m.current]?.sha256 || undefined }, bytes, kind === 'data');
  } catch (e) {
    const err = e as store.StoreError;
    if (err.code === 'store_unavailable') state.storeUsable = false;
    showError({ ...err, title: t('store_error_title') });
  }
  const err = await openDecoded(id, decoded, t('ws_imported', { name }));
  if (err) showError(err);
  void refreshStore();
}

export async function renameWorkspace(id: string, name: string): Promise<void> {
  if (id === ws.id && ws.manifest) {
    ws.manifest.name = name;
    clearTimeout(saving.timer);
    saving.chain = saving.chain.then(saveNow);
    await saving.chain;
    return;
  }
  try {
    const decoded = await readStored(id);
    if ('manifest' in decoded) {
      const m = { ...decoded.manifest, name };
      const bytes = await client.encodeWorkspace(m, decoded.files);
      const entry = (await store.list()).find((e) => e.id === id);
      await store.put({ id, name, updated: m.updated || nowIso(), size: bytes.length, kind: entry?.kind ?? 'data', sha256: entry?.sha256 }, bytes, false);
    } else {
      // A damaged record keeps its bytes untouched; only its label changes.
      await store.renameEntry(id, name);
    }
  } catch (e) {
    showError({ ...(e as AppError), title: t('store_error_title') });
  }
  void refreshStore();
}

export async function removeWorkspace(id: string): Promise<void> {
  const name = (await store.list().catch(() => [])).find((e) => e.id === id)?.name ?? '';
  try {
    await store.remove(id);
  } catch (e) {
    showError({ ...(e as AppError), title: t('store_error_title') });
    return;
  }
  state.broken.delete(id);
  if (id === state.share.savedId) state.share.savedId = null;
  if (id === ws.id) {
    setWorkspace(null, null, [], null);
    await loadDemo();
  }
  state.status = t('ws_deleted', { name });
  renderMessages();
  await refreshStore();
  document.querySelector<HTMLElement>('[data-testid="ws-import-input"] + label')?.focus();
}

/** Download the workspace on show as one `.thonso` file (the demo too). */
export async function exportCurrent(): Promise<void> {
  try {
    let manifest: Manifest;
    let files: Uint8Array[];
    if (ws.id && ws.manifest) {
      manifest = buildManifest(ws.manifest);
      files = ws.files;
    } else if (state.source) {
      const bytes = state.source.kind === 'bytes' ? state.source.bytes : await client.demoBytes();
      const fileName = state.source.kind === 'bytes' ? state.source.name : DEMO_FILE;
      manifest = buildManifest(emptyManifest(state.isDemo ? t('demo_file') : stem(fileName), nowIso(), [{ name: fileName, size: bytes.length }]));
      files = [bytes];
    } else return;
    const bytes = await client.encodeWorkspace(manifest, files);
    download(bytes as Uint8Array<ArrayBuffer>, `${safeFileName(manifest.name)}.thonso`, THONSO_MIME);
  } catch (e) {
    showError(e as AppError);
  }
}

export async function exportStored(id: string): Promise<void> {
  if (id === ws.id) return exportCurrent();
  const decoded = await readStored(id);
  if (!('manifest' in decoded)) {
    showError(decoded);
    renderStorePanel();
    return;
  }
  const bytes = await store.getBytes(id);
  if (bytes) download(bytes as Uint8Array<ArrayBuffer>, `${safeFileName(decoded.manifest.name)}.thonso`, THONSO_MIME);
}

export function removeSnapshot(i: number): void {
  if (!ws.manifest) return;
  ws.manifest.snapshots.splice(i, 1);
  if (ws.compare === i) {
    ws.compare = null;
    void client.close('compare');
    scorecard.setCompare(null);
  } else if (ws.compare != null && ws.compare > i) ws.compare -= 1;
  ws.files = pruneFiles(ws.manifest, ws.files);
  renderStorePanel();
  scheduleSave(0);
}

// ---------------------------------------------------------------- share links

/** Reopens the last workspace (or the demo when there is none, or it cannot be used). */
export async function startApp(): Promise<void> {
  state.mode = 'app';
  renderAll();
  let last: string | null = null;
  try {
    last = await store.lastId();
  } catch (e) {
    if ((e as store.StoreError).code === 'store_unavailable') state.storeUsable = false;
  }
  let problem: AppError | null = null;
  if (last) {
    const decoded = await readStored(last);
    if ('manifest' in decoded) {
      problem = await openDecoded(last, decoded, undefined, true);
      if (!problem) {
        void refreshStore();
        return;
      }
    } else problem = decoded;
  }
  await loadDemo();
  // A damaged record is reported, not silently state.replaced by the demo.
  if (problem) showError(problem);
  void refreshStore();
}
