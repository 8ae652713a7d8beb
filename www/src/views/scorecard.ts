// Scorecard: summary, communes, villages (sortable, filterable, paged),
// village detail, the one-step-away list, what-if sliders and snapshot
// comparison. All numbers come from the core's `score` report; this file only
// arranges them.
import { h, field, fill, debounce, nextId, selectField, thead, type Child } from '../dom';
import { card } from './card';
import { communePlanChart } from './charts';
import { t, pick } from '../i18n';
import { num, int, date, dataValue, DASH } from '../format';
import { foldIncludes, foldKey } from '../fold';
import { dataTable, newTableState, sortRows, type Column, type TableState } from './table';
import { isYesNo, needed, pillarName, showValue, statusBadge, statusLabel, unitKey } from './score-common';
import { WhatIfPanel } from './whatif';
import { comparePanel, type Snapshot } from './compare';
import { dateField, readDate } from './date-input';
import type { CommuneRow, CsvCell, Overrides, Pillar, ScoreReport, ScoreUnit, WhatIf } from '../types';
import { mergeWhatIf } from '../whatif-merge';

export interface ScorecardActions {
  /** A slider moved: the core's outcomes under the changes (laid over the report by mergeWhatIf). */
  rescore(overrides: Overrides): Promise<WhatIf | null>;
  exportCsv(header: string[], rows: CsvCell[][]): void;
  chooseCompareFile(file: File): void;
  clearCompare(): void;
  /** The what-if changes in force changed and the results are on show (the page saves the workspace). */
  changed?(): void;
  /** The village's service-point launch date in force (ISO), and whether the user entered it; null for none. */
  launchOf?(commune: string, village: string): { date: string; user: boolean } | null;
  /** Sets (ISO) or removes (null) the user's launch date of a village; resolves once the analysis is re-run. */
  setLaunch?(commune: string, village: string, iso: string | null): Promise<void>;
  /** Whether before/after could be computed for this village (the file has its dossiers). */
  hasDossiers?(commune: string, village: string): boolean;
}

export class ScorecardView {
  readonly root = h('div', { class: 'scorecard' });
  private report: ScoreReport | null = null;
  private base: ScoreReport | null = null;
  private compare: Snapshot | null = null;
  private selected: string | null = null;
  private filters = { status: '', commune: '', q: '' };
  private villageState: TableState = newTableState('readiness', true);
  private communeState: TableState = newTableState();
  private oneStepState: TableState = newTableState('gap', false);
  private seq = 0;

  private readonly summaryEl = h('section', { 'aria-labelledby': 'sum-h' });
  private readonly communesEl = h('section', { 'aria-labelledby': 'communes-h' });
  private readonly villagesEl = h('section', { 'aria-labelledby': 'villages-h' });
  private readonly villageTableEl = h('div');
  private readonly detailEl = h('section', { 'aria-labelledby': 'detail-h', 'data-testid': 'village-detail', hidden: true });
  private readonly oneStepEl = h('section', { 'aria-labelledby': 'one-step-h' });
  private readonly whatIf = new WhatIfPanel((o) => void this.applyOverrides(o));
  private readonly compareEl = h('section', { 'aria-labelledby': 'compare-h' });

  constructor(private readonly actions: ScorecardActions) {}

  /** A new workbook: forget per-file choices. */
  setReport(report: ScoreReport | null): void {
    this.report = report;
    this.base = report;
    this.whatIf.reset(report?.framework.pillars ?? []);
    this.selected = null;
    this.filters = { status: '', commune: '', q: '' };
    this.villageState = newTableState('readiness', true);
    this.render();
  }

  /** A saved workspace's what-if changes, with the report scored under them. */
  restore(overrides: Overrides, report: ScoreReport | null): void {
    if (!this.base || !Object.keys(overrides).length) return;
    this.whatIf.setOverrides(overrides);
    if (report) this.report = report;
    this.render();
  }

  /** The report on show (with the what-if changes in force). */
  currentReport(): ScoreReport | null {
    return this.report;
  }

