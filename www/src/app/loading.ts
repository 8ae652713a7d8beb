// Loading: the drop zone and file picker, reading a file or the demo into
// the worker (progress, cancel, errors), a re-read with mapping fixes, and
// the earlier file a comparison is made with.
import { h, fill, type Child } from '../dom';
import { t } from '../i18n';
import type { Source } from '../client';
import { emptyManifest, sameBytes, stem } from '../workspace';
import * as store from '../store';
import { replacedHalf, type Previous } from '../views/replaced';
import type { Snapshot } from '../views/compare';
import type { AppError, LaunchDate, Manifest, MappingOverrides, Overrides, TurnaroundOptions, Framework } from '../types';
import { state, beginLoad, cancelLoad, endLoad, nowIso, viewFromHash, type View } from './state';
import { client, scorecard, turnaround } from './views';
import { renderAll, renderMessages } from './shell';
import { importThonso, renderSaveState, renderStorePanel, reuseStored, saveEl, scheduleSave, setWorkspace } from './persistence';
import { showMerged } from './share';

const ACCEPT = '.xlsx,.xlsm,.xls,.ods,.csv,.tsv,.txt,.thonso';
const ws = state.ws;

export const intakeEl = h('section', { class: 'intake no-print', 'aria-label': t('drop_title') });
const progressEl = h('progress', { 'data-testid': 'progress', max: 1 });
const progressText = h('span', { class: 'progress-text', 'data-testid': 'progress-text' });

export function renderIntake(): void {
  const loading = state.loading;
  intakeEl.setAttribute('aria-label', t('drop_title'));
  const cta: Child = h(
    'div',
    { class: 'banner', 'data-testid': 'demo-banner', hidden: !state.isDemo },
    h('span', { text: t('demo_banner') }),
    ' ',
    h('label', { for: 'file-input', class: 'button primary', 'data-testid': 'use-your-file', text: t('use_your_file') }),
  );
  const dropzone = h(
    'div',
    { class: 'dropzone', 'data-testid': 'dropzone' },
    h(
      'div',
      { class: 'drop-text' },
      h('p', { class: 'drop-title', text: t('drop_title') }),
      h('p', { class: 'muted small', text: t('drop_hint') }),
    ),
    h(
      'div',
      { class: 'file-pick' },
      h('input', {
        id: 'file-input',
        type: 'file',
        class: 'visually-hidden',
        accept: ACCEPT,
        'data-testid': 'file-input',
        onchange: (e: Event) => {
          const input = e.target as HTMLInputElement;
          const f = input.files?.[0];
          if (f) void loadMain({ kind: 'file', file: f }, f.name, { kind: 'new' });
          input.value = '';
        },
      }),
      h('label', { for: 'file-input', class: 'button', text: t('choose_file') }),
      state.isDemo
        ? null
        : h('button', { type: 'button', 'data-testid': 'load-demo', text: t('load_demo'), onclick: () => void loadDemo() }),
    ),
    h(
      'p',
      { class: 'current' },
      `${t('current_file')}: `,
      h('strong', { 'data-testid': 'current-file', text: state.inspect ? (state.isDemo ? t('demo_file') : state.fileName) : '—' }),
      ' · ',
      saveEl,
    ),
  );
  const progress = h(
    'div',
    { class: 'progress', 'data-testid': 'progress-area', hidden: !loading },
    h('label', { for: 'read-progress', text: `${t('reading')}: ${loading?.name ?? ''}` }),
    progressEl,
    progressText,
    h('button', { type: 'button', 'data-testid': 'cancel', text: t('cancel'), onclick: cancel }),
  );
  progressEl.id = 'read-progress';
  updateProgress();
  renderSaveState();
  fill(intakeEl, cta, dropzone, progress, combineLinks());
}

