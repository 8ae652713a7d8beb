// Turnaround dashboard: headline numbers, distribution and monthly charts,
// tables by procedure and by group, before/after a village service point
// opened, and the working calendar in use (with days the user adds).
import { h, field, fill, nextId, selectField, thead, type Child } from '../dom';
import { card, turnaroundCards } from './card';
import { t, pick, hasKey } from '../i18n';
import { num, int, pct, date, month, dataValue, DASH } from '../format';
import { dataTable, newTableState, type Column, type TableState } from './table';
import { dateField, readDate } from './date-input';
import { foldKey } from '../fold';
import { beforeAfterChart, beforeAfterLabel, distributionChart, monthlyChart } from './charts';
import type { BeforeAfterRow, CalendarEdits, GroupRow, LaunchDate, LaunchInForce, Metrics, StatusClass, StatusRow, TurnaroundOptions, TurnaroundReport } from '../types';

const STATUS_CLASSES: StatusClass[] = ['cancelled', 'withdrawn', 'not_accepted', 'finished', 'paused', 'open'];

export interface TurnaroundActions {
  recompute(options: TurnaroundOptions): Promise<TurnaroundReport | null>;
  /** The settings changed and the new report is on show (the page saves the workspace). */
  changed?(): void;
  /** Communes and villages the page knows (the scorecard's villages): the launch-date form offers them. */
  knownUnits?(): [string, string][];
}

/** Finds a village among names the page already has (the scorecard's, the core's launch list) while editing; which date applies is the core's (report.launch_dates). */
function unitFold(commune: string, village: string): string {
  return `${foldKey(commune)}\u0000${foldKey(village)}`;
}

const DIMENSIONS = ['procedure_name', 'commune', 'village', 'channel', 'field', 'processing_unit', 'month'] as const;

function dimLabel(d: string): string {
  const key = `dim_${d}`;
  return hasKey(key) ? t(key) : d;
}

function metricColumns<R extends Partial<Metrics>>(prefix = ''): Column<R>[] {
  const n = (key: keyof Metrics, label: string, digits = 1): Column<R> => ({
    key: prefix + key,
    label,
    numeric: true,
    value: (r) => (r[key] as number | null | undefined) ?? null,
    render: (r) => h('span', { 'data-value': dataValue(r[key] as number | null | undefined), text: num(r[key] as number | null | undefined, digits) }),
  });
  const p = (key: keyof Metrics, label: string): Column<R> => ({
    key: prefix + key,
    label,
    numeric: true,
    value: (r) => (r[key] as number | null | undefined) ?? null,
    render: (r) => h('span', { 'data-value': dataValue(r[key] as number | null | undefined), text: pct(r[key] as number | null | undefined) }),
  });
  return [
    n('dossiers', t('ta_dossiers'), 0),
    n('open', t('ta_open'), 0),
    n('median_working_days', t('ta_series_median')),
    n('p90_working_days', t('ta_series_p90')),
    n('km_median_working_days', t('ta_km_short')),
    p('on_time_rate', t('ta_on_time')),
    p('online_rate', t('ta_online')),
  ];
}

export class TurnaroundView {
  readonly root = h('div', { class: 'turnaround' });
  private report: TurnaroundReport | null = null;
  private asOf = '';
  private by = '';
  private edits: CalendarEdits = { days_off: [], workdays: [] };
  /** Vietnam Culture Day (24/11, from 2026) counted as a holiday. */
  private cultureDay = true;
  /** The user's status table: status word → class. */
  private statuses: Record<string, StatusClass> = {};
  private seq = 0;
  private procState: TableState = newTableState('dossiers', true);
  private groupState: TableState = newTableState();
  private baState: TableState = newTableState();
  private baKind = 'village';
  /** The user's launch dates ([commune, village, YYYY-MM-DD]); the file's come with the report. */
  private launch: LaunchDate[] = [];
  private readonly launchListeners: (() => void)[] = [];

  private readonly controlsEl = h('div', { class: 'controls no-print' });
  private readonly outputEl = h('div');

  constructor(private readonly actions: TurnaroundActions) {}