  /** Back to the criteria without what-if changes (the scenario banner's button). */
  resetOverrides(): void {
    this.whatIf.setOverrides({});
    this.whatIf.render();
    void this.applyOverrides({});
  }

  /** The what-if changes in force (the XLSX export uses them too). */
  currentOverrides(): Overrides {
    return this.whatIf.current();
  }

  setCompare(compare: Snapshot | null): void {
    this.compare = compare;
    this.renderCompare();
  }

  render(): void {
    if (!this.report) {
      fill(this.root, h('p', { class: 'empty', 'data-testid': 'no-villages', text: t('no_villages') }));
      return;
    }
    this.renderSummary();
    this.renderCommunes();
    this.renderVillages();
    this.renderDetail();
    this.renderOneStep();
    this.whatIf.render();
    this.renderWhatIfStatus();
    this.renderCompare();
    fill(
      this.root,
      this.summaryEl,
      this.communesEl,
      this.villagesEl,
      this.detailEl,
      this.oneStepEl,
      this.whatIf.root,
      this.compareEl,
    );
  }

  /** Results only (after a what-if change): leaves the sliders, and the focus, alone. */
  private renderResults(): void {
    this.renderSummary();
    this.renderCommunes();
    this.renderVillageTable();
    this.renderDetail();
    this.renderOneStep();
    this.renderWhatIfStatus();
  }

  private renderSummary(): void {
    const r = this.report!;
    const s = r.summary;
    const plan = s.planned ?? planTotal(r);
    fill(
      this.summaryEl,
      h('h2', { id: 'sum-h', text: t('summary_title') }),
      h('p', { class: 'muted' }, `${t('framework_used')}: `, h('span', { 'data-testid': 'framework-name', text: r.framework.name })),
      // How the criteria were read (e.g. a published sheet without weights
      // or BB/TC), in the core's own words.
      (r.assumptions ?? []).length
        ? h(
            'ul',
            { class: 'muted small', 'data-testid': 'score-assumptions' },
            ...(r.assumptions ?? []).map((a) => h('li', { 'data-code': a.code, text: pick(a.message, a.message_en) })),
          )
        : null,
      h(
        'div',
        { class: 'cards', 'data-testid': 'score-summary' },
        card('sum-units', t('sum_units'), s.units),
        card(
          'sum-recognized',
          t('sum_recognized'),
          s.recognized,
          undefined,
          plan == null
            ? t('sum_no_plan')
            : h('span', { 'data-testid': 'sum-plan', 'data-value': String(plan), text: t('sum_vs_plan', { p: int(plan) }) }),
        ),
        card('sum-near', t('sum_near'), s.near),
        card(
          'sum-covered',
          t('sum_coverage'),
          s.communes_covered,
          undefined,
          h('span', { 'data-testid': 'sum-communes', 'data-value': String(s.communes), text: t('sum_coverage_of', { n: int(s.communes) }) }),
        ),
      ),
      // The picture a steering committee reads at a glance (with its table).
      r.communes.length ? communePlanChart(r.communes) : null,
    );
  }

  private renderCommunes(): void {
    const r = this.report!;
    const cols: Column<CommuneRow>[] = [
      { key: 'commune', label: t('col_commune'), value: (c) => c.commune, testid: 'commune-name' },
      { key: 'units', label: t('col_units'), value: (c) => c.units, numeric: true, testid: 'commune-units', render: (c) => cellNum(c.units) },
      {
        key: 'recognized',
        label: t('col_recognized'),
        value: (c) => c.recognized,
        numeric: true,
        testid: 'commune-recognized',
        render: (c) => cellNum(c.recognized),
      },
      ...(r.communes.some((c) => c.near != null)
        ? [{ key: 'near', label: t('sum_near'), value: (c: CommuneRow) => c.near ?? null, numeric: true, render: (c: CommuneRow) => cellNum(c.near) }]
        : []),
      { key: 'plan', label: t('col_plan'), value: (c) => c.plan, numeric: true, testid: 'commune-plan', render: (c) => cellNum(c.plan) },
      {
        key: 'vs',
        label: t('col_vs_plan'),
        value: (c) => c.vs_plan ?? (c.plan == null ? null : c.recognized - c.plan),
        numeric: true,
        render: (c) => {
          const d = c.vs_plan ?? (c.plan == null ? null : c.recognized - c.plan);
          if (d == null) return DASH;
          return h('span', { class: d >= 0 ? 'good' : 'bad', text: d > 0 ? `+${int(d)}` : d < 0 ? `−${int(-d)}` : '0' });
        },
      },
    ];
    fill(
      this.communesEl,
      h('h2', { id: 'communes-h', text: t('communes_title') }),
      dataTable({ hideCaption: true, caption: t('communes_title'), columns: cols, rows: r.communes, testid: 'communes', rowTestid: 'commune-row', state: this.communeState }),
    );
  }

