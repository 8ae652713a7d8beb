// One line under the tabs after a file is read: what was understood
// («Đã đọc: trang "Danh sách thôn", 129 thôn, 21 cột; 2 cột cần xem lại»),
// a link to the review, and — when the file holds both villages and
// dossiers — a switch to the other answer. Doubtful mappings (the core marks
// them `doubtful` or `near`) and unknown status words raise it to a warning.
import { h } from '../dom';
import { t, pick } from '../i18n';
import { int } from '../format';
import type { InspectReport, ScoreReport, SheetInfo, TurnaroundReport } from '../types';

export interface ReadBannerActions {
  review(): void;
  show(view: 'score' | 'turnaround'): void;
}

function doubtfulColumns(s: SheetInfo): number {
  return (s.columns ?? []).filter((c) => c.confidence === 'doubtful' || c.confidence === 'near').length;
}

/** The banner for a read file; `current` is the answer on show. */
export function readBanner(
  inspect: InspectReport,
  score: ScoreReport | null,
  ta: TurnaroundReport | null,
  current: string,
  actions: ReadBannerActions,
): HTMLElement | null {
  const used = inspect.sheets.filter((s) => (s.kind === 'villages' && score) || (s.kind === 'dossiers' && ta));
  if (!used.length) return null;
  const parts = used.map((s) => {
    const unit = s.kind === 'villages' ? t('banner_villages', { n: int(s.rows) }) : t('banner_dossiers', { n: int(s.rows) });
    return t('banner_sheet', { name: s.name, what: unit, cols: int((s.columns ?? []).length) });
  });
  const doubtful = used.reduce((n, s) => n + doubtfulColumns(s), 0);
  const unknownStatuses = (ta?.statuses ?? []).filter((s) => s.source === 'unknown').length;
  const warn = doubtful > 0 || unknownStatuses > 0 || ta?.completion_from === 'returned' || !!(score?.ignored_sheets?.length || ta?.ignored_sheets?.length);
  const notes: string[] = [];
  if (doubtful) notes.push(t('banner_doubtful', { n: doubtful }));
  if (unknownStatuses) notes.push(t('banner_unknown_status', { n: unknownStatuses }));
  if (ta?.completion_from === 'returned') notes.push(t('banner_returned'));
  // Sheets that looked like villages or dossiers but were left out, with why.
  const ignored = [...(score?.ignored_sheets ?? []), ...(ta?.ignored_sheets ?? [])];
  for (const s of ignored) notes.push(t('banner_ignored', { name: s.name, why: pick(s.reason, s.reason_en) }));
  const other = score && ta ? (current === 'turnaround' ? 'score' : 'turnaround') : null;
  return h(
    'p',
    {
      class: `read-banner no-print${warn ? ' warn' : ''}`,
      role: warn ? 'alert' : 'status',
      'data-testid': 'read-banner',
      'data-warn': String(warn),
      'data-doubtful': String(doubtful),
    },
    warn ? '⚠ ' : '',
    `${t('banner_read')}: ${parts.join(' · ')}`,
    notes.length ? `; ${notes.join('; ')}. ` : '. ',
    h('button', { type: 'button', class: 'link', 'data-testid': 'read-banner-review', text: t('banner_review'), onclick: () => actions.review() }),
    other
      ? h('button', {
          type: 'button',
          class: 'link',
          'data-testid': 'read-banner-switch',
          text: other === 'turnaround' ? t('banner_to_turnaround') : t('banner_to_score'),
          onclick: () => actions.show(other),
        })
      : null,
  );
}