  /** A new workbook; `options` are a saved workspace's settings the report was computed with. */
  setReport(report: TurnaroundReport | null, options: TurnaroundOptions = {}): void {
    this.report = report;
    this.asOf = options.as_of ?? '';
    this.by = options.by?.[0] ?? '';
    this.edits = structuredClone({ days_off: options.calendar?.days_off ?? [], workdays: options.calendar?.workdays ?? [] });
    this.statuses = { ...(options.statuses ?? {}) };
    this.cultureDay = options.culture_day ?? true;
    this.launch = (options.launch ?? []).map((l) => [...l] as LaunchDate);
    this.render();
    this.emitLaunch();
  }

  currentReport(): TurnaroundReport | null {
    return this.report;
  }

  /** Options matching what the user has set; the page uses them when a workbook is reopened. */
  options(): TurnaroundOptions {
    const o: TurnaroundOptions = {};
    if (this.asOf) o.as_of = this.asOf;
    if (this.by) o.by = [this.by];
    if (this.edits.days_off.length || this.edits.workdays.length) o.calendar = structuredClone(this.edits);
    if (Object.keys(this.statuses).length) o.statuses = { ...this.statuses };
    if (!this.cultureDay) o.culture_day = false;
    if (this.launch.length) o.launch = this.launch.map((l) => [...l] as LaunchDate);
    return o;
  }

  /** Launch dates in force, by village, as the core applied them (the user's over the file's, matched by the core's name key); before the first report, the user's own. */
  launchDates(): LaunchInForce[] {
    if (this.report) return this.report.launch_dates;
    return this.launch.map(([commune, village, date]) => ({ commune, village, date, user: true }));
  }

  /** The launch date in force for one village, or null. */
  launchOf(commune: string, village: string): LaunchInForce | null {
    const k = unitFold(commune, village);
    return this.launchDates().find((l) => unitFold(l.commune, l.village) === k) ?? null;
  }

  /** Sets (ISO date) or removes (null) the user's launch date of a village, re-runs the analysis and saves. */
  async setLaunch(commune: string, village: string, iso: string | null): Promise<void> {
    const k = unitFold(commune, village);
    const i = this.launch.findIndex(([c, v]) => unitFold(c, v) === k);
    if (iso) {
      if (i >= 0) this.launch[i] = [this.launch[i][0], this.launch[i][1], iso];
      else this.launch.push([commune, village, iso]);
    } else if (i >= 0) {
      this.launch.splice(i, 1);
    } else {
      return;
    }
    if (!this.report) {
      // No dossiers to compare: the date is still kept in the workspace.
      this.actions.changed?.();
      this.emitLaunch();
      return;
    }
    await this.recompute();
  }

  /** Whether the report has a before/after row for this village (it has a launch date and dossiers). */
  hasBeforeAfter(commune: string, village: string): boolean {
    const k = unitFold(commune, village);
    return (this.report?.before_after ?? []).some((b) => b.unit_kind === 'village' && !!b.village && unitFold(b.commune, b.village) === k);
  }

  /** Called whenever the launch dates in force may have changed (a new report on show). */
  onLaunchChange(fn: () => void): void {
    this.launchListeners.push(fn);
  }

  private emitLaunch(): void {
    for (const fn of this.launchListeners) fn();
  }

  private async recompute(): Promise<void> {
    const seq = ++this.seq;
    const next = await this.actions.recompute(this.options());
    if (seq !== this.seq || !next) return;
    this.report = next;
    this.renderOutput();
    this.actions.changed?.();
    this.emitLaunch();
  }

  render(): void {
    if (!this.report) {
      fill(this.root, h('p', { class: 'empty', 'data-testid': 'no-dossiers', text: t('no_dossiers') }));
      return;
    }
    this.renderControls();
    this.renderOutput();
    fill(this.root, h('h2', { text: t('ta_title') }), this.controlsEl, this.outputEl);
  }

  private renderControls(): void {
    const asOfId = nextId('as-of');
    fill(
      this.controlsEl,
      h(
        'div',
        { class: 'field' },
        h('label', { for: asOfId, text: t('ta_as_of') }),
        dateField({
          id: asOfId,
          testid: 'as-of',
          value: this.asOf || this.report?.as_of || '',
          onChange: (iso) => {
            this.asOf = iso ?? '';
            void this.recompute();
          },
        }),
      ),
      selectField({
        label: t('ta_group_by'),
        testid: 'group-by',
        options: [['', '—'], ...DIMENSIONS.map((d): [string, string] => [d, dimLabel(d)])],
        value: this.by,
        onChange: (v) => {
          this.by = v;
          void this.recompute();
        },
      }),
    );
  }

