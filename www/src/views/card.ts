// A headline number: label, value (its raw number in data-value for tests
// and the CLI-parity check), and an optional line under it.
import { h, type Child } from '../dom';
import { dataValue, int, num, pct, DASH } from '../format';
import { t } from '../i18n';

export function card(testid: string, label: string, value: number | null | undefined, text: string = int(value), sub?: Child): HTMLElement {
  return h(
    'div',
    { class: 'card', 'data-testid': testid },
    h('div', { class: 'card-label', text: label }),
    h('div', { class: 'card-value', 'data-value': dataValue(value), text }),
    sub ? h('div', { class: 'card-sub' }, sub) : null,
  );
}

/** A number of days for a card ("2 ngày"), or a dash. */
export function daysText(v: number | null | undefined): string {
  return v == null ? DASH : t('ta_days_unit', { v: num(v) });
}

/** The turnaround headline cards: median, p90, KM median (working days), on time, online; test ids `${prefix}-median` and so on. */
export function turnaroundCards(
  prefix: string,
  m: { median_working_days: number | null; p90_working_days: number | null; km_median_working_days: number | null; on_time_rate: number | null; online_rate: number | null },
): HTMLElement[] {
  return [
    card(`${prefix}-median`, t('ta_median'), m.median_working_days, daysText(m.median_working_days)),
    card(`${prefix}-p90`, t('ta_p90'), m.p90_working_days, daysText(m.p90_working_days)),
    card(`${prefix}-km`, t('ta_km'), m.km_median_working_days, daysText(m.km_median_working_days)),
    card(`${prefix}-on-time`, t('ta_on_time'), m.on_time_rate, pct(m.on_time_rate)),
    card(`${prefix}-online`, t('ta_online'), m.online_rate, pct(m.online_rate)),
  ];
}
