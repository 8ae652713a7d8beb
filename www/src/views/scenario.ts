// A what-if scenario is never silent (issue 19). While what-if changes are in
// force, a banner above every view (and on paper: it prints, its button does
// not) says so and offers the way back; a scenario saved in a workspace is
// not restored on its own after a reload: the page asks first. Exports are
// named as a scenario, and the share dialog says its link carries one.
import { h } from '../dom';
import { t } from '../i18n';
import { int } from '../format';
import type { Overrides } from '../types';

/** The indicators a scenario changes, in a stable order. */
export function changedIds(o: Overrides | null | undefined): string[] {
  return Object.keys(o ?? {})
    .filter((id) => Object.keys(o![id] ?? {}).length > 0)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** A marker for export file names: "-kich-ban" while a scenario is in force. */
export function scenarioTag(o: Overrides | null | undefined): string {
  return changedIds(o).length ? '-kich-ban' : '';
}

/** «Đang xem kịch bản giả định: khác mặc định ở N chỉ tiêu (HT1, …) — Về mặc định»; null without a scenario. */
export function scenarioBanner(o: Overrides, reset: () => void): HTMLElement | null {
  const ids = changedIds(o);
  if (!ids.length) return null;
  return h(
    'div',
    { class: 'scenario-banner', role: 'status', 'data-testid': 'scenario-banner', 'data-count': String(ids.length) },
    h('strong', { text: t('scenario_banner', { n: int(ids.length) }) }),
    ' ',
    h('span', { class: 'scenario-ids', 'data-testid': 'scenario-ids', text: t('scenario_ids', { ids: ids.join(', ') }) }),
    ' ',
    h('button', { type: 'button', class: 'no-print', 'data-testid': 'scenario-reset', text: t('scenario_reset'), onclick: reset }),
  );
}

/** After a reload: the saved scenario, shown but not in force until the user says so. */
export function scenarioPrompt(o: Overrides, restore: () => void, discard: () => void): HTMLElement {
  const ids = changedIds(o);
  return h(
    'div',
    { class: 'scenario-banner ask no-print', role: 'alert', 'data-testid': 'scenario-prompt', 'data-count': String(ids.length) },
    h('p', { text: t('scenario_ask', { n: int(ids.length), ids: ids.join(', ') }) }),
    h(
      'div',
      { class: 'scenario-actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'scenario-restore', text: t('scenario_restore'), onclick: restore }),
      h('button', { type: 'button', 'data-testid': 'scenario-discard', text: t('scenario_discard'), onclick: discard }),
    ),
  );
}

/** The share dialog's note that its link carries a scenario's results; null without one. */
export function scenarioShareNote(o: Overrides): HTMLElement | null {
  const n = changedIds(o).length;
  return n ? h('p', { class: 'notice warn', role: 'note', 'data-testid': 'share-scenario', text: t('scenario_share', { n: int(n) }) }) : null;
}
