// What-if panel: sliders for thresholds and weights, and the mandatory (BB)
// flag, per indicator. It only collects overrides; the core re-scores with
// them (Session.score({overrides})) and the framework itself never changes.
import { h, fill, debounce, nextId, type Child } from '../dom';
import { t, pick } from '../i18n';
import { num } from '../format';
import { isYesNo, pillarName } from './score-common';
import type { Overrides, Pillar } from '../types';

type Field = 'threshold' | 'weight' | 'mandatory';

export class WhatIfPanel {
  readonly root = h('section', { 'aria-labelledby': 'whatif-h', class: 'no-print' });
  /** Live status line ("Trying 2 changes: …"); the scorecard writes it after each re-score. */
  readonly status = h('p', { 'aria-live': 'polite', 'data-testid': 'whatif-status' });
  /** On the collapsed panel's summary: a scenario is in force (the scorecard writes it with the status). */
  readonly badge = h('span', { class: 'badge scenario-badge', 'data-testid': 'whatif-badge', hidden: true });
  private overrides: Overrides = {};
  private pillars: Pillar[] = [];
  private open = false;

  constructor(private readonly onChange: (overrides: Overrides) => void) {}

  /** A new framework (new file): start again from no overrides. */
  reset(pillars: Pillar[]): void {
    this.pillars = pillars;
    this.overrides = {};
  }

  /** Changes restored from a saved workspace (ids the framework lacks are dropped). */
  setOverrides(overrides: Overrides): void {
    const ids = new Set(this.pillars.flatMap((p) => p.indicators.map((i) => i.id)));
    this.overrides = Object.fromEntries(Object.entries(structuredClone(overrides)).filter(([id]) => ids.has(id)));
  }

  current(): Overrides {
    return structuredClone(this.overrides);
  }

  /** How many single changes are in force. */
  count(): number {
    return Object.values(this.overrides).reduce((a, o) => a + Object.keys(o).length, 0);
  }

  render(): void {
    const send = debounce(() => this.onChange(this.current()), 300);
    const groups: Child[] = this.pillars.map((p) =>
      h(
        'fieldset',
        null,
        h('legend', { text: `${p.id} — ${pillarName(p)}` }),
        p.indicators.map((ind) => {
          const o = this.overrides[ind.id] ?? {};
          const pieces: Child[] = [h('span', { class: 'ind-name' }, h('span', { class: 'ind-id', text: ind.id }), ' ', pick(ind.name, ind.name_en))];
          if (!isYesNo(ind) && typeof ind.threshold === 'number') {
            const orig = ind.threshold;
            pieces.push(
              slider(t('whatif_threshold', { id: ind.id }), `whatif-threshold-${ind.id}`, Math.max(100, Math.ceil(orig * 2)), o.threshold ?? orig, ind.rule, (v) => {
                this.set(ind.id, 'threshold', v === orig ? undefined : v);
                send();
              }),
            );
          }
          const m0 = ind.mandatory;
          const mandatoryId = nextId('m');
          pieces.push(
            h(
              'div',
              { class: 'check' },
              h('input', {
                id: mandatoryId,
                type: 'checkbox',
                'data-testid': `whatif-mandatory-${ind.id}`,
                checked: o.mandatory ?? m0,
                onchange: (e: Event) => {
                  const v = (e.target as HTMLInputElement).checked;
                  this.set(ind.id, 'mandatory', v === m0 ? undefined : v);
                  send();
                },
              }),
              h('label', { for: mandatoryId, text: `${t('mandatory')} (${ind.id})` }),
            ),
          );
          const w0 = ind.weight;
          pieces.push(
            slider(t('whatif_weight', { id: ind.id }), `whatif-weight-${ind.id}`, Math.max(20, w0 * 2), o.weight ?? w0, null, (v) => {
              this.set(ind.id, 'weight', v === w0 ? undefined : v);
              send();
            }),
          );
          return h('div', { class: 'whatif-item' }, pieces);
        }),
      ),
    );
    const details = h(
      'details',
      { 'data-testid': 'whatif', open: this.open },
      h('summary', null, h('h2', { id: 'whatif-h', class: 'inline', text: t('whatif_title') }), ' ', this.badge),
      h('p', { class: 'muted', text: t('whatif_caption') }),
      this.status,
      h('button', {
        type: 'button',
        'data-testid': 'whatif-reset',
        text: t('whatif_reset'),
        onclick: () => {
          this.overrides = {};
          this.render();
          this.onChange({});
        },
      }),
      h('div', { class: 'whatif-grid' }, groups),
    );
    details.addEventListener('toggle', () => (this.open = details.open));
    fill(this.root, details);
  }

  private set(id: string, field: Field, v: number | boolean | undefined): void {
    const o = { ...(this.overrides[id] ?? {}) };
    if (v === undefined) delete o[field];
    else if (field === 'mandatory') o.mandatory = v as boolean;
    else o[field] = v as number;
    if (Object.keys(o).length) this.overrides[id] = o;
    else delete this.overrides[id];
  }
}

function slider(label: string, testid: string, max: number, value: number, rule: string | null, onChange: (v: number) => void): HTMLElement {
  const id = nextId('s');
  const out = h('output', { for: id, text: num(value) });
  const input = h('input', {
    id,
    type: 'range',
    min: '0',
    max: String(max),
    step: '1',
    value: String(value),
    'data-testid': testid,
    'data-rule': rule ?? undefined,
    oninput: (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      out.textContent = num(v);
      onChange(v);
    },
  });
  return h('div', { class: 'slider' }, h('label', { for: id, text: label }), input, out);
}
