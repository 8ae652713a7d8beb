// The "Chia sẻ / Share" dialog: the link (aggregates only, in the URL
// fragment), its length, a copy button, a QR code for phones, and — above
// 2,000 characters, where Zalo and SMS start to cut links — a warning that
// offers the .thonso export instead.
import { h, fill, type Child } from '../dom';
import { t, locale } from '../i18n';
import { qrSvg } from '../qr';

/** The QR's box in the dialog, and the least pixels a module that a mid-range phone reads from a laptop screen at arm's length. */
export const QR_BOX_PX = 400;
export const QR_MIN_PX_PER_MODULE = 4;

/** The QR to show: the full link when it scans at the shown size, else the summary link; with its whole-pixel scale. */
export function chooseQr(full: string, summary: string | null, label: string): { which: 'full' | 'summary'; link: string; svg: SVGSVGElement; px: number } | null {
  for (const [which, link] of [['full', full], ['summary', summary]] as const) {
    if (!link) continue;
    const svg = qrSvg(link, label);
    if (!svg) continue;
    const side = Number(svg.getAttribute('data-modules')) + 8; // with the quiet zone
    const scale = Math.floor(QR_BOX_PX / side);
    if (scale < QR_MIN_PX_PER_MODULE) continue;
    const px = scale * side;
    svg.setAttribute('width', String(px));
    svg.setAttribute('height', String(px));
    svg.setAttribute('data-px-per-module', String(scale));
    return { which, link, svg, px };
  }
  return null;
}

export interface ShareDialogActions {
  exportThonso: () => void;
}

/** The page's address without fragment: a file:// page has no usable origin. */
export function linkFor(text: string): string {
  return `${location.href.split('#')[0]}#s=${text}`;
}

/**
 * A link to a page opened from a file (the one-file offline build): it opens
 * only on this computer, so the dialog says so and draws no QR (issue 19).
 */
export function isFileLink(link: string): boolean {
  return link.startsWith('file:');
}

async function copyText(text: string, field: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (e.g. file://): select it, so Ctrl+C works.
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export class ShareDialog {
  readonly root = h('dialog', { class: 'share-dialog', 'data-testid': 'share-dialog', 'aria-labelledby': 'share-dialog-h' });
  private readonly body = h('div');

  constructor(private readonly actions: ShareDialogActions) {
    this.root.append(this.body);
    this.root.addEventListener('close', () => this.restoreFocus?.focus());
  }

  private restoreFocus: HTMLElement | null = null;

  /** Opens the dialog at once (with a "making the link" line) and fills it when the link is ready. */
  open(): void {
    this.restoreFocus = document.activeElement as HTMLElement | null;
    fill(this.body, this.head(), h('p', { 'aria-live': 'polite', text: t('share_making') }), this.closeButton());
    if (!this.root.isConnected) document.body.append(this.root);
    if (!this.root.open) this.root.showModal();
  }

  close(): void {
    if (this.root.open) this.root.close();
  }

  showError(message: string): void {
    fill(this.body, this.head(), h('p', { class: 'error', role: 'alert', 'data-testid': 'share-error', text: message }), this.closeButton());
  }

  /**
   * `note`: said above the link (e.g. that it carries a what-if scenario);
   * `comfortable`: the longest link that is easy to send (the core's
   * `share::COMFORTABLE_LINK_CHARS`).
   */
  show(text: string, summaryText: string | null, note: Child, comfortable: number, mergeText: string | null = null): void {
    const link = linkFor(text);
    const local = isFileLink(link);
    const long = link.length > comfortable;
    const field = h('textarea', {
      id: 'share-link',
      readonly: true,
      rows: 4,
      spellcheck: 'false',
      'data-testid': 'share-link',
      text: link,
    });
    const copied = h('span', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'share-copied' });
    const qr = local ? null : chooseQr(link, summaryText ? linkFor(summaryText) : null, t('share_qr'));
    fill(
      this.body,
      this.head(),
      h('p', { class: 'muted small', text: t('share_caption') }),
      local ? h('div', { class: 'warning', role: 'alert', 'data-testid': 'share-file-warning' }, h('p', { text: t('share_file_warning') })) : null,
      note,
      h('label', { for: 'share-link', text: t('share_link_label') }),
      field,
      h(
        'p',
        null,
        h('span', {
          'data-testid': 'share-length',
          'data-value': String(link.length),
          text: t('share_length', { n: new Intl.NumberFormat(locale()).format(link.length) }),
        }),
      ),
      mergeText && mergeText !== text
        ? h(
            'details',
            { class: 'share-merge', 'data-testid': 'share-merge' },
            h('summary', { text: t('share_merge_label') }),
            h('p', { class: 'muted small', text: t('share_merge_hint') }),
            h('textarea', {
              readonly: true,
              rows: 3,
              spellcheck: 'false',
              'aria-label': t('share_merge_label'),
              'data-testid': 'share-merge-link',
              text: linkFor(mergeText),
            }),
          )
        : null,
      long
        ? h(
            'div',
            { class: 'warning', role: 'alert', 'data-testid': 'share-too-long' },
            h('p', { text: t('share_too_long', { max: new Intl.NumberFormat(locale()).format(comfortable) }) }),
            h('button', { type: 'button', 'data-testid': 'share-export-instead', text: t('share_export_instead'), onclick: () => this.actions.exportThonso() }),
          )
        : null,
      h(
        'div',
        { class: 'share-buttons' },
        h('button', {
          type: 'button',
          class: 'primary',
          'data-testid': 'share-copy',
          text: t('share_copy'),
          onclick: async () => {
            const ok = await copyText(link, field);
            copied.textContent = ok ? t('share_copied') : t('share_copy_failed');
          },
        }),
        copied,
      ),
      local ? h('p', { class: 'muted', 'data-testid': 'share-qr-local', text: t('share_qr_file') }) : null,
      h(
        'figure',
        { class: 'qr', 'data-testid': 'share-qr', hidden: local, 'data-which': qr?.which ?? 'none', 'data-link': qr?.link ?? '' },
        qr?.svg ?? h('p', { class: 'muted', text: t('share_qr_too_long') }),
        h('figcaption', { class: 'muted small', 'data-testid': 'share-qr-caption', text: qr ? (qr.which === 'full' ? t('share_qr_full') : t('share_qr_summary')) : t('share_qr') }),
        qr
          ? h('button', {
              type: 'button',
              'data-testid': 'share-qr-fullscreen',
              text: t('share_qr_fullscreen'),
              onclick: () => this.fullscreen(qr.link),
            })
          : null,
      ),
      this.closeButton(),
    );
    field.focus();
    field.select();
  }

  /** The QR alone, as large as the screen allows, for a phone held at arm's length. */
  private fullscreen(link: string): void {
    const svg = qrSvg(link, t('share_qr'));
    if (!svg) return;
    const close = h('button', { type: 'button', class: 'primary', 'data-testid': 'qr-fullscreen-close', text: t('share_close') });
    const box = h('dialog', { class: 'qr-fullscreen', 'data-testid': 'qr-fullscreen', 'aria-label': t('share_qr') }, svg, close);
    close.addEventListener('click', () => box.close());
    box.addEventListener('close', () => box.remove());
    this.root.append(box);
    box.showModal();
    close.focus();
  }

  private head(): HTMLElement {
    return h('h2', { id: 'share-dialog-h', text: t('share_title') });
  }

  private closeButton(): HTMLElement {
    return h('div', { class: 'dialog-close' }, h('button', { type: 'button', 'data-testid': 'share-close', text: t('share_close'), onclick: () => this.close() }));
  }
}