  private renderOutput(): void {
    const r = this.report!;
    const parts: Child[] = [this.headline(r)];
    if (r.statuses?.length) parts.push(this.statusTable(r.statuses));
    const charts: Child[] = [];
    if (r.distribution?.length) charts.push(distributionChart(r.distribution));
    if (r.monthly?.length) charts.push(monthlyChart(r.monthly));
    if (charts.length) parts.push(h('div', { class: 'charts' }, charts));
    if (r.by_procedure?.length) parts.push(this.procedures(r.by_procedure));
    if (this.by && r.groups?.length) parts.push(this.groups(r.groups));
    const ba = (r.before_after ?? []).filter((b) => b.unit_kind !== 'all_launched');
    if (ba.length) parts.push(this.beforeAfter(ba));
    parts.push(this.launchTable());
    parts.push(this.calendar(r));
    if (r.warnings?.length) {
      parts.push(
        h(
          'details',
          { 'data-testid': 'ta-warnings' },
          h('summary', { text: `${t('ta_warnings')} (${r.warnings.length})` }),
          h(
            'ul',
            null,
            r.warnings.slice(0, 100).map((w) =>
              h('li', null, w.row != null ? `${t('warn_row')} ${w.row}: ` : '', pick(w.message, w.message_en), w.sheet ? ` (${w.sheet})` : ''),
            ),
          ),
        ),
      );
    }
    fill(this.outputEl, parts);
  }

  private headline(r: TurnaroundReport): HTMLElement {
    const o = r.overall;
    const launched = r.before_after?.find((b) => b.unit_kind === 'all_launched');
    const ex = o.excluded;
    const exTotal = ex ? ex.cancelled + ex.withdrawn + ex.not_accepted : 0;
    return h(
      'section',
      { 'aria-label': t('ta_title') },
      r.completion_from === 'returned' ? h('p', { class: 'notice warn', role: 'note', 'data-testid': 'ta-completion-returned', text: t('ta_completion_returned') }) : null,
      launched ? launchHighlight(launched) : null,
      h(
        'p',
        { class: 'muted' },
        `${t('ta_as_of')}: `,
        h('span', { 'data-testid': 'ta-as-of', 'data-value': r.as_of, text: date(r.as_of) }),
        ` · ${t('ta_calendar')}: ${r.calendar}`,
      ),
      h(
        'div',
        { class: 'cards', 'data-testid': 'ta-summary' },
        ...turnaroundCards('ta', o),
        card('ta-dossiers', t('ta_dossiers'), o.dossiers, int(o.dossiers), h('span', null, `${t('ta_completed')}: `, h('span', { 'data-testid': 'ta-completed', 'data-value': dataValue(o.completed), text: int(o.completed) }))),
        card('ta-open', t('ta_open'), o.open, int(o.open)),
        card('ta-overdue', t('ta_overdue'), o.overdue_open, int(o.overdue_open)),
        o.paused ? card('ta-paused', t('ta_paused'), o.paused, int(o.paused)) : null,
        exTotal && ex
          ? card(
              'ta-excluded',
              t('ta_excluded'),
              exTotal,
              int(exTotal),
              h('span', {
                'data-testid': 'ta-excluded-reasons',
                'data-cancelled': String(ex.cancelled),
                'data-withdrawn': String(ex.withdrawn),
                'data-not-accepted': String(ex.not_accepted),
                text: t('ta_excluded_sub', { c: int(ex.cancelled), w: int(ex.withdrawn), n: int(ex.not_accepted) }),
              }),
            )
          : null,
        o.online_payment_rate != null ? card('ta-online-payment', t('ta_online_payment'), o.online_payment_rate, pct(o.online_payment_rate)) : null,
        o.digitisation_rate != null ? card('ta-digitised', t('ta_digitised'), o.digitisation_rate, pct(o.digitisation_rate)) : null,
      ),
    );
  }

