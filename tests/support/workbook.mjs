// Minimal .xlsx / .ods writers for tests and benchmarks, using only Node's
// zlib (through ./zip.mjs): tests can build workbooks with exactly known
// sheets and row counts, of any size, without a spreadsheet library.
// `xlsx`/`ods`: cells string → inline string, number → number, boolean →
// boolean, null/undefined → empty. `excelListXlsx`: one sheet laid out the way
// Excel writes a plain list (shared strings, styles, date cells).
import { zip } from './zip.mjs';

export { zip };

export function esc(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 forbids: drop them rather than write an unreadable file.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function colName(i) {
  let s = '';
  for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function sheetXml(rows) {
  const parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  rows.forEach((row, r) => {
    const cells = [];
    row.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const ref = `${colName(c)}${r + 1}`;
      if (typeof v === 'number') cells.push(`<c r="${ref}"><v>${v}</v></c>`);
      else if (typeof v === 'boolean') cells.push(`<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`);
      else cells.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`);
    });
    parts.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

/** An .xlsx file. sheets: [{name, rows: any[][]}] (row 1 first). */
export function xlsx(sheets) {
  const ct = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    ...sheets.map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
    '</Types>',
  ].join('');
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('')}</Relationships>`;
  return zip([
    { name: '[Content_Types].xml', data: ct },
    { name: '_rels/.rels', data: rels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: wbRels },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s.rows) })),
  ]);
}

/** An OpenDocument spreadsheet (.ods) with the same cell rules. */
export function ods(sheets) {
  const cell = (v) => {
    if (v === null || v === undefined || v === '') return '<table:table-cell/>';
    if (typeof v === 'number') return `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
    if (typeof v === 'boolean') return `<table:table-cell office:value-type="boolean" office:boolean-value="${v}"><text:p>${v}</text:p></table:table-cell>`;
    return `<table:table-cell office:value-type="string"><text:p>${esc(v)}</text:p></table:table-cell>`;
  };
  const content = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>',
    ...sheets.map(
      (s) => `<table:table table:name="${esc(s.name)}">${s.rows.map((r) => `<table:table-row>${r.map(cell).join('')}</table:table-row>`).join('')}</table:table>`,
    ),
    '</office:spreadsheet></office:body></office:document-content>',
  ].join('');
  const manifest =
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true },
    { name: 'content.xml', data: content },
    { name: 'META-INF/manifest.xml', data: manifest },
  ]);
}

/**
 * A one-sheet .xlsx laid out the way Excel writes a plain list (the benchmark
 * data; written here, not with SheetJS, so the input is not authored by a
 * peer): a shared-string table, a bold frozen header row, column widths,
 * deflated parts. Cells: string → shared string; number; null → empty;
 * { date: serial, time?: bool } → a date cell formatted "dd/mm/yyyy" (or
 * "dd/mm/yyyy hh:mm").
 */
export function excelListXlsx(sheetName, headers, rows, widths = null) {
  const sst = new Map();
  let sstCount = 0;
  const si = (s) => {
    sstCount++;
    let i = sst.get(s);
    if (i === undefined) sst.set(s, (i = sst.size));
    return i;
  };
  const cols = headers.map((_, c) => colName(c));
  const parts = [];
  const cell = (ref, v, style) => {
    if (v == null) return '';
    if (typeof v === 'string') return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="s"><v>${si(v)}</v></c>`;
    if (typeof v === 'number') return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
    return `<c r="${ref}" s="${v.time ? 3 : 2}"><v>${v.date}</v></c>`;
  };
  parts.push(`<row r="1">${headers.map((h, c) => cell(`${cols[c]}1`, h, 1)).join('')}</row>`);
  for (let i = 0; i < rows.length; i++) {
    const r = i + 2;
    let x = `<row r="${r}">`;
    const row = rows[i];
    for (let c = 0; c < row.length; c++) x += cell(`${cols[c]}${r}`, row[c]);
    parts.push(x + '</row>');
  }
  const dim = `A1:${cols.at(-1)}${rows.length + 1}`;
  const colsXml = widths ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="${dim}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${colsXml}<sheetData>${parts.join('')}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  const strings =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sstCount}" uniqueCount="${sst.size}">` +
    [...sst.keys()].map((s) => `<si><t>${esc(s)}</t></si>`).join('') +
    '</sst>';
  const styles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  const ns = 'http://schemas.openxmlformats.org';
  return zip([
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>` },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>` },
    { name: 'xl/styles.xml', data: styles },
    { name: 'xl/sharedStrings.xml', data: strings },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

// ------------------------------------------------------------------ data sets

/** A deterministic pseudo-random generator, so generated files are the same every run. */
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Headers as officials write them; the core maps them to HT1, HT2, HT3, CQ1.
const VILLAGE_HEADER = ['STT', 'Xã', 'Thôn', 'Tỷ lệ hộ có Internet cáp quang', 'Phủ sóng 4G/5G', 'Wifi miễn phí', 'Tổ công nghệ số cộng đồng'];

/** A small villages sheet: header on row 1 and exactly `n` data rows. */
export function villagesSheet(n, extraNames = []) {
  const rand = rng(7);
  const rows = [VILLAGE_HEADER];
  for (let i = 0; i < n; i++) {
    const name = extraNames[i] ?? `Thôn ${i + 1}`;
    rows.push([i + 1, i % 2 ? 'Sơn Hà' : 'Phố Lu', name, Math.round(rand() * 100), rand() > 0.2 ? 'Có' : 'Không', rand() > 0.3 ? 'Có' : 'Không', rand() > 0.3 ? 'Có' : 'Không']);
  }
  return { name: 'Danh sách thôn', rows };
}

const DOSSIER_HEADER = ['Mã hồ sơ', 'Tên thủ tục', 'Xã', 'Thôn', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Trạng thái'];
const PROCEDURES = ['Chứng thực bản sao từ bản chính', 'Đăng ký khai sinh', 'Đăng ký kết hôn', 'Cấp bản sao trích lục hộ tịch'];
const CHANNELS = ['Trực tuyến', 'Trực tiếp', 'Bưu chính'];

function ddmmyyyy(d) {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** A dossier sheet: header on row 1 and exactly `n` data rows, dates as dd/mm/yyyy text. */
export function dossiersSheet(n, seed = 11) {
  const rand = rng(seed);
  const rows = [DOSSIER_HEADER];
  const start = Date.UTC(2024, 0, 2);
  for (let i = 0; i < n; i++) {
    const received = new Date(start + Math.floor(rand() * 360) * 86400000);
    const due = new Date(received.getTime() + 5 * 86400000);
    const open = rand() < 0.05;
    const done = new Date(received.getTime() + Math.floor(rand() * rand() * 15) * 86400000);
    rows.push([
      `HS-${String(i + 1).padStart(7, '0')}`,
      PROCEDURES[i % PROCEDURES.length],
      i % 2 ? 'Sơn Hà' : 'Phố Lu',
      `Thôn ${(i % 9) + 1}`,
      CHANNELS[Math.floor(rand() * 3)],
      ddmmyyyy(received),
      ddmmyyyy(due),
      open ? '' : ddmmyyyy(done),
      open ? 'Đang xử lý' : 'Đã có kết quả',
    ]);
  }
  return { name: 'Hồ sơ', rows };
}
