// A small .xlsx reader for tests: every sheet as rows of cell text (shared
// and inline strings, numbers as written). Enough to pull names and ids out
// of a workbook; not a general spreadsheet reader.
import { unzip } from './zip.mjs';

const unxml = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

function texts(xml) {
  // The text runs of one <si> or <is>, joined.
  return unxml([...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]).join(''));
}

function colIndex(ref) {
  const letters = /^[A-Z]+/.exec(ref)[0];
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** { sheet name: rows of cell text } */
export function readXlsx(buf) {
  const files = unzip(buf);
  const str = (name) => files.get(name)?.toString('utf8') ?? '';
  const shared = [...str('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
  const rels = new Map([...str('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const out = {};
  for (const m of str('xl/workbook.xml').matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = rels.get(m[2]) ?? '';
    const xml = str(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    const rows = [];
    for (const row of xml.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)) {
      const cells = [];
      for (const c of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const type = /t="([^"]+)"/.exec(c[2])?.[1];
        const body = c[3] ?? '';
        const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
        let text = '';
        if (type === 's') text = shared[Number(v)] ?? '';
        else if (type === 'inlineStr') text = texts(body);
        else if (v !== undefined) text = unxml(v);
        cells[colIndex(c[1])] = text;
      }
      rows.push(Array.from(cells, (x) => x ?? ''));
    }
    out[unxml(m[1])] = rows;
  }
  return out;
}
