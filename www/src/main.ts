// Page controller: layout, language, tabs, intake (drop / pick / progress /
// cancel / errors), the workspace store (auto-save, reopen, import/export),
// share links (the dialog, and the read-only report a link opens) and the
// offline service worker. Holds no domain logic: every number on the page
// comes from the wasm core in the worker.
import './style.css';
import { WorkerClient, type Source } from './client';
import { h, fill, download, type Child } from './dom';
import { t, getLang, setLang, onLangChange, pick } from './i18n';
import * as store from './store';
import { sheetsPanel } from './views/sheets';
import { ScorecardView } from './views/scorecard';
import { TurnaroundView } from './views/turnaround';
import { readBanner } from './views/read-banner';
import { printFooter, printHeader } from './views/print-frame';
import { WorkspacesView } from './views/workspaces';
import { ShareDialog } from './views/share-dialog';
import { shareReport } from './views/share';
import { changedIds, scenarioBanner, scenarioPrompt, scenarioShareNote, scenarioTag } from './views/scenario';
import { replacedHalf, replacedNotice, type Previous, type Replaced } from './views/replaced';
import { emptyManifest, pruneFiles, safeFileName, sameBytes, stem } from './workspace';
import type { Snapshot } from './views/compare';
import type {
  AppError,
  CanonGroup,
  Framework,
  InspectReport,
  LaunchDate,
  Manifest,
  MappingOverrides,
  Overrides,
  SharePayload,
  TurnaroundOptions,
} from './types';

type View = 'score' | 'turnaround' | 'data' | 'store';
const VIEWS: View[] = ['score', 'turnaround', 'data', 'store'];
const ACCEPT = '.xlsx,.xlsm,.xls,.ods,.csv,.tsv,.txt,.thonso';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const THONSO_MIME = 'application/octet-stream';
const DEMO_FILE = 'thonso-demo.xlsx';

interface Loading {
  name: string;
  done: number;
  total: number;
  stage: string;
}

const state = {
  /** 'share': a read-only report opened from a #s= link. */
  mode: 'app' as 'app' | 'share',
  view: viewFromHash() ?? ('score' as View),
  isDemo: true,
  fileName: '',
  inspect: null as InspectReport | null,
  source: null as Source | null,
  framework: null as Framework | null,
  /** The canonical columns' labels, from the core (the mapping editor's choices). */
  canon: [] as CanonGroup[],
  loading: null as Loading | null,
  error: null as AppError | null,
  status: '',
  version: '',
  exporting: false,
  offlineReady: false,
};

type SaveState = 'none' | 'pending' | 'saving' | 'saved' | 'error';

/** The workspace on show: what auto-save writes to the store. */
const ws = {
  /** Store id; null for the demo (never saved). */
  id: null as string | null,
  manifest: null as Manifest | null,
  /** Bytes of each manifest file, same order. */
  files: [] as Uint8Array[],
  /** The framework the what-if changes apply to; null: the file's own (or the default). */
  baseFramework: null as Framework | null,
  /** Index of the snapshot being compared. */
  compare: null as number | null,
  save: 'none' as SaveState,
  savedAt: '',
};
/** Stored workspaces whose bytes failed the core's checks: listed, never used or overwritten. */
const broken = new Set<string>();
let storeUsable = true;
let persistAsked = false;

/** A report opened from a share link. */
const share = {
  text: '',
  payload: null as SharePayload | null,
  error: null as AppError | null,
  /** The stored workspace holding it, once imported. */
  savedId: null as string | null,
};

const client = new WorkerClient();

