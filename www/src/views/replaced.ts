// Until several files make one analysis, opening a dossier-only file while a
// village list is on show (or the reverse) replaces it. That is said, never
// done silently (issue 19): a notice names what is no longer shown and
// offers the way back to the previous file through the saved workspaces.
import { h } from '../dom';
import { t } from '../i18n';

/** What was on show before a new file was opened. */
export interface Previous {
  /** The stored workspace (null: the demo or an unsaved file, nothing to go back to). */
  id: string | null;
  name: string;
  villages: boolean;
  dossiers: boolean;
}

export interface Replaced {
  lost: 'villages' | 'dossiers';
  prev: { id: string; name: string };
  file: string;
}

/** The half of the previous workspace the new file drops, if any. */
export function replacedHalf(prev: Previous, file: string, villages: boolean, dossiers: boolean): Replaced | null {
  if (!prev.id) return null;
  const p = { id: prev.id, name: prev.name };
  if (prev.villages && !villages && dossiers) return { lost: 'villages', prev: p, file };
  if (prev.dossiers && !dossiers && villages) return { lost: 'dossiers', prev: p, file };
  return null;
}

export function replacedNotice(r: Replaced, back: (id: string) => void, dismiss: () => void): HTMLElement {
  return h(
    'div',
    { class: 'warning', role: 'status', 'data-testid': 'replaced-notice', 'data-lost': r.lost },
    h('p', { text: t(r.lost === 'villages' ? 'replaced_villages' : 'replaced_dossiers', { file: r.file, prev: r.prev.name }) }),
    h('button', { type: 'button', class: 'primary', 'data-testid': 'replaced-back', text: t('replaced_back', { prev: r.prev.name }), onclick: () => back(r.prev.id) }),
    ' ',
    h('button', { type: 'button', 'data-testid': 'replaced-dismiss', text: t('dismiss'), onclick: dismiss }),
  );
}
