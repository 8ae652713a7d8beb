// Seeded benchmark datasets → tests/bench/data (git-ignored, never committed).
//
//   node tests/bench/gen.mjs [OUTDIR] [--force] [--small]
//
//   dossiers_100k.xlsx   100,000 dossiers × 9 columns, real date-time cells
//   dossiers_1m.csv      1,000,000 dossiers × 8 columns, "dd/mm/yyyy hh:mm" text (~138 MB)
//   villages_63619.xlsx  63,619 villages: Xã, Thôn, HT1 … XH5 (yes/no as Có/Không)
//   villages_63619.csv   the same table as CSV (DuckDB-wasm reads no .xlsx)
//   villages_2000.xlsx   2,000 villages, for the what-if slider
//
// Node, not a Rust example: a native release build of core (polars) costs
// ~12 CPU-minutes here, most of the 15-minute budget of `make bench` on a
// fresh clone; this script needs only Node and takes ~30 s. The .xlsx files
// are written by excelListXlsx (tests/support/workbook.mjs) the way Excel
// lays them out (shared strings, a date number format, deflate), not by a
// peer under test.
// Everything flows from fixed seeds through sfc32, so the bytes are the same
// on every run. STAMP records GEN_VERSION: when it matches and every file
// exists, nothing is rewritten.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA, FILES } from './lib.mjs';
import { excelListXlsx } from '../support/workbook.mjs';

const GEN_VERSION = 'gen v3 (node, sfc32, own xlsx writer)';
// --small: 1/1000 of every size, for CI's "does the generator still run" check.
const SMALL = process.argv.includes('--small');
const N_XLSX = SMALL ? 100 : 100_000;
const N_CSV = SMALL ? 1_000 : 1_000_000;
const N_VILLAGES = 63_619;
const N_VILLAGES_OUT = SMALL ? 64 : N_VILLAGES;
const N_COMMUNES_NATION = 2_634;
const N_WHATIF = SMALL ? 20 : 2_000;

// ------------------------------------------------------------------ PRNG --
function rng(seed) {
  let a = seed >>> 0, b = 0x9e3779b9, c = 0x243f6a88, d = 0xb7e15162;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  const r = {
    unit: next,
    below: (n) => Math.min(n - 1, Math.floor(next() * n)),
    chance: (p) => next() < p,
    pick: (xs) => xs[r.below(xs.length)],
    /** Approximately normal (Irwin–Hall, 4 terms). */
    normal: (mean, sd) => mean + sd * (next() + next() + next() + next() - 2) * Math.sqrt(3),
  };
  return r;
}

