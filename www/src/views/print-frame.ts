// The frame of a printed report, laid out as a commune sends a report up
// (Nghị định 30/2020/NĐ-CP, the administrative-document form): the unit and
// the national motto side by side, the title, the period and «Tính đến
// ngày», then the views; at the end a place and date line and a signature
// block. Shown only on paper (style.css `.print-only`).
import { h } from '../dom';
import { t } from '../i18n';
import { date } from '../format';
import type { ScoreReport, TurnaroundReport } from '../types';

/** The reporting unit: the one commune of the data, else a line to fill by hand. */
function unitOf(score: ScoreReport | null): string {
  const communes = new Set((score?.communes ?? []).map((c) => c.commune));
  return communes.size === 1 ? t('print_unit_commune', { c: [...communes][0].toLocaleUpperCase('vi') }) : t('print_unit_blank');
}

export function printHeader(score: ScoreReport | null, ta: TurnaroundReport | null, today: string): HTMLElement {
  const asOf = ta?.as_of ?? today;
  return h(
    'header',
    { class: 'print-only print-head', 'data-testid': 'print-head' },
    h(
      'div',
      { class: 'print-motto' },
      h('div', null, h('strong', { text: unitOf(score) }), h('div', { class: 'rule' })),
      h('div', null, h('strong', { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' }), h('div', { text: 'Độc lập - Tự do - Hạnh phúc' }), h('div', { class: 'rule' })),
    ),
    h('h1', { class: 'print-title', text: t('print_title') }),
    h('p', { class: 'print-period', text: t('print_as_of', { d: date(asOf) }) }),
  );
}

export function printFooter(today: string): HTMLElement {
  const [y, m, d] = today.split('-');
  return h(
    'footer',
    { class: 'print-only print-sign', 'data-testid': 'print-sign' },
    h('p', { class: 'print-date', text: t('print_place_date', { d, m: String(Number(m)), y }) }),
    h('p', null, h('strong', { text: t('print_signer') })),
    h('p', { class: 'muted', text: t('print_sign_hint') }),
  );
}
