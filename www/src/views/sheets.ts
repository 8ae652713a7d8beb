// The review panel: what the core recognized in each sheet of the file.
import { h, thead, type Child } from '../dom';
import { t, hasKey, pick, getLang } from '../i18n';
import { int } from '../format';
import type { CanonGroup, Indicator, InspectReport, MappingOverrides, SheetInfo } from '../types';

export interface MappingEditor {
  /** Mapping fixes in force for this file (from the last read). */
  applied: MappingOverrides;
  indicators: Indicator[];
  /** Re-read the file with these fixes. */
  apply(mapping: MappingOverrides): void;
}

const MAX_WARNINGS_SHOWN = 50;

/** The canonical columns' labels (from the core, `canon_groups`). */
interface Canon {
  groups: CanonGroup[];
  label(name: string): string;
}

function canonOf(groups: CanonGroup[]): Canon {
  const labels = new Map(groups.flatMap((g) => g.names.map((n) => [n.name, n] as const)));
  return {
    groups,
    // An unknown name (or before the labels arrive) is shown as it is.
    label: (name) => {
      const l = labels.get(name);
      return l ? `${getLang() === 'vi' ? l.vi : l.en} (${name})` : name;
    },
  };
}

function kindLabel(kind: string): string {
  const key = `kind_${kind}`;
  return hasKey(key) ? t(key) : kind;
}

function encodingLabel(enc: string | null): string {
  if (!enc) return t('enc_none');
  const key = `enc_${enc}`;
  return hasKey(key) ? t(key) : enc;
}

function choiceSelect(
  sheet: string,
  header: string,
  current: string,
  editor: MappingEditor,
  pending: MappingOverrides,
  onChange: () => void,
  canon: Canon,
): HTMLSelectElement {
  const sel = h(
    'select',
    {
      'aria-label': `${t('mapping_canonical')}: ${header}`,
      'data-testid': 'mapping-select',
      'data-header': header,
      onchange: () => {
        const m = (pending[sheet] ??= {});
        const applied = editor.applied[sheet]?.[header];
        if (sel.value !== current) m[header] = sel.value;
        else if (applied !== undefined) m[header] = applied;
        else delete m[header];
        if (!Object.keys(m).length) delete pending[sheet];
        onChange();
      },
    },
    h('option', { value: '', text: t('not_mapped') }),
    canon.groups.map((g) =>
      h(
        'optgroup',
        { label: getLang() === 'vi' ? g.vi : g.en },
        g.names.map((n) => h('option', { value: n.name, text: canon.label(n.name) })),
      ),
    ),
    editor.indicators.length
      ? h(
          'optgroup',
          { label: t('col_indicator') },
          editor.indicators.map((i) => h('option', { value: i.id, text: `${i.id} — ${pick(i.name, i.name_en)}` })),
        )
      : null,
  );
  const known = [...sel.options].some((o) => o.value === current);
  if (!known && current) sel.appendChild(h('option', { value: current, text: current }));
  sel.value = pending[sheet]?.[header] ?? current;
  return sel;
}

function mapping(sheet: SheetInfo, editor: MappingEditor | null, pending: MappingOverrides, onChange: () => void, canon: Canon): HTMLElement | string {
  const all = sheet.columns ?? [];
  if (!all.length) return '—';
  const recognized = all.filter((c) => c.canonical).length;
  // Doubtful and near mappings first: they are the ones to check.
  const rank = (c: (typeof all)[number]) => (c.confidence === 'doubtful' ? 0 : c.confidence === 'near' ? 1 : 2);
  const cols = [...all].sort((a, b) => rank(a) - rank(b));
  const doubtful = all.filter((c) => rank(c) < 2).length;
  return h(
    'details',
    { class: 'cell-details', open: doubtful ? true : undefined, 'data-testid': 'mapping-details', 'data-doubtful': String(doubtful) },
    h(
      'summary',
      null,
      `${recognized}/${all.length} · ${t('mapping_show', { n: all.length })}`,
      doubtful ? h('span', { class: 'badge warn', 'data-testid': 'mapping-doubtful', text: ` ⚠ ${t('mapping_doubtful_count', { n: doubtful })}` }) : null,
    ),
    h(
      'table',
      { class: 'inner' },
      h('caption', { class: 'visually-hidden', text: `${t('col_columns')}: ${sheet.name}` }),
      thead([t('mapping_header'), t('mapping_canonical'), t('mapping_type'), t('mapping_reason')]),
      h(
        'tbody',
        null,
        cols.map((c) =>
          h(
            'tr',
            { 'data-testid': 'column-mapping', 'data-confidence': c.confidence ?? '', class: rank(c) < 2 ? 'doubtful' : undefined },
            h('td', null, c.header, rank(c) < 2 ? h('span', { class: 'badge warn', text: ` ⚠ ${t('mapping_doubtful')}` }) : null),
            editor
              ? h('td', null, choiceSelect(sheet.name, c.header, c.canonical ?? '', editor, pending, onChange, canon), c.overridden ? ' ✎' : '')
              : h('td', { class: c.canonical ? undefined : 'muted' }, c.canonical ? canon.label(c.canonical) : t('not_mapped')),
            h('td', { text: c.type ?? '—' }),
            h('td', { class: 'muted small', 'data-testid': 'mapping-reason', text: pick(c.reason, c.reason_en) }),
          ),
        ),
      ),
    ),
  );
}