const scorecard: ScorecardView = new ScorecardView({
  rescore: (overrides) => guard(() => client.whatIf('main', { overrides })),
  exportCsv: (header, rows) => {
    const name = `${baseName()}${scenarioTag(scorecard.currentOverrides())}-thon.csv`;
    void guard(() => client.tableCsv([header, ...rows])).then((text) => text !== null && download(text, name, 'text/csv;charset=utf-8'));
  },
  chooseCompareFile: (file) => void loadCompare(file),
  clearCompare: () => {
    void client.close('compare');
    scorecard.setCompare(null);
    ws.compare = null;
    renderStorePanel();
    scheduleSave();
  },
  changed: () => {
    scenarioChanged();
    scheduleSave();
  },
  // A village's launch date lives with the turnaround settings (one store, saved as manifest.launch_dates).
  launchOf: (commune, village) => turnaround.launchOf(commune, village),
  setLaunch: (commune, village, iso) => turnaround.setLaunch(commune, village, iso),
  hasDossiers: (commune, village) => turnaround.hasBeforeAfter(commune, village),
});

const turnaround: TurnaroundView = new TurnaroundView({
  recompute: (options) => guard(() => client.turnaround('main', options)),
  changed: () => scheduleSave(),
  knownUnits: () => (scorecard.currentReport()?.units ?? []).map((u): [string, string] => [u.commune, u.village]),
});
turnaround.onLaunchChange(() => scorecard.refreshDetail());

const workspaces = new WorkspacesView({
  open: (id) => void openFromList(id),
  rename: (id, name) => void renameWorkspace(id, name),
  remove: (id) => void removeWorkspace(id),
  exportOne: (id) => void exportStored(id),
  importFile: (file) => void importFile(file),
  compareSnapshot: (i) => void compareSnapshot(i),
  removeSnapshot: (i) => removeSnapshot(i),
});

/** A what-if scenario saved in the workspace reopened at start-up: not in force until the user answers (issue 19). */
let pendingScenario: { id: string; overrides: Overrides } | null = null;
/** A new file that dropped half of the previous workspace (villages or dossiers), for the notice; `forId` is the workspace it is about. */
let replaced: (Replaced & { forId: string }) | null = null;

const shareDialog = new ShareDialog({ exportThonso: () => void exportCurrent() });

/** Run a worker request for a view; show its error instead of throwing. */
async function guard<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    showError(e as AppError);
    return null;
  }
}

