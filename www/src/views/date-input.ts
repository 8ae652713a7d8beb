// Dates typed as officials write them: dd/mm/yyyy, whatever the browser's
// locale (an <input type="date"> shows mm/dd/yyyy in an English-locale
// browser). Also accepts d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy and ISO
// yyyy-mm-dd. The page keeps ISO dates; this only reads and shows them.
import { h } from '../dom';
import { t } from '../i18n';

/** ISO yyyy-mm-dd for a typed date, or null when it is not a real date. */
export function parseDmy(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2200 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** dd/mm/yyyy for an ISO date ('' for none). */
export function formatDmy(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/**
 * A text field for a date in dd/mm/yyyy. `onChange` gets the ISO date (or
 * null when the field was cleared); a date that cannot be read marks the
 * field invalid and says so, and calls nothing.
 */
export function dateField(opts: { id: string; testid: string; value?: string; required?: boolean; onChange?: (iso: string | null) => void }): HTMLInputElement {
  const input = h('input', {
    id: opts.id,
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: t('date_placeholder'),
    title: t('date_hint'),
    size: 11,
    required: opts.required ? true : undefined,
    'data-testid': opts.testid,
    value: formatDmy(opts.value),
    onchange: () => {
      const raw = input.value.trim();
      const iso = raw ? parseDmy(raw) : null;
      if (raw && !iso) {
        input.setAttribute('aria-invalid', 'true');
        input.setCustomValidity(t('date_invalid'));
        input.reportValidity();
        return;
      }
      input.removeAttribute('aria-invalid');
      input.setCustomValidity('');
      if (iso) input.value = formatDmy(iso);
      input.dataset.iso = iso ?? '';
      opts.onChange?.(iso);
    },
  }) as HTMLInputElement;
  input.dataset.iso = opts.value ?? '';
  return input;
}

/**
 * The ISO date typed in a `dateField` when its form is submitted (Enter can
 * submit before the change event), or null after marking the field invalid
 * and saying why.
 */
export function readDate(input: HTMLInputElement): string | null {
  const iso = parseDmy(input.value);
  if (!iso) {
    input.setAttribute('aria-invalid', 'true');
    input.setCustomValidity(t('date_invalid'));
    input.reportValidity();
  }
  return iso;
}
