// The shell: the page's layout (header, tabs, panels, messages, footer),
// switching views, errors and status, the XLSX export, and the notices above
// every view (a what-if scenario in force or waiting for an answer, a file
// that replaced half of the previous workspace).
import { h, fill, download } from '../dom';
import { t, getLang, setLang, pick } from '../i18n';
import { sheetsPanel } from '../views/sheets';
import { readBanner } from '../views/read-banner';
import { printFooter, printHeader } from '../views/print-frame';
import { changedIds, scenarioBanner, scenarioPrompt, scenarioTag } from '../views/scenario';
import { replacedNotice } from '../views/replaced';
import type { AppError, MappingOverrides } from '../types';
import { state, VIEWS, localToday, waitingScenario, type View } from './state';
import { baseName, client, scorecard, turnaround, workspaces } from './views';
import { intakeEl, remap, renderIntake } from './loading';
import { openFromList, refreshStore, scheduleSave } from './persistence';
import { openShareDialog, renderShareMode } from './share';
import { exportCurrent } from './persistence';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ws = state.ws;

/** Run a worker request for a view; show its error instead of throwing. */
export async function guard<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    showError(e as AppError);
    return null;
  }
}

export const app = document.getElementById('app')!;
export const statusEl = h('p', { class: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
export const errorSlot = h('div');
export const noticeSlot = h('div');
export const messagesEl = h('div', { class: 'messages no-print' }, statusEl, noticeSlot, errorSlot);
/** The scenario banner (or, after a reload, the question whether to restore one): above every view, printed too. */
export const scenarioSlot = h('div', { class: 'scenario-slot' });
export const footerEl = h('footer');
export const bannerSlot = h('div', { class: 'banner-slot' });
export const panels: Record<View, HTMLElement> = {
  score: h('section', { id: 'panel-score', role: 'tabpanel', 'aria-labelledby': 'tab-score', tabindex: '0', class: 'panel' }),
  turnaround: h('section', { id: 'panel-turnaround', role: 'tabpanel', 'aria-labelledby': 'tab-turnaround', tabindex: '0', class: 'panel' }),
  data: h('section', { id: 'panel-data', role: 'tabpanel', 'aria-labelledby': 'tab-data', tabindex: '0', class: 'panel' }),
  store: h('section', { id: 'panel-store', role: 'tabpanel', 'aria-labelledby': 'tab-store', tabindex: '0', class: 'panel no-print' }),
};

export function header(): HTMLElement {
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

export function renderAll(): void {
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
export function bannerEl(): HTMLElement | null {
  if (!state.inspect || state.isDemo) return null;
  return readBanner(state.inspect, scorecard.currentReport(), turnaround.currentReport(), state.view, {
    review: () => selectView('data', true),
    show: (v) => selectView(v, true),
  });
}

export function renderFooter(): void {
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

export function renderPanels(): void {
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

export function selectView(v: View, focusTab: boolean): void {
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

export function renderMessages(): void {
  // The live region and the error slot persist, so assistive technology
  // announces changes; only their contents are state.replaced.
  statusEl.textContent = state.status;
  fill(errorSlot, state.error ? errorBox(state.error) : null);
  renderReplaced();
}

export function errorBox(e: AppError): HTMLElement {
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

export function showError(e: AppError): void {
  if (e.code === 'cancelled') return;
  state.error = e;
  renderMessages();
}

export async function exportXlsx(): Promise<void> {
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

export function renderScenario(): void {
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
export function scenarioChanged(): void {
  if (state.pendingScenario && changedIds(scorecard.currentOverrides()).length) state.pendingScenario = null;
  renderScenario();
}

export async function restoreScenario(): Promise<void> {
  const waiting = waitingScenario();
  const p = state.pendingScenario;
  if (!waiting || !p) return;
  const report = await guard(() => client.score('main', { overrides: waiting }));
  if (!report || state.pendingScenario !== p) return;
  state.pendingScenario = null;
  scorecard.restore(waiting, report);
  state.status = t('scenario_restored');
  renderMessages();
  renderScenario();
  scheduleSave();
  scenarioSlot.querySelector<HTMLElement>('[data-testid="scenario-reset"]')?.focus();
}

export function discardScenario(): void {
  state.pendingScenario = null;
  state.status = t('scenario_discarded');
  renderMessages();
  renderScenario();
  scheduleSave();
  document.getElementById(`tab-${state.view}`)?.focus();
}

export function renderReplaced(): void {
  const r = state.replaced && state.replaced.forId === ws.id && state.mode === 'app' ? state.replaced : null;
  fill(
    noticeSlot,
    r
      ? replacedNotice(
          r,
          (id) => {
            state.replaced = null;
            void openFromList(id);
          },
          () => {
            state.replaced = null;
            renderReplaced();
            document.getElementById(`tab-${state.view}`)?.focus();
          },
        )
      : null,
  );
}
