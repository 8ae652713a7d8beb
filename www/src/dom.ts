// Tiny element builder. Every string becomes a text node or an attribute
// value, so text from a spreadsheet can never become markup. There is no
// innerHTML anywhere in this app.

export type Child = Node | string | number | null | undefined | false | Child[];

type Handler<E extends Event = Event> = (ev: E) => void;

export interface Attrs {
  class?: string;
  text?: string;
  hidden?: boolean;
  disabled?: boolean;
  checked?: boolean;
  value?: string;
  onclick?: Handler<MouseEvent>;
  oninput?: Handler;
  onchange?: Handler;
  onkeydown?: Handler<KeyboardEvent>;
  [attr: string]: unknown;
}

const PROPS = new Set(['hidden', 'disabled', 'checked', 'value', 'selected', 'open', 'min', 'max', 'step']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (key === 'text') el.textContent = String(v);
      else if (key === 'class') el.className = String(v);
      else if (key.startsWith('on') && typeof v === 'function') {
        el.addEventListener(key.slice(2), v as EventListener);
      } else if (PROPS.has(key)) {
        (el as unknown as Record<string, unknown>)[key] = v;
      } else el.setAttribute(key, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

/** Replace all children of `el`. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Save bytes or text as a file, entirely in the page (a blob: URL, never a server). */
export function download(data: BlobPart, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let uid = 0;
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A form control with its label, laid out as a field: `<div class="field"><label for=id>…</label>control</div>`. */
export function field(id: string, label: string, control: Child): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), control);
}

/**
 * A labelled `<select>` laid out as a field: `options` as [value, text], the
 * one equal to `value` selected; `onChange` gets the chosen value.
 */
export function selectField(o: {
  label: string;
  testid: string;
  options: [string, string][];
  value: string;
  onChange: (value: string) => void;
  className?: string;
}): HTMLElement {
  const id = nextId(o.testid);
  return h(
    'div',
    { class: o.className ? `field ${o.className}` : 'field' },
    h('label', { for: id, text: o.label }),
    h(
      'select',
      { id, 'data-testid': o.testid, onchange: (e: Event) => o.onChange((e.target as HTMLSelectElement).value) },
      o.options.map(([value, text]) => h('option', { value, text, selected: value === o.value })),
    ),
  );
}

/** A table head: one column header per entry of `headers`; the columns at the `numeric` positions are right-aligned numbers. */
export function thead(headers: string[], numeric: number[] = []): HTMLElement {
  return h('thead', null, h('tr', null, headers.map((text, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : undefined, text }))));
}