// ----------------------------------------------------------------- dates --
const DAY_MS = 86_400_000;
const dayOf = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS; // days since 1970-01-01
const weekday = (day) => (((day + 3) % 7) + 7) % 7; // 0 = Monday
function addWeekdays(day, k) {
  while (k > 0) {
    day += 1;
    if (weekday(day) < 5) k -= 1;
  }
  return day;
}
const p2 = (n) => (n < 10 ? '0' : '') + n;
const DATE_TEXT = new Map();
function dateText(day) {
  let s = DATE_TEXT.get(day);
  if (!s) {
    const t = new Date(day * DAY_MS);
    s = `${p2(t.getUTCDate())}/${p2(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
    DATE_TEXT.set(day, s);
  }
  return s;
}
const atText = (day, min) => `${dateText(day)} ${p2(Math.floor(min / 60))}:${p2(min % 60)}`;
const atExcel = (day, min) => day + 25_569 + min / 1440; // Excel 1900 serial

// ------------------------------------------------------------ vocabulary --
/** [field, procedure, legal deadline in working days, relative frequency]: 50 procedures. */
const PROCEDURES = [
  ['Hộ tịch', 'Đăng ký khai sinh', 1, 140],
  ['Hộ tịch', 'Đăng ký khai tử', 1, 40],
  ['Hộ tịch', 'Đăng ký kết hôn', 1, 50],
  ['Hộ tịch', 'Đăng ký lại khai sinh', 5, 10],
  ['Hộ tịch', 'Đăng ký lại kết hôn', 5, 4],
  ['Hộ tịch', 'Đăng ký nhận cha, mẹ, con', 3, 6],
  ['Hộ tịch', 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con', 3, 6],
  ['Hộ tịch', 'Đăng ký giám hộ', 3, 4],
  ['Hộ tịch', 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 3, 12],
  ['Hộ tịch', 'Cấp Giấy xác nhận tình trạng hôn nhân', 3, 40],
  ['Hộ tịch', 'Cấp bản sao Trích lục hộ tịch', 1, 40],
  ['Hộ tịch', 'Liên thông khai sinh, thường trú, cấp thẻ BHYT trẻ dưới 6 tuổi', 5, 12],
  ['Chứng thực', 'Chứng thực bản sao từ bản chính', 0, 160],
  ['Chứng thực', 'Chứng thực chữ ký', 0, 40],
  ['Chứng thực', 'Chứng thực hợp đồng, giao dịch', 2, 20],
  ['Chứng thực', 'Chứng thực văn bản phân chia di sản', 2, 6],
  ['Chứng thực', 'Chứng thực việc sửa đổi, bổ sung hợp đồng', 2, 4],
  ['Chứng thực', 'Cấp bản sao có chứng thực từ bản chính hợp đồng', 2, 4],
  ['Đất đai', 'Đăng ký biến động đất đai', 10, 24],
  ['Đất đai', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 20, 12],
  ['Đất đai', 'Chuyển mục đích sử dụng đất', 15, 8],
  ['Đất đai', 'Tách thửa, hợp thửa đất', 15, 8],
  ['Đất đai', 'Đính chính Giấy chứng nhận', 10, 4],
  ['Đất đai', 'Xóa đăng ký thế chấp', 3, 10],
  ['Đất đai', 'Hòa giải tranh chấp đất đai', 30, 3],
  ['Bảo trợ xã hội', 'Trợ cấp xã hội hằng tháng', 7, 10],
  ['Bảo trợ xã hội', 'Hỗ trợ chi phí mai táng', 3, 5],
  ['Bảo trợ xã hội', 'Xác định mức độ khuyết tật', 25, 4],
  ['Bảo trợ xã hội', 'Hỗ trợ làm nhà ở', 10, 2],
  ['Người có công', 'Giải quyết chế độ mai táng phí', 5, 3],
  ['Người có công', 'Xác nhận thân nhân liệt sĩ', 10, 2],
  ['Hộ kinh doanh', 'Đăng ký thành lập hộ kinh doanh', 3, 16],
  ['Hộ kinh doanh', 'Thay đổi nội dung đăng ký hộ kinh doanh', 3, 6],
  ['Hộ kinh doanh', 'Tạm ngừng kinh doanh', 3, 4],
  ['Hộ kinh doanh', 'Chấm dứt hoạt động hộ kinh doanh', 3, 3],
  ['Xây dựng', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 15, 8],
  ['Xây dựng', 'Cấp giấy phép sửa chữa, cải tạo', 15, 2],
  ['Nông nghiệp', 'Hỗ trợ khôi phục sản xuất sau thiên tai', 10, 2],
  ['Nông nghiệp', 'Phê duyệt kế hoạch khuyến nông', 15, 1],
  ['Văn hóa', 'Xét tặng danh hiệu Gia đình văn hóa', 5, 3],
  ['Văn hóa', 'Công nhận Khu dân cư văn hóa', 5, 1],
  ['Giáo dục', 'Chuyển trường học sinh tiểu học', 3, 3],
  ['Giáo dục', 'Hỗ trợ học sinh bán trú', 10, 2],
  ['Y tế', 'Cấp thẻ BHYT cho trẻ em dưới 6 tuổi', 5, 6],
  ['Tư pháp', 'Công nhận hòa giải viên', 5, 1],
  ['Tôn giáo', 'Đăng ký sinh hoạt tôn giáo tập trung', 20, 1],
  ['Thi đua khen thưởng', 'Tặng Giấy khen của Chủ tịch UBND xã', 20, 2],
  ['Nội vụ', 'Công nhận ban vận động thành lập hội', 10, 1],
  ['Lao động', 'Đăng ký hợp đồng lao động giúp việc gia đình', 5, 1],
  ['Môi trường', 'Đăng ký kế hoạch bảo vệ môi trường', 10, 2],
];
const PROC_CUM = (() => {
  let s = 0;
  return PROCEDURES.map((p) => (s += p[3]));
})();

const SYL_A = ['Sơn', 'Phú', 'Xuân', 'Gia', 'Bảo', 'Thái', 'Tân', 'Vĩnh', 'Phong', 'Bình', 'Hòa', 'Thanh', 'Trung', 'Đông', 'Nam', 'Tây', 'Minh', 'Quang', 'Cẩm', 'Kim', 'Long', 'Hưng', 'Thuận', 'Mường', 'Bản', 'Nậm', 'Tả', 'Võ', 'Lương', 'Yên', 'Châu', 'Lạc', 'Hợp', 'Thịnh', 'Định', 'Tiên', 'Đại', 'Hoàng', 'Ngọc', 'Phúc'];
const SYL_B = ['Hà', 'Thành', 'Lộc', 'Phú', 'Tiến', 'Thắng', 'An', 'Hải', 'Hưng', 'Sơn', 'Lâm', 'Khương', 'Lu', 'Nhuận', 'Quang', 'Mỹ', 'Trì', 'Cường', 'Tân', 'Hồng', 'Xuân', 'Đức', 'Yên', 'Linh', 'Bình', 'Khánh', 'Thọ', 'Hiệp', 'Lợi', 'Vinh', 'Chải', 'Pắc', 'Dương', 'Phong', 'Tiên', 'Hòa', 'Nghĩa', 'Trung', 'Long', 'Sáng'];

function communeNames(n, r) {
  const seen = new Set();
  const out = [];
  while (out.length < n) {
    let name = `${r.pick(SYL_A)} ${r.pick(SYL_B)}`;
    if (seen.has(name)) name = `${name} ${r.pick(SYL_B)}`;
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/** "Tà Hà 1", "Thôn 3", "Bản Nậm Lu 2", "Tổ dân phố 5"… */
function villageName(commune, k, r) {
  switch (r.below(4)) {
    case 0:
      return `${commune} ${k + 1}`;
    case 1:
      return `${r.pick(['Thôn', 'Bản', 'Tổ dân phố'])} ${k + 1}`;
    default: {
      const prefix = r.pick(['Thôn', 'Bản', 'Làng', 'Xóm', '']);
      const n = `${r.pick(SYL_A)} ${r.pick(SYL_B)}${r.chance(0.5) ? ` ${k + 1}` : ''}`;
      return prefix ? `${prefix} ${n}` : n;
    }
  }
}

// -------------------------------------------------------------- dossiers --
const DOSSIER_HEADERS = ['STT', 'Mã hồ sơ', 'Tên thủ tục', 'Xã', 'Thôn', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];
const CHANNELS = ['Trực tuyến', 'Trực tiếp', 'Bưu chính công ích'];
const START = dayOf(2023, 1, 1);
const END = dayOf(2025, 6, 30);

/** ~100 communes of 8–12 villages; received 01/01/2023–30/06/2025, ~3% still open. */
function dossierGen(seed) {
  const r = rng(seed);
  const communes = communeNames(100, r);
  const villages = communes.map((c) => {
    const n = 8 + r.below(5);
    return [...new Set(Array.from({ length: n }, (_, k) => villageName(c, k, r)))];
  });
  const office = () => (r.chance(0.6) ? 450 + r.below(240) : 810 + r.below(210)); // 07:30–11:30, 13:30–17:00
  const span = END - START + 1;
  function next(seq) {
    const u = r.unit() * PROC_CUM.at(-1);
    let p = 0;
    while (PROC_CUM[p] <= u) p++;
    const ci = r.below(communes.length);
    const vi = r.below(villages[ci].length);
    let day = START + r.below(span);
    if (weekday(day) >= 5 && r.chance(0.9)) day -= weekday(day) - 4; // mostly weekdays
    const progress = (day - START) / span;
    const x = r.unit();
    const channel = x < 0.25 + 0.35 * progress ? 0 : x < 0.97 ? 1 : 2; // online grows over time
    const recMin = office();
    const deadline = PROCEDURES[p][2];
    // Due: certified copies the same day (next working day after 15:00), else + legal deadline.
    const dueDay = deadline === 0 ? (recMin >= 900 ? addWeekdays(day, 1) : day) : addWeekdays(day, deadline);
    const limit = Math.max(1, deadline);
    const taken = r.chance(0.08) ? limit + 1 + Math.floor(r.unit() * r.unit() * 25) : Math.round(limit * Math.pow(r.unit(), 0.7));
    const open = r.chance(0.03) || day + Math.floor((taken * 7) / 5) + 2 > END;
    let done = null;
    if (!open) {
      const d = addWeekdays(day, taken);
      done = [d, Math.min(1410, d === day ? recMin + 30 + r.below(120) : office())];
    }
    const t = new Date(day * DAY_MS);
    const id = `${p2(t.getUTCFullYear() % 100)}${p2(t.getUTCMonth() + 1)}.${String(ci).padStart(3, '0')}.${String(seq).padStart(6, '0')}`;
    return { seq, id, proc: PROCEDURES[p][1], commune: communes[ci], village: villages[ci][vi], channel: CHANNELS[channel], rec: [day, recMin], due: dueDay, done };
  }
  return next;
}

const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The 1M-row dossier CSV (exported: the e2e load test writes the same file). */
export async function writeDossiersCsv(file, n) {
  const next = dossierGen(0x5448_0001);
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? null : new Promise((ok) => out.once('drain', ok)));
  await write(DOSSIER_HEADERS.slice(1).join(',') + '\n'); // no STT column: keeps the file near 130 MB
  let buf = '';
  for (let i = 0; i < n; i++) {
    const d = next(i);
    buf += `${d.id},${csvCell(d.proc)},${d.commune},${d.village},${d.channel},${atText(...d.rec)},${dateText(d.due)},${d.done ? atText(...d.done) : ''}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((ok, err) => out.end((e) => (e ? err(e) : ok())));
}

function writeDossiersXlsx(file, n) {
  const next = dossierGen(0x5448_0002);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const d = next(i);
    rows.push([i + 1, d.id, d.proc, d.commune, d.village, d.channel, { date: atExcel(...d.rec), time: true }, { date: d.due + 25_569 }, d.done ? { date: atExcel(...d.done), time: true } : null]);
  }
  writeFileSync(file, excelListXlsx('Hồ sơ', DOSSIER_HEADERS, rows, [8, 16, 48, 14, 18, 14, 17, 12, 17]));
}