function viewFromHash(): View | null {
  const v = location.hash.replace(/^#/, '');
  return (VIEWS as string[]).includes(v) ? (v as View) : null;
}

/** The share-link text after `#s=`, if the page was opened from one. */
function shareTextFromHash(): string | null {
  const m = /^#s=(.*)$/s.exec(location.hash);
  if (!m) return null;
  let text = m[1];
  try {
    text = decodeURIComponent(text); // some messengers percent-encode the fragment
  } catch {
    /* keep it as it came: the core reports what is wrong with it */
  }
  return text.replace(/\s+/g, '');
}

function baseName(): string {
  const n = state.isDemo ? 'thonso-demo' : ws.manifest?.name || stem(state.fileName);
  return safeFileName(n);
}

function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date on this computer's clock, YYYY-MM-DD (what a printed report is dated). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- layout

const app = document.getElementById('app')!;
const intakeEl = h('section', { class: 'intake no-print', 'aria-label': t('drop_title') });
const statusEl = h('p', { class: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
const errorSlot = h('div');
const noticeSlot = h('div');
const messagesEl = h('div', { class: 'messages no-print' }, statusEl, noticeSlot, errorSlot);
/** The scenario banner (or, after a reload, the question whether to restore one): above every view, printed too. */
const scenarioSlot = h('div', { class: 'scenario-slot' });
const saveEl = h('span', { class: 'save-state', 'data-testid': 'save-state', 'aria-live': 'polite' });
const footerEl = h('footer');
const bannerSlot = h('div', { class: 'banner-slot' });
const panels: Record<View, HTMLElement> = {
  score: h('section', { id: 'panel-score', role: 'tabpanel', 'aria-labelledby': 'tab-score', tabindex: '0', class: 'panel' }),
  turnaround: h('section', { id: 'panel-turnaround', role: 'tabpanel', 'aria-labelledby': 'tab-turnaround', tabindex: '0', class: 'panel' }),
  data: h('section', { id: 'panel-data', role: 'tabpanel', 'aria-labelledby': 'tab-data', tabindex: '0', class: 'panel' }),
  store: h('section', { id: 'panel-store', role: 'tabpanel', 'aria-labelledby': 'tab-store', tabindex: '0', class: 'panel no-print' }),
};
const progressEl = h('progress', { 'data-testid': 'progress', max: 1 });
const progressText = h('span', { class: 'progress-text', 'data-testid': 'progress-text' });

function header(): HTMLElement {
  const langBtn = h('button', {
    type: 'button',
    class: 'lang',
    'data-testid': 'lang-toggle',
    lang: getLang() === 'vi' ? 'en' : 'vi',
    text: t('lang_toggle'),
    onclick: () => {
      setLang(getLang() === 'vi' ? 'en' : 'vi');
      document.querySelector<HTMLElement>('[data-testid="lang-toggle"]')?.focus();
    },
  });
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, h('h1', { text: t('app_title') }), h('p', { class: 'tagline', text: t('app_tagline') })),
    langBtn,
  );
}

function renderAll(): void {
  document.documentElement.lang = getLang();
  renderFooter();
  if (state.mode === 'share') {
    renderShareMode();
    return;
  }
  document.title = `${t('app_title')} — ${t('tab_score')} · ${t('tab_turnaround')}`;
  renderIntake();
  renderMessages();
  const tabs = h(
    'div',
    { role: 'tablist', class: 'tabs no-print', 'aria-label': t('nav_label') },
    VIEWS.map((v) =>
      h('button', {
        type: 'button',
        role: 'tab',
        id: `tab-${v}`,
        'data-testid': `tab-${v}`,
        'aria-controls': `panel-${v}`,
        'aria-selected': String(state.view === v),
        tabindex: state.view === v ? '0' : '-1',
        text: t(`tab_${v}` as const),
        onclick: () => selectView(v, false),
        onkeydown: (e: KeyboardEvent) => {
          const i = VIEWS.indexOf(v);
          const next =
            e.key === 'ArrowRight' ? VIEWS[(i + 1) % VIEWS.length] : e.key === 'ArrowLeft' ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length] : e.key === 'Home' ? VIEWS[0] : e.key === 'End' ? VIEWS[VIEWS.length - 1] : null;
          if (next) {
            e.preventDefault();
            selectView(next, true);
          }
        },
      }),
    ),
  );
  const exportBar = h(
    'div',
    { class: 'export-bar no-print', role: 'group', 'aria-label': t('export_title') },
    h('button', {
      type: 'button',
      class: 'primary',
      'data-testid': 'share',
      disabled: !state.inspect,
      text: t('share'),
      onclick: () => void openShareDialog(),
    }),
    h('button', {
      type: 'button',
      'data-testid': 'export-xlsx',
      disabled: !state.inspect || state.exporting,
      text: state.exporting ? t('exporting') : t('export_xlsx'),
      onclick: () => void exportXlsx(),
    }),
    h('button', {
      type: 'button',
      'data-testid': 'export-thonso',
      disabled: !state.inspect,
      text: t('export_thonso'),
      onclick: () => void exportCurrent(),
    }),
    h('button', { type: 'button', 'data-testid': 'print', text: t('print'), onclick: () => window.print() }),
  );
  renderPanels();
  renderScenario();
  fill(bannerSlot, bannerEl());
  fill(
    app,
    h('a', { class: 'skip', href: '#main', text: t('skip_to_content') }),
    header(),
    intakeEl,
    messagesEl,
    h(
      'main',
      { id: 'main', tabindex: '-1' },
      h('div', { class: 'nav-row' }, tabs, exportBar),
      scenarioSlot,
      bannerSlot,
      printHeader(scorecard.currentReport(), turnaround.currentReport(), localToday()),
      Object.values(panels),
      printFooter(localToday()),
    ),
    footerEl,
  );
}

/** What was read, under the tabs of every view (a new file's answer view, and the review). */
function bannerEl(): HTMLElement | null {
  if (!state.inspect || state.isDemo) return null;
  return readBanner(state.inspect, scorecard.currentReport(), turnaround.currentReport(), state.view, {
    review: () => selectView('data', true),
    show: (v) => selectView(v, true),
  });
}

