// QR code of a share link, drawn as SVG with DOM calls (no markup strings).
// The encoder is the bundled `qrcode-generator` package; nothing is fetched.
import qrcode from 'qrcode-generator';

const SVG = 'http://www.w3.org/2000/svg';
/** Byte-mode capacity of the largest QR code (version 40) at error level L. */
export const QR_MAX_BYTES = 2953;

/**
 * An SVG QR code of `text`, or null when the text is too long for any QR
 * code. One <path> holds every dark module, so a 2,000-character link stays
 * a light element.
 */
export function qrSvg(text: string, label: string): SVGSVGElement | null {
  if (new TextEncoder().encode(text).length > QR_MAX_BYTES) return null;
  const qr = qrcode(0, 'L');
  try {
    qr.addData(text, 'Byte');
    qr.make();
  } catch {
    return null;
  }
  const n = qr.getModuleCount();
  const margin = 4; // the quiet zone the standard asks for
  const size = n + margin * 2;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('data-modules', String(n));
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(size));
  bg.setAttribute('height', String(size));
  bg.setAttribute('fill', '#ffffff');
  const d: string[] = [];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.isDark(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < n && qr.isDark(r, c)) c += 1;
      d.push(`M${start + margin} ${r + margin}h${c - start}v1h${start - c}z`);
    }
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d.join(''));
  path.setAttribute('fill', '#000000');
  svg.append(bg, path);
  return svg;
}
