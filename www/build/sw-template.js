// Thôn Số service worker (generated into dist/sw.js by build/offline.ts).
// It precaches every file of the site — the ~15 MB wasm included — when it
// installs, then answers from that cache first, so after one visit the app
// (share links included: the #s= fragment never reaches the network) works
// with no connection. A new build has a new VERSION: the new worker installs
// its own cache, takes over, and deletes the old one.
/* global self, caches, fetch */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `thonso-${VERSION}`;
const scope = new URL(self.registration.scope);
const INDEX = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'no-cache': revalidate with the server, so a stale HTTP cache never
      // ends up in the offline copy.
      await cache.addAll(PRECACHE.map((u) => new Request(new URL(u, scope), { cache: 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('thonso-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin) return;
  const isApp = req.mode === 'navigate' && (url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`);
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // ignoreVary: servers often send "Vary: Origin", and the page's module
      // scripts carry an Origin header the precache requests did not.
      const hit = await cache.match(isApp ? INDEX : req, { ignoreVary: true });
      if (hit) return hit;
      return fetch(req);
    })(),
  );
});
