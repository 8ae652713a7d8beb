// Build-time pieces of the offline app (used by vite.config.ts):
// - the PWA manifest and its PNG icons (drawn by icons.ts);
// - dist/sw.js: the service worker, with the list of every file in dist to
//   precache and a version that changes whenever any file does.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { ICONS, iconPng } from './icons';

/** Files the service worker must not precache: itself, and the separate one-file download. */
export const NOT_PRECACHED = new Set(['sw.js', 'thonso-offline.html']);

const MANIFEST = {
  name: 'Thôn Số — chấm điểm thôn và thời gian giải quyết hồ sơ',
  short_name: 'Thôn Số',
  description: 'Chấm điểm thôn chuyển đổi số và phân tích thời gian giải quyết hồ sơ, ngay trong trình duyệt.',
  lang: 'vi',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#f6f7f9',
  theme_color: '#135e77',
  icons: ICONS.filter((i) => !i.file.includes('apple')).map((i) => ({
    src: `./${i.file}`,
    sizes: `${i.size}x${i.size}`,
    type: 'image/png',
    purpose: i.maskable ? 'maskable' : 'any',
  })),
};

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  });
}

export function pwa(): Plugin {
  let config: ResolvedConfig;
  const icons = new Map(ICONS.map((i) => [i.file, () => iconPng(i.size, i.maskable)]));
  return {
    name: 'thonso-pwa',
    configResolved(c) {
      config = c;
    },
    transformIndexHtml() {
      return [
        { tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' },
        { tag: 'link', attrs: { rel: 'icon', type: 'image/png', href: './icons/icon-192.png' }, injectTo: 'head' },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: './icons/apple-touch-icon.png' }, injectTo: 'head' },
        { tag: 'meta', attrs: { name: 'theme-color', content: MANIFEST.theme_color }, injectTo: 'head' },
      ];
    },
    // `vite dev` serves the same manifest and icons from memory.
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const p = (req.url ?? '').split('?')[0].replace(/^\//, '');
        if (p === 'manifest.webmanifest') {
          res.setHeader('Content-Type', 'application/manifest+json');
          res.end(JSON.stringify(MANIFEST));
        } else if (icons.has(p)) {
          res.setHeader('Content-Type', 'image/png');
          res.end(icons.get(p)!());
        } else next();
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: JSON.stringify(MANIFEST, null, 2) });
      for (const [file, draw] of icons) this.emitFile({ type: 'asset', fileName: file, source: draw() });
    },
    // After every file (the worker chunk and the wasm included) is on disk.
    closeBundle() {
      if (config.command !== 'build') return;
      const out = path.resolve(config.root, config.build.outDir);
      const files = walk(out)
        .filter((f) => !NOT_PRECACHED.has(f))
        .sort();
      const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
      const hash = createHash('sha256').update(template);
      for (const f of files) hash.update(f).update(readFileSync(path.join(out, f)));
      const version = hash.digest('hex').slice(0, 16);
      // './' too: the start URL the browser navigates to.
      const list = ['./', ...files];
      const sw = template.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', JSON.stringify(list, null, 1));
      writeFileSync(path.join(out, 'sw.js'), sw);
      const bytes = files.reduce((n, f) => n + statSync(path.join(out, f)).size, 0);
      config.logger.info(`sw.js: ${list.length} entries precached (${(bytes / 1024 / 1024).toFixed(1)} MB), version ${version}`);
    },
  };
}
