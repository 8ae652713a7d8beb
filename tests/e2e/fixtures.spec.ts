// The fixture of fixtures.ts must fail a test during which a request left
// localhost. Each test below makes one such request and is marked
// `test.fail()`: it passes only if the fixture failed it. The requests come
// from about:blank (no CSP there, so they really go out) and are given up
// after 2 s, so a resolver that never answers cannot hang the test.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function request(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.evaluate(
    (url) => Promise.race([fetch(url, { mode: 'no-cors' }).then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, 2_000))]),
    url,
  );
}

test('a request to another host fails the test', async ({ page }) => {
  test.fail();
  await request(page, 'http://example.invalid/');
});

test('a request to another port of localhost fails the test', async ({ page, baseURL }) => {
  test.fail();
  const port = Number(new URL(baseURL!).port);
  await request(page, `http://127.0.0.1:${port === 1 ? 2 : 1}/`);
});

test('a request from a context the test opens itself fails the test', async ({ browser }) => {
  test.fail();
  const context = await browser.newContext();
  await request(await context.newPage(), 'http://example.invalid/other-context');
  await context.close();
});

test('a request from browser.newPage fails the test', async ({ browser }) => {
  test.fail();
  const page = await browser.newPage();
  await request(page, 'http://example.invalid/new-page');
  await page.close();
});

test('requests to the test server on localhost pass', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).not.toBeEmpty();
});