/** Several communes' share links pasted, one per line, shown as one report (issue 15). */
function combineLinks(): HTMLElement {
  const area = h('textarea', {
    id: 'merge-input',
    rows: 4,
    spellcheck: 'false',
    'data-testid': 'merge-input',
    placeholder: 'https://…#s=v1.…',
  }) as HTMLTextAreaElement;
  return h(
    'details',
    { class: 'merge-links', 'data-testid': 'merge-links' },
    h('summary', { text: t('merge_title') }),
    h('label', { for: 'merge-input', class: 'muted small', text: t('merge_hint') }),
    area,
    h('button', { type: 'button', 'data-testid': 'merge-go', text: t('merge_go'), onclick: () => void showMerged(area.value) }),
  );
}

/** The core's progress stages ("read", "analyse", "table", "done") as labels. */
function stageKey(stage: string): 'stage_read' | 'stage_analyse' | 'stage_table' | 'stage_done' {
  return stage === 'analyse' ? 'stage_analyse' : stage === 'table' ? 'stage_table' : stage === 'done' ? 'stage_done' : 'stage_read';
}

function updateProgress(): void {
  const l = state.loading;
  if (!l) return;
  if (l.total > 0) {
    progressEl.max = l.total;
    progressEl.value = Math.min(l.done, l.total);
  } else {
    progressEl.removeAttribute('value'); // indeterminate until the core reports a total
  }
  const pctText = l.total > 0 ? ` ${Math.round((100 * l.done) / l.total)}%` : '';
  progressText.textContent = `${t(stageKey(l.stage))}${pctText}`;
}

export function startLoading(name: string): number {
  if (client.busy) client.cancel();
  const seq = beginLoad(name);
  renderIntake();
  renderMessages();
  return seq;
}

export function onProgress(seq: number) {
  return (done: number, total: number, stage: string) => {
    if (seq !== state.loadSeq || !state.loading) return;
    Object.assign(state.loading, { done, total, stage });
    updateProgress();
  };
}

export function finishLoading(seq: number, status: string, error: AppError | null): void {
  if (!endLoad(seq, status, error)) return;
  renderIntake();
  renderMessages();
}

/** How a read fits the workspace: a new file, a re-read with mapping fixes, a stored workspace, or the demo. */
export interface LoadPlan {
  kind: 'demo' | 'new' | 'remap' | 'restore';
  overrides?: Overrides;
  turnaround?: TurnaroundOptions;
  /** A stored workspace being reopened. */
  restore?: { id: string; manifest: Manifest; files: Uint8Array[]; baseFramework: Framework | null; compare: number | null };
  /** The snapshot to compare with, opened with the main file. */
  compare?: { name: string; bytes: Uint8Array } | null;
  status?: string;
}

