// The read-only report a share link opens: summary numbers, communes against
// plan, every village's status and readiness, and the turnaround headline
// with its monthly series. Everything here comes from the payload the core
// decoded and validated in the worker (`decode_share`); names are shown as
// text. Laid out to read on a 360-px phone.
import { h, type Child } from '../dom';
import { card, daysText, turnaroundCards } from './card';
import { t, locale } from '../i18n';
import { num, int, date, month, dataValue, DASH } from '../format';
import { dataTable, newTableState, type Column } from './table';
import { statusBadge } from './score-common';
import { monthlySeriesChart } from './charts';
import type { CommuneRow, ShareTotals, ShareUnit, ShareView, Status } from '../types';

export interface ShareReportActions {
  /** Save the report among the user's workspaces; null when it is already saved. */
  importIt: (() => void) | null;
  openApp: () => void;
}

const STATUS: Status[] = ['recognized', 'near', 'not_recognized'];

function cellNum(v: number | null | undefined): HTMLElement {
  return h('span', { 'data-value': dataValue(v), text: int(v) });
}

/** The commune roll-up as stacked cards: what a 360-px phone shows instead of a wide table. */
function communeCards(communes: CommuneRow[]): HTMLElement {
  return h(
    'ul',
    { class: 'commune-cards', 'data-testid': 'share-commune-cards' },
    communes.map((c) => {
      const d = c.vs_plan;
      return h(
        'li',
        { 'data-testid': 'share-commune-card' },
        h('strong', { text: c.commune }),
        h(
          'span',
          null,
          t('sr_card_line', { r: int(c.recognized), n: int(c.units), near: int(c.near) }),
          c.plan == null ? '' : ` · ${t('sr_card_plan', { p: int(c.plan) })} `,
          d == null ? null : h('span', { class: d >= 0 ? 'good' : 'bad', text: d > 0 ? `(+${int(d)})` : d < 0 ? `(−${int(-d)})` : '(0)' }),
        ),
      );
    }),
  );
}

/** The two findings the report leads with: villages recognized against plan, and turnaround before → after a service point opened. */
function headlines(p: ShareView): HTMLElement | null {
  const items: HTMLElement[] = [];
  if (p.totals) {
    const { recognized, units: count, planned: plan } = p.totals;
    items.push(
      h(
        'li',
        { 'data-testid': 'share-headline-villages' },
        h('span', { class: 'big', 'data-value': String(recognized), text: int(recognized) }),
        ' ',
        plan == null ? t('sr_head_villages', { n: int(count) }) : t('sr_head_villages_plan', { n: int(count), p: int(plan) }),
      ),
    );
  }
  const ta = p.turnaround;
  const wd = ta?.before_after_working_days;
  if (ta && wd && wd[0] != null && wd[1] != null) {
    items.push(
      h(
        'li',
        { 'data-testid': 'share-headline-turnaround' },
        h('span', { class: 'big', 'data-value': `${wd[0]}→${wd[1]}`, text: `${num(wd[0])} → ${num(wd[1])}` }),
        ' ',
        t('sr_head_turnaround'),
      ),
    );
  } else if (ta) {
    items.push(
      h(
        'li',
        { 'data-testid': 'share-headline-turnaround' },
        h('span', { class: 'big', 'data-value': dataValue(ta.median_working_days), text: ta.median_working_days == null ? DASH : num(ta.median_working_days) }),
        ' ',
        t('sr_head_median'),
      ),
    );
  }
  return items.length ? h('ul', { class: 'share-headlines', 'data-testid': 'share-headlines' }, items) : null;
}