  private pillars(): Pillar[] {
    return this.report?.framework.pillars ?? [];
  }

  private villageColumns(): Column<ScoreUnit>[] {
    const cols: Column<ScoreUnit>[] = [
      { key: 'village', label: t('col_village'), value: (u) => u.village, testid: 'village-name' },
      { key: 'commune', label: t('col_commune'), value: (u) => u.commune, testid: 'village-commune' },
      {
        key: 'status',
        label: t('col_status'),
        value: (u) => ({ recognized: 0, near: 1, not_recognized: 2 })[u.status] ?? 3,
        render: (u) => statusBadge(u.status),
        testid: 'village-status',
      },
      {
        key: 'readiness',
        label: t('col_readiness'),
        value: (u) => u.readiness,
        numeric: true,
        testid: 'village-readiness',
        render: (u) =>
          h(
            'span',
            { class: 'readiness', 'data-value': dataValue(u.readiness) },
            h('meter', { min: 0, max: 100, value: String(u.readiness), 'aria-hidden': 'true' }),
            ` ${num(u.readiness)}`,
          ),
      },
    ];
    for (const p of this.pillars()) {
      cols.push({
        key: `pillar-${p.id}`,
        label: p.id,
        numeric: true,
        value: (u) => u.pillars?.find((x) => x.id === p.id)?.score ?? null,
        render: (u) => {
          const ps = u.pillars?.find((x) => x.id === p.id);
          if (!ps) return DASH;
          return h('span', { title: pillarName(p), class: ps.passed ? undefined : 'bad' }, `${num(ps.score)}/${num(ps.max)}`, ps.passed ? '' : ' ✗');
        },
      });
    }
    cols.push(
      {
        key: 'failed',
        label: t('col_failed'),
        value: (u) => (u.failed?.length ?? 0) + (u.missing?.length ?? 0),
        numeric: true,
        render: (u) => failedSummary(u),
      },
      {
        key: 'detail',
        label: t('col_detail'),
        sortable: false,
        value: () => null,
        render: (u) =>
          h('button', {
            type: 'button',
            class: 'link',
            'data-testid': 'village-open',
            // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
            'aria-label': `${t('col_detail')}: ${u.village} (${u.commune})`,
            text: t('col_detail'),
            onclick: () => this.openDetail(u),
          }),
      },
    );
    return cols;
  }

  private filteredUnits(): ScoreUnit[] {
    const { status, commune, q } = this.filters;
    // Accent- and case-free: "to dan pho" finds «Tổ dân phố».
    const needle = foldKey(q);
    return this.report!.units.filter(
      (u) => (!status || u.status === status) && (!commune || u.commune === commune) && foldIncludes(u.village, needle),
    );
  }

