// The page's one text-folding rule for search: what someone types without
// diacritics ("to dan pho") finds «Tổ dân phố». It mirrors the core's
// `fold_key` (core/src/text/mod.rs): lowercase, no diacritics (đ → d), NFC
// and NFD alike, punctuation as spaces, whitespace collapsed. Search runs on
// every keystroke over names already on the page, so it stays here rather
// than a worker round trip per key; the worker exposes no fold call.

const MARKS = /\p{M}+/gu;
// `%` and `#` change a meaning («Tỷ lệ (%)»), as in fold_key.
const SEPARATORS = /[^\p{L}\p{N}%#]+/gu;

/** The search key of `s`: "Tổ dân phố  Số 1" → "to dan pho so 1". */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(SEPARATORS, ' ')
    .trim();
}

// Names are folded once, not on every keystroke (a province has 60,000 villages).
const cache = new Map<string, string>();
const CACHE_MAX = 200_000;

/** True when `foldedNeedle` (already folded with foldKey) occurs in `text`. */
export function foldIncludes(text: string, foldedNeedle: string): boolean {
  if (!foldedNeedle) return true;
  let key = cache.get(text);
  if (key === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    key = foldKey(text);
    cache.set(text, key);
  }
  return key.includes(foldedNeedle);
}