function renderFooter(): void {
  const served = /^https?:$/.test(location.protocol) && import.meta.env.MODE !== 'single';
  fill(
    footerEl,
    h('p', { text: t('footer_privacy') }),
    state.offlineReady ? h('p', { 'data-testid': 'offline-ready', text: t('offline_ready') }) : null,
    served && import.meta.env.PROD
      ? h('p', { class: 'no-print' }, h('a', { href: './thonso-offline.html', download: 'thonso-offline.html', 'data-testid': 'offline-package', text: t('offline_package') }))
      : null,
    state.version ? h('p', { class: 'muted', 'data-testid': 'version', text: `${t('engine_version')}: ${state.version}` }) : null,
  );
}

function renderPanels(): void {
  for (const v of VIEWS) panels[v].hidden = state.view !== v;
  scorecard.render();
  turnaround.render();
  fill(panels.score, h('h2', { class: 'visually-hidden', text: t('tab_score') }), scorecard.root);
  fill(panels.turnaround, h('h2', { class: 'visually-hidden', text: t('tab_turnaround') }), turnaround.root);
  fill(
    panels.data,
    h('h2', { text: t('sheets_title') }),
    state.inspect
      ? sheetsPanel(state.inspect, {
          applied: state.source?.options?.mapping ?? {},
          indicators: state.framework?.pillars.flatMap((p) => p.indicators) ?? [],
          apply: (mapping: MappingOverrides) => void remap(mapping),
        }, state.canon)
      : h('p', { class: 'muted', text: t('busy') }),
  );
  workspaces.render();
  fill(panels.store, workspaces.root);
}

function selectView(v: View, focusTab: boolean): void {
  state.view = v;
  history.replaceState(null, '', `#${v}`);
  for (const x of VIEWS) {
    const tab = document.getElementById(`tab-${x}`);
    tab?.setAttribute('aria-selected', String(x === v));
    tab?.setAttribute('tabindex', x === v ? '0' : '-1');
    panels[x].hidden = x !== v;
  }
  if (v === 'store') void refreshStore();
  fill(bannerSlot, bannerEl());
  if (focusTab) document.getElementById(`tab-${v}`)?.focus();
}

// ---------------------------------------------------------------- intake

function renderIntake(): void {
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
  fill(intakeEl, cta, dropzone, progress);
}

function renderSaveState(): void {
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

function renderMessages(): void {
  // The live region and the error slot persist, so assistive technology
  // announces changes; only their contents are replaced.
  statusEl.textContent = state.status;
  fill(errorSlot, state.error ? errorBox(state.error) : null);
  renderReplaced();
}

function errorBox(e: AppError): HTMLElement {
  const where: string[] = [];
  if (e.sheet) where.push(t('error_sheet', { v: e.sheet }));
  if (e.row != null) where.push(t('error_row', { v: e.row }));
  if (e.column) where.push(t('error_column', { v: e.column }));
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-testid': 'error', 'data-code': e.code ?? '' },
    h('h2', { text: (e.title ?? t('error_title')) + (e.file ? `: ${e.file}` : '') }),
    h('p', { 'data-testid': 'error-message', text: pick(e.message, e.message_en) }),
    where.length ? h('p', { text: `${t('error_where')}: ${where.join(', ')}` }) : null,
    e.code ? h('p', { class: 'muted' }, `${t('error_code')}: `, h('code', { text: e.code })) : null,
    h('button', {
      type: 'button',
      text: t('dismiss'),
      onclick: () => {
        state.error = null;
        renderMessages();
      },
    }),
  );
}

function showError(e: AppError): void {
  if (e.code === 'cancelled') return;
  state.error = e;
  renderMessages();
}

let loadSeq = 0;

function startLoading(name: string): number {
  if (client.busy) client.cancel();
  state.loading = { name, done: 0, total: 0, stage: '' };
  state.error = null;
  state.status = '';
  renderIntake();
  renderMessages();
  return ++loadSeq;
}

