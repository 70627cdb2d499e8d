// Page views for a portal's analytics (README, "Page views"): exactly one
// `gazette:pageview` event per page the reader sees, on the first load (with
// or without the app) and on each client-side navigation, none for a
// navigation that was superseded; an embed's view reaches its host page on
// another origin through embed.js.
import { test, expect } from '@playwright/test';
import { clientNavigate, followLink, goLive, holdWasm } from './navigate.mjs';

const ARTICLE = 'kfor-troop-levels-since-1999';
const HEADLINE = "From 50,000 to 3,800: KFOR's troop levels since 1999";

// Listens from the first script on, as a tag manager in the head would.
async function record(page) {
  await page.addInitScript(() => {
    window.__views = [];
    addEventListener('gazette:pageview', (e) => window.__views.push(e.detail));
  });
  return () => page.evaluate(() => window.__views);
}

test('one page view for the page a reader lands on, whether or not the app loads, and one per page after it', async ({ page }) => {
  const views = await record(page);
  await page.goto(`/articles/${ARTICLE}`);
  await expect.poll(views).toEqual([{ path: `/articles/${ARTICLE}`, title: `${HEADLINE} · Gazette`, type: 'article', slug: ARTICLE }]);
  // The app taking the page over is not another view.
  await goLive(page);
  await page.waitForTimeout(300);
  expect(await views()).toHaveLength(1);

  // Each page is seen (painted) before the reader moves on: one left
  // within a frame is not a view (the next test).
  const seen = (n) => expect.poll(async () => (await views()).length).toBe(n);
  await clientNavigate(page, '/tags/kfor');
  await expect(page.locator('main h1')).toHaveText('KFOR');
  await seen(2);
  await clientNavigate(page, '/');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await seen(3);
  await clientNavigate(page, '/no/such/page');
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await seen(4);
  // A missing article is "not found", whatever its address looks like.
  await clientNavigate(page, '/articles/no-such-article');
  await seen(5);
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Page not found');
  await page.waitForTimeout(300);
  expect((await views()).slice(1)).toEqual([
    { path: '/tags/kfor', title: 'KFOR: articles · Gazette', type: 'tag', slug: 'kfor' },
    { path: '/', title: 'Latest news · Gazette', type: 'front', slug: null },
    { path: '/no/such/page', title: 'Page not found · Gazette', type: 'not-found', slug: null },
    { path: '/articles/no-such-article', title: 'Page not found · Gazette', type: 'not-found', slug: 'no-such-article' },
    { path: '/no/such/page', title: 'Page not found · Gazette', type: 'not-found', slug: null },
  ]);
});

test('a reader whose app never loads is counted once', async ({ page }) => {
  const views = await record(page);
  await page.route('**/*_bg.wasm', (route) => route.abort('failed'));
  await page.goto('/tags/nato');
  await page.evaluate(() => document.querySelector('a[href]')?.dispatchEvent(new PointerEvent('pointerover', { bubbles: true })));
  await page.waitForTimeout(1000);
  expect(await views()).toEqual([{ path: '/tags/nato', title: 'NATO: articles · Gazette', type: 'tag', slug: 'nato' }]);
});

test('a superseded navigation is not a page view; a failure is not either', async ({ page }) => {
  const views = await record(page);
  await page.goto('/');
  await goLive(page);
  await page.route('**/api/v1/articles/kfor-clears-last-barricades.json', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue().catch(() => {});
  });
  await clientNavigate(page, '/articles/kfor-clears-last-barricades');
  await page.waitForTimeout(200);
  await clientNavigate(page, `/articles/${ARTICLE}`);
  await expect(page.locator('main h1')).toHaveText(HEADLINE);
  await page.route('**/api/v1/articles/nato-reexamines-ksf-engagement.json', (route) => route.fulfill({ status: 500, body: 'no' }));
  await clientNavigate(page, '/articles/nato-reexamines-ksf-engagement');
  await expect(page.locator('.error-state')).toBeVisible();
  await page.waitForTimeout(1800);
  expect((await views()).map((v) => v.slug)).toEqual([null, ARTICLE]);
});