function scoreSection(p: ShareView, totals: ShareTotals): Child[] {
  const { rows: units, communes } = p;
  const { recognized, near, units: count, planned: plan } = totals;
  const covered = communes.filter((c) => c.recognized > 0).length;
  const fw = p.framework;
  const communeCols: Column<CommuneRow>[] = [
    { key: 'commune', label: t('col_commune'), value: (c) => c.commune, testid: 'share-commune-name' },
    { key: 'units', label: t('col_units'), value: (c) => c.units, numeric: true, render: (c) => cellNum(c.units), testid: 'share-commune-units' },
    { key: 'recognized', label: t('col_recognized'), value: (c) => c.recognized, numeric: true, render: (c) => cellNum(c.recognized), testid: 'share-commune-recognized' },
    { key: 'plan', label: t('col_plan'), value: (c) => c.plan, numeric: true, render: (c) => cellNum(c.plan), testid: 'share-commune-plan' },
    {
      key: 'vs',
      label: t('col_vs_plan'),
      value: (c) => c.vs_plan,
      numeric: true,
      render: (c) => {
        if (c.vs_plan == null) return DASH;
        const d = c.vs_plan;
        return h('span', { class: d >= 0 ? 'good' : 'bad', text: d > 0 ? `+${int(d)}` : d < 0 ? `−${int(-d)}` : '0' });
      },
    },
  ];
  const unitCols: Column<ShareUnit>[] = [
    { key: 'village', label: t('col_village'), value: (u) => u.village, testid: 'share-village-name' },
    { key: 'commune', label: t('col_commune'), value: (u) => u.commune },
    {
      key: 'status',
      label: t('col_status'),
      value: (u) => STATUS.indexOf(u.status),
      render: (u) => statusBadge(u.status),
      testid: 'share-village-status',
    },
    {
      key: 'readiness',
      label: t('col_readiness'),
      value: (u) => u.readiness,
      numeric: true,
      render: (u) => h('span', { 'data-value': dataValue(u.readiness), text: num(u.readiness, 0) }),
    },
  ];
  return [
    h('h2', { id: 'share-sum-h', text: t('summary_title') }),
    fw
      ? h(
          'p',
          { class: 'muted' },
          `${t('framework_used')}: `,
          h('span', { 'data-testid': 'share-framework', text: fw.name }),
          fw.changed.length || fw.dropped.length
            ? ` — ${t('sr_framework_changed', { n: int(fw.changed.length + fw.dropped.length) })}${fw.changed.length ? `: ${fw.changed.map((c) => c[0]).join(', ')}` : ''}`
            : ` — ${t('sr_framework_default')}`,
        )
      : null,
    // A what-if in force when the link was made (the core marks it), or
    // criteria off the default: said where it cannot be missed (issue 19).
    p.scenario?.length
      ? h('p', { class: 'notice warn', role: 'note', 'data-testid': 'sr-scenario', 'data-scenario': 'true', text: t('sr_scenario_marked', { ids: p.scenario.join(', ') }) })
      : fw && (fw.changed.length || fw.dropped.length)
        ? h('p', {
            class: 'notice warn',
            role: 'note',
            'data-testid': 'sr-scenario',
            text: t('sr_scenario', { n: int(fw.changed.length + fw.dropped.length), ids: [...fw.changed.map((c) => c[0]), ...fw.dropped].join(', ') }),
          })
        : null,
    h(
      'div',
      { class: 'cards', 'data-testid': 'share-summary' },
      card('share-units', t('sum_units'), count, int(count)),
      card(
        'share-recognized',
        t('sum_recognized'),
        recognized,
        int(recognized),
        plan == null ? t('sum_no_plan') : h('span', { 'data-testid': 'share-plan', 'data-value': String(plan), text: t('sum_vs_plan', { p: int(plan) }) }),
      ),
      card('share-near', t('sum_near'), near, int(near)),
      card(
        'share-covered',
        t('sum_coverage'),
        covered,
        int(covered),
        h('span', { 'data-testid': 'share-communes', 'data-value': String(communes.length), text: t('sum_coverage_of', { n: int(communes.length) }) }),
      ),
    ),
    h('h2', { id: 'share-communes-h', text: t('communes_title') }),
    communeCards(communes),
    h('div', { class: 'wide-only' }, dataTable({ hideCaption: true, caption: t('communes_title'), columns: communeCols, rows: communes, testid: 'share-communes-table', rowTestid: 'share-commune-row' })),
    p.summary
      ? h('p', { class: 'muted', 'data-testid': 'share-summary-only', text: t('sr_summary_only') })
      : [
          h('h2', { id: 'share-villages-h', text: t('villages_title') }),
          dataTable({
            hideCaption: true,
            caption: t('villages_title'),
            columns: unitCols,
            rows: units,
            pageSize: 50,
            testid: 'share-villages',
            rowTestid: 'share-village-row',
            state: newTableState('readiness', true),
          }),
        ],
  ];
}

