// Long listings come in pages: the Serbian (Latin) sample site
// (sites/sr-latn.toml, nginx on 4179) has two teasers a page, so its five
// articles make three front pages, and its tags run over several too.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { clientNavigate, goLive, watchErrors } from './navigate.mjs';
import { AXE_TAGS } from './journeys.mjs';

const SR = 'http://127.0.0.1:4179';
const api = async (request, path) => (await request.get(`${SR}/api/v1${path}`)).json();

test('the front page is paginated: every article once, newest first, over pages with their own addresses', async ({ page, request }) => {
  const errors = watchErrors(page);
  const first = await api(request, '/index.json');
  const { pagination } = first;
  expect(pagination).toEqual({ page: 1, older_pages: 2, articles: 5 });
  const seen = [];
  for (let n = 1; n <= 3; n += 1) {
    const doc = await api(request, n === 1 ? '/index.json' : `/page/${n}.json`);
    expect(doc.pagination.page).toBe(n);
    expect(doc.articles.length).toBeLessThanOrEqual(2);
    seen.push(...doc.articles.map((a) => a.published));
  }
  expect(seen).toHaveLength(5);
  expect([...seen].sort().reverse()).toEqual(seen);

  // Prerendered: the links work before the app, and say where they are.
  await page.goto(`${SR}/page/2`);
  await expect(page).toHaveTitle('Najnovije vesti, strana 2 · Balkanski pregled');
  const pager = page.getByRole('navigation', { name: 'Stranice' });
  await expect(pager.locator('.pager-position')).toHaveText('Strana 2 od 3');
  await expect(pager.getByRole('link', { name: 'Noviji članci' })).toHaveAttribute('href', '/');
  await expect(pager.getByRole('link', { name: 'Stariji članci' })).toHaveAttribute('href', '/page/3');
  await expect(page.locator('link[rel=canonical]')).toHaveAttribute('href', /\/page\/2$/);

  // Live: the pager navigates client-side (no new document), titles follow,
  // and back returns to the page before.
  await goLive(page);
  await page.evaluate(() => { window.stayed = true; });
  await pager.getByRole('link', { name: 'Stariji članci' }).click();
  await expect(page).toHaveURL(`${SR}/page/3`);
  await expect(page.locator('.pager-position')).toHaveText('Strana 3 od 3');
  await expect(page.getByRole('link', { name: 'Stariji članci' })).toHaveCount(0);
  await expect(page).toHaveTitle('Najnovije vesti, strana 3 · Balkanski pregled');
  await page.getByRole('link', { name: 'Noviji članci' }).click();
  await page.getByRole('link', { name: 'Noviji članci' }).click();
  await expect(page).toHaveURL(`${SR}/`);
  await expect(page).toHaveTitle('Najnovije vesti · Balkanski pregled');
  await expect(page.getByRole('link', { name: 'Noviji članci' })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(`${SR}/page/2`);
  await expect(page.locator('.pager-position')).toHaveText('Strana 2 od 3');
  expect(await page.evaluate(() => window.stayed)).toBe(true);

  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  fs.mkdirSync('target/screenshots/pagination', { recursive: true });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('.pager').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `target/screenshots/pagination/front-page-2-${scheme}-${width}.png` });
    }
  }
  expect(errors).toEqual([]);
});

test('a tag\'s pages, and page addresses that are not pages, answer as they should', async ({ page, request }) => {
  const errors = watchErrors(page);
  const tag = await api(request, '/tags/kfor.json');
  expect(tag.pagination.older_pages).toBeGreaterThan(0);
  const last = tag.pagination.page + tag.pagination.older_pages;
  await page.goto(`${SR}/tags/kfor`);
  await expect(page.locator('.tag-page .kicker')).toContainText(`${tag.pagination.articles} `);
  await clientNavigate(page, `/tags/kfor/page/${last}`);
  await expect(page).toHaveTitle(`KFOR: članci, strana ${last} · Balkanski pregled`);
  await expect(page.locator('.pager-position')).toHaveText(`Strana ${last} od ${last}`);
  // The count is the tag's, not the page's.
  await expect(page.locator('.tag-page .kicker')).toContainText(`${tag.pagination.articles} `);
  // Past the last page, page 1 spelled as a page, and a malformed number: 404s.
  for (const path of [`/tags/kfor/page/${last + 1}`, '/page/1', '/page/02', '/page/9']) {
    const response = await request.get(`${SR}${path}`);
    expect(response.status(), path).toBe(404);
  }
  await clientNavigate(page, '/page/9');
  await expect(page.locator('main h1')).toHaveText('Stranica nije pronađena');
  expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('the sitemap lists every page of every listing', async ({ request }) => {
  const map = await (await request.get(`${SR}/sitemap.xml`)).text();
  for (const path of ['/page/2', '/page/3', '/tags/kfor/page/2']) {
    expect(map).toContain(`<loc>http://127.0.0.1:8080${path}</loc>`);
  }
  expect(map).not.toContain('/page/4<');
});
