// Snapshot comparison: the current file against an earlier one (e.g. Q1 vs
// Q2), village by village, matched on commune + village name.
import { h, nextId, type Child } from '../dom';
import { t } from '../i18n';
import { int, DASH } from '../format';
import { dataTable, type Column } from './table';
import { signed, statusBadge, unitKey } from './score-common';
import type { ScoreReport, ScoreUnit } from '../types';

export interface Snapshot {
  name: string;
  report: ScoreReport;
}

interface Row {
  commune: string;
  village: string;
  before: ScoreUnit | undefined;
  after: ScoreUnit;
}

export function comparePanel(now: ScoreReport | null, earlier: Snapshot | null, choose: (f: File) => void, clear: () => void): Child[] {
  const inputId = nextId('compare-file');
  const head: Child[] = [
    h('h2', { id: 'compare-h', text: t('compare_title') }),
    h('p', { class: 'muted', text: t('compare_caption') }),
    h(
      'div',
      { class: 'no-print file-pick' },
      h('input', {
        id: inputId,
        type: 'file',
        class: 'visually-hidden',
        'data-testid': 'compare-input',
        accept: '.xlsx,.xlsm,.xls,.ods,.csv,.tsv,.txt',
        onchange: (e: Event) => {
          const input = e.target as HTMLInputElement;
          const f = input.files?.[0];
          if (f) choose(f);
          input.value = '';
        },
      }),
      h('label', { for: inputId, class: 'button', text: t('compare_choose') }),
      earlier ? h('button', { type: 'button', 'data-testid': 'compare-clear', text: t('compare_clear'), onclick: clear }) : null,
    ),
  ];
  if (!earlier || !now) return head;

  const before = new Map(earlier.report.units.map((u) => [unitKey(u), u]));
  const changed: Row[] = [];
  let gained = 0;
  let lost = 0;
  for (const u of now.units) {
    const b = before.get(unitKey(u));
    if (b?.status === u.status) continue;
    if (u.status === 'recognized') gained += 1;
    if (b?.status === 'recognized') lost += 1;
    changed.push({ commune: u.commune, village: u.village, before: b, after: u });
  }
  const cols: Column<Row>[] = [
    { key: 'village', label: t('col_village'), value: (r) => r.village },
    { key: 'commune', label: t('col_commune'), value: (r) => r.commune },
    { key: 'before', label: t('col_before'), value: (r) => r.before?.status ?? null, render: (r) => (r.before ? statusBadge(r.before.status) : DASH) },
    { key: 'after', label: t('col_after'), value: (r) => r.after.status, render: (r) => statusBadge(r.after.status) },
    {
      key: 'change',
      label: `${t('col_change')} (${t('col_readiness')})`,
      numeric: true,
      value: (r) => (r.before ? r.after.readiness - r.before.readiness : null),
      render: (r) => (r.before ? signed(r.after.readiness - r.before.readiness) : DASH),
    },
  ];
  return [
    ...head,
    h('p', {
      'data-testid': 'compare-summary',
      text:
        `${earlier.name}: ` +
        t('compare_summary', { a: int(earlier.report.summary.recognized), b: int(now.summary.recognized), n: int(gained), l: int(lost) }),
    }),
    changed.length
      ? dataTable({ hideCaption: true, caption: t('compare_title'), columns: cols, rows: changed, pageSize: 50, testid: 'compare', rowTestid: 'compare-row' })
      : h('p', { text: t('compare_none') }),
  ];
}
