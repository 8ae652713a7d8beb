// Snapshot comparison: the current file against an earlier one (e.g. Q1 vs
// Q2), village by village. The core matches villages (by name key) and
// counts who gained or lost recognition; this view only shows its diff.
import { h, nextId, type Child } from '../dom';
import { t } from '../i18n';
import { int, DASH } from '../format';
import { dataTable, type Column } from './table';
import { signed, statusBadge } from './score-common';
import type { ScoreReport, SnapshotDiff, UnitRef } from '../types';

export interface Snapshot {
  name: string;
  /** The current file against this one, from the core. */
  diff: SnapshotDiff;
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

  // Matched, counted and listed by the core (scoring::compare): the same
  // village spelled two ways is one village.
  const { diff } = earlier;
  const change = (r: UnitRef) => (r.readiness_before != null && r.readiness_after != null ? r.readiness_after - r.readiness_before : null);
  const cols: Column<UnitRef>[] = [
    { key: 'village', label: t('col_village'), value: (r) => r.village },
    { key: 'commune', label: t('col_commune'), value: (r) => r.commune },
    { key: 'before', label: t('col_before'), value: (r) => r.status_before, render: (r) => (r.status_before ? statusBadge(r.status_before) : DASH) },
    { key: 'after', label: t('col_after'), value: (r) => r.status_after, render: (r) => (r.status_after ? statusBadge(r.status_after) : DASH) },
    {
      key: 'change',
      label: `${t('col_change')} (${t('col_readiness')})`,
      numeric: true,
      value: change,
      render: (r) => {
        const c = change(r);
        return c === null ? DASH : signed(c);
      },
    },
  ];
  return [
    ...head,
    h('p', {
      'data-testid': 'compare-summary',
      text:
        `${earlier.name}: ` +
        t('compare_summary', {
          a: int(diff.recognized_before),
          b: int(diff.recognized_after),
          n: int(diff.newly_recognized.length),
          l: int(diff.lost_recognition.length),
        }),
    }),
    diff.changed.length
      ? dataTable({ hideCaption: true, caption: t('compare_title'), columns: cols, rows: diff.changed, pageSize: 50, testid: 'compare', rowTestid: 'compare-row' })
      : h('p', { text: t('compare_none') }),
  ];
}
