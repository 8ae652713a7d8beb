// A sortable, paginated table. Only one page of rows is ever in the DOM, so a
// province's 60,000 villages stay cheap to show. Sort headers are buttons
// (keyboard-reachable) and the header cell carries aria-sort.
import { h, fill, type Child } from '../dom';
import { t, locale } from '../i18n';

export interface Column<R> {
  key: string;
  label: string;
  /** The value sorted on (and exported to CSV). */
  value: (r: R) => string | number | boolean | null | undefined;
  /** Cell content; defaults to the value as text. */
  render?: (r: R) => Child;
  numeric?: boolean;
  sortable?: boolean;
  testid?: string;
}

export interface TableState {
  sortKey: string | null;
  desc: boolean;
  page: number;
}

export interface TableOptions<R> {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  pageSize?: number;
  testid?: string;
  rowTestid?: string;
  state?: TableState;
  /** Shown under an empty table. */
  emptyText?: string;
  /** The caption repeats a visible heading: keep it for screen readers only. */
  hideCaption?: boolean;
}

export function newTableState(sortKey: string | null = null, desc = false): TableState {
  return { sortKey, desc, page: 0 };
}

export function sortRows<R>(rows: R[], columns: Column<R>[], state: TableState): R[] {
  const col = columns.find((c) => c.key === state.sortKey);
  if (!col) return rows;
  const collator = new Intl.Collator(locale(), { numeric: true, sensitivity: 'base' });
  const sign = state.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    // Missing values sort last whatever the direction.
    const xn = x === null || x === undefined || x === '';
    const yn = y === null || y === undefined || y === '';
    if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * collator.compare(String(x), String(y));
  });
}

export function dataTable<R>(opts: TableOptions<R>): HTMLElement {
  const state = opts.state ?? newTableState();
  const pageSize = opts.pageSize ?? 0;
  const root = h('div', { class: 'table-block', 'data-testid': opts.testid });
  const render = () => {
    const sorted = sortRows(opts.rows, opts.columns, state);
    const pages = pageSize > 0 ? Math.max(1, Math.ceil(sorted.length / pageSize)) : 1;
    state.page = Math.min(state.page, pages - 1);
    const start = pageSize > 0 ? state.page * pageSize : 0;
    const slice = pageSize > 0 ? sorted.slice(start, start + pageSize) : sorted;

    const head = h(
      'tr',
      null,
      opts.columns.map((c) => {
        const active = state.sortKey === c.key;
        const th = h('th', {
          scope: 'col',
          class: c.numeric ? 'num' : undefined,
          'aria-sort': active ? (state.desc ? 'descending' : 'ascending') : undefined,
        });
        if (c.sortable === false) th.textContent = c.label;
        else
          th.appendChild(
            h(
              'button',
              {
                type: 'button',
                class: 'sort',
                'aria-label': t('sort_by', { c: c.label }),
                onclick: () => {
                  if (state.sortKey === c.key) state.desc = !state.desc;
                  else {
                    state.sortKey = c.key;
                    state.desc = !!c.numeric; // numbers: biggest first
                  }
                  state.page = 0;
                  render();
                  root.querySelector<HTMLButtonElement>(`th[aria-sort] button`)?.focus();
                },
              },
              c.label,
              h('span', { class: 'sort-mark', 'aria-hidden': 'true', text: active ? (state.desc ? ' ▼' : ' ▲') : '' }),
            ),
          );
        return th;
      }),
    );
    const body = h(
      'tbody',
      null,
      slice.map((r) =>
        h(
          'tr',
          { 'data-testid': opts.rowTestid },
          opts.columns.map((c, i) => {
            const content = c.render ? c.render(r) : formatPlain(c.value(r));
            const attrs = { class: c.numeric ? 'num' : undefined, 'data-testid': c.testid };
            return i === 0 ? h('th', { ...attrs, scope: 'row' }, content) : h('td', attrs, content);
          }),
        ),
      ),
    );
    const table = h('table', null, h('caption', { class: opts.hideCaption ? 'visually-hidden' : undefined, text: opts.caption }), h('thead', null, head), body);
    const wrap = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': opts.caption }, table);
    const parts: Child[] = [wrap];
    if (sorted.length === 0 && opts.emptyText) parts.push(h('p', { class: 'muted', text: opts.emptyText }));
    if (pageSize > 0 && sorted.length > pageSize) {
      parts.push(
        h(
          'div',
          { class: 'pager' },
          h('button', {
            type: 'button',
            text: t('prev_page'),
            disabled: state.page === 0,
            onclick: () => {
              state.page -= 1;
              render();
            },
          }),
          h('span', {
            'aria-live': 'polite',
            text: t('shown_of', { a: start + 1, b: start + slice.length, n: sorted.length }),
          }),
          h('button', {
            type: 'button',
            text: t('next_page'),
            disabled: state.page >= pages - 1,
            onclick: () => {
              state.page += 1;
              render();
            },
          }),
        ),
      );
    }
    fill(root, parts);
  };
  render();
  return root;
}

function formatPlain(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(v);
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  return String(v);
}