/** Reads a workbook into the main slot and shows it. Resolves to the error, or null on success. */
export async function loadMain(source: Source, name: string, plan: LoadPlan): Promise<AppError | null> {
  const seq = startLoading(name);
  try {
    if (source.kind === 'file') {
      // Keep the bytes: the workspace store saves them. A file over the
      // core's size limit is refused before it is read.
      const bytes = await client.readFile(source.file);
      if (seq !== state.loadSeq) return null;
      const isWorkspace = await client.isWorkspace(bytes);
      if (seq !== state.loadSeq) return null;
      if (isWorkspace) {
        finishLoading(seq, '', null);
        await importThonso(bytes, source.file.name);
        return null;
      }
      source = { kind: 'bytes', name: source.file.name, bytes, options: source.options };
    }
    // The user's launch dates: the stored workspace's, or (a re-read with mapping fixes) those on show.
    const launch: LaunchDate[] = plan.restore?.manifest.launch_dates ?? (plan.kind === 'remap' ? (turnaround.options().launch ?? ws.manifest?.launch_dates ?? []) : []);
    const taOptions: TurnaroundOptions = { ...(plan.turnaround ?? {}), ...(launch.length ? { launch } : {}) };
    const inspect = await client.open('main', source, onProgress(seq));
    const score = await client.score('main');
    const overrides = plan.overrides ?? {};
    const scored = score && Object.keys(overrides).length ? await client.score('main', { overrides }) : null;
    const ta = await client.turnaround('main', taOptions);
    const framework = await client.framework('main').catch(() => null);
    if (!state.canon.length) state.canon = await client.canonGroups().catch(() => []);
    let compare: Snapshot | null = null;
    if (plan.compare) {
      try {
        await client.open('compare', { kind: 'bytes', name: plan.compare.name, bytes: plan.compare.bytes });
        const diff = await client.compare();
        if (diff) compare = { name: plan.compare.name, diff };
      } catch {
        compare = null; // the comparison is an extra: the workspace still opens
      }
    }
    if (seq !== state.loadSeq) return null;
    const recognized = !!(score || ta);
    const prev: Previous = { id: ws.id, name: ws.manifest?.name ?? state.fileName, villages: !!scorecard.currentReport(), dossiers: !!turnaround.currentReport() };
    const lost = plan.kind === 'new' ? replacedHalf(prev, name, !!score, !!ta) : null;
    if (plan.kind === 'new' && recognized) {
      // The same file again (same SHA-256) reopens its workspace, settings and all: no duplicate.
      const same = await reuseStored(inspect.sha256, lost);
      if (same || seq !== state.loadSeq) return null;
    }
    // The engine's work is done; what follows is rendering (the benchmark
    // reports both).
    performance.mark('thonso:results');
    state.inspect = inspect;
    state.source = source;
    state.framework = framework;
    state.isDemo = plan.kind === 'demo';
    state.fileName = name;
    scorecard.setReport(score);
    if (scored) scorecard.restore(overrides, scored);
    turnaround.setReport(ta, taOptions);
    scorecard.setCompare(compare);
    if (!compare) void client.close('compare');
    if (!state.version) state.version = await client.version().catch(() => '');

    let save = false;
    let notSaved = false;
    if (plan.kind === 'demo') {
      setWorkspace(null, null, [], null);
    } else if (plan.kind === 'restore' && plan.restore) {
      const r = plan.restore;
      setWorkspace(r.id, r.manifest, r.files, r.baseFramework);
      ws.compare = compare ? r.compare : null;
      ws.save = 'saved';
      ws.savedAt = r.manifest.updated;
    } else if ((plan.kind === 'new' || (plan.kind === 'remap' && !ws.manifest)) && source.kind === 'bytes') {
      if (recognized) {
        const now = nowIso();
        const m = emptyManifest(stem(name), now, [{ name, size: source.bytes.length }]);
        m.files[0].sha256 = inspect.sha256 ?? '';
        m.mapping = source.options?.mapping ?? {};
        setWorkspace(store.newId(), m, [source.bytes], null);
        save = true;
        state.replaced = lost && ws.id ? { ...lost, forId: ws.id } : null;
      } else {
        // Nothing recognized: shown for review, never stored (a fix in the review that recognizes something stores it).
        setWorkspace(null, null, [], null);
        state.replaced = null;
        notSaved = true;
      }
    } else if (plan.kind === 'remap' && ws.manifest) {
      ws.manifest.mapping = source.options?.mapping ?? {};
      save = true;
    }
    // The answer first: a new file opens on what it holds (scorecard for
    // villages, dashboard for dossiers; the banner says what was read and
    // links to the review). A re-read with mapping fixes stays on the review;
    // the demo and a stored workspace keep the view in the address.
    const answer: View = score ? 'score' : ta ? 'turnaround' : 'data';
    state.view = plan.kind === 'remap' ? 'data' : plan.kind === 'new' ? answer : (viewFromHash() ?? answer);
    history.replaceState(null, '', `#${state.view}`);
    finishLoading(seq, (plan.status ?? t('loaded', { name })) + (notSaved ? ` ${t('not_saved_unrecognized', { name })}` : ''), null);
    renderAll();
    if (save) scheduleSave(0);
    return null;
  } catch (e) {
    const err = e as AppError;
    finishLoading(seq, err.code === 'cancelled' ? t('cancelled') : '', err);
    return err;
  }
}