  private renderVillages(): void {
    const r = this.report!;
    const communes = [...new Set(r.units.map((u) => u.commune))].sort((a, b) => a.localeCompare(b, 'vi'));
    const qId = nextId('f-q');
    const refilter = () => {
      this.villageState.page = 0;
      this.renderVillageTable();
    };
    const filters = h(
      'div',
      { class: 'filters no-print' },
      selectField({
        label: t('filter_status'),
        testid: 'filter-status',
        options: [['', t('all')], ...(['recognized', 'near', 'not_recognized'] as const).map((st): [string, string] => [st, statusLabel(st)])],
        value: this.filters.status,
        onChange: (v) => {
          this.filters.status = v;
          refilter();
        },
      }),
      selectField({
        label: t('filter_commune'),
        testid: 'filter-commune',
        options: [['', t('all')], ...communes.map((c): [string, string] => [c, c])],
        value: this.filters.commune,
        onChange: (v) => {
          this.filters.commune = v;
          refilter();
        },
      }),
      h(
        'div',
        { class: 'field' },
        h('label', { for: qId, text: t('filter_search') }),
        h('input', {
          id: qId,
          type: 'search',
          'data-testid': 'filter-search',
          value: this.filters.q,
          oninput: debounce((e: Event) => {
            this.filters.q = (e.target as HTMLInputElement).value;
            refilter();
          }, 150),
        }),
      ),
      h('button', {
        type: 'button',
        'data-testid': 'export-csv',
        text: t('export_csv'),
        onclick: () => this.exportCsv(),
      }),
    );
    this.renderVillageTable();
    fill(this.villagesEl, h('h2', { id: 'villages-h', text: t('villages_title') }), filters, this.villageTableEl);
  }

  private renderVillageTable(): void {
    fill(
      this.villageTableEl,
      dataTable({
        hideCaption: true,
        caption: t('villages_title'),
        columns: this.villageColumns(),
        rows: this.filteredUnits(),
        pageSize: 50,
        testid: 'villages',
        rowTestid: 'village-row',
        state: this.villageState,
        emptyText: t('none_match'),
      }),
    );
  }

  private exportCsv(): void {
    const pillars = this.pillars();
    const rows = sortRows(this.filteredUnits(), this.villageColumns(), this.villageState);
    const header = [
      t('col_commune'),
      t('col_village'),
      t('col_status'),
      t('col_readiness'),
      ...pillars.map((p) => p.id),
      t('col_failed'),
      t('missing'),
    ];
    const data = rows.map((u) => [
      u.commune,
      u.village,
      statusLabel(u.status),
      u.readiness,
      ...pillars.map((p) => u.pillars?.find((x) => x.id === p.id)?.score ?? null),
      (u.failed ?? []).map((f) => f.indicator).join('; '),
      (u.missing ?? []).join('; '),
    ]);
    this.actions.exportCsv(header, data);
  }

  /** The launch dates in force changed: show the village on display with its new date. */
  refreshDetail(): void {
    if (!this.selected || this.detailEl.hidden) return;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid;
    this.renderDetail();
    if (focused) this.detailEl.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
  }

  /** The village's launch date: shown, set or changed (saved in the workspace, applied to before/after). */
  private launchPart(u: ScoreUnit): HTMLElement | null {
    const { launchOf, setLaunch } = this.actions;
    if (!launchOf || !setLaunch) return null;
    const l = launchOf(u.commune, u.village);
    const id = nextId('detail-launch');
    const input = dateField({ id, testid: 'detail-launch-date', value: l?.date, required: true });
    const noDossiers = !!l && !!this.actions.hasDossiers && !this.actions.hasDossiers(u.commune, u.village);
    return h(
      'form',
      {
        class: 'launch-detail',
        'data-testid': 'detail-launch',
        'aria-label': t('launch_title'),
        onsubmit: (e: Event) => {
          e.preventDefault();
          const d = readDate(input);
          if (!d) return;
          void setLaunch(u.commune, u.village, d);
        },
      },
      h(
        'p',
        { class: 'launch-current' },
        `${t('launch_title')}: `,
        h('strong', { 'data-testid': 'detail-launch-value', 'data-value': l?.date ?? '', text: l ? date(l.date) : t('launch_detail_none') }),
        l ? h('span', { class: 'muted small' }, ` (${l.user ? t('launch_from_user') : t('launch_from_file')})`) : null,
      ),
      h(
        'div',
        { class: 'calendar-form no-print' },
        field(id, t('ta_launch'), input),
        h('button', { type: 'submit', 'data-testid': 'detail-launch-save', text: t('launch_add') }),
        l?.user
          ? h('button', {
              type: 'button',
              class: 'link',
              'data-testid': 'detail-launch-remove',
              'aria-label': t('launch_remove', { v: `${u.village} (${u.commune})` }),
              text: t('launch_remove_short'),
              onclick: () => void setLaunch(u.commune, u.village, null),
            })
          : null,
      ),
      noDossiers ? h('p', { class: 'muted small', 'data-testid': 'detail-launch-no-dossiers', text: t('launch_no_dossiers') }) : null,
    );
  }