function onProgress(seq: number) {
  return (done: number, total: number, stage: string) => {
    if (seq !== loadSeq || !state.loading) return;
    Object.assign(state.loading, { done, total, stage });
    updateProgress();
  };
}

function finishLoading(seq: number, status: string, error: AppError | null): void {
  if (seq !== loadSeq) return;
  state.loading = null;
  state.status = status;
  state.error = error && error.code !== 'cancelled' ? error : null;
  renderIntake();
  renderMessages();
}

/** How a read fits the workspace: a new file, a re-read with mapping fixes, a stored workspace, or the demo. */
interface LoadPlan {
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
async function loadMain(source: Source, name: string, plan: LoadPlan): Promise<AppError | null> {
  const seq = startLoading(name);
  try {
    if (source.kind === 'file') {
      // Keep the bytes: the workspace store saves them. A file over the
      // core's size limit is refused before it is read.
      const bytes = await client.readFile(source.file);
      if (seq !== loadSeq) return null;
      const isWorkspace = await client.isWorkspace(bytes);
      if (seq !== loadSeq) return null;
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
    if (seq !== loadSeq) return null;
    const recognized = !!(score || ta);
    const prev: Previous = { id: ws.id, name: ws.manifest?.name ?? state.fileName, villages: !!scorecard.currentReport(), dossiers: !!turnaround.currentReport() };
    const lost = plan.kind === 'new' ? replacedHalf(prev, name, !!score, !!ta) : null;
    if (plan.kind === 'new' && recognized) {
      // The same file again (same SHA-256) reopens its workspace, settings and all: no duplicate.
      const same = await reuseStored(inspect.sha256, lost);
      if (same || seq !== loadSeq) return null;
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
        replaced = lost && ws.id ? { ...lost, forId: ws.id } : null;
      } else {
        // Nothing recognized: shown for review, never stored (a fix in the review that recognizes something stores it).
        setWorkspace(null, null, [], null);
        replaced = null;
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

function loadDemo(): Promise<AppError | null> {
  return loadMain({ kind: 'demo' }, t('demo_file'), { kind: 'demo' });
}

/** Re-read the main file with the user's mapping fixes, keeping the other settings. */
function remap(mapping: MappingOverrides): Promise<AppError | null> | undefined {
  if (!state.source) return;
  const ta = turnaround.options();
  return loadMain({ ...state.source, options: { ...state.source.options, mapping } }, state.isDemo ? t('demo_file') : state.fileName, {
    kind: state.isDemo ? 'demo' : 'remap',
    overrides: scorecard.currentOverrides(),
    turnaround: ta,
  });
}

async function loadCompare(file: File): Promise<void> {
  const seq = startLoading(file.name);
  try {
    const bytes = await client.readFile(file);
    await client.open('compare', { kind: 'bytes', name: file.name, bytes }, onProgress(seq));
    const diff = await client.compare();
    if (seq !== loadSeq) return;
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

function cancel(): void {
  client.cancel();
  loadSeq += 1;
  state.loading = null;
  state.status = t('cancelled');
  renderIntake();
  renderMessages();
  document.querySelector<HTMLElement>('label[for="file-input"].button')?.focus();
}

async function exportXlsx(): Promise<void> {
  state.exporting = true;
  renderAll();
  try {
    const buf = await client.exportXlsx('main', { overrides: scorecard.currentOverrides(), turnaround: turnaround.options() });
    download(buf, `${baseName()}${scenarioTag(scorecard.currentOverrides())}-bao-cao.xlsx`, XLSX_MIME);
  } catch (e) {
    showError(e as AppError);
  } finally {
    state.exporting = false;
    renderAll();
    document.querySelector<HTMLElement>('[data-testid="export-xlsx"]')?.focus();
  }
}

// ---------------------------------------------------------------- scenarios and replaced files (issue 19)

/** The saved scenario of the workspace on show that waits for an answer, if any. */
function waitingScenario(): Overrides | null {
  return pendingScenario && pendingScenario.id === ws.id && state.mode === 'app' ? pendingScenario.overrides : null;
}

function renderScenario(): void {
  const waiting = waitingScenario();
  fill(
    scenarioSlot,
    waiting
      ? scenarioPrompt(waiting, () => void restoreScenario(), discardScenario)
      : scenarioBanner(scorecard.currentOverrides(), () => {
          scorecard.resetOverrides();
          document.getElementById(`tab-${state.view}`)?.focus();
        }),
  );
}

/** The what-if changes changed: a new what-if replaces a saved one still waiting for an answer. */
function scenarioChanged(): void {
  if (pendingScenario && changedIds(scorecard.currentOverrides()).length) pendingScenario = null;
  renderScenario();
}

async function restoreScenario(): Promise<void> {
  const waiting = waitingScenario();
  const p = pendingScenario;
  if (!waiting || !p) return;
  const report = await guard(() => client.score('main', { overrides: waiting }));
  if (!report || pendingScenario !== p) return;
  pendingScenario = null;
  scorecard.restore(waiting, report);
  state.status = t('scenario_restored');
  renderMessages();
  renderScenario();
  scheduleSave();
  scenarioSlot.querySelector<HTMLElement>('[data-testid="scenario-reset"]')?.focus();
}

function discardScenario(): void {
  pendingScenario = null;
  state.status = t('scenario_discarded');
  renderMessages();
  renderScenario();
  scheduleSave();
  document.getElementById(`tab-${state.view}`)?.focus();
}

function renderReplaced(): void {
  const r = replaced && replaced.forId === ws.id && state.mode === 'app' ? replaced : null;
  fill(
    noticeSlot,
    r
      ? replacedNotice(
          r,
          (id) => {
            replaced = null;
            void openFromList(id);
          },
          () => {
            replaced = null;
            renderReplaced();
            document.getElementById(`tab-${state.view}`)?.focus();
          },
        )
      : null,
  );
}

/** Opens the stored workspace holding this very file (same SHA-256) instead of making a duplicate; false when none is usable. */
async function reuseStored(sha: string | undefined, lost: Replaced | null): Promise<boolean> {
  if (!sha || !storeUsable) return false;
  const entries = await store.findBySha(sha).catch(() => [] as store.IndexEntry[]);
  for (const e of entries) {
    if (broken.has(e.id)) continue;
    const decoded = await readStored(e.id);
    if (!('manifest' in decoded)) continue; // damaged: listed as such, a new workspace is made
    await store.setLast(e.id).catch(() => undefined);
    replaced = lost ? { ...lost, forId: e.id } : null;
    const err = await openDecoded(e.id, decoded, t('ws_reused', { name: decoded.manifest.name }));
    if (err) showError(err);
    void refreshStore();
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- workspace store

function setWorkspace(id: string | null, manifest: Manifest | null, files: Uint8Array[], baseFramework: Framework | null): void {
  clearTimeout(saveTimer);
  ws.id = id;
  ws.manifest = manifest;
  ws.files = files;
  ws.baseFramework = baseFramework;
  ws.compare = null;
  ws.save = id ? 'pending' : 'none';
  ws.savedAt = '';
  renderStorePanel();
}

/** The manifest as the page stands: mapping fixes, framework, calendar, snapshots and the last results. */
function buildManifest(base: Manifest): Manifest {
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

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saveChain: Promise<void> = Promise.resolve();

/** Auto-save after a change (debounced; saves run one at a time, in order). */
function scheduleSave(delay = 400): void {
  if (!ws.id || !storeUsable) return;
  clearTimeout(saveTimer);
  ws.save = 'pending';
  renderSaveState();
  saveTimer = setTimeout(() => {
    saveChain = saveChain.then(saveNow);
  }, delay);
}

async function saveNow(): Promise<void> {
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
    if (!persistAsked) {
      persistAsked = true;
      await store.persist();
    }
    void refreshStore();
  } catch (e) {
    const err = e as AppError;
    if (err.code === 'cancelled') {
      scheduleSave();
      return;
    }
    if (err.code === 'store_unavailable') storeUsable = false;
    if (ws.id === id) {
      ws.save = 'error';
      renderSaveState();
    }
    showError({ ...err, title: t('store_error_title') });
    void refreshStore();
  }
}

function renderStorePanel(): void {
  workspaces.set({ currentId: ws.id, broken, snapshots: ws.manifest?.snapshots ?? [], comparing: ws.compare });
}

async function refreshStore(): Promise<void> {
  const [entries, storage] = await Promise.all([store.list().catch((e: store.StoreError) => e), store.storageInfo()]);
  if (Array.isArray(entries)) workspaces.set({ entries, unavailable: null, storage });
  else workspaces.set({ entries: [], unavailable: pick(entries.message, entries.message_en), storage });
  renderStorePanel();
}

/** Reads and checks a stored workspace. Never uses bytes the core rejects. */
async function readStored(id: string): Promise<{ manifest: Manifest; files: Uint8Array[] } | AppError> {
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
    broken.add(id);
    const entries = await store.list().catch(() => []);
    const name = entries.find((x) => x.id === id)?.name;
    return { ...(e as AppError), title: t('ws_error_title'), file: name ?? null };
  }
}

/** Opens a decoded workspace: its current file with its settings, or a saved share report. */
async function openDecoded(
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
  pendingScenario = ask ? { id, overrides: ui.overrides ?? {} } : null;
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

async function openFromList(id: string): Promise<void> {
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

async function importFile(file: File): Promise<void> {
  await importThonso(new Uint8Array(await file.arrayBuffer()), file.name);
}

/** A `.thonso` file: checked by the core, stored as it is, then opened. */
async function importThonso(bytes: Uint8Array, fileName: string): Promise<void> {
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
    if (err.code === 'store_unavailable') storeUsable = false;
    showError({ ...err, title: t('store_error_title') });
  }
  const err = await openDecoded(id, decoded, t('ws_imported', { name }));
  if (err) showError(err);
  void refreshStore();
}

async function renameWorkspace(id: string, name: string): Promise<void> {
  if (id === ws.id && ws.manifest) {
    ws.manifest.name = name;
    clearTimeout(saveTimer);
    saveChain = saveChain.then(saveNow);
    await saveChain;
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

async function removeWorkspace(id: string): Promise<void> {
  const name = (await store.list().catch(() => [])).find((e) => e.id === id)?.name ?? '';
  try {
    await store.remove(id);
  } catch (e) {
    showError({ ...(e as AppError), title: t('store_error_title') });
    return;
  }
  broken.delete(id);
  if (id === share.savedId) share.savedId = null;
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
async function exportCurrent(): Promise<void> {
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

async function exportStored(id: string): Promise<void> {
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

async function compareSnapshot(i: number): Promise<void> {
  const snap = ws.manifest?.snapshots[i];
  if (!snap) return;
  const seq = startLoading(snap.name);
  try {
    await client.open('compare', { kind: 'bytes', name: ws.manifest!.files[snap.file].name, bytes: ws.files[snap.file] }, onProgress(seq));
    const diff = await client.compare();
    if (seq !== loadSeq) return;
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

function removeSnapshot(i: number): void {
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

async function openShareDialog(): Promise<void> {
  shareDialog.open();
  try {
    const at = nowIso();
    const options = { overrides: scorecard.currentOverrides(), turnaround: turnaround.options() };
    const text = await client.shareLink('main', at, options);
    const summary = await client.shareLinkSummary('main', at, options);
    const comfortable = await client.linkLimit();
    shareDialog.show(text, summary, scenarioShareNote(options.overrides), comfortable);
  } catch (e) {
    const err = e as AppError;
    shareDialog.showError(pick(err.message, err.message_en));
  }
}

/** Shows the read-only report of a share link (decoded and validated in the worker). */
async function showShare(text: string, savedId: string | null = null): Promise<void> {
  state.mode = 'share';
  share.text = text;
  share.payload = null;
  share.error = null;
  share.savedId = savedId;
  renderAll();
  try {
    share.payload = await client.decodeShare(text);
  } catch (e) {
    share.error = { ...(e as AppError), title: t('sr_error_title') };
  }
  if (share.text !== text) return;
  renderAll();
  document.getElementById(share.payload ? 'share-h' : 'main')?.focus();
}

function renderShareMode(): void {
  document.title = `${t('app_title')} — ${t('sr_title')}`;
  statusEl.textContent = state.status;
  fill(errorSlot, state.error ? errorBox(state.error) : null);
  const openApp = () => void leaveShare();
  let body: Child;
  if (share.error) {
    body = h(
      'div',
      { 'data-testid': 'share-invalid' },
      errorBox(share.error),
      h('button', { type: 'button', 'data-testid': 'share-open-app', text: t('sr_open_app'), onclick: openApp }),
    );
  } else if (share.payload) {
    body = [
      shareReport(share.payload, { importIt: share.savedId ? null : () => void importShare(), openApp }),
      share.savedId ? h('p', { class: 'status', 'data-testid': 'share-imported', text: t('sr_imported') }) : null,
    ];
  } else {
    body = h('p', { class: 'muted', 'aria-live': 'polite', text: t('busy') });
  }
  fill(
    app,
    h('a', { class: 'skip', href: '#main', text: t('skip_to_content') }),
    header(),
    messagesEl,
    h('main', { id: 'main', tabindex: '-1', class: 'panel share-main' }, body),
    footerEl,
  );
}

/** Keeps a received report among the user's workspaces (no source file: aggregates only). */
async function importShare(): Promise<void> {
  const p = share.payload;
  if (!p) return;
  const now = nowIso();
  const name = `${t('sr_title')} — ${p.provenance.file || '?'} (${p.provenance.at.slice(0, 10)})`;
  const manifest = emptyManifest(name, now);
  manifest.last_results = { app: 'thonso-web', at: now, share: share.text };
  try {
    const bytes = await client.encodeWorkspace(manifest, []);
    const id = store.newId();
    await store.put({ id, name, updated: now, size: bytes.length, kind: 'share' }, bytes, false);
    share.savedId = id;
    state.error = null;
    renderAll();
    document.querySelector<HTMLElement>('[data-testid="share-open-app"]')?.focus();
  } catch (e) {
    state.error = { ...(e as AppError), title: t('store_error_title') };
    renderAll();
  }
}

async function leaveShare(): Promise<void> {
  share.text = '';
  share.payload = null;
  share.error = null;
  state.mode = 'app';
  state.error = null;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (state.inspect) {
    renderAll();
    return;
  }
  await startApp();
}

// ---------------------------------------------------------------- start-up

/** Reopens the last workspace (or the demo when there is none, or it cannot be used). */
async function startApp(): Promise<void> {
  state.mode = 'app';
  renderAll();
  let last: string | null = null;
  try {
    last = await store.lastId();
  } catch (e) {
    if ((e as store.StoreError).code === 'store_unavailable') storeUsable = false;
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
  // A damaged record is reported, not silently replaced by the demo.
  if (problem) showError(problem);
  void refreshStore();
}

function registerServiceWorker(): void {
  if (import.meta.env.MODE === 'single' || !import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('./sw.js', { scope: './', updateViaCache: 'none' }).catch((e) => console.warn('service worker not registered', e));
  void navigator.serviceWorker.ready.then(() => {
    state.offlineReady = true;
    renderFooter();
  });
}

function setupDragAndDrop(): void {
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

window.addEventListener('hashchange', () => {
  const text = shareTextFromHash();
  if (text) {
    if (state.mode !== 'share' || text !== share.text) void showShare(text);
    return;
  }
  if (state.mode !== 'app') return;
  const v = viewFromHash();
  if (v && v !== state.view) selectView(v, false);
});

onLangChange(() => renderAll());
setupDragAndDrop();
registerServiceWorker();
const startText = shareTextFromHash();
if (startText) void showShare(startText);
else void startApp();