// A view is taken when its page arrives: a reader who moves on at once
// (back, another link) never gets a view that mixes one page's route with
// the next page's address.
test('every view\'s path and slug belong to the same page, however fast the reader moves', async ({ page }) => {
  const views = await record(page);
  await page.goto('/');
  await goLive(page);
  const stops = ['/tags/kfor', `/articles/${ARTICLE}`, '/articles/no-such-article', '/tags/nato', '/no/such/page',
    '/articles/kfor-clears-last-barricades'];
  for (let round = 0; round < 3; round++) {
    for (const path of stops) {
      await clientNavigate(page, path);
      if (round > 0) await page.goBack();
    }
  }
  await page.waitForTimeout(1000);
  const seen = await views();
  expect(seen.length).toBeGreaterThan(3);
  for (const view of seen) {
    const expected = view.slug === null ? null : view.path.split('/').pop();
    expect(view.slug, JSON.stringify(view)).toBe(expected);
    const kind = view.path === '/' ? 'front' : view.path.startsWith('/tags/') ? 'tag' : view.path.startsWith('/articles/') ? null : 'not-found';
    if (kind) expect(view.type, JSON.stringify(view)).toBe(kind);
  }
});

// A view's title is read when its page is painted: a page the reader left
// before that (two clicks within a frame) is not a view, and no view carries
// the title of the page after it ("Loading…", another headline).
test('a page left before it was painted is no view, and every view\'s title is its own page\'s', async ({ page }) => {
  const views = await record(page);
  await page.goto('/');
  await goLive(page);
  const titles = {
    '/': 'Latest news · Gazette',
    '/tags/kfor': 'KFOR: articles · Gazette',
    '/tags/nato': 'NATO: articles · Gazette',
    [`/articles/${ARTICLE}`]: `${HEADLINE} · Gazette`,
    '/no/such/page': 'Page not found · Gazette',
    '/articles/no-such-article': 'Page not found · Gazette',
  };
  const pairs = [['/no/such/page', '/articles/no-such-article'], ['/tags/kfor', `/articles/${ARTICLE}`],
    ['/no/such/page', '/tags/nato'], ['/tags/nato', '/'], ['/', '/no/such/page']];
  await page.evaluate(`window.followLink = ${followLink}`);
  for (const [first, second] of pairs) {
    const before = (await views()).length;
    // The second click lands after the first page has rendered (a task
    // later) but before the next frame paints it.
    await page.evaluate(([a, b]) => new Promise((done) => requestAnimationFrame(() => {
      followLink(a);
      setTimeout(() => { followLink(b); done(); }, 0);
    })), [first, second]);
    await expect.poll(async () => (await views()).at(-1)?.path).toBe(second);
    expect((await views()).length - before).toBeLessThanOrEqual(2);
  }
  await page.waitForTimeout(300);
  for (const view of await views()) expect(view.title, JSON.stringify(view)).toBe(titles[view.path]);
});

test('an embed\'s page view reaches its host page on another origin', async ({ page }) => {
  const origin = 'http://127.0.0.1:4173';
  await page.goto('http://127.0.0.1:4175/');
  await page.evaluate((o) => {
    window.__views = [];
    addEventListener('gazette:pageview', (e) => window.__views.push(e.detail));
    const script = document.createElement('script');
    script.src = `${o}/embed.js`;
    document.body.append(script);
    script.onload = () => {
      const frame = document.createElement('iframe');
      frame.src = `${o}/embed/charts/${'kfor-troop-levels-since-1999'}/kfor-troops`;
      frame.title = 'KFOR troop levels';
      document.getElementById('embed').append(frame);
    };
  }, origin);
  await expect.poll(() => page.evaluate(() => window.__views)).toEqual([{
    path: `/embed/charts/${ARTICLE}/kfor-troops`,
    title: 'KFOR troop levels, 1999–2023 · Gazette',
    type: 'chart-embed',
    slug: ARTICLE,
    embedded: true,
  }]);
  // A message of the same shape from another origin is not passed on.
  await page.evaluate(() => postMessage({ type: 'gazette:pageview', detail: { path: '/forged' } }, '*'));
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__views.length)).toBe(1);
});