  private openDetail(u: ScoreUnit): void {
    this.selected = unitKey(u);
    this.renderDetail();
    this.detailEl.querySelector<HTMLElement>('h2')?.focus();
  }

  private renderDetail(): void {
    const u = this.selected ? this.report?.units.find((x) => unitKey(x) === this.selected) : undefined;
    if (!u) {
      this.detailEl.hidden = true;
      this.detailEl.replaceChildren();
      return;
    }
    this.detailEl.hidden = false;
    const failed = new Map((u.failed ?? []).map((f) => [f.indicator, f]));
    const missing = new Set(u.missing ?? []);
    const rows: Child[] = [];
    for (const p of this.pillars()) {
      const ps = u.pillars?.find((x) => x.id === p.id);
      rows.push(
        h(
          'tr',
          { class: 'group' },
          h('th', { scope: 'rowgroup', colspan: '6' }, `${p.id} — ${pillarName(p)}`, ps ? `: ${num(ps.score)}/${num(ps.max)}` : ''),
        ),
      );
      for (const ind of p.indicators) {
        const f = failed.get(ind.id);
        const isMissing = missing.has(ind.id);
        const value = f ? f.value : u.values?.[ind.id];
        const result = isMissing ? 'missing' : f ? 'failed' : 'passed';
        rows.push(
          h(
            'tr',
            { 'data-testid': 'indicator-row', 'data-indicator': ind.id, 'data-result': result },
            h('th', { scope: 'row' }, h('span', { class: 'ind-id', text: ind.id }), ' ', pick(ind.name, ind.name_en)),
            h('td', { text: ind.mandatory ? t('mandatory') : t('optional') }),
            h('td', { class: 'num', text: isMissing ? DASH : showValue(ind, value) }),
            h('td', { class: 'num', text: needed(ind) }),
            h('td', { class: 'num', text: f && f.gap != null && !isYesNo(ind) ? num(f.gap) : DASH }),
            h('td', null, h('span', { class: `badge result-${result}`, text: t(result) })),
          ),
        );
      }
    }
    const title = t('detail_title', { v: `${u.village} (${u.commune})` });
    fill(
      this.detailEl,
      h('h2', { id: 'detail-h', tabindex: '-1', text: title }),
      h(
        'p',
        null,
        statusBadge(u.status),
        ' ',
        `${t('col_readiness')}: `,
        h('strong', { 'data-testid': 'detail-readiness', 'data-value': dataValue(u.readiness), text: num(u.readiness) }),
        '/100',
      ),
      this.launchPart(u),
      h(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': title },
        h(
          'table',
          null,
          h('caption', { text: title }),
          thead([t('col_indicator'), t('col_kind_bb'), t('col_value'), t('col_needed'), t('col_gap'), t('col_result')], [2, 3, 4]),
          h('tbody', null, rows),
        ),
      ),
      h('button', {
        type: 'button',
        class: 'no-print',
        text: t('detail_close'),
        onclick: () => {
          this.selected = null;
          this.renderDetail();
          this.villageTableEl.querySelector<HTMLElement>('button.link')?.focus();
        },
      }),
    );
  }