  /** Each status word of the file, its class and where the class came from; the user can reclassify. Unknown words first. */
  private statusTable(rows: StatusRow[]): HTMLElement {
    const sorted = [...rows].sort((a, b) => Number(a.source !== 'unknown') - Number(b.source !== 'unknown') || b.dossiers - a.dossiers);
    const unknown = rows.filter((r) => r.source === 'unknown').length;
    return h(
      'details',
      { class: 'statuses', 'data-testid': 'ta-statuses', open: unknown > 0 ? true : undefined },
      h('summary', { text: `${t('ta_statuses_title')} (${rows.length})` }),
      h('p', { class: 'muted small', text: t('ta_statuses_hint') }),
      h(
        'table',
        { class: 'inner' },
        h('caption', { class: 'visually-hidden', text: t('ta_statuses_title') }),
        thead([t('ta_status'), t('ta_dossiers'), t('ta_status_class'), t('ta_status_source')]),
        h(
          'tbody',
          null,
          sorted.map((row) => {
            const sel = h(
              'select',
              {
                'aria-label': `${t('ta_status_class')}: ${row.status}`,
                'data-testid': 'status-class',
                'data-status': row.status,
                onchange: (e: Event) => {
                  const v = (e.target as HTMLSelectElement).value;
                  if (v) this.statuses[row.status] = v as StatusClass;
                  else delete this.statuses[row.status];
                  void this.recompute();
                },
              },
              row.class == null ? h('option', { value: '', text: t('status_unknown') }) : null,
              STATUS_CLASSES.map((c) => h('option', { value: c, text: t(`status_${c}` as 'status_open'), selected: row.class === c })),
            );
            return h(
              'tr',
              { 'data-testid': 'status-row', 'data-class': row.class ?? 'unknown', class: row.source === 'unknown' ? 'doubtful' : undefined },
              h('td', { text: row.status }),
              h('td', { class: 'num', text: int(row.dossiers) }),
              h('td', null, sel),
              h('td', { class: 'muted small', text: t(`source_${row.source}` as 'source_user') }),
            );
          }),
        ),
      ),
    );
  }

  private procedures(rows: GroupRow[]): HTMLElement {
    const name = (r: GroupRow) => r.by?.procedure_name ?? (r as { procedure_name?: string }).procedure_name ?? null;
    const cols: Column<GroupRow>[] = [
      { key: 'procedure_name', label: t('ta_procedure'), value: name, render: (r) => name(r) ?? DASH, testid: 'procedure-name' },
      ...metricColumns<GroupRow>(),
    ];
    return h(
      'section',
      { 'aria-labelledby': 'proc-h' },
      h('h3', { id: 'proc-h', text: t('ta_proc_title') }),
      dataTable({ hideCaption: true, caption: t('ta_proc_title'), columns: cols, rows, pageSize: 50, testid: 'procedures', rowTestid: 'procedure-row', state: this.procState }),
    );
  }

  private groups(rows: GroupRow[]): HTMLElement {
    const dims = Object.keys(rows[0]?.by ?? {});
    const cols: Column<GroupRow>[] = [
      ...dims.map(
        (d): Column<GroupRow> => ({
          key: `by-${d}`,
          label: dimLabel(d),
          value: (r) => r.by[d] ?? null,
          render: (r) => (d === 'month' && r.by[d] ? month(r.by[d] as string) : (r.by[d] ?? DASH)),
        }),
      ),
      ...metricColumns<GroupRow>(),
    ];
    return h(
      'section',
      { 'aria-labelledby': 'groups-h' },
      h('h3', { id: 'groups-h', text: `${t('ta_groups_title')}: ${dims.map(dimLabel).join(', ')}` }),
      dataTable({ hideCaption: true, caption: t('ta_groups_title'), columns: cols, rows, pageSize: 50, testid: 'groups', rowTestid: 'group-row', state: this.groupState }),
    );
  }