// -------------------------------------------------------------- villages --
const INDICATORS = ['HT1', 'HT2', 'HT3', 'HT4', 'CQ1', 'CQ2', 'CQ3', 'CQ4', 'KT1', 'KT2', 'KT3', 'KT4', 'XH1', 'XH2', 'XH3', 'XH4', 'XH5'];
/** Yes/no indicators with their share of "Có"; the rest 0–100 around a mean. */
const MODEL = { HT2: [true, 0.93], HT3: [true, 0.72], CQ1: [true, 0.85], CQ2: [true, 0.9], KT3: [true, 0.45], KT4: [true, 0.35], XH4: [true, 0.55], XH5: [false, 72], HT1: [false, 78], HT4: [false, 78], XH3: [false, 78], CQ3: [false, 55], XH2: [false, 55] };

function villageRows(n, seed) {
  const r = rng(seed);
  const communes = communeNames(Math.ceil((n * N_COMMUNES_NATION) / N_VILLAGES), r);
  const next = communes.map(() => 0);
  const seen = communes.map(() => new Set());
  const names = [];
  outer: for (;;) {
    for (let ci = 0; ci < communes.length; ci++) {
      const count = 12 + r.below(25); // ~24 villages a commune
      for (let j = 0; j < count; j++) {
        const v = villageName(communes[ci], next[ci]++, r);
        if (seen[ci].has(v)) continue;
        seen[ci].add(v);
        names.push([communes[ci], v]);
        if (names.length === n) break outer;
      }
    }
  }
  const rows = names.map(() => {
    const skill = r.normal(0, 8); // a village good at one thing tends to be good at others
    return INDICATORS.map((id) => {
      const [yesNo, p] = MODEL[id] ?? [false, 68];
      if (r.chance(0.01)) return null; // missing
      if (yesNo) return r.chance(Math.min(1, Math.max(0, p + skill / 100))) ? 'Có' : 'Không';
      return Math.round(Math.min(100, Math.max(0, r.normal(p + skill, 18))) * 10) / 10;
    });
  });
  return { names, rows };
}

