// Share mode: the dialog that makes a link of the results on show, and the
// read-only report a `#s=` link opens (decoded and validated in the worker),
// which can be kept among the user's workspaces.
import { h, fill, type Child } from '../dom';
import { t, pick } from '../i18n';
import * as store from '../store';
import { emptyManifest } from '../workspace';
import { shareReport } from '../views/share';
import { scenarioShareNote } from '../views/scenario';
import type { AppError } from '../types';
import { state, clearShare, nowIso } from './state';
import { client, scorecard, shareDialog, turnaround } from './views';
import { app, errorBox, footerEl, header, messagesEl, renderAll, statusEl, errorSlot } from './shell';
import { startApp } from './persistence';

const share = state.share;

/** The share-link text after `#s=`, if the page was opened from one. */
export function shareTextFromHash(): string | null {
  const m = /^#s=(.*)$/s.exec(location.hash);
  return m ? linkBody(m[1]) : null;
}

/** A link's text after `#s=` (the whole text when it has none), as the core reads it. */
export function linkBody(link: string): string {
  const at = link.indexOf('#s=');
  let text = at >= 0 ? link.slice(at + 3) : link;
  try {
    text = decodeURIComponent(text); // some messengers percent-encode the fragment
  } catch {
    /* keep it as it came: the core reports what is wrong with it */
  }
  return text.replace(/\s+/g, '');
}

export async function openShareDialog(): Promise<void> {
  shareDialog.open();
  try {
    const at = nowIso();
    const options = { overrides: scorecard.currentOverrides(), turnaround: turnaround.options() };
    const text = await client.shareLink('main', at, options);
    const summary = await client.shareLinkSummary('main', at, options);
    const merge = await client.shareLinkMerge('main', at, options);
    const comfortable = await client.linkLimit();
    shareDialog.show(text, summary, scenarioShareNote(options.overrides), comfortable, merge);
  } catch (e) {
    const err = e as AppError;
    shareDialog.showError(pick(err.message, err.message_en));
  }
}

/** Shows the read-only report of a share link (decoded and validated in the worker). */
export async function showShare(text: string, savedId: string | null = null): Promise<void> {
  state.mode = 'share';
  share.text = text;
  share.payload = null;
  share.error = null;
  share.savedId = savedId;
  renderAll();
  try {
    share.payload = await client.decodeShare(text);
  } catch (e) {
    share.error = { ...(e as AppError), title: t('sr_error_title') };
  }
  if (share.text !== text) return;
  renderAll();
  document.getElementById(share.payload ? 'share-h' : 'main')?.focus();
}

/** Several communes' merge links, one per line, as one read-only report (core `share::merge`). */
export async function showMerged(raw: string): Promise<void> {
  const links = raw
    .split(/\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map(linkBody);
  state.mode = 'share';
  Object.assign(share, { text: '', payload: null, error: null, savedId: null });
  renderAll();
  try {
    if (!links.length) throw { code: 'share_merge', message: t('merge_empty'), message_en: t('merge_empty') };
    share.payload = await client.mergeShares(links);
  } catch (e) {
    share.error = { ...(e as AppError), title: t('merge_error_title') };
  }
  renderAll();
  document.getElementById(share.payload ? 'share-h' : 'main')?.focus();
}

export function renderShareMode(): void {
  document.title = `${t('app_title')} — ${t('sr_title')}`;
  statusEl.textContent = state.status;
  fill(errorSlot, state.error ? errorBox(state.error) : null);
  const openApp = () => void leaveShare();
  let body: Child;
  if (share.error) {
    body = h(
      'div',
      { 'data-testid': 'share-invalid' },
      errorBox(share.error),
      h('button', { type: 'button', 'data-testid': 'share-open-app', text: t('sr_open_app'), onclick: openApp }),
    );
  } else if (share.payload) {
    body = [
      // A merged report has no one link to keep.
      shareReport(share.payload, { importIt: share.savedId || !share.text ? null : () => void importShare(), openApp }),
      share.savedId ? h('p', { class: 'status', 'data-testid': 'share-imported', text: t('sr_imported') }) : null,
    ];
  } else {
    body = h('p', { class: 'muted', 'aria-live': 'polite', text: t('busy') });
  }
  fill(
    app,
    h('a', { class: 'skip', href: '#main', text: t('skip_to_content') }),
    header(),
    messagesEl,
    h('main', { id: 'main', tabindex: '-1', class: 'panel share-main' }, body),
    footerEl,
  );
}

/** Keeps a received report among the user's workspaces (no source file: aggregates only). */
export async function importShare(): Promise<void> {
  const p = share.payload;
  if (!p) return;
  const now = nowIso();
  const name = `${t('sr_title')} — ${p.provenance.file || '?'} (${p.provenance.at.slice(0, 10)})`;
  const manifest = emptyManifest(name, now);
  manifest.last_results = { app: 'thonso-web', at: now, share: share.text };
  try {
    const bytes = await client.encodeWorkspace(manifest, []);
    const id = store.newId();
    await store.put({ id, name, updated: now, size: bytes.length, kind: 'share' }, bytes, false);
    share.savedId = id;
    state.error = null;
    renderAll();
    document.querySelector<HTMLElement>('[data-testid="share-open-app"]')?.focus();
  } catch (e) {
    state.error = { ...(e as AppError), title: t('store_error_title') };
    renderAll();
  }
}

export async function leaveShare(): Promise<void> {
  clearShare();
  state.mode = 'app';
  state.error = null;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (state.inspect) {
    renderAll();
    return;
  }
  await startApp();
}

// ---------------------------------------------------------------- start-up