  private beforeAfter(all: BeforeAfterRow[]): HTMLElement {
    const kinds = [...new Set(all.map((r) => r.unit_kind))];
    if (!kinds.includes(this.baKind)) this.baKind = kinds.includes('village') ? 'village' : kinds[0];
    const rows = all.filter((r) => r.unit_kind === this.baKind);
    const picker =
      kinds.length > 1
        ? selectField({
            label: t('ta_unit'),
            testid: 'ba-kind',
            className: 'no-print',
            options: kinds.map((k): [string, string] => [k, k === 'village' ? t('dim_village') : k === 'commune' ? t('dim_commune') : k]),
            value: this.baKind,
            onChange: (v) => {
              this.baKind = v;
              this.baState.page = 0;
              this.renderOutput();
              this.outputEl.querySelector<HTMLElement>('[data-testid="ba-kind"]')?.focus();
            },
          })
        : null;
    const side = (which: 'before' | 'after', key: 'dossiers' | 'median_working_days' | 'km_median_working_days', label: string, digits = 1): Column<BeforeAfterRow> => ({
      key: `${which}-${key}`,
      label,
      numeric: true,
      value: (r) => r[which][key],
      render: (r) => h('span', { 'data-value': dataValue(r[which][key]), text: num(r[which][key], digits) }),
      testid: `ba-${which}-${key.replace(/_/g, '-')}`,
    });
    const B = t('ta_before');
    const A = t('ta_after');
    const cols: Column<BeforeAfterRow>[] = [
      { key: 'unit', label: t('ta_unit'), value: beforeAfterLabel, testid: 'ba-unit' },
      { key: 'launch', label: t('ta_launch'), value: (r) => r.launch_date, render: (r) => date(r.launch_date) },
      side('before', 'dossiers', `${B}: ${t('ta_count')}`, 0),
      side('before', 'median_working_days', `${B}: ${t('ta_series_median')}`),
      side('before', 'km_median_working_days', `${B}: ${t('ta_km_short')}`),
      side('after', 'dossiers', `${A}: ${t('ta_count')}`, 0),
      side('after', 'median_working_days', `${A}: ${t('ta_series_median')}`),
      side('after', 'km_median_working_days', `${A}: ${t('ta_km_short')}`),
      {
        key: 'change',
        label: t('ta_change'),
        numeric: true,
        value: (r) => r.change_median_working_days,
        render: (r) => {
          const v = r.change_median_working_days;
          return h('span', { 'data-value': dataValue(v), class: v != null && v < 0 ? 'good' : undefined, text: v == null ? DASH : v > 0 ? `+${num(v)}` : v < 0 ? `−${num(-v)}` : '0' });
        },
      },
      { key: 'p', label: t('ta_p_value'), numeric: true, value: (r) => r.log_rank_p, render: (r) => (r.log_rank_p == null ? DASH : r.log_rank_p < 0.001 ? `< ${num(0.001, 3)}` : num(r.log_rank_p, 3)) },
    ];
    return h(
      'section',
      { 'aria-labelledby': 'ba-h' },
      h('h3', { id: 'ba-h', text: t('ta_ba_title') }),
      picker,
      beforeAfterChart(rows),
      dataTable({ hideCaption: true, caption: t('ta_ba_title'), columns: cols, rows, testid: 'before-after', rowTestid: 'ba-row', state: this.baState }),
    );
  }

  /** Communes and villages for the launch-date form: the scorecard's, the report's groups and launch rows, the user's entries. */
  private knownUnits(): [string, string][] {
    const seen = new Map<string, [string, string]>();
    const add = (c: string | null | undefined, v: string | null | undefined) => {
      if (!c || !v) return;
      const k = unitFold(c, v);
      if (!seen.has(k)) seen.set(k, [c, v]);
    };
    for (const [c, v] of this.actions.knownUnits?.() ?? []) add(c, v);
    for (const g of this.report?.groups ?? []) add(g.by?.commune, g.by?.village);
    for (const b of this.report?.before_after ?? []) if (b.unit_kind === 'village') add(b.commune, b.village);
    for (const [c, v] of this.launch) add(c, v);
    return [...seen.values()].sort((a, b) => a[0].localeCompare(b[0], 'vi') || a[1].localeCompare(b[1], 'vi', { numeric: true }));
  }