function turnaroundSection(p: ShareView): Child[] {
  const ta = p.turnaround;
  if (!ta) return [];
  const pooled = ta.before_after_days;
  return [
    h('h2', { id: 'share-ta-h', text: t('ta_title') }),
    pooled && pooled[0] != null && pooled[1] != null
      ? h('p', { class: 'highlight', 'data-testid': 'share-pooled', text: t('sr_pooled', { before: num(pooled[0]), after: num(pooled[1]) }) })
      : null,
    h('p', { class: 'muted' }, `${t('ta_as_of')}: `, h('span', { 'data-testid': 'share-as-of', 'data-value': ta.as_of, text: date(ta.as_of) })),
    h(
      'div',
      { class: 'cards', 'data-testid': 'share-ta-summary' },
      ...turnaroundCards('share-ta', ta),
      card(
        'share-ta-dossiers',
        t('ta_dossiers'),
        ta.dossiers,
        int(ta.dossiers),
        h('span', null, `${t('ta_completed')}: `, h('span', { 'data-testid': 'share-ta-completed', 'data-value': dataValue(ta.completed), text: int(ta.completed) })),
      ),
      card('share-ta-open', t('ta_open'), ta.open, int(ta.open)),
      card('share-ta-overdue', t('ta_overdue'), ta.overdue_open, int(ta.overdue_open)),
      card('share-ta-median-days', t('sr_median_days'), ta.median_days, daysText(ta.median_days)),
    ),
    ta.monthly.length ? monthlySeriesChart(ta.monthly.map(([m, n, med]) => ({ month: m, label: month(m), dossiers: n, median: med }))) : null,
  ];
}

function madeAt(at: string): string {
  const made = new Date(at);
  return Number.isNaN(made.getTime()) ? at : new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(made);
}

/** A merged report (several links, core `share::merge`): its sources and the villages found twice. */
function mergeNote(p: ShareView): HTMLElement | null {
  if (p.sources.length < 2) return null;
  return h(
    'div',
    { class: 'notice', role: 'note', 'data-testid': 'merge-note' },
    h('p', { text: t('merge_sources', { n: int(p.sources.length) }) }),
    h(
      'ul',
      { 'data-testid': 'merge-sources' },
      p.sources.map((s, k) => h('li', { 'data-testid': 'merge-source', text: t('merge_source', { k: k + 1, file: s.file || DASH, at: madeAt(s.at) }) })),
    ),
    p.conflicts.length
      ? [
          h('p', { 'data-testid': 'merge-conflicts', 'data-value': String(p.conflicts.length), text: t('merge_conflicts', { n: int(p.conflicts.length) }) }),
          h(
            'ul',
            null,
            p.conflicts.map((c) =>
              h('li', {
                'data-testid': 'merge-conflict',
                text: t('merge_conflict', { village: c.village, commune: c.commune, links: c.links.join(', '), diff: c.same ? '' : t('merge_conflict_diff') }),
              }),
            ),
          ),
        ]
      : null,
    p.turnaround ? h('p', { class: 'muted small', text: t('merge_no_before_after') }) : null,
  );
}

/** The unit (one commune's name, else the source file's name) and the period, for the title. */
function titleOf(p: ShareView): string {
  const communes = p.communes;
  const unit = communes.length === 1 ? communes[0].commune : (p.provenance.file || '').replace(/\.[^.]+$/, '') || t('sr_title');
  const asOf = p.turnaround?.as_of;
  return asOf ? t('sr_title_unit_asof', { unit, d: date(asOf) }) : unit;
}

export function shareReport(p: ShareView, actions: ShareReportActions): HTMLElement {
  const prov = p.provenance;
  const at = madeAt(prov.at);
  return h(
    'div',
    { class: 'share-report', 'data-testid': 'share-report' },
    h('h2', { class: 'share-h', id: 'share-h', tabindex: '-1', 'data-testid': 'share-title', text: titleOf(p) }),
    mergeNote(p),
    headlines(p),
    p.totals ? scoreSection(p, p.totals) : h('p', { class: 'muted', text: t('no_villages') }),
    turnaroundSection(p),
    h(
      'div',
      { class: 'share-actions no-print' },
      actions.importIt
        ? h('button', { type: 'button', class: 'primary', 'data-testid': 'share-import', text: t('sr_import'), onclick: actions.importIt })
        : null,
      h('button', { type: 'button', 'data-testid': 'share-open-app', text: t('sr_open_app'), onclick: actions.openApp }),
    ),
    h(
      'footer',
      { class: 'share-provenance' },
      h('p', { class: 'muted small', text: `${t('sr_title')}. ${t('sr_readonly')}` }),
      // A merged report lists its sources at the top instead.
      p.sources.length > 1
        ? null
        : h(
        'p',
        { 'data-testid': 'share-provenance', class: 'small' },
        t('sr_from', { file: prov.file || DASH, at, app: prov.app }),
        ' ',
        h('span', { class: 'muted small' }, `${t('sr_sha')}: `, h('code', { class: 'sha', text: prov.file_sha256 ? prov.file_sha256.slice(0, 16) + '…' : DASH, title: prov.file_sha256 })),
      ),
    ),
  );
}
