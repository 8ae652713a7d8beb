// "Lưu trữ / Saved work": the workspaces kept in this browser (open, rename,
// download as .thonso, delete), importing a .thonso file, the snapshots of
// the open workspace, and how much storage the site uses.
import { h, fill, nextId, thead, type Child } from '../dom';
import { t, locale } from '../i18n';
import { DASH } from '../format';
import type { IndexEntry, StorageInfo } from '../store';

export interface WorkspacesActions {
  open(id: string): void;
  rename(id: string, name: string): void;
  remove(id: string): void;
  exportOne(id: string): void;
  importFile(file: File): void;
  compareSnapshot(index: number): void;
  removeSnapshot(index: number): void;
}

export interface WorkspacesState {
  entries: IndexEntry[] | null;
  /** Why the list could not be read (storage unavailable). */
  unavailable: string | null;
  currentId: string | null;
  broken: Set<string>;
  storage: StorageInfo | null;
  snapshots: { name: string; file: number }[];
  comparing: number | null;
}

export function bytesText(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  const f = (v: number, d: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: d }).format(v);
  if (n < 1024) return `${f(n, 0)} B`;
  if (n < 1024 * 1024) return `${f(n / 1024, 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${f(n / 1024 / 1024, 1)} MB`;
  return `${f(n / 1024 / 1024 / 1024, 1)} GB`;
}

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || DASH;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export class WorkspacesView {
  readonly root = h('div', { class: 'workspaces', 'data-testid': 'workspaces' });
  private renaming: string | null = null;
  private confirming: string | null = null;
  private state: WorkspacesState = {
    entries: null,
    unavailable: null,
    currentId: null,
    broken: new Set(),
    storage: null,
    snapshots: [],
    comparing: null,
  };

  constructor(private readonly actions: WorkspacesActions) {}

  set(state: Partial<WorkspacesState>): void {
    Object.assign(this.state, state);
    this.render();
  }

  render(): void {
    const s = this.state;
    const importId = nextId('ws-import');
    fill(
      this.root,
      h('h2', { id: 'ws-h', text: t('ws_title') }),
      h('p', { class: 'muted', text: t('ws_caption') }),
      this.storageLine(),
      h(
        'div',
        { class: 'file-pick no-print' },
        h('input', {
          id: importId,
          type: 'file',
          class: 'visually-hidden',
          accept: '.thonso',
          'data-testid': 'ws-import-input',
          onchange: (e: Event) => {
            const input = e.target as HTMLInputElement;
            const f = input.files?.[0];
            if (f) this.actions.importFile(f);
            input.value = '';
          },
        }),
        h('label', { for: importId, class: 'button', text: t('ws_import') }),
      ),
      s.unavailable ? h('p', { class: 'warning', role: 'status', text: s.unavailable }) : this.table(),
      this.snapshotsSection(),
    );
  }

  private storageLine(): HTMLElement {
    const st = this.state.storage;
    const used =
      st && st.usage != null && st.quota != null
        ? t('storage_used', { used: bytesText(st.usage), quota: bytesText(st.quota) })
        : t('storage_unknown');
    const persisted = st?.persisted == null ? null : st.persisted ? t('storage_persisted') : t('storage_not_persisted');
    return h(
      'div',
      { class: 'storage', 'data-testid': 'storage' },
      h('p', { 'data-testid': 'storage-used', 'data-usage': st?.usage ?? '', 'data-quota': st?.quota ?? '', text: used }),
      st && st.usage != null && st.quota
        ? h('meter', { min: 0, max: st.quota, value: String(st.usage), 'aria-label': used, class: 'storage-meter' })
        : null,
      persisted ? h('p', { class: 'muted small', 'data-testid': 'storage-persisted', text: persisted }) : null,
    );
  }

  private table(): Child {
    const entries = this.state.entries;
    if (!entries) return h('p', { class: 'muted', text: t('busy') });
    if (!entries.length) return h('p', { class: 'muted', 'data-testid': 'ws-none', text: t('ws_none') });
    return h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('ws_title') },
      h(
        'table',
        { 'data-testid': 'ws-table' },
        h('caption', { class: 'visually-hidden', text: t('ws_title') }),
        thead([t('ws_col_name'), t('ws_col_updated'), t('ws_col_size'), t('ws_col_actions')], [2]),
        h(
          'tbody',
          null,
          entries.map((e) => this.row(e)),
        ),
      ),
    );
  }

  private row(e: IndexEntry): HTMLElement {
    const current = e.id === this.state.currentId;
    const broken = this.state.broken.has(e.id);
    const nameCell: Child[] = [h('span', { 'data-testid': 'ws-name', text: e.name })];
    if (current) nameCell.push(' ', h('span', { class: 'badge status-recognized', 'data-testid': 'ws-current', text: t('ws_is_current') }));
    if (e.kind === 'share') nameCell.push(h('div', { class: 'muted small', text: t('ws_kind_share') }));
    if (broken) nameCell.push(h('div', { class: 'bad small', 'data-testid': 'ws-broken', text: t('ws_broken') }));
    let actions: Child[];
    if (this.renaming === e.id) {
      const inputId = nextId('ws-rename');
      const input = h('input', { id: inputId, type: 'text', value: e.name, 'data-testid': 'ws-rename-input', maxlength: '200' });
      const save = () => {
        const name = input.value.trim();
        this.renaming = null;
        if (name && name !== e.name) this.actions.rename(e.id, name);
        else this.render();
      };
      input.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') save();
        if (ev.key === 'Escape') {
          this.renaming = null;
          this.render();
        }
      });
      actions = [
        h('label', { for: inputId, class: 'visually-hidden', text: t('ws_new_name', { name: e.name }) }),
        input,
        h('button', { type: 'button', 'data-testid': 'ws-rename-save', text: t('ws_save_name'), onclick: save }),
      ];
      queueMicrotask(() => input.focus());
    } else if (this.confirming === e.id) {
      actions = [
        h('button', {
          type: 'button',
          class: 'danger',
          'data-testid': 'ws-delete-confirm',
          text: t('ws_delete_confirm', { name: e.name }),
          onclick: () => {
            this.confirming = null;
            this.actions.remove(e.id);
          },
        }),
        h('button', {
          type: 'button',
          text: t('cancel'),
          onclick: () => {
            this.confirming = null;
            this.render();
          },
        }),
      ];
    } else {
      actions = [
        broken
          ? null
          : h('button', {
              type: 'button',
              'data-testid': 'ws-open',
              'aria-label': t('ws_open_named', { name: e.name }),
              text: t('ws_open'),
              disabled: current,
              onclick: () => this.actions.open(e.id),
            }),
        h('button', {
          type: 'button',
          'data-testid': 'ws-rename',
          'aria-label': t('ws_rename_named', { name: e.name }),
          text: t('ws_rename'),
          onclick: () => {
            this.renaming = e.id;
            this.confirming = null;
            this.render();
          },
        }),
        broken
          ? null
          : h('button', {
              type: 'button',
              'data-testid': 'ws-export',
              'aria-label': t('ws_export_named', { name: e.name }),
              text: t('ws_export'),
              onclick: () => this.actions.exportOne(e.id),
            }),
        h('button', {
          type: 'button',
          'data-testid': 'ws-delete',
          'aria-label': t('ws_delete_named', { name: e.name }),
          text: t('ws_delete'),
          onclick: () => {
            this.confirming = e.id;
            this.renaming = null;
            this.render();
            this.root.querySelector<HTMLElement>('[data-testid="ws-delete-confirm"]')?.focus();
          },
        }),
      ];
    }
    return h(
      'tr',
      { 'data-testid': 'ws-row', 'data-id': e.id, 'data-kind': e.kind },
      h('th', { scope: 'row' }, nameCell),
      h('td', { text: when(e.updated) }),
      h('td', { class: 'num', 'data-value': String(e.size), text: bytesText(e.size) }),
      h('td', null, h('div', { class: 'row-actions' }, actions)),
    );
  }

  private snapshotsSection(): Child {
    const s = this.state;
    if (!s.currentId) return null;
    return h(
      'section',
      { 'aria-labelledby': 'snap-h', 'data-testid': 'snapshots' },
      h('h3', { id: 'snap-h', text: t('snapshots_title') }),
      s.snapshots.length
        ? h(
            'ul',
            { class: 'snapshot-list' },
            s.snapshots.map((snap, i) =>
              h(
                'li',
                { 'data-testid': 'snapshot' },
                h('span', { text: snap.name }),
                s.comparing === i ? h('span', { class: 'muted', text: ` (${t('snapshot_comparing')})` }) : null,
                ' ',
                h('button', {
                  type: 'button',
                  'data-testid': 'snapshot-compare',
                  disabled: s.comparing === i,
                  text: t('snapshot_compare', { name: snap.name }),
                  onclick: () => this.actions.compareSnapshot(i),
                }),
                ' ',
                h('button', {
                  type: 'button',
                  'data-testid': 'snapshot-remove',
                  text: t('snapshot_remove', { name: snap.name }),
                  onclick: () => this.actions.removeSnapshot(i),
                }),
              ),
            ),
          )
        : h('p', { class: 'muted', text: t('snapshots_none') }),
    );
  }
}
