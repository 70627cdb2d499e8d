// Long listings come in pages (decision 0030): the Serbian (Latin) sample
// site (sites/sr-latn.toml, nginx on 4179) has two teasers a page, so its
// five articles make a first page of the newest three and an archived page
// 1 of the oldest two; its tags run over pages too. A new article changes
// the first page only (the publish tests and bench-site count the files).
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { clientNavigate, goLive, watchErrors, axeResults } from './navigate.mjs';
import { AXE_TAGS } from './journeys.mjs';

const SR = 'http://127.0.0.1:4179';
const api = async (request, path) => (await request.get(`${SR}/api/v1${path}`)).json();

test('the front page is paginated: every article once, newest first, the archive counted from the oldest', async ({ page, request }) => {
  const errors = watchErrors(page);
  const first = await api(request, '/index.json');
  expect(first.pagination).toEqual({ archived: 1, articles: 5 });
  expect(first.articles).toHaveLength(3);
  const archived = await api(request, '/page/1.json');
  expect(archived.pagination).toEqual({ page: 1, newest: true });
  expect(archived.articles).toHaveLength(2);
  const seen = [...first.articles, ...archived.articles].map((a) => a.published);
  expect(new Set([...first.articles, ...archived.articles].map((a) => a.slug)).size).toBe(5);
  expect([...seen].sort().reverse()).toEqual(seen);

  // Prerendered: the links work before the app, and say where they are.
  await page.goto(`${SR}/page/1`);
  await expect(page).toHaveTitle('Najnovije vesti, strana 1 · Balkanski pregled');
  const pager = page.getByRole('navigation', { name: 'Stranice' });
  await expect(pager.locator('.pager-position')).toHaveText('Strana 1');
  await expect(pager.getByRole('link', { name: 'Noviji članci' })).toHaveAttribute('href', '/');
  await expect(pager.getByRole('link', { name: 'Stariji članci' })).toHaveCount(0);
  await expect(page.locator('link[rel=canonical]')).toHaveAttribute('href', /\/page\/1$/);

  // Live: the pager navigates client-side (no new document), titles follow,
  // and back returns to the page before.
  await goLive(page);
  await page.evaluate(() => { window.stayed = true; });
  await pager.getByRole('link', { name: 'Noviji članci' }).click();
  await expect(page).toHaveURL(`${SR}/`);
  await expect(page).toHaveTitle('Najnovije vesti · Balkanski pregled');
  await expect(page.locator('.pager-position')).toHaveText('Najnovije');
  await expect(page.getByRole('link', { name: 'Noviji članci' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Stariji članci' }).click();
  await expect(page).toHaveURL(`${SR}/page/1`);
  await expect(page.locator('main .teaser')).toHaveCount(2);
  await page.goBack();
  await expect(page).toHaveURL(`${SR}/`);
  await expect(page.locator('main .teaser')).toHaveCount(3);
  await page.goForward();
  await expect(page).toHaveURL(`${SR}/page/1`);
  await expect(page.locator('.pager-position')).toHaveText('Strana 1');
  expect(await page.evaluate(() => window.stayed)).toBe(true);

  const { violations } = await axeResults(page, AXE_TAGS);
  expect(violations.map((v) => v.id)).toEqual([]);
  fs.mkdirSync('target/screenshots/pagination', { recursive: true });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('.pager').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `target/screenshots/pagination/front-page-1-${scheme}-${width}.png` });
    }
  }
  expect(errors).toEqual([]);
});

test('a tag\'s pages, and page addresses that are not pages, answer as they should', async ({ page, request }) => {
  const errors = watchErrors(page);
  const tag = await api(request, '/tags/kfor.json');
  const newest = tag.pagination.archived;
  expect(newest).toBeGreaterThan(0);
  await page.goto(`${SR}/tags/kfor`);
  await expect(page.locator('.tag-page .kicker')).toContainText(`${tag.pagination.articles} `);
  await clientNavigate(page, `/tags/kfor/page/${newest}`);
  await expect(page).toHaveTitle(`KFOR: članci, strana ${newest} · Balkanski pregled`);
  await expect(page.locator('.pager-position')).toHaveText(`Strana ${newest}`);
  // An archived page says no count: the count changes with every article.
  await expect(page.locator('.tag-page .kicker')).toHaveText('Tema');
  // Past the newest archived page, page 0, and a malformed number: 404s.
  for (const path of [`/tags/kfor/page/${newest + 1}`, '/page/0', '/page/01', '/page/2', '/page/9']) {
    const response = await request.get(`${SR}${path}`);
    expect(response.status(), path).toBe(404);
  }
  await clientNavigate(page, '/page/9');
  await expect(page.locator('main h1')).toHaveText('Stranica nije pronađena');
  expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('the sitemap lists every page of every listing', async ({ request }) => {
  const map = await (await request.get(`${SR}/sitemap.xml`)).text();
  for (const path of ['/page/1', '/tags/kfor/page/1']) {
    expect(map).toContain(`<loc>http://127.0.0.1:8080${path}</loc>`);
  }
  expect(map).not.toContain('/page/2<');
});