export function loadDemo(): Promise<AppError | null> {
  return loadMain({ kind: 'demo' }, t('demo_file'), { kind: 'demo' });
}

/** Re-read the main file with the user's mapping fixes, keeping the other settings. */
export function remap(mapping: MappingOverrides): Promise<AppError | null> | undefined {
  if (!state.source) return;
  const ta = turnaround.options();
  return loadMain({ ...state.source, options: { ...state.source.options, mapping } }, state.isDemo ? t('demo_file') : state.fileName, {
    kind: state.isDemo ? 'demo' : 'remap',
    overrides: scorecard.currentOverrides(),
    turnaround: ta,
  });
}

export async function loadCompare(file: File): Promise<void> {
  const seq = startLoading(file.name);
  try {
    const bytes = await client.readFile(file);
    await client.open('compare', { kind: 'bytes', name: file.name, bytes }, onProgress(seq));
    const diff = await client.compare();
    if (seq !== state.loadSeq) return;
    if (!diff) {
      finishLoading(seq, '', { message: t('no_villages'), message_en: t('no_villages'), code: 'no_villages', file: file.name });
      return;
    }
    let name = file.name;
    if (ws.id && ws.manifest) {
      // Kept in the workspace as a named snapshot.
      name = stem(file.name);
      let index = ws.files.findIndex((f) => sameBytes(f, bytes));
      if (index < 0) {
        ws.files.push(bytes);
        ws.manifest.files.push({ name: file.name, sha256: '', size: bytes.length });
        index = ws.files.length - 1;
      }
      ws.manifest.snapshots.push({ name, file: index });
      ws.compare = ws.manifest.snapshots.length - 1;
      scheduleSave(0);
      renderStorePanel();
    }
    scorecard.setCompare({ name, diff });
    finishLoading(seq, t('loaded', { name: file.name }), null);
  } catch (e) {
    const err = e as AppError;
    finishLoading(seq, err.code === 'cancelled' ? t('cancelled') : '', err);
  }
}

export function cancel(): void {
  client.cancel();
  cancelLoad(t('cancelled'));
  renderIntake();
  renderMessages();
  document.querySelector<HTMLElement>('label[for="file-input"].button')?.focus();
}

export async function compareSnapshot(i: number): Promise<void> {
  const snap = ws.manifest?.snapshots[i];
  if (!snap) return;
  const seq = startLoading(snap.name);
  try {
    await client.open('compare', { kind: 'bytes', name: ws.manifest!.files[snap.file].name, bytes: ws.files[snap.file] }, onProgress(seq));
    const diff = await client.compare();
    if (seq !== state.loadSeq) return;
    scorecard.setCompare(diff ? { name: snap.name, diff } : null);
    ws.compare = diff ? i : null;
    finishLoading(seq, t('loaded', { name: snap.name }), null);
    renderStorePanel();
    scheduleSave();
  } catch (e) {
    const err = e as AppError;
    finishLoading(seq, err.code === 'cancelled' ? t('cancelled') : '', err);
  }
}

export function setupDragAndDrop(): void {
  let depth = 0;
  const zone = () => document.querySelector('.dropzone');
  window.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    depth += 1;
    zone()?.classList.add('dragging');
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) zone()?.classList.remove('dragging');
  });
  window.addEventListener('dragover', (e) => {
    e.preventDefault(); // allow dropping anywhere on the page
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    zone()?.classList.remove('dragging');
    if (state.mode !== 'app') return;
    const f = e.dataTransfer?.files?.[0];
    if (f) void loadMain({ kind: 'file', file: f }, f.name, { kind: 'new' });
  });
}
