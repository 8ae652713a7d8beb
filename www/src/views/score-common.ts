// Small helpers shared by the scorecard views: labels, badges, values.
import { h } from '../dom';
import { t, pick, type Key } from '../i18n';
import { num, DASH } from '../format';
import type { Indicator, Pillar, Status } from '../types';

const PILLAR_EN: Record<string, string> = {
  HT: 'Digital infrastructure',
  CQ: 'Digital government',
  KT: 'Digital economy',
  XH: 'Digital society',
};

export function pillarName(p: Pillar): string {
  return pick(p.name, p.name_en ?? PILLAR_EN[p.id]);
}

export function statusLabel(s: Status | string): string {
  const key = `status_${s}` as Key;
  return ['recognized', 'near', 'not_recognized'].includes(s) ? t(key) : s;
}

export function statusBadge(s: Status | string): HTMLElement {
  return h('span', { class: `badge status-${s}`, 'data-status': s, text: statusLabel(s) });
}

export function isYesNo(ind: Indicator): boolean {
  return ind.unit === 'yes_no' || ind.rule === '=' || typeof ind.threshold === 'boolean';
}

export function showValue(ind: Indicator | undefined, v: number | boolean | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  if (ind && isYesNo(ind)) return v >= 1 ? t('yes') : t('no');
  return num(v);
}

export function needed(ind: Indicator): string {
  if (isYesNo(ind)) return t('yes');
  const th = typeof ind.threshold === 'number' ? num(ind.threshold) : String(ind.threshold ?? DASH);
  return `${ind.rule === '<=' ? '≤' : '≥'} ${th}`;
}

export function unitKey(u: { commune: string; village: string }): string {
  return `${u.commune}\u0000${u.village}`;
}

export function signed(v: number): string {
  return v > 0 ? `+${num(v)}` : v < 0 ? `−${num(-v)}` : '0';
}