  /** «Ngày ra mắt điểm phục vụ»: the launch dates in force (the file's and the user's), a form to add one, removal of the user's. */
  private launchTable(): HTMLElement {
    const rows = this.launchDates();
    const units = this.knownUnits();
    const unitId = nextId('launch-unit');
    const communeId = nextId('launch-commune');
    const villageId = nextId('launch-village');
    const dateId = nextId('launch-date');
    const dateInput = dateField({ id: dateId, testid: 'launch-date', required: true });
    // A select of the known villages; free text when the page knows none (a dossier file without a village list).
    const unitSelect = units.length
      ? (h(
          'select',
          { id: unitId, 'data-testid': 'launch-unit', required: true },
          h('option', { value: '', text: t('launch_pick') }),
          units.map(([c, v], i) => h('option', { value: String(i), 'data-commune': c, 'data-village': v, text: `${v} — ${c}` })),
        ) as HTMLSelectElement)
      : null;
    const communeInput = unitSelect ? null : (h('input', { id: communeId, type: 'text', required: true, 'data-testid': 'launch-commune' }) as HTMLInputElement);
    const villageInput = unitSelect ? null : (h('input', { id: villageId, type: 'text', required: true, 'data-testid': 'launch-village' }) as HTMLInputElement);
    const form = h(
      'form',
      {
        class: 'calendar-form launch-form no-print',
        'aria-label': t('launch_add'),
        'data-testid': 'launch-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          let unit: [string, string] | undefined;
          if (unitSelect) unit = unitSelect.value === '' ? undefined : units[Number(unitSelect.value)];
          else if (communeInput!.value.trim() && villageInput!.value.trim()) unit = [communeInput!.value.trim(), villageInput!.value.trim()];
          if (!unit) {
            const el = (unitSelect ?? villageInput)!;
            el.setCustomValidity(t('launch_pick_missing'));
            el.reportValidity();
            el.addEventListener('change', () => el.setCustomValidity(''), { once: true });
            return;
          }
          const d = readDate(dateInput);
          if (!d) return;
          void this.setLaunch(unit[0], unit[1], d);
        },
      },
      unitSelect
        ? field(unitId, t('dim_village'), unitSelect)
        : [
            field(communeId, t('dim_commune'), communeInput),
            field(villageId, t('dim_village'), villageInput),
          ],
      field(dateId, t('ta_launch'), dateInput),
      h('button', { type: 'submit', 'data-testid': 'launch-add', text: t('launch_add') }),
    );
    const table = rows.length
      ? h(
          'div',
          { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'launch-h' },
          h(
            'table',
            { 'data-testid': 'launch-dates' },
            h('caption', { class: 'visually-hidden', text: t('launch_title') }),
            thead([t('dim_commune'), t('dim_village'), t('ta_launch'), t('launch_source'), '']),
            h(
              'tbody',
              null,
              rows.map((l) =>
                h(
                  'tr',
                  { 'data-testid': 'launch-row', 'data-commune': l.commune, 'data-village': l.village, 'data-date': l.date, 'data-source': l.user ? 'user' : 'file' },
                  h('td', { text: l.commune }),
                  h('td', { text: l.village }),
                  h('td', { 'data-testid': 'launch-row-date', text: date(l.date) }),
                  h('td', { class: 'muted small', text: l.user ? t('launch_from_user') : t('launch_from_file') }),
                  h(
                    'td',
                    { class: 'no-print' },
                    l.user
                      ? h('button', {
                          type: 'button',
                          class: 'link',
                          'data-testid': 'launch-remove',
                          'aria-label': t('launch_remove', { v: `${l.village} (${l.commune})` }),
                          text: t('launch_remove_short'),
                          onclick: () => void this.setLaunch(l.commune, l.village, null),
                        })
                      : null,
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted', 'data-testid': 'launch-none', text: t('launch_none') });
    return h(
      'section',
      { 'aria-labelledby': 'launch-h', 'data-testid': 'launch-section' },
      h('h3', { id: 'launch-h', text: t('launch_title') }),
      h('p', { class: 'muted small', text: t('launch_hint') }),
      table,
      form,
    );
  }

  private calendar(r: TurnaroundReport): HTMLElement {
    const days = r.calendar_days_off ?? [];
    const dateId = nextId('cal-date');
    const kindId = nextId('cal-kind');
    const reasonId = nextId('cal-reason');
    const dateInput = dateField({ id: dateId, testid: 'cal-date', required: true });
    const kindSelect = h(
      'select',
      { id: kindId, 'data-testid': 'cal-kind' },
      h('option', { value: 'off', text: t('ta_day_off') }),
      h('option', { value: 'make_up', text: t('ta_workday_entry') }),
    );
    const reasonInput = h('input', { id: reasonId, type: 'text', 'data-testid': 'cal-reason' });
    const added = [
      ...this.edits.days_off.map((d) => ({ ...d, kind: 'off' as const })),
      ...this.edits.workdays.map((d) => ({ ...d, kind: 'make_up' as const })),
    ];
    // The switch for Vietnam Culture Day shows once the data reaches 2026,
    // and stays while it is off (24/11 is then listed as a working day).
    const cultureId = nextId('culture-day');
    const showCulture = !this.cultureDay || r.as_of >= '2026' || days.some((d) => d.holiday === 'culture_day');
    const culture = showCulture
      ? h(
          'div',
          { class: 'check no-print' },
          h('input', {
            id: cultureId,
            type: 'checkbox',
            'data-testid': 'culture-day',
            checked: this.cultureDay,
            onchange: (e: Event) => {
              this.cultureDay = (e.target as HTMLInputElement).checked;
              void this.recompute();
            },
          }),
          h('label', { for: cultureId, text: t('ta_culture_day') }),
        )
      : null;
    const form = h(
      'form',
      {
        class: 'calendar-form no-print',
        'aria-label': t('ta_add_day'),
        onsubmit: (e: Event) => {
          e.preventDefault();
          const d = readDate(dateInput);
          if (!d) return;
          const entry = { date: d, note: reasonInput.value.trim() };
          if (kindSelect.value === 'off') this.edits.days_off.push(entry);
          else this.edits.workdays.push(entry);
          void this.recompute();
        },
      },
      field(dateId, t('ta_date'), dateInput),
      field(kindId, t('ta_day_kind'), kindSelect),
      field(reasonId, t('ta_reason'), reasonInput),
      h('button', { type: 'submit', 'data-testid': 'cal-add', text: t('ta_add_day') }),
    );
    const addedList = added.length
      ? h(
          'div',
          null,
          h('h4', { text: t('ta_added_days') }),
          h(
            'ul',
            { 'data-testid': 'cal-added' },
            added.map((d) =>
              h(
                'li',
                null,
                `${date(d.date)} — ${d.kind === 'off' ? t('ta_day_off') : t('ta_workday_entry')}${d.note ? ` (${d.note})` : ''} `,
                h('button', {
                  type: 'button',
                  class: 'link',
                  'aria-label': t('ta_remove', { d: date(d.date) }),
                  text: t('ta_remove', { d: date(d.date) }),
                  onclick: () => {
                    const list = d.kind === 'off' ? this.edits.days_off : this.edits.workdays;
                    const i = list.findIndex((x) => x.date === d.date);
                    if (i >= 0) list.splice(i, 1);
                    void this.recompute();
                  },
                }),
              ),
            ),
          ),
        )
      : null;
    const cols: Column<(typeof days)[number]>[] = [
      { key: 'date', label: t('ta_date'), value: (d) => d.date, render: (d) => date(d.date) },
      {
        key: 'kind',
        label: t('ta_day_kind'),
        // A working day that replaces a day off (removed by the user, or
        // Culture Day switched off) is no make-up Saturday.
        value: (d) => (d.working ? (d.replaces ? t('ta_working_day') : t('ta_make_up')) : t('ta_day_off')),
      },
      {
        key: 'reason',
        label: t('ta_reason'),
        value: (d) => pick(d.reason_vi, d.reason_en),
        render: (d) => {
          const source = pick(d.source_vi, d.source_en);
          return h(
            'span',
            null,
            pick(d.reason_vi, d.reason_en),
            source ? h('small', { class: 'muted', 'data-testid': 'day-source' }, ` — ${t('ta_source')}: ${source}`) : null,
          );
        },
      },
    ];
    return h(
      'section',
      { 'aria-labelledby': 'cal-h', 'data-testid': 'calendar' },
      h('h3', { id: 'cal-h', text: t('ta_days_off_title') }),
      culture,
      days.length
        ? dataTable({ hideCaption: true, caption: t('ta_days_off_title'), columns: cols, rows: days, pageSize: 40, testid: 'days-off', rowTestid: 'day-off-row' })
        : null,
      addedList,
      form,
    );
  }
}

/** The programme's headline: turnaround before and after villages launched their service point. */
function launchHighlight(b: BeforeAfterRow): HTMLElement {
  const v = (x: number | null | undefined) => (x == null ? DASH : num(x));
  return h(
    'p',
    { class: 'highlight', 'data-testid': 'ta-launch-highlight' },
    t('ta_launch_highlight', {
      before: v(b.before.median_working_days),
      after: v(b.after.median_working_days),
      nb: int(b.before.dossiers),
      na: int(b.after.dossiers),
    }),
    b.log_rank_p != null ? ` (${t('ta_p_value')}: ${b.log_rank_p < 0.001 ? `< ${num(0.001, 3)}` : num(b.log_rank_p, 3)})` : '',
  );
}
