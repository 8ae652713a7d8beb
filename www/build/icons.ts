// The app's PNG icons, drawn at build time (no image files in the repo, no
// downloads): a house — the village — whose windows are pixels — the
// "số" (digital) — on the app's teal. A tiny PNG encoder (deflate and CRC-32
// from Node's zlib, as in tests/support/zip.mjs).
import { crc32, deflateSync } from 'node:zlib';

const TEAL: RGB = [0x13, 0x5e, 0x77];
const WHITE: RGB = [0xff, 0xff, 0xff];
const AMBER: RGB = [0xf2, 0xb1, 0x34];
type RGB = [number, number, number];

interface Shape {
  inside(x: number, y: number): boolean;
  color: RGB;
}

const rect = (x0: number, y0: number, x1: number, y1: number, color: RGB): Shape => ({
  inside: (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1,
  color,
});

/** Triangle with apex (ax, ay) and a horizontal base from (x0, by) to (x1, by). */
const roof = (ax: number, ay: number, x0: number, x1: number, by: number, color: RGB): Shape => ({
  inside: (x, y) => {
    if (y < ay || y >= by) return false;
    const f = (y - ay) / (by - ay);
    return x >= ax - (ax - x0) * f && x < ax + (x1 - ax) * f;
  },
  color,
});

function roundedSquare(r: number, color: RGB): Shape {
  return {
    inside: (x, y) => {
      const cx = Math.min(Math.max(x, r), 1 - r);
      const cy = Math.min(Math.max(y, r), 1 - r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    },
    color,
  };
}

/** The drawing in a unit square; `scale` < 1 keeps it inside a maskable icon's safe zone. */
function shapes(maskable: boolean): Shape[] {
  const s = maskable ? 0.78 : 1;
  const m = (v: number) => 0.5 + (v - 0.5) * s;
  const R = (x0: number, y0: number, x1: number, y1: number, c: RGB) => rect(m(x0), m(y0), m(x1), m(y1), c);
  return [
    maskable ? rect(0, 0, 1, 1, TEAL) : roundedSquare(0.18, TEAL),
    roof(m(0.5), m(0.16), m(0.14), m(0.86), m(0.48), WHITE),
    R(0.25, 0.46, 0.75, 0.82, WHITE),
    R(0.33, 0.53, 0.47, 0.64, TEAL),
    R(0.53, 0.53, 0.67, 0.64, AMBER),
    R(0.33, 0.68, 0.47, 0.79, TEAL),
    R(0.53, 0.68, 0.67, 0.79, TEAL),
  ];
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGBA PNG of the icon, `size` pixels square, 4×4 supersampled. */
export function iconPng(size: number, maskable = false): Buffer {
  const list = shapes(maskable);
  const SS = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const u = (x + (sx + 0.5) / SS) / size;
          const v = (y + (sy + 0.5) / SS) / size;
          let c: RGB | null = null;
          for (const s of list) if (s.inside(u, v)) c = s.color;
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 255;
          }
        }
      }
      const n = SS * SS;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const cov = a / 255;
      raw[o] = cov ? Math.round(r / cov) : 0;
      raw[o + 1] = cov ? Math.round(g / cov) : 0;
      raw[o + 2] = cov ? Math.round(b / cov) : 0;
      raw[o + 3] = Math.round(a / n);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export const ICONS: { file: string; size: number; maskable: boolean }[] = [
  { file: 'icons/icon-192.png', size: 192, maskable: false },
  { file: 'icons/icon-512.png', size: 512, maskable: false },
  { file: 'icons/maskable-512.png', size: 512, maskable: true },
  { file: 'icons/apple-touch-icon.png', size: 180, maskable: true },
];