function writeVillagesXlsx(file, n, seed) {
  const { names, rows } = villageRows(n, seed);
  writeFileSync(file, excelListXlsx('Thôn', ['Xã', 'Thôn', ...INDICATORS], names.map((nm, i) => [...nm, ...rows[i]])));
}

function writeVillagesCsv(file, n, seed) {
  const { names, rows } = villageRows(n, seed);
  const lines = [['Xã', 'Thôn', ...INDICATORS].join(',')];
  names.forEach((nm, i) => lines.push([...nm, ...rows[i].map((v) => (v == null ? '' : String(v)))].join(',')));
  writeFileSync(file, lines.join('\n') + '\n');
}

// ------------------------------------------------------------------ main --
// Only when run as a script: the e2e specs import writeDossiersCsv.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? DATA);
  mkdirSync(dir, { recursive: true });
  const stamp = path.join(dir, 'STAMP');
  const files = Object.values(FILES);
  const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === GEN_VERSION && files.every((f) => existsSync(path.join(dir, f)));
  if (fresh && !force) {
    console.error(`gen: ${dir} is up to date (${GEN_VERSION})`);
  } else {
    rmSync(stamp, { force: true });
    const t0 = performance.now();
    const step = (f) => console.error(`gen: ${f} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    writeDossiersXlsx(path.join(dir, FILES.xlsx100k), N_XLSX);
    step(FILES.xlsx100k);
    await writeDossiersCsv(path.join(dir, FILES.csv1m), N_CSV);
    step(FILES.csv1m);
    writeVillagesXlsx(path.join(dir, FILES.villages), N_VILLAGES_OUT, 0x5448_0003);
    step(FILES.villages);
    writeVillagesCsv(path.join(dir, FILES.villagesCsv), N_VILLAGES_OUT, 0x5448_0003);
    step(FILES.villagesCsv);
    writeVillagesXlsx(path.join(dir, FILES.whatif), N_WHATIF, 0x5448_0004);
    step(FILES.whatif);
    writeFileSync(stamp, `${GEN_VERSION}${SMALL ? ' small' : ''}\n`);
  }
}
