// The one-file offline package (vite.single.config.ts): every script and
// style inlined into dist-single/thonso.html, the wasm deflate-raw
// compressed and base64-encoded in a non-executed data block, the worker
// started from a blob: URL. It opens from file:// with nothing beside it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputAsset = Rollup.OutputAsset;
type OutputChunk = Rollup.OutputChunk;

/** wasm-bindgen's default `new URL('…_bg.wasm', import.meta.url)` would pull the wasm in as an asset. */
export function dropDefaultWasmUrl(): Plugin {
  return {
    name: 'thonso-drop-default-wasm-url',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('pkg/thonso_wasm.js')) return null;
      const out = code.replace(/new URL\(\s*['"]thonso_wasm_bg\.wasm['"]\s*,\s*import\.meta\.url\s*\)/g, 'undefined');
      return { code: out, map: null };
    },
  };
}

/** Text safe inside an inline <script>: no "</script" or "<!--" can end or change it. */
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function singleFile(wasmPath: string, outName = 'thonso.html'): Plugin {
  return {
    name: 'thonso-single-file',
    apply: 'build',
    enforce: 'post',
    // After Vite's own generateBundle work (it fills in the preload helper there).
    generateBundle: { order: 'post', handler(_options, bundle) {
      const html = bundle['index.html'] as OutputAsset | undefined;
      if (!html) this.error('index.html missing from the bundle');
      const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
      if (chunks.length !== 1) this.error(`expected one script chunk (inlineDynamicImports), got ${chunks.map((c) => c.fileName).join(', ')}`);
      const css = Object.values(bundle)
        .filter((o): o is OutputAsset => o.type === 'asset' && o.fileName.endsWith('.css'))
        .map((a) => String(a.source))
        .join('\n');
      const others = Object.values(bundle).filter((o) => o.type === 'asset' && o.fileName !== 'index.html' && !o.fileName.endsWith('.css'));
      if (others.length) this.error(`unexpected extra files in the one-file build: ${others.map((o) => o.fileName).join(', ')}`);

      const js = scriptSafe(chunks[0].code);
      const scriptHash = createHash('sha256').update(js, 'utf8').digest('base64');
      const wasm = readFileSync(wasmPath);
      const packed = deflateRawSync(wasm, { level: 9 }).toString('base64');
      const csp = [
        "default-src 'none'",
        `script-src 'sha256-${scriptHash}' 'wasm-unsafe-eval'`,
        'worker-src blob:',
        "style-src 'unsafe-inline'",
        'img-src data: blob:',
        "connect-src 'none'",
        "font-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; ');

      let page = String(html.source);
      // Drop the external script and stylesheet references, and the served
      // site's manifest and icons (a file:// page has none of them).
      page = page.replace(/<script type="module"[^>]*src="[^"]*"[^>]*><\/script>\s*/g, '');
      page = page.replace(/<link rel="(?:stylesheet|modulepreload)"[^>]*>\s*/g, '');
      page = page.replace(/<link rel="(?:manifest|apple-touch-icon)"[^>]*>\s*/g, '');
      page = page.replace(/<link rel="icon"[^>]*>/, '<link rel="icon" href="data:,">');
      page = page.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/, `$1${csp}$2`);
      if (!page.includes(csp)) this.error('the Content-Security-Policy meta tag was not found in index.html');
      page = page.replace('</head>', () => `<style>\n${css}\n</style>\n</head>`);
      page = page.replace(
        '</body>',
        () =>
          `<script type="application/octet-stream" id="thonso-wasm" data-encoding="deflate-raw+base64" data-size="${wasm.length}">${packed}</script>\n` +
          `<script type="module">${js}</script>\n</body>`,
      );
      for (const key of Object.keys(bundle)) delete bundle[key];
      this.emitFile({ type: 'asset', fileName: outName, source: page });
      this.info?.(`${outName}: ${(page.length / 1024 / 1024).toFixed(1)} MB (wasm ${(wasm.length / 1024 / 1024).toFixed(1)} MB → ${(packed.length / 1024 / 1024).toFixed(1)} MB base64)`);
    } },
  };
}
