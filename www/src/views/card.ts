// A headline number: label, value (its raw number in data-value for tests
// and the CLI-parity check), and an optional line under it.
import { h, type Child } from '../dom';
import { dataValue, int } from '../format';

export function card(testid: string, label: string, value: number | null | undefined, text: string = int(value), sub?: Child): HTMLElement {
  return h(
    'div',
    { class: 'card', 'data-testid': testid },
    h('div', { class: 'card-label', text: label }),
    h('div', { class: 'card-value', 'data-value': dataValue(value), text }),
    sub ? h('div', { class: 'card-sub' }, sub) : null,
  );
}
