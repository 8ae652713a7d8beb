// `test` and `expect` for every spec: an automatic fixture fails any test
// during which a request left the machine (ARCHITECTURE.md, "Nothing leaves
// the machine"). Specs import `test`/`expect` from here, types and
// `chromium` from '@playwright/test'.
//
// Recorded: every request of the test's context (its pages, their dedicated
// workers and the service worker), of every context the test opens itself
// (`browser.newContext`, `browser.newPage`, `chromium.launchPersistentContext`),
// and every WebSocket their pages open. Allowed: http(s)/ws(s) to localhost,
// 127.0.0.1 or [::1] on the test's port, and blob:, data: and file: URLs
// (the one-file build is opened from disk).
import { test as base, expect, chromium, type Browser, type BrowserContext, type BrowserType } from '@playwright/test';
import { foreignRequests } from './helpers';

export { expect };

function watch(context: BrowserContext, urls: string[]): void {
  const onPage = (p: { on(e: 'websocket', f: (ws: { url(): string }) => void): unknown }) => p.on('websocket', (ws) => urls.push(ws.url()));
  context.on('request', (r) => urls.push(r.url()));
  context.on('page', onPage);
  context.pages().forEach(onPage);
}

/** Replaces `obj[key]` (a method returning a context) with one that watches what it returns; gives back the undo. */
function watchReturned<T extends Browser | BrowserType, K extends 'newContext' | 'launchPersistentContext'>(obj: T, key: K, urls: string[]): () => void {
  const target = obj as unknown as Record<string, (...a: unknown[]) => Promise<BrowserContext>>;
  const own = Object.prototype.hasOwnProperty.call(target, key);
  const original = target[key];
  target[key] = async function (this: unknown, ...args: unknown[]) {
    const context = await original.apply(this, args);
    watch(context, urls);
    return context;
  };
  return () => {
    if (own) target[key] = original;
    else delete target[key];
  };
}

export const test = base.extend<{ noRequestLeavesLocalhost: void }>({
  noRequestLeavesLocalhost: [
    async ({ context, browser, baseURL }, use) => {
      const urls: string[] = [];
      watch(context, urls);
      const undo = [watchReturned(browser, 'newContext', urls), watchReturned(chromium, 'launchPersistentContext', urls)];
      try {
        await use();
      } finally {
        undo.forEach((u) => u());
      }
      expect(foreignRequests(urls, baseURL!), 'requests that left localhost').toEqual([]);
    },
    { auto: true },
  ],
});