  private renderOneStep(): void {
    const list = this.report!.one_step_away;
    const head = [
      h('h2', { id: 'one-step-h', text: t('one_step_title') }),
      h('p', { class: 'muted', text: t('one_step_caption') }),
    ];
    if (!list) {
      fill(this.oneStepEl, head);
      this.oneStepEl.hidden = true;
      return;
    }
    this.oneStepEl.hidden = false;
    const indicators = new Map(this.pillars().flatMap((p) => p.indicators.map((i) => [i.id, i] as const)));
    type Row = NonNullable<ScoreReport['one_step_away']>[number];
    const cols: Column<Row>[] = [
      { key: 'village', label: t('col_village'), value: (r) => r.village, testid: 'one-step-village' },
      { key: 'commune', label: t('col_commune'), value: (r) => r.commune },
      {
        key: 'indicator',
        label: t('col_indicator'),
        value: (r) => r.indicator,
        testid: 'one-step-indicator',
        render: (r) => {
          const ind = indicators.get(r.indicator);
          return ind ? `${r.indicator} — ${pick(ind.name, ind.name_en)}` : r.indicator;
        },
      },
      { key: 'value', label: t('col_value'), value: (r) => r.value, numeric: true, render: (r) => showValue(indicators.get(r.indicator), r.value) },
      {
        key: 'threshold',
        label: t('col_needed'),
        value: (r) => r.threshold,
        numeric: true,
        render: (r) => {
          const ind = indicators.get(r.indicator);
          return ind ? needed(ind) : num(r.threshold);
        },
      },
      {
        key: 'gap',
        label: t('col_gap'),
        value: (r) => r.gap,
        numeric: true,
        render: (r) => (indicators.get(r.indicator) && isYesNo(indicators.get(r.indicator)!) ? DASH : num(r.gap)),
      },
    ];
    fill(
      this.oneStepEl,
      head,
      list.length
        ? dataTable({ hideCaption: true, caption: t('one_step_title'), columns: cols, rows: list, pageSize: 50, testid: 'one-step', rowTestid: 'one-step-row', state: this.oneStepState })
        : h('p', { 'data-testid': 'one-step-none', text: t('one_step_none') }),
    );
  }

  private async applyOverrides(overrides: Overrides): Promise<void> {
    const seq = ++this.seq;
    // Marks for the benchmark (tests/bench/browser.mjs, "what-if"): the
    // change sent, the report back from the worker, the results redrawn.
    performance.mark('thonso:whatif-sent');
    const changed = Object.keys(overrides).length > 0;
    const w = changed ? await this.actions.rescore(overrides) : null;
    if (seq !== this.seq) return; // a newer change is on its way
    if (changed && !w) return; // the error is shown; the results stay as they were
    performance.mark('thonso:whatif-reply');
    const next = w && this.base ? mergeWhatIf(this.base, w) : this.base;
    if (!next) return;
    this.report = next;
    this.renderResults();
    this.actions.changed?.();
    performance.mark('thonso:whatif-shown');
  }

  private renderWhatIfStatus(): void {
    const n = this.whatIf.count();
    this.whatIf.status.textContent = n
      ? t('whatif_changed', { n, r: int(this.report?.summary.recognized), r0: int(this.base?.summary.recognized) })
      : t('whatif_none');
    this.whatIf.badge.hidden = !n;
    this.whatIf.badge.textContent = n ? t('whatif_badge', { n: int(n) }) : '';
  }
  private renderCompare(): void {
    fill(this.compareEl, comparePanel(this.base, this.compare, this.actions.chooseCompareFile, this.actions.clearCompare));
  }


}

function planTotal(r: ScoreReport): number | null {
  const plans = r.communes.map((c) => c.plan).filter((p): p is number => typeof p === 'number');
  return plans.length ? plans.reduce((a, b) => a + b, 0) : null;
}

function cellNum(v: number | null | undefined): HTMLElement {
  return h('span', { 'data-value': dataValue(v), text: int(v) });
}

function failedSummary(u: ScoreUnit): Child {
  const ids = [...(u.failed ?? []).map((f) => f.indicator + (f.mandatory ? '*' : '')), ...(u.missing ?? []).map((m) => `${m}?`)];
  return ids.length ? h('span', { class: 'ids', text: ids.join(', ') }) : '0';
}