/** A disclosure with a small table: what a sheet's cell-level notes look like. */
function detailsTable(summary: string, caption: string, headers: string[], rows: HTMLElement[], after: Child = null): HTMLElement {
  return h(
    'details',
    { class: 'cell-details' },
    h('summary', { text: summary }),
    h(
      'table',
      { class: 'inner' },
      h('caption', { class: 'visually-hidden', text: caption }),
      thead(headers),
      h('tbody', null, rows),
    ),
    after,
  );
}

function warnings(sheet: SheetInfo): HTMLElement | string {
  const ws = sheet.warnings ?? [];
  if (!ws.length) return '0';
  return detailsTable(
    t('warnings_show', { n: ws.length }),
    `${t('col_warnings')}: ${sheet.name}`,
    [t('warn_row'), t('warn_column'), t('warn_value'), t('warn_message')],
    ws.slice(0, MAX_WARNINGS_SHOWN).map((w) =>
      h(
        'tr',
        { 'data-testid': 'sheet-warning' },
        h('td', { text: w.row == null ? '—' : String(w.row) }),
        h('td', { text: w.column ?? '—' }),
        h('td', { text: w.value ?? '' }),
        h('td', { text: pick(w.message, w.message_en) }),
      ),
    ),
    ws.length > MAX_WARNINGS_SHOWN ? h('p', { class: 'muted', text: t('warnings_more', { n: ws.length - MAX_WARNINGS_SHOWN }) }) : null,
  );
}

function repairedCells(sheet: SheetInfo): HTMLElement {
  const cells = sheet.repaired_cells ?? [];
  return detailsTable(
    t('repaired_show'),
    `${t('col_encoding')}: ${sheet.name}`,
    [t('warn_row'), t('warn_column'), t('repaired_from'), t('repaired_to')],
    cells
      .slice(0, MAX_WARNINGS_SHOWN)
      .map((c) => h('tr', null, h('td', { text: String(c.row) }), h('td', { text: c.column }), h('td', { text: c.from }), h('td', { text: c.to }))),
  );
}

export function sheetsPanel(report: InspectReport, editor: MappingEditor | null = null, canonGroups: CanonGroup[] = []): HTMLElement {
  const canon = canonOf(canonGroups);
  const caption = t('sheets_title');
  // Start from the fixes in force, so a re-read can be refined further.
  const pending: MappingOverrides = structuredClone(editor?.applied ?? {});
  const applyBtn = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'mapping-apply',
    text: t('mapping_apply'),
    disabled: true,
    onclick: () => editor?.apply(structuredClone(pending)),
  });
  const onChange = () => {
    applyBtn.disabled = JSON.stringify(pending) === JSON.stringify(editor?.applied ?? {});
  };
  return h(
    'div',
    { 'data-testid': 'sheets' },
    h('p', { class: 'muted', text: t('sheets_caption') }),
    editor ? h('div', { class: 'mapping-bar no-print' }, h('p', { class: 'muted small', text: t('mapping_hint') }), applyBtn) : null,
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
      h(
        'table',
        null,
        h('caption', null, caption, ' — ', h('span', { 'data-testid': 'inspect-file', text: report.file }), ` (${report.format})`),
        thead([t('col_sheet'), t('col_kind'), t('col_rows'), t('col_header_row'), t('col_columns'), t('col_encoding'), t('col_warnings')], [2, 3]),
        h(
          'tbody',
          null,
          report.sheets.map((s) =>
            h(
              'tr',
              { 'data-testid': 'sheet-row', 'data-kind': s.kind },
              h('th', { scope: 'row', 'data-testid': 'sheet-name', text: s.name }),
              h(
                'td',
                { 'data-testid': 'sheet-kind' },
                kindLabel(s.kind),
                s.kind_reason ? h('div', { class: 'muted small', text: pick(s.kind_reason, s.kind_reason_en) }) : null,
              ),
              h('td', { class: 'num', 'data-testid': 'sheet-rows', 'data-value': String(s.rows), text: int(s.rows) }),
              h('td', { class: 'num', 'data-testid': 'sheet-header-row', text: s.header_row == null ? '—' : String(s.header_row) }),
              h('td', null, mapping(s, editor, pending, onChange, canon)),
              h(
                'td',
                { 'data-testid': 'sheet-encoding' },
                encodingLabel(s.repaired_encoding),
                s.repaired_count ? h('div', { class: 'muted small', text: t('repaired_cells', { n: int(s.repaired_count) }) }) : null,
                s.repaired_cells?.length ? repairedCells(s) : null,
              ),
              h('td', { 'data-testid': 'sheet-warnings' }, warnings(s)),
            ),
          ),
        ),
      ),
    ),
  );
}
